"""The zqplan command: parse arguments, call the layers, map errors to exit codes."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zqplan.errors import (
    ExitCode,
    InvalidInputError,
    Problems,
    RegistryError,
    UnknownTargetError,
    ZqplanError,
)
from zqplan.options import (
    FAIL_ON_STATUSES,
    STATUS_NAMES,
    AttributeChoice,
    BatchFormat,
    FailOn,
    KindChoice,
    Lang,
    OutputFormat,
    RoleChoice,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.batch import BatchRow
    from zqplan.ledger import Ledger
    from zqplan.model import Assessment, Observation, Plan, Programme, Target
    from zqplan.plausible import Figure
    from zqplan.render import Output, Terminal
    from zqplan.select import Selection

DEFAULT_REGISTRY = "targets.toml"
DEBUG_ENV = "ZQPLAN_DEBUG"
COMPLETE_ENV = "_ZQPLAN_COMPLETE"
"""Set by the shell while it asks for completions (Click's protocol)."""
REGISTRY_ENV = "ZQPLAN_REGISTRY"
USER_ENV = "ZQPLAN_USER"

CONTEXT = {"help_option_names": ["-h", "--help"]}
"""Every command, built alone or in the app, takes -h as well as --help."""

app = typer.Typer(
    name="zqplan",
    help="Track a government plan's targets: where each stands and whether it arrives on time.\n\n"
    "Example: zqplan status --area rural; zqplan update farm-output 86.5 --date 2024-12-31",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


def complete_target(incomplete: str) -> list[str]:
    """Shell completion: the ids of targets and programmes that start with what is typed."""
    try:
        from zqplan.registry import load_plan

        plan = load_plan(resolve_registry(None, writing=False, quiet=True))
    except ZqplanError:
        return []
    ids = [t.id for t in plan.targets] + [p.id for p in plan.programmes]
    return [i for i in ids if i.startswith(incomplete)]


def configured_lang(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> Lang:
    """--lang, then $ZQPLAN_LANG, then the config file's lang, then English."""
    from typer._click.core import ParameterSource  # Typer 0.28 vendors Click

    if param.name is None or ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
        return value
    from zqplan.discovery import has_config

    if not has_config():
        return value
    from zqplan.config import settings

    configured = settings().lang
    return value if configured is None else Lang(configured.value)


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help=f"The registry file. Default: ${REGISTRY_ENV}, then the config file's registry, "
        f"then {DEFAULT_REGISTRY} here or in a parent folder, then the Zhaoqing plan shipped "
        "with zqplan (read-only).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (see the README for the schema).")
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="ZQPLAN_LANG",
        help="Language of tables: en or zh (also $ZQPLAN_LANG, then the config file's lang). "
        "JSON carries both.",
        case_sensitive=False,
        callback=configured_lang,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="Output: table, json, ndjson, csv, tsv or markdown (--json is short for json).",
        case_sensitive=False,
        show_default=False,
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="These fields, in this order (listed in the README). Example: --fields id,status",
        show_default=False,
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=20,
        help="Lay tables out for this many columns (default: the terminal's; unlimited in a pipe).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Judge as things stood on this day (default: today).",
        show_default=False,
    ),
]

# The filters, sort and limit of the commands that list targets (zqplan/select.py).
AreaOption = Annotated[
    list[str] | None,
    typer.Option("--area", help="Only targets in this area (repeatable).", show_default=False),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Only targets with this status (repeatable): " + ", ".join(STATUS_NAMES),
        show_default=False,
    ),
]
AttributeOption = Annotated[
    list[AttributeChoice] | None,
    typer.Option(
        "--attribute",
        help="Only binding (约束性) or anticipatory (预期性) targets (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
RoleOption = Annotated[
    list[RoleChoice] | None,
    typer.Option(
        "--role",
        help="Only targets with this role: commitment, reported, direction (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
KindOption = Annotated[
    list[KindChoice] | None,
    typer.Option(
        "--kind",
        help="Only numeric or yes-no targets (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
StaleOption = Annotated[
    bool, typer.Option("--stale", help="Only targets whose latest figure is stale.")
]
FinalOption = Annotated[
    bool | None,
    typer.Option(
        "--final/--open",
        help="Only final verdicts (judged after the target date), or only open ones.",
        show_default=False,
    ),
]
DueBeforeOption = Annotated[
    str | None,
    typer.Option(
        "--due-before",
        metavar="YYYY-MM-DD",
        help="Only targets whose date (as in force) is before this day.",
        show_default=False,
    ),
]
SearchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only targets with TEXT in id, title, Chinese title or source, any case "
        "(repeatable). Example: --search 森林",
        show_default=False,
    ),
]
SortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="[-]FIELD",
        help="Sort by a field of --fields; -FIELD for descending. status sorts worst first; "
        "missing values go last. Example: --sort progress",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, metavar="N", help="At most N targets, after sorting."),
]


KnownAtOption = Annotated[
    str | None,
    typer.Option(
        "--known-at",
        metavar="YYYY-MM-DD",
        help="Use only records recorded on or before this day (UTC): what was known then, "
        "revisions included (default: everything recorded).",
        show_default=False,
    ),
]


def _show_version(value: bool) -> None:
    if value:
        from zqplan import __version__

        emit(f"zqplan {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track a government plan's targets: where each stands and whether it arrives on time."""


# --- inputs -------------------------------------------------------------------


def parse_date(text: str, *, option: str) -> dt.date:
    """A date from the command line, or the last day of the period it names ("2024-Q4")."""
    from zqplan.periods import FORMS, PeriodError, parse_period

    try:
        day = parse_period(text)
    except PeriodError as exc:
        reason = f": {exc.reason}" if exc.reason else ""
        raise InvalidInputError(
            f"{option} {text!r} is not a date{reason}", hint=f"write it as {FORMS}"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInputError(
            f"{option} {text!r} is outside the years {FIRST_YEAR}-{LAST_YEAR}",
            hint="a plan's dates are within them; check the year",
        )
    return day


FIRST_YEAR, LAST_YEAR = 1900, 2199
"""Dates zqplan accepts on the command line: far from the ends of the calendar."""


_YES = {"done": True, "yes": True, "true": True, "not-done": False, "no": False, "false": False}


def parse_value(text: str, target: Target) -> float | bool:
    """A value in the target's unit ("86.5", "300亿", "30 billion yuan"), or done / not-done."""
    raw = text.strip()
    from zqplan.model import Kind

    if target.kind is Kind.YES_NO:
        if raw.lower() in _YES:
            return _YES[raw.lower()]
        raise InvalidInputError(
            f"'{target.id}' is a yes/no target; {text!r} is not done or not-done",
            hint="pass done or not-done",
        )
    from zqplan.units import UnitError, parse_quantity, parse_unit

    unit = parse_unit(target.unit)
    try:
        number = parse_quantity(raw, unit)
    except UnitError as error:
        raise InvalidInputError(f"{error.message} for '{target.id}'", hint=error.hint) from None
    if unit.base == "rank" and (number < 1 or number != int(number)):
        raise InvalidInputError(
            f"{text!r} is not a rank for '{target.id}'", hint="a rank is a whole number, 1 or more"
        )
    return number


def check_text(text: str, *, option: str) -> None:
    """Refuse text that cannot be stored as UTF-8 (bytes that were not UTF-8 on argv)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(
            f"{option} is not valid UTF-8 text", hint="set a UTF-8 locale or fix the text"
        ) from None


def resolve_registry(option: Path | None, *, writing: bool, quiet: bool = False) -> Path:
    """--registry, then $ZQPLAN_REGISTRY, then the config file, then ./targets.toml or a
    parent's (see zqplan/discovery.py), then the shipped plan (said once on stderr)."""
    if option is not None:
        return option
    from_env = os.environ.get(REGISTRY_ENV)
    if from_env:
        return Path(from_env)
    from zqplan.discovery import discover_here, has_config

    if has_config():  # most runs have none: the config module is not even imported
        from zqplan.config import default_registry

        configured = default_registry()
        if configured is not None:
            return configured.path
    found = discover_here()
    if found is not None:
        return found[0]
    if writing:
        raise RegistryError(
            f"no registry here (no --registry, no ${REGISTRY_ENV}, no registry in the config "
            f"file, no {DEFAULT_REGISTRY} in this folder or its parents)",
            hint="run `zqplan init DIR` to start one, then cd DIR or pass --registry",
        )
    from zqplan.shipped import shipped_registry

    if not quiet and not _noted:
        _noted.append(True)  # once a run, and outside the memo: a replay says it again once
        say(
            f"zqplan: note: no {DEFAULT_REGISTRY} in this folder or its parents: showing the "
            "Zhaoqing plan shipped with zqplan (`zqplan init` starts your own)"
        )
    return shipped_registry()


_noted: list[bool] = []
"""Set once this run has said that it reads the shipped plan."""


def load(option: Path | None) -> tuple[Plan, Ledger]:
    """The registry and its ledger, both valid, or an error naming the first problem."""
    from zqplan import ledger, registry

    path = resolve_registry(option, writing=False)
    plan = registry.load_plan(path)
    records = ledger.read(ledger.ledger_path(path))
    observations: Sequence[Observation] = records.observations
    if any(t.renamed_from for t in plan.targets) or not _all_known(plan, records):
        from zqplan.renames import carry_over

        kept, unknown = carry_over(plan, records.observations)
        observations = kept
        if unknown:  # check reports each; reading goes on without them
            names = sorted({o.target_id for o in unknown})
            say(
                f"zqplan: note: left out {len(unknown)} record(s) for unknown target(s) "
                f"{', '.join(repr(n) for n in names[:5])}{' ...' * (len(names) > 5)} "
                "(`zqplan check` for more)"
            )
        records = replace(records, observations=tuple(kept))
    problems = [*records.problems, *ledger.validate(plan, observations)]
    if problems:
        raise Problems(problems)
    for torn in records.torn:  # maybe a write in progress: left out, and said so
        say(f"zqplan: note: left out {torn} (`zqplan check` for more)")
    return plan, records


def _all_known(plan: Plan, records: Ledger) -> bool:
    """Whether every record is for a target or programme of the plan (the common case)."""
    known = {t.id for t in plan.targets} | {p.id for p in plan.programmes}
    return all(o.target_id in known for o in records.observations)


def find_target(plan: Plan, target_id: str, index: dict[str, Target] | None = None) -> Target:
    """The target with that id (in any case) or Chinese title, or an error with suggestions."""
    target = plan.target(target_id) if index is None else index.get(target_id)
    if target is None:
        from zqplan.lookup import resolve

        found = plan.target(resolve(plan, target_id, programmes=False))
        assert found is not None  # resolve answers only ids of the plan's targets
        target = found
    return target


def today() -> dt.date:
    """The only place zqplan reads the clock for a date."""
    return dt.date.today()


def as_of_date(text: str | None) -> dt.date:
    return today() if text is None else parse_date(text, option="--as-of")


def known_at_date(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text, option="--known-at")


def known(observations: Sequence[Observation], known_at: dt.date | None) -> Sequence[Observation]:
    """The records recorded on or before known_at (UTC day); registry figures always count."""
    if known_at is None:
        return observations
    return [o for o in observations if o.recorded_at is None or o.recorded_at.date() <= known_at]


def choose_format(fmt: OutputFormat | None, json_flag: bool) -> OutputFormat:
    """--format, or --json as its short form; both at once must agree."""
    if json_flag and fmt not in (None, OutputFormat.JSON):
        raise InvalidInputError(
            f"--json and --format {fmt} ask for two formats", hint="give one of them"
        )
    return OutputFormat.JSON if json_flag else (fmt or OutputFormat.TABLE)


def plain_pipe(terminal: Terminal) -> bool:
    """A pipe or file with no --width and no FORCE_COLOR: plain text, laid out without Rich."""
    return not terminal.interactive and terminal.width is None and not os.environ.get("FORCE_COLOR")


def interactive() -> bool:
    """Whether stdout is a terminal a person reads (tables get colour, boxes and charts)."""
    stdout = sys.stdout
    return stdout is not None and stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit_output(
    output: Output,
    *,
    fmt: OutputFormat | None,
    json_flag: bool,
    fields: str | None,
    width: int | None,
) -> None:
    """Render a command's output in the chosen format and write it to stdout."""
    from zqplan.render import Terminal, render

    chosen = choose_format(fmt, json_flag)
    names = None if fields is None else [f.strip() for f in fields.split(",") if f.strip()]
    if fields is not None and not names:
        raise InvalidInputError("--fields names no field", hint="e.g. --fields id,status")
    terminal = Terminal(interactive=interactive(), width=width)
    emit(render(chosen, output, terminal=terminal, fields=names))


_captures: list[tuple[list[str], list[str]]] = []
"""While a read-only command runs memoised: what it writes to stdout and stderr."""


def emit(text: str) -> None:
    """Data, on stdout."""
    if _captures:
        _captures[-1][0].append(text)
        return
    from zqplan.errors import OutputError

    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed", hint="redirect it to a file or a pipe")
    try:
        # UTF-8 whatever the locale says (a Windows redirect is cp1252): JSON and CSV
        # are UTF-8 by their specifications, and Chinese titles fit no code page.
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text)
        else:
            stream.flush()
            buffer.write(text.encode("utf-8", "replace"))
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise OutputError(
            f"cannot write to standard output: {reason}", hint="check where the output goes"
        ) from None


def say(message: str) -> None:
    """A line for people, on stderr; text from files cannot steer the terminal."""
    from zqplan.safe import printable

    line = printable(message) + "\n"
    if _captures:
        _captures[-1][1].append(line)
        return
    _to_stderr(line)


def _to_stderr(text: str) -> None:
    """Write to stderr; a closed or full stderr loses the message, never the command."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def arguments(values: dict[str, object]) -> dict[str, object]:
    """A command's arguments for the memo key (the registry enters it as a file)."""
    return {name: value for name, value in values.items() if name != "registry"}


def memoized(
    command: str,
    params: dict[str, object],
    registry: Path,
    day: dt.date,
    body: Callable[[], None],
    *,
    also: Sequence[Path] = (),
) -> None:
    """Run a read-only command, or replay its output if nothing it reads has changed.

    See cache.py: the key covers the registry's and the ledger's file state (and that
    of the files in `also`), the arguments, the day, the terminal and zqplan's own code.
    """
    from zqplan import cache
    from zqplan.paths import ledger_path

    # A terminal with TERM=dumb is no interactive one, but tables still fit its width:
    # whether stdout is a terminal at all is part of the key.
    tty = sys.stdout is not None and sys.stdout.isatty()
    terminal = (tty, interactive(), _columns() if tty else None)
    # The registry's path as named is in the output (messages, JSON), so in the key.
    named = {**params, "registry as named": str(registry)}
    key = cache.output_key(
        command,
        named,
        [registry, ledger_path(registry), *also],
        day=day.isoformat(),
        terminal=terminal,
    )
    replay = cache.recall(key)
    if replay is not None:
        stdout, stderr, code = replay
    else:
        captured: tuple[list[str], list[str]] = ([], [])
        _captures.append(captured)
        code = 0
        try:
            body()
        except typer.Exit as stop:
            code = stop.exit_code
        except BaseException:
            _captures.pop()
            emit("".join(captured[0]))
            _to_stderr("".join(captured[1]))
            raise
        _captures.pop()
        stdout, stderr = "".join(captured[0]), "".join(captured[1])
        cache.remember(key, stdout, stderr, code)
    emit(stdout)
    _to_stderr(stderr)
    if code:
        raise typer.Exit(code)


def _columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


# --- commands -----------------------------------------------------------------


@app.command(context_settings=CONTEXT)
def status(
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
    area: AreaOption = None,
    state: StatusOption = None,
    attribute: AttributeOption = None,
    role: RoleOption = None,
    kind: KindOption = None,
    stale: StaleOption = False,
    final: FinalOption = None,
    due_before: DueBeforeOption = None,
    search: SearchOption = None,
    sort: SortOption = None,
    limit: LimitOption = None,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option(
            "--fail-on",
            help="Exit 3 when a target shown is in this state or worse (at-risk < off-track "
            "< missed), or stale (repeatable). Example: --fail-on off-track",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
) -> None:
    """Where every target stands; filters combine with AND, a repeated one with OR.

    Example: zqplan status --area rural --status at-risk --status off-track

    Example: zqplan status --attribute binding --status off-track --sort progress
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan.render import Output
        from zqplan.report import flat_row, status_columns, status_document
        from zqplan.status import assess_plan

        # Inside the memoised body: a replayed run never loads select.py and the model.
        selection = selection_of(params)
        plan, records = load(path)
        in_plan = plan
        if any(t.retired for t in plan.targets):
            from zqplan.renames import in_force

            in_plan = in_force(plan, day)  # retired targets: in show and history, not here
        assessments = select_targets(
            plan,
            assess_plan(in_plan, known(records.observations, knew), as_of=day),
            selection,
            lang,
        )
        document = status_document(plan, assessments, as_of=day, known_at=knew)

        def view(terminal: Terminal) -> RenderableType:
            if plain_pipe(terminal):
                from zqplan.plain import status_plain

                return status_plain(plan, assessments, lang, grouped=selection.sort is None)
            from zqplan.table import status_table

            return status_table(
                plan,
                assessments,
                lang,
                interactive=terminal.interactive,
                grouped=selection.sort is None,
                width=terminal.width or (_columns() if terminal.interactive else None),
            )

        output = Output(
            document, lambda: [flat_row(t) for t in document["targets"]], status_columns(), view
        )
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)
        failing = failures(assessments, fail_on or [])
        if failing:
            say(
                f"zqplan: {len(failing)} target{'s' * (len(failing) > 1)} at --fail-on "
                f"{', '.join(f.value for f in fail_on or [])}: {', '.join(failing[:10])}"
                + (" ..." if len(failing) > 10 else "")
            )
            raise typer.Exit(int(ExitCode.FAIL_ON))

    memoized("status", params, path, day, body)


def selection_of(params: dict[str, object]) -> Selection:
    """The filters, sort and limit among a command's arguments (the options above)."""
    from zqplan.select import Selection

    def names(key: str) -> tuple[str, ...]:
        values = params.get(key)
        return tuple(str(v) for v in values) if isinstance(values, list) else ()

    due = params.get("due_before")
    final = params.get("final")
    limit = params.get("limit")
    sort = params.get("sort")
    for text in names("search"):
        check_text(text, option="--search")
    return Selection(
        areas=names("area"),
        statuses=names("state"),
        attributes=names("attribute"),
        roles=names("role"),
        kinds=names("kind"),
        stale=params.get("stale") is True,
        final=final if isinstance(final, bool) else None,
        due_before=parse_date(due, option="--due-before") if isinstance(due, str) else None,
        search=names("search"),
        sort=sort if isinstance(sort, str) else None,
        limit=limit if isinstance(limit, int) else None,
    )


def select_targets(
    plan: Plan, assessments: list[Assessment], selection: Selection, lang: Lang
) -> list[Assessment]:
    """The targets a listing shows, in order; when none, a line on stderr says why."""
    from zqplan import select
    from zqplan.report import flat_row, status_columns, target_fields

    select.check(selection, plan, status_columns())
    chosen = select.apply(selection, assessments, lambda a: flat_row(target_fields(plan, a)))
    if not chosen:
        say(select.empty_reason(selection, lang))
    return chosen


def failures(assessments: list[Assessment], gates: list[FailOn]) -> list[str]:
    """Ids of the targets shown that trip any --fail-on gate."""
    from zqplan.status import judged

    return [
        a.target.id
        for a in assessments
        if judged(a)
        and any(
            a.stale if gate is FailOn.STALE else a.status.value in FAIL_ON_STATUSES[gate]
            for gate in gates
        )
    ]


@app.command(context_settings=CONTEXT)
def show(
    target_id: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The target's id.", autocompletion=complete_target),
    ],
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Everything about one target: where it stands, a chart, every number, its history.

    Example: zqplan show farm-output
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan.render import Output
        from zqplan.report import flat_row, status_columns, target_document
        from zqplan.status import assess

        plan, records = load(path)
        target = find_target(plan, target_id)
        if target.retired is not None and target.retired <= day:
            say(
                f"zqplan: note: '{target.id}' was retired on {target.retired}; status leaves it out"
            )
        mine = [o for o in records.observations if o.target_id == target.id]
        ledger = known(mine, knew)
        other = None if target.relative_to is None else plan.target(target.relative_to)
        theirs = [o for o in records.observations if other is not None and o.target_id == other.id]
        assessment = assess(
            target,
            ledger,
            as_of=day,
            reference=other,
            reference_observations=known(theirs, knew),
        )
        if target.parts or any(target.id in t.parts for t in plan.targets):
            from zqplan.status import assess_plan  # an umbrella or a part: judged among all

            whole = assess_plan(plan, known(records.observations, knew), as_of=day)
            assessment = next(a for a in whole if a.target.id == target.id)
        document = target_document(plan, assessment, ledger, known_at=knew)

        def view(terminal: Terminal) -> RenderableType:
            from zqplan.table import target_view

            return target_view(plan, assessment, ledger, lang, interactive=terminal.interactive)

        columns = (*status_columns(), "source", "note")
        output = Output(document, lambda: [flat_row(document["target"])], columns, view)
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("show", params, path, day, body)


@app.command(context_settings=CONTEXT)
def milestones(
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
    area: AreaOption = None,
    search: SearchOption = None,
) -> None:
    """Each staged programme as a ladder: stages, dates, criteria met, what is due next.

    Example: zqplan milestones --as-of 2025-12-31
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan import select
        from zqplan.milestones import assess_programmes
        from zqplan.render import Output
        from zqplan.report import MILESTONE_COLUMNS, milestone_rows, milestones_document

        selection = selection_of(params)
        plan, records = load(path)
        select.check(selection, plan, MILESTONE_COLUMNS)
        ladders = [
            ladder
            for ladder in assess_programmes(plan, known(records.observations, knew), as_of=day)
            if select.keep_programme(selection, ladder.programme)
        ]
        if not ladders:
            say(select.empty_reason(selection, lang, noun="programme"))
        document = milestones_document(plan, ladders, as_of=day)

        def view(terminal: Terminal) -> RenderableType:
            from zqplan.table import milestones_view

            return milestones_view(ladders, lang, interactive=terminal.interactive)

        output = Output(document, lambda: milestone_rows(document), MILESTONE_COLUMNS, view)
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("milestones", params, path, day, body)


@app.command(context_settings=CONTEXT)
def history(
    target_id: Annotated[
        str,
        typer.Argument(metavar="TARGET", help="The target's id.", autocompletion=complete_target),
    ],
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    known_at: KnownAtOption = None,
) -> None:
    """Every observation of one target, revisions included.

    Example: zqplan history farm-output --format csv
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = today()
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan.render import Output
        from zqplan.report import HISTORY_COLUMNS, history_document

        plan, records = load(path)
        target = find_target(plan, target_id)
        ledger = known([o for o in records.observations if o.target_id == target.id], knew)
        # Voided records are shown, struck out, with the first void's reason.
        reasons: dict[str, str] = {}
        for void in records.voids:
            reasons.setdefault(void.voids, void.reason)
        in_force = list(ledger)
        withdrawn = known([o for o in records.withdrawn if o.target_id == target.id], knew)
        document = history_document(target, [*in_force, *withdrawn], reasons)
        _mark_conflicts(document["records"], in_force)

        def view(terminal: Terminal) -> RenderableType:
            from zqplan.table import history_table

            return history_table(document["records"], target.unit, interactive=terminal.interactive)

        output = Output(document, lambda: document["records"], HISTORY_COLUMNS, view)
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("history", params, path, day, body)


@app.command(context_settings={**CONTEXT, "ignore_unknown_options": True})
def update(
    target_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[TARGET]",
            help="The target's (or programme's) id; none with --from.",
            show_default=False,
            autocompletion=complete_target,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="[VALUE]",
            help="A number in the target's unit, or done / not-done; none for --done.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="The period the value describes, as 2024-12-31, 2024, 2024-Q4, 2024-12, "
            "2024年, 2024年第四季度... (stored as its last day), or the day an item was done "
            "(default: the last complete year, quarter or month, by the target's frequency; "
            "for an item or a yes/no target, today).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the figure comes from.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free text.")] = None,
    stage: Annotated[
        str | None,
        typer.Option("--stage", help="For a programme: the stage the item belongs to."),
    ] = None,
    done: Annotated[
        str | None,
        typer.Option("--done", metavar="ITEM", help="For a programme: the item now done."),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Record every row of a CSV or JSON Lines file (- for stdin), all or none.",
            show_default=False,
        ),
    ] = None,
    batch_format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            help="The --from file's format (default: detected from its content).",
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="RECORD-ID",
            help="Record under this id (r<YYYYMMDD>T<HHMMSS>-<8 to 16 hex digits>); when the "
            "ledger already holds it with the same content, do nothing: a retry is safe.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet of an .xlsx --from file (default: the first).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The --from file's encoding (default: UTF-8, UTF-16 or GB18030, detected).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Record a value the plausibility guard refuses (over 10x from the previous "
            "figure, a fraction on a percent target); the record says it was forced.",
        ),
    ] = False,
    registry: RegistryOption = None,
) -> None:
    """Record one observation (or a programme's item done) in the ledger.

    Example: zqplan update farm-output 86.5 --date 2024-12-31 --source "Statistical bulletin 2024"

    Example: zqplan update bxqzwc --stage start --done "A start in one year" --source "..."

    Example: zqplan update --from figures.csv   (header: target,value,date,source,note)
    """
    from zqplan import ledger as ledger_module

    if value is not None and value.startswith("--"):
        raise InvalidInputError(f"no such option: {value}", hint="see `zqplan update --help`")
    if (batch_format or encoding or sheet) is not None and batch is None:
        raise InvalidInputError(
            "--format, --encoding and --sheet describe a --from file", hint="add --from FILE"
        )
    if batch is not None:
        _refuse_with_batch([target_id, value, stage, done], [date, source, note, record])
        update_batch(batch, batch_format, registry, force=force, encoding=encoding, sheet=sheet)
        return
    if target_id is None:
        raise InvalidInputError(
            "missing TARGET", hint="zqplan update TARGET VALUE, or zqplan update --from FILE"
        )
    path = resolve_registry(registry, writing=True)
    given = None if date is None else parse_date(date, option="--date")
    defaulted = ""
    if record is not None:
        check_record_id(record, option="--id")
    for option, text in (("--source", source), ("--note", note), ("--done", done)):
        if text is not None:
            check_text(text, option=option)
    # The registry only: an update never reads the ledger, so it costs the same
    # however long the history (`zqplan check` validates the ledger).
    from zqplan.registry import load_plan

    plan = load_plan(path)
    target_id = _entry_id(plan, target_id)
    programme = plan.programme(target_id)
    if programme is not None:
        period = given or today()
        observation = _item_done(programme, value, stage, done, period)
        description = f"{programme.id}: stage {observation.stage}, '{done}' done on {period}"
    else:
        if stage is not None or done is not None:
            raise InvalidInputError(
                f"--stage and --done are for programmes; '{target_id}' is not one",
                hint="record a target's value as `zqplan update TARGET VALUE`",
            )
        target = find_target(plan, target_id)
        if value is None:
            raise InvalidInputError(
                f"missing VALUE for '{target.id}'",
                hint=f"e.g. zqplan update {target.id} "
                + ("done" if target.kind.value == "yes-no" else "86.5"),
            )
        period = given or default_period(target)
        if given is None:  # said once recorded: an error stays one line
            defaulted = f"note: no --date: {_default_said(target, period)}"
        observation, revises = _observe(path, target, value, period, force=force)
        from zqplan.text import value as shown

        description = (
            f"{target.id} = {shown(observation.value, target.unit)} for {period}"
            f"{' (a revision)' if revises else ''}"
        )
    recorded_at = dt.datetime.now(dt.UTC)
    observation = replace(
        observation,
        record_id=record or ledger_module.new_record_ids(recorded_at, 1)[0],
        recorded_at=recorded_at,
        recorded_by=_recorder(),
        source=source,
        note=note,
    )
    ledger_file = ledger_module.ledger_path(path)
    outcome = ledger_module.append(
        ledger_file, [observation], keyed=record is not None, on_written=_written
    )
    _say_moved(outcome.side)
    if outcome.present:
        say(f"already recorded: {observation.record_id} in {ledger_file}; nothing written")
        return
    say(f"recorded {description} in {ledger_file} as {observation.record_id}")
    if defaulted:
        say(defaulted)
    if period > today():
        say(f"note: {period} is in the future; status shows it from that day on")


def default_period(target: Target) -> dt.date:
    """The period of a figure given without a date: the last complete period of the
    target's frequency; for a yes/no target, today (the day it was done)."""
    from zqplan.model import Kind
    from zqplan.periods import last_complete

    if target.kind is Kind.YES_NO:
        return today()
    return last_complete(target.frequency.value, today())


_PERIOD_NAMES = {"annual": "year", "quarterly": "quarter", "monthly": "month"}


def _default_said(target: Target, period: dt.date) -> str:
    """What a note says about the date a figure without one was given."""
    from zqplan.model import Kind

    if target.kind is Kind.YES_NO:
        return f"recorded as of today, {period}"
    name = _PERIOD_NAMES[target.frequency.value]
    return (
        f"the figure is for {period}, the end of the last complete {name} "
        f"('{target.id}' is {target.frequency.value}; give --date for another period)"
    )


def _refuse_with_batch(singles: list[str | None], columns: list[str | None]) -> None:
    """--from takes targets, values and their columns from the file, not the command line."""
    if any(v is not None for v in singles):
        raise InvalidInputError(
            "--from takes its targets and values from the file",
            hint="drop TARGET, VALUE, --stage and --done, or drop --from",
        )
    if any(v is not None for v in columns):
        raise InvalidInputError(
            "--date, --source, --note and --id are columns of the --from file",
            hint="put them in the file's date, source, note and record columns",
        )


def _observe(
    path: Path, target: Target, value: str, period: dt.date, *, force: bool
) -> tuple[Observation, bool]:
    """The observation of a target's value, checked by the guard; whether it is a revision."""
    from zqplan import guard
    from zqplan.ledger import has_period, ledger_path
    from zqplan.model import Observation

    observation = Observation(target.id, period, parse_value(value, target), record_id="")
    if guard.guarded(target) and not isinstance(observation.value, bool):
        # One byte search of the ledger for this target's lines, not a parse.
        known = guard.ledger_figures(ledger_path(path), [target])[target.id]
        if _implausible(target, observation.value, value, period, known, force):
            observation = replace(observation, forced=True)
        return observation, any(f.date == period for f in known)
    revises = any(o.date == period for o in target.observations) or has_period(
        ledger_path(path), target.id, period
    )
    return observation, revises


def _implausible(
    target: Target,
    number: float,
    typed: str,
    period: dt.date,
    known: list[Figure],
    force: bool,
    where: str = "",
) -> bool:
    """Whether the guard refuses the value and --force overrides it; refused: an error."""
    from zqplan import guard
    from zqplan.errors import ImplausibleValueError

    found = guard.verdict(target, number, typed, period, known)
    if found is None:
        return False
    message = f"implausible value for '{target.id}': {found.message}"
    if not force:
        raise ImplausibleValueError(message, hint=found.hint)
    say(f"note: {where}recorded with --force: {message}")
    return True


def update_batch(
    name: str,
    fmt: BatchFormat | None,
    registry: Path | None,
    *,
    force: bool = False,
    encoding: str | None = None,
    sheet: str | None = None,
) -> None:
    """Check every row of a batch, then append them all in one write, or write nothing."""
    from zqplan import batch as batch_module
    from zqplan import ledger as ledger_module

    path = resolve_registry(registry, writing=True)
    text = _read_batch(name, encoding, sheet)
    from zqplan.registry import load_plan

    plan = load_plan(path)
    rows, problems = batch_module.parse(text, name=name, fmt=fmt)
    rows = _by_name(plan, rows)
    recorded_at = dt.datetime.now(dt.UTC)
    recorder = _recorder()
    observations: list[Observation] = []
    index = {t.id: t for t in plan.targets}
    from zqplan import guard
    from zqplan.plausible import Figure

    named = {index[row.target] for row in rows if row.target in index}
    known = guard.ledger_figures(ledger_module.ledger_path(path), named)
    for row in rows:
        try:
            observation = _batch_observation(plan, index, row, recorded_at, recorder)
            figures = known.get(observation.target_id)
            value = observation.value
            if figures is not None and not isinstance(value, bool):
                target = index[observation.target_id]
                if _implausible(
                    target,
                    value,
                    row.value,
                    observation.date,
                    figures,
                    force,
                    f"{name}:{row.where}: ",
                ):
                    observation = replace(observation, forced=True)
                # Later rows of the batch are judged against this one too.
                figures.append(Figure(observation.date, value, f"line {row.line}"))
            observations.append(observation)
        except ZqplanError as error:
            error.where = f"{name}:{row.where}"
            problems.append(error)
    first: dict[str, int] = {}
    for row in rows:
        if row.record is not None and first.setdefault(row.record, row.line) != row.line:
            problems.append(
                InvalidInputError(
                    f"record id {row.record} also on line {first[row.record]}",
                    where=f"{name}:{row.line}",
                    hint="give each row its own record id",
                )
            )
    if problems:
        problems.sort(key=_place)
        raise Problems(problems, every=True)
    if not observations:
        say(f"nothing to record: {name} has no rows")
        return
    ids = iter(ledger_module.new_record_ids(recorded_at, len(observations)))
    observations = [o if o.record_id else replace(o, record_id=next(ids)) for o in observations]
    keyed = any(row.record for row in rows)
    ledger_file = ledger_module.ledger_path(path)
    outcome = ledger_module.append(ledger_file, observations, keyed=keyed, on_written=_written)
    _say_moved(outcome.side)
    count = len(outcome.written)
    if outcome.present:
        say(f"already recorded: {len(outcome.present)} row(s) of {name}; not written again")
    if count or not outcome.present:
        say(f"recorded {count} observation{'s' * (count != 1)} from {name} in {ledger_file}")
    _say_undated(rows, observations, index)


def _place(problem: ZqplanError) -> tuple[int, int]:
    """(line, column) of a batch problem's NAME:LINE or NAME:LINE:COLUMN, for sorting."""
    numbers: list[int] = []
    for part in reversed((problem.where or "").split(":")):
        if not part.isdigit() or len(numbers) == 2:
            break
        numbers.insert(0, int(part))
    numbers += [0, 0]
    return numbers[0], numbers[1]


def _by_name(plan: Plan, rows: list[BatchRow]) -> list[BatchRow]:
    """Rows name their target as `update` does (an id in any case, a title: see
    lookup.resolve); each gets the id, so that the guard judges every row. A name that
    names nothing is left as written, for the row's own error."""
    from zqplan.lookup import resolve

    ids = {t.id for t in plan.targets} | {p.id for p in plan.programmes}

    def named(row: BatchRow) -> BatchRow:
        if row.target in ids:
            return row
        try:
            return replace(row, target=resolve(plan, row.target.strip()))
        except ZqplanError:
            return row  # find_target reports it with the row's line

    return [named(row) for row in rows]


def _say_undated(
    rows: list[BatchRow], observations: list[Observation], index: dict[str, Target]
) -> None:
    """One note per date given to rows without one (not one per row: a batch is long)."""
    undated: dict[str, int] = {}
    for row, observation in zip(rows, observations, strict=True):
        if row.date is None and observation.target_id in index:
            said = _default_said(index[observation.target_id], observation.date)
            undated[said] = undated.get(said, 0) + 1
    for said, times in undated.items():
        say(f"note: {times} row{'s' * (times != 1)} without a date: {said}")


def _entry_id(plan: Plan, named: str) -> str:
    """The id of the target or programme named (in any case, or by title), said if not as given."""
    if plan.programme(named) is not None or plan.target(named) is not None:
        return named
    from zqplan.lookup import resolve

    found = resolve(plan, named)
    say(f"zqplan: note: '{named}' is '{found}'")  # a write names exactly what it wrote to
    return found


def check_record_id(record: str, *, option: str) -> None:
    """A record id given by the user must have the shape zqplan gives its own."""
    from zqplan.ledger import RECORD_ID

    if not RECORD_ID.fullmatch(record):
        raise InvalidInputError(
            f"{option} {record!r} is not a record id",
            hint="r<YYYYMMDD>T<HHMMSS>-<8 to 16 hex digits>, e.g. r20241231T090000-1a2b3c4d",
        )


_durable: list[bool] = []
"""Set once this command's records are in the ledger: from then on it has succeeded."""


def _written() -> None:
    _durable.append(True)


def _say_moved(side: Path | None) -> None:
    if side is not None:
        say(f"zqplan: note: the ledger's torn last line (an interrupted write) was moved to {side}")


def _read_batch(name: str, encoding: str | None = None, sheet: str | None = None) -> str:
    """The batch's text: a file (missing: a usage error), or standard input for '-';
    an .xlsx workbook's sheet as CSV; else UTF-8, UTF-16 or GB18030 detected from the
    bytes, or the encoding given."""
    from zqplan.encodings import decode_sheet
    from zqplan.registry import read_bytes

    if name == "-":
        raw = sys.stdin.buffer.read()
    else:
        raw = read_bytes(Path(name), what="batch", error=InvalidInputError)
    from zqplan.xlsx import ZIP_MAGIC, sheet_csv

    if raw.startswith(ZIP_MAGIC):
        return sheet_csv(raw, path=Path(name), sheet=sheet)
    if sheet is not None:
        raise InvalidInputError(
            f"--sheet: {name} is no .xlsx workbook", hint="drop --sheet for a CSV file"
        )
    return decode_sheet(raw, path=Path(name), encoding=encoding)


def _batch_observation(
    plan: Plan, index: dict[str, Target], row: BatchRow, recorded_at: dt.datetime, recorder: str
) -> Observation:
    """One batch row as an observation, or the error that says why not."""
    from zqplan.model import Observation

    programme = plan.programme(row.target)
    if programme is not None:
        if row.stage is None or row.item is None or row.value.lower() not in ("done", "true"):
            raise InvalidInputError(
                f"'{row.target}' is a programme: a row needs its stage and item, value done",
                hint="columns target,value,date,stage,item: bxqzwc,done,2024-06-30,start,ITEM",
            )
        day = today() if row.date is None else parse_date(row.date, option="date")
        done = _item_done(programme, None, row.stage, row.item, day)
        return replace(
            done,
            record_id=row.record or "",
            recorded_at=recorded_at,
            recorded_by=recorder,
            source=row.source,
            note=row.note,
        )
    if row.stage is not None or row.item is not None:
        raise InvalidInputError(
            f"stage and item are for programmes; '{row.target}' is not one",
            hint="leave the stage and item cells empty for a target",
        )
    target = find_target(plan, row.target, index)
    for option, text in (("source", row.source), ("note", row.note)):
        if text is not None:
            check_text(text, option=option)
    period = default_period(target) if row.date is None else parse_date(row.date, option="date")
    if row.record is not None:
        check_record_id(row.record, option="record")
    return Observation(
        target_id=target.id,
        date=period,
        value=parse_value(row.value, target),
        record_id=row.record or "",  # else given with the others' once every row is valid
        recorded_at=recorded_at,
        recorded_by=recorder,
        source=row.source,
        note=row.note,
    )


def _item_done(
    programme: Programme,
    value: str | None,
    stage_id: str | None,
    item: str | None,
    period: dt.date,
) -> Observation:
    """The record of a programme's item done, after checking the stage and item exist."""
    from zqplan.registry import suggest

    if value is not None or stage_id is None or item is None:
        raise InvalidInputError(
            f"'{programme.id}' is a programme: record an item as --stage STAGE --done ITEM",
            hint=f"stages: {', '.join(s.id for s in programme.stages)}",
        )
    stage = programme.stage(stage_id)
    if stage is None:
        known = [s.id for s in programme.stages]
        raise UnknownTargetError(
            f"programme '{programme.id}' has no stage '{stage_id}'",
            hint=suggest(stage_id, known) or "stages: " + ", ".join(known),
        )
    if item not in stage.items:
        raise UnknownTargetError(
            f"stage '{stage.id}' of '{programme.id}' has no item '{item}'",
            hint=suggest(item, stage.items)
            or ("items: " + "; ".join(stage.items) if stage.items else "this stage has no items"),
        )
    from zqplan.model import Observation

    return Observation(programme.id, period, True, record_id="", stage=stage.id, item=item)


def _configured_user() -> str | None:
    from zqplan.discovery import has_config

    if not has_config():
        return None
    from zqplan.config import settings

    configured = settings().user
    return None if configured is None else configured.value


def _recorder() -> str:
    import getpass

    try:
        name = os.environ.get(USER_ENV) or _configured_user() or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
    # A login name that is not UTF-8 arrives with surrogates: keep what can be kept.
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@app.command(context_settings=CONTEXT)
def void(
    record: Annotated[
        str,
        typer.Argument(metavar="RECORD", help="The id of the ledger record to withdraw."),
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the record is withdrawn (required).")
    ],
    registry: RegistryOption = None,
) -> None:
    """Withdraw a wrong record: append a void, so that status and history leave it out.

    To fix a wrong date or target: void the record, then record it again.
    Example: zqplan void r20250110T093000-3f9a1c2b --reason "wrong year: was 2023"
    """
    from zqplan.commands.void import void_record

    void_record(record, reason, resolve_registry(registry, writing=True))


# For the commands that live in their own module (zqplan/commands/).
recorder, written, say_moved = _recorder, _written, _say_moved


@app.command(context_settings=CONTEXT)
def check(
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Move a torn last line of the ledger (an interrupted write) to a side "
            "file LEDGER.torn-TIME, never deleting it, then check again.",
        ),
    ] = False,
) -> None:
    """Validate the registry and its ledger: nothing printed when all is well.

    Each problem prints as FILE:LINE: message; the exit code is then 1.
    Example: zqplan check --registry plans/targets.toml
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = today()
    if repair:
        from zqplan import ledger as ledger_module

        side = ledger_module.repair(ledger_module.ledger_path(path))
        if side is not None:
            say(f"zqplan: moved the torn last line of the ledger to {side}")

    def body() -> None:
        from zqplan.render import Output
        from zqplan.report import CHECK_COLUMNS, check_document

        problems, notes = _findings(path)
        document = check_document(problems, notes)
        shown = [*problems, *notes]

        def view(terminal: Terminal) -> RenderableType:
            from rich.text import Text

            from zqplan.text import printable

            return Text("\n".join(printable(str(p)) for p in shown)) if shown else Text("")

        chosen = choose_format(fmt, json)
        if chosen is OutputFormat.TABLE and not fields:
            from zqplan.safe import printable

            for problem in shown:  # plain FILE:LINE: lines, as compilers print them
                emit(printable(str(problem)) + "\n")
        else:
            rows = lambda: [*document["problems"], *document["warnings"]]  # noqa: E731
            output = Output(document, rows, CHECK_COLUMNS, view)
            emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=None)
        if problems:
            raise typer.Exit(int(ExitCode.DATA))

    # Torn bytes moved aside are files beside the ledger: its folder is in the key.
    from zqplan.paths import ledger_path

    folder = ledger_path(path).resolve().parent
    memoized("check", params, path, day, body, also=[folder, *_texts(path)])


def _mark_conflicts(rows: list[dict[str, Any]], observations: list[Observation]) -> None:
    """Set each history row's `conflict`: the records it conflicts with (see conflicts.py)."""
    from zqplan.conflicts import conflicts

    others: dict[str, list[str]] = {}
    for pair in conflicts(observations):
        others.setdefault(pair.first.record_id, []).append(pair.second.record_id)
        others.setdefault(pair.second.record_id, []).append(pair.first.record_id)
    for row in rows:
        row["conflict"] = ", ".join(others.get(row["record"], [])) or None


def _findings(path: Path) -> tuple[list[ZqplanError], list[ZqplanError]]:
    """What `check` reports: the problems (exit 1) and the warnings (printed, exit 0)."""
    from zqplan import ledger
    from zqplan import registry as registry_module
    from zqplan.conflicts import warnings

    problems: list[ZqplanError] = []
    notes: list[ZqplanError] = []
    plan = None
    try:
        plan = registry_module.load_plan(path)
        # Outside load_plan, whose result is cached: a text may vanish meanwhile.
        problems.extend(registry_module.missing_texts(plan))
    except Problems as found:
        problems.extend(found.problems)
    except ZqplanError as error:
        problems.append(error)
    try:
        records = ledger.read(ledger.ledger_path(path))
        problems.extend(records.problems)
        problems.extend(records.torn)
        problems.extend(ledger.moved_aside(ledger.ledger_path(path)))
        if plan is not None:
            problems.extend(ledger.validate(plan, records.observations))
            notes.extend(registry_module.warnings(plan, records.observations))
        notes.extend(warnings(records.observations))
    except ZqplanError as error:
        problems.append(error)
    return problems, notes


def _texts(path: Path) -> list[Path]:
    """The texts the registry's [documents] name: whether they exist is part of check."""
    from zqplan import registry as registry_module

    try:
        plan = registry_module.load_plan(path)
    except ZqplanError:
        return []  # check reports why
    return [path.parent / d.file for d in plan.documents if d.file is not None]


@app.command(context_settings=CONTEXT)
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to start the plan.")
    ] = Path("."),
    empty: Annotated[
        bool, typer.Option("--empty", help="A commented template instead of the Zhaoqing plan.")
    ] = False,
) -> None:
    """Start a new plan in DIR: the Zhaoqing registry and the text it quotes, or a template.

    Example: zqplan init plans/zhaoqing && cd plans/zhaoqing && zqplan status
    """
    from zqplan.shipped import init_registry

    created = init_registry(directory, empty=empty)
    say(
        f"created {created}; record progress with `zqplan update TARGET VALUE --registry {created}`"
    )


@app.command(context_settings=CONTEXT)
def config(
    ctx: typer.Context,
    registry: RegistryOption = None,
    json: JsonOption = False,
    lang: LangOption = Lang.EN,
) -> None:
    """The settings in force (registry, language, user) and where each comes from.

    Example: zqplan config --json
    """
    from typer._click.core import ParameterSource  # Typer 0.28 vendors Click

    from zqplan.commands.config import run

    source = ctx.get_parameter_source("lang")
    given = {ParameterSource.COMMANDLINE: "flag", ParameterSource.ENVIRONMENT: "env"}
    origin = "" if source is None else given.get(source, "")
    emit(run(registry=registry, lang=lang, lang_source=origin, json=json))


@app.command(context_settings=CONTEXT)
def docs(
    topic: Annotated[
        str, typer.Argument(metavar="TOPIC", help="What to read: registry (the format).")
    ] = "registry",
) -> None:
    """Print documentation shipped with zqplan (Markdown): registry, the registry's format.

    Example: zqplan docs registry | less
    """
    from zqplan.commands.docs import text

    emit(text(topic))


# --- entry point ---------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the app; turn every error into one line on stderr and its exit code."""
    args = sys.argv[1:] if argv is None else argv
    command, rest, prog_name = click_command(args)
    del _durable[:]
    del _noted[:]
    try:
        # Not standalone: Click would print usage errors over several lines.
        code = command.main(args=rest, prog_name=prog_name, standalone_mode=False)
    except (Exception, KeyboardInterrupt) as error:
        if _durable:
            # The records are in the ledger: a failed message or a late Ctrl-C is no
            # failed update, and a script that retries on failure would record twice.
            say(f"zqplan: note: the records were written before {_describe(error)}")
            sys.exit(int(ExitCode.OK))
        sys.exit(_failure(error))
    if code == ExitCode.INTERRUPTED and not _durable:
        say("zqplan: interrupted")  # Click turned Ctrl-C into this code, silently
    elif code and _durable:
        say("zqplan: note: the records were written before the interruption")
        code = ExitCode.OK
    sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


def _describe(error: BaseException) -> str:
    if isinstance(error, KeyboardInterrupt):
        return "the interruption"
    return f"this error: {error}"


def _failure(error: BaseException) -> int:
    """Say what went wrong in one line; the exit code."""
    from zqplan.errors import OutputError

    if isinstance(error, Problems):
        for problem in error.problems if error.every else [error]:
            say(f"zqplan: error: {problem}")
        return int(error.exit_code)
    if isinstance(error, OutputError):
        _silence_stdout()
    if isinstance(error, ZqplanError):
        say(f"zqplan: error: {error}")
        return int(error.exit_code)
    if isinstance(error, typer.TyperException):  # Click's usage errors, vendored by Typer
        return _usage_error(error)
    if isinstance(error, (typer.Abort, KeyboardInterrupt)):
        say("zqplan: interrupted")
        return int(ExitCode.INTERRUPTED)
    if isinstance(error, BrokenPipeError):
        # The reader went away (`zqplan status | head`): not an error of ours.
        _silence_stdout()
        return int(ExitCode.OK)
    if os.environ.get(DEBUG_ENV):
        raise error
    say(
        f"zqplan: internal error: {type(error).__name__}: {error} "
        f"(please report it; {DEBUG_ENV}=1 shows the traceback)"
    )
    return int(ExitCode.INTERNAL)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


LAZY_COMMANDS = {"add": "zqplan.commands.add"}
"""Commands whose options live in their own module, imported only when they run."""


def _lazy_command(name: str) -> Any:
    """The command's registration, from its module's `command` function."""
    import importlib

    from typer.models import CommandInfo

    module = importlib.import_module(LAZY_COMMANDS[name])
    return CommandInfo(name=name, callback=module.command, context_settings=CONTEXT)


def click_command(args: list[str]) -> tuple[Any, list[str], str]:
    """The Click command to run, its arguments and its name.

    Typer builds every command's parameters on each run; a script calls one
    command, so only that one is built (start-up is zqplan's speed). Help,
    completion and unknown names get the whole app.
    """
    from typer.main import get_command

    names = {info.callback.__name__: info for info in app.registered_commands if info.callback}
    if args and args[0] in LAZY_COMMANDS and COMPLETE_ENV not in os.environ:
        names[args[0]] = _lazy_command(args[0])
    elif not (args and args[0] in names):  # the whole app: its help lists every command
        for name in LAZY_COMMANDS:
            if all(info.name != name for info in app.registered_commands):
                app.registered_commands.append(_lazy_command(name))
    if args and args[0] in names and COMPLETE_ENV not in os.environ:
        single = typer.Typer(
            add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
        )
        single.registered_commands = [names[args[0]]]
        return get_command(single), args[1:], f"zqplan {args[0]}"
    return get_command(app), args, "zqplan"


def _usage_error(error: typer.TyperException) -> int:
    """One line for a usage error, pointing at the command's help; the exit code."""
    context = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
        sys.stderr.write(context.get_help() + "\n")
        return int(ExitCode.USAGE)
    message = " ".join(error.format_message().split())
    where = getattr(context, "command_path", "zqplan")
    say(f"zqplan: error: {message} (see `{where} --help`)")
    return int(getattr(error, "exit_code", ExitCode.USAGE))


__all__ = ["app", "main"]

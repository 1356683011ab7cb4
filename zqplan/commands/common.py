"""What several commands share: reading their inputs, finding the registry, loading the
plan, writing output and messages, the memo of read-only commands, the record's author."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from zqplan.errors import InvalidInputError, Problems, RegistryError, ZqplanError
from zqplan.options import Lang, OutputFormat

if TYPE_CHECKING:
    from zqplan.ledger import Ledger
    from zqplan.model import Observation, Plan, Target
    from zqplan.render import Output, Terminal
    from zqplan.select import Selection

DEFAULT_REGISTRY = "targets.toml"
REGISTRY_ENV = "ZQPLAN_REGISTRY"
USER_ENV = "ZQPLAN_USER"


def complete_target(incomplete: str) -> list[str]:
    """Shell completion: the ids of targets and programmes that start with what is typed."""
    try:
        from zqplan.registry import load_plan

        plan = load_plan(resolve_registry(None, writing=False, quiet=True))
    except ZqplanError:
        return []
    ids = [t.id for t in plan.targets] + [p.id for p in plan.programmes]
    return [i for i in ids if i.startswith(incomplete)]


def config_lang(value: Lang) -> Lang:
    """The config file's lang, if it sets one, else value (--lang and $ZQPLAN_LANG come first)."""
    from zqplan.discovery import has_config

    if not has_config():
        return value
    from zqplan.config import settings

    configured = settings().lang
    return value if configured is None else Lang(configured.value)


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


BOUND_PREFIXES = (
    (">=", ">="),
    ("≥", ">="),
    ("＞＝", ">="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("at least", ">="),
    ("<=", "<="),
    ("≤", "<="),
    ("＜＝", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("至多", "<="),
    ("最多", "<="),
    ("at most", "<="),
    (">", ">"),
    ("＞", ">"),
    ("超过", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("more than", ">"),
    ("exceeding", ">"),
    ("<", "<"),
    ("＜", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("不足", "<"),
    ("less than", "<"),
    ("~", "about"),
    ("～", "about"),
    ("约", "about"),
    ("about", "about"),
)
"""How a typed figure may begin with its comparator ("> 30", "超过30"): longer first.
The words mean what the yearly-target parser (zqplan/yearly.py) reads them as."""
BOUND_SUFFIXES = (("以上", ">="), ("以下", "<="), ("以内", "<="), ("左右", "about"))
"""How a typed figure may end with its comparator ("30以上" is at least 30, as a plan's)."""


def split_comparator(text: str) -> tuple[str | None, str]:
    """The comparator a typed figure starts or ends with (">", ">=", "<", "<=", "about"),
    and the figure without it: "> 30亿元" -> (">", "30亿元"); none: (None, text)."""
    raw = text.strip()
    folded = raw.lower()
    for word, comparator in BOUND_PREFIXES:
        if folded.startswith(word):
            return comparator, raw[len(word) :].strip()
    for word, comparator in BOUND_SUFFIXES:
        if raw.endswith(word):
            return comparator, raw[: -len(word)].strip()
    return None, raw


def parse_figure(text: str, target: Target) -> tuple[float | bool, str | None]:
    """A typed figure: its value (see parse_value) and the comparator it is written with
    ("more than 30" is `>`, see split_comparator); a yes/no target takes none."""
    comparator, rest = split_comparator(text)
    if comparator is None:
        return parse_value(text, target), None
    from zqplan.model import Kind

    if target.kind is Kind.YES_NO:
        raise InvalidInputError(
            f"'{target.id}' is a yes/no target; {text!r} is a bound, not done or not-done",
            hint="pass done or not-done: a bound is for numeric figures",
        )
    if not rest:
        raise InvalidInputError(
            f"'{target.id}': {text!r} is a comparator without a figure",
            hint="write the bound after it, e.g. '>30'",
        )
    return parse_value(rest, target), comparator


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

    if not quiet and not noted:
        noted.append(True)  # once a run, and outside the memo: a replay says it again once
        say(
            f"zqplan: note: no {DEFAULT_REGISTRY} in this folder or its parents: showing the "
            "Zhaoqing plan shipped with zqplan (`zqplan init` starts your own)"
        )
    return shipped_registry()


noted: list[bool] = []
"""Set once this run has said that it reads the shipped plan."""


def load(option: Path | None) -> tuple[Plan, Ledger]:
    """The registry and its ledger, both valid, or an error naming the first problem."""
    from zqplan import ledger, registry

    path = resolve_registry(option, writing=False)
    plan = registry.load_plan(path)
    return checked(plan, ledger.read(ledger.ledger_path(path)))


def checked(plan: Plan, records: Ledger) -> tuple[Plan, Ledger]:
    """The plan and its ledger if the ledger is valid, or an error naming the first
    problem; records of renamed targets carried over, of unknown ones left out (said)."""
    from zqplan import ledger

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
    say_torn(records.torn)
    return plan, records


def say_torn(torn: Sequence[ZqplanError]) -> None:
    """A note for a last line without its newline that is no record."""
    for problem in torn:  # maybe a write in progress: left out, and said so
        say(f"zqplan: note: left out {problem} (`zqplan check` for more)")


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


class Capture:
    """Takes what would go to stdout and stderr while entered (for a memo), innermost only."""

    __slots__ = ("stderr", "stdout")

    def __init__(self) -> None:
        self.stdout: list[str] = []
        self.stderr: list[str] = []

    def __enter__(self) -> Capture:
        _captures.append(self)
        return self

    def __exit__(self, *exception: object) -> None:
        _captures.pop()


_captures: list[Capture] = []
"""The captures entered, innermost last: only the innermost one takes what is written."""


def emit(text: str) -> None:
    """Data, on stdout."""
    if _captures:
        _captures[-1].stdout.append(text)
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
    from zqplan.options import MESSAGES_IN
    from zqplan.safe import printable

    if MESSAGES_IN and MESSAGES_IN[0] is Lang.ZH:
        from zqplan.i18n import translate

        message = translate(message)
    line = printable(message) + "\n"
    if _captures:
        _captures[-1].stderr.append(line)
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
    terminal = (tty, interactive(), terminal_columns() if tty else None)
    # The registry's path as named is in the output (messages, JSON), so in the key.
    named = {**params, "registry as named": str(registry)}
    key = (
        None  # the cache is off: no key to work out (zqplan's files, the registry's state)
        if cache.directory() is None
        else cache.output_key(
            command,
            named,
            [registry, ledger_path(registry), *also],
            day=day.isoformat(),
            terminal=terminal,
        )
    )
    replay = None if key is None else cache.recall(key)
    if replay is not None:
        stdout, stderr, code = replay
    else:
        capture = Capture()
        code = 0
        try:
            with capture:
                body()
        except BaseException as error:
            stopped = exit_code(error)
            if stopped is None:
                emit("".join(capture.stdout))
                _to_stderr("".join(capture.stderr))
                raise
            code = stopped
        stdout, stderr = "".join(capture.stdout), "".join(capture.stderr)
        if key is not None:
            cache.remember(key, stdout, stderr, code)
    emit(stdout)
    _to_stderr(stderr)
    if code:
        import typer

        raise typer.Exit(code)


def exit_code(error: BaseException) -> int | None:
    """The code of a typer.Exit (a command stopping on purpose), else None; no Typer
    loaded, none was raised (the fast path runs without it: zqplan/fast.py)."""
    typer = sys.modules.get("typer")
    if typer is not None and isinstance(error, typer.Exit):
        code: int = error.exit_code
        return code
    return None


def terminal_columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def selection_of(params: dict[str, object]) -> Selection:
    """The filters, sort and limit among a command's arguments (the options above)."""
    from zqplan.i18n import status_code
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
        statuses=tuple(status_code(name) for name in names("state")),
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


def check_record_id(record: str, *, option: str) -> None:
    """A record id given by the user must have the shape zqplan gives its own."""
    from zqplan.ledger import RECORD_ID

    if not RECORD_ID.fullmatch(record):
        raise InvalidInputError(
            f"{option} {record!r} is not a record id",
            hint="r<YYYYMMDD>T<HHMMSS>-<8 to 16 hex digits>, e.g. r20241231T090000-1a2b3c4d",
        )


durable: list[bool] = []
"""Set once this command's records are in the ledger: from then on it has succeeded."""


def written() -> None:
    durable.append(True)


def say_moved(side: Path | None) -> None:
    if side is not None:
        say(f"zqplan: note: the ledger's torn last line (an interrupted write) was moved to {side}")


def _configured_user() -> str | None:
    from zqplan.discovery import has_config

    if not has_config():
        return None
    from zqplan.config import settings

    configured = settings().user
    return None if configured is None else configured.value


def recorder() -> str:
    try:
        name = os.environ.get(USER_ENV) or _configured_user()
        if not name:
            import getpass  # only now: it loads termios

            name = getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
    # A login name that is not UTF-8 arrives with surrogates: keep what can be kept.
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

"""The zqplan command: parse arguments, call the layers, map errors to exit codes."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.errors import (
    ExitCode,
    InvalidInputError,
    LedgerError,
    Problems,
    RegistryError,
    UnknownTargetError,
    ZqplanError,
)
from zqplan.i18n import Lang
from zqplan.model import Kind, Observation, StatusCode

if TYPE_CHECKING:
    from zqplan.ledger import Ledger
    from zqplan.model import Plan, Programme, Target
    from zqplan.render import OutputFormat

DEFAULT_REGISTRY = "targets.toml"
REGISTRY_ENV = "ZQPLAN_REGISTRY"
USER_ENV = "ZQPLAN_USER"

app = typer.Typer(
    name="zqplan",
    help="Track a government plan's targets: where each stands and whether it arrives on time.\n\n"
    "Example: zqplan status --area rural; zqplan update farm-output 86.5 --date 2024-12-31",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help=f"The registry file. Default: ${REGISTRY_ENV}, then ./{DEFAULT_REGISTRY}, "
        "then the Zhaoqing plan shipped with zqplan (read-only).",
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
        help="Language of tables: en or zh (also $ZQPLAN_LANG). JSON carries both.",
        case_sensitive=False,
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


# --- inputs -------------------------------------------------------------------


def parse_date(text: str, *, option: str) -> dt.date:
    """A YYYY-MM-DD date from the command line."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise InvalidInputError(
            f"{option} {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2024-12-31"
        )
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInputError(
            f"{option} {text!r} is not a date: {exc}", hint="write it as YYYY-MM-DD"
        ) from None


_YES = {"done": True, "yes": True, "true": True, "not-done": False, "no": False, "false": False}


def parse_value(text: str, target: Target) -> float | bool:
    """A value in the target's unit ("86.5", "300亿", "30 billion yuan"), or done / not-done."""
    raw = text.strip()
    if target.kind is Kind.YES_NO:
        if raw.lower() in _YES:
            return _YES[raw.lower()]
        raise InvalidInputError(
            f"'{target.id}' is a yes/no target; {text!r} is not done or not-done",
            hint="pass done or not-done",
        )
    from zqplan.units import UnitError, parse_quantity, parse_unit

    try:
        return parse_quantity(raw, parse_unit(target.unit))
    except UnitError as error:
        raise InvalidInputError(f"{error.message} for '{target.id}'", hint=error.hint) from None


def check_text(text: str, *, option: str) -> None:
    """Refuse text that cannot be stored as UTF-8 (bytes that were not UTF-8 on argv)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(
            f"{option} is not valid UTF-8 text", hint="set a UTF-8 locale or fix the text"
        ) from None


def resolve_registry(option: Path | None, *, writing: bool) -> Path:
    """--registry, then $ZQPLAN_REGISTRY, then ./targets.toml, then the shipped plan."""
    if option is not None:
        return option
    from_env = os.environ.get(REGISTRY_ENV)
    if from_env:
        return Path(from_env)
    local = Path(DEFAULT_REGISTRY)
    if local.exists() or local.is_symlink():
        return local
    if writing:
        raise RegistryError(
            f"no registry here (no --registry, no ${REGISTRY_ENV}, no ./{DEFAULT_REGISTRY})",
            hint="run `zqplan init DIR` to start one, then cd DIR or pass --registry",
        )
    from zqplan.shipped import shipped_registry

    return shipped_registry()


def load(option: Path | None, *, writing: bool = False) -> tuple[Plan, Ledger]:
    """The registry and its ledger, both valid, or an error naming the first problem."""
    from zqplan import ledger, registry

    path = resolve_registry(option, writing=writing)
    plan = registry.load_plan(path)
    records = ledger.read(ledger.ledger_path(path))
    problems = [*records.problems, *ledger.validate(plan, records.observations)]
    if problems:
        raise Problems(problems)
    return plan, records


def find_target(plan: Plan, target_id: str) -> Target:
    """The target with that id, or an error naming the closest ids."""
    from zqplan.registry import suggest

    target = plan.target(target_id)
    if target is None:
        ids = [t.id for t in plan.targets]
        hint = suggest(target_id, ids) or "`zqplan status` lists the ids"
        raise UnknownTargetError(f"no target '{target_id}' in {plan.path}", hint=hint)
    return target


def today() -> dt.date:
    """The only place zqplan reads the clock for a date."""
    return dt.date.today()


def as_of_date(text: str | None) -> dt.date:
    return today() if text is None else parse_date(text, option="--as-of")


def output_format(json_flag: bool) -> OutputFormat:
    from zqplan.render import OutputFormat

    return OutputFormat.JSON if json_flag else OutputFormat.TABLE


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def say(message: str) -> None:
    """A line for people, on stderr."""
    sys.stderr.write(message + "\n")


# --- commands -----------------------------------------------------------------


@app.command()
def status(
    registry: RegistryOption = None,
    json: JsonOption = False,
    as_of: AsOfOption = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Only targets in this area (repeatable).", show_default=False),
    ] = None,
    lang: LangOption = Lang.EN,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Only targets with this status (repeatable): "
            + ", ".join(code.value for code in StatusCode),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Where every target stands.

    Example: zqplan status --area rural --status at-risk --status off-track
    """
    from zqplan.registry import suggest
    from zqplan.render import render
    from zqplan.report import status_document
    from zqplan.status import assess_plan

    day = as_of_date(as_of)
    fmt = output_format(json)
    plan, records = load(registry)
    for name in area or []:
        if plan.area(name) is None:
            ids = [a.id for a in plan.areas]
            raise InvalidInputError(
                f"--area '{name}' is not an area of {plan.path}",
                hint=suggest(name, ids) or "areas: " + ", ".join(ids),
            )
    codes = [code.value for code in StatusCode]
    for name in state or []:
        if name not in codes:
            raise InvalidInputError(
                f"--status '{name}' is not a status",
                hint=suggest(name, codes) or "statuses: " + ", ".join(codes),
            )
    assessments = [
        a
        for a in assess_plan(plan, records.observations, as_of=day)
        if (not area or a.target.area in area) and (not state or a.status.value in state)
    ]

    def table() -> object:
        from zqplan.table import status_table

        return status_table(plan, assessments, lang)

    emit(render(fmt, document=status_document(plan, assessments, as_of=day), table=table))  # type: ignore[arg-type]


@app.command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="TARGET", help="The target's id.")],
    registry: RegistryOption = None,
    json: JsonOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Everything about one target: source, baseline, target, derived numbers, history.

    Example: zqplan show farm-output
    """
    from zqplan.render import render
    from zqplan.report import target_document
    from zqplan.status import assess

    day = as_of_date(as_of)
    fmt = output_format(json)
    plan, records = load(registry)
    target = find_target(plan, target_id)
    ledger = [o for o in records.observations if o.target_id == target.id]
    assessment = assess(target, ledger, as_of=day)

    def table() -> object:
        from zqplan.table import target_view

        return target_view(plan, assessment, ledger, lang)

    emit(render(fmt, document=target_document(plan, assessment, ledger), table=table))  # type: ignore[arg-type]


@app.command()
def milestones(
    registry: RegistryOption = None,
    json: JsonOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Each staged programme as a ladder: stages, dates, criteria met, what is due next.

    Example: zqplan milestones --as-of 2025-12-31
    """
    from zqplan.milestones import assess_programmes
    from zqplan.render import render
    from zqplan.report import milestones_document

    day = as_of_date(as_of)
    fmt = output_format(json)
    plan, records = load(registry)
    ladders = assess_programmes(plan, records.observations, as_of=day)

    def table() -> object:
        from zqplan.table import milestones_view

        return milestones_view(ladders, lang)

    document = milestones_document(plan, ladders, as_of=day)
    emit(render(fmt, document=document, table=table))  # type: ignore[arg-type]


@app.command()
def history(
    target_id: Annotated[str, typer.Argument(metavar="TARGET", help="The target's id.")],
    registry: RegistryOption = None,
    json: JsonOption = False,
) -> None:
    """Every observation of one target, revisions included.

    Example: zqplan history farm-output --json
    """
    from zqplan.render import render
    from zqplan.report import history_document

    fmt = output_format(json)
    plan, records = load(registry)
    target = find_target(plan, target_id)
    ledger = [o for o in records.observations if o.target_id == target.id]
    document = history_document(target, ledger)

    def table() -> object:
        from zqplan.table import history_table

        return history_table(document["records"], target.unit)

    emit(render(fmt, document=document, table=table))  # type: ignore[arg-type]


@app.command()
def update(
    target_id: Annotated[
        str, typer.Argument(metavar="TARGET", help="The target's (or programme's) id.")
    ],
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
            metavar="YYYY-MM-DD",
            help="The end of the period the value describes, or the day an item was done "
            "(default: today).",
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
    registry: RegistryOption = None,
) -> None:
    """Record one observation (or a programme's item done) in the ledger.

    Example: zqplan update farm-output 86.5 --date 2024-12-31 --source "Statistical bulletin 2024"

    Example: zqplan update bxqzwc --stage start --done "A start in one year" --source "..."
    """
    from zqplan import ledger as ledger_module

    path = resolve_registry(registry, writing=True)
    period = today() if date is None else parse_date(date, option="--date")
    for option, text in (("--source", source), ("--note", note), ("--done", done)):
        if text is not None:
            check_text(text, option=option)
    plan, records = load(path, writing=True)
    programme = plan.programme(target_id)
    if programme is not None:
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
                + ("done" if target.kind is Kind.YES_NO else "86.5"),
            )
        observation = Observation(target.id, period, parse_value(value, target), record_id="")
        revises = any(
            o.date == period
            for o in (*target.observations, *records.observations)
            if o.target_id == target.id
        )
        from zqplan.text import value as shown

        description = (
            f"{target.id} = {shown(observation.value, target.unit)} for {period}"
            f"{' (a revision)' if revises else ''}"
        )
    import secrets

    recorded_at = dt.datetime.now(dt.UTC)
    observation = replace(
        observation,
        record_id=ledger_module.new_record_id(recorded_at, secrets.token_hex(4)),
        recorded_at=recorded_at,
        recorded_by=_recorder(),
        source=source,
        note=note,
    )
    ledger_file = ledger_module.ledger_path(path)
    ledger_module.append(ledger_file, [observation])
    say(f"recorded {description} in {ledger_file} as {observation.record_id}")
    if period > today():
        say(f"note: {period} is in the future; status shows it from that day on")


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
    return Observation(programme.id, period, True, record_id="", stage=stage.id, item=item)


def _recorder() -> str:
    import getpass

    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@app.command()
def check(registry: RegistryOption = None) -> None:
    """Validate the registry and its ledger: nothing printed when all is well.

    Each problem prints as FILE:LINE: message; the exit code is then 1.
    Example: zqplan check --registry plans/targets.toml
    """
    from zqplan import ledger
    from zqplan import registry as registry_module

    path = resolve_registry(registry, writing=False)
    problems: list[ZqplanError] = []
    try:
        plan = registry_module.load_plan(path)
    except Problems as found:
        problems.extend(found.problems)
        plan = None
    except ZqplanError as error:
        problems.append(error)
        plan = None
    try:
        records = ledger.read(ledger.ledger_path(path))
        problems.extend(records.problems)
        if plan is not None:
            problems.extend(ledger.validate(plan, records.observations))
    except ZqplanError as error:
        problems.append(error)
    for problem in problems:
        emit(f"{problem}\n")
    if problems:
        raise typer.Exit(int(ExitCode.DATA))


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to start the plan.")
    ] = Path("."),
    empty: Annotated[
        bool, typer.Option("--empty", help="A commented template instead of the Zhaoqing plan.")
    ] = False,
) -> None:
    """Start a new plan in DIR: a copy of the Zhaoqing registry, or a template.

    Example: zqplan init plans/zhaoqing && cd plans/zhaoqing && zqplan status
    """
    from zqplan.shipped import init_registry

    created = init_registry(directory, empty=empty)
    say(
        f"created {created}; record progress with `zqplan update TARGET VALUE --registry {created}`"
    )


# --- entry point ---------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the app; turn every error into one line on stderr and its exit code."""
    from typer.main import get_command

    command = get_command(app)
    try:
        # Not standalone: Click would print usage errors over several lines.
        code = command.main(args=argv, prog_name="zqplan", standalone_mode=False)
    except ZqplanError as error:
        say(f"zqplan: error: {error}")
        sys.exit(int(error.exit_code))
    except typer.TyperException as error:  # Click's usage errors, vendored by Typer
        sys.exit(_usage_error(error))
    except typer.Abort:
        say("zqplan: interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        # The reader went away (`zqplan status | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
    except KeyboardInterrupt:
        say("zqplan: interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


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


__all__ = ["LedgerError", "app", "main"]

"""`zqplan check`: validate the registry and its ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.cli import FieldsOption, FormatOption, JsonOption, LangOption, RegistryOption
from zqplan.commands.common import (
    arguments,
    choose_format,
    emit,
    emit_output,
    memoized,
    resolve_registry,
    say,
    today,
)
from zqplan.errors import ExitCode, Problems, ZqplanError
from zqplan.options import Lang, OutputFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.render import Terminal


def command(
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
    lang: LangOption = Lang.EN,
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

            return Text("\n".join(printable(_line(p, lang)) for p in shown)) if shown else Text("")

        chosen = choose_format(fmt, json)
        if chosen is OutputFormat.TABLE and not fields:
            from zqplan.safe import printable

            for problem in shown:  # plain FILE:LINE: lines, as compilers print them
                emit(printable(_line(problem, lang)) + "\n")
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


def _line(problem: ZqplanError, lang: Lang) -> str:
    """A problem as check prints it: FILE:LINE: message (hint), in the language."""
    if lang is Lang.ZH:
        from zqplan.i18n import error_text

        return error_text(problem)
    return str(problem)


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

"""`zqplan show TARGET`: everything about one target."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.cli import (
    AsOfOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    KnownAtOption,
    LangOption,
    RegistryOption,
    WidthOption,
)
from zqplan.commands.common import (
    arguments,
    as_of_date,
    complete_target,
    emit_output,
    find_target,
    known,
    known_at_date,
    load,
    memoized,
    resolve_registry,
    say,
)
from zqplan.options import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.render import Terminal


def command(
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
        document = target_document(plan, assessment, ledger, known_at=knew)

        def view(terminal: Terminal) -> RenderableType:
            from zqplan.table import target_view

            return target_view(plan, assessment, ledger, lang, interactive=terminal.interactive)

        columns = (*status_columns(), "source", "note")
        output = Output(document, lambda: [flat_row(document["target"])], columns, view)
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("show", params, path, day, body)

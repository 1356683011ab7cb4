"""`zqplan milestones`: each staged programme as a ladder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zqplan.cli import (
    AreaOption,
    AsOfOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    KnownAtOption,
    LangOption,
    RegistryOption,
    SearchOption,
    WidthOption,
)
from zqplan.commands.common import (
    arguments,
    as_of_date,
    emit_output,
    known,
    known_at_date,
    load,
    memoized,
    resolve_registry,
    say,
    selection_of,
)
from zqplan.options import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.render import Terminal


def command(
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

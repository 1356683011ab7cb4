"""`zqplan table`: the 完成情况表, one row per indicator and a target and outturn a year."""

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
    StatusOption,
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
    state: StatusOption = None,
) -> None:
    """The 完成情况表: each indicator's target and outturn year by year, with the verdicts.

    Indicators with no yearly target, no dated target and no figure are left out.

    Example: zqplan table --lang zh

    Example: zqplan table --format csv > by-year.csv
    """

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan.commands.status_run import select_targets
        from zqplan.renames import in_force
        from zqplan.render import Output
        from zqplan.status import assess_plan
        from zqplan.wide import wide_table
        from zqplan.wide_render import (
            table_columns,
            table_document,
            table_markdown,
            table_rows,
            table_view,
        )

        selection = selection_of(params)
        plan, records = load(path)
        observations = known(records.observations, knew)
        assessments = select_targets(
            plan, assess_plan(in_force(plan, day), observations, as_of=day), selection, lang
        )
        whole = wide_table(assessments, observations, as_of=day)
        kept = [row for row in whole.rows if any(not c.empty for c in row.cells)]
        table = wide_table([row.assessment for row in kept], observations, as_of=day)
        document = table_document(plan, table, known_at=None if knew is None else knew.isoformat())

        def view(terminal: Terminal) -> RenderableType:
            return table_view(plan, table, lang, interactive=terminal.interactive)

        output = Output(
            document,
            lambda: table_rows(document),
            table_columns(table.years),
            view,
            lambda: table_markdown(table, lang),
        )
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("table", params, path, day, body)

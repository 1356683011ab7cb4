"""`zqplan status`: where every target stands, filtered, sorted and limited (no Typer
here: the fast path runs it without; zqplan/commands/status.py gives Typer its options)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zqplan.commands.common import (
    arguments,
    as_of_date,
    emit_output,
    known_at_date,
    memoized,
    plain_pipe,
    resolve_registry,
    say,
    selection_of,
    terminal_columns,
)
from zqplan.errors import ExitCode
from zqplan.options import (
    FAIL_ON_STATUSES,
    AttributeChoice,
    FailOn,
    KindChoice,
    Lang,
    OutputFormat,
    RoleChoice,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.model import Assessment, Plan
    from zqplan.render import Terminal
    from zqplan.select import Selection


def run(
    *,
    registry: Path | None = None,
    json: bool = False,
    fmt: OutputFormat | None = None,
    fields: str | None = None,
    width: int | None = None,
    as_of: str | None = None,
    known_at: str | None = None,
    lang: Lang = Lang.EN,
    area: list[str] | None = None,
    state: list[str] | None = None,
    attribute: list[AttributeChoice] | None = None,
    role: list[RoleChoice] | None = None,
    kind: list[KindChoice] | None = None,
    stale: bool = False,
    final: bool | None = None,
    due_before: str | None = None,
    search: list[str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
    fail_on: list[FailOn] | None = None,
) -> None:
    """`zqplan status` with its options parsed (by Typer, or by zqplan/fast.py)."""

    params = arguments(locals())  # the memo key: every option, as given
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)

    def body() -> None:
        from zqplan.commands.status_load import load_assessed
        from zqplan.render import Output
        from zqplan.report import flat_row, status_columns, status_document

        # Inside the memoised body: a replayed run never loads select.py and the model.
        selection = selection_of(params)
        plan, judged = load_assessed(path, as_of=day, known_at=knew)
        assessments = select_targets(plan, judged, selection, lang)
        document = status_document(plan, assessments, as_of=day, known_at=knew)

        # Directions: one line of ids per area, unless asked for (--role direction).
        grouped = selection.sort is None
        collapse = grouped and "direction" not in selection.roles

        def view(terminal: Terminal) -> RenderableType:
            if plain_pipe(terminal):
                from zqplan.plain import status_plain

                return status_plain(plan, assessments, lang, grouped=grouped, collapse=collapse)
            from zqplan.table import status_table

            return status_table(
                plan,
                assessments,
                lang,
                interactive=terminal.interactive,
                grouped=grouped,
                collapse=collapse,
                width=terminal.width or (terminal_columns() if terminal.interactive else None),
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
            import typer

            raise typer.Exit(int(ExitCode.FAIL_ON))

    memoized("status", params, path, day, body)


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

"""`zqplan history TARGET`: every observation of one target, revisions included."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from zqplan.cli import (
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
    complete_target,
    emit_output,
    find_target,
    known,
    known_at_date,
    load,
    memoized,
    resolve_registry,
    today,
)
from zqplan.options import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.model import Observation
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
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
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

            return history_table(
                document["records"], target.unit, lang, interactive=terminal.interactive
            )

        output = Output(document, lambda: document["records"], HISTORY_COLUMNS, view)
        emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)

    memoized("history", params, path, day, body)


def _mark_conflicts(rows: list[dict[str, Any]], observations: list[Observation]) -> None:
    """Set each history row's `conflict`: the records it conflicts with (see conflicts.py)."""
    from zqplan.conflicts import conflicts

    others: dict[str, list[str]] = {}
    for pair in conflicts(observations):
        others.setdefault(pair.first.record_id, []).append(pair.second.record_id)
        others.setdefault(pair.second.record_id, []).append(pair.first.record_id)
    for row in rows:
        row["conflict"] = ", ".join(others.get(row["record"], [])) or None

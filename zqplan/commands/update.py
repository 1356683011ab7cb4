"""`zqplan update`: its arguments for Typer; the command itself is in update_run.py,
which the fast path (zqplan/fast.py) runs without Typer."""

from __future__ import annotations

from typing import Annotated

import typer

from zqplan.cli import LangOption, RegistryOption
from zqplan.commands.common import complete_target
from zqplan.options import BatchFormat, Lang

CONTEXT_SETTINGS = {"ignore_unknown_options": True}
"""Besides the settings of every command: a VALUE such as -5 is no option."""


def command(
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
            help="A number in the target's unit, or done / not-done; none for --done. "
            "A bound carries its comparator: '>30', '>=30', '<=5', '30以上', '超过30'.",
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
    lang: LangOption = Lang.EN,
) -> None:
    """Record one observation (or a programme's item done) in the ledger.

    Example: zqplan update farm-output 86.5 --date 2024-12-31 --source "Statistical bulletin 2024"

    Example: zqplan update bxqzwc --stage start --done "A start in one year" --source "..."

    Example: zqplan update --from figures.csv   (header: target,value,date,source,note)
    """
    params = dict(locals())
    from zqplan.commands.update_run import run

    run(**params)

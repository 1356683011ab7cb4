"""`zqplan void RECORD --reason TEXT`: withdraw a record by appending a void."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from zqplan.cli import LangOption, RegistryOption
from zqplan.commands.common import (
    check_record_id,
    check_text,
    recorder,
    resolve_registry,
    say,
    say_moved,
    written,
)
from zqplan.errors import InvalidInputError
from zqplan.options import Lang


def command(
    record: Annotated[
        str,
        typer.Argument(metavar="RECORD", help="The id of the ledger record to withdraw."),
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why the record is withdrawn (required).")
    ],
    registry: RegistryOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Withdraw a wrong record: append a void, so that status and history leave it out.

    To fix a wrong date or target: void the record, then record it again.
    Example: zqplan void r20250110T093000-3f9a1c2b --reason "wrong year: was 2023"
    """
    void_record(record, reason, resolve_registry(registry, writing=True))


def void_record(record: str, reason: str, registry: Path) -> None:
    """Append a void of `record` to the registry's ledger, or say it was already void."""
    from zqplan import ledger as ledger_module

    if record.startswith("registry:"):
        raise InvalidInputError(
            f"{record} is a figure written in the registry, not a ledger record",
            hint="correct it in the registry, or record a revision with `zqplan update`",
        )
    check_record_id(record, option="RECORD")
    if not reason.strip():
        raise InvalidInputError("--reason is empty", hint="say why the record is withdrawn")
    check_text(reason, option="--reason")
    recorded_at = dt.datetime.now(dt.UTC)
    void = ledger_module.Void(
        record_id=ledger_module.new_record_ids(recorded_at, 1)[0],
        voids=record,
        reason=reason,
        recorded_at=recorded_at,
        recorded_by=recorder(),
    )
    path = ledger_module.ledger_path(registry)
    withdrawn, side = ledger_module.append_void(path, void, on_written=written)
    say_moved(side)
    if withdrawn is None:
        say(f"note: {record} is already void; nothing written")
        return
    from zqplan.text import value as shown

    say(
        f"voided {record} ({withdrawn.target_id} = {shown(withdrawn.value)} for "
        f"{withdrawn.date}) in {path} as {void.record_id}"
    )

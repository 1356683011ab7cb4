"""`zqplan void RECORD --reason TEXT`: withdraw a record by appending a void."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zqplan.errors import InvalidInputError


def void_record(record: str, reason: str, registry: Path) -> None:
    """Append a void of `record` to the registry's ledger, or say it was already void."""
    from zqplan import cli
    from zqplan import ledger as ledger_module

    if record.startswith("registry:"):
        raise InvalidInputError(
            f"{record} is a figure written in the registry, not a ledger record",
            hint="correct it in the registry, or record a revision with `zqplan update`",
        )
    cli.check_record_id(record, option="RECORD")
    if not reason.strip():
        raise InvalidInputError("--reason is empty", hint="say why the record is withdrawn")
    cli.check_text(reason, option="--reason")
    recorded_at = dt.datetime.now(dt.UTC)
    void = ledger_module.Void(
        record_id=ledger_module.new_record_ids(recorded_at, 1)[0],
        voids=record,
        reason=reason,
        recorded_at=recorded_at,
        recorded_by=cli.recorder(),
    )
    path = ledger_module.ledger_path(registry)
    withdrawn, side = ledger_module.append_void(path, void, on_written=cli.written)
    cli.say_moved(side)
    if withdrawn is None:
        cli.say(f"note: {record} is already void; nothing written")
        return
    from zqplan.text import value as shown

    cli.say(
        f"voided {record} ({withdrawn.target_id} = {shown(withdrawn.value)} for "
        f"{withdrawn.date}) in {path} as {void.record_id}"
    )

"""An .xlsx workbook's sheet as CSV text, for `update --from figures.xlsx --sheet NAME`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zqplan.errors import BatchError, InvalidInputError

ZIP_MAGIC = b"PK\x03\x04"
"""An .xlsx file is a zip archive."""


def sheet_csv(raw: bytes, *, path: Path, sheet: str | None) -> str:
    """The sheet's cells as CSV, one line per row (so CSV line N is the sheet's row N)."""
    import csv
    import io

    # openpyxl reads .xlsx itself (maintained, pure Python); only this command needs it.
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign zip: openpyxl raises many kinds
        raise BatchError(
            f"not an .xlsx workbook: {type(exc).__name__}: {exc}"[:200], where=str(path)
        ) from None
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise InvalidInputError(
            f"--sheet {sheet!r} is not a sheet of {path}", hint="sheets: " + ", ".join(names)
        )
    chosen = book[sheet] if sheet is not None else book.worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in chosen.iter_rows(values_only=True):
        # A newline inside a cell would shift the CSV's line numbers off the rows.
        writer.writerow([_cell(value).replace("\n", " ") for value in row])
    book.close()
    return out.getvalue()


def _cell(value: object) -> str:
    """A cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "done" if value else "not-done"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)

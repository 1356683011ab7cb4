"""Batch input for `zqplan update --from`: CSV or JSON Lines rows, with FILE:LINE problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zqplan.errors import InvalidInputError, ZqplanError
from zqplan.options import BatchFormat

COLUMNS = ("target", "value", "date", "source", "note", "record", "stage", "item")
"""The batch columns, in CSV header order."""
REQUIRED = ("target", "value")


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One row of a batch, as text, before it is checked against the registry."""

    line: int
    """The line the row starts on."""
    target: str
    """The target id."""
    value: str
    """The value as written (a number, a quantity such as 300亿, or done / not-done)."""
    date: str | None = None
    """The period as written, e.g. 2024-12-31 or 2024-Q4 (None: the target's default)."""
    source: str | None = None
    """Where the figure comes from."""
    note: str | None = None
    """Free text."""
    record: str | None = None
    """The record id to write under (a retried batch then writes nothing twice)."""
    stage: str | None = None
    """For a programme's item: its stage."""
    item: str | None = None
    """For a programme's item: the item done."""
    column: int | None = None
    """In a wide table: the 1-based column of the value's cell."""

    @property
    def where(self) -> str:
        """LINE, or LINE:COLUMN for a cell of a wide table."""
        return str(self.line) if self.column is None else f"{self.line}:{self.column}"


def detect(text: str) -> BatchFormat:
    """JSON Lines when the first non-blank character opens an object, else CSV."""
    return BatchFormat.JSONL if text.lstrip().startswith("{") else BatchFormat.CSV


def parse(
    text: str, *, name: str, fmt: BatchFormat | None = None
) -> tuple[list[BatchRow], list[ZqplanError]]:
    """The rows of a batch and the problems found, each with NAME:LINE."""
    chosen = fmt or detect(text)
    if chosen is BatchFormat.JSONL:
        return _parse_jsonl(text, name=name)
    return _parse_csv(text, name=name)


def _problem(name: str, line: int, message: str, hint: str | None = None) -> ZqplanError:
    return InvalidInputError(message, where=f"{name}:{line}", hint=hint)


def _parse_csv(text: str, *, name: str) -> tuple[list[BatchRow], list[ZqplanError]]:
    import csv
    import io

    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    # Excel writes ';' between cells where ',' is the decimal comma, and tabs for "text".
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[BatchRow] = []
    problems: list[ZqplanError] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [_problem(name, 1, f"not CSV: {exc}")]
    if header is None:
        return [], [_problem(name, 1, "empty batch: no header row", hint=",".join(COLUMNS))]
    header = [column.strip().lower() for column in header]
    if _wide(header):
        return _parse_wide(reader, header, name=name)
    unknown = [column for column in header if column not in COLUMNS]
    missing = [column for column in REQUIRED if column not in header]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if unknown or missing or duplicated:
        what = "; ".join(
            part
            for part in (
                f"unknown column{'s' * (len(unknown) > 1)} {', '.join(unknown)}" if unknown else "",
                f"missing {', '.join(missing)}" if missing else "",
                f"repeated {', '.join(duplicated)}" if duplicated else "",
            )
            if part
        )
        return [], [_problem(name, 1, f"bad header: {what}", hint="columns: " + ",".join(COLUMNS))]
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(_problem(name, start, f"not CSV: {exc}"))
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                _problem(
                    name,
                    start,
                    f"{len(cells)} cells where the header has {len(header)}",
                    hint="quote cells that contain commas",
                )
            )
            continue
        record = dict(zip(header, cells, strict=True))
        row = _row(record, name=name, line=start, problems=problems)
        if row is not None:
            rows.append(row)
    return rows, problems


TARGET_HEADINGS = ("target", "id", "指标", "指标名称", "indicator", "项目")
"""What a wide table's first column may be called: it holds target ids or titles."""


def _wide(header: list[str]) -> bool:
    """A header of a target column, then periods (2021, 2022年, 2024-Q4...)."""
    from zqplan.periods import PeriodError, parse_period

    if len(header) < 2 or header[0] not in TARGET_HEADINGS or "value" in header:
        return False
    try:
        for cell in header[1:]:
            parse_period(cell)
    except PeriodError:
        return False
    return True


def _parse_wide(
    reader: Any, header: list[str], *, name: str
) -> tuple[list[BatchRow], list[ZqplanError]]:
    """One row per target, one column per period: a row for each cell that holds a value."""
    import csv

    rows: list[BatchRow] = []
    problems: list[ZqplanError] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(_problem(name, start, f"not CSV: {exc}"))
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                _problem(name, start, f"{len(cells)} cells where the header has {len(header)}")
            )
            continue
        target = cells[0].strip()
        if not target:
            problems.append(InvalidInputError("no target", where=f"{name}:{start}:1"))
            continue
        for number, (period, cell) in enumerate(zip(header[1:], cells[1:], strict=False), start=2):
            if cell.strip():
                rows.append(BatchRow(start, target, cell.strip(), date=period, column=number))
    return rows, problems


def _parse_jsonl(text: str, *, name: str) -> tuple[list[BatchRow], list[ZqplanError]]:
    import json

    rows: list[BatchRow] = []
    problems: list[ZqplanError] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, object_pairs_hook=_refuse_repeated_keys)
        except json.JSONDecodeError as exc:
            problems.append(_problem(name, number, f"not JSON: {exc.msg} (column {exc.colno})"))
            continue
        except ValueError as exc:  # a repeated key, or an integer of over 4,300 digits
            problems.append(_problem(name, number, f"not a batch row: {exc}"))
            continue
        except RecursionError:
            problems.append(_problem(name, number, "not a batch row: nested too deeply"))
            continue
        if not isinstance(record, dict):
            problems.append(_problem(name, number, "each line must be a JSON object"))
            continue
        unknown = [key for key in record if key not in COLUMNS]
        if unknown:
            problems.append(
                _problem(
                    name,
                    number,
                    f"unknown key{'s' * (len(unknown) > 1)} {', '.join(map(str, unknown))}",
                    hint="keys: " + ", ".join(COLUMNS),
                )
            )
            continue
        texts: dict[str, str] = {}
        for key, item in record.items():
            if item is None:
                continue
            if isinstance(item, bool):
                texts[key] = "done" if item else "not-done"
            elif isinstance(item, (int, float)) and key == "value":
                texts[key] = repr(item)
            elif isinstance(item, str):
                texts[key] = item
            else:
                wanted = "a number, a quantity or done" if key == "value" else "a string"
                if key == "date":
                    wanted = 'a string like "2024-12-31"'
                problems.append(_problem(name, number, f"'{key}' must be {wanted}"))
                break
        else:
            row = _row(texts, name=name, line=number, problems=problems)
            if row is not None:
                rows.append(row)
    return rows, problems


def _refuse_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refusing a key given twice (which would otherwise silently win)."""
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"key '{key}' given twice")
        seen[key] = value
    return seen


def _row(
    record: dict[str, str], *, name: str, line: int, problems: list[ZqplanError]
) -> BatchRow | None:
    """A row from its cells, or None after noting what is missing."""
    for key in REQUIRED:
        if not record.get(key, "").strip():
            problems.append(_problem(name, line, f"no {key}"))
            return None
    return BatchRow(
        line=line,
        target=record["target"].strip(),
        value=record["value"].strip(),
        date=record.get("date", "").strip() or None,
        source=record.get("source") or None,
        note=record.get("note") or None,
        record=record.get("record", "").strip() or None,
        stage=record.get("stage", "").strip() or None,
        item=record.get("item", "").strip() or None,
    )

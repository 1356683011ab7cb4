"""Batch input for `zqplan update --from`: CSV or JSON Lines rows, with FILE:LINE problems."""

from __future__ import annotations

from dataclasses import dataclass

from zqplan.errors import InvalidInputError, ZqplanError
from zqplan.options import BatchFormat

COLUMNS = ("target", "value", "date", "source", "note", "record")
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

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    rows: list[BatchRow] = []
    problems: list[ZqplanError] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [_problem(name, 1, f"not CSV: {exc}")]
    if header is None:
        return [], [_problem(name, 1, "empty batch: no header row", hint=",".join(COLUMNS))]
    header = [column.strip().lower() for column in header]
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
    )

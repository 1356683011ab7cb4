"""Output formats: one renderer per format, chosen in one place."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, assert_never

from zqplan.errors import InvalidInputError
from zqplan.options import OutputFormat

__all__ = ["Output", "OutputFormat", "Terminal", "render"]

if TYPE_CHECKING:
    from rich.console import RenderableType

PIPE_WIDTH = 10_000
"""Line width when stdout is not a terminal: wide enough that no cell is cut."""


@dataclass(frozen=True, slots=True)
class Output:
    """What one command has to show, in every form a renderer may need."""

    document: dict[str, Any]
    """The versioned JSON document."""
    rows: Callable[[], list[dict[str, Any]]]
    """Builds one flat row per entry (nested fields joined with '_'), when a format needs it."""
    columns: Sequence[str]
    """Every flat column, in order: what --fields may name."""
    view: Callable[[Terminal], RenderableType]
    """Builds the Rich view for a terminal (or a pipe)."""
    markdown: Callable[[], str] | None = None
    """Builds a Markdown view for people (None: the flat table of every column)."""


@dataclass(frozen=True, slots=True)
class Terminal:
    """Where a table goes: its width, and whether it is a terminal a person reads."""

    interactive: bool
    """A terminal: colour, box drawing, bars and charts. A pipe or file: plain text."""
    width: int | None = None
    """Columns to fit (None: the terminal's, or unlimited in a pipe)."""


def select(
    rows: list[dict[str, Any]], fields: Sequence[str] | None, *, known: Sequence[str]
) -> list[dict[str, Any]]:
    """Rows with only the named fields, in that order; an unknown name is a usage error."""
    if not fields:
        return rows
    unknown = [name for name in fields if name not in known]
    if unknown:
        from zqplan.registry import suggest

        hint = suggest(unknown[0], known) or "fields: " + ",".join(known)
        raise InvalidInputError(f"unknown field '{unknown[0]}' in --fields", hint=hint)
    return [{name: row.get(name) for name in fields} for row in rows]


def json_text(document: dict[str, Any], *, indent: int | None = 2) -> str:
    """A document as JSON: UTF-8 text kept readable, never NaN, one trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def ndjson_text(rows: list[dict[str, Any]]) -> str:
    """One compact JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n" for r in rows)


def _cell(value: Any) -> str:
    """A cell as data: numbers at full precision (CSV, TSV)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def human_cell(value: Any) -> str:
    """A cell for people (table, Markdown): a number rounded as the views show values."""
    if isinstance(value, float):
        from zqplan.units import rounded

        return rounded(value)
    return _cell(value)


def delimited_text(rows: list[dict[str, Any]], columns: Sequence[str], *, delimiter: str) -> str:
    """CSV (with a UTF-8 byte order mark, so spreadsheets read Chinese) or TSV."""
    import csv
    import io

    buffer = io.StringIO()
    if delimiter == ",":
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = [_cell(row.get(column)) for column in columns]
        if delimiter == "\t":
            # TSV has no quoting: tabs and line breaks inside a cell become spaces.
            cells = [
                " ".join(cell.replace("\r", " ").split("\t")).replace("\n", " ") for cell in cells
            ]
        writer.writerow(cells)
    return buffer.getvalue()


def markdown_text(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table; pipes in cells escaped."""

    from zqplan.safe import printable

    def escape(value: Any) -> str:
        # A table for people: terminal controls neutralised like the table view's.
        text = human_cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
        return printable(text)

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def table_text(renderable: RenderableType, *, width: int | None = None) -> str:
    """A Rich renderable as text (colour only for a terminal, or with FORCE_COLOR)."""
    import sys

    from rich.console import Console

    if width is None and not (sys.stdout is not None and sys.stdout.isatty()):
        width = PIPE_WIDTH
    console = Console(width=width, highlight=False, soft_wrap=False, emoji=False, markup=False)
    with console.capture() as capture:
        console.print(renderable)
    # Rich pads every cell to its column: drop the padding at line ends.
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def fields_table(
    rows: list[dict[str, Any]], columns: Sequence[str], terminal: Terminal
) -> RenderableType:
    """A plain table of chosen fields (the table view with --fields)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from zqplan.text import printable

    table = Table(box=box.SIMPLE_HEAD if terminal.interactive else None, pad_edge=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(printable(human_cell(row.get(c)))) for c in columns))
    return table


def render(
    fmt: OutputFormat,
    output: Output,
    *,
    terminal: Terminal,
    fields: Sequence[str] | None = None,
) -> str:
    """The text of one command's output in the chosen format."""
    columns = list(fields) if fields else list(output.columns)
    needs_rows = fmt is not OutputFormat.JSON and not (fmt is OutputFormat.TABLE and not fields)
    rows = select(output.rows(), fields, known=output.columns) if needs_rows or fields else []
    if fmt is OutputFormat.JSON:
        # Indented for a person at a terminal; compact (and several times faster) in a pipe.
        indent = 2 if terminal.interactive else None
        if not fields:
            return json_text(output.document, indent=indent)
        # With --fields, every command's JSON is the same shape: the chosen columns and rows.
        head: dict[str, Any] = {
            k: output.document[k] for k in ("schema", "as_of") if k in output.document
        }
        return json_text({**head, "fields": columns, "rows": rows}, indent=indent)
    if fmt is OutputFormat.NDJSON:
        return ndjson_text(rows)
    if fmt is OutputFormat.CSV:
        return delimited_text(rows, columns, delimiter=",")
    if fmt is OutputFormat.TSV:
        return delimited_text(rows, columns, delimiter="\t")
    if fmt is OutputFormat.MARKDOWN:
        if output.markdown is not None and not fields:
            return output.markdown()
        return markdown_text(rows, columns)
    if fmt is OutputFormat.TABLE:
        view = fields_table(rows, columns, terminal) if fields else output.view(terminal)
        if isinstance(view, str):  # already laid out as plain text (zqplan.plain)
            return view
        return table_text(view, width=terminal.width)
    assert_never(fmt)

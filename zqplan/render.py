"""Output formats: one renderer per format, chosen in one place."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, assert_never

if TYPE_CHECKING:
    from rich.console import RenderableType


PIPE_WIDTH = 400
"""Line width when stdout is not a terminal: wide enough that no cell is cut."""


class OutputFormat(StrEnum):
    """What a command prints on stdout."""

    TABLE = "table"
    JSON = "json"


def json_text(document: dict[str, Any]) -> str:
    """A document as JSON: UTF-8 text kept readable, never NaN, one trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def table_text(renderable: RenderableType, *, width: int | None = None) -> str:
    """A Rich renderable as terminal text (colour only when stdout is a terminal)."""
    import sys

    from rich.console import Console

    if width is None and not sys.stdout.isatty():
        width = PIPE_WIDTH  # a pipe or file gets whole lines, not the terminal's 80 columns
    console = Console(width=width, highlight=False, soft_wrap=False, emoji=False, markup=False)
    with console.capture() as capture:
        console.print(renderable)
    # Rich pads every cell to its column: drop the padding at line ends.
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


def render(
    output: OutputFormat,
    *,
    document: dict[str, Any],
    table: Callable[[], RenderableType],
) -> str:
    """The text of one command's output: `table` is a callable building the Rich view."""
    if output is OutputFormat.JSON:
        return json_text(document)
    if output is OutputFormat.TABLE:
        return table_text(table())
    assert_never(output)

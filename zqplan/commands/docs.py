"""`zqplan docs TOPIC`: the documentation shipped with zqplan, printed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zqplan.cli import LangOption
from zqplan.commands.common import emit
from zqplan.errors import InvalidInputError
from zqplan.options import Lang

TOPICS = {"registry": "registry.md"}
"""Each topic and its file under docs/ (in the wheel: zqplan/docs/, see pyproject.toml)."""


def doc_path(topic: str) -> Path:
    """The file of a topic: inside the installed package, else in the source checkout."""
    name = TOPICS.get(topic)
    if name is None:
        from zqplan.registry import suggest

        raise InvalidInputError(
            f"no documentation on '{topic}'",
            hint=suggest(topic, TOPICS) or "topics: " + ", ".join(TOPICS),
        )
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "docs" / name, here.parent / "docs" / name):
        if candidate.is_file():
            return candidate
    from zqplan.errors import ZqplanError

    raise ZqplanError(
        f"the documentation '{topic}' is missing from this installation",
        hint="reinstall zqplan with `pip install .`",
    )


def text(topic: str) -> str:
    """The topic's text, as written (Markdown)."""
    return doc_path(topic).read_text(encoding="utf-8")


def command(
    topic: Annotated[
        str, typer.Argument(metavar="TOPIC", help="What to read: registry (the format).")
    ] = "registry",
    lang: LangOption = Lang.EN,
) -> None:
    """Print documentation shipped with zqplan (Markdown): registry, the registry's format.

    Example: zqplan docs registry | less
    """
    emit(text(topic))

"""`zqplan init DIR`: start a new plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zqplan.cli import LangOption
from zqplan.commands.common import say
from zqplan.options import Lang


def command(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to start the plan.")
    ] = Path("."),
    empty: Annotated[
        bool, typer.Option("--empty", help="A commented template instead of the Zhaoqing plan.")
    ] = False,
    example: Annotated[
        str | None,
        typer.Option(
            "--example", metavar="ID", help="Another shipped plan (`zqplan examples` lists them)."
        ),
    ] = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Start a new plan in DIR: a shipped plan and the texts it quotes, or a template.

    Example: zqplan init plans/china --example china-14th-fyp && cd plans/china && zqplan status
    """
    from zqplan.shipped import init_registry

    created = init_registry(directory, empty=empty, example=example)
    say(
        f"created {created}; record progress with `zqplan update TARGET VALUE --registry {created}`"
    )

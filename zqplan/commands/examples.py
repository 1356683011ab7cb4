"""`zqplan examples`: the plans shipped with zqplan, which `zqplan init --example` copies."""

from __future__ import annotations

from zqplan.cli import JsonOption, LangOption
from zqplan.commands.common import emit
from zqplan.options import Lang


def command(json: JsonOption = False, lang: LangOption = Lang.EN) -> None:
    """The plans shipped with zqplan: id, title, and how many source texts come with each.

    Example: zqplan examples && zqplan init plans/china --example china-14th-fyp
    """
    from zqplan.examples import run

    emit(run(lang=lang, json=json))

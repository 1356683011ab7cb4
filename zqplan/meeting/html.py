"""The report as one self-contained HTML page (Jinja2, autoescaped): `zqplan report -o X.html`.

Jinja2 is imported here only, so only `report --format html` loads it.
"""

from __future__ import annotations

from pathlib import Path

from zqplan.i18n import STATUS_LABELS, Lang
from zqplan.meeting import SYMBOLS, Meeting
from zqplan.meeting.svg import LEFT, Chart, chart
from zqplan.meeting.words import say
from zqplan.model import StatusCode

TEMPLATES = Path(__file__).parent / "templates"
"""The template ships in the wheel beside this module."""


def _legend(lang: Lang) -> list[tuple[str, str, str]]:
    """Every status's key, symbol and name, then the entries never judged."""
    zh = lang is Lang.ZH
    found = [(code.value, SYMBOLS[code.value], STATUS_LABELS[code][zh]) for code in StatusCode]
    return [*found, ("unjudged", SYMBOLS["unjudged"], say("unjudged label", lang))]


def html_text(meeting: Meeting) -> str:
    """The whole page: title and date, summary, what needs attention, a table per area."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text is escaped: a title with <script> stays text
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    template = environment.get_template("report.html.j2")
    lang = meeting.lang
    charts: dict[str, Chart | None] = {row.id: chart(row.assessment) for row in meeting.rows}
    return template.render(
        m=meeting,
        charts=charts,
        left=LEFT,
        legend=_legend(lang),
        html_lang="zh-Hans" if lang is Lang.ZH else "en",
        zh=lang is Lang.ZH,
        say=lambda key: say(key, lang),
    )

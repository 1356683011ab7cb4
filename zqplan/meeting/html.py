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


def _svg(c: Chart, row_id: str, title: str, lang: Lang) -> str:
    """One chart's SVG, built here rather than by template loops (100,000 dots on a big
    plan); every text goes through markupsafe.escape, so a title stays text."""
    from markupsafe import escape

    def w(key: str) -> str:
        return str(escape(say(key, lang)))

    parts = [
        f'<svg class="chart" viewBox="0 0 {c.width} {c.height}" role="img" '
        f'aria-label="{escape(say("chart of", lang).format(row_id))}">'
        f"<title>{escape(say('chart of', lang).format(title))}</title>\n"
        f'<line class="axis" x1="{LEFT}" y1="{c.axis_y}" x2="{c.width - 8}" y2="{c.axis_y}"/>\n'
    ]
    goal_bar, outturn_bar = w("year target bar"), w("year outturn bar")
    parts += [
        f'<rect class="{b.kind}" x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}">'
        f"<title>{goal_bar if b.kind == 'goal' else outturn_bar} {escape(b.label)}</title></rect>"
        for b in c.bars
    ]
    parts += [
        f'<polyline class="{line.kind}" points="{line.points}"><title>'
        f"{w('expected path') if line.kind == 'expected' else w('projection')}</title></polyline>"
        for line in c.lines
    ]
    if c.trail:
        parts.append(
            f'<polyline class="observed" points="{c.trail}"><title>{w("observed")}</title>'
            "</polyline>"
        )
    if c.goal is not None:
        g = c.goal
        parts.append(
            f'<path class="goal" d="M{g.x - 4},{g.y} L{g.x},{g.y - 4} L{g.x + 4},{g.y} '
            f'L{g.x},{g.y + 4} Z"><title>{w("target mark")} {escape(g.label)}</title></path>'
        )
    observed = w("observed")
    parts += [
        f'<circle class="obs" cx="{d.x}" cy="{d.y}" r="2.5"><title>{observed} '
        f"{escape(d.label)}</title></circle>"
        for d in c.dots
    ]
    parts += [
        f'<text x="{t.x}" y="{t.y}" text-anchor="{t.anchor}">{escape(t.text)}</text>'
        for t in c.labels
    ]
    parts.append("\n</svg>")
    return "".join(parts)


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
    from markupsafe import Markup

    charts: dict[str, Markup] = {}
    for row in meeting.rows:
        drawn = chart(row.assessment)
        if drawn is not None:  # every text in it is escaped by _svg
            charts[row.id] = Markup(_svg(drawn, row.id, row.title, lang))
    return template.render(
        m=meeting,
        charts=charts,
        legend=_legend(lang),
        html_lang="zh-Hans" if lang is Lang.ZH else "en",
        zh=lang is Lang.ZH,
        say=lambda key: say(key, lang),
    )

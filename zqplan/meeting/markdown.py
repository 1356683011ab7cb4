"""The report as Markdown for a wiki or a merge request: `zqplan report -o X.md`.

Headings per area, a compact table each, and a sentence per target off track or
missed. Text from the registry is escaped so that it shows as written, never as
Markdown or HTML. (`status --format markdown` stays the flat table for scripts.)
"""

from __future__ import annotations

import re

from zqplan.i18n import Lang
from zqplan.meeting import Meeting, Row
from zqplan.meeting.words import say

_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that are Markdown or HTML anywhere in a line."""


def escaped(text: str) -> str:
    """Text that renders as itself: Markdown's and HTML's characters backslash-escaped."""
    # No registry text starts a line here (each follows '#', '- ' or '| '), so the
    # characters that only act at a line's start need no escape.
    return _ALWAYS.sub(r"\\\1", text)


def _status(row: Row) -> str:
    return f"{row.symbol} {escaped(row.label)}"


def _title(row: Row) -> str:
    if not row.flags:
        return escaped(row.title)
    return f"{escaped(row.title)} ({escaped('; '.join(row.flags))})"


def markdown_text(meeting: Meeting) -> str:
    """The whole report as Markdown."""
    lang = meeting.lang
    zh = lang is Lang.ZH
    colon = "：" if zh else ": "
    lines = [f"# {escaped(meeting.title)}", ""]
    meta = f"{say('report', lang)} · {say('as of', lang)} {meeting.as_of}"
    if meeting.known_at is not None:
        meta += f" · {say('known at', lang)} {meeting.known_at}"
    lines += [meta, ""]
    if meeting.filters:
        lines += [f"{say('filters', lang)}{colon}{escaped('; '.join(meeting.filters))}", ""]
    if meeting.since is not None:
        lines += [f"## {say('changes', lang).format(meeting.since)}", ""]
        lines += [f"- {escaped(change.text)}" for change in meeting.changes]
        lines += [say("no changes", lang)] if not meeting.changes else []
        lines.append("")
    lines += [f"## {say('summary', lang)}", ""]
    counts = ("，" if zh else ", ").join(
        f"{c.symbol} {c.label} {c.count}" if zh else f"{c.symbol} {c.count} {c.label}"
        for c in meeting.counts
    )
    one = "commitments one" if meeting.judged == 1 else "commitments"
    summary = f"**{meeting.judged}** {say(one, lang)}"
    if counts:
        summary += colon + counts
    if meeting.unjudged:
        listed = say("unjudged one" if meeting.unjudged == 1 else "unjudged", lang)
        summary += ("；" if zh else "; ") + f"{meeting.unjudged} {listed}"
    lines += [summary + ("。" if zh else "."), ""]
    if meeting.judged:
        lines += [f"## {say('attention', lang)}", ""]
        for row in meeting.attention:
            where = f"{escaped(row.id)}{'，' if zh else ', '}{_status(row)}"
            lines.append(
                f"- **{escaped(row.title)}** "
                + (f"（{where}）" if zh else f"({where})")
                + f"{colon}{escaped(row.sentence)}"
            )
        if not meeting.attention:
            lines.append(say("nothing to flag", lang))
        lines.append("")
    if not meeting.sections:
        lines += [say("no targets", lang), ""]
    headings = [say(key, lang) for key in ("id", "title", "latest", "target", "progress", "status")]
    for section in meeting.sections:
        lines += [f"## {escaped(section.title)}", ""]
        lines.append("| " + " | ".join(headings) + " |")
        lines.append("| --- | --- | ---: | ---: | ---: | --- |")
        for row in section.rows:
            cells = [
                escaped(row.id),
                _title(row),
                escaped(row.latest),
                escaped(row.target),
                row.progress,
                _status(row),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)

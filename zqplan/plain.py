"""The status table as plain text for a pipe, without Rich: the same layout, cheaper.

table.py shares the words of each cell from here, so both views say the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from zqplan import text
from zqplan.i18n import HEADINGS, STATUS_LABELS, Lang, pick, word
from zqplan.model import Assessment, Plan, Role, StatusCode, YearlyTarget
from zqplan.report import label
from zqplan.status import judged, summarize, track_record


def status_name(assessment: Assessment, lang: Lang) -> str:
    """The status code in English (as filters take it), the method's label in Chinese;
    a reported fact or a direction by its role."""
    if lang is Lang.ZH:
        return label(assessment, zh=True)
    return assessment.status.value if judged(assessment) else assessment.target.role.value


def status_flags(assessment: Assessment, lang: Lang) -> list[str]:
    """The period and track record of a yearly schedule, an umbrella's parts achieved, then
    stale, low-confidence, awaiting."""
    flags = [
        word(name, lang)
        for name, on in (
            ("stale", assessment.stale),
            ("low-confidence", assessment.low_confidence),
            ("awaiting-final", assessment.awaiting_final),
        )
        if on
    ]
    parts = assessment.parts
    if parts is not None:
        flags.insert(
            0,
            f"分项已实现 {parts.achieved}/{parts.counted}"
            if lang is Lang.ZH
            else f"parts {parts.achieved}/{parts.counted} achieved",
        )
    record = track_record(assessment)
    if record is not None and assessment.period is not None:
        met, of = record
        flags.insert(
            0,
            f"{assessment.period}年；完成 {met}/{of} 年"
            if lang is Lang.ZH
            else f"{assessment.period}; met {met} of {of} years",
        )
    return flags


def goal_text(assessment: Assessment, lang: Lang, *, stacked: bool = True) -> str:
    """The target in force: its level and date, marked when revised."""
    goal = assessment.goal
    unit = "" if assessment.target.cumulative else assessment.target.unit
    current = next((p for p in assessment.schedule if p.entry.year == assessment.period), None)
    if current is not None:  # a yearly schedule: the period's target, in the language
        shown = period_target(assessment, current.entry, lang)
        zh = lang is Lang.ZH
        year = f"{current.entry.year}年：" if zh else f"{current.entry.year}:"
        return f"{year}{chr(10) if stacked else '' if zh else ' '}{shown}"
    if goal is None:
        return "—"
    shown = (
        ""
        if goal.value is None or isinstance(goal.value, bool)
        else text.value(goal.value, unit, lang)
    )
    if goal.date is not None:
        due = f"{word('by', lang)} {goal.date}"
        shown = f"{shown}{chr(10) if stacked else ' '}{due}" if shown else due
    if assessment.revision is not None:
        shown += " *"  # revised: `zqplan show` gives the plan as first set
    return shown or "—"


def period_target(assessment: Assessment, entry: YearlyTarget, lang: Lang) -> str:
    """One year's target of a schedule in the language, with its unit; a relative one
    names the indicator it compares with by its title ('above GDP growth')."""
    relative = assessment.relative_title
    other = ""
    if relative is not None:
        other = pick(relative[0], relative[1], lang)
    elif assessment.target.relative_to:
        other = assessment.target.relative_to
    return text.yearly(entry, assessment.target.unit, lang, other=text.printable(other))


def summary_parts(
    assessments: Sequence[Assessment], lang: Lang
) -> tuple[str, list[tuple[StatusCode, str]]]:
    """'12 targets' and each status's count ('3 achieved'), in the method's order."""
    counts = summarize(assessments)
    total = sum(judged(a) for a in assessments)
    zh = lang is Lang.ZH
    head = f"共 {total} {word('targets', lang)}" if zh else f"{total} target{'s' * (total != 1)}"
    parts = []
    for code in StatusCode:
        count = counts[code.value]
        if count:
            name = STATUS_LABELS[code][1] if zh else code.value
            parts.append((code, f"{name} {count}" if zh else f"{count} {name}"))
    return head, parts


def summary_text(assessments: Sequence[Assessment], lang: Lang) -> str:
    """The summary line as plain text."""
    zh = lang is Lang.ZH
    head, parts = summary_parts(assessments, lang)
    if not parts:
        return head
    return head + ("：" if zh else ": ") + ("，" if zh else ", ").join(p for _, p in parts)


def ordered(plan: Plan, assessments: Sequence[Assessment]) -> list[tuple[str, list[Assessment]]]:
    """Each area's title source and rows: commitments first, then reported and directions."""
    found = []
    for area in plan.areas:
        rows = [a for a in assessments if a.target.area == area.id and judged(a)]
        rows += [a for a in assessments if a.target.area == area.id and not judged(a)]
        if rows:
            found.append((area.id, rows))
    return found


def split_directions(
    rows: Sequence[Assessment], collapse: bool
) -> tuple[list[Assessment], list[Assessment]]:
    """An area's rows shown in full, and its directions listed by id when collapsed."""
    if not collapse:
        return list(rows), []
    directions = [a for a in rows if a.target.role is Role.DIRECTION]
    return [a for a in rows if a.target.role is not Role.DIRECTION], directions


def directions_line(directions: Sequence[Assessment], lang: Lang, *, ids: bool = True) -> str:
    """One line for an area's directions: 'directions (3): a, b, c' (方向性任务（3项）：a, b, c);
    without ids, 'directions (3)'."""
    if not ids:
        return word("directions counted", lang).format(count=len(directions))
    # Ids are ASCII: ", " between them in both languages, where a line may break.
    joined = ", ".join(text.printable(a.target.id) for a in directions)
    english, chinese = HEADINGS["directions listed"]
    return (chinese if lang is Lang.ZH else english).format(count=len(directions), ids=joined)


def wrapped(line: str, width: int, indent: int) -> list[str]:
    """A line broken after its commas to lines of at most width cells, all but the
    first indented; a piece longer than a line stands alone."""
    pieces = re.findall(r"[^,]+,?", line)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if current and cells(current + piece) > width - indent:
            lines.append(current.rstrip())
            current = ""
        current += piece.lstrip() if not current else piece
    if current:
        lines.append(current.rstrip())
    return [(" " * indent if index else "") + shown for index, shown in enumerate(lines)]


def status_cells(assessment: Assessment, lang: Lang) -> list[str]:
    """One row of the plain table: id, title, latest, target, progress, expected, status."""
    target = assessment.target
    latest = assessment.latest
    unit = "" if target.cumulative else target.unit  # an index of 100 at the baseline
    flags = status_flags(assessment, lang)
    return [
        text.printable(target.id),
        text.printable(pick(target.title, target.title_zh, lang)),
        text.printable(text.point(latest, unit, lang)),
        text.printable(goal_text(assessment, lang, stacked=False)),
        "—" if assessment.progress is None else f"{text.percent(assessment.progress):>6}",
        text.percent(assessment.expected_progress),
        status_name(assessment, lang) + _flagged(flags, lang),
    ]


def _flagged(flags: list[str], lang: Lang) -> str:
    """The flags after a status: ' (stale)', （数据过时） in Chinese."""
    if not flags:
        return ""
    return f"（{'，'.join(flags)}）" if lang is Lang.ZH else f" ({', '.join(flags)})"


_RIGHT = (False, False, True, True, False, True, False)
"""Which columns are right-justified (latest, target, expected), as in the Rich table."""


def cells(value: str) -> int:
    """The width of text on a terminal: wide East Asian characters take two cells."""
    if value.isascii():
        return len(value)
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in value
    )


def status_plain(
    plan: Plan,
    assessments: Sequence[Assessment],
    lang: Lang = Lang.EN,
    *,
    grouped: bool = True,
    collapse: bool = False,
) -> str:
    """The status table for a pipe: one line per target, columns one space apart; grouped
    by area, or in the order given (a sorted listing). collapse: an area's directions are
    one line of ids after its rows, not a row each."""
    areas = {a.id: a for a in plan.areas}
    headings = ["id", "title", "latest", "target", "progress", "expected", "status"]
    rows: list[list[str]] = [[word(h, lang) for h in headings]]
    listed: dict[int, str] = {}  # the row after which an area's directions are listed
    groups = ordered(plan, assessments) if grouped else [("", list(assessments))]
    for area_id, members in groups:
        if area_id:
            area = areas[area_id]
            title = text.printable(pick(area.title, area.title_zh, lang))
            rows.append(["", title, "", "", "", "", ""])
        shown, directions = split_directions(members, collapse)
        rows += [status_cells(a, lang) for a in shown]
        if directions:
            listed[len(rows) - 1] = directions_line(directions, lang)
    widths = [max(cells(row[i]) for row in rows) for i in range(len(headings))]
    widths[1] = max(widths[1], 12)  # the title column's minimum width in the Rich table
    lines = []
    title = text.printable(pick(plan.title, plan.title_zh, lang))
    if assessments:
        title += f"  {word('as of', lang)} {assessments[0].as_of}"
    lines.append(title)
    indent = widths[0] + 1  # an area's directions start under the titles
    for index, row in enumerate(rows):
        padded = [
            " " * (width - cells(cell)) + cell if right else cell + " " * (width - cells(cell))
            for cell, width, right in zip(row, widths, _RIGHT, strict=True)
        ]
        lines.append(" ".join(padded).rstrip())
        if index in listed:
            table_width = max(sum(widths) + len(widths) - 1, 80)
            broken = wrapped(listed[index], table_width - indent, 2)
            lines += [" " * indent + line for line in broken]
    if any(a.revision is not None for a in assessments):
        lines.append(word("revised legend", lang))
    if listed:
        lines.append(word("directions hint", lang))
    lines.append(summary_text(assessments, lang))
    return "".join(line.rstrip() + "\n" for line in lines)

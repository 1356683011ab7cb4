"""The report for a meeting (`zqplan report`): what it says, whatever the format. Pure.

`build` turns the plan and its assessments into a Meeting; html.py, xlsx.py and
markdown.py each render one (one renderer per format). Every text taken from the
registry or the ledger passes through safe.printable here, once, so no renderer can
forget it: controls and bidi overrides show as \\uXXXX, never act.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zqplan import text
from zqplan.i18n import Lang, pick
from zqplan.meeting.words import say
from zqplan.model import Assessment, Observation, Plan, Point, StatusCode, Value
from zqplan.safe import printable
from zqplan.status import judged, summarize

if TYPE_CHECKING:
    from zqplan.diff import Diff

SYMBOLS: dict[str, str] = {
    StatusCode.ACHIEVED.value: "✔",
    StatusCode.ON_TRACK.value: "●",
    StatusCode.AT_RISK.value: "▲",
    StatusCode.OFF_TRACK.value: "▼",
    StatusCode.MISSED.value: "✖",
    StatusCode.NO_TARGET.value: "○",
    StatusCode.NO_DATA.value: "?",
    "unjudged": "–",
}
"""A symbol per status, so that a status reads without its colour (greyscale, colour-blind)."""

ATTENTION = (StatusCode.OFF_TRACK, StatusCode.MISSED)
"""Statuses that get a sentence of their own at the top of the report."""


@dataclass(frozen=True, slots=True)
class Count:
    """One status of the summary and how many commitments have it."""

    key: str
    """The status code (the CSS class and the colour)."""
    label: str
    """The status in words, in the report's language."""
    symbol: str
    """Its symbol."""
    count: int
    """How many commitments shown have it."""


@dataclass(frozen=True, slots=True)
class Row:
    """One target as the report shows it: texts made safe, numbers kept as numbers."""

    assessment: Assessment
    """The target judged (its numbers, for charts and spreadsheets)."""
    id: str
    """Its id."""
    title: str
    """Its title in the report's language."""
    area: str
    """Its area's title in the report's language."""
    unit: str
    """The unit its values are shown in ('' for an index or a yes/no target)."""
    latest: str
    """The latest value in words ('—' when none)."""
    target: str
    """The target in force in words, with its date."""
    progress: str
    """Progress as a percentage ('—' when none)."""
    expected: str
    """Expected progress as a percentage ('—' when none)."""
    key: str
    """The status code, or 'unjudged' for a reported fact or a direction."""
    label: str
    """The status in words, in the report's language."""
    symbol: str
    """The status's symbol."""
    flags: tuple[str, ...]
    """Stale, low-confidence, the period and track record of a yearly schedule."""
    sentence: str
    """Where it stands, in one sentence."""
    note: str
    """The registry's note ('' when none)."""
    source: str
    """The plan's sentence it comes from."""


@dataclass(frozen=True, slots=True)
class Section:
    """One area of the plan and its targets shown."""

    id: str
    """The area's id."""
    title: str
    """Its title in the report's language."""
    rows: tuple[Row, ...]
    """Its targets: commitments first, then reported facts and directions."""


@dataclass(frozen=True, slots=True)
class Record:
    """One record of the history sheet."""

    target: str
    """The target's id."""
    unit: str
    """The target's unit."""
    date: dt.date
    """The end of the period the value describes."""
    value: Value
    """The value."""
    recorded_at: dt.datetime | None
    """When it was recorded (None: written in the registry)."""
    recorded_by: str
    """Who recorded it ('' when unknown)."""
    source: str
    """Where the figure comes from ('' when not said)."""
    note: str
    """Free text ('' when none)."""
    record: str
    """The record's id."""
    superseded: bool
    """A later record for the same period revised it."""
    comparator: str = ""
    """A figure known only as a bound: ">", ">=", "<", "<=" or "about" ('' when exact)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One line of 'what changed since': a figure, a status or a stage."""

    kind: str
    """figure, status or stage."""
    id: str
    """The target's or the programme's id."""
    text: str
    """What changed, in the report's language, made safe."""


def changes(plan: Plan, diff: Diff, shown: Sequence[str], lang: Lang) -> tuple[Change, ...]:
    """The diff's lines for the targets shown: figures, then statuses, then stages."""
    from zqplan.i18n import STAGE_LABELS, STATUS_LABELS

    zh = lang is Lang.ZH
    colon = "：" if zh else ": "
    kept = set(shown)
    units = {t.id: ("" if t.cumulative else t.unit) for t in plan.targets}
    found: list[Change] = []
    for figure in diff.figures:
        if figure.target_id not in kept and plan.programme(figure.target_id) is None:
            continue
        unit = units.get(figure.target_id, "")
        new = shown_value(figure.new, unit, lang)
        old = shown_value(figure.old, unit, lang)
        if figure.item is not None:
            what = f"{say('item done', lang)} {figure.item}"
        elif figure.change == "new":
            what = f"{say('new figure', lang)} {new}"
        elif figure.change == "revised":
            what = f"{say('revised figure', lang)} {old} → {new}"
        else:
            what = f"{say('voided figure', lang)} {old}" + (
                "" if figure.new is None else f" → {new}"
            )
        found.append(
            Change(
                "figure",
                figure.target_id,
                printable(f"{figure.target_id} {figure.period}{colon}{what}"),
            )
        )
    for status in diff.statuses:
        if status.target.id not in kept:
            continue
        title = pick(status.target.title, status.target.title_zh, lang)
        old, new = STATUS_LABELS[status.old][zh], STATUS_LABELS[status.new][zh]
        found.append(
            Change(
                "status",
                status.target.id,
                printable(f"{status.target.id} ({title}){colon}{old} → {new}"),
            )
        )
    for change in diff.targets or ():  # None: the registry of then is unknown (not in git)
        target = change.target
        if target.id not in kept and change.change != "removed":
            continue
        title = pick(target.title, target.title_zh, lang)
        what = say(f"target {change.change}", lang)
        if change.fields:
            what += f" ({', '.join(change.fields)})"
        found.append(Change("target", target.id, printable(f"{target.id} ({title}){colon}{what}")))
    for stage in diff.stages:
        title = pick(stage.title, stage.title_zh, lang)
        old, new = STAGE_LABELS[stage.old][zh], STAGE_LABELS[stage.new][zh]
        found.append(
            Change(
                "stage",
                stage.programme_id,
                printable(f"{stage.programme_id} / {title}{colon}{old} → {new}"),
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Meeting:
    """Everything a report shows, in one language."""

    lang: Lang
    """The report's language."""
    title: str
    """The plan's title."""
    plan_id: str
    """The plan's id."""
    as_of: dt.date
    """The day judged."""
    known_at: dt.date | None
    """Only records recorded by this day were used (None: all)."""
    judged: int
    """Commitments judged among the targets shown."""
    unjudged: int
    """Reported facts and directions shown (listed, never judged)."""
    counts: tuple[Count, ...]
    """Each status present, in the method's order."""
    sections: tuple[Section, ...]
    """Each area with targets shown, in the registry's order."""
    attention: tuple[Row, ...]
    """The off-track and missed commitments, worst first."""
    filters: tuple[str, ...]
    """The filters applied, in words (empty: every target)."""
    records: tuple[Record, ...]
    """Every record of the targets shown, target by target, oldest first."""
    since: dt.date | None = None
    """--since: the day 'what changed' compares with (None: no such section)."""
    changes: tuple[Change, ...] = ()
    """What changed since then, for the targets shown."""

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every target shown, area by area."""
        return tuple(row for section in self.sections for row in section.rows)


def shown_value(value: Value | None, unit: str, lang: Lang) -> str:
    """A value in words: '130,000 vehicles', '已完成' for a yes/no target done."""
    if isinstance(value, bool):
        return say("done" if value else "not done", lang)
    return text.value(value, unit, lang)


def status_key(assessment: Assessment) -> str:
    """The status code, or 'unjudged' for entries never judged."""
    return assessment.status.value if judged(assessment) else "unjudged"


def make_row(plan: Plan, assessment: Assessment, lang: Lang) -> Row:
    """One target's texts in the language, made safe."""
    from zqplan.plain import goal_text, status_flags
    from zqplan.report import label
    from zqplan.sentence import describe

    target = assessment.target
    area = plan.area(target.area)
    unit = "" if target.cumulative else target.unit  # judged on an index of 100
    latest = assessment.latest
    key = status_key(assessment)
    return Row(
        assessment=assessment,
        id=printable(target.id),
        title=printable(pick(target.title, target.title_zh, lang)),
        area=printable(target.area if area is None else pick(area.title, area.title_zh, lang)),
        unit=printable(unit),
        latest="—"
        if latest is None
        else printable(_bound_sign(latest) + shown_value(latest.value, unit, lang)),
        target=printable(goal_text(assessment, lang, stacked=False)),
        progress=text.percent(assessment.progress),
        expected=text.percent(assessment.expected_progress),
        key=key,
        label=printable(label(assessment, zh=lang is Lang.ZH)),
        symbol=SYMBOLS[key],
        flags=tuple(printable(f) for f in status_flags(assessment, lang)),
        sentence=printable(describe(assessment, lang)),
        note=printable(target.note or ""),
        source=printable(target.source),
    )


def _bound_sign(point: Point) -> str:
    """A figure known only as a bound shows its sign first ("> 30 billion yuan")."""
    if point.comparator is None or isinstance(point.value, bool):
        return ""
    return text.BOUND_SIGNS[point.comparator.value]


def _records(assessments: Sequence[Assessment], ledger: Sequence[Observation]) -> list[Record]:
    """Every record of the targets shown dated on or before the day judged, as `history`
    lists them (registry figures first within a period; revised ones superseded)."""
    from zqplan.status import effective_observations

    mine: dict[str, list[Observation]] = {a.target.id: [] for a in assessments}
    for observation in ledger:
        found = mine.get(observation.target_id)
        if found is not None:
            found.append(observation)
    records = []
    shown: dict[str, str] = {}  # who and which source repeat over 100,000 records

    def safe(text: str) -> str:
        found = shown.get(text)
        if found is None:
            found = shown[text] = printable(text)
        return found

    for assessment in assessments:
        target = assessment.target
        as_of = assessment.as_of
        used = {o.record_id for o in effective_observations(target, mine[target.id], as_of=as_of)}
        every = sorted(
            (o for o in (*target.observations, *mine[target.id]) if o.date <= as_of),
            key=lambda o: (o.date, o.sequence),
        )
        shown_id, unit = printable(target.id), printable(target.unit)
        records += [
            Record(
                target=shown_id,
                unit=unit,
                date=o.date,
                value=o.value,
                recorded_at=o.recorded_at,
                recorded_by=safe(o.recorded_by or ""),
                source=safe(o.source or ""),
                note=safe(o.note or ""),
                record=printable(o.record_id),
                superseded=o.record_id not in used,
                comparator="" if o.comparator is None else o.comparator.value,
            )
            for o in every
        ]
    return records


def build(
    plan: Plan,
    assessments: Sequence[Assessment],
    ledger: Sequence[Observation],
    *,
    as_of: dt.date,
    known_at: dt.date | None,
    lang: Lang,
    filters: Sequence[str] = (),
    history: bool = True,
    diff: Diff | None = None,
) -> Meeting:
    """The report of the targets selected, grouped by area; history: fill the records;
    diff: what changed since its day, for a section at the top."""
    from zqplan.i18n import STATUS_LABELS
    from zqplan.plain import ordered
    from zqplan.select import SEVERITY

    zh = lang is Lang.ZH
    areas = {a.id: a for a in plan.areas}
    rows = {a.target.id: make_row(plan, a, lang) for a in assessments}
    sections = tuple(
        Section(
            id=printable(area_id),
            title=printable(pick(areas[area_id].title, areas[area_id].title_zh, lang)),
            rows=tuple(rows[a.target.id] for a in members),
        )
        for area_id, members in ordered(plan, assessments)
    )
    tally = summarize(assessments)
    counts = tuple(
        Count(
            code.value, STATUS_LABELS[code][1 if zh else 0], SYMBOLS[code.value], tally[code.value]
        )
        for code in StatusCode
        if tally[code.value]
    )
    flagged = [a for a in assessments if judged(a) and a.status in ATTENTION]
    flagged.sort(key=lambda a: SEVERITY[a.status.value])
    return Meeting(
        lang=lang,
        title=printable(pick(plan.title, plan.title_zh, lang)),
        plan_id=printable(plan.id),
        as_of=as_of,
        known_at=known_at,
        judged=sum(count.count for count in counts),
        unjudged=sum(not judged(a) for a in assessments),
        counts=counts,
        sections=sections,
        attention=tuple(rows[a.target.id] for a in flagged),
        filters=tuple(printable(f) for f in filters),
        records=tuple(_records(assessments, ledger)) if history else (),
        since=None if diff is None else diff.since,
        changes=()
        if diff is None
        else changes(plan, diff, [a.target.id for a in assessments], lang),
    )

"""Rich renderers for people: the status table, one target, its history, the milestones.

Only this module imports Rich, so JSON output never pays for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from zqplan import text
from zqplan.i18n import STAGE_LABELS, Lang, pick, term, word
from zqplan.model import (
    Assessment,
    Criterion,
    Kind,
    Observation,
    Plan,
    Point,
    ProgrammeAssessment,
    Role,
    StageStatus,
    StatusCode,
    Trajectory,
)
from zqplan.plain import (
    directions_line,
    goal_text,
    ordered,
    period_target,
    split_directions,
    status_flags,
    status_name,
    summary_parts,
)
from zqplan.report import history_records, label
from zqplan.sentence import describe
from zqplan.status import judged

STATUS_STYLE = {
    StatusCode.ACHIEVED: "bold green",
    StatusCode.ON_TRACK: "green",
    StatusCode.AT_RISK: "yellow",
    StatusCode.OFF_TRACK: "red",
    StatusCode.MISSED: "bold red",
    StatusCode.NO_TARGET: "cyan",
    StatusCode.NO_DATA: "dim",
}

STAGE_MARK = {
    StageStatus.MET: ("✔", "bold green"),
    StageStatus.DUE: ("●", "yellow"),
    StageStatus.UPCOMING: ("○", "dim"),
    StageStatus.MISSED: ("✘", "bold red"),
    StageStatus.NO_EVIDENCE: ("?", "dim"),
}


def _plain(value: str, style: str = "") -> Text:
    """Data as Text: never parsed as Rich markup, controls neutralised."""
    return Text(text.printable(value), style=style)


def status_text(assessment: Assessment, lang: Lang = Lang.EN, *, multiline: bool = False) -> Text:
    """The coloured status with its flags (on lines of their own when multiline)."""
    style = STATUS_STYLE[assessment.status] if judged(assessment) else "dim"
    shown = Text(status_name(assessment, lang), style=style)
    flags = status_flags(assessment, lang)
    if flags and multiline:
        shown.append("".join("\n" + flag for flag in flags), style="dim")
    elif flags and lang is Lang.ZH:
        shown.append("（" + "，".join(flags) + "）", style="dim")
    elif flags:
        shown.append(" (" + ", ".join(flags) + ")", style="dim")
    return shown


def summary_line(assessments: Sequence[Assessment], lang: Lang = Lang.EN) -> Text:
    """'12 targets: 3 achieved, 1 on-track, ...' with statuses in the method's order."""
    zh = lang is Lang.ZH
    head, parts = summary_parts(assessments, lang)
    line = Text(head)
    for index, (code, part) in enumerate(parts):
        line.append(("：" if zh else ": ") if index == 0 else ("，" if zh else ", "))
        line.append(part, style=STATUS_STYLE[code])
    return line


PIPE_COLUMNS = 10_000
"""Wide enough to measure any cell unclamped."""

TITLE_MIN = 12
"""The narrowest the title column is drawn; narrower, it is left out."""


def _box(interactive: bool) -> box.Box | None:
    """Box drawing for a terminal; plain aligned columns for a pipe or a file."""
    return box.SIMPLE_HEAD if interactive else None


@dataclass(frozen=True, slots=True)
class Layout:
    """Which columns the status table shows, and how wide its text columns may be."""

    title: int | None = None
    """The title column's widest (None: as wide as it needs; 0: left out)."""
    ids: int | None = None
    """The id column's widest (None: the longest id)."""
    bar: bool = True
    """A progress bar before the percentage (terminals only)."""
    expected: bool = True
    """The expected-progress column."""
    stacked: bool = False
    """Flags (stale, low-confidence) under the status instead of beside it."""


NARROWER = (
    Layout(title=TITLE_MIN),
    Layout(title=0),
    Layout(title=0, stacked=True),
    Layout(title=0, stacked=True, ids=12),
    Layout(title=0, stacked=True, ids=12, bar=False),
    Layout(title=0, stacked=True, ids=12, bar=False, expected=False),
    Layout(title=0, stacked=True, ids=8, bar=False, expected=False),
)
"""Ever narrower layouts: text columns give way first (the title, then the ids), then
the bar and expected progress; numbers and statuses are never cut."""


def status_table(
    plan: Plan,
    assessments: Sequence[Assessment],
    lang: Lang = Lang.EN,
    *,
    interactive: bool = True,
    grouped: bool = True,
    width: int | None = None,
    collapse: bool = False,
) -> RenderableType:
    """One row per target, grouped by area (or in the order given), and the summary line;
    collapse: an area's directions are one line of ids after its rows.

    With a width, the first of NARROWER layouts whose narrowest form fits is drawn.
    """
    title = Text(text.printable(pick(plan.title, plan.title_zh, lang)), style="bold")
    if assessments:
        title.append(f"  {word('as of', lang)} {assessments[0].as_of}", style="dim")

    def draw(layout: Layout) -> Table:
        return _status_grid(
            plan,
            assessments,
            lang,
            layout,
            interactive=interactive,
            grouped=grouped,
            width=width,
            collapse=collapse,
        )

    table = None if width is not None else draw(Layout(bar=interactive))
    if width is not None:
        for narrower in NARROWER:
            layout = replace(narrower, bar=narrower.bar and interactive)
            table = draw(layout)
            spare = width - _narrowest(table)
            if spare >= 0:
                if layout.title:  # the title takes what the values leave unwrapped
                    unwrapped = width - _narrowest(table, widest=True)
                    table = draw(replace(layout, title=layout.title + max(unwrapped, 0)))
                break
    assert table is not None  # NARROWER is not empty
    parts: list[RenderableType] = [title, table]
    if any(a.revision is not None for a in assessments):
        parts.append(Text(word("revised legend", lang), style="dim"))
    if collapse and grouped and any(a.target.role is Role.DIRECTION for a in assessments):
        parts.append(Text(word("directions hint", lang), style="dim"))
    return Group(*parts, summary_line(assessments, lang))


class _Spill:
    """Text that wraps to the width its column has and never widens the column: an
    area's directions, listed under the titles."""

    def __init__(self, shown: Text) -> None:
        shown.no_wrap, shown.overflow = False, "fold"
        self.shown = shown

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, 1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.shown


def _narrowest(table: Table, *, widest: bool = False) -> int:
    """The fewest columns the table takes without cutting a cell: wrapping columns at
    their longest word, the others (no_wrap) at their widest cell; widest: unwrapped."""
    from rich.console import Console

    # Rich measures a whole table clamped to the width it is given, so each column is
    # measured unclamped (Table._measure_column, stable since Rich 10) and summed here.
    console = Console(width=PIPE_COLUMNS, highlight=False, markup=False, emoji=False)
    columns = [table._measure_column(console, console.options, c) for c in table.columns]
    cells = sum(
        m.maximum if c.no_wrap or widest else m.minimum
        for m, c in zip(columns, table.columns, strict=True)
    )
    return cells + table._extra_width


def _status_grid(
    plan: Plan,
    assessments: Sequence[Assessment],
    lang: Lang,
    layout: Layout,
    *,
    interactive: bool,
    grouped: bool,
    width: int | None,
    collapse: bool = False,
) -> Table:
    """The status table in one layout."""
    table = Table(
        box=_box(interactive),
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,
    )
    # In a terminal, ids, bars and statuses never wrap; titles and values wrap to fit.
    # In a pipe, each target is one line, for grep and awk, unless --width asks for
    # fewer columns: then values wrap between words (a number is one word, never cut).
    wrap = interactive or width is not None
    longest_id = max((len(a.target.id) for a in assessments), default=2)
    ids = longest_id if layout.ids is None else min(layout.ids, longest_id)
    table.add_column(
        word("id", lang),
        style="bold",
        no_wrap=not interactive,
        overflow="fold" if interactive else "ellipsis",
        max_width=ids if layout.title == 0 or layout.ids is not None else None,
    )
    if layout.title != 0:
        table.add_column(
            word("title", lang),
            min_width=TITLE_MIN,
            max_width=layout.title,
            ratio=1,
            no_wrap=not interactive,
        )
    table.add_column(word("latest", lang), justify="right", no_wrap=not wrap)
    table.add_column(word("target", lang), justify="right", no_wrap=not wrap)
    table.add_column(word("progress", lang), no_wrap=True)
    if layout.expected:
        table.add_column(word("expected", lang), justify="right", no_wrap=True)
    table.add_column(word("status", lang), no_wrap=True)
    areas = {a.id: a for a in plan.areas}
    groups = ordered(plan, assessments) if grouped else [("", list(assessments))]
    for area_id, members in groups:
        if area_id:
            area = areas[area_id]
            heading = _plain(pick(area.title, area.title_zh, lang), "bold underline")
            table.add_row(*(("", heading) if layout.title != 0 else (heading,)))
        rows, directions = split_directions(members, collapse)
        for assessment in rows:
            target = assessment.target
            latest = assessment.latest
            unit = "" if target.cumulative else target.unit  # an index of 100 at the baseline
            latest_text = text.point(latest, unit, lang)
            progress = Text(text.bar(assessment.progress, width=8) + " " if layout.bar else "")
            progress.stylize("blue")
            progress.append(f"{text.percent(assessment.progress):>6}")
            goal = _plain(goal_text(assessment, lang, stacked=interactive or layout.stacked))
            if lang is Lang.ZH:  # Chinese breaks between any two characters, as it is written
                goal.overflow = "fold"
            cells: list[RenderableType] = [_plain(target.id)]
            if layout.title != 0:
                cells.append(_plain(pick(target.title, target.title_zh, lang)))
            cells += [
                _plain(latest_text),
                goal,
                progress if assessment.progress is not None else Text("—"),
            ]
            if layout.expected:
                cells.append(text.percent(assessment.expected_progress))
            cells.append(status_text(assessment, lang, multiline=interactive or layout.stacked))
            table.add_row(*cells)
        if directions:
            # Without the title column, the count alone: the ids would fold into the ids'.
            line = directions_line(directions, lang, ids=layout.title != 0)
            listed = _Spill(Text(line, style="dim"))
            table.add_row(*(("", listed) if layout.title != 0 else (listed,)))
        table.add_section()
    return table


def _point(amount: Any, date: Any, unit: str, lang: Lang = Lang.EN) -> str:
    shown = (
        text.point(amount, unit, lang)
        if isinstance(amount, Point)
        else text.value(amount, unit, lang)
    )
    if date is None:
        return shown
    return f"{shown}（{text.day(date)}）" if lang is Lang.ZH else f"{shown} on {text.day(date)}"


def _stated(assessment: Assessment, lang: Lang = Lang.EN) -> str:
    """How the plan states the target in force: a level, growth a year or a change."""
    from zqplan.status import goal_in_force

    goal, _ = goal_in_force(assessment.target, as_of=assessment.as_of)
    if goal is None:
        return "—"
    zh = lang is Lang.ZH
    level = _point(
        None if assessment.goal is None else assessment.goal.value,
        goal.date,
        assessment.target.unit,
        lang,
    )
    if goal.annual_growth is not None:
        growth = f"{goal.annual_growth * 100 + 0.0:+g}%"
        if zh:
            return f"每年 {growth}（对应水平：{level}）"
        return f"{growth} a year (level implied: {level})"
    if goal.change is not None:
        change = f"{goal.change * 100 + 0.0:+g}%"
        if zh:
            on = "（以基期为100的指数）" if assessment.target.cumulative else ""
            return f"较基期 {change}{on}（对应水平：{level}）"
        on = " (an index of 100)" if assessment.target.cumulative else ""
        return f"{change} from the baseline{on} (level implied: {level})"
    if goal.change_by is not None:
        by = text.value(abs(goal.change_by), assessment.target.unit, lang)
        sign = "+" if goal.change_by >= 0 else "-"
        if zh:
            return f"较基期 {sign}{by}（水平：{level}）"
        return f"{sign}{by} from the baseline (level: {level})"
    return level


def target_chart(
    assessment: Assessment, lang: Lang = Lang.EN, *, width: int = 60
) -> RenderableType | None:
    """Observations against the expected path and the projection, when there is a path."""
    from zqplan.chart import Series, expected_path, plot, projection_path

    if assessment.target.kind is Kind.YES_NO:
        return None
    baseline, goal, latest = (
        _pair(assessment.baseline),
        _pair(assessment.goal),
        _pair(assessment.latest),
    )
    compound = assessment.rate_basis is Trajectory.COMPOUND
    series: list[Series] = []
    if baseline is not None and goal is not None:
        path = expected_path(baseline, goal, compound=compound)
        series.append(Series(word("expected path", lang), path, "-", "blue"))
        if assessment.observed_rate is not None and latest is not None:
            ahead = projection_path(latest, assessment.observed_rate, goal[0], compound=compound)
            if ahead:
                series.append(Series(word("projection path", lang), ahead, "+", "yellow"))
    seen = {
        pair
        for pair in (baseline, *(_pair(Point(o.date, o.value)) for o in assessment.observations))
        if pair is not None
    }
    if not seen:
        return None
    series.append(Series(word("observed", lang), tuple(sorted(seen)), "●", "bold green"))
    unit = text.unit_name(assessment.target.unit, lang)
    return plot(series, width=width, height=10, unit=unit)


def _pair(point: Point | None) -> tuple[dt.date, float] | None:
    """A dated number, or None for a point without a date or a number."""
    if point is None or point.date is None or not isinstance(point.value, float):
        return None
    return (point.date, point.value)


def target_view(
    plan: Plan,
    assessment: Assessment,
    ledger: Sequence[Observation],
    lang: Lang = Lang.EN,
    *,
    interactive: bool = True,
) -> RenderableType:
    """Everything about one target: a sentence, a chart, the numbers, the history."""
    target = assessment.target
    unit = target.unit
    basis = assessment.rate_basis
    cumulative = target.cumulative
    unit = "" if cumulative else unit  # a cumulative target is judged on an index
    area = plan.area(target.area)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    baseline, latest = assessment.baseline, assessment.latest
    zh = lang is Lang.ZH
    kinds = [target.kind, target.direction, target.attribute]
    kinds += [] if judged(assessment) else [target.role]
    # The English title is data in English: a Chinese view shows the Chinese one only.
    titles = [("title", target.title_zh or "—")] if zh else [
        ("title", target.title),
        ("title (zh)", target.title_zh or "—"),
    ]  # fmt: skip
    area_title = None if area is None else pick(area.title, area.title_zh, lang)
    rows: list[tuple[str, str | Text]] = [
        *titles,
        ("area", target.area if area is None else f"{area_title} ({area.id})"),
        ("kind", ("，" if zh else ", ").join(term(k, lang) for k in kinds)),
        ("unit", text.unit_name(unit, lang) or "—"),
        ("source", target.source),
        ("note", target.note or "—"),
        (
            "baseline",
            "—" if baseline is None else _point(baseline.value, baseline.date, unit, lang),
        ),
        ("target", _stated(assessment, lang)),
    ]
    if assessment.revision is not None:
        revision = assessment.revision
        planned = assessment.planned_goal
        rows += [
            (
                "as planned",
                "—" if planned is None else _point(planned.value, planned.date, unit, lang),
            ),
            (
                "revised",
                f"{revision.decided}: {revision.reason}"
                + (f" ({revision.document})" if revision.document else ""),
            ),
            (
                "status as planned",
                "—" if assessment.planned_status is None else term(assessment.planned_status, lang),
            ),
        ]
    status = status_text(assessment, lang)
    if not zh:  # the Chinese view's status is already the method's Chinese label
        status.append(f"  {label(assessment)} / {label(assessment, zh=True)}", style="dim")
    if assessment.final:
        status.append(f"  {word('(final)', lang)}", style="dim")
    if assessment.awaiting_final:
        status.append(f"  {word('(awaiting)', lang)}", style="dim")
    rate = text.rate
    rows += [
        ("latest", "—" if latest is None else _point(latest, latest.date, unit, lang)),
        ("status", status),
        ("progress", text.percent(assessment.progress)),
        ("time elapsed", text.percent(assessment.time_elapsed)),
        ("expected value", text.value(assessment.expected_value, unit, lang)),
        ("expected progress", text.percent(assessment.expected_progress)),
        ("rate basis", "—" if basis is None else term(basis, lang)),
        ("required rate", rate(assessment.required_rate, basis, unit, lang, cumulative=cumulative)),
        ("observed rate", rate(assessment.observed_rate, basis, unit, lang, cumulative=cumulative)),
        ("ratio R", "—" if assessment.ratio is None else text.fixed(assessment.ratio, 4)),
        ("margin", text.difference(assessment.margin, unit, lang)),
        (
            "projection",
            "—"
            if assessment.projection is None
            else _point(assessment.projection, assessment.projection_date, unit, lang),
        ),
        ("reached on", text.day(assessment.reached_on)),
        ("trend", "—" if assessment.trend is None else term(assessment.trend, lang)),
        ("data points", str(assessment.data_points)),
    ]
    if assessment.parts is not None:
        rolled = assessment.parts
        rows.append(
            (
                "parts",
                f"{', '.join(rolled.ids)}：已实现 {rolled.achieved}/{rolled.counted}；"
                f"汇总：{term(rolled.status, lang)}（自身：{term(rolled.own, lang)}）"
                if zh
                else f"{', '.join(rolled.ids)}: {rolled.achieved} of {rolled.counted} achieved; "
                f"rolled up: {rolled.status.value} (own: {rolled.own.value})",
            )
        )
    if assessment.part_of is not None:
        rows.append(("part of", assessment.part_of))
    for name, shown in rows:
        facts.add_row(word(name, lang), shown if isinstance(shown, Text) else _plain(shown))
    heading = Text(text.printable(target.id), style="bold")
    heading.append(f"  {word('as of', lang)} {assessment.as_of}", style="dim")
    parts: list[RenderableType] = [heading, _plain(describe(assessment, lang)), Text("")]
    chart = target_chart(assessment, lang) if interactive else None
    if chart is not None:
        parts += [chart, Text("")]
    records = history_records(target, ledger, as_of=assessment.as_of)
    parts += [facts, Text("")]
    if assessment.schedule:
        parts += [schedule_table(assessment, lang, interactive=interactive), Text("")]
    parts.append(history_table(records, unit, lang, interactive=interactive))
    return Group(*parts)


def schedule_table(
    assessment: Assessment, lang: Lang = Lang.EN, *, interactive: bool = True
) -> RenderableType:
    """A yearly schedule, year by year: target as written, outturn, verdict, status."""
    from zqplan.i18n import PERIOD_LABELS, STATUS_LABELS

    zh = lang is Lang.ZH
    unit = assessment.target.unit
    table = Table(
        box=_box(interactive),
        pad_edge=False,
        title="逐年目标" if zh else "year by year",
        title_justify="left",
    )
    headings = ("年份", "目标", "实际", "评价", "状态") if zh else (
        "year", "target", "outturn", "verdict", "status"
    )  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right" if heading in ("outturn", "实际") else "left")
    for period in assessment.schedule:
        target = period_target(assessment, period.entry, lang)
        if period.entry.value is None and period.target is not None:
            shown = text.value(period.target, unit, lang)
            target += f"（{shown}）" if zh else f" ({shown})"
        outturn = "—" if period.outturn is None else text.value(period.outturn.value, unit, lang)
        if period.year_to_date and period.outturn is not None:
            outturn += f" ({'年初至' if zh else 'to '}{period.outturn.date})"
        verdict = "—" if period.verdict is None else PERIOD_LABELS[period.verdict.value][zh]
        status = "—" if period.status is None else (
            STATUS_LABELS[period.status][1] if zh else period.status.value
        )  # fmt: skip
        table.add_row(
            str(period.entry.year),
            _plain(target),
            _plain(outturn),
            verdict,
            Text(status, style=STATUS_STYLE.get(period.status, "") if period.status else "dim"),
        )
    return table


def history_table(
    records: Sequence[dict[str, Any]],
    unit: str,
    lang: Lang = Lang.EN,
    *,
    interactive: bool = True,
) -> RenderableType:
    """Every record, oldest period first; a revised one says so (and is dimmed)."""
    if not records:
        return Text(word("no observations recorded", lang), style="dim")
    table = Table(
        box=_box(interactive), pad_edge=False, title=word("history", lang), title_justify="left"
    )
    for column in ("date", "value", "recorded", "recorded by", "source", "note", "record", ""):
        shown = word(column, lang) if column else ""
        table.add_column(shown, justify="right" if column == "value" else "left")
    for record in records:
        style = "dim strike" if record.get("voided") else "dim" if record["superseded"] else ""
        recorded = record["recorded_at"] or word("in the registry", lang)
        table.add_row(
            *(
                _plain(str(cell), style)
                for cell in (
                    record["date"],
                    text.BOUND_SIGNS.get(record.get("comparator") or "", "")
                    + text.value(record["value"], unit, lang),
                    recorded[:19].replace("T", " "),
                    record["recorded_by"] or "—",
                    record["source"] or "—",
                    record["note"] or "—",
                    record["record"],
                    _marks(record, lang),
                )
            )
        )
    return table


def _marks(record: dict[str, Any], lang: Lang = Lang.EN) -> str:
    """What the last column of a history row says: superseded, forced, voided: why."""
    zh = lang is Lang.ZH
    marks = [word(name, lang) for name in ("superseded", "forced") if record.get(name)]
    if record.get("voided"):
        marks.append(f"{word('voided', lang)}{'：' if zh else ': '}{record['voided']}")
    if record.get("conflict"):
        marks.append(
            f"与 {record['conflict']} 冲突" if zh else f"conflicts with {record['conflict']}"
        )
    return ("，" if zh else ", ").join(marks)


def milestones_view(
    assessments: Sequence[ProgrammeAssessment],
    lang: Lang = Lang.EN,
    *,
    interactive: bool = True,
) -> RenderableType:
    """Each programme as a ladder: stages, dates, criteria met, and what is due next."""
    if not assessments:
        return Text(word("no programmes", lang), style="dim")
    parts: list[RenderableType] = []
    zh = lang is Lang.ZH
    for assessment in assessments:
        programme = assessment.programme
        heading = _plain(pick(programme.title, programme.title_zh, lang), "bold")
        inferred = f", {word('inferred', lang)}" if programme.inferred is not None else ""
        heading.append(
            f"  ({programme.id}, {word('from', lang)} {programme.start}{inferred})", style="dim"
        )
        parts.append(heading)
        ladder = Table(box=_box(interactive), pad_edge=False)
        # The date column is "by": "due" is a status of its own (one word per fact).
        for key in ("", "stage", "by", "status", "criteria"):
            ladder.add_column(word(key, lang) if key else "", no_wrap=key in ("", "by", "status"))
        for stage in assessment.stages:
            mark, style = STAGE_MARK[stage.status]
            status = Text(STAGE_LABELS[stage.status][1 if zh else 0], style=style)
            if stage.late:
                status.append(" (逾期)" if zh else " (late)", style="dim")
            criteria = Text()
            for index, criterion in enumerate(stage.criteria):
                if index:
                    criteria.append("\n")
                criteria.append(
                    "✔ " if criterion.met else "· ", style="green" if criterion.met else "dim"
                )
                criteria.append(text.printable(_criterion_name(criterion, lang)))
                if criterion.status is not None and not criterion.met:
                    shown = term(criterion.status, lang)
                    criteria.append(f"（{shown}）" if zh else f" ({shown})", style="dim")
                evidence = criterion.evidence
                if evidence is not None and evidence.recorded_at is None and evidence.note:
                    criteria.append(f" ({text.printable(evidence.note)})", style="dim")
            title = _plain(
                f"{pick(stage.stage.title, stage.stage.title_zh, lang)} [{stage.stage.id}]"
            )
            ladder.add_row(Text(mark, style=style), title, str(stage.stage.date), status, criteria)
        parts += [ladder, _next_line(assessment, lang)]
        if programme.inferred is not None:
            basis = programme.inferred.document or word("the source", lang)
            parts.append(Text(word("dates inferred", lang).format(basis), style="dim"))
        parts.append(Text(""))
    return Group(*parts)


def _criterion_name(criterion: Criterion, lang: Lang) -> str:
    """A criterion by its title in the language, the id beside a target's: '森林覆盖率 [forest]'."""
    if criterion.title is None:
        return criterion.id
    shown = pick(criterion.title, criterion.title_zh, lang)
    return f"{shown} [{criterion.id}]" if criterion.kind == "target" else shown


def _next_line(assessment: ProgrammeAssessment, lang: Lang) -> Text:
    """What is due next: the current stage and its criteria not yet met."""
    current = next((s for s in assessment.stages if s.stage.id == assessment.current), None)
    if current is None:
        return Text(word("every stage met", lang), style="green")
    zh = lang is Lang.ZH
    outstanding = [_criterion_name(c, lang) for c in current.criteria if not c.met]
    line = Text(f"{word('next', lang)}{'：' if zh else ': '}", style="bold")
    stage_title = pick(current.stage.title, current.stage.title_zh, lang)
    state = STAGE_LABELS[current.status][1 if zh else 0]
    when = f"{state}{'，' if zh else ', '}{word('by', lang)} {current.stage.date}"
    line.append(text.printable(stage_title) + (f"（{when}）" if zh else f" ({when})"))
    if outstanding:
        line.append(
            f" — {word('outstanding', lang)}{'：' if zh else ': '}"
            + ("；" if zh else "; ").join(text.printable(o) for o in outstanding)
        )
    return line

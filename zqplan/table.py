"""Rich renderers for people: the status table, one target, its history, the milestones.

Only this module imports Rich, so JSON output never pays for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zqplan import text
from zqplan.i18n import STAGE_LABELS, Lang, pick, word
from zqplan.model import (
    Assessment,
    Kind,
    Observation,
    Plan,
    Point,
    ProgrammeAssessment,
    StageStatus,
    StatusCode,
    Trajectory,
)
from zqplan.report import history_records, label
from zqplan.sentence import describe
from zqplan.status import summarize

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
}


def _plain(value: str, style: str = "") -> Text:
    """Data as Text: never parsed as Rich markup, controls neutralised."""
    return Text(text.printable(value), style=style)


def status_name(assessment: Assessment, lang: Lang) -> str:
    """The status code in English (as filters take it), METHOD's label in Chinese."""
    return label(assessment, zh=True) if lang is Lang.ZH else assessment.status.value


def status_text(assessment: Assessment, lang: Lang = Lang.EN, *, multiline: bool = False) -> Text:
    """The coloured status with its flags (on lines of their own when multiline)."""
    shown = Text(status_name(assessment, lang), style=STATUS_STYLE[assessment.status])
    flags = [
        word(name, lang)
        for name, on in (("stale", assessment.stale), ("low-confidence", assessment.low_confidence))
        if on
    ]
    if flags and multiline:
        shown.append("".join("\n" + flag for flag in flags), style="dim")
    elif flags:
        shown.append(" (" + ", ".join(flags) + ")", style="dim")
    return shown


def summary_line(assessments: Sequence[Assessment], lang: Lang = Lang.EN) -> Text:
    """'12 targets: 3 achieved, 1 on-track, ...' with statuses in METHOD's order."""
    counts = summarize(assessments)
    total = len(assessments)
    zh = lang is Lang.ZH
    line = Text(
        f"共 {total} {word('targets', lang)}" if zh else f"{total} target{'s' * (total != 1)}"
    )
    parts = [(code, counts[code.value]) for code in StatusCode if counts[code.value]]
    for index, (code, count) in enumerate(parts):
        line.append(("：" if zh else ": ") if index == 0 else ("，" if zh else ", "))
        from zqplan.i18n import STATUS_LABELS

        name = STATUS_LABELS[code][1] if zh else code.value
        line.append(f"{name} {count}" if zh else f"{count} {name}", style=STATUS_STYLE[code])
    return line


def _goal_text(assessment: Assessment, lang: Lang, *, stacked: bool = True) -> str:
    """The target in force: its level and date, marked when revised."""
    goal = assessment.goal
    unit = assessment.target.unit
    if goal is None:
        return "—"
    shown = (
        "" if goal.value is None or isinstance(goal.value, bool) else text.value(goal.value, unit)
    )
    if goal.date is not None:
        due = f"{word('by', lang)} {goal.date}"
        shown = f"{shown}{chr(10) if stacked else ' '}{due}" if shown else due
    if assessment.revision is not None:
        shown += " *"  # revised: `zqplan show` gives the plan as first set
    return shown or "—"


def _box(interactive: bool) -> box.Box | None:
    """Box drawing for a terminal; plain aligned columns for a pipe or a file."""
    return box.SIMPLE_HEAD if interactive else None


def status_table(
    plan: Plan,
    assessments: Sequence[Assessment],
    lang: Lang = Lang.EN,
    *,
    interactive: bool = True,
) -> RenderableType:
    """One row per target, grouped by area, and the summary line."""
    title = Text(text.printable(pick(plan.title, plan.title_zh, lang)), style="bold")
    if assessments:
        title.append(f"  {word('as of', lang)} {assessments[0].as_of}", style="dim")
    table = Table(
        box=_box(interactive),
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,
    )
    # In a terminal, ids, bars and statuses never wrap; titles and values wrap to fit.
    # In a pipe, each target is one line, for grep and awk.
    narrow = {"overflow": "fold"} if interactive else {"no_wrap": True}
    table.add_column(word("id", lang), style="bold", no_wrap=True)
    table.add_column(word("title", lang), min_width=12, ratio=1, no_wrap=not interactive)
    table.add_column(
        word("latest", lang), justify="right", max_width=12 if interactive else None, **narrow
    )
    table.add_column(
        word("target", lang), justify="right", max_width=16 if interactive else None, **narrow
    )
    table.add_column(word("progress", lang), no_wrap=True)
    table.add_column(word("expected", lang), justify="right", no_wrap=True)
    table.add_column(word("status", lang), no_wrap=True)
    for area in plan.areas:
        rows = [a for a in assessments if a.target.area == area.id]
        if not rows:
            continue
        table.add_row("", _plain(pick(area.title, area.title_zh, lang), "bold underline"))
        for assessment in rows:
            target = assessment.target
            latest = assessment.latest
            latest_text = "—" if latest is None else text.value(latest.value, target.unit)
            progress = Text(text.bar(assessment.progress, width=8) + " " if interactive else "")
            progress.stylize("blue")
            progress.append(f"{text.percent(assessment.progress):>6}")
            table.add_row(
                _plain(target.id),
                _plain(pick(target.title, target.title_zh, lang)),
                _plain(latest_text),
                _plain(_goal_text(assessment, lang, stacked=interactive)),
                progress if assessment.progress is not None else Text("—"),
                text.percent(assessment.expected_progress),
                status_text(assessment, lang, multiline=interactive),
            )
        table.add_section()
    return Group(title, table, summary_line(assessments, lang))


def _point(amount: Any, date: Any, unit: str) -> str:
    shown = text.value(amount, unit)
    return shown if date is None else f"{shown} on {text.day(date)}"


def _stated(assessment: Assessment) -> str:
    """How the plan states the target in force: a level, growth a year or a change."""
    from zqplan.status import goal_in_force

    goal, _ = goal_in_force(assessment.target, as_of=assessment.as_of)
    if goal is None:
        return "—"
    level = _point(
        None if assessment.goal is None else assessment.goal.value,
        goal.date,
        assessment.target.unit,
    )
    if goal.annual_growth is not None:
        return f"{goal.annual_growth * 100:+g}% a year (level implied: {level})"
    if goal.change is not None:
        return f"{goal.change * 100:+g}% from the baseline (level implied: {level})"
    return level


def target_chart(assessment: Assessment, *, width: int = 60) -> RenderableType | None:
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
        series.append(Series("expected path", path, "-", "blue"))
        if assessment.observed_rate is not None and latest is not None:
            ahead = projection_path(latest, assessment.observed_rate, goal[0], compound=compound)
            if ahead:
                series.append(Series("projection at the observed rate", ahead, "+", "yellow"))
    seen = {
        pair
        for pair in (baseline, *(_pair(Point(o.date, o.value)) for o in assessment.observations))
        if pair is not None
    }
    if not seen:
        return None
    series.append(Series("observed", tuple(sorted(seen)), "●", "bold green"))
    return plot(series, width=width, height=10, unit=assessment.target.unit)


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
    area = plan.area(target.area)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    baseline, latest = assessment.baseline, assessment.latest
    rows: list[tuple[str, str | Text]] = [
        ("title", target.title),
        ("title (zh)", target.title_zh or "—"),
        ("area", target.area if area is None else f"{area.title} ({area.id})"),
        ("kind", f"{target.kind.value}, {target.direction.value}, {target.attribute.value}"),
        ("unit", unit or "—"),
        ("source", target.source),
        ("note", target.note or "—"),
        ("baseline", "—" if baseline is None else _point(baseline.value, baseline.date, unit)),
        ("target", _stated(assessment)),
    ]
    if assessment.revision is not None:
        revision = assessment.revision
        planned = assessment.planned_goal
        rows += [
            ("as planned", "—" if planned is None else _point(planned.value, planned.date, unit)),
            (
                "revised",
                f"{revision.decided}: {revision.reason}"
                + (f" ({revision.document})" if revision.document else ""),
            ),
            (
                "status as planned",
                "—" if assessment.planned_status is None else assessment.planned_status.value,
            ),
        ]
    status = status_text(assessment, lang)
    status.append(f"  {label(assessment)} / {label(assessment, zh=True)}", style="dim")
    if assessment.final:
        status.append("  (final)", style="dim")
    rows += [
        ("latest", "—" if latest is None else _point(latest.value, latest.date, unit)),
        ("status", status),
        ("progress", text.percent(assessment.progress)),
        ("time elapsed", text.percent(assessment.time_elapsed)),
        ("expected value", text.value(assessment.expected_value, unit)),
        ("expected progress", text.percent(assessment.expected_progress)),
        ("rate basis", "—" if basis is None else basis.value),
        ("required rate", text.rate(assessment.required_rate, basis, unit)),
        ("observed rate", text.rate(assessment.observed_rate, basis, unit)),
        ("ratio R", "—" if assessment.ratio is None else f"{assessment.ratio:.4f}"),
        (
            "projection",
            "—"
            if assessment.projection is None or assessment.goal is None
            else _point(assessment.projection, assessment.goal.date, unit),
        ),
        ("reached on", text.day(assessment.reached_on)),
        ("trend", "—" if assessment.trend is None else assessment.trend.value),
        ("data points", str(assessment.data_points)),
    ]
    for name, shown in rows:
        facts.add_row(name, shown if isinstance(shown, Text) else _plain(shown))
    heading = Text(text.printable(target.id), style="bold")
    heading.append(f"  {word('as of', lang)} {assessment.as_of}", style="dim")
    parts: list[RenderableType] = [heading, _plain(describe(assessment, lang)), Text("")]
    chart = target_chart(assessment) if interactive else None
    if chart is not None:
        parts += [chart, Text("")]
    records = history_records(target, ledger)
    parts += [facts, Text(""), history_table(records, unit, interactive=interactive)]
    return Group(*parts)


def history_table(
    records: Sequence[dict[str, Any]], unit: str, *, interactive: bool = True
) -> RenderableType:
    """Every record, oldest period first; a revised one says so (and is dimmed)."""
    if not records:
        return Text("no observations recorded", style="dim")
    table = Table(box=_box(interactive), pad_edge=False, title="history", title_justify="left")
    for column in ("date", "value", "recorded", "by", "source", "note", "record", ""):
        table.add_column(column, justify="right" if column == "value" else "left")
    for record in records:
        style = "dim strike" if record.get("voided") else "dim" if record["superseded"] else ""
        recorded = record["recorded_at"] or "in the registry"
        table.add_row(
            *(
                _plain(str(cell), style)
                for cell in (
                    record["date"],
                    text.value(record["value"], unit),
                    recorded[:19].replace("T", " "),
                    record["recorded_by"] or "—",
                    record["source"] or "—",
                    record["note"] or "—",
                    record["record"],
                    _marks(record),
                )
            )
        )
    return table


def _marks(record: dict[str, Any]) -> str:
    """What the last column of a history row says: superseded, forced, voided: why."""
    marks = [name for name in ("superseded", "forced") if record.get(name)]
    if record.get("voided"):
        marks.append(f"voided: {record['voided']}")
    if record.get("conflict"):
        marks.append(f"conflicts with {record['conflict']}")
    return ", ".join(marks)


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
        heading.append(f"  ({programme.id}, {word('from', lang)} {programme.start})", style="dim")
        parts.append(heading)
        ladder = Table(box=_box(interactive), pad_edge=False)
        for key in ("", "stage", "due", "status", "criteria"):
            ladder.add_column(word(key, lang) if key else "", no_wrap=key in ("", "due", "status"))
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
                criteria.append(text.printable(criterion.id))
                if criterion.status is not None and not criterion.met:
                    criteria.append(f" ({criterion.status.value})", style="dim")
            title = _plain(
                f"{pick(stage.stage.title, stage.stage.title_zh, lang)} [{stage.stage.id}]"
            )
            ladder.add_row(Text(mark, style=style), title, str(stage.stage.date), status, criteria)
        parts += [ladder, _next_line(assessment, lang), Text("")]
    return Group(*parts)


def _next_line(assessment: ProgrammeAssessment, lang: Lang) -> Text:
    """What is due next: the current stage and its criteria not yet met."""
    current = next((s for s in assessment.stages if s.stage.id == assessment.current), None)
    if current is None:
        return Text(word("every stage met", lang), style="green")
    zh = lang is Lang.ZH
    outstanding = [c.id for c in current.criteria if not c.met]
    line = Text(f"{word('next', lang)}: ", style="bold")
    stage_title = pick(current.stage.title, current.stage.title_zh, lang)
    state = STAGE_LABELS[current.status][1 if zh else 0]
    line.append(
        f"{text.printable(stage_title)} ({state}, {word('due', lang)} {current.stage.date})"
    )
    if outstanding:
        line.append(
            f" — {word('outstanding', lang)}: " + "; ".join(text.printable(o) for o in outstanding)
        )
    return line

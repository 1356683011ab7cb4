"""Rich renderers for people: the status table, one target, its history.

Only this module imports Rich, so JSON output never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zqplan import text
from zqplan.model import (
    Assessment,
    Observation,
    Plan,
    ProgrammeAssessment,
    StageStatus,
    StatusCode,
)
from zqplan.report import history_records, label
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


def _plain(value: str, style: str = "") -> Text:
    """Data as Text: never parsed as Rich markup, controls neutralised."""
    return Text(text.printable(value), style=style)


def status_text(assessment: Assessment, *, multiline: bool = False) -> Text:
    """The coloured status with its flags (on lines of their own when multiline)."""
    shown = Text(assessment.status.value, style=STATUS_STYLE[assessment.status])
    flags = [
        name
        for name, on in (("stale", assessment.stale), ("low-confidence", assessment.low_confidence))
        if on
    ]
    if flags and multiline:
        shown.append("".join("\n" + flag for flag in flags), style="dim")
    elif flags:
        shown.append(" (" + ", ".join(flags) + ")", style="dim")
    return shown


def summary_line(assessments: Sequence[Assessment]) -> Text:
    """'12 targets: 3 achieved, 1 on-track, ...' with statuses in METHOD's order."""
    counts = summarize(assessments)
    line = Text(f"{len(assessments)} target{'s' * (len(assessments) != 1)}")
    parts = [(code, counts[code.value]) for code in StatusCode if counts[code.value]]
    for index, (code, count) in enumerate(parts):
        line.append(": " if index == 0 else ", ")
        line.append(f"{count} {code.value}", style=STATUS_STYLE[code])
    return line


def status_table(plan: Plan, assessments: Sequence[Assessment]) -> RenderableType:
    """One row per target, grouped by area, and the summary line."""
    title = Text(text.printable(plan.title), style="bold")
    title.append(f"  as of {assessments[0].as_of if assessments else ''}", style="dim")
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,
    )
    # Ids, bars and statuses never wrap; titles and values wrap to fit a terminal.
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("title", min_width=12, ratio=1)
    table.add_column("latest", justify="right", overflow="fold", max_width=12)
    table.add_column("target", justify="right", overflow="fold", max_width=12)
    table.add_column("progress", no_wrap=True)
    table.add_column("expected", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for area in plan.areas:
        rows = [a for a in assessments if a.target.area == area.id]
        if not rows:
            continue
        table.add_row("", _plain(area.title, "bold underline"))
        for assessment in rows:
            target = assessment.target
            latest = assessment.latest
            latest_text = "—" if latest is None else text.value(latest.value, target.unit)
            goal = text.value(target.target_value, target.unit)
            if target.target_date is not None:
                goal = (
                    f"{goal}\nby {target.target_date}"
                    if target.target_value is not None
                    else f"by {target.target_date}"
                )
            progress = Text(text.bar(assessment.progress, width=8), style="blue")
            progress.append(f" {text.percent(assessment.progress):>6}")
            table.add_row(
                _plain(target.id),
                _plain(target.title),
                _plain(latest_text),
                _plain(goal),
                progress if assessment.progress is not None else Text("—"),
                text.percent(assessment.expected_progress),
                status_text(assessment, multiline=True),
            )
        table.add_section()
    return Group(table, summary_line(assessments))


def target_view(
    plan: Plan, assessment: Assessment, ledger: Sequence[Observation]
) -> RenderableType:
    """Everything about one target: source, baseline, target, derived numbers, history."""
    target = assessment.target
    unit = target.unit
    basis = assessment.rate_basis
    area = plan.area(target.area)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    rows: list[tuple[str, str]] = [
        ("title", target.title),
        ("title (zh)", target.title_zh or "—"),
        ("area", target.area if area is None else f"{area.title} ({area.id})"),
        ("kind", f"{target.kind.value}, {target.direction.value}, {target.attribute.value}"),
        ("unit", unit or "—"),
        ("source", target.source),
        ("note", target.note or "—"),
        (
            "baseline",
            _point(
                assessment.baseline.value if assessment.baseline else None,
                assessment.baseline.date if assessment.baseline else None,
                unit,
            ),
        ),
        ("target", _point(target.target_value, target.target_date, unit)),
        (
            "latest",
            _point(
                assessment.latest.value if assessment.latest else None,
                assessment.latest.date if assessment.latest else None,
                unit,
            ),
        ),
        ("status", ""),
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
            _point(assessment.projection, target.target_date, unit)
            if assessment.projection is not None
            else "—",
        ),
        ("reached on", text.day(assessment.reached_on)),
        ("trend", "—" if assessment.trend is None else assessment.trend.value),
        ("data points", str(assessment.data_points)),
    ]
    for name, shown in rows:
        if name == "status":
            status = status_text(assessment)
            status.append(f"  {label(assessment)} / {label(assessment, zh=True)}", style="dim")
            if assessment.final:
                status.append("  (final)", style="dim")
            facts.add_row(name, status)
        else:
            facts.add_row(name, _plain(shown))
    heading = Text(text.printable(target.id), style="bold")
    heading.append(f"  as of {assessment.as_of}", style="dim")
    return Group(heading, facts, Text(""), history_table(history_records(target, ledger), unit))


def _point(amount: Any, date: Any, unit: str) -> str:
    shown = text.value(amount, unit)
    return shown if date is None else f"{shown} on {text.day(date)}"


def history_table(records: Sequence[dict[str, Any]], unit: str) -> RenderableType:
    """Every record, oldest period first; revised ones struck through."""
    if not records:
        return Text("no observations recorded", style="dim")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="history", title_justify="left")
    for column in ("date", "value", "recorded", "by", "source", "note", "record"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for record in records:
        style = "dim strike" if record["superseded"] else ""
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
                )
            )
        )
    return table


STAGE_MARK = {
    StageStatus.MET: ("✔", "bold green"),
    StageStatus.DUE: ("●", "yellow"),
    StageStatus.UPCOMING: ("○", "dim"),
    StageStatus.MISSED: ("✘", "bold red"),
}


def milestones_view(assessments: Sequence[ProgrammeAssessment]) -> RenderableType:
    """Each programme as a ladder: stages, dates, criteria met, and what is due next."""
    if not assessments:
        return Text("no programmes in this registry", style="dim")
    parts: list[RenderableType] = []
    for assessment in assessments:
        programme = assessment.programme
        heading = _plain(programme.title, "bold")
        heading.append(f"  ({programme.id}, from {programme.start})", style="dim")
        parts.append(heading)
        ladder = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_header=True)
        for column in ("", "stage", "due", "status", "criteria"):
            ladder.add_column(column, no_wrap=column in ("", "due", "status"))
        for stage in assessment.stages:
            mark, style = STAGE_MARK[stage.status]
            status = Text(stage.status.value, style=style)
            if stage.late:
                status.append(" (late)", style="dim")
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
            title = _plain(f"{stage.stage.title} [{stage.stage.id}]")
            ladder.add_row(Text(mark, style=style), title, str(stage.stage.date), status, criteria)
        parts.append(ladder)
        parts.append(_next_line(assessment))
        parts.append(Text(""))
    return Group(*parts)


def _next_line(assessment: ProgrammeAssessment) -> Text:
    """What is due next: the current stage and its criteria not yet met."""
    current = next((s for s in assessment.stages if s.stage.id == assessment.current), None)
    if current is None:
        return Text("every stage met", style="green")
    outstanding = [c.id for c in current.criteria if not c.met]
    line = Text("next: ", style="bold")
    line.append(f"{current.stage.title} ({current.status.value}, due {current.stage.date})")
    if outstanding:
        line.append(" — outstanding: " + "; ".join(text.printable(o) for o in outstanding))
    return line

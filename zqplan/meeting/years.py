"""The 完成情况表 of the report: targets down, years across, target and outturn. Pure.

A target with a yearly schedule has each period's target (as written), outturn and
verdict; any other numeric target has each year's last figure and, in its target's
year, the target level (and the status once final).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zqplan.model import Assessment, Kind, Value
from zqplan.status import judged


@dataclass(frozen=True, slots=True)
class YearCell:
    """One target's year: what was asked, what came, the verdict."""

    target: str
    """The year's target as the registry writes it ('' when none that year)."""
    target_value: float | None
    """The year's target as a number (a range: its low end; None when none)."""
    outturn: Value | None
    """The year's figure (None: none yet)."""
    verdict: str | None
    """met, broadly-met or not-met (a schedule), or a final status code; None: none yet."""


@dataclass(frozen=True, slots=True)
class YearRow:
    """One target across the years."""

    assessment: Assessment
    """The target judged."""
    cells: dict[int, YearCell]
    """Each year that has a target or a figure."""


@dataclass(frozen=True, slots=True)
class ByYear:
    """The whole table."""

    years: tuple[int, ...]
    """Every year any target has, in order."""
    rows: tuple[YearRow, ...]
    """One row per target, in the order given."""


def _schedule_cells(assessment: Assessment) -> dict[int, YearCell]:
    return {
        period.entry.year: YearCell(
            target=period.entry.written,
            target_value=period.target,
            outturn=None if period.outturn is None else period.outturn.value,
            verdict=None if period.verdict is None else period.verdict.value,
        )
        for period in assessment.schedule
    }


def _level_cells(assessment: Assessment) -> dict[int, YearCell]:
    figures: dict[int, Value] = {}
    baseline = assessment.baseline
    if baseline is not None and baseline.date is not None and baseline.value is not None:
        figures[baseline.date.year] = baseline.value
    for observation in sorted(assessment.observations, key=lambda o: o.date):
        figures[observation.date.year] = observation.value  # the year's last figure
    cells = {year: YearCell("", None, value, None) for year, value in figures.items()}
    goal = assessment.goal
    if goal is not None and goal.date is not None and isinstance(goal.value, float | int):
        year = goal.date.year
        verdict = assessment.status.value if assessment.final and judged(assessment) else None
        outturn = cells[year].outturn if year in cells else None
        cells[year] = YearCell("", float(goal.value), outturn, verdict)
    return cells


def by_year(assessments: Sequence[Assessment]) -> ByYear:
    """Each numeric target's years: schedules period by period, others figure by figure."""
    rows = []
    for assessment in assessments:
        if assessment.target.schedule:
            cells = _schedule_cells(assessment)
        elif assessment.target.kind is Kind.NUMERIC:
            cells = _level_cells(assessment)
        else:
            cells = {}
        rows.append(YearRow(assessment, cells))
    years = sorted({year for row in rows for year in row.cells})
    return ByYear(tuple(years), tuple(rows))

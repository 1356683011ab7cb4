"""The 完成情况表 as data: one row per indicator, a cell per year (target, outturn, verdict).

Pure: it reads assessments made by zqplan.status (the method's verdicts) and the
records; it never prints and never reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zqplan.model import (
    Assessment,
    Comparator,
    Kind,
    Observation,
    Point,
    StatusCode,
    Value,
    Verdict,
)
from zqplan.status import effective_observations, judged

__all__ = ["GOAL", "YEARLY", "WideRow", "WideTable", "YearCell", "wide_table"]

YEARLY = "yearly"
"""A cell's target comes from the yearly schedule ([targets.ID.yearly])."""

GOAL = "goal"
"""A cell's target is the multi-year target, in its target year."""


@dataclass(frozen=True, slots=True)
class YearCell:
    """One indicator in one year: the year's target, its outturn and the verdict."""

    year: int
    """The calendar year."""
    target: float | None = None
    """The year's target value (a range's low end; a goal's level); None: none for the year."""
    high: float | None = None
    """A range's high end."""
    comparator: Comparator | None = None
    """How a yearly target compares (None for a multi-year goal: the target's direction)."""
    written: str = ""
    """The yearly target as the registry writes it ("about 7"); empty for a goal."""
    source: str | None = None
    """Where the target comes from: "yearly", "goal", or None when the year has none."""
    outturn: Value | None = None
    """The final figure for the year (the period ending 31 December); None: not in."""
    latest: Point | None = None
    """Without a final figure: the year's latest figure so far (year to date)."""
    verdict: Verdict | None = None
    """met / broadly-met / not-met, where the method gives one for the year."""
    status: StatusCode | None = None
    """The method's status for the year: a yearly period's, or the goal's final one."""

    @property
    def empty(self) -> bool:
        """Neither a target nor a figure for the year."""
        return self.source is None and self.outturn is None and self.latest is None


@dataclass(frozen=True, slots=True)
class WideRow:
    """One indicator across the years."""

    assessment: Assessment
    """The target's assessment on as_of (its row status, goal and baseline)."""
    cells: tuple[YearCell, ...]
    """One cell per year of the table, in year order (empty cells included)."""

    def cell(self, year: int) -> YearCell | None:
        """The cell of that year, if the table has the year."""
        return next((c for c in self.cells if c.year == year), None)


@dataclass(frozen=True, slots=True)
class WideTable:
    """The 完成情况表: indicators down, years across."""

    as_of: dt.date
    """The day judged."""
    years: tuple[int, ...]
    """The years shown: every year in which a row has a target or a figure, in order."""
    rows: tuple[WideRow, ...]
    """One row per indicator, in the order given."""


def wide_table(
    assessments: Sequence[Assessment],
    observations: Iterable[Observation],
    *,
    as_of: dt.date,
) -> WideTable:
    """The table of these assessments; `observations` are the ledger records used for them."""
    by_target: dict[str, list[Observation]] = {}
    for observation in observations:
        by_target.setdefault(observation.target_id, []).append(observation)
    found = [_cells(a, by_target.get(a.target.id, []), as_of=as_of) for a in assessments]
    years = tuple(sorted({year for cells in found for year in cells}))
    rows = tuple(
        WideRow(a, tuple(cells.get(year, YearCell(year)) for year in years))
        for a, cells in zip(assessments, found, strict=True)
    )
    return WideTable(as_of, years, rows)


def _cells(
    assessment: Assessment, ledger: Sequence[Observation], *, as_of: dt.date
) -> dict[int, YearCell]:
    """The row's non-empty cells by year."""
    target = assessment.target
    # The figures as recorded (a cumulative target's yearly changes, not its index).
    figures = effective_observations(target, ledger, as_of=as_of)
    final: dict[int, Value] = {}
    latest: dict[int, Point] = {}
    for observation in figures:
        year = observation.date.year
        if observation.date == dt.date(year, 12, 31):
            final[year] = observation.value
        else:
            latest[year] = Point(observation.date, observation.value)
    cells: dict[int, YearCell] = {}
    for year in {*final, *latest}:
        cells[year] = YearCell(
            year, outturn=final.get(year), latest=None if year in final else latest.get(year)
        )
    goal = _goal_cell(assessment)
    if goal is not None:
        base = cells.get(goal.year, YearCell(goal.year))
        cells[goal.year] = YearCell(
            goal.year,
            goal.target,
            source=GOAL,
            outturn=base.outturn,
            latest=base.latest,
            verdict=goal.verdict,
            status=goal.status,
        )
    for period in assessment.schedule:  # a yearly entry is the year's own target
        year = period.entry.year
        base = cells.get(year, YearCell(year))
        cells[year] = YearCell(
            year,
            period.target if period.target is not None else period.entry.value,
            period.entry.high,
            period.entry.comparator,
            period.entry.written,
            YEARLY,
            base.outturn,
            base.latest,
            period.verdict,
            period.status,
        )
    return cells


def _goal_cell(assessment: Assessment) -> YearCell | None:
    """The multi-year target in its target year, with the final verdict once there is one."""
    target = assessment.target
    goal = assessment.goal
    if target.schedule or goal is None or goal.date is None:
        return None
    if target.cumulative:
        value = None  # a cumulative goal is an index level, not a year's figure
    elif isinstance(goal.value, bool) or target.kind is Kind.YES_NO:
        value = None
    else:
        value = goal.value
    verdict = status = None
    if judged(assessment) and assessment.final:
        if assessment.status is StatusCode.ACHIEVED:
            verdict, status = Verdict.MET, StatusCode.ACHIEVED
        elif assessment.status is StatusCode.MISSED:
            verdict, status = Verdict.NOT_MET, StatusCode.MISSED
    return YearCell(goal.date.year, value, source=GOAL, verdict=verdict, status=status)

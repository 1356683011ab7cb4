"""The by-year model (zqplan/wide.py): targets and outturns per year, verdicts worked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zqplan.model import Comparator, Point, StatusCode, Verdict
from zqplan.registry import plan_from_text
from zqplan.status import assess_plan
from zqplan.wide import GOAL, YEARLY, YearCell, wide_table

REGISTRY = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
[areas.a]
title = "A"

[targets.gdp-growth]
area = "a"
title = "GDP growth"
title_zh = "国内生产总值增长"
source = "government work reports 2021-2025"
unit = "%"
direction = "increase"
observations = [
  { date = 2021-12-31, value = 10.5 },
  { date = 2022-12-31, value = 1.1 },
  { date = 2023-12-31, value = 3.7 },
  { date = 2025-03-31, value = 5.5 },
]

[targets.gdp-growth.yearly]
2021 = 7
2022 = "about 7"
2023 = ">= 5.5"
2024 = "5"
2025 = "5左右"

[targets.forest]
area = "a"
title = "Forest coverage"
source = "s"
unit = "%"
direction = "increase"
baseline = { value = 70.0, date = 2020-12-31 }
target = { value = 71.0, date = 2024-12-31 }
observations = [
  { date = 2022-12-31, value = 70.4 },
  { date = 2024-12-31, value = 71.2 },
]

[targets.output]
area = "a"
title = "Output"
source = "s"
unit = "billion yuan"
direction = "increase"
baseline = { value = 100.0, date = 2020-12-31 }
target = { value = 200.0, date = 2024-12-31 }
observations = [
  { date = 2023-12-31, value = 150.0 },
  { date = 2024-12-31, value = 190.0 },
]
"""


def table(tmp_path: Path, as_of: date) -> dict[str, dict[int, YearCell]]:
    """The wide table on as_of, as target id -> year -> cell."""
    plan = plan_from_text(tmp_path / "targets.toml", REGISTRY)
    assessments = assess_plan(plan, [], as_of=as_of)
    wide = wide_table(assessments, [], as_of=as_of)
    assert wide.years == (2021, 2022, 2023, 2024, 2025)
    for row in wide.rows:
        assert tuple(c.year for c in row.cells) == wide.years  # every row has every year
    return {row.assessment.target.id: {c.year: c for c in row.cells} for row in wide.rows}


def test_yearly_schedule_cells(tmp_path: Path) -> None:
    """Each year's target as written, its final figure and the method's verdict."""
    gdp = table(tmp_path, date(2025, 5, 1))["gdp-growth"]
    # 2021: 7 (=), 10.5 >= 7: met, achieved.
    assert gdp[2021] == YearCell(
        2021, 7.0, None, Comparator.EQUAL, "7", YEARLY, 10.5, None, Verdict.MET,
        StatusCode.ACHIEVED,
    )  # fmt: skip
    # 2022: about 7, 1.1 is short by 5.9 > 0.5 points: not met.
    assert (gdp[2022].written, gdp[2022].outturn, gdp[2022].verdict) == (
        "about 7",
        1.1,
        Verdict.NOT_MET,
    )
    # 2023: >= 5.5, 3.7 < 5.5: not met.
    assert (gdp[2023].comparator, gdp[2023].verdict) == (Comparator.AT_LEAST, Verdict.NOT_MET)
    # 2024: target 5, no figure recorded: no verdict, no data.
    assert (gdp[2024].target, gdp[2024].outturn, gdp[2024].verdict) == (5.0, None, None)
    assert gdp[2024].status is StatusCode.NO_DATA
    # 2025: about 5, only January-March 5.5 (>= 5): no final figure, on track so far.
    assert gdp[2025].outturn is None
    assert gdp[2025].latest == Point(date(2025, 3, 31), 5.5)
    assert (gdp[2025].verdict, gdp[2025].status) == (None, StatusCode.ON_TRACK)


def test_multi_year_goal_in_its_target_year(tmp_path: Path) -> None:
    """The goal sits in its year; its verdict comes once final (after the target date)."""
    rows = table(tmp_path, date(2025, 6, 1))
    forest, output = rows["forest"], rows["output"]
    # forest: 71.2 >= 71 at 2024-12-31, judged on 2025-06-01 (after the date): achieved.
    assert forest[2024] == YearCell(
        2024, 71.0, source=GOAL, outturn=71.2, verdict=Verdict.MET, status=StatusCode.ACHIEVED
    )
    # Years without a target carry only their figure; years with nothing are empty.
    assert forest[2022] == YearCell(2022, outturn=70.4)
    assert forest[2021].empty
    assert forest[2025].empty
    # output: 190 < 200 at the target date: missed.
    assert (output[2024].target, output[2024].outturn) == (200.0, 190.0)
    assert (output[2024].verdict, output[2024].status) == (Verdict.NOT_MET, StatusCode.MISSED)
    assert output[2023] == YearCell(2023, outturn=150.0)


def test_no_verdict_before_the_target_date(tmp_path: Path) -> None:
    """Before its date the goal is shown, but its year has no verdict yet."""
    # On 2024-06-01 the 2024 figures are not yet known (as_of cuts them out).
    rows = table_before(tmp_path)
    assert rows["output"][2024] == YearCell(2024, 200.0, source=GOAL)
    assert rows["forest"][2024] == YearCell(2024, 71.0, source=GOAL)


def table_before(tmp_path: Path) -> dict[str, dict[int, YearCell]]:
    """The table on 2024-06-01: figures dated after it are left out."""
    plan = plan_from_text(tmp_path / "targets.toml", REGISTRY)
    as_of = date(2024, 6, 1)
    wide = wide_table(assess_plan(plan, [], as_of=as_of), [], as_of=as_of)
    # GDP's 2025 target still makes a 2025 column; the 2025 figure is not known yet.
    assert wide.years == (2021, 2022, 2023, 2024, 2025)
    return {row.assessment.target.id: {c.year: c for c in row.cells} for row in wide.rows}


def test_ledger_records_and_revisions(tmp_path: Path) -> None:
    """A ledger record revises the registry's figure: the newest for the period is the outturn."""
    from datetime import UTC, datetime

    from zqplan.model import Observation

    plan = plan_from_text(tmp_path / "targets.toml", REGISTRY)
    revised = Observation(
        "gdp-growth", date(2022, 12, 31), 6.6, "r1", datetime(2023, 3, 1, tzinfo=UTC), sequence=1
    )
    as_of = date(2025, 5, 1)
    wide = wide_table(assess_plan(plan, [revised], as_of=as_of), [revised], as_of=as_of)
    cell = wide.rows[0].cell(2022)
    assert cell is not None
    # about 7, 6.6 is short by 0.4 <= 0.5 points: broadly met (基本完成), achieved.
    assert (cell.outturn, cell.verdict, cell.status) == (
        6.6,
        Verdict.BROADLY_MET,
        StatusCode.ACHIEVED,
    )
    assert wide.rows[0].cell(1999) is None

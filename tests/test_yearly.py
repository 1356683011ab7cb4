"""Yearly targets (a work report's 主要预期目标): comparators, tolerance, per-period verdicts,
year to date, track record and relative targets, each worked by hand; and `check`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan

from zqplan.model import (
    Comparator,
    Direction,
    Observation,
    StatusCode,
    Target,
    Verdict,
    YearlyTarget,
)
from zqplan.status import assess, period_verdict
from zqplan.yearly import parse_yearly

HEAD = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
[areas.a]
title = "A"
"""

GDP = (
    HEAD
    + """
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
  { date = 2024-12-31, value = 2.2 },
  { date = 2025-03-31, value = 5.5 },
]

[targets.gdp-growth.yearly]
2021 = 7
2022 = "about 7"
2023 = ">= 5.5"
2024 = "5"
2025 = "5左右"
"""
)


def status_json(folder: Path, registry: str, *args: str) -> dict[str, Any]:
    """`zqplan status --json ARGS` on the registry, targets by id."""
    (folder / "targets.toml").write_text(registry, encoding="utf-8")
    result = run_zqplan("status", "--json", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    return {"document": document, **{t["id"]: t for t in document["targets"]}}


class TestWorkedExample:
    """docs/method.md's yearly example, through the CLI, on 2025-05-01."""

    def test_periods_verdicts_and_track_record(self, tmp_path: Path) -> None:
        """2021 met; 2022-2024 not met; 2025 on-track year to date; met 1 of 4 years."""
        gdp = status_json(tmp_path, GDP, "--as-of", "2025-05-01")["gdp-growth"]
        verdicts = [
            (p["period"], p["comparator"], p["verdict"], p["status"]) for p in gdp["schedule"]
        ]
        assert verdicts == [
            ("2021", "=", "met", "achieved"),  # 10.5 >= 7
            ("2022", "about", "not-met", "missed"),  # 1.1 short of 7 by 5.9 > 0.5
            ("2023", ">=", "not-met", "missed"),  # 3.7 < 5.5
            ("2024", "=", "not-met", "missed"),  # 2.2 < 5
            ("2025", "about", None, "on-track"),  # January-March 5.5 >= 5
        ]
        assert gdp["schedule"][4]["year_to_date"] is True
        assert gdp["schedule"][4]["outturn"] == 5.5
        assert gdp["track_record"] == {"met": 1, "judged": 4}
        assert gdp["period"] == "2025"
        assert gdp["status"] == "on-track"
        assert gdp["final"] is False

    def test_broadly_met(self, tmp_path: Path) -> None:
        """2022 at 6.6 is short of about 7 by 0.4 <= 0.5: 基本完成; met 2 of 4 years."""
        registry = GDP.replace("value = 1.1", "value = 6.6")
        gdp = status_json(tmp_path, registry, "--as-of", "2025-05-01")["gdp-growth"]
        assert gdp["schedule"][1]["verdict"] == "broadly-met"
        assert gdp["schedule"][1]["tolerance"] == 0.5
        assert gdp["track_record"] == {"met": 2, "judged": 4}

    def test_period_with_the_latest_full_figure(self, tmp_path: Path) -> None:
        """On 2025-02-01 (no 2025 figure yet): the row is 2024's: missed, 未完成."""
        gdp = status_json(tmp_path, GDP, "--as-of", "2025-02-01")["gdp-growth"]
        assert gdp["period"] == "2024"
        assert gdp["status"] == "missed"
        assert gdp["label_zh"] == "未完成"
        assert gdp["schedule"][4]["status"] == "no-data"

    def test_show_and_status_tables(self, tmp_path: Path) -> None:
        """show has a year-by-year table; status shows the period and the track record."""
        (tmp_path / "targets.toml").write_text(GDP, encoding="utf-8")
        shown = run_zqplan("show", "gdp-growth", "--as-of", "2025-05-01", cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert "year by year" in shown.stdout
        assert "about 7" in shown.stdout
        assert "met 1 of 4 years" in shown.stdout
        chinese = run_zqplan("status", "--as-of", "2025-05-01", "--lang", "zh", cwd=tmp_path)
        assert "2025年；完成 1/4 年" in chinese.stdout
        english = run_zqplan("status", "--as-of", "2025-05-01", cwd=tmp_path)
        assert "2025; met 1 of 4 years" in english.stdout


def yearly(text: str | float, year: int = 2023) -> YearlyTarget:
    """The parsed entry; a failure fails the test."""
    entry = parse_yearly(year, text)
    assert isinstance(entry, YearlyTarget), entry
    return entry


class TestComparators:
    """One hand-worked case per comparator (values in percent: tolerance 0.5 points)."""

    @pytest.mark.parametrize(
        ("written", "direction", "value", "verdict"),
        [
            (">= 5.5", Direction.INCREASE, 5.5, Verdict.MET),  # 5.5 >= 5.5
            ("5.5以上", Direction.INCREASE, 5.4, Verdict.NOT_MET),  # 5.4 < 5.5, no tolerance
            ("<= 3", Direction.DECREASE, 3.0, Verdict.MET),  # 3 <= 3
            ("3以内", Direction.DECREASE, 3.1, Verdict.NOT_MET),  # 3.1 > 3
            ("about 7", Direction.INCREASE, 7.2, Verdict.MET),  # above 7: met
            ("7左右", Direction.INCREASE, 6.6, Verdict.BROADLY_MET),  # short by 0.4 <= 0.5
            ("about 7", Direction.INCREASE, 6.4, Verdict.NOT_MET),  # short by 0.6 > 0.5
            ("about 3", Direction.DECREASE, 2.3, Verdict.MET),  # CPI about 3: a ceiling
            ("about 3", Direction.DECREASE, 3.5, Verdict.BROADLY_MET),  # over by 0.5 <= 0.5
            ("6-6.5", Direction.INCREASE, 6.0, Verdict.MET),  # v >= low
            ("6-6.5", Direction.INCREASE, 5.9, Verdict.NOT_MET),
            ("6-6.5", Direction.DECREASE, 6.5, Verdict.MET),  # v <= high
            ("6-6.5", Direction.DECREASE, 6.6, Verdict.NOT_MET),
            (5, Direction.INCREASE, 5.0, Verdict.MET),  # a bare number: meets in the good way
            ("5", Direction.INCREASE, 4.9, Verdict.NOT_MET),
            ("> 5", Direction.INCREASE, 5.0, Verdict.NOT_MET),  # strict
            ("> 5", Direction.INCREASE, 5.1, Verdict.MET),
            ("< 3", Direction.DECREASE, 3.0, Verdict.NOT_MET),  # strict
            ("< 3", Direction.DECREASE, 2.9, Verdict.MET),
            ("不低于5.5", Direction.INCREASE, 5.6, Verdict.MET),
        ],
    )
    def test_verdict(
        self, written: str | float, direction: Direction, value: float, verdict: Verdict
    ) -> None:
        """The period's verdict from its comparator, value and tolerance 0.5."""
        entry = yearly(written)
        assert entry.value is not None
        assert period_verdict(direction, entry, entry.value, value, 0.5) is verdict

    def test_float_error_on_the_tolerance(self) -> None:
        """6.5 is short of about 7 by 0.5 exactly (0.5000000000000004 in floats): 基本完成."""
        assert period_verdict(Direction.INCREASE, yearly("about 7"), 7.0, 6.5, 0.5) is (
            Verdict.BROADLY_MET
        )

    @pytest.mark.parametrize(
        ("written", "comparator", "value", "high"),
        [
            ("about 7", Comparator.ABOUT, 7.0, None),
            ("约7%", Comparator.ABOUT, 7.0, None),
            ("≥ 5.5", Comparator.AT_LEAST, 5.5, None),
            ("6%-6.5%", Comparator.RANGE, 6.0, 6.5),
            ("about", Comparator.ABOUT, None, None),
            ("同步", Comparator.ABOUT, None, None),
            (">=", Comparator.AT_LEAST, None, None),
        ],
    )
    def test_parse(
        self, written: str, comparator: Comparator, value: float | None, high: float | None
    ) -> None:
        """The plan's own words read as a comparator and value(s)."""
        entry = yearly(written)
        assert (entry.comparator, entry.value, entry.high) == (comparator, value, high)

    @pytest.mark.parametrize("written", ["x 7", "6.5-6", "", "about about", True])
    def test_parse_refuses(self, written: object) -> None:
        """Unknown comparators, a range that runs backwards, empty text: a reason, not a guess."""
        assert isinstance(parse_yearly(2023, written), str)


def yearly_target(*entries: str | float, **fields: Any) -> Target:
    """A target "t" with yearly entries for 2023, 2024, ..."""
    schedule = tuple(yearly(e, 2023 + i) for i, e in enumerate(entries))
    defaults: dict[str, Any] = {"id": "t", "area": "a", "title": "T", "source": "s", "unit": "%"}
    return Target(**{**defaults, "schedule": schedule, **fields})


def record(on: date, value: float, n: int = 1) -> Observation:
    """A ledger record of "t"."""
    return Observation(target_id="t", date=on, value=value, record_id=f"r{n}", sequence=n)


class TestTolerance:
    """tol: 0.5 points for percent, else 5% of |T|; the registry may set it."""

    def test_target_tolerance(self) -> None:
        """tolerance = 1: 6.1 is short of about 7 by 0.9 <= 1: broadly met (achieved)."""
        judged = assess(
            yearly_target("about 7", tolerance=1.0),
            [record(date(2023, 12, 31), 6.1)],
            as_of=date(2024, 2, 1),
        )
        assert judged.schedule[0].verdict is Verdict.BROADLY_MET
        assert judged.status is StatusCode.ACHIEVED

    def test_five_percent_of_a_level(self) -> None:
        """A level in yuan, about 100: tol = 5; 95 is broadly met, 94.9 not."""
        target = yearly_target("about 100", unit="yuan")
        near = assess(target, [record(date(2023, 12, 31), 95.0)], as_of=date(2024, 2, 1))
        assert near.schedule[0].tolerance == pytest.approx(5.0)
        assert near.schedule[0].verdict is Verdict.BROADLY_MET
        far = assess(target, [record(date(2023, 12, 31), 94.9)], as_of=date(2024, 2, 1))
        assert far.schedule[0].verdict is Verdict.NOT_MET

    def test_levels_not_judged_year_to_date(self) -> None:
        """A level (yuan) with a January-June figure: no-data until the year's figure."""
        judged = assess(
            yearly_target("about 100", unit="yuan"),
            [record(date(2023, 6, 30), 60.0)],
            as_of=date(2023, 8, 1),
        )
        assert judged.schedule[0].status is StatusCode.NO_DATA

    def test_year_to_date_within_tolerance_is_at_risk(self) -> None:
        """A rate year to date: 4.7 against >= 5 is short by 0.3 <= 0.5: at-risk."""
        judged = assess(
            yearly_target(">= 5"), [record(date(2023, 9, 30), 4.7)], as_of=date(2023, 11, 1)
        )
        assert judged.status is StatusCode.AT_RISK
        off = assess(
            yearly_target(">= 5"), [record(date(2023, 9, 30), 4.4)], as_of=date(2023, 11, 1)
        )
        assert off.status is StatusCode.OFF_TRACK


RELATIVE = (
    HEAD
    + """
[targets.gdp-growth]
area = "a"
title = "GDP growth"
source = "s"
unit = "%"
observations = [
  { date = 2023-12-31, value = 5.2 },
  { date = 2024-12-31, value = 5.0 },
]

[targets.income-growth]
area = "a"
title = "Per-capita disposable income growth"
source = "in step with economic growth (与经济增长同步)"
unit = "%"
relative_to = "gdp-growth"
observations = [
  { date = 2023-12-31, value = 5.1 },
  { date = 2024-12-31, value = 5.3 },
  { date = 2025-12-31, value = 5.0 },
]

[targets.income-growth.yearly]
2023 = "about"
2024 = ">="
2025 = "同步"
"""
)


class TestRelative:
    """relative_to: the other indicator's figure for the same period is the target."""

    def test_periods(self, tmp_path: Path) -> None:
        """2023 about 5.2 at 5.1: broadly; 2024 >= 5.0 at 5.3: met; 2025 no GDP: no-data."""
        income = status_json(tmp_path, RELATIVE, "--as-of", "2026-02-01")["income-growth"]
        periods = [(p["target"], p["verdict"], p["status"]) for p in income["schedule"]]
        assert periods == [
            (5.2, "broadly-met", "achieved"),  # short by 0.1 <= 0.5
            (5.0, "met", "achieved"),  # 5.3 >= 5.0
            (None, None, "no-data"),  # GDP 2025 not recorded
        ]
        assert income["schedule"][0]["relative_to"] == "gdp-growth"
        assert income["track_record"] == {"met": 2, "judged": 2}


class TestCheck:
    """check names every mistake in the new keys, with FILE:LINE."""

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ('unit = "%"\n[targets.x.yearly]\n2023 = "roughly 7"', "has no comparator"),
            ('unit = "%"\ntolerance = 0.5', "'targets.x.tolerance' applies to yearly targets"),
            (
                'unit = "%"\nrelative_to = "nope"\n[targets.x.yearly]\n2023 = "about"',
                "names 'nope', which is not a target",
            ),
            (
                'unit = "%"\nrelative_to = "q"\n[targets.x.yearly]\n2023 = "about"\n'
                '[targets.q]\narea = "a"\ntitle = "Q"\nsource = "s"\nunit = "%"\n'
                'frequency = "quarterly"',
                "which does not have the same periods",
            ),
            (
                'unit = "%"\nbaseline = { value = 1, date = 2020-12-31 }\n'
                "target = { value = 2, date = 2025-12-31 }\n[targets.x.yearly]\n2027 = 5",
                "2027 is outside the plan's years (2021-2025",
            ),
            ('unit = "%"\n[targets.x.yearly]\n2023 = ">="', "names no value"),
            ('unit = "%"\n[targets.x.yearly]\nnext = 5', "is not a year"),
            ('unit = "%"\n[targets.x.yearly]\n0000 = 5', "is not a year"),  # no year 0
        ],
    )
    def test_mistakes(self, tmp_path: Path, body: str, message: str) -> None:
        """Each mistake: one FILE:LINE line with a hint, exit 1."""
        registry = HEAD + f'\n[targets.x]\narea = "a"\ntitle = "X"\nsource = "s"\n{body}\n'
        (tmp_path / "targets.toml").write_text(registry, encoding="utf-8")
        result = run_zqplan("check", cwd=tmp_path)
        assert result.returncode == 1, result.stdout
        assert message in result.stdout
        assert "targets.toml:" in result.stdout

    def test_plan_tolerance(self, tmp_path: Path) -> None:
        """[plan] tolerance = 1 applies to every yearly target without its own."""
        registry = GDP.replace('title = "Test plan"', 'title = "Test plan"\ntolerance = 1')
        gdp = status_json(tmp_path, registry, "--as-of", "2025-05-01")["gdp-growth"]
        assert gdp["schedule"][1]["tolerance"] == 1.0

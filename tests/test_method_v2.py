"""Method version 2 through the CLI: the worked examples of docs/method.md number for
number, and the cases an analyst was caught out by under version 1, each worked by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan

from zqplan.model import (
    Direction,
    Goal,
    Observation,
    Point,
    Role,
    StatusCode,
    Target,
    Trajectory,
    Trend,
)
from zqplan.status import add_years, assess

REL = 1e-4

HEAD = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
[areas.a]
title = "A"
"""

EXAMPLES = (
    HEAD
    + """
[targets.farm]
area = "a"
title = "Farm output"
source = "worked example: compound, multi-year"
unit = "points"
baseline = { value = 80, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [ { date = 2024-12-31, value = 86 } ]

[targets.energy]
area = "a"
title = "Energy use per unit of GDP"
source = "worked example: cumulative flows"
unit = "%"
direction = "decrease"
cumulative = true
baseline = { date = 2020-12-31 }
target = { change = -13.5, date = 2025-12-31 }
observations = [
  { date = 2021-12-31, value = -2.7 },
  { date = 2022-12-31, value = -0.1 },
]

[targets.unemployment]
area = "a"
title = "Surveyed unemployment"
source = "worked example: a ceiling"
unit = "%"
direction = "at-most"
baseline = { value = 5.2, date = 2020-12-31 }
target = { value = 5.5, date = 2025-12-31 }
observations = [
  { date = 2021-12-31, value = 5.1 },
  { date = 2022-12-31, value = 5.5 },
]

[targets.grain]
area = "a"
title = "Grain capacity"
source = "worked example: a floor that holds"
unit = "units"
direction = "at-least"
target = { value = 6.5, date = 2025-12-31 }
observations = [
  { date = 2021-12-31, value = 6.8285 },
  { date = 2022-12-31, value = 6.8653 },
]
"""
)


def status_json(folder: Path, registry: str, *args: str) -> dict[str, Any]:
    """Write the registry in folder and return `zqplan status --json ARGS` as a dict by id."""
    (folder / "targets.toml").write_text(registry, encoding="utf-8")
    result = run_zqplan("status", "--json", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    return {"document": document, **{t["id"]: t for t in document["targets"]}}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The four multi-year worked examples, judged on 2023-06-30 (the ceiling's day)."""
    return status_json(tmp_path_factory.mktemp("examples"), EXAMPLES, "--as-of", "2023-06-30")


class TestWorkedExamples:
    """docs/method.md 'Worked examples', through `zqplan status --json`."""

    def test_compound(self, tmp_path: Path) -> None:
        """Farm output: R 0.8068 at-risk, p 30%, expected 37.3%, projection 95.85."""
        farm = status_json(tmp_path, EXAMPLES, "--as-of", "2025-03-31")["farm"]
        # g_req = 1.25 ** 0.2 - 1 = 0.045640; g_obs = 1.075 ** 0.5 - 1 = 0.036822
        assert farm["required_rate"] == pytest.approx(0.045640, rel=REL)
        assert farm["observed_rate"] == pytest.approx(0.036822, rel=REL)
        assert farm["rate_unit"] == "fraction"
        # R = 0.036822 / 0.045640 = 0.8068 -> at-risk
        assert farm["ratio"] == pytest.approx(0.8068, rel=REL)
        assert farm["status"] == "at-risk"
        # p = 6/20 = 0.30; tau = 2/5; expected 80 * 1.25 ** 0.4 = 87.469 -> 7.469/20 = 0.373
        assert farm["progress"] == pytest.approx(0.30, rel=1e-9)
        assert farm["time_elapsed"] == pytest.approx(0.4, rel=1e-9)
        assert farm["expected_value"] == pytest.approx(87.469, rel=REL)
        assert farm["expected_progress"] == pytest.approx(0.3735, rel=1e-3)
        # 86 * 1.036822 ** 3 = 95.85 at 2027-12-31; reached 4.171 years on: 2029-03-03
        assert farm["projection"] == {"value": pytest.approx(95.85, rel=REL), "date": "2027-12-31"}
        assert farm["reached_on"] == "2029-03-03"
        assert farm["margin"] is None
        assert farm["awaiting_final"] is False
        assert farm["final"] is False

    def test_cumulative_flows(self, examples: dict[str, Any]) -> None:
        """Energy intensity: index 97.2027, R 0.4927 off-track, p 20.7%, projection 93.15."""
        energy = examples["energy"]
        # index: 100 * 0.973 = 97.3; 97.3 * 0.999 = 97.2027
        assert energy["baseline"] == {"value": 100.0, "date": "2020-12-31"}
        assert energy["latest"]["value"] == pytest.approx(97.2027, rel=1e-9)
        # T = 100 * (1 - 0.135) = 86.5
        assert energy["target"]["value"] == pytest.approx(86.5, rel=1e-9)
        assert energy["target_stated"]["change_percent"] == -13.5
        # g_req = 0.865 ** 0.2 - 1 = -0.028589; g_obs = 0.972027 ** 0.5 - 1 = -0.014086
        assert energy["required_rate"] == pytest.approx(-0.028589, rel=REL)
        assert energy["observed_rate"] == pytest.approx(-0.014086, rel=REL)
        # R = -0.014086 / -0.028589 = 0.4927 -> off-track
        assert energy["ratio"] == pytest.approx(0.4927, rel=REL)
        assert energy["status"] == "off-track"
        # p = 2.7973 / 13.5 = 0.2072; tau = 2/5
        assert energy["progress"] == pytest.approx(0.2072, rel=1e-3)
        assert energy["time_elapsed"] == pytest.approx(0.4, rel=1e-9)
        # 97.2027 * 0.985914 ** 3 = 93.15
        assert energy["projection"]["value"] == pytest.approx(93.15, rel=REL)
        assert energy["cumulative"] is True

    def test_ceiling(self, examples: dict[str, Any]) -> None:
        """Unemployment at most 5.5: margin 0 holds, projected 5.98 > 5.5: at-risk, no R."""
        ceiling = examples["unemployment"]
        # margin = 5.5 - 5.5 = 0 (holds)
        assert ceiling["margin"] == pytest.approx(0.0, abs=1e-9)
        # g_obs = (5.5/5.2) ** 0.5 - 1 = 0.028439; 5.5 * 1.028439 ** 3 = 5.98
        assert ceiling["observed_rate"] == pytest.approx(0.028439, rel=REL)
        assert ceiling["projection"]["value"] == pytest.approx(5.9826, rel=REL)
        assert ceiling["status"] == "at-risk"
        assert ceiling["ratio"] is None
        assert ceiling["required_rate"] is None
        assert ceiling["progress"] is None

    def test_floor_that_holds(self, examples: dict[str, Any]) -> None:
        """Grain: margin 0.3653, projected 6.98 at 2025-12-31: on-track (保持达标), not achieved."""
        floor = examples["grain"]
        # no baseline: 6.8285 (2021) serves; margin = 6.8653 - 6.5 = 0.3653
        assert floor["margin"] == pytest.approx(0.3653, rel=1e-9)
        # g = 6.8653 / 6.8285 - 1 = 0.0053892; 6.8653 * 1.0053892 ** 3 = 6.9769
        assert floor["projection"] == {
            "value": pytest.approx(6.9769, rel=REL),
            "date": "2025-12-31",
        }
        assert floor["status"] == "on-track"
        assert floor["label"] == "holds"
        assert floor["label_zh"] == "保持达标"
        assert floor["ratio"] is None

    def test_summary_counts_the_four(self, examples: dict[str, Any]) -> None:
        """Each commitment counted once; farm's first figure (2024) is not out on 2023-06-30."""
        summary = examples["document"]["summary"]
        counted = (
            summary["at-risk"],
            summary["off-track"],
            summary["on-track"],
            summary["no-data"],
        )
        assert counted == (1, 1, 1, 1)
        assert examples["document"]["schema"] == "zqplan.status/2"
        assert examples["document"]["known_at"] is None


def target(**fields: Any) -> Target:
    """A numeric target "t" with the given fields."""
    defaults: dict[str, Any] = {"id": "t", "area": "a", "title": "T", "source": "s", "unit": "u"}
    return Target(**{**defaults, **fields})


def record(on: date, value: float, n: int = 1) -> Observation:
    """A ledger record of "t"."""
    return Observation(target_id="t", date=on, value=value, record_id=f"r{n}", sequence=n)


class TestRegressions:
    """The cases of issue 9 that version 1 got wrong, each worked by hand."""

    def test_worsening_series_below_earliest_record(self) -> None:
        """Increase to 90, records 100 (2015) and 80 (2020): off-track, no R (v1: on-track)."""
        goal = Goal(date=date(2025, 12, 31), value=90.0)
        judged = assess(
            target(target=goal),
            [record(date(2015, 12, 31), 100.0, 1), record(date(2020, 12, 31), 80.0, 2)],
            as_of=date(2021, 6, 30),
        )
        # 90 is below the baseline 100 that serves: no rates; 80 < 90 not met: off-track
        assert judged.status is StatusCode.OFF_TRACK
        assert judged.ratio is None
        assert judged.observed_rate is None
        assert judged.required_rate is None
        assert judged.projection is None
        assert judged.wrong_side is True
        # g = 0.8 ** 0.2 - 1 = -0.0436: the trend still says worsening
        assert judged.trend is Trend.WORSENING

    def test_wrong_side_met_is_achieved(self) -> None:
        """The same target with 95 in 2020: 95 >= 90 meets it: achieved."""
        goal = Goal(date=date(2025, 12, 31), value=90.0)
        judged = assess(
            target(target=goal),
            [record(date(2015, 12, 31), 100.0, 1), record(date(2020, 12, 31), 95.0, 2)],
            as_of=date(2021, 6, 30),
        )
        assert judged.status is StatusCode.ACHIEVED

    @pytest.mark.parametrize(
        ("value", "status", "faster"),
        [
            # a_req = (11.3 - 10.8) / 5 = 0.1; a_obs = (10.895 - 10.8) / 1 = 0.095; R = 0.95
            (10.895, StatusCode.ON_TRACK, False),
            # a_obs = (10.92 - 10.8) / 1 = 0.12; R = 1.2 -> 快于预期
            (10.92, StatusCode.ON_TRACK, True),
            # a_obs = (10.86 - 10.8) / 1 = 0.06; R = 0.60 -> at-risk, not off-track
            (10.86, StatusCode.AT_RISK, False),
        ],
    )
    def test_thresholds_at_six_decimals(
        self, value: float, status: StatusCode, faster: bool
    ) -> None:
        """R exactly on 0.95, 1.2 and 0.60 by hand is on it here (float error aside)."""
        from zqplan.status import is_faster_than_expected

        judged = assess(
            target(
                trajectory=Trajectory.LINEAR,
                baseline=Point(date(2020, 12, 31), 10.8),
                target=Goal(date=date(2025, 12, 31), value=11.3),
            ),
            [record(date(2021, 12, 31), value)],
            as_of=date(2022, 3, 31),
        )
        assert judged.status is status
        assert is_faster_than_expected(judged) is faster

    def test_reached_on_rounds_to_the_nearest_day(self) -> None:
        """4.001 years after 2021-12-31 is 2025-12-31 (0.365 of a day on), not 2026-01-01."""
        # 2021-12-31 is 2022.0; + 4.001 = 2026.001; 0.001 * 365 = 0.365 -> day 0 of 2026
        assert add_years(date(2021, 12, 31), 4.001) == date(2025, 12, 31)
        # 0.6 of a day rounds up: 2026.0 + 0.6/365 -> 2026-01-01
        assert add_years(date(2021, 12, 31), 4 + 0.6 / 365) == date(2026, 1, 1)

    def test_floor_met_has_no_required_rate(self) -> None:
        """A 6% floor met at 6.3 (from 6.5): no required rate, no R; margin 0.3, on-track."""
        judged = assess(
            target(
                unit="%",
                direction=Direction.AT_LEAST,
                baseline=Point(date(2020, 12, 31), 6.5),
                target=Goal(date=date(2025, 12, 31), value=6.0),
            ),
            [record(date(2022, 12, 31), 6.3)],
            as_of=date(2023, 3, 31),
        )
        assert judged.required_rate is None
        assert judged.ratio is None
        assert judged.reached_on is None
        # margin = 6.3 - 6 = 0.3; projection 6.3 * (6.3/6.5) ** 1.5 = 6.0115 >= 6: holds
        assert judged.margin == pytest.approx(0.3, rel=1e-9)
        assert judged.projection == pytest.approx(6.0115, rel=REL)
        assert judged.status is StatusCode.ON_TRACK

    def test_floor_held_is_never_achieved_early(self) -> None:
        """A floor with a date held in 2022 is on-track, not achieved, before its date."""
        judged = assess(
            target(
                direction=Direction.AT_LEAST,
                baseline=Point(date(2020, 12, 31), 7.0),
                target=Goal(date=date(2025, 12, 31), value=6.5),
            ),
            [record(date(2022, 12, 31), 7.0)],
            as_of=date(2023, 3, 31),
        )
        # g_obs = 0; projection 7.0 >= 6.5
        assert judged.status is StatusCode.ON_TRACK

    def test_baseline_only_past_date_is_no_data(self) -> None:
        """Only a baseline, the day after the target date: no-data, not missed."""
        judged = assess(
            target(
                baseline=Point(date(2020, 12, 31), 80.0),
                target=Goal(date=date(2025, 12, 31), value=100.0),
            ),
            [],
            as_of=date(2026, 1, 1),
        )
        assert judged.status is StatusCode.NO_DATA
        assert judged.final is False


class TestPublicationLag:
    """Rule 1: before tT + lag the final figure is awaited; after it, the last one decides."""

    TARGET = target(
        baseline=Point(date(2020, 12, 31), 80.0),
        target=Goal(date=date(2026, 12, 31), value=100.0),
    )
    # 2025: 94. g_req = 1.25 ** (1/6) - 1 = 0.037891; g_obs = (94/80) ** 0.2 - 1 = 0.032779
    # R = 0.032779 / 0.037891 = 0.8651 -> at-risk
    RECORDS = (record(date(2025, 12, 31), 94.0),)

    def test_within_the_lag_awaiting_final(self) -> None:
        """2027-01-05, the 2026 figure not out: at-risk by R, awaiting_final (v1: missed)."""
        judged = assess(self.TARGET, self.RECORDS, as_of=date(2027, 1, 5))
        assert judged.ratio == pytest.approx(0.8651, rel=REL)
        assert judged.status is StatusCode.AT_RISK
        assert judged.awaiting_final is True
        assert judged.final is False

    def test_last_day_of_the_lag(self) -> None:
        """2027-06-30 is tT + 6 months: still awaiting."""
        judged = assess(self.TARGET, self.RECORDS, as_of=date(2027, 6, 30))
        assert judged.awaiting_final is True

    def test_after_the_lag_missed_and_stale(self) -> None:
        """2027-07-01, still no 2026 figure: judged on 94 < 100: missed, final, stale."""
        judged = assess(self.TARGET, self.RECORDS, as_of=date(2027, 7, 1))
        assert judged.status is StatusCode.MISSED
        assert judged.final is True
        assert judged.stale is True
        assert judged.awaiting_final is False

    def test_final_figure_in_decides(self) -> None:
        """The 2026 figure 101 is in on 2027-03-01: achieved, final."""
        records = (*self.RECORDS, record(date(2026, 12, 31), 101.0, 2))
        judged = assess(self.TARGET, records, as_of=date(2027, 3, 1))
        assert judged.status is StatusCode.ACHIEVED
        assert judged.final is True
        assert judged.awaiting_final is False

    def test_latest_meets_while_awaiting(self) -> None:
        """Within the lag, 2025's 100.5 already meets 100: achieved, awaiting_final."""
        judged = assess(self.TARGET, [record(date(2025, 12, 31), 100.5)], as_of=date(2027, 2, 1))
        assert judged.status is StatusCode.ACHIEVED
        assert judged.awaiting_final is True

    def test_lag_months_set_in_the_target(self) -> None:
        """lag_months = 1: on 2027-02-01 the wait is over: missed."""
        from dataclasses import replace

        judged = assess(replace(self.TARGET, lag_months=1), self.RECORDS, as_of=date(2027, 2, 1))
        assert judged.status is StatusCode.MISSED


class TestTargetForms:
    """Level, annual growth, change, change_by and cumulative: each worked by hand."""

    def test_change_by(self) -> None:
        """Life expectancy 78 (2020) up 1 year by 2025: T = 79; 78.4 in 2022 -> R 1.0."""
        judged = assess(
            target(
                unit="years",
                trajectory=Trajectory.LINEAR,
                baseline=Point(date(2020, 12, 31), 78.0),
                target=Goal(date=date(2025, 12, 31), change_by=1.0),
            ),
            [record(date(2022, 12, 31), 78.4)],
            as_of=date(2023, 3, 31),
        )
        assert judged.goal == Point(date(2025, 12, 31), 79.0)
        # a_req = 1 / 5 = 0.2; a_obs = 0.4 / 2 = 0.2; R = 1.0
        assert judged.required_rate == pytest.approx(0.2, rel=1e-9)
        assert judged.ratio == pytest.approx(1.0, rel=1e-9)
        assert judged.status is StatusCode.ON_TRACK

    def test_cumulative_without_baseline_starts_a_year_before(self) -> None:
        """No baseline: the index is 100 a year before the first change (2020-12-31)."""
        judged = assess(
            target(
                unit="%",
                direction=Direction.DECREASE,
                cumulative=True,
                target=Goal(date=date(2025, 12, 31), change=-0.135),
            ),
            [record(date(2021, 12, 31), -2.7, 1), record(date(2022, 12, 31), -0.1, 2)],
            as_of=date(2023, 6, 30),
        )
        assert judged.baseline == Point(date(2020, 12, 31), 100.0)
        assert judged.ratio == pytest.approx(0.4927, rel=REL)


class TestChangeByInPoints:
    """A change of a percentage is in percentage points: "1百分点" is read, "1%" refused."""

    def test_points(self, tmp_path: Path) -> None:
        """5% (2020) up 1 percentage point by 2025: the target is 6."""
        registry = HEAD + (
            '[targets.share]\narea = "a"\ntitle = "S"\nsource = "s"\nunit = "%"\n'
            "baseline = { value = 5, date = 2020-12-31 }\n"
            'target = { change_by = "1百分点", date = 2025-12-31 }\n'
        )
        share = status_json(tmp_path, registry, "--as-of", "2022-01-01")["share"]
        # T = v0 + d = 5 + 1
        assert share["target"] == {"value": 6.0, "date": "2025-12-31"}
        assert share["target_stated"]["change_by"] == 1.0
        refused = registry.replace('"1百分点"', '"1%"')
        (tmp_path / "targets.toml").write_text(refused, encoding="utf-8")
        assert run_zqplan("check", cwd=tmp_path).returncode == 1


class TestRoles:
    """reported and direction: listed, never judged, not counted."""

    REGISTRY = (
        HEAD
        + """
[targets.done-thing]
area = "a"
title = "A fact"
source = "s"
unit = "%"
role = "reported"
observations = [ { date = 2022-12-31, value = 71 } ]

[targets.aim]
area = "a"
title = "An aim"
source = "s"
kind = "yes-no"
role = "direction"

[targets.real]
area = "a"
title = "A commitment"
source = "s"
unit = "u"
baseline = { value = 80, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [ { date = 2024-12-31, value = 86 } ]
"""
    )

    def test_json(self, tmp_path: Path) -> None:
        """status null, role and label given; the summary counts only the commitment."""
        found = status_json(tmp_path, self.REGISTRY, "--as-of", "2025-03-31")
        assert found["done-thing"]["status"] is None
        assert found["done-thing"]["role"] == "reported"
        assert found["done-thing"]["label_zh"] == "已有成果"
        assert found["done-thing"]["latest"] == {"value": 71.0, "date": "2022-12-31"}
        assert found["aim"]["status"] is None
        assert found["aim"]["label_zh"] == "方向性任务"
        assert found["real"]["role"] == "commitment"
        assert sum(found["document"]["summary"].values()) == 1

    def test_table_lists_them_after_the_judged_rows(self, tmp_path: Path) -> None:
        """In the table, the commitment comes first, then 已有成果 and 方向性任务."""
        (tmp_path / "targets.toml").write_text(self.REGISTRY, encoding="utf-8")
        result = run_zqplan("status", "--lang", "zh", "--as-of", "2025-03-31", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        # The direction is one line of ids after the area's rows: 方向性任务（1项）：aim
        order = [next(i for i, line in enumerate(lines) if line.lstrip().startswith(name)) for name
                 in ("real", "done-thing", "方向性任务（1项）：aim")]  # fmt: skip
        assert order == sorted(order)
        assert "已有成果" in result.stdout
        assert "共 1 项指标" in result.stdout

    def test_model_role(self) -> None:
        """A reported entry is never judged, whatever its figures."""
        judged = assess(
            target(role=Role.REPORTED, target=Goal(date=date(2020, 12, 31), value=1.0)),
            [record(date(2019, 12, 31), 0.0)],
            as_of=date(2023, 1, 1),
        )
        assert judged.final is False
        assert judged.ratio is None


class TestPercentagePoints:
    """A linear rate of a percentage is in percentage points (百分点)."""

    REGISTRY = (
        HEAD
        + """
[targets.share]
area = "a"
title = "A share"
source = "s"
unit = "%"
trajectory = "linear"
baseline = { value = 10.8, date = 2020-12-31 }
target = { value = 11.5, date = 2025-12-31 }
observations = [ { date = 2021-12-31, value = 10.9 } ]
"""
    )

    def test_json_names_the_unit(self, tmp_path: Path) -> None:
        """rate_unit is percentage-points; a_req = 0.7 / 5 = 0.14."""
        share = status_json(tmp_path, self.REGISTRY, "--as-of", "2022-03-31")["share"]
        assert share["rate_unit"] == "percentage-points"
        assert share["required_rate"] == pytest.approx(0.14, rel=1e-9)

    def test_sentence_says_points(self, tmp_path: Path) -> None:
        """show says 'needs 0.14 percentage points a year' and '个百分点' in Chinese."""
        (tmp_path / "targets.toml").write_text(self.REGISTRY, encoding="utf-8")
        english = run_zqplan("show", "share", "--as-of", "2022-03-31", cwd=tmp_path)
        assert "needs 0.14 percentage points a year" in english.stdout
        assert "pp/yr" in english.stdout
        chinese = run_zqplan("show", "share", "--as-of", "2022-03-31", "--lang", "zh", cwd=tmp_path)
        assert "需年均 0.14个百分点" in chinese.stdout

    def test_margin_of_a_percentage(self, tmp_path: Path) -> None:
        """The ceiling's margin 5.5 - 5.5 = 0 is in percentage points, not percent."""
        (tmp_path / "targets.toml").write_text(EXAMPLES, encoding="utf-8")
        shown = run_zqplan("show", "unemployment", "--as-of", "2023-06-30", cwd=tmp_path)
        assert "holds by 0 percentage points" in shown.stdout
        chinese = run_zqplan(
            "show", "unemployment", "--as-of", "2023-06-30", "--lang", "zh", cwd=tmp_path
        )
        assert "保持达标（差距 0个百分点）" in chinese.stdout


class TestStatedNumbers:
    """Numbers the plan states come back as stated."""

    def test_annual_growth_seven(self, tmp_path: Path) -> None:
        """annual_growth = 7 is 7 in JSON, not 7.000000000000001."""
        registry = (
            HEAD
            + """
[targets.gdp]
area = "a"
title = "GDP"
source = "s"
unit = "u"
baseline = { value = 100, date = 2020-12-31 }
target = { annual_growth = 7, date = 2025-12-31 }
"""
        )
        (tmp_path / "targets.toml").write_text(registry, encoding="utf-8")
        result = run_zqplan("status", "--json", cwd=tmp_path)
        assert '"annual_growth_percent": 7.0,' in result.stdout


class TestKnownAt:
    """--known-at leaves out records recorded after that day; show --as-of lists what it used."""

    REGISTRY = (
        HEAD
        + """
[targets.farm]
area = "a"
title = "Farm output"
source = "s"
unit = "points"
baseline = { value = 80, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [ { date = 2023-12-31, value = 83 } ]
"""
    )

    def test_known_at_leaves_out_later_records(self, tmp_path: Path) -> None:
        """A record made today is unknown on 2000-01-01; the registry's figure is known."""
        (tmp_path / "targets.toml").write_text(self.REGISTRY, encoding="utf-8")
        added = run_zqplan("update", "farm", "86", "--date", "2024-12-31", cwd=tmp_path)
        assert added.returncode == 0, added.stderr
        now = json.loads(
            run_zqplan("status", "--json", "--as-of", "2025-03-31", cwd=tmp_path).stdout
        )
        assert now["targets"][0]["latest"]["value"] == 86.0
        then = json.loads(
            run_zqplan(
                "status", "--json", "--as-of", "2025-03-31", "--known-at", "2000-01-01",
                cwd=tmp_path,
            ).stdout
        )  # fmt: skip
        assert then["known_at"] == "2000-01-01"
        assert then["targets"][0]["latest"]["value"] == 83.0
        shown = json.loads(
            run_zqplan("show", "farm", "--json", "--known-at", "2000-01-01", cwd=tmp_path).stdout
        )
        assert [r["value"] for r in shown["history"]] == [83.0]
        history = json.loads(
            run_zqplan("history", "farm", "--json", "--known-at", "2000-01-01", cwd=tmp_path).stdout
        )
        assert len(history["records"]) == 1

    def test_show_as_of_lists_only_the_history_used(self, tmp_path: Path) -> None:
        """show --as-of 2024-06-30 leaves out the 2024-12-31 record."""
        (tmp_path / "targets.toml").write_text(self.REGISTRY, encoding="utf-8")
        run_zqplan("update", "farm", "86", "--date", "2024-12-31", cwd=tmp_path)
        shown = json.loads(
            run_zqplan("show", "farm", "--json", "--as-of", "2024-06-30", cwd=tmp_path).stdout
        )
        assert [r["date"] for r in shown["history"]] == ["2023-12-31"]

    def test_bad_date(self, tmp_path: Path) -> None:
        """--known-at that is not a date is a usage error naming the option."""
        (tmp_path / "targets.toml").write_text(self.REGISTRY, encoding="utf-8")
        result = run_zqplan("status", "--known-at", "yesterday", cwd=tmp_path)
        assert result.returncode != 0
        assert "--known-at" in result.stderr


class TestCheck:
    """check explains the new keys' mistakes and warns of a target below its earliest record."""

    def test_wrong_side_of_earliest_record_warns(self, tmp_path: Path) -> None:
        """Increase to 90 with records 100 then 80: a warning naming the record; exit 0."""
        registry = (
            HEAD
            + """
[targets.worse]
area = "a"
title = "W"
source = "s"
unit = "u"
target = { value = 90, date = 2025-12-31 }
observations = [
  { date = 2015-12-31, value = 100 },
  { date = 2020-12-31, value = 80 },
]
"""
        )
        (tmp_path / "targets.toml").write_text(registry, encoding="utf-8")
        result = run_zqplan("check", cwd=tmp_path)
        assert result.returncode == 0
        assert "warning: 'worse': target 90 is below the earliest record 100" in result.stdout
        assert "targets.toml:" in result.stdout
        document = json.loads(run_zqplan("check", "--json", cwd=tmp_path).stdout)
        assert document["ok"] is True
        assert document["problems"] == []
        assert len(document["warnings"]) == 1

    @pytest.mark.parametrize(
        ("lines", "message"),
        [
            ('unit = "u"\ncumulative = true', 'cumulative\' needs unit = "%"'),
            ('unit = "u"\nlag_months = -1', "lag_months' must be a whole number of months"),
            ('unit = "u"\nrole = "fact"', "'targets.x.role' is 'fact', not one of"),
            (
                'unit = "%"\ncumulative = true\nbaseline = { value = 90, date = 2020-12-31 }',
                "is an index: 100, not 90",
            ),
        ],
    )
    def test_mistakes(self, tmp_path: Path, lines: str, message: str) -> None:
        """Each mistake: a FILE:LINE message, exit 1."""
        registry = HEAD + f'\n[targets.x]\narea = "a"\ntitle = "X"\nsource = "s"\n{lines}\n'
        (tmp_path / "targets.toml").write_text(registry, encoding="utf-8")
        result = run_zqplan("check", cwd=tmp_path)
        assert result.returncode == 1
        assert message in result.stdout


class TestLabels:
    """The method's labels: 无量化目标 / 无目标期限, 保持达标 / 未达标, 完成 in yearly rows."""

    def test_no_target_value_or_date(self) -> None:
        """A value without a date: 无目标期限; a date without a value: 无量化目标."""
        from zqplan.report import label

        undated = assess(
            target(baseline=Point(date(2020, 12, 31), 80.0), target=Goal(value=100.0)),
            [record(date(2022, 12, 31), 86.0)],
            as_of=date(2023, 3, 31),
        )
        assert undated.status is StatusCode.NO_TARGET
        assert label(undated, zh=True) == "无目标期限"
        valueless = assess(
            target(baseline=Point(date(2020, 12, 31), 80.0), target=Goal(date=date(2025, 12, 31))),
            [record(date(2022, 12, 31), 86.0)],
            as_of=date(2023, 3, 31),
        )
        assert valueless.status is StatusCode.NO_TARGET
        assert label(valueless, zh=True) == "无量化目标"

    def test_breached(self) -> None:
        """A floor not held: off-track, labelled breached / 未达标."""
        from zqplan.report import label

        judged = assess(
            target(
                direction=Direction.AT_LEAST,
                baseline=Point(date(2020, 12, 31), 7.0),
                target=Goal(date=date(2025, 12, 31), value=6.5),
            ),
            [record(date(2022, 12, 31), 6.4)],
            as_of=date(2023, 3, 31),
        )
        # margin = 6.4 - 6.5 = -0.1 < 0
        assert judged.status is StatusCode.OFF_TRACK
        assert (label(judged), label(judged, zh=True)) == ("breached", "未达标")

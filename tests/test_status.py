"""Status tests: every number worked by hand from docs/method.md, never taken from zqplan."""

from __future__ import annotations

from datetime import date

import pytest

from zqplan.model import (
    Assessment,
    Direction,
    Frequency,
    Goal,
    Kind,
    Observation,
    Point,
    StatusCode,
    Target,
    Trajectory,
    Trend,
)
from zqplan.status import add_years, assess, years

# Tolerance for numbers METHOD.md states to 4-6 significant figures.
REL = 1e-4
# Tolerance for numbers that are exact in decimal (linear rates, shares of whole years).
EXACT = 1e-9

# The dates used most: year ends, so that years(...) is a whole number (METHOD "Time").
Y2020 = date(2020, 12, 31)
Y2022 = date(2022, 12, 31)
Y2023 = date(2023, 12, 31)
Y2024 = date(2024, 12, 31)
Y2025 = date(2025, 12, 31)
Y2027 = date(2027, 12, 31)

# METHOD's worked example: v0 = 80 at 2022-12-31, T = 100 at 2027-12-31.
FARM_BASELINE = Point(Y2022, 80.0)
FARM_TARGET = Point(Y2027, 100.0)


def make_target(
    *,
    baseline: Point | None = FARM_BASELINE,
    target: Point | None = FARM_TARGET,
    direction: Direction = Direction.INCREASE,
    trajectory: Trajectory | None = None,
    frequency: Frequency = Frequency.ANNUAL,
    kind: Kind = Kind.NUMERIC,
    registry_figures: tuple[Observation, ...] = (),
) -> Target:
    """A target "t"; by default METHOD's farm example (80 at 2022-12-31 -> 100 at 2027-12-31)."""
    return Target(
        id="t",
        area="a",
        title="T",
        source="s",
        unit="" if kind is Kind.YES_NO else "u",
        direction=direction,
        kind=kind,
        trajectory=trajectory,
        frequency=frequency,
        baseline=baseline,
        # The registry states a level target as a Goal with a date and a value.
        target=None if target is None else Goal(target.date, target.value),
        observations=registry_figures,
    )


def record(on: date, value: float | bool, sequence: int = 1, record_id: str = "r1") -> Observation:
    """A ledger record of target "t" (ledger records have sequence >= 1)."""
    return Observation(target_id="t", date=on, value=value, record_id=record_id, sequence=sequence)


def registry_figure(on: date, value: float | bool, n: int = 1) -> Observation:
    """A figure written in the registry itself (sequence 0, before any ledger record)."""
    return Observation(target_id="t", date=on, value=value, record_id=f"registry:t:{n}", sequence=0)


# ---------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------


class TestYears:
    """years() and add_years() follow METHOD's calendar-year rule."""

    def test_year_end_to_year_end_is_whole(self) -> None:
        """METHOD: years(2022-12-31, 2027-12-31) = 5 exactly."""
        # (2027 - 2022) + 365/365 - 365/365 = 5
        assert years(Y2022, Y2027) == 5.0

    def test_across_a_leap_year_end_is_whole(self) -> None:
        """A year end to year end across a leap year is still whole."""
        # (2024 - 2023) + 366/366 - 365/365 = 1; (2022 - 2020) + 365/365 - 366/366 = 2
        assert years(Y2023, Y2024) == 1.0
        assert years(Y2020, Y2022) == 2.0

    def test_leap_year_uses_366_days(self) -> None:
        """Within a leap year each day is 1/366 of a year (METHOD: len = days in that year)."""
        # years(2023-12-31, 2024-02-29) = 1 + 60/366 - 365/365 = 60/366 = 0.163934
        assert years(Y2023, date(2024, 2, 29)) == pytest.approx(60 / 366, rel=1e-12)
        # years(2024-01-01, 2024-12-31) = 0 + 366/366 - 1/366 = 365/366
        assert years(date(2024, 1, 1), Y2024) == pytest.approx(365 / 366, rel=1e-12)

    def test_add_years_worked_example(self) -> None:
        """METHOD worked example: 4.171 years after 2024-12-31 is 2029-03-03."""
        # 2024-12-31 is 2024 + 366/366 = 2025.0; + 4.171 = 2029.171;
        # 0.171 * 365 = 62.4 -> day 62 of 2029 = 31 (Jan) + 28 (Feb) + 3 = March 3
        assert add_years(Y2024, 4.171) == date(2029, 3, 3)

    def test_add_years_whole_years_lands_on_year_end(self) -> None:
        """add_years inverts years: 5 years after 2022-12-31 is 2027-12-31."""
        # 2022 + 365/365 + 5 = 2028.0 -> day 0 of 2028 = 2027-12-31
        assert add_years(Y2022, 5.0) == Y2027
        # a fraction: 2023.0 + 0.25 = 2023.25; 0.25 * 365 = 91.25 -> day 91 of 2023 = April 1
        assert add_years(Y2022, 0.25) == date(2023, 4, 1)

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            (date(2023, 6, 15), date(2028, 2, 29)),
            (date(2024, 2, 29), date(2026, 3, 1)),
            (date(2020, 1, 1), date(2031, 12, 31)),
            (Y2022, date(2024, 7, 1)),
        ],
    )
    def test_add_years_inverts_years(self, start: date, end: date) -> None:
        """add_years(a, years(a, b)) == b, leap days included (METHOD: "inverts the same rule")."""
        assert add_years(start, years(start, end)) == end


# ---------------------------------------------------------------------------
# METHOD's worked example
# ---------------------------------------------------------------------------


WORKED_AS_OF = date(2025, 6, 30)


@pytest.fixture
def worked() -> Assessment:
    """METHOD's farm output: v0 = 80 (2022-12-31), T = 100 (2027-12-31), v = 86 (2024-12-31)."""
    return assess(make_target(), [record(Y2024, 86.0)], as_of=WORKED_AS_OF)


class TestWorkedExample:
    """METHOD.md "Worked example", number by number."""

    def test_status_and_basis(self, worked: Assessment) -> None:
        """R = 0.8068 is in [0.60, 0.95): at-risk, on a compound basis (METHOD rule 6)."""
        assert worked.status is StatusCode.AT_RISK
        # v0 = 80 > 0, v = 86 > 0, T = 100 > 0 and no trajectory given -> compound (METHOD inputs)
        assert worked.rate_basis is Trajectory.COMPOUND
        assert worked.baseline == Point(Y2022, 80.0)
        assert worked.latest == Point(Y2024, 86.0)
        assert worked.data_points == 2
        assert worked.final is False

    def test_rates_and_ratio(self, worked: Assessment) -> None:
        """g_req, g_obs and R as METHOD states them."""
        # g_req = 1.25 ** (1/5) - 1 = 0.045640
        assert worked.required_rate == pytest.approx(0.045640, rel=REL)
        # g_obs = 1.075 ** (1/2) - 1 = 0.036822
        assert worked.observed_rate == pytest.approx(0.036822, rel=REL)
        # R = 0.036822 / 0.045640 = 0.8068
        assert worked.ratio == pytest.approx(0.8068, rel=REL)

    def test_progress_and_time(self, worked: Assessment) -> None:
        """p = 30%, tau = 0.4, expected value 87.469, expected progress 37.3%."""
        # p = (86 - 80) / (100 - 80) = 6/20 = 0.30
        assert worked.progress == pytest.approx(0.30, rel=EXACT)
        # tau = years(t0, t) / years(t0, tT) = 2 / 5 = 0.4
        assert worked.time_elapsed == pytest.approx(0.4, rel=EXACT)
        # expected value = 80 * 1.25 ** 0.4 = 87.469
        assert worked.expected_value == pytest.approx(87.469, rel=REL)
        # expected progress = (87.46897 - 80) / 20 = 0.37345 (METHOD rounds to 37.3%)
        assert worked.expected_progress == pytest.approx(0.37345, rel=REL)

    def test_projection_and_date_reached(self, worked: Assessment) -> None:
        """Projection 95.85 at 2027-12-31; target reached on 2029-03-03."""
        # 86 * 1.036822 ** 3 = 95.854
        assert worked.projection == pytest.approx(95.854, rel=REL)
        # ln(100/86) / ln(1.036822) = 4.171 years after 2024-12-31 -> 2029-03-03
        assert worked.reached_on == date(2029, 3, 3)

    def test_flags_and_trend(self, worked: Assessment) -> None:
        """One observation besides the baseline: low-confidence; g_obs 3.7% >= 1.5%: improving."""
        assert worked.low_confidence is True
        # 2024-12-31 is not before 2025-06-30 minus 18 months = 2023-12-30 (decision 8)
        assert worked.stale is False
        # g_obs = 0.036822 >= 0.015 -> improving (METHOD rule 3)
        assert worked.trend is Trend.IMPROVING

    def test_baseline_from_earliest_observation(self) -> None:
        """No registry baseline: the earliest observation serves (METHOD inputs; decision 1)."""
        target = make_target(baseline=None)
        assessment = assess(
            target, [record(Y2024, 86.0, 2, "r2"), record(Y2022, 80.0, 1, "r1")], as_of=WORKED_AS_OF
        )
        assert assessment.baseline == Point(Y2022, 80.0)
        assert assessment.data_points == 2
        # same numbers as the worked example: R = 0.036822 / 0.045640 = 0.8068
        assert assessment.ratio == pytest.approx(0.8068, rel=REL)
        assert assessment.status is StatusCode.AT_RISK

    def test_registry_figures_count(self) -> None:
        """A figure written in the registry is an observation like a ledger record (API brief)."""
        target = make_target(registry_figures=(registry_figure(Y2024, 86.0),))
        assessment = assess(target, [], as_of=WORKED_AS_OF)
        # R = 0.8068 as in the worked example
        assert assessment.ratio == pytest.approx(0.8068, rel=REL)
        assert assessment.status is StatusCode.AT_RISK


# ---------------------------------------------------------------------------
# Statuses, in METHOD's order
# ---------------------------------------------------------------------------


class TestIncrease:
    """An increase target through every status (METHOD "Status, decided in this order")."""

    def test_achieved_before_target_date(self) -> None:
        """v >= T before tT: achieved (rule 2), not final, no date reached (decision 5)."""
        assessment = assess(make_target(), [record(Y2025, 101.0)], as_of=date(2026, 3, 31))
        assert assessment.status is StatusCode.ACHIEVED
        assert assessment.final is False
        # p = (101 - 80) / 20 = 1.05, not clamped (METHOD: "not clamped")
        assert assessment.progress == pytest.approx(1.05, rel=EXACT)
        assert assessment.reached_on is None

    def test_on_track(self) -> None:
        """R >= 0.95: on-track (rule 5)."""
        assessment = assess(make_target(), [record(Y2024, 92.0)], as_of=WORKED_AS_OF)
        # g_obs = (92/80) ** (1/2) - 1 = 1.15 ** 0.5 - 1 = 0.072381
        assert assessment.observed_rate == pytest.approx(0.072381, rel=REL)
        # R = 0.072381 / 0.045640 = 1.5859
        assert assessment.ratio == pytest.approx(1.5859, rel=REL)
        assert assessment.status is StatusCode.ON_TRACK
        # projection = 92 * 1.072381 ** 3 = 113.458
        assert assessment.projection == pytest.approx(113.458, rel=REL)

    def test_off_track(self) -> None:
        """R < 0.60: off-track (rule 7)."""
        assessment = assess(make_target(), [record(Y2024, 82.0)], as_of=WORKED_AS_OF)
        # g_obs = 1.025 ** 0.5 - 1 = 0.012423; R = 0.012423 / 0.045640 = 0.27219
        assert assessment.observed_rate == pytest.approx(0.012423, rel=REL)
        assert assessment.ratio == pytest.approx(0.27219, rel=REL)
        assert assessment.status is StatusCode.OFF_TRACK
        # g_obs = 1.24% a year: >= 0.5% but < 1.5% -> slowly-improving (rule 3)
        assert assessment.trend is Trend.SLOWLY_IMPROVING

    def test_zero_rate_never_reaches(self) -> None:
        """v = v0 after two years: g_obs = 0, R = 0, off-track, no date reached (decision 5)."""
        assessment = assess(make_target(), [record(Y2024, 80.0)], as_of=WORKED_AS_OF)
        # g_obs = (80/80) ** (1/2) - 1 = 0
        assert assessment.observed_rate == pytest.approx(0.0, abs=1e-12)
        assert assessment.ratio == pytest.approx(0.0, abs=1e-12)
        assert assessment.status is StatusCode.OFF_TRACK
        assert assessment.reached_on is None
        # 0 is > -0.5% and < 0.5% -> stagnating (rule 3)
        assert assessment.trend is Trend.STAGNATING

    def test_no_data_with_baseline_only(self) -> None:
        """Nothing after the baseline: no-data (rule 4); derived numbers use v = v0 (decision 5)."""
        assessment = assess(make_target(), [], as_of=date(2024, 6, 30))
        assert assessment.status is StatusCode.NO_DATA
        assert assessment.data_points == 1
        assert assessment.latest == Point(Y2022, 80.0)
        # g_req = 1.25 ** 0.2 - 1 = 0.045640 still known; g_obs needs t > t0
        assert assessment.required_rate == pytest.approx(0.045640, rel=REL)
        assert assessment.observed_rate is None
        assert assessment.ratio is None
        # p = (80 - 80) / 20 = 0
        assert assessment.progress == pytest.approx(0.0, abs=1e-12)
        assert assessment.trend is None
        assert assessment.low_confidence is False

    def test_observations_at_or_before_baseline_ignored(self) -> None:
        """With a registry baseline, records dated <= t0 are not data points (decision 1)."""
        target = make_target()
        only_old = assess(
            target,
            [record(date(2022, 6, 30), 70.0), record(Y2022, 90.0, 2, "r2")],
            as_of=WORKED_AS_OF,
        )
        assert only_old.status is StatusCode.NO_DATA
        assert only_old.baseline == Point(Y2022, 80.0)
        assert only_old.data_points == 1
        with_new = assess(
            target, [record(Y2022, 90.0, 2, "r2"), record(Y2024, 86.0, 3, "r3")], as_of=WORKED_AS_OF
        )
        # baseline stays 80, so R = 0.8068 as in the worked example
        assert with_new.ratio == pytest.approx(0.8068, rel=REL)

    def test_latest_is_the_latest_date_not_the_last_listed(self) -> None:
        """The latest value is the latest-dated one; the rate uses only v0 and v (METHOD)."""
        records = [record(Y2024, 86.0, 2, "r2"), record(Y2023, 83.0, 1, "r1")]
        assessment = assess(make_target(), records, as_of=WORKED_AS_OF)
        assert assessment.latest == Point(Y2024, 86.0)
        assert assessment.data_points == 3
        # g_obs = 1.075 ** 0.5 - 1 = 0.036822, as in the worked example
        assert assessment.observed_rate == pytest.approx(0.036822, rel=REL)
        assert assessment.low_confidence is False

    def test_zero_required_rate_is_off_track(self) -> None:
        """T = v0 and v below it: not beyond the baseline, so no rates, no R, off-track."""
        # Method v2: a target not beyond its baseline has no rates and no R (g_req
        # would be 0); v1 gave g_req = 0 and g_obs. Not met (98 < 100): off-track.
        target = make_target(baseline=Point(Y2020, 100.0), target=Point(Y2025, 100.0))
        assessment = assess(target, [record(Y2022, 98.0)], as_of=date(2023, 3, 31))
        assert assessment.required_rate is None
        assert assessment.observed_rate is None
        assert assessment.ratio is None
        assert assessment.status is StatusCode.OFF_TRACK


class TestPastTargetDate:
    """METHOD rule 1: past tT, judge the latest value dated on or before tT (decision 3)."""

    def test_missed(self) -> None:
        """95 < 100 at tT: missed, final."""
        assessment = assess(make_target(), [record(Y2027, 95.0)], as_of=date(2028, 6, 30))
        assert assessment.status is StatusCode.MISSED
        assert assessment.final is True

    def test_achieved_exactly_on_target(self) -> None:
        """v = T meets an increase target (v >= T): achieved, final."""
        assessment = assess(make_target(), [record(Y2027, 100.0)], as_of=date(2028, 6, 30))
        assert assessment.status is StatusCode.ACHIEVED
        assert assessment.final is True

    def test_value_after_target_date_ignored(self) -> None:
        """105 dated after tT does not rescue the 95 dated on tT: missed."""
        records = [record(Y2027, 95.0, 1, "r1"), record(date(2028, 3, 31), 105.0, 2, "r2")]
        assessment = assess(make_target(), records, as_of=date(2028, 6, 30))
        assert assessment.status is StatusCode.MISSED
        assert assessment.final is True

    def test_baseline_alone_is_no_data(self) -> None:
        """No observation after the baseline: no-data, never missed (method v2, rule 1)."""
        # v1 judged the baseline 80 < 100 as missed; v2: a verdict needs an observation.
        assessment = assess(make_target(), [], as_of=date(2028, 6, 30))
        assert assessment.status is StatusCode.NO_DATA
        assert assessment.final is False

    def test_no_data_when_nothing_by_target_date(self) -> None:
        """No baseline and the only value dated after tT: no-data (rule 1)."""
        assessment = assess(
            make_target(baseline=None), [record(date(2028, 3, 31), 105.0)], as_of=date(2028, 6, 30)
        )
        assert assessment.status is StatusCode.NO_DATA

    def test_decrease_lost_by_target_date(self) -> None:
        """Decrease: 7.5 met T = 8 in 2024, but 8.5 at tT is judged: missed."""
        target = make_target(
            baseline=Point(Y2020, 10.0), target=Point(Y2025, 8.0), direction=Direction.DECREASE
        )
        met_then_lost = [record(Y2024, 7.5, 1, "r1"), record(Y2025, 8.5, 2, "r2")]
        assert assess(target, met_then_lost, as_of=date(2026, 6, 30)).status is StatusCode.MISSED
        # and with only 7.5 <= 8 on record by tT: achieved
        assert (
            assess(target, [record(Y2024, 7.5)], as_of=date(2026, 6, 30)).status
            is StatusCode.ACHIEVED
        )


class TestDecrease:
    """A decrease target: meets when v <= T; rates negative when good."""

    TARGET = make_target(
        baseline=Point(Y2020, 10.0), target=Point(Y2025, 8.0), direction=Direction.DECREASE
    )

    def test_on_track_numbers(self) -> None:
        """10 -> 9 in 2 years against 10 -> 8 in 5: R = 1.1757, on-track."""
        assessment = assess(self.TARGET, [record(Y2022, 9.0)], as_of=date(2023, 3, 31))
        # g_req = 0.8 ** (1/5) - 1 = -0.043648
        assert assessment.required_rate == pytest.approx(-0.043648, rel=REL)
        # g_obs = 0.9 ** (1/2) - 1 = -0.051317
        assert assessment.observed_rate == pytest.approx(-0.051317, rel=REL)
        # R = -0.051317 / -0.043648 = 1.1757
        assert assessment.ratio == pytest.approx(1.1757, rel=REL)
        assert assessment.status is StatusCode.ON_TRACK
        # p = (9 - 10) / (8 - 10) = 0.5; tau = 2/5
        assert assessment.progress == pytest.approx(0.5, rel=EXACT)
        assert assessment.time_elapsed == pytest.approx(0.4, rel=EXACT)
        # projection = 9 * 0.948683 ** 3 = 7.6843
        assert assessment.projection == pytest.approx(7.6843, rel=REL)
        # ln(8/9) / ln(0.948683) = 2.2358 years after 2022-12-31 -> 2025.2358; 0.2358 * 365 = 86.07
        # -> day 86 of 2025 = 59 + 27 = March 27
        assert assessment.reached_on == date(2025, 3, 27)
        # good direction: -g_obs = 0.051317 >= 0.015 -> improving (decision 7)
        assert assessment.trend is Trend.IMPROVING

    def test_achieved(self) -> None:
        """7.9 <= 8: achieved before tT."""
        assessment = assess(self.TARGET, [record(Y2022, 7.9)], as_of=date(2023, 3, 31))
        assert assessment.status is StatusCode.ACHIEVED

    def test_moving_away(self) -> None:
        """10 -> 10.5: R < 0, off-track, worsening, never reached."""
        assessment = assess(self.TARGET, [record(Y2022, 10.5)], as_of=date(2023, 3, 31))
        # g_obs = 1.05 ** 0.5 - 1 = 0.024695; R = 0.024695 / -0.043648 = -0.56578
        assert assessment.ratio == pytest.approx(-0.56578, rel=REL)
        assert assessment.status is StatusCode.OFF_TRACK
        # good direction: -0.024695 <= -0.005 -> worsening
        assert assessment.trend is Trend.WORSENING
        assert assessment.reached_on is None


class TestBounds:
    """at-least / at-most: met now and projected to hold (METHOD rule 2; decision 4)."""

    @staticmethod
    def floor(v0: float, floor: float) -> Target:
        """An at-least target: stay at or above `floor` up to 2025-12-31."""
        return make_target(
            baseline=Point(Y2020, v0), target=Point(Y2025, floor), direction=Direction.AT_LEAST
        )

    @staticmethod
    def ceiling(v0: float, ceiling: float, dated: bool = True) -> Target:
        """An at-most target: stay at or below `ceiling` (up to 2025-12-31 when dated)."""
        return make_target(
            baseline=Point(Y2020, v0),
            target=Point(Y2025 if dated else None, ceiling),
            direction=Direction.AT_MOST,
        )

    def test_floor_held(self) -> None:
        """72 -> 73, projected 74.53 >= 71 at tT: on-track (holds), never achieved early."""
        # g_obs = (73/72) ** 0.5 - 1 = 0.0069205; projection = 73 * 1.0069205 ** 3 = 74.526
        # v2: a floor is kept through the period, so on-track, not (v1) achieved.
        assessment = assess(self.floor(72.0, 71.0), [record(Y2022, 73.0)], as_of=date(2023, 3, 31))
        assert assessment.projection == pytest.approx(74.526, rel=REL)
        # margin = 73 - 71 = 2
        assert assessment.margin == pytest.approx(2.0, rel=EXACT)
        assert assessment.required_rate is None
        assert assessment.ratio is None
        assert assessment.status is StatusCode.ON_TRACK

    def test_floor_projected_to_be_crossed(self) -> None:
        """75 -> 72: met now, projected 67.72 < 71 at tT: at-risk, though R = 1.85."""
        assessment = assess(self.floor(75.0, 71.0), [record(Y2022, 72.0)], as_of=date(2023, 3, 31))
        # g_obs = 0.96 ** 0.5 - 1 = -0.020204; projection = 72 * 0.979796 ** 3 = 67.723
        assert assessment.observed_rate == pytest.approx(-0.020204, rel=REL)
        assert assessment.projection == pytest.approx(67.723, rel=REL)
        assert assessment.status is StatusCode.AT_RISK

    def test_floor_not_met(self) -> None:
        """68 -> 70.5 below the floor 71: off-track (breached), margin -0.5, no R."""
        # v2: a floor has no required rate and no R (v1 showed R = 2.10 here).
        assessment = assess(self.floor(68.0, 71.0), [record(Y2022, 70.5)], as_of=date(2023, 3, 31))
        assert assessment.ratio is None
        # margin = 70.5 - 71 = -0.5
        assert assessment.margin == pytest.approx(-0.5, rel=EXACT)
        assert assessment.status is StatusCode.OFF_TRACK

    def test_floor_with_baseline_alone_is_no_data(self) -> None:
        """The registry's baseline alone (72 >= 71) is no verdict: no-data (v2; v1: achieved)."""
        assessment = assess(self.floor(72.0, 71.0), [], as_of=date(2023, 3, 31))
        assert assessment.data_points == 1
        assert assessment.status is StatusCode.NO_DATA

    def test_floor_with_one_figure_and_no_baseline(self) -> None:
        """No baseline, one figure 72 >= 71: the margin alone decides: on-track (rule 3)."""
        target = make_target(baseline=None, target=Point(Y2025, 71.0), direction=Direction.AT_LEAST)
        assessment = assess(target, [record(Y2022, 72.0)], as_of=date(2023, 3, 31))
        # margin = 72 - 71 = 1; no second point, so no rate and no projection
        assert assessment.margin == pytest.approx(1.0, rel=EXACT)
        assert assessment.projection is None
        assert assessment.status is StatusCode.ON_TRACK
        broken = assess(target, [record(Y2022, 70.0)], as_of=date(2023, 3, 31))
        assert broken.status is StatusCode.OFF_TRACK

    def test_ceiling_projected_to_be_crossed(self) -> None:
        """50 -> 52 under the ceiling 55, projected 55.15 > 55: at-risk."""
        assessment = assess(
            self.ceiling(50.0, 55.0), [record(Y2022, 52.0)], as_of=date(2023, 3, 31)
        )
        # g_obs = 1.04 ** 0.5 - 1 = 0.019804; projection = 52 * 1.04 ** 1.5 = 55.151
        assert assessment.projection == pytest.approx(55.151, rel=REL)
        assert assessment.status is StatusCode.AT_RISK

    def test_ceiling_held(self) -> None:
        """50 -> 48, projected 45.15 <= 55: on-track (holds; v1 said achieved)."""
        assessment = assess(
            self.ceiling(50.0, 55.0), [record(Y2022, 48.0)], as_of=date(2023, 3, 31)
        )
        # g_obs = 0.96 ** 0.5 - 1; projection = 48 * 0.96 ** 1.5 = 45.149
        assert assessment.projection == pytest.approx(45.149, rel=REL)
        # margin = 55 - 48 = 7
        assert assessment.margin == pytest.approx(7.0, rel=EXACT)
        assert assessment.status is StatusCode.ON_TRACK

    def test_ceiling_exceeded(self) -> None:
        """56 > 55: a bound not met is off-track (METHOD rule 2)."""
        assessment = assess(
            self.ceiling(50.0, 55.0), [record(Y2022, 56.0)], as_of=date(2023, 3, 31)
        )
        assert assessment.status is StatusCode.OFF_TRACK

    def test_undated_ceiling_projects_five_years(self) -> None:
        """No tT: project 5 years past the latest date (METHOD rule 2; decision 4)."""
        # 52 at 2022-12-31 -> 2027-12-31: 52 * 1.04 ** 2.5 = 57.357 > 55 -> at-risk
        risky = assess(
            self.ceiling(50.0, 55.0, dated=False), [record(Y2022, 52.0)], as_of=date(2023, 3, 31)
        )
        assert risky.status is StatusCode.AT_RISK
        # 51 at 2022-12-31: g = 1.02 ** 0.5 - 1; 51 * 1.02 ** 2.5 = 53.588 <= 55 -> on-track
        # (v2: holds; v1 said achieved)
        safe = assess(
            self.ceiling(50.0, 55.0, dated=False), [record(Y2022, 51.0)], as_of=date(2023, 3, 31)
        )
        assert safe.status is StatusCode.ON_TRACK
        assert safe.projection_date == date(2027, 12, 31)


class TestLinear:
    """Linear trajectory: constant yearly increments (METHOD "Derived numbers")."""

    def test_worked_linear(self) -> None:
        """40 -> 46 in 2 years against 40 -> 60 in 5: a_req 4, a_obs 3, R 0.75, at-risk."""
        target = make_target(
            baseline=Point(Y2020, 40.0), target=Point(Y2025, 60.0), trajectory=Trajectory.LINEAR
        )
        assessment = assess(target, [record(Y2022, 46.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        # a_req = (60 - 40) / 5 = 4 a year; a_obs = (46 - 40) / 2 = 3 a year; R = 3/4
        assert assessment.required_rate == pytest.approx(4.0, rel=EXACT)
        assert assessment.observed_rate == pytest.approx(3.0, rel=EXACT)
        assert assessment.ratio == pytest.approx(0.75, rel=EXACT)
        assert assessment.status is StatusCode.AT_RISK
        # p = 6/20 = 0.3; tau = 2/5; expected = 40 + 0.4 * 20 = 48, its progress 8/20 = 0.4
        assert assessment.progress == pytest.approx(0.3, rel=EXACT)
        assert assessment.time_elapsed == pytest.approx(0.4, rel=EXACT)
        assert assessment.expected_value == pytest.approx(48.0, rel=EXACT)
        assert assessment.expected_progress == pytest.approx(0.4, rel=EXACT)
        # projection = 46 + 3 * 3 = 55
        assert assessment.projection == pytest.approx(55.0, rel=EXACT)
        # (60 - 46) / 3 = 4.6667 years after 2022-12-31 -> 2027.6667; 0.6667 * 365 = 243.3
        # -> day 243 of 2027 = August 31
        assert assessment.reached_on == date(2027, 8, 31)
        # a_obs / |v0| = 3/40 = 0.075 >= 0.015 -> improving (decision 7)
        assert assessment.trend is Trend.IMPROVING

    def test_default_linear_when_baseline_zero(self) -> None:
        """v0 = 0: no trajectory given -> linear (METHOD default); 0 -> 3 against 0 -> 10."""
        target = make_target(baseline=Point(Y2020, 0.0), target=Point(Y2025, 10.0))
        assessment = assess(target, [record(Y2022, 3.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        # a_req = 10/5 = 2; a_obs = 3/2 = 1.5; R = 0.75
        assert assessment.ratio == pytest.approx(0.75, rel=EXACT)
        assert assessment.status is StatusCode.AT_RISK
        # v0 = 0 on a linear basis: a_obs > 0 -> improving (decision 7)
        assert assessment.trend is Trend.IMPROVING
        # (10 - 3) / 1.5 = 4.6667 years after 2022-12-31 -> 2027-08-31
        assert assessment.reached_on == date(2027, 8, 31)

    def test_default_linear_when_baseline_negative(self) -> None:
        """v0 = -5 -> linear: a_req = 10/5 = 2, a_obs = 4/2 = 2, R = 1: on-track."""
        target = make_target(baseline=Point(Y2020, -5.0), target=Point(Y2025, 5.0))
        assessment = assess(target, [record(Y2022, -1.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        assert assessment.ratio == pytest.approx(1.0, rel=EXACT)
        assert assessment.status is StatusCode.ON_TRACK
        # a_obs / |v0| = 2/5 = 0.4 -> improving
        assert assessment.trend is Trend.IMPROVING

    def test_compound_requested_but_baseline_zero(self) -> None:
        """A compound rate needs v0 > 0: compound asked with v0 = 0 goes linear (decision 2)."""
        target = make_target(
            baseline=Point(Y2020, 0.0), target=Point(Y2025, 10.0), trajectory=Trajectory.COMPOUND
        )
        assessment = assess(target, [record(Y2022, 3.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        # a_req = 2, a_obs = 1.5
        assert assessment.required_rate == pytest.approx(2.0, rel=EXACT)
        assert assessment.observed_rate == pytest.approx(1.5, rel=EXACT)

    def test_latest_value_zero_goes_linear(self) -> None:
        """v0 = 10 > 0 but v = 0: compound needs v > 0, so linear (decision 2)."""
        target = make_target(baseline=Point(Y2020, 10.0), target=Point(Y2025, 20.0))
        assessment = assess(target, [record(Y2022, 0.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        # a_req = 10/5 = 2; a_obs = (0 - 10)/2 = -5; R = -2.5
        assert assessment.ratio == pytest.approx(-2.5, rel=EXACT)
        assert assessment.status is StatusCode.OFF_TRACK
        # projection = 0 + -5 * 3 = -15; moving away: no date reached
        assert assessment.projection == pytest.approx(-15.0, rel=EXACT)
        assert assessment.reached_on is None
        # a_obs / |v0| = -5/10 = -0.5 -> worsening
        assert assessment.trend is Trend.WORSENING

    def test_target_zero_goes_linear(self) -> None:
        """T = 0 (eliminate): linear; 10 -> 6 in 2 years against 10 -> 0 in 5: R = 1."""
        target = make_target(
            baseline=Point(Y2020, 10.0), target=Point(Y2025, 0.0), direction=Direction.DECREASE
        )
        assessment = assess(target, [record(Y2022, 6.0)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        # a_req = (0 - 10)/5 = -2; a_obs = (6 - 10)/2 = -2; R = 1
        assert assessment.ratio == pytest.approx(1.0, rel=EXACT)
        assert assessment.status is StatusCode.ON_TRACK
        # projection = 6 - 2 * 3 = 0; reached (0 - 6)/(-2) = 3 years after 2022-12-31 = 2025-12-31
        assert assessment.projection == pytest.approx(0.0, abs=1e-9)
        assert assessment.reached_on == Y2025
        # good direction: +2 / |10| = 0.2 -> improving
        assert assessment.trend is Trend.IMPROVING


class TestThresholds:
    """R thresholds 0.95 and 0.60 at their edges (METHOD rules 5-7), on exact linear numbers."""

    # v0 = 100 at 2020-12-31, T = 200 at 2025-12-31, linear: a_req = 100/5 = 20 a year.
    TARGET = make_target(
        baseline=Point(Y2020, 100.0), target=Point(Y2025, 200.0), trajectory=Trajectory.LINEAR
    )

    @pytest.mark.parametrize(
        ("value", "ratio", "status"),
        [
            # a_obs = (138 - 100)/2 = 19; R = 19/20 = 0.95 -> on-track (R >= 0.95)
            (138.0, 0.95, StatusCode.ON_TRACK),
            # a_obs = 37.98/2 = 18.99; R = 0.9495 -> at-risk
            (137.98, 0.9495, StatusCode.AT_RISK),
            # a_obs = 24/2 = 12; R = 12/20 = 0.60 -> at-risk (0.60 <= R)
            (124.0, 0.60, StatusCode.AT_RISK),
            # a_obs = 23.98/2 = 11.99; R = 0.5995 -> off-track
            (123.98, 0.5995, StatusCode.OFF_TRACK),
        ],
    )
    def test_edges(self, value: float, ratio: float, status: StatusCode) -> None:
        """R at and just below each threshold."""
        assessment = assess(self.TARGET, [record(Y2022, value)], as_of=date(2023, 3, 31))
        assert assessment.ratio == pytest.approx(ratio, rel=1e-9)
        assert assessment.status is status


class TestNoTarget:
    """METHOD rule 3: no target value or date -> no-target, with the trend."""

    def test_value_without_date_gives_date_reached(self) -> None:
        """T = 100 with no date: no-target; at g_obs the target is reached on 2029-03-03."""
        target = make_target(target=Point(None, 100.0))
        assessment = assess(target, [record(Y2024, 86.0)], as_of=WORKED_AS_OF)
        assert assessment.status is StatusCode.NO_TARGET
        # g_obs = 1.075 ** 0.5 - 1 = 0.036822; ln(100/86)/ln(1.036822) = 4.171 years -> 2029-03-03
        assert assessment.observed_rate == pytest.approx(0.036822, rel=REL)
        assert assessment.reached_on == date(2029, 3, 3)
        assert assessment.trend is Trend.IMPROVING
        # required rate and ratio need tT (decision 5); progress does not:
        # METHOD defines p = (v - v0) / (T - v0) = (86 - 80) / (100 - 80) = 0.30
        assert assessment.required_rate is None
        assert assessment.ratio is None
        assert assessment.progress == pytest.approx(0.30, rel=1e-9)

    def test_no_target_value(self) -> None:
        """No target at all: no-target, no date reached, trend from g_obs."""
        assessment = assess(make_target(target=None), [record(Y2024, 86.0)], as_of=WORKED_AS_OF)
        assert assessment.status is StatusCode.NO_TARGET
        assert assessment.reached_on is None
        assert assessment.trend is Trend.IMPROVING

    def test_date_without_value(self) -> None:
        """A date but no value is no target either (METHOD rule 3)."""
        assessment = assess(
            make_target(target=Point(Y2027, None)), [record(Y2024, 86.0)], as_of=WORKED_AS_OF
        )
        assert assessment.status is StatusCode.NO_TARGET

    def test_no_target_before_no_data(self) -> None:
        """Rule 3 comes before rule 4: baseline only and no target is no-target, no trend."""
        assessment = assess(make_target(target=None), [], as_of=WORKED_AS_OF)
        assert assessment.status is StatusCode.NO_TARGET
        assert assessment.trend is None

    def test_achieved_before_no_target(self) -> None:
        """Rule 2 comes before rule 3: 101 >= 100 with no date is achieved."""
        assessment = assess(
            make_target(target=Point(None, 100.0)), [record(Y2024, 101.0)], as_of=WORKED_AS_OF
        )
        assert assessment.status is StatusCode.ACHIEVED


class TestTrend:
    """Trend categories by METHOD rule 3's thresholds (decision 7)."""

    @pytest.mark.parametrize(
        ("value", "direction", "trend"),
        [
            # 100 -> v in exactly one year (2022-12-31 -> 2023-12-31): g_obs = v/100 - 1
            (103.0, Direction.INCREASE, Trend.IMPROVING),  # 0.03 >= 0.015
            (101.0, Direction.INCREASE, Trend.SLOWLY_IMPROVING),  # 0.01 in [0.005, 0.015)
            (100.2, Direction.INCREASE, Trend.STAGNATING),  # 0.002 in (-0.005, 0.005)
            (99.0, Direction.INCREASE, Trend.WORSENING),  # -0.01 <= -0.005
            (99.0, Direction.DECREASE, Trend.SLOWLY_IMPROVING),  # -(-0.01) = 0.01
            (103.0, Direction.DECREASE, Trend.WORSENING),  # -(0.03) = -0.03
        ],
    )
    def test_compound(self, value: float, direction: Direction, trend: Trend) -> None:
        """Compound basis: g_obs in the good direction."""
        target = make_target(target=None, direction=direction, baseline=Point(Y2022, 100.0))
        assessment = assess(target, [record(Y2023, value)], as_of=date(2024, 3, 31))
        assert assessment.rate_basis is Trajectory.COMPOUND
        assert assessment.observed_rate == pytest.approx(value / 100 - 1, rel=1e-9)
        assert assessment.trend is trend

    @pytest.mark.parametrize(
        ("value", "trend"),
        [
            # 100 -> v in exactly two years: a_obs / |v0| = (v - 100) / 2 / 100
            (103.0, Trend.IMPROVING),  # 0.015: at the edge, >= 0.015
            (102.98, Trend.SLOWLY_IMPROVING),  # 0.0149
            (101.0, Trend.SLOWLY_IMPROVING),  # 0.005: at the edge, >= 0.005
            (100.98, Trend.STAGNATING),  # 0.0049
            (99.02, Trend.STAGNATING),  # -0.0049 > -0.005
            (99.0, Trend.WORSENING),  # -0.005 is not > -0.005
        ],
    )
    def test_linear_edges(self, value: float, trend: Trend) -> None:
        """Linear basis: yearly increment as a share of |v0|, at each threshold."""
        target = make_target(
            target=None, baseline=Point(Y2020, 100.0), trajectory=Trajectory.LINEAR
        )
        assessment = assess(target, [record(Y2022, value)], as_of=date(2023, 3, 31))
        assert assessment.trend is trend

    @pytest.mark.parametrize(
        ("value", "trend"),
        [(1.0, Trend.IMPROVING), (0.0, Trend.STAGNATING), (-1.0, Trend.WORSENING)],
    )
    def test_linear_zero_baseline(self, value: float, trend: Trend) -> None:
        """v0 = 0 on a linear basis: the sign of a_obs decides (decision 7)."""
        target = make_target(target=None, baseline=Point(Y2020, 0.0))
        assessment = assess(target, [record(Y2022, value)], as_of=date(2023, 3, 31))
        assert assessment.rate_basis is Trajectory.LINEAR
        assert assessment.trend is trend


class TestRevisions:
    """For one period the most recently recorded value wins (METHOD inputs)."""

    def test_higher_sequence_wins_whatever_the_order(self) -> None:
        """82 revised to 86 on the same date: the worked example's R = 0.8068, at-risk."""
        records = [record(Y2024, 86.0, 2, "r2"), record(Y2024, 82.0, 1, "r1")]
        assessment = assess(make_target(), records, as_of=WORKED_AS_OF)
        assert assessment.latest == Point(Y2024, 86.0)
        assert assessment.ratio == pytest.approx(0.8068, rel=REL)
        assert assessment.status is StatusCode.AT_RISK
        # the revised record is not a data point of its own
        assert assessment.data_points == 2
        assert [o.value for o in assessment.observations] == [86.0]

    def test_ledger_revises_registry_figure(self) -> None:
        """A registry figure (sequence 0) of 82 revised by a ledger record of 86."""
        target = make_target(registry_figures=(registry_figure(Y2024, 82.0),))
        assessment = assess(target, [record(Y2024, 86.0)], as_of=WORKED_AS_OF)
        assert assessment.latest == Point(Y2024, 86.0)
        # R = 0.8068, not 0.2722 (the 82's)
        assert assessment.ratio == pytest.approx(0.8068, rel=REL)


class TestAsOf:
    """as_of limits everything to observations dated on or before it (METHOD)."""

    RECORDS = (record(Y2024, 86.0, 1, "r1"), record(Y2025, 101.0, 2, "r2"))

    def test_later_observation_ignored(self) -> None:
        """On 2025-06-30 the 101 of 2025-12-31 is not yet there: the worked example, at-risk."""
        assessment = assess(make_target(), self.RECORDS, as_of=WORKED_AS_OF)
        assert assessment.latest == Point(Y2024, 86.0)
        assert assessment.ratio == pytest.approx(0.8068, rel=REL)
        assert assessment.status is StatusCode.AT_RISK
        assert assessment.data_points == 2

    def test_observation_on_as_of_counts(self) -> None:
        """On 2025-12-31 itself the 101 counts: achieved."""
        assessment = assess(make_target(), self.RECORDS, as_of=Y2025)
        assert assessment.latest == Point(Y2025, 101.0)
        assert assessment.status is StatusCode.ACHIEVED

    def test_status_as_it_stood(self) -> None:
        """On 2023-06-30 nothing after the baseline was dated yet: no-data."""
        assessment = assess(make_target(), self.RECORDS, as_of=date(2023, 6, 30))
        assert assessment.status is StatusCode.NO_DATA
        assert assessment.data_points == 1

    def test_earliest_observation_baseline_respects_as_of(self) -> None:
        """No registry baseline: only observations up to as_of can serve as baseline or latest."""
        records = [record(Y2022, 80.0, 1, "r1"), record(Y2024, 86.0, 2, "r2")]
        assessment = assess(make_target(baseline=None), records, as_of=date(2023, 6, 30))
        assert assessment.baseline == Point(Y2022, 80.0)
        assert assessment.data_points == 1
        assert assessment.status is StatusCode.NO_DATA


class TestStale:
    """stale: latest period ended before as_of minus 18/6/3 months (METHOD flags; decision 8)."""

    @pytest.mark.parametrize(
        ("frequency", "fresh_until", "stale_from"),
        [
            # latest 2024-03-15: + 18 months = 2025-09-15
            (Frequency.ANNUAL, date(2025, 9, 15), date(2025, 9, 16)),
            # + 6 months = 2024-09-15
            (Frequency.QUARTERLY, date(2024, 9, 15), date(2024, 9, 16)),
            # + 3 months = 2024-06-15
            (Frequency.MONTHLY, date(2024, 6, 15), date(2024, 6, 16)),
        ],
    )
    def test_boundary(self, frequency: Frequency, fresh_until: date, stale_from: date) -> None:
        """Exactly the allowed months old is not stale; one day more is."""
        target = make_target(frequency=frequency)
        records = [record(date(2024, 3, 15), 86.0)]
        # as_of - N months == latest date: not strictly before -> not stale
        assert assess(target, records, as_of=fresh_until).stale is False
        # as_of - N months == 2024-03-16 > 2024-03-15 -> stale
        assert assess(target, records, as_of=stale_from).stale is True

    def test_stale_qualifies_not_replaces(self) -> None:
        """Stale qualifies: the worked example seen on 2026-12-31 is still at-risk."""
        # 2026-12-31 minus 18 months = 2025-06-30 > 2024-12-31 -> stale
        assessment = assess(make_target(), [record(Y2024, 86.0)], as_of=date(2026, 12, 31))
        assert assessment.stale is True
        assert assessment.status is StatusCode.AT_RISK


class TestLowConfidence:
    """low-confidence: exactly one observation besides the baseline (METHOD flags; decision 9)."""

    def test_counts(self) -> None:
        """0 observations: no; 1: yes; 2: no."""
        target = make_target()
        assert assess(target, [], as_of=WORKED_AS_OF).low_confidence is False
        assert assess(target, [record(Y2024, 86.0)], as_of=WORKED_AS_OF).low_confidence is True
        two = [record(Y2023, 83.0, 1, "r1"), record(Y2024, 86.0, 2, "r2")]
        assert assess(target, two, as_of=WORKED_AS_OF).low_confidence is False

    def test_with_baseline_from_observations(self) -> None:
        """No registry baseline: earliest observation is the baseline; one more: low-confidence."""
        records = [record(Y2022, 80.0, 1, "r1"), record(Y2024, 86.0, 2, "r2")]
        assessment = assess(make_target(baseline=None), records, as_of=WORKED_AS_OF)
        assert assessment.low_confidence is True


class TestYesNo:
    """Yes/no targets (METHOD "A yes/no target"; decision 10)."""

    DATED = make_target(kind=Kind.YES_NO, baseline=None, target=Point(Y2025, True))
    UNDATED = make_target(kind=Kind.YES_NO, baseline=None, target=Point(None, True))

    def test_achieved_once_done(self) -> None:
        """Recorded done before the date: achieved."""
        assessment = assess(self.DATED, [record(date(2024, 6, 30), True)], as_of=date(2025, 1, 31))
        assert assessment.status is StatusCode.ACHIEVED

    def test_done_stays_achieved(self) -> None:
        """Done, then a later 'not done' record: still achieved ("achieved once recorded done")."""
        records = [
            record(date(2024, 6, 30), True, 1, "r1"),
            record(date(2024, 9, 30), False, 2, "r2"),
        ]
        assessment = assess(self.DATED, records, as_of=date(2025, 1, 31))
        assert assessment.status is StatusCode.ACHIEVED

    def test_not_done_before_date_is_on_track(self) -> None:
        """A 'not done' record before the date: on-track; yes/no targets are never stale."""
        assessment = assess(self.DATED, [record(date(2020, 3, 31), False)], as_of=date(2025, 6, 30))
        assert assessment.status is StatusCode.ON_TRACK
        assert assessment.stale is False

    def test_no_record_before_date_is_no_data(self) -> None:
        """No record before the date: no-data."""
        assert assess(self.DATED, [], as_of=date(2025, 6, 30)).status is StatusCode.NO_DATA

    def test_no_record_past_date_is_no_data(self) -> None:
        """No record past the date: no-data, not missed (decision 10 deviates from METHOD)."""
        assert assess(self.DATED, [], as_of=date(2026, 6, 30)).status is StatusCode.NO_DATA

    def test_not_done_past_date_is_missed(self) -> None:
        """A 'not done' record and the date passed: missed."""
        assessment = assess(self.DATED, [record(date(2024, 6, 30), False)], as_of=date(2026, 6, 30))
        assert assessment.status is StatusCode.MISSED

    def test_done_after_date_is_missed(self) -> None:
        """Done on 2026-03-31, after the 2025-12-31 date: missed (decision 10)."""
        assessment = assess(self.DATED, [record(date(2026, 3, 31), True)], as_of=date(2026, 6, 30))
        assert assessment.status is StatusCode.MISSED

    def test_done_later_than_as_of_not_seen(self) -> None:
        """As it stood on 2025-01-31, the 'done' of 2025-03-31 was not there: on-track."""
        records = [
            record(date(2024, 6, 30), False, 1, "r1"),
            record(date(2025, 3, 31), True, 2, "r2"),
        ]
        assert assess(self.DATED, records, as_of=date(2025, 1, 31)).status is StatusCode.ON_TRACK
        assert assess(self.DATED, records, as_of=date(2025, 6, 30)).status is StatusCode.ACHIEVED

    def test_revised_to_not_done(self) -> None:
        """'Done' revised to 'not done' for the same date: on-track, not achieved."""
        records = [
            record(date(2024, 6, 30), True, 1, "r1"),
            record(date(2024, 6, 30), False, 2, "r2"),
        ]
        assert assess(self.DATED, records, as_of=date(2025, 1, 31)).status is StatusCode.ON_TRACK

    def test_undated(self) -> None:
        """No date: no-target until done, then achieved."""
        not_done = assess(self.UNDATED, [record(date(2024, 6, 30), False)], as_of=date(2025, 1, 31))
        assert not_done.status is StatusCode.NO_TARGET
        done = assess(self.UNDATED, [record(date(2024, 6, 30), True)], as_of=date(2025, 1, 31))
        assert done.status is StatusCode.ACHIEVED

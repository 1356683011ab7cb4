"""The status method of docs/method.md: pure functions, no I/O, no clock."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from zqplan.model import (
    Assessment,
    Direction,
    Frequency,
    Goal,
    Kind,
    Observation,
    Plan,
    Point,
    Revision,
    StatusCode,
    Target,
    Trajectory,
    Trend,
)

STALE_MONTHS = {Frequency.ANNUAL: 18, Frequency.QUARTERLY: 6, Frequency.MONTHLY: 3}
"""How old the latest period may be before the value is `stale` (METHOD: Flags)."""

BOUND_HORIZON_YEARS = 5.0
"""How far a floor or ceiling with no target date must be projected to hold (METHOD rule 2)."""

ON_TRACK_RATIO = 0.95
AT_RISK_RATIO = 0.60
FASTER_THAN_EXPECTED_RATIO = 1.2
TREND_IMPROVING = 0.015
TREND_SLOWLY_IMPROVING = 0.005
TREND_STAGNATING = -0.005


def _day_of_year(day: dt.date) -> int:
    return day.timetuple().tm_yday


def _year_length(year: int) -> int:
    return 366 if dt.date(year, 12, 31).timetuple().tm_yday == 366 else 365


def years(a: dt.date, b: dt.date) -> float:
    """Calendar years from a to b: year-end to year-end is a whole number."""
    return (
        (b.year - a.year)
        + _day_of_year(b) / _year_length(b.year)
        - _day_of_year(a) / _year_length(a.year)
    )


def add_years(a: dt.date, span: float) -> dt.date | None:
    """The date `span` years after a, inverting `years`; None when out of the calendar."""
    position = _day_of_year(a) / _year_length(a.year) + span
    if not math.isfinite(position) or abs(position) > 9000:
        return None
    offset = math.ceil(position) - 1
    year = a.year + offset
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    length = _year_length(year)
    day = min(max(round((position - offset) * length), 1), length)
    return dt.date(year, 1, 1) + dt.timedelta(days=day - 1)


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def effective_observations(
    target: Target, ledger: Iterable[Observation], *, as_of: dt.date
) -> tuple[Observation, ...]:
    """Observations on or before as_of, one per period: the newest recorded wins."""
    by_period: dict[dt.date, Observation] = {}
    for observation in (*target.observations, *ledger):
        if observation.date > as_of:
            continue
        current = by_period.get(observation.date)
        if current is None or observation.sequence >= current.sequence:
            by_period[observation.date] = observation
    return tuple(sorted(by_period.values(), key=lambda o: o.date))


def meets(direction: Direction, value: float, target: float) -> bool:
    """Whether a value meets the target: v >= T upwards, v <= T downwards."""
    if direction in (Direction.INCREASE, Direction.AT_LEAST):
        return value >= target
    return value <= target


def _good_sign(direction: Direction) -> float:
    return 1.0 if direction in (Direction.INCREASE, Direction.AT_LEAST) else -1.0


def _basis(target: Target, v0: float, v: float, goal: float | None) -> Trajectory:
    """Compound only where it is defined (v0, v, T > 0) and not ruled out by the registry."""
    if target.trajectory is Trajectory.LINEAR:
        return Trajectory.LINEAR
    if v0 > 0 and v > 0 and (goal is None or goal > 0):
        return Trajectory.COMPOUND
    return Trajectory.LINEAR


def _power(base: float, exponent: float) -> float:
    """base ** exponent for base > 0, infinity where it overflows (shown as null)."""
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf


def _observed_rate(basis: Trajectory, v0: float, v: float, span: float) -> float | None:
    if span <= 0:
        return None
    if basis is Trajectory.COMPOUND:
        return _power(v / v0, 1 / span) - 1
    return (v - v0) / span


def _value_after(basis: Trajectory, v: float, rate: float, span: float) -> float:
    """The value `span` years after v at the given rate."""
    if basis is Trajectory.COMPOUND:
        return v * _power(1 + rate, span)
    return v + rate * span


def _years_to_reach(basis: Trajectory, v: float, rate: float, goal: float) -> float | None:
    """Years from v until the rate carries it to goal; None when it never does."""
    if basis is Trajectory.COMPOUND:
        if rate <= -1 or rate == 0 or goal <= 0:
            return None
        span = math.log(goal / v) / math.log1p(rate)
    else:
        if rate == 0:
            return None
        span = (goal - v) / rate
    return span if span > 0 and math.isfinite(span) else None


def classify_trend(direction: Direction, basis: Trajectory, rate: float, v0: float) -> Trend:
    """The trend of METHOD rule 3, from the observed rate in the good direction."""
    good = rate * _good_sign(direction)
    if basis is Trajectory.LINEAR:
        if v0 == 0:
            if good > 0:
                return Trend.IMPROVING
            return Trend.STAGNATING if good == 0 else Trend.WORSENING
        good /= abs(v0)
    if good >= TREND_IMPROVING:
        return Trend.IMPROVING
    if good >= TREND_SLOWLY_IMPROVING:
        return Trend.SLOWLY_IMPROVING
    if good > TREND_STAGNATING:
        return Trend.STAGNATING
    return Trend.WORSENING


def _as_number(value: object) -> float:
    assert isinstance(value, (int, float))
    assert not isinstance(value, bool)
    return float(value)


def assess(target: Target, observations: Sequence[Observation], *, as_of: dt.date) -> Assessment:
    """Judge one target on as_of from its registry figures and ledger observations.

    A target revised on or before as_of is judged against the revision in force;
    the assessment then also says how it stands against the target as planned.
    """
    effective = effective_observations(target, observations, as_of=as_of)
    goal, revision = goal_in_force(target, as_of=as_of)
    current = _judge(target, goal, effective, as_of=as_of)
    if revision is None:
        return current
    planned = _judge(target, target.target, effective, as_of=as_of)
    return replace(
        current, revision=revision, planned_goal=planned.goal, planned_status=planned.status
    )


def goal_in_force(target: Target, *, as_of: dt.date) -> tuple[Goal | None, Revision | None]:
    """The target as the latest revision decided on or before as_of sets it."""
    in_force = [r for r in target.revisions if r.decided <= as_of]
    if not in_force:
        return target.target, None
    latest = max(in_force, key=lambda r: r.decided)
    return latest.goal, latest


def goal_level(goal: Goal | None, baseline: Point | None) -> Point | None:
    """The goal as a level and date; a growth or change goal implies it from the baseline."""
    if goal is None:
        return None
    if goal.annual_growth is None and goal.change is None:
        return Point(goal.date, goal.value)
    if baseline is None or baseline.date is None or not isinstance(baseline.value, float):
        return Point(goal.date, None)
    if goal.change is not None:
        return Point(goal.date, baseline.value * (1 + goal.change))
    if goal.date is None or goal.annual_growth is None:
        return Point(goal.date, None)
    span = years(baseline.date, goal.date)
    return Point(goal.date, baseline.value * _power(1 + goal.annual_growth, span))


def _judge(
    target: Target, goal: Goal | None, effective: tuple[Observation, ...], *, as_of: dt.date
) -> Assessment:
    if target.kind is Kind.YES_NO:
        return _assess_yes_no(target, goal, effective, as_of=as_of)
    return _assess_numeric(target, goal, effective, as_of=as_of)


def _assess_yes_no(
    target: Target, goal: Goal | None, effective: tuple[Observation, ...], *, as_of: dt.date
) -> Assessment:
    due = None if goal is None else goal.date
    past_due = due is not None and as_of > due
    # Past the date, only records dated on or before it count (as METHOD rule 1 does).
    counted = [o for o in effective if not past_due or (due is not None and o.date <= due)]
    shown = counted[-1] if counted else (effective[-1] if effective else None)
    base = Assessment(
        target,
        as_of,
        StatusCode.NO_DATA,
        goal=None if due is None else Point(due, True),
        latest=None if shown is None else Point(shown.date, shown.value),
        data_points=len(effective),
        observations=effective,
    )
    # "Achieved once recorded done" (METHOD): a later not-done does not undo it.
    if any(o.value is True for o in counted):
        return replace(base, status=StatusCode.ACHIEVED, final=past_due)
    if past_due:
        # A verdict needs a record: with none at all, say no-data, not missed.
        if effective:
            return replace(base, status=StatusCode.MISSED, final=True)
        return base
    if due is None:
        return replace(base, status=StatusCode.NO_TARGET)
    if not effective:
        return base
    return replace(base, status=StatusCode.ON_TRACK)


def _assess_numeric(
    target: Target, stated: Goal | None, effective: tuple[Observation, ...], *, as_of: dt.date
) -> Assessment:
    baseline = target.baseline
    if baseline is not None and baseline.date is not None and baseline.date > as_of:
        baseline = None  # not yet known on as_of: as if the registry gave none
    if baseline is None or baseline.date is None or baseline.value is None:
        if not effective:
            level = goal_level(stated, None)
            lacks_target = (
                level is None
                or level.date is None
                or (level.value is None and stated is not None and stated.stated == "level")
            )
            status = StatusCode.NO_TARGET if lacks_target else StatusCode.NO_DATA
            return Assessment(target, as_of, status, goal=level)
        baseline = Point(effective[0].date, effective[0].value)
        later = effective[1:]
    else:
        later = tuple(o for o in effective if o.date > baseline.date)
    assert baseline.date is not None
    assert baseline.value is not None
    t0, v0 = baseline.date, _as_number(baseline.value)
    latest = Point(later[-1].date, later[-1].value) if later else baseline
    assert latest.date is not None
    t, v = latest.date, _as_number(latest.value)
    level = goal_level(stated, baseline)
    goal = None if level is None or level.value is None else _as_number(level.value)
    due = None if level is None else level.date

    basis = _basis(target, v0, v, goal)
    observed = _observed_rate(basis, v0, v, years(t0, t)) if later else None
    reached_on = None
    if goal is not None and observed is not None and not meets(target.direction, v, goal):
        span = _years_to_reach(basis, v, observed, goal)
        reached_on = None if span is None else add_years(t, span)
    plan_span = years(t0, due) if due is not None else 0.0
    numbers = _PlanNumbers()
    projection = None
    if goal is not None and due is not None and plan_span > 0:
        given = None if stated is None else stated.annual_growth
        numbers = _against_plan(
            basis, v0=v0, goal=goal, v=v, observed=observed, elapsed=years(t0, t),
            plan_span=plan_span, given=given,
        )  # fmt: skip
        if observed is not None and t <= due:
            projection = _value_after(basis, v, observed, years(t, due))
    elif goal is not None and goal != v0:
        numbers = _PlanNumbers(progress=(v - v0) / (goal - v0))
    judged = Assessment(
        target,
        as_of,
        StatusCode.NO_DATA,
        goal=level,
        baseline=baseline,
        latest=latest,
        data_points=1 + len(later),
        rate_basis=basis,
        progress=numbers.progress,
        time_elapsed=numbers.time_elapsed,
        expected_value=numbers.expected_value,
        expected_progress=numbers.expected_progress,
        required_rate=numbers.required_rate,
        observed_rate=observed,
        ratio=numbers.ratio,
        projection=projection,
        reached_on=reached_on,
        trend=None if observed is None else classify_trend(target.direction, basis, observed, v0),
        stale=t < _months_before(as_of, STALE_MONTHS[target.frequency]),
        low_confidence=len(later) == 1,
        observations=effective,
    )
    status, final = _decide(judged, later)
    return replace(judged, status=status, final=final)


@dataclass(frozen=True, slots=True)
class _PlanNumbers:
    """The numbers that compare the latest value with the plan's path."""

    progress: float | None = None
    """p = (v - v0) / (T - v0)."""
    time_elapsed: float | None = None
    """tau."""
    expected_value: float | None = None
    """The trajectory's value at the latest value's date."""
    expected_progress: float | None = None
    """That value's progress."""
    required_rate: float | None = None
    """g_req or a_req."""
    ratio: float | None = None
    """R = observed / required."""


def _against_plan(
    basis: Trajectory,
    *,
    v0: float,
    goal: float,
    v: float,
    observed: float | None,
    elapsed: float,
    plan_span: float,
    given: float | None,
) -> _PlanNumbers:
    """Progress, time elapsed, expected value and progress, required rate, ratio.

    A target stated as growth a year gives its required rate; others derive it.
    """
    compound = basis is Trajectory.COMPOUND
    if compound and given is not None:
        required = given
    elif compound:
        required = _power(goal / v0, 1 / plan_span) - 1
    else:
        required = (goal - v0) / plan_span
    tau = elapsed / plan_span
    expected = v0 * _power(goal / v0, tau) if compound else v0 + tau * (goal - v0)
    distance = goal - v0
    return _PlanNumbers(
        progress=None if distance == 0 else (v - v0) / distance,
        time_elapsed=tau,
        expected_value=expected,
        expected_progress=None if distance == 0 else (expected - v0) / distance,
        required_rate=required,
        ratio=None if observed is None or required == 0 else observed / required,
    )


def _decide(assessment: Assessment, later: tuple[Observation, ...]) -> tuple[StatusCode, bool]:
    """The first rule of METHOD.md's 'Status, decided in this order' that applies."""
    target = assessment.target
    level = assessment.goal
    goal = None if level is None or level.value is None else _as_number(level.value)
    due = None if level is None else level.date
    direction = target.direction
    baseline, latest = assessment.baseline, assessment.latest
    assert baseline is not None
    assert latest is not None
    assert latest.date is not None
    v, t = _as_number(latest.value), latest.date

    # Rule 1: past the target date, judge the latest value dated on or before it.
    if goal is not None and due is not None and assessment.as_of > due:
        points = [baseline, *(Point(o.date, o.value) for o in later)]
        judged = [p for p in points if p.date is not None and p.date <= due]
        if not judged:
            return StatusCode.NO_DATA, False
        met = meets(direction, _as_number(judged[-1].value), goal)
        return (StatusCode.ACHIEVED if met else StatusCode.MISSED), True

    # Rule 2: achieved; a floor or ceiling must also be projected to hold.
    if goal is not None:
        if direction in (Direction.AT_LEAST, Direction.AT_MOST):
            if not meets(direction, v, goal):
                return StatusCode.OFF_TRACK, False
            observed, basis = assessment.observed_rate, assessment.rate_basis
            if observed is None or basis is None:
                return StatusCode.ACHIEVED, False
            horizon = years(t, due) if due is not None else BOUND_HORIZON_YEARS
            held = meets(direction, _value_after(basis, v, observed, max(horizon, 0.0)), goal)
            return (StatusCode.ACHIEVED if held else StatusCode.AT_RISK), False
        if meets(direction, v, goal):
            return StatusCode.ACHIEVED, False

    # Rule 3: no target value or no date: a trend, not a verdict.
    if goal is None or due is None:
        return StatusCode.NO_TARGET, False
    # Rule 4: nothing after the baseline.
    if not later:
        return StatusCode.NO_DATA, False
    # Rules 5-7: the ratio of observed to required rate (none: the target equals the
    # baseline and is not met, so any pace is too slow).
    ratio = assessment.ratio
    if ratio is None:
        return StatusCode.OFF_TRACK, False
    if ratio >= ON_TRACK_RATIO:
        return StatusCode.ON_TRACK, False
    if ratio >= AT_RISK_RATIO:
        return StatusCode.AT_RISK, False
    return StatusCode.OFF_TRACK, False


def assess_plan(
    plan: Plan, observations: Iterable[Observation], *, as_of: dt.date
) -> list[Assessment]:
    """Judge every target of the plan, in registry order."""
    by_target: dict[str, list[Observation]] = {}
    for observation in observations:
        by_target.setdefault(observation.target_id, []).append(observation)
    return [assess(t, by_target.get(t.id, []), as_of=as_of) for t in plan.targets]


def summarize(assessments: Iterable[Assessment]) -> dict[str, int]:
    """Count targets per status, every status present, in METHOD's order."""
    counts = {code.value: 0 for code in StatusCode}
    for assessment in assessments:
        counts[assessment.status.value] += 1
    return counts


def is_early(assessment: Assessment) -> bool:
    """Achieved with the latest value dated before the target date (提前实现)."""
    due = None if assessment.goal is None else assessment.goal.date
    latest = assessment.latest
    return (
        assessment.status is StatusCode.ACHIEVED
        and due is not None
        and latest is not None
        and latest.date is not None
        and latest.date < due
    )


def is_faster_than_expected(assessment: Assessment) -> bool:
    """On track with R >= 1.2 (快于预期)."""
    return (
        assessment.status is StatusCode.ON_TRACK
        and assessment.ratio is not None
        and assessment.ratio >= FASTER_THAN_EXPECTED_RATIO
    )

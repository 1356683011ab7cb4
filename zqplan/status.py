"""The status method of docs/method.md (version 2): pure functions, no I/O, no clock."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from zqplan.model import (
    Assessment,
    Comparator,
    Direction,
    Frequency,
    Goal,
    Kind,
    Observation,
    PeriodAssessment,
    Plan,
    Point,
    Revision,
    Role,
    StatusCode,
    Target,
    Trajectory,
    Trend,
    Verdict,
    YearlyTarget,
)

STALE_MONTHS = {Frequency.ANNUAL: 18, Frequency.QUARTERLY: 6, Frequency.MONTHLY: 3}
"""How old the latest period may be before the value is `stale` (docs/method.md: Flags)."""

BOUND_HORIZON_YEARS = 5.0
"""How far a floor or ceiling with no target date must be projected to hold (rule 3)."""

LAG_MONTHS = {Frequency.ANNUAL: 6, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 2}
"""Default publication lag: months after a period ends before its figure is out (rule 1)."""

PERIOD_MONTHS = {Frequency.ANNUAL: 12, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}
"""The length of one period: the final period is the one ending at the target date."""

INDEX_BASE = 100.0
"""A cumulative target's index at the baseline."""

DECIMALS = 6
"""Threshold comparisons use numbers rounded to this many decimal places."""

ON_TRACK_RATIO = 0.95
AT_RISK_RATIO = 0.60
FASTER_THAN_EXPECTED_RATIO = 1.2
TREND_IMPROVING = 0.015
TREND_SLOWLY_IMPROVING = 0.005
TREND_STAGNATING = -0.005


def at6(number: float) -> float:
    """The number rounded to 6 decimal places, as threshold comparisons take it."""
    return round(number, DECIMALS) if math.isfinite(number) else number


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
    offset = math.floor(position)
    year = a.year + offset
    if not dt.MINYEAR < year <= dt.MAXYEAR:
        return None
    # The nearest day: day 0 of a year is the last day of the year before.
    day = round((position - offset) * _year_length(year))
    return dt.date(year, 1, 1) + dt.timedelta(days=day - 1)


def _shift_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (earlier when negative), clamped to
    the month's end."""
    index = day.year * 12 + day.month - 1 + months
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
        return at6(value) >= at6(target)
    return at6(value) <= at6(target)


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
    """The trend of the method's rule 4, from the observed rate in the good direction."""
    good = rate * _good_sign(direction)
    if basis is Trajectory.LINEAR:
        if v0 == 0:
            if good > 0:
                return Trend.IMPROVING
            return Trend.STAGNATING if good == 0 else Trend.WORSENING
        good /= abs(v0)
    good = at6(good)
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


def assess(
    target: Target,
    observations: Sequence[Observation],
    *,
    as_of: dt.date,
    reference: Target | None = None,
    reference_observations: Sequence[Observation] = (),
) -> Assessment:
    """Judge one target on as_of from its registry figures and ledger observations.

    A target revised on or before as_of is judged against the revision in force;
    the assessment then also says how it stands against the target as planned.
    A yearly schedule judges each period; `reference` is the indicator a relative
    schedule compares with (relative_to), with its ledger observations.
    """
    if target.role is not Role.COMMITMENT or target.schedule:
        # Reported facts and directions are listed with their figures, never judged; a
        # yearly schedule judges each period on its own figure (no multi-year path).
        listed = _listed(target, observations, as_of=as_of)
        if target.role is not Role.COMMITMENT:
            return listed
        others = (
            ()
            if reference is None
            else effective_observations(reference, reference_observations, as_of=as_of)
        )
        scheduled = judge_schedule(listed, others)
        if reference is None:
            return scheduled
        return replace(scheduled, relative_title=(reference.title, reference.title_zh))
    return _assess(target, observations, as_of=as_of)


def _listed(target: Target, observations: Sequence[Observation], *, as_of: dt.date) -> Assessment:
    """The figures of an entry without a multi-year verdict: latest value and history."""
    effective = effective_observations(target, observations, as_of=as_of)
    goal, _ = goal_in_force(target, as_of=as_of)
    shown = effective[-1] if effective else None
    return Assessment(
        target,
        as_of,
        StatusCode.NO_TARGET,
        goal=goal_level(goal, target.baseline),
        baseline=target.baseline,
        latest=None if shown is None else Point(shown.date, shown.value, shown.comparator),
        data_points=len(effective),
        observations=effective,
    )


def _assess(target: Target, observations: Sequence[Observation], *, as_of: dt.date) -> Assessment:
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
    if goal.annual_growth is None and goal.change is None and goal.change_by is None:
        return Point(goal.date, goal.value)
    if baseline is None or baseline.date is None or not isinstance(baseline.value, float):
        return Point(goal.date, None)
    if goal.change_by is not None:
        return Point(goal.date, baseline.value + goal.change_by)
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


def _series(
    target: Target, effective: tuple[Observation, ...], *, as_of: dt.date
) -> tuple[Point, tuple[Observation, ...], tuple[Observation, ...], bool] | None:
    """The baseline that serves, the observations after it, the series shown, and
    whether the registry gave the baseline; None with neither baseline nor data."""
    baseline = target.baseline
    if baseline is not None and baseline.date is not None and baseline.date > as_of:
        baseline = None  # not yet known on as_of: as if the registry gave none
    from_registry = baseline is not None and baseline.date is not None
    if target.cumulative:
        # Yearly changes in percent: the level is an index of 100 at the baseline.
        if baseline is None or baseline.date is None:
            if not effective:
                return None
            baseline = Point(_shift_months(effective[0].date, -12), INDEX_BASE)
        else:
            baseline = Point(baseline.date, INDEX_BASE)
        assert baseline.date is not None
        index = cumulative_index(effective, since=baseline.date)
        return baseline, index, index, from_registry
    if baseline is None or baseline.date is None or baseline.value is None:
        if not effective:
            return None
        first = effective[0]
        return Point(first.date, first.value, first.comparator), effective[1:], effective, False
    since = baseline.date
    return baseline, tuple(o for o in effective if o.date > since), effective, True


def _assess_numeric(
    target: Target, stated: Goal | None, effective: tuple[Observation, ...], *, as_of: dt.date
) -> Assessment:
    found = _series(target, effective, as_of=as_of)
    if found is None:
        return _without_data(target, stated, as_of=as_of)
    baseline, later, effective, from_registry = found
    assert baseline.date is not None
    assert baseline.value is not None
    t0, v0 = baseline.date, _as_number(baseline.value)
    level = goal_level(stated, baseline)
    goal = None if level is None or level.value is None else _as_number(level.value)
    due = None if level is None else level.date
    direction = target.direction
    bound = direction in (Direction.AT_LEAST, Direction.AT_MOST)
    frequency = target.frequency
    lag = LAG_MONTHS[frequency] if target.lag_months is None else target.lag_months

    # Rule 1: past the target date only figures up to it count; the final period's decides.
    past = goal is not None and due is not None and as_of > due
    final_figure = awaiting = gave_up = False
    judged = later
    if past:
        assert due is not None
        judged = tuple(o for o in later if o.date <= due)
        final_figure = bool(judged) and judged[-1].date > _shift_months(
            due, -PERIOD_MONTHS[frequency]
        )
        awaiting = not final_figure and as_of <= _shift_months(due, lag)
        gave_up = not final_figure and not awaiting
    latest = Point(judged[-1].date, judged[-1].value, judged[-1].comparator) if judged else baseline
    assert latest.date is not None
    t, v = latest.date, _as_number(latest.value)

    wrong = not bound and goal is not None and not _beyond(direction, goal, v0)
    basis = _basis(target, v0, v, goal)
    elapsed = years(t0, t)
    observed = _observed_rate(basis, v0, v, elapsed) if judged else None
    single = bound and not from_registry and not judged  # one figure, no baseline: margin only
    derived = _derive(
        target, stated, basis, t0=t0, v0=v0, t=t, v=v, goal=goal, due=due, observed=observed,
        elapsed=elapsed, wrong=wrong, judged=bool(judged) or single,
    )  # fmt: skip
    numbers = derived.plan
    assessment = Assessment(
        target,
        as_of,
        StatusCode.NO_DATA,
        goal=level,
        baseline=baseline,
        latest=latest,
        data_points=1 + len(judged),
        rate_basis=None if wrong else basis,
        progress=None if bound else numbers.progress,
        time_elapsed=None if bound else numbers.time_elapsed,
        expected_value=numbers.expected_value,
        expected_progress=numbers.expected_progress,
        required_rate=numbers.required_rate,
        observed_rate=None if wrong else observed,
        ratio=numbers.ratio,
        projection=derived.projection,
        projection_date=derived.projection_date,
        reached_on=derived.reached_on,
        trend=None if observed is None else classify_trend(direction, basis, observed, v0),
        stale=gave_up or t < _shift_months(as_of, -STALE_MONTHS[frequency]),
        low_confidence=len(judged) == 1,
        observations=effective,
        margin=derived.margin,
        awaiting_final=awaiting,
        wrong_side=wrong,
    )
    status, final = _decide(assessment, judged, past=past, awaiting=awaiting, single=single)
    return replace(assessment, status=status, final=final)


def _without_data(target: Target, stated: Goal | None, *, as_of: dt.date) -> Assessment:
    """No baseline and no observation: no-target when nothing could be judged, else no-data."""
    level = goal_level(stated, None)
    lacks_target = (
        level is None
        or (level.date is None and target.direction in (Direction.INCREASE, Direction.DECREASE))
        or (level.value is None and stated is not None and stated.stated == "level")
    )
    status = StatusCode.NO_TARGET if lacks_target else StatusCode.NO_DATA
    return Assessment(target, as_of, status, goal=level)


def cumulative_index(
    effective: Sequence[Observation], *, since: dt.date
) -> tuple[Observation, ...]:
    """Yearly changes in percent after `since` as an index: 100, times (1 + c/100) each year."""
    level = INDEX_BASE
    found: list[Observation] = []
    for observation in effective:
        if observation.date <= since:
            continue
        level *= 1 + _as_number(observation.value) / 100
        found.append(replace(observation, value=level))
    return tuple(found)


def _beyond(direction: Direction, goal: float, v0: float) -> bool:
    """Whether the target lies beyond the baseline in the target's direction."""
    if direction is Direction.INCREASE:
        return at6(goal) > at6(v0)
    return at6(goal) < at6(v0)


@dataclass(frozen=True, slots=True)
class _Derived:
    """The numbers derived from the latest value besides its status."""

    plan: _PlanNumbers
    """Progress, time, expected path, required rate and R."""
    projection: float | None = None
    """The value at the projection date at the observed rate."""
    projection_date: dt.date | None = None
    """The target date, or five years on for an undated bound."""
    reached_on: dt.date | None = None
    """When the target is reached at the observed rate."""
    margin: float | None = None
    """Floors and ceilings: how far the latest value is on the right side."""


def _derive(
    target: Target,
    stated: Goal | None,
    basis: Trajectory,
    *,
    t0: dt.date,
    v0: float,
    t: dt.date,
    v: float,
    goal: float | None,
    due: dt.date | None,
    observed: float | None,
    elapsed: float,
    wrong: bool,
    judged: bool,
) -> _Derived:
    """Margin and projection for a bound; progress, rates, R and projection otherwise."""
    direction = target.direction
    if direction in (Direction.AT_LEAST, Direction.AT_MOST):
        if goal is None:
            return _Derived(_PlanNumbers())
        margin = None
        if judged:
            margin = v - goal if direction is Direction.AT_LEAST else goal - v
        horizon = due if due is not None else add_years(t, BOUND_HORIZON_YEARS)
        if observed is None or horizon is None or horizon < t:
            return _Derived(_PlanNumbers(), margin=margin)
        projected = _value_after(basis, v, observed, years(t, horizon))
        return _Derived(_PlanNumbers(), projected, horizon, margin=margin)
    numbers = _PlanNumbers()
    projection = projection_date = reached_on = None
    plan_span = 0.0 if goal is None or due is None else years(t0, due)
    if goal is not None and due is not None and plan_span > 0:
        given = None if stated is None else stated.annual_growth
        numbers = _against_plan(
            basis, v0=v0, goal=goal, v=v, observed=observed, elapsed=elapsed,
            plan_span=plan_span, given=given,
        )  # fmt: skip
        if observed is not None and t <= due and not wrong:
            projection = _value_after(basis, v, observed, years(t, due))
            projection_date = due
    elif goal is not None and goal != v0:
        numbers = _PlanNumbers(progress=(v - v0) / (goal - v0))
    if wrong:
        # Not beyond the baseline: no rates, no R, no path (only progress stays).
        return _Derived(_PlanNumbers(progress=numbers.progress, time_elapsed=numbers.time_elapsed))
    if goal is not None and observed is not None and not meets(direction, v, goal):
        span = _years_to_reach(basis, v, observed, goal)
        reached_on = None if span is None else add_years(t, span)
    return _Derived(numbers, projection, projection_date, reached_on)


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


def _decide(
    assessment: Assessment,
    judged: tuple[Observation, ...],
    *,
    past: bool,
    awaiting: bool,
    single: bool,
) -> tuple[StatusCode, bool]:
    """The first rule of the method's 'Status, decided in this order' that applies."""
    target = assessment.target
    level = assessment.goal
    goal = None if level is None or level.value is None else _as_number(level.value)
    due = None if level is None else level.date
    direction = target.direction
    bound = direction in (Direction.AT_LEAST, Direction.AT_MOST)
    latest = assessment.latest
    assert latest is not None
    v = _as_number(latest.value)

    # Rule 1: past the target date; a verdict needs an observation after the baseline.
    if past:
        assert goal is not None
        if not judged:
            return StatusCode.NO_DATA, False
        met = meets(direction, v, goal)
        if not awaiting:
            return (StatusCode.ACHIEVED if met else StatusCode.MISSED), True
        if met and not bound:
            return StatusCode.ACHIEVED, False
    # Rule 2: achieved (increase and decrease), never on the baseline alone.
    if not bound and goal is not None and judged and meets(direction, v, goal):
        return StatusCode.ACHIEVED, False
    # Rule 3: a floor or ceiling holds, will be crossed, or is breached.
    if bound and goal is not None:
        if not judged and not single:
            return StatusCode.NO_DATA, False
        if not meets(direction, v, goal):
            return StatusCode.OFF_TRACK, False
        projection = assessment.projection
        if projection is None or meets(direction, projection, goal):
            return StatusCode.ON_TRACK, False
        return StatusCode.AT_RISK, False
    # Rule 4: no target value or no date: a trend, not a verdict.
    if goal is None or due is None:
        return StatusCode.NO_TARGET, False
    # Rule 5: nothing after the baseline.
    if not judged:
        return StatusCode.NO_DATA, False
    # A target not beyond the baseline has no rate to compare: not met is off track.
    ratio = assessment.ratio
    if assessment.wrong_side or ratio is None:
        return StatusCode.OFF_TRACK, False
    # Rules 6-8: R, at 6 decimals so that a ratio on a threshold by hand is on it here.
    if at6(ratio) >= ON_TRACK_RATIO:
        return StatusCode.ON_TRACK, False
    if at6(ratio) >= AT_RISK_RATIO:
        return StatusCode.AT_RISK, False
    return StatusCode.OFF_TRACK, False


def assess_plan(
    plan: Plan, observations: Iterable[Observation], *, as_of: dt.date
) -> list[Assessment]:
    """Judge every target of the plan, in registry order; umbrellas roll their parts up."""
    by_target: dict[str, list[Observation]] = {}
    for observation in observations:
        by_target.setdefault(observation.target_id, []).append(observation)
    index = {t.id: t for t in plan.targets}
    judged = [
        assess(
            t,
            by_target.get(t.id, []),
            as_of=as_of,
            reference=None if t.relative_to is None else index.get(t.relative_to),
            reference_observations=by_target.get(t.relative_to or "", []),
        )
        for t in plan.targets
    ]
    if not any(t.parts for t in plan.targets):
        return judged
    from zqplan.rollup import roll_up  # only plans with umbrella commitments need it

    return roll_up(judged)


# --- yearly schedules -----------------------------------------------------------

PERCENT_TOLERANCE = 0.5
"""Default tolerance of an "about" target in percent: 0.5 percentage points."""

SHARE_TOLERANCE = 0.05
"""Default tolerance otherwise: 5% of |T|."""


def default_tolerance(target: Target, value: float | None) -> float:
    """The target's tolerance, else 0.5 points for values in percent, else 5% of |T|."""
    if target.tolerance is not None:
        return target.tolerance
    if _in_percent(target.unit):
        return PERCENT_TOLERANCE
    return SHARE_TOLERANCE * abs(value or 0.0)


def _in_percent(unit: str) -> bool:
    from zqplan.units import parse_unit

    return parse_unit(unit).base in ("percent", "percentage-point")


def _up(direction: Direction) -> bool:
    return direction in (Direction.INCREASE, Direction.AT_LEAST)


def period_verdict(
    direction: Direction, entry: YearlyTarget, target: float, value: float, tolerance: float
) -> Verdict:
    """met, broadly-met or not-met: the year's figure against its target (6 decimals)."""
    v, t = at6(value), at6(target)
    up = _up(direction)
    comparator = entry.comparator
    if comparator is Comparator.AT_LEAST:
        met = v >= t
    elif comparator is Comparator.AT_MOST:
        met = v <= t
    elif comparator is Comparator.ABOVE:
        met = v > t
    elif comparator is Comparator.BELOW:
        met = v < t
    elif comparator is Comparator.RANGE:
        high = at6(entry.high if entry.high is not None else target)
        met = v >= t if up else v <= high
    else:  # about, =: meets in the good direction
        met = v >= t if up else v <= t
    if met:
        return Verdict.MET
    if comparator is Comparator.ABOUT:
        short = (t - v) if up else (v - t)
        if at6(short) <= at6(tolerance):
            return Verdict.BROADLY_MET
    return Verdict.NOT_MET


def _period_target(entry: YearlyTarget, on: dt.date, others: Sequence[Observation]) -> float | None:
    """The period's target value: stated, or the other indicator's figure for that date."""
    if entry.value is not None:
        return entry.value
    figure = next((o for o in others if o.date == on), None)
    return None if figure is None else _as_number(figure.value)


def judge_schedule(assessment: Assessment, others: Sequence[Observation]) -> Assessment:
    """Each period on its own figure; the row takes the period with the most recent figure."""
    target = assessment.target
    as_of = assessment.as_of
    by_date = {o.date: o for o in assessment.observations}
    year_to_date_allowed = _in_percent(target.unit)  # rates and shares, not levels
    periods: list[PeriodAssessment] = []
    for entry in target.schedule:
        end = dt.date(entry.year, 12, 31)
        if dt.date(entry.year, 1, 1) > as_of:
            periods.append(PeriodAssessment(entry, entry.value, _tolerance(target, entry)))
            continue
        full = by_date.get(end)
        if full is not None:
            goal = _period_target(entry, end, others)
            tolerance = default_tolerance(target, goal)
            outturn = Point(end, full.value)
            if goal is None:
                periods.append(PeriodAssessment(entry, None, tolerance, outturn,
                                                status=StatusCode.NO_DATA))  # fmt: skip
                continue
            verdict = period_verdict(
                target.direction, entry, goal, _as_number(full.value), tolerance
            )
            status = StatusCode.MISSED if verdict is Verdict.NOT_MET else StatusCode.ACHIEVED
            periods.append(
                PeriodAssessment(entry, goal, tolerance, outturn, False, verdict, status)
            )
            continue
        partial = [o for o in assessment.observations if o.date.year == entry.year and o.date < end]
        if not partial or not year_to_date_allowed:
            goal = entry.value
            periods.append(PeriodAssessment(entry, goal, _tolerance(target, entry),
                                            status=StatusCode.NO_DATA))  # fmt: skip
            continue
        latest = partial[-1]
        goal = _period_target(entry, latest.date, others)
        tolerance = default_tolerance(target, goal)
        outturn = Point(latest.date, latest.value)
        if goal is None:
            periods.append(PeriodAssessment(entry, None, tolerance, outturn, True,
                                            status=StatusCode.NO_DATA))  # fmt: skip
            continue
        verdict = period_verdict(target.direction, entry, goal, _as_number(latest.value), tolerance)
        status = {
            Verdict.MET: StatusCode.ON_TRACK,
            Verdict.BROADLY_MET: StatusCode.AT_RISK,
            Verdict.NOT_MET: StatusCode.OFF_TRACK,
        }[verdict]
        if entry.comparator is not Comparator.ABOUT and verdict is Verdict.NOT_MET:
            # "within tol -> at-risk" applies to every comparator year to date
            short = (goal - _as_number(latest.value)) * (1 if _up(target.direction) else -1)
            if at6(short) <= at6(tolerance):
                status = StatusCode.AT_RISK
        periods.append(PeriodAssessment(entry, goal, tolerance, outturn, True, None, status))
    judged_periods = [p for p in periods if p.outturn is not None]
    current: PeriodAssessment | None
    if judged_periods:
        current = max(judged_periods, key=_outturn_date)
    else:
        begun = [p for p in periods if p.status is not None]
        current = begun[-1] if begun else None
    status = StatusCode.NO_DATA if current is None or current.status is None else current.status
    return replace(
        assessment,
        status=status,
        final=status in (StatusCode.ACHIEVED, StatusCode.MISSED),
        awaiting_final=False,
        schedule=tuple(periods),
        period=None if current is None else current.entry.year,
    )


def _outturn_date(period: PeriodAssessment) -> dt.date:
    return (
        dt.date.min
        if period.outturn is None or period.outturn.date is None
        else period.outturn.date
    )


def _tolerance(target: Target, entry: YearlyTarget) -> float:
    return default_tolerance(target, entry.value)


def track_record(assessment: Assessment) -> tuple[int, int] | None:
    """(periods met or broadly met, periods judged) of a yearly schedule; None without one."""
    if not assessment.target.schedule:
        return None
    judged_periods = [p for p in assessment.schedule if p.verdict is not None]
    met = sum(p.verdict is not Verdict.NOT_MET for p in judged_periods)
    return met, len(judged_periods)


def judged(assessment: Assessment) -> bool:
    """Whether the entry is a commitment, the only kind that gets a verdict."""
    return assessment.target.role is Role.COMMITMENT


def summarize(assessments: Iterable[Assessment]) -> dict[str, int]:
    """Count commitments per status, every status present, in the method's order."""
    counts = {code.value: 0 for code in StatusCode}
    for assessment in assessments:
        if judged(assessment):
            counts[assessment.status.value] += 1
    return counts


def is_bound(assessment: Assessment) -> bool:
    """A floor or ceiling (at-least, at-most): judged by its margin, labelled holds/breached."""
    return assessment.target.direction in (Direction.AT_LEAST, Direction.AT_MOST)


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
        and at6(assessment.ratio) >= FASTER_THAN_EXPECTED_RATIO
    )

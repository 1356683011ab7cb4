"""zqplan's status against a naive oracle of the method (version 2) written here, on random plans.

The oracle below restates the method from its text, deliberately plainly (one function, no
shared code: nothing here imports zqplan). Thousands of random targets of every kind go into
six registries, one per `--as-of` day, their target dates drawn around that day and its
publication lag; `zqplan status --json` judges them, and every status, R, `awaiting_final`
flag, margin and projection must agree with the oracle (R, margin and projection to a
relative 1e-6). Until the installed zqplan speaks `zqplan.status/2` (method version 2), a
disagreement is an expected failure (xfail).

Run: `pytest -q tests/test_method_oracle.py` (ZQPLAN_ORACLE_SEED=N draws other plans).

The method, as the oracle reads it (docs/method.md states it for users):

- Time: `years(a, b) = (b.year - a.year) + doy(b)/len(b.year) - doy(a)/len(a.year)`
  (doy = day of the year, len = days in that year): year-end to year-end is whole.
- Observations on or before `as_of` count; for one period (date) the value recorded last wins.
- Baseline `v0` at `t0`: the registry's; if absent, the earliest observation serves. The
  latest value `v` at `t` is the latest observation after the baseline.
- Target `T` at `tT`, stated as a level (`value`), a growth a year in percent
  (`annual_growth = g`: T = v0 (1 + g/100) ** years(t0, tT)), a change in percent
  (`change = c`: T = v0 (1 + c/100)) or an absolute change in the unit (`change_by = d`:
  T = v0 + d), each computed from the baseline that serves.
- Cumulative flows (`cumulative = true`, unit "%"): observations are yearly changes in
  percent; the level is an index of 100 at the baseline, times (1 + c/100) each year; a
  `change` target is a level of that index. Everything is then judged on the index.
- Rates: compound (`g = (b/a) ** (1/years) - 1`) unless `trajectory = "linear"` or one of
  v0, v, T is not above zero; else linear (`(b - a) / years`). R = observed / required rate,
  for `increase` and `decrease` targets only; a target on the wrong side of its baseline for
  its direction has no R. R is compared with 0.95 and 0.60 rounded to 6 decimal places.
- "Meets": v >= T for increase and at-least (a floor), v <= T for decrease and at-most.
- Status, first rule that applies; a verdict needs an observation after the baseline:
  1. as_of > tT (a target with a value and a date): no observation after the baseline ->
     no-data; the final period's figure in (the period ending at tT: dated after tT less
     one period, 12, 3 or 1 months, and on or before tT) -> achieved if it meets, else missed;
     not in and as_of <= tT + lag (lag: `lag_months`, default annual 6, quarterly 3, monthly
     2) -> increase/decrease meeting -> achieved, else the status rules 2-8 give at the
     latest value, flagged `awaiting_final`; after tT + lag -> the latest observation after
     the baseline dated on or before tT decides, achieved or missed.
  2. increase/decrease: the latest value meets the target -> achieved.
  3. floors and ceilings with a target value (dated or not): the bound fails now ->
     off-track; holds and, at the observed rate, still holds at tT (or 5 years after t when
     there is no tT) -> on-track; else at-risk. Never achieved before tT; no R.
  4. no target value, or no target date -> no-target.
  5. no observation after the baseline -> no-data.
  A wrong-side target (increase with T below v0, decrease with T above) not met -> off-track.
  6.-8. R >= 0.95 on-track; R >= 0.60 at-risk; else off-track.
- Yes/no targets: a done record (on or before tT) -> achieved; past tT with any other record
  -> missed; no record -> no-data; no date -> no-target; before tT with a record -> on-track.
- Roles `reported` and `direction` are never judged (status null or the entry absent).
"""

from __future__ import annotations

import calendar
import functools
import json
import math
import os
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import run_zqplan

UP = ("increase", "at-least")
FLOORS = ("at-least", "at-most")
DEFAULT_LAG_MONTHS = {"annual": 6, "quarterly": 3, "monthly": 2}
PERIOD_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1}
BOUND_HORIZON_YEARS = 5.0
R_TOLERANCE = 1e-6


# --------------------------------------------------------------------------------------
# The oracle: METHOD read literally, nothing clever.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One target as the registry states it, plus the ledger rows recorded for it."""

    id: str
    """The target's id."""
    kind: str = "numeric"
    """numeric or yes-no."""
    direction: str = "increase"
    """increase, decrease, at-least or at-most."""
    trajectory: str | None = None
    """compound, linear or None (not written)."""
    frequency: str = "annual"
    """annual, quarterly or monthly."""
    lag_months: int | None = None
    """The publication lag as written, None for the default."""
    role: str | None = None
    """commitment, reported, direction or None (not written: a commitment)."""
    cumulative: bool = False
    """Observations are yearly changes in percent (judged on an index of 100)."""
    unit: str = "billion yuan"
    """The target's unit."""
    baseline: tuple[date, float] | None = None
    """The registry's baseline (date, value)."""
    form: str | None = None
    """How the target value is stated: value, annual_growth, change, change_by or None."""
    number: float | None = None
    """The stated number (a level, or percent, or an absolute change)."""
    target_date: date | None = None
    """tT, or None."""
    observations: tuple[tuple[date, float | bool], ...] = ()
    """The registry's observations (distinct dates)."""
    ledger: tuple[tuple[date, float], ...] = ()
    """Ledger rows in the order recorded (a date may repeat: a revision)."""
    label: str = ""
    """What the generator meant to make (for grouping disagreements)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the oracle says of one target on one day."""

    status: str | None
    """The status, or None for an entry that is never judged."""
    rule: str
    """Which rule decided (for grouping disagreements)."""
    ratio: float | None = None
    """R, where the method defines it."""
    awaiting_final: bool = False
    """Past tT within the lag, the final figure not in."""
    margin: float | None = None
    """Floors and ceilings: v - T or T - v."""
    projection: float | None = None
    """The value projected to tT (or the five-year horizon) at the observed rate."""


def naive_years(a: date, b: date) -> float:
    """Calendar years from a to b (METHOD "Time")."""

    def share(d: date) -> float:
        return d.timetuple().tm_yday / (366 if calendar.isleap(d.year) else 365)

    return (b.year - a.year) + share(b) - share(a)


@functools.cache
def lag_end(t: date, months: int) -> date:
    """t + months calendar months, the day kept (clamped to the month's length)."""
    year, month0 = divmod(t.month - 1 + months, 12)
    year += t.year
    return date(year, month0 + 1, min(t.day, calendar.monthrange(year, month0 + 1)[1]))


@functools.cache
def lag_end_month_end(t: date, months: int) -> date:
    """The other reading of t + months: the end of that month (differs when t.day is short)."""
    end = lag_end(t, months)
    return date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])


def oracle(case: Case, as_of: date) -> Verdict:
    """METHOD version 2, literally, for one target on as_of."""
    if case.role in ("reported", "direction"):
        return Verdict(None, "role")
    recorded: dict[date, float | bool] = {}
    for day, value in (*case.observations, *case.ledger):  # the last recorded wins
        if day <= as_of:
            recorded[day] = value
    points = sorted(recorded.items())
    if case.kind == "yes-no":
        return _oracle_yes_no(case, points, as_of)
    numbers = [(d, float(v)) for d, v in points]
    if case.cumulative:
        index, chained = 100.0, []
        for day, change in numbers:
            index *= 1 + change / 100
            chained.append((day, index))
        numbers = chained

    if case.baseline is not None:
        t0, v0 = case.baseline
        later = [(d, v) for d, v in numbers if d > t0]
    elif numbers:
        (t0, v0), later = numbers[0], numbers[1:]
    else:
        t0, v0, later = None, None, []
    tT, stated = case.target_date, case.form is not None
    T: float | None = None
    if case.form == "value":
        T = case.number
    elif v0 is not None and t0 is not None and case.number is not None:
        if case.form == "annual_growth" and tT is not None:
            T = v0 * (1 + case.number / 100) ** naive_years(t0, tT)
        elif case.form == "change":
            T = v0 * (1 + case.number / 100)
        elif case.form == "change_by":
            T = v0 + case.number

    # Rule 1: past the target date.
    if stated and tT is not None and as_of > tT:
        if not later:
            return Verdict("no-data", "1-no-data")
        opens = lag_end(tT, -PERIOD_MONTHS[case.frequency])
        final = [v for d, v in later if opens < d <= tT]
        assert T is not None
        if final:
            return Verdict(_met(case, final[-1], T, "achieved", "missed"), "1-final")
        lag = DEFAULT_LAG_MONTHS[case.frequency] if case.lag_months is None else case.lag_months
        if as_of <= lag_end(tT, lag):
            if case.direction not in FLOORS and _meets(case, later[-1][1], T):
                return Verdict("achieved", "1-awaiting-met", awaiting_final=True)
            before = _before_target_date(case, t0, v0, later, T, tT)
            return replace(before, rule="1-awaiting-" + before.rule, awaiting_final=True)
        judged = [v for d, v in later if d <= tT]
        if not judged:  # only figures after tT: the baseline alone is never missed
            return Verdict("no-data", "1-stale-none")
        return Verdict(_met(case, judged[-1], T, "achieved", "missed"), "1-stale")
    if not later:
        # A floor or ceiling needs no date (it is kept for five years ahead), so without a
        # figure it lacks data, not a target; zqplan's docs/method.md states this reading.
        if not stated or (tT is None and case.direction not in FLOORS):
            return Verdict("no-target", "4-no-data")
        return Verdict("no-data", "5")
    assert t0 is not None
    assert v0 is not None
    return _before_target_date(case, t0, v0, later, T, tT)


def _meets(case: Case, v: float, T: float) -> bool:
    return v >= T if case.direction in UP else v <= T


def _met(case: Case, v: float, T: float, yes: str, no: str) -> str:
    return yes if _meets(case, v, T) else no


def _compound(case: Case, v0: float, v: float, T: float | None) -> bool:
    positive = v0 > 0 and v > 0 and (T is None or T > 0)
    return case.trajectory != "linear" and positive


def _rate(compound: bool, a: float, b: float, span: float) -> float:
    return (b / a) ** (1 / span) - 1 if compound else (b - a) / span


def _before_target_date(
    case: Case,
    t0: date,
    v0: float,
    later: list[tuple[date, float]],
    T: float | None,
    tT: date | None,
) -> Verdict:
    """Rules 2-8 at the latest value (later is not empty)."""
    t, v = later[-1]
    compound = _compound(case, v0, v, T)
    observed = _rate(compound, v0, v, naive_years(t0, t))
    if case.direction in FLOORS:
        if T is None:
            return Verdict("no-target", "4-bound")
        margin = v - T if case.direction == "at-least" else T - v
        horizon = naive_years(t, tT) if tT is not None else BOUND_HORIZON_YEARS
        projected = v * (1 + observed) ** horizon if compound else v + observed * horizon
        if margin < 0:
            status = "off-track"
        else:
            status = "on-track" if _meets(case, projected, T) else "at-risk"
        return Verdict(status, "3-bound", margin=margin, projection=projected)
    if T is not None and _meets(case, v, T):
        return Verdict("achieved", "2")
    if T is None or tT is None:
        return Verdict("no-target", "4")
    if (case.direction == "increase" and v0 > T) or (case.direction == "decrease" and v0 < T):
        return Verdict("off-track", "wrong-side")
    required = _rate(compound, v0, T, naive_years(t0, tT))
    ratio = observed / required
    shown = round(ratio, 6)
    status = "on-track" if shown >= 0.95 else "at-risk" if shown >= 0.60 else "off-track"
    remaining = naive_years(t, tT)
    projected = v * (1 + observed) ** remaining if compound else v + observed * remaining
    return Verdict(status, "6-8", ratio=ratio, projection=projected)


def _oracle_yes_no(case: Case, points: list[tuple[date, float | bool]], as_of: date) -> Verdict:
    tT = case.target_date
    if tT is None:
        if any(v is True for _, v in points):
            return Verdict("achieved", "yn-done")
        return Verdict("no-target", "yn-no-date")
    if any(v is True and d <= tT for d, v in points):
        return Verdict("achieved", "yn-done")
    if as_of > tT:
        return Verdict("missed" if points else "no-data", "yn-past")
    return Verdict("on-track" if points else "no-data", "yn-before")


# --------------------------------------------------------------------------------------
# The oracle on METHOD's worked examples, worked by hand.
# --------------------------------------------------------------------------------------

Y = {year: date(year, 12, 31) for year in range(2015, 2031)}


def test_oracle_farm_output_compound() -> None:
    # v0 80 (2022), T 100 (2027), v 86 (2024): g_req = 1.25 ** (1/5) - 1 = 0.045640,
    # g_obs = 1.075 ** (1/2) - 1 = 0.036822, R = 0.8068 -> at-risk;
    # projection 86 * 1.036822 ** 3 = 95.85.
    case = Case(
        "farm", baseline=(Y[2022], 80.0), form="value", number=100.0, target_date=Y[2027],
        observations=((Y[2024], 86.0),),
    )  # fmt: skip
    verdict = oracle(case, date(2025, 6, 30))
    assert verdict.status == "at-risk"
    assert verdict.ratio == pytest.approx(0.8068, abs=5e-5)
    assert verdict.projection == pytest.approx(95.85, abs=5e-3)


def test_oracle_cumulative_flows() -> None:
    # Index 100 (2020); -2.7% then -0.1%: 97.3, then 97.3 * 0.999 = 97.2027 (2022).
    # T = 100 * (1 - 0.135) = 86.5 (2025). g_req = 0.865 ** (1/5) - 1 = -0.028589,
    # g_obs = 0.972027 ** (1/2) - 1 = -0.014086, R = 0.4927 -> off-track; projection 93.15.
    case = Case(
        "energy", direction="decrease", cumulative=True, unit="%",
        baseline=(Y[2020], 100.0), form="change", number=-13.5, target_date=Y[2025],
        observations=((Y[2021], -2.7), (Y[2022], -0.1)),
    )  # fmt: skip
    verdict = oracle(case, date(2023, 6, 30))
    assert verdict.status == "off-track"
    assert verdict.ratio == pytest.approx(0.4927, abs=5e-5)
    assert verdict.projection == pytest.approx(93.15, abs=5e-3)


def test_oracle_ceiling_at_risk() -> None:
    # At most 5.5 by 2025; 5.2 (2020), 5.1, 5.5: margin 0 holds; g_obs = (5.5/5.2) ** (1/2)
    # - 1 = 0.028439; projection 5.5 * 1.028439 ** 3 = 5.98 > 5.5 -> at-risk, no R.
    case = Case(
        "jobless", direction="at-most", unit="%", baseline=(Y[2020], 5.2), form="value",
        number=5.5, target_date=Y[2025], observations=((Y[2021], 5.1), (Y[2022], 5.5)),
    )  # fmt: skip
    verdict = oracle(case, date(2023, 6, 30))
    assert verdict.status == "at-risk"
    assert verdict.ratio is None
    assert verdict.margin == pytest.approx(0.0, abs=1e-12)
    assert verdict.projection == pytest.approx(5.98, abs=5e-3)


def test_oracle_floor_holds() -> None:
    # At least 6.5 by 2025, no baseline: 6.8285 (2021) serves; 6.8653 (2022): margin 0.3653;
    # g_obs = 6.8653/6.8285 - 1 = 0.005389, projection 6.8653 * 1.005389 ** 3 = 6.98 ->
    # on-track (not achieved early), no R.
    case = Case(
        "grain", direction="at-least", form="value", number=6.5, target_date=Y[2025],
        observations=((Y[2021], 6.8285), (Y[2022], 6.8653)),
    )  # fmt: skip
    verdict = oracle(case, date(2023, 6, 30))
    assert verdict.status == "on-track"
    assert verdict.ratio is None
    assert verdict.margin == pytest.approx(0.3653, abs=1e-9)
    assert verdict.projection == pytest.approx(6.98, abs=5e-3)


def test_oracle_publication_lag_both_sides() -> None:
    # 80 (2022) -> 100 by 2025, 86 (2024), no 2025 figure. On 2026-06-30 (2025-12-31 + 6
    # months) it awaits the final figure: g_req = 1.25 ** (1/3) - 1
    # = 0.077217, g_obs = 1.075 ** (1/2) - 1 = 0.036822, R = 0.4769 -> off-track, flagged.
    # A day later the latest figure on or before tT (86 < 100) decides: missed.
    case = Case(
        "farm", baseline=(Y[2022], 80.0), form="value", number=100.0, target_date=Y[2025],
        observations=((Y[2024], 86.0),),
    )  # fmt: skip
    within = oracle(case, date(2026, 6, 30))
    assert (within.status, within.awaiting_final) == ("off-track", True)
    assert within.ratio == pytest.approx(0.4769, abs=5e-5)
    after = oracle(case, date(2026, 7, 1))
    assert (after.status, after.awaiting_final) == ("missed", False)
    # With the final (2025) figure in, it decides at once, within the lag too: 101 achieved,
    # 99 missed.
    early = date(2026, 1, 31)
    final = replace(case, observations=((Y[2024], 86.0), (Y[2025], 101.0)))
    assert (oracle(final, early).status, oracle(final, early).awaiting_final) == ("achieved", False)
    short = replace(case, observations=((Y[2024], 86.0), (Y[2025], 99.0)))
    assert oracle(short, early).status == "missed"


def test_oracle_baseline_alone_is_never_missed_and_wrong_side_has_no_r() -> None:
    # Only a baseline, past the date: no-data, not missed.
    alone = Case("a", baseline=(Y[2020], 5.0), form="value", number=6.0, target_date=Y[2022])
    assert oracle(alone, Y[2024]).status == "no-data"
    # Increase to 90 with 100 (2015) serving as baseline and 80 (2020): wrong side, off-track.
    wrong = Case(
        "w", form="value", number=90.0, target_date=Y[2027],
        ledger=((Y[2015], 100.0), (Y[2020], 80.0)),
    )  # fmt: skip
    verdict = oracle(wrong, date(2021, 6, 30))
    assert (verdict.status, verdict.ratio) == ("off-track", None)
    # A ledger revision of 2020 to 95 (recorded later) wins: 95 >= 90 -> achieved.
    revised = replace(wrong, ledger=(*wrong.ledger, (Y[2020], 95.0)))
    assert oracle(revised, date(2021, 6, 30)).status == "achieved"


def test_oracle_yes_no() -> None:
    case = Case("zone", kind="yes-no", target_date=Y[2025])
    assert oracle(case, Y[2024]).status == "no-data"
    not_yet = replace(case, observations=((Y[2023], False),))
    assert oracle(not_yet, Y[2024]).status == "on-track"
    assert oracle(not_yet, Y[2026]).status == "missed"
    late = replace(case, observations=((Y[2023], False), (date(2026, 3, 31), True)))
    assert oracle(late, Y[2026]).status == "missed"
    done = replace(case, observations=((Y[2023], True),))
    assert oracle(done, Y[2026]).status == "achieved"


def test_oracle_target_forms() -> None:
    # change_by: 78.0 (2020) up 1 by 2025, linear: T = 79, a_req = 1/5 = 0.2 a year;
    # 78.3 (2022): a_obs = 0.3/2 = 0.15, R = 0.75 -> at-risk; projection 78.3 + 0.15 * 3 = 78.75.
    life = Case(
        "life", trajectory="linear", baseline=(Y[2020], 78.0), form="change_by", number=1.0,
        target_date=Y[2025], observations=((Y[2022], 78.3),),
    )  # fmt: skip
    verdict = oracle(life, date(2023, 6, 30))
    assert (verdict.status, verdict.ratio) == ("at-risk", pytest.approx(0.75))
    assert verdict.projection == pytest.approx(78.75)
    # annual_growth 5: 100 (2020) -> T = 100 * 1.05 ** 5 = 127.63 (2025); 110.25 (2022):
    # g_obs = 1.1025 ** (1/2) - 1 = 0.05 = g_req, R = 1 -> on-track.
    growth = replace(life, trajectory=None, baseline=(Y[2020], 100.0), form="annual_growth",
                     number=5.0, observations=((Y[2022], 110.25),))  # fmt: skip
    verdict = oracle(growth, date(2023, 6, 30))
    assert (verdict.status, verdict.ratio) == ("on-track", pytest.approx(1.0))
    # change -20 with no registry baseline: 50 (2020) serves, T = 40; 45 (2022) on a decrease:
    # g_req = 0.8 ** (1/5) - 1 = -0.043648, g_obs = 0.9 ** (1/2) - 1 = -0.051317, R = 1.1757.
    cut = Case(
        "cut", direction="decrease", form="change", number=-20.0, target_date=Y[2025],
        observations=((Y[2020], 50.0), (Y[2022], 45.0)),
    )  # fmt: skip
    verdict = oracle(cut, date(2023, 6, 30))
    assert (verdict.status, verdict.ratio) == ("on-track", pytest.approx(1.1757, abs=5e-5))


def test_oracle_linear_when_a_value_is_not_above_zero() -> None:
    # 10 (2020) -> 20 (2025) would be compound, but v = -2 (2022) is not above zero: linear,
    # a_req = 10/5 = 2, a_obs = -12/2 = -6, R = -3 -> off-track.
    case = Case(
        "net", baseline=(Y[2020], 10.0), form="value", number=20.0, target_date=Y[2025],
        observations=((Y[2022], -2.0),),
    )  # fmt: skip
    verdict = oracle(case, date(2023, 6, 30))
    assert (verdict.status, verdict.ratio) == ("off-track", pytest.approx(-3.0))


def test_oracle_floor_without_a_date_and_breached() -> None:
    # At least 50, no date: 60 (2020), 56 (2022): g_obs = (56/60) ** (1/2) - 1 = -0.033908,
    # five years on: 56 * 0.966092 ** 5 = 47.13 < 50 -> at-risk (holds now, margin 6).
    floor = Case(
        "floor", direction="at-least", baseline=(Y[2020], 60.0), form="value", number=50.0,
        observations=((Y[2022], 56.0),),
    )  # fmt: skip
    verdict = oracle(floor, date(2023, 6, 30))
    assert (verdict.status, verdict.margin) == ("at-risk", pytest.approx(6.0))
    assert verdict.projection == pytest.approx(47.128, abs=5e-4)
    # 49 (2022): margin -1, breached -> off-track.
    breached = replace(floor, observations=((Y[2022], 49.0),))
    assert oracle(breached, date(2023, 6, 30)).status == "off-track"
    # Only the registry baseline: no verdict; a floor needs no date, so no-data.
    assert oracle(replace(floor, observations=()), date(2023, 6, 30)).status == "no-data"


def test_oracle_quarterly_lag_and_lag_months() -> None:
    # Quarterly, 80 (2024-12-31) -> 100 by 2025-12-31, 90 (2025-09-30). Lag 3 months: on
    # 2026-03-31 it awaits the Q4 figure: years = 273/365 = 0.747945, g_obs = 1.125 **
    # (1/0.747945) - 1 = 0.170552, g_req = 0.25, R = 0.6822 -> at-risk, flagged.
    case = Case(
        "q", frequency="quarterly", baseline=(Y[2024], 80.0), form="value", number=100.0,
        target_date=Y[2025], observations=((date(2025, 9, 30), 90.0),),
    )  # fmt: skip
    within = oracle(case, date(2026, 3, 31))
    assert (within.status, within.awaiting_final) == ("at-risk", True)
    assert within.ratio == pytest.approx(0.6822, abs=5e-5)
    # A day later: 90 < 100, missed (final). With lag_months = 1, already on 2026-02-01.
    assert oracle(case, date(2026, 4, 1)).status == "missed"
    assert oracle(replace(case, lag_months=1), date(2026, 1, 31)).status == "at-risk"
    assert oracle(replace(case, lag_months=1), date(2026, 2, 1)).status == "missed"


def test_oracle_figures_only_after_the_target_date() -> None:
    # 5 (2020) -> 6 by 2022; the only figure is 2023's: past the lag, nothing on or before tT
    # but the baseline, which alone is never missed -> no-data.
    case = Case(
        "late", baseline=(Y[2020], 5.0), form="value", number=6.0, target_date=Y[2022],
        observations=((Y[2023], 7.0),),
    )  # fmt: skip
    assert oracle(case, Y[2024]).status == "no-data"


# --------------------------------------------------------------------------------------
# The generator: random targets of every kind, dated around each run's as_of.
#
# Left out on purpose, each because the registry must refuse it or METHOD leaves it open
# (hand-worked tests cover what is clear):
# - a target on the wrong side of a registry baseline, a wrong-signed growth or change,
#   a target date not after the baseline date, `annual_growth`/`change` with a linear
#   trajectory, an explicit compound trajectory with values not above zero: check refuses;
# - a wrong-side earliest observation is written to the ledger, not the registry (check
#   warns on it and may refuse it in the registry); wrong-side targets always have a date
#   (without one, rule 4 no-target and "else off-track" compete);
# - a target equal to its baseline (R undefined); growth/change/change_by forms on floors and
#   ceilings (a bound is a level); `annual_growth` without a date (no level at all);
#   percent forms on a baseline not above zero;
# - a baseline dated on or after as_of, observations on or before a registry baseline, and
#   without a registry baseline, an earliest observation on or after tT (METHOD is silent);
# - a floor or ceiling whose only data point is one observation serving as baseline (METHOD
#   says both "a verdict needs an observation after the baseline" and "with one data point
#   the margin alone decides");
# - past tT within the lag with the final figure missing, observations dated after tT ("the
#   latest value" could then be after tT);
# - as_of between the two readings of "tT + lag" (same day of the month vs the month's end,
#   e.g. 2025-09-30 + 3 months: 12-30 or 12-31);
# - cumulative targets without a registry baseline (where the index starts is open) or with
#   a gap between yearly changes; yes/no targets without a date and without any record;
# - yearly schedules, relative targets, `known_at` and mid-term `revisions` of the plan
#   (hand-worked tests cover them).
# --------------------------------------------------------------------------------------

AS_OFS = (
    date(2025, 12, 31),  # a period end for every frequency: tT == as_of is not past tT
    date(2026, 2, 28),  # monthly 2025-12-31 + 2 months
    date(2026, 3, 31),  # quarterly 2025-12-31 + 3 months
    date(2026, 5, 15),
    date(2026, 6, 30),  # annual 2025-12-31 + 6 months: still within the lag
    date(2026, 7, 1),  # a day after it
)
PLAIN_PER_RUN = 520
NEW_KEYS_PER_RUN = 200
MONTHS = {"annual": (12,), "quarterly": (3, 6, 9, 12), "monthly": tuple(range(1, 13))}


@functools.cache
def period_ends(frequency: str, low: date, high: date) -> tuple[date, ...]:
    """Period ends of the frequency from low to high, both included."""
    ends = []
    for year in range(low.year, high.year + 1):
        for month in MONTHS[frequency]:
            end = date(year, month, calendar.monthrange(year, month)[1])
            if low <= end <= high:
                ends.append(end)
    return tuple(ends)


def draw_target_date(
    rng: random.Random, frequency: str, lag: int, as_of: date
) -> tuple[date | None, str]:
    """tT among the frequency's period ends: before, at, within the lag of, or after as_of."""
    ends = period_ends(frequency, date(as_of.year - 4, 1, 1), date(as_of.year + 6, 12, 31))
    within = [e for e in ends if e < as_of <= lag_end(e, lag)]
    after = [e for e in ends if lag_end_month_end(e, lag) < as_of]
    places: dict[str, list[date | None]] = {
        "none": [None],
        "future": [e for e in ends if e > as_of],
        "at-as-of": [e for e in ends if e == as_of],
        "within-lag": list(within),
        "lag-boundary": [e for e in within if lag_end(e, lag) == as_of],
        "past-lag": list(after),
        "just-past-lag": [e for e in after if lag_end_month_end(e, lag) + timedelta(1) == as_of],
    }
    weights = {
        "none": 2, "future": 5, "at-as-of": 1, "within-lag": 3, "lag-boundary": 1,
        "past-lag": 3, "just-past-lag": 1,
    }  # fmt: skip
    while True:
        place = rng.choices(list(weights), weights=list(weights.values()))[0]
        if places[place]:
            return rng.choice(places[place]), place


@dataclass(frozen=True, slots=True)
class _Goal:
    """A drawn target: how it is stated, and the level it implies from the first point."""

    form: str | None
    """value, annual_growth, change, change_by or None."""
    number: float | None
    """The stated number."""
    level: float
    """T (for drawing values; the oracle computes its own)."""
    trajectory: str | None
    """The trajectory to write."""


def _draw_goal(
    rng: random.Random, direction: str, scale: str, v0: float, span: float, dated: bool, new: bool
) -> _Goal:
    """A target on the right side of v0 for its direction (floors: either side of it)."""
    bound = direction in FLOORS
    forms = ["value"] * 6 + ([] if bound else ["annual_growth", "change"] * (scale != "signed"))
    forms += ["change_by"] * 3 * (new and not bound)
    form = rng.choice([*forms, None])
    if form == "annual_growth" and not dated:
        form = "value"
    sign = 1 if direction in UP else -1
    size = abs(v0) * rng.uniform(0.05, 0.6) + rng.uniform(0.1, 2)
    trajectory = rng.choice([None, None, "linear", "compound"])
    if form == "annual_growth":
        number = sign * round(rng.uniform(0.5, 9), 1)
        return _Goal(form, number, v0 * (1 + number / 100) ** span, None)
    if form == "change":
        number = sign * round(rng.uniform(2, 30), 1)
        return _Goal(form, number, v0 * (1 + number / 100), None)
    if form == "change_by":
        number = sign * round(size, 2)
        level = v0 + number
    elif bound:  # a floor under the start mostly (it holds), sometimes above (breached)
        level = number = round(v0 - sign * (abs(v0) * rng.uniform(-0.05, 0.3) + 0.01), 2)
    else:
        level = number = round(v0 + sign * size, 2)
        if scale != "signed" and number <= 0:
            level = number = round(v0 * 0.5, 2)
    if trajectory == "compound" and (level <= 0 or v0 <= 0):
        trajectory = None  # check refuses a compound path through values not above zero
    if form is None:
        number = None
    return _Goal(form, number, level, trajectory)


def draw_numeric(rng: random.Random, target_id: str, as_of: date, new_keys: bool) -> Case:
    """A numeric commitment of any direction, form and frequency, dated around as_of."""
    frequency = rng.choices(["annual", "quarterly", "monthly"], weights=[6, 2, 2])[0]
    direction = rng.choice(["increase", "decrease", "at-least", "at-most"])
    lag_months = rng.randint(1, 9) if new_keys and rng.random() < 0.5 else None
    lag = DEFAULT_LAG_MONTHS[frequency] if lag_months is None else lag_months
    tT, place = draw_target_date(rng, frequency, lag, as_of)
    # The baseline: a period end before as_of and before tT, up to 8 years back.
    end = min(as_of, tT) if tT is not None else as_of
    t0 = rng.choice([s for s in period_ends(frequency, date(end.year - 8, 1, 1), end) if s < end])
    scale = rng.choice(["positive", "percent", "signed"])
    v0 = {
        "positive": round(rng.uniform(5, 500), 2),
        "percent": round(rng.uniform(1, 90), 2),
        "signed": round(rng.uniform(-20, 20), 2) or 1.5,
    }[scale]
    span = naive_years(t0, tT) if tT is not None else 5.0
    goal = _draw_goal(rng, direction, scale, v0, span, tT is not None, new_keys)
    positive = goal.trajectory == "compound" or goal.form in ("annual_growth", "change")
    pace = (goal.level - v0) / span * rng.choice([rng.uniform(-1, 2.5), rng.uniform(0.5, 1.3)])
    if direction in FLOORS:
        pace = abs(v0) * rng.uniform(-0.06, 0.06)
    noise = abs(v0) * rng.choice([0.0, 0.005, 0.02])
    number, registered = goal.number, rng.random() >= 0.35  # else the earliest figure serves
    wrong_way = goal.form == "value" and direction not in FLOORS and tT is not None
    if not registered and wrong_way and rng.random() < 0.5 and 2 * v0 - goal.level > 0:
        # Beyond the baseline the wrong way ("increase" to 90 from 100), the values falling
        # past it or not yet.
        number = round(2 * v0 - goal.level, 2)
        pace = (number - v0) / span * rng.uniform(0.5, 4)

    def value_at(day: date) -> float:
        value = v0 + pace * naive_years(t0, day) + rng.uniform(-noise, noise)
        return round(max(value, 0.5) if positive else value, 3)

    # Observations: 0-6 period ends after the baseline, up to 200 days after as_of (those after
    # as_of must not count), often including tT itself (the final figure).
    horizon = as_of + timedelta(days=200)
    later_ends = period_ends(frequency, t0 + timedelta(days=1), horizon)
    count = rng.choice([0, 1, 1, 2, 3, 4, 5, 6])
    chosen = set(rng.sample(later_ends, min(count, len(later_ends))))
    if tT is not None and tT in later_ends and rng.random() < 0.4:
        chosen.add(tT)
    observations = [(d, value_at(d)) for d in sorted(chosen)]
    baseline: tuple[date, float] | None = (t0, v0)
    label = f"{direction}/{goal.form or 'no-value'}/{goal.trajectory or 'default'}/{frequency}"
    if not registered:
        baseline, observations = None, ([(t0, v0), *observations] if count else [])
    case = Case(
        target_id, direction=direction, trajectory=goal.trajectory, frequency=frequency,
        lag_months=lag_months, unit="%" if scale == "percent" else "billion yuan",
        baseline=baseline, form=goal.form, number=number,
        target_date=tT if goal.form is not None or rng.random() < 0.5 else None,
        observations=tuple(observations), label=f"{label}/{place}",
    )  # fmt: skip
    return _exclusions(rng, case, as_of, lag)


def _exclusions(rng: random.Random, case: Case, as_of: date, lag: int) -> Case:
    """The case, changed to avoid what the generator leaves out (see the list above)."""
    tT = case.target_date
    observations = list(case.observations)
    awaiting = case.form is not None and tT is not None and tT < as_of <= lag_end(tT, lag)
    if awaiting and all(d != tT for d, _ in observations):
        observations = [(d, v) for d, v in observations if not tT < d <= as_of]
    bound = case.direction in FLOORS
    effective = [o for o in observations if o[0] <= as_of]
    if case.baseline is None and bound and len(effective) == 1:
        observations = observations[1:]  # the lone point becomes no point at all
    case = replace(case, observations=tuple(observations))
    if case.baseline is None and observations and case.form == "value" and not bound:
        first = observations[0][1]
        assert case.number is not None
        if first == case.number:
            case = replace(case, number=case.number + 0.5)
        assert case.number is not None
        wrong = (case.direction == "increase") == (case.number < first)
        if wrong and tT is None:  # no date: put the target on the right side instead
            case = replace(case, number=round(2 * first - case.number, 2))
        elif wrong:  # in the ledger: check may refuse it in the registry
            label = case.label + "/wrong-side"
            return replace(case, ledger=case.observations, observations=(), label=label)
    if rng.random() < 0.06 and observations and not case.cumulative:
        # Ledger rows with a revision: an earlier row for one period, then the one that wins.
        day, value = rng.choice(observations)
        rows = [(day, round(value * 0.9, 3) if value else 1.0), *observations]
        return replace(case, ledger=tuple(rows), observations=(), label=case.label + "/revised")
    return case


def draw_cumulative(rng: random.Random, target_id: str, as_of: date) -> Case:
    """A cumulative flow: yearly changes in percent, a change target on an index of 100."""
    direction = rng.choice(["increase", "decrease"])
    lag = DEFAULT_LAG_MONTHS["annual"]
    tT, place = draw_target_date(rng, "annual", lag, as_of)
    end = min(as_of, tT) if tT is not None else as_of
    t0 = date(rng.randint(end.year - 6, end.year - 1), 12, 31)
    sign = 1 if direction == "increase" else -1
    change = sign * round(rng.uniform(3, 20), 1)
    span = naive_years(t0, tT) if tT is not None else 5.0
    yearly = ((1 + change / 100) ** (1 / span) - 1) * 100 * rng.uniform(-0.8, 2.2)
    years_in = range(t0.year + 1, t0.year + 1 + rng.randint(0, 6))
    changes = tuple((year_end(y), round(yearly + rng.uniform(-0.8, 0.8), 1)) for y in years_in)
    form = rng.choice(["change", "change", None])
    case = Case(
        target_id, direction=direction, cumulative=True, unit="%", baseline=(t0, 100.0),
        form=form, number=change if form else None, target_date=tT, observations=changes,
        label=f"cumulative/{direction}/{form or 'no-value'}/{place}",
    )  # fmt: skip
    return _exclusions(rng, case, as_of, lag)


def year_end(year: int) -> date:
    """31 December of the year."""
    return date(year, 12, 31)


def draw_yes_no(rng: random.Random, target_id: str, as_of: date) -> Case:
    """A yes/no target with 0-3 records (done or not), dated around as_of."""
    tT, place = draw_target_date(rng, "annual", DEFAULT_LAG_MONTHS["annual"], as_of)
    if rng.random() < 0.3 and tT is not None:
        tT = rng.choice(period_ends("monthly", date(as_of.year - 2, 1, 1), as_of))
    days = period_ends("monthly", date(as_of.year - 4, 1, 1), as_of + timedelta(days=300))
    records = sorted(rng.sample(days, rng.randint(0, 3)))
    if tT is None and not any(d <= as_of for d in records):
        records = sorted({*records, rng.choice([d for d in days if d <= as_of])})
    observations = tuple((d, rng.random() < 0.45) for d in records)
    label = f"yes-no/{place}"
    return Case(target_id, kind="yes-no", target_date=tT, observations=observations, label=label)


def draw_role(rng: random.Random, target_id: str, as_of: date) -> Case:
    """An entry never judged: a reported fact (with figures) or a direction (nothing)."""
    if rng.random() < 0.5:
        figures = ((year_end(as_of.year - rng.randint(1, 4)), round(rng.uniform(1, 100), 2)),)
        return Case(target_id, role="reported", observations=figures, label="reported")
    return Case(target_id, role="direction", label="direction")


@functools.cache  # three tests draw the same plans
def draw_plan(seed: int, as_of: date) -> tuple[tuple[Case, ...], tuple[Case, ...]]:
    """Targets for one as_of: those in version-1 keys only, and those using version-2 keys."""
    rng = random.Random(seed)
    plain = []
    for number in range(PLAIN_PER_RUN):
        if rng.random() < 0.1:
            plain.append(draw_yes_no(rng, f"p{number}", as_of))
        else:
            plain.append(draw_numeric(rng, f"p{number}", as_of, new_keys=False))
    new = []
    for number in range(NEW_KEYS_PER_RUN):
        pick = rng.random()
        if pick < 0.15:
            new.append(draw_role(rng, f"n{number}", as_of))
        elif pick < 0.4:
            new.append(draw_cumulative(rng, f"n{number}", as_of))
        else:
            case = draw_numeric(rng, f"n{number}", as_of, new_keys=True)
            if case.lag_months is None and case.form != "change_by":
                case = replace(case, role="commitment")  # a version-2 key all the same
            new.append(case)
    return tuple(plain), tuple(new)


# --------------------------------------------------------------------------------------
# Registry and ledger text.
# --------------------------------------------------------------------------------------


def _number(value: float) -> str:
    text = repr(float(value))
    assert math.isfinite(value), text
    return text


def registry_text(cases: Sequence[Case]) -> str:
    """A registry holding every case (their ledger rows go to ledger_csv)."""
    lines = [
        'schema = "zqplan.registry/1"',
        "[plan]",
        'id = "oracle"',
        'title = "Random targets"',
        "[areas.a]",
        'title = "A"',
    ]
    for case in cases:
        lines += [
            f"[targets.{case.id}]",
            'area = "a"',
            f'title = "{case.label or case.id}"',
            'source = "generated"',
        ]
        if case.kind == "yes-no":
            lines.append('kind = "yes-no"')
        else:
            lines.append(f'unit = "{case.unit}"')
            lines.append(f'direction = "{case.direction}"')
            lines.append(f'frequency = "{case.frequency}"')
        if case.role is not None:
            lines.append(f'role = "{case.role}"')
        if case.trajectory is not None:
            lines.append(f'trajectory = "{case.trajectory}"')
        if case.lag_months is not None:
            lines.append(f"lag_months = {case.lag_months}")
        if case.cumulative:
            lines.append("cumulative = true")
        if case.baseline is not None:
            day, value = case.baseline
            lines.append(f"baseline = {{ value = {_number(value)}, date = {day} }}")
        parts = []
        if case.form is not None:
            assert case.number is not None
            parts.append(f"{case.form} = {_number(case.number)}")
        if case.target_date is not None:
            parts.append(f"date = {case.target_date}")
        if parts:
            lines.append(f"target = {{ {', '.join(parts)} }}")
        if case.observations:
            shown = [
                f"{{ date = {d}, value = {str(v).lower() if isinstance(v, bool) else _number(v)} }}"
                for d, v in case.observations
            ]
            lines.append(f"observations = [{', '.join(shown)}]")
    return "\n".join(lines) + "\n"


def ledger_csv(cases: Sequence[Case]) -> str:
    """The ledger rows of every case, in the order they are to be recorded."""
    rows = ["target,value,date,source,note"]
    for case in cases:
        rows += [f"{case.id},{_number(v)},{d},generated," for d, v in case.ledger]
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------------------
# The property: zqplan agrees with the oracle on every target.
# --------------------------------------------------------------------------------------

SEED = int(os.environ.get("ZQPLAN_ORACLE_SEED", "20261130"))
"""The random plans' seed: set ZQPLAN_ORACLE_SEED to try others."""


def _judge_with_zqplan(
    tmp_path: Path, name: str, cases: Sequence[Case], as_of: date
) -> dict[str, dict[str, object]] | str:
    """zqplan's JSON entries by id, or why it gave none (the command's error line)."""
    folder = tmp_path / name
    folder.mkdir()
    registry = folder / "targets.toml"
    registry.write_text(registry_text(cases), encoding="utf-8")
    env = {"ZQPLAN_NO_CACHE": "1"}
    if any(case.ledger for case in cases):
        batch = folder / "ledger.csv"
        batch.write_text(ledger_csv(cases), encoding="utf-8")
        args = ("update", "--from", str(batch), "--force", "--registry", str(registry))
        done = run_zqplan(*args, cwd=folder, env=env)
        if done.returncode != 0:
            return f"update refused: {done.stderr.replace(str(folder), '').strip()[:200]}"
    args = ("status", "--json", "--as-of", as_of.isoformat(), "--registry", str(registry))
    done = run_zqplan(*args, cwd=folder, env=env)
    if done.returncode != 0:
        return f"status refused: {done.stderr.replace(str(folder), '').strip()[:200]}"
    return {entry["id"]: entry for entry in json.loads(done.stdout)["targets"]}


def _disagreements(
    case: Case, expected: Verdict, got: dict[str, object] | None
) -> list[tuple[str, str]]:
    """(class, detail) for each way zqplan's entry differs from the oracle's verdict."""
    where = f"{case.label}, rule {expected.rule}"
    if expected.status is None:  # reported / direction: listed (status null) or absent
        if got is not None and got.get("status") is not None:
            return [(f"judged a {case.role} entry", f"status {got.get('status')}")]
        return []
    if got is None:
        return [("target missing from the JSON", where)]
    found: list[tuple[str, str]] = []
    status = got.get("status")
    if status != expected.status:
        found.append(
            (f"status: rule {expected.rule}: {expected.status} != {status}",
             f"{where}; zqplan ratio {got.get('ratio')}, oracle R {expected.ratio}")
        )  # fmt: skip
    ratio = got.get("ratio")
    # No R for floors, ceilings, wrong-side targets and yes/no targets, nor without a dated
    # target value or an observation after the baseline.
    no_ratio = case.direction in FLOORS or case.kind == "yes-no" or "wrong-side" in where
    if no_ratio or expected.status in ("no-target", "no-data"):
        if ratio is not None:
            found.append((f"R given where METHOD has none: rule {expected.rule}", where))
    elif expected.ratio is None:
        pass  # achieved or missed: R is not what decides
    elif not isinstance(ratio, (int, float)) or not math.isclose(
        ratio, expected.ratio, rel_tol=R_TOLERANCE, abs_tol=1e-12
    ):
        found.append((f"R: rule {expected.rule}", f"{where}: {ratio} != {expected.ratio}"))
    # awaiting_final is not compared where METHOD is open: with no data, and when the latest
    # value already meets the target ("-> achieved; otherwise ..., with the flag").
    awaiting = bool(got.get("awaiting_final"))
    open_flag = expected.status == "no-data" or expected.rule == "1-awaiting-met"
    if case.kind == "numeric" and not open_flag and awaiting != expected.awaiting_final:
        found.append((f"awaiting_final: rule {expected.rule}", where))
    # Margin (floors, ceilings) and projection to tT, before the target date.
    if expected.rule in ("3-bound", "6-8") and case.target_date is not None:
        for name, number in (("margin", expected.margin), ("projection", expected.projection)):
            shown = got.get(name)
            if isinstance(shown, dict):
                shown = shown.get("value")
            if number is not None and not (
                isinstance(shown, (int, float))
                and math.isclose(shown, number, rel_tol=R_TOLERANCE, abs_tol=1e-9)
            ):
                found.append((f"{name}: rule {expected.rule}", f"{where}: {shown} != {number}"))
    return found


def compare_plan(
    tmp_path: Path, *, seed: int = SEED, split: bool = False
) -> tuple[int, dict[str, list[str]], dict[str, int]]:
    """Judge the random plans with zqplan and the oracle: (targets, disagreements, rules).

    One registry per as_of; with split, the targets using version-2 keys in one of their own
    (so that a zqplan refusing those keys still judges the rest).
    """
    problems: dict[str, list[str]] = defaultdict(list)
    rules: dict[str, int] = defaultdict(int)
    judged = 0
    for run, as_of in enumerate(AS_OFS):
        plain, new = draw_plan(seed + run, as_of)
        groups = [("plain", plain), ("new-keys", new)] if split else [("all", plain + new)]
        for name, cases in groups:
            answer = _judge_with_zqplan(tmp_path, f"{name}-{run}", cases, as_of)
            for case in cases:
                expected = oracle(case, as_of)
                rules[expected.rule] += 1
                judged += 1
                if isinstance(answer, str):
                    problems[f"{name} registry: {answer}"].append(f"{as_of} {case.id}")
                    continue
                for kind, detail in _disagreements(case, expected, answer.get(case.id)):
                    problems[kind].append(f"{as_of} {case.id} ({detail})")
    return judged, problems, rules


def _status_schema(tmp_path: Path) -> str:
    """The `schema` of the installed zqplan's status JSON, on a one-target registry."""
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "targets.toml").write_text(registry_text([Case("probe", form="value", number=1.0)]))
    done = run_zqplan("status", "--json", "--registry", "targets.toml", cwd=folder)
    return str(json.loads(done.stdout)["schema"])


def features(case: Case) -> list[str]:
    """What kind of target the case is, for the coverage check."""
    if case.kind == "yes-no" or case.role in ("reported", "direction"):
        return [case.kind, f"role {case.role}"]
    return [
        f"direction {case.direction}", f"form {case.form}", f"frequency {case.frequency}",
        f"trajectory {case.trajectory}", f"baseline {case.baseline is not None}",
        f"dated {case.target_date is not None}", f"cumulative {case.cumulative}",
        f"lag_months {case.lag_months is not None}", f"ledger {bool(case.ledger)}",
        f"observations {len(case.observations) + len(case.ledger)}",
    ]  # fmt: skip


def test_the_generator_covers_every_kind() -> None:
    seen: dict[str, int] = defaultdict(int)
    for run, as_of in enumerate(AS_OFS):
        plain, new = draw_plan(SEED + run, as_of)
        for case in plain + new:
            for feature in features(case):
                seen[feature] += 1
    wanted = [
        "numeric", "yes-no", "role reported", "role direction", "cumulative True",
        "lag_months True", "ledger True", "baseline False", "dated False",
        *(f"direction {d}" for d in ("increase", "decrease", "at-least", "at-most")),
        *(f"form {f}" for f in ("value", "annual_growth", "change", "change_by", None)),
        *(f"frequency {f}" for f in ("annual", "quarterly", "monthly")),
        *(f"trajectory {t}" for t in ("compound", "linear", None)),
        *(f"observations {n}" for n in range(7)),
    ]  # fmt: skip
    assert {feature: seen[feature] for feature in wanted if seen[feature] < 20} == {}


def _left_out(case: Case, as_of: date) -> str:
    """Which exclusion of the generator (listed above) the case breaks, or ""."""
    figures = [d for d, _ in (*case.observations, *case.ledger)]
    effective = sorted({d for d in figures if d <= as_of})
    tT, lag = case.target_date, case.lag_months or DEFAULT_LAG_MONTHS[case.frequency]
    if case.kind == "yes-no":
        return "" if tT is not None or effective else "yes/no, no date, no record"
    start = case.baseline[0] if case.baseline else min(effective, default=None)
    if case.baseline and not (case.baseline[0] < as_of and all(d > start for d in figures)):
        return "baseline not before as_of and every figure"
    rising = case.direction == "increase"
    if case.baseline and case.form == "value" and case.direction not in FLOORS:
        assert case.number is not None
        if case.number == case.baseline[1] or (case.number < case.baseline[1]) == rising:
            return "target not beyond the registry baseline"
    if case.form in ("annual_growth", "change", "change_by"):
        assert case.number is not None
        if case.direction in FLOORS or (case.number > 0) != rising:
            return "a growth or change of the wrong sign or on a bound"
    values = [v for _, v in (*case.observations, *case.ledger)]
    level = case.number if case.form == "value" and case.number is not None else 1.0
    if case.trajectory == "compound" and min([level, *values]) <= 0:
        return "an explicit compound path through a value not above zero"
    if tT is not None and start is not None and start >= tT:
        return "baseline not before tT"
    if tT is not None and lag_end(tT, lag) < as_of <= lag_end_month_end(tT, lag):
        return "as_of between the readings of tT + lag"
    awaiting = case.form is not None and tT is not None and tT < as_of <= lag_end(tT, lag)
    if awaiting and tT is not None and tT not in effective and any(tT < d for d in effective):
        return "a figure after tT while awaiting the final one"
    if case.direction in FLOORS and not case.baseline and len(effective) == 1:
        return "a bound with one data point"
    years_in = [d.year for d in figures]
    if (
        case.cumulative
        and start
        and years_in != list(range(start.year + 1, start.year + 1 + len(years_in)))
    ):
        return "cumulative changes not year after year"
    return ""


def test_the_generator_leaves_out_what_it_says() -> None:
    broken = defaultdict(list)
    for run, as_of in enumerate(AS_OFS):
        plain, new = draw_plan(SEED + run, as_of)
        for case in plain + new:
            why = _left_out(case, as_of)
            if why:
                broken[why].append(case.id)
    assert dict(broken) == {}
    # The check itself catches what it looks for.
    lone = Case("x", direction="at-least", form="value", number=1.0, observations=((Y[2020], 1.0),))
    assert _left_out(lone, Y[2021]) == "a bound with one data point"
    below = Case("x", baseline=(Y[2020], 5.0), form="value", number=4.0, target_date=Y[2025])
    assert _left_out(below, Y[2021]) == "target not beyond the registry baseline"


def test_zqplan_agrees_with_the_naive_oracle(tmp_path: Path) -> None:
    judged, problems, rules = compare_plan(tmp_path)
    assert judged >= 4000
    # Every rule of the oracle decides at least a few targets (the generator's reach).
    for rule in ("1-final", "1-awaiting-met", "1-awaiting-6-8", "1-awaiting-3-bound",
                 "1-awaiting-wrong-side", "1-stale", "1-stale-none", "1-no-data", "2",
                 "3-bound", "4", "4-bound", "4-no-data", "5", "6-8", "wrong-side", "yn-done",
                 "yn-past", "yn-before", "yn-no-date", "role"):  # fmt: skip
        assert rules[rule] >= 5, (rule, dict(rules))
    if problems:
        report = [
            f"{len(cases)} x {kind}: e.g. {'; '.join(cases[:3])}"
            for kind, cases in sorted(problems.items(), key=lambda item: -len(item[1]))
        ]
        count = len({case for cases in problems.values() for case in cases})
        if _status_schema(tmp_path) == "zqplan.status/1":
            # This test is written to METHOD version 2 (JSON zqplan.status/2); the method-1
            # code it lands on before the implementation disagrees by design.
            pytest.xfail(f"method version 1 installed: {count} of {judged} disagree")
        pytest.fail(
            f"zqplan and the oracle disagree on {count} of {judged} targets:\n" + "\n".join(report)
        )

"""The plausibility guard of `zqplan update`: a new figure far from the target's previous one.

Pure: the caller gathers the target's figures (registry baseline and observations,
ledger records) and the value typed; this module says whether the value is
plausible, and if not, why and what was probably meant.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

RATIO = 10.0
"""A value more than RATIO times, or less than 1/RATIO of, the previous figure is refused."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the target already has: its baseline, a registry observation or a record."""

    date: dt.date
    """The end of the period it describes."""
    value: float
    """The value, in the target's unit."""
    origin: str
    """Where it is: "baseline", "registry", or a ledger record id."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a value is implausible, and what was probably meant."""

    message: str
    """What is wrong: the value against the figure it was compared with."""
    hint: str
    """What to do: the likely intended value, or --force."""


def reference(figures: Sequence[Figure], period: dt.date) -> Figure | None:
    """The previous figure: the latest dated on or before `period` (the last given
    among figures of one date, as revisions are), else the earliest after it."""
    before = [f for f in figures if f.date <= period]
    if before:
        latest = max(f.date for f in before)
        return [f for f in before if f.date == latest][-1]
    after = [f for f in figures if f.date > period]
    if after:
        earliest = min(f.date for f in after)
        return [f for f in after if f.date == earliest][-1]
    return None


def judge(
    value: float,
    *,
    typed: str,
    unit: str,
    percent: bool,
    plain: float | None,
    figures: Sequence[Figure],
    period: dt.date,
) -> Verdict | None:
    """None when `value` is plausible; else why not.

    `typed` is the value as written, `unit` the target's unit as declared, `percent`
    whether that unit is a percentage (%), `plain` the number typed without the
    magnitude word that came with it (5500万 -> 5500; None when no word came).
    """
    force = "if the figure is right, record it with --force"
    if percent and 0 < value < 1 and figures and all(f.value > 1 for f in figures):
        return Verdict(
            f"{typed!r} looks like a fraction, but '{unit}' is a percentage and every "
            "figure of this target is above 1",
            f"write it in percent: {_number(value * 100)} for {_number(value)}; {force}",
        )
    previous = reference(figures, period)
    if previous is None or previous.value == 0 or value == 0:
        return None
    if (value > 0) != (previous.value > 0):
        return None  # a change of sign is no question of scale
    ratio = value / previous.value
    if 1 / RATIO <= ratio <= RATIO:
        return None
    # previous / value, not 1 / ratio: a tiny value makes the ratio underflow to 0.
    times = ratio if ratio > 1 else previous.value / value
    shown = _number(times) if math.isfinite(times) else "more than 1e308"
    how = f"{shown} times" if ratio > 1 else f"1/{shown} of"
    message = (
        f"{typed!r} is {_number(value)} {unit}".rstrip()
        + f", {how} the previous figure {_number(previous.value)} ({previous.date}, "
        + f"{previous.origin}); more than {RATIO:g}x apart"
    )
    hint = force
    if plain is not None and 1 / RATIO <= plain / previous.value <= RATIO:
        meant = f"{_number(plain)} {unit}".rstrip()
        hint = f"the magnitude word makes it so: did you mean {meant}? {force}"
    return Verdict(message, hint)


def _number(amount: float) -> str:
    """A number as short text: 0.55, 5500, 1e+06."""
    return f"{amount:.6g}"

"""Plain-text formatting of values, rates and dates, shared by the human renderers."""

from __future__ import annotations

import datetime as dt

from zqplan.model import Trajectory, Value
from zqplan.safe import printable

__all__ = ["bar", "day", "difference", "is_percent", "percent", "printable", "rate", "value"]


def value(amount: Value | None, unit: str = "") -> str:
    """A value in its unit, with thousands separators: '130,000 vehicles', '95.85 %'."""
    if amount is None:
        return "—"
    if isinstance(amount, bool):
        return "done" if amount else "not done"
    from zqplan.units import format_quantity, parse_unit

    return format_quantity(amount, parse_unit(unit))


def percent(share: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.373 -> '37.3%'."""
    return "—" if share is None else f"{share * 100:.1f}%"


def rate(
    amount: float | None, basis: Trajectory | None, unit: str, *, cumulative: bool = False
) -> str:
    """A yearly rate: '+4.56%/yr' (compound), '+0.14 pp/yr' (linear, of a percentage),
    '+4 vehicles/yr' (linear)."""
    if amount is None or basis is None:
        return "—"
    if basis is Trajectory.COMPOUND:
        return f"{amount * 100:+.2f}%/yr"
    sign = "+" if amount >= 0 else ""
    if cumulative:
        return f"{sign}{value(amount)} index points/yr"
    if is_percent(unit):
        return f"{sign}{value(amount)} pp/yr"
    return f"{sign}{value(amount, unit)}/yr"


def difference(amount: float | None, unit: str, *, zh: bool = False) -> str:
    """A difference of two values: in percentage points (百分点) when the values are in %."""
    if amount is None:
        return "—"
    if is_percent(unit):
        return f"{value(amount)}{'个百分点' if zh else ' percentage points'}"
    return value(amount, unit)


def is_percent(unit: str) -> bool:
    """Whether values are in percent (their differences are percentage points, 百分点)."""
    from zqplan.units import parse_unit

    return parse_unit(unit).base == "percent"


def day(date: dt.date | None) -> str:
    """ISO date, or a dash."""
    return "—" if date is None else date.isoformat()


def bar(share: float | None, width: int = 10) -> str:
    """A text progress bar of the clamped share: '███░░░░░░░'."""
    if share is None:
        return " " * width
    filled = round(min(max(share, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)

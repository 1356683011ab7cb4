"""Plain-text formatting of values, rates and dates, shared by the human renderers."""

from __future__ import annotations

import datetime as dt

from zqplan.model import Trajectory, Value
from zqplan.safe import printable

__all__ = ["bar", "day", "fixed", "percent", "printable", "rate", "value"]


def value(amount: Value | None, unit: str = "") -> str:
    """A value in its unit, with thousands separators: '130,000 vehicles', '95.85 %'."""
    if amount is None:
        return "—"
    if isinstance(amount, bool):
        return "done" if amount else "not done"
    from zqplan.units import format_quantity, parse_unit

    return format_quantity(amount, parse_unit(unit))


def fixed(number: float, decimals: int, *, signed: bool = False) -> str:
    """A number with that many decimals; what rounds to zero prints as 0, never -0."""
    rounded = round(number, decimals) + 0.0  # -0.0 + 0.0 is 0.0
    return f"{rounded:{'+' if signed else ''}.{decimals}f}"


def percent(share: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.373 -> '37.3%'."""
    return "—" if share is None else f"{fixed(share * 100, 1)}%"


def rate(amount: float | None, basis: Trajectory | None, unit: str) -> str:
    """A yearly rate: '+4.56%/yr' (compound) or '+4 points/yr' (linear)."""
    if amount is None or basis is None:
        return "—"
    if basis is Trajectory.COMPOUND:
        return f"{fixed(amount * 100, 2, signed=True)}%/yr"
    return f"{'+' if amount >= 0 else ''}{value(amount, unit)}/yr"


def day(date: dt.date | None) -> str:
    """ISO date, or a dash."""
    return "—" if date is None else date.isoformat()


def bar(share: float | None, width: int = 10) -> str:
    """A text progress bar of the clamped share: '███░░░░░░░'."""
    if share is None:
        return " " * width
    filled = round(min(max(share, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)

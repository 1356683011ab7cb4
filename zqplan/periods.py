"""Periods as people write them ("2024", "2024-Q4", "2024年12月"), read as the period's last day.

Pure: no clock, no I/O. Every form names a day, a month, a quarter or a year; the
value zqplan stores is the end of that period, as a figure "for 2024" is dated
2024-12-31.
"""

from __future__ import annotations

import datetime as dt
import re

FORMS = "YYYY-MM-DD, YYYY/MM/DD, YYYY, YYYY-Q4, YYYY-MM, 2024年, 2024年12月, 2024年第四季度"
"""The forms accepted, for messages."""

_CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# The forms' patterns compile when first tried (re keeps them): an update with a date
# such as 2024-12-31 tries only _DAY.
_DAY = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日"
_MONTH = r"(\d{4})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月(?:份)?(?:末|底)?"
_QUARTER = (
    r"(\d{4})\s*[-/ ]?\s*[Qq]([1-4])|[Qq]([1-4])\s*[-/ ]?\s*(\d{4})"
    r"|(\d{4})年\s*第?([一二三四1-4])季度(?:末)?"
)
_YEAR = r"(\d{4})(?:年(?:度)?(?:末|底)?)?"

_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
"""Full-width digits and signs (２０２４／１２) as ASCII."""


class PeriodError(ValueError):
    """Text that names no day, month, quarter or year."""

    def __init__(self, text: str, reason: str = ""):
        super().__init__(f"{text!r} is not a date" + (f": {reason}" if reason else ""))
        self.reason = reason
        """Why not, when the form was right (a day that does not exist)."""


def parse_period(text: str) -> dt.date:
    """The last day of the period `text` names.

    "2024-12-31", "2024/12/31", "2024年12月31日" -> that day; "2024", "2024年" -> 2024-12-31;
    "2024-Q4", "2024Q4", "2024年第四季度" -> 2024-12-31; "2024-06", "2024年6月" -> 2024-06-30.
    Raises PeriodError when it names none, or names a day that does not exist.
    """
    typed = text.translate(_WIDE).strip()
    try:
        if found := re.fullmatch(_DAY, typed):
            year, month, day = (int(g) for g in found.groups() if g is not None)
            return dt.date(year, month, day)
        if found := re.fullmatch(_QUARTER, typed):
            parts = [g for g in found.groups() if g is not None]
            if found.group(3) is not None:  # Q4 2024
                parts.reverse()
            return quarter_end(int(parts[0]), _CHINESE_NUMERALS[parts[1]])
        if found := re.fullmatch(_MONTH, typed):
            year, month = (int(g) for g in found.groups() if g is not None)
            return month_end(year, month)
        if found := re.fullmatch(_YEAR, typed):
            return dt.date(int(found.group(1)), 12, 31)
    except ValueError as exc:
        raise PeriodError(text, str(exc)) from None
    raise PeriodError(text)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    if month == 12:
        return dt.date(year, 12, 31)
    # The day before the next month's first (not calendar.monthrange: calendar loads
    # locale, ~2 ms of an update).
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter (1-4)."""
    return month_end(year, quarter * 3)


def last_complete(frequency: str, today: dt.date) -> dt.date:
    """The end of the last period of this frequency (annual, quarterly, monthly) that
    ended before `today`: the period a figure given without a date is for."""
    if frequency == "monthly":
        return today.replace(day=1) - dt.timedelta(days=1)
    if frequency == "quarterly":
        first_month = (today.month - 1) // 3 * 3 + 1
        return today.replace(month=first_month, day=1) - dt.timedelta(days=1)
    return dt.date(today.year - 1, 12, 31)

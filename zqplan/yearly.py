"""Yearly targets as a plan writes them: "about 7", ">= 5.5", "6-6.5", "7左右", "5.5以上"."""

from __future__ import annotations

import math
import re

from zqplan.model import Comparator, YearlyTarget

__all__ = ["EXAMPLES", "parse_yearly"]

EXAMPLES = (
    '7 (at least 7 in the good direction), "about 7", ">= 5.5", "<= 3", "> 5", "< 3", '
    '"6-6.5", or in the plan\'s words: "7左右", "5.5以上", "3以内", "不低于5.5"'
)
"""What a yearly entry may look like, for hints."""

_NUMBER = r"([-+]?\d+(?:\.\d+)?)"
_PATTERNS: tuple[tuple[Comparator, re.Pattern[str]], ...] = tuple(
    (comparator, re.compile(pattern))
    for comparator, pattern in (
        (Comparator.EQUAL, rf"^=?{_NUMBER}?$"),
        (Comparator.RANGE, rf"^{_NUMBER}(?:-|~|至|到){_NUMBER}$"),
        (Comparator.ABOUT, rf"^(?:about|around|approximately|约|~){_NUMBER}?$"),
        (Comparator.ABOUT, rf"^{_NUMBER}?(?:左右|上下|同步)$"),
        (Comparator.AT_LEAST, rf"^(?:>=|atleast|notlessthan|不低于|不少于|至少){_NUMBER}?$"),
        (Comparator.AT_LEAST, rf"^{_NUMBER}?以上$"),
        (Comparator.AT_MOST, rf"^(?:<=|atmost|notmorethan|不超过|不高于|最多){_NUMBER}?$"),
        (Comparator.AT_MOST, rf"^{_NUMBER}?(?:以内|以下)$"),
        (Comparator.ABOVE, rf"^(?:>|above|morethan|高于|超过|快于){_NUMBER}?$"),
        (Comparator.BELOW, rf"^(?:<|below|lessthan|低于|慢于){_NUMBER}?$"),
    )
)
_WIDE = str.maketrans(
    {
        "≥": ">=",
        "≤": "<=",
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "～": "~",
        "–": "-",
        "—": "-",
        "－": "-",
    }
)


def parse_yearly(year: int, raw: object) -> YearlyTarget | str:
    """The entry for `year`, or why it cannot be read."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        return 'must be a number or a string such as "about 7"'
    if not isinstance(raw, str):
        number = float(raw) if not isinstance(raw, float) or math.isfinite(raw) else math.nan
        if not math.isfinite(number):
            return "must be a finite number"
        return YearlyTarget(year, Comparator.EQUAL, number, written=_plain(number))
    text = raw.translate(_WIDE).lower()
    text = re.sub(r"\s+|%|％|percent|百分点|个百分点", "", text)
    if not text:
        return "is empty"
    for comparator, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        numbers = [float(g) for g in found.groups() if g is not None]
        if comparator is Comparator.RANGE:
            low, high = numbers
            if low > high:
                return f"runs backwards: {low:g} is above {high:g}"
            return YearlyTarget(year, comparator, low, high, written=raw.strip())
        if not numbers and comparator is Comparator.EQUAL and "=" not in text:
            break
        value = numbers[0] if numbers else None
        return YearlyTarget(year, comparator, value, written=raw.strip())
    return f"has no comparator zqplan knows ({_quoted(raw)})"


def _plain(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else repr(number)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'

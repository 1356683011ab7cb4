"""Plain-text formatting of values, rates and dates, shared by the human renderers."""

from __future__ import annotations

import datetime as dt

from zqplan.i18n import RELATIVE_WORDS, YEARLY_WORDS
from zqplan.model import Comparator, Point, Trajectory, Value, YearlyTarget
from zqplan.options import Lang
from zqplan.safe import printable

__all__ = [
    "bar",
    "day",
    "difference",
    "fixed",
    "is_percent",
    "ordinal",
    "percent",
    "point",
    "printable",
    "rate",
    "unit_name",
    "value",
    "yearly",
]


def value(amount: Value | None, unit: str = "", lang: Lang = Lang.EN, *, level: bool = True) -> str:
    """A value in its unit, with thousands separators: '130,000 vehicles', '95.85 %';
    in Chinese as a Chinese reader writes it: '13万辆', '300亿元', '已完成'.

    A level in a ranking is a place: '1st' ('第1位' in Chinese); an amount such as a
    rate (level=False) stays '1 rank'.
    """
    if amount is None:
        return "—"
    if isinstance(amount, bool):
        from zqplan.i18n import YES_NO

        return YES_NO[amount][lang is Lang.ZH]
    from zqplan.units import format_quantity_en, format_quantity_zh, parse_unit

    parsed = parse_unit(unit)
    if level and parsed.base == "rank" and amount >= 1 and amount == int(amount):
        return ordinal(int(amount * parsed.scale), lang)
    if lang is Lang.ZH:
        return format_quantity_zh(amount, parsed)
    return format_quantity_en(amount, parsed)


BOUND_SIGNS = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "about": "~"}
"""How a figure known only as a bound, or roughly, is shown: "> 30 billion yuan"."""


def point(shown: Point | None, unit: str = "", lang: Lang = Lang.EN) -> str:
    """A point's value in its unit, its comparator first: '> 30 billion yuan'."""
    if shown is None:
        return "—"
    written = value(shown.value, unit, lang)
    if shown.comparator is None or shown.value is None:
        return written
    return BOUND_SIGNS[shown.comparator.value] + written


def yearly(entry: YearlyTarget, unit: str = "", lang: Lang = Lang.EN, *, other: str = "") -> str:
    """A yearly target from its parsed comparator and value(s), in the language, with the
    unit: '≥ 8%', 'about 5.5%', '≥ 11 million people', 'above GDP growth'; in Chinese as a
    work report writes it: '8%以上', '5.5%左右', '1100万人以上', '高于国内生产总值增长'.
    OTHER names the indicator a relative target compares with."""
    zh = lang is Lang.ZH
    if entry.value is None:
        return RELATIVE_WORDS[entry.comparator][zh].format(other or ("对比指标" if zh else "it"))
    low = value(entry.value, unit, lang)
    if entry.comparator is Comparator.RANGE and entry.high is not None:
        return YEARLY_WORDS[Comparator.RANGE][zh].format(low, value(entry.high, unit, lang))
    return YEARLY_WORDS[entry.comparator][zh].format(low)


def ordinal(place: int, lang: Lang = Lang.EN) -> str:
    """A place in a ranking: 1st, 2nd, 3rd, 11th, 22nd; 第1位 in Chinese."""
    if lang is Lang.ZH:
        return f"第{place}位"
    suffix = (
        "th" if place % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    )
    return f"{place:,}{suffix}"


def fixed(number: float, decimals: int, *, signed: bool = False) -> str:
    """A number with that many decimals; what rounds to zero prints as 0, never -0."""
    rounded = round(number, decimals) + 0.0  # -0.0 + 0.0 is 0.0
    return f"{rounded:{'+' if signed else ''}.{decimals}f}"


def percent(share: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.373 -> '37.3%'."""
    return "—" if share is None else f"{fixed(share * 100, 1)}%"


def rate(
    amount: float | None,
    basis: Trajectory | None,
    unit: str,
    lang: Lang = Lang.EN,
    *,
    cumulative: bool = False,
) -> str:
    """A yearly rate: '+4.56%/yr' (compound), '+0.14 pp/yr' (linear, of a percentage),
    '+4 vehicles/yr' (linear); in Chinese '+4.56%/年', '+0.14个百分点/年', '+4辆/年'."""
    if amount is None or basis is None:
        return "—"
    zh = lang is Lang.ZH
    year = "/年" if zh else "/yr"
    if basis is Trajectory.COMPOUND:
        return f"{fixed(amount * 100, 2, signed=True)}%{year}"
    sign = "+" if amount >= 0 else ""
    if cumulative:
        return f"{sign}{value(amount)}{'个指数点' if zh else ' index points'}{year}"
    if is_percent(unit):
        return f"{sign}{value(amount)}{'个百分点' if zh else ' pp'}{year}"
    return f"{sign}{value(amount, unit, lang, level=False)}{year}"


def unit_name(unit: str, lang: Lang = Lang.EN) -> str:
    """A unit as declared; in Chinese as a Chinese text names it ('billion yuan' is
    十亿元), in English as an English table heads a column (万人 is '10,000 people')."""
    if not unit:
        return unit
    from zqplan.units import parse_unit, unit_zh

    parsed = parse_unit(unit)
    if lang is Lang.ZH:
        return unit_zh(parsed)
    if not any("\u3400" <= char <= "\u9fff" for char in unit):
        return unit
    from zqplan.i18n import unit_name_en

    return unit_name_en(parsed.base, parsed.scale, unit.strip())


def difference(amount: float | None, unit: str, lang: Lang = Lang.EN) -> str:
    """A difference of two values: in percentage points (百分点) when the values are in %."""
    if amount is None:
        return "—"
    if is_percent(unit):
        return f"{value(amount)}{'个百分点' if lang is Lang.ZH else ' percentage points'}"
    return value(amount, unit, lang)


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

"""Units of plan targets: parse a declared unit, read a typed value into it, show a value in it.

A unit is a magnitude (万, 亿, million, billion…) times a base (元, 辆, 斤, 公里, %…).
Values are stored as plain numbers in the target's declared unit; a typed value with
its own magnitude or unit is converted to that unit, or refused when it measures
something else. Percent (%) and percentage points (百分点, pp) are different bases.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from zqplan.errors import ExitCode, ZqplanError


class UnitError(ZqplanError):
    """A typed value that is not a number, or is in a unit the target does not measure."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Unit:
    """A target's unit: a scale times a base, e.g. 亿元 = 1e8 yuan."""

    text: str
    """The unit as declared, e.g. "billion yuan" or "万辆"."""
    scale: float
    """How many of the base one unit is: "billion yuan" -> 1e9, "万辆" -> 1e4."""
    base: str
    """The base it counts: "yuan", "vehicles", "percent"…, the word itself for a count
    this module does not know ("clusters"), or "" for a plain number."""
    known: bool
    """Whether the base is one this module knows (and so can convert between spellings)."""


_PERCENT = "percent"
_POINTS = "percentage-point"
_PERCENTAGES = frozenset({_PERCENT, _POINTS})
_NO_MAGNITUDE_SHOWN = frozenset({_PERCENT, _POINTS, "rank"})

_BASES: dict[str, tuple[str, float]] = {
    # money
    "元": ("yuan", 1.0),
    "yuan": ("yuan", 1.0),
    "rmb": ("yuan", 1.0),
    "cny": ("yuan", 1.0),
    # vehicles
    "辆": ("vehicles", 1.0),
    "vehicle": ("vehicles", 1.0),
    "car": ("vehicles", 1.0),
    # weight: a jin is 500 g, but the statistics keep 斤 apart from kg, and so do we
    "斤": ("jin", 1.0),
    "市斤": ("jin", 1.0),
    "jin": ("jin", 1.0),
    "克": ("kg", 1e-3),
    "g": ("kg", 1e-3),
    "gram": ("kg", 1e-3),
    "公斤": ("kg", 1.0),
    "千克": ("kg", 1.0),
    "kg": ("kg", 1.0),
    "kilogram": ("kg", 1.0),
    "吨": ("kg", 1e3),
    "毫克": ("kg", 1e-6),
    "mg": ("kg", 1e-6),
    "微克": ("kg", 1e-9),
    "μg": ("kg", 1e-9),
    "ug": ("kg", 1e-9),
    "tonne": ("kg", 1e3),
    "ton": ("kg", 1e3),
    # area: 1 公顷 = 15 亩 exactly (1 亩 = 10000/15 m²)
    "亩": ("mu", 1.0),
    "mu": ("mu", 1.0),
    "公顷": ("mu", 15.0),
    "hectare": ("mu", 15.0),
    "ha": ("mu", 15.0),
    # length
    "米": ("m", 1.0),
    "m": ("m", 1.0),
    "metre": ("m", 1.0),
    "meter": ("m", 1.0),
    "公里": ("m", 1e3),
    "千米": ("m", 1e3),
    "km": ("m", 1e3),
    "kilometre": ("m", 1e3),
    "kilometer": ("m", 1e3),
    # surface and volume (NFKC has already read m² as m2, ㎡ as m2, m³ as m3)
    "平方米": ("m2", 1.0),
    "m2": ("m2", 1.0),
    "平方公里": ("m2", 1e6),
    "平方千米": ("m2", 1e6),
    "km2": ("m2", 1e6),
    "立方米": ("m3", 1.0),
    "m3": ("m3", 1.0),
    # shares and changes of shares
    "%": (_PERCENT, 1.0),
    "percent": (_PERCENT, 1.0),
    "per cent": (_PERCENT, 1.0),
    "百分点": (_POINTS, 1.0),
    "个百分点": (_POINTS, 1.0),
    "percentage point": (_POINTS, 1.0),
    "pp": (_POINTS, 1.0),
    # places in a ranking
    "位": ("rank", 1.0),
    "名": ("rank", 1.0),
    "rank": ("rank", 1.0),
}
"""Each spelling of a known base (lower-case, singular) -> (base, how many of the base)."""

_DIMENSIONS = {
    "m": "metres",
    "kg": "kilograms",
    _PERCENT: "percent",
    _POINTS: "percentage points",
}
"""How a message names a base, when not by its own name."""

_CHINESE_DIGITS = {"十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
_ENGLISH_MAGNITUDES = {
    "ten": 1e1,
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}

# 千万 = 1e7, 万亿 = 1e12, 十亿 = 1e9: at most one of 十百千, then 万, then 亿.
_CHINESE_MAGNITUDE = re.compile("[十百千]?万?亿?")
# "hundred million" = 1e8, "ten thousand" = 1e4; "ten" alone is a number, not a magnitude.
_ENGLISH_MAGNITUDE = re.compile(
    r"(?:(ten|hundred)\s+)?(thousand|million|billion|trillion)(?:\s+|$)|(hundred)(?:\s+|$)",
    re.IGNORECASE,
)
# ASCII digits only; comma groups of three; an exponent of at most 4 digits, so that an
# exact conversion never builds a power of ten with a billion digits.
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?|[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:[eE][+-]?[0-9]{1,4})?"
)
_WORD_MARKS = frozenset(" -'.")

_NUMBER_HINT = "e.g. 86.5 or 300亿"

_CHINESE_SHOWN = ((1e12, "万亿"), (1e8, "亿"))
_ENGLISH_SHOWN = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def parse_unit(text: str) -> Unit:
    """The unit a target declares; never raises (an unknown word is a count of that word).

    "billion yuan" -> Unit(scale=1e9, base="yuan"), "万辆" -> (1e4, "vehicles"),
    "thousand towns" -> (1e3, "towns", known=False), "" -> (1.0, "", known=False).
    """
    magnitude, rest = _split_magnitude(_normalize(text))
    return _unit(text, magnitude, rest)


def parse_quantity(text: str, unit: Unit) -> float:
    """A typed value as a number in `unit`, the target's unit.

    A bare number is already in `unit`; a magnitude alone ("300亿", "30 billion")
    multiplies the target's base; a unit ("30 billion yuan") must have the target's base.
    Raises UnitError for anything else, with a message that names both units.
    """
    # Only full-width forms fold into the number: NFKC would also read superscripts
    # and circled digits as digits (86.5¹ as 86.51); after the number they are a unit,
    # and not a known one.
    typed = " ".join(_fold_width(text).split())
    number = _NUMBER.match(typed)
    if number is None:
        raise UnitError(f"{_shown(text)} is not a number", hint=_NUMBER_HINT)
    digits = number.group().replace(",", "")
    suffix = _normalize(typed[number.end() :])
    if not suffix:
        return _finite(float(digits), text)
    if _spelled(suffix) == _spelled(unit.text):
        return _finite(float(digits), text)  # the target's own unit, as declared
    typed_ratio, unit_ratio = _compound(suffix), _compound(_normalize(unit.text))
    if typed_ratio is not None and unit_ratio is not None:
        (top, bottom), (unit_top, unit_bottom) = typed_ratio, unit_ratio
        if _same_base(top, unit_top) and _same_base(bottom, unit_bottom):
            given_scale, target_scale = top.scale / bottom.scale, unit_top.scale / unit_bottom.scale
            return _finite(_convert(digits, given_scale, target_scale, text), text)
        raise _incompatible(text, Unit(suffix, 1.0, suffix, False), unit)
    magnitude, rest = _split_magnitude(suffix)
    given = _unit(suffix, magnitude, rest)
    if not given.known and given.base and not _is_word(given.base):
        raise UnitError(f"{_shown(text)} is not a number", hint=_NUMBER_HINT)
    if given.base and not _same_base(given, unit):
        raise _incompatible(text, given, unit)
    if unit.base in _PERCENTAGES and given.scale != 1.0:
        raise UnitError(
            f"{_shown(text)} has a magnitude, but target unit {unit.text!r} is a percentage",
            hint="give a plain number, e.g. 71 or 71%" if unit.base == _PERCENT else "e.g. 0.5",
        )
    return _finite(_convert(digits, given.scale, unit.scale, text), text)


def format_quantity(value: float, unit: Unit) -> str:
    """A value in `unit` as table text: "130,000 vehicles", "95.85 billion yuan", "71%".

    The number has thousands separators and at most 2 decimals, trimmed; below 1 it has
    4 significant digits ("0.0365"); below 1e-4 or from 1e15 it is in e-notation.
    A unit with no magnitude of its own (not %, 百分点 or a rank) shows a large value
    with one: 亿 from 1e8 and 万亿 from 1e12 when the unit is written in Chinese
    ("320 亿元"), else million from 1e6, billion from 1e9, trillion from 1e12
    ("32 billion yuan"). "%" follows the number directly; other units after a space.
    Every result reads back with parse_quantity, to within the rounding shown.
    """
    declared = unit.text.strip()
    shown_value, shown_unit = value, declared
    if math.isfinite(value) and _shows_magnitude(unit):
        chinese = any(_is_cjk(char) for char in declared)
        for size, word in _CHINESE_SHOWN if chinese else _ENGLISH_SHOWN:
            if round(abs(value) / size, 2) >= 1:
                shown_value = value / size
                shown_unit = f"{word}{declared}" if chinese else f"{word} {declared}".strip()
                break
    number = _number_text(shown_value)
    if not shown_unit:
        return number
    if shown_unit[0] in "%％":
        return f"{number}{shown_unit}"
    return f"{number} {shown_unit}"


_ENGLISH_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)
"""The magnitudes an English unit is declared with, shown as declared (42 thousand people)."""


def format_quantity_en(value: float, unit: Unit) -> str:
    """A value as an English reader writes it: a unit declared in Chinese or with a
    magnitude English does not use (万人, 亿元, hundred million yuan) in English words,
    with million, billion or trillion: 1100 万人 is "11 million people", 3619 亿元
    "361.9 billion yuan"; any other unit as format_quantity shows it.

    The digits are those format_quantity shows in the declared unit, moved by the exact
    power of ten: nothing is rounded further (160.84 亿元 is "16.084 billion yuan").
    """
    from decimal import Decimal, InvalidOperation

    from zqplan.i18n import unit_word_en

    declared = unit.text.strip()
    chinese = any(_is_cjk(char) for char in declared)
    if not math.isfinite(value) or not declared:
        return format_quantity(value, unit)
    if not chinese and _split_magnitude(_normalize(declared))[0] in _ENGLISH_SCALES:
        return format_quantity(value, unit)
    shown = unit_word_en(unit.base, unit.scale, declared)
    digits = _number_text(value).replace(",", "")
    if shown is None or "e" in digits:
        return format_quantity(value, unit)
    word, size = shown
    try:
        amount = Decimal(digits) * Decimal(repr(unit.scale)) / Decimal(repr(size))
    except InvalidOperation:  # pragma: no cover - digits are a plain decimal
        return format_quantity(value, unit)
    magnitude = ""
    if unit.base not in _NO_MAGNITUDE_SHOWN:
        for step, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(amount) >= Decimal(repr(step)):
                amount, magnitude = amount / Decimal(repr(step)), name
                break
    number = f"{amount.normalize():,f}"
    number = "0" if number in ("-0", "0") else number
    words = " ".join(part for part in (magnitude, word) if part)
    if not words:
        return number
    return f"{number}{words}" if words[0] in "%％" else f"{number} {words}"


def format_quantity_zh(value: float, unit: Unit) -> str:
    """A value as a Chinese reader writes it: "13万辆", "300亿元", "1.15亿斤", "71%".

    The value is taken to its base (元, 辆, 斤, 公里…, i18n.UNIT_WORDS), then shown
    with 万 (four decimals), 亿 or 万亿 from 1e4, 1e8 and 1e12, without thousands
    separators; a unit
    made of two parts (μg/m³) or already in Chinese keeps its own words.
    """
    from zqplan.i18n import unit_word

    declared = unit.text.strip()
    if not declared:
        return _number_text(value).replace(",", "")
    shown = unit_word(unit.base, unit.scale, declared, known=unit.known)
    if shown is None:  # compound or Chinese as declared: its own magnitude and words
        number = _number_text(value)
        chinese = any(_is_cjk(char) for char in declared)
        # A Chinese text writes 1206万人, never 1,206万人.
        return f"{number.replace(',', '')}{declared}" if chinese else f"{number} {declared}"
    word, size, magnitudes = shown
    amount = value * unit.scale / size if math.isfinite(value) else value
    prefix = ""
    if magnitudes and math.isfinite(amount):
        for step, name in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
            if round(abs(amount) / step, 2) >= 1:
                amount, prefix = amount / step, name
                break
    # 万 keeps four decimals, so that 8.6543万 is as exact as 86,543 (亿: two, as statistics do).
    number = _trimmed(f"{amount:.4f}") if prefix == "万" else _number_text(amount)
    return f"{number.replace(',', '')}{prefix}{word}"


_MAGNITUDE_NAMES = {
    1.0: "",
    1e1: "十",
    1e2: "百",
    1e3: "千",
    1e4: "万",
    1e5: "十万",
    1e6: "百万",
    1e7: "千万",
    1e8: "亿",
    1e9: "十亿",
    1e10: "百亿",
    1e11: "千亿",
    1e12: "万亿",
}
"""Chinese names of the magnitudes a unit may declare."""


def unit_zh(unit: Unit) -> str:
    """The unit's name in Chinese: "billion yuan" -> 十亿元, "km" -> 公里, "%" -> %."""
    from zqplan.i18n import unit_word

    shown = unit_word(unit.base, unit.scale, unit.text.strip(), known=unit.known)
    if shown is None:
        return unit.text.strip()
    word, size, _ = shown
    ratio = unit.scale / size
    magnitude = next((n for m, n in _MAGNITUDE_NAMES.items() if math.isclose(m, ratio)), None)
    return unit.text.strip() if magnitude is None else f"{magnitude}{word}"


_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x2212: 0x2D}
"""Full-width ASCII forms (８６.５), the ideographic space and the minus sign, as ASCII."""


def _fold_width(text: str) -> str:
    return text.translate(_WIDE)


def _normalize(text: str) -> str:
    """Full-width digits and signs as ASCII (NFKC), the minus sign as '-', spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return " ".join(folded.split())


def _spelled(text: str) -> str:
    """A unit's spelling for comparison: NFKC (m³ as m3), lower case, no spaces."""
    return "".join(_normalize(text).lower().split())


def _compound(text: str) -> tuple[Unit, Unit] | None:
    """A unit of the form A/B ("吨标准煤/万元", "μg/m3") as its two parts, else None."""
    if text.count("/") != 1:
        return None
    top, bottom = (part.strip() for part in text.split("/"))
    if not top or not bottom:
        return None
    return parse_unit(top), parse_unit(bottom)


def _split_magnitude(text: str) -> tuple[float, str]:
    """(magnitude, the words after it) of a normalized unit: "亿元" -> (1e8, "元")."""
    if _lookup(text) is not None:
        return 1.0, text  # "百分点" is a base, not 百 of 分点
    magnitude = 1.0
    if english := _ENGLISH_MAGNITUDE.match(text):
        for word in english.groups():
            if word is not None:
                magnitude *= _ENGLISH_MAGNITUDES[word.lower()]
        return magnitude, text[english.end() :].strip()
    chinese = _CHINESE_MAGNITUDE.match(text)
    prefix = chinese.group() if chinese else ""
    for character in prefix:
        magnitude *= _CHINESE_DIGITS[character]
    return magnitude, text[len(prefix) :].strip()


def _unit(text: str, magnitude: float, rest: str) -> Unit:
    """The Unit of a declared or typed unit, from its magnitude and the words after it."""
    known = _lookup(rest)
    if known is not None:
        base, size = known
        return Unit(text, magnitude * size, base, True)
    return Unit(text, magnitude, rest.lower(), False)


def _lookup(words: str) -> tuple[str, float] | None:
    """The known base of a spelling, case-insensitive, singular or plural ("Cars")."""
    key = words.lower()
    if key in _BASES:
        return _BASES[key]
    if key.endswith("s") and len(key) > 2:
        return _BASES.get(key[:-1])
    return None


def _same_base(given: Unit, target: Unit) -> bool:
    """Whether two units count the same base; an unknown word singular or plural ("cluster")."""
    if given.base == target.base:
        return True
    unknown_words = not given.known and not target.known and bool(target.base)
    return unknown_words and _singular(given.base) == _singular(target.base)


def _singular(word: str) -> str:
    """An English plural without its s: "towns" -> "town"."""
    return word[:-1] if word.endswith("s") and len(word) > 1 else word


def _is_word(text: str) -> bool:
    """Whether text can name a unit: letters, with spaces, hyphens, apostrophes or dots."""
    return text[0].isalpha() and all(c.isalpha() or c in _WORD_MARKS for c in text)


def _dimension(base: str) -> str:
    """A base as a message names it: "m" -> "metres"."""
    return _DIMENSIONS.get(base, base)


def _incompatible(text: str, given: Unit, unit: Unit) -> UnitError:
    """The error for a value in a unit that the target does not measure."""
    if not unit.base:
        target = (
            "the target has no unit"
            if not unit.text.strip()
            else (f"target unit {unit.text!r} is a plain number")
        )
        hint = "give a plain number"
    else:
        target = f"target unit {unit.text!r} is in {_dimension(unit.base)}"
        hint = f"give a plain number in {unit.text!r}" + (
            f" or a value in {_dimension(unit.base)}" if unit.known else ""
        )
    if given.base in _PERCENTAGES and unit.base in _PERCENTAGES:
        hint = "percent and percentage points differ: from 5% to 6% is a rise of 1 percentage point"
    return UnitError(f"{_shown(text)} is in {given.text}, but {target}", hint=hint)


def _convert(digits: str, given_scale: float, target_scale: float, text: str) -> float:
    """digits x given_scale / target_scale, exact in decimal, then rounded once to a float."""
    from fractions import Fraction

    # Exact arithmetic on the decimal spellings: "0.29亿" is 29000000, not 28999999.999999996.
    try:
        exact = Fraction(digits)
    except ValueError:  # more digits than int() converts: rounding once more does not matter
        return float(digits) * given_scale / target_scale
    try:
        return float(exact * Fraction(repr(given_scale)) / Fraction(repr(target_scale)))
    except OverflowError:
        raise _too_large(text) from None


def _finite(number: float, text: str) -> float:
    """number, unless it overflowed to infinity."""
    if not math.isfinite(number):
        raise _too_large(text)
    return number


def _too_large(text: str) -> UnitError:
    """The error for a value beyond the range of a float."""
    return UnitError(f"{_shown(text)} is too large", hint=_NUMBER_HINT)


def _shown(text: str) -> str:
    """Typed text quoted for a message, escaped and cut to 40 characters."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _is_cjk(char: str) -> bool:
    """A CJK ideograph (Extension A or the basic block), as in 亿元 or 万吨."""
    # Compared, not matched: the character class's regex takes ~4 ms to compile.
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"


def _shows_magnitude(unit: Unit) -> bool:
    """Whether a large value in this unit is shown with 亿/million: no own magnitude, no %."""
    if unit.base in _NO_MAGNITUDE_SHOWN:
        return False
    magnitude, _ = _split_magnitude(_normalize(unit.text))
    return magnitude == 1.0


def _number_text(value: float) -> str:
    """A number with thousands separators and at most 2 decimals, or 4 digits below 1."""
    size = abs(value)
    if size == 0 or not math.isfinite(value):
        return "0" if size == 0 else str(value)
    if size < 1e-4 or size >= 1e15:
        return f"{value:.4g}"
    if size < 1:
        decimals = 3 - math.floor(math.log10(size))
        return _trimmed(f"{value:.{decimals}f}")
    return _trimmed(f"{value:,.2f}")


def rounded(value: float) -> str:
    """A number as the views show it, without thousands separators (Markdown, --fields)."""
    return _number_text(value).replace(",", "")


def _trimmed(number: str) -> str:
    """A fixed-point number without trailing zeros after the point."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def plain_number(text: str) -> float | None:
    """The number typed before a magnitude word ("5500万" -> 5500.0); None without one."""
    typed = " ".join(_fold_width(text).split())
    number = _NUMBER.match(typed)
    if number is None:
        return None
    suffix = _normalize(typed[number.end() :])
    magnitude, _ = _split_magnitude(suffix) if suffix else (1.0, "")
    return None if magnitude == 1.0 else float(number.group().replace(",", ""))


def is_percent(unit: Unit) -> bool:
    """Whether values in this unit are percentages (%), not percentage points."""
    return unit.base == _PERCENT

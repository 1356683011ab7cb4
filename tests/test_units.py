"""Unit tests: declared units, typed values converted to them, and values shown in them.

Every expected number is worked by hand: 1 亿 = 1e8, 1 万 = 1e4, 1 billion = 1e9,
1 公顷 = 15 亩, 1 公里 = 1000 米, 1 吨 = 1000 公斤.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zqplan.errors import ExitCode, ZqplanError
from zqplan.units import Unit, UnitError, format_quantity, parse_quantity, parse_unit

DECLARED = [
    "",
    "billion yuan",
    "亿元",
    "元",
    "万辆",
    "vehicles",
    "million jin",
    "%",
    "百分点",
    "km",
    "rank",
    "clusters",
    "thousand towns",
    "万",
]
"""Units as a registry declares them, for the property tests."""

UNIT_TEXT = "0123456789.,eE+- %亿万千百十分点元辆斤公里 billionthousandkmppyuan"
"""Characters of numbers, magnitudes and units: arbitrary text that reaches past the number."""


def refusal(text: str, unit: str) -> UnitError:
    """The UnitError parse_quantity raises for text in the declared unit."""
    with pytest.raises(UnitError) as raised:
        parse_quantity(text, parse_unit(unit))
    return raised.value


class TestParseUnit:
    """parse_unit: magnitude times base, for every spelling the statistics use."""

    @pytest.mark.parametrize(
        ("text", "scale", "base"),
        [
            ("billion yuan", 1e9, "yuan"),
            ("亿元", 1e8, "yuan"),
            ("万元", 1e4, "yuan"),
            ("元", 1.0, "yuan"),
            ("RMB", 1.0, "yuan"),
            ("hundred million yuan", 1e8, "yuan"),
            ("万辆", 1e4, "vehicles"),
            ("vehicles", 1.0, "vehicles"),
            ("Cars", 1.0, "vehicles"),
            ("million jin", 1e6, "jin"),
            ("斤", 1.0, "jin"),
            ("公斤", 1.0, "kg"),
            ("万吨", 1e7, "kg"),
            ("tonnes", 1e3, "kg"),
            ("万亩", 1e4, "mu"),
            ("公顷", 15.0, "mu"),
            ("hectares", 15.0, "mu"),
            ("公里", 1e3, "m"),
            ("千米", 1e3, "m"),
            ("KM", 1e3, "m"),
            ("kilometres", 1e3, "m"),
            ("米", 1.0, "m"),
            ("%", 1.0, "percent"),
            ("％", 1.0, "percent"),
            ("Per Cent", 1.0, "percent"),
            ("百分点", 1.0, "percentage-point"),
            ("个百分点", 1.0, "percentage-point"),
            ("percentage points", 1.0, "percentage-point"),
            ("pp", 1.0, "percentage-point"),
            ("位", 1.0, "rank"),
            ("名", 1.0, "rank"),
            ("rank", 1.0, "rank"),
        ],
    )
    def test_known_units(self, text: str, scale: float, base: str) -> None:
        """Each known spelling has its scale and base, and keeps its text as declared."""
        assert parse_unit(text) == Unit(text, scale, base, True)

    @pytest.mark.parametrize(
        ("text", "scale"),
        [
            ("十元", 1e1),
            ("百元", 1e2),
            ("千元", 1e3),
            ("万元", 1e4),
            ("十万元", 1e5),
            ("百万元", 1e6),
            ("千万元", 1e7),
            ("亿元", 1e8),
            ("十亿元", 1e9),
            ("百亿元", 1e10),
            ("千亿元", 1e11),
            ("万亿元", 1e12),
        ],
    )
    def test_chinese_magnitudes(self, text: str, scale: float) -> None:
        """十 百 千 万 亿 and their combinations multiply: 千万 = 1e3 x 1e4 = 1e7."""
        assert parse_unit(text).scale == scale

    @pytest.mark.parametrize(
        ("text", "scale"),
        [
            ("thousand yuan", 1e3),
            ("ten thousand yuan", 1e4),
            ("hundred thousand yuan", 1e5),
            ("million yuan", 1e6),
            ("ten million yuan", 1e7),
            ("hundred million yuan", 1e8),
            ("Billion Yuan", 1e9),
            ("trillion yuan", 1e12),
        ],
    )
    def test_english_magnitudes(self, text: str, scale: float) -> None:
        """English magnitude words, any case, ten and hundred combining with the next."""
        assert parse_unit(text).scale == scale

    def test_percent_and_percentage_points_are_different_bases(self) -> None:
        """% is a share, 百分点 a change of share: the bases differ."""
        assert parse_unit("%").base != parse_unit("百分点").base

    def test_unknown_count_is_its_own_base(self) -> None:
        """A word the module does not know is a count of that word."""
        assert parse_unit("clusters") == Unit("clusters", 1.0, "clusters", False)

    def test_unknown_count_with_magnitude(self) -> None:
        """A magnitude before an unknown word still scales it."""
        assert parse_unit("thousand towns") == Unit("thousand towns", 1e3, "towns", False)

    def test_unknown_count_lower_cased_and_stripped(self) -> None:
        """The base of an unknown word is lower-case, without outer or doubled spaces."""
        assert parse_unit("  Pilot   Zones ").base == "pilot zones"

    def test_empty(self) -> None:
        """No unit is a plain number."""
        assert parse_unit("") == Unit("", 1.0, "", False)

    def test_magnitude_alone(self) -> None:
        """万 alone is ten thousand of nothing named."""
        assert parse_unit("万") == Unit("万", 1e4, "", False)


class TestParseNumbers:
    """parse_quantity on bare numbers, which are already in the target's unit."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("86.5", 86.5),
            ("-3", -3.0),
            ("+7", 7.0),
            (".5", 0.5),
            ("1e10", 1e10),
            ("3e10", 3e10),
            ("1,234.5", 1234.5),
            ("1,234,567", 1234567.0),
            ("１２３．５", 123.5),
            ("\u22122.5", -2.5),
            ("  42 ", 42.0),
        ],
    )
    def test_plain_numbers(self, text: str, expected: float) -> None:
        """Decimals, signs, exponents, comma groups and full-width digits."""
        assert parse_quantity(text, parse_unit("vehicles")) == expected

    def test_bare_number_is_in_the_target_unit(self) -> None:
        """95.85 for a target in billion yuan is 95.85 billion yuan, not 95.85 yuan."""
        assert parse_quantity("95.85", parse_unit("billion yuan")) == 95.85

    @pytest.mark.parametrize(
        "text",
        ["abc", "", "   ", "nan", "NaN", "inf", "-Infinity", "亿", "1,23", "3 e10", "12abc3"],
    )
    def test_not_a_number(self, text: str) -> None:
        """Text that is no number, NaN or infinity is refused with an example of a number."""
        error = refusal(text, "billion yuan")
        assert error.message == f"{text!r} is not a number"
        assert error.hint == "e.g. 86.5 or 300亿"

    @pytest.mark.parametrize(("text", "unit"), [("1e999", "yuan"), ("1e308万亿", "yuan")])
    def test_too_large(self, text: str, unit: str) -> None:
        """A value beyond the range of a float is refused, never infinity."""
        assert refusal(text, unit).message == f"{text!r} is too large"

    def test_error_is_a_usage_error(self) -> None:
        """UnitError is a ZqplanError that exits with the usage code."""
        error = refusal("abc", "yuan")
        assert isinstance(error, ZqplanError)
        assert error.exit_code is ExitCode.USAGE


class TestConvert:
    """parse_quantity on values with a magnitude or a unit, converted to the target's unit."""

    @pytest.mark.parametrize(
        ("text", "unit", "expected"),
        [
            ("300亿", "billion yuan", 30.0),  # 300 x 1e8 / 1e9
            ("3e10", "yuan", 3e10),
            ("30 billion", "billion yuan", 30.0),
            ("1.3万", "vehicles", 13000.0),  # 1.3 x 1e4
            ("1.3万", "万辆", 1.3),
            ("30 billion yuan", "亿元", 300.0),  # 30 x 1e9 / 1e8
            ("30 billion yuan", "billion yuan", 30.0),
            ("115 million jin", "million jin", 115.0),
            ("1.15亿斤", "million jin", 115.0),  # 1.15 x 1e8 / 1e6
            ("1.3万辆", "vehicles", 13000.0),
            ("300亿元", "billion yuan", 30.0),
            ("300 亿 元", "billion yuan", 30.0),
            ("0.29亿", "yuan", 29000000.0),  # exact, not 28999999.999999996
            ("2万亿", "billion yuan", 2000.0),  # 2 x 1e12 / 1e9
            ("1.5 hundred million", "yuan", 1.5e8),
            ("130,000 vehicles", "万辆", 13.0),
            ("5 km", "公里", 5.0),
            ("5000 m", "km", 5.0),
            ("3 公顷", "亩", 45.0),  # 3 x 15
            ("2 吨", "公斤", 2000.0),
            ("1.3万", "thousand towns", 13.0),  # 13000 towns / 1e3
            ("3 thousand clusters", "clusters", 3000.0),
            ("5 cluster", "clusters", 5.0),
            ("71%", "%", 71.0),
            ("71 percent", "%", 71.0),
            ("0.5 pp", "百分点", 0.5),
            ("2 百分点", "pp", 2.0),
            ("0.5个百分点", "percentage points", 0.5),
            ("3位", "rank", 3.0),
        ],
    )
    def test_converted(self, text: str, unit: str, expected: float) -> None:
        """The typed value is expressed in the target's unit."""
        assert parse_quantity(text, parse_unit(unit)) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3十", 30.0),
            ("3百", 300.0),
            ("3千", 3e3),
            ("3万", 3e4),
            ("3十万", 3e5),
            ("3百万", 3e6),
            ("3千万", 3e7),
            ("3亿", 3e8),
            ("3十亿", 3e9),
            ("3万亿", 3e12),
        ],
    )
    def test_each_chinese_magnitude(self, text: str, expected: float) -> None:
        """Each Chinese magnitude multiplies a number for a plain-number target."""
        assert parse_quantity(text, parse_unit("")) == expected

    def test_unknown_count_accepts_bare_numbers(self) -> None:
        """A count the module does not know takes plain numbers."""
        assert parse_quantity("12", parse_unit("clusters")) == 12.0


class TestRefusals:
    """parse_quantity refuses a value in a unit the target does not measure."""

    def test_incompatible_names_both_units(self) -> None:
        """Kilometres for a money target: the message names km and yuan."""
        error = refusal("30 km", "billion yuan")
        assert error.message == "'30 km' is in km, but target unit 'billion yuan' is in yuan"
        assert error.hint == "give a plain number in 'billion yuan' or a value in yuan"

    def test_money_for_a_length(self) -> None:
        """亿元 for a target in km: the target's base is named as metres."""
        error = refusal("300亿元", "km")
        assert error.message == "'300亿元' is in 亿元, but target unit 'km' is in metres"

    def test_percent_for_percentage_points(self) -> None:
        """0.5% is not 0.5 percentage points."""
        error = refusal("0.5%", "百分点")
        assert error.message == "'0.5%' is in %, but target unit '百分点' is in percentage points"
        assert error.hint is not None
        assert "percentage point" in error.hint

    def test_percentage_points_for_percent(self) -> None:
        """0.5 pp is not 0.5%."""
        error = refusal("0.5 pp", "%")
        assert error.message == "'0.5 pp' is in pp, but target unit '%' is in percent"

    @pytest.mark.parametrize(
        ("text", "unit"),
        [("3万", "%"), ("1 million", "pp"), ("5万%", "%"), ("2亿百分点", "百分点")],
    )
    def test_magnitude_for_a_percentage(self, text: str, unit: str) -> None:
        """A percentage never takes a magnitude."""
        error = refusal(text, unit)
        assert (
            error.message == f"{text!r} has a magnitude, but target unit {unit!r} is a percentage"
        )

    def test_unknown_count_refuses_a_known_unit(self) -> None:
        """5 km for a target counted in clusters."""
        error = refusal("5 km", "clusters")
        assert error.message == "'5 km' is in km, but target unit 'clusters' is in clusters"

    def test_unknown_count_refuses_another_count(self) -> None:
        """Towns are not clusters."""
        assert "is in towns" in refusal("5 towns", "clusters").message

    def test_no_unit_refuses_a_unit(self) -> None:
        """A target with no unit takes plain numbers only."""
        assert refusal("5 km", "").message == "'5 km' is in km, but the target has no unit"

    def test_jin_are_not_kilograms(self) -> None:
        """斤 and 公斤 are kept apart, as the statistics keep them."""
        assert refusal("5 公斤", "斤").message.startswith("'5 公斤' is in 公斤")

    def test_plural_rule_is_for_unknown_words_only(self) -> None:
        """ "ms" is not a plural of metres."""
        refusal("5 ms", "m")


class TestFormatQuantity:
    """format_quantity: table text in the target's unit."""

    @pytest.mark.parametrize(
        ("value", "unit", "expected"),
        [
            (130000.0, "vehicles", "130,000 vehicles"),
            (95.85, "billion yuan", "95.85 billion yuan"),
            (95.8, "billion yuan", "95.8 billion yuan"),
            (96.0, "billion yuan", "96 billion yuan"),
            (1234.567, "clusters", "1,234.57 clusters"),
            (0.0365, "%", "0.0365%"),
            (0.036512, "billion yuan", "0.03651 billion yuan"),
            (71.0, "%", "71%"),
            (0.5, "百分点", "0.5 百分点"),
            (3.2e10, "yuan", "32 billion yuan"),
            (3.2e10, "元", "320 亿元"),
            (1.2e13, "元", "12 万亿元"),
            (2.5e12, "yuan", "2.5 trillion yuan"),
            (1.5e6, "vehicles", "1.5 million vehicles"),
            (999_999.0, "vehicles", "1 million vehicles"),
            (5e7, "辆", "50,000,000 辆"),
            (1.3e8, "吨", "1.3 亿吨"),
            (-3.2e10, "", "-32 billion"),
            (3.2e10, "亿元", "32,000,000,000 亿元"),
            (1e9, "%", "1,000,000,000%"),
            (0.0, "%", "0%"),
            (-0.0, "km", "0 km"),
            (1e-7, "km", "1e-07 km"),
            (2e15, "亿元", "2e+15 亿元"),
            (42.0, "", "42"),
        ],
    )
    def test_examples(self, value: float, unit: str, expected: str) -> None:
        """Separators, trimmed decimals, 4 significant digits below 1, readable magnitudes."""
        assert format_quantity(value, parse_unit(unit)) == expected


class TestProperties:
    """Round trips and "never a traceback" on arbitrary input."""

    @given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(DECLARED))
    def test_bare_number_round_trip(self, value: float, unit: str) -> None:
        """str(x) reads back as exactly x, in every unit."""
        assert parse_quantity(str(value), parse_unit(unit)) == value

    @given(st.floats(min_value=-1e20, max_value=1e20), st.sampled_from(DECLARED))
    def test_formatted_value_reads_back(self, value: float, unit: str) -> None:
        """What a table shows reads back to within the rounding shown."""
        declared = parse_unit(unit)
        back = parse_quantity(format_quantity(value, declared), declared)
        assert math.isclose(back, value, rel_tol=0.006, abs_tol=0.006)

    @given(st.text() | st.text(alphabet=UNIT_TEXT), st.sampled_from(DECLARED))
    def test_arbitrary_text_raises_only_unit_error(self, text: str, unit: str) -> None:
        """Any text is a finite number in the unit or a UnitError, nothing else."""
        try:
            number = parse_quantity(text, parse_unit(unit))
        except UnitError:
            return
        assert math.isfinite(number)

    @given(st.text(), st.text())
    def test_parse_unit_never_raises(self, declared: str, typed: str) -> None:
        """Any declared unit parses, and a value typed for it is a number or a UnitError."""
        unit = parse_unit(declared)
        assert unit.scale > 0
        assert math.isfinite(unit.scale)
        try:
            parse_quantity(typed, unit)
        except UnitError:
            return

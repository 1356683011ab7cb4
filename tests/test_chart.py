"""Chart tests: paths worked by hand from docs/method.md, cells placed by hand."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from zqplan.chart import NO_DATA, Series, expected_path, plot, projection_path

# Year ends: years(...) between them is a whole number (METHOD "Time").
Y2020 = date(2020, 12, 31)
Y2022 = date(2022, 12, 31)
Y2023 = date(2023, 12, 31)
Y2024 = date(2024, 12, 31)
Y2025 = date(2025, 12, 31)
Y2026 = date(2026, 12, 31)
Y2027 = date(2027, 12, 31)
Y2029 = date(2029, 12, 31)
Y2039 = date(2039, 12, 31)

# A chart worked cell by cell: 20 columns, one per year from 2020 to 2039; 4 rows,
# one per unit from 3 (top) to 0 (bottom). 2020 -> column 0, 2029 -> 9, 2039 -> 19;
# value 0 -> row 3, 3 -> row 0, 1 -> row 2. Between 2020 and 2029 the line falls
# 3 rows in 9 columns (column c at row 3 - c/3, halves rounded up); between 2029
# and 2039 it climbs 2 rows in 10 columns (row (c - 9)/5).
TINY = Series("A", ((Y2020, 0.0), (Y2029, 3.0), (Y2039, 1.0)), "o", "red")
TINY_PLAIN = (
    "  3 ┤        ·o··        \n"
    "    │     ···    ·····   \n"
    "1.5 ┤  ···            ··o\n"
    "  0 ┤o·                  \n"
    "    └┬──────────────────┬\n"
    "     2020            2039\n"
    "o A                      "
)
TINY_GUTTER = len("1.5 ┤")


def plot_rows(chart: str, gutter: int, height: int) -> list[str]:
    """The plot area of a chart without a unit line: its first rows, gutter removed."""
    return [line[gutter:] for line in chart.splitlines()[:height]]


def widths(chart: str) -> set[int]:
    """The terminal widths of the chart's lines."""
    return {cell_len(line) for line in chart.splitlines()}


class TestExpectedPath:
    """The path from baseline to target: METHOD's farm example, 80 (2022) -> 100 (2027)."""

    def test_endpoints_are_exact(self) -> None:
        """The first point is the baseline and the last the target, to the bit."""
        path = expected_path((Y2022, 80.0), (Y2027, 100.0), compound=True)
        assert len(path) == 25
        assert path[0] == (Y2022, 80.0)
        assert path[-1] == (Y2027, 100.0)

    def test_dates_evenly_spaced_in_calendar_years(self) -> None:
        """Five steps over five years land on the five year ends."""
        path = expected_path((Y2022, 80.0), (Y2027, 100.0), compound=True, steps=5)
        assert [day for day, _ in path] == [Y2022, Y2023, Y2024, Y2025, Y2026, Y2027]

    def test_compound_midpoint(self) -> None:
        """2 of 5 years: tau = 0.4, 80 * 1.25**0.4 = 87.469."""
        path = expected_path((Y2022, 80.0), (Y2027, 100.0), compound=True, steps=5)
        assert path[2][0] == Y2024
        assert path[2][1] == pytest.approx(87.469, abs=5e-4)

    def test_linear_midpoint(self) -> None:
        """2 of 5 years: 80 + 0.4 * 20 = 88."""
        path = expected_path((Y2022, 80.0), (Y2027, 100.0), compound=False, steps=5)
        assert path[2][0] == Y2024
        assert path[2][1] == pytest.approx(88.0, abs=1e-9)

    def test_compound_undefined_below_zero_is_linear(self) -> None:
        """-10 -> 10 over 2 years has no compound path: halfway is 0, the straight line."""
        path = expected_path((Y2022, -10.0), (Y2024, 10.0), compound=True, steps=2)
        assert [day for day, _ in path] == [Y2022, Y2023, Y2024]
        assert [value for _, value in path] == pytest.approx([-10.0, 0.0, 10.0], abs=1e-9)

    def test_target_not_after_baseline(self) -> None:
        """A target dated on or before the baseline gives just the two endpoints."""
        assert expected_path((Y2024, 1.0), (Y2022, 2.0), compound=False) == (
            (Y2024, 1.0),
            (Y2022, 2.0),
        )


class TestProjectionPath:
    """The latest value carried forward at the observed rate."""

    def test_compound_reaches_worked_value(self) -> None:
        """86 at 2024 growing 3.6822%/yr for 3 years: 86 * 1.036822**3 = 95.85."""
        path = projection_path((Y2024, 86.0), 0.036822, Y2027, compound=True)
        assert path[0] == (Y2024, 86.0)
        assert path[-1][0] == Y2027
        assert path[-1][1] == pytest.approx(95.85, abs=0.01)

    def test_compound_year_ends(self) -> None:
        """Three steps over three years: 86 * 1.036822**k at each year end."""
        path = projection_path((Y2024, 86.0), 0.036822, Y2027, compound=True, steps=3)
        assert [day for day, _ in path] == [Y2024, Y2025, Y2026, Y2027]
        assert path[1][1] == pytest.approx(89.1667, abs=1e-3)
        assert path[2][1] == pytest.approx(92.4500, abs=1e-3)

    def test_linear(self) -> None:
        """86 + 2 points/yr for 3 years = 92."""
        path = projection_path((Y2024, 86.0), 2.0, Y2027, compound=False)
        assert path[-1][0] == Y2027
        assert path[-1][1] == pytest.approx(92.0, abs=1e-9)

    @pytest.mark.parametrize("until", [Y2024, Y2023])
    def test_empty_when_until_not_after_latest(self, until: date) -> None:
        """Nothing to project to a date on or before the latest value."""
        assert projection_path((Y2024, 86.0), 0.05, until, compound=True) == ()

    def test_overflow_stops_the_path(self) -> None:
        """A rate that overflows ends the path at its last finite value, without raising."""
        path = projection_path((Y2024, 86.0), 1e6, date(2224, 12, 31), compound=True)
        assert path[0] == (Y2024, 86.0)
        assert all(math.isfinite(value) for _, value in path)
        assert len(path) < 25


class TestPlotCells:
    """Where markers, line dots and labels land: the TINY chart worked by hand."""

    def test_whole_chart(self) -> None:
        """The plain text is exactly the chart worked out cell by cell."""
        assert plot([TINY], width=20, height=4).plain == TINY_PLAIN

    def test_markers_at_their_points(self) -> None:
        """2020 (0) at row 3 column 0, 2029 (3) at row 0 column 9, 2039 (1) at row 2 column 19."""
        rows = plot_rows(plot([TINY], width=20, height=4).plain, TINY_GUTTER, 4)
        assert rows[3][0] == "o"
        assert rows[0][9] == "o"
        assert rows[2][19] == "o"

    def test_line_dots_between_points(self) -> None:
        """Column 4 is 4/3 rows up from 0 (row 2); column 14 is a row below the top (row 1)."""
        rows = plot_rows(plot([TINY], width=20, height=4).plain, TINY_GUTTER, 4)
        assert rows[2][4] == "·"
        assert rows[1][14] == "·"
        assert [row[4] for row in rows] == [" ", " ", "·", " "]

    def test_later_series_drawn_over_earlier(self) -> None:
        """Where two series meet, the cell shows the later one's marker."""
        under = Series("under", ((Y2020, 0.0), (Y2039, 3.0)), "u", "")
        over = Series("over", ((Y2020, 0.0),), "v", "")
        rows = plot_rows(plot([under, over], width=20, height=4).plain, TINY_GUTTER, 4)
        assert rows[3][0] == "v"
        assert rows[0][19] == "u"

    def test_markers_styled(self) -> None:
        """The marker at row 0, column 9 and the legend entry carry the series' style."""
        chart = plot([TINY], width=20, height=4)
        lines = chart.plain.splitlines(keepends=True)
        marker = len(lines[0][: TINY_GUTTER + 9])
        legend = chart.plain.rindex("o A")
        red = [span for span in chart.spans if span.style == "red"]
        assert any(span.start <= marker < span.end for span in red)
        assert any(span.start <= legend and legend + 3 <= span.end for span in red)


class TestPlotAxes:
    """Axis labels, ticks, legend and unit."""

    def test_y_labels_min_mid_max(self) -> None:
        """3 on the top row, 1.5 on the row a value of 1.5 is drawn on, 0 at the bottom."""
        lines = plot([TINY], width=20, height=4).plain.splitlines()
        assert lines[0].startswith("  3 ┤")
        assert lines[2].startswith("1.5 ┤")
        assert lines[3].startswith("  0 ┤")

    def test_y_labels_with_thousands_separators(self) -> None:
        """100,000 -> 130,000 is labelled with separators, not exponents."""
        series = Series("vehicles", ((Y2022, 100_000.0), (Y2027, 130_000.0)), "o", "")
        plain = plot([series]).plain
        for label in ("130,000 ┤", "115,000 ┤", "100,000 ┤"):
            assert label in plain

    def test_x_labels_years_for_year_ends(self) -> None:
        """Year-end first and last dates are labelled by year, under the first and last ticks."""
        lines = plot([TINY], width=20, height=4).plain.splitlines()
        assert lines[4] == "    └┬──────────────────┬"
        assert lines[5] == "     2020            2039"

    def test_x_labels_iso_dates_otherwise(self) -> None:
        """Other dates are shown in full, the last on its own line when both don't fit."""
        series = Series("q", ((date(2024, 3, 31), 1.0), (date(2025, 6, 30), 2.0)), "o", "")
        plain = plot([series], width=20, height=4).plain
        assert "2024-03-31" in plain
        assert "2025-06-30" in plain

    def test_year_ticks_when_room(self) -> None:
        """Five years over 61 columns: a tick every 12 columns, from 0 to 60."""
        series = Series("x", ((Y2022, 1.0), (Y2027, 2.0)), "o", "")
        axis = plot([series], width=61, height=4).plain.splitlines()[4]
        ticks = [index for index, character in enumerate(axis[TINY_GUTTER:]) if character == "┬"]
        assert ticks == [0, 12, 24, 36, 48, 60]

    def test_legend_lists_every_series_in_order(self) -> None:
        """Marker and name of each series, the one without points included."""
        observed = Series("observed", ((Y2022, 80.0), (Y2024, 86.0)), "●", "bold")
        projection = Series("projection", (), "+", "yellow")
        legend = plot([observed, projection]).plain.splitlines()[-1]
        assert legend.rstrip() == "● observed   + projection"

    def test_unit_on_the_first_line(self) -> None:
        """The unit heads the chart, as the y axis's title."""
        assert plot([TINY], width=20, height=4, unit="%").plain.splitlines()[0].rstrip() == "%"


class TestPlotEdgeCases:
    """Charts that could go wrong: no data, one point, flat, negative, tiny, extreme."""

    def test_empty_series_list(self) -> None:
        """No series at all says so."""
        assert plot([]).plain == NO_DATA

    def test_only_non_finite_values(self) -> None:
        """Series whose values are all NaN or infinite have nothing to draw."""
        series = Series("x", ((Y2022, math.nan), (Y2023, math.inf)), "o", "")
        assert plot([series]).plain == NO_DATA

    def test_non_finite_values_skipped(self) -> None:
        """A NaN among finite values is left out; the others are drawn."""
        series = Series("x", ((Y2020, 0.0), (Y2029, math.nan), (Y2039, 3.0)), "o", "")
        rows = plot_rows(plot([series], width=20, height=4).plain, len("1.5 ┤"), 4)
        assert rows[3][0] == "o"
        assert rows[0][19] == "o"
        assert sum(row.count("o") for row in rows) == 2

    def test_single_point_flat_range_padded_ten_percent(self) -> None:
        """One point of 5 on one date: range 4.5 to 5.5, the marker mid-chart."""
        series = Series("x", ((date(2024, 6, 30), 5.0),), "o", "")
        lines = plot([series], width=20, height=4).plain.splitlines()
        assert lines[0].startswith("5.5 ┤")
        assert lines[3].startswith("4.5 ┤")
        # Row of 5: 1.5 -> 2; column of the one date: 9.5 -> 10.
        assert lines[2] == "  5 ┤          o         "
        assert lines[5].strip() == "2024-06-30"

    def test_flat_zero_padded_by_one(self) -> None:
        """Zero everywhere: range -1 to 1."""
        series = Series("x", ((Y2022, 0.0), (Y2027, 0.0)), "o", "")
        lines = plot([series], width=20, height=4).plain.splitlines()
        assert lines[0].startswith(" 1 ┤")
        assert lines[3].startswith("-1 ┤")

    def test_negative_values(self) -> None:
        """-30 to -10: labels keep the sign; the lowest value on the bottom row."""
        series = Series("x", ((Y2022, -10.0), (Y2027, -30.0)), "o", "")
        lines = plot([series], width=20, height=4).plain.splitlines()
        assert lines[0].startswith("-10 ┤o")
        assert lines[2].startswith("-20 ┤")
        assert lines[3].startswith("-30 ┤")
        assert lines[3].endswith("o")

    def test_tiny_sizes_clamped(self) -> None:
        """Width below 20 and height below 4 draw the 20 by 4 chart."""
        assert plot([TINY], width=1, height=0).plain == TINY_PLAIN

    def test_default_size(self) -> None:
        """60 columns and 12 rows behind the gutter."""
        lines = plot([TINY]).plain.splitlines()
        assert {len(line) for line in lines} == {TINY_GUTTER + 60}
        assert lines[12].startswith("    └")

    def test_extreme_values(self) -> None:
        """Values near the float limits neither overflow nor raise."""
        series = Series("x", ((Y2022, 1e308), (Y2027, -1e308)), "o", "")
        plain = plot([series], width=20, height=4).plain
        assert "1e+308" in plain
        assert len(widths(plain)) == 1

    def test_bad_marker_and_style_replaced(self) -> None:
        """A wide or empty marker becomes '*'; an unparsable style is dropped, so it renders."""
        wide = Series("wide", ((Y2022, 1.0),), "目", "not a style!")
        empty = Series("empty", ((Y2027, 2.0),), "", "")
        chart = plot([wide, empty], width=20, height=4)
        assert chart.plain.splitlines()[-1].rstrip() == "* wide   * empty"
        console = Console(width=80, force_terminal=True, color_system="standard")
        with console.capture() as captured:
            console.print(chart)
        assert "wide" in captured.get()


class TestPlotShape:
    """Every line the same width, the same text for the same input."""

    def test_lines_same_width_for_a_target(self) -> None:
        """Observations, expected path and projection, with a unit and a CJK name."""
        observed = Series("观测值", ((Y2022, 80.0), (Y2023, 83.0), (Y2024, 86.0)), "●", "cyan")
        expected = expected_path((Y2022, 80.0), (Y2027, 100.0), compound=True)
        projection = projection_path((Y2024, 86.0), 0.036822, Y2027, compound=True)
        chart = plot(
            [
                Series("expected", expected, "-", "dim"),
                Series("projection", projection, "+", "yellow"),
                observed,
            ],
            unit="万吨",
        )
        assert len(widths(chart.plain)) == 1
        assert (
            chart.plain
            == plot(
                [
                    Series("expected", expected, "-", "dim"),
                    Series("projection", projection, "+", "yellow"),
                    observed,
                ],
                unit="万吨",
            ).plain
        )

    def test_long_legend_wraps(self) -> None:
        """Legend entries that do not fit on one line go on the next, each padded."""
        series = [Series(f"series number {n}", ((Y2022, float(n)),), "o", "") for n in range(4)]
        plain = plot(series, width=20, height=4).plain
        assert len(widths(plain)) == 1
        assert "o series number 3" in plain

    def test_subnormal_range_is_flat(self) -> None:
        """0 and the smallest subnormal halve to the same value: drawn as a flat range
        padded by 1 (-1 to 1), not a division by zero (hypothesis found it)."""
        series = [Series("s", ((date(2020, 1, 1), 0.0), (date(2021, 1, 1), 5e-324)), "o", "")]
        plain = plot(series).plain
        assert plain.splitlines()[0].split()[0] == "1"

    @given(
        st.lists(
            st.lists(
                st.tuples(
                    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                    st.floats(allow_nan=True, allow_infinity=True),
                ),
                max_size=6,
            ),
            max_size=3,
        ),
        st.integers(min_value=-5, max_value=80),
        st.integers(min_value=-5, max_value=20),
    )
    def test_never_raises(
        self, points: list[list[tuple[date, float]]], width: int, height: int
    ) -> None:
        """Any dates and values: a chart of equal-width lines, or the no-data message."""
        series = [Series(f"s{n}", tuple(one), "o", "") for n, one in enumerate(points)]
        plain = plot(series, width=width, height=height).plain
        assert plain == NO_DATA or len(widths(plain)) == 1

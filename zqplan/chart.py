"""A small character-cell chart of one target: observations, expected path, projection.

Pure: no printing, no clock. `plot` returns Rich Text for the caller's console;
`expected_path` and `projection_path` compute the lines it draws.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len
from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.text import Text

from zqplan.status import add_years, years
from zqplan.text import printable

MIN_WIDTH = 20
"""The narrowest plot area, in columns: two ISO dates still fit under it."""

MIN_HEIGHT = 4
"""The lowest plot area, in rows: room for distinct min, mid and max labels."""

NO_DATA = "no data to plot"
"""What `plot` returns when there is no finite value to draw."""

LINE_DOT = "·"
"""Drawn on the cells between two consecutive points of a series."""

FALLBACK_MARKER = "*"
"""Used when a series' marker is empty or not one terminal cell wide."""

AXIS_STYLE = "dim"
"""The axis lines: present but quieter than the data."""

MIN_TICK_SPACING = 4
"""Year-end ticks inside the x axis only when they are this many columns apart."""

LEGEND_GAP = "   "
"""Between two legend entries on one line."""

Points = tuple[tuple[dt.date, float], ...]
"""Dated values in date order, as the path functions return them."""


@dataclass(frozen=True, slots=True)
class Series:
    """One thing drawn on the chart: dated values with a marker and a style."""

    name: str
    """What the legend calls it, e.g. 'observed', 'expected', 'projection'."""
    points: tuple[tuple[dt.date, float], ...]
    """(date, value) pairs; drawn in date order, non-finite values skipped."""
    marker: str
    """One character drawn at each point and shown in the legend."""
    style: str
    """A Rich style string for the marker and the line, e.g. 'bold green'."""


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where a date and a value land in the plot area (unrounded cell positions)."""

    start: dt.date
    """The first date, at column 0."""
    span: float
    """Calendar years from the first to the last date (0: all on one date)."""
    low: float
    """The value on the bottom row."""
    high: float
    """The value on the top row (always above low)."""
    width: int
    """Columns of the plot area."""
    height: int
    """Rows of the plot area."""

    def column(self, day: dt.date) -> float:
        """The column of a date: 0 for the first, width - 1 for the last."""
        if self.span <= 0:
            return (self.width - 1) / 2
        return years(self.start, day) / self.span * (self.width - 1)

    def row(self, value: float) -> float:
        """The row of a value: 0 for high (top), height - 1 for low (bottom)."""
        # Halves keep the arithmetic finite for any finite values (no high - low overflow).
        return (self.high / 2 - value / 2) / (self.high / 2 - self.low / 2) * (self.height - 1)


def _cell(position: float, size: int) -> int:
    """The cell holding an unrounded position, halves rounded up, kept inside 0..size-1."""
    return min(max(math.floor(position + 0.5), 0), size - 1)


def _marker(marker: str) -> str:
    """The series' marker if it is one cell wide and safe to show, else the fallback."""
    shown = printable(marker[:1])
    return shown if cell_len(shown) == 1 else FALLBACK_MARKER


def _style(style: str) -> str:
    """The style if Rich can parse it; otherwise none, so rendering cannot fail later."""
    try:
        Style.parse(style)
    except StyleSyntaxError:
        return ""
    return style


def _label_text(name: str) -> str:
    """A name or unit from data as one line of terminal-safe text."""
    return printable(name).replace("\t", " ")


def _clean(series: Series) -> Series:
    """The series as drawn: safe marker and style, finite values only, in date order."""
    finite = [(day, float(value)) for day, value in series.points if math.isfinite(value)]
    return Series(
        name=_label_text(series.name),
        points=tuple(sorted(finite, key=lambda point: point[0])),
        marker=_marker(series.marker),
        style=_style(series.style),
    )


def _value_range(values: Sequence[float]) -> tuple[float, float]:
    """The lowest and highest value; a flat range is padded by 10% (by 1 around zero)."""
    low, high = min(values), max(values)
    if high / 2 - low / 2 > 0:  # a range of a subnormal or two halves to 0: flat
        return low, high
    pad = abs(low) * 0.1 or 1.0  # 0.1 * a subnormal underflows to 0: pad by 1 then
    return max(low - pad, -sys.float_info.max), min(high + pad, sys.float_info.max)


def _number(value: float, frame: _Frame) -> str:
    """A y-axis label: thousands separators, as many decimals as the range needs."""
    # log10 of (high - low), computed from halves so it never overflows.
    magnitude = math.log10(frame.high / 2 - frame.low / 2) + math.log10(2)
    decimals = max(2 - math.floor(magnitude), 0)
    if abs(value) >= 1e15 or decimals > 6:
        shown = f"{value:.3g}"
    else:
        shown = f"{value:,.{decimals}f}"
        if "." in shown:
            shown = shown.rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def _day(day: dt.date, *, whole_years: bool) -> str:
    """An x-axis label: the year for a year end among year ends, else the ISO date."""
    return str(day.year) if whole_years else day.isoformat()


def _fit(line: Text, width: int) -> Text:
    """The line cut (with an ellipsis) or padded to exactly width cells."""
    line.truncate(width, overflow="ellipsis", pad=True)
    return line


def _grid(cleaned: Sequence[Series], frame: _Frame) -> list[list[tuple[str, str]]]:
    """The plot area as (character, style) cells; later series drawn over earlier ones."""
    grid = [[(" ", "")] * frame.width for _ in range(frame.height)]
    for series in cleaned:
        cells = [(frame.column(day), frame.row(value)) for day, value in series.points]
        for (x1, y1), (x2, y2) in pairwise(cells):
            # One dot per column strictly between the two points, on the straight
            # line between them (columns are proportional to calendar years).
            for column in range(_cell(x1, frame.width) + 1, _cell(x2, frame.width)):
                share = (column - x1) / (x2 - x1)
                row = _cell(y1 + (y2 - y1) * share, frame.height)
                grid[row][column] = (LINE_DOT, series.style)
        for x, y in cells:
            grid[_cell(y, frame.height)][_cell(x, frame.width)] = (series.marker, series.style)
    return grid


def _rows(grid: list[list[tuple[str, str]]], labels: dict[int, str], gutter: int) -> list[Text]:
    """Each row of the plot area behind its y-axis label and axis line."""
    lines = []
    for index, cells in enumerate(grid):
        label = labels.get(index)
        line = Text((label or "").rjust(gutter - 2) + " ")
        line.append("┤" if label is not None else "│", style=AXIS_STYLE)
        run, run_style = "", ""
        for character, style in cells:
            if style != run_style and run:
                line.append(run, style=run_style or None)
                run = ""
            run, run_style = run + character, style
        line.append(run, style=run_style or None)
        lines.append(line)
    return lines


def _x_axis(frame: _Frame, days: Sequence[dt.date], gutter: int) -> list[Text]:
    """The x axis with its ticks, then the first and last dates under it."""
    first, last = days[0], days[-1]
    ticks = {_cell(frame.column(first), frame.width), _cell(frame.column(last), frame.width)}
    if 0 < frame.span <= (frame.width - 1) / MIN_TICK_SPACING:
        for year in range(first.year, last.year + 1):
            year_end = dt.date(year, 12, 31)
            if first < year_end < last:
                ticks.add(_cell(frame.column(year_end), frame.width))
    axis = "".join("┬" if column in ticks else "─" for column in range(frame.width))
    lines = [Text(" " * (gutter - 1) + "└" + axis, style=AXIS_STYLE)]

    # The labels are years when the labelled dates are year ends (annual figures); the
    # expected and projected paths add dates inside the years, which are never labelled.
    whole_years = all(day.month == 12 and day.day == 31 for day in (first, last))
    left, right = _day(first, whole_years=whole_years), _day(last, whole_years=whole_years)
    indent = " " * gutter
    if first == last:
        start = _cell(frame.column(first) - (len(left) - 1) / 2, frame.width - len(left) + 1)
        lines.append(Text(indent + " " * start + left))
    elif len(left) + 1 + len(right) <= frame.width:
        lines.append(Text(indent + left + right.rjust(frame.width - len(left))))
    else:
        lines.append(Text(indent + left))
        lines.append(Text(indent + right.rjust(frame.width)))
    return lines


def _legend(cleaned: Sequence[Series], width: int) -> list[Text]:
    """Marker and name of every series in its style, wrapped to the chart's width."""
    lines: list[Text] = []
    line = Text()
    for series in cleaned:
        entry = Text(f"{series.marker} {series.name}", style=series.style)
        if line and line.cell_len + len(LEGEND_GAP) + entry.cell_len > width:
            lines.append(line)
            line = Text()
        if line:
            line.append(LEGEND_GAP)
        line.append_text(entry)
    lines.append(line)
    return lines


def plot(series: Sequence[Series], *, width: int = 60, height: int = 12, unit: str = "") -> Text:
    """The series as a character-cell chart: y labels, x axis with dates, legend."""
    cleaned = [_clean(one) for one in series]
    points = [point for one in cleaned for point in one.points]
    if not points:
        return Text(NO_DATA)
    width, height = max(width, MIN_WIDTH), max(height, MIN_HEIGHT)
    days = sorted(day for day, _ in points)
    low, high = _value_range([value for _, value in points])
    frame = _Frame(days[0], years(days[0], days[-1]), low, high, width, height)

    middle = frame.low / 2 + frame.high / 2
    labels = {_cell(frame.row(middle), height): _number(middle, frame)}
    # Set last, so the range's ends win should the middle round onto either.
    labels[0] = _number(frame.high, frame)
    labels[height - 1] = _number(frame.low, frame)
    gutter = max(len(label) for label in labels.values()) + 2
    total = gutter + width

    lines = [Text(_label_text(unit))] if unit else []
    lines += _rows(_grid(cleaned, frame), labels, gutter)
    lines += _x_axis(frame, days, gutter)
    lines += _legend(cleaned, total)
    # A narrow terminal crops the chart rather than wrapping its rows into each other.
    return Text("\n", no_wrap=True, overflow="crop").join(_fit(line, total) for line in lines)


def _spaced(start: dt.date, end: dt.date, steps: int) -> list[dt.date]:
    """Dates evenly spaced in calendar years from start to end (both exact, none repeated)."""
    span = years(start, end)
    days = [start]
    for step in range(1, steps):
        day = add_years(start, span * step / steps)
        if day is not None and days[-1] < day < end:
            days.append(day)
    days.append(end)
    return days


def _between(v0: float, goal: float, tau: float, *, compound: bool) -> float:
    """The value a share tau of the way from v0 to goal, along the path's shape."""
    if compound:
        ratio = goal / v0
        if 0 < ratio < math.inf:
            return float(v0 * ratio**tau)
        # The ratio over- or underflowed: the same curve through logarithms.
        return math.exp(math.log(v0) + tau * (math.log(goal) - math.log(v0)))
    distance = goal - v0
    if math.isfinite(distance):
        return v0 + tau * distance
    return v0 * (1 - tau) + goal * tau


def expected_path(
    baseline: tuple[dt.date, float],
    target: tuple[dt.date, float],
    *,
    compound: bool,
    steps: int = 24,
) -> Points:
    """Points from baseline to target, compound (where defined: both above 0) or linear."""
    (t0, v0), (due, goal) = baseline, target
    if due <= t0:
        return ((t0, v0), (due, goal))
    compound = compound and v0 > 0 and goal > 0
    span = years(t0, due)
    path = [
        (day, _between(v0, goal, years(t0, day) / span, compound=compound))
        for day in _spaced(t0, due, max(steps, 1))
    ]
    path[0], path[-1] = (t0, v0), (due, goal)
    return tuple(path)


def _grown(value: float, rate: float, span: float, *, compound: bool) -> float:
    """The value span years on at the rate; infinity where it overflows."""
    if not compound:
        return value + rate * span
    try:
        return float(value * (1 + rate) ** span)
    except OverflowError:
        return math.inf


def projection_path(
    latest: tuple[dt.date, float],
    rate: float,
    until: dt.date,
    *,
    compound: bool,
    steps: int = 24,
) -> Points:
    """Points from the latest value to `until` at the observed rate; empty if there are none."""
    start, value = latest
    if until <= start or not math.isfinite(rate) or (compound and rate < -1):
        return ()
    path = []
    for day in _spaced(start, until, max(steps, 1)):
        grown = _grown(value, rate, years(start, day), compound=compound)
        if not math.isfinite(grown):
            break  # the rest of the path is off any chart
        path.append((day, grown))
    return tuple(path)

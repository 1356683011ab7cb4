"""A small chart per target for the HTML report, as SVG coordinates. Pure.

The numbers are chart.py's (`show`'s terminal chart): the expected path and the
projection at the observed rate; this module only maps them onto a small picture.
A yearly schedule is drawn as bars instead: each year's target beside its outturn.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from zqplan.model import Assessment, Kind, Point, Trajectory

WIDTH, HEIGHT = 260, 96
"""The chart's size in CSS pixels (it scales with the page)."""
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 8, 18
"""Room for the value labels (left) and the years (below)."""
MANY_DOTS = 24
"""Above this many observations, one line joins them all and only the first and the last
are dots: 50 dots 4 pixels apart on a 200-pixel chart cost a big plan 100,000 elements."""


@dataclass(frozen=True, slots=True)
class Line:
    """A polyline: the expected path or the projection."""

    kind: str
    """'expected' or 'projection' (the CSS class)."""
    points: str
    """SVG points: 'x,y x,y ...'."""


@dataclass(frozen=True, slots=True)
class Dot:
    """A marked value: an observation, or the target."""

    x: float
    """Horizontal position."""
    y: float
    """Vertical position."""
    label: str
    """What a reader hovering over it sees: date and value."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a yearly schedule."""

    x: float
    """Left edge."""
    y: float
    """Top edge."""
    width: float
    """Width."""
    height: float
    """Height."""
    kind: str
    """'goal' or 'outturn' (the CSS class)."""
    label: str
    """Year and value."""


@dataclass(frozen=True, slots=True)
class Label:
    """A text on an axis."""

    x: float
    """Anchor position."""
    y: float
    """Baseline position."""
    text: str
    """The words."""
    anchor: str
    """SVG text-anchor: start, middle or end."""


@dataclass(frozen=True, slots=True)
class Chart:
    """What the template draws for one target."""

    lines: tuple[Line, ...] = ()
    """The expected path and the projection."""
    dots: tuple[Dot, ...] = ()
    """The observations (the baseline included); only the first and last when many."""
    trail: str = ""
    """When many: SVG points joining every observation in date order, else ''."""
    goal: Dot | None = None
    """The target, where it has a date and a level."""
    bars: tuple[Bar, ...] = ()
    """A yearly schedule's bars."""
    labels: tuple[Label, ...] = ()
    """Value and year labels."""
    axis_y: float = HEIGHT - BOTTOM
    """Where the horizontal axis is drawn (zero for bars)."""
    width: int = WIDTH
    """Width in CSS pixels."""
    height: int = HEIGHT
    """Height in CSS pixels."""


def _pair(point: Point | None) -> tuple[dt.date, float] | None:
    if point is None or point.date is None or isinstance(point.value, bool):
        return None
    if point.value is None or not math.isfinite(point.value):
        return None
    return (point.date, float(point.value))


def _domain(values: Sequence[float]) -> tuple[float, float]:
    """The value range with a little room; a flat series gets a range around itself."""
    low, high = min(values), max(values)
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def _label(value: float) -> str:
    """A number for a label: as text.value writes it (at most 2 decimals, 4 significant
    digits below 1), without its unit and without parsing one for each of many dots."""
    size = abs(value)
    if size >= 1e15 or (size and size < 1e-4):
        return f"{value:.3g}"
    if size < 1:
        return f"{value:.4g}"
    return f"{round(value, 2):,.2f}".rstrip("0").rstrip(".")


def chart(assessment: Assessment) -> Chart | None:
    """The target's chart, or None when it has no dated number to draw."""
    target = assessment.target
    if target.kind is Kind.YES_NO:
        return None
    if target.schedule:
        return _bars(assessment)
    return _lines(assessment)


def _lines(assessment: Assessment) -> Chart | None:
    from zqplan.chart import expected_path, projection_path

    baseline, goal, latest = (
        _pair(assessment.baseline),
        _pair(assessment.goal),
        _pair(assessment.latest),
    )
    seen = {
        (o.date, float(o.value))
        for o in assessment.observations
        if isinstance(o.value, float | int)
        and not isinstance(o.value, bool)
        and math.isfinite(o.value)
    }  # as _pair does for each, without a Point per observation (100,000 on a big plan)
    if baseline is not None:
        seen.add(baseline)
    if not seen:
        return None
    compound = assessment.rate_basis is Trajectory.COMPOUND
    expected: tuple[tuple[dt.date, float], ...] = ()
    ahead: tuple[tuple[dt.date, float], ...] = ()
    if baseline is not None and goal is not None:
        # Eight segments draw a smooth enough curve 200 pixels wide, at a third of the cost.
        expected = expected_path(baseline, goal, compound=compound, steps=8)
        if assessment.observed_rate is not None and latest is not None:
            ahead = projection_path(
                latest, assessment.observed_rate, goal[0], compound=compound, steps=8
            )
    observed = sorted(seen)
    framed = [*observed, *expected, *([goal] if goal else [])]
    values = [v for _, v in framed]
    low, high = _domain(values)
    start = min(d for d, _ in [*framed, *ahead])
    end = max(d for d, _ in [*framed, *ahead])
    days = max((end - start).days, 1)
    span = high - low

    def x(day: dt.date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / days, 1)

    def y(value: float) -> float:
        clamped = min(max(value, low - span * 0.15), high + span * 0.15)  # a wild projection
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - clamped) / span, 1)

    def points(path: Sequence[tuple[dt.date, float]]) -> str:
        # x and y written out: a big plan draws 100,000 observations (same arithmetic).
        first, wide, tall = start.toordinal(), WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
        floor, ceiling = low - span * 0.15, high + span * 0.15
        return " ".join(
            f"{round(LEFT + wide * (d.toordinal() - first) / days, 1)},"
            f"{round(TOP + tall * (high - min(max(v, floor), ceiling)) / span, 1)}"
            for d, v in path
        )

    lines = [Line("expected", points(expected))] if expected else []
    if len(ahead) > 1:
        lines.append(Line("projection", points(ahead)))
    shown = observed if len(observed) <= MANY_DOTS else [observed[0], observed[-1]]
    dots = tuple(Dot(x(d), y(v), f"{d}: {_label(v)}") for d, v in shown)
    trail = points(observed) if len(observed) > MANY_DOTS else ""
    mark = None if goal is None else Dot(x(goal[0]), y(goal[1]), f"{goal[0]}: {_label(goal[1])}")
    bottom = HEIGHT - BOTTOM
    labels = (  # the largest and smallest values drawn, at their height
        Label(LEFT - 4, y(max(values)) + 3, _label(max(values)), "end"),
        Label(LEFT - 4, y(min(values)) + 3, _label(min(values)), "end"),
        Label(LEFT, HEIGHT - 4, str(start.year), "start"),
        Label(WIDTH - RIGHT, HEIGHT - 4, str(end.year), "end"),
    )
    return Chart(tuple(lines), dots, trail, mark, (), labels, bottom)


def _bars(assessment: Assessment) -> Chart | None:
    periods = [
        (p.entry.year, p.target, None if p.outturn is None else p.outturn.value)
        for p in assessment.schedule
    ]
    numbers = [
        float(v)
        for _, goal, outturn in periods
        for v in (goal, outturn)
        if isinstance(v, float | int) and not isinstance(v, bool) and math.isfinite(v)
    ]
    if not numbers:
        return None
    low, high = _domain([*numbers, 0.0])
    top_value, bottom_value = max([*numbers, 0.0]), min([*numbers, 0.0])
    span = high - low
    slot = (WIDTH - LEFT - RIGHT) / len(periods)
    bar = max(min(slot * 0.35, 18.0), 1.0)

    def y(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / span, 1)

    zero = y(0.0)
    bars: list[Bar] = []
    labels: list[Label] = []
    for index, (year, goal, outturn) in enumerate(periods):
        left = LEFT + slot * index + (slot - 2 * bar) / 2
        for offset, kind, value in ((0.0, "goal", goal), (bar, "outturn", outturn)):
            if isinstance(value, bool) or value is None or not math.isfinite(value):
                continue
            top = min(y(value), zero)
            bars.append(
                Bar(
                    round(left + offset, 1),
                    top,
                    round(bar, 1),
                    round(abs(y(value) - zero), 1) or 0.5,
                    kind,
                    f"{year}: {_label(value)}",
                )
            )
        labels.append(Label(round(LEFT + slot * (index + 0.5), 1), HEIGHT - 4, str(year), "middle"))
    labels += [
        Label(LEFT - 4, y(top_value) + 3, _label(top_value), "end"),
        Label(LEFT - 4, y(bottom_value) + 3, _label(bottom_value), "end"),
    ]
    return Chart(bars=tuple(bars), labels=tuple(labels), axis_y=zero)

"""An indicator table (指标, 单位, 基期值, 目标值, 年均增长, 属性...) as registry entries (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zqplan.errors import InvalidInputError, ZqplanError
from zqplan.i18n import told
from zqplan.options import Lang

HEADINGS: dict[str, str] = {
    "id": "id",
    "编号": "id",
    "代码": "id",
    "indicator": "name",
    "title": "name",
    "name": "name",
    "titlezh": "name",
    "指标": "name",
    "指标名称": "name",
    "名称": "name",
    "中文名称": "name",
    "英文名称": "name",
    "unit": "unit",
    "单位": "unit",
    "计量单位": "unit",
    "baseline": "baseline",
    "baselinevalue": "baseline",
    "基期值": "baseline",
    "基期": "baseline",
    "基数": "baseline",
    "baselineyear": "baseline_year",
    "baselinedate": "baseline_year",
    "基期年": "baseline_year",
    "基期年份": "baseline_year",
    "基年": "baseline_year",
    "target": "target",
    "targetvalue": "target",
    "目标值": "target",
    "目标": "target",
    "规划目标": "target",
    "year": "year",
    "targetyear": "year",
    "targetdate": "year",
    "目标年": "year",
    "目标年份": "year",
    "年份": "year",
    "annualgrowth": "annual_growth",
    "年均增长": "annual_growth",
    "年均增长率": "annual_growth",
    "年均增速": "annual_growth",
    "年均增长累计": "annual_growth",
    "change": "change",
    "累计变化": "change",
    "累计增减": "change",
    "attribute": "attribute",
    "属性": "attribute",
    "指标属性": "attribute",
    "area": "area",
    "领域": "area",
    "类别": "area",
    "分类": "area",
    "direction": "direction",
    "方向": "direction",
    "source": "source",
    "来源": "source",
    "出处": "source",
    "原文": "source",
    "note": "note",
    "备注": "note",
    "说明": "note",
    "序号": "skip",
    "no": "skip",
}
"""Column headings (case, spaces, brackets and a year aside) and the field each gives."""

ATTRIBUTES = {
    "anticipatory": "anticipatory",
    "预期性": "anticipatory",
    "binding": "binding",
    "约束性": "binding",
}
"""属性 cells and the registry's attribute."""

DIRECTIONS = {
    "increase": "increase",
    "提高": "increase",
    "增长": "increase",
    "decrease": "decrease",
    "下降": "decrease",
    "降低": "decrease",
    "at-least": "at-least",
    "不低于": "at-least",
    "at-most": "at-most",
    "不高于": "at-most",
}
"""方向 cells and the registry's direction."""

_YEAR = re.compile(r"(?:19|20|21)\d{2}年?")
_DROPPED = re.compile(r"[\s_\-()（）\[\]【】%％:：/]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_AT_LEAST = (">=", "≥", "＞=", ">", "＞")
_AT_MOST = ("<=", "≤", "<", "＜")
_AT_LEAST_AFTER = ("以上", "及以上")
_AT_MOST_AFTER = ("以内", "以下", "及以下")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|\(\S+\)|（\S+）)\s*")
MAX_ID = 48
"""Generated ids are cut at a hyphen to at most this many characters."""


@dataclass(frozen=True, slots=True)
class Defaults:
    """What the command line gives for the cells a table leaves out."""

    source: str | None = None
    """--source: the quote every row without a 来源 cell carries."""
    document: str | None = None
    """--document: the id of the document quoted."""
    area: str | None = None
    """--area: the area of rows without a 领域 cell or heading row."""
    target_year: int | None = None
    """--target-year: the year of targets without a 目标年 cell."""
    baseline_year: int | None = None
    """--baseline-year: the year of baselines without a 基期年 cell."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the table as a registry entry."""

    id: str
    """The target's id: given, or made from its English title."""
    row: int
    """The row of the table it comes from (1 is the header)."""
    table: dict[str, Any]
    """Its fields, in the order written: area, title, ..., baseline, target, note."""


@dataclass(frozen=True, slots=True)
class _Column:
    """A column of the table: the field it gives and a year its heading names."""

    field: str
    """A value of HEADINGS."""
    year: int | None
    """`2020年基期值`: 2020."""


def read_rows(text: str) -> list[list[str]]:
    """The cells of a CSV text, row by row (separated by ',', ';' or tab, as the header is)."""
    import csv
    import io

    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [list(row) for row in reader]


def entries(
    rows: list[list[str]],
    *,
    name: str,
    areas: Mapping[str, tuple[str, str | None]],
    defaults: Defaults,
    lang: Lang,
) -> tuple[list[Entry], list[ZqplanError]]:
    """The table's entries, or every bad cell as NAME:ROW:COLUMN (column 1 is the first)."""
    problems: list[ZqplanError] = []

    def bad(row: int, column: int | None, key: str, **values: object) -> None:
        where = f"{name}:{row}" if column is None else f"{name}:{row}:{column + 1}"
        problems.append(InvalidInputError(told(key, lang, **values), where=where))

    if not rows or not any(cell.strip() for cell in rows[0]):
        bad(1, None, "no header")
        return [], problems
    columns: list[_Column] = []
    years = _year_columns(rows[0])
    for index, heading in enumerate(rows[0]):
        column = years.get(index) or _column(heading)
        if column is None:
            bad(1, index, "unknown column", heading=heading.strip())
        columns.append(column or _Column("skip", None))
    if problems:
        return [], problems
    fields = [c.field for c in columns]
    if "name" not in fields and "id" not in fields:
        bad(1, None, "no name column")
        return [], problems
    for field in set(fields) - {"name", "skip"}:
        if fields.count(field) > 1:
            bad(1, fields.index(field, fields.index(field) + 1), "repeated column", field=field)
    if problems:
        return [], problems
    found: list[Entry] = []
    heading_area: str | None = None
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue
        if len(cells) > len(columns) and any(cells[len(columns) :]):
            bad(number, len(columns), "extra cells", count=len(cells), header=len(columns))
            continue
        cells += [""] * (len(columns) - len(cells))
        filled = [i for i, c in enumerate(cells) if c and columns[i].field != "skip"]
        if len(filled) == 1 and columns[filled[0]].field == "name":
            area = _area(_NUMBERING.sub("", cells[filled[0]]), areas)
            if area is None:
                bad(number, filled[0], "heading not area", text=cells[filled[0]])
            heading_area = area
            continue
        before = len(problems)
        entry = _entry(cells, columns, number, areas, defaults, heading_area, bad, lang)
        if entry is None or len(problems) > before:
            continue
        if entry.id in seen:
            index = fields.index("id") if "id" in fields else fields.index("name")
            bad(number, index, "repeated id", id=entry.id, first=seen[entry.id])
            continue
        seen[entry.id] = number
        found.append(entry)
    return found, problems


def _year_columns(header: list[str]) -> dict[int, _Column]:
    """Headings that are only a year, as plan tables print them (指标, 2020年, 2025年):
    the earlier is the baseline, the later the target; one alone is the target."""
    only = {
        index: int(text.strip()[:4])
        for index, text in enumerate(header)
        if _YEAR.fullmatch(text.strip())
    }
    if not only or len(only) > 2:
        return {}
    ordered = sorted(only, key=lambda index: only[index])
    fields = ["target"] if len(ordered) == 1 else ["baseline", "target"]
    return {
        index: _Column(field, only[index]) for index, field in zip(ordered, fields, strict=True)
    }


def _column(heading: str) -> _Column | None:
    """What a heading names: `2025年目标值` is the target, in 2025; None if unknown."""
    text = heading.strip().casefold()
    year_found = _YEAR.search(text)
    year = int(year_found.group()[:4]) if year_found else None
    field = HEADINGS.get(_DROPPED.sub("", _YEAR.sub("", text)))
    if field is None:
        return None
    return _Column(field, year if field in ("baseline", "target") else None)


def _area(text: str, areas: Mapping[str, tuple[str, str | None]]) -> str | None:
    """The id of the area a cell names: its id, English title (any case) or Chinese title."""
    folded = text.strip().casefold()
    for area_id, (title, title_zh) in areas.items():
        if folded in (area_id, title.casefold()) or (title_zh and text.strip() == title_zh):
            return area_id
    return None


class _Row:
    """One row's cells by field, and where to report its bad cells."""

    def __init__(self, cells: list[str], columns: list[_Column], number: int, bad: Any):
        self.number = number
        """The row's number (1 is the header)."""
        self.bad = bad
        """bad(row, column, key, **values): reports a problem."""
        self.cells: dict[str, tuple[int, str]] = {}
        """field -> (column index, text), for every field but the names."""
        self.names: list[tuple[int, str]] = []
        """The name cells that are filled: (column index, text)."""
        self.years: dict[str, int] = {}
        """The year a heading names, by field (`2025年目标值`)."""
        for index, (column, text) in enumerate(zip(columns, cells, strict=True)):
            if column.field == "name":
                if text:
                    self.names.append((index, text))
            elif column.field != "skip":
                self.cells[column.field] = (index, text)
                if column.year is not None:
                    self.years[column.field] = column.year

    def text(self, field: str) -> str:
        return self.cells.get(field, (0, ""))[1]

    def column(self, field: str) -> int | None:
        found = self.cells.get(field)
        return None if found is None else found[0]

    def report(self, field: str | None, key: str, **values: object) -> None:
        self.bad(self.number, None if field is None else self.column(field), key, **values)

    def date(self, field: str, option_year: int | None, value_field: str) -> dt.date | None:
        """The year of a cell (the end of it), else of the value's heading, else the option."""
        text = self.text(field)
        if text:
            from zqplan.periods import PeriodError, parse_period

            try:
                return parse_period(text)
            except PeriodError:
                self.report(field, "bad year", text=text)
                return None
        year = self.years.get(value_field, option_year)
        return None if year is None else dt.date(year, 12, 31)


def _entry(
    cells: list[str],
    columns: list[_Column],
    number: int,
    areas: Mapping[str, tuple[str, str | None]],
    defaults: Defaults,
    heading_area: str | None,
    bad: Any,
    lang: Lang,
) -> Entry | None:
    """One row's entry; its bad cells go to `bad` (the entry is then dropped)."""
    row = _Row(cells, columns, number, bad)
    named = _names(row)
    if named is None:
        return None
    target_id, title, title_zh = named
    table: dict[str, Any] = {"area": _area_of(row, areas, defaults, heading_area)}
    table["title"] = title if title is not None else title_zh
    if title_zh is not None:
        table["title_zh"] = title_zh
    table["source"] = row.text("source") or defaults.source
    if table["source"] is None:
        row.report(None, "no source")
    if defaults.document is not None:
        table["document"] = defaults.document
    table["unit"] = row.text("unit")
    if not table["unit"]:
        row.report("unit", "no unit")
    direction = None
    if row.text("direction"):
        direction = DIRECTIONS.get(row.text("direction").casefold())
        if direction is None:
            row.report(
                "direction",
                "bad direction",
                text=row.text("direction"),
                known=", ".join(DIRECTIONS),
            )
    attribute = ATTRIBUTES.get(row.text("attribute").casefold())
    if row.text("attribute") and attribute is None:
        row.report("attribute", "bad attribute", text=row.text("attribute"))
    baseline = _quantity(row, "baseline", row.text("baseline"), table["unit"])
    goal, direction, noted = _goal(row, baseline, direction, defaults, lang)
    if direction is not None:
        table["direction"] = direction
    if attribute is not None:
        table["attribute"] = attribute
    if baseline is not None:
        date = row.date("baseline_year", defaults.baseline_year, "baseline")
        if date is None:
            row.report("baseline", "no baseline year")
        table["baseline"] = {"value": baseline, "date": date}
    if goal:
        table["target"] = goal
    note = "; ".join([n for n in [row.text("note"), *noted] if n])
    if note:
        table["note"] = note
    return Entry(target_id, number, table)


def _names(row: _Row) -> tuple[str, str | None, str | None] | None:
    """The id, English title and Chinese title of a row; None (reported) if it has none."""
    title = next((t for _, t in row.names if t.isascii()), None)
    title_zh = next((t for _, t in row.names if not t.isascii()), None)
    name_column = row.names[0][0] if row.names else row.column("id")
    if title is None and title_zh is None:
        row.bad(row.number, name_column, "no title")
        return None
    given = row.text("id")
    if given:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", given):
            row.report("id", "bad id", id=given)
        return given, title, title_zh
    if title is None:
        row.bad(row.number, name_column, "no id", title=title_zh)
        return None
    return make_id(title), title, title_zh


def _area_of(
    row: _Row,
    areas: Mapping[str, tuple[str, str | None]],
    defaults: Defaults,
    heading_area: str | None,
) -> str | None:
    """The row's area: its cell, else the heading row above it, else --area."""
    if row.text("area"):
        area = _area(row.text("area"), areas)
        if area is None:
            row.report("area", "unknown area", area=row.text("area"), known=", ".join(areas))
        return area
    area = heading_area or defaults.area
    if area is None:
        row.report(None, "no area")
    return area


def _goal(
    row: _Row, baseline: Any, direction: str | None, defaults: Defaults, lang: Lang
) -> tuple[dict[str, Any], str | None, list[str]]:
    """The target table, the direction it implies, and notes on what the table adds.

    The registry's target takes one form: a value wins over annual growth and change,
    which are then kept in the note; a rate needs a baseline.
    """
    goal: dict[str, Any] = {}
    noted: list[str] = []
    if row.text("target"):
        amount, bound = _bounded(row.text("target"))
        goal["value"] = _quantity(row, "target", amount, row.text("unit"))
        direction = direction or bound
    for field in ("annual_growth", "change"):
        text = row.text(field)
        if not text:
            continue
        rate = _percent(text)
        if rate is None:
            row.report(field, "bad percent", text=text)
            continue
        if goal:
            noted.append(told(f"noted {field}", lang, rate=f"{rate:g}"))
            continue
        if baseline is None:
            row.report(field, "rate needs baseline", rate=field)
        goal[field] = rate
        if rate < 0 and direction is None:
            direction = "decrease"
    if goal:
        date = row.date("year", defaults.target_year, "target")
        if date is not None:
            goal["date"] = date
        elif direction not in ("at-least", "at-most"):
            row.report("year", "no target year")
    value = goal.get("value")
    if direction is None and _is_number(baseline) and _is_number(value) and value < baseline:
        direction = "decrease"
    return goal, direction, noted


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def make_id(title: str) -> str:
    """An id from an English title: `GDP per capita (yuan)` is gdp-per-capita-yuan."""
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    if not words or not words[0].isalpha():
        words = "t-" + words if words else "t"
    while len(words) > MAX_ID and "-" in words:
        words = words.rsplit("-", 1)[0]
    return words[:MAX_ID].strip("-")


def _bounded(text: str) -> tuple[str, str | None]:
    """A target cell without its comparator: `≥70` is 70 and at-least."""
    stripped = text.strip()
    before: tuple[tuple[tuple[str, ...], str], ...] = (
        (_AT_LEAST, "at-least"),
        (_AT_MOST, "at-most"),
    )
    after: tuple[tuple[tuple[str, ...], str], ...] = (
        (_AT_LEAST_AFTER, "at-least"),
        (_AT_MOST_AFTER, "at-most"),
    )
    for marks, bound in before:
        for mark in marks:
            if stripped.startswith(mark):
                return stripped[len(mark) :].strip(), bound
    for marks, bound in after:
        for mark in marks:
            if stripped.endswith(mark):
                return stripped[: -len(mark)].strip(), bound
    return stripped, None


def _quantity(row: _Row, field: str, text: str, unit: str) -> Any:
    """A number, or text with a unit the registry converts (`300亿`); None if empty."""
    if not text:
        return None
    plain = text.replace(",", "")
    if _NUMBER.fullmatch(plain):
        value = float(plain)
        return int(value) if value.is_integer() and "." not in plain else value
    from zqplan.units import UnitError, parse_quantity, parse_unit

    try:
        parse_quantity(text, parse_unit(unit))
    except UnitError as error:
        row.report(field, "bad quantity", text=text, reason=error.message)
        return None
    return text


def _percent(text: str) -> float | None:
    """A rate in percent: `6`, `6%`, `-13.5％`; None if it is not one."""
    plain = text.strip().removesuffix("%").removesuffix("％").strip()
    if not _NUMBER.fullmatch(plain):
        return None
    return float(plain)

"""The 完成情况表 (zqplan/wide.py) as zqplan.table/1 JSON, flat rows and a Rich table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from zqplan.i18n import PERIOD_LABELS, STATUS_LABELS, YEARLY_WORDS, Lang, pick
from zqplan.model import Comparator, Kind, Plan, StatusCode, Value
from zqplan.wide import GOAL, WideRow, WideTable, YearCell

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "TABLE_SCHEMA",
    "WORDS",
    "cell_texts",
    "table_columns",
    "table_document",
    "table_rows",
    "table_view",
]

TABLE_SCHEMA = "zqplan.table/1"

WORDS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "title": ("indicator", "指标"),
    "unit": ("unit", "单位"),
    "baseline": ("baseline", "基期值"),
    "status": ("status", "状态"),
    "year target": ("{} target", "{}年目标"),
    "year outturn": ("{} outturn", "{}年完成"),
    "plan target": ("{} (plan)", "{}（规划目标）"),
    "done": ("done", "已完成"),
    "not done": ("not done", "未完成"),
    "about": ("about {}", "{}左右"),
    "year to date": ("{} (to {}, {})", "{}（截至{}，{}）"),
    "none": ("no indicator has a yearly target or figure", "没有指标有年度目标或数据"),
}
"""The words of the by-year table: (English, Chinese)."""


def words(key: str, lang: Lang) -> str:
    """A word of WORDS in the language."""
    english, chinese = WORDS[key]
    return chinese if lang is Lang.ZH else english


def _number(value: float | None) -> float | None:
    from zqplan.report import number

    return number(value)


def _value(value: Value | None) -> Value | None:
    return value if isinstance(value, bool) or value is None else _number(value)


def _cell_fields(cell: YearCell) -> dict[str, Any]:
    """One year of a row in zqplan.table/1."""
    latest = cell.latest
    return {
        "year": cell.year,
        "target": _number(cell.target),
        "target_high": _number(cell.high),
        "comparator": None if cell.comparator is None else cell.comparator.value,
        "written": cell.written or None,
        "source": cell.source,
        "outturn": _value(cell.outturn),
        "year_to_date": None
        if latest is None or latest.date is None
        else {"value": _value(latest.value), "date": latest.date.isoformat()},
        "verdict": None if cell.verdict is None else cell.verdict.value,
        "status": None if cell.status is None else cell.status.value,
    }


def _row_fields(plan: Plan, row: WideRow) -> dict[str, Any]:
    from zqplan.report import label, point

    assessment = row.assessment
    target = assessment.target
    area = plan.area(target.area)
    return {
        "id": target.id,
        "area": target.area,
        "area_title": None if area is None else area.title,
        "title": target.title,
        "title_zh": target.title_zh,
        "unit": target.unit,
        "role": target.role.value,
        "kind": target.kind.value,
        "baseline": point(assessment.baseline),
        "target": point(assessment.goal),
        "status": assessment.status.value,
        "label": label(assessment),
        "label_zh": label(assessment, zh=True),
        "years": [_cell_fields(c) for c in row.cells],
    }


def table_document(plan: Plan, table: WideTable, *, known_at: str | None = None) -> dict[str, Any]:
    """zqplan.table/1: the plan, the years and one row per indicator (the README's schema)."""
    from zqplan.report import plan_fields

    return {
        "schema": TABLE_SCHEMA,
        "as_of": table.as_of.isoformat(),
        "known_at": known_at,
        "plan": plan_fields(plan),
        "years": list(table.years),
        "rows": [_row_fields(plan, row) for row in table.rows],
    }


ROW_COLUMNS = (
    "id",
    "area",
    "title",
    "title_zh",
    "unit",
    "role",
    "kind",
    "status",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
)
"""The flat columns before the years'."""

YEAR_COLUMNS = ("target", "comparator", "outturn", "verdict", "status")
"""Each year's flat columns, named YEAR_NAME (2024_target)."""


def table_columns(years: tuple[int, ...] | list[int]) -> list[str]:
    """Every flat column of the table with these years, in order."""
    return [*ROW_COLUMNS, *(f"{year}_{name}" for year in years for name in YEAR_COLUMNS)]


def table_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per indicator: numbers at full precision (data, not display)."""
    rows: list[dict[str, Any]] = []
    for entry in document["rows"]:
        baseline, goal = entry["baseline"] or {}, entry["target"] or {}
        row: dict[str, Any] = {key: entry.get(key) for key in ROW_COLUMNS[:8]}
        row |= {
            "baseline_value": baseline.get("value"),
            "baseline_date": baseline.get("date"),
            "target_value": goal.get("value"),
            "target_date": goal.get("date"),
        }
        for cell in entry["years"]:
            year = cell["year"]
            comparator = GOAL if cell["source"] == GOAL else cell["comparator"]
            row |= {
                f"{year}_target": cell["target"],
                f"{year}_comparator": comparator,
                f"{year}_outturn": cell["outturn"],
                f"{year}_verdict": cell["verdict"],
                f"{year}_status": cell["status"],
            }
        rows.append(row)
    return rows


def _shown(value: Value | None, lang: Lang) -> str:
    """A number rounded for people (the unit is in its own column), or done / not done."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return words("done" if value else "not done", lang)
    from zqplan import text

    return text.value(value, "", lang, level=False)


def _target_text(row: WideRow, cell: YearCell, lang: Lang) -> str:
    if cell.source is None:
        return ""
    if cell.source == GOAL:
        if row.assessment.target.kind is Kind.YES_NO or cell.target is None:
            amount = words("done", lang) if cell.target is None else _shown(cell.target, lang)
        else:
            amount = _shown(cell.target, lang)
        return words("plan target", lang).format(amount)
    return yearly_text(cell, lang)


def yearly_text(cell: YearCell, lang: Lang) -> str:
    """A year's own target in words (≥ 5.5 / 5.5以上), the unit left to its own column."""
    if cell.target is None:
        return "—"
    amount = _shown(cell.target, lang)
    comparator = cell.comparator or Comparator.EQUAL
    # The words status and show use (≥ 5.5 / 5.5以上), the unit in its own column.
    if comparator is Comparator.RANGE:
        return YEARLY_WORDS[comparator][lang is Lang.ZH].format(amount, _shown(cell.high, lang))
    return YEARLY_WORDS[comparator][lang is Lang.ZH].format(amount)


def _outturn_text(cell: YearCell, lang: Lang) -> str:
    if cell.outturn is not None:
        shown = _shown(cell.outturn, lang)
        if cell.verdict is not None:
            shown += " " + pick(*PERIOD_LABELS[cell.verdict.value], lang)
        return shown
    if cell.latest is not None and cell.latest.date is not None:
        # A level's part-year figure is not judged (no-data): say only how far it goes.
        judged = cell.status is not None and cell.status is not StatusCode.NO_DATA
        status = pick(*STATUS_LABELS[cell.status], lang) if judged and cell.status else ""
        day = cell.latest.date.strftime("%m-%d")
        found = words("year to date", lang).format(_shown(cell.latest.value, lang), day, status)
        return found.replace(", )", ")").replace("，）", "）")
    return "—" if cell.source is not None else ""


def cell_texts(row: WideRow, cell: YearCell, lang: Lang) -> tuple[str, str]:
    """(target, outturn) of one year as people read them, rounded, in the language."""
    return _target_text(row, cell, lang), _outturn_text(cell, lang)


VERDICT_STYLE = {"met": "green", "broadly-met": "yellow", "not-met": "red"}
"""The colour of a year's outturn by its verdict (the word says it too)."""


def table_view(plan: Plan, table: WideTable, lang: Lang, *, interactive: bool) -> RenderableType:
    """The 完成情况表 as a Rich table: id, title, unit, baseline, target and outturn a year,
    status."""
    from rich.table import Table
    from rich.text import Text

    from zqplan.report import label
    from zqplan.table import STATUS_STYLE, _box
    from zqplan.text import printable, unit_name

    if not table.rows:
        return Text(words("none", lang), style="dim")
    title = pick(plan.title, plan.title_zh, lang)
    grid = Table(
        box=_box(interactive),
        pad_edge=False,
        title=printable(f"{title} — {table.as_of.isoformat()}"),
        title_justify="left",
    )
    for key in ("id", "title", "unit", "baseline"):
        justify: Literal["left", "right"] = "right" if key == "baseline" else "left"
        grid.add_column(words(key, lang), justify=justify, overflow="fold")
    for year in table.years:
        # fold, never "…": a narrow terminal wraps a figure, it does not cut it.
        grid.add_column(words("year target", lang).format(year), justify="right", overflow="fold")
        grid.add_column(words("year outturn", lang).format(year), justify="right", overflow="fold")
    grid.add_column(words("status", lang), overflow="fold")
    for row in table.rows:
        assessment = row.assessment
        target = assessment.target
        baseline = assessment.baseline
        cells: list[Text] = [
            Text(target.id),
            Text(printable(pick(target.title, target.title_zh, lang))),
            Text(printable(unit_name(target.unit, lang))),
            Text("" if baseline is None else _shown(baseline.value, lang)),
        ]
        for cell in row.cells:
            goal, outturn = cell_texts(row, cell, lang)
            style = "" if cell.verdict is None else VERDICT_STYLE[cell.verdict.value]
            cells += [Text(goal), Text(outturn, style=style if interactive else "")]
        status = label(assessment, zh=lang is Lang.ZH)
        cells.append(
            Text(status, style=STATUS_STYLE.get(assessment.status, "") if interactive else "")
        )
        grid.add_row(*cells)
    return grid


def table_markdown(table: WideTable, lang: Lang) -> str:
    """The 完成情况表 as a Markdown table for people: headings in the language, rounded."""
    from zqplan.render import markdown_text
    from zqplan.report import label
    from zqplan.text import unit_name

    if not table.rows:
        return words("none", lang) + "\n"
    headings = [words(key, lang) for key in ("id", "title", "unit", "baseline")]
    for year in table.years:
        headings += [
            words("year target", lang).format(year),
            words("year outturn", lang).format(year),
        ]
    headings.append(words("status", lang))
    rows: list[dict[str, Any]] = []
    for row in table.rows:
        target = row.assessment.target
        baseline = row.assessment.baseline
        cells = [
            target.id,
            pick(target.title, target.title_zh, lang),
            unit_name(target.unit, lang),
            "" if baseline is None else _shown(baseline.value, lang),
        ]
        for cell in row.cells:
            cells += list(cell_texts(row, cell, lang))
        cells.append(label(row.assessment, zh=lang is Lang.ZH))
        rows.append(dict(zip(headings, cells, strict=True)))
    return markdown_text(rows, headings)

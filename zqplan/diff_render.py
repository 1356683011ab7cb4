"""What changed since a day (zqplan/diff.py) as zqplan.diff/1 JSON, flat rows, a Rich view
and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zqplan.diff import Diff, FigureChange
from zqplan.i18n import STAGE_LABELS, STATUS_LABELS, Lang, pick
from zqplan.model import Comparator, Goal, Plan, StatusCode, Value

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "DIFF_COLUMNS",
    "DIFF_SCHEMA",
    "diff_document",
    "diff_markdown",
    "diff_rows",
    "diff_view",
]

DIFF_SCHEMA = "zqplan.diff/1"

WORDS: dict[str, tuple[str, str]] = {
    "title": ("{} since {} (as known then) to {}", "{}：{}（当时所知）至 {} 的变化"),
    "figures": ("Figures", "数据"),
    "statuses": ("Status changes", "状态变化"),
    "targets": ("Targets", "指标"),
    "stages": ("Stages", "阶段"),
    "nothing": ("nothing changed since {}", "自 {} 以来没有变化"),
    "id": ("id", "编号"),
    "indicator": ("indicator", "指标"),
    "period": ("period", "期间"),
    "change": ("change", "变化"),
    "was": ("was", "原值"),
    "now": ("now", "现值"),
    "by": ("by", "记录人"),
    "reason": ("reason", "原因"),
    "fields": ("what changed", "修改内容"),
    "programme": ("programme", "工程"),
    "stage": ("stage", "阶段"),
    "new": ("new", "新增"),
    "revised": ("revised", "修正"),
    "voided": ("voided", "作废"),
    "added": ("added", "新增"),
    "removed": ("removed", "删除"),
    "changed": ("changed", "修改"),
    "done": ("done", "已完成"),
    "not done": ("not done", "未完成"),
    "title_field": ("title", "名称"),
    "title_zh": ("Chinese title", "中文名称"),
    "unit": ("unit", "单位"),
    "direction": ("direction", "方向"),
    "kind": ("kind", "类型"),
    "attribute": ("attribute", "属性"),
    "baseline": ("baseline", "基期值"),
    "target": ("target", "目标"),
    "schedule": ("yearly targets", "年度目标"),
    "revisions": ("revisions", "目标调整"),
    "relative_to": ("relative to", "参照指标"),
    "retired": ("retired", "停用"),
    "area": ("area", "领域"),
    "role": ("role", "角色"),
}
"""The words of the diff's views: (English, Chinese)."""


def words(key: str, lang: Lang) -> str:
    """A word of WORDS in the language."""
    english, chinese = WORDS[key]
    return chinese if lang is Lang.ZH else english


def _number(value: Value | None) -> Value | None:
    from zqplan.report import number

    return value if isinstance(value, bool) or value is None else number(value)


def _moment(figure: FigureChange) -> str | None:
    at = figure.recorded_at
    return None if at is None else at.isoformat().replace("+00:00", "Z")


def _titles(plan: Plan, target_id: str) -> tuple[str | None, str | None, str]:
    """(title, Chinese title, unit) of a target or programme of the plan."""
    target = plan.target(target_id)
    if target is not None:
        return target.title, target.title_zh, target.unit
    programme = plan.programme(target_id)
    if programme is not None:
        return programme.title, programme.title_zh, ""
    return None, None, ""


def _status_label(code: StatusCode, *, zh: bool) -> str:
    return STATUS_LABELS[code][1 if zh else 0]


def _goal(goal: Goal | None) -> dict[str, Any] | None:
    """A target as the registry states it: a level, growth a year or a change."""
    from zqplan.report import _day

    if goal is None:
        return None
    return {
        "value": _number(goal.value),
        "date": _day(goal.date),
        "annual_growth": _number(goal.annual_growth),
        "change": _number(goal.change),
        "change_by": _number(goal.change_by),
    }


def diff_document(plan: Plan, diff: Diff) -> dict[str, Any]:
    """zqplan.diff/1: every change since `since` (the README documents each field)."""
    from zqplan.report import plan_fields

    figures = []
    for f in diff.figures:
        title, title_zh, unit = _titles(plan, f.target_id)
        figures.append(
            {
                "target": f.target_id,
                "title": title,
                "title_zh": title_zh,
                "unit": unit,
                "period": f.period.isoformat(),
                "change": f.change,
                "old": _number(f.old),
                "new": _number(f.new),
                "old_comparator": _sign(f.old_comparator),
                "new_comparator": _sign(f.new_comparator),
                "record": f.record_id,
                "recorded_at": _moment(f),
                "recorded_by": f.recorded_by,
                "reason": f.reason,
                "stage": f.stage,
                "item": f.item,
            }
        )
    statuses = [
        {
            "target": s.target.id,
            "title": s.target.title,
            "title_zh": s.target.title_zh,
            "old": s.old.value,
            "new": s.new.value,
            "old_label": _status_label(s.old, zh=False),
            "old_label_zh": _status_label(s.old, zh=True),
            "new_label": _status_label(s.new, zh=False),
            "new_label_zh": _status_label(s.new, zh=True),
        }
        for s in diff.statuses
    ]
    targets = (
        None
        if diff.targets is None
        else [
            {
                "target": t.target.id,
                "title": t.target.title,
                "title_zh": t.target.title_zh,
                "change": t.change,
                "fields": list(t.fields),
                "old_target": None if t.change != "changed" else _goal(t.old_goal),
                "target_now": _goal(t.target.target),
            }
            for t in diff.targets
        ]
    )
    stages = [
        {
            "programme": s.programme_id,
            "stage": s.stage_id,
            "title": s.title,
            "title_zh": s.title_zh,
            "old": s.old.value,
            "new": s.new.value,
        }
        for s in diff.stages
    ]
    return {
        "schema": DIFF_SCHEMA,
        "since": diff.since.isoformat(),
        "as_of": diff.as_of.isoformat(),
        "known_at": None if diff.known_at is None else diff.known_at.isoformat(),
        "plan": plan_fields(plan),
        "summary": {
            "figures": len(figures),
            "statuses": len(statuses),
            "targets": None if targets is None else len(targets),
            "stages": len(stages),
        },
        "figures": figures,
        "statuses": statuses,
        "targets": targets,
        "stages": stages,
    }


DIFF_COLUMNS = (
    "section",
    "id",
    "title",
    "title_zh",
    "period",
    "change",
    "old",
    "new",
    "record",
    "recorded_at",
    "recorded_by",
    "reason",
    "fields",
)
"""The flat columns: one row per change; `section` is figures, statuses, targets or stages."""


def diff_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per change, sections in order; numbers at full precision (data)."""
    rows: list[dict[str, Any]] = []
    for f in document["figures"]:
        rows.append(
            {
                "section": "figures",
                "id": f["target"],
                "title": f["title"],
                "title_zh": f["title_zh"],
                "period": f["period"],
                "change": f["change"],
                "old": f["old"],
                "new": f["new"],
                "record": f["record"],
                "recorded_at": f["recorded_at"],
                "recorded_by": f["recorded_by"],
                "reason": f["reason"],
                "fields": None if f["item"] is None else f"{f['stage']}/{f['item']}",
            }
        )
    for s in document["statuses"]:
        rows.append(
            {
                "section": "statuses",
                "id": s["target"],
                "title": s["title"],
                "title_zh": s["title_zh"],
                "change": "changed",
                "old": s["old"],
                "new": s["new"],
            }
        )
    for t in document["targets"] or []:
        rows.append(
            {
                "section": "targets",
                "id": t["target"],
                "title": t["title"],
                "title_zh": t["title_zh"],
                "change": t["change"],
                "fields": ",".join(t["fields"]) or None,
            }
        )
    for g in document["stages"]:
        rows.append(
            {
                "section": "stages",
                "id": f"{g['programme']}/{g['stage']}",
                "title": g["title"],
                "title_zh": g["title_zh"],
                "change": "changed",
                "old": g["old"],
                "new": g["new"],
            }
        )
    return [{column: row.get(column) for column in DIFF_COLUMNS} for row in rows]


def _value(value: Value | None, unit: str, lang: Lang, comparator: Comparator | None = None) -> str:
    """A figure for people: rounded, in its unit, a bound's sign first; done / not done."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return words("done" if value else "not done", lang)
    from zqplan import text

    sign = "" if comparator is None else text.BOUND_SIGNS[comparator.value]
    return sign + text.value(value, unit, lang)


def _sign(comparator: Comparator | None) -> str | None:
    """A figure's comparator in JSON: ">", ">=", "<", "<=", "about", or null (exact)."""
    return None if comparator is None else comparator.value


def _sections(plan: Plan, diff: Diff, lang: Lang) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading, column headings, rows of cells) of each section that has changes."""
    zh = lang is Lang.ZH
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    if diff.figures:
        rows = []
        for f in diff.figures:
            title, title_zh, unit = _titles(plan, f.target_id)
            name = pick(title or "", title_zh, lang)
            if f.item is not None:
                name += f" · {f.item}"
            rows.append(
                [
                    f.target_id,
                    name,
                    f.period.isoformat(),
                    words(f.change, lang),
                    _value(f.old, unit, lang, f.old_comparator),
                    _value(f.new, unit, lang, f.new_comparator),
                    f.recorded_by or "",
                    f.reason or "",
                ]
            )
        keys: tuple[str, ...] = (
            "id",
            "indicator",
            "period",
            "change",
            "was",
            "now",
            "by",
            "reason",
        )
        sections.append((words("figures", lang), [words(k, lang) for k in keys], rows))
    if diff.statuses:
        rows = [
            [
                s.target.id,
                pick(s.target.title, s.target.title_zh, lang),
                _status_label(s.old, zh=zh),
                _status_label(s.new, zh=zh),
            ]
            for s in diff.statuses
        ]
        keys = ("id", "indicator", "was", "now")
        sections.append((words("statuses", lang), [words(k, lang) for k in keys], rows))
    if diff.targets:
        rows = [
            [
                t.target.id,
                pick(t.target.title, t.target.title_zh, lang),
                words(t.change, lang),
                (" " if not zh else "、").join(
                    words("title_field" if f == "title" else f, lang) for f in t.fields
                ),
            ]
            for t in diff.targets
        ]
        keys = ("id", "indicator", "change", "fields")
        sections.append((words("targets", lang), [words(k, lang) for k in keys], rows))
    if diff.stages:
        rows = [
            [
                s.programme_id,
                pick(s.title, s.title_zh, lang),
                STAGE_LABELS[s.old][1 if zh else 0],
                STAGE_LABELS[s.new][1 if zh else 0],
            ]
            for s in diff.stages
        ]
        keys = ("programme", "stage", "was", "now")
        sections.append((words("stages", lang), [words(k, lang) for k in keys], rows))
    return sections


def _heading(plan: Plan, diff: Diff, lang: Lang) -> str:
    title = pick(plan.title, plan.title_zh, lang)
    return words("title", lang).format(title, diff.since.isoformat(), diff.as_of.isoformat())


def diff_view(plan: Plan, diff: Diff, lang: Lang, *, interactive: bool) -> RenderableType:
    """The changes as Rich tables, one per section, under a heading."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from zqplan.table import _box
    from zqplan.text import printable

    if diff.empty:
        return Text(words("nothing", lang).format(diff.since.isoformat()))
    parts: list[RenderableType] = [Text(printable(_heading(plan, diff, lang)), style="bold")]
    for heading, columns, rows in _sections(plan, diff, lang):
        table = Table(box=_box(interactive), pad_edge=False, title=heading, title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold")  # wrap a figure, never cut it
        for row in rows:
            table.add_row(*(Text(printable(cell)) for cell in row))
        parts += [Text(""), table]
    return Group(*parts)


def diff_markdown(plan: Plan, diff: Diff, lang: Lang) -> str:
    """The changes for a wiki or a merge request: a heading and a table per section."""
    from zqplan.render import markdown_text
    from zqplan.safe import printable

    if diff.empty:
        return words("nothing", lang).format(diff.since.isoformat()) + "\n"
    out = [_escaped(printable(_heading(plan, diff, lang))) + "\n"]
    for heading, columns, rows in _sections(plan, diff, lang):
        table = markdown_text([dict(zip(columns, row, strict=True)) for row in rows], columns)
        out.append(f"\n### {heading}\n\n{table}")
    return "".join(out)


def _escaped(text: str) -> str:
    """Text kept literal in Markdown: its markup characters backslash-escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>|" else c for c in text)

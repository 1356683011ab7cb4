"""The words of the human views in English and Chinese; JSON carries both."""

from __future__ import annotations

from zqplan.model import StageStatus, StatusCode
from zqplan.options import Lang

__all__ = [
    "BOUND_LABELS",
    "FILTER_WORDS",
    "HEADINGS",
    "NO_DATE_LABEL",
    "PERIOD_LABELS",
    "ROLE_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "WRITING_WORDS",
    "Lang",
    "pick",
    "said",
    "told",
    "word",
]


HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "title": ("title", "指标"),
    "latest": ("latest", "最新值"),
    "target": ("target", "目标"),
    "progress": ("progress", "进度"),
    "expected": ("expected", "预期进度"),
    "status": ("status", "状态"),
    "as of": ("as of", "截至"),
    "by": ("by", "期限"),
    "targets": ("targets", "项指标"),
    "stage": ("stage", "阶段"),
    "criteria": ("criteria", "标准"),
    "next": ("next", "下一步"),
    "outstanding": ("outstanding", "未完成"),
    "every stage met": ("every stage met", "各阶段均已完成"),
    "no programmes": ("no programmes", "没有分阶段工程"),
    "from": ("from", "起始"),
    "inferred": ("dates inferred", "日期为推定"),
    "dates inferred": (
        "start and stage dates inferred (not stated): see {}",
        "起始和各阶段日期为推定（原文未明确），依据 {}",
    ),
    "the source": ("the registry's note", "登记册说明"),
    "stale": ("stale", "数据过时"),
    "low-confidence": ("low-confidence", "数据不足"),
    "revised legend": (
        "* revised target: `zqplan show ID` gives the target as first planned",
        "* 目标已调整：`zqplan show 编号` 可查看原定目标",
    ),
    "awaiting-final": ("awaiting final figure", "待终期数据"),
}
"""Column headings and fixed words: (English, Chinese)."""

STATUS_LABELS: dict[StatusCode, tuple[str, str]] = {
    StatusCode.ACHIEVED: ("achieved", "已实现"),
    StatusCode.ON_TRACK: ("on track", "符合预期"),
    StatusCode.AT_RISK: ("at risk, needs to speed up", "需加快"),
    StatusCode.OFF_TRACK: ("off track", "滞后"),
    StatusCode.MISSED: ("missed", "未实现"),
    StatusCode.NO_TARGET: ("no dated target", "无量化目标"),
    StatusCode.NO_DATA: ("no data", "暂无数据"),
}
"""The labels of the method's 'Labels' table (docs/method.md)."""

BOUND_LABELS: dict[StatusCode, tuple[str, str]] = {
    StatusCode.ON_TRACK: ("holds", "保持达标"),
    StatusCode.OFF_TRACK: ("breached", "未达标"),
}
"""Floors and ceilings: their own words for on-track and off-track."""

NO_DATE_LABEL = ("no dated target", "无目标期限")
"""no-target with a target value but no date (无量化目标 is for no value)."""

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "reported": ("reported", "已有成果"),
    "direction": ("direction", "方向性任务"),
}
"""Entries never judged: a fact reported as already true, a qualitative direction."""

PERIOD_LABELS: dict[str, tuple[str, str]] = {
    "met": ("met", "完成"),
    "broadly-met": ("broadly met", "基本完成"),
    "not-met": ("not met", "未完成"),
}
"""A yearly target's verdict on its period."""

STAGE_LABELS: dict[StageStatus, tuple[str, str]] = {
    StageStatus.MET: ("met", "已完成"),
    StageStatus.DUE: ("due", "到期未完成"),
    StageStatus.UPCOMING: ("upcoming", "未到期"),
    StageStatus.MISSED: ("missed", "未完成"),
    StageStatus.NO_EVIDENCE: ("no evidence recorded", "暂无完成证据"),
}
"""Stage statuses in both languages."""


FILTER_WORDS: dict[str, tuple[str, str]] = {
    "0 targets": ("0 targets", "0 项指标"),
    "no targets in registry": ("the registry has none", "登记册中没有指标"),
    "no target is": ("no target is", "没有指标满足"),
    "no target is both": ("no target is both", "没有指标同时满足"),
    "no target is at once": ("no target is at once", "没有指标同时满足"),
    "0 programmes": ("0 programmes", "0 项工程"),
    "no programmes in registry": ("the registry has none", "登记册中没有分阶段工程"),
    "no programme is": ("no programme is", "没有工程满足"),
    "no programme is both": ("no programme is both", "没有工程同时满足"),
    "no programme is at once": ("no programme is at once", "没有工程同时满足"),
    "and": (" and ", "、"),
    "or": (" or ", "或"),
    "in area": ("in area {}", "领域为 {}"),
    "status": ("{}", "状态为 {}"),
    "attribute": ("{}", "{}"),
    "role": ("of role {}", "角色为 {}"),
    "kind": ("{}", "{}"),
    "stale": ("stale", "数据过时"),
    "final": ("final", "已成定局"),
    "open": ("open", "尚未定局"),
    "due before": ("due before {}", "期限早于 {}"),
    "search": ("a match for {}", "包含 {}"),
    "anticipatory": ("anticipatory", "预期性"),
    "binding": ("binding", "约束性"),
    "commitment": ("commitment", "承诺"),
    "reported": ("reported", "报告数据"),
    "direction": ("direction", "方向性"),
    "numeric": ("numeric", "数值型"),
    "yes-no": ("yes-no", "是否型"),
}
"""The words of the line that says why a filtered list is empty: (English, Chinese)."""


def word(key: str, lang: Lang) -> str:
    """A heading or fixed word in the language."""
    english, chinese = HEADINGS[key]
    return chinese if lang is Lang.ZH else english


def said(key: str, lang: Lang) -> str:
    """A word of FILTER_WORDS in the language."""
    english, chinese = FILTER_WORDS[key]
    return chinese if lang is Lang.ZH else english


def pick(english: str, chinese: str | None, lang: Lang) -> str:
    """The Chinese text where there is one and Chinese is asked for, else the English."""
    return chinese if lang is Lang.ZH and chinese else english


WRITING_WORDS: dict[str, tuple[str, str]] = {
    # zqplan edit
    "no editor": (
        "no editor: $VISUAL and $EDITOR are not set, and there is no terminal for vi",
        "没有编辑器：未设置 $VISUAL 或 $EDITOR，且不在终端中，无法启动 vi",
    ),
    "no editor hint": (
        'set one, e.g. EDITOR="code -w" or EDITOR=nano',
        '请设置，例如 EDITOR="code -w" 或 EDITOR=nano',
    ),
    "editor failed": (
        "the editor '{editor}' failed ({reason}); nothing written",
        "编辑器 '{editor}' 运行失败（{reason}）；未写入任何内容",
    ),
    "editor hint": (
        "check $VISUAL / $EDITOR (a command with arguments works: code -w)",
        "请检查 $VISUAL / $EDITOR（可带参数，如 code -w）",
    ),
    "copy gone": (
        "the edited copy {copy} cannot be read ({reason}); nothing written",
        "无法读取编辑副本 {copy}（{reason}）；未写入任何内容",
    ),
    "unchanged": ("no change to {path}; nothing written", "{path} 没有改动；未写入任何内容"),
    "reopen?": (
        "reopen the editor to fix them? [Y/n]",
        "重新打开编辑器修改？[Y/n]",
    ),
    "refused": (
        "{count} problem(s) in the edited registry; {path} left as it was",
        "编辑后的登记册有 {count} 处问题；{path} 保持原样",
    ),
    "refused hint": (
        "run `zqplan edit` again and fix what is listed",
        "请再次运行 `zqplan edit`，修改上面列出的问题",
    ),
    "changed meanwhile": (
        "{path} changed while it was being edited; nothing written, the other change is kept",
        "编辑期间 {path} 已被修改；未写入任何内容，另一处修改保持不变",
    ),
    "changed meanwhile hint": (
        "your edit is kept in {copy}: compare it with `diff {path} {copy}`, then edit again",
        "你的修改保存在 {copy}：可用 `diff {path} {copy}` 比较，然后再次编辑",
    ),
    "cannot write": (
        "cannot write {path}: {reason}; nothing written",
        "无法写入 {path}：{reason}；未写入任何内容",
    ),
    "written": (
        "wrote {path}: it passes check ({count} targets)",
        "已写入 {path}：检查通过（共 {count} 项指标）",
    ),
    # zqplan import-targets: a bad cell or row (FILE:ROW:COLUMN before each)
    "no header": (
        "no header row (指标/indicator, 单位/unit, 目标值/target...)",
        "没有表头行（指标/indicator、单位/unit、目标值/target……）",
    ),
    "unknown column": (
        "unknown column '{heading}' (known: id, 指标/indicator, 单位/unit, 基期值/baseline, "
        "基期年/baseline year, 目标值/target, 目标年/year, 年均增长/annual growth, "
        "累计变化/change, 属性/attribute, 领域/area, 方向/direction, 来源/source, 备注/note, 序号)",
        "未知的列 '{heading}'（可用：id、指标/indicator、单位/unit、基期值/baseline、"
        "基期年/baseline year、目标值/target、目标年/year、年均增长/annual growth、"
        "累计变化/change、属性/attribute、领域/area、方向/direction、来源/source、备注/note、序号）",
    ),
    "no name column": (
        "no 指标/indicator column and no id column",
        "没有 指标/indicator 列，也没有 id 列",
    ),
    "repeated column": ("a second '{field}' column", "'{field}' 列重复"),
    "extra cells": (
        "{count} cells where the header has {header} (quote cells that contain commas)",
        "该行有 {count} 格，而表头只有 {header} 列（含逗号的单元格请加引号）",
    ),
    "heading not area": (
        "'{text}' alone on its row is read as an area heading, but no area under [areas] is "
        "called so (declare it, or fill in the row)",
        "'{text}' 单独成行，视为领域标题，但 [areas] 中没有这个领域（请先声明，或补全该行）",
    ),
    "repeated id": (
        "id '{id}' again (first in row {first}; give an id column)",
        "编号 '{id}' 重复（首次出现在第 {first} 行；请加 id 列）",
    ),
    "no title": ("no indicator name", "没有指标名称"),
    "bad id": (
        "id '{id}' must be lower-case letters, digits and hyphens, starting with a letter",
        "编号 '{id}' 只能由小写字母、数字和连字符组成，并以字母开头",
    ),
    "no id": (
        "no id for '{title}': an id is made only from an English title "
        "(add an id column, or an indicator column in English)",
        "'{title}' 没有编号：只能由英文名称生成编号（请加 id 列，或英文 indicator 列）",
    ),
    "unknown area": (
        "area '{area}' is not under [areas] (known: {known})",
        "领域 '{area}' 不在 [areas] 中（已有：{known}）",
    ),
    "no area": (
        "no area (add a 领域/area column, a heading row, or --area)",
        "没有领域（请加 领域/area 列或领域标题行，或使用 --area）",
    ),
    "no source": (
        "no source (add a 来源/source column, or --source quoting the plan's table)",
        "没有来源（请加 来源/source 列，或用 --source 引用规划原表）",
    ),
    "no unit": ("no unit (单位/unit)", "没有单位（单位/unit）"),
    "bad direction": (
        "direction '{text}' is not one of {known}",
        "方向 '{text}' 不在 {known} 之中",
    ),
    "bad attribute": (
        "attribute '{text}' is not 预期性/anticipatory or 约束性/binding",
        "属性 '{text}' 不是 预期性/anticipatory 或 约束性/binding",
    ),
    "bad year": (
        "'{text}' is not a year (e.g. 2025 or 2025年)",
        "'{text}' 不是年份（如 2025 或 2025年）",
    ),
    "bad percent": (
        "'{text}' is not a rate in percent (e.g. 6 or 6% or -13.5%; a cumulative 〔13.5〕 "
        "goes in the change column with its sign)",
        "'{text}' 不是百分比（如 6、6%、-13.5%；〔13.5〕这类累计数请带正负号填入 累计变化 列）",
    ),
    "noted annual_growth": (
        "the table also gives annual growth of {rate}%",
        "原表另列年均增长 {rate}%",
    ),
    "noted change": ("the table also gives a change of {rate}%", "原表另列累计变化 {rate}%"),
    "rate needs baseline": (
        "{rate} needs a baseline value (基期值) and its year",
        "{rate} 需要基期值及其年份",
    ),
    "no target year": (
        "no target year (add a 目标年/year column, write it in the heading: 2025年目标值, "
        "or give --target-year)",
        "没有目标年份（请加 目标年/year 列，或在表头写明：2025年目标值，或使用 --target-year）",
    ),
    "no baseline year": (
        "no baseline year (add a 基期年 column, write it in the heading: 2020年基期值, "
        "or give --baseline-year)",
        "没有基期年份（请加 基期年 列，或在表头写明：2020年基期值，或使用 --baseline-year）",
    ),
    "bad quantity": ("{reason}", "{reason}"),
    # zqplan import-targets: the command
    "empty table": ("{file} has no indicator rows", "{file} 中没有指标行"),
    "exists": (
        "'{id}' is already in {path} (give --replace to replace it, or another id)",
        "'{id}' 已在 {path} 中（使用 --replace 替换，或换一个编号）",
    ),
    "is programme": (
        "'{id}' is a programme of {path}, not a target; choose another id",
        "'{id}' 是 {path} 中的工程，不是指标；请换一个编号",
    ),
    "cannot replace": (
        "cannot find the [targets.{id}] table in {path} to replace (write it by hand)",
        "在 {path} 中找不到可替换的 [targets.{id}] 表（请手动修改）",
    ),
    "run again": ("run the command again", "请再次运行该命令"),
    "from row": ("from row {row}: {message}", "来自第 {row} 行：{message}"),
    "nothing written": ("nothing written to {path}", "未向 {path} 写入任何内容"),
    "imported": (
        "added {added} and replaced {replaced} targets in {path} ({count} targets now)",
        "已向 {path} 新增 {added} 项、替换 {replaced} 项指标（现共 {count} 项）",
    ),
}
"""The messages of the commands that write the registry (edit, import-targets)."""


def told(key: str, lang: Lang, **values: object) -> str:
    """A message of WRITING_WORDS in the language, its {fields} filled in."""
    english, chinese = WRITING_WORDS[key]
    return (chinese if lang is Lang.ZH else english).format(**values)

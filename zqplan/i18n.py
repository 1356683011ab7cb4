"""The words of the human views in English and Chinese; JSON carries both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zqplan.model import Comparator, StageStatus, StatusCode
from zqplan.options import MESSAGES_IN, Lang

if TYPE_CHECKING:
    from zqplan.errors import ZqplanError

__all__ = [
    "BOUND_LABELS",
    "ENGLISH_UNIT_WORDS",
    "FILTER_WORDS",
    "HEADINGS",
    "NO_DATE_LABEL",
    "PERIOD_LABELS",
    "ROLE_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "TERMS",
    "UNIT_WORDS",
    "WRITING_WORDS",
    "YES_NO",
    "Lang",
    "pick",
    "said",
    "term",
    "told",
    "unit_name_en",
    "unit_word",
    "unit_word_en",
    "word",
]


HEADINGS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "title": ("title", "指标"),
    "latest": ("latest", "最新值"),
    "parts": ("parts", "分项"),
    "part of": ("part of", "所属"),
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
    "directions listed": ("directions ({count}): {ids}", "方向性任务（{count}项）：{ids}"),
    "directions counted": ("directions ({count})", "方向性任务（{count}项）"),
    "directions hint": (
        "directions are listed by id: `zqplan status --role direction` lists them in full",
        "方向性任务仅列编号：`zqplan status --role direction` 可逐项列出",
    ),
    "revised legend": (
        "* revised target: `zqplan show ID` gives the target as first planned",
        "* 目标已调整：`zqplan show 编号` 可查看原定目标",
    ),
    "awaiting-final": ("awaiting final figure", "待终期数据"),
    # show: the rows of one target
    "title (zh)": ("title (zh)", "中文名称"),
    "area": ("area", "领域"),
    "kind": ("kind", "类型"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
    "baseline": ("baseline", "基期值"),
    "as planned": ("as planned", "原定目标"),
    "revised": ("revised", "调整"),
    "status as planned": ("status as planned", "按原定目标的状态"),
    "time elapsed": ("time elapsed", "时间进度"),
    "expected progress": ("expected progress", "预期进度"),
    "expected value": ("expected value", "预期值"),
    "rate basis": ("rate basis", "速度口径"),
    "required rate": ("required rate", "所需年均速度"),
    "observed rate": ("observed rate", "实际年均速度"),
    "ratio R": ("ratio R", "速度比"),
    "margin": ("margin", "差距"),
    "projection": ("projection", "预测值"),
    "reached on": ("reached on", "实现日期"),
    "trend": ("trend", "趋势"),
    "data points": ("data points", "数据点数"),
    "(final)": ("(final)", "（已成定局）"),
    "(awaiting)": ("(awaiting the final figure)", "（待终期数据）"),
    "expected path": ("expected path", "预期路径"),
    "projection path": ("projection at the observed rate", "按实际速度的预测"),
    "observed": ("observed", "实际值"),
    # history
    "history": ("history", "历史记录"),
    "no observations recorded": ("no observations recorded", "尚无记录"),
    "date": ("date", "日期"),
    "value": ("value", "数值"),
    "recorded": ("recorded", "记录时间"),
    "recorded by": ("by", "记录人"),
    "record": ("record", "记录编号"),
    "in the registry": ("in the registry", "登记册"),
    "superseded": ("superseded", "已被更正"),
    "forced": ("forced", "强制录入"),
    "voided": ("voided", "已作废"),
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

YEARLY_WORDS: dict[Comparator, tuple[str, str]] = {
    Comparator.AT_LEAST: ("≥ {}", "{}以上"),
    Comparator.AT_MOST: ("≤ {}", "{}以内"),
    Comparator.ABOUT: ("about {}", "{}左右"),
    Comparator.EQUAL: ("{}", "{}"),
    Comparator.ABOVE: ("> {}", "高于{}"),
    Comparator.BELOW: ("< {}", "低于{}"),
    Comparator.RANGE: ("{}–{}", "{}–{}"),
}
"""A yearly target with a number, as English and a Chinese work report write it."""

RELATIVE_WORDS: dict[Comparator, tuple[str, str]] = {
    Comparator.AT_LEAST: ("at least {}", "不低于{}"),
    Comparator.AT_MOST: ("at most {}", "不高于{}"),
    Comparator.ABOUT: ("in step with {}", "与{}同步"),
    Comparator.EQUAL: ("equal to {}", "与{}持平"),
    Comparator.ABOVE: ("above {}", "高于{}"),
    Comparator.BELOW: ("below {}", "低于{}"),
    Comparator.RANGE: ("in step with {}", "与{}同步"),
}
"""A yearly target relative to another indicator ("higher than GDP growth"), by comparator."""

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
        "没有编辑器：未设置 $VISUAL 或 $EDITOR，且不在终端中，无法启动 `vi`",
    ),
    "no editor hint": (
        'set one, e.g. EDITOR="code -w" or EDITOR=nano',
        '请设置，例如 `EDITOR="code -w"` 或 `EDITOR=nano`',
    ),
    "editor failed": (
        "the editor '{editor}' failed ({reason}); nothing written",
        "编辑器 '{editor}' 运行失败（{reason}）；未写入任何内容",
    ),
    "editor hint": (
        "check $VISUAL / $EDITOR (a command with arguments works: code -w)",
        "请检查 $VISUAL / $EDITOR（可带参数，如 `code -w`）",
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


YES_NO: dict[bool, tuple[str, str]] = {
    True: ("done", "已完成"),
    False: ("not done", "未完成"),
}
"""A yes/no value in both languages."""

UNIT_WORDS: dict[str, str] = {
    # the bases units.py knows
    "yuan": "元",
    "vehicles": "辆",
    "jin": "斤",
    "mu": "亩",
    "m3": "立方米",
    # counts a registry may declare in English: the measure word a Chinese text uses
    "clusters": "个",
    "towns": "个",
    "villages": "个",
    "counties": "个",
    "sites": "处",
    "bases": "个",
    "parks": "个",
    "platforms": "个",
    "projects": "个",
    "items": "项",
    "places": "个",
    "enterprises": "家",
    "companies": "家",
    "firms": "家",
    "hospitals": "家",
    "schools": "所",
    "universities": "所",
    "beds": "张",
    "households": "户",
    "people": "人",
    "persons": "人",
    "jobs": "个",
    "years": "年",
    "days": "天",
}
"""A unit's base, or a count word declared in English, as Chinese writes it after a number."""

_SIZED_WORDS: dict[str, tuple[tuple[float, str], ...]] = {
    "kg": ((1e3, "吨"), (1.0, "公斤"), (1e-3, "克"), (1e-6, "毫克"), (1e-9, "微克")),
    "m": ((1e3, "公里"), (1.0, "米")),
    "m2": ((1e6, "平方公里"), (1.0, "平方米")),
}
"""Bases with a Chinese word per size: the declared unit's size picks it (km: 公里)."""

_NO_MAGNITUDE = {"percent": "%", "percentage-point": "个百分点", "rank": "位"}
"""Bases shown without 万 or 亿."""


_ENGLISH_SIZED: dict[str, tuple[tuple[float, str], ...]] = {
    "kg": ((1e3, "tonnes"), (1.0, "kg"), (1e-3, "g"), (1e-6, "mg"), (1e-9, "μg")),
    "m": ((1e3, "km"), (1.0, "m")),
    "m2": ((1e6, "km²"), (1.0, "m²")),
}
"""Bases with an English word per size: the declared unit's size picks it (公里: km)."""

ENGLISH_UNIT_WORDS: dict[str, str] = {
    # the bases units.py knows
    "yuan": "yuan",
    "vehicles": "vehicles",
    "jin": "jin",
    "mu": "mu",
    "m3": "m³",
    "percent": "%",
    "percentage-point": "percentage points",
    "rank": "places",
    # counts and measures a registry may declare in Chinese
    "人": "people",
    "人次": "visits",
    "件": "items",
    "项": "items",
    "个": "",
    "家": "enterprises",
    "户": "households",
    "所": "schools",
    "张": "beds",
    "处": "sites",
    "座": "sites",
    "年": "years",
    "岁": "years",
    "天": "days",
    "吨标准煤": "tonnes of standard coal",
    "标准煤": "tonnes of standard coal",
}
"""A unit's base, or a Chinese count word, as English writes it after a number."""

_ENGLISH_MAGNITUDE_NAMES = (
    (1e12, "trillion"),
    (1e11, "100 billion"),
    (1e10, "10 billion"),
    (1e9, "billion"),
    (1e8, "100 million"),
    (1e7, "10 million"),
    (1e6, "million"),
    (1e5, "100,000"),
    (1e4, "10,000"),
    (1e3, "thousand"),
    (1e2, "100"),
    (1e1, "10"),
)
"""How an English unit name says the magnitude a Chinese unit declares (万人: 10,000 people)."""


def unit_word_en(base: str, scale: float, declared: str) -> tuple[str, float] | None:
    """(English word, how many of the base it is) for a unit declared in Chinese or with a
    magnitude English does not use (亿元, 万人, hundred million yuan); None where the unit
    is shown as declared (two parts, or a word English has no name for here)."""
    if "/" in declared:
        return None
    if base in _ENGLISH_SIZED:
        sizes = _ENGLISH_SIZED[base]
        size, name = next(((s, n) for s, n in sizes if s <= scale * 1.000001), sizes[-1])
        return name, size
    if base in ENGLISH_UNIT_WORDS:
        return ENGLISH_UNIT_WORDS[base], 1.0
    if base and not any("\u3400" <= char <= "\u9fff" for char in base):
        return base, 1.0  # an English count word ("people" of "hundred thousand people")
    return None


def unit_name_en(base: str, scale: float, declared: str) -> str:
    """A unit declared in Chinese, as an English table heads a column: 万人 is
    '10,000 people', 亿吨标准煤 '100 million tonnes of standard coal'."""
    shown = unit_word_en(base, scale, declared)
    if shown is None:
        return declared
    name, size = shown
    ratio = scale / size
    if abs(ratio - 1.0) < 1e-9:
        return name or declared
    magnitude = next((n for m, n in _ENGLISH_MAGNITUDE_NAMES if abs(m / ratio - 1) < 1e-9), None)
    if magnitude is None:
        return declared
    return f"{magnitude} {name}".strip()


def unit_word(
    base: str, scale: float, declared: str, *, known: bool
) -> tuple[str, float, bool] | None:
    """(Chinese word, how many of the base it is, whether 万/亿 may go before it) for a
    unit; None where the unit's own text is shown (two parts, or Chinese as declared)."""
    if "/" in declared:
        return None
    if base in _NO_MAGNITUDE:
        return _NO_MAGNITUDE[base], scale, False
    if base in _SIZED_WORDS:
        sizes = _SIZED_WORDS[base]
        size, name = next(((s, n) for s, n in sizes if s <= scale * 1.000001), sizes[-1])
        return name, size, True
    if known and base in UNIT_WORDS:
        return UNIT_WORDS[base], 1.0, True
    if known or any("\u4e00" <= char <= "\u9fff" for char in declared):
        return None
    count = UNIT_WORDS.get(base) or UNIT_WORDS.get(base + "s")
    return None if count is None else (count, 1.0, True)


TERMS: dict[str, tuple[str, str]] = {
    "increase": ("increase", "增长"),
    "decrease": ("decrease", "下降"),
    "at-least": ("at-least", "不低于"),
    "at-most": ("at-most", "不高于"),
    "compound": ("compound", "复合增长"),
    "linear": ("linear", "线性"),
    "annual": ("annual", "年度"),
    "quarterly": ("quarterly", "季度"),
    "monthly": ("monthly", "月度"),
    "numeric": ("numeric", "数值型"),
    "yes-no": ("yes-no", "是否型"),
    "commitment": ("commitment", "承诺"),
    "reported": ("reported", "已有成果"),
    "direction": ("direction", "方向性任务"),
    "anticipatory": ("anticipatory", "预期性"),
    "binding": ("binding", "约束性"),
    "improving": ("improving", "向好"),
    "slowly-improving": ("slowly-improving", "缓慢向好"),
    "stagnating": ("stagnating", "停滞"),
    "worsening": ("worsening", "变差"),
} | {code.value: (code.value, chinese) for code, (_, chinese) in STATUS_LABELS.items()}
"""The values of the model's enums (kind, direction, trend, status…) as a view shows them."""


def term(value: str, lang: Lang) -> str:
    """An enum's value in the language: 'increase' is 增长 in Chinese."""
    english, chinese = TERMS.get(str(value), (str(value), str(value)))
    return chinese if lang is Lang.ZH else english


def use(lang: Lang) -> None:
    """Say messages in this language from now on (set by --lang's callback)."""
    MESSAGES_IN[:] = [lang]


def messages_lang() -> Lang:
    """The language of messages on stderr: --lang's, else English."""
    return MESSAGES_IN[0] if MESSAGES_IN else Lang.EN


def chosen(args: list[str]) -> bool:
    """Whether a language was set; if not, set it from ARGS' --lang, $ZQPLAN_LANG or the
    config file (for an error raised before the command read its options)."""
    if MESSAGES_IN:
        return True
    import os

    for index, arg in enumerate(args):
        given = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        given = arg.split("=", 1)[1] if arg.startswith("--lang=") else given
        if given is not None and given.lower() in ("en", "zh"):
            use(Lang(given.lower()))
            return True
    named = os.environ.get("ZQPLAN_LANG", "").lower()
    if named in ("en", "zh"):
        use(Lang(named))
        return True
    from zqplan.discovery import has_config

    if has_config():
        try:
            from zqplan.config import settings

            configured = settings().lang
        except Exception:  # a broken config file is reported in English, by its own error
            return False
        if configured is not None:
            use(Lang(configured.value))
    return bool(MESSAGES_IN)


PREFIXES: tuple[tuple[str, str], ...] = (
    ("zqplan: internal error: ", "zqplan：内部错误："),
    ("zqplan: error: ", "zqplan：错误："),
    ("zqplan: note: ", "zqplan：提示："),
    ("note: ", "提示："),
    ("zqplan: ", "zqplan："),
)
"""The heads of message lines, in Chinese."""

MESSAGES: tuple[tuple[str, str], ...] = (
    # notes and outcomes
    (
        r"no targets\.toml in this folder or its parents: showing the Zhaoqing plan shipped "
        r"with zqplan \(`zqplan init` starts your own\)",
        "本目录及上级目录中没有 targets.toml：显示 zqplan 自带的肇庆规划"
        "（`zqplan init` 可新建自己的规划）",
    ),
    (
        r"recorded (.+) for (\S+) \(a revision\) in (.+) as (\S+)",
        "已记录 {0}（{1}，更正此前数据），写入 {2}，记录编号 {3}",
    ),
    (r"recorded (.+) for (\S+) in (.+) as (\S+)", "已记录 {0}（{1}），写入 {2}，记录编号 {3}"),
    (r"recorded (.+) in (.+) as (\S+)", "已记录 {0}，写入 {1}，记录编号 {2}"),
    (r"recorded (\d+) observations? from (.+) in (.+)", "已从 {1} 记录 {0} 条数据，写入 {2}"),
    (r"already recorded: (\S+) in (.+); nothing written", "已有此记录：{0}（{1}），未写入"),
    (
        r"already recorded: (\d+) row\(s\) of (.+); not written again",
        "{1} 中 {0} 行已记录，未重复写入",
    ),
    (r"nothing to record: (.+) has no rows", "没有可记录的内容：{0} 没有数据行"),
    (r"(\S+) is in the future; status shows it from that day on", "{0} 尚未到来；状态自该日起计入"),
    (
        r"no --date: the figure is for (\S+), the end of the last complete (\w+) "
        r"\('(\S+)' is (\w+); give --date for another period\)",
        "未给 --date：数据记为 {0}，即上一个完整{1}的末日（'{2}' 为{3}数据；其他时期请给 --date）",
    ),
    (
        r"(\d+) rows? without a date: the figure is for (\S+), the end of the last complete "
        r"(\w+) \('(\S+)' is (\w+); give --date for another period\)",
        "{0} 行未给日期：数据记为 {1}，即上一个完整{2}的末日"
        "（'{3}' 为{4}数据；其他时期请给 --date）",
    ),
    (r"(.*)recorded with --force: (.+)", "{0}已用 --force 强制录入：{1}"),
    (
        r"voided (\S+) \((.+) for (\S+)\) in (.+) as (\S+)",
        "已作废 {0}（{1}，{2}），写入 {3}，记录编号 {4}",
    ),
    (r"(\S+) is already void; nothing written", "{0} 已作废，未写入"),
    (
        r"created (.+); record progress with `zqplan update TARGET VALUE --registry (.+)`",
        "已创建 {0}；用 `zqplan update 编号 数值 --registry {1}` 记录进展",
    ),
    (
        r"added target '(\S+)' to (\S+) \((\d+) targets now\)",
        "已将指标 '{0}' 加入 {1}（现有 {2} 项指标）",
    ),
    (r"'(.+)' is '(\S+)'", "'{0}' 即 '{1}'"),
    (r"'(\S+)' was retired on (\S+); status leaves it out", "'{0}' 已于 {1} 停用；状态表不再列出"),
    (r"(\d+) targets? at --fail-on ([\w, -]+): (.+)", "{0} 项指标达到 --fail-on {1}：{2}"),
    (
        r"left out (\d+) record\(s\) for unknown target\(s\) (.+) \(`zqplan check` for more\)",
        "略去 {0} 条记录：指标 {1} 不存在（详见 `zqplan check`）",
    ),
    (
        r"the ledger's torn last line \(an interrupted write\) was moved to (.+)",
        "台账末尾的残行（写入被中断）已移至 {0}",
    ),
    (r"moved the torn last line of the ledger to (.+)", "已将台账末尾的残行移至 {0}"),
    (r"the records were written before the interruption", "中断之前记录已写入"),
    (r"the records were written before this error: (.+)", "出错之前记录已写入：{0}"),
    (r"interrupted", "已中断"),
    # errors
    (r"no (target|programme|target or programme) '(.+)' in (.+)", "{2} 中没有 '{1}'"),
    (r"did you mean (.+)\?", "是否指 {0}？"),
    (r"`zqplan status` lists the ids", "`zqplan status` 列出全部编号"),
    (
        r"'(.+)' names (\d+) entries of (\S+): (.+?)(?: and \d+ more)?",
        "'{0}' 对应 {2} 中的 {1} 项：{3}等",
    ),
    (r"give the id, or more of the title", "请给出编号，或更完整的名称"),
    (r"(\S+) '(.+)' is not a date(.*)", "{0} '{1}' 不是日期{2}"),
    (
        r"write it as YYYY-MM-DD, YYYY/MM/DD, YYYY, YYYY-Q4, YYYY-MM, "
        r"2024年, 2024年12月, 2024年第四季度",
        "请写作 `2024-12-31`、`2024/12/31`、`2024`、`2024-Q4`、`2024-12`、2024年、2024年12月"
        "或2024年第四季度",
    ),
    (r"(\S+) '(.+)' is outside the years (\d+)-(\d+)", "{0} '{1}' 超出 {2}-{3} 年的范围"),
    (r"a plan's dates are within them; check the year", "规划的日期都在此范围内；请检查年份"),
    (r"'(.+)' is not a number for '(\S+)'", "'{0}' 不是 '{1}' 的数值"),
    (r"'(.+)' is not a number", "'{0}' 不是数字"),
    (r"`zqplan history TARGET` lists record ids", "`zqplan history 编号` 列出记录编号"),
    (r"e\.g\. 86\.5 or 300亿", "例如 86.5 或 300亿"),
    (r"missing VALUE for '(\S+)'", "缺少 '{0}' 的数值"),
    (r"e\.g\. zqplan update (\S+) (\S+)", "例如 `zqplan update {0} {1}`"),
    (r"missing TARGET", "缺少指标编号"),
    (
        r"zqplan update TARGET VALUE, or zqplan update --from FILE",
        "`zqplan update 编号 数值`，或 `zqplan update --from 文件`",
    ),
    (
        r"no registry here \(no --registry, no \$ZQPLAN_REGISTRY, no registry in the config file, "
        r"no targets\.toml in this folder or its parents\)",
        "此处没有登记册（无 --registry、无 $ZQPLAN_REGISTRY、配置文件中无 registry，"
        "本目录及上级目录中也没有 targets.toml）",
    ),
    (
        r"run `zqplan init DIR` to start one, then cd DIR or pass --registry",
        "先运行 `zqplan init 目录` 新建，再进入该目录或使用 --registry",
    ),
    (r"(\S+) '(.+)' is not a record id", "{0} '{1}' 不是记录编号"),
    (
        r"r<YYYYMMDD>T<HHMMSS>-<8 to 16 hex digits>, e\.g\. (\S+)",
        "格式为 `r<年月日>T<时分秒>-<8 至 16 位十六进制数>`，例如 {0}",
    ),
    (r"--reason is empty", "--reason 为空"),
    (r"say why the record is withdrawn", "请说明作废的原因"),
    (
        r"(\S+) is a figure written in the registry, not a ledger record",
        "{0} 是登记册中写明的数据，不是台账记录",
    ),
    (
        r"correct it in the registry, or record a revision with `zqplan update`",
        "请在登记册中更正，或用 `zqplan update` 记录更正",
    ),
    (r"no record (\S+) in (.+)", "{1} 中没有记录 {0}"),
    (r"(\S+) is not in (?!the range )(.+)", "{1} 中没有 {0}"),
    (r"(\S+) already exists; nothing written", "{0} 已存在，未写入"),
    (r"no documentation on '(.+)'", "没有关于 '{0}' 的文档"),
    (r"topics: (.+)", "可选主题：{0}"),
    (
        r"'(\S+)' is a yes/no target; '(.+)' is not done or not-done",
        "'{0}' 是是否型指标；'{1}' 不是 `done` 或 `not-done`",
    ),
    (r"pass done or not-done", "请给 `done` 或 `not-done`"),
    (r"--json and --format (\S+) ask for two formats", "--json 与 --format {0} 要求了两种格式"),
    (r"give one of them", "请只给其中一个"),
    (r"\(and (\d+) more problems?\)", "（另有 {0} 个问题）"),
    (r"run `zqplan check` for the full list", "运行 `zqplan check` 查看完整列表"),
    (r"nothing written", "未写入"),
    (r"--status '(.*)' is not a status", "--status '{0}' 不是状态"),
    (r"statuses: (.+)", "可选状态：`{0}`；或其中文标签"),
    (r"--area '(.*)' is not an area of (.+)", "--area '{0}' 不是 {1} 中的领域"),
    (r"areas: (.+)", "可选领域：`{0}`"),
    (r"--sort '(.*)' is not a field", "--sort '{0}' 不是字段"),
    (r"fields \(as --fields names them\): (.+)", "可选字段（与 --fields 相同）：`{0}`"),
    (r"--fields names no field", "--fields 没有给出字段"),
    (r"e\.g\. --fields id,status", "例如 `--fields id,status`"),
    (
        r"please report it; ZQPLAN_DEBUG=1 shows the traceback",
        "请报告此问题；设 ZQPLAN_DEBUG=1 可显示回溯",
    ),
    (
        r"(\S+) already exists; zqplan init never overwrites a registry",
        "{0} 已存在；`zqplan init` 从不覆盖登记册",
    ),
    (r"choose another directory, or edit the existing file", "请换一个目录，或编辑已有文件"),
    (r"'(\S+)' is already in (.+)", "'{0}' 已在 {1} 中"),
    (r"choose another id, or edit the entry", "请换一个编号，或编辑该条目"),
    (r"(\S+) exists and is not a directory", "{0} 已存在且不是目录"),
    (r"cannot (?:write|create) (\S+): ([^;]+)", "无法写入 {0}：{1}"),
    (
        r"(\S+) changed while zqplan add ran; nothing written",
        "`zqplan add` 运行期间 {0} 被改动，未写入",
    ),
    (r"run the command again", "请重新运行命令"),
    (r"missing (--.+)", "缺少 {0}"),
    (
        r"give them as options \(zqplan asks for them only at a terminal\)",
        "请以选项给出（只在终端中才会询问）",
    ),
    (r"(\S+) is missing", "缺少 {0}"),
    (r"give (\S+) with its date", "请连同日期给出 {0}"),
    (r"a baseline needs a value and a date", "基期需要数值和日期"),
    # Click's usage errors
    (r"No such option: (\S+)(?: Did you mean (\S+)\?)?", "没有选项 {0}"),
    (r"Missing argument '(\S+)'\.?", "缺少参数 '{0}'"),
    (r"Missing option '(\S+)'\.?", "缺少选项 '{0}'"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数（{0}）"),
    (r"Option '(\S+)' requires an argument\.?", "选项 '{0}' 需要一个值"),
    (
        r"Invalid value for '([^']+)'(?: \(env var: '(\S+)'\))?: '(.*)' is not one of (.+)\.",
        "'{0}' 的值 '{2}' 无效，可选：{3}",
    ),
    (r"Invalid value for '([^']+)'(?: \(env var: '(\S+)'\))?: (?P<msg>.+)", "'{0}' 的值无效：{2}"),
    (r"see `(.+) --help`", "见 `{0} --help`"),
)
"""English message patterns (whole body) and their Chinese, {0}… for the groups."""


def translate(text: str, lang: Lang | None = None) -> str:
    """A message line in the language of messages: its head, then its body or its body
    and (hint) by MESSAGES; what no pattern matches stays as it is (English)."""
    if (lang or messages_lang()) is not Lang.ZH:
        return text
    head = ""
    for english, chinese in PREFIXES:
        if text.startswith(english):
            head, text = chinese, text[len(english) :]
            break
    return head + _translated(text)


def error_text(error: ZqplanError) -> str:
    """An error's one line, FILE:LINE kept, message and hint in the language of messages."""
    if messages_lang() is not Lang.ZH:
        return str(error)
    text = _translated(error.message)
    text = text if error.where is None else f"{error.where}: {text}"
    return text if error.hint is None else f"{text}（{_translated(error.hint)}）"


def _translated(text: str) -> str:
    """The Chinese of a message body, or of its parts 'body (hint)'; else the text."""
    # A known hint in parentheses first: a broad body pattern would swallow it.
    end = len(text)
    while text.endswith(")") and (start := text.rfind(" (", 0, end)) > 0:
        body, hint = text[:start], text[start + 2 : -1]
        shown_hint = _pattern(hint)
        if shown_hint is not None:
            return f"{_translated(body)}（{shown_hint}）"
        end = start
    whole = _pattern(text)
    if whole is not None:
        return whole
    end = len(text)
    while text.endswith(")") and (start := text.rfind(" (", 0, end)) > 0:
        body, hint = text[:start], text[start + 2 : -1]
        shown_body = _pattern(body)
        if shown_body is not None:
            return f"{shown_body}（{hint}）"
        end = start
    return text


def _pattern(text: str) -> str | None:
    """The Chinese of a message MESSAGES (or messages_zh's rarer ones) knows, else None."""
    import re

    from zqplan import messages_zh

    for pattern, chinese in (*MESSAGES, *messages_zh.MESSAGES):
        found = re.fullmatch(pattern, text, flags=re.DOTALL)
        if found:
            inner = {index for name, index in found.re.groupindex.items() if name.startswith("msg")}
            return chinese.format(
                *(
                    _inner(group or "") if index in inner else _group(group or "")
                    for index, group in enumerate(found.groups(), start=1)
                )
            )
    return None


def _inner(text: str) -> str:
    """A message inside a message, in Chinese; else what a library said, in Chinese."""
    shown = _translated(text)
    return _group(text) if shown == text else shown


def _group(text: str) -> str:
    """A group of a message in Chinese: a known word, what the system or a library said of
    a file, else as it is (an id, a path, typed input)."""
    import re

    from zqplan import messages_zh

    known = _GROUP_WORDS.get(text) or messages_zh.GROUP_WORDS.get(text) or UNIT_WORDS.get(text)
    if known is not None:
        return known
    for pattern, chinese in messages_zh.LIBRARY:
        found = re.fullmatch(pattern, text, flags=re.DOTALL)
        if found:
            return chinese.format(*(_group(g or "") for g in found.groups()))
    return text


_GROUP_WORDS = {
    "year": "年",
    "quarter": "季度",
    "month": "月",
    "annual": "年度",
    "quarterly": "季度",
    "monthly": "月度",
    "target": "指标",
    "programme": "工程",
    "target or programme": "指标或工程",
}
"""English words a message puts in a pattern's group, in Chinese."""


STATUS_ALIASES: dict[str, str] = {
    **{chinese: code.value for code, (_, chinese) in STATUS_LABELS.items()},
    **{chinese: code.value for code, (_, chinese) in BOUND_LABELS.items()},
    "提前实现": StatusCode.ACHIEVED.value,
    "快于预期": StatusCode.ON_TRACK.value,
    NO_DATE_LABEL[1]: StatusCode.NO_TARGET.value,
}
"""The Chinese labels a view shows, as the status codes --status takes."""


def status_code(name: str) -> str:
    """The status code a --status value names: 滞后 is off-track; a code stays as it is."""
    return STATUS_ALIASES.get(name.strip(), name)


HELP_TEXTS: dict[str, str] = {
    # the app and its own options
    "zqplan": "跟踪政府规划的目标：各项进展如何，能否按期实现。\n\n"
    "示例：`zqplan status --area rural`；`zqplan update farm-output 86.5 --date 2024-12-31`",
    "zqplan --version": "显示版本号并退出。",
    "zqplan --lang": "后续命令的表格与提示语言：en 或 zh（同 $ZQPLAN_LANG）。",
    "zqplan --install-completion": "为当前 shell 安装命令补全。",
    "zqplan --show-completion": "显示当前 shell 的命令补全脚本，可复制或自行安装。",
    "--help": "显示本帮助并退出。",
    # the commands
    "status": "每项指标的进展；不同筛选条件同时满足，同一条件重复给出时满足其一即可。\n\n"
    "示例：`zqplan status --area rural --status at-risk --status off-track`\n\n"
    "示例：`zqplan status --attribute binding --status off-track --sort progress`",
    "show": "一项指标的全部情况：进展、图表、各项数值和历史记录。\n\n"
    "示例：`zqplan show farm-output`",
    "milestones": "每个分阶段工程的阶梯：各阶段、日期、已满足的标准、下一步到期事项。\n\n"
    "示例：`zqplan milestones --as-of 2025-12-31`",
    "history": "一项指标的全部数据记录，包括更正。\n\n"
    "示例：`zqplan history farm-output --format csv`",
    "table": "完成情况表：逐年列出每项指标的目标、实际值和评价。\n\n"
    "既无年度目标、又无限期目标、也无数据的指标不列出。\n\n"
    "示例：`zqplan table --lang zh`\n\n"
    "示例：`zqplan table --format csv > by-year.csv`",
    "diff": "某日以来的变化：新增、更正和作废的数据，状态变化，新增或改写的指标"
    "（登记册在 git 中时），已达到的阶段。\n\n"
    "示例：`zqplan diff --since 2024-06-30`\n\n"
    "示例：`zqplan diff --since 2024-06-30 --format markdown --lang zh`",
    "report": "供会议使用的报告：概要、需要关注的事项、按领域分列的表格。\n\n"
    "HTML 为单个完整网页，每项指标附图表（可在浏览器中打印为 PDF）；"
    "xlsx 含“状态”“逐年”“历史”三张工作表；Markdown 适合放入知识库。\n\n"
    "示例：`zqplan report -o meeting.html --lang zh`",
    "update": "在台账中记录一项数据（或工程的一项完成事项）。\n\n"
    '示例：`zqplan update farm-output 86.5 --date 2024-12-31 --source "2024年统计公报"`\n\n'
    '示例：`zqplan update bxqzwc --stage start --done "一年起步" --source "..."`\n\n'
    "示例：`zqplan update --from figures.csv`（表头：`target,value,date,source,note`）",
    "void": "作废一条错误记录：追加一条作废记录，状态和历史不再计入原记录。\n\n"
    "日期或指标录错时：先作废，再重新记录。\n"
    '示例：`zqplan void r20250110T093000-3f9a1c2b --reason "年份录错：应为2023"`',
    "check": "检查登记册及其台账：没有问题时不输出任何内容。\n\n"
    "每个问题输出为“文件:行号: 说明”，此时退出码为 1。\n"
    "示例：`zqplan check --registry plans/targets.toml`",
    "init": "在目录中新建规划：自带的规划及其引用的原文，或一个模板。\n\n"
    "示例：`zqplan init plans/china --example china-14th-fyp && cd plans/china && zqplan status`",
    "examples": "zqplan 自带的规划：编号、标题及附带的原文数量。\n\n"
    "示例：`zqplan examples && zqplan init plans/china --example china-14th-fyp`",
    "config": "当前生效的设置（登记册、语言、用户）及各自的来源。\n\n示例：`zqplan config --json`",
    "docs": "显示 zqplan 自带的文档（Markdown）：registry 即登记册格式。\n\n"
    "示例：`zqplan docs registry | less`",
    "add": "向登记册添加一项指标：先连同其余内容一起检查；保留注释和排版。\n\n"
    "缺少的必填项在终端中会询问，其他情况下报错。\n"
    '示例：`zqplan add gdp --area economy --title GDP --source "..." --unit "亿元"`',
    "edit": "用 $VISUAL 或 $EDITOR 编辑登记册；只有通过检查才替换原文件。\n\n"
    "编辑的是副本；有问题时 zqplan 列出问题，并（在终端中）提示重新打开。\n"
    '示例：`EDITOR="code -w" zqplan edit farm-output`',
    "import-targets": "添加指标表中的指标（指标、单位、基期值、目标值、年均增长、属性……）。\n\n"
    "写入前逐行检查，并连同登记册一起检查。\n"
    '示例：`zqplan import-targets indicators.csv --source "规划纲要 表1" --target-year 2025`',
    # options several commands share (declared once in cli.py)
    "--registry": "登记册文件。默认依次为：$ZQPLAN_REGISTRY、配置文件中的 registry、"
    "本目录或上级目录中的 targets.toml、zqplan 自带的肇庆规划（只读）。",
    "--json": "输出 JSON（格式见 README）。",
    "--format": "输出格式：table、json、ndjson、csv、tsv 或 markdown（--json 即 json）。",
    "--fields": "按此顺序只列这些字段（见 README）。示例：`--fields id,status`",
    "--width": "按此列数排版表格（默认：终端宽度；管道中不限）。",
    "--as-of": "按这一天的情况评价（默认：今天）。",
    "--known-at": "只用这一天（UTC）或之前录入的记录：即当时已知的情况，包括更正"
    "（默认：全部记录）。",
    "--lang": "表格语言：en 或 zh（也可用 $ZQPLAN_LANG，其次为配置文件中的 lang）。"
    "JSON 同时包含两种语言。",
    "--area": "只列此领域的指标（可重复）。",
    "--status": "只列此状态的指标（可重复）：achieved、on-track、at-risk、off-track、"
    "missed、no-target、no-data；或其中文标签（滞后、需加快、已实现……）。",
    "--attribute": "只列约束性（binding）或预期性（anticipatory）指标（可重复）。",
    "--role": "只列此角色的指标：commitment、reported、direction（可重复）。",
    "--kind": "只列数值型（numeric）或是否型（yes-no）指标（可重复）。",
    "--stale": "只列最新数据已过时的指标。",
    "--final": "只列已成定局的评价（目标日期之后评价的），或只列尚未定局的。",
    "--due-before": "只列期限（按现行目标）早于这一天的指标。",
    "--search": "只列编号、名称、中文名称或来源中含有该文字的指标，不分大小写（可重复）。"
    "示例：`--search 森林`",
    "--sort": "按 --fields 中的某字段排序；-字段 为降序。status 按最差在前排序；"
    "缺失值排在最后。示例：`--sort progress`",
    "--limit": "排序后最多列出 N 项指标。",
    # options and arguments of one command
    "status --fail-on": "所列指标中有处于此状态或更差的（at-risk < off-track < missed），"
    "或数据过时（stale），则以退出码 3 结束（可重复）。示例：`--fail-on off-track`",
    "show TARGET_ID": "指标编号。",
    "history TARGET_ID": "指标编号。",
    "diff --since": "与这一天已知的情况比较（当时已录入的记录，UTC；登记册在 git 中时，"
    "用当时已提交的登记册）。",
    "report --output": "把报告写入文件（.html、.xlsx 或 .md），一次性替换。"
    "默认：Markdown 输出到标准输出。",
    "report --format": "报告格式（默认：由文件扩展名决定，否则为 md）。",
    "report --since": "开头列出这一天（上次会议）以来的变化，与 `zqplan diff --since` "
    "相同：新增和更正的数据、状态变化、已达到的阶段。",
    "update TARGET_ID": "指标（或工程）编号；使用 --from 时不给。",
    "update VALUE": "以指标单位计的数值，或 `done` / `not-done`；使用 --done 时不给。"
    "只知界限的数值带上比较符号：`>30`、`>=30`、`<=5`、`30以上`、`超过30`。",
    "update --date": "数值所属的时期，如 `2024-12-31`、`2024`、`2024-Q4`、`2024-12`、2024年、"
    "2024年第四季度……（记为该时期的最后一天），或事项完成的日期（默认：按指标的统计频率，"
    "上一个完整的年、季或月；事项或是否型指标为今天）。",
    "update --source": "数据来源。",
    "update --note": "备注。",
    "update --stage": "用于工程：事项所属的阶段。",
    "update --done": "用于工程：已完成的事项。",
    "update --from": "记录 CSV 或 JSON Lines 文件（- 为标准输入）中的每一行，"
    "要么全部记录，要么都不记录。",
    "update --format": "--from 文件的格式（默认：按内容判断）。",
    "update --id": "以此编号记录（`r<年月日>T<时分秒>-<8 至 16 位十六进制数>`）；"
    "台账中已有内容相同的同一编号时不做任何事：重试是安全的。",
    "update --sheet": ".xlsx 格式 --from 文件的工作表（默认：第一张）。",
    "update --encoding": "--from 文件的编码（默认：自动判断 UTF-8、UTF-16 或 GB18030）。",
    "update --force": "录入合理性检查拒绝的数值（与上一数据相差 10 倍以上，或百分比指标填了小数）；"
    "该记录会注明为强制录入。",
    "void RECORD": "要作废的台账记录编号。",
    "void --reason": "作废的原因（必填）。",
    "check --repair": "把台账末尾的残行（写入被中断）移到旁边的文件 `LEDGER.torn-TIME`，"
    "从不删除，然后重新检查。",
    "init DIRECTORY": "新建规划的目录。",
    "init --empty": "带注释的模板，而不是肇庆规划。",
    "init --example": "另一个自带的规划（`zqplan examples` 列出全部）。",
    "docs TOPIC": "要阅读的内容：registry（登记册格式）。",
    "add TARGET_ID": "新指标的编号。",
    "add --area": "所属领域的编号（必填）。",
    "add --title": "指标名称（必填）。",
    "add --title-zh": "中文名称。",
    "add --source": "所依据的规划原文，照录（必填）。",
    "add --document": "所引用文件的编号。",
    "add --unit": "各数值的单位（数值型指标必填）。",
    "add --direction": "`increase`、`decrease`、`at-least` 或 `at-most`。",
    "add --kind": "`numeric`（数值型）或 `yes-no`（是否型）。",
    "add --attribute": "`anticipatory`（预期性）或 `binding`（约束性）。",
    "add --trajectory": "`compound`（复合）或 `linear`（线性）。",
    "add --frequency": "`annual`、`quarterly` 或 `monthly`（年度、季度或月度）。",
    "add --baseline": "基期值（数字，或带单位：300亿）。",
    "add --baseline-date": "基期日期，YYYY-MM-DD。",
    "add --target": "要达到的数值。",
    "add --annual-growth": "或者：要达到的年均增速，百分数。",
    "add --change": "或者：累计变化，百分数（-13.5）。",
    "add --target-date": "达到的期限，YYYY-MM-DD。",
    "add --note": "目标如此表述的原因。",
    "add --renamed-from": "此前用过的编号（可重复）。",
    "add --retired": "停用日期，YYYY-MM-DD。",
    "add --dry-run": "把条目输出到标准输出；不写入。",
    "add --registry": "登记册文件（与其他命令相同）。",
    "edit TARGET": "在此指标或工程处打开登记册（编号不分大小写，或中文名称）；不给则从开头打开。",
    "import-targets FILE": "指标表：CSV（UTF-8、UTF-16 或 GBK）或 .xlsx；- 为标准输入。",
    "import-targets --sheet": "工作簿中的工作表（默认：第一张）。",
    "import-targets --encoding": "CSV 的编码（默认：自动判断）。",
    "import-targets --source": "没有 来源/source 单元格的行所用的原文引文。",
    "import-targets --document": "每行引用的文件编号。",
    "import-targets --area": "没有 领域/area 单元格的行所属的领域。",
    "import-targets --target-year": "没有目标年份的指标所用的年份。",
    "import-targets --baseline-year": "没有基期年份的基期所用的年份。",
    "import-targets --replace": "替换登记册中已有的指标（编号相同）。",
    "import-targets --dry-run": "把 TOML 输出到标准输出；不写入。",
}
"""The Chinese of each command's and option's help (declared in English where the command
is): "COMMAND", "--option" (shared), "COMMAND --option" or "COMMAND ARGUMENT"."""

HELP_WORDS: dict[str, str] = {
    "Usage: ": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "[OPTIONS]": "[选项]",
    "COMMAND": "命令",
    "[ARGS]...": "[参数]...",
    "<path>": "<路径>",
    "<int range>": "<整数>",
    "<int>": "<整数>",
    "<float>": "<数字>",
    "<text>": "<文字>",
    "<str>": "<文字>",
    "[-]FIELD": "[-]字段",
    "ITEM": "事项",
    "FILE": "文件",
    "RECORD-ID": "记录编号",
    "TARGET_ID": "指标编号",
    "TARGET": "指标编号",
    "VALUE": "数值",
    "RECORD": "记录编号",
    "DIRECTORY": "目录",
    "DIR": "目录",
    "DATE": "日期",
    "ID": "编号",
    "NAME": "名称",
    "YEAR": "年份",
    "AREA": "领域",
    "A,B,...": "字段,...",
    "TOPIC": "主题",
    "STAGE": "阶段",
    "TEXT": "文字",
    "FIELD": "字段",
    "N": "N",
    "default": "默认",
    "required": "必填",
    "env var": "环境变量",
}
"""The words Click and Typer write around the help texts, in Chinese."""

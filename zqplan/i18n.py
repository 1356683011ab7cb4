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
    "TERMS",
    "UNIT_WORDS",
    "YES_NO",
    "Lang",
    "pick",
    "said",
    "term",
    "unit_word",
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
    "stale": ("stale", "数据过时"),
    "low-confidence": ("low-confidence", "数据不足"),
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

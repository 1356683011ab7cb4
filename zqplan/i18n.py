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
    "Lang",
    "pick",
    "said",
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

"""The words of the human views in English and Chinese; JSON carries both."""

from __future__ import annotations

from zqplan.model import StageStatus, StatusCode
from zqplan.options import Lang

__all__ = [
    "BOUND_LABELS",
    "HEADINGS",
    "NO_DATE_LABEL",
    "PERIOD_LABELS",
    "ROLE_LABELS",
    "STAGE_LABELS",
    "STATUS_LABELS",
    "Lang",
    "pick",
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
    "due": ("due", "期限"),
    "criteria": ("criteria", "标准"),
    "next": ("next", "下一步"),
    "outstanding": ("outstanding", "未完成"),
    "every stage met": ("every stage met", "各阶段均已完成"),
    "no programmes": ("no programmes in this registry", "本登记册没有分阶段工程"),
    "from": ("from", "起始"),
    "stale": ("stale", "数据过时"),
    "low-confidence": ("low-confidence", "数据不足"),
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
}
"""Stage statuses in both languages."""


def word(key: str, lang: Lang) -> str:
    """A heading or fixed word in the language."""
    english, chinese = HEADINGS[key]
    return chinese if lang is Lang.ZH else english


def pick(english: str, chinese: str | None, lang: Lang) -> str:
    """The Chinese text where there is one and Chinese is asked for, else the English."""
    return chinese if lang is Lang.ZH and chinese else english

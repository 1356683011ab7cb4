"""One sentence on where a target stands, in English or Chinese. Pure; no I/O."""

from __future__ import annotations

import datetime as dt

from zqplan import text
from zqplan.i18n import Lang
from zqplan.model import Assessment, Kind, StatusCode, Trajectory

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _month(day: dt.date, lang: Lang) -> str:
    return (
        f"{day.year}年{day.month}月" if lang is Lang.ZH else f"{MONTHS[day.month - 1]} {day.year}"
    )


def _by(day: dt.date | None, lang: Lang) -> str:
    """'by 2027' for a year end, 'by 2027-06-30' otherwise."""
    if day is None:
        return "（无期限）" if lang is Lang.ZH else " (no date)"
    shown = str(day.year) if (day.month, day.day) == (12, 31) else day.isoformat()
    return (
        f"（{shown}年）"
        if lang is Lang.ZH and len(shown) == 4
        else (f"（{shown}）" if lang is Lang.ZH else f" by {shown}")
    )


def _rate(rate: float | None, basis: Trajectory | None, unit: str, lang: Lang) -> str:
    if rate is None or basis is None:
        return "—"
    if basis is Trajectory.COMPOUND:
        return f"{text.fixed(rate * 100, 1)}%"
    amount = text.value(abs(rate), unit, lang, level=False)
    sign = "" if rate >= 0 else "-"
    return f"{sign}{amount}"


def describe(assessment: Assessment, lang: Lang = Lang.EN) -> str:
    """Where the target stands, its pace against the one needed, and when it arrives."""
    target = assessment.target
    if target.kind is Kind.YES_NO:
        return _yes_no(assessment, lang)
    unit = target.unit
    latest = assessment.latest
    goal = assessment.goal
    zh = lang is Lang.ZH
    if latest is None or latest.value is None:
        if goal is not None and goal.value is not None:
            shown = text.value(goal.value, unit, lang)
            return (
                f"暂无数据；目标 {shown}{_by(goal.date, lang)}。"
                if zh
                else (f"No data yet; the target is {shown}{_by(goal.date, lang)}.")
            )
        return "暂无数据，也无明确目标。" if zh else "No data yet, and no stated target."
    now = text.value(latest.value, unit, lang)
    if goal is None or goal.value is None:
        trend = "" if assessment.trend is None else assessment.trend.value
        if zh:
            return f"最新值 {now}（{latest.date}）；无明确目标" + (
                f"；趋势 {trend}。" if trend else "。"
            )
        return f"At {now} on {latest.date}; no stated target" + (f"; {trend}." if trend else ".")
    of = text.value(goal.value, unit, lang)
    head = (
        f"目前 {now}，目标 {of}{_by(goal.date, lang)}"
        if zh
        else f"At {now} of {of}{_by(goal.date, lang)}"
    )
    if assessment.status is StatusCode.ACHIEVED:
        return f"{head}：已实现。" if zh else f"{head}: achieved."
    if assessment.status is StatusCode.MISSED:
        return f"{head}：未实现。" if zh else f"{head}: missed."
    basis = assessment.rate_basis
    observed = assessment.observed_rate
    parts = [head]
    pace: list[str] = []
    if assessment.required_rate is not None:
        needed = _rate(assessment.required_rate, basis, unit, lang)
        pace.append(f"需年均 {needed}" if zh else f"needs {needed} a year")
    if observed is not None:
        shown = _rate(observed, basis, unit, lang)
        pace.append(
            f"实际年均 {shown}" if zh else f"{'growing' if observed >= 0 else 'changing'} {shown}"
        )
    if pace:
        parts.append(("，" if zh else ", ").join(pace))
    if observed is not None:
        if assessment.reached_on is not None:
            when = _month(assessment.reached_on, lang)
            parts.append(f"按此速度将于{when}实现" if zh else f"at this pace reached in {when}")
        else:
            parts.append("按此速度无法实现" if zh else "at this pace never reached")
    elif assessment.status is StatusCode.NO_DATA:
        parts.append("基期之后暂无数据" if zh else "no data since the baseline")
    return ("；".join(parts) + "。") if zh else ("; ".join(parts) + ".")


def _yes_no(assessment: Assessment, lang: Lang) -> str:
    zh = lang is Lang.ZH
    goal = assessment.goal
    due = None if goal is None else goal.date
    if assessment.status is StatusCode.ACHIEVED and assessment.latest is not None:
        done = next((o.date for o in assessment.observations if o.value is True), None)
        return f"已完成（{done}）。" if zh else f"Done on {done}."
    if assessment.status is StatusCode.MISSED:
        return f"未在 {due} 前完成。" if zh else f"Not done by {due}."
    if due is None:
        return "尚未记录完成；无期限。" if zh else "Not recorded done; no date set."
    return f"尚未记录完成；期限 {due}。" if zh else f"Not recorded done yet; due {due}."

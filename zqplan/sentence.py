"""One sentence on where a target stands, in English or Chinese. Pure; no I/O."""

from __future__ import annotations

import datetime as dt

from zqplan import text
from zqplan.i18n import Lang, term
from zqplan.model import Assessment, Direction, Kind, Role, StatusCode, Trajectory

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


def _rate(
    rate: float | None, basis: Trajectory | None, unit: str, lang: Lang, *, cumulative: bool
) -> str:
    if rate is None or basis is None:
        return "—"
    if basis is Trajectory.COMPOUND:
        return f"{text.fixed(rate * 100, 1)}%"
    sign = "" if rate >= 0 else "-"
    if cumulative:
        return f"{sign}{text.value(abs(rate))}" + (
            "个指数点" if lang is Lang.ZH else " index points"
        )
    if text.is_percent(unit):
        # A linear rate of a percentage is in percentage points (百分点), not percent.
        points = "个百分点" if lang is Lang.ZH else " percentage points"
        return f"{sign}{text.value(abs(rate))}{points}"
    return f"{sign}{text.value(abs(rate), unit, lang, level=False)}"


def describe(assessment: Assessment, lang: Lang = Lang.EN) -> str:
    """Where the target stands, its pace against the one needed, and when it arrives."""
    target = assessment.target
    if target.role is not Role.COMMITMENT:
        return _unjudged(assessment, lang)
    if target.kind is Kind.YES_NO:
        return _yes_no(assessment, lang)
    if target.schedule:
        return _yearly(assessment, lang)
    unit = "" if target.cumulative else target.unit  # judged on an index of 100
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
    now = text.point(latest, unit, lang)
    if goal is None or goal.value is None:
        trend = "" if assessment.trend is None else term(assessment.trend, lang)
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
    wait = ("（待终期数据）" if zh else " (awaiting the final figure)") * assessment.awaiting_final
    if assessment.status is StatusCode.ACHIEVED:
        return f"{head}：已实现{wait}。" if zh else f"{head}: achieved{wait}."
    if assessment.status is StatusCode.MISSED:
        return f"{head}：未实现。" if zh else f"{head}: missed."
    if target.direction in (Direction.AT_LEAST, Direction.AT_MOST):
        return _bound(assessment, head, unit, lang)
    if assessment.wrong_side and assessment.baseline is not None:
        v0 = text.value(assessment.baseline.value, unit, lang)
        return (
            f"{head}；目标未超出基期值 {v0}，无速度可比：滞后{wait}。"
            if zh
            else f"{head}; the target is not beyond the baseline {v0}, no pace to "
            f"compare: off track{wait}."
        )
    basis = assessment.rate_basis
    observed = assessment.observed_rate
    cumulative = target.cumulative
    parts = [head]
    pace: list[str] = []
    if assessment.required_rate is not None:
        needed = _rate(assessment.required_rate, basis, unit, lang, cumulative=cumulative)
        pace.append(f"需年均 {needed}" if zh else f"needs {needed} a year")
    if observed is not None:
        shown = _rate(observed, basis, unit, lang, cumulative=cumulative)
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
    if wait:
        parts.append(wait.strip(" （）()"))
    return ("；".join(parts) + "。") if zh else ("; ".join(parts) + ".")


def _bound(assessment: Assessment, head: str, unit: str, lang: Lang) -> str:
    """A floor or ceiling: holds or not (its margin), and whether it is projected to hold."""
    zh = lang is Lang.ZH
    margin = assessment.margin
    if margin is None:
        return f"{head}；基期之后暂无数据。" if zh else f"{head}; no data since the baseline."
    holds = assessment.status is not StatusCode.OFF_TRACK
    amount = text.difference(abs(margin), unit, lang)
    if zh:
        parts = [head, f"{'保持达标' if holds else '未达标'}（差距 {amount}）"]
    else:
        parts = [head, f"{'holds' if holds else 'breached'} by {amount}"]
    if assessment.projection is not None and assessment.projection_date is not None:
        projected = text.value(assessment.projection, unit, lang)
        when = assessment.projection_date
        if assessment.status is StatusCode.AT_RISK:
            parts.append(
                f"按此速度 {when} 将为 {projected}，将越过界限"
                if zh
                else f"at this pace {projected} on {when}, across the bound"
            )
        else:
            parts.append(
                f"按此速度 {when} 为 {projected}" if zh else f"at this pace {projected} on {when}"
            )
    return ("；".join(parts) + "。") if zh else ("; ".join(parts) + ".")


def _yearly(assessment: Assessment, lang: Lang) -> str:
    """A yearly schedule: the period with the latest figure, its verdict, the track record."""
    from zqplan.i18n import PERIOD_LABELS, STATUS_LABELS
    from zqplan.plain import period_target
    from zqplan.status import track_record

    zh = lang is Lang.ZH
    unit = assessment.target.unit
    current = next((p for p in assessment.schedule if p.entry.year == assessment.period), None)
    record = track_record(assessment)
    met, of = record if record is not None else (0, 0)
    tally = f"已完成 {met}/{of} 年" if zh else f"met {met} of {of} years"
    if current is None or current.outturn is None:
        return f"暂无数据；{tally}。" if zh else f"No figure yet; {tally}."
    goal = period_target(assessment, current.entry, lang)
    if current.entry.value is None and current.target is not None:
        shown = text.value(current.target, unit, lang)
        goal += f"（{shown}）" if zh else f" ({shown})"
    now = text.value(current.outturn.value, unit, lang)
    if current.verdict is not None:
        verdict = PERIOD_LABELS[current.verdict.value][1 if zh else 0]
        if zh:
            return f"{current.entry.year}年目标 {goal}，实际 {now}：{verdict}；{tally}。"
        return f"{current.entry.year}: target {goal}, outturn {now}: {verdict}; {tally}."
    status = current.status
    shown = "—" if status is None else (STATUS_LABELS[status][1] if zh else status.value)
    when = current.outturn.date
    if zh:
        return f"{current.entry.year}年目标 {goal}，年初至{when} {now}：{shown}；{tally}。"
    return f"{current.entry.year}: target {goal}, {now} year to {when}: {shown}; {tally}."


def _unjudged(assessment: Assessment, lang: Lang) -> str:
    """A reported fact or a direction: listed with its figure, never judged."""
    zh = lang is Lang.ZH
    latest = assessment.latest
    reported = assessment.target.role is Role.REPORTED
    if latest is None or latest.value is None:
        if reported:
            return "已有成果（无数值）。" if zh else "Reported (no figure); not judged."
        return "方向性任务，不作评判。" if zh else "A direction of the plan; not judged."
    now = text.point(latest, assessment.target.unit, lang)
    kind = (
        ("已有成果" if reported else "方向性任务")
        if zh
        else ("Reported" if reported else "Direction")
    )
    return (
        f"{kind}：{now}（{latest.date}），不作评判。"
        if zh
        else f"{kind}: {now} on {latest.date}; not judged."
    )


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

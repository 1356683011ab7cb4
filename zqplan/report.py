"""The versioned documents zqplan outputs: assessments as plain JSON-ready data."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from zqplan.errors import ZqplanError
from zqplan.i18n import BOUND_LABELS, NO_DATE_LABEL, ROLE_LABELS, STATUS_LABELS
from zqplan.model import (
    Assessment,
    Criterion,
    Observation,
    Plan,
    Point,
    ProgrammeAssessment,
    StatusCode,
    Target,
    Trajectory,
)
from zqplan.status import (
    effective_observations,
    goal_in_force,
    is_bound,
    is_early,
    is_faster_than_expected,
    judged,
    summarize,
    track_record,
)

STATUS_SCHEMA = "zqplan.status/2"
TARGET_SCHEMA = "zqplan.target/2"
HISTORY_SCHEMA = "zqplan.history/1"


def label(assessment: Assessment, *, zh: bool = False) -> str:
    """The status label, with the method's finer wording where it applies."""
    if not judged(assessment):
        english, chinese = ROLE_LABELS[assessment.target.role.value]
    elif is_bound(assessment) and assessment.status in BOUND_LABELS:
        english, chinese = BOUND_LABELS[assessment.status]
    elif assessment.status is StatusCode.NO_TARGET and _has_value(assessment):
        english, chinese = NO_DATE_LABEL
    else:
        english, chinese = STATUS_LABELS[assessment.status]
    if not zh:
        return english
    if not judged(assessment):
        return chinese
    yearly = _yearly_label(assessment)
    if yearly is not None:
        return yearly
    if is_early(assessment):
        return "提前实现"
    if is_faster_than_expected(assessment):
        return "快于预期"
    return chinese


def _yearly_label(assessment: Assessment) -> str | None:
    """完成 / 基本完成 / 未完成 for a yearly schedule's period whose figure is in."""
    from zqplan.i18n import PERIOD_LABELS

    current = next((p for p in assessment.schedule if p.entry.year == assessment.period), None)
    if current is None or current.verdict is None:
        return None
    return PERIOD_LABELS[current.verdict.value][1]


def _has_value(assessment: Assessment) -> bool:
    goal = assessment.goal
    return goal is not None and goal.value is not None


def rate_unit(assessment: Assessment) -> str | None:
    """The unit of required and observed rates: fraction, percentage-points or 'UNIT a year'."""
    basis = assessment.rate_basis
    if basis is None or (assessment.required_rate is None and assessment.observed_rate is None):
        return None
    if basis is Trajectory.COMPOUND:
        return "fraction"
    from zqplan.text import is_percent

    target = assessment.target
    if target.cumulative:
        return "index-points"
    if is_percent(target.unit):
        return "percentage-points"
    return f"{target.unit} a year" if target.unit else "a year"


def number(value: float | None) -> float | None:
    """A JSON-safe number: None for absent, never NaN or infinity."""
    if value is None or not math.isfinite(value):
        return None
    return value + 0.0  # -0.0 prints as 0.0


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _value(value: float | bool | None) -> float | bool | None:
    return value if isinstance(value, bool) or value is None else number(value)


def point(value: Point | None) -> dict[str, Any] | None:
    """{value, date} or None."""
    if value is None:
        return None
    return {"value": _value(value.value), "date": _day(value.date)}


def latest_comparator(value: Point | None) -> str | None:
    """How the latest figure compares when the source gives only a bound (">"), else None."""
    return None if value is None or value.comparator is None else value.comparator.value


def target_fields(plan: Plan, assessment: Assessment) -> dict[str, Any]:
    """One target's entry in zqplan.status/2 (the README documents each field)."""
    target = assessment.target
    area = plan.area(target.area)
    projection = None
    if assessment.projection is not None:
        projection = {
            "value": number(assessment.projection),
            "date": _day(assessment.projection_date),
        }
    verdict = judged(assessment)
    return {
        "id": target.id,
        "area": target.area,
        "area_title": None if area is None else area.title,
        "area_title_zh": None if area is None else area.title_zh,
        "title": target.title,
        "title_zh": target.title_zh,
        "unit": target.unit,
        "role": target.role.value,
        "direction": target.direction.value,
        "kind": target.kind.value,
        "attribute": target.attribute.value,
        "trajectory": None if target.trajectory is None else target.trajectory.value,
        "frequency": target.frequency.value,
        "baseline": point(assessment.baseline),
        "target": point(assessment.goal),
        "target_stated": goal_fields(assessment),
        "revision": revision_fields(assessment),
        "latest": point(assessment.latest),
        "latest_comparator": latest_comparator(assessment.latest),
        "data_points": assessment.data_points,
        "rate_basis": None if assessment.rate_basis is None else assessment.rate_basis.value,
        "rate_unit": rate_unit(assessment),
        "progress": number(assessment.progress),
        "time_elapsed": number(assessment.time_elapsed),
        "expected_value": number(assessment.expected_value),
        "expected_progress": number(assessment.expected_progress),
        "required_rate": number(assessment.required_rate),
        "observed_rate": number(assessment.observed_rate),
        "ratio": number(assessment.ratio),
        "projection": projection,
        "reached_on": _day(assessment.reached_on),
        "margin": number(assessment.margin),
        "status": assessment.status.value if verdict else None,
        "planned_status": None
        if assessment.planned_status is None
        else assessment.planned_status.value,
        "label": label(assessment),
        "label_zh": label(assessment, zh=True),
        "final": assessment.final,
        "awaiting_final": assessment.awaiting_final,
        "trend": None if assessment.trend is None else assessment.trend.value,
        "stale": assessment.stale,
        "low_confidence": assessment.low_confidence,
        "cumulative": target.cumulative,
        "lag_months": publication_lag(target),
        "period": None if assessment.period is None else str(assessment.period),
        "schedule": schedule_fields(assessment),
        "track_record": track_record_fields(assessment),
        "relative_to": target.relative_to,
        "parts": parts_fields(assessment),
        "part_of": assessment.part_of,
    }


def parts_fields(assessment: Assessment) -> dict[str, Any] | None:
    """An umbrella commitment's parts rolled up; None for a target without parts."""
    parts = assessment.parts
    if parts is None:
        return None
    return {
        "ids": list(parts.ids),
        "status": parts.status.value,
        "own_status": parts.own.value,
        "achieved": parts.achieved,
        "counted": parts.counted,
        "counts": {code.value: n for code, n in parts.counts},
    }


def schedule_fields(assessment: Assessment) -> list[dict[str, Any]]:
    """A yearly schedule: each period's target, outturn, verdict and status."""
    relative = assessment.target.relative_to
    return [
        {
            "period": str(p.entry.year),
            "comparator": p.entry.comparator.value,
            "written": p.entry.written,
            "target": number(p.target),
            "target_high": number(p.entry.high),
            "relative_to": relative if p.entry.value is None else None,
            "tolerance": stated_number(p.tolerance),
            "outturn": None if p.outturn is None else _value(p.outturn.value),
            "outturn_date": None if p.outturn is None else _day(p.outturn.date),
            "year_to_date": p.year_to_date,
            "verdict": None if p.verdict is None else p.verdict.value,
            "status": None if p.status is None else p.status.value,
            "source": p.entry.source,
            "document": p.entry.document,
        }
        for p in assessment.schedule
    ]


def track_record_fields(assessment: Assessment) -> dict[str, int] | None:
    """{met, judged}: periods met or broadly met, of the periods whose figure is in."""
    record = track_record(assessment)
    return None if record is None else {"met": record[0], "judged": record[1]}


def publication_lag(target: Target) -> int:
    """Months after a period ends before its figure is out: the registry's, or by frequency."""
    from zqplan.status import LAG_MONTHS

    return LAG_MONTHS[target.frequency] if target.lag_months is None else target.lag_months


def stated_number(value: float | None) -> float | None:
    """A number as the plan states it: 7, not 7.000000000000001 (12 significant digits)."""
    return None if value is None else number(float(f"{value:.12g}"))


def _percent(fraction: float | None) -> float | None:
    return None if fraction is None else stated_number(fraction * 100)


def goal_fields(assessment: Assessment) -> dict[str, Any] | None:
    """The target in force as the plan states it: a level, growth a year or a change."""
    goal, _ = goal_in_force(assessment.target, as_of=assessment.as_of)
    if goal is None:
        return None
    return {
        "stated_as": goal.stated,
        "value": _value(goal.value),
        "annual_growth_percent": _percent(goal.annual_growth),
        "change_percent": _percent(goal.change),
        "change_by": _value(goal.change_by),
        "date": _day(goal.date),
    }


def revision_fields(assessment: Assessment) -> dict[str, Any] | None:
    """The revision in force and the target as first planned, or None."""
    revision = assessment.revision
    if revision is None:
        return None
    return {
        "decided": revision.decided.isoformat(),
        "reason": revision.reason,
        "document": revision.document,
        "planned_target": point(assessment.planned_goal),
    }


def plan_fields(plan: Plan) -> dict[str, Any]:
    """The plan's metadata."""
    return {
        "id": plan.id,
        "title": plan.title,
        "title_zh": plan.title_zh,
        # A declared document's title, as free text gave it before [documents] existed.
        "document": _document_title(plan),
        "published": _day(plan.published),
        "registry": plan.path,
    }


def _document_title(plan: Plan) -> str | None:
    """The plan's document as a title: a declared document's, else the text as written."""
    declared = plan.source_document(plan.document)
    return plan.document if declared is None else declared.title


def status_document(
    plan: Plan,
    assessments: Sequence[Assessment],
    *,
    as_of: dt.date,
    known_at: dt.date | None = None,
) -> dict[str, Any]:
    """zqplan.status/2: the plan, a count per status (commitments), and every target shown."""
    return {
        "schema": STATUS_SCHEMA,
        "as_of": as_of.isoformat(),
        "known_at": _day(known_at),
        "plan": plan_fields(plan),
        "summary": summarize(assessments),
        "targets": [target_fields(plan, a) for a in assessments],
    }


def record_fields(
    observation: Observation, *, superseded: bool, voided: str | None = None
) -> dict[str, Any]:
    """One observation as history shows it."""
    return {
        "record": observation.record_id,
        "origin": "registry" if observation.recorded_at is None else "ledger",
        "date": observation.date.isoformat(),
        "value": _value(observation.value),
        "comparator": None if observation.comparator is None else observation.comparator.value,
        "recorded_at": None
        if observation.recorded_at is None
        else observation.recorded_at.isoformat(),
        "recorded_by": observation.recorded_by,
        "source": observation.source,
        "note": observation.note,
        "superseded": superseded,
        "forced": observation.forced,
        "voided": voided,
        "conflict": None,
    }


def history_records(
    target: Target,
    ledger: Sequence[Observation],
    voided: Mapping[str, str] | None = None,
    *,
    as_of: dt.date = dt.date.max,
) -> list[dict[str, Any]]:
    """Every record of the target dated on or before as_of, oldest period first; revised
    ones marked superseded, withdrawn ones (`voided`: record id -> the void's reason)
    marked voided."""
    reasons = voided or {}
    kept = [o for o in ledger if o.record_id not in reasons]
    current = effective_observations(target, kept, as_of=as_of)
    used = {o.record_id for o in current} | set(reasons)
    every = sorted(
        (o for o in (*target.observations, *ledger) if o.date <= as_of),
        key=lambda o: (o.date, o.sequence),
    )
    return [
        record_fields(o, superseded=o.record_id not in used, voided=reasons.get(o.record_id))
        for o in every
    ]


def history_document(
    target: Target, ledger: Sequence[Observation], voided: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """zqplan.history/1: every record of one target (voided ones included, marked)."""
    return {
        "schema": HISTORY_SCHEMA,
        "target": target.id,
        "unit": target.unit,
        "records": history_records(target, ledger, voided),
    }


def target_document(
    plan: Plan,
    assessment: Assessment,
    ledger: Sequence[Observation],
    *,
    known_at: dt.date | None = None,
) -> dict[str, Any]:
    """zqplan.target/2: one target's fields, source, note, derived numbers and the
    history used (records dated on or before as_of, and recorded by known_at)."""
    target = assessment.target
    fields = target_fields(plan, assessment)
    fields.update(source=target.source, note=target.note)
    return {
        "schema": TARGET_SCHEMA,
        "as_of": assessment.as_of.isoformat(),
        "known_at": _day(known_at),
        "plan": plan_fields(plan),
        "target": fields,
        "history": history_records(target, ledger, as_of=assessment.as_of),
    }


MILESTONES_SCHEMA = "zqplan.milestones/2"


def _criterion_fields(criterion: Criterion) -> dict[str, Any]:
    evidence = criterion.evidence
    return {
        "type": criterion.kind,
        "id": criterion.id,
        "met": criterion.met,
        "title": criterion.title,
        "title_zh": criterion.title_zh,
        "status": None if criterion.status is None else criterion.status.value,
        "evidence": None
        if evidence is None
        else {
            "record": evidence.record_id,
            "date": evidence.date.isoformat(),
            "source": evidence.source,
            "document": evidence.document,
            "note": evidence.note,
        },
    }


def programme_fields(assessment: ProgrammeAssessment) -> dict[str, Any]:
    """One programme's ladder in zqplan.milestones/2."""
    programme = assessment.programme
    return {
        "id": programme.id,
        "area": programme.area,
        "title": programme.title,
        "title_zh": programme.title_zh,
        "source": programme.source,
        "start": programme.start.isoformat(),
        "inferred": None
        if programme.inferred is None
        else {
            "source": programme.inferred.source,
            "document": programme.inferred.document,
            "note": programme.inferred.note,
        },
        "status": assessment.status.value,
        "current_stage": assessment.current,
        "stages": [
            {
                "id": stage.stage.id,
                "title": stage.stage.title,
                "title_zh": stage.stage.title_zh,
                "date": stage.stage.date.isoformat(),
                "date_inferred": programme.inferred is not None,
                "status": stage.status.value,
                "late": stage.late,
                "met": sum(c.met for c in stage.criteria),
                "criteria": [_criterion_fields(c) for c in stage.criteria],
            }
            for stage in assessment.stages
        ],
    }


def milestones_document(
    plan: Plan, assessments: Sequence[ProgrammeAssessment], *, as_of: dt.date
) -> dict[str, Any]:
    """zqplan.milestones/2: every programme as a ladder of stages."""
    return {
        "schema": MILESTONES_SCHEMA,
        "as_of": as_of.isoformat(),
        "plan": plan_fields(plan),
        "programmes": [programme_fields(a) for a in assessments],
    }


# --- flat rows, for csv, tsv, markdown, ndjson and --fields ---------------------

_NESTED: dict[str, tuple[str, ...]] = {
    "baseline": ("value", "date"),
    "target": ("value", "date"),
    "latest": ("value", "date"),
    "projection": ("value", "date"),
    "target_stated": (
        "stated_as",
        "value",
        "annual_growth_percent",
        "change_percent",
        "change_by",
        "date",
    ),
    "track_record": ("met", "judged"),
    "parts": ("ids", "status", "own_status", "achieved", "counted"),
    "revision": ("decided", "reason", "document", "planned_target"),
    "planned_target": ("value", "date"),
}
"""Objects that flatten into fixed columns, present (empty) even when the object is null."""


def _flat(key: str, value: Any, into: dict[str, Any]) -> None:
    if key == "schedule":  # one cell: "2022 about 7: 1.1 not-met; 2023 >= 5.5: ..."
        into[key] = "; ".join(
            f"{p['period']} {p['written']}: "
            + ("—" if p["outturn"] is None else f"{p['outturn']:g}")
            + f" {p['verdict'] or p['status'] or ''}".rstrip()
            for p in value or []
        )
        return
    members = _NESTED.get(key.rpartition("_")[2] if key.startswith("revision_") else key)
    if members is None:
        into[key] = ",".join(value) if key == "parts_ids" and value else value
        return
    inner = value if isinstance(value, dict) else {}
    for member in members:
        _flat(f"{key}_{member}", inner.get(member), into)


def flat_row(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry as flat columns: baseline -> baseline_value, baseline_date, and so on."""
    row: dict[str, Any] = {}
    for key, value in entry.items():
        _flat(key, value, row)
    return row


def status_columns() -> tuple[str, ...]:
    """The flat columns of a status row, in order (the README lists them)."""
    return tuple(flat_row(dict.fromkeys(_STATUS_KEYS)))


_STATUS_KEYS = (
    "id", "area", "area_title", "area_title_zh", "title", "title_zh", "unit", "role", "direction",
    "kind", "attribute", "trajectory", "frequency", "baseline", "target", "target_stated",
    "revision", "latest", "latest_comparator", "data_points", "rate_basis", "rate_unit",
    "progress", "time_elapsed",
    "expected_value", "expected_progress", "required_rate", "observed_rate", "ratio",
    "projection", "reached_on", "margin", "status", "planned_status", "label", "label_zh",
    "final", "awaiting_final", "trend", "stale", "low_confidence", "cumulative", "lag_months",
    "period", "schedule", "track_record", "relative_to", "parts", "part_of",
)  # fmt: skip
"""The keys of a zqplan.status/2 target entry, in order."""

HISTORY_COLUMNS = (
    "record", "origin", "date", "value", "comparator", "recorded_at", "recorded_by", "source",
    "note", "superseded", "forced", "voided", "conflict",
)  # fmt: skip
"""The columns of a history record."""

MILESTONE_COLUMNS = (
    "programme", "programme_title", "programme_title_zh", "programme_status", "stage", "title",
    "title_zh", "date", "status", "late", "met", "criteria", "outstanding",
)  # fmt: skip
"""The columns of a milestones row: one per stage."""

CHECK_COLUMNS = ("file", "line", "message", "hint", "severity")
"""The columns of a check problem."""


def milestone_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per stage of every programme."""
    rows: list[dict[str, Any]] = []
    for programme in document["programmes"]:
        for stage in programme["stages"]:
            rows.append(
                {
                    "programme": programme["id"],
                    "programme_title": programme["title"],
                    "programme_title_zh": programme["title_zh"],
                    "programme_status": programme["status"],
                    "stage": stage["id"],
                    "title": stage["title"],
                    "title_zh": stage["title_zh"],
                    "date": stage["date"],
                    "status": stage["status"],
                    "late": stage["late"],
                    "met": stage["met"],
                    "criteria": len(stage["criteria"]),
                    "outstanding": "; ".join(c["id"] for c in stage["criteria"] if not c["met"]),
                }
            )
    return rows


CHECK_SCHEMA = "zqplan.check/1"


def check_document(
    problems: Sequence[ZqplanError], warnings: Sequence[ZqplanError] = ()
) -> dict[str, Any]:
    """zqplan.check/1: every problem (and warning) with its file and line."""

    def rows(found: Sequence[ZqplanError], severity: str) -> list[dict[str, Any]]:
        listed = []
        for problem in found:
            where = problem.where or ""
            path, _, line = where.rpartition(":")
            if not line.isdigit():
                path, line = where, ""
            listed.append(
                {
                    "file": path or None,
                    "line": int(line) if line else None,
                    "message": problem.message,
                    "hint": problem.hint,
                    "severity": severity,
                }
            )
        return listed

    return {
        "schema": CHECK_SCHEMA,
        "ok": not problems,
        "problems": rows(problems, "error"),
        "warnings": rows(warnings, "warning"),
    }

"""Staged programmes: which stage is met, due, upcoming or missed. Pure; no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from zqplan.model import (
    Assessment,
    Criterion,
    Observation,
    Plan,
    Programme,
    ProgrammeAssessment,
    Stage,
    StageAssessment,
    StageStatus,
    StatusCode,
)
from zqplan.status import assess, meets

UNRECORDED = (StatusCode.NO_DATA, StatusCode.NO_TARGET)
"""A target criterion's statuses that say nothing was recorded to judge it by."""

LAST_STAGE_GRACE_DAYS = 365
"""How long the last stage stays `due` after its date before its window closes."""


def item_records(
    programme: Programme, observations: Iterable[Observation], *, as_of: dt.date
) -> dict[tuple[str, str], Observation]:
    """The earliest 'done' record for each (stage, item) on or before as_of."""
    done: dict[tuple[str, str], Observation] = {}
    for record in observations:
        if record.target_id != programme.id or record.stage is None or record.item is None:
            continue
        if record.value is not True or record.date > as_of:
            continue
        key = (record.stage, record.item)
        if key not in done or record.date < done[key].date:
            done[key] = record
    return done


def first_reached(assessment: Assessment) -> dt.date | None:
    """The date of the first value that met the target (for lateness), if any."""
    goal = assessment.goal
    level = goal.value if goal is not None and isinstance(goal.value, float) else None
    for observation in assessment.observations:
        value = observation.value
        if isinstance(value, bool):
            if value:
                return observation.date
        elif level is not None and meets(assessment.target.direction, value, level):
            return observation.date
    baseline = assessment.baseline
    return None if baseline is None else baseline.date


def assess_stage(
    plan: Plan,
    stage: Stage,
    following: Stage | None,
    done: Mapping[tuple[str, str], Observation],
    by_target: Mapping[str, Sequence[Observation]],
    *,
    as_of: dt.date,
) -> StageAssessment:
    """Judge a stage: met when every criterion is met; else upcoming, due, then missed (a
    recorded shortfall) or no-evidence (nothing recorded)."""
    criteria: list[Criterion] = []
    met_on: list[dt.date] = []
    for target_id in stage.targets:
        target = plan.target(target_id)
        if target is None:
            criteria.append(Criterion("target", target_id, met=False))
            continue
        judged = assess(
            target,
            by_target.get(target_id, ()),
            as_of=as_of,
            reference=None if target.relative_to is None else plan.target(target.relative_to),
            reference_observations=by_target.get(target.relative_to or "", ()),
        )
        met = judged.status is StatusCode.ACHIEVED
        reached = first_reached(judged) if met else None
        if reached is not None:
            met_on.append(reached)
        criteria.append(
            Criterion(
                "target",
                target_id,
                met=met,
                status=judged.status,
                title=target.title,
                title_zh=target.title_zh,
            )
        )
    for item in stage.items:
        record = done.get((stage.id, item))
        if record is not None:
            met_on.append(record.date)
        # An item named as its stage is ("A start in one year") reads as the stage's title.
        same = item == stage.title
        criteria.append(
            Criterion(
                "item",
                item,
                met=record is not None,
                evidence=record,
                title=stage.title if same else None,
                title_zh=stage.title_zh if same else None,
            )
        )
    if criteria and all(c.met for c in criteria):
        late = bool(met_on) and max(met_on) > stage.date
        return StageAssessment(stage, StageStatus.MET, tuple(criteria), late=late)
    if as_of < stage.date:
        return StageAssessment(stage, StageStatus.UPCOMING, tuple(criteria))
    window_ends = (
        following.date
        if following is not None
        else stage.date + dt.timedelta(days=LAST_STAGE_GRACE_DAYS)
    )
    if as_of < window_ends:
        return StageAssessment(stage, StageStatus.DUE, tuple(criteria))
    # Past its window, a stage is missed only on a recorded figure that falls short; with
    # nothing recorded for an unmet criterion the record is silent: no evidence, no verdict.
    shortfall = any(
        not c.met and c.status is not None and c.status not in UNRECORDED for c in criteria
    )
    status = StageStatus.MISSED if shortfall else StageStatus.NO_EVIDENCE
    return StageAssessment(stage, status, tuple(criteria))


def assess_programme(
    plan: Plan, programme: Programme, observations: Sequence[Observation], *, as_of: dt.date
) -> ProgrammeAssessment:
    """The programme's ladder; its status is that of its current stage."""
    recorded = [e for stage in programme.stages for e in stage.evidence]
    done = item_records(programme, (*recorded, *observations), as_of=as_of)
    by_target: dict[str, list[Observation]] = {}
    for record in observations:
        if record.item is None:
            by_target.setdefault(record.target_id, []).append(record)
    stages = programme.stages
    judged = tuple(
        assess_stage(
            plan,
            stage,
            stages[index + 1] if index + 1 < len(stages) else None,
            done,
            by_target,
            as_of=as_of,
        )
        for index, stage in enumerate(stages)
    )
    # The current stage is the first still open; a closed stage (missed, or closed with
    # no evidence) is final, so once every stage is behind, the last closed one stands.
    open_stages = [s for s in judged if s.status in (StageStatus.DUE, StageStatus.UPCOMING)]
    missed = [s for s in judged if s.status in (StageStatus.MISSED, StageStatus.NO_EVIDENCE)]
    current = open_stages[0] if open_stages else (missed[-1] if missed else None)
    if current is None:
        return ProgrammeAssessment(programme, as_of, StageStatus.MET, None, judged)
    return ProgrammeAssessment(programme, as_of, current.status, current.stage.id, judged)


def assess_programmes(
    plan: Plan, observations: Sequence[Observation], *, as_of: dt.date
) -> list[ProgrammeAssessment]:
    """Every programme of the plan, in registry order."""
    return [assess_programme(plan, p, observations, as_of=as_of) for p in plan.programmes]

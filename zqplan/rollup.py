"""Umbrella commitments: their parts' statuses rolled up into theirs. Pure; no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from zqplan.model import Assessment, PartsRollup, Role, StatusCode

VERDICTS = (
    StatusCode.MISSED,
    StatusCode.OFF_TRACK,
    StatusCode.AT_RISK,
    StatusCode.ON_TRACK,
    StatusCode.ACHIEVED,
)
"""Statuses that are verdicts on pace, the worst first."""


def rolled_status(statuses: Sequence[StatusCode]) -> StatusCode:
    """The parts' statuses as one: achieved when every part is; else the worst verdict
    among them; else no-data when a part has none; else no-target."""
    if not statuses:
        return StatusCode.NO_TARGET
    if all(s is StatusCode.ACHIEVED for s in statuses):
        return StatusCode.ACHIEVED
    for verdict in VERDICTS[:-1]:
        if verdict in statuses:
            return verdict
    if StatusCode.NO_DATA in statuses:
        return StatusCode.NO_DATA
    return StatusCode.NO_TARGET


def roll_up(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Every assessment, umbrellas with their parts rolled up and parts naming their
    umbrella; an umbrella without a verdict of its own takes its parts' status."""
    by_id = {a.target.id: a for a in assessments}
    umbrella_of = {part: a.target.id for a in assessments for part in a.target.parts}
    done: dict[str, Assessment] = {}

    def resolve(target_id: str) -> Assessment:
        found = done.get(target_id)
        if found is not None:
            return found
        assessment = by_id[target_id]
        parts = assessment.target.parts
        if parts:
            # The registry refuses cycles, so the recursion ends at targets without parts.
            judged = [resolve(p) for p in parts if p in by_id]
            statuses = [a.status for a in judged if a.target.role is Role.COMMITMENT]
            counts = tuple(
                (code, statuses.count(code)) for code in StatusCode if statuses.count(code)
            )
            rolled = rolled_status(statuses)
            own = assessment.status
            status = own if own in VERDICTS else rolled
            assessment = replace(
                assessment, status=status, parts=PartsRollup(parts, counts, rolled, own)
            )
        if target_id in umbrella_of:
            assessment = replace(assessment, part_of=umbrella_of[target_id])
        done[target_id] = assessment
        return assessment

    return [resolve(a.target.id) for a in assessments]

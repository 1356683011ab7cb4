"""Renamed and retired targets: old ids' records carried over, retired targets set aside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from zqplan.model import Observation, Plan


def old_ids(plan: Plan) -> dict[str, str]:
    """Each id a target had before (renamed_from), and the id it has now."""
    return {old: t.id for t in plan.targets for old in t.renamed_from}


def carry_over(
    plan: Plan, observations: Iterable[Observation]
) -> tuple[list[Observation], list[Observation]]:
    """The records for the plan's entries (an old id's under the new id), and the rest."""
    renamed = old_ids(plan)
    known = {t.id for t in plan.targets} | {p.id for p in plan.programmes}
    kept: list[Observation] = []
    unknown: list[Observation] = []
    for observation in observations:
        if observation.target_id in known:
            kept.append(observation)
        elif observation.target_id in renamed:
            kept.append(replace(observation, target_id=renamed[observation.target_id]))
        else:
            unknown.append(observation)
    return kept, unknown


def in_force(plan: Plan, as_of: dt.date) -> Plan:
    """The plan without the targets retired on or before as_of (status judges the rest)."""
    if all(t.retired is None or t.retired > as_of for t in plan.targets):
        return plan
    return replace(
        plan, targets=tuple(t for t in plan.targets if t.retired is None or t.retired > as_of)
    )

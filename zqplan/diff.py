"""What changed since a day: what was known on `since` against what is known now.

Pure: the command gives it the plan (and the plan as committed on `since`, when the
registry is in git), every ledger record and void; it never prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zqplan.model import (
    Comparator,
    Goal,
    Observation,
    Plan,
    Revision,
    StageStatus,
    StatusCode,
    Target,
    Value,
    YearlyTarget,
)

if TYPE_CHECKING:
    from zqplan.ledger import Void

__all__ = [
    "ADDED",
    "CHANGED",
    "NEW",
    "REMOVED",
    "REVISED",
    "VOIDED",
    "Diff",
    "FigureChange",
    "StageChange",
    "StatusChange",
    "TargetChange",
    "compare",
    "known_then",
]

NEW = "new"
"""A figure for a period that had none."""
REVISED = "revised"
"""A later record replaced the figure of a period."""
VOIDED = "voided"
"""A void withdrew the figure of a period (an older one, or none, is in force again)."""

ADDED = "added"
"""A target the registry did not have."""
REMOVED = "removed"
"""A target the registry no longer has."""
CHANGED = "changed"
"""A target whose statement changed (title, unit, baseline, target, schedule ...)."""

COMPARED_FIELDS = (
    "title",
    "title_zh",
    "unit",
    "direction",
    "kind",
    "attribute",
    "baseline",
    "target",
    "schedule",
    "revisions",
    "relative_to",
    "retired",
    "area",
    "role",
)
"""The fields of a target whose change the diff reports, in this order."""


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One period's figure: new, revised (old -> new) or voided."""

    target_id: str
    """The target (or programme) the figure is for."""
    period: dt.date
    """The end of the period."""
    change: str
    """new, revised or voided."""
    old: Value | None
    """The figure known on `since` (None: none)."""
    new: Value | None
    """The figure known now (None: none, after a void)."""
    record_id: str | None
    """The record now in force (new, revised), or the void's id (voided)."""
    recorded_at: dt.datetime | None
    """When that record or void was recorded."""
    recorded_by: str | None = None
    """Who recorded it."""
    reason: str | None = None
    """A void's reason."""
    stage: str | None = None
    """For a programme's item done: its stage."""
    item: str | None = None
    """For a programme's item done: the item."""
    old_comparator: Comparator | None = None
    """`old` known only as a bound ("exceeding 30": `>`); None: exact."""
    new_comparator: Comparator | None = None
    """`new` known only as a bound; None: exact (a bound revised to exact is a revision)."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A target whose status on `since` (as known then) differs from its status now."""

    target: Target
    """The target, as the registry states it now."""
    old: StatusCode
    """The status on `since`, from what was known then."""
    new: StatusCode
    """The status now."""


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A target added, removed or restated in the registry since `since`."""

    target: Target
    """The target now (as it was, when removed)."""
    change: str
    """added, removed or changed."""
    fields: tuple[str, ...] = ()
    """For changed: which fields changed (COMPARED_FIELDS' names)."""
    old_goal: Goal | None = None
    """For changed: the target as it was stated on `since`."""


@dataclass(frozen=True, slots=True)
class StageChange:
    """A stage of a programme whose status changed (a stage reached: met)."""

    programme_id: str
    """The programme."""
    stage_id: str
    """The stage."""
    title: str
    """The stage's title."""
    title_zh: str | None
    """Its Chinese title."""
    old: StageStatus
    """Its status on `since`."""
    new: StageStatus
    """Its status now."""


@dataclass(frozen=True, slots=True)
class Diff:
    """Everything that changed between what was known on `since` and now."""

    since: dt.date
    """The day compared with (records recorded on or before it were known then)."""
    as_of: dt.date
    """Now: the day the statuses are judged for."""
    known_at: dt.date | None
    """Now's records: those recorded on or before this day (None: every record)."""
    figures: tuple[FigureChange, ...]
    """New, revised and voided figures, by target (registry order), then period."""
    statuses: tuple[StatusChange, ...]
    """Targets whose status changed, in registry order."""
    targets: tuple[TargetChange, ...] | None
    """Targets added, removed or restated; None: the registry on `since` is unknown."""
    stages: tuple[StageChange, ...]
    """Stages whose status changed (reached, now due, missed), in registry order."""

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.figures or self.statuses or self.targets or self.stages)


def _recorded_by(moment: dt.datetime | None, day: dt.date | None) -> bool:
    """Whether something recorded at `moment` was known on `day` (UTC; None: always)."""
    return day is None or moment is None or moment.astimezone(dt.UTC).date() <= day


def known_then(
    records: Iterable[Observation], voids: Iterable[Void], day: dt.date | None
) -> list[Observation]:
    """The records in force on `day`: recorded by then and not withdrawn by a void of then."""
    withdrawn = {v.voids for v in voids if _recorded_by(v.recorded_at, day)}
    return [o for o in records if _recorded_by(o.recorded_at, day) and o.record_id not in withdrawn]


def _in_force(target: Target, records: Iterable[Observation]) -> dict[dt.date, Observation]:
    """Per period, the record in force (the newest recorded), registry figures included."""
    by_period: dict[dt.date, Observation] = {}
    for observation in (*target.observations, *records):
        if observation.item is not None:
            continue  # a programme's item done: a stage's evidence, not a figure
        current = by_period.get(observation.date)
        if current is None or observation.sequence >= current.sequence:
            by_period[observation.date] = observation
    return by_period


def _figures(
    plan: Plan,
    then: Sequence[Observation],
    now: Sequence[Observation],
    voids: Sequence[Void],
) -> list[FigureChange]:
    then_by = _by_target(then)
    now_by = _by_target(now)
    void_of = {v.voids: v for v in voids}
    changes: list[FigureChange] = []
    for target in plan.targets:
        old = _in_force(target, then_by.get(target.id, ()))
        new = _in_force(target, now_by.get(target.id, ()))
        for period in sorted({*old, *new}):
            before, after = old.get(period), new.get(period)
            if before is not None and after is not None and before.record_id == after.record_id:
                continue
            if before is None:
                assert after is not None
                changes.append(_figure(target.id, period, NEW, None, after))
                continue
            void = void_of.get(before.record_id)
            if void is not None and (after is None or after.sequence < before.sequence):
                changes.append(
                    FigureChange(
                        target.id,
                        period,
                        VOIDED,
                        before.value,
                        None if after is None else after.value,
                        void.record_id,
                        void.recorded_at,
                        void.recorded_by,
                        void.reason,
                        old_comparator=before.comparator,
                        new_comparator=None if after is None else after.comparator,
                    )
                )
                continue
            if after is None:  # withdrawn by means other than a void: reported as voided
                changes.append(
                    FigureChange(
                        target.id,
                        period,
                        VOIDED,
                        before.value,
                        None,
                        None,
                        None,
                        old_comparator=before.comparator,
                    )
                )
                continue
            changes.append(_figure(target.id, period, REVISED, before, after))
    return changes


def _figure(
    target_id: str, period: dt.date, change: str, old: Observation | None, record: Observation
) -> FigureChange:
    return FigureChange(
        target_id,
        period,
        change,
        None if old is None else old.value,
        record.value,
        record.record_id,
        record.recorded_at,
        record.recorded_by,
        old_comparator=None if old is None else old.comparator,
        new_comparator=record.comparator,
    )


def _by_target(records: Iterable[Observation]) -> dict[str, list[Observation]]:
    found: dict[str, list[Observation]] = {}
    for record in records:
        found.setdefault(record.target_id, []).append(record)
    return found


def _statement(target: Target, name: str) -> object:
    """A field of the target, as compared (where it was read from left out)."""
    if name == "revisions":
        return tuple(_revision(r) for r in target.revisions)
    if name == "schedule":
        return tuple(_yearly(y) for y in target.schedule)
    found: object = getattr(target, name)
    return found


def _revision(revision: Revision) -> tuple[object, ...]:
    return (revision.decided, revision.goal, revision.reason, revision.document)


def _yearly(entry: YearlyTarget) -> tuple[object, ...]:
    return (entry.year, entry.comparator, entry.value, entry.high)


def _targets(plan: Plan, then: Plan) -> list[TargetChange]:
    before = {t.id: t for t in then.targets}
    now_ids = {t.id for t in plan.targets}
    changes: list[TargetChange] = []
    for target in plan.targets:
        old = before.get(target.id)
        if old is None:
            old = next((before[i] for i in target.renamed_from if i in before), None)
        if old is None:
            changes.append(TargetChange(target, ADDED))
            continue
        fields = tuple(
            name for name in COMPARED_FIELDS if _statement(old, name) != _statement(target, name)
        )
        if fields:
            changes.append(TargetChange(target, CHANGED, fields, old.target))
    renamed = {old for t in plan.targets for old in t.renamed_from}
    changes += [
        TargetChange(t, REMOVED)
        for t in then.targets
        if t.id not in now_ids and t.id not in renamed
    ]
    return changes


def compare(
    plan: Plan,
    then_plan: Plan | None,
    records: Sequence[Observation],
    voids: Sequence[Void],
    *,
    since: dt.date,
    as_of: dt.date,
    known_at: dt.date | None = None,
    areas: Sequence[str] = (),
) -> Diff:
    """What changed from `since` (as known then, judged then) to `as_of` (known at known_at).

    `records` are every ledger record, withdrawn ones included; `then_plan` is the
    registry as it stood on `since` (None: unknown, target changes not compared);
    `areas` keeps only targets (and programmes) in these areas.
    """
    from zqplan.milestones import assess_programmes
    from zqplan.renames import in_force
    from zqplan.status import assess_plan, judged

    then = known_then(records, voids, since)
    now = known_then(records, voids, known_at)
    now_voids = [v for v in voids if _recorded_by(v.recorded_at, known_at)]
    late_voids = [v for v in now_voids if not _recorded_by(v.recorded_at, since)]
    shown = plan if not areas else _in_areas(plan, areas)
    figures = _figures(shown, then, now, late_voids)
    programmes = {p.id: p for p in shown.programmes}
    figures += [f for f in _programme_items(shown, then, now) if f.target_id in programmes]
    earlier = plan if then_plan is None else _under_current_ids(then_plan, plan)
    old_status = {
        a.target.id: a.status
        for a in assess_plan(in_force(earlier, since), then, as_of=since)
        if judged(a)
    }
    statuses = tuple(
        StatusChange(a.target, old_status[a.target.id], a.status)
        for a in assess_plan(in_force(shown, as_of), now, as_of=as_of)
        if judged(a) and a.target.id in old_status and old_status[a.target.id] != a.status
    )
    targets = None
    if then_plan is not None:
        found = _targets(plan, then_plan)
        targets = tuple(t for t in found if not areas or t.target.area in areas)
    stages_then = {
        (p.programme.id, s.stage.id): s.status
        for p in assess_programmes(earlier, then, as_of=since)
        for s in p.stages
    }
    stages = tuple(
        StageChange(p.programme.id, s.stage.id, s.stage.title, s.stage.title_zh, old, s.status)
        for p in assess_programmes(shown, now, as_of=as_of)
        for s in p.stages
        if (old := stages_then.get((p.programme.id, s.stage.id))) is not None and old != s.status
    )
    return Diff(since, as_of, known_at, tuple(figures), statuses, targets, stages)


def _under_current_ids(then: Plan, plan: Plan) -> Plan:
    """The plan of then with targets renamed since under their current ids: the records
    (carried over to the current ids) and the statuses then match them."""
    from dataclasses import replace

    from zqplan.renames import old_ids

    renamed = old_ids(plan)
    if not any(t.id in renamed for t in then.targets):
        return then
    return replace(
        then,
        targets=tuple(replace(t, id=renamed.get(t.id, t.id)) for t in then.targets),
    )


def _programme_items(
    plan: Plan, then: Sequence[Observation], now: Sequence[Observation]
) -> list[FigureChange]:
    """Items of programmes recorded done since (a stage's evidence): each a new figure."""
    before = {o.record_id for o in then}
    ids = {p.id for p in plan.programmes}
    return [
        FigureChange(
            o.target_id,
            o.date,
            NEW,
            None,
            o.value,
            o.record_id,
            o.recorded_at,
            o.recorded_by,
            stage=o.stage,
            item=o.item,
        )
        for o in now
        if o.target_id in ids and o.record_id not in before
    ]


def _in_areas(plan: Plan, areas: Sequence[str]) -> Plan:
    from dataclasses import replace

    return replace(
        plan,
        targets=tuple(t for t in plan.targets if t.area in areas),
        programmes=tuple(p for p in plan.programmes if p.area in areas),
    )

"""Status's plan and assessments: each target's assessment is remembered in the derived
cache and judged again only when its registry entry, its records, the day or zqplan
changed, so that the first status after a `git pull` costs what the pull changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zqplan.ledger import Lines, Record
    from zqplan.model import Assessment, Observation, Plan, Target


def load_assessed(
    path: Path, *, as_of: dt.date, known_at: dt.date | None
) -> tuple[Plan, list[Assessment]]:
    """The plan, and its targets in force judged on as_of from the records known at
    known_at, as assess_plan judges them; an error if the registry or the ledger has
    a problem. A target's assessment taken from the cache carries no observations
    (status shows none)."""
    from zqplan import cache, ledger, registry

    with cache.collector_paused():  # the objects built here hold no cycles
        plan = registry.load_plan(path)
        lines = ledger.read_lines(ledger.ledger_path(path))
        in_plan = plan
        if any(t.retired for t in plan.targets):
            from zqplan.renames import in_force

            in_plan = in_force(plan, as_of)  # retired targets: in show and history, not here
        tokens = cache.target_tokens(plan)
        if tokens is None or not _plain(plan, lines):
            return plan, _judged_afresh(plan, in_plan, lines, as_of=as_of, known_at=known_at)
        from zqplan.commands.common import say_torn

        say_torn(ledger.errors(lines.path, lines.torn))
        judged = _remembered(in_plan, lines, tokens, as_of=as_of, known_at=known_at)
    if not any(t.parts for t in in_plan.targets):
        return plan, judged
    from zqplan.rollup import roll_up  # only plans with umbrella commitments need it

    return plan, roll_up(judged)


def _judged_afresh(
    plan: Plan, in_plan: Plan, lines: Lines, *, as_of: dt.date, known_at: dt.date | None
) -> list[Assessment]:
    """Every target judged from the whole ledger (renamed targets, voids, problems, or
    no cache): what status did before assessments were remembered."""
    from zqplan import ledger
    from zqplan.commands.common import checked, known
    from zqplan.status import assess_plan

    _, records = checked(plan, ledger.ledger_of(lines))
    return assess_plan(in_plan, known(records.observations, known_at), as_of=as_of)


def _plain(plan: Plan, lines: Lines) -> bool:
    """Whether the ledger is valid as it stands: no problem, no void, every record for a
    target or programme of the plan, none renamed (checked reports anything else)."""
    from zqplan import ledger
    from zqplan.model import Kind

    if lines.problems or any(t.renamed_from for t in plan.targets):
        return False
    known = {t.id for t in plan.targets} | {p.id for p in plan.programmes}
    numeric = {t.id for t in plan.targets if t.kind is Kind.NUMERIC}
    others: list[Record] = []
    for record in lines.records:
        # the common case, a number for a numeric target (see ledger.validate)
        if record[1] in numeric and record[8] is None and type(record[3]) is not bool:
            continue
        if record[1] not in known:  # a void (no target) or an unknown target
            return False
        others.append(record)
    if not others:
        return True
    ranks, moments, days = ledger.ranked(others)
    observations = ledger.observations_of(others, ranks, moments, days, lines.path)
    return not ledger.validate(plan, observations)


def _remembered(
    plan: Plan,
    lines: Lines,
    tokens: dict[str, str],
    *,
    as_of: dt.date,
    known_at: dt.date | None,
) -> list[Assessment]:
    """Every target of the plan judged, or its assessment taken from the cache when its
    entry, its records (and its reference's), the day and --known-at are unchanged."""
    from zqplan import cache

    digests = lines.digests
    if len(lines.records) > lines.whole:  # a last line without its newline is a record
        digests = dict(digests)
        cache.chain(digests, lines.records[lines.whole :])
    day = as_of.toordinal()
    knew = None if known_at is None else known_at.toordinal()
    index = {t.id: t for t in plan.targets}

    def key(target: Target) -> str:
        reference = _reference(target, index)
        other = None if reference is None else (tokens[reference.id], digests.get(reference.id))
        return cache.assessment_key(tokens[target.id], digests.get(target.id), day, knew, other)

    keys = [key(t) for t in plan.targets]
    name = cache.assessments_name(lines.path, day, knew)
    stored = cache.load_assessments(name)
    decode = cache.assessment_decoder()
    judged: list[Assessment | None] = []
    for target, found in zip(plan.targets, keys, strict=True):
        item = stored.get(found)
        assessment = None
        if item is not None:
            try:
                assessment = decode(target, item)
            except Exception:  # a damaged entry is judged again
                assessment = None
        judged.append(assessment)
    missing = [t for t, a in zip(plan.targets, judged, strict=True) if a is None]
    if not missing:
        return [a for a in judged if a is not None]
    fresh = _judge(missing, index, lines, as_of=as_of, known_at=known_at)
    kept = {found: stored[found] for found in keys if found in stored}
    done: list[Assessment] = []
    for target, found, remembered in zip(plan.targets, keys, judged, strict=True):
        if remembered is not None:
            done.append(remembered)
            continue
        assessment = fresh[target.id]
        encoded = cache.encode_assessment(assessment)
        if encoded is not None:
            kept[found] = encoded
        done.append(assessment)
    cache.save_assessments(name, kept)
    return done


def _reference(target: Target, index: dict[str, Target]) -> Target | None:
    """The indicator a relative schedule compares with, if the plan has it."""
    return None if target.relative_to is None else index.get(target.relative_to)


def _judge(
    targets: list[Target],
    index: dict[str, Target],
    lines: Lines,
    *,
    as_of: dt.date,
    known_at: dt.date | None,
) -> dict[str, Assessment]:
    """These targets judged from their records (and their references')."""
    from zqplan.status import assess

    wanted = {t.id for t in targets}
    wanted |= {r.id for r in (_reference(t, index) for t in targets) if r is not None}
    groups: dict[str, list[Record]] = {}
    for record in lines.records:
        if record[1] in wanted:
            groups.setdefault(record[1], []).append(record)
    observations = {
        target_id: _observations(group, lines.path, known_at) for target_id, group in groups.items()
    }
    judged: dict[str, Assessment] = {}
    for target in targets:
        reference = _reference(target, index)
        judged[target.id] = assess(
            target,
            observations.get(target.id, ()),
            as_of=as_of,
            reference=reference,
            reference_observations=observations.get(target.relative_to or "", ()),
        )
    return judged


def _observations(
    records: list[Record], path: Path, known_at: dt.date | None
) -> tuple[Observation, ...] | list[Observation]:
    """One target's records as observations, sequenced in order of recording among
    themselves (as the whole ledger's sequence orders them), known at known_at."""
    from zqplan import ledger
    from zqplan.commands.common import known

    ranks, moments, days = ledger.ranked(records)
    built = ledger.observations_of(records, ranks, moments, days, path)
    return built if known_at is None else list(known(built, known_at))

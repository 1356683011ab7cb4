"""Conflicting revisions: two people recording different figures for one target and
period within a short window, as two offices do when their clones merge. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from zqplan.errors import LedgerError, ZqplanError
from zqplan.model import Observation

WINDOW = dt.timedelta(days=14)
"""Records further apart than this are a deliberate revision, not a conflict."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two records of one target and period, by different people, with different values
    (or one exact and one a bound, or two bounds of different comparators)."""

    first: Observation
    """The one recorded earlier."""
    second: Observation
    """The one recorded later (the one in force, unless revised again)."""


def conflicts(observations: Iterable[Observation]) -> list[Conflict]:
    """Every conflicting pair among ledger records, in the order of the later record.

    A pair conflicts when the later is the newest record of its target and period (a
    record made after both settles them), both have a recorder and a recording time,
    the recorders differ, the values (or their comparators) differ, and they were
    recorded at most WINDOW apart.
    Programme items (done or not) are left out: they carry no figure.
    """
    groups: dict[tuple[str, dt.date], list[Observation]] = {}
    for observation in observations:
        if observation.stage is None and observation.recorded_at is not None:
            groups.setdefault((observation.target_id, observation.date), []).append(observation)
    found: list[Conflict] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda o: o.sequence)
        # Only the newest record is in force: a record made after a pair settles it.
        newest = group[-1]
        found.extend(Conflict(e, newest) for e in group[:-1] if _conflict(e, newest))
    found.sort(key=lambda c: c.second.sequence)
    return found


def warnings(observations: Iterable[Observation]) -> list[ZqplanError]:
    """Each conflicting pair as a `check` warning at the later record's line."""
    found: list[ZqplanError] = []
    for pair in conflicts(observations):
        first, second = pair.first, pair.second
        line = (
            "" if first.where is None or first.where.line is None else f"line {first.where.line}, "
        )
        found.append(
            LedgerError(
                f"warning: conflicting figures for '{second.target_id}' {second.date}: "
                f"{_shown(first)} by {first.recorded_by} ({line}recorded {_day(first)}) and "
                f"{_shown(second)} by {second.recorded_by} (recorded {_day(second)}); "
                f"the later, {second.record_id}, is in force",
                where=None if second.where is None else str(second.where),
                hint="agree on the figure and record it again, or void the wrong record: "
                "either settles this warning",
            )
        )
    return found


def _shown(observation: Observation) -> str:
    value = observation.value
    if isinstance(value, bool):
        return str(value)
    comparator = observation.comparator
    return f"{value:g}" if comparator is None else f"{comparator.value} {value:g}"


def _day(observation: Observation) -> str:
    moment = observation.recorded_at
    return "?" if moment is None else f"{_utc(moment):%Y-%m-%d %H:%M} UTC"


def _conflict(earlier: Observation, later: Observation) -> bool:
    if earlier.recorded_by is None or later.recorded_by is None:
        return False
    if earlier.recorded_by == later.recorded_by:
        return False
    # "30" and "more than 30" are two claims about the figure: they conflict too.
    if (earlier.value, earlier.comparator) == (later.value, later.comparator):
        return False
    if earlier.recorded_at is None or later.recorded_at is None:
        return False
    return abs(_utc(later.recorded_at) - _utc(earlier.recorded_at)) <= WINDOW


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)

"""The plausibility guard where `update` meets it: a target's figures, and the verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from zqplan.model import Kind, Target
from zqplan.plausible import Figure, Verdict, judge


def guarded(target: Target) -> bool:
    """Whether the guard applies: a numeric target that is no rank."""
    from zqplan.units import parse_unit

    return target.kind is Kind.NUMERIC and parse_unit(target.unit).base != "rank"


def registry_figures(target: Target) -> list[Figure]:
    """The figures the registry gives the target: its baseline and its observations."""
    found: list[Figure] = []
    baseline = target.baseline
    if (
        baseline is not None
        and baseline.date is not None
        and isinstance(baseline.value, (int, float))
        and not isinstance(baseline.value, bool)
    ):
        found.append(Figure(baseline.date, float(baseline.value), "baseline"))
    for observation in target.observations:
        if not isinstance(observation.value, bool):
            found.append(Figure(observation.date, observation.value, "registry"))
    return found


def ledger_figures(ledger: Path, targets: Iterable[Target]) -> dict[str, list[Figure]]:
    """Each target's figures: the registry's, then the ledger's in file order (not voided)."""
    from zqplan.ledger import figures

    chosen = [t for t in targets if guarded(t)]
    scanned = figures(ledger, [t.id for t in chosen])
    return {
        t.id: [*registry_figures(t), *(Figure(d, v, r) for d, v, r in scanned[t.id])]
        for t in chosen
    }


def verdict(
    target: Target, value: float, typed: str, period: dt.date, known: list[Figure]
) -> Verdict | None:
    """Why `value`, typed as `typed`, is implausible for the target's period; else None."""
    from zqplan.units import is_percent, parse_unit, plain_number

    return judge(
        value,
        typed=typed,
        unit=target.unit,
        percent=is_percent(parse_unit(target.unit)),
        plain=plain_number(typed),
        figures=known,
        period=period,
    )

"""Which targets a read command shows and in what order: pure (no printing, no clock).

`status` uses it today; the `report` and `table` commands to come take the same
Selection, so that their filters, sort and limit behave the same.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from zqplan.errors import InvalidInputError
from zqplan.i18n import STATUS_LABELS, Lang, said
from zqplan.model import Assessment, Plan, Programme, StatusCode
from zqplan.status import judged

__all__ = [
    "SEVERITY",
    "Selection",
    "apply",
    "check",
    "empty_reason",
    "keep",
    "keep_programme",
    "matches",
    "order",
]

Item = TypeVar("Item")

SEVERITY: dict[str, int] = {
    StatusCode.MISSED.value: 0,
    StatusCode.OFF_TRACK.value: 1,
    StatusCode.AT_RISK.value: 2,
    StatusCode.ON_TRACK.value: 3,
    StatusCode.ACHIEVED.value: 4,
}
"""Statuses from worst to best, as --sort status orders them; no-target and no-data
carry no verdict on pace, so they sort as missing values (last)."""

RANKED_COLUMNS: dict[str, Mapping[str, int]] = {"status": SEVERITY, "planned_status": SEVERITY}
"""Columns that sort by a rank of their values instead of alphabetically."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The filters, sort and limit of a read command, as given on the command line."""

    areas: tuple[str, ...] = ()
    """Area ids (any of them; none: every area)."""
    statuses: tuple[str, ...] = ()
    """Status codes (any of them)."""
    attributes: tuple[str, ...] = ()
    """anticipatory and/or binding."""
    roles: tuple[str, ...] = ()
    """commitment, reported and/or direction."""
    kinds: tuple[str, ...] = ()
    """numeric and/or yes-no."""
    stale: bool = False
    """Only stale targets."""
    final: bool | None = None
    """True: only final verdicts; False: only open ones; None: both."""
    due_before: dt.date | None = None
    """Only targets whose date in force is before this day."""
    search: tuple[str, ...] = ()
    """Texts to find in id, title, title_zh or source (any of them, case-insensitive)."""
    sort: str | None = None
    """A flat column to sort by; a leading '-' sorts descending."""
    limit: int | None = None
    """At most this many, after sorting."""

    @property
    def sort_field(self) -> str | None:
        """The column --sort names, without its '-'."""
        return None if self.sort is None else self.sort.removeprefix("-")

    @property
    def descending(self) -> bool:
        """Whether --sort asks for the largest (or best) first."""
        return self.sort is not None and self.sort.startswith("-")


def check(selection: Selection, plan: Plan, columns: Sequence[str]) -> None:
    """Refuse an area, status or sort field that does not exist, naming the closest one."""
    from zqplan.registry import suggest  # only when checking what was typed

    areas = [a.id for a in plan.areas]
    for name in selection.areas:
        if name not in areas:
            raise InvalidInputError(
                f"--area '{name}' is not an area of {plan.path}",
                hint=suggest(name, areas) or "areas: " + ", ".join(areas),
            )
    codes = [code.value for code in StatusCode]
    for name in selection.statuses:
        if name not in codes:
            raise InvalidInputError(
                f"--status '{name}' is not a status",
                hint=suggest(name, codes) or "statuses: " + ", ".join(codes),
            )
    field = selection.sort_field
    if field is not None and field not in columns:
        raise InvalidInputError(
            f"--sort '{field}' is not a field",
            hint=suggest(field, columns) or "fields (as --fields names them): " + ",".join(columns),
        )


def _folded(text: str) -> str:
    """Text for a case-insensitive match: full-width forms as ASCII, then Unicode casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def _found(needle: str, texts: Sequence[str | None]) -> bool:
    """Whether the needle is in any of the texts, ignoring case."""
    wanted = _folded(needle)
    return any(wanted in _folded(text) for text in texts if text)


def matches(assessment: Assessment, needle: str) -> bool:
    """Whether the text is in the target's id, titles or source, ignoring case."""
    target = assessment.target
    return _found(needle, (target.id, target.title, target.title_zh, target.source))


def keep_programme(selection: Selection, programme: Programme) -> bool:
    """Whether a staged programme is in the areas and matches a search (milestones)."""
    texts = (programme.id, programme.title, programme.title_zh, programme.source)
    return (not selection.areas or programme.area in selection.areas) and (
        not selection.search or any(_found(s, texts) for s in selection.search)
    )


def keep(selection: Selection, assessment: Assessment) -> bool:
    """Whether the target passes every filter (AND), any value of each (OR)."""
    target = assessment.target
    due = None if assessment.goal is None else assessment.goal.date
    return (
        (not selection.areas or target.area in selection.areas)
        and (
            not selection.statuses
            or (judged(assessment) and assessment.status.value in selection.statuses)
        )
        and (not selection.attributes or target.attribute.value in selection.attributes)
        and (not selection.roles or target.role.value in selection.roles)
        and (not selection.kinds or target.kind.value in selection.kinds)
        and (not selection.stale or assessment.stale)
        and (selection.final is None or assessment.final is selection.final)
        and (selection.due_before is None or (due is not None and due < selection.due_before))
        and (not selection.search or any(matches(assessment, s) for s in selection.search))
    )


def _key(value: Any, ranks: Mapping[str, int] | None) -> tuple[int, Any] | None:
    """How a cell sorts: (kind, value), numbers as numbers, text ignoring case; None when
    missing."""
    if ranks is not None:
        rank = ranks.get(value) if isinstance(value, str) else None
        return None if rank is None else (0, rank)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, int | float):
        return (0, value)
    return (2, _folded(str(value)))


def order(
    items: Sequence[Item],
    row: Callable[[Item], Mapping[str, Any]],
    field: str,
    *,
    descending: bool = False,
    ranked: Mapping[str, Mapping[str, int]] = RANKED_COLUMNS,
) -> list[Item]:
    """Items sorted by one column of their flat row; missing values last either way.

    Equal values keep their order. A ranked column (status) sorts by its rank: the
    worst first ascending, the best first descending.
    """
    ranks = ranked.get(field)
    keyed = [(_key(row(item).get(field), ranks), item) for item in items]
    present = [(key, item) for key, item in keyed if key is not None]
    present.sort(key=lambda pair: pair[0][1], reverse=descending)
    present.sort(key=lambda pair: pair[0][0])  # numbers, then yes/no, then text, either way
    return [item for _, item in present] + [item for key, item in keyed if key is None]


def apply(
    selection: Selection,
    assessments: Sequence[Assessment],
    row: Callable[[Assessment], Mapping[str, Any]],
) -> list[Assessment]:
    """The assessments the selection keeps, sorted, then limited."""
    kept = [a for a in assessments if keep(selection, a)]
    field = selection.sort_field
    if field is not None:
        kept = order(kept, row, field, descending=selection.descending)
    return kept if selection.limit is None else kept[: selection.limit]


def _any(values: Sequence[str], lang: Lang) -> str:
    return said("or", lang).join(values)


def conditions(selection: Selection, lang: Lang = Lang.EN) -> list[str]:
    """Each filter of the selection in words, in the order of the options."""
    zh = lang is Lang.ZH
    parts: list[str] = []
    if selection.areas:
        parts.append(said("in area", lang).format(_any(selection.areas, lang)))
    if selection.statuses:
        names = [STATUS_LABELS[StatusCode(s)][1] if zh else s for s in selection.statuses]
        parts.append(said("status", lang).format(_any(names, lang)))
    for key, values in (
        ("attribute", selection.attributes),
        ("role", selection.roles),
        ("kind", selection.kinds),
    ):
        if values:
            parts.append(said(key, lang).format(_any([said(v, lang) for v in values], lang)))
    if selection.stale:
        parts.append(said("stale", lang))
    if selection.final is not None:
        parts.append(said("final" if selection.final else "open", lang))
    if selection.due_before is not None:
        parts.append(said("due before", lang).format(selection.due_before.isoformat()))
    if selection.search:
        quoted = [f"“{s}”" if zh else repr(s) for s in selection.search]
        parts.append(said("search", lang).format(_any(quoted, lang)))
    return parts


def empty_reason(selection: Selection, lang: Lang = Lang.EN, *, noun: str = "target") -> str:
    """Why nothing is shown: '0 targets: no target is both in area rural and off-track'
    (noun "programme" for milestones)."""
    parts = conditions(selection, lang)
    head = said(f"0 {noun}s", lang) + ("：" if lang is Lang.ZH else ": ")
    if not parts:
        return head + said(f"no {noun}s in registry", lang)
    if lang is Lang.ZH:
        lead = said(f"no {noun} is" if len(parts) == 1 else f"no {noun} is both", lang)
        return f"{head}{lead}：{said('and', lang).join(parts)}"
    if len(parts) == 1:
        return f"{head}{said(f'no {noun} is', lang)} {parts[0]}"
    lead = said(f"no {noun} is both" if len(parts) == 2 else f"no {noun} is at once", lang)
    return f"{head}{lead} {', '.join(parts[:-1])} and {parts[-1]}"

"""Finding a target or programme by what a person types: its id in any case, or its title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zqplan.errors import UnknownTargetError
from zqplan.model import Plan

MAX_LISTED = 8
"""Candidates an ambiguous title lists before it says how many more there are."""


@dataclass(frozen=True, slots=True)
class Entry:
    """Something that can be named on the command line: a target or a programme."""

    id: str
    """Its id under [targets] or [programmes]."""
    title: str
    """English title."""
    title_zh: str | None
    """Chinese title, when the registry gives one."""


def entries(plan: Plan, *, programmes: bool) -> list[Entry]:
    """The targets (and programmes, when asked) of the plan, in file order."""
    found = [Entry(t.id, t.title, t.title_zh) for t in plan.targets]
    if programmes:
        found += [Entry(p.id, p.title, p.title_zh) for p in plan.programmes]
    return found


def resolve(plan: Plan, text: str, *, programmes: bool = True) -> str:
    """The id that `text` names, or an error with suggestions or the candidates.

    In order: the id as written; the id in any case (`GDP` is `gdp`); an old id
    (renamed_from); a title
    written in full (Chinese exactly, English in any case); a Chinese title's
    unique substring. Several titles containing the text is an error listing them.
    """
    known = entries(plan, programmes=programmes)
    if any(e.id == text for e in known):
        return text
    word = text.strip()
    folded = word.casefold()
    renamed = [t.id for t in plan.targets if folded in (o.casefold() for o in t.renamed_from)]
    for matches in (
        [e for e in known if e.id.casefold() == folded],
        [e for e in known if e.id in renamed],
        [e for e in known if e.title_zh is not None and e.title_zh == word],
        [e for e in known if e.title.casefold() == folded],
    ):
        if len(matches) == 1:
            return matches[0].id
        if len(matches) > 1:
            raise _ambiguous(text, matches, plan.path)
    if word and not word.isascii():
        within = [e for e in known if e.title_zh is not None and word in e.title_zh]
        if len(within) == 1:
            return within[0].id
        if len(within) > 1:
            raise _ambiguous(text, within, plan.path)
    what = "target or programme" if programmes else "target"
    raise UnknownTargetError(
        f"no {what} '{text}' in {plan.path}",
        hint=suggestion(word, known) or "`zqplan status` lists the ids",
    )


def suggestion(word: str, known: Sequence[Entry]) -> str | None:
    """A 'did you mean' hint from the closest ids (any case) and Chinese titles."""
    import difflib  # only when a mistake needs a suggestion

    by_id = {e.id.casefold(): e for e in known}
    close = difflib.get_close_matches(word.casefold(), list(by_id), n=3, cutoff=0.6)
    named = [by_id[c] for c in close]
    if not named and not word.isascii():
        titles = {e.title_zh: e for e in known if e.title_zh}
        for title in difflib.get_close_matches(word, list(titles), n=3, cutoff=0.4):
            named.append(titles[title])
        if not named:  # a few characters of a long title: the titles sharing the most
            shared = sorted(
                (e for e in known if e.title_zh and len(set(word) & set(e.title_zh)) >= 2),
                key=lambda e: -len(set(word) & set(e.title_zh or "")),
            )
            named = shared[:3]
    if not named:
        return None
    return "did you mean " + " or ".join(_named(e) for e in named) + "?"


def _named(entry: Entry) -> str:
    return f"'{entry.id}' ({entry.title_zh})" if entry.title_zh else f"'{entry.id}'"


def _ambiguous(text: str, matches: Sequence[Entry], path: str) -> UnknownTargetError:
    listed = ", ".join(_named(e) for e in matches[:MAX_LISTED])
    more = len(matches) - MAX_LISTED
    return UnknownTargetError(
        f"'{text}' names {len(matches)} entries of {path}: {listed}"
        + (f" and {more} more" if more > 0 else ""),
        hint="give the id, or more of the title",
    )

"""`zqplan add`: a new target appended to the registry, checked before it is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zqplan.cli import LangOption
from zqplan.errors import InvalidInputError, Problems, RegistryError, ZqplanError
from zqplan.options import Lang

if TYPE_CHECKING:
    from zqplan.model import Plan

CHOICES = {
    "direction": ("increase", "decrease", "at-least", "at-most"),
    "kind": ("numeric", "yes-no"),
    "attribute": ("anticipatory", "binding"),
    "trajectory": ("compound", "linear"),
    "frequency": ("annual", "quarterly", "monthly"),
}
"""The keys whose values are words from a list (docs/registry.md)."""


def _text(help_text: str, flag: str) -> Any:
    return typer.Option(flag, help=help_text, show_default=False)


def command(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="The new target's id.")],
    area: Annotated[str | None, _text("The id of its area (required).", "--area")] = None,
    title: Annotated[str | None, _text("What the target is (required).", "--title")] = None,
    title_zh: Annotated[str | None, _text("Its Chinese title.", "--title-zh")] = None,
    source: Annotated[
        str | None, _text("The plan's sentence it comes from, quoted (required).", "--source")
    ] = None,
    document: Annotated[str | None, _text("The id of the document quoted.", "--document")] = None,
    unit: Annotated[
        str | None, _text("The unit of every value (required when numeric).", "--unit")
    ] = None,
    direction: Annotated[
        str | None, _text("increase, decrease, at-least or at-most.", "--direction")
    ] = None,
    kind: Annotated[str | None, _text("numeric or yes-no.", "--kind")] = None,
    attribute: Annotated[str | None, _text("anticipatory or binding.", "--attribute")] = None,
    trajectory: Annotated[str | None, _text("compound or linear.", "--trajectory")] = None,
    frequency: Annotated[str | None, _text("annual, quarterly or monthly.", "--frequency")] = None,
    baseline: Annotated[
        str | None, _text("The baseline value (a number, or with its unit: 300亿).", "--baseline")
    ] = None,
    baseline_date: Annotated[
        str | None, _text("The baseline's date, YYYY-MM-DD.", "--baseline-date")
    ] = None,
    target: Annotated[str | None, _text("The value to reach.", "--target")] = None,
    annual_growth: Annotated[
        float | None, _text("Instead: growth a year to reach, in percent.", "--annual-growth")
    ] = None,
    change: Annotated[
        float | None, _text("Instead: cumulative change, in percent (-13.5).", "--change")
    ] = None,
    target_date: Annotated[
        str | None, _text("When to reach it, YYYY-MM-DD.", "--target-date")
    ] = None,
    note: Annotated[str | None, _text("Why the target reads as it does.", "--note")] = None,
    renamed_from: Annotated[
        list[str] | None, _text("An id it had before (repeatable).", "--renamed-from")
    ] = None,
    retired: Annotated[
        str | None, _text("The day it was retired, YYYY-MM-DD.", "--retired")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the entry on stdout; write nothing.")
    ] = False,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry", "-r", help="The registry file (as for every command).", show_default=False
        ),
    ] = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Add a target to the registry: checked with the rest first; comments and layout kept.

    Missing required fields are asked for at a terminal; elsewhere they are an error.
    Example: zqplan add gdp --area economy --title GDP --source "..." --unit "billion yuan"
    """
    from zqplan.commands.common import emit, parse_date, resolve_registry, say

    path = resolve_registry(registry, writing=True)
    given: dict[str, Any] = {
        "area": area,
        "title": title,
        "title_zh": title_zh,
        "source": source,
        "document": document,
        "unit": unit,
        "direction": direction,
        "kind": kind,
        "attribute": attribute,
        "trajectory": trajectory,
        "frequency": frequency,
        "note": note,
    }
    for key, words in CHOICES.items():
        if given[key] is not None and given[key] not in words:
            raise InvalidInputError(
                f"--{key} {given[key]!r} is not one of {', '.join(words)}",
                hint=f"e.g. --{key} {words[0]}",
            )
    original = _read(path)
    _ask_missing(given)
    table: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if baseline is not None or baseline_date is not None:
        table["baseline"] = {
            "value": _value(baseline, "--baseline"),
            "date": _date(baseline_date, "--baseline-date", parse_date),
        }
    goal: dict[str, Any] = {}
    if target is not None:
        goal["value"] = _value(target, "--target")
    for key, rate in (("annual_growth", annual_growth), ("change", change)):
        if rate is not None:
            goal[key] = rate
    if target_date is not None:
        goal["date"] = parse_date(target_date, option="--target-date")
    if goal:
        table["target"] = goal
    if renamed_from:
        table["renamed_from"] = list(renamed_from)
    if retired is not None:
        table["retired"] = parse_date(retired, option="--retired")
    entry = render(target_id, table)
    text = original + ("" if original.endswith("\n") or not original else "\n") + "\n" + entry
    plan = _checked(path, text, target_id)
    if dry_run:
        emit(entry)
        return
    _write(path, original, text)
    line = text.count("\n", 0, len(text) - len(entry)) + 1
    say(f"added target '{target_id}' to {path}:{line} ({len(plan.targets)} targets now)")


def _value(raw: str | None, option: str) -> Any:
    """A number, or text with a unit for the registry to read ("300亿"); required."""
    if raw is None:
        raise InvalidInputError(f"{option} is missing", hint=f"give {option} with its date")
    try:
        number = float(raw)
    except ValueError:
        return raw
    return int(number) if number.is_integer() and "." not in raw else number


def _date(raw: str | None, option: str, parse: Any) -> dt.date:
    if raw is None:
        raise InvalidInputError(f"{option} is missing", hint="a baseline needs a value and a date")
    day: dt.date = parse(raw, option=option)
    return day


REQUIRED = ("area", "title", "source")
"""Fields every target needs (a numeric one needs a unit too)."""


def _ask_missing(given: dict[str, Any]) -> None:
    """Ask for the required fields not given, at a terminal; elsewhere, refuse."""
    missing = [k for k in REQUIRED if not given[k]]
    if given["kind"] != "yes-no" and not given["unit"]:
        missing.append("unit")
    if not missing:
        return
    terminal = sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty()
    if not terminal:
        raise InvalidInputError(
            "missing " + ", ".join(f"--{k}" for k in missing),
            hint="give them as options (zqplan asks for them only at a terminal)",
        )
    for key in missing:
        # Not typer.prompt: Click's prompt writes a space to stdout, which is for data only.
        sys.stderr.write(f"{key}: ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
        if not answer:
            raise InvalidInputError(f"no {key} given (end of input)", hint=f"give --{key}")
        given[key] = answer.strip() or None


def render(target_id: str, table: dict[str, Any]) -> str:
    """The new [targets.ID] table as TOML text, written by tomlkit."""
    import tomlkit  # only `add` writes the registry

    body = tomlkit.table()
    for key, value in table.items():
        if isinstance(value, dict):
            inline = tomlkit.inline_table()
            inline.update(value)
            body.add(key, inline)
        else:
            body.add(key, value)
    outer = tomlkit.table(is_super_table=True)
    outer.add(target_id, body)
    document = tomlkit.document()
    document.add("targets", outer)
    return tomlkit.dumps(document).lstrip("\n")


def _read(path: Path) -> str:
    from zqplan.registry import read_text

    return read_text(path, what="registry", error=RegistryError)


def _checked(path: Path, text: str, target_id: str) -> Plan:
    """The plan the new text makes, or every problem: nothing is written then."""
    from zqplan import registry

    before: Plan | None = None
    with contextlib.suppress(ZqplanError):  # if broken, the new text's problems say how
        before = registry.load_plan(path)
    if before is not None and (
        before.target(target_id) is not None or before.programme(target_id) is not None
    ):
        raise InvalidInputError(
            f"'{target_id}' is already in {path}", hint="choose another id, or edit the entry"
        )
    try:
        plan = registry.plan_from_text(path, text)
    except Problems as found:
        raise Problems(
            [*found.problems, RegistryError("nothing written", where=str(path))], every=True
        ) from None
    except ZqplanError as error:
        raise Problems(
            [error, RegistryError("nothing written", where=str(path))], every=True
        ) from None
    texts = registry.missing_texts(plan)
    if texts:
        raise Problems([*texts, RegistryError("nothing written", where=str(path))], every=True)
    return plan


def _write(path: Path, original: str, text: str) -> None:
    """Replace the registry in one rename, unless it changed since it was read."""

    if _read(path) != original:
        raise RegistryError(
            f"{path} changed while zqplan add ran; nothing written", hint="run the command again"
        )
    from zqplan.atomic import replace_file

    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise RegistryError(f"cannot write {path}: {exc.strerror}; nothing written") from None

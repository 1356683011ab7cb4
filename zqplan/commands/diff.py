"""`zqplan diff --since DATE`: what changed between what was known on DATE and now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.cli import (
    AreaOption,
    AsOfOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    KnownAtOption,
    LangOption,
    RegistryOption,
    WidthOption,
)
from zqplan.commands.common import (
    as_of_date,
    emit_output,
    known_at_date,
    load,
    parse_date,
    resolve_registry,
    say,
)
from zqplan.options import Lang

if TYPE_CHECKING:
    from rich.console import RenderableType

    from zqplan.model import Plan
    from zqplan.render import Terminal

GIT_TIMEOUT = 30
"""Seconds a git command may take before the registry of then counts as unknown."""


def command(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Compare with what was known on this day (records recorded by then, UTC; "
            "the registry as committed by then when it is in git).",
            show_default=False,
        ),
    ],
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
    area: AreaOption = None,
) -> None:
    """What changed since a day: new, revised and voided figures, status changes, targets
    added or restated (registry in git), stages reached.

    Example: zqplan diff --since 2024-06-30

    Example: zqplan diff --since 2024-06-30 --format markdown --lang zh
    """
    from zqplan.diff import compare
    from zqplan.diff_render import (
        DIFF_COLUMNS,
        diff_document,
        diff_markdown,
        diff_rows,
        diff_view,
    )
    from zqplan.errors import InvalidInputError
    from zqplan.renames import carry_over
    from zqplan.render import Output

    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)
    then_day = parse_date(since, option="--since")
    if then_day > day:
        raise InvalidInputError(
            f"--since {then_day} is after --as-of {day}",
            hint="give a day before the one judged, e.g. the last meeting's",
        )
    plan, records = load(path)
    areas = tuple(area or ())
    known_areas = [a.id for a in plan.areas]
    for name in areas:
        if name not in known_areas:
            from zqplan.registry import suggest

            raise InvalidInputError(
                f"--area '{name}' is not an area of {plan.path}",
                hint=suggest(name, known_areas) or "areas: " + ", ".join(known_areas),
            )
    withdrawn, _ = carry_over(plan, records.withdrawn)
    then_plan = _registry_then(path, plan, then_day)
    found = compare(
        plan,
        then_plan,
        [*records.observations, *withdrawn],
        records.voids,
        since=then_day,
        as_of=day,
        known_at=knew,
        areas=areas,
    )
    document = diff_document(plan, found)

    def view(terminal: Terminal) -> RenderableType:
        return diff_view(plan, found, lang, interactive=terminal.interactive)

    output = Output(
        document,
        lambda: diff_rows(document),
        DIFF_COLUMNS,
        view,
        lambda: diff_markdown(plan, found, lang),
    )
    emit_output(output, fmt=fmt, json_flag=json, fields=fields, width=width)


def _registry_then(path: Path, plan: Plan, day: dt.date) -> Plan | None:
    """The registry as last committed on or before `day`; None, said once, when unknown.

    A registry first committed after `day` did not exist then: a plan with no entries.
    """
    import subprocess
    from dataclasses import replace

    from zqplan.errors import ZqplanError

    folder = path.resolve().parent

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(folder), *args],
                capture_output=True,
                timeout=GIT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    unknown = (
        f"zqplan: note: {path} is not in a git repository: targets added or changed since "
        f"{day} cannot be shown"
    )
    top = git("rev-parse", "--show-toplevel")
    if top is None:
        say(unknown)
        return None
    try:
        relative = path.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    except ValueError:
        say(unknown)
        return None
    tracked = git("ls-files", "--error-unmatch", "--", relative)
    if tracked is None:
        say(f"zqplan: note: {path} is not committed to git: targets added or changed since "
            f"{day} cannot be shown")  # fmt: skip
        return None
    commit = git(
        "log", "-1", "--format=%H", f"--before={day.isoformat()} 23:59:59 +0000", "--", relative
    )
    if commit is None:
        say(unknown)
        return None
    if not commit.strip():
        return replace(plan, targets=(), programmes=())  # not yet committed on that day
    text = git("show", f"{commit.strip()}:{relative}")
    if text is None:
        say(unknown)
        return None
    from zqplan.registry import plan_from_text

    try:
        return plan_from_text(path, text)
    except ZqplanError:
        say(
            f"zqplan: note: {path} as committed on {day} ({commit.strip()[:12]}) cannot be "
            "read: targets added or changed since then cannot be shown"
        )
        return None

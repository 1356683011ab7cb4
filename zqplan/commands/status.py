"""`zqplan status`: its options for Typer; the command itself is in status_run.py,
which the fast path (zqplan/fast.py) runs without Typer."""

from __future__ import annotations

from typing import Annotated

import typer

from zqplan.cli import (
    AreaOption,
    AsOfOption,
    AttributeOption,
    DueBeforeOption,
    FieldsOption,
    FinalOption,
    FormatOption,
    JsonOption,
    KindOption,
    KnownAtOption,
    LangOption,
    LimitOption,
    RegistryOption,
    RoleOption,
    SearchOption,
    SortOption,
    StaleOption,
    StatusOption,
    WidthOption,
)
from zqplan.options import FailOn, Lang


def command(
    registry: RegistryOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    fields: FieldsOption = None,
    width: WidthOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
    area: AreaOption = None,
    state: StatusOption = None,
    attribute: AttributeOption = None,
    role: RoleOption = None,
    kind: KindOption = None,
    stale: StaleOption = False,
    final: FinalOption = None,
    due_before: DueBeforeOption = None,
    search: SearchOption = None,
    sort: SortOption = None,
    limit: LimitOption = None,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option(
            "--fail-on",
            help="Exit 3 when a target shown is in this state or worse (at-risk < off-track "
            "< missed), or stale (repeatable). Example: --fail-on off-track",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
) -> None:
    """Where every target stands; filters combine with AND, a repeated one with OR.

    Example: zqplan status --area rural --status at-risk --status off-track

    Example: zqplan status --attribute binding --status off-track --sort progress
    """
    params = dict(locals())
    from zqplan.commands.status_run import run

    run(**params)

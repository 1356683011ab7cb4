"""`zqplan config`: the settings in force and where each one comes from."""

from __future__ import annotations

import json as json_module
import os
from dataclasses import dataclass
from pathlib import Path

import typer

from zqplan.cli import JsonOption, LangOption, RegistryOption
from zqplan.commands.common import emit
from zqplan.options import Lang

SCHEMA = "zqplan.config/1"
"""The JSON document's schema."""

ORIGINS: dict[str, tuple[str, str]] = {
    "flag": ("command line", "命令行"),
    "env": ("environment", "环境变量"),
    "config": ("config file", "配置文件"),
    "found": ("found in this folder or a parent", "在当前或上级文件夹找到"),
    "shipped": ("shipped with zqplan", "zqplan 自带"),
    "default": ("default", "默认"),
    "login": ("login name", "登录名"),
    "absent": ("not there", "不存在"),
    "present": ("read", "已读取"),
}
"""How a value came to be in force: (English, Chinese)."""

HEADINGS = {"setting": ("setting", "设置"), "value": ("value", "值"), "from": ("from", "来源")}


@dataclass(frozen=True, slots=True)
class Row:
    """One setting in force."""

    setting: str
    """registry, lang, user, or config (the config file itself)."""
    value: str
    """The value in force."""
    origin: str
    """Where it comes from: a key of ORIGINS."""
    where: str
    """The option, variable, FILE:LINE or folder it was taken from."""


def rows(*, registry: Path | None, lang: Lang, lang_source: str) -> list[Row]:
    """Every setting in force, in the order of the table."""
    from zqplan.commands.common import REGISTRY_ENV, USER_ENV
    from zqplan.config import default_registry, settings

    found = settings()
    result = [
        Row("config", str(found.path), "present" if found.exists else "absent", str(found.path))
    ]
    from_env = os.environ.get(REGISTRY_ENV)
    located = default_registry() if registry is None and not from_env else None
    if registry is not None:
        result.append(Row("registry", str(registry), "flag", "--registry"))
    elif from_env:
        result.append(Row("registry", from_env, "env", f"${REGISTRY_ENV}"))
    elif located is not None:
        result.append(Row("registry", str(located.path), located.origin, located.where))
    else:
        from zqplan.shipped import shipped_registry

        result.append(Row("registry", str(shipped_registry()), "shipped", "zqplan"))
    if lang_source == "flag":
        result.append(Row("lang", lang.value, "flag", "--lang"))
    elif lang_source == "env":
        result.append(Row("lang", lang.value, "env", "$ZQPLAN_LANG"))
    elif found.lang is not None:
        result.append(Row("lang", found.lang.value, "config", found.lang.where))
    else:
        result.append(Row("lang", lang.value, "default", "en"))
    user = os.environ.get(USER_ENV)
    if user:
        result.append(Row("user", user, "env", f"${USER_ENV}"))
    elif found.user is not None:
        result.append(Row("user", found.user.value, "config", found.user.where))
    else:
        from zqplan.commands.common import recorder

        result.append(Row("user", recorder(), "login", "getpass"))
    return result


def document(found: list[Row]) -> dict[str, object]:
    """The JSON document: one object per setting."""
    return {
        "schema": SCHEMA,
        "settings": [
            {"setting": r.setting, "value": r.value, "from": r.origin, "where": r.where}
            for r in found
        ],
    }


def table(found: list[Row], lang: Lang) -> str:
    """Plain aligned lines: setting, value, and where it comes from."""
    from zqplan.safe import printable

    pick = 1 if lang is Lang.ZH else 0
    head = [HEADINGS[h][pick] for h in ("setting", "value", "from")]
    lines = [
        [r.setting, printable(r.value), f"{ORIGINS[r.origin][pick]} ({printable(r.where)})"]
        for r in found
    ]
    widths = [max(_width(row[i]) for row in [head, *lines]) for i in range(2)]
    return "".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:2]))
        + "  "
        + row[2]
        + "\n"
        for row in [head, *lines]
    )


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def run(*, registry: Path | None, lang: Lang, lang_source: str, json: bool) -> str:
    """What `zqplan config` prints."""
    found = rows(registry=registry, lang=lang, lang_source=lang_source)
    if json:
        return json_module.dumps(document(found), ensure_ascii=False, indent=2) + "\n"
    return table(found, lang)


def command(
    ctx: typer.Context,
    registry: RegistryOption = None,
    json: JsonOption = False,
    lang: LangOption = Lang.EN,
) -> None:
    """The settings in force (registry, language, user) and where each comes from.

    Example: zqplan config --json
    """
    from typer._click.core import ParameterSource  # Typer 0.28 vendors Click

    source = ctx.get_parameter_source("lang")
    given = {ParameterSource.COMMANDLINE: "flag", ParameterSource.ENVIRONMENT: "env"}
    origin = "" if source is None else given.get(source, "")
    emit(run(registry=registry, lang=lang, lang_source=origin, json=json))

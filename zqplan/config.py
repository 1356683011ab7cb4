"""The user's settings: the config file, and where the registry is when no one names it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zqplan.discovery import config_path, discover_here, has_config
from zqplan.errors import ConfigError

KEYS = ("registry", "lang", "user")
"""What the config file may set."""
LANGS = ("en", "zh")
"""The languages `lang` may name."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One value from the config file and the line it is on."""

    value: str
    """The value as given (a registry path already made absolute)."""
    where: str
    """FILE:LINE of the key."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the config file sets; each None when it does not."""

    path: Path
    """The config file (it need not exist)."""
    exists: bool
    """Whether there is such a file."""
    registry: Setting | None = None
    """The default registry."""
    lang: Setting | None = None
    """The default language of tables."""
    user: Setting | None = None
    """Who records updates."""


def settings() -> Settings:
    """The config file's settings (none when there is no file); an error names FILE:LINE.

    Read afresh on each call (a few per run, a file of a few lines), so that
    runs in one process never see another's settings.
    """
    path = config_path()
    return _parse(path) if has_config() else Settings(path, exists=False)


def _parse(path: Path) -> Settings:
    """Read and check the config file."""
    from zqplan.registry import LineIndex, parse_toml, read_text, suggest

    text = read_text(path, what="config", error=ConfigError)
    document = parse_toml(text, path=path, error=ConfigError)
    lines = LineIndex(text)

    def where(key: str) -> str:
        line = lines.line(key)
        return str(path) if line is None else f"{path}:{line}"

    for key in document:
        if key not in KEYS:
            raise ConfigError(
                f"unknown key '{key}'",
                where=where(key),
                hint=suggest(key, KEYS) or "allowed: " + ", ".join(KEYS),
            )
    found: dict[str, Setting] = {}
    for key, given in document.items():
        value = given
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{key}' must be a non-empty string", where=where(key))
        if key == "lang" and value not in LANGS:
            raise ConfigError(
                f"lang is {value!r}, not one of {', '.join(LANGS)}",
                where=where(key),
                hint=suggest(value, LANGS) or 'write lang = "en" or lang = "zh"',
            )
        if key == "registry":
            # ~ is the home folder; a relative path is relative to the config file's folder.
            value = str(path.parent / Path(value).expanduser())
        found[key] = Setting(value, where(key))
    return Settings(
        path,
        exists=True,
        registry=found.get("registry"),
        lang=found.get("lang"),
        user=found.get("user"),
    )


@dataclass(frozen=True, slots=True)
class Found:
    """A registry zqplan found without being told, and how."""

    path: Path
    """The registry, as messages name it (relative to the current folder when found)."""
    origin: str
    """config (the config file's registry) or found (discovered in this folder or above)."""
    where: str
    """The config file's FILE:LINE, or the folder it was found in."""


def default_registry() -> Found | None:
    """The config file's registry, else targets.toml here or in a parent folder."""
    if has_config():
        configured = settings().registry
        if configured is not None:
            return Found(Path(configured.value), "config", configured.where)
    found = discover_here()
    return None if found is None else Found(found[0], "found", str(found[1]))

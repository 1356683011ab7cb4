"""Where the config file and the registry are, found without importing anything heavy."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "XDG_CONFIG_HOME"
"""The folder of user settings (default ~/.config), where zqplan/config.toml lives."""
REGISTRY_NAME = "targets.toml"
"""The registry's file name that discovery looks for."""


def config_path() -> Path:
    """$XDG_CONFIG_HOME/zqplan/config.toml, else ~/.config/zqplan/config.toml."""
    base = os.environ.get(CONFIG_ENV)
    folder = Path(base) if base and os.path.isabs(base) else _home_or_root() / ".config"
    return folder / "zqplan" / "config.toml"


def has_config() -> bool:
    """Whether there is a config file to read (most runs: none, and nothing more to do)."""
    try:
        return config_path().is_file()
    except OSError:
        return False


def discover(start: Path) -> tuple[Path, Path] | None:
    """targets.toml in start or a parent, as git looks for .git: (the path as messages
    name it, relative to start; the folder it is in).

    The search stops after the repository's root (a folder holding .git) or the
    home folder, so a plan outside them never answers for a folder inside.
    """
    home = _home()
    folder = start
    for depth in range(256):  # a bound, whatever the file system does with ..
        candidate = folder / REGISTRY_NAME
        if candidate.exists() or candidate.is_symlink():
            named = Path(*[".."] * depth, REGISTRY_NAME) if depth else Path(REGISTRY_NAME)
            return named, folder
        if (folder / ".git").exists() or folder in (home, folder.parent):
            return None
        folder = folder.parent
    return None


def discover_here() -> tuple[Path, Path] | None:
    """discover() from the current folder (none when that folder was deleted)."""
    try:
        here = Path.cwd()
    except OSError:
        return None
    return discover(here)


def _home() -> Path | None:
    try:
        return Path.home()
    except (KeyError, RuntimeError):
        return None


def _home_or_root() -> Path:
    return _home() or Path("/")

"""The cold paths of issue 9 load only what they use: `update`, then `status --json`
(no output memo to replay), and the table with ZQPLAN_NO_CACHE=1 import neither Typer
nor Rich, nor modules that only some inputs need (calendar and locale, getpass when the
recorder is named, tomllib when the registry comes from the cache)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import empty_config_home, run_zqplan

PROBE = """
import atexit, json, sys
WATCHED = ("typer", "click", "rich", "calendar", "locale", "getpass", "tomllib")
atexit.register(lambda: print(json.dumps([m for m in WATCHED if m in sys.modules]),
                              file=sys.stderr))
from zqplan.fast import main
main(sys.argv[1:])
"""
"""Runs the script's entry point; at exit, prints which of the watched modules it loaded."""


def loaded(folder: Path, *args: str, **env: str) -> list[str]:
    """The watched modules that `zqplan ARGS` loaded, run in folder."""
    environment = {
        "XDG_CONFIG_HOME": empty_config_home(),
        "ZQPLAN_USER": "tester",
        "ZQPLAN_CACHE_DIR": str(folder.parent / "cache"),
        "PATH": "",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stderr.splitlines()[-1])
    return found


def test_cold_paths_load_only_what_they_use(tmp_path: Path) -> None:
    """update (the registry cached by a first run), the status --json it makes stale,
    and the plain table with the cache off."""
    assert run_zqplan("init", "plan", cwd=tmp_path).returncode == 0
    plan = tmp_path / "plan"
    update = ["update", "farm-output", "86.5", "--date", "2024-12-31"]
    loaded(plan, *update)  # a first run parses the registry and caches it
    # The registry from the cache, the ledger appended to, never parsed: no tomllib.
    assert loaded(plan, *update) == []
    # The line appended since the ledger index is parsed (tomllib), nothing more.
    assert loaded(plan, "status", "--json") == ["tomllib"]
    assert loaded(plan, "status", ZQPLAN_NO_CACHE="1") == ["tomllib"]
    # Without ZQPLAN_USER (or a configured user) the recorder is the login name.
    assert loaded(plan, *update, ZQPLAN_USER="") == ["getpass"]

"""What the end-to-end tests share: running the installed zqplan like a script would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile


def zqplan_command() -> str:
    """The installed zqplan script, beside this Python or on PATH."""
    found = shutil.which("zqplan", path=os.path.dirname(sys.executable)) or shutil.which("zqplan")
    if found is None:
        raise RuntimeError("the zqplan command is not installed (pip install -e .)")
    return found


_config_home: list[str] = []


def empty_config_home() -> str:
    """A config folder with nothing in it, made once per test session."""
    if not _config_home:
        _config_home.append(tempfile.mkdtemp(prefix="zqplan-config-"))
    return _config_home[0]


def run_zqplan(
    *args: str,
    cwd: str | os.PathLike[str],
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run zqplan ARGS in cwd as user 'tester', stdout a pipe, no $ZQPLAN_REGISTRY or
    forced colour from the caller's environment, and an empty config folder
    ($XDG_CONFIG_HOME), so that no user's config file leaks in; `env` adds or
    overrides variables."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("ZQPLAN_REGISTRY", "FORCE_COLOR")
    }
    environment["ZQPLAN_USER"] = "tester"
    environment["XDG_CONFIG_HOME"] = empty_config_home()
    environment.update(env or {})
    return subprocess.run(
        [zqplan_command(), *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


SHIPPED_NOTE = "zqplan: note: no targets.toml in this folder or its parents"
"""How the line starts that says a run reads the shipped plan (once a run, on stderr)."""


def without_shipped_note(stderr: str) -> list[str]:
    """The lines of stderr, but for the one saying that the shipped plan is read."""
    lines = stderr.splitlines()
    noted = [line for line in lines if line.startswith(SHIPPED_NOTE)]
    assert len(noted) <= 1, stderr
    return [line for line in lines if not line.startswith(SHIPPED_NOTE)]

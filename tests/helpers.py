"""What the end-to-end tests share: running the installed zqplan like a script would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def zqplan_command() -> str:
    """The installed zqplan script, beside this Python or on PATH."""
    found = shutil.which("zqplan", path=os.path.dirname(sys.executable)) or shutil.which("zqplan")
    if found is None:
        raise RuntimeError("the zqplan command is not installed (pip install -e .)")
    return found


def run_zqplan(
    *args: str,
    cwd: str | os.PathLike[str],
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run zqplan ARGS in cwd as user 'tester', stdout a pipe, no $ZQPLAN_REGISTRY or
    forced colour from the caller's environment; `env` adds or overrides variables."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("ZQPLAN_REGISTRY", "FORCE_COLOR")
    }
    environment["ZQPLAN_USER"] = "tester"
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

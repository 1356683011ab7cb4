"""Each command lives in its own module, imported only when that command runs."""

from __future__ import annotations

import subprocess
import sys
import tempfile

from helpers import empty_config_home, run_zqplan

from zqplan.cli import LAZY_COMMANDS

PROBE = """
import atexit, sys
atexit.register(lambda: print(*sorted(m for m in sys.modules if m.startswith('zqplan.commands.')),
                              file=sys.stderr))
from zqplan.cli import main
main(sys.argv[1:])
"""
"""Runs zqplan's main in this Python; at exit, prints the command modules it imported."""


def imported_commands(*args: str) -> set[str]:
    """The modules under zqplan.commands that a run of zqplan ARGS imported."""
    with tempfile.TemporaryDirectory() as here:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            cwd=here,
            env={
                "ZQPLAN_NO_CACHE": "1",
                "XDG_CONFIG_HOME": empty_config_home(),
                "PATH": "",
                "ZQPLAN_USER": "tester",
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    last = result.stderr.strip().splitlines()[-1]
    return set(last.split())


def test_a_command_imports_only_its_own_module() -> None:
    """status (through Typer) and config load their own modules and the shared one, no
    other (status_run.py is status's, without Typer: see zqplan/fast.py; status_load.py
    its assessments, remembered in the cache)."""
    assert imported_commands("status", "--json") == {
        "zqplan.commands.common",
        "zqplan.commands.status",
        "zqplan.commands.status_load",
        "zqplan.commands.status_run",
    }
    assert imported_commands("config", "--json") == {
        "zqplan.commands.common",
        "zqplan.commands.config",
    }


def test_help_lists_every_command_in_order() -> None:
    """The app's help names each command of LAZY_COMMANDS, in that order, with its help."""
    result = run_zqplan("--help", cwd=tempfile.gettempdir())
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("Commands:")[1].splitlines()
    names = [line.split()[0] for line in listed if line.strip()]
    assert names == list(LAZY_COMMANDS)
    assert all(len(line.split()) > 1 for line in listed if line.strip())  # help text too


def test_each_command_module_has_a_documented_command() -> None:
    """Every module of LAZY_COMMANDS exposes `command`, whose docstring is its help."""
    import importlib

    for name, module in LAZY_COMMANDS.items():
        command = importlib.import_module(module).command
        assert command.__doc__, name

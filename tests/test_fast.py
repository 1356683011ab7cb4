"""The fast path (zqplan/fast.py) parses what it takes exactly as Typer does, and hands
everything else to Typer."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import empty_config_home, run_zqplan

from zqplan import fast
from zqplan.cli import click_command

STATUS_TOKENS = [
    "--json",
    "--format",
    "json",
    "JSON",
    "Csv",
    "xml",
    "--fields",
    "id,status",
    "--as-of",
    "2024-12-31",
    "--known-at",
    "--lang",
    "zh",
    "ZH",
    "fr",
    "-r",
    "--registry",
    "targets.toml",
    "other.toml",
    "",
    "-",
    "--",
    "-h",
    "--area",
    "rural",
    "--limit",
    "3",
    "--format=json",
    "-rtargets.toml",
    "--stale",
    "extra",
    "-5",
]
UPDATE_TOKENS = [
    "farm-output",
    "86.5",
    "-5",
    "--date",
    "2024",
    "2024-Q4",
    "--source",
    "Bulletin",
    "--note",
    "",
    "--id",
    "r20241231T090000-1a2b3c4d",
    "--force",
    "--from",
    "f.csv",
    "--stage",
    "-r",
    "--registry",
    "targets.toml",
    "--json",
    "--",
    "-",
    "--help",
    "extra",
    "--date=2024",
]


def typer_params(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The keyword arguments Typer's path gives the command's `run` for these args."""
    module = __import__(fast.COMMANDS[args[0]], fromlist=["run"])
    seen: list[dict[str, Any]] = []
    with monkeypatch.context() as patch:
        patch.setattr(module, "run", lambda **params: seen.append(params))
        command, rest, prog_name = click_command(args)
        command.main(args=rest, prog_name=prog_name, standalone_mode=False)
    assert len(seen) == 1, args
    return seen[0]


def fast_params(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments the fast path gives `run`, --lang resolved as it runs."""
    found = fast.parse(args)
    if found is None:
        return None
    name, params = found
    fast.resolve_lang(name, params)
    return {**defaults(name), **params}


def defaults(name: str) -> dict[str, Any]:
    """`run`'s parameters that the fast path leaves to their defaults."""
    import inspect

    module = __import__(fast.COMMANDS[name], fromlist=["run"])
    return {
        key: parameter.default
        for key, parameter in inspect.signature(module.run).parameters.items()
    }


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a registry file, no config file and no $ZQPLAN_LANG."""
    (tmp_path / "targets.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", empty_config_home())
    monkeypatch.delenv("ZQPLAN_LANG", raising=False)
    for name in [n for n in os.environ if n.startswith("_ZQPLAN")]:
        monkeypatch.delenv(name)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json"],
        ["status"],
        ["status", "--format", "CSV", "--lang", "zh", "-r", "targets.toml"],
        ["status", "--registry", "other.toml", "--as-of", "2024", "--known-at", "x"],
        ["status", "--fields", "", "--json"],
        ["update", "farm-output", "86.5", "--date", "2024-12-31"],
        ["update", "--force", "farm-output", "--source", "", "86.5", "--id", "r1"],
        ["update", "farm-output"],
        ["update"],
        ["update", "", "--note", "a note", "done"],
        ["update", "farm-output", ">86.5", "--date", "2024-12-31"],
        ["update", "farm-output", "≥ 86.5"],
        ["update", "farm-output", "<=86.5"],
        ["update", "farm-output", "86.5以上"],
    ],
)
def test_the_fast_path_takes_these_as_typer_does(
    here: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """Each of these takes the fast path, with exactly Typer's arguments."""
    found = fast_params(args)
    assert found is not None, args
    assert found == typer_params(args, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--help"],
        ["status", "-h"],
        ["status", "--json", "--json"],
        ["status", "--format=json"],
        ["status", "--area", "rural"],
        ["status", "--format", "xml"],
        ["status", "--lang"],
        ["status", "--fields", "-x"],
        ["status", "extra"],
        ["status", "--", "--json"],
        ["status", "-r", ""],
        ["update", "farm-output", "-5"],
        ["update", "a", "b", "c"],
        ["update", "--from", "f.csv"],
        ["update", "farm-output", "86.5", "--date=2024"],
        ["update", "-"],
        ["show", "farm-output"],
        ["--version"],
        [],
    ],
)
def test_anything_else_goes_to_typer(here: Path, args: list[str]) -> None:
    """Help, repeated or unknown options, odd spellings and other commands: Typer's."""
    assert fast.parse(args) is None


def test_lang_from_the_environment_as_typer_reads_it(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$ZQPLAN_LANG in any case is taken; an empty one is none; a bad one goes to Typer."""
    for value in ("zh", "ZH", "en", ""):
        monkeypatch.setenv("ZQPLAN_LANG", value)
        assert fast_params(["status"]) == typer_params(["status"], monkeypatch), value
    monkeypatch.setenv("ZQPLAN_LANG", "zh")
    assert fast_params(["status", "--lang", "en"]) == typer_params(
        ["status", "--lang", "en"], monkeypatch
    )
    monkeypatch.setenv("ZQPLAN_LANG", "fr")
    assert fast.parse(["status"]) is None


def test_completion_goes_to_typer(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a shell asks for completions, Typer answers."""
    monkeypatch.setenv("_ZQPLAN_COMPLETE", "complete_bash")
    assert fast.parse(["status", "--json"]) is None


@pytest.mark.parametrize("name", ["status", "update"])
def test_random_arguments_parse_alike(
    here: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Thousands of random argument lists: whatever the fast path takes, Typer parses to
    the same arguments; and it takes a good share of them (the test is not vacuous)."""
    tokens = STATUS_TOKENS if name == "status" else UPDATE_TOKENS
    chance = random.Random(9)
    taken = 0
    for _ in range(1500):
        args = [name, *chance.choices(tokens, k=chance.randint(0, 6))]
        found = fast_params(args)
        if found is None:
            continue
        taken += 1
        assert found == typer_params(args, monkeypatch), args
    assert taken >= 100


PROBE = """
import atexit, sys
atexit.register(lambda: print('typer' in sys.modules, file=sys.stderr))
from zqplan.fast import main
main(sys.argv[1:])
"""


def test_status_json_and_update_run_without_typer(tmp_path: Path) -> None:
    """The script's status --json and update never import Typer."""
    env = {
        "XDG_CONFIG_HOME": empty_config_home(),
        "ZQPLAN_USER": "tester",
        "ZQPLAN_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": "",
    }
    assert run_zqplan("init", "plan", cwd=tmp_path).returncode == 0
    for args in (["status", "--json"], ["update", "farm-output", "86.5", "--date", "2024"]):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            cwd=tmp_path / "plan",
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "False", (args, done.stderr)


@pytest.mark.parametrize(
    ("fast_args", "typer_args"),
    [
        (["status", "--json"], ["status", "--json", "--json"]),
        (["status", "--lang", "zh"], ["status", "--lang", "zh", "--lang", "zh"]),
        (["status", "--as-of", "2024-13-01"], ["status", "--as-of", "x", "--as-of", "2024-13-01"]),
        (
            ["update", "farm-output", "abc", "-r", "targets.toml"],
            ["update", "farm-output", "abc", "-r", "targets.toml", "-r", "targets.toml"],
        ),
        (
            ["update", "farm-output", "> abc", "-r", "targets.toml"],
            ["update", "farm-output", "> abc", "-r", "targets.toml", "-r", "targets.toml"],
        ),
        (
            ["update", "no-such-target", "1", "-r", "targets.toml"],
            ["update", "no-such-target", "1", "-r", "x.toml", "-r", "targets.toml"],
        ),
    ],
)
def test_both_paths_print_the_same(
    tmp_path: Path, fast_args: list[str], typer_args: list[str]
) -> None:
    """Through the installed script: the fast path's output, messages and exit code are
    those of the Typer path given the same arguments in a form only Typer takes."""
    assert fast.parse(fast_args) is not None
    assert fast.parse(typer_args) is None
    init = run_zqplan("init", "plan", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    folder = tmp_path / "plan"
    env = {"ZQPLAN_NO_CACHE": "1"}
    one, two = (run_zqplan(*args, cwd=folder, env=env) for args in (fast_args, typer_args))
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)

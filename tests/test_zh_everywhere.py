"""--lang zh on every command leaves no English word but ids, paths and the registry's
own quoted words; every command the app lists is run, so a new one is covered too."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import run_zqplan


@dataclass(frozen=True)
class Sample:
    """A plan to run commands on: how it is made and the names a command needs."""

    name: str
    """shipped or template."""
    init: tuple[str, ...]
    """The init options that make it."""
    target: str
    """A numeric target."""
    value: str
    """A plausible value for it."""
    yes_no: str
    """A yes/no target."""


SAMPLES = (
    Sample("shipped", (), "xpeng-vehicles", "140000", "national-forest-city"),
    Sample("template", ("--empty",), "gdp", "110", "new-port"),
)

RUNS: dict[str, list[list[str]]] = {
    "status": [["status"], ["status", "--as-of", "2024-06-30"], ["status", "--bogus"]],
    "show": [["show", "{target}"], ["show", "{yes_no}"], ["show", "no-such-target"]],
    "milestones": [["milestones"], ["milestones", "--as-of", "2024-06-30"]],
    "history": [["history", "{target}"], ["history", "{yes_no}"]],
    "update": [
        ["update", "{target}", "{value}", "--date", "2025-12-31", "--source", "统计公报"],
        ["update", "{target}", "{value}", "--source", "统计公报"],
        ["update", "{target}", "abc"],
        ["update", "no-such-target", "5"],
        ["update", "{target}", "5", "--date", "not-a-date"],
    ],
    "void": [
        ["void", "{record}", "--reason", "录错年份"],
        ["void", "{record}", "--reason", "录错年份"],
        ["void", "r20250110T093000-3f9a1c2b", "--reason", "录错"],
    ],
    "check": [["check"]],
    "table": [["table"], ["table", "--format", "markdown"]],
    "init": [["init", "another"], ["init", "another"]],
    "config": [["config"]],
    # The documentation itself is English (docs/registry.md): only its messages are checked.
    "docs": [["docs", "no-such-topic"]],
    "add": [
        [
            "add",
            "new-one",
            "--area",
            "{area}",
            "--title",
            "新指标",
            "--title-zh",
            "新指标",
            "--source",
            "规划原文",
            "--unit",
            "万元",
        ],
        [
            "add",
            "{target}",
            "--area",
            "{area}",
            "--title",
            "重复",
            "--source",
            "规划原文",
            "--unit",
            "万元",
        ],
    ],
}
"""How each command is run; a command not listed here is run bare."""

STDOUT_NOT_CHECKED = {"docs"}
"""Commands whose stdout is English documentation, not a view."""

ALLOWED = {
    "zqplan", "getpass", "en", "zh", "tester", "config", "registry", "lang", "user", "gwh",
}  # fmt: skip
"""Words that are names, not English: the program, a module, language codes, the test's
user (recorded_by), the config file's keys (`zqplan config` lists them, as written) and
unit symbols Chinese texts write as they are (GWh)."""


def commands() -> list[str]:
    """Every command the app has: the lazy ones and any registered on the app itself."""
    from zqplan.cli import LAZY_COMMANDS, app

    names = list(LAZY_COMMANDS)
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else None)
        if name and name not in names:
            names.append(name)
    return names


def quoted_data(registry: Path) -> list[str]:
    """The registry's own words, shown as written: quotes, notes, items, documents."""
    import tomllib

    data = tomllib.loads(registry.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in (
            "source", "note", "reason", "document", "url", "items", "title", "title_zh"
        ):  # fmt: skip
            found.append(node)

    walk(data.get("documents", {}))  # documents' titles are quoted as written
    walk({k: v for k, v in data.items() if k != "documents"})
    return sorted({f for f in found if f}, key=len, reverse=True)


def ids(registry: Path) -> set[str]:
    """Every id the registry declares (targets, areas, programmes, stages, documents) and
    the shipped examples' ids."""
    import tomllib

    from zqplan.examples import shipped

    data = tomllib.loads(registry.read_text(encoding="utf-8"))
    found = {data.get("plan", {}).get("id", "")}
    found |= {example.id for example in shipped()}  # `zqplan examples` lists their ids
    for table in ("targets", "areas", "programmes", "documents"):
        found |= set(data.get(table, {}))
    for programme in data.get("programmes", {}).values():
        found |= {stage["id"] for stage in programme.get("stages", [])}
    return {i for i in found if i}


def english_words(text: str, registry: Path, folder: Path) -> list[str]:
    """The English words left in text once ids, paths, commands, options, record ids,
    echoed input and the registry's quoted words are taken out."""
    titles = _english_titles(registry)
    for data in quoted_data(registry):
        if data not in titles:  # an English title shown in Chinese is a finding
            text = text.replace(data, " ")
    text = text.replace(str(folder), " ")
    text = re.sub(r"`[^`]*`", " ", text)  # a command to type
    text = re.sub(r"'[^']*'", " ", text)  # an echo of what was typed, or an id
    text = re.sub(r"r\d{8}T\d{6}-[0-9a-f]{8,16}", " ", text)  # record ids
    text = re.sub(r"registry:[\w-]+:\d+", " ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:toml|txt|csv|md)\b", " ", text)  # paths
    text = re.sub(r"--[\w-]+|\$[A-Z_]+", " ", text)  # options, environment variables
    known = ids(registry)
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z]", text)
    return [w for w in words if w not in known and w.lower() not in ALLOWED]


def _english_titles(registry: Path) -> set[str]:
    import tomllib

    data = tomllib.loads(registry.read_text(encoding="utf-8"))
    found: set[str] = set()
    for table in ("targets", "areas", "programmes"):
        for entry in data.get(table, {}).values():
            found.add(entry.get("title", ""))
            for stage in entry.get("stages", []):
                found.add(stage.get("title", ""))
    return found - {""}


def run_chinese(args: list[str], folder: Path, registry: Path) -> tuple[list[str], str, int]:
    """The English words of `zqplan ARGS --lang zh` (stdout and stderr), the output
    checked, and the exit code."""
    chinese = run_zqplan(*args, "--lang", "zh", cwd=folder, env={"COLUMNS": "4000"})
    shown = chinese.stderr if args[0] in STDOUT_NOT_CHECKED else chinese.stdout + chinese.stderr
    return english_words(shown, registry, folder), shown, chinese.returncode


@pytest.fixture(params=SAMPLES, ids=[s.name for s in SAMPLES])
def plan(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Sample, Path, dict[str, str]]:
    """A plan in tmp_path/plan with one ledger record; the names commands take."""
    sample: Sample = request.param
    made = run_zqplan("init", "plan", *sample.init, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plan"
    recorded = run_zqplan(
        "update", sample.target, sample.value, "--date", "2024-12-31", "--source", "公报",
        cwd=folder,
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    history = json.loads(run_zqplan("history", sample.target, "--json", cwd=folder).stdout)
    record = next(r["record"] for r in history["records"] if r["origin"] == "ledger")
    status = json.loads(run_zqplan("status", "--json", cwd=folder).stdout)
    names = {
        "target": sample.target,
        "value": sample.value,
        "yes_no": sample.yes_no,
        "record": record,
        "area": status["targets"][0]["area"],
    }
    return sample, folder, names


@pytest.mark.parametrize("command", commands())
def test_no_english_in_chinese(command: str, plan: tuple[Sample, Path, dict[str, str]]) -> None:
    """Every run of the command in Chinese: no English word but ids, never an internal
    error."""
    _, folder, names = plan
    registry = folder / "targets.toml"
    left: dict[str, list[str]] = {}
    for args in RUNS.get(command, [[command]]):
        filled = [a.format(**names) for a in args]
        words, shown, code = run_chinese(filled, folder, registry)
        assert code != 70, shown  # never an internal error
        if words:
            left[" ".join(filled)] = words
    assert not left, left


def test_the_finder_finds_english(tmp_path: Path) -> None:
    """The check itself: English words are found; ids, paths, options and quotes are not."""
    registry = tmp_path / "targets.toml"
    registry.write_text(
        'schema = "zqplan.registry/1"\n[plan]\nid = "p"\ntitle = "Plan"\n'
        '[areas.econ]\ntitle = "Economy"\n'
        '[targets.gdp]\narea = "econ"\ntitle = "GDP"\nsource = "GDP will grow."\nunit = "%"\n',
        encoding="utf-8",
    )
    clean = "gdp 地区生产总值 GDP will grow. `zqplan check` --lang 'abc' r20250110T093000-3f9a1c2b"
    assert english_words(clean + f" {tmp_path}/x.toml", registry, tmp_path) == []
    assert english_words("gdp achieved", registry, tmp_path) == ["achieved"]
    # an English title is data, but a Chinese view must show the Chinese one
    assert english_words("Economy", registry, tmp_path) == ["Economy"]

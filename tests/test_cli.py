"""End-to-end tests: the installed `zqplan` command run in a subprocess, as a script would."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan, without_shipped_note, zqplan_command

from zqplan.ledger import HEADER, append, ledger_path, new_record_id
from zqplan.model import Observation
from zqplan.shipped import TEMPLATE, copy_texts, shipped_registry

TARGET_KEYS = {
    "id",
    "area",
    "title",
    "unit",
    "direction",
    "baseline",
    "target",
    "latest",
    "progress",
    "expected_progress",
    "ratio",
    "projection",
    "status",
    "trend",
    "stale",
}
ERROR_PREFIX = "zqplan: error: "
COMMANDS = ["status", "show", "history", "update", "check", "init"]


@pytest.fixture
def environment() -> dict[str, str]:
    """The environment of every run: no ZQPLAN_REGISTRY, a fixed user."""
    env = {k: v for k, v in os.environ.items() if k != "ZQPLAN_REGISTRY"}
    env["ZQPLAN_USER"] = "tester"
    return env


class Runner:
    """Runs zqplan in a folder, with a controlled environment."""

    def __init__(self, cwd: Path, env: dict[str, str]):
        self.cwd = cwd
        self.env = env

    def __call__(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run zqplan ARGS and capture its output as text."""
        return run_zqplan(*args, cwd=self.cwd, env={**self.env, **(env or {})})

    def json(self, *args: str) -> Any:
        """Run zqplan ARGS, expect success, and parse stdout as JSON."""
        result = self(*args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def zqplan(tmp_path: Path, environment: dict[str, str]) -> Runner:
    """A runner of zqplan in the empty folder tmp_path."""
    return Runner(tmp_path, environment)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """tmp_path/plan holding a copy of the Zhaoqing registry, its text and no ledger."""
    folder = tmp_path / "plan"
    folder.mkdir()
    shutil.copyfile(shipped_registry(), folder / "targets.toml")
    copy_texts(folder)
    return folder


@pytest.fixture
def registry(plan_dir: Path) -> Path:
    """The copied Zhaoqing registry."""
    return plan_dir / "targets.toml"


def assert_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with code and one error line on stderr (besides the note that
    the shipped plan is read, where no registry is at hand); return that line."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = without_shipped_note(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(ERROR_PREFIX), result.stderr
    return lines[0]


def record(registry: Path, record_id: str, value: float) -> bytes:
    """Write one ledger record for farm-output beside registry; return the ledger bytes."""
    recorded_at = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    observation = Observation(
        target_id="farm-output",
        date=dt.date(2023, 12, 31),
        value=value,
        record_id=new_record_id(recorded_at, record_id),
        recorded_at=recorded_at,
        recorded_by="tester",
    )
    append(ledger_path(registry), [observation])
    return ledger_path(registry).read_bytes()


def target_entry(document: dict[str, Any], target_id: str) -> dict[str, Any]:
    """The entry of one target in a zqplan.status/2 document."""
    (entry,) = [t for t in document["targets"] if t["id"] == target_id]
    return entry


class TestStatus:
    """`zqplan status` reads the shipped registry when there is no other one."""

    def test_json_uses_shipped_registry(self, zqplan: Runner) -> None:
        """In an empty folder, --json describes the Zhaoqing plan in zqplan.status/2."""
        result = zqplan("status", "--json")
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["schema"] == "zqplan.status/2"
        assert document["plan"]["id"] == "zhaoqing-2023"
        targets = document["targets"]
        assert len(targets) >= 30
        # The summary counts commitments only: reported facts and directions are listed.
        commitments = [t for t in targets if t["role"] == "commitment"]
        assert sum(document["summary"].values()) == len(commitments) < len(targets)
        for entry in targets:
            assert set(entry) >= TARGET_KEYS, entry["id"]
        assert target_entry(document, "xpeng-vehicles")["latest"] == {
            "value": 130000,
            "date": "2022-12-31",
        }
        assert not (zqplan.cwd / "targets.ledger.toml").exists()

    def test_json_pipes_into_json_tool(self, zqplan: Runner) -> None:
        """`zqplan status --json | python -m json.tool` succeeds: stdout is JSON only."""
        pipeline = (
            f"{shlex.quote(zqplan_command())} status --json"
            f" | {shlex.quote(sys.executable)} -m json.tool"
        )
        result = subprocess.run(
            pipeline,
            shell=True,
            cwd=zqplan.cwd,
            env=zqplan.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["schema"] == "zqplan.status/2"

    def test_table(self, zqplan: Runner) -> None:
        """The table lists target ids and ends with the summary line."""
        result = zqplan("status")
        assert result.returncode == 0, result.stderr
        assert "farm-output" in result.stdout
        assert "targets:" in result.stdout
        assert "Traceback" not in result.stderr

    def test_as_of_hides_later_observations(self, zqplan: Runner) -> None:
        """--as-of before an observation's date leaves it out."""
        document = zqplan.json("status", "--json", "--as-of", "2022-06-30")
        assert document["as_of"] == "2022-06-30"
        assert target_entry(document, "xpeng-vehicles")["latest"] is None

    def test_area_filter(self, zqplan: Runner) -> None:
        """--area rural shows only rural targets."""
        document = zqplan.json("status", "--json", "--area", "rural")
        areas = {t["area"] for t in document["targets"]}
        assert areas == {"rural"}
        assert "farm-output" in {t["id"] for t in document["targets"]}
        commitments = [t for t in document["targets"] if t["role"] == "commitment"]
        assert sum(document["summary"].values()) == len(commitments)

    def test_status_filter(self, zqplan: Runner) -> None:
        """--status no-target shows only commitments with that status: the shipped plan's
        reported facts (done before the interview) are never achieved commitments."""
        document = zqplan.json("status", "--json", "--status", "no-target")
        assert document["targets"] != []
        assert {t["status"] for t in document["targets"]} == {"no-target"}
        assert {t["role"] for t in document["targets"]} == {"commitment"}
        achieved = zqplan.json("status", "--json", "--status", "achieved")["targets"]
        assert {t["role"] for t in achieved} == {"commitment"}  # the work reports' numbers
        assert "national-forest-city" not in {t["id"] for t in achieved}

    def test_unknown_area(self, zqplan: Runner) -> None:
        """An unknown --area is a usage error naming the closest area."""
        line = assert_error(zqplan("status", "--area", "rurl"), 2)
        assert "did you mean 'rural'" in line

    def test_unknown_status(self, zqplan: Runner) -> None:
        """An unknown --status is a usage error naming the closest status."""
        line = assert_error(zqplan("status", "--status", "no-dat"), 2)
        assert "no-data" in line

    def test_broken_registry(self, zqplan: Runner, registry: Path) -> None:
        """A registry with a mistake fails with FILE:LINE in one error line."""
        text = registry.read_text(encoding="utf-8") + "\n" + 'bogus = "x"\n'
        registry.write_text(text, encoding="utf-8")
        line_number = text.count("\n")
        line = assert_error(zqplan("status", "--registry", "plan/targets.toml"), 1)
        assert f"plan/targets.toml:{line_number}:" in line


class TestInit:
    """`zqplan init` starts a plan and never overwrites one."""

    def test_init_twice(self, zqplan: Runner) -> None:
        """A second init in the same folder fails and leaves the registry as it was."""
        first = zqplan("init", "newplan")
        assert first.returncode == 0, first.stderr
        created = zqplan.cwd / "newplan" / "targets.toml"
        assert created.read_bytes() == shipped_registry().read_bytes()
        second = zqplan("init", "newplan")
        line = assert_error(second, 1)
        assert "already exists" in line
        assert created.read_bytes() == shipped_registry().read_bytes()

    def test_copies_the_quoted_text_and_passes_check(self, zqplan: Runner) -> None:
        """init copies the interview the registry quotes beside it, so check is silent."""
        assert zqplan("init", "newplan").returncode == 0
        text = zqplan.cwd / "newplan" / "sources" / "zhaoqing" / "interview-2023-en.txt"
        shipped = shipped_registry().parent / "sources" / "zhaoqing" / "interview-2023-en.txt"
        assert text.read_bytes() == shipped.read_bytes()
        result = zqplan("check", "--registry", "newplan/targets.toml")
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")

    def test_keeps_a_text_already_there(self, zqplan: Runner) -> None:
        """A text already in the folder is not overwritten."""
        text = zqplan.cwd / "newplan" / "sources" / "zhaoqing" / "interview-2023-en.txt"
        text.parent.mkdir(parents=True)
        text.write_text("my own copy", encoding="utf-8")
        assert zqplan("init", "newplan").returncode == 0
        assert text.read_text(encoding="utf-8") == "my own copy"

    def test_text_cannot_be_written_nothing_written(self, zqplan: Runner) -> None:
        """When the text cannot be copied, init fails (exit 1) and leaves no registry."""
        folder = zqplan.cwd / "newplan"
        folder.mkdir()
        (folder / "sources").write_text("a file where a folder should be", encoding="utf-8")
        line = assert_error(zqplan("init", "newplan"), 1)
        assert "cannot write" in line
        assert sorted(p.name for p in folder.iterdir()) == ["sources"]

    def test_without_the_text_check_says_so(self, zqplan: Runner) -> None:
        """The registry copied alone: check names the missing text and its document's line."""
        shutil.copyfile(shipped_registry(), zqplan.cwd / "targets.toml")
        result = zqplan("check")
        lines = shipped_registry().read_text(encoding="utf-8").splitlines()
        header = lines.index("[documents.interview-2023]") + 1
        assert result.returncode == 1
        assert result.stdout.startswith(
            f"targets.toml:{header}: document 'interview-2023' names file "
            "'sources/zhaoqing/interview-2023-en.txt', which does not exist"
        )

    def test_empty_template_passes_check(self, zqplan: Runner) -> None:
        """init --empty writes a template that check accepts silently."""
        assert zqplan("init", "--empty", "blank").returncode == 0
        assert (zqplan.cwd / "blank" / "targets.toml").read_text(encoding="utf-8") == TEMPLATE
        result = zqplan("check", "--registry", "blank/targets.toml")
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


class TestUpdate:
    """`zqplan update` appends one record to the ledger, and nothing on failure."""

    def test_writes_one_line(self, zqplan: Runner, registry: Path) -> None:
        """One update: one ledger record, one line on stderr, nothing on stdout."""
        result = zqplan(
            "update", "farm-output", "86.5", "--date", "2023-12-31", "-r", "plan/targets.toml"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        text = ledger_path(registry).read_text(encoding="utf-8")
        assert text.startswith(HEADER)
        (line,) = text.removeprefix(HEADER).splitlines()
        assert 'target = "farm-output"' in line
        assert "value = 86.5" in line
        assert 'recorded_by = "tester"' in line

    def test_revision_supersedes(self, zqplan: Runner, registry: Path) -> None:
        """A second value for the same period is used by status; history shows both."""
        for value in ("80", "85"):
            result = zqplan(
                "update", "farm-output", value, "--date", "2024-12-31", "-r", "plan/targets.toml"
            )
            assert result.returncode == 0, result.stderr
        assert "revision" in result.stderr
        status = zqplan.json("status", "--json", "-r", "plan/targets.toml")
        assert target_entry(status, "farm-output")["latest"] == {
            "value": 85,
            "date": "2024-12-31",
        }
        history = zqplan.json("history", "farm-output", "--json", "-r", "plan/targets.toml")
        records = [(r["value"], r["superseded"], r["recorded_by"]) for r in history["records"]]
        assert records == [(80, True, "tester"), (85, False, "tester")]

    def test_no_registry(self, zqplan: Runner) -> None:
        """Without any registry, update says to run zqplan init and writes nothing."""
        line = assert_error(zqplan("update", "farm-output", "86.5"), 1)
        assert "zqplan init" in line
        assert list(zqplan.cwd.iterdir()) == []

    def test_yes_no_done(self, zqplan: Runner) -> None:
        """`update ID done` makes a yes/no target achieved (registry found in ./)."""
        shutil.copyfile(shipped_registry(), zqplan.cwd / "targets.toml")
        result = zqplan("update", "deep-cooperation-zone", "done", "--date", "2023-06-30")
        assert result.returncode == 0, result.stderr
        status = zqplan.json("status", "--json")
        assert status["plan"]["registry"] == "targets.toml"
        assert target_entry(status, "deep-cooperation-zone")["status"] == "achieved"

    @pytest.mark.parametrize(
        "args",
        [
            ["abc"],
            ["nan"],
            ["1e999"],
            ["86.5", "--date", "2023-02-30"],
        ],
        ids=["not-a-number", "nan", "overflow", "bad-date"],
    )
    def test_bad_input_writes_nothing(
        self, zqplan: Runner, registry: Path, args: list[str]
    ) -> None:
        """A value or date that is not one is a usage error and the ledger is unchanged."""
        before = record(registry, "0000000a", 84.0)
        result = zqplan("update", "farm-output", *args, "-r", "plan/targets.toml")
        assert_error(result, 2)
        assert ledger_path(registry).read_bytes() == before

    def test_unknown_target(self, zqplan: Runner, registry: Path) -> None:
        """An unknown target fails with 1, suggests the close id, and writes nothing."""
        line = assert_error(zqplan("update", "farm-outpt", "1", "-r", "plan/targets.toml"), 1)
        assert "did you mean 'farm-output'" in line
        assert not ledger_path(registry).exists()

    def test_malformed_ledger(self, zqplan: Runner, registry: Path) -> None:
        """An update appends without parsing the history: a garbage line stays, still reported.

        (Its cost must not grow with the ledger, issue 4; check and status refuse the line.)
        """
        before = record(registry, "0000000a", 84.0) + b"garbage\n"
        ledger_path(registry).write_bytes(before)
        result = zqplan("update", "farm-output", "90", "-r", "plan/targets.toml")
        assert result.returncode == 0, result.stderr
        after = ledger_path(registry).read_bytes()
        assert after.startswith(before)
        assert after.count(b"\n") == before.count(b"\n") + 1
        line = assert_error(zqplan("status", "-r", "plan/targets.toml"), 1)
        assert "targets.ledger.toml:4" in line
        checked = zqplan("check", "-r", "plan/targets.toml")
        assert checked.returncode == 1
        assert checked.stdout.count("\n") == 1
        assert "targets.ledger.toml:4: " in checked.stdout

    def test_hostile_note_round_trip(self, zqplan: Runner, registry: Path) -> None:
        """Markup and escape sequences in --note come back exactly from history --json."""
        note = '[bold red]x[/] \x1b[31m “肇庆” "quoted" \\n'
        result = zqplan(
            "update",
            "farm-output",
            "90",
            "--date",
            "2024-12-31",
            "--note",
            note,
            "--source",
            "[link=x]src[/link]",
            "-r",
            "plan/targets.toml",
        )
        assert result.returncode == 0, result.stderr
        history = zqplan.json("history", "farm-output", "--json", "-r", "plan/targets.toml")
        (entry,) = history["records"]
        assert (entry["note"], entry["source"]) == (note, "[link=x]src[/link]")


class TestRegistryChoice:
    """--registry, then $ZQPLAN_REGISTRY, then ./targets.toml, then the shipped plan."""

    def test_environment_variable(self, zqplan: Runner, tmp_path: Path) -> None:
        """ZQPLAN_REGISTRY names the registry when --registry is not given."""
        small = tmp_path / "elsewhere" / "mine.toml"
        small.parent.mkdir()
        small.write_text(TEMPLATE, encoding="utf-8")
        result = zqplan("status", "--json", env={"ZQPLAN_REGISTRY": str(small)})
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["plan"]["id"] == "my-plan"
        assert [t["id"] for t in document["targets"]] == list(tomllib.loads(TEMPLATE)["targets"])


class TestShow:
    """`zqplan show` prints one target."""

    def test_json(self, zqplan: Runner) -> None:
        """show --json is zqplan.target/2 with the source sentence and the history."""
        document = zqplan.json("show", "farm-output", "--json")
        assert document["schema"] == "zqplan.target/2"
        assert document["target"]["id"] == "farm-output"
        assert "agriculture" in document["target"]["source"]
        assert document["history"] == []

    def test_unknown_target(self, zqplan: Runner) -> None:
        """An unknown id fails with 1 and names the closest id."""
        line = assert_error(zqplan("show", "farm-outptu"), 1)
        assert "did you mean 'farm-output'" in line


class TestCheck:
    """`zqplan check` prints one FILE:LINE line per problem."""

    def test_broken_registry(self, zqplan: Runner) -> None:
        """An unknown key in ./targets.toml is reported at its line, exit 1."""
        text = TEMPLATE + 'titel = "typo"\n'
        (zqplan.cwd / "targets.toml").write_text(text, encoding="utf-8")
        result = zqplan("check")
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        (line,) = result.stdout.splitlines()
        assert line.startswith(f"targets.toml:{text.count(chr(10))}: ")
        assert "titel" in line

    def test_garbage_in_ledger(self, zqplan: Runner, registry: Path) -> None:
        """A garbage ledger line is reported as LEDGER:LINE, exit 1."""
        ledger_path(registry).write_text(HEADER + "garbage\n", encoding="utf-8")
        result = zqplan("check", "-r", "plan/targets.toml")
        assert result.returncode == 1
        (line,) = result.stdout.splitlines()
        assert line.startswith("plan/targets.ledger.toml:3: ")


class TestUsage:
    """Command-line mistakes are usage errors, in one line."""

    def test_unknown_option(self, zqplan: Runner) -> None:
        """An unknown option exits 2 with one error line."""
        line = assert_error(zqplan("status", "--bogus"), 2)
        assert "--bogus" in line


class TestHelp:
    """Every command explains itself with an example."""

    @pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["zqplan", *COMMANDS])
    def test_help_has_example(self, zqplan: Runner, command: list[str]) -> None:
        """--help exits 0 and shows an Example."""
        result = zqplan(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Example" in result.stdout


class TestLanguageOption:
    """--lang and ZQPLAN_LANG choose the language of tables, never of JSON."""

    def test_lang_zh(self, zqplan: Runner) -> None:
        """--lang zh prints Chinese headings and the programme's Chinese title."""
        result = zqplan("status", "--lang", "zh", "--area", "ecology")
        assert result.returncode == 0, result.stderr
        assert "编号" in result.stdout
        assert "森林覆盖率" in result.stdout

    def test_env_and_bad_value(self, zqplan: Runner) -> None:
        """ZQPLAN_LANG=zh works for milestones; an unknown language is a usage error."""
        zqplan.env["ZQPLAN_LANG"] = "zh"
        result = zqplan("milestones")
        assert result.returncode == 0, result.stderr
        assert "三年初见成效" in result.stdout
        result = zqplan("status", "--lang", "fr")
        assert result.returncode == 2
        # ZQPLAN_LANG=zh: the error, too, is said in Chinese
        assert result.stderr.startswith("zqplan：错误：'--lang' 的值 'fr' 无效，可选：'en', 'zh'")
        assert len(result.stderr.splitlines()) == 1
        del zqplan.env["ZQPLAN_LANG"]
        result = zqplan("status", "--lang", "fr")
        assert result.stderr.startswith("zqplan: error: ")

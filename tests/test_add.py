"""`zqplan add`: a target appended to the registry, checked first, comments kept."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest
from helpers import empty_config_home, run_zqplan, zqplan_command

from zqplan.shipped import TEMPLATE

GROWTH = (
    "gdp-growth",
    "--area",
    "economy",
    "--title",
    "GDP growth",
    "--title-zh",
    "地区生产总值增速",
    "--source",
    'Growth of "about 6%" a year.',
    "--unit",
    "%",
    "--direction",
    "at-least",
    "--trajectory",
    "linear",
    "--target",
    "6",
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """tmp_path/plan started from the commented template."""
    done = run_zqplan("init", "plan", "--empty", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "plan"


def registry_bytes(plan: Path) -> bytes:
    return (plan / "targets.toml").read_bytes()


class TestAdd:
    def test_appends_and_keeps_everything_else(self, plan: Path) -> None:
        """The file before is kept byte for byte (comments included); the new table follows."""
        before = registry_bytes(plan)
        result = run_zqplan("add", *GROWTH, cwd=plan)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        after = registry_bytes(plan)
        assert after.startswith(before)
        added = after[len(before) :].decode("utf-8")
        assert added.startswith("\n[targets.gdp-growth]\n")
        assert 'source = "Growth of \\"about 6%\\" a year."' in added
        assert "target = {value = 6}" in added
        line = before.count(b"\n") + 2  # a blank line, then the header
        assert f"added target 'gdp-growth' to targets.toml:{line}" in result.stderr
        assert run_zqplan("check", cwd=plan).returncode == 0
        status = json.loads(run_zqplan("status", "--json", cwd=plan).stdout)
        (entry,) = [t for t in status["targets"] if t["id"] == "gdp-growth"]
        assert (entry["direction"], entry["title_zh"]) == ("at-least", "地区生产总值增速")

    def test_every_form_of_goal_and_yes_no(self, plan: Path) -> None:
        """Growth with a baseline carrying its unit; a yes/no target needs no unit."""
        growth = run_zqplan(
            "add",
            "sales",
            "--area",
            "economy",
            "--title",
            "Sales",
            "--source",
            "S",
            "--unit",
            "billion yuan",
            "--baseline",
            "300亿",
            "--baseline-date",
            "2022-12-31",
            "--annual-growth",
            "6",
            "--target-date",
            "2027-12-31",
            "--attribute",
            "binding",
            cwd=plan,
        )
        assert growth.returncode == 0, growth.stderr
        done = run_zqplan(
            "add",
            "bridge",
            "--area",
            "economy",
            "--title",
            "Bridge",
            "--source",
            "S",
            "--kind",
            "yes-no",
            "--target-date",
            "2026-12-31",
            cwd=plan,
        )
        assert done.returncode == 0, done.stderr
        text = (plan / "targets.toml").read_text(encoding="utf-8")
        assert 'baseline = {value = "300亿", date = 2022-12-31}' in text
        assert "target = {annual_growth = 6.0, date = 2027-12-31}" in text
        status = json.loads(run_zqplan("status", "--json", cwd=plan).stdout)
        ids = {t["id"]: t for t in status["targets"]}
        assert ids["sales"]["baseline"] == {
            "value": 30.0,
            "date": "2022-12-31",
        }  # 300亿 = 30 billion
        assert ids["bridge"]["kind"] == "yes-no"

    @pytest.mark.parametrize(
        ("args", "code", "message"),
        [
            (
                ("x", "--area", "nowhere", "--title", "T", "--source", "S", "--unit", "%"),
                1,
                "names area 'nowhere', which [areas] does not declare",
            ),
            (
                ("gdp", "--area", "economy", "--title", "T", "--source", "S", "--unit", "%"),
                2,
                "'gdp' is already in targets.toml",
            ),
            (("x", "--title", "T"), 2, "missing --area, --source, --unit"),
            (
                (
                    "x",
                    "--area",
                    "economy",
                    "--title",
                    "T",
                    "--source",
                    "S",
                    "--unit",
                    "%",
                    "--direction",
                    "up",
                ),
                2,
                "--direction 'up' is not one of",
            ),
            (
                ("Bad_Id", "--area", "economy", "--title", "T", "--source", "S", "--unit", "%"),
                1,
                "target id 'Bad_Id' must be lower-case",
            ),
        ],
    )
    def test_refuses_what_check_would(
        self, plan: Path, args: tuple[str, ...], code: int, message: str
    ) -> None:
        """A registry that would not pass check, or a bad option: nothing written."""
        before = registry_bytes(plan)
        result = run_zqplan("add", *args, cwd=plan, stdin="")
        assert result.returncode == code, result.stderr
        assert message in result.stderr
        assert registry_bytes(plan) == before

    def test_refuses_a_broken_registry(self, plan: Path) -> None:
        """A registry that already fails check is not written to."""
        broken = registry_bytes(plan) + b'\n[targets.typo]\ntitel = "x"\n'
        (plan / "targets.toml").write_bytes(broken)
        result = run_zqplan("add", *GROWTH, cwd=plan)
        assert result.returncode == 1
        assert "nothing written" in result.stderr
        assert registry_bytes(plan) == broken

    def test_dry_run(self, plan: Path) -> None:
        before = registry_bytes(plan)
        result = run_zqplan("add", *GROWTH, "--dry-run", cwd=plan)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("[targets.gdp-growth]\n")
        assert registry_bytes(plan) == before

    def test_never_the_shipped_plan(self, tmp_path: Path) -> None:
        (tmp_path / ".git").mkdir()
        result = run_zqplan("add", *GROWTH, cwd=tmp_path, env={"HOME": str(tmp_path)})
        assert result.returncode == 1
        assert "no registry here" in result.stderr

    def test_listed_in_help(self, plan: Path) -> None:
        assert any(
            line.split()[:1] == ["add"]
            for line in run_zqplan("--help", cwd=plan).stdout.splitlines()
        )

    def test_asks_at_a_terminal(self, plan: Path) -> None:
        """At a terminal the missing required fields are asked for, on stderr."""
        main, secondary = pty.openpty()
        env = {**os.environ, "ZQPLAN_USER": "tester", "XDG_CONFIG_HOME": empty_config_home()}
        env.pop("ZQPLAN_REGISTRY", None)
        with subprocess.Popen(
            [zqplan_command(), "add", "port", "--title", "Port", "--kind", "yes-no"],
            cwd=plan,
            env=env,
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=secondary,
        ) as process:
            os.close(secondary)
            os.write(main, b"economy\nOpen the port.\n")
            out, _ = process.communicate(timeout=60)
        seen = b""
        try:
            while chunk := os.read(main, 4096):
                seen += chunk
        except OSError:
            pass
        os.close(main)
        assert process.returncode == 0, seen
        assert b"area:" in seen
        assert b"source:" in seen
        assert b"title:" not in seen  # given as an option, not asked
        assert out == b""
        text = (plan / "targets.toml").read_text(encoding="utf-8")
        assert '[targets.port]\narea = "economy"\ntitle = "Port"\nsource = "Open the port."' in text
        assert TEMPLATE in text

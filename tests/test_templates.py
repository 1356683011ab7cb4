"""`init --empty`'s template, git conflicts in the registry, and `zqplan docs`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from helpers import run_zqplan

from zqplan.shipped import TEMPLATE

ROOT = Path(__file__).resolve().parent.parent


class TestTemplate:
    """The template shows one example of each form of target and passes check."""

    def test_every_form_once_and_check_passes(self, tmp_path: Path) -> None:
        created = run_zqplan("init", "plan", "--empty", cwd=tmp_path)
        assert created.returncode == 0, created.stderr
        check = run_zqplan("check", cwd=tmp_path / "plan")
        assert (check.returncode, check.stdout, check.stderr) == (0, "", "")
        document = tomllib.loads(TEMPLATE)
        targets = document["targets"].values()
        goals = [t.get("target", {}) for t in targets]
        assert any("value" in g and "date" in g for g in goals)  # a level
        assert any("annual_growth" in g for g in goals)  # growth a year
        assert any("change" in g for g in goals)  # a cumulative change
        assert any(t.get("kind") == "yes-no" for t in targets)
        assert any(t.get("direction") == "at-least" for t in targets)  # a floor
        assert any("revisions" in t for t in targets)
        assert document["programmes"]  # a staged programme
        # A yearly schedule, in the plan's words.
        assert any("yearly" in t for t in targets)

    def test_names_the_docs_command(self) -> None:
        assert "`zqplan docs registry`" in TEMPLATE


CONFLICTED = """\
schema = "zqplan.registry/1"

[plan]
id = "p"
title = "P"

<<<<<<< HEAD
[areas.economy]
title = "Economy"
=======
[areas.economy]
title = "The economy"
>>>>>>> theirs
"""


class TestConflicts:
    """A registry with git's conflict markers says so, with both sides' lines."""

    def test_status_and_check_name_the_markers(self, tmp_path: Path) -> None:
        (tmp_path / "targets.toml").write_text(CONFLICTED, encoding="utf-8")
        status = run_zqplan("status", cwd=tmp_path)
        assert status.returncode == 1
        (line,) = status.stderr.splitlines()
        assert line.startswith(
            "zqplan: error: targets.toml:7: a git merge conflict: <<<<<<< at line 7, "
            "======= at line 10, >>>>>>> at line 13"
        ), line
        assert "ours: lines 8-9, theirs: lines 11-12" in line
        assert "Invalid statement" not in line
        check = run_zqplan("check", cwd=tmp_path)
        assert check.returncode == 1
        assert check.stdout.startswith("targets.toml:7: a git merge conflict")

    def test_a_lone_marker(self, tmp_path: Path) -> None:
        """A conflict half cleaned up: the marker left is named."""
        text = CONFLICTED.replace("<<<<<<< HEAD\n", "").replace("=======\n", "")
        (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
        check = run_zqplan("check", cwd=tmp_path)
        assert check.returncode == 1
        assert check.stdout.startswith("targets.toml:11: a git merge conflict marker at line 11")

    def test_other_syntax_errors_point_at_the_docs(self, tmp_path: Path) -> None:
        (tmp_path / "targets.toml").write_text("schema = \n", encoding="utf-8")
        check = run_zqplan("check", cwd=tmp_path)
        assert "`zqplan docs registry`" in check.stdout


class TestDocs:
    """`zqplan docs registry` prints docs/registry.md, which the wheel carries."""

    def test_prints_the_registry_format(self, tmp_path: Path) -> None:
        result = run_zqplan("docs", "registry", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout == (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
        assert result.stderr == ""

    def test_unknown_topic(self, tmp_path: Path) -> None:
        result = run_zqplan("docs", "regsitry", cwd=tmp_path)
        assert result.returncode == 2
        assert "did you mean 'registry'?" in result.stderr

    def test_wheel_carries_it(self) -> None:
        with (ROOT / "pyproject.toml").open("rb") as stream:
            wheel = tomllib.load(stream)["tool"]["hatch"]["build"]["targets"]["wheel"]
        assert wheel["force-include"]["docs/registry.md"] == "zqplan/docs/registry.md"

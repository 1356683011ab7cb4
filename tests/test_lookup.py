"""Finding targets (any case, Chinese titles), the registry (discovery) and the config file."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from helpers import SHIPPED_NOTE, run_zqplan

REGISTRY = """\
schema = "zqplan.registry/1"

[plan]
id = "city"
title = "City plan"

[areas.economy]
title = "Economy"

[targets.gdp]
area = "economy"
title = "Gross domestic product"
title_zh = "地区生产总值"
source = "GDP to 150 billion yuan by 2027."
unit = "billion yuan"
baseline = { value = 100, date = 2022-12-31 }
target = { value = 150, date = 2027-12-31 }

[targets.gdp-per-capita]
area = "economy"
title = "GDP per head"
title_zh = "人均地区生产总值"
source = "GDP per head to 90,000 yuan by 2027."
unit = "yuan"
baseline = { value = 70000, date = 2022-12-31 }
target = { value = 90000, date = 2027-12-31 }

[targets.forest]
area = "economy"
title = "Forest coverage"
title_zh = "森林覆盖率"
source = "Forest coverage above 71%."
unit = "%"
direction = "at-least"
baseline = { value = 71, date = 2022-12-31 }
target = { value = 71, date = 2027-12-31 }
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """tmp_path/plan with the small registry above, inside a git repository's root."""
    folder = tmp_path / "plan"
    (folder / ".git").mkdir(parents=True)
    (folder / "targets.toml").write_text(REGISTRY, encoding="utf-8")
    return folder


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """zqplan ARGS in cwd, HOME pointed at cwd's parent's parent (never the tester's)."""
    return run_zqplan(*args, cwd=cwd, env={"HOME": str(cwd.parent.parent), **(env or {})})


def records(plan: Path) -> list[str]:
    """The record lines of the plan's ledger."""
    return [
        line
        for line in (plan / "targets.ledger.toml").read_text(encoding="utf-8").splitlines()
        if line.startswith("r")
    ]


class TestNames:
    """A target named by its id in any case, or by its Chinese title."""

    def test_id_in_any_case(self, plan: Path) -> None:
        """`GDP` is gdp: show answers, and update records for gdp saying so."""
        shown = run("show", "GDP", "--json", cwd=plan)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["target"]["id"] == "gdp"
        done = run("update", "GDP", "110", "--date", "2023-12-31", cwd=plan)
        assert done.returncode == 0, done.stderr
        assert "'GDP' is 'gdp'" in done.stderr
        (line,) = records(plan)
        assert 'target = "gdp"' in line

    def test_chinese_title_exact_and_substring(self, plan: Path) -> None:
        """地区生产总值 is gdp (exact, though also inside 人均地区生产总值); 森林 is forest."""
        exact = run("history", "地区生产总值", "--json", cwd=plan)
        assert exact.returncode == 0, exact.stderr
        assert json.loads(exact.stdout)["target"] == "gdp"
        part = run("show", "森林", "--json", cwd=plan)
        assert part.returncode == 0, part.stderr
        assert json.loads(part.stdout)["target"]["id"] == "forest"

    def test_ambiguous_substring_lists_candidates(self, plan: Path) -> None:
        """生产总值 is in two titles: exit 1 naming both, nothing written."""
        result = run("update", "生产总值", "110", "--date", "2023-12-31", cwd=plan)
        assert result.returncode == 1
        assert "'生产总值' names 2 entries" in result.stderr
        assert "'gdp' (地区生产总值)" in result.stderr
        assert "'gdp-per-capita' (人均地区生产总值)" in result.stderr
        assert not records(plan) if (plan / "targets.ledger.toml").exists() else True

    def test_suggestions_for_ids_in_any_case_and_titles(self, plan: Path) -> None:
        """`GDPP` suggests gdp (case folded); a mistyped title (森林复盖) suggests forest."""
        upper = run("show", "GDPP", cwd=plan)
        assert upper.returncode == 1
        assert "did you mean 'gdp' (地区生产总值)" in upper.stderr
        typo = run("show", "森林复盖", cwd=plan)
        assert typo.returncode == 1
        assert "did you mean 'forest' (森林覆盖率)" in typo.stderr

    def test_unknown_with_nothing_close(self, plan: Path) -> None:
        """Nothing close: the hint points at the list of ids."""
        result = run("show", "zzzz", cwd=plan)
        assert result.returncode == 1
        assert "no target 'zzzz'" in result.stderr
        assert "`zqplan status` lists the ids" in result.stderr


class TestDiscovery:
    """Without --registry, targets.toml here or in a parent, up to the repository or home."""

    def test_found_in_a_parent(self, plan: Path) -> None:
        """In plan/a/b, status reads plan/targets.toml and update writes beside it."""
        deep = plan / "a" / "b"
        deep.mkdir(parents=True)
        status = run("status", "--json", cwd=deep)
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["plan"]["id"] == "city"
        assert status.stderr == ""
        done = run("update", "forest", "71.5", "--date", "2023-12-31", cwd=deep)
        assert done.returncode == 0, done.stderr
        assert os.path.join("..", "..", "targets.ledger.toml") in done.stderr
        assert len(records(plan)) == 1

    def test_stops_at_the_repository_root(self, plan: Path) -> None:
        """A targets.toml above the repository's root (a folder with .git) is not used."""
        inner = plan / "inner"
        (inner / ".git").mkdir(parents=True)
        result = run("status", "--json", cwd=inner)
        assert json.loads(result.stdout)["plan"]["id"] == "zhaoqing-2023"
        writing = run("update", "forest", "71.5", cwd=inner)
        assert writing.returncode == 1
        assert "no targets.toml in this folder or its parents" in writing.stderr

    def test_stops_at_home(self, tmp_path: Path) -> None:
        """A targets.toml above $HOME is not used (the search stops at home)."""
        (tmp_path / "targets.toml").write_text(REGISTRY, encoding="utf-8")
        home = tmp_path / "home"
        work = home / "work"
        work.mkdir(parents=True)
        result = run_zqplan("status", "--json", cwd=work, env={"HOME": str(home)})
        assert json.loads(result.stdout)["plan"]["id"] == "zhaoqing-2023"

    def test_shipped_plan_is_said_once_and_stdout_stays_json(self, tmp_path: Path) -> None:
        """No registry anywhere: JSON alone on stdout, one note on stderr, replays too."""
        (tmp_path / ".git").mkdir()
        for _ in range(2):  # the second run is replayed from the memo
            result = run_zqplan("status", "--json", cwd=tmp_path, env={"HOME": str(tmp_path)})
            assert result.returncode == 0, result.stderr
            assert json.loads(result.stdout)["plan"]["id"] == "zhaoqing-2023"
            assert result.stderr.count(SHIPPED_NOTE) == 1, result.stderr
            assert result.stderr.count("\n") == 1

    def test_named_registry_says_nothing(self, plan: Path, tmp_path: Path) -> None:
        """--registry and $ZQPLAN_REGISTRY win over discovery, silently."""
        other = tmp_path / "elsewhere"
        other.mkdir()
        flag = run("status", "--json", "-r", str(plan / "targets.toml"), cwd=other)
        env = run(
            "status", "--json", cwd=other, env={"ZQPLAN_REGISTRY": str(plan / "targets.toml")}
        )
        for result in (flag, env):
            assert result.returncode == 0, result.stderr
            assert json.loads(result.stdout)["plan"]["id"] == "city"
            assert result.stderr == ""


class TestConfig:
    """$XDG_CONFIG_HOME/zqplan/config.toml: registry, lang, user; flag > env > config."""

    def config(self, tmp_path: Path, text: str) -> dict[str, str]:
        """Write the config file; the environment that points zqplan at it."""
        folder = tmp_path / "config"
        (folder / "zqplan").mkdir(parents=True, exist_ok=True)
        (folder / "zqplan" / "config.toml").write_text(text, encoding="utf-8")
        return {"XDG_CONFIG_HOME": str(folder)}

    def test_registry_lang_and_user(self, plan: Path, tmp_path: Path) -> None:
        """A relative registry is relative to the config file; lang zh; user li records."""
        env = self.config(
            tmp_path, 'registry = "../../plan/targets.toml"\nlang = "zh"\nuser = "li"\n'
        )
        away = tmp_path / "away"
        away.mkdir()
        table = run("status", cwd=away, env={**env, "ZQPLAN_LANG": ""})
        assert table.returncode == 0, table.stderr
        assert "森林覆盖率" in table.stdout
        assert table.stderr == ""
        english = run("status", "--lang", "en", cwd=away, env=env)
        assert "Forest coverage" in english.stdout
        done = run(
            "update",
            "forest",
            "72",
            "--date",
            "2023-12-31",
            cwd=away,
            env={**env, "ZQPLAN_USER": ""},
        )
        assert done.returncode == 0, done.stderr
        (line,) = records(plan)
        assert 'recorded_by = "li"' in line

    def test_env_beats_config(self, plan: Path, tmp_path: Path) -> None:
        """$ZQPLAN_LANG=en over the config's zh; $ZQPLAN_USER over its user."""
        env = self.config(tmp_path, 'lang = "zh"\nuser = "li"\n')
        table = run("status", cwd=plan, env={**env, "ZQPLAN_LANG": "en"})
        assert "Forest coverage" in table.stdout
        shown = run("config", "--json", cwd=plan, env={**env, "ZQPLAN_LANG": "en"})
        settings = {s["setting"]: s for s in json.loads(shown.stdout)["settings"]}
        assert settings["lang"] == {
            "setting": "lang",
            "value": "en",
            "from": "env",
            "where": "$ZQPLAN_LANG",
        }
        assert settings["user"]["from"] == "env"  # run_zqplan sets ZQPLAN_USER=tester
        assert settings["registry"] == {
            "setting": "registry",
            "value": "targets.toml",
            "from": "found",
            "where": str(plan),
        }

    def test_config_shows_each_source(self, plan: Path, tmp_path: Path) -> None:
        """`zqplan config`: the config file's values with FILE:LINE, as a table too."""
        env = self.config(tmp_path, '# mine\nlang = "zh"\nuser = "li"\n')
        path = tmp_path / "config" / "zqplan" / "config.toml"
        result = run(
            "config", "--json", cwd=plan, env={**env, "ZQPLAN_USER": "", "ZQPLAN_LANG": ""}
        )
        settings = {s["setting"]: s for s in json.loads(result.stdout)["settings"]}
        assert settings["config"]["from"] == "present"
        assert settings["lang"]["where"] == f"{path}:2"
        assert settings["user"] == {
            "setting": "user",
            "value": "li",
            "from": "config",
            "where": f"{path}:3",
        }
        table = run("config", "-r", "x.toml", cwd=plan, env=env)
        lines = table.stdout.splitlines()
        assert lines[0].split() == ["设置", "值", "来源"]  # the config says lang = "zh"
        assert any(line.split()[:3] == ["registry", "x.toml", "命令行"] for line in lines)

    @pytest.mark.parametrize(
        ("text", "line", "message"),
        [
            ('lang = "zh"\nlanguage = "en"\n', 2, "unknown key 'language'"),
            ('\nlang = "fr"\n', 2, "lang is 'fr', not one of en, zh"),
            ("user = 3\n", 1, "'user' must be a non-empty string"),
            ("lang = \n", 1, "invalid TOML"),
        ],
    )
    def test_bad_config_is_a_located_error(
        self, plan: Path, tmp_path: Path, text: str, line: int, message: str
    ) -> None:
        """Unknown keys and bad values: one line naming FILE:LINE, exit 1."""
        env = self.config(tmp_path, text)
        result = run("status", cwd=plan, env={**env, "ZQPLAN_LANG": ""})
        assert result.returncode == 1
        path = tmp_path / "config" / "zqplan" / "config.toml"
        (error,) = result.stderr.splitlines()
        assert error.startswith(f"zqplan: error: {path}:{line}: {message}"), error

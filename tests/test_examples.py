"""The example plans: `zqplan examples`, `zqplan init --example`, and China's 14th plan judged.

The verdicts below are worked by hand from the figures the registry quotes (the
communiqués' and work reports' sentences; tests/test_sources.py checks the quotes).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan

ROOT = Path(__file__).parent.parent
CHINA = ROOT / "zqplan" / "examples" / "china-14th-fyp" / "targets.toml"


@pytest.fixture(scope="module")
def china(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder made by `zqplan init DIR --example china-14th-fyp` (once for the module)."""
    base = tmp_path_factory.mktemp("examples")
    result = run_zqplan("init", "china", "--example", "china-14th-fyp", cwd=base)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return base / "china"


def status(folder: Path, as_of: str) -> dict[str, dict[str, Any]]:
    """`zqplan status --as-of AS_OF --json` in the folder, by target id."""
    result = run_zqplan("status", "--as-of", as_of, "--json", cwd=folder)
    assert result.returncode == 0, result.stderr
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def years(schedule: list[dict[str, Any]]) -> dict[str, tuple[object, object, object]]:
    """Each judged year: (target, outturn, verdict)."""
    return {
        p["period"]: (p["target"], p["outturn"], p["verdict"])
        for p in schedule
        if p["verdict"] is not None
    }


class TestInit:
    """`init --example` copies the registry and every text it quotes; check passes."""

    def test_registry_and_texts(self, china: Path) -> None:
        """The registry is the shipped file, byte for byte, with its 14 texts beside it."""
        assert (china / "targets.toml").read_bytes() == CHINA.read_bytes()
        with CHINA.open("rb") as stream:
            files = [d["file"] for d in tomllib.load(stream)["documents"].values()]
        assert len(files) == 14  # the outline, 7 work reports, 6 communiqués
        for name in files:
            assert (china / name).read_bytes() == (ROOT / name).read_bytes(), name

    def test_check_passes(self, china: Path) -> None:
        """`zqplan check` finds every document's file (exit 0, no error line)."""
        result = run_zqplan("check", cwd=china)
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr

    def test_check_fails_without_a_text(self, tmp_path: Path) -> None:
        """The same registry without its texts is a check error naming the missing file."""
        (tmp_path / "targets.toml").write_bytes(CHINA.read_bytes())
        result = run_zqplan("check", cwd=tmp_path)
        assert result.returncode == 1
        assert "statistical-communique-2022.md" in result.stdout  # check's problems are its data

    def test_status_runs(self, china: Path) -> None:
        """`zqplan status` in the new folder shows the plan (today's date: no numbers asserted)."""
        result = run_zqplan("status", cwd=china)
        assert result.returncode == 0, result.stderr
        assert "China's 14th Five-Year Plan" in result.stdout
        assert "gdp-growth" in result.stdout

    def test_unknown_example(self, tmp_path: Path) -> None:
        """An unknown id is a usage error with the closest id; nothing is written."""
        result = run_zqplan("init", "x", "--example", "china-14th", cwd=tmp_path)
        assert result.returncode == 2
        assert "did you mean 'china-14th-fyp'?" in result.stderr
        assert not (tmp_path / "x").exists()

    def test_empty_and_example(self, tmp_path: Path) -> None:
        """--empty and --example together are refused; nothing is written."""
        result = run_zqplan("init", "x", "--empty", "--example", "china-14th-fyp", cwd=tmp_path)
        assert result.returncode == 2
        assert "--empty and --example" in result.stderr
        assert not (tmp_path / "x").exists()


class TestExamplesCommand:
    """`zqplan examples` lists what ships, in both languages and as JSON."""

    def test_table(self, tmp_path: Path) -> None:
        """One line per plan: id, number of texts, title; the default is marked."""
        result = run_zqplan("examples", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["id", "texts", "title"]
        assert lines[1].startswith("zhaoqing-2023")
        assert "(init without --example)" in lines[1]
        assert lines[2].split()[:2] == ["china-14th-fyp", "14"]
        assert "China's 14th Five-Year Plan" in lines[2]

    def test_chinese(self, tmp_path: Path) -> None:
        """--lang zh: Chinese headings and titles; no English word but the ids."""
        result = run_zqplan("examples", "--lang", "zh", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "中华人民共和国国民经济和社会发展第十四个五年规划主要指标" in result.stdout
        assert "title" not in result.stdout
        assert "China" not in result.stdout

    def test_json(self, tmp_path: Path) -> None:
        """The JSON names each plan's id, titles, default and texts."""
        result = run_zqplan("examples", "--json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
        assert found["schema"] == "zqplan.examples/1"
        by_id = {e["id"]: e for e in found["examples"]}
        assert list(by_id) == ["zhaoqing-2023", "china-14th-fyp"]
        assert by_id["zhaoqing-2023"]["default"] is True
        china = by_id["china-14th-fyp"]
        assert china["default"] is False
        assert china["title_zh"] == "中华人民共和国国民经济和社会发展第十四个五年规划主要指标"
        assert "sources/china/14th-five-year-plan-outline.md" in china["texts"]


def _has_numeric_target(entry: dict[str, Any]) -> bool:
    """A target value, or a yearly schedule."""
    target = entry.get("target", {})
    stated = any(k in target for k in ("value", "annual_growth", "change", "change_by"))
    return stated or bool(entry.get("yearly"))


def _has_data(entry: dict[str, Any], as_of: dt.date) -> bool:
    """A figure that can be judged by AS_OF: for a schedule, one for a scheduled year;
    else one after the baseline (the registry's, or the earliest figure serving)."""
    dates = sorted(o["date"] for o in entry.get("observations", []) if o["date"] <= as_of)
    if entry.get("yearly"):
        return any(str(d.year) in entry["yearly"] and d.month == 12 for d in dates)
    baseline = entry.get("baseline", {}).get("date")
    start = baseline if baseline is not None else (dates[0] if dates else None)
    return any(start is not None and d > start for d in dates)


class TestEveryIndicatorJudged:
    """At the end of 2022, every indicator with a numeric target and data has a verdict."""

    def test_as_of_2022(self, china: Path) -> None:
        """No such indicator is no-target or no-data; the others are left out on purpose."""
        with CHINA.open("rb") as stream:
            registry = tomllib.load(stream)["targets"]
        as_of = dt.date(2022, 12, 31)
        judgeable = {
            i for i, e in registry.items() if _has_numeric_target(e) and _has_data(e, as_of)
        }
        found = status(china, "2022-12-31")
        assert set(found) == set(registry)
        unjudged = {i: found[i]["status"] for i in judgeable}
        assert {i: s for i, s in unjudged.items() if s in ("no-target", "no-data")} == {}
        assert len(judgeable) == 15
        # Numeric targets without a judgeable figure by 2022: one figure only (forest
        # coverage, the first serving as baseline), none yet (schooling, non-fossil share,
        # 2026's CO2 cut), or none at all (pension coverage).
        numeric = {i for i, e in registry.items() if _has_numeric_target(e)}
        assert numeric - judgeable == {
            "forest-coverage",
            "education-years",
            "non-fossil-share",
            "co2-intensity-yearly",
            "pension-coverage",
        }
        assert found["forest-coverage"]["status"] == "no-data"


class TestVerdictsByHand:
    """Verdicts worked by hand from the quoted figures."""

    def test_gdp_growth_2022(self, china: Path) -> None:
        """2021 "6%以上" vs 8.1: met. 2022 "5.5%左右" vs 3.0: short by 2.5 > 0.5: not met."""
        gdp = status(china, "2022-12-31")["gdp-growth"]
        assert years(gdp["schedule"]) == {
            "2021": (6.0, 8.1, "met"),
            "2022": (5.5, 3.0, "not-met"),
        }
        assert gdp["status"] == "missed"
        assert gdp["track_record"] == {"judged": 2, "met": 1}

    def test_unemployment_yearly_2022(self, china: Path) -> None:
        """A ceiling each year: 2020 "6%左右" vs 5.2, 2021 "5.5%左右" vs 5.1 met;
        2022 "5.5%以内" (at most) vs the year's average 5.6: not met, no tolerance."""
        rate = status(china, "2022-12-31")["unemployment-yearly"]
        assert years(rate["schedule"]) == {
            "2020": (6.0, 5.2, "met"),
            "2021": (5.5, 5.1, "met"),
            "2022": (5.5, 5.6, "not-met"),
        }
        assert rate["status"] == "missed"
        assert rate["track_record"] == {"judged": 3, "met": 2}

    def test_income_in_step_with_gdp(self, china: Path) -> None:
        """基本同步 ("about" GDP growth): 2020 2.1 vs 2.3, short 0.2 <= 0.5; 2022 2.9 vs 3.0,
        short 0.1: both broadly met. 2021 has no target ("居民收入稳步增长")."""
        income = status(china, "2022-12-31")["income-growth"]
        assert years(income["schedule"]) == {
            "2020": (2.3, 2.1, "broadly-met"),
            "2022": (3.0, 2.9, "broadly-met"),
        }
        assert income["status"] == "achieved"
        assert income["label_zh"] == "基本完成"

    def test_labour_productivity_above_gdp(self, china: Path) -> None:
        """Strictly above GDP growth (高于): 2021 8.7 > 8.1, 2022 4.2 > 3.0, 2023 5.7 > 5.2,
        2024 4.9 > 5.0 fails, 2025 6.1 > 5.0: met 4 of 5."""
        labour = status(china, "2026-06-30")["labour-productivity"]
        assert years(labour["schedule"])["2024"] == (5.0, 4.9, "not-met")
        assert labour["track_record"] == {"judged": 5, "met": 4}

    def test_rd_spending_growth(self, china: Path) -> None:
        """7% a year from 2442.6 (24426亿元) in 2020: T = 2442.6 * 1.07^5 = 3425.87.
        2022: 3087.0; g_obs = (3087.0 / 2442.6)^(1/2) - 1 = 0.124196; R = 0.124196 / 0.07
        = 1.7742 -> on-track."""
        rd = status(china, "2022-12-31")["rd-spending"]
        assert rd["target"]["value"] == pytest.approx(3425.87, abs=0.01)
        assert rd["observed_rate"] == pytest.approx(0.124196, abs=1e-6)
        assert rd["ratio"] == pytest.approx(1.7742, abs=1e-4)
        assert rd["status"] == "on-track"

    def test_energy_intensity_cumulative(self, china: Path) -> None:
        """Down 13.5% over 2021-2025: index 100 -> 97.3 (2021, -2.7) -> 97.2027 (2022, -0.1).
        g_req = 0.865^(1/5) - 1 = -0.028589, g_obs = 0.972027^(1/2) - 1 = -0.014086,
        R = 0.4927 -> off-track (docs/method.md's worked example, on the real figures)."""
        energy = status(china, "2022-12-31")["energy-intensity"]
        assert energy["latest"]["value"] == pytest.approx(97.2027, abs=1e-4)
        assert energy["ratio"] == pytest.approx(0.4927, abs=1e-4)
        assert energy["status"] == "off-track"

    def test_energy_and_co2_missed_at_the_end(self, china: Path) -> None:
        """2025: energy 100 * .973 * .999 * .995 * .962 * .949 = 88.30 > 86.5: missed;
        CO2 100 * .962 * .992 * 1.0 * .966 * .95 = 87.58 > 82: missed."""
        found = status(china, "2026-06-30")
        assert found["energy-intensity"]["latest"]["value"] == pytest.approx(88.296, abs=1e-3)
        assert found["energy-intensity"]["status"] == "missed"
        assert found["co2-intensity"]["latest"]["value"] == pytest.approx(87.577, abs=1e-3)
        assert found["co2-intensity"]["status"] == "missed"

    def test_co2_intensity_2022(self, china: Path) -> None:
        """Down 18%: index 100 * 0.962 * 0.992 = 95.4304; g_req = 0.82^(1/5) - 1 =
        -0.038912; g_obs = 0.954304^(1/2) - 1 = -0.023114; R = 0.5940 < 0.60 -> off-track."""
        co2 = status(china, "2022-12-31")["co2-intensity"]
        g_req = 0.82 ** (1 / 5) - 1
        g_obs = math.sqrt(0.954304) - 1
        assert g_obs / g_req == pytest.approx(0.5940, abs=1e-4)
        assert co2["ratio"] == pytest.approx(0.5940, abs=1e-4)
        assert co2["status"] == "off-track"

    def test_unemployment_ceiling(self, china: Path) -> None:
        """At most 5.5 by 2025 from 5.2 (2020): 5.5 in 2022 holds (margin 0), but the
        linear pace (5.5 - 5.2) / 2 = 0.15 a year projects 5.5 + 3 * 0.15 = 5.95 > 5.5:
        at-risk."""
        rate = status(china, "2022-12-31")["unemployment"]
        assert rate["margin"] == pytest.approx(0.0, abs=1e-9)
        assert rate["projection"]["value"] == pytest.approx(5.95, abs=1e-9)
        assert rate["status"] == "at-risk"

    def test_grain_floor(self, china: Path) -> None:
        """At least 650 million tonnes (1.3万亿斤): 68653万吨 = 686.53 in 2022, margin
        36.53, growing: holds (on-track, never achieved early)."""
        grain = status(china, "2022-12-31")["grain-capacity"]
        assert grain["latest"]["value"] == pytest.approx(686.53)
        assert grain["margin"] == pytest.approx(36.53, abs=1e-9)
        assert grain["status"] == "on-track"

    def test_urbanisation_and_pm25_achieved_early(self, china: Path) -> None:
        """Urbanisation 65.22 >= 65 in 2022; PM2.5 index 100 * 0.909 * 0.967 = 87.9003
        <= 90 (down 10%) in 2022: both achieved before their date."""
        found = status(china, "2022-12-31")
        assert found["urbanisation"]["status"] == "achieved"
        assert found["pm25"]["latest"]["value"] == pytest.approx(87.9003, abs=1e-4)
        assert found["pm25"]["status"] == "achieved"

    def test_revision_keeps_the_cut(self, china: Path) -> None:
        """The 2022 report's revision (judged over the period) leaves 13.5% as it was."""
        energy = status(china, "2022-12-31")["energy-intensity"]
        assert energy["revision"] is not None
        assert energy["target"]["value"] == pytest.approx(86.5)

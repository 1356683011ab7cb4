"""Zhaoqing's own numbers in the shipped registry: verdicts worked by hand from the texts.

The figures are those of targets.toml's last section (the work reports 2020-2023 and
the sourced table sources/zhaoqing/figures.csv); their quotes are checked against
the texts in tests/test_sources.py. Here `zqplan status --json` on a copy of the
shipped registry gives each verdict, pinned on a fixed day.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan

ROOT = Path(__file__).parent.parent
AS_OF = "2026-11-30"
"""The day the verdicts are pinned on: past every target date but 2026's."""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """`zqplan status --json --as-of AS_OF` on a copy of the shipped registry, by id."""
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copyfile(ROOT / "targets.toml", folder / "targets.toml")
    result = run_zqplan("status", "--json", "--as-of", AS_OF, cwd=folder)
    assert result.returncode == 0, result.stderr
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def periods(target: dict[str, Any]) -> list[tuple[str, str, float | None, str | None]]:
    """(year, as written, outturn, verdict) for each year of a schedule."""
    return [(p["period"], p["written"], p["outturn"], p["verdict"]) for p in target["schedule"]]


class TestYearlyTargets:
    """Each year's target against its outturn, as the reports and bulletins give them."""

    def test_gdp_growth(self, shipped: dict[str, dict[str, Any]]) -> None:
        """Met once in five years: only 2021 (10.5 >= 7)."""
        gdp = shipped["gdp-growth"]
        assert periods(gdp) == [
            ("2020", "6%以上", 3.0, "not-met"),  # 3 < 6
            ("2021", "7", 10.5, "met"),  # the bulletin's 10.5 revises the report's 10; >= 7
            ("2022", "7%左右", 1.1, "not-met"),  # 7 - 1.1 = 5.9 short, beyond the 0.5 tolerance
            ("2023", "5.5%以上", 3.7, "not-met"),  # 3.7 < 5.5
            ("2024", "5", 2.2, "not-met"),  # 2.2 < 5 (the 2024 target is provisional)
            ("2025", "5%左右", None, None),  # no 2025 outturn in any source
        ]
        assert gdp["track_record"] == {"met": 1, "judged": 5}
        # each year quotes the report that set it; 2024's comes from the sourced table
        first, *_, provisional, _ = gdp["schedule"]
        assert (first["source"], first["document"]) == (
            "全市经济社会发展主要预期目标是：地区生产总值增长6%以上",
            "report-2020",
        )
        assert provisional["document"] == "figures"
        assert (gdp["period"], gdp["status"], gdp["label_zh"]) == ("2024", "missed", "未完成")

    def test_industrial_value_added(self, shipped: dict[str, dict[str, Any]]) -> None:
        """2021's revised 18.4 meets 12; 2020, 2022 and 2023 fall short: met 1 of 4."""
        iva = shipped["industrial-value-added"]
        assert periods(iva)[:4] == [
            ("2020", "8%左右", 2.6, "not-met"),  # 8 - 2.6 = 5.4 short
            ("2021", "12", 18.4, "met"),  # 18.4 revises 18.5; either meets 12
            ("2022", "13", 1.5, "not-met"),
            ("2023", "8%以上", 4.3, "not-met"),
        ]
        assert iva["track_record"] == {"met": 1, "judged": 4}

    def test_fixed_asset_investment(self, shipped: dict[str, dict[str, Any]]) -> None:
        """12.1 >= 12 (2020) and 12 >= 10 (2021) met; -14.9 and -4.6 not: met 2 of 4."""
        fai = shipped["fixed-asset-investment"]
        assert [v for *_, v in periods(fai)] == ["met", "met", "not-met", "not-met", None]
        assert fai["track_record"] == {"met": 2, "judged": 4}

    def test_consumer_prices_are_a_ceiling(self, shipped: dict[str, dict[str, Any]]) -> None:
        """CPI 'about 3' is met below it: 2.3 (2022) is 完成; the other years have no figure."""
        cpi = shipped["consumer-prices"]
        assert ("2022", "3%左右", 2.3, "met") in periods(cpi)
        assert cpi["track_record"] == {"met": 1, "judged": 1}
        assert cpi["label_zh"] == "完成"

    def test_urban_jobs_in_thousands(self, shipped: dict[str, dict[str, Any]]) -> None:
        """4.2万 = 42 >= 40, 4.3万 = 43 >= 40 twice: met 3 of 3; 2024's 42 has no target."""
        jobs = shipped["urban-jobs"]
        assert periods(jobs)[:3] == [
            ("2020", "40", 42.0, "met"),
            ("2021", ">= 40", 43.0, "met"),
            ("2022", ">= 40", 43.0, "met"),
        ]
        assert jobs["track_record"] == {"met": 3, "judged": 3}
        assert jobs["latest"] == {"value": 42.0, "date": "2024-12-31"}

    def test_income_in_step_with_growth(self, shipped: dict[str, dict[str, Any]]) -> None:
        """Each year's target is that year's GDP growth; short by 0.5 or less is broadly met."""
        income = shipped["income-growth"]
        assert [
            (p["period"], p["target"], p["outturn"], p["verdict"]) for p in income["schedule"]
        ] == [
            ("2020", 3.0, 5.3, "met"),  # 5.3 >= 3
            ("2021", 10.5, 10.0, "broadly-met"),  # 10.5 - 10 = 0.5 <= 0.5
            ("2022", 1.1, 1.2, "met"),
            ("2023", 3.7, 3.5, "broadly-met"),  # 3.7 - 3.5 = 0.2
        ]
        assert income["track_record"] == {"met": 4, "judged": 4}

    def test_budget_revenue_level_revised(self, shipped: dict[str, dict[str, Any]]) -> None:
        """The bulletin's 160.84 revises the report's 160.83 for 2022; the level is reported."""
        level = shipped["budget-revenue-level"]
        assert level["role"] == "reported"
        assert level["latest"] == {"value": 160.84, "date": "2022-12-31"}


def as_of(folder_factory: pytest.TempPathFactory, day: str) -> dict[str, dict[str, Any]]:
    """`zqplan status --json --as-of DAY` on a copy of the shipped registry, by id."""
    folder = folder_factory.mktemp("shipped")
    shutil.copyfile(ROOT / "targets.toml", folder / "targets.toml")
    result = run_zqplan("status", "--json", "--as-of", day, cwd=folder)
    assert result.returncode == 0, result.stderr
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


class TestMultiYearGoals:
    """The 14th Five-Year goals, the 2022-2026 term and the industry numbers."""

    def test_urbanisation_at_risk_in_mid_2025(
        self, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """55% by 2025 from 52.14 (2022), linear: 53.71 in 2024 is too slow, R = 0.82."""
        urbanisation = as_of(tmp_path_factory, "2025-06-30")["urbanisation"]
        # a_req = (55 - 52.14) / 3 = 0.953333 points a year; a_obs = (53.71 - 52.14) / 2
        # = 0.785; R = 0.785 / 0.953333 = 0.823427: 0.60 <= R < 0.95, at risk.
        assert urbanisation["required_rate"] == pytest.approx(2.86 / 3)
        assert urbanisation["observed_rate"] == pytest.approx(0.785)
        assert urbanisation["ratio"] == pytest.approx(0.823427, abs=1e-6)
        assert urbanisation["progress"] == pytest.approx(1.57 / 2.86)  # 54.9%
        assert urbanisation["status"] == "at-risk"

    def test_urbanisation_missed_without_a_2025_figure(
        self, shipped: dict[str, dict[str, Any]]
    ) -> None:
        """Past 2025 and its publication lag with no 2025 rate: judged on 2024's 53.71 < 55."""
        urbanisation = shipped["urbanisation"]
        assert (urbanisation["status"], urbanisation["final"], urbanisation["stale"]) == (
            "missed",
            True,
            True,
        )

    def test_gdp_3000_has_no_date(self, shipped: dict[str, dict[str, Any]]) -> None:
        """300 billion yuan with no date: no verdict, progress 88.1% from 2020's 231.165."""
        gdp = shipped["gdp-3000"]
        assert gdp["status"] == "no-target"
        assert gdp["target"] == {"value": 300.0, "date": None}  # 3000亿元
        # (291.785 - 231.165) / (300 - 231.165) = 60.62 / 68.835 = 0.880657
        assert gdp["progress"] == pytest.approx(60.62 / 68.835)
        # compound g_obs = (291.785 / 231.165) ** (1/4) - 1 = 0.059950 a year
        assert gdp["observed_rate"] == pytest.approx((291.785 / 231.165) ** 0.25 - 1)

    def test_four_plus_four_output_missed(self, shipped: dict[str, dict[str, Any]]) -> None:
        """3619亿元 in 2022 against 3700亿元: not met."""
        output = shipped["four-plus-four-output"]
        assert periods(output) == [("2022", "3700", 3619.0, "not-met")]
        assert output["status"] == "missed"

    def test_xpeng_capacity_achieved(self, shipped: dict[str, dict[str, Any]]) -> None:
        """From 100,000 (2021) to 200,000 in 2022 against more than 150,000: achieved."""
        xpeng = shipped["xpeng-capacity"]
        assert xpeng["status"] == "achieved"
        assert xpeng["progress"] == pytest.approx(2.0)  # (200000 - 100000) / (150000 - 100000)

    def test_battery_capacity_revised(self, shipped: dict[str, dict[str, Any]]) -> None:
        """The 2023 report's 25 GWh for 2023 revises the 2022 report's 10 GWh for 2022."""
        battery = shipped["battery-capacity"]
        assert battery["target"] == {"value": 25.0, "date": "2023-12-31"}
        assert battery["revision"]["planned_target"] == {"value": 10.0, "date": "2022-12-31"}
        assert battery["revision"]["decided"] == "2023-02-02"
        assert battery["status"] == "no-data"  # no capacity figure in any source

    def test_high_tech_enterprises(self, shipped: dict[str, dict[str, Any]]) -> None:
        """1000 >= 900 (2021), 1377 > 1200 (2022); 2023's 1500 has no figure: met 2 of 2."""
        firms = shipped["high-tech-enterprises"]
        assert periods(firms) == [
            ("2021", "900", 1000.0, "met"),
            ("2022", "> 1200", 1377.0, "met"),
            ("2023", "1500", None, None),
        ]
        assert firms["track_record"] == {"met": 2, "judged": 2}

    def test_expressway_from_695_km(self, shipped: dict[str, dict[str, Any]]) -> None:
        """230 km of new expressway from 695 km at the end of 2021: 925 km by 2026."""
        assert shipped["expressway-2026"]["target"] == {"value": 925.0, "date": "2026-12-31"}


class TestYearlyEntryQuotes:
    """A year written as { target, source, document } quotes its own sentence."""

    HEAD = (
        'schema = "zqplan.registry/1"\n[plan]\nid = "t"\ntitle = "T"\ndocument = "a"\n'
        '[documents.a]\ntitle = "A"\n[documents.b]\ntitle = "B"\n[areas.e]\ntitle = "E"\n'
        '[targets.g]\narea = "e"\ntitle = "G"\nsource = "x"\nunit = "%"\n[targets.g.yearly]\n'
    )

    def test_parsed(self, tmp_path: Path) -> None:
        """The year's source and document are kept; a bare year has neither."""
        from zqplan.registry import load_plan

        path = tmp_path / "targets.toml"
        path.write_text(
            self.HEAD + '2022 = { target = "7%左右", source = "增长7%左右", document = "b" }\n'
            "2023 = 6\n",
            encoding="utf-8",
        )
        target = load_plan(path).targets[0]
        first, second = target.schedule
        assert (first.written, first.value, first.source, first.document) == (
            "7%左右",
            7.0,
            "增长7%左右",
            "b",
        )
        assert (second.source, second.document) == (None, None)

    @pytest.mark.parametrize(
        ("entry", "message"),
        [
            ('{ source = "s" }', "'targets.g.yearly.2022' has no target"),
            ('{ target = "7", sauce = "s" }', "unknown key 'targets.g.yearly.2022.sauce'"),
            (
                '{ target = "7", document = "c" }',
                "'targets.g.yearly.2022.document' names document 'c', which [documents]",
            ),
            ('{ target = "7", source = 5 }', "'targets.g.yearly.2022.source' must be a string"),
            ('{ target = "seven" }', "'targets.g.yearly.2022' = \"seven\" has no comparator"),
        ],
    )
    def test_mistakes(self, tmp_path: Path, entry: str, message: str) -> None:
        """check names each mistake at its line, exit 1."""
        (tmp_path / "targets.toml").write_text(self.HEAD + f"2022 = {entry}\n", encoding="utf-8")
        result = run_zqplan("check", cwd=tmp_path)
        assert result.returncode == 1
        assert f"targets.toml:18: {message}" in result.stdout + result.stderr


def test_readme_excerpt_is_real(tmp_path: Path) -> None:
    """The README's year-by-year excerpt is what `zqplan show gdp-growth` prints."""
    shutil.copyfile(ROOT / "targets.toml", tmp_path / "targets.toml")
    result = run_zqplan("show", "gdp-growth", "--as-of", AS_OF, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = result.stdout.split("year by year\n", 1)[1].split("\n\n", 1)[0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "year by year\n" + shown + "\n...\n\n$ zqplan status --as-of" in readme
    table = run_zqplan(
        "status",
        "--area",
        "yearly-targets",
        "--fields",
        "id,period,status,label_zh,track_record_met,track_record_judged",
        "--as-of",
        AS_OF,
        cwd=tmp_path,
    ).stdout.splitlines()
    for line in (table[0], table[1], table[-1]):  # the header, GDP growth and income
        assert line + "\n" in readme

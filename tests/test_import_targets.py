"""`zqplan import-targets`: an indicator table's rows as registry entries, checked first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import run_zqplan

from zqplan.indicators import Defaults, Entry, entries, make_id, read_rows
from zqplan.options import Lang

AREAS = {"economy": ("Economy", "经济发展"), "ecology": ("Ecology", None)}

TABLE = """\
序号,指标,indicator,单位,2020年基期值,2025年目标值,年均增长,属性,领域
1,地区生产总值,GDP total,亿元,2312,3400,7%,预期性,经济发展
2,森林覆盖率,Forest cover rate,%,70.9,≥71,,约束性,economy
3,单位GDP能耗,Energy use per unit of GDP,吨标准煤/万元,0.5,,,约束性,economy
"""
"""A plan table as a 十四五 outline prints it (the years in the headings)."""


def parsed(text: str, **defaults: object) -> tuple[list[Entry], list[str]]:
    """The entries of a CSV text and its problems as text (pure: no process)."""
    found, problems = entries(
        read_rows(text),
        name="t.csv",
        areas=AREAS,
        defaults=Defaults(**defaults),  # type: ignore[arg-type]
        lang=Lang.EN,
    )
    return found, [str(p) for p in problems]


class TestTable:
    def test_a_plan_table(self) -> None:
        found, problems = parsed(TABLE, source="Outline, table 1")
        assert problems == []
        gdp, forest, energy = found
        assert (gdp.id, gdp.row) == ("gdp-total", 2)
        assert gdp.table["area"] == "economy"  # by its Chinese title
        assert gdp.table["title_zh"] == "地区生产总值"
        assert gdp.table["baseline"] == {"value": 2312, "date": dt.date(2020, 12, 31)}
        assert gdp.table["target"]["value"] == 3400
        assert gdp.table["target"]["date"].year == 2025
        # One form of target: the value; the table's growth goes into the note.
        assert "annual_growth" not in gdp.table["target"]
        assert gdp.table["note"] == "the table also gives annual growth of 7%"
        assert gdp.table["attribute"] == "anticipatory"
        assert forest.table["direction"] == "at-least"  # ≥71
        assert forest.table["target"]["value"] == 71
        assert forest.table["attribute"] == "binding"
        assert "target" not in energy.table  # no goal given: no-target, not invented

    def test_growth_change_and_decrease(self) -> None:
        text = (
            "id,indicator,unit,baseline,baseline year,target,year,annual growth,change\n"
            "sales,Sales,billion yuan,80,2022,,2027,6,\n"
            "energy,Energy intensity,t/10k yuan,0.5,2020,,2025,,-13.5%\n"
            "dust,PM2.5,μg/m³,30,2020,28,2025,,\n"
        )
        found, problems = parsed(text, source="S", area="ecology")
        assert problems == []
        sales, energy, dust = found
        assert sales.table["target"] == {
            "annual_growth": 6.0,
            "date": sales.table["target"]["date"],
        }
        assert "direction" not in sales.table
        assert energy.table["target"]["change"] == -13.5
        assert energy.table["direction"] == "decrease"  # a cut
        assert dust.table["direction"] == "decrease"  # 28 below the baseline of 30
        assert dust.id == "dust"

    def test_year_headings(self) -> None:
        """指标, 2020年, 2025年: the earlier year is the baseline, the later the target."""
        text = "指标,indicator,单位,2020年,2025年,年均增长[累计],属性\n"
        text += "常住人口,Residents,万人,411,450,,预期性\n"
        found, problems = parsed(text, source="S", area="economy")
        assert problems == []
        (residents,) = found
        assert residents.table["baseline"] == {"value": 411, "date": dt.date(2020, 12, 31)}
        assert residents.table["target"] == {"value": 450, "date": dt.date(2025, 12, 31)}
        _, three = parsed("indicator,unit,2020,2021,2022\nGDP,%,1,2,3\n", source="S")
        assert three[0].startswith("t.csv:1:3: unknown column '2020'")  # a yearbook, not a plan

    def test_heading_rows_set_the_area(self) -> None:
        text = "指标,indicator,单位,目标值,目标年\n一、生态环境,,,,\n森林,Forest,%,72,2027\n"
        found, problems = parsed(text.replace("生态环境", "Ecology"), source="S")
        assert problems == []
        assert found[0].table["area"] == "ecology"

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("指标,单位,colour\nGDP,%,red\n", "t.csv:1:3: unknown column 'colour'"),
            ("indicator,unit,target,year\nGDP,%,abc,2025\n", "t.csv:2:3: 'abc' is not a number"),
            ("indicator,unit,target,year\nGDP,%,5,twenty\n", "t.csv:2:4: 'twenty' is not a year"),
            ("indicator,unit,attribute\nGDP,%,maybe\n", "t.csv:2:3: attribute 'maybe' is not"),
            ("indicator,unit,target\nGDP,%,5\n", "t.csv:2: no target year"),
            ("indicator,unit,annual growth,year\nGDP,%,6,2025\n", "t.csv:2:3: annual_growth needs"),
            (
                "indicator,unit,target,year\nGDP,%,〔13.5〕,2025\n",
                "t.csv:2:3: '〔13.5〕' is not a number",
            ),
            ("指标,单位\n地区生产总值,亿元\n", "t.csv:2:1: no id for '地区生产总值'"),
            ("indicator,unit,area\nGDP,%,mars\n", "t.csv:2:3: area 'mars' is not under [areas]"),
            ("indicator,unit\nGDP,%\nGDP,%\n", "t.csv:3:1: id 'gdp' again (first in row 2"),
            ("id,indicator,unit\nGDP_1,GDP,%\n", "t.csv:2:1: id 'GDP_1' must be lower-case"),
            ("indicator,unit,target,year\nGDP,,5,2025\n", "t.csv:2:2: no unit"),
            ("indicator,unit\nGDP,\n", "t.csv:2:1: 'GDP' alone on its row is read as an area"),
        ],
    )
    def test_bad_cells_by_row_and_column(self, text: str, problem: str) -> None:
        found, problems = parsed(text, source="S", area="economy")
        assert any(p.startswith(problem) for p in problems), problems
        assert problem.split(":")[1] not in {str(e.row) for e in found}

    def test_no_source_and_no_area(self) -> None:
        _, problems = parsed("indicator,unit\nGDP,%\n")
        assert problems == [
            "t.csv:2: no area (add a 领域/area column, a heading row, or --area)",
            "t.csv:2: no source (add a 来源/source column, or --source quoting the plan's table)",
        ]

    def test_ids_from_titles(self) -> None:
        assert make_id("GDP per capita (yuan)") == "gdp-per-capita-yuan"
        assert make_id("5G base stations") == "t-5g-base-stations"
        assert len(make_id("word " * 30)) <= 48


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """tmp_path/plan from the commented template: areas economy; targets gdp..."""
    done = run_zqplan("init", "plan", "--empty", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "plan"


def registry_bytes(plan: Path) -> bytes:
    return (plan / "targets.toml").read_bytes()


SOURCE = ("--source", "Outline, table 1")


class TestImport:
    def test_gbk_table_appended_and_checked(self, plan: Path) -> None:
        """A GBK CSV (Excel on a Chinese Windows): three targets after every byte before."""
        (plan / "t.csv").write_bytes(TABLE.replace("经济发展", "economy").encode("gbk"))
        before = registry_bytes(plan)
        result = run_zqplan("import-targets", "t.csv", *SOURCE, cwd=plan)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert "added 3 and replaced 0 targets in targets.toml (10 targets now)" in result.stderr
        after = registry_bytes(plan)
        assert after.startswith(before)
        assert "[targets.gdp-total]\n" in after[len(before) :].decode("utf-8")
        assert run_zqplan("check", cwd=plan).returncode == 0
        status = json.loads(run_zqplan("status", "--json", cwd=plan).stdout)
        ids = {t["id"]: t for t in status["targets"]}
        assert ids["gdp-total"]["target"]["value"] == 3400
        assert ids["forest-cover-rate"]["direction"] == "at-least"

    def test_bad_cells_nothing_written(self, plan: Path) -> None:
        (plan / "t.csv").write_text(
            "指标,indicator,单位,目标值,目标年,属性\n"
            "产值,Output,亿元,lots,2025,预期性\n"
            "产量,Yield,吨,5,2025,大概\n",
            encoding="utf-8",
        )
        before = registry_bytes(plan)
        result = run_zqplan("import-targets", "t.csv", *SOURCE, "--area", "economy", cwd=plan)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert lines[0].startswith("zqplan: error: t.csv:2:4: 'lots' is not a number")
        assert lines[1].startswith("zqplan: error: t.csv:3:6: attribute '大概'")
        assert lines[-1] == "zqplan: error: nothing written to targets.toml"
        assert registry_bytes(plan) == before

    def test_what_check_refuses_is_named_by_row(self, plan: Path) -> None:
        """A target above its baseline with direction decrease: check's problem, at the row."""
        (plan / "t.csv").write_text(
            "indicator,unit,baseline,baseline year,target,year,direction\n"
            "Smog days,days,10,2022,20,2027,decrease\n",
            encoding="utf-8",
        )
        before = registry_bytes(plan)
        result = run_zqplan("import-targets", "t.csv", *SOURCE, "--area", "economy", cwd=plan)
        assert result.returncode == 1
        assert "zqplan: error: t.csv:2: from row 2: " in result.stderr
        assert registry_bytes(plan) == before

    def test_dry_run_prints_the_toml(self, plan: Path) -> None:
        (plan / "t.csv").write_text("indicator,unit,target,year\nPort calls,ships,500,2026\n")
        before = registry_bytes(plan)
        result = run_zqplan(
            "import-targets", "t.csv", *SOURCE, "--area", "economy", "--dry-run", cwd=plan
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == (
            "[targets.port-calls]\n"
            'area = "economy"\n'
            'title = "Port calls"\n'
            'source = "Outline, table 1"\n'
            'unit = "ships"\n'
            "target = {value = 500, date = 2026-12-31}\n"
        )
        assert registry_bytes(plan) == before

    def test_existing_ids_refused_unless_replace(self, plan: Path) -> None:
        """gdp is in the template: refused; with --replace only its table's lines change,
        and the comment before the next target stays."""
        (plan / "t.csv").write_text(
            "id,indicator,unit,基期值,基期年,目标值,目标年\n"
            "gdp,GDP,billion yuan,100,2022,160,2027\n",
            encoding="utf-8",
        )
        before = registry_bytes(plan)
        args = ("import-targets", "t.csv", *SOURCE, "--area", "economy")
        refused = run_zqplan(*args, cwd=plan)
        assert refused.returncode == 1
        assert "t.csv:2: 'gdp' is already in targets.toml (give --replace" in refused.stderr
        assert registry_bytes(plan) == before
        replaced = run_zqplan(*args, "--replace", cwd=plan)
        assert replaced.returncode == 0, replaced.stderr
        assert "added 0 and replaced 1 targets" in replaced.stderr
        text, old = registry_bytes(plan).decode("utf-8"), before.decode("utf-8")
        head = old[: old.index("[targets.gdp]")]
        tail = old[old.index("# note = ") :]  # the comments after gdp's last key, and on
        assert text.startswith(head + "[targets.gdp]\n")
        assert text.endswith(tail)
        assert "target = {value = 160, date = 2027-12-31}\n" in text
        assert "value = 150" not in text
        assert run_zqplan("check", cwd=plan).returncode == 0

    def test_xlsx_sheet(self, plan: Path) -> None:
        import openpyxl  # type: ignore[import-untyped]

        book = openpyxl.Workbook()
        book.active.title = "cover"
        sheet = book.create_sheet("指标")
        sheet.append(["指标", "indicator", "单位", "2025年目标值", "属性"])
        sheet.append(["港口吞吐量", "Port throughput", "万吨", 5000, "预期性"])
        book.save(plan / "t.xlsx")
        result = run_zqplan(
            "import-targets",
            "t.xlsx",
            "--sheet",
            "指标",
            *SOURCE,
            "--area",
            "economy",
            cwd=plan,
        )
        assert result.returncode == 0, result.stderr
        text = registry_bytes(plan).decode("utf-8")
        assert '[targets.port-throughput]\narea = "economy"\ntitle = "Port throughput"\n' in text
        assert "target = {value = 5000, date = 2025-12-31}" in text

    def test_in_chinese(self, plan: Path) -> None:
        (plan / "t.csv").write_text("indicator,unit\nGDP,%\n", encoding="utf-8")
        result = run_zqplan("import-targets", "t.csv", "--lang", "zh", cwd=plan)
        assert "t.csv:2: 没有领域" in result.stderr
        assert "未向 targets.toml 写入任何内容" in result.stderr

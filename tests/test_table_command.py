"""`zqplan table` (the 完成情况表) in every format, its filters, and number precision:
full in CSV/TSV/ndjson/JSON (data), rounded in the table view and Markdown (people)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from helpers import run_zqplan

REGISTRY = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
title_zh = "测试规划"
[areas.a]
title = "A"
title_zh = "甲"
[areas.b]
title = "B"
title_zh = "乙"

[targets.gdp-growth]
area = "a"
title = "GDP growth"
title_zh = "国内生产总值增长"
source = "government work reports 2021-2025"
unit = "%"
direction = "increase"
observations = [
  { date = 2021-12-31, value = 10.5 },
  { date = 2022-12-31, value = 1.1 },
  { date = 2023-12-31, value = 3.7 },
  { date = 2025-03-31, value = 5.5 },
]

[targets.gdp-growth.yearly]
2021 = 7
2022 = "about 7"
2023 = ">= 5.5"
2024 = "5"
2025 = "5左右"

[targets.output]
area = "b"
title = "Output"
title_zh = "产值"
source = "s"
unit = "亿元"
direction = "increase"
baseline = { value = 5000.0, date = 2020-12-31 }
target = { value = 6000.0, date = 2024-12-31 }
observations = [
  { date = 2023-12-31, value = 5754.363986345623 },
  { date = 2024-12-31, value = 5990.0 },
]

[targets.no-figures]
area = "b"
title = "Nothing yet"
title_zh = "暂无"
source = "s"
kind = "yes-no"
"""

AS_OF = "2025-05-01"


def table(folder: Path, *args: str) -> str:
    """`zqplan table --as-of AS_OF ARGS` on REGISTRY: stdout (the run must succeed)."""
    (folder / "targets.toml").write_text(REGISTRY, encoding="utf-8")
    result = run_zqplan("table", "--as-of", AS_OF, *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_table_view_in_english(tmp_path: Path) -> None:
    """Targets as written, outturns with the verdict words, the goal in its year."""
    out = table(tmp_path)
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("id"))
    assert "2021 target" in header
    assert "2025 outturn" in header
    gdp = next(line for line in lines if line.startswith("gdp-growth"))
    # 2021: 7, 10.5 >= 7 met; 2022 about 7, 1.1 short by 5.9 > 0.5: not met;
    # 2023 >= 5.5, 3.7 < 5.5: not met; 2024: no figure; 2025: 5.5 by 03-31 >= 5: on track.
    for cell in ("10.5 met", "about 7", "1.1 not met", "≥ 5.5", "3.7 not met", "—"):
        assert cell in gdp
    assert "5.5 (to 03-31, on track)" in gdp
    output = next(line for line in lines if line.startswith("output"))
    # output: 5,990 < 6,000 at 2024-12-31, judged on 2025-05-01 (after the date): missed.
    # 5754.363986345623 is rounded to 2 decimals for people.
    assert "5,754.36" in output
    assert "6,000 (plan)" in output
    assert "5,990 not met" in output
    assert output.rstrip().endswith("missed")
    # A yes/no target with no figure and no date has nothing by year: left out.
    assert "no-figures" not in out


def test_table_view_in_chinese_has_no_english(tmp_path: Path) -> None:
    """--lang zh: every word Chinese; only ids, units, numbers and dates are Latin."""
    out = table(tmp_path, "--lang", "zh")
    assert "2022年目标" in out
    assert "7左右" in out
    assert "1.1 未完成" in out
    assert "10.5 完成" in out
    assert "6000（规划目标）" in out  # Chinese numbers have no thousands separators
    assert "5.5（截至03-31，符合预期）" in out
    assert "未实现" in out
    leftover = re.sub(r"gdp-growth|output|\d{4}-\d{2}-\d{2}", "", out)
    assert re.findall(r"[A-Za-z]{2,}", leftover) == []


def test_json_schema(tmp_path: Path) -> None:
    """zqplan.table/1: years, one entry per year per row, numbers unrounded."""
    document = json.loads(table(tmp_path, "--json"))
    assert document["schema"] == "zqplan.table/1"
    assert document["years"] == [2021, 2022, 2023, 2024, 2025]
    rows = {row["id"]: row for row in document["rows"]}
    assert list(rows) == ["gdp-growth", "output"]
    gdp = {cell["year"]: cell for cell in rows["gdp-growth"]["years"]}
    assert gdp[2022] == {
        "year": 2022,
        "target": 7.0,
        "target_high": None,
        "comparator": "about",
        "written": "about 7",
        "source": "yearly",
        "outturn": 1.1,
        "year_to_date": None,
        "verdict": "not-met",
        "status": "missed",
    }
    assert gdp[2025]["year_to_date"] == {"value": 5.5, "date": "2025-03-31"}
    output = {cell["year"]: cell for cell in rows["output"]["years"]}
    assert output[2023]["outturn"] == 5754.363986345623
    assert (output[2024]["source"], output[2024]["verdict"]) == ("goal", "not-met")
    assert rows["output"]["status"] == "missed"
    assert rows["output"]["label_zh"] == "未实现"


def test_csv_tsv_ndjson_keep_full_precision(tmp_path: Path) -> None:
    """Data formats carry the figure as recorded: 5754.363986345623, not 5,754.36."""
    rows = list(csv.DictReader(io.StringIO(table(tmp_path, "--format", "csv").lstrip("\ufeff"))))
    output = next(r for r in rows if r["id"] == "output")
    assert output["2023_outturn"] == "5754.363986345623"
    assert (output["2024_comparator"], output["2024_verdict"]) == ("goal", "not-met")
    tsv = table(tmp_path, "--format", "tsv", "--fields", "id,2023_outturn")
    assert tsv.splitlines()[2] == "output\t5754.363986345623"
    lines = table(tmp_path, "--format", "ndjson").splitlines()
    assert json.loads(lines[1])["2023_outturn"] == 5754.363986345623


def test_markdown_is_for_people(tmp_path: Path) -> None:
    """Markdown: the view's headings and rounded cells, in the language."""
    out = table(tmp_path, "--format", "markdown", "--lang", "zh")
    assert out.startswith("| 编号 | 指标 | 单位 | 基期值 | 2021年目标 | 2021年完成 |")
    assert "| output | 产值 | 亿元 | 5000 |" in out  # no thousands separators in Chinese
    assert "5754.36" in out
    assert "5754.363986345623" not in out
    # With --fields it is the flat table of those columns, rounded.
    flat = table(tmp_path, "--format", "markdown", "--fields", "id,2023_outturn")
    assert "| output | 5754.36 |" in flat


def test_filters(tmp_path: Path) -> None:
    """--area and --status keep rows as status does; the years shrink to theirs."""
    document = json.loads(table(tmp_path, "--json", "--area", "b"))
    assert [r["id"] for r in document["rows"]] == ["output"]
    assert document["years"] == [2023, 2024]  # output's figure in 2023, goal in 2024
    missed = json.loads(table(tmp_path, "--json", "--status", "on-track"))
    assert [r["id"] for r in missed["rows"]] == ["gdp-growth"]
    bad = run_zqplan("table", "--area", "nowhere", cwd=tmp_path)
    assert bad.returncode == 2
    assert "--area 'nowhere' is not an area" in bad.stderr


def test_known_at_leaves_later_records_out(tmp_path: Path) -> None:
    """A figure recorded today is not known on 2020-01-01."""
    (tmp_path / "targets.toml").write_text(REGISTRY, encoding="utf-8")
    update = run_zqplan("update", "gdp-growth", "2.2", "--date", "2024-12-31", cwd=tmp_path)
    assert update.returncode == 0, update.stderr
    now = json.loads(table(tmp_path, "--json"))
    before = json.loads(table(tmp_path, "--json", "--known-at", "2020-01-01"))
    # 2024: target 5, 2.2 < 5: not met; unknown on 2020-01-01: no outturn.
    assert now["rows"][0]["years"][3]["outturn"] == 2.2
    assert now["rows"][0]["years"][3]["verdict"] == "not-met"
    assert before["rows"][0]["years"][3]["outturn"] is None
    assert before["known_at"] == "2020-01-01"


def test_status_precision_by_format(tmp_path: Path) -> None:
    """status: CSV keeps 5754.363986345623; Markdown and the --fields table round it."""
    (tmp_path / "targets.toml").write_text(REGISTRY, encoding="utf-8")

    def status(*args: str) -> str:
        result = run_zqplan(
            "status", "--as-of", "2024-06-01", "--area", "b", "--status", "on-track", *args,
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    fields = ("--fields", "id,latest_value,progress")
    # progress p = (5754.363986345623 - 5000) / (6000 - 5000) = 0.75436398634562...,
    # in binary floating point the repr of that division.
    progress = repr((5754.363986345623 - 5000) / (6000 - 5000))
    assert status("--format", "csv", *fields).splitlines()[1] == (
        f"output,5754.363986345623,{progress}"
    )
    assert status("--format", "ndjson", *fields).strip() == (
        f'{{"id": "output", "latest_value": 5754.363986345623, "progress": {progress}}}'
    )
    # For people: 2 decimals from 1 up, 4 significant digits below 1.
    assert "| output | 5754.36 | 0.7544 |" in status("--format", "markdown", *fields)
    assert status(*fields).splitlines()[-1].split() == ["output", "5754.36", "0.7544"]
    flat = status("--format", "markdown")  # every column, still rounded
    assert "5754.36" in flat
    assert "5754.363986345623" not in flat


def test_part_year_figure_of_a_level_is_not_judged(tmp_path: Path) -> None:
    """A yearly target in 亿元 with only a September figure: the method gives no verdict
    year to date for levels (no-data), so the cell says how far the figure goes, no more."""
    registry = (
        REGISTRY
        + """
[targets.revenue]
area = "b"
title = "Revenue"
title_zh = "收入"
source = "s"
unit = "亿元"
direction = "increase"
observations = [{ date = 2025-09-30, value = 80.0 }]

[targets.revenue.yearly]
2025 = 100
"""
    )
    (tmp_path / "targets.toml").write_text(registry, encoding="utf-8")
    result = run_zqplan("table", "--as-of", "2025-11-01", "--area", "b", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    revenue = next(line for line in result.stdout.splitlines() if line.startswith("revenue"))
    assert "80 (to 09-30)" in revenue
    assert "80 (to 09-30, no data)" not in revenue


def test_hostile_titles_stay_literal(tmp_path: Path) -> None:
    """Rich markup, an escape sequence and a bidi override in a title: shown as text,
    never interpreted, in the table view and in Markdown (pipes escaped)."""
    hostile = REGISTRY.replace(
        'title_zh = "产值"', 'title_zh = "[red]产值[/red] \\u001b[31m \\u202e | <script>"'
    )
    (tmp_path / "targets.toml").write_text(hostile, encoding="utf-8")
    for fmt in ("table", "markdown"):
        result = run_zqplan(
            "table", "--as-of", AS_OF, "--lang", "zh", "--format", fmt, cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert "[red]产值[/red]" in result.stdout
        assert "\x1b" not in result.stdout
        assert "\u202e" not in result.stdout
        assert "\\u001b" in result.stdout
    markdown = run_zqplan(
        "table", "--as-of", AS_OF, "--lang", "zh", "--format", "markdown", cwd=tmp_path
    ).stdout
    assert "\\| <script>" in markdown

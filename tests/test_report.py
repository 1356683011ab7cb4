"""`zqplan report`: Markdown, the xlsx workbook read back, hostile text, the command's rules.

The plan and every status in it are worked by hand in tests/report_plan.py.
The HTML report is checked in a real browser in tests/test_report_browser.py.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from helpers import run_zqplan, zqplan_command
from report_plan import AREAS, AS_OF, HOSTILE, STATUSES, plan_text

from zqplan.meeting.markdown import escaped
from zqplan.safe import printable

SHOWN_HOSTILE = printable(HOSTILE)
"""The hostile text as zqplan shows any text: the bidi override as \\u202e, never acting."""


def report(folder: Path, *args: str, plan: str | None = None) -> subprocess.CompletedProcess[str]:
    """`zqplan report --as-of AS_OF ARGS` in folder, on the test plan (or `plan`)."""
    (folder / "targets.toml").write_text(plan or plan_text(), encoding="utf-8")
    return run_zqplan("report", "--as-of", AS_OF, *args, cwd=folder)


def test_markdown_has_summary_attention_and_a_table_per_area(tmp_path: Path) -> None:
    done = report(tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    # 7 commitments: forest, zone and gdp-growth achieved (3), grain on track,
    # farm-output at risk, factories off track, old-plan missed; openness not judged.
    assert (
        "**7** commitments judged: ✔ 3 achieved, ● 1 on track, ▲ 1 at risk, needs to speed "
        "up, ▼ 1 off track, ✖ 1 missed; 1 entry listed, not judged." in text
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Needs attention", "## Farming", "## Industry"]
    farming = text.split("## Farming")[1].split("## Industry")[0]
    industry = text.split("## Industry")[1]
    for body, area in ((farming, "farm"), (industry, "industry")):
        ids = [line.split(" | ")[0].removeprefix("| ") for line in body.splitlines()[4:] if line]
        assert ids == AREAS[area]
    # farm-output: (86 - 80) / (100 - 80) = 30.0%, at risk (R = 0.8068).
    assert (
        "| farm-output | Farm output (low-confidence) | 86 billion yuan | 100 billion yuan by "
        "2027-12-31 | 30.0% | ▲ at risk, needs to speed up |" in farming
    )
    # The worst first: missed (old-plan), then off track (factories); one sentence each.
    attention = text.split("## Needs attention")[1].split("## Farming")[0].strip().splitlines()
    assert [line.split("** (")[1].split(",")[0] for line in attention] == ["old-plan", "factories"]
    assert attention[0].endswith(": At 15 parks of 20 parks by 2022: missed.")


def test_markdown_in_chinese_has_chinese_headings(tmp_path: Path) -> None:
    done = report(tmp_path, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("# 报告测试规划\n\n进展报告 · 截至 2025-06-30\n")
    assert "## 总体情况" in text
    assert "## 需要关注" in text
    assert "## 农业" in text
    assert "| 编号 | 指标 | 最新值 | 目标 | 进度 | 状态 |" in text
    assert "**7** 项承诺已评估：✔ 已实现 3，● 符合预期 1，▲ 需加快 1，▼ 滞后 1，✖ 未实现 1" in text
    assert "| zone | 建成合作区 | 已完成 |" in text
    # Nothing English but ids, units and numbers: the words of the report are Chinese.
    words = set(re.findall(r"[A-Za-z]+", text))
    ids = {part for target in STATUSES for part in target.split("-")} | {"openness"}
    units = {"billion", "yuan", "factories", "parks"}
    assert words - ids - units == set()


def test_status_filter_and_area_filter_as_for_status(tmp_path: Path) -> None:
    done = report(tmp_path, "--status", "off-track", "--status", "missed", "--area", "industry")
    assert done.returncode == 0, done.stderr
    assert "**2** commitments judged: ▼ 1 off track, ✖ 1 missed." in done.stdout
    assert "Shown: in area industry; off-track or missed" in done.stdout
    assert "## Farming" not in done.stdout
    wrong = report(tmp_path, "--area", "farmin")
    assert wrong.returncode == 2
    assert "--area 'farmin' is not an area" in wrong.stderr


def _workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def test_xlsx_read_back(tmp_path: Path) -> None:
    done = report(tmp_path, "-o", "meeting.xlsx")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    book = _workbook(tmp_path / "meeting.xlsx")
    assert book.sheetnames == ["Status", "By year", "History"]
    by_year = book["By year"]
    names = [cell.value for cell in by_year[1]]
    gdp = next(row for row in by_year.iter_rows(min_row=2) if row[0].value == "gdp-growth")
    # The registry's "about 7" and ">= 2" in English words, not as typed.
    cells = dict(zip(names, (cell.value for cell in gdp), strict=True))
    assert cells["2022 target"] == "about 7"
    assert cells["2024 target"] == "≥ 2"
    status = book["Status"]
    header = [cell.value for cell in status[1]]
    assert header[:4] == ["id", "title", "area", "unit"]
    assert header[10:13] == ["progress", "expected", "status"]
    assert status.freeze_panes == "A2"
    assert status.auto_filter.ref == "A1:P9"  # 8 targets below the header, 16 columns
    rows = {row[0].value: row for row in status.iter_rows(min_row=2)}
    assert list(rows) == AREAS["farm"] + AREAS["industry"]
    farm = rows["farm-output"]
    assert farm[6].value == 86
    assert farm[6].number_format == '#,##0" billion yuan"'
    assert farm[7].value == dt.datetime(2024, 12, 31)  # an Excel date, not text
    assert farm[7].number_format == "yyyy-mm-dd"
    assert farm[10].value == pytest.approx(0.30)
    assert farm[10].number_format == "0.0%"
    # A value in % is a percentage: 61% is 0.61 shown as 61%.
    forest = rows["forest"]
    assert forest[6].value == pytest.approx(0.61)
    assert forest[6].number_format == "0%"
    off = rows["factories"][12]
    assert off.value == "▼ off track"
    assert off.fill.fgColor.rgb == "FFF5CDB6"  # the off-track colour, with its symbol and word
    assert rows["zone"][6].value == "done"
    history = book["History"]
    # Records: farm-output 1, grain 2, factories 2, old-plan 2, forest 2, zone 1,
    # gdp-growth 4, openness 0: 14 rows under the header.
    assert history.max_row == 15
    assert [cell.value for cell in history[1]] == [
        "id", "date", "value", "recorded", "by", "source", "note", "record", "superseded"
    ]  # fmt: skip
    assert history.auto_filter.ref == "A1:I15"  # 9 columns, 14 records under the header
    assert history["B2"].value == dt.datetime(2024, 12, 31)
    # Each header names its own column: the record's id under "record", factories'
    # second observation's source under "source" (a column per header, none shifted).
    assert history["H2"].value == "registry:farm-output:1"
    assert (history["A6"].value, history["F6"].value) == ("factories", "S")


def test_xlsx_by_year_and_chinese(tmp_path: Path) -> None:
    done = report(tmp_path, "-o", "会议.xlsx", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    book = _workbook(tmp_path / "会议.xlsx")
    assert book.sheetnames == ["指标状态", "完成情况表", "历史记录"]
    status = book["指标状态"]
    assert [cell.value for cell in status[1]][:3] == ["编号", "指标", "领域"]
    assert status["B2"].value == "农业产值"  # the Chinese title intact
    table = book["完成情况表"]
    header = [cell.value for cell in table[1]]
    gdp = next(row for row in table.iter_rows(min_row=2) if row[0].value == "gdp-growth")
    cells = dict(zip(header, gdp, strict=True))
    # 2021: 10.5 >= 7 met (完成); 2022: 1.1 is far below "about 7" (未完成).
    assert cells["2021年目标"].value == "7"
    # The registry writes "about 7": a Chinese workbook says it as a work report does.
    assert cells["2022年目标"].value == "7左右"
    assert cells["2021年实际"].value == pytest.approx(0.105)
    assert cells["2021年实际"].number_format == "0.0%"
    assert cells["2021年评价"].value == "完成"
    assert cells["2022年评价"].value == "未完成"
    assert cells["2021年评价"].fill.fgColor.rgb != cells["2022年评价"].fill.fgColor.rgb


def test_hostile_text_appears_literally_everywhere(tmp_path: Path) -> None:
    hostile = plan_text(title=HOSTILE, note=HOSTILE, source=HOSTILE, title_zh=HOSTILE)
    html = report(tmp_path, "-o", "r.html", plan=hostile)
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<img" not in page
    assert "\u202e" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in (
        page
    )
    assert "[bold red]x[/] \\u202eevil\\u202c" in page
    markdown = report(tmp_path, plan=hostile)
    assert markdown.returncode == 0, markdown.stderr
    assert escaped(SHOWN_HOSTILE) in markdown.stdout
    # Unescaped as a Markdown reader does, it reads as written.
    line = next(line for line in markdown.stdout.splitlines() if line.startswith("| factories"))
    assert SHOWN_HOSTILE in re.sub(r"\\([\\`*_\[\]<>|~&])", r"\1", line)
    assert re.search(r"(?<!\\)[<>]", markdown.stdout) is None  # every < and > escaped
    done = report(tmp_path, "-o", "r.xlsx", plan=hostile)
    assert done.returncode == 0, done.stderr
    book = _workbook(tmp_path / "r.xlsx")
    row = next(r for r in book["Status"].iter_rows(min_row=2) if r[0].value == "factories")
    assert row[1].value == SHOWN_HOSTILE  # title
    assert row[14].value == SHOWN_HOSTILE  # note
    assert row[15].value == SHOWN_HOSTILE  # source
    record = next(
        r for r in book["History"].iter_rows(min_row=2) if r[0].value == "factories" and r[5].value
    )
    assert record[5].value == SHOWN_HOSTILE
    assert record[6].value == SHOWN_HOSTILE


def test_xlsx_text_never_becomes_a_formula_a_number_or_a_link(tmp_path: Path) -> None:
    # A note that Excel would run as a formula, a source that it would make a link, a
    # title that it would read as the number 123: each stays the text it is, everywhere.
    formula = '=HYPERLINK("http://evil.example/","click")'
    link = "http://evil.example/"
    hostile = plan_text(title="0123", note=formula, source=link)
    done = report(tmp_path, "-o", "r.xlsx", plan=hostile)
    assert done.returncode == 0, done.stderr
    book = _workbook(tmp_path / "r.xlsx")
    row = next(r for r in book["Status"].iter_rows(min_row=2) if r[0].value == "factories")
    cells = {"title": row[1], "note": row[14], "source": row[15]}
    record = next(
        r for r in book["History"].iter_rows(min_row=2) if r[0].value == "factories" and r[5].value
    )
    cells |= {"record source": record[5], "record note": record[6]}
    for name, cell in cells.items():
        assert cell.data_type == "s", name  # text: not "f" (a formula), not "n" (a number)
        assert cell.hyperlink is None, name
    assert [cell.value for cell in cells.values()] == ["0123", formula, link, link, formula]


def test_a_report_replays_its_memo_byte_for_byte_until_the_ledger_changes(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "targets.toml").write_text(plan_text(), encoding="utf-8")
    env = {"ZQPLAN_CACHE_DIR": str(cache)}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        done = run_zqplan(*args, cwd=folder, env={**env, **extra})
        assert done.returncode == 0, done.stderr
        return done

    def entries() -> dict[str, int]:
        """The memo's entries and their inodes (a new write is a new file)."""
        return {entry.name: entry.stat().st_ino for entry in cache.glob("out-*")}

    run("update", "farm-output", "88", "--date", "2025-03-31")
    ledger = folder / "targets.ledger.toml"
    line = ledger.read_text(encoding="utf-8").splitlines()[-1]
    # A record for a target the plan does not have: left out, with a note on stderr.
    ghost = line.replace('"farm-output"', '"ghost"').replace("-", "-0", 1)
    with ledger.open("a", encoding="utf-8") as stream:
        stream.write(ghost + "\n")
    note = "zqplan: note: left out 1 record(s) for unknown target(s) 'ghost'"
    for number, fmt in enumerate(("xlsx", "html", "md"), start=1):
        first = run("report", "--as-of", AS_OF, "-o", f"first.{fmt}")
        made = entries()
        assert len(made) == number  # one memo entry per format
        again = run("report", "--as-of", AS_OF, "-o", f"again.{fmt}")
        assert entries() == made  # replayed: no entry written anew
        fresh = run("report", "--as-of", AS_OF, "-o", f"fresh.{fmt}", ZQPLAN_NO_CACHE="1")
        for done in (first, again, fresh):
            assert note in done.stderr  # said again by the replay
        content = (folder / f"first.{fmt}").read_bytes()
        assert (folder / f"again.{fmt}").read_bytes() == content
        assert (folder / f"fresh.{fmt}").read_bytes() == content  # as a fresh run writes it
    # A new record: the memo no longer applies, the report shows it.
    before = run("report", "--as-of", AS_OF).stdout
    assert "| farm-output | Farm output | 88 billion yuan |" in before
    run("update", "farm-output", "91", "--date", "2025-06-30")
    after = run("report", "--as-of", AS_OF).stdout
    assert "| farm-output | Farm output | 91 billion yuan |" in after


def test_format_from_extension_and_refusals_write_nothing(tmp_path: Path) -> None:
    done = report(tmp_path, "-o", "r.html")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for args, said in (
        (["-o", "r.pdf"], "cannot tell the format from the extension '.pdf'"),
        (["-o", "r.html", "--format", "xlsx"], "-o r.html names html, but --format says xlsx"),
        (["--format", "doc"], "--format 'doc' is not a report format"),
        (["-o", "r.html", "--as-of", "2025-13-01"], "--as-of '2025-13-01' is not a date"),
    ):
        before = sorted(p.name for p in tmp_path.iterdir())
        (tmp_path / "r.html").write_text("kept", encoding="utf-8")
        refused = report(tmp_path, *args)
        assert refused.returncode == 2, refused.stderr
        assert said in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
        assert (tmp_path / "r.html").read_text(encoding="utf-8") == "kept"
        assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary left
    missing = report(tmp_path, "-o", "nowhere/r.html")
    assert missing.returncode == 5
    assert "cannot write nowhere/r.html" in missing.stderr


def test_stdout_takes_html_and_xlsx_only_when_not_a_terminal(tmp_path: Path) -> None:
    html = report(tmp_path, "--format", "html")
    assert html.returncode == 0
    assert html.stdout.startswith("<!DOCTYPE html>")
    (tmp_path / "targets.toml").write_text(plan_text(), encoding="utf-8")
    piped = subprocess.run(
        [zqplan_command(), "report", "--format", "xlsx"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert piped.returncode == 0
    assert piped.stdout.startswith(b"PK\x03\x04")
    if os.name != "posix":
        return
    import pty

    main, child = pty.openpty()
    try:
        at_terminal = subprocess.run(
            [zqplan_command(), "report", "--format", "html"],
            cwd=tmp_path,
            stdout=child,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(child)
        os.close(main)
    assert at_terminal.returncode == 2
    assert "a html report is not for a terminal" in at_terminal.stderr
    assert "-o report.html" in at_terminal.stderr


def test_known_at_leaves_later_records_out(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(plan_text(), encoding="utf-8")
    update = run_zqplan("update", "factories", "150", "--date", "2025-03-31", cwd=tmp_path)
    assert update.returncode == 0, update.stderr
    now = run_zqplan("report", "--as-of", AS_OF, cwd=tmp_path)
    assert "| factories | Factories built | 150 factories |" in now.stdout
    # Recorded today: on 2025-06-30 it was not known yet, so the registry's 102 is latest.
    then = run_zqplan("report", "--as-of", AS_OF, "--known-at", AS_OF, cwd=tmp_path)
    assert "| factories | Factories built | 102 factories |" in then.stdout
    assert "records known on 2025-06-30" in then.stdout


def _assessments(tmp_path: Path) -> dict[str, Any]:
    from zqplan.registry import load_plan
    from zqplan.status import assess_plan

    path = tmp_path / "targets.toml"
    path.write_text(plan_text(), encoding="utf-8")
    plan = load_plan(path)
    found = assess_plan(plan, [], as_of=dt.date.fromisoformat(AS_OF))
    return {a.target.id: a for a in found}


def test_chart_places_the_numbers_by_hand(tmp_path: Path) -> None:
    from zqplan.meeting.svg import chart

    assessments = _assessments(tmp_path)
    farm = chart(assessments["farm-output"])
    assert farm is not None
    assert farm.goal is not None
    # x: 2022-12-31 at the left edge (44), 2027-12-31 at the right (260 - 8 = 252).
    # y: the values drawn run 80..100, padded by 8% of 20 = 1.6: 78.4..101.6 over the
    # 96 - 8 - 18 = 70 pixels below the top margin 8:
    # y(100) = 8 + 70 * 1.6 / 23.2 = 12.8; y(80) = 8 + 70 * 21.6 / 23.2 = 73.2.
    assert (farm.goal.x, farm.goal.y) == (252.0, 12.8)
    assert (farm.dots[0].x, farm.dots[0].y) == (44.0, 73.2)
    assert [line.kind for line in farm.lines] == ["expected", "projection"]
    gdp = chart(assessments["gdp-growth"])
    assert gdp is not None
    # 4 years in 260 - 44 - 8 = 208 pixels: slots of 52, bars of min(52 * 0.35, 18) = 18.
    assert len(gdp.bars) == 8
    assert {bar.width for bar in gdp.bars} == {18.0}
    assert [bar.kind for bar in gdp.bars[:2]] == ["goal", "outturn"]
    assert chart(assessments["zone"]) is None  # yes/no: nothing to draw


def test_many_observations_draw_one_line_and_two_dots(tmp_path: Path) -> None:
    from zqplan.registry import load_plan
    from zqplan.status import assess_plan

    # 30 yearly observations, 1995..2024, of 100 + 2 per year: more than MANY_DOTS (24),
    # so one polyline joins all 30 and only the first (1995: 100) and last (2024: 158)
    # are dots with their own hover title.
    observations = ", ".join(
        f"{{ date = {1995 + n}-12-31, value = {100 + 2 * n} }}" for n in range(30)
    )
    plan = "\n".join(
        [
            'schema = "zqplan.registry/1"',
            "[plan]",
            'id = "many"',
            'title = "Many"',
            "[areas.a]",
            'title = "A"',
            "[targets.many]",
            'area = "a"',
            'title = "Many <b>dots</b>"',
            'source = "S"',
            'unit = "u"',
            f"observations = [ {observations} ]",
        ]
    )
    (tmp_path / "targets.toml").write_text(plan + "\n", encoding="utf-8")
    assessed = assess_plan(load_plan(tmp_path / "targets.toml"), [], as_of=dt.date(2025, 6, 30))
    from zqplan.meeting.svg import chart

    drawn = chart(assessed[0])
    assert drawn is not None
    assert [dot.label for dot in drawn.dots] == ["1995-12-31: 100", "2024-12-31: 158"]
    assert len(drawn.trail.split(" ")) == 30
    done = report(tmp_path, "-o", "r.html", plan=plan + "\n")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count('<polyline class="observed"') == 1
    assert page.count('<circle class="obs"') == 2
    assert "Chart of Many &lt;b&gt;dots&lt;/b&gt;" in page  # the title stays text


def test_since_opens_with_what_changed(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(plan_text(), encoding="utf-8")
    update = run_zqplan("update", "factories", "150", "--date", "2025-03-31", cwd=tmp_path)
    assert update.returncode == 0, update.stderr
    done = run_zqplan("report", "--as-of", AS_OF, "--since", AS_OF, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    section = done.stdout.split("## What changed since 2025-06-30\n\n")[1].split("\n\n")[0]
    # The record made today was not known on 2025-06-30. With it, factories is at 150 on
    # 2025-03-31, 4.2466 years after 100 in 2020: g_obs = 1.5^(1/4.2466) - 1 = 10.0% a year
    # against g_req = 2^(1/10) - 1 = 7.18%: R = 1.39 >= 0.95, off track -> on track.
    assert section.splitlines() == [
        "- factories 2025-03-31: new figure 150 factories",
        "- factories (Factories built): off track → on track",
    ]
    zh = run_zqplan("report", "--as-of", AS_OF, "--since", AS_OF, "--lang", "zh", cwd=tmp_path)
    assert "## 2025-06-30 以来的变化\n\n- factories 2025-03-31：新数据 150 factories\n" in zh.stdout
    late = run_zqplan("report", "--as-of", AS_OF, "--since", "2025-07-01", cwd=tmp_path)
    assert late.returncode == 2
    assert "--since 2025-07-01 is after --as-of 2025-06-30" in late.stderr
    html = run_zqplan("report", "--as-of", AS_OF, "--since", AS_OF, "-o", "r.html", cwd=tmp_path)
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<li data-kind="status" data-id="factories">factories (Factories built): off track' in (
        page
    )

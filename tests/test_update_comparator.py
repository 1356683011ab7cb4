"""Issue 10, section 1: `zqplan update` records a figure known only as a bound ("exceeding
30 billion yuan" is more than 30), from the command line and from a --from file; the
ledger line carries its `comparator`, history and show give it back, and the method
judges the bound as the figure (docs/method.md, "Figures known only as a bound")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

PLAN = """\
schema = "zqplan.registry/1"

[plan]
id = "p"
title = "P"

[areas.a]
title = "A"

[targets.output]
area = "a"
title = "Output value"
title_zh = "产值"
source = "s"
unit = "billion yuan"
direction = "increase"

[targets.output.yearly]
2024 = ">= 30"
2025 = "> 30"

[targets.zone]
area = "a"
title = "Zone"
title_zh = "园区"
source = "s"
kind = "yes-no"
"""

OLD_LEDGER = (
    "# zqplan ledger: one record per line, appended by `zqplan update`.\n"
    "# Do not edit a record: record a revision with `zqplan update` instead.\n"
    'r20240105T010203-0123456789ab = { target = "output", date = 2023-12-31, value = 28.0, '
    'recorded_at = 2024-01-05 01:02:03+00:00, recorded_by = "tester" }\n'
)
"""A ledger written before records could carry a comparator."""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """tmp_path/targets.toml: PLAN, no ledger yet."""
    path = tmp_path / "targets.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def records(zqplan: Run, target: str = "output") -> list[dict[str, Any]]:
    """`zqplan history TARGET --json`'s records."""
    result = zqplan("history", target, "--json")
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["records"]
    return found


def ledger_lines(folder: Path) -> list[str]:
    """The record lines of the ledger (comments left out)."""
    text = (folder / "targets.ledger.toml").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize(
    ("typed", "comparator", "value"),
    [
        (">30", ">", 30.0),
        ("> 30", ">", 30.0),
        (">=30", ">=", 30.0),
        ("≥30", ">=", 30.0),
        ("≤5", "<=", 5.0),
        ("<5", "<", 5.0),
        ("more than 30", ">", 30.0),
        ("30以上", ">=", 30.0),  # 以上 is at least, as the yearly targets read it
        ("超过30", ">", 30.0),  # 超过 is exceeding
        ("不低于30", ">=", 30.0),
        ("30以内", "<=", 30.0),
        ("低于30", "<", 30.0),
        (">30亿元", ">", 3.0),  # 30亿元 = 3 billion yuan
        ("300亿元以上", ">=", 30.0),  # 300亿元 = 30 billion yuan
        ("约30", "about", 30.0),
        ("30左右", "about", 30.0),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_form_is_recorded_with_its_comparator(
    zqplan: Run, plan: Path, typed: str, comparator: str, value: float, lang: str
) -> None:
    """The ledger line holds the bound and its comparator; history --json gives both back."""
    result = zqplan("--lang", lang, "update", "output", typed, "--date", "2024-12-31")
    assert result.returncode == 0, result.stderr
    (line,) = ledger_lines(plan.parent)
    assert f"value = {value}, comparator = {json.dumps(comparator)}, recorded_at = " in line
    (record,) = records(zqplan)
    assert (record["value"], record["comparator"]) == (value, comparator)
    sign = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "about": "~"}[comparator]
    assert f"output = {sign}" in result.stderr  # what update says shows the sign


def test_the_message_and_tables_show_the_sign(zqplan: Run, plan: Path) -> None:
    """What update says, history's table and show's figure: "> 30 billion yuan"."""
    result = zqplan("update", "output", "> 30", "--date", "2024-12-31")
    assert "recorded output = > 30 billion yuan for 2024-12-31" in result.stderr
    assert "> 30 billion yuan" in zqplan("history", "output").stdout
    assert "> 30 billion yuan" in zqplan("show", "output").stdout
    shown = json.loads(zqplan("show", "output", "--json").stdout)
    assert [r["comparator"] for r in shown["history"]] == [">"]


def test_an_exact_figure_and_an_old_ledger_are_unchanged(zqplan: Run, plan: Path) -> None:
    """An exact figure's line has no comparator field, old lines stay byte for byte; a
    bound appended after them is the only line with one."""
    ledger = plan.parent / "targets.ledger.toml"
    ledger.write_text(OLD_LEDGER, encoding="utf-8")
    assert records(zqplan)[0]["comparator"] is None  # an old record: exact
    assert zqplan("update", "output", "29", "--date", "2024-06-30").returncode == 0
    assert zqplan("update", "output", ">30", "--date", "2024-12-31").returncode == 0
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith(OLD_LEDGER)
    _old, exact, bound = ledger_lines(plan.parent)
    assert "comparator" not in exact
    assert ", value = 29.0, recorded_at = " in exact
    assert ', value = 30.0, comparator = ">", recorded_at = ' in bound
    assert [r["comparator"] for r in records(zqplan)] == [None, None, ">"]


def test_a_bound_judged_against_at_least_and_above(zqplan: Run, plan: Path) -> None:
    """docs/method.md judges a bound as its figure. 2024 "> 30" against ">= 30":
    30 >= 30, met (完成). 2025 "> 30" against "> 30": 30 > 30 is false, not met (the
    shortfall may be the bound's; the table shows "> 30"). Track record: met 1 of 2."""
    assert zqplan("update", "output", ">30", "--date", "2024-12-31").returncode == 0
    assert zqplan("update", "output", "超过30", "--date", "2025-12-31").returncode == 0
    result = zqplan("status", "--json", "--as-of", "2026-03-01")
    assert result.returncode == 0, result.stderr
    (found,) = [t for t in json.loads(result.stdout)["targets"] if t["id"] == "output"]
    verdicts = [(p["period"], p["comparator"], p["verdict"]) for p in found["schedule"]]
    assert verdicts == [("2024", ">=", "met"), ("2025", ">", "not-met")]
    assert found["track_record"] == {"met": 1, "judged": 2}
    assert found["latest"] == {"value": 30, "date": "2025-12-31"}
    assert found["latest_comparator"] == ">"


def test_a_bound_revises_an_exact_figure(zqplan: Run, plan: Path) -> None:
    """A bound for a period already recorded is a revision; the exact one is superseded,
    and voiding the bound brings the exact figure back."""
    assert zqplan("update", "output", "30", "--date", "2024-12-31").returncode == 0
    result = zqplan("update", "output", ">30", "--date", "2024-12-31")
    assert result.returncode == 0, result.stderr
    assert "(a revision)" in result.stderr
    exact, bound = records(zqplan)
    assert (exact["comparator"], exact["superseded"]) == (None, True)
    assert (bound["comparator"], bound["superseded"]) == (">", False)
    voided = zqplan("void", bound["record"], "--reason", "the exact figure is known")
    assert voided.returncode == 0, voided.stderr
    status = json.loads(zqplan("status", "--json", "--as-of", "2025-03-01").stdout)
    (found,) = [t for t in status["targets"] if t["id"] == "output"]
    assert found["latest_comparator"] is None


def test_the_guard_compares_the_bound(zqplan: Run, plan: Path) -> None:
    """After 30, "> 3000" is 100 times the previous figure: refused, nothing written."""
    assert zqplan("update", "output", "30", "--date", "2023-12-31").returncode == 0
    result = zqplan("update", "output", ">3000", "--date", "2024-12-31")
    assert result.returncode != 0
    assert "implausible value for 'output'" in result.stderr
    assert "'3000' is 3000 billion yuan" in result.stderr
    assert len(ledger_lines(plan.parent)) == 1


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "'zone' is a yes/no target; '>1' is a bound, not done or not-done"),
        ("zh", "'zone' 是是否型指标；'>1' 是一个界限，不是 `done` 或 `not-done`"),
    ],
)
def test_a_yes_no_target_refuses_a_comparator(
    zqplan: Run, plan: Path, lang: str, message: str
) -> None:
    """Done is done: a bound on a yes/no target is an error, and nothing is written."""
    result = zqplan("--lang", lang, "update", "zone", ">1")
    assert result.returncode != 0
    assert message in result.stderr
    assert not (plan.parent / "targets.ledger.toml").exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "'output': '>' is a comparator without a figure"),
        ("zh", "'output'：'>' 只有比较符号，没有数值"),
    ],
)
def test_a_comparator_alone_is_refused(zqplan: Run, plan: Path, lang: str, message: str) -> None:
    """ ">" with no figure after it is an error naming the target."""
    result = zqplan("--lang", lang, "update", "output", ">")
    assert result.returncode != 0
    assert message in result.stderr


BAD = (
    'r20240105T010203-0123456789ac = {{ target = "{target}", date = 2024-12-31, '
    "value = {value}, comparator = {comparator}, recorded_at = 2024-01-05 01:02:03+00:00 }}\n"
)


@pytest.mark.parametrize(
    ("target", "value", "comparator", "lang", "message"),
    [
        (
            "output",
            "30.0",
            '"=>"',
            "en",
            "record r20240105T010203-0123456789ac: comparator is '=>', not one of "
            ">, >=, <, <=, about (did you mean '>'?)",
        ),
        (
            "output",
            "30.0",
            '"=>"',
            "zh",
            "记录 r20240105T010203-0123456789ac：`comparator` 为 '=>'，不是 "
            "`>, >=, <, <=, about` 之一",
        ),
        (
            "output",
            "30.0",
            "1",
            "en",
            "comparator is int, not one of >, >=, <, <=, about "
            '(write ">" for "exceeding", ">=" for "at least", "about" for "about")',
        ),
        (
            "zone",
            "true",
            '">"',
            "en",
            "comparator is for numeric figures, not true/false (remove it: done is done)",
        ),
        ("zone", "true", '">"', "zh", "`comparator` 只用于数值，不用于 `true`/`false`"),
    ],
)
def test_a_bad_comparator_in_the_ledger(
    zqplan: Run, plan: Path, target: str, value: str, comparator: str, lang: str, message: str
) -> None:
    """One line FILE:LINE with a hint, in both languages (line 4: after the old record)."""
    ledger = plan.parent / "targets.ledger.toml"
    ledger.write_text(
        OLD_LEDGER + BAD.format(target=target, value=value, comparator=comparator),
        encoding="utf-8",
    )
    result = zqplan("--lang", lang, "check")
    assert result.returncode != 0
    found = [x for x in result.stdout.splitlines() if "comparator" in x]  # check's report
    assert len(found) == 1, result.stdout
    (line,) = found
    assert line.startswith(f"{ledger.name}:4: ")
    assert message in line


def test_from_a_file_with_comparator_cells(zqplan: Run, plan: Path) -> None:
    """--from takes a bound in a value cell as `update` does; an exact cell stays exact."""
    (plan.parent / "figures.csv").write_text(
        "target,value,date\noutput,>30,2024-12-31\noutput,300亿元以上,2025-12-31\n"
        "output,29,2023-12-31\n",
        encoding="utf-8",
    )
    result = zqplan("update", "--from", "figures.csv")
    assert result.returncode == 0, result.stderr
    found = {r["date"]: (r["value"], r["comparator"]) for r in records(zqplan)}
    # 300亿元 = 30 billion yuan
    assert found == {
        "2023-12-31": (29.0, None),
        "2024-12-31": (30.0, ">"),
        "2025-12-31": (30.0, ">="),
    }


def test_from_json_lines_and_a_bad_cell(zqplan: Run, plan: Path) -> None:
    """A JSON Lines value "> 30" is a bound; a bound for a yes/no target fails the
    whole file at its line, and nothing is written."""
    (plan.parent / "ok.jsonl").write_text(
        '{"target": "output", "value": "> 30", "date": "2024-12-31"}\n', encoding="utf-8"
    )
    result = zqplan("update", "--from", "ok.jsonl")
    assert result.returncode == 0, result.stderr
    assert [r["comparator"] for r in records(zqplan)] == [">"]
    (plan.parent / "bad.csv").write_text(
        "target,value,date\noutput,31,2025-12-31\nzone,>1,2025-06-30\n", encoding="utf-8"
    )
    bad = zqplan("update", "--from", "bad.csv")
    assert bad.returncode != 0
    assert "bad.csv:3" in bad.stderr
    assert "is a bound, not done or not-done" in bad.stderr
    assert len(ledger_lines(plan.parent)) == 1


def test_report_xlsx_history_keeps_the_number_and_shows_the_sign(zqplan: Run, plan: Path) -> None:
    """The History sheet's value cell stays the number 30; its number format shows
    "> 30 billion yuan" (a bound) or "30 billion yuan" (exact)."""
    import openpyxl  # type: ignore[import-untyped]

    assert zqplan("update", "output", "29", "--date", "2023-12-31").returncode == 0
    assert zqplan("update", "output", ">30", "--date", "2024-12-31").returncode == 0
    done = zqplan("report", "--as-of", "2025-03-01", "-o", "meeting.xlsx")
    assert done.returncode == 0, done.stderr
    history = openpyxl.load_workbook(plan.parent / "meeting.xlsx")["History"]
    cells = {row[1].value.year: row[2] for row in history.iter_rows(min_row=2)}
    assert (cells[2023].value, cells[2023].number_format) == (29, '#,##0" billion yuan"')
    assert (cells[2024].value, cells[2024].number_format) == (30, '"> "#,##0" billion yuan"')
    status = openpyxl.load_workbook(plan.parent / "meeting.xlsx")["Status"]
    (latest,) = [row[6] for row in status.iter_rows(min_row=2) if row[0].value == "output"]
    assert (latest.value, latest.number_format) == (30, '"> "#,##0" billion yuan"')
    markdown = zqplan("report", "--as-of", "2025-03-01").stdout
    # Markdown escapes ">"; the latest figure, then the year's target.
    assert "| \\> 30 billion yuan | 2024: ≥ 30 billion yuan |" in markdown


def test_diff_reports_a_bound_replacing_an_exact_figure(zqplan: Run, plan: Path) -> None:
    """28 exact for 2023 (recorded 2024-01-05), then "> 28" for 2023 (recorded
    2024-03-01): since 2024-02-01 the figure is revised, 28 -> > 28."""
    ledger = plan.parent / "targets.ledger.toml"
    ledger.write_text(
        OLD_LEDGER + 'r20240301T010203-0123456789ad = { target = "output", date = 2023-12-31, '
        'value = 28.0, comparator = ">", recorded_at = 2024-03-01 01:02:03+00:00 }\n',
        encoding="utf-8",
    )
    result = zqplan("diff", "--since", "2024-02-01", "--json")
    assert result.returncode == 0, result.stderr
    (figure,) = json.loads(result.stdout)["figures"]
    assert (figure["change"], figure["old"], figure["new"]) == ("revised", 28, 28)
    assert (figure["old_comparator"], figure["new_comparator"]) == (None, ">")
    table = zqplan("diff", "--since", "2024-02-01").stdout
    assert "> 28 billion yuan" in table


def test_from_an_xlsx_workbook(zqplan: Run, plan: Path) -> None:
    """A text cell ">30" of a workbook is a bound, as in a CSV file."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["target", "value", "date"])
    sheet.append(["output", ">30", "2024-12-31"])
    sheet.append(["output", 31, "2025-12-31"])
    book.save(plan.parent / "figures.xlsx")
    result = zqplan("update", "--from", "figures.xlsx")
    assert result.returncode == 0, result.stderr
    assert [(r["value"], r["comparator"]) for r in records(zqplan)] == [(30, ">"), (31, None)]


def test_a_retry_with_an_id_compares_the_comparator(zqplan: Run, plan: Path) -> None:
    """With --id, the same bound again writes nothing; the same id with the exact figure
    is other content: an error, nothing written."""
    record = "r20240105T010203-0123456789ae"
    first = zqplan("update", "output", ">30", "--date", "2024-12-31", "--id", record)
    assert first.returncode == 0, first.stderr
    again = zqplan("update", "output", "> 30", "--date", "2024-12-31", "--id", record)
    assert again.returncode == 0, again.stderr
    assert "already recorded" in again.stderr
    other = zqplan("update", "output", "30", "--date", "2024-12-31", "--id", record)
    assert other.returncode != 0
    assert "already in the ledger with other content" in other.stderr
    assert len(ledger_lines(plan.parent)) == 1


def test_an_exact_figure_and_a_bound_by_two_people_conflict(zqplan: Run, plan: Path) -> None:
    """li records 30 for 2024, wang "> 30" a minute later: two claims, a conflict that
    check warns of (the same 30 without the comparator would be none)."""
    ledger = plan.parent / "targets.ledger.toml"
    ledger.write_text(
        'r20250105T010203-0123456789aa = { target = "output", date = 2024-12-31, value = 30.0, '
        'recorded_at = 2025-01-05 01:02:03+00:00, recorded_by = "li" }\n'
        'r20250105T010303-0123456789ab = { target = "output", date = 2024-12-31, value = 30.0, '
        'comparator = ">", recorded_at = 2025-01-05 01:03:03+00:00, recorded_by = "wang" }\n',
        encoding="utf-8",
    )
    result = zqplan("check")
    assert "conflicting figures for 'output' 2024-12-31: 30 by li" in result.stdout
    assert "and > 30 by wang" in result.stdout
    exact, bound = records(zqplan)
    assert bound["conflict"] == exact["record"]

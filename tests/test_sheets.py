"""Spreadsheets as they are (issue 12, item 3): GBK, UTF-16 and BOM-ed UTF-8 exports,
Excel's ';' and tabs, wide tables (one column per year), programme items in a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from zqplan.ledger import ledger_path


def ledger_rows(zqplan: Run, target: str) -> list[tuple[str, float]]:
    result = zqplan("history", target, "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["records"]
    return [(r["date"], r["value"]) for r in records if r["origin"] == "ledger"]


CSV = 'target,value,date,note\r\nfarm-output,86.5,2024/12/31,"统计公报, 2024"\r\n'


@pytest.mark.parametrize(
    "encoded",
    [
        CSV.encode("gbk"),  # Excel's "CSV" on a Chinese Windows
        CSV.encode("gb18030"),
        b"\xef\xbb\xbf" + CSV.encode("utf-8"),  # "CSV UTF-8"
        CSV.encode("utf-16"),  # with its BOM
        CSV.encode("utf-16-le"),  # without one
        CSV.replace(",", ";").replace('"统计公报; 2024"', '"统计公报, 2024"').encode("utf-8"),
        CSV.replace(",", "\t").replace('"统计公报\t 2024"', '"统计公报, 2024"').encode("utf-16"),
    ],
    ids=["gbk", "gb18030", "utf-8-bom", "utf-16", "utf-16-le", "semicolon", "tabs-utf-16"],
)
def test_exports_read(zqplan: Run, registry: Path, encoded: bytes) -> None:
    (registry.parent / "figures.csv").write_bytes(encoded)
    result = zqplan("update", "--from", "figures.csv")
    assert result.returncode == 0, result.stderr
    assert ledger_rows(zqplan, "farm-output") == [("2024-12-31", 86.5)]
    notes = json.loads(zqplan("history", "farm-output", "--json").stdout)["records"]
    assert notes[0]["note"] == "统计公报, 2024"


def test_encoding_named(zqplan: Run, registry: Path) -> None:
    (registry.parent / "figures.csv").write_bytes(CSV.encode("gbk"))
    assert zqplan("update", "--from", "figures.csv", "--encoding", "gbk").returncode == 0
    bad = zqplan("update", "--from", "figures.csv", "--encoding", "klingon")
    assert bad.returncode == 2
    assert "not an encoding" in bad.stderr
    wrong = zqplan("update", "--from", "figures.csv", "--encoding", "utf-8")
    assert wrong.returncode == 1
    assert "figures.csv:2: not utf-8 text" in wrong.stderr


WIDE = (
    "指标,2021,2022年,2023-12-31\n"
    "farm-output,80,82.5,\n"  # an empty cell: no figure for 2023
    "小鹏汽车肇庆工厂汽车产量,,140000,150000\n"  # xpeng-vehicles, by its Chinese title
)


def test_wide_table(zqplan: Run, registry: Path) -> None:
    (registry.parent / "wide.csv").write_text(WIDE, encoding="utf-8")
    result = zqplan("update", "--from", "wide.csv")
    assert result.returncode == 0, result.stderr
    assert "recorded 4 observations" in result.stderr
    assert ledger_rows(zqplan, "farm-output") == [("2021-12-31", 80.0), ("2022-12-31", 82.5)]
    assert ledger_rows(zqplan, "xpeng-vehicles") == [
        ("2022-12-31", 140000.0),
        ("2023-12-31", 150000.0),
    ]


def test_wide_table_bad_cells(zqplan: Run, registry: Path) -> None:
    """Each bad cell as FILE:ROW:COLUMN, in order; nothing written."""
    bad = "target,2021,2022\nfarm-output,abc,82\nno-such-target,1,\nfarm-output,80,5 km\n"
    (registry.parent / "wide.csv").write_text(bad, encoding="utf-8")
    result = zqplan("update", "--from", "wide.csv")
    assert result.returncode == 1
    places = [line.split(": ")[2] for line in result.stderr.splitlines()]
    assert places == ["wide.csv:2:2", "wide.csv:3:2", "wide.csv:4:3"]
    assert not ledger_path(registry).exists()


def test_programme_items(zqplan: Run, registry: Path) -> None:
    batch = (
        "target,value,date,stage,item\n"
        "bxqzwc,done,2023-11-30,start,A start in one year\n"
        "bxqzwc,done,2023-11-30,start,No such item\n"
    )
    result = zqplan("update", "--from", "-", stdin=batch)
    assert result.returncode == 1
    assert result.stderr.count("zqplan: error:") == 1
    assert "-:3: stage 'start' of 'bxqzwc' has no item" in result.stderr
    result = zqplan("update", "--from", "-", stdin=batch.rsplit("\n", 2)[0] + "\n")
    assert result.returncode == 0, result.stderr
    ladder = json.loads(zqplan("milestones", "--json", "--as-of", "2024-01-01").stdout)
    (programme,) = [p for p in ladder["programmes"] if p["id"] == "bxqzwc"]
    assert programme["stages"][0]["status"] == "met"


def workbook(path: Path) -> None:
    """figures.xlsx: a long sheet 'long' (Excel dates) and a wide sheet '完成情况'."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    long = book.active
    assert long is not None
    long.title = "long"
    long.append(["target", "value", "date", "note"])
    long.append(["farm-output", 86.5, dt.datetime(2024, 12, 31), "multi\nline"])
    wide = book.create_sheet("完成情况")
    wide.append(["指标", 2021, "2022年"])
    wide.append(["小鹏汽车肇庆工厂汽车产量", 140000, "abc"])
    book.save(path)


def test_xlsx(zqplan: Run, registry: Path) -> None:
    workbook(registry.parent / "figures.xlsx")
    result = zqplan("update", "--from", "figures.xlsx")  # the first sheet
    assert result.returncode == 0, result.stderr
    assert ledger_rows(zqplan, "farm-output") == [("2024-12-31", 86.5)]
    bad = zqplan("update", "--from", "figures.xlsx", "--sheet", "完成情况")
    assert bad.returncode == 1
    assert "figures.xlsx:2:3: 'abc' is not a number" in bad.stderr
    assert ledger_rows(zqplan, "xpeng-vehicles") == []
    unknown = zqplan("update", "--from", "figures.xlsx", "--sheet", "nope")
    assert unknown.returncode == 2
    assert "sheets: long, 完成情况" in unknown.stderr


def test_sheet_needs_a_workbook(zqplan: Run, registry: Path) -> None:
    (registry.parent / "figures.csv").write_text(CSV, encoding="utf-8")
    result = zqplan("update", "--from", "figures.csv", "--sheet", "x")
    assert result.returncode == 2
    assert "no .xlsx workbook" in result.stderr

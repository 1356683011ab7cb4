"""Periods as people write them (issue 12, item 2): "2024", "2024-Q4", "2024年12月"... read
as the period's last day; a figure without --date is for the last complete period."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import Run

from zqplan.periods import PeriodError, last_complete, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-12-31", D(2024, 12, 31)),
        ("2024/12/31", D(2024, 12, 31)),
        ("2024年12月31日", D(2024, 12, 31)),
        ("2024", D(2024, 12, 31)),
        ("2024年", D(2024, 12, 31)),
        ("２０２４年", D(2024, 12, 31)),  # full-width digits, as Chinese input methods type
        ("2024-Q4", D(2024, 12, 31)),
        ("2024Q1", D(2024, 3, 31)),
        ("2024-q2", D(2024, 6, 30)),
        ("Q3 2024", D(2024, 9, 30)),
        ("2024年第四季度", D(2024, 12, 31)),
        ("2024年第一季度", D(2024, 3, 31)),
        ("2024年第2季度", D(2024, 6, 30)),
        ("2024-12", D(2024, 12, 31)),
        ("2024/06", D(2024, 6, 30)),
        ("2024年12月", D(2024, 12, 31)),
        ("2024年2月", D(2024, 2, 29)),  # a leap year: February has 29 days
        ("2023-02", D(2023, 2, 28)),
        (" 2024 ", D(2024, 12, 31)),
    ],
)
def test_forms(text: str, day: dt.date) -> None:
    assert parse_period(text) == day


@pytest.mark.parametrize(
    "text", ["", "x", "2024-13", "2024-02-30", "2024-Q5", "2024年第五季度", "24", "12/31/2024"]
)
def test_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_reason_given() -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period("2024-02-30")
    assert raised.value.reason == "day is out of range for month"


@pytest.mark.parametrize(
    ("frequency", "today", "end"),
    [
        ("annual", D(2025, 3, 1), D(2024, 12, 31)),
        ("annual", D(2025, 12, 31), D(2024, 12, 31)),  # 2025 is not over until tomorrow
        ("annual", D(2026, 1, 1), D(2025, 12, 31)),
        ("quarterly", D(2025, 5, 15), D(2025, 3, 31)),
        ("quarterly", D(2025, 1, 1), D(2024, 12, 31)),
        ("quarterly", D(2025, 12, 31), D(2025, 9, 30)),
        ("monthly", D(2025, 3, 1), D(2025, 2, 28)),
        ("monthly", D(2024, 3, 31), D(2024, 2, 29)),
        ("monthly", D(2025, 1, 10), D(2024, 12, 31)),
    ],
)
def test_last_complete(frequency: str, today: dt.date, end: dt.date) -> None:
    assert last_complete(frequency, today) == end


# --- end to end -----------------------------------------------------------------


def ledger_dates(zqplan: Run, target: str) -> list[str]:
    result = zqplan("history", target, "--json")
    assert result.returncode == 0, result.stderr
    return [r["date"] for r in json.loads(result.stdout)["records"] if r["origin"] == "ledger"]


class TestUpdateDate:
    @pytest.mark.parametrize(
        ("typed", "day"),
        [("2024", "2024-12-31"), ("2024-Q3", "2024-09-30"), ("2024年第四季度", "2024-12-31")],
    )
    def test_forms_recorded(self, zqplan: Run, registry: Path, typed: str, day: str) -> None:
        result = zqplan("update", "farm-output", "86.5", "--date", typed)
        assert result.returncode == 0, result.stderr
        assert ledger_dates(zqplan, "farm-output") == [day]

    def test_outside_years_refused(self, zqplan: Run, registry: Path) -> None:
        """1899 (the year's end, 1899-12-31) is before 1900: usage error, nothing written."""
        result = zqplan("update", "farm-output", "86.5", "--date", "1899")
        assert result.returncode == 2
        assert "outside the years 1900-2199" in result.stderr
        assert not registry.with_name("targets.ledger.toml").exists()

    def test_bad_period_names_forms(self, zqplan: Run, registry: Path) -> None:
        result = zqplan("update", "farm-output", "86.5", "--date", "2024-Q5")
        assert result.returncode == 2
        assert "'2024-Q5' is not a date" in result.stderr
        assert "2024年第四季度" in result.stderr

    def test_no_date_annual_is_last_year(self, zqplan: Run, registry: Path) -> None:
        """farm-output is annual: without --date the figure is for last year's 31 December."""
        result = zqplan("update", "farm-output", "86.5")
        assert result.returncode == 0, result.stderr
        end = D(dt.date.today().year - 1, 12, 31).isoformat()
        assert ledger_dates(zqplan, "farm-output") == [end]
        assert f"no --date: the figure is for {end}, the end of the last complete year" in (
            result.stderr
        )


QUARTERLY = """\
schema = "zqplan.registry/1"

[plan]
id = "q"
title = "A quarterly plan"

[areas.economy]
title = "Economy"

[targets.exports]
area = "economy"
title = "Exports"
source = "Exports."
unit = "billion yuan"
frequency = "quarterly"
"""


def test_no_date_quarterly_and_batch(zqplan: Run, tmp_path: Path) -> None:
    """A quarterly target: a figure without a date is for the last complete quarter; a
    batch reads 2024年第三季度 and 2024-Q4, and says once which date its undated row got."""
    (tmp_path / "targets.toml").write_text(QUARTERLY, encoding="utf-8")
    today = dt.date.today()
    end = last_complete("quarterly", today).isoformat()
    result = zqplan("update", "exports", "10")
    assert result.returncode == 0, result.stderr
    assert f"the figure is for {end}, the end of the last complete quarter" in result.stderr
    batch = "target,value,date\nexports,11,2024年第三季度\nexports,12,2024-Q4\nexports,13,\n"
    result = zqplan("update", "--from", "-", stdin=batch)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("without a date") == 1
    assert sorted(ledger_dates(zqplan, "exports")) == sorted([end, "2024-09-30", "2024-12-31", end])

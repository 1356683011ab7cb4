"""The plausibility guard (issue 12, item 1): a figure far from the target's previous one
is refused, with nothing written, unless --force, and then the record says so."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from conftest import Run

from zqplan.ledger import figures, ledger_path
from zqplan.plausible import Figure, judge, reference

D = dt.date
PERIOD = D(2024, 12, 31)
PREVIOUS = (Figure(D(2023, 12, 31), 130000.0, "registry"),)
"""xpeng-vehicles' 130,000 for 2023, as a figure."""


def verdict(
    value: float,
    known: list[Figure],
    *,
    typed: str = "x",
    unit: str = "vehicles",
    percent: bool = False,
    plain: float | None = None,
    period: dt.date = PERIOD,
) -> str | None:
    """judge's message and hint as one line, or None when the value is plausible."""
    found = judge(
        value, typed=typed, unit=unit, percent=percent, plain=plain, figures=known, period=period
    )
    return None if found is None else f"{found.message} ({found.hint})"


class TestReference:
    """The previous figure: the latest on or before the period, else the earliest after."""

    A = Figure(D(2022, 12, 31), 100.0, "registry")
    B = Figure(D(2023, 12, 31), 110.0, "r1")
    B2 = Figure(D(2023, 12, 31), 111.0, "r2")  # a revision of B, given later
    C = Figure(D(2025, 12, 31), 130.0, "r3")

    def test_latest_on_or_before(self) -> None:
        assert reference([self.A, self.B, self.C], D(2024, 12, 31)) == self.B
        assert reference([self.A, self.B, self.C], D(2023, 12, 31)) == self.B

    def test_revision_given_last_wins(self) -> None:
        assert reference([self.A, self.B, self.B2], D(2024, 12, 31)) == self.B2

    def test_earliest_after_when_none_before(self) -> None:
        assert reference([self.C, self.B], D(2020, 12, 31)) == self.B

    def test_none(self) -> None:
        assert reference([], D(2020, 12, 31)) is None


class TestJudge:
    """The rule: more than 10x or less than 1/10 of the previous figure is refused."""

    def test_bounds_are_plausible(self) -> None:
        """13,000 = 130,000 / 10 and 1,300,000 = 130,000 x 10: exactly at the bounds, kept."""
        assert verdict(13000, list(PREVIOUS)) is None
        assert verdict(1300000, list(PREVIOUS)) is None

    def test_beyond_bounds_refused(self) -> None:
        """12,999 < 13,000 and 1,300,001 > 1,300,000: refused, naming the previous figure."""
        low = verdict(12999, list(PREVIOUS))
        assert low is not None
        assert "previous figure 130000 (2023-12-31, registry)" in low
        assert "--force" in low
        assert verdict(1300001, list(PREVIOUS)) is not None

    def test_tiny_value_refused_not_crashed(self) -> None:
        """5e-324 / 130,000 underflows to 0: still refused; 130,000 / 5e-324 overflows, so
        the message says 'more than 1e308' instead of a number."""
        tiny = verdict(5e-324, list(PREVIOUS))
        assert tiny is not None
        assert "1/more than 1e308 of the previous figure 130000" in tiny

    def test_first_figure_always_plausible(self) -> None:
        assert verdict(1e12, []) is None

    def test_zero_and_change_of_sign_not_judged(self) -> None:
        """A ratio to zero, or between signs, says nothing about scale."""
        assert verdict(500, [Figure(D(2023, 12, 31), 0.0, "r1")]) is None
        assert verdict(-500, [Figure(D(2023, 12, 31), 1.0, "r1")]) is None
        assert verdict(-500, [Figure(D(2023, 12, 31), -1.0, "r1")]) is not None

    def test_fraction_on_percent_target(self) -> None:
        """0.586 on a percent target whose figures are all above 1: refused, 58.6 suggested
        (0.586 / 5 = 0.117 is within the ratio rule: the percent rule alone refuses it)."""
        known = [Figure(D(2023, 12, 31), 5.0, "r1")]
        found = verdict(0.586, known, typed="0.586", unit="%", percent=True)
        assert found is not None
        assert "58.6 for 0.586" in found
        # A figure of 0.9 before: fractions are this target's usual, nothing refused.
        usual = [Figure(D(2022, 12, 31), 0.9, "r0"), *known]
        assert verdict(0.586, usual, unit="%", percent=True) is None

    def test_magnitude_word_named(self) -> None:
        """5500万 on a 亿元 target last at 5,000: 5500 x 1e4 / 1e8 = 0.55 亿元, 1/9091 of
        5,000; without 万, 5,500 / 5,000 = 1.1 is plausible, so the hint offers it."""
        known = [Figure(D(2023, 12, 31), 5000.0, "r1")]
        found = verdict(0.55, known, typed="5500万", unit="亿元", plain=5500.0)
        assert found is not None
        assert "'5500万' is 0.55 亿元" in found
        assert "did you mean 5500 亿元?" in found


LEDGER = """\
r20250110T093000-00000001 = { target = "t", date = 2023-12-31, value = 80, recorded_at = 2025-01-10 09:30:00+00:00 }
r20250110T093000-00000002 = { target = "t", date = 2024-12-31, value = 8.6e1, recorded_at = 2025-01-10 09:30:00+00:00 }
r20250110T093000-00000003 = { target = "u", date = 2024-12-31, value = 5, recorded_at = 2025-01-10 09:30:00+00:00 }
r20250110T093000-00000004 = { target = "t", date = 2025-12-31, value = true, recorded_at = 2025-01-10 09:30:00+00:00 }
"""  # noqa: E501


def test_ledger_figures_without_parse(tmp_path: Path) -> None:
    """figures() finds a target's numeric records by their line start, in file order."""
    path = tmp_path / "l.toml"
    path.write_text(LEDGER, encoding="utf-8")
    found = figures(path, ["t"])
    assert found == {
        "t": [
            (D(2023, 12, 31), 80.0, "r20250110T093000-00000001"),
            (D(2024, 12, 31), 86.0, "r20250110T093000-00000002"),
        ]
    }
    # Past FEW_TARGETS targets it scans every line instead: the same answer.
    many = figures(path, ["t", *(f"x{n}" for n in range(40))])
    assert many["t"] == found["t"]


# --- end to end -----------------------------------------------------------------


def one_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The single 'zqplan: error:' line of a run that exited with code."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("zqplan: error: "), lines
    return lines[0]


def history(zqplan: Run, target: str) -> list[dict[str, object]]:
    result = zqplan("history", target, "--json")
    assert result.returncode == 0, result.stderr
    records: list[dict[str, object]] = json.loads(result.stdout)["records"]
    return [r for r in records if r["origin"] == "ledger"]


class TestUpdate:
    """xpeng-vehicles has 130,000 vehicles for 2022 in the registry."""

    def test_refused_nothing_written(self, zqplan: Run, registry: Path) -> None:
        """14 vehicles: 14 / 130,000 = 1/9286 of the 2022 figure; exit 1, no ledger."""
        line = one_error(zqplan("update", "xpeng-vehicles", "14", "--date", "2023-12-31"))
        assert "implausible value for 'xpeng-vehicles'" in line
        assert "130000 (2022-12-31, registry)" in line
        assert not ledger_path(registry).exists()

    def test_force_records_and_marks(self, zqplan: Run, registry: Path) -> None:
        result = zqplan("update", "xpeng-vehicles", "14", "--date", "2023-12-31", "--force")
        assert result.returncode == 0, result.stderr
        assert "recorded with --force" in result.stderr
        assert "forced = true" in ledger_path(registry).read_text(encoding="utf-8")
        (record,) = history(zqplan, "xpeng-vehicles")
        assert record["forced"] is True
        assert record["value"] == 14.0
        assert zqplan("check").returncode == 0

    def test_plausible_not_marked(self, zqplan: Run, registry: Path) -> None:
        """14万 = 140,000 vehicles, 1.08x the 2022 figure: recorded, not forced."""
        result = zqplan("update", "xpeng-vehicles", "14万", "--date", "2023-12-31")
        assert result.returncode == 0, result.stderr
        assert "forced" not in ledger_path(registry).read_text(encoding="utf-8")
        (record,) = history(zqplan, "xpeng-vehicles")
        assert record["forced"] is False

    def test_ledger_figure_is_the_previous(self, zqplan: Run, registry: Path) -> None:
        """After 140,000 for 2023, 2,000,000 for 2024 is 14.3x the 2023 figure: refused,
        naming the ledger record; 1,000,000 (7.1x) is kept."""
        assert zqplan("update", "xpeng-vehicles", "140000", "--date", "2023-12-31").returncode == 0
        line = one_error(zqplan("update", "xpeng-vehicles", "2000000", "--date", "2024-12-31"))
        assert "previous figure 140000 (2023-12-31, r" in line
        assert zqplan("update", "xpeng-vehicles", "1000000", "--date", "2024-12-31").returncode == 0

    def test_percent_fraction(self, zqplan: Run, registry: Path) -> None:
        """forest-coverage (%) has 71 for 2023: 0.71 looks like a fraction; refused."""
        line = one_error(zqplan("update", "forest-coverage", "0.71", "--date", "2024-12-31"))
        assert "71 for 0.71" in line
        assert not ledger_path(registry).exists()

    def test_magnitude_word(self, zqplan: Run, registry: Path) -> None:
        """xpeng-output-value (billion yuan) has 30 for 2022: 50万 is 0.0005 billion yuan;
        50 would be 1.67x, so the hint asks whether 50 billion yuan was meant."""
        line = one_error(zqplan("update", "xpeng-output-value", "50万", "--date", "2023-12-31"))
        assert "did you mean 50 billion yuan?" in line


class TestBatch:
    def test_every_bad_row_nothing_written(self, zqplan: Run, registry: Path) -> None:
        """Line 3 is 0.4 after line 2's 35 (1/87.5): judged against the batch's own row;
        line 4 is a fraction on a percent target. Both reported, nothing written."""
        batch = (
            "target,value,date\n"
            "xpeng-output-value,35,2023-12-31\n"
            "xpeng-output-value,0.4,2024-12-31\n"
            "forest-coverage,0.7,2024-12-31\n"
        )
        result = zqplan("update", "--from", "-", stdin=batch)
        assert result.returncode == 1, result.stderr
        lines = result.stderr.splitlines()
        assert [line.split(": ")[2] for line in lines] == ["-:3", "-:4"]
        assert "previous figure 35 (2023-12-31, line 2)" in lines[0]
        assert not ledger_path(registry).exists()
        forced = zqplan("update", "--from", "-", "--force", stdin=batch)
        assert forced.returncode == 0, forced.stderr
        marks = [r["forced"] for r in history(zqplan, "xpeng-output-value")]
        assert marks == [False, True]

    def test_rows_named_as_update_names_them(self, zqplan: Run, registry: Path) -> None:
        """A row may name its target as `update` does (any case, or by title): the guard
        judges it all the same. 14 vehicles after the registry's 130,000 (2022) is
        1/9286 of it: refused whether the row says XPENG-VEHICLES or the Chinese title."""
        from zqplan.registry import load_plan

        title = load_plan(registry).target("xpeng-vehicles")
        assert title is not None
        assert title.title_zh
        for name in ("XPENG-VEHICLES", title.title_zh):
            batch = f"target,value,date\n{name},14,2023-12-31\n"
            line = one_error(zqplan("update", "--from", "-", stdin=batch))
            assert "implausible value for 'xpeng-vehicles'" in line
        assert not ledger_path(registry).exists()

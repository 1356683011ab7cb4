"""`zqplan void RECORD --reason TEXT` (issue 12, item 4): an append-only record that
withdraws another; status leaves it out, history shows it struck out with the reason."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import Run
from rich.console import Console

from zqplan.ledger import ledger_path, read
from zqplan.table import history_table

ID = re.compile(r" as (r\d{8}T\d{6}-[0-9a-f]+)")


def record(zqplan: Run, *args: str) -> str:
    """Run an update; the id it recorded under."""
    result = zqplan("update", *args)
    assert result.returncode == 0, result.stderr
    found = ID.search(result.stderr)
    assert found is not None, result.stderr
    return found.group(1)


def history(zqplan: Run, target: str) -> list[dict[str, Any]]:
    result = zqplan("history", target, "--json")
    assert result.returncode == 0, result.stderr
    records: list[dict[str, Any]] = json.loads(result.stdout)["records"]
    return records


def latest(zqplan: Run, target: str) -> Any:
    result = zqplan("status", "--json")
    assert result.returncode == 0, result.stderr
    (entry,) = [t for t in json.loads(result.stdout)["targets"] if t["id"] == target]
    return entry["latest"]


class TestVoid:
    def test_withdrawn_from_status_shown_in_history(self, zqplan: Run, registry: Path) -> None:
        """farm-output has no registry figure: after the void of its only record, status has
        no latest value, and history still lists the record, voided with the reason."""
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        assert latest(zqplan, "farm-output") == {"value": 86.5, "date": "2024-12-31"}
        result = zqplan("void", wrong, "--reason", "the 2023 figure, not 2024's")
        assert result.returncode == 0, result.stderr
        assert f"voided {wrong} (farm-output = 86.5 for 2024-12-31)" in result.stderr
        assert latest(zqplan, "farm-output") is None
        (shown,) = history(zqplan, "farm-output")
        assert shown["record"] == wrong
        assert shown["voided"] == "the 2023 figure, not 2024's"
        assert shown["superseded"] is False
        csv = zqplan("history", "farm-output", "--format", "csv", "--fields", "record,voided")
        assert f'{wrong},"the 2023 figure, not 2024\'s"' in csv.stdout
        assert zqplan("check").returncode == 0

    def test_record_shape(self, zqplan: Run, registry: Path) -> None:
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        assert zqplan("void", wrong, "--reason", "typo").returncode == 0
        last = ledger_path(registry).read_text(encoding="utf-8").splitlines()[-1]
        assert re.fullmatch(
            rf'r\d{{8}}T\d{{6}}-[0-9a-f]+ = \{{ voids = "{wrong}", reason = "typo", '
            r'recorded_at = [^,]+, recorded_by = "tester" \}',
            last,
        ), last
        (void,) = read(ledger_path(registry)).voids
        assert (void.voids, void.reason, void.recorded_by) == (wrong, "typo", "tester")

    def test_void_and_re_record_fixes_a_date(self, zqplan: Run, registry: Path) -> None:
        """The documented fix for a wrong date: void, then record again."""
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        assert zqplan("void", wrong, "--reason", "was 2023").returncode == 0
        record(zqplan, "farm-output", "86.5", "--date", "2023-12-31")
        assert latest(zqplan, "farm-output") == {"value": 86.5, "date": "2023-12-31"}
        assert [r["voided"] is not None for r in history(zqplan, "farm-output")] == [False, True]

    def test_twice_is_a_no_op(self, zqplan: Run, registry: Path) -> None:
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        assert zqplan("void", wrong, "--reason", "typo").returncode == 0
        before = ledger_path(registry).read_bytes()
        again = zqplan("void", wrong, "--reason", "typo")
        assert again.returncode == 0, again.stderr
        assert "already void; nothing written" in again.stderr
        assert ledger_path(registry).read_bytes() == before

    def test_unknown_record_suggests(self, zqplan: Run, registry: Path) -> None:
        """One hex digit off: refused (exit 1), the real id suggested, nothing written."""
        real = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        typo = real[:-1] + ("0" if real[-1] != "0" else "1")
        before = ledger_path(registry).read_bytes()
        result = zqplan("void", typo, "--reason", "typo")
        assert result.returncode == 1
        assert f"no record {typo}" in result.stderr
        assert f"did you mean '{real}'" in result.stderr
        assert ledger_path(registry).read_bytes() == before

    def test_void_of_a_void_refused(self, zqplan: Run, registry: Path) -> None:
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        result = zqplan("void", wrong, "--reason", "typo")
        void_id = ID.search(result.stderr)
        assert void_id is not None
        before = ledger_path(registry).read_bytes()
        refused = zqplan("void", void_id.group(1), "--reason", "undo")
        assert refused.returncode == 1
        assert "a void cannot be withdrawn" in refused.stderr
        assert ledger_path(registry).read_bytes() == before

    def test_registry_figure_and_bad_reason(self, zqplan: Run, registry: Path) -> None:
        result = zqplan("void", "registry:xpeng-vehicles:0", "--reason", "x")
        assert result.returncode == 2
        assert "written in the registry" in result.stderr
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2024-12-31")
        assert zqplan("void", wrong, "--reason", "  ").returncode == 2
        assert zqplan("void", wrong).returncode == 2  # --reason is required

    def test_voided_figure_no_longer_previous(self, zqplan: Run, registry: Path) -> None:
        """5 after 86.5 (1/17.3) is refused by the guard; once 86.5 is voided, farm-output
        has no figure left and 5 is recorded."""
        wrong = record(zqplan, "farm-output", "86.5", "--date", "2023-12-31")
        assert zqplan("update", "farm-output", "5", "--date", "2024-12-31").returncode == 1
        assert zqplan("void", wrong, "--reason", "wrong target").returncode == 0
        assert zqplan("update", "farm-output", "5", "--date", "2024-12-31").returncode == 0

    def test_check_reports_a_void_of_nothing(self, zqplan: Run, registry: Path) -> None:
        """A void naming no record (a hand edit) is a problem with its line."""
        ledger_path(registry).write_text(
            'r20250101T000000-00000001 = { voids = "r20250101T000000-0000000f", '
            'reason = "x", recorded_at = 2025-01-01T00:00:00Z }\n',
            encoding="utf-8",
        )
        result = zqplan("check")
        assert result.returncode == 1
        assert "targets.ledger.toml:1: void r20250101T000000-00000001 withdraws" in result.stdout
        assert "not in the ledger" in result.stdout


def test_history_table_strikes_voided() -> None:
    """In a terminal the voided row is struck through (SGR 9); either way it says why."""
    rows = [
        {
            "record": "r1", "origin": "ledger", "date": "2024-12-31", "value": 1.0,
            "recorded_at": None, "recorded_by": None, "source": None, "note": None,
            "superseded": False, "forced": False, "voided": "wrong year",
        }
    ]  # fmt: skip
    for interactive in (True, False):
        console = Console(force_terminal=interactive, color_system="standard", width=200)
        with console.capture() as captured:
            console.print(history_table(rows, "u", interactive=interactive))
        assert "voided: wrong year" in captured.get()
        if interactive:
            assert "\x1b[2;9mr1" in captured.get()  # dim (2) and struck through (9)

"""Conflicting revisions (issue 12, item 6): two people recording different figures for
one target and period within 14 days are a `check` warning (exit 0) and marked in history."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import Run

from zqplan.conflicts import WINDOW, conflicts
from zqplan.model import Observation

T0 = dt.datetime(2025, 1, 10, 9, 30, tzinfo=dt.UTC)


def obs(n: int, value: float, by: str, after: dt.timedelta = dt.timedelta(0)) -> Observation:
    """Record n (sequence n) of farm-output for 2024, by `by`, recorded `after` T0."""
    return Observation(
        "farm-output", dt.date(2024, 12, 31), value, f"r{n}", T0 + after, by, sequence=n
    )


class TestRule:
    def test_two_people_two_values(self) -> None:
        (pair,) = conflicts([obs(1, 86.5, "li"), obs(2, 88.0, "wang", dt.timedelta(days=2))])
        assert (pair.first.record_id, pair.second.record_id) == ("r1", "r2")

    def test_window_is_fourteen_days(self) -> None:
        """14 days apart still conflict; 14 days and a second do not (a deliberate revision)."""
        assert dt.timedelta(days=14) == WINDOW
        assert conflicts([obs(1, 86.5, "li"), obs(2, 88.0, "wang", WINDOW)])
        late = WINDOW + dt.timedelta(seconds=1)
        assert not conflicts([obs(1, 86.5, "li"), obs(2, 88.0, "wang", late)])

    def test_same_person_or_same_value(self) -> None:
        assert not conflicts([obs(1, 86.5, "li"), obs(2, 88.0, "li")])
        assert not conflicts([obs(1, 86.5, "li"), obs(2, 86.5, "wang")])

    def test_other_period_or_target(self) -> None:
        other = Observation(
            "farm-output", dt.date(2023, 12, 31), 88.0, "r2", T0, "wang", sequence=2
        )
        assert not conflicts([obs(1, 86.5, "li"), other])

    def test_a_later_record_settles(self) -> None:
        """li 86.5, wang 88, then li 88 (agreed): the newest is 88 by li; wang's 88 has
        the same value and li's 86.5 the same person: nothing left to report."""
        settled = [obs(1, 86.5, "li"), obs(2, 88.0, "wang"), obs(3, 88.0, "li")]
        assert not conflicts(settled)
        # Each earlier record that disagrees with the newest is its own pair.
        three = [obs(1, 86.5, "li"), obs(2, 87.0, "zhao"), obs(3, 88.0, "wang")]
        assert [(c.first.record_id, c.second.record_id) for c in conflicts(three)] == [
            ("r1", "r3"),
            ("r2", "r3"),
        ]


ID = re.compile(r" as (r\d{8}T\d{6}-[0-9a-f]+)")


def update(zqplan: Run, user: str, value: str) -> str:
    result = zqplan("update", "farm-output", value, "--date", "2024", env={"ZQPLAN_USER": user})
    assert result.returncode == 0, result.stderr
    found = ID.search(result.stderr)
    assert found is not None
    return found.group(1)


class TestCommands:
    def test_check_warns_exit_zero(self, zqplan: Run, registry: Path) -> None:
        first = update(zqplan, "li", "86.5")
        second = update(zqplan, "wang", "88")
        result = zqplan("check")
        assert result.returncode == 0, result.stdout
        (line,) = result.stdout.splitlines()
        assert line.startswith("targets.ledger.toml:4: warning: conflicting figures")
        assert "86.5 by li (line 3" in line
        assert "88 by wang" in line
        document = json.loads(zqplan("check", "--json").stdout)
        assert document["ok"] is True
        assert document["problems"] == []
        assert [w["severity"] for w in document["warnings"]] == ["warning"]
        rows = json.loads(zqplan("history", "farm-output", "--json").stdout)["records"]
        assert [(r["record"], r["conflict"]) for r in rows] == [(first, second), (second, first)]

    def test_void_settles(self, zqplan: Run, registry: Path) -> None:
        update(zqplan, "li", "86.5")
        wrong = update(zqplan, "wang", "88")
        assert zqplan("void", wrong, "--reason", "li's figure is the bulletin's").returncode == 0
        result = zqplan("check")
        assert (result.returncode, result.stdout) == (0, "")

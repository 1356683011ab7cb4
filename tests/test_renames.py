"""Renamed and retired targets, and ledger records for targets the registry lost."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import run_zqplan

HEAD = """\
schema = "zqplan.registry/1"

[plan]
id = "city"
title = "City plan"

[areas.economy]
title = "Economy"
"""

GDP = """
[targets.{id}]
area = "economy"
title = "Gross domestic product"
source = "GDP to 150 billion yuan by 2027."
unit = "billion yuan"
baseline = {{ value = 100, date = 2022-12-31 }}
target = {{ value = 150, date = 2027-12-31 }}
{extra}
"""

FOREST = """
[targets.forest]
area = "economy"
title = "Forest coverage"
source = "Forest coverage above 71%."
unit = "%"
direction = "at-least"
baseline = { value = 71, date = 2022-12-31 }
target = { value = 71, date = 2027-12-31 }
"""


def registry(folder: Path, gdp_id: str = "gdp", extra: str = "", more: str = FOREST) -> None:
    """Write folder/targets.toml: the GDP target under gdp_id (with extra lines) and more."""
    text = HEAD + GDP.format(id=gdp_id, extra=extra) + more
    (folder / "targets.toml").write_text(text, encoding="utf-8")


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_zqplan(*args, cwd=folder)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan whose ledger holds gdp = 110 for 2023 and forest = 71.5 for 2023."""
    registry(tmp_path)
    for args in (("gdp", "110"), ("forest", "71.5")):
        done = run(tmp_path, "update", *args, "--date", "2023-12-31")
        assert done.returncode == 0, done.stderr
    return tmp_path


def entry(document: dict[str, object], target_id: str) -> dict[str, object]:
    targets = document["targets"]
    assert isinstance(targets, list)
    (found,) = [t for t in targets if t["id"] == target_id]
    assert isinstance(found, dict)
    return found


class TestRenamed:
    """renamed_from: the old id's records count for the new target."""

    def test_records_carry_over(self, plan: Path) -> None:
        """gdp renamed gdp-total: status, history and check see the 2023 record."""
        registry(plan, "gdp-total", 'renamed_from = ["gdp"]')
        status = run(plan, "status", "--json", "--as-of", "2024-06-30")
        assert status.returncode == 0, status.stderr
        assert status.stderr == ""
        latest = entry(json.loads(status.stdout), "gdp-total")["latest"]
        assert latest == {"value": 110, "date": "2023-12-31"}
        history = run(plan, "history", "gdp", "--json")  # the old id names the new target
        assert history.returncode == 0, history.stderr
        document = json.loads(history.stdout)
        assert document["target"] == "gdp-total"
        assert [r["value"] for r in document["records"] if r["origin"] == "ledger"] == [110]
        check = run(plan, "check")
        assert (check.returncode, check.stdout) == (0, "")

    def test_update_by_old_id_records_for_new(self, plan: Path) -> None:
        """`update gdp` after the rename records for gdp-total and says so."""
        registry(plan, "gdp-total", 'renamed_from = ["gdp"]')
        done = run(plan, "update", "gdp", "120", "--date", "2024-12-31")
        assert done.returncode == 0, done.stderr
        assert "'gdp' is 'gdp-total'" in done.stderr
        ledger = (plan / "targets.ledger.toml").read_text(encoding="utf-8")
        assert ledger.splitlines()[-1].count('target = "gdp-total"') == 1

    def test_old_id_that_is_current_is_refused(self, plan: Path) -> None:
        """renamed_from naming a current target's id: check names the line, exit 1."""
        registry(plan, "gdp-total", 'renamed_from = ["forest"]')
        check = run(plan, "check")
        assert check.returncode == 1
        line = (plan / "targets.toml").read_text().splitlines().index('renamed_from = ["forest"]')
        assert f"targets.toml:{line + 1}: target 'gdp-total' was renamed from 'forest'" in (
            check.stdout
        )

    def test_old_id_claimed_twice_is_refused(self, plan: Path) -> None:
        """Two targets claiming gdp: check names both."""
        twice = FOREST.replace("[targets.forest]", '[targets.forest]\nrenamed_from = ["gdp"]')
        registry(plan, "gdp-total", 'renamed_from = ["gdp"]', more=twice)
        check = run(plan, "check")
        assert check.returncode == 1
        assert "'gdp' is in renamed_from of both 'gdp-total' and 'forest'" in check.stdout


class TestRetired:
    """retired = DATE: out of status from that day, history and show still readable."""

    def test_out_of_status_from_that_day(self, plan: Path) -> None:
        """After 2025-06-30 status shows forest alone and counts one target; before, two."""
        registry(plan, extra="retired = 2025-06-30")
        after = json.loads(run(plan, "status", "--json", "--as-of", "2025-06-30").stdout)
        assert [t["id"] for t in after["targets"]] == ["forest"]
        assert sum(after["summary"].values()) == 1  # forest only
        before = json.loads(run(plan, "status", "--json", "--as-of", "2025-06-29").stdout)
        assert [t["id"] for t in before["targets"]] == ["gdp", "forest"]
        assert sum(before["summary"].values()) == 2

    def test_show_and_history_still_read(self, plan: Path) -> None:
        registry(plan, extra="retired = 2025-06-30")
        show = run(plan, "show", "gdp", "--json", "--as-of", "2026-01-01")
        assert show.returncode == 0, show.stderr
        assert "'gdp' was retired on 2025-06-30" in show.stderr
        history = run(plan, "history", "gdp", "--json")
        assert [r["value"] for r in json.loads(history.stdout)["records"]] == [110]
        assert run(plan, "check").returncode == 0

    def test_not_a_date(self, plan: Path) -> None:
        registry(plan, extra='retired = "June 2025"')
        check = run(plan, "check")
        assert check.returncode == 1
        assert "'targets.gdp.retired' must be a date like 2025-06-30" in check.stdout


class TestUnknownTarget:
    """A record for a target the registry no longer has: check reports it, reads go on."""

    def test_reads_leave_it_out_with_one_note(self, plan: Path) -> None:
        """gdp deleted from the registry: status exits 0, JSON on stdout, one note."""
        (plan / "targets.toml").write_text(HEAD + FOREST, encoding="utf-8")
        status = run(plan, "status", "--json", "--as-of", "2024-06-30")
        assert status.returncode == 0, status.stderr
        assert [t["id"] for t in json.loads(status.stdout)["targets"]] == ["forest"]
        (note,) = status.stderr.splitlines()
        assert note.startswith("zqplan: note: left out 1 record(s) for unknown target(s) 'gdp'")
        history = run(plan, "history", "forest", "--json")
        assert history.returncode == 0, history.stderr

    def test_check_reports_it_with_a_hint(self, plan: Path) -> None:
        (plan / "targets.toml").write_text(HEAD + FOREST, encoding="utf-8")
        check = run(plan, "check")
        assert check.returncode == 1
        (line,) = check.stdout.splitlines()
        assert "is for unknown target 'gdp'" in line
        assert "renamed_from" in line

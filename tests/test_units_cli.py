"""Units and magnitudes (issue 3, section 3) where users type them: values written as
quantities in the registry, and `zqplan update` converting them to the target's unit."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from zqplan.errors import Problems, ZqplanError
from zqplan.ledger import ledger_path
from zqplan.model import Point
from zqplan.registry import load_plan

WriteFile = Callable[[str, str | bytes], Path]

BASE = """\
schema = "zqplan.registry/1"

[plan]
id = "small-plan"
title = "A small plan"

[areas.economy]
title = "Economy"

[targets.gdp]
area = "economy"
title = "Farm output"
source = "Push farm output past 100 billion yuan."
"""
"""A registry whose last table is [targets.gdp], with no unit yet: lines added at
the end belong to that target."""


def target_with(write_file: WriteFile, unit: str, *lines: str) -> tuple[Path, str]:
    """Write BASE + unit + lines as targets.toml; return its path and text."""
    text = BASE + f'unit = "{unit}"\n' + "".join(line + "\n" for line in lines)
    return write_file("targets.toml", text), text


def line_number(text: str, line: str) -> int:
    """The 1-based number of the one line of text equal to line."""
    (number,) = [n for n, found in enumerate(text.splitlines(), start=1) if found == line]
    return number


def only_problem(path: Path) -> ZqplanError:
    """The single problem load_plan reports for path."""
    with pytest.raises(Problems) as raised:
        load_plan(path)
    problems = raised.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


class TestRegistryQuantities:
    """A registry value may be a quantity string, converted to the target's unit."""

    def test_baseline_in_yi(self, write_file: WriteFile) -> None:
        """300亿 = 300 x 1e8 yuan = 3e10 yuan = 30 billion yuan."""
        path, _ = target_with(
            write_file, "billion yuan", 'baseline = { value = "300亿", date = 2022-12-31 }'
        )
        (gdp,) = load_plan(path).targets
        assert gdp.baseline == Point(dt.date(2022, 12, 31), 30.0)

    def test_target_in_english_words(self, write_file: WriteFile) -> None:
        """'100 billion yuan' in a 'billion yuan' target is 100."""
        path, _ = target_with(
            write_file, "billion yuan", 'target = { value = "100 billion yuan", date = 2027-12-31 }'
        )
        (gdp,) = load_plan(path).targets
        assert (gdp.target_value, gdp.target_date) == (100.0, dt.date(2027, 12, 31))

    def test_observation_in_wan(self, write_file: WriteFile) -> None:
        """1.3万 vehicles = 1.3 x 1e4 = 13000 vehicles."""
        path, _ = target_with(
            write_file, "vehicles", 'observations = [{ date = 2023-12-31, value = "1.3万" }]'
        )
        (gdp,) = load_plan(path).targets
        assert [(o.date, o.value) for o in gdp.observations] == [(dt.date(2023, 12, 31), 13000.0)]

    def test_quantity_in_a_unit_with_a_magnitude(self, write_file: WriteFile) -> None:
        """13万辆 in a 万辆 target: 130000 vehicles / 1e4 per unit = 13."""
        path, _ = target_with(
            write_file, "万辆", 'observations = [{ date = 2023-12-31, value = "13万辆" }]'
        )
        (gdp,) = load_plan(path).targets
        assert [o.value for o in gdp.observations] == [13.0]

    def test_plain_numbers_unchanged(self, write_file: WriteFile) -> None:
        """A TOML number is already in the target's unit: 130000 in 万辆 stays 130000."""
        path, _ = target_with(
            write_file, "万辆", "observations = [{ date = 2023-12-31, value = 130000 }]"
        )
        (gdp,) = load_plan(path).targets
        assert [o.value for o in gdp.observations] == [130000.0]

    def test_incompatible_baseline(self, write_file: WriteFile) -> None:
        """'5 km' is a length, not money: a problem at the baseline's line."""
        baseline = 'baseline = { value = "5 km", date = 2022-12-31 }'
        path, text = target_with(write_file, "billion yuan", baseline)
        problem = only_problem(path)
        assert problem.where == f"{path}:{line_number(text, baseline)}"
        assert "must be a number or a quantity in 'billion yuan'" in problem.message

    def test_incompatible_observation_at_its_line(self, write_file: WriteFile) -> None:
        """In a multi-line observations list, '5 km' is named at its own line."""
        bad = '  { date = 2024-12-31, value = "5 km" },'
        path, text = target_with(
            write_file,
            "billion yuan",
            "observations = [",
            '  { date = 2023-12-31, value = "300亿" },',
            bad,
            "]",
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{line_number(text, bad)}"
        assert "must be a number or a quantity in 'billion yuan'" in problem.message

    def test_percentage_points_in_a_percent_target(self, write_file: WriteFile) -> None:
        """2 百分点 is a change in percentage points, not a share in %."""
        bad = 'observations = [{ date = 2023-12-31, value = "2 百分点" }]'
        path, text = target_with(write_file, "%", bad)
        problem = only_problem(path)
        assert problem.where == f"{path}:{line_number(text, bad)}"
        assert "must be a number or a quantity in '%'" in problem.message

    def test_text_that_is_not_a_number(self, write_file: WriteFile) -> None:
        """'lots' is not a quantity at all."""
        target = 'target = { value = "lots", date = 2027-12-31 }'
        path, text = target_with(write_file, "billion yuan", target)
        problem = only_problem(path)
        assert problem.where == f"{path}:{line_number(text, target)}"
        assert "'lots'" in problem.message


# --- end to end -----------------------------------------------------------------

ERROR_PREFIX = "zqplan: error: "


def error_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with code and exactly one 'zqplan: error:' line on stderr."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(ERROR_PREFIX), result.stderr
    return lines[0]


def ledger_values(zqplan: Run, target_id: str) -> list[tuple[str, Any]]:
    """(date, value) of each ledger record of the target, from `history --json`."""
    result = zqplan("history", target_id, "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["records"]
    return [(r["date"], r["value"]) for r in records if r["origin"] == "ledger"]


class TestUpdateQuantities:
    """`zqplan update` converts a typed quantity to the target's unit, or refuses it."""

    def test_yi_into_billion_yuan(self, zqplan: Run, registry: Path) -> None:
        """300亿 for farm-output (billion yuan): 300 x 1e8 / 1e9 = 30.0 stored."""
        result = zqplan("update", "farm-output", "300亿", "--date", "2024-12-31")
        assert result.returncode == 0, result.stderr
        assert ledger_values(zqplan, "farm-output") == [("2024-12-31", 30.0)]

    def test_wan_into_vehicles(self, zqplan: Run, registry: Path) -> None:
        """1.3万 for xpeng-vehicles (vehicles): 1.3 x 1e4 = 13000.0 stored."""
        result = zqplan("update", "xpeng-vehicles", "1.3万", "--date", "2023-12-31")
        assert result.returncode == 0, result.stderr
        assert ledger_values(zqplan, "xpeng-vehicles") == [("2023-12-31", 13000.0)]

    def test_length_for_money_refused(self, zqplan: Run, registry: Path) -> None:
        """'5 km' for a billion-yuan target: usage error (exit 2), nothing written."""
        line = error_line(zqplan("update", "farm-output", "5 km", "--date", "2024-12-31"), 2)
        assert "'5 km'" in line
        assert "billion yuan" in line
        assert not ledger_path(registry).exists()

    def test_percentage_points_for_percent_refused(self, zqplan: Run, registry: Path) -> None:
        """forest-coverage is in %: '2 百分点' (percentage points) is refused, nothing written."""
        result = zqplan("update", "forest-coverage", "2 百分点", "--date", "2024-12-31")
        line = error_line(result, 2)
        assert "forest-coverage" in line
        assert "percentage point" in line
        assert not ledger_path(registry).exists()

"""A yearly entry written as a table quotes the sentence that sets it, from its document."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_zqplan

from zqplan.model import Comparator
from zqplan.registry import load_plan

HEAD = """schema = "zqplan.registry/1"
[plan]
id = "p"
title = "Test plan"
document = "outline"
[documents.outline]
title = "Outline"
[documents.report-2022]
title = "Work report 2022"
[areas.a]
title = "A"
[targets.x]
area = "a"
title = "X"
source = "s"
unit = "%"
[targets.x.yearly]
"""


def test_table_entry(tmp_path: Path) -> None:
    """The target reads as the bare string would; source and document are kept."""
    path = tmp_path / "targets.toml"
    path.write_text(
        HEAD + '2021 = "6%以上"\n'
        '2022 = { target = "5.5%左右", document = "report-2022", source = "增长5.5%左右" }\n'
        '2023 = { target = "5%左右", source = "增长5%左右" }\n',
        encoding="utf-8",
    )
    (target,) = load_plan(path).targets
    first, second, third = target.schedule
    assert (first.comparator, first.value, first.source, first.document) == (
        Comparator.AT_LEAST,
        6.0,
        None,
        None,
    )
    assert (second.comparator, second.value, second.written) == (Comparator.ABOUT, 5.5, "5.5%左右")
    assert (second.source, second.document) == ("增长5.5%左右", "report-2022")
    assert (third.source, third.document) == ("增长5%左右", None)  # the target's document


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{ source = "s" }', "'targets.x.yearly.2022' has no target"),
        ('{ target = "5", sauce = "s" }', "sauce"),
        ('{ target = "5", document = "report-2021" }', "names document 'report-2021'"),
        ('{ target = "5", source = 5 }', "source' must be a string"),
        ('{ target = "roughly 5", source = "s" }', "has no comparator"),
    ],
)
def test_mistakes(tmp_path: Path, entry: str, message: str) -> None:
    """Each mistake in a table entry is one FILE:LINE problem, exit 1."""
    (tmp_path / "targets.toml").write_text(HEAD + f"2022 = {entry}\n", encoding="utf-8")
    result = run_zqplan("check", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert message in result.stdout
    assert "targets.toml:" in result.stdout

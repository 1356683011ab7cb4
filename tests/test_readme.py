"""README.md stays true: every command it shows works on the shipped data, and the
output it shows is what zqplan prints (tests/readme_blocks.py --update refreshes it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from readme_blocks import (
    README,
    RUN_WORDS,
    Block,
    blocks,
    excerpt,
    fresh_plan,
    matches,
    prints_something,
    run_output_block,
    sessions,
    stated_exit,
    strip_comment,
)

TEXT = README.read_text(encoding="utf-8")
SH_BLOCKS = [b for b in blocks(TEXT) if b.lang == "sh"]
OUTPUT_BLOCKS = [b for b in blocks(TEXT) if sessions(b)]


def run_lines(block: Block) -> list[tuple[int, str, str]]:
    """The lines of a ```sh block that are run: (README line, command, comment)."""
    found = []
    for offset, line in enumerate(block.lines):
        command, comment = strip_comment(line)
        if command.split(" ", 1)[0] in RUN_WORDS:
            found.append((block.start + offset + 1, command, comment))
    return found


@pytest.mark.parametrize(
    "block", [b for b in SH_BLOCKS if run_lines(b)], ids=lambda b: f"line{b.start}"
)
def test_sh_block_commands_work(block: Block, tmp_path: Path) -> None:
    shell = fresh_plan(tmp_path)
    for line, command, comment in run_lines(block):
        result = shell.run(command)
        where = f"README.md:{line}: {command}\n{result.stderr}"
        assert result.exit_code == stated_exit(comment), where
        if prints_something(command):
            assert result.stdout.strip(), where


def test_readme_has_blocks_of_both_kinds() -> None:
    # The README's session and examples: a parser that found nothing would pass vacuously.
    assert len([b for b in SH_BLOCKS if run_lines(b)]) >= 10
    assert sum(len(sessions(b)) for b in OUTPUT_BLOCKS) >= 5


@pytest.mark.parametrize("block", OUTPUT_BLOCKS, ids=lambda b: f"line{b.start}")
def test_output_block_is_real(block: Block, tmp_path: Path) -> None:
    for session, result, real in run_output_block(block, tmp_path):
        assert result.exit_code == 0, f"README.md:{session.line}: {result.stderr}"
        assert matches(list(session.expected), real), (
            f"README.md:{session.line}: $ {session.command}\nreal output:\n"
            + "\n".join(real)
            + "\n(python tests/readme_blocks.py --update refreshes README.md)"
        )


def test_matching_is_exact_but_for_elisions_and_trailing_spaces() -> None:
    real = ["a  1", "b  2", "c  3"]
    assert matches(["a  1   ", "b  2", "c  3"], real)
    assert matches(["a  1", "...", "c  3"], real)
    assert matches(["...", "b  2", "..."], real)
    assert not matches(["a  1", "b  2"], real)  # a line left out without `...`
    assert not matches(["a  1", "b  3", "c  3"], real)  # a changed number
    assert not matches(["a 1", "b  2", "c  3"], real)  # spacing inside a line
    assert not matches(["...", "d  4"], real)


def test_excerpt_keeps_the_shown_ids_in_their_new_form() -> None:
    shown = ["id  value", "b  2", "...", "3 targets: 1 achieved"]
    real = ["id  value  status", "a  1  x", "b  5  y", "c  3  z", "3 targets: 2 achieved"]
    assert excerpt(shown, real) == (
        ["id  value  status", "...", "b  5  y", "...", "3 targets: 2 achieved"],
        [],
    )
    assert excerpt(["gone  1", "..."], real)[1] == ["gone  1"]


def test_comments_and_exit_codes() -> None:
    assert strip_comment('zqplan update x 1 --source "a # b"  # note') == (
        'zqplan update x 1 --source "a # b"',
        "note",
    )
    assert stated_exit("exits 3 when lagging") == 3
    assert stated_exit("the table") == 0
    assert prints_something("zqplan status --json | jq .")
    assert not prints_something("zqplan status --format csv > status.csv")
    assert not prints_something("zqplan update farm-output 1")


def test_a_jq_pipe_without_jq_checks_the_json(tmp_path: Path) -> None:
    shell = fresh_plan(tmp_path)
    shell.has_jq = False
    result = shell.run("zqplan status --json | jq '.targets[] | .id'")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")  # zqplan's JSON, not jq's output
    with pytest.raises(ValueError, match="Expecting value"):
        shell.run("zqplan status | jq .")  # a table is not JSON

"""Git's merge-conflict markers in a hand-edited file, found by line."""

from __future__ import annotations

import re

_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?:$|[ \t])")
"""A line git writes around the two sides of a conflict: <<<<<<< ours, =======, >>>>>>> theirs."""


def conflict_markers(text: str) -> tuple[int, int | None, int | None] | None:
    """The lines (1-based) of the first conflict's <<<<<<<, ======= and >>>>>>>, if any."""
    start: int | None = None
    middle: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        found = _MARKER.match(line)
        if found is None:
            continue
        mark = found.group(1)[0]
        if mark == "<" and start is None:
            start = number
        elif mark == "=" and start is not None and middle is None:
            middle = number
        elif mark == ">" and start is not None:
            return start, middle, number
        elif start is None:  # a lone ======= or >>>>>>>: the conflict's start was removed
            return number, None, None
    return None if start is None else (start, middle, None)


def describe(lines: tuple[int, int | None, int | None]) -> tuple[str, str]:
    """The message and the hint for a conflict at these lines."""
    start, middle, end = lines
    if middle is None or end is None:
        return (
            f"a git merge conflict marker at line {start} (the rest of the conflict is gone)",
            "remove the marker line, keeping the side you want, then `zqplan check`",
        )
    return (
        f"a git merge conflict: <<<<<<< at line {start}, ======= at line {middle}, "
        f">>>>>>> at line {end}",
        f"keep one side (ours: lines {start + 1}-{middle - 1}, theirs: lines "
        f"{middle + 1}-{end - 1}) or merge them by hand, delete the three marker lines, "
        "then run `zqplan check`",
    )

"""Run the commands README.md shows and compare (or refresh) the output it shows.

`python tests/readme_blocks.py` checks; `--update` rewrites README.md's output
blocks from real output. Standard library and the installed zqplan only.

Two kinds of fenced block are read:

- ```sh blocks: each line whose first word is `zqplan`, `cd` or `printf` is run
  in order (bash; `cd` is followed), in a fresh copy of the shipped plan made by
  `zqplan init`. A `# exits N` comment on the line states a non-zero exit code.
- ```console and ```text blocks with `$ COMMAND` lines: each command is run in
  the same way, and its standard output is compared with the lines below it up
  to the next `$ ` line. A `...` line stands for any number of lines; trailing
  spaces are ignored. Output is a pipe's (no colour, no box drawing, no width).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
"""The README this script checks."""

RUN_WORDS = ("zqplan", "cd", "printf")
"""The first words of the ```sh lines that are run; others (pip, git...) are not."""

READ_COMMANDS = frozenset(
    {"status", "show", "history", "milestones", "examples", "table", "diff", "report", "docs"}
)
"""zqplan commands that must print something (unless their output goes to a file)."""

ELISION = "..."
"""A line of an output block standing for any number of lines."""


@dataclasses.dataclass(frozen=True, slots=True)
class Block:
    """One fenced block of README.md."""

    lang: str
    """The fence's info string (`sh`, `console`, `text`...)."""
    start: int
    """0-based index of the first line inside the fence."""
    lines: tuple[str, ...]
    """The lines inside the fence."""


@dataclasses.dataclass(frozen=True, slots=True)
class Session:
    """One `$ COMMAND` of an output block and the output the README shows."""

    command: str
    """The command as written after `$ `."""
    line: int
    """1-based line number of the `$ ` line in README.md."""
    expected: tuple[str, ...]
    """The lines shown below it."""


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    """What running one README command gave."""

    exit_code: int
    """The exit code of the zqplan part of the line."""
    stdout: str
    """Its standard output."""
    stderr: str
    """Its standard error."""


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, in order."""
    found: list[Block] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = re.match(r"^```(\S*)\s*$", lines[index])
        if match and match.group(1):
            end = index + 1
            while end < len(lines) and lines[end].rstrip() != "```":
                end += 1
            found.append(Block(match.group(1), index + 1, tuple(lines[index + 1 : end])))
            index = end + 1
        else:
            index += 1
    return found


def sessions(block: Block) -> list[Session]:
    """The `$ zqplan ...` commands of a console or text block and their shown output."""
    if block.lang not in ("console", "text"):
        return []
    found: list[Session] = []
    for offset, line in enumerate(block.lines):
        if line.startswith("$ "):
            found.append(Session(line[2:], block.start + offset + 1, ()))
        elif found:
            last = found[-1]
            found[-1] = dataclasses.replace(last, expected=(*last.expected, line))
    return found


def strip_comment(line: str) -> tuple[str, str]:
    """A shell line split into its command and its `# comment` (outside quotes)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index].rstrip(), line[index + 1 :].strip()
    return line.rstrip(), ""


def stated_exit(comment: str) -> int:
    """The exit code a `# exits N` comment states (0 without one)."""
    match = re.search(r"\bexits (\d+)", comment)
    return int(match.group(1)) if match else 0


def environment(home: Path) -> dict[str, str]:
    """The variables README commands run with: no user config, a fixed user and editor."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ZQPLAN_REGISTRY", "ZQPLAN_LANG", "FORCE_COLOR", "NO_COLOR")
    }
    bin_dir = os.path.dirname(zqplan_path())
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["ZQPLAN_USER"] = "tester"
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["ZQPLAN_CACHE_DIR"] = str(home / "cache")
    # `zqplan edit` opens $EDITOR; `true` closes it at once, leaving the entry as it was.
    env["EDITOR"] = "true"
    env["VISUAL"] = "true"
    env["COLUMNS"] = "100"
    return env


def zqplan_path() -> str:
    """The installed zqplan script, beside this Python or on PATH."""
    found = shutil.which("zqplan", path=os.path.dirname(sys.executable)) or shutil.which("zqplan")
    if found is None:
        raise RuntimeError("the zqplan command is not installed (pip install -e .)")
    return found


class Shell:
    """Runs README lines one after another in a folder, following `cd`."""

    def __init__(self, folder: Path, home: Path) -> None:
        """A shell at `folder`, with caches and config under `home`."""
        self.cwd = folder
        self.env = environment(home)
        self.has_jq = shutil.which("jq") is not None

    def run(self, command: str) -> Result:
        """Run one line (`A && B` in turn, stopping at a failure); the last part's result."""
        result = Result(0, "", "")
        for part in (p.strip() for p in command.split("&&")):
            if part.startswith("cd "):
                self.cwd = (self.cwd / part[3:].strip()).resolve()
                continue
            result = self.run_part(part)
            if result.exit_code != 0:
                return result
        return result

    def run_part(self, part: str) -> Result:
        """Run one command: its zqplan part's exit code, a jq pipe applied if jq is installed."""
        head, _, rest = part.partition(" || ")
        del rest  # only the command before `||` is checked; its exit code is stated
        pipe_to = ""
        if " | " in head:
            head, _, pipe_to = head.partition(" | ")
        done = subprocess.run(
            ["bash", "-c", head],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )
        result = Result(done.returncode, done.stdout, done.stderr)
        if pipe_to.startswith("jq ") and result.exit_code == 0:
            if not self.has_jq:
                check_json(result.stdout)
                return result
            piped = subprocess.run(
                ["bash", "-c", pipe_to],
                cwd=self.cwd,
                env=self.env,
                input=result.stdout,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=60,
                check=False,
            )
            if piped.returncode != 0:
                return Result(piped.returncode, piped.stdout, piped.stderr)
            return Result(0, piped.stdout, result.stderr)
        return result


def check_json(text: str) -> None:
    """Raise ValueError unless text is one JSON document or JSON Lines."""
    try:
        json.loads(text)
    except json.JSONDecodeError:
        for line in text.splitlines():
            json.loads(line)


def fresh_plan(root: Path) -> Shell:
    """A shell inside a new `zqplan init` copy of the shipped plan under root."""
    shell = Shell(root, root)
    made = shell.run("zqplan init plan && cd plan")
    if made.exit_code != 0:
        raise RuntimeError(f"zqplan init failed: {made.stderr}")
    return shell


def prints_something(command: str) -> bool:
    """Whether a line runs a read command whose output is not sent to a file."""
    words = command.split()
    if len(words) < 2 or words[0] != "zqplan" or words[1] not in READ_COMMANDS:
        return False
    head = command.split(" | ", maxsplit=1)[0]
    return ">" not in head and " -o " not in head


def output_lines(stdout: str) -> list[str]:
    """Standard output as lines, trailing spaces dropped."""
    return [line.rstrip() for line in stdout.rstrip("\n").split("\n")] if stdout else []


def matches(expected: list[str], real: list[str]) -> bool:
    """Whether real lines match the shown ones, `...` standing for any number of lines."""
    shown = [line.rstrip() for line in expected]
    while shown and shown[-1] == "":
        shown.pop()
    if not shown:
        return not real
    if shown[0] == ELISION:
        return any(matches(shown[1:], real[start:]) for start in range(len(real) + 1))
    return bool(real) and real[0] == shown[0] and matches(shown[1:], real[1:])


def line_key(line: str) -> str:
    """What identifies a shown line across display changes: its first word (its id)."""
    if not line.strip():
        return ""
    if line[0] in " \t":
        return line.strip()  # an area heading: its whole text
    words = line.split()
    if words[0].isdigit() and len(words) > 1 and words[1].endswith(":"):
        return words[1]  # "62 targets: ...": the count changes, the word does not
    return words[0]


def excerpt(expected: list[str], real: list[str]) -> tuple[list[str], list[str]]:
    """Real lines whose keys the shown excerpt keeps (a key shown N times: its first N
    lines), `...` where others are left out; and the shown lines no real line matches."""
    shown = [line.rstrip() for line in expected]
    blank_end: list[str] = []
    while shown and not shown[-1]:
        blank_end.append(shown.pop())
    wanted: dict[str, int] = {}
    for line in shown:
        if line != ELISION and line:
            wanted[line_key(line)] = wanted.get(line_key(line), 0) + 1
    out: list[str] = []
    for line in real:
        key = line_key(line)
        if line and wanted.get(key, 0) > 0:
            out.append(line)
            wanted[key] -= 1
        elif not out or out[-1] != ELISION:
            out.append(ELISION)
    lost = [line for line in shown if line != ELISION and line and wanted.get(line_key(line))]
    return out + blank_end, lost


def run_output_block(block: Block, root: Path) -> list[tuple[Session, Result, list[str]]]:
    """Run each `$ ` command of a block in one fresh plan copy: (session, result, stdout lines)."""
    shell = fresh_plan(root)
    done = []
    for session in sessions(block):
        command, _ = strip_comment(session.command)
        result = shell.run(command)
        done.append((session, result, output_lines(result.stdout)))
    return done


def update(text: str) -> tuple[str, list[str]]:
    """README text with every output block refreshed from real output; and warnings."""
    lines = text.split("\n")
    warnings: list[str] = []
    # From the last block up, so that earlier line numbers stay right.
    for block in reversed([b for b in blocks(text) if sessions(b)]):
        new_block: list[str] = []
        with tempfile.TemporaryDirectory(prefix="zqplan-readme-") as tmp:
            for session, result, output in run_output_block(block, Path(tmp)):
                real = output
                if result.exit_code != 0:
                    error = result.stderr.strip()
                    warnings.append(f"README.md:{session.line}: exit {result.exit_code}: {error}")
                shown = list(session.expected)
                if ELISION in (line.rstrip() for line in shown):
                    real, lost = excerpt(shown, real)
                    warnings.extend(
                        f"README.md:{session.line}: no such line any more, left out: {line!r}"
                        for line in lost
                    )
                new_block.append("$ " + session.command)
                new_block.extend(real)
        first_session = block.lines.index(next(x for x in block.lines if x.startswith("$ ")))
        prefix = list(block.lines[:first_session])
        lines[block.start : block.start + len(block.lines)] = prefix + new_block
    return "\n".join(lines), warnings


def main(argv: list[str]) -> int:
    """Check README.md's output blocks (exit 1 on a difference), or with --update rewrite them."""
    text = README.read_text(encoding="utf-8")
    if "--update" in argv:
        new, warnings = update(text)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if new != text:
            README.write_text(new, encoding="utf-8")
            print("README.md: output blocks rewritten", file=sys.stderr)
        else:
            print("README.md: output blocks already up to date", file=sys.stderr)
        return 1 if warnings else 0
    failures = 0
    for block in blocks(text):
        if not sessions(block):
            continue
        with tempfile.TemporaryDirectory(prefix="zqplan-readme-") as tmp:
            for session, _result, real in run_output_block(block, Path(tmp)):
                if not matches(list(session.expected), real):
                    failures += 1
                    print(f"README.md:{session.line}: $ {session.command}", file=sys.stderr)
                    print("\n".join(real), file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`zqplan edit`: the registry in $EDITOR, checked before it replaces the file."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import empty_config_home, run_zqplan, zqplan_command

from zqplan.editor import choose_editor, command_line, file_arguments

FAKE_EDITOR = """\
#!{python}
# A fake editor: logs its arguments, then changes the file as $FAKE_ACTION says.
import json, os, pathlib, sys

path = pathlib.Path(sys.argv[-1].split(":")[0] if "--goto" in sys.argv else sys.argv[-1])
runs = pathlib.Path(os.environ["FAKE_LOG"])
seen = json.loads(runs.read_text()) if runs.exists() else []
seen.append(sys.argv[1:])
runs.write_text(json.dumps(seen))
text = path.read_text(encoding="utf-8")
action = os.environ["FAKE_ACTION"]
if action == "break-then-fix" and len(seen) == 2:
    text = text.replace('titel = "GDP"', 'title = "Gross domestic product"')
elif action == "break-then-fix":
    action = "break"
if action == "retitle":
    text = text.replace('title = "GDP"', 'title = "Gross domestic product"')
elif action == "break":
    text = text.replace('title = "GDP"', 'titel = "GDP"')
elif action == "rename":
    text = text.replace("[targets.gdp]", "[targets.gdp-total]")
elif action == "concurrent":
    registry = pathlib.Path(os.environ["FAKE_REGISTRY"])
    registry.write_text(registry.read_text(encoding="utf-8") + "# theirs\\n", encoding="utf-8")
    text = text.replace('title = "GDP"', 'title = "Gross domestic product"')
elif action == "fail":
    sys.exit(3)
path.write_text(text, encoding="utf-8")
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """tmp_path/plan started from the commented template (targets gdp... with comments)."""
    done = run_zqplan("init", "plan", "--empty", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "plan"


def editor(tmp_path: Path, name: str = "fake-editor") -> Path:
    """An executable fake editor called NAME (vim: one that takes +LINE)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(FAKE_EDITOR.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    return script


def edit(
    plan: Path, action: str, *args: str, name: str = "fake-editor", stdin: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[list[str]]]:
    """Run `zqplan edit ARGS` with the fake editor doing ACTION; the result and its runs."""
    log = plan.parent / "editor-log.json"
    log.unlink(missing_ok=True)
    env = {
        "EDITOR": str(editor(plan.parent, name)),
        "VISUAL": "",
        "FAKE_ACTION": action,
        "FAKE_LOG": str(log),
        "FAKE_REGISTRY": str(plan / "targets.toml"),
    }
    result = run_zqplan("edit", *args, cwd=plan, env=env, stdin=stdin)
    runs = json.loads(log.read_text()) if log.exists() else []
    return result, runs


def registry_bytes(plan: Path) -> bytes:
    return (plan / "targets.toml").read_bytes()


class TestEdit:
    def test_good_edit_is_written_and_comments_kept(self, plan: Path) -> None:
        before = registry_bytes(plan)
        result, runs = edit(plan, "retitle", "GDP")
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert "wrote targets.toml: it passes check" in result.stderr
        assert len(runs) == 1
        after = registry_bytes(plan)
        # Only the title line changed; every comment and byte else is as it was.
        assert after == before.replace(b'title = "GDP"', b'title = "Gross domestic product"')
        assert after != before
        assert run_zqplan("check", cwd=plan).returncode == 0

    def test_bad_edit_is_refused_and_nothing_written(self, plan: Path) -> None:
        before = registry_bytes(plan)
        files = sorted(p.name for p in plan.iterdir())
        result, runs = edit(plan, "break", "gdp")
        assert result.returncode == 1
        assert "targets.toml:" in result.stderr
        assert "titel" in result.stderr  # check's own message for the unknown key
        assert "left as it was" in result.stderr
        assert len(runs) == 1  # no terminal: not reopened
        assert registry_bytes(plan) == before
        assert sorted(p.name for p in plan.iterdir()) == files

    def test_unchanged_writes_nothing(self, plan: Path) -> None:
        target = plan / "targets.toml"
        os.utime(target, (1_000_000, 1_000_000))
        result, _ = edit(plan, "none")
        assert result.returncode == 0, result.stderr
        assert "no change to targets.toml; nothing written" in result.stderr
        assert target.stat().st_mtime == 1_000_000  # not even rewritten with the same bytes

    def test_opens_at_the_targets_line(self, plan: Path) -> None:
        """vim-like editors get +LINE: the line of [targets.ID]; no target: no line."""
        lines = registry_bytes(plan).decode("utf-8").splitlines()
        line = lines.index("[targets.energy-intensity]") + 1
        result, runs = edit(plan, "none", "Energy use per unit of GDP", name="vim")
        assert result.returncode == 0, result.stderr
        assert runs[0][0] == f"+{line}"
        _, runs = edit(plan, "none", name="vim")
        assert len(runs[0]) == 1  # only the file

    def test_unknown_target_suggests(self, plan: Path) -> None:
        result, runs = edit(plan, "retitle", "gpd")
        assert result.returncode == 1
        assert "did you mean 'gdp' (地区生产总值)?" in result.stderr  # lookup's format
        assert runs == []  # the editor never opened

    def test_concurrent_change_is_not_lost(self, plan: Path) -> None:
        """The registry changed while the editor was open: refused, their change kept,
        ours kept in the copy named on stderr."""
        result, _ = edit(plan, "concurrent", "gdp")
        assert result.returncode == 1
        assert "changed while it was being edited" in result.stderr
        text = registry_bytes(plan).decode("utf-8")
        assert text.endswith("# theirs\n")
        assert 'title = "GDP"' in text
        kept = result.stderr.split("your edit is kept in ")[1].split(":")[0]
        assert 'title = "Gross domestic product"' in Path(kept).read_text(encoding="utf-8")
        Path(kept).unlink()

    def test_renaming_a_target_with_records_is_refused(self, plan: Path) -> None:
        """The ledger's records for gdp would belong to nothing: check's problem, refused."""
        update = run_zqplan("update", "gdp", "110", "--date", "2023", cwd=plan)
        assert update.returncode == 0, update.stderr
        before = registry_bytes(plan)
        result, _ = edit(plan, "rename", "gdp")
        assert result.returncode == 1
        assert "unknown target 'gdp'" in result.stderr
        assert registry_bytes(plan) == before

    def test_failing_editor_writes_nothing(self, plan: Path) -> None:
        before = registry_bytes(plan)
        result, _ = edit(plan, "fail")
        assert result.returncode == 1
        assert "failed (exit 3); nothing written" in result.stderr
        assert registry_bytes(plan) == before

    def test_no_editor_and_no_terminal(self, plan: Path) -> None:
        result = run_zqplan(
            "edit", "--lang", "zh", cwd=plan, env={"EDITOR": "", "VISUAL": ""}, stdin=""
        )
        assert result.returncode == 1
        assert "没有编辑器" in result.stderr
        english = run_zqplan("edit", cwd=plan, env={"EDITOR": "", "VISUAL": ""}, stdin="")
        assert "no editor: $VISUAL and $EDITOR are not set" in english.stderr

    def test_a_broken_registry_opens_at_its_problem(self, plan: Path) -> None:
        """zqplan edit is how a registry that fails check gets fixed."""
        target = plan / "targets.toml"
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('title = "GDP"', 'titel = "GDP"'), encoding="utf-8")
        first = run_zqplan("check", cwd=plan).stdout.splitlines()[0]  # targets.toml:LINE: ...
        _, runs = edit(plan, "none", "energy-intensity", name="vim")
        assert runs[0][0] == "+" + first.split(":")[1]

    def test_reopens_at_a_terminal(self, plan: Path, tmp_path: Path) -> None:
        """At a terminal the problems are listed and the editor reopened, on yes."""
        log = tmp_path / "editor-log.json"
        main, secondary = pty.openpty()
        env = {
            **os.environ,
            "ZQPLAN_USER": "tester",
            "XDG_CONFIG_HOME": empty_config_home(),
            "EDITOR": str(editor(tmp_path)),
            "FAKE_ACTION": "break-then-fix",
            "FAKE_LOG": str(log),
            "TERM": "xterm",
        }
        env.pop("ZQPLAN_REGISTRY", None)
        env.pop("VISUAL", None)
        with subprocess.Popen(
            [zqplan_command(), "edit", "gdp"],
            cwd=plan,
            env=env,
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=secondary,
        ) as process:
            os.close(secondary)
            seen = _read_until(main, b"[Y/n]")
            os.write(main, b"y\n")  # only once asked: input typed earlier may be lost
            try:
                out, _ = process.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()  # a hung prompt fails the test, never the suite
                raise
        seen += _read_until(main, None)
        os.close(main)
        assert process.returncode == 0, seen
        assert b"reopen the editor to fix them?" in seen
        assert out == b""
        assert len(json.loads(log.read_text())) == 2
        assert b'title = "Gross domestic product"' in registry_bytes(plan)


def _read_until(descriptor: int, mark: bytes | None) -> bytes:
    """What the terminal shows, until mark appears (None: until the end), or 60 s pass."""
    import select

    seen = b""
    for _ in range(600):
        if mark is not None and mark in seen:
            break
        ready, _, _ = select.select([descriptor], [], [], 0.1)
        if not ready:
            if mark is None:
                break
            continue
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen


class TestEditorChoice:
    @pytest.mark.parametrize(
        ("environ", "terminal", "chosen"),
        [
            ({"VISUAL": "code -w", "EDITOR": "nano", "TERM": "xterm"}, True, "code -w"),
            ({"VISUAL": "code -w", "EDITOR": "nano", "TERM": "dumb"}, False, "nano"),
            ({"EDITOR": "nano"}, False, "nano"),
            ({"TERM": "xterm"}, True, "vi"),
            ({"TERM": "xterm"}, False, None),
            ({"TERM": "dumb"}, True, None),
            ({"VISUAL": " ", "EDITOR": "", "TERM": "xterm"}, False, None),
        ],
    )
    def test_as_git_chooses(
        self, environ: dict[str, str], terminal: bool, chosen: str | None
    ) -> None:
        assert choose_editor(environ, terminal=terminal) == chosen

    @pytest.mark.parametrize(
        ("editor", "arguments"),
        [
            ("vim", ["+12", "f.toml"]),
            ("/usr/bin/nano -w", ["+12", "f.toml"]),
            ("emacsclient -t", ["+12", "f.toml"]),
            ("code -w", ["--goto", "f.toml:12"]),
            ("subl -w", ["f.toml:12"]),
            ("notepad.exe", ["f.toml"]),
        ],
    )
    def test_at_a_line(self, editor: str, arguments: list[str]) -> None:
        assert file_arguments(editor, "f.toml", 12) == arguments
        assert file_arguments(editor, "f.toml", None) == ["f.toml"]

    def test_through_the_shell_with_its_arguments(self) -> None:
        assert command_line("code -w", ["a b.toml"], windows=False) == [
            "sh",
            "-c",
            'code -w "$@"',
            "code -w",
            "a b.toml",
        ]
        assert command_line("code -w", ["f"], windows=True) == ["code", "-w", "f"]

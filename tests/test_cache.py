"""The derived cache: never stale, safe to delete, and it parses only what was appended."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from helpers import run_zqplan as run

from zqplan import cache, ledger
from zqplan.model import Observation

SHIPPED = Path(__file__).parent.parent / "targets.toml"


def observation(number: int, value: float, target: str = "farm-output") -> Observation:
    """A ledger record with a fixed recording time."""
    moment = dt.datetime(2026, 1, 1, 0, 0, number % 60, tzinfo=dt.UTC)
    return Observation(
        target_id=target,
        date=dt.date(2020 + number, 12, 31),
        value=value,
        record_id=ledger.new_record_id(moment, f"{number:08x}"),
        recorded_at=moment,
        recorded_by="tester",
    )


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(folder))
    return folder


class TestLedgerIndex:
    """The ledger index parses only lines appended since it was written."""

    def test_a_duplicate_appended_later_names_the_first_line(
        self, tmp_path: Path, cache_dir: Path
    ) -> None:
        """A record copied after the index was written: the error names the line of the
        first copy, as without the cache (the index once gave `first on line False`)."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0), observation(2, 81.0)])
        assert len(ledger.read(path).observations) == 2  # the index now holds both
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(n for n, line in enumerate(lines, 1) if line.startswith("r"))
        with path.open("a", encoding="utf-8") as stream:
            stream.write(lines[first - 1] + "\n")
        problems = [str(p) for p in ledger.read(path).problems]
        assert len(problems) == 1
        assert f"(first on line {first})" in problems[0], problems

    def test_appended_lines_are_parsed_once(
        self, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After an append, only the new line goes through the parser."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0), observation(2, 81.0)])
        assert len(ledger.read(path).observations) == 2
        parsed: list[str] = []
        original = ledger.parse_record

        def counting(line: str, where: object) -> Observation:
            parsed.append(line)
            return original(line, where)  # type: ignore[arg-type]

        ledger.append(path, [observation(3, 82.0)])  # append checks its own line: not counted
        monkeypatch.setattr(ledger, "parse_record", counting)
        again = ledger.read(path)
        assert [o.value for o in again.observations] == [80.0, 81.0, 82.0]
        assert len(parsed) == 1
        # the line numbers of indexed records survive: header 2 lines, records on 3, 4, 5
        assert [o.where.line for o in again.observations if o.where] == [3, 4, 5]

    def test_rewritten_file_is_parsed_again(self, tmp_path: Path, cache_dir: Path) -> None:
        """A ledger changed in place (not appended to) is read afresh, not from the index."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0), observation(2, 81.0)])
        ledger.read(path)
        text = path.read_text(encoding="utf-8").replace("value = 81.0", "value = 91.0")
        path.write_text(text, encoding="utf-8")
        assert [o.value for o in ledger.read(path).observations] == [80.0, 91.0]

    def test_corrupt_index_is_ignored(self, tmp_path: Path, cache_dir: Path) -> None:
        """Garbage in the cache costs a reparse, never a wrong answer or an error."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0)])
        ledger.read(path)
        for entry in cache_dir.iterdir():
            entry.write_bytes(b"\x00garbage")
        assert [o.value for o in ledger.read(path).observations] == [80.0]

    def test_problems_survive_the_index(self, tmp_path: Path, cache_dir: Path) -> None:
        """A bad line found once is still reported, with its line, on the next read."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0)])
        with path.open("a", encoding="utf-8") as stream:
            stream.write("garbage\n")
        first = ledger.read(path)
        second = ledger.read(path)
        assert [p.where for p in first.problems] == [f"{path}:4"]
        assert [str(p) for p in second.problems] == [str(p) for p in first.problems]

    def test_no_cache(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """ZQPLAN_NO_CACHE=1 writes nothing anywhere and reads the same records."""
        monkeypatch.setenv("ZQPLAN_NO_CACHE", "1")
        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0)])
        assert [o.value for o in ledger.read(path).observations] == [80.0]
        assert not (tmp_path / "cache").exists()


class TestOutputMemo:
    """A memoised output is replayed only while nothing it depends on has changed."""

    def test_update_invalidates(self, tmp_path: Path, cache_dir: Path) -> None:
        """status, update, status: the second status shows the new value."""
        (tmp_path / "targets.toml").write_bytes(SHIPPED.read_bytes())
        before = run("show", "farm-output", "--json", cwd=tmp_path)
        assert '"latest": null' in before.stdout.replace("\n", "").replace("  ", "")
        assert (
            run("update", "farm-output", "86", "--date", "2024-12-31", cwd=tmp_path).returncode == 0
        )
        after = run("show", "farm-output", "--json", cwd=tmp_path)
        assert '"value": 86.0' in after.stdout

    def test_registry_edit_invalidates(self, tmp_path: Path, cache_dir: Path) -> None:
        """Editing the registry changes the next output."""
        registry = tmp_path / "targets.toml"
        registry.write_bytes(SHIPPED.read_bytes())
        first = run("status", "--format", "csv", "--fields", "id,title", cwd=tmp_path)
        text = registry.read_text(encoding="utf-8").replace(
            'title = "Forest coverage rate"', 'title = "Forest cover"', 1
        )
        assert text != registry.read_text(encoding="utf-8")
        registry.write_text(text, encoding="utf-8")
        second = run("status", "--format", "csv", "--fields", "id,title", cwd=tmp_path)
        assert "Forest coverage rate" in first.stdout
        assert "Forest cover\n" in second.stdout.replace("\r", "")

    def test_replay_is_identical_and_keeps_exit_code(self, tmp_path: Path, cache_dir: Path) -> None:
        """A replay prints the same bytes, stderr included, with the same exit code."""
        (tmp_path / "targets.toml").write_bytes(SHIPPED.read_bytes())
        first = run("status", "--fail-on", "missed", "--as-of", "2040-01-01", cwd=tmp_path)
        second = run("status", "--fail-on", "missed", "--as-of", "2040-01-01", cwd=tmp_path)
        assert (first.stdout, first.stderr, first.returncode) == (
            second.stdout,
            second.stderr,
            second.returncode,
        )
        assert any(entry.name.startswith("out-") for entry in cache_dir.iterdir())

    def test_deleting_the_cache_is_safe(self, tmp_path: Path, cache_dir: Path) -> None:
        """Remove the cache between runs: same output."""
        (tmp_path / "targets.toml").write_bytes(SHIPPED.read_bytes())
        first = run("status", "--json", cwd=tmp_path)
        for entry in cache_dir.iterdir():
            entry.unlink()
        cache_dir.rmdir()
        assert run("status", "--json", cwd=tmp_path).stdout == first.stdout


class TestKey:
    """The memo key changes with each input it covers."""

    def test_key_changes(self, tmp_path: Path, cache_dir: Path) -> None:
        """Arguments, day, terminal and file state each change the key."""
        registry = tmp_path / "targets.toml"
        registry.write_text("x", encoding="utf-8")

        def key(day: str = "2026-01-01", **params: object) -> str:
            return cache.output_key("status", params, [registry], day=day, terminal=(False, None))

        base = key()
        assert key() == base
        assert key(day="2026-01-02") != base
        assert key(json=True) != base
        registry.write_text("xy", encoding="utf-8")
        assert key() != base


class TestTrust:
    """Cache files others could have written are never loaded (marshal and pickle)."""

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
    def test_world_writable_entry_is_ignored(self, tmp_path: Path, cache_dir: Path) -> None:
        """An index anyone may write is ignored: the ledger is parsed afresh, correctly."""
        path = tmp_path / "targets.ledger.toml"
        ledger.append(path, [observation(1, 80.0)])
        ledger.read(path)
        (entry,) = [e for e in cache_dir.iterdir() if e.name.startswith("ledger-")]
        assert cache.trusted(entry)
        entry.write_bytes(b"planted")
        entry.chmod(0o666)
        assert not cache.trusted(entry)
        assert [o.value for o in ledger.read(path).observations] == [80.0]


class TestCacheOff:
    """With ZQPLAN_NO_CACHE=1 the cache costs nothing: no key worked out, nothing encoded."""

    def test_no_cache_encodes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """ZQPLAN_NO_CACHE=1: the plan is read as usual and never turned into its cache
        form (work that would be thrown away), nor is a cached one looked for."""
        from zqplan.registry import load_plan

        monkeypatch.setenv("ZQPLAN_NO_CACHE", "1")
        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))

        def refuse(*args: object) -> object:
            raise AssertionError("the cache is off")

        monkeypatch.setattr(cache, "_encode", refuse)
        monkeypatch.setattr(cache, "_read", refuse)
        plan = load_plan(SHIPPED)
        assert plan.target("farm-output") is not None
        assert not (tmp_path / "cache").exists()

    def test_no_cache_works_out_no_memo_key(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """ZQPLAN_NO_CACHE=1: status runs and prints its document without the memo's key
        (a digest of zqplan's files and the registry's state) or a look for a memo."""
        import json

        from zqplan.commands.status_run import run as status

        monkeypatch.setenv("ZQPLAN_NO_CACHE", "1")
        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))

        def refuse(*args: object, **kwargs: object) -> object:
            raise AssertionError("the cache is off")

        for name in ("output_key", "recall", "remember"):
            monkeypatch.setattr(cache, name, refuse)
        status(registry=SHIPPED, json=True, as_of="2025-06-30")
        document = json.loads(capsys.readouterr().out)
        assert document["as_of"] == "2025-06-30"
        assert "farm-output" in [t["id"] for t in document["targets"]]
        assert not (tmp_path / "cache").exists()

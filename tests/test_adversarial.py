"""The adversarial suite (issue 8): what a hostile environment and a careless office do.

Each class is one hole found by trying zqplan that way; each test failed before its fix.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import threading
from pathlib import Path

import pytest
from helpers import run_zqplan, without_shipped_note, zqplan_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zqplan import ledger
from zqplan.ledger import HEADER, read
from zqplan.model import Observation

RECORD = (
    'r20240301T093000-0000000a = { target = "gdp", date = 2023-12-31, value = 120.0, '
    "recorded_at = 2024-03-01T09:30:00Z }"
)
"""A whole record of the template registry's one target, gdp."""


def plan(folder: Path) -> Path:
    """What `zqplan init --empty` makes in folder: the one-target template (gdp), its
    ledger created (in this process: a subprocess for each test would double the time)."""
    from zqplan.shipped import init_registry

    return init_registry(folder, empty=True)


def zq(registry: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run zqplan in the registry's folder."""
    return run_zqplan(*args, cwd=registry.parent, **kwargs)  # type: ignore[arg-type]


def ids_in(path: Path) -> list[str]:
    """The record ids of a ledger, in file order (a duplicate appears twice)."""
    found = read(path)
    assert found.problems == (), found.problems
    return [o.record_id for o in found.observations]


def observations(count: int, *, start: int = 1) -> list[Observation]:
    """`count` records of gdp with distinct ids, values and periods."""
    moment = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    return [
        Observation(
            "gdp",
            dt.date(2000 + n, 12, 31),
            float(n),
            record_id=ledger.new_record_id(moment, f"{n:08x}"),
            recorded_at=moment,
            recorded_by="tester",
        )
        for n in range(start, start + count)
    ]


# --- data loss ---------------------------------------------------------------------


class TestLastRecordWithoutNewline:
    """1. A last line that parses is a record: it gets its newline, it is never moved."""

    def test_update_keeps_it(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        path.write_text(HEADER + RECORD, encoding="utf-8")  # as an editor or a merge leaves it
        result = zq(registry, "update", "gdp", "130", "--date", "2024-12-31")
        assert result.returncode == 0, result.stderr
        assert list(tmp_path.glob("p/*.torn-*")) == []
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER + RECORD + "\n")
        assert len(ids_in(path)) == 2

    def test_repair_keeps_it(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        path.write_text(HEADER + RECORD, encoding="utf-8")
        result = zq(registry, "check", "--repair")
        assert (result.returncode, result.stdout) == (0, ""), result.stderr
        assert path.read_text(encoding="utf-8") == HEADER + RECORD + "\n"
        assert list(tmp_path.glob("p/*.torn-*")) == []

    def test_moved_tail_is_reported_until_dealt_with(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        path.write_text(HEADER + RECORD[:40], encoding="utf-8")  # torn: cut mid-record
        result = zq(registry, "check", "--repair")
        (side,) = tmp_path.glob("p/*.torn-*")
        assert side.read_text(encoding="utf-8") == RECORD[:40]
        assert result.returncode == 1
        assert str(side.name) in result.stdout
        again = zq(registry, "check")
        assert again.returncode == 1
        assert side.name in again.stdout
        side.unlink()
        assert zq(registry, "check").returncode == 0


class TestSymlinkedLedger:
    """2. Two plans whose ledgers link to one file take one lock: the real file's."""

    def test_one_lock_for_one_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        shared = tmp_path / "shared.ledger.toml"
        shared.write_text(HEADER, encoding="utf-8")
        links = []
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            link = tmp_path / name / "targets.ledger.toml"
            link.symlink_to(shared)
            links.append(link)
        monkeypatch.setenv("ZQPLAN_LOCK_TIMEOUT", "0")
        with (
            ledger.locked(links[0]),
            pytest.raises(ledger.LockTimeout),
            ledger.locked(links[1]),
        ):
            pass

    def test_two_batches_through_two_links(self, tmp_path: Path) -> None:
        shared = tmp_path / "shared.ledger.toml"
        registries = [plan(tmp_path / name) for name in ("a", "b")]
        shared.write_text(HEADER, encoding="utf-8")
        for registry in registries:
            registry.with_name("targets.ledger.toml").unlink()
            registry.with_name("targets.ledger.toml").symlink_to(shared)
        processes = []
        for number, registry in enumerate(registries):
            rows = "".join(f"gdp,{100 + number * 50 + n},{2000 + n}-12-31\n" for n in range(50))
            batch = registry.with_name("batch.csv")
            batch.write_text("target,value,date\n" + rows, encoding="utf-8")
            processes.append(
                subprocess.Popen(
                    [zqplan_command(), "update", "--from", str(batch)],
                    cwd=registry.parent,
                    env={**os.environ, "ZQPLAN_USER": "t", "ZQPLAN_LOCK_TIMEOUT": "60"},
                )
            )
        assert [p.wait(timeout=120) for p in processes] == [0, 0]
        assert len(set(ids_in(shared))) == len(ids_in(shared)) == 100


class TestBatchRacingGitPull:
    """3. Lines a `git pull` appends while a batch is written are kept."""

    def test_pulled_line_kept(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = tmp_path / "targets.ledger.toml"
        path.write_text(HEADER, encoding="utf-8")
        real_chmod = os.chmod
        pulled: list[bool] = []

        def chmod_and_pull(target: object, mode: int, **kwargs: object) -> None:
            if not pulled:  # between reading the ledger and renaming the new one
                pulled.append(True)
                with path.open("ab") as stream:
                    stream.write((RECORD + "\n").encode("utf-8"))
            real_chmod(target, mode, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "chmod", chmod_and_pull)
        ledger.append(path, observations(3))
        assert pulled
        found = ids_in(path)
        assert "r20240301T093000-0000000a" in found
        assert len(found) == 4

    def test_file_replaced_during_one_append(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pull that writes a new ledger file while a record is appended to the old one:
        the record is written again into the new file."""
        path = tmp_path / "targets.ledger.toml"
        path.write_text(HEADER, encoding="utf-8")
        real_write_all = ledger._write_all
        replaced: list[bool] = []

        def write_then_pull(descriptor: int, data: bytes) -> None:
            real_write_all(descriptor, data)
            if not replaced:  # git writes the merge result as a new file, without our line
                replaced.append(True)
                new = tmp_path / "merged"
                new.write_text(HEADER + RECORD + "\n", encoding="utf-8")
                os.replace(new, path)

        monkeypatch.setattr(ledger, "_write_all", write_then_pull)
        (mine,) = observations(1)
        ledger.append(path, [mine])
        assert replaced
        assert sorted(ids_in(path)) == sorted([mine.record_id, "r20240301T093000-0000000a"])


class TestFailedAppend:
    """4. A write that fails (file size limit, disk full) leaves the ledger as it was."""

    def test_file_size_limit(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        before = path.read_bytes()
        limit = len(before) + 40  # the record is longer: the write stops in its middle

        def small_files() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        result = subprocess.run(
            [zqplan_command(), "update", "gdp", "130", "--note", "x" * 200],
            cwd=registry.parent,
            env={**os.environ, "ZQPLAN_USER": "t", "ZQPLAN_NO_CACHE": "1"},
            preexec_fn=small_files,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "nothing was recorded" in result.stderr
        assert path.read_bytes() == before


# --- retries -------------------------------------------------------------------------


class TestExitAfterTheWrite:
    """14. Once the records are in the ledger, the command has succeeded."""

    @pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
    def test_stderr_closed_or_full(self, tmp_path: Path, stderr: str) -> None:
        registry = plan(tmp_path / "p")
        result = subprocess.run(
            f"'{zqplan_command()}' update gdp 130 {stderr}",
            shell=True,
            cwd=registry.parent,
            env={**os.environ, "ZQPLAN_USER": "t"},
            timeout=60,
            check=False,
        )
        assert result.returncode == 0
        assert len(ids_in(registry.with_name("targets.ledger.toml"))) == 1

    def test_interrupt_after_the_rename(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from zqplan.cli import main

        registry = plan(tmp_path / "p")
        batch = tmp_path / "b.csv"
        batch.write_text("target,value,date\ngdp,101,2023-12-31\ngdp,102,2024-12-31\n", "utf-8")

        def interrupted(folder: Path) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(ledger, "_sync_directory", interrupted)
        with pytest.raises(SystemExit) as stop:
            main(["update", "--from", str(batch), "--registry", str(registry)])
        assert stop.value.code == 0
        assert len(ids_in(registry.with_name("targets.ledger.toml"))) == 2


class TestRecordId:
    """14. `update --id` and a batch's `record` column make a retry a no-op."""

    ID = "r20241231T090000-1a2b3c4d"

    def test_retry_is_a_no_op(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        first = zq(registry, "update", "gdp", "130", "--date", "2024-12-31", "--id", self.ID)
        assert first.returncode == 0, first.stderr
        once = path.read_bytes()
        again = zq(registry, "update", "gdp", "130", "--date", "2024-12-31", "--id", self.ID)
        assert again.returncode == 0, again.stderr
        assert "already recorded" in again.stderr
        assert path.read_bytes() == once
        assert ids_in(path) == [self.ID]

    def test_other_content_refused(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        zq(registry, "update", "gdp", "130", "--date", "2024-12-31", "--id", self.ID)
        once = path.read_bytes()
        other = zq(registry, "update", "gdp", "131", "--date", "2024-12-31", "--id", self.ID)
        assert other.returncode == 1
        assert "other content" in other.stderr
        assert "targets.ledger.toml:3" in other.stderr
        assert path.read_bytes() == once

    @pytest.mark.parametrize("bad", ["x", "r2024-1", "r20241231T090000-XYZ12345", "../etc"])
    def test_bad_id_refused(self, tmp_path: Path, bad: str) -> None:
        registry = plan(tmp_path / "p")
        result = zq(registry, "update", "gdp", "130", "--id", bad)
        assert result.returncode == 2
        assert "not a record id" in result.stderr

    def test_batch_column(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        batch = tmp_path / "b.csv"
        batch.write_text(
            "target,value,date,record\n"
            f"gdp,101,2023-12-31,{self.ID}\n"
            "gdp,102,2024-12-31,r20241231T090000-1a2b3c4e\n",
            "utf-8",
        )
        assert zq(registry, "update", "--from", str(batch)).returncode == 0
        once = path.read_bytes()
        again = zq(registry, "update", "--from", str(batch))
        assert again.returncode == 0, again.stderr
        assert "already recorded: 2" in again.stderr
        assert path.read_bytes() == once
        assert sorted(ids_in(path)) == [self.ID, "r20241231T090000-1a2b3c4e"]


# --- crashes -------------------------------------------------------------------------


class TestStdout:
    """12. stdout full, closed or not UTF-8: a line and exit 5, or UTF-8 regardless."""

    @pytest.mark.parametrize("redirect", [">/dev/full", ">&-"])
    def test_unwritable(self, tmp_path: Path, redirect: str) -> None:
        result = subprocess.run(
            f"'{zqplan_command()}' status --json {redirect}",
            shell=True,
            cwd=tmp_path,
            env={**os.environ, "ZQPLAN_NO_CACHE": "1"},
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 5, result.stderr
        (line,) = without_shipped_note(result.stderr)  # tmp_path holds no registry
        assert line.startswith("zqplan: error:")
        assert "standard output" in line

    def test_windows_code_page(self, tmp_path: Path) -> None:
        result = subprocess.run(
            [zqplan_command(), "status", "--format", "csv"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONIOENCODING": "cp1252"},
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "无量化目标" in result.stdout.decode("utf-8")

    def test_login_name_not_utf8(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        env = {k: v for k, v in os.environ.items() if k not in ("ZQPLAN_USER", "USER")}
        result = subprocess.run(
            [zqplan_command(), "update", "gdp", "130"],
            cwd=registry.parent,
            env={**{k.encode(): v.encode() for k, v in env.items()}, b"LOGNAME": b"caf\xe9"},
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        (found,) = read(registry.with_name("targets.ledger.toml")).observations
        assert found.recorded_by == "caf\ufffd"


class TestDeepNesting:
    """9. Thousands of nested arrays: a FILE:LINE error, not a RecursionError."""

    DEEP = "[" * 5000 + "]" * 5000

    def test_ledger_line(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        path = registry.with_name("targets.ledger.toml")
        line = RECORD.replace("value = 120.0", f"value = {self.DEEP}")
        path.write_text(HEADER + line + "\n", encoding="utf-8")
        result = zq(registry, "check")
        assert result.returncode == 1, result.stderr
        assert "targets.ledger.toml:3: not a ledger record: nested too deeply" in result.stdout

    def test_registry(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        text = registry.read_text(encoding="utf-8")
        registry.write_text(text + f"\n[plan2]\nx = 1\ndeep = {self.DEEP}\n", encoding="utf-8")
        line = text.count("\n") + 4  # the blank line, [plan2], x = 1, then deep
        result = zq(registry, "check")
        assert result.returncode == 1, result.stderr
        assert f"targets.toml:{line}: invalid TOML: arrays or tables nested" in result.stdout

    def test_json_lines_batch(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        batch = tmp_path / "b.jsonl"
        deep = "[" * 100_000 + "]" * 100_000
        batch.write_text(f'{{"target": "gdp", "value": 1}}\n{{"value": {deep}}}\n', "utf-8")
        result = zq(registry, "update", "--from", str(batch))
        assert result.returncode == 1, result.stderr
        assert "b.jsonl:2: not a batch row: nested too deeply" in result.stderr


class TestDatesFarAway:
    """11. Year 1 or year 5000 on the command line: a usage error (exit 2), not a crash."""

    @pytest.mark.parametrize(
        "args",
        [
            ("update", "gdp", "1", "--date", "0001-01-01"),
            ("status", "--as-of", "0001-06-30"),
            ("status", "--as-of", "1899-12-31"),
            ("show", "gdp", "--as-of", "2200-01-01"),
        ],
    )
    def test_refused(self, tmp_path: Path, args: tuple[str, ...]) -> None:
        registry = plan(tmp_path / "p")
        result = zq(registry, *args)
        assert result.returncode == 2, result.stderr
        assert "outside the years 1900-2199" in result.stderr

    def test_the_ends_accepted(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        assert zq(registry, "status", "--as-of", "1900-01-01").returncode == 0
        assert zq(registry, "status", "--as-of", "2199-12-31").returncode == 0


class TestLinearRegistryScan:
    """13. A line of `[` and spaces inside a multi-line string: read in linear time."""

    def test_bracket_and_spaces(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        text = registry.read_text(encoding="utf-8")
        note = "[" + " " * 20_000  # took minutes, once per pattern try, before
        registry.write_text(text + f'note = """\n{note}\n"""\n', encoding="utf-8")
        # a bound, not a measurement: the old scan never finished
        result = zq(registry, "check")
        assert (result.returncode, result.stdout) == (0, "")  # gdp's note, as valid TOML

    def test_headers_still_found(self) -> None:
        from zqplan.registry import LineIndex

        index = LineIndex('[plan]\n [[ targets.a.observations ]] # x\n["b c"]\n[x] y\n')
        assert index.line("plan") == 1
        assert index.element_line(0, "targets", "a", "observations") == 2
        assert index.line("b c") == 3
        assert index.line("x") is None  # text after the header: no header


class TestByteOrderMark:
    """16. Files saved as "UTF-8 with BOM" read like any other."""

    BOM = "\ufeff"

    def test_registry_and_ledger(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        registry.write_text(self.BOM + registry.read_text(encoding="utf-8"), encoding="utf-8")
        path = registry.with_name("targets.ledger.toml")
        path.write_text(self.BOM + RECORD + "\n", encoding="utf-8")
        result = zq(registry, "check")
        assert (result.returncode, result.stdout) == (0, ""), result.stderr
        assert zq(registry, "update", "gdp", "130").returncode == 0
        assert len(ids_in(path)) == 2

    def test_ledger_record_on_its_own(self, tmp_path: Path) -> None:
        path = tmp_path / "targets.ledger.toml"
        path.write_text(self.BOM + RECORD + "\n", encoding="utf-8")
        assert ids_in(path) == ["r20240301T093000-0000000a"]

    def test_json_lines_batch(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        batch = tmp_path / "b.jsonl"
        batch.write_text(
            self.BOM + '{"target": "gdp", "value": 101, "date": "2024-12-31"}\n', "utf-8"
        )
        result = zq(registry, "update", "--from", str(batch))
        assert result.returncode == 0, result.stderr
        assert len(ids_in(registry.with_name("targets.ledger.toml"))) == 1


class TestNumbersAsTyped:
    """6. Superscripts and circled digits are no digits; full-width digits are."""

    @pytest.mark.parametrize("typed", ["86.5¹", "2¹⁰", "86.5①", "⑧6", "²86"])
    def test_refused(self, tmp_path: Path, typed: str) -> None:
        registry = plan(tmp_path / "p")
        result = zq(registry, "update", "gdp", typed)
        assert result.returncode == 2, result.stderr
        assert "is not a number" in result.stderr
        assert ids_in(registry.with_name("targets.ledger.toml")) == []

    def test_full_width_folded(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        result = zq(registry, "update", "gdp", "８６．５", "--date", "2024-12-31")
        assert result.returncode == 0, result.stderr
        (found,) = read(registry.with_name("targets.ledger.toml")).observations
        assert found.value == 86.5


# --- wrong answers -------------------------------------------------------------------


def _drain(descriptor: int) -> None:
    """Read a pty's main side until its other side closes."""
    try:
        while os.read(descriptor, 65536):
            pass
    except OSError:
        pass


class TestMemoTerminal:
    """5. Output memoised at a terminal (TERM=dumb) is not replayed into a pipe."""

    def test_dumb_terminal_then_pipe(self, tmp_path: Path) -> None:
        import pty

        env = {**os.environ, "TERM": "dumb", "ZQPLAN_CACHE_DIR": str(tmp_path / "cache")}
        env.pop("COLUMNS", None)
        main, secondary = pty.openpty()
        # Read the terminal's side while zqplan writes: a full pty buffer would block it.
        drained = threading.Thread(target=_drain, args=(main,), daemon=True)
        drained.start()
        try:
            at_terminal = subprocess.run(
                [zqplan_command(), "status"],
                cwd=tmp_path,
                env=env,
                stdout=secondary,
                stderr=subprocess.DEVNULL,
                timeout=60,
                check=False,
            )
        finally:
            os.close(secondary)
            drained.join(timeout=10)
            os.close(main)
        assert at_terminal.returncode == 0
        piped = run_zqplan("status", cwd=tmp_path, env=env)
        fresh = run_zqplan("status", cwd=tmp_path, env={**env, "ZQPLAN_NO_CACHE": "1"})
        assert piped.stdout == fresh.stdout
        assert max(len(line) for line in fresh.stdout.splitlines()) > 80  # not cut to 80


class TestSharedCacheFolder:
    """7. A cache folder others can write is not used at all (ZQPLAN_DEBUG=1 says so)."""

    def test_world_writable_folder(self, tmp_path: Path) -> None:
        folder = tmp_path / "cache"
        folder.mkdir()
        folder.chmod(0o777)
        env = {"ZQPLAN_CACHE_DIR": str(folder), "ZQPLAN_DEBUG": "1"}
        first = run_zqplan("status", "--json", cwd=tmp_path, env=env)
        second = run_zqplan("status", "--json", cwd=tmp_path, env=env)
        assert (first.returncode, second.returncode) == (0, 0)
        assert first.stdout == second.stdout
        assert list(folder.iterdir()) == []
        assert first.stderr.count("no cache used") == 1


class TestCacheChecksum:
    """8. A flipped float in the ledger index is caught: history shows the ledger's value."""

    def test_flipped_value(self, tmp_path: Path) -> None:
        import struct

        registry = plan(tmp_path / "p")
        env = {"ZQPLAN_CACHE_DIR": str(tmp_path / "cache")}
        path = registry.with_name("targets.ledger.toml")
        path.write_text(HEADER + RECORD + "\n", encoding="utf-8")
        assert "120" in zq(registry, "history", "gdp", "--format", "csv", env=env).stdout
        (index,) = (tmp_path / "cache").glob("ledger-*")
        raw = index.read_bytes()
        assert raw.count(struct.pack("<d", 120.0)) == 1
        index.write_bytes(raw.replace(struct.pack("<d", 120.0), struct.pack("<d", 999.0)))
        shown = zq(registry, "history", "gdp", "--format", "json", env=env)
        assert shown.returncode == 0, shown.stderr
        assert "999" not in shown.stdout
        assert "120" in shown.stdout


class TestCorruptRegistryCache:
    """10. Any damage to a cached registry means no cache, never an error; no pickle."""

    PAYLOAD = b"\x80\x05\x8e\xff\xff\xff\xff\xff\xff\xff\x7f"  # OverflowError in pickle

    def test_eleven_bytes(self, tmp_path: Path) -> None:
        registry = plan(tmp_path / "p")
        env = {"ZQPLAN_CACHE_DIR": str(tmp_path / "cache")}
        assert zq(registry, "check", env=env).returncode == 0
        plans = list((tmp_path / "cache").glob("plan-*"))
        assert plans
        for entry in plans:
            entry.write_bytes(self.PAYLOAD)
        result = zq(registry, "update", "gdp", "130", env=env)
        assert result.returncode == 0, result.stderr
        assert zq(registry, "check", "--json", env=env).returncode == 0

    def test_well_formed_but_foreign(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cache file with a valid digest naming a class outside the model is refused."""
        from zqplan import cache

        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))
        cache._write(cache._plan_name(b"x"), ("D", "Popen", ("t", "sh")))
        assert cache.load_plan(b"x") is None
        assert "pickle" not in Path(cache.__file__).read_text(encoding="utf-8").replace(
            "unlike pickle", ""
        )


class TestCacheLeftovers:
    """15. A failed cache write leaves no temp file; the cache has a size cap."""

    def test_full_disk_leaves_no_temp_file(self, tmp_path: Path) -> None:
        folder = tmp_path / "cache"
        limit = 2000  # room for the smallest files, not for a registry or an output

        def small_files() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        for _ in range(3):
            result = subprocess.run(
                [zqplan_command(), "status", "--json"],
                cwd=tmp_path,
                env={**os.environ, "ZQPLAN_CACHE_DIR": str(folder)},
                preexec_fn=small_files,
                capture_output=True,
                timeout=60,
                check=False,
            )
            assert result.returncode == 0, result.stderr
        assert [p.name for p in folder.iterdir() if p.name.startswith(".tmp-")] == []

    def test_memo_size_capped(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from zqplan import cache

        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setattr(cache, "MEMO_TOTAL_BYTES", 10_000)
        for number in range(20):
            cache.remember(f"k{number}", "x" * 3000, "", 0)
            os.utime(tmp_path / "cache" / f"out-k{number}", ns=(number, number * 10**9))
        kept = sorted(p.name for p in (tmp_path / "cache").glob("out-*"))
        # 3,000 characters and a header of about 50 bytes each: three fit in 10,000
        assert kept == ["out-k17", "out-k18", "out-k19"]

    def test_old_temp_files_removed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from zqplan import cache

        monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))
        cache.remember("a", "x", "", 0)
        old = tmp_path / "cache" / ".tmp-left-by-a-killed-writer"
        old.write_bytes(b"partial")
        os.utime(old, (1, 1))
        cache.remember("b", "x", "", 0)
        assert not old.exists()


# --- the standing property -------------------------------------------------------------

Operation = tuple[str, int]
"""(what, a number for it): update, retry, batch, repair, pull, crash."""

OPERATIONS = st.tuples(
    st.sampled_from(["update", "keyed", "retry", "batch", "repair", "pull", "crash"]),
    st.integers(min_value=1, max_value=10_000),
)


def plausible(number: int) -> int:
    """A value within the guard's 10x of the template's baseline (100) and of each other."""
    return 100 + number % 500


class Office:
    """One ledger, driven by zqplan's own entry point and by a simulated git and power cut.

    It keeps what must hold: the ids of every record whose command exited 0, and the
    damage injected (a torn tail now, torn bytes moved aside, torn bytes a pull left
    inside the file).
    """

    def __init__(self, folder: Path):
        from zqplan.cli import main

        self.folder = folder
        self.registry = folder / "targets.toml"
        self.path = folder / "targets.ledger.toml"
        self.expected: list[str] = []
        self.keyed: list[list[str]] = []
        self.torn_now = False
        self.moved = 0
        self.inside = 0
        self.serial = 0
        assert self.run(main, "init", str(folder), "--empty")[0] == 0

    def run(self, main: object, *args: str) -> tuple[int, str, str]:
        """zqplan ARGS in this process: (exit code, stdout, stderr)."""
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))  # type: ignore[operator]
                code = 0
            except SystemExit as stop:
                code = int(stop.code or 0)
        assert code != 70, err.getvalue()
        return code, out.getvalue(), err.getvalue()

    def new_id(self) -> str:
        self.serial += 1
        return f"r20240301T093000-{self.serial:012x}"

    def line(self, record: str, number: int) -> str:
        return (
            f'{record} = {{ target = "gdp", date = {2000 + number % 30}-12-31, '
            f"value = {plausible(number)}.5, recorded_at = 2024-03-01T09:30:00Z }}"
        )

    def settle(self) -> None:
        """A writer or a repair moves a torn tail aside."""
        if self.torn_now:
            self.torn_now = False
            self.moved += 1

    def apply(self, operation: Operation) -> None:
        from zqplan.cli import main

        what, number = operation
        registry = ("--registry", str(self.registry))
        date = f"{2000 + number % 30}-12-31"
        if what in ("update", "keyed"):
            given = ["--id", self.new_id()] if what == "keyed" else []
            args = ("update", "gdp", str(plausible(number)), "--date", date, *given, *registry)
            code, _, err = self.run(main, *args)
            assert code == 0, err
            self.settle()
            self.expected.append(err.rsplit(" as ", 1)[1].split()[0] if not given else given[1])
            if given:
                self.keyed.append(list(args))
        elif what == "retry" and self.keyed:
            code, _, err = self.run(main, *self.keyed[number % len(self.keyed)])
            assert code == 0, err
            assert "already recorded" in err
            self.settle()
        elif what == "batch":
            ids = [self.new_id() for _ in range(1 + number % 4)]
            rows = "".join(f"gdp,{plausible(number)},{date},{i}\n" for i in ids)
            batch = self.folder / "batch.csv"
            batch.write_text("target,value,date,record\n" + rows, encoding="utf-8")
            code, _, err = self.run(main, "update", "--from", str(batch), *registry)
            assert code == 0, err
            self.settle()
            self.expected.extend(ids)
        elif what == "repair":
            code, _, err = self.run(main, "check", "--repair", *registry)
            self.settle()
            assert code == (1 if self.moved or self.inside else 0), err
        elif what == "pull":  # git's union merge adds whole lines, after a newline
            ids = [self.new_id() for _ in range(1 + number % 3)]
            with self.path.open("ab") as stream:
                if self.torn_now:
                    stream.write(b"\n")
                    self.torn_now, self.inside = False, self.inside + 1
                stream.write("".join(self.line(i, number) + "\n" for i in ids).encode())
            self.expected.extend(ids)
        elif what == "crash":  # a writer cut off mid-record: a prefix, never the whole
            text = self.line(self.new_id(), number).encode()
            with self.path.open("ab") as stream:
                stream.write(text[: 1 + number % (len(text) - 2)])
            self.torn_now = True

    def verify(self) -> None:
        """Every record that exited 0 present once; check reports exactly the damage."""
        import collections
        import json

        from zqplan.cli import main

        found = read(self.path)
        counts = collections.Counter(o.record_id for o in found.observations)
        assert all(counts[i] == 1 for i in self.expected), counts
        assert len(counts) == len(self.expected)  # nothing else (a torn prefix is no record)
        code, out, err = self.run(main, "check", "--json", "--registry", str(self.registry))
        messages = [p["message"] for p in json.loads(out)["problems"]]
        torn = [m for m in messages if m.startswith("torn last record")]
        moved = [m for m in messages if m.startswith("torn bytes of an interrupted write")]
        inside = [m for m in messages if m.startswith("not a ledger record")]
        assert (len(torn), len(moved), len(inside)) == (self.torn_now, self.moved, self.inside)
        assert len(messages) == len(torn) + len(moved) + len(inside), messages
        assert code == (1 if messages else 0), err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(OPERATIONS, min_size=1, max_size=12))
def test_random_interleavings(
    tmp_path_factory: pytest.TempPathFactory, ops: list[Operation]
) -> None:
    """update, update --id, retries, batches, check --repair, a git pull and a power cut,
    in any order against one ledger: no record that exited 0 is lost or doubled, nothing
    exits 70, and `check` reports exactly the damage that was injected."""
    office = Office(tmp_path_factory.mktemp("office") / "plan")
    for operation in ops:
        office.apply(operation)
    office.verify()

"""Trustworthy records: many writers at once, writers killed mid-batch, clones merged with git.

Each test runs real processes (and real git) in bounded time: seconds, not minutes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import run_zqplan as zqplan
from helpers import zqplan_command

from zqplan.ledger import read

SHIPPED = Path(__file__).parent.parent / "targets.toml"
ZQPLAN = Path(zqplan_command())


def registry_in(folder: Path, *, empty: bool = False) -> Path:
    """A copy of the Zhaoqing registry, or the one-target template, with init's git files."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    result = zqplan("init", str(folder), *(["--empty"] if empty else []), cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    return folder / "targets.toml"


WRITER = textwrap.dedent(
    """
    import sys
    from zqplan.cli import main

    worker, count = int(sys.argv[1]), int(sys.argv[2])
    for n in range(count):
        try:
            main(["update", "gdp", str(100 + worker * 20 + n), "--date",
                  f"{2000 + n}-12-31", "--note", f"worker {worker}"])
        except SystemExit as stop:
            if stop.code:
                sys.exit(f"worker {worker} update {n} exited {stop.code}")
    """
)


class TestManyWriters:
    """Twenty processes, fifty updates each, at the same moment: all 1,000 records land."""

    def test_twenty_writers(self, tmp_path: Path) -> None:
        """Every record present once, none torn, and check is clean (one-target registry)."""
        registry = registry_in(tmp_path / "plan", empty=True)
        env = {k: v for k, v in os.environ.items() if k != "ZQPLAN_REGISTRY"}
        env["ZQPLAN_LOCK_TIMEOUT"] = "60"
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(worker), "50"],
                cwd=registry.parent,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for worker in range(20)
        ]
        failures = [w.communicate(timeout=300)[1] for w in workers if w.wait(timeout=300)]
        assert failures == []
        records = read(registry.with_name("targets.ledger.toml"))
        assert records.problems == ()
        assert records.torn == ()
        values = sorted(o.value for o in records.observations)
        assert values == sorted(float(100 + w * 20 + n) for w in range(20) for n in range(50))
        assert len({o.record_id for o in records.observations}) == 1000
        checked = zqplan("check", cwd=registry.parent)
        assert (checked.returncode, checked.stdout) == (0, "")

    def test_lock_timeout(self, tmp_path: Path) -> None:
        """A writer that cannot get the lock in time exits 4, says why, and writes nothing."""
        from zqplan.ledger import locked

        registry = registry_in(tmp_path / "plan")
        ledger = registry.with_name("targets.ledger.toml")
        before = ledger.read_bytes()
        with locked(ledger):  # held by this process: the zqplan below must wait
            result = zqplan(
                "update",
                "farm-output",
                "86",
                cwd=registry.parent,
                env={"ZQPLAN_LOCK_TIMEOUT": "0.2"},
            )
        assert result.returncode == 4
        assert result.stderr.startswith("zqplan: error: another zqplan has been writing")
        assert len(result.stderr.splitlines()) == 1
        assert ledger.read_bytes() == before


class TestKilledWriters:
    """A writer killed at any instant leaves each batch whole or absent."""

    BATCH = 400

    def test_kill_during_batches(self, tmp_path: Path) -> None:
        """kill -9 during large batch appends, many times: whole batches only, check clean."""
        registry = registry_in(tmp_path / "plan")
        rows = "".join(
            f"farm-output,{50 + n % 50},{1900 + n % 300}-12-31,kill test,\n"
            for n in range(self.BATCH)
        )
        (registry.parent / "batch.csv").write_text(
            "target,value,date,source,note\n" + rows, encoding="utf-8"
        )
        env = {k: v for k, v in os.environ.items() if k != "ZQPLAN_REGISTRY"}
        chance = random.Random(20231)
        landed = 0
        deadline = time.monotonic() + 25
        attempts = 0
        while attempts < 12 and time.monotonic() < deadline:
            attempts += 1
            writer = subprocess.Popen(
                [str(ZQPLAN), "update", "--from", "batch.csv"],
                cwd=registry.parent,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(chance.uniform(0.05, 0.6))
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            records = read(registry.with_name("targets.ledger.toml"))
            assert records.problems == ()
            assert records.torn == ()
            count = len(records.observations)
            assert count % self.BATCH == 0, f"a batch landed in part: {count} records"
            landed = count
        assert attempts >= 5
        checked = zqplan("check", cwd=registry.parent)
        assert (checked.returncode, checked.stdout) == (0, "")
        # the next writer (holding the lock) removes what killed writers left half-written
        assert zqplan("update", "farm-output", "150", cwd=registry.parent).returncode == 0
        leftovers = [p.name for p in registry.parent.iterdir() if p.name.endswith(".new")]
        assert leftovers == []
        assert len(read(registry.with_name("targets.ledger.toml")).observations) == landed + 1


def git(*args: str, cwd: Path) -> str:
    """Run git with a fixed identity; fail the test on error."""
    result = subprocess.run(
        ["git", "-c", "user.name=Tester", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
class TestGitMerge:
    """Two clones record updates, then merge: no conflict, no record lost."""

    def test_two_clones_merge(self, tmp_path: Path) -> None:
        """Union merge keeps both sides; a period revised on both: the newest recorded wins."""
        office = tmp_path / "office"
        registry_in(office)
        git("init", "-q", "-b", "main", cwd=office)
        git("add", ".", cwd=office)
        git("commit", "-q", "-m", "plan", cwd=office)
        git("clone", "-q", str(office), "branch", cwd=tmp_path)
        branch = tmp_path / "branch"

        assert (
            zqplan("update", "farm-output", "86", "--date", "2024-12-31", cwd=office).returncode
            == 0
        )
        assert (
            zqplan(
                "update", "xpeng-vehicles", "140000", "--date", "2023-12-31", cwd=office
            ).returncode
            == 0
        )
        git("commit", "-q", "-am", "office figures", cwd=office)

        assert (
            zqplan(
                "update", "deqing-tangerines", "120", "--date", "2023-12-31", cwd=branch
            ).returncode
            == 0
        )
        time.sleep(0.01)  # the branch's revision of farm-output is recorded later: it wins
        assert (
            zqplan("update", "farm-output", "87", "--date", "2024-12-31", cwd=branch).returncode
            == 0
        )
        git("commit", "-q", "-am", "branch figures", cwd=branch)

        git("pull", "-q", "--no-rebase", str(branch), "main", cwd=office)
        ledger = office / "targets.ledger.toml"
        assert "<<<<<<<" not in ledger.read_text(encoding="utf-8")
        checked = zqplan("check", cwd=office)
        assert (checked.returncode, checked.stdout) == (0, "")
        records = read(ledger)
        assert sorted(o.value for o in records.observations) == [86.0, 87.0, 120.0, 140000.0]
        status = zqplan("show", "farm-output", "--json", cwd=office)
        assert '"latest": {"value": 87.0, "date": "2024-12-31"}' in status.stdout
        history = zqplan(
            "history", "farm-output", "--format", "csv", "--fields", "value,superseded", cwd=office
        )
        assert history.stdout.lstrip("\ufeff").splitlines() == [
            "value,superseded",
            "86.0,true",
            "87.0,false",
        ]

    def test_check_finds_a_bad_merge(self, tmp_path: Path) -> None:
        """Conflict markers and duplicated records left by a bad merge: file and line."""
        registry = registry_in(tmp_path / "plan")
        assert (
            zqplan(
                "update", "farm-output", "86", "--date", "2024-12-31", cwd=registry.parent
            ).returncode
            == 0
        )
        ledger = registry.with_name("targets.ledger.toml")
        record = ledger.read_text(encoding="utf-8").splitlines()[-1]
        ledger.write_text(
            ledger.read_text(encoding="utf-8")
            + "<<<<<<< HEAD\n"
            + record
            + "\n=======\n>>>>>>> branch\n",
            encoding="utf-8",
        )
        checked = zqplan("check", cwd=registry.parent)
        assert checked.returncode == 1
        lines = checked.stdout.splitlines()
        assert (
            lines[0].startswith(f"{ledger.name}:4: git conflict marker")
            or ":4: git conflict marker" in lines[0]
        )
        assert any(":5: duplicate record id" in line for line in lines)
        assert any(":6: git conflict marker" in line for line in lines)
        assert any(":7: git conflict marker" in line for line in lines)

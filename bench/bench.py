#!/usr/bin/env python3
"""Measure zqplan's speed against the goals of issues 4 and 9 ("Speed"), each as a ratio.

Builds a synthetic registry of 2,000 targets and 100,000 observations through
`zqplan update --from`, then times each figure's two commands side by side in
one run (interleaved, median of N runs each) and prints one row per figure.

    python bench/bench.py              # N = 7
    python bench/bench.py --quick      # N = 3
    python bench/bench.py --json       # the same figures as JSON
    python bench/bench.py --check      # exit 1 when a goal is missed
    python bench/bench.py --only report  # only `zqplan report`'s figures (issue 11)
    python bench/bench.py --only cold    # only issue 9's two cold start-up figures
    python bench/bench.py --only pull    # only the first status --json after a git pull

Python 3.11 standard library only; git is needed for the `git pull` figure.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

TARGETS = 2_000
AREAS = 10
PER_TARGET = 50
"""Observations per target in the big ledger: 2,000 x 50 = 100,000."""
BATCHES = 10
QUARTERS_PER_BATCH = PER_TARGET // BATCHES
"""Each batch holds 5 quarters of every target: 10,000 rows."""
PULL_ROWS = 100
DEFAULT_RUNS = 7
QUICK_RUNS = 3
REGISTRY = "targets.toml"
LEDGER = "targets.ledger.toml"
ORDER = (
    "status-json-startup",
    "status-table-startup",
    "update-then-status-cold",
    "status-table-no-cache",
    "status-json-history",
    "status-json-after-pull",
    "update-history",
    "update-batch",
    "status-json-memory",
    "report-html-shipped",
    "report-xlsx-shipped",
    "report-md-shipped",
    "report-html-shipped-cold",
    "report-xlsx-shipped-cold",
    "report-md-shipped-cold",
    "report-html-big",
    "report-xlsx-big",
    "report-md-big",
    "report-memory",
)
"""The figures in the order of the issues' tables (issue 4, then issue 11's report)."""

REPORT_FORMATS = ("html", "xlsx", "md")
"""`zqplan report -o r.FORMAT` in each format."""
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
GIT_IDENTITY = (
    "-c",
    "user.name=zqplan bench",
    "-c",
    "user.email=bench@example.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
)

MEMORY_PROBE = """\
import json, resource, subprocess, sys
before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"returncode": done.returncode, "before": before, "after": after,
                  "stderr": done.stderr.decode("utf-8", "replace")}))
"""
"""Run in a fresh interpreter: the peak resident set of its one child, zqplan."""


class BenchError(Exception):
    """A command failed or printed something unexpected: the run is aborted."""


@dataclass
class Figure:
    """One row of the report."""

    key: str
    figure: str
    goal: float
    unit: str
    """'ratio', 'MiB' or 's'."""
    value: float | None = None
    numerator_ms: float | None = None
    denominator_ms: float | None = None
    numerator: str = ""
    denominator: str = ""
    note: str = ""

    @property
    def ok(self) -> bool | None:
        return None if self.value is None else self.value <= self.goal

    def as_json(self) -> dict[str, Any]:
        document = asdict(self)
        for key, digits in (("value", 3), ("numerator_ms", 1), ("denominator_ms", 1)):
            if document[key] is not None:
                document[key] = round(document[key], digits)
        document["ok"] = self.ok
        return document


def quarter_end(quarter: int) -> dt.date:
    """The end of the quarter'th quarter from 2001 Q1 (0 = 2001-03-31)."""
    month, day = QUARTER_ENDS[quarter % 4]
    return dt.date(2001 + quarter // 4, month, day)


def value_at(target: int, quarter: int) -> float:
    """A value that rises every quarter, at a pace that differs between targets."""
    slope = 0.4 + 0.1 * (target % 10)
    return round(100 + (quarter + 1) * slope, 2)


def registry_text() -> str:
    """The synthetic registry: 10 areas, 2,000 numeric targets from 100 to 200."""
    lines = [
        "# Synthetic registry written by bench/bench.py.",
        'schema = "zqplan.registry/1"',
        "",
        "[plan]",
        'id = "bench"',
        'title = "Synthetic benchmark plan: 2,000 targets"',
        "",
    ]
    for area in range(AREAS):
        lines += [f"[areas.a{area}]", f'title = "Area {area}"', ""]
    for target in range(TARGETS):
        lines += [
            f"[targets.t{target:04d}]",
            f'area = "a{target % AREAS}"',
            f'title = "Synthetic target {target}"',
            f'source = "Synthetic source sentence for target {target}."',
            'unit = "u"',
            "baseline = { value = 100, date = 2000-12-31 }",
            "target = { value = 200, date = 2030-12-31 }",
            "",
        ]
    return "\n".join(lines)


def csv_text(rows: Sequence[tuple[int, int, float]]) -> str:
    """A batch for `update --from`: (target, quarter, value) rows."""
    lines = ["target,value,date,source,note"]
    lines += [
        f"t{target:04d},{value},{quarter_end(quarter).isoformat()},bench batch,"
        for target, quarter, value in rows
    ]
    return "\n".join(lines) + "\n"


def batch_rows(batch: int) -> list[tuple[int, int, float]]:
    """The rows of the batch'th build batch: 5 quarters of every target."""
    first = batch * QUARTERS_PER_BATCH
    return [
        (target, quarter, value_at(target, quarter))
        for quarter in range(first, first + QUARTERS_PER_BATCH)
        for target in range(TARGETS)
    ]


def pull_rows(repetition: int) -> list[tuple[int, int, float]]:
    """100 new records, one quarter after everything already recorded (t0000 among them)."""
    quarter = PER_TARGET + repetition
    step = TARGETS // PULL_ROWS
    return [(target, quarter, value_at(target, quarter)) for target in range(0, TARGETS, step)]


def median_ms(times: Sequence[float]) -> float:
    return statistics.median(times) * 1000


def say(message: str) -> None:
    """Progress on stderr, so that --json leaves stdout to the report."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def find_zqplan() -> Path:
    """The zqplan script beside this Python, else the one on PATH."""
    folder = Path(sys.executable).parent
    for name in ("zqplan", "zqplan.exe"):
        if (folder / name).is_file():
            return folder / name
    found = shutil.which("zqplan")
    if found is None:
        raise BenchError(f"no zqplan beside {sys.executable} or on PATH (pip install -e .)")
    return Path(found)


class Bench:
    """The temporary folders, the environment and the commands of one run."""

    def __init__(self, root: Path, runs: int) -> None:
        self.root = root
        self.runs = runs
        self.zqplan = find_zqplan()
        self.env = dict(os.environ)
        # PYTHONDONTWRITEBYTECODE would make every run compile zqplan again: not what a
        # user's installed zqplan does, so it is left out of the measured runs.
        unset = (
            "ZQPLAN_REGISTRY",
            "ZQPLAN_LANG",
            "ZQPLAN_NO_CACHE",
            "NO_COLOR",
            "FORCE_COLOR",
            "PYTHONDONTWRITEBYTECODE",
        )
        for name in unset:
            self.env.pop(name, None)
        self.env["ZQPLAN_USER"] = "bench"
        self.env["ZQPLAN_CACHE_DIR"] = str(root / "cache")
        self.env["GIT_TERMINAL_PROMPT"] = "0"
        self.shipped = root / "shipped"
        self.big = root / "big"
        """The 100,000-observation registry; a git repository for the pull figure."""
        self.big_update = root / "big-update"
        self.clone = root / "clone"
        self.empty_single = root / "empty-single"
        self.empty_batch = root / "empty-batch"
        self.batches = root / "batches"
        self.status_json = [str(self.zqplan), "status", "--json"]
        self.single_update = [str(self.zqplan), "update", "t0001", "123", "--date", "2040-12-31"]
        self.import_typer = [sys.executable, "-c", "import typer"]
        self.load_ledger = [
            sys.executable,
            "-c",
            f"import tomllib; tomllib.load(open({LEDGER!r}, 'rb'))",
        ]

    # -- running commands -------------------------------------------------------

    def run(
        self, argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None
    ) -> tuple[float, bytes]:
        """Run one command to the end (in self.env, or env): seconds taken and stdout;
        abort if it fails."""
        start = time.perf_counter()
        done = subprocess.run(
            argv,
            cwd=cwd,
            env=self.env if env is None else env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            shown = " ".join(argv)
            stderr = done.stderr.decode("utf-8", "replace").strip()
            raise BenchError(f"`{shown}` in {cwd} exited {done.returncode}:\n{stderr}")
        return elapsed, done.stdout

    def time(self, argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> float:
        return self.run(argv, cwd, env)[0]

    def git(self, cwd: Path, *args: str) -> str:
        return self.run(["git", *GIT_IDENTITY, *args], cwd)[1].decode("utf-8").strip()

    def interleave(self, commands: Sequence[Callable[[], float]]) -> list[list[float]]:
        """Each command once per repetition, the order reversed every other repetition."""
        times: list[list[float]] = [[] for _ in commands]
        for repetition in range(self.runs):
            order = list(range(len(commands)))
            if repetition % 2:
                order.reverse()
            for index in order:
                times[index].append(commands[index]())
        return times

    def status(self, cwd: Path) -> tuple[float, dict[str, Any]]:
        """`zqplan status --json` in cwd: seconds taken and the document."""
        elapsed, out = self.run(self.status_json, cwd)
        try:
            document: dict[str, Any] = json.loads(out)
        except ValueError as exc:
            raise BenchError(f"`zqplan status --json` in {cwd} printed no JSON: {exc}") from None
        return elapsed, document

    def expect_latest(self, document: dict[str, Any], target: str, date: dt.date) -> None:
        """Abort unless the status shows every target and this target's latest date."""
        targets = {t["id"]: t for t in document.get("targets", [])}
        if len(targets) != TARGETS:
            raise BenchError(f"status shows {len(targets)} targets, not {TARGETS}")
        latest = (targets[target].get("latest") or {}).get("date")
        if latest != date.isoformat():
            raise BenchError(f"status shows {target} latest on {latest}, not {date} (stale?)")

    def fresh_copy(self, folder: Path, *, ledger: bool) -> None:
        """A copy of the synthetic registry in folder, with its ledger or with none."""
        folder.mkdir(exist_ok=True)
        shutil.copyfile(self.big / REGISTRY, folder / REGISTRY)
        if ledger:
            shutil.copyfile(self.big / LEDGER, folder / LEDGER)
        else:
            (folder / LEDGER).unlink(missing_ok=True)

    # -- the figures ----------------------------------------------------------

    def shipped_figures(self) -> list[Figure]:
        """status --json and the table on the shipped registry, against `import typer`."""
        self.shipped.mkdir(exist_ok=True)
        table = [str(self.zqplan), "status"]
        _, document = self.status(self.shipped)  # warm the disk cache and the bytecode
        if not str(document.get("schema", "")).startswith("zqplan.status/"):
            raise BenchError("status --json on the shipped registry printed another schema")
        self.time(table, self.shipped)
        self.time(self.import_typer, self.shipped)
        say(f"shipped registry: status --json, status, import typer; {self.runs} runs each")
        json_times, table_times, typer_times = self.interleave(
            [
                lambda: self.time(self.status_json, self.shipped),
                lambda: self.time(table, self.shipped),
                lambda: self.time(self.import_typer, self.shipped),
            ]
        )
        typer_ms = median_ms(typer_times)
        return [
            Figure(
                key="status-json-startup",
                figure="status --json, shipped / import typer",
                goal=1.5,
                unit="ratio",
                value=median_ms(json_times) / typer_ms,
                numerator_ms=median_ms(json_times),
                denominator_ms=typer_ms,
                numerator="zqplan status --json (shipped registry)",
                denominator='python -c "import typer"',
            ),
            Figure(
                key="status-table-startup",
                figure="status (table), shipped / import typer",
                goal=2.0,
                unit="ratio",
                value=median_ms(table_times) / typer_ms,
                numerator_ms=median_ms(table_times),
                denominator_ms=typer_ms,
                numerator="zqplan status (shipped registry, stdout a pipe)",
                denominator='python -c "import typer"',
            ),
        ]

    def cold_figures(self) -> list[Figure]:
        """Without the output memo: update then status --json, and the table with
        ZQPLAN_NO_CACHE=1, on a copy of the shipped registry (issue 9's goals)."""
        folder = self.root / "cold"
        folder.mkdir()
        shutil.copyfile(self.shipped_registry(), folder / REGISTRY)
        update = [str(self.zqplan), "update", "farm-output", "86.5", "--date", "2024-12-31"]
        table = [str(self.zqplan), "status"]
        no_cache = {**self.env, "ZQPLAN_NO_CACHE": "1"}

        def update_then_status() -> float:
            # The update changes the ledger, so status --json cannot replay a memo.
            return self.time(update, folder) + self.time(self.status_json, folder)

        def two_typers() -> float:
            return self.time(self.import_typer, folder) + self.time(self.import_typer, folder)

        def table_without_cache() -> float:
            return self.time(table, folder, no_cache)

        update_then_status()  # warm the bytecode and the parse cache
        table_without_cache()
        say(f"cold: update + status --json, status with ZQPLAN_NO_CACHE=1; {self.runs} runs each")
        pair_times, typers_times, table_times, typer_times = self.interleave(
            [
                update_then_status,
                two_typers,
                table_without_cache,
                lambda: self.time(self.import_typer, folder),
            ]
        )
        typers_ms, typer_ms = median_ms(typers_times), median_ms(typer_times)
        return [
            Figure(
                key="update-then-status-cold",
                figure="update + status --json, no memo / 2 x import typer",
                goal=1.3,
                unit="ratio",
                value=median_ms(pair_times) / typers_ms,
                numerator_ms=median_ms(pair_times),
                denominator_ms=typers_ms,
                numerator="zqplan update farm-output ...; zqplan status --json (shipped copy)",
                denominator='python -c "import typer", twice',
            ),
            Figure(
                key="status-table-no-cache",
                figure="status (table), ZQPLAN_NO_CACHE=1 / import typer",
                goal=2.0,
                unit="ratio",
                value=median_ms(table_times) / typer_ms,
                numerator_ms=median_ms(table_times),
                denominator_ms=typer_ms,
                numerator="ZQPLAN_NO_CACHE=1 zqplan status (shipped copy, stdout a pipe)",
                denominator='python -c "import typer"',
            ),
        ]

    def shipped_registry(self) -> Path:
        """The registry shipped inside the installed zqplan."""
        found = self.run(
            [sys.executable, "-c", "from zqplan.shipped import shipped_registry as s; print(s())"],
            self.root,
        )[1]
        return Path(found.decode("utf-8").strip())

    def build(self) -> float:
        """The synthetic registry and its 100,000-observation ledger; seconds taken."""
        self.big.mkdir()
        self.batches.mkdir()
        (self.big / REGISTRY).write_text(registry_text(), encoding="utf-8")
        self.run([str(self.zqplan), "check"], self.big)
        say(f"building {TARGETS:,} targets x {PER_TARGET} observations in {BATCHES} batches")
        start = time.perf_counter()
        for batch in range(BATCHES):
            file = self.batches / f"build-{batch}.csv"
            file.write_text(csv_text(batch_rows(batch)), encoding="utf-8")
            elapsed = self.time([str(self.zqplan), "update", "--from", str(file)], self.big)
            say(f"  batch {batch + 1}/{BATCHES}: {elapsed:.2f} s")
        took = time.perf_counter() - start
        records = sum(
            1 for line in (self.big / LEDGER).open(encoding="utf-8") if line.startswith("r")
        )
        if records != TARGETS * PER_TARGET:
            raise BenchError(f"the ledger holds {records:,} records, not {TARGETS * PER_TARGET:,}")
        say(f"built {records:,} records in {took:.1f} s")
        return took

    def big_status_figures(self) -> list[Figure]:
        """A second status --json on the big ledger against the shipped one; peak memory."""
        cold = self.peak_memory_mib(self.big)  # the first status: builds any cache

        def on_big() -> float:
            elapsed, document = self.status(self.big)
            self.expect_latest(document, "t0000", quarter_end(PER_TARGET - 1))
            return elapsed

        say(f"100,000-observation status --json vs shipped; {self.runs} runs each")
        big_times, shipped_times = self.interleave(
            [on_big, lambda: self.time(self.status_json, self.shipped)]
        )
        warm = self.peak_memory_mib(self.big)
        big_ms, shipped_ms = median_ms(big_times), median_ms(shipped_times)
        return [
            Figure(
                key="status-json-history",
                figure="status --json, 100k ledger (2nd run) / shipped",
                goal=1.5,
                unit="ratio",
                value=big_ms / shipped_ms,
                numerator_ms=big_ms,
                denominator_ms=shipped_ms,
                numerator="zqplan status --json (100,000 observations, after one warm run)",
                denominator="zqplan status --json (shipped registry)",
            ),
            Figure(
                key="status-json-memory",
                figure="peak memory, status --json on 100k ledger",
                goal=150.0,
                unit="MiB",
                value=max(cold, warm),
                note=f"first run {cold:.1f} MiB, later run {warm:.1f} MiB",
            ),
        ]

    def peak_memory_mib(self, cwd: Path, argv: Sequence[str] | None = None) -> float:
        """Peak resident memory of `zqplan status --json` (or argv) in cwd, from a fresh
        helper."""
        if sys.platform == "win32":
            raise BenchError("peak memory needs the resource module (not on Windows)")
        command = list(self.status_json if argv is None else argv)
        _, out = self.run([sys.executable, "-c", MEMORY_PROBE, *command], cwd)
        report = json.loads(out)
        if report["returncode"] != 0:
            raise BenchError(
                f"`{' '.join(command)}` in {cwd} exited {report['returncode']}:\n"
                + report["stderr"].strip()
            )
        peak = int(report["after"]) - int(report["before"])  # `before` is 0: no child yet
        per_mib = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, else KiB
        return peak / per_mib

    def report_figures(self) -> list[Figure]:
        """Issue 11: `report` on the shipped registry against `status` there (each format),
        both replaying their output memo and both with ZQPLAN_NO_CACHE=1; on the
        100,000-record plan, seconds and peak memory of a report whose memo is stale."""
        out = self.root / "reports"
        out.mkdir(exist_ok=True)
        table = [str(self.zqplan), "status"]
        reports = [report_command(self.zqplan, out, fmt) for fmt in REPORT_FORMATS]
        no_cache = {**self.env, "ZQPLAN_NO_CACHE": "1"}
        figures = []
        for cold, env in ((False, self.env), (True, no_cache)):
            for command in (table, *reports):  # warm the bytecode and the memo
                self.time(command, self.shipped, env)
            said = "with ZQPLAN_NO_CACHE=1" if cold else "replaying the output memo"
            say(
                f"report (html, xlsx, md) vs status on the shipped registry, {said}; "
                f"{self.runs} runs each"
            )
            timed = self.interleave(
                [
                    functools.partial(self.time, command, self.shipped, env)
                    for command in (table, *reports)
                ]
            )
            status_ms = median_ms(timed[0])
            prefix = "ZQPLAN_NO_CACHE=1 " if cold else ""
            figures += [
                Figure(
                    key=f"report-{fmt}-shipped" + "-cold" * cold,
                    figure=f"report -o r.{fmt}, shipped / status"
                    + (", no cache" if cold else ", memo"),
                    goal=3.0,
                    unit="ratio",
                    value=median_ms(times) / status_ms,
                    numerator_ms=median_ms(times),
                    denominator_ms=status_ms,
                    numerator=f"{prefix}zqplan report -o report.{fmt} (shipped registry)",
                    denominator=f"{prefix}zqplan status (shipped registry, stdout a pipe)",
                )
                for fmt, times in zip(REPORT_FORMATS, timed[1:], strict=True)
            ]
        say(f"report on {TARGETS:,} targets x {PER_TARGET} records; {self.runs} runs each")
        big = [report_command(self.zqplan, out, fmt) for fmt in REPORT_FORMATS]
        timed = self.interleave([functools.partial(self.stale_report, command) for command in big])
        for fmt, times in zip(REPORT_FORMATS, timed, strict=True):
            figures.append(
                Figure(
                    key=f"report-{fmt}-big",
                    figure=f"report -o r.{fmt}, 100k records (seconds)",
                    goal=5.0,
                    unit="s",
                    value=median_ms(times) / 1000,
                    note=f"median of {len(times)} runs, no memo",
                )
            )
        peaks = {}
        for fmt, command in zip(REPORT_FORMATS, big, strict=True):
            self.touch_ledger()
            peaks[fmt] = self.peak_memory_mib(self.big, command)
        worst = max(peaks, key=lambda fmt: peaks[fmt])
        figures.append(
            Figure(
                key="report-memory",
                figure="peak memory, report on 100k records",
                goal=200.0,
                unit="MiB",
                value=peaks[worst],
                note=", ".join(f"{fmt} {peak:.1f} MiB" for fmt, peak in peaks.items()),
            )
        )
        return figures

    def touch_ledger(self) -> None:
        """Give the big ledger a new modification time, its bytes unchanged: the report
        memo (keyed by the file's state) misses, the ledger index (keyed by its bytes)
        still holds, as after an update that the index has already seen."""
        os.utime(self.big / LEDGER)

    def stale_report(self, command: Sequence[str]) -> float:
        """A report on the big plan that cannot replay its memo: what a meeting's report
        costs after the ledger changed."""
        self.touch_ledger()
        return self.time(command, self.big)

    def update_figures(self) -> list[Figure]:
        """One update on the big ledger vs on an empty one; a 10,000-row batch vs one update."""
        self.fresh_copy(self.big_update, ledger=True)
        self.fresh_copy(self.empty_single, ledger=False)
        self.fresh_copy(self.empty_batch, ledger=False)
        batch = [str(self.zqplan), "update", "--from", str(self.batches / "build-0.csv")]

        def on_big() -> float:
            return self.time(self.single_update, self.big_update)

        def on_empty() -> float:
            (self.empty_single / LEDGER).unlink(missing_ok=True)
            return self.time(self.single_update, self.empty_single)

        def batch_on_empty() -> float:
            (self.empty_batch / LEDGER).unlink(missing_ok=True)
            return self.time(batch, self.empty_batch)

        for warm in (on_big, on_empty, batch_on_empty):  # a new folder: any cache learns it
            warm()
        say(f"update on 100k / empty ledger, update --from 10,000 rows; {self.runs} runs each")
        big_times, empty_times, batch_times = self.interleave([on_big, on_empty, batch_on_empty])
        big_ms, empty_ms, batch_ms = (median_ms(t) for t in (big_times, empty_times, batch_times))
        return [
            Figure(
                key="update-history",
                figure="update, 100k ledger / empty ledger",
                goal=1.2,
                unit="ratio",
                value=big_ms / empty_ms,
                numerator_ms=big_ms,
                denominator_ms=empty_ms,
                numerator="zqplan update t0001 123 --date 2040-12-31 (100,000 observations)",
                denominator="zqplan update t0001 123 --date 2040-12-31 (no ledger yet)",
            ),
            Figure(
                key="update-batch",
                figure="update --from 10,000 rows / single update",
                goal=10.0,
                unit="ratio",
                value=batch_ms / empty_ms,
                numerator_ms=batch_ms,
                denominator_ms=empty_ms,
                numerator="zqplan update --from (10,000 CSV rows, no ledger yet)",
                denominator="zqplan update t0001 123 --date 2040-12-31 (no ledger yet)",
            ),
        ]

    def pull_figure(self) -> Figure:
        """The first status --json after `git pull` brought 100 records, vs tomllib."""
        figure = Figure(
            key="status-json-after-pull",
            figure="1st status --json after pull (+100) / tomllib",
            goal=0.3,
            unit="ratio",
            numerator="first zqplan status --json after git pull brought 100 new records",
            denominator=f"python -c \"import tomllib; tomllib.load(open('{LEDGER}', 'rb'))\"",
        )
        if shutil.which("git") is None:
            figure.note = "skipped: git not found"
            return figure
        self.git(self.big, "init", "-q")
        self.git(self.big, "add", REGISTRY, LEDGER)
        self.git(self.big, "commit", "-q", "-m", "synthetic registry")
        branch = self.git(self.big, "symbolic-ref", "--short", "HEAD")
        self.git(self.root, "clone", "-q", str(self.big), str(self.clone))
        say(f"git pull of 100 records, then status --json vs tomllib; {self.runs} runs each")
        status_times: list[float] = []
        load_times: list[float] = []
        for repetition in range(self.runs):
            rows = pull_rows(repetition)
            file = self.batches / f"pull-{repetition}.csv"
            file.write_text(csv_text(rows), encoding="utf-8")
            self.run([str(self.zqplan), "update", "--from", str(file)], self.clone)
            self.git(self.clone, "commit", "-q", "-a", "-m", f"{PULL_ROWS} records")
            if repetition == 0:
                # The cache learns the ledger as it stands before the pull; later on, the
                # timed status of the repetition before has left it so.
                self.status(self.big)
            self.git(self.big, "-c", "pull.rebase=false", "pull", "-q", str(self.clone), branch)
            if repetition % 2:
                load_times.append(self.time(self.load_ledger, self.big))
            elapsed, document = self.status(self.big)
            status_times.append(elapsed)
            if not repetition % 2:
                load_times.append(self.time(self.load_ledger, self.big))
            self.expect_latest(document, "t0000", quarter_end(rows[0][1]))
        status_ms, load_ms = median_ms(status_times), median_ms(load_times)
        figure.value = status_ms / load_ms
        figure.numerator_ms = status_ms
        figure.denominator_ms = load_ms
        return figure


def report_command(zqplan: Path, folder: Path, fmt: str) -> list[str]:
    """`zqplan report -o FOLDER/report.FORMAT`."""
    return [str(zqplan), "report", "-o", str(folder / f"report.{fmt}")]


def report_table(figures: Sequence[Figure]) -> str:
    """The figures as an aligned plain-text table."""
    header = ("figure", "measured", "goal", "result", "medians (ms)")
    rows: list[tuple[str, ...]] = [header]
    for figure in figures:
        if figure.value is None:
            measured, result = "-", figure.note or "skipped"
        elif figure.unit == "MiB":
            measured, result = f"{figure.value:.1f} MiB", "ok" if figure.ok else "over"
        elif figure.unit == "s":
            measured, result = f"{figure.value:.2f} s", "ok" if figure.ok else "over"
        else:
            measured, result = f"{figure.value:.2f}", "ok" if figure.ok else "over"
        suffix = {"MiB": " MiB", "s": " s"}.get(figure.unit, "")
        goal = f"<= {figure.goal:g}{suffix}"
        if figure.numerator_ms is not None and figure.denominator_ms is not None:
            medians = f"{figure.numerator_ms:.0f} / {figure.denominator_ms:.0f}"
        else:
            medians = figure.note if figure.value is not None else ""
        rows.append((figure.figure, measured, goal, result, medians))
    widths = [max(len(row[column]) for row in rows) for column in range(len(header) - 1)]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if column in (0, 3) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench.py",
        description="Measure zqplan's speed figures (issue 4) as ratios, side by side.",
    )
    runs = parser.add_mutually_exclusive_group()
    runs.add_argument(
        "-n",
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"timed runs of each command (median taken; default {DEFAULT_RUNS})",
    )
    runs.add_argument(
        "--quick", action="store_true", help=f"{QUICK_RUNS} runs of each command instead"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its goal")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (its path is printed)"
    )
    parser.add_argument(
        "--only",
        choices=["report", "cold", "pull"],
        help="only some figures: report (issue 11; the big plan is still built), cold "
        "(issue 9's update + status --json and table without the cache; no big plan), or "
        "pull (the first status --json after a git pull; the big plan is still built)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = QUICK_RUNS
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="zqplan-bench-"))
    try:
        bench = Bench(root, args.runs)
        say(f"zqplan {bench.zqplan}, python {sys.executable}, {args.runs} runs, in {root}")
        bench.shipped.mkdir(exist_ok=True)
        if args.only == "cold":  # on a copy of the shipped registry: no big plan to build
            figures, build_seconds = bench.cold_figures(), 0.0
        else:
            figures = [] if args.only else bench.shipped_figures() + bench.cold_figures()
            build_seconds = bench.build()
            if not args.only:
                figures += bench.big_status_figures()
                figures += bench.update_figures()
                figures.append(bench.pull_figure())
            if args.only == "pull":
                figures.append(bench.pull_figure())
            else:
                figures += bench.report_figures()
        figures.sort(key=lambda figure: ORDER.index(figure.key))
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        if args.keep:
            say(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    total_seconds = time.perf_counter() - started
    if args.json:
        document = {
            "runs": args.runs,
            "python": sys.executable,
            "zqplan": str(bench.zqplan),
            "build_seconds": round(build_seconds, 3),
            "total_seconds": round(total_seconds, 3),
            "figures": [figure.as_json() for figure in figures],
        }
        print(json.dumps(document, indent=2))
    else:
        print(report_table(figures))
        built = "no big ledger" if args.only == "cold" else f"ledger built in {build_seconds:.1f} s"
        print(f"\n{args.runs} runs each (median); {built}; whole run {total_seconds:.1f} s")
    missed = any(figure.ok is False for figure in figures)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Status's remembered assessments: judged again whenever what they depend on changed,
and the same output as judging the whole ledger afresh."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan as run

from zqplan import ledger, registry, status
from zqplan.commands.common import checked, known
from zqplan.commands.status_load import load_assessed
from zqplan.model import Observation
from zqplan.report import status_document

REGISTRY = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
[areas.a]
title = "A"

[targets.x]
area = "a"
title = "X"
source = "s"
unit = "u"
baseline = { value = 100, date = 2020-12-31 }
target = { value = 200, date = 2030-12-31 }

[targets.y]
area = "a"
title = "Y"
source = "s"
unit = "u"
baseline = { value = 100, date = 2020-12-31 }
target = { value = 200, date = 2030-12-31 }

[targets.gdp-growth]
area = "a"
title = "GDP growth"
source = "s"
unit = "%"

[targets.income-growth]
area = "a"
title = "Income growth"
source = "s"
unit = "%"
relative_to = "gdp-growth"

[targets.income-growth.yearly]
2024 = ">="
"""

AS_OF = dt.date(2026, 6, 1)


def record(target: str, year: int, value: float, *, minute: int, day: int = 1) -> Observation:
    """A record of target for the year's end, recorded on 2026-01-DAY at 00:MINUTE UTC."""
    moment = dt.datetime(2026, 1, day, 0, minute, tzinfo=dt.UTC)
    return Observation(
        target_id=target,
        date=dt.date(year, 12, 31),
        value=value,
        record_id=ledger.new_record_id(moment, f"{minute:02x}{day:02x}{year:04x}"[-8:]),
        recorded_at=moment,
        recorded_by="tester",
    )


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry with x, y, and income growth relative to GDP growth; a cache of its own."""
    monkeypatch.setenv("ZQPLAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZQPLAN_NO_CACHE", raising=False)
    (tmp_path / "targets.toml").write_text(REGISTRY, encoding="utf-8")
    ledger.append(
        tmp_path / "targets.ledger.toml",
        [
            record("x", 2025, 150.0, minute=1),
            record("y", 2025, 120.0, minute=2),
            record("gdp-growth", 2024, 5.0, minute=3),
            record("income-growth", 2024, 5.3, minute=4),
        ],
    )
    return tmp_path


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the targets status.assess judges (not taken from the cache)."""
    calls: list[str] = []
    original = status.assess

    def counting(target: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(target.id)
        return original(target, *args, **kwargs)

    monkeypatch.setattr(status, "assess", counting)
    return calls


def remembered(folder: Path, as_of: dt.date = AS_OF, known_at: dt.date | None = None) -> str:
    """status's document, through the remembered assessments."""
    plan, assessments = load_assessed(folder / "targets.toml", as_of=as_of, known_at=known_at)
    return json.dumps(status_document(plan, assessments, as_of=as_of, known_at=known_at))


def afresh(folder: Path, as_of: dt.date = AS_OF, known_at: dt.date | None = None) -> str:
    """status's document, every target judged from the whole ledger (no cache at all)."""
    plan, records = checked(
        registry.load_plan(folder / "targets.toml"), ledger.read(folder / "targets.ledger.toml")
    )
    assessments = status.assess_plan(plan, known(records.observations, known_at), as_of=as_of)
    return json.dumps(status_document(plan, assessments, as_of=as_of, known_at=known_at))


def targets(document: str) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in json.loads(document)["targets"]}


def append(folder: Path, *observations: Observation) -> None:
    ledger.append(folder / "targets.ledger.toml", list(observations))


class TestRemembered:
    """Each target is judged again exactly when its inputs changed."""

    def test_second_run_judges_nothing(self, folder: Path, judged: list[str]) -> None:
        """Nothing changed: every assessment comes from the cache, the same document."""
        first = remembered(folder)
        assert sorted(judged) == ["gdp-growth", "income-growth", "x", "y"]
        judged.clear()
        assert remembered(folder) == first
        assert judged == []
        assert first == afresh(folder)

    def test_revision_appended_for_one_target(self, folder: Path, judged: list[str]) -> None:
        """A revision of x's 2025 figure (150 -> 180) re-judges x alone: progress
        (150 - 100) / (200 - 100) = 0.5 becomes (180 - 100) / (200 - 100) = 0.8."""
        before = targets(remembered(folder))
        assert before["x"]["progress"] == pytest.approx(0.5)
        judged.clear()
        append(folder, record("x", 2025, 180.0, minute=10))
        after = remembered(folder)
        assert judged == ["x"]
        assert targets(after)["x"]["progress"] == pytest.approx(0.8)
        assert targets(after)["x"]["latest"] == {"value": 180.0, "date": "2025-12-31"}
        assert after == afresh(folder)

    def test_reference_record_rejudges_the_relative_target(
        self, folder: Path, judged: list[str]
    ) -> None:
        """GDP 2024 revised from 5.0 to 5.5: income growth's 2024 target (>= GDP) follows,
        and 5.3 >= 5.5 fails: met becomes not-met."""
        before = targets(remembered(folder))
        assert before["income-growth"]["schedule"][0]["verdict"] == "met"  # 5.3 >= 5.0
        judged.clear()
        append(folder, record("gdp-growth", 2024, 5.5, minute=10))
        after = remembered(folder)
        assert sorted(judged) == ["gdp-growth", "income-growth"]
        period = targets(after)["income-growth"]["schedule"][0]
        assert (period["target"], period["verdict"]) == (5.5, "not-met")
        assert after == afresh(folder)

    def test_rewritten_ledger(self, folder: Path) -> None:
        """y's figure edited in place (120 -> 170, the file rewritten, not appended to):
        progress (120 - 100) / 100 = 0.2 becomes (170 - 100) / 100 = 0.7."""
        assert targets(remembered(folder))["y"]["progress"] == pytest.approx(0.2)
        path = folder / "targets.ledger.toml"
        text = path.read_text(encoding="utf-8")
        assert text.count("value = 120.0") == 1
        path.write_text(text.replace("value = 120.0", "value = 170.0"), encoding="utf-8")
        after = remembered(folder)
        assert targets(after)["y"]["progress"] == pytest.approx(0.7)
        assert after == afresh(folder)

    def test_registry_edit_of_one_target(self, folder: Path, judged: list[str]) -> None:
        """y's target raised from 200 to 300 re-judges y alone: progress
        (120 - 100) / (200 - 100) = 0.2 becomes (120 - 100) / (300 - 100) = 0.1."""
        assert targets(remembered(folder))["y"]["progress"] == pytest.approx(0.2)
        judged.clear()
        path = folder / "targets.toml"
        text = path.read_text(encoding="utf-8")
        edited = text.replace(
            'title = "Y"\nsource = "s"\nunit = "u"\n'
            "baseline = { value = 100, date = 2020-12-31 }\n"
            "target = { value = 200,",
            'title = "Y"\nsource = "s"\nunit = "u"\n'
            "baseline = { value = 100, date = 2020-12-31 }\n"
            "target = { value = 300,",
        )
        assert edited != text
        path.write_text(edited, encoding="utf-8")
        after = remembered(folder)
        assert judged == ["y"]
        assert targets(after)["y"]["progress"] == pytest.approx(0.1)
        assert after == afresh(folder)

    def test_as_of_days(self, folder: Path) -> None:
        """The same files judged on two days: each day its own assessment. On 2025-06-01
        x's 2025 figure lies ahead (no data after the baseline); on 2026-06-01 it counts."""
        early = dt.date(2025, 6, 1)
        assert targets(remembered(folder))["x"]["data_points"] == 2  # baseline + 2025
        on_early = remembered(folder, early)
        assert targets(on_early)["x"]["data_points"] == 1  # the baseline alone
        assert on_early == afresh(folder, early)
        assert targets(remembered(folder))["x"]["data_points"] == 2
        assert remembered(folder) == afresh(folder)

    def test_known_at_days(self, folder: Path) -> None:
        """--known-at before and after a revision recorded on 2026-01-05: before, x's
        2025 figure is the first one (progress 0.5); after, the revision's (170: 0.7)."""
        append(folder, record("x", 2025, 170.0, minute=0, day=5))
        before, after = dt.date(2026, 1, 2), dt.date(2026, 1, 6)
        on_before = remembered(folder, known_at=before)
        assert targets(on_before)["x"]["progress"] == pytest.approx(0.5)
        on_after = remembered(folder, known_at=after)
        assert targets(on_after)["x"]["progress"] == pytest.approx(0.7)
        assert on_before == afresh(folder, known_at=before)
        assert on_after == afresh(folder, known_at=after)
        assert remembered(folder, known_at=before) == on_before

    def test_torn_last_record_counts(self, folder: Path) -> None:
        """A last record without its newline (a write in progress) is read, as without the
        cache; once its newline is there, the same: x at 190, progress 0.9."""
        remembered(folder)
        path = folder / "targets.ledger.toml"
        line = ledger.format_record(record("x", 2025, 190.0, minute=20))
        with path.open("a", encoding="utf-8") as stream:
            stream.write(line.rstrip("\n"))
        torn = remembered(folder)
        assert targets(torn)["x"]["progress"] == pytest.approx(0.9)  # (190 - 100) / 100
        assert torn == afresh(folder)
        with path.open("a", encoding="utf-8") as stream:
            stream.write("\n")
        assert remembered(folder) == torn == afresh(folder)

    def test_void_withdraws(self, folder: Path) -> None:
        """A void of x's only record: x is back to its baseline (progress 0)."""
        remembered(folder)
        text = (folder / "targets.ledger.toml").read_text(encoding="utf-8")
        first = next(line for line in text.splitlines() if 'target = "x"' in line)
        moment = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
        void = ledger.Void(
            ledger.new_record_id(moment, "0000aaaa"), first.split(" = ", 1)[0], "wrong", moment
        )
        ledger.append_void(folder / "targets.ledger.toml", void)
        after = remembered(folder)
        assert targets(after)["x"]["progress"] == pytest.approx(0.0)
        assert after == afresh(folder)

    def test_damaged_cache_is_judged_again(self, folder: Path, judged: list[str]) -> None:
        """Garbage in the cache files costs a new judgement, never a wrong answer."""
        first = remembered(folder)
        for entry in (folder / "cache").iterdir():
            entry.write_bytes(b"\x00garbage")
        judged.clear()
        assert remembered(folder) == first
        assert sorted(judged) == ["gdp-growth", "income-growth", "x", "y"]


class TestCommand:
    """`zqplan status` prints the same with the cache as without it."""

    @pytest.mark.parametrize(
        "options",
        [
            ("--json",),
            ("--format", "csv"),
            (),  # plain text: stdout is a pipe
            ("--width", "120"),  # the Rich table
            ("--json", "--known-at", "2026-01-02"),
            ("--lang", "zh"),
        ],
    )
    def test_same_output(self, folder: Path, options: tuple[str, ...]) -> None:
        """After a revision appended for x, a status from the cache and one without any
        cache print the same bytes."""
        env = {"ZQPLAN_CACHE_DIR": str(folder / "cache")}
        args = ("status", *options, "--as-of", "2026-06-01")
        assert run(*args, cwd=folder, env=env).returncode == 0  # the cache learns the plan
        append(folder, record("x", 2025, 180.0, minute=10))
        cached = run(*args, cwd=folder, env=env)
        fresh = run(*args, cwd=folder, env={**env, "ZQPLAN_NO_CACHE": "1"})
        assert cached.returncode == fresh.returncode == 0, cached.stderr + fresh.stderr
        assert (cached.stdout, cached.stderr) == (fresh.stdout, fresh.stderr)
        assert cached.stdout

    def test_shipped_plan(self, registry: Path, tmp_path: Path) -> None:
        """The shipped plan (schedules, relative targets, umbrellas): after an update of
        one target, status from the cache and without it print the same."""
        env = {"ZQPLAN_CACHE_DIR": str(tmp_path / "cache")}
        for options in (("--json",), ("--width", "160")):
            args = ("status", *options, "--as-of", "2025-06-30")
            assert run(*args, cwd=tmp_path, env=env).returncode == 0
        update = ("update", "farm-output", "86.5", "--date", "2024-12-31")
        assert run(*update, cwd=tmp_path, env=env).returncode == 0
        for options in (("--json",), ("--width", "160")):
            args = ("status", *options, "--as-of", "2025-06-30")
            cached = run(*args, cwd=tmp_path, env=env)
            fresh = run(*args, cwd=tmp_path, env={**env, "ZQPLAN_NO_CACHE": "1"})
            assert cached.returncode == fresh.returncode == 0, cached.stderr + fresh.stderr
            assert (cached.stdout, cached.stderr) == (fresh.stdout, fresh.stderr)
        assert "86.5" in cached.stdout  # the updated figure, in the table

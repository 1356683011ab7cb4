"""What changed since a day (zqplan/diff.py): figures, statuses, targets and stages, by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from zqplan.diff import ADDED, CHANGED, NEW, REMOVED, REVISED, VOIDED, compare, known_then
from zqplan.ledger import Void
from zqplan.model import Observation, StageStatus, StatusCode
from zqplan.registry import plan_from_text

HEAD = """schema = "zqplan.registry/1"
[plan]
id = "t"
title = "Test plan"
[areas.a]
title = "A"
[areas.b]
title = "B"
"""

FARM = """
[targets.farm]
area = "a"
title = "Farm output"
source = "s"
unit = "billion yuan"
direction = "increase"
trajectory = "linear"
baseline = { value = 80.0, date = 2022-12-31 }
target = { value = TARGET, date = 2027-12-31 }
"""

WATER = """
[targets.water]
area = "b"
title = "Water quality"
title_zh = "水质"
source = "s"
unit = "%"
direction = "increase"
baseline = { value = 50.0, date = 2022-12-31 }
target = { value = 60.0, date = 2027-12-31 }
"""

GONE = """
[targets.gone]
area = "a"
title = "Gone"
unit = "km"
source = "s"
"""

LADDER = """
[programmes.ladder]
area = "a"
title = "The ladder"
source = "A start in one year."
start = 2024-01-01

[[programmes.ladder.stages]]
id = "start"
title = "Start"
title_zh = "起步"
date = 2024-12-31
items = ["launched"]
"""

NOW = HEAD + FARM.replace("TARGET", "100.0") + WATER + LADDER
THEN = HEAD + FARM.replace("TARGET", "95.0") + GONE + LADDER

SINCE = date(2024, 6, 30)
AS_OF = date(2025, 6, 30)


def at(day: str) -> datetime:
    """Noon UTC on that day."""
    return datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC)


def record(
    record_id: str,
    target: str,
    period: str,
    value: float | bool,
    recorded: str,
    n: int,
    **extra: str,
) -> Observation:
    """A ledger record, the n-th recorded."""
    return Observation(
        target, date.fromisoformat(period), value, record_id, at(recorded), "clerk", sequence=n,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


RECORDS = [
    record("f1", "farm", "2023-12-31", 84.0, "2024-02-01", 1),  # known on SINCE
    record("w0", "water", "2023-12-31", 52.0, "2024-01-01", 2),  # known on SINCE
    record("w1", "water", "2023-12-31", 55.0, "2024-03-01", 3),  # revises w0, known on SINCE
    record("f2", "farm", "2024-12-31", 82.0, "2025-02-01", 4),  # new
    record("f3", "farm", "2023-12-31", 83.0, "2025-02-02", 5),  # revises f1: 84 -> 83
    record("w2", "water", "2024-12-31", 60.0, "2025-01-05", 6),  # recorded, then voided
    record("s1", "ladder", "2025-02-01", True, "2025-03-01", 7, stage="start", item="launched"),
    record("f4", "farm", "2025-03-31", 90.0, "2025-07-15", 8),  # after --known-at below
]
VOIDS = [
    Void("v1", "w2", "typed twice", at("2025-01-06")),
    Void("v2", "w1", "wrong table", at("2025-01-10")),  # w0's 52 is in force again
]


def test_known_then_applies_voids_by_their_day() -> None:
    """On SINCE w1 was in force (its void came later); now it is withdrawn."""
    then = {o.record_id for o in known_then(RECORDS, VOIDS, SINCE)}
    assert then == {"f1", "w0", "w1"}
    now = {o.record_id for o in known_then(RECORDS, VOIDS, None)}
    assert now == {"f1", "w0", "f2", "f3", "s1", "f4"}


def test_figures_statuses_targets_stages(tmp_path: Path) -> None:
    """Each kind of change between SINCE (as known then) and AS_OF (known on 2025-06-30)."""
    plan = plan_from_text(tmp_path / "targets.toml", NOW)
    then_plan = plan_from_text(tmp_path / "targets.toml", THEN)
    diff = compare(
        plan, then_plan, RECORDS, VOIDS, since=SINCE, as_of=AS_OF, known_at=date(2025, 6, 30)
    )
    figures = [(f.target_id, f.period.isoformat(), f.change, f.old, f.new) for f in diff.figures]
    assert figures == [
        ("farm", "2023-12-31", REVISED, 84.0, 83.0),  # f3 replaces f1
        ("farm", "2024-12-31", NEW, None, 82.0),  # f2; f4 was recorded after 2025-06-30
        ("water", "2023-12-31", VOIDED, 55.0, 52.0),  # v2 withdrew w1: w0 again
        ("ladder", "2025-02-01", NEW, None, True),  # the item done
    ]  # w2 was recorded and voided in between: nothing to say
    voided = diff.figures[2]
    assert (voided.record_id, voided.reason) == ("v2", "wrong table")
    assert (diff.figures[3].stage, diff.figures[3].item) == ("start", "launched")
    # farm then (judged on SINCE against the registry of then, T = 95): linear, 80 -> 95
    # over 5 years, a_req = 15 / 5 = 3/yr; 84 at 2023-12-31, a_obs = (84 - 80) / 1 = 4/yr;
    # R = 4 / 3 = 1.33 >= 0.95: on track.
    # farm now (T = 100): a_req = 20 / 5 = 4/yr; latest 82 at 2024-12-31,
    # a_obs = (82 - 80) / 2 = 1/yr; R = 1 / 4 = 0.25 < 0.60: off track.
    # water: then 55 at 2023-12-31 but water was not in the registry then; now 52:
    # not compared (a new target has no status then).
    assert [(s.target.id, s.old, s.new) for s in diff.statuses] == [
        ("farm", StatusCode.ON_TRACK, StatusCode.OFF_TRACK)
    ]
    assert diff.targets is not None
    assert [(t.target.id, t.change, t.fields) for t in diff.targets] == [
        ("farm", CHANGED, ("target",)),
        ("water", ADDED, ()),
        ("gone", REMOVED, ()),
    ]
    farm_change = diff.targets[0]
    assert farm_change.old_goal is not None
    assert farm_change.old_goal.value == 95.0
    # The stage was upcoming on SINCE (before 2024-12-31) and is met with its item now.
    assert [(s.programme_id, s.stage_id, s.old, s.new) for s in diff.stages] == [
        ("ladder", "start", StageStatus.UPCOMING, StageStatus.MET)
    ]


def test_without_the_registry_of_then(tmp_path: Path) -> None:
    """No registry of then: target changes unknown (None); statuses use today's registry."""
    plan = plan_from_text(tmp_path / "targets.toml", NOW)
    diff = compare(plan, None, RECORDS, VOIDS, since=SINCE, as_of=AS_OF, known_at=AS_OF)
    assert diff.targets is None
    # farm then with today's T = 100: a_req = 4/yr, a_obs = 4/yr, R = 1.0 >= 0.95: on track.
    # water then: 55 at 2023-12-31, linear? No: compound (v0, T > 0), g_req =
    # (60/50)^(1/5) - 1 = 0.03714, g_obs = 55/50 - 1 = 0.10, R = 2.69: on track.
    # water now: 52, g_obs = 0.04, R = 0.04 / 0.03714 = 1.077: on track still (no change).
    assert [(s.target.id, s.old, s.new) for s in diff.statuses] == [
        ("farm", StatusCode.ON_TRACK, StatusCode.OFF_TRACK)
    ]


def test_areas_and_known_at(tmp_path: Path) -> None:
    """--area keeps its targets only; without --known-at the later record f4 counts too."""
    plan = plan_from_text(tmp_path / "targets.toml", NOW)
    diff = compare(plan, None, RECORDS, VOIDS, since=SINCE, as_of=date(2025, 8, 1), areas=["b"])
    assert [(f.target_id, f.change) for f in diff.figures] == [("water", VOIDED)]
    assert diff.stages == ()  # the ladder is in area a
    everything = compare(plan, None, RECORDS, VOIDS, since=SINCE, as_of=date(2025, 8, 1))
    assert ("farm", "2025-03-31", NEW) in [
        (f.target_id, f.period.isoformat(), f.change) for f in everything.figures
    ]


def test_nothing_changed(tmp_path: Path) -> None:
    """Compared with itself on the same day: empty."""
    plan = plan_from_text(tmp_path / "targets.toml", NOW)
    diff = compare(plan, plan, RECORDS, VOIDS, since=AS_OF, as_of=AS_OF, known_at=AS_OF)
    assert diff.empty


def test_renamed_target_keeps_its_status_history(tmp_path: Path) -> None:
    """farm was called farm-output then: its status then is still compared with now's."""
    renamed = NOW.replace(
        'trajectory = "linear"', 'trajectory = "linear"\nrenamed_from = ["farm-output"]'
    )
    then_text = THEN.replace("[targets.farm]", "[targets.farm-output]")
    plan = plan_from_text(tmp_path / "targets.toml", renamed)
    then_plan = plan_from_text(tmp_path / "targets.toml", then_text)
    diff = compare(plan, then_plan, RECORDS, VOIDS, since=SINCE, as_of=AS_OF, known_at=AS_OF)
    # As in test_figures_statuses_targets_stages: R = 4/3 then (T = 95), 1/4 now (T = 100).
    assert [(s.target.id, s.old, s.new) for s in diff.statuses] == [
        ("farm", StatusCode.ON_TRACK, StatusCode.OFF_TRACK)
    ]
    assert diff.targets is not None
    assert [(t.target.id, t.change, t.fields) for t in diff.targets] == [
        ("farm", CHANGED, ("target",)),  # matched through renamed_from, not added
        ("water", ADDED, ()),
        ("gone", REMOVED, ()),
    ]

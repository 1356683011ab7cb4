"""Issue 10, section 1: the interview modelled as it reads. Reported facts and directions
apart from commitments, umbrella commitments rolled up from their parts, figures known
only as a bound ("exceeding 30"), and the 1-3-5-10 programme's inferred dates and
provincial evidence."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from zqplan.errors import Problems, ZqplanError
from zqplan.model import StatusCode
from zqplan.registry import load_plan
from zqplan.rollup import rolled_status

WriteFile = Callable[[str, str | bytes], Path]

REPORTED = (
    "national-forest-city",
    "ecological-civilization-city",
    "new-area-trunk-roads",
    "torch-nev-base",
    "forest-coverage",
    "xpeng-vehicles",
    "xpeng-output-value",
    "deqing-tangerines",
)
"""The facts the interview reports as already done or true (issue 10, section 1)."""


def doc(zqplan: Run, *args: str) -> dict[str, Any]:
    """The JSON a zqplan command prints (exit 0)."""
    result = zqplan(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def entry(document: dict[str, Any], target_id: str) -> dict[str, Any]:
    """One target of a zqplan.status/2 document."""
    (found,) = [t for t in document["targets"] if t["id"] == target_id]
    return found


def problems_of(path: Path) -> list[ZqplanError]:
    """The problems load_plan reports for the registry at path."""
    with pytest.raises(Problems) as caught:
        load_plan(path)
    return list(caught.value.problems)


# --- the shipped plan: reported facts and directions -------------------------------


class TestShippedRoles:
    """What the mayor reports as done is never an achieved commitment."""

    def test_reported_facts_are_not_judged(self, zqplan: Run, registry: Path) -> None:
        """Each reported fact has role reported, no status, and keeps its figure."""
        document = doc(zqplan, "status", "--json")
        for target_id in REPORTED:
            found = entry(document, target_id)
            assert (found["role"], found["status"]) == ("reported", None), target_id
            assert found["latest"] is not None, target_id
        assert entry(document, "forest-coverage")["latest"]["value"] == 71
        assert entry(document, "forest-coverage")["target"] is None  # a fact, not a floor
        assert entry(document, "new-area-trunk-roads")["latest"]["value"] == 125

    def test_nothing_achieved_before_anything_is_recorded(
        self, zqplan: Run, registry: Path
    ) -> None:
        """The summary counts commitments only, and none of the interview's is achieved
        on the shipped data (the work reports' own numbers, in other areas, are judged)."""
        document = doc(zqplan, "status", "--json")
        roles = [t["role"] for t in document["targets"]]
        summary = document["summary"]
        interview = (
            "manufacturing",
            "openness",
            "education-innovation",
            "ecology",
            "parks",
            "rural",
        )
        achieved = [t["id"] for t in document["targets"] if t["status"] == "achieved"]
        assert achieved
        assert not [i for i in achieved if entry(document, i)["area"] in interview]
        assert sum(summary.values()) == roles.count("commitment")
        assert roles.count("reported") >= len(REPORTED)
        assert roles.count("direction") > 0

    def test_table_lists_reported_and_directions_apart(self, zqplan: Run, registry: Path) -> None:
        """In each area the unjudged rows come after the commitments, labelled by role;
        the summary line counts the commitments alone, in both languages."""
        commitments = [t.id for t in load_plan(registry).targets if t.role.value == "commitment"]
        out = zqplan("status", "--area", "ecology").stdout.splitlines()
        # The last two lines: the hint on directions, the summary.
        assert out[-2].startswith("directions are listed by id")
        rows = [line.split()[0] for line in out[3:-2] if line and not line.startswith(" ")]
        labels = [line.split()[-1] for line in out[3:-2] if line and not line.startswith(" ")]
        first_unjudged = labels.index("reported")
        assert set(labels[first_unjudged:]) == {"reported"}
        assert "national-forest-city" in rows[first_unjudged:]
        # The directions: one line after the reported facts (ecological-barrier is one).
        listed = next(i for i, line in enumerate(out) if line.lstrip().startswith("directions ("))
        assert listed > out.index(next(line for line in out if line.startswith(rows[-1])))
        assert "ecological-barrier" in out[listed]
        ecology = [i for i in commitments if i in rows]
        assert out[-1] == f"{len(ecology)} targets: {len(ecology)} no-target"
        zh = zqplan("status", "--area", "ecology", "--lang", "zh").stdout
        assert "已有成果" in zh
        assert "方向性任务" in zh
        assert zh.splitlines()[-1] == f"共 {len(ecology)} 项指标：无量化目标 {len(ecology)}"


# --- a figure known only as a bound -------------------------------------------------


class TestObservationComparator:
    """ "exceeding 30 billion yuan" is stored as more than 30 and shown as "> 30"."""

    def test_shipped_xpeng_output_value(self, zqplan: Run, registry: Path) -> None:
        """JSON keeps 30 with latest_comparator ">"; tables, show and history say "> 30"."""
        document = doc(zqplan, "status", "--json", "--search", "xpeng-output")
        found = entry(document, "xpeng-output-value")
        assert found["latest"] == {"value": 30, "date": "2022-12-31"}
        assert found["latest_comparator"] == ">"
        assert entry(doc(zqplan, "status", "--json"), "xpeng-vehicles")["latest_comparator"] is None
        table = zqplan("status", "--search", "xpeng-output").stdout
        assert "> 30 billion yuan" in table
        assert "> 30" in zqplan("status", "--search", "xpeng-output", "--lang", "zh").stdout
        assert "> 30 billion yuan" in zqplan("show", "xpeng-output-value").stdout
        assert "> 30 billion yuan" in zqplan("history", "xpeng-output-value").stdout
        history = doc(zqplan, "history", "xpeng-output-value", "--json")
        assert [r["comparator"] for r in history["records"]] == [">"]
        csv = zqplan("status", "--format", "csv", "--fields", "id,latest_comparator").stdout
        assert "xpeng-output-value,>" in csv.splitlines()

    def test_a_bound_is_judged_as_its_value(
        self, zqplan: Run, write_file: WriteFile, tmp_path: Path
    ) -> None:
        """The method's farm example with "more than 86" in 2024 is judged on 86:
        p = (86 - 80) / (100 - 80) = 0.3, R = 0.036822 / 0.045640 = 0.8068: at-risk."""
        write_file("targets.toml", BOUND_PLAN)
        found = entry(doc(zqplan, "status", "--json", "--as-of", "2025-01-31"), "farm")
        assert found["status"] == "at-risk"
        assert found["progress"] == pytest.approx(0.3)
        assert found["ratio"] == pytest.approx(0.8068, abs=5e-5)
        assert found["latest_comparator"] == ">"

    @pytest.mark.parametrize(
        ("written", "message", "hint"),
        [
            ('"abuot"', "not one of >, >=, <, <=, about", "did you mean 'about'?"),
            ("1", "not one of >, >=, <, <=, about", 'write ">" for "exceeding"'),
        ],
    )
    def test_bad_comparator(
        self, write_file: WriteFile, written: str, message: str, hint: str
    ) -> None:
        """An unknown comparator is an error at the observation's line, with a hint."""
        path = write_file(
            "targets.toml", BOUND_PLAN.replace('comparator = ">"', f"comparator = {written}")
        )
        (problem,) = problems_of(path)
        assert problem.where == f"{path}:{BOUND_LINE}"
        assert message in problem.message
        assert problem.hint is not None
        assert hint in problem.hint

    def test_comparator_on_yes_no_refused(self, write_file: WriteFile) -> None:
        """Done is done: a yes/no figure takes no comparator."""
        text = BOUND_PLAN + YES_NO_WITH_COMPARATOR
        path = write_file("targets.toml", text)
        (problem,) = problems_of(path)
        assert problem.where == f"{path}:{text.count(chr(10)) - 1}"
        assert "numeric figures" in problem.message


BOUND_PLAN = """\
schema = "zqplan.registry/1"

[plan]
id = "p"
title = "P"

[areas.rural]
title = "Rural"

[targets.farm]
area = "rural"
title = "Farm output"
source = "s"
unit = "billion yuan"
baseline = { value = 80, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [
  { date = 2024-12-31, value = 86, comparator = ">" },
]
"""
BOUND_LINE = 18

YES_NO_WITH_COMPARATOR = """
[targets.zone]
area = "rural"
title = "Zone"
source = "s"
kind = "yes-no"
observations = [
  { date = 2024-12-31, value = true, comparator = ">" },
]
"""


# --- umbrella commitments ---------------------------------------------------------


class TestRolledStatus:
    """The parts' statuses as one (docs/method.md, "Umbrella commitments")."""

    A, T, D = StatusCode.ACHIEVED, StatusCode.NO_TARGET, StatusCode.NO_DATA
    ON, RISK, OFF, MISS = (
        StatusCode.ON_TRACK,
        StatusCode.AT_RISK,
        StatusCode.OFF_TRACK,
        StatusCode.MISSED,
    )

    def test_all_achieved(self) -> None:
        """Every part achieved: the umbrella is achieved."""
        assert rolled_status([self.A, self.A]) is self.A

    def test_worst_verdict(self) -> None:
        """Otherwise the worst verdict: missed before off-track before at-risk."""
        assert rolled_status([self.A, self.ON, self.RISK]) is self.RISK
        assert rolled_status([self.OFF, self.MISS, self.D]) is self.MISS
        assert rolled_status([self.A, self.ON, self.T]) is self.ON

    def test_no_verdict(self) -> None:
        """Achieved beside parts with no verdict is not achieved: no-data, else no-target."""
        assert rolled_status([self.A, self.D, self.T]) is self.D
        assert rolled_status([self.A, self.T]) is self.T
        assert rolled_status([]) is self.T


UMBRELLA_PLAN = """\
schema = "zqplan.registry/1"

[plan]
id = "p"
title = "P"

[areas.openness]
title = "Openness"

[targets.hub]
area = "openness"
title = "Transport hub"
source = "s"
kind = "yes-no"
parts = ["airport", "rail", "roads"]

[targets.airport]
area = "openness"
title = "Airport"
source = "s"
kind = "yes-no"
target = { date = 2030-12-31 }

[targets.rail]
area = "openness"
title = "Rail"
source = "s"
kind = "yes-no"
target = { date = 2030-12-31 }

[targets.roads]
area = "openness"
title = "Roads"
source = "s"
kind = "yes-no"
role = "direction"
"""
PARTS_LINE = 15


class TestUmbrella:
    """An umbrella's row summarises its parts; its status rolls them up."""

    def hub(self, zqplan: Run) -> dict[str, Any]:
        """The hub's entry on 2026-06-30."""
        return entry(doc(zqplan, "status", "--json", "--as-of", "2026-06-30"), "hub")

    def test_roll_up_as_parts_are_recorded(self, zqplan: Run, write_file: WriteFile) -> None:
        """Airport and rail (dated yes/no parts; roads is a direction, not counted):
        nothing recorded: both no-data, so the hub (no date of its own: no-target) is
        no-data; airport done: 1 of 2, still no-data; rail recorded not done before its
        date: on-track, so the hub is on-track; rail done: 2 of 2, achieved."""
        write_file("targets.toml", UMBRELLA_PLAN)
        hub = self.hub(zqplan)
        assert hub["status"] == "no-data"
        assert hub["parts"] == {
            "ids": ["airport", "rail", "roads"],
            "status": "no-data",
            "own_status": "no-target",
            "achieved": 0,
            "counted": 2,
            "counts": {"no-data": 2},
        }
        assert zqplan("update", "airport", "done", "--date", "2026-01-31").returncode == 0
        assert (self.hub(zqplan)["status"], self.hub(zqplan)["parts"]["achieved"]) == (
            "no-data",
            1,
        )
        assert zqplan("update", "rail", "not-done", "--date", "2026-02-28").returncode == 0
        hub = self.hub(zqplan)
        assert (hub["status"], hub["parts"]["counts"]) == (
            "on-track",
            {"achieved": 1, "on-track": 1},
        )
        assert zqplan("update", "rail", "done", "--date", "2026-03-31").returncode == 0
        hub = self.hub(zqplan)
        assert (hub["status"], hub["parts"]["achieved"], hub["parts"]["counted"]) == (
            "achieved",
            2,
            2,
        )
        document = doc(zqplan, "status", "--json", "--as-of", "2026-06-30")
        assert entry(document, "rail")["part_of"] == "hub"
        assert entry(document, "hub")["part_of"] is None
        # hub, airport and rail are commitments: 3 achieved; roads (a direction) is not counted
        assert document["summary"]["achieved"] == 3
        assert sum(document["summary"].values()) == 3

    def test_own_verdict_wins(self, zqplan: Run, write_file: WriteFile) -> None:
        """An umbrella recorded done itself is achieved, whatever its parts say."""
        write_file("targets.toml", UMBRELLA_PLAN)
        assert zqplan("update", "hub", "done", "--date", "2026-01-31").returncode == 0
        hub = self.hub(zqplan)
        assert (hub["status"], hub["parts"]["status"], hub["parts"]["own_status"]) == (
            "achieved",
            "no-data",
            "achieved",
        )

    def test_row_and_show(self, zqplan: Run, write_file: WriteFile) -> None:
        """The table's status cell counts the parts achieved, in both languages; show and
        the flat formats carry the roll-up too."""
        write_file("targets.toml", UMBRELLA_PLAN)
        assert zqplan("update", "airport", "done", "--date", "2026-01-31").returncode == 0
        args = ("status", "--as-of", "2026-06-30")
        (line,) = [row for row in zqplan(*args).stdout.splitlines() if row.startswith("hub ")]
        assert line.endswith("no-data (parts 1/2 achieved)")
        zh = zqplan(*args, "--lang", "zh").stdout
        assert "暂无数据（分项已实现 1/2）" in zh  # Chinese flags in full-width brackets
        view = zqplan("show", "hub", "--as-of", "2026-06-30").stdout
        assert "airport, rail, roads: 1 of 2 achieved; rolled up: no-data (own: no-target)" in view
        assert "part of            hub" in zqplan("show", "rail").stdout
        shown = doc(zqplan, "show", "hub", "--json", "--as-of", "2026-06-30")
        assert shown["target"]["parts"]["achieved"] == 1
        assert doc(zqplan, "show", "airport", "--json")["target"]["part_of"] == "hub"
        csv = zqplan(*args, "--format", "csv", "--fields", "id,parts_ids,parts_status").stdout
        assert 'hub,"airport,rail,roads",no-data' in csv.splitlines()

    @pytest.mark.parametrize(
        ("parts", "message", "hint"),
        [
            ('["airport", "rali"]', "names 'rali', which is not a target", "did you mean 'rail'?"),
            ('["hub"]', "names the target itself", "list the targets"),
        ],
    )
    def test_bad_parts(self, write_file: WriteFile, parts: str, message: str, hint: str) -> None:
        """A part that is no target, or the target itself: an error at the parts line."""
        text = UMBRELLA_PLAN.replace('["airport", "rail", "roads"]', parts)
        path = write_file("targets.toml", text)
        (problem,) = problems_of(path)
        assert problem.where == f"{path}:{PARTS_LINE}"
        assert message in problem.message
        assert problem.hint is not None
        assert hint in problem.hint

    def test_part_of_two_umbrellas(self, write_file: WriteFile) -> None:
        """A part belongs to one umbrella: the second claim is an error at its line."""
        text = UMBRELLA_PLAN.replace(
            "target = { date = 2030-12-31 }\n\n[targets.rail]",
            'target = { date = 2030-12-31 }\nparts = ["rail"]\n\n[targets.rail]',
        )
        path = write_file("targets.toml", text)
        (problem,) = problems_of(path)
        assert problem.message == "'rail' is a part of both 'hub' and 'airport'"
        assert problem.where == f"{path}:23"

    def test_circle(self, write_file: WriteFile) -> None:
        """hub has airport, airport has hub: named once, at the first id's parts line."""
        text = UMBRELLA_PLAN.replace('parts = ["airport", "rail", "roads"]', 'parts = ["airport"]')
        text = text.replace(
            'title = "Airport"\nsource = "s"\nkind = "yes-no"',
            'title = "Airport"\nsource = "s"\nkind = "yes-no"\nparts = ["hub"]',
        )
        path = write_file("targets.toml", text)
        (problem,) = problems_of(path)
        assert problem.message == "parts go round in a circle: airport -> hub -> airport"
        assert problem.where == f"{path}:22"  # airport's parts line, under its kind

    def test_shipped_umbrellas(self, zqplan: Run, registry: Path) -> None:
        """The interview's umbrellas: the transport hub (rail, air, water), the "1+9+N"
        system (the 1 and the 9) and the six green actions (six parts)."""
        document = doc(zqplan, "status", "--json")
        assert entry(document, "transport-hub")["parts"]["ids"] == [
            "bay-area-on-track",
            "prd-hub-airport",
            "xijiang-shipping-hub",
        ]
        assert entry(document, "youth-base-system")["parts"]["ids"] == [
            "youth-base-new-area",
            "youth-bases-counties",
        ]
        assert entry(document, "six-green-actions")["parts"]["counted"] == 6
        assert entry(document, "youth-bases-counties")["target"] == {"value": 9, "date": None}


# --- the 1-3-5-10 programme ---------------------------------------------------------


class TestProgramme:
    """Inferred dates, no evidence is not missed, and the province's three-year claim."""

    def test_shipped_ladder(self, zqplan: Run, registry: Path) -> None:
        """On 2026-06-30: start (due 2023-12-31, window closed 2025-12-31) has nothing
        recorded: no-evidence, not missed; initial-results is met by the provincial
        evidence of Guangdong's 2026 report; significant-changes is upcoming and current."""
        document = doc(zqplan, "milestones", "--json", "--as-of", "2026-06-30")
        assert document["schema"] == "zqplan.milestones/2"
        (bxqzwc,) = document["programmes"]
        assert bxqzwc["inferred"]["document"] == "gd-report-2023"
        stages = {s["id"]: s for s in bxqzwc["stages"]}
        assert [s["status"] for s in bxqzwc["stages"]] == [
            "no-evidence",
            "met",
            "upcoming",
            "upcoming",
        ]
        assert all(s["date_inferred"] for s in bxqzwc["stages"])
        (criterion,) = stages["initial-results"]["criteria"]
        assert criterion["evidence"]["document"] == "gd-report-2026"
        assert criterion["evidence"]["date"] == "2025-12-31"
        assert "provincial level" in criterion["evidence"]["note"]
        assert (bxqzwc["current_stage"], bxqzwc["status"]) == ("significant-changes", "upcoming")

    def test_before_the_evidence(self, zqplan: Run, registry: Path) -> None:
        """On 2025-06-30 the 2025 evidence is not yet dated: initial-results is upcoming."""
        document = doc(zqplan, "milestones", "--json", "--as-of", "2025-06-30")
        statuses = [s["status"] for s in document["programmes"][0]["stages"]]
        assert statuses == ["due", "upcoming", "upcoming", "upcoming"]

    def test_views(self, zqplan: Run, registry: Path) -> None:
        """The ladder says the dates are inferred and names the stage without evidence."""
        out = zqplan("milestones", "--as-of", "2026-06-30").stdout
        assert "dates inferred" in out
        assert "no evidence recorded" in out
        zh = zqplan("milestones", "--as-of", "2026-06-30", "--lang", "zh").stdout
        assert "日期为推定" in zh
        assert "暂无完成证据" in zh

    def test_evidence_for_an_unknown_item(self, write_file: WriteFile) -> None:
        """Evidence names an item of its stage; a slip is an error with the closest."""
        path = write_file(
            "targets.toml", LADDER_PLAN.replace('item = "started"', 'item = "stared"')
        )
        (problem,) = problems_of(path)
        assert "not an item of stage 'start'" in problem.message
        assert problem.hint == "did you mean 'started'?"
        assert problem.where == f"{path}:{LADDER_PLAN.count(chr(10)) - 1}"

    def test_inferred_needs_a_source(self, write_file: WriteFile) -> None:
        """`inferred` without the sentence it rests on is an error at its line."""
        path = write_file("targets.toml", LADDER_PLAN.replace('source = "launched", ', ""))
        (problem,) = problems_of(path)
        assert "inferred.source' is required" in problem.message
        assert problem.where == f"{path}:{INFERRED_LINE}"

    def test_registry_evidence_meets_the_stage(self, write_file: WriteFile) -> None:
        """The registry's evidence dated 2023-11-30 meets start, on time."""
        from zqplan.milestones import assess_programmes

        plan = load_plan(write_file("targets.toml", LADDER_PLAN))
        (ladder,) = assess_programmes(plan, [], as_of=dt.date(2024, 6, 30))
        assert [(s.status.value, s.late) for s in ladder.stages] == [("met", False)]


LADDER_PLAN = """\
schema = "zqplan.registry/1"

[plan]
id = "p"
title = "P"

[areas.rural]
title = "Rural"

[programmes.ladder]
area = "rural"
title = "Ladder"
source = "s"
start = 2023-01-01
inferred = { source = "launched", note = "year one" }

[[programmes.ladder.stages]]
id = "start"
title = "A start"
date = 2023-12-31
items = ["started"]
evidence = [
  { item = "started", date = 2023-11-30, source = "it started" },
]
"""
INFERRED_LINE = 15

"""Staged programmes (issue 3, section 1): stage verdicts worked by hand, then the
registry's [programmes], the ledger's item records, and `zqplan milestones` end to end."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from zqplan.errors import Problems, ZqplanError
from zqplan.ledger import append, format_record, ledger_path, new_record_id, read, validate
from zqplan.milestones import assess_programme, assess_programmes
from zqplan.model import (
    Area,
    Goal,
    Kind,
    Observation,
    Plan,
    Point,
    Programme,
    ProgrammeAssessment,
    Stage,
    StageAssessment,
    StageStatus,
    StatusCode,
    Target,
    Where,
)
from zqplan.registry import load_plan

WriteFile = Callable[[str, str | bytes], Path]

RECORDED = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)

# The 1-3-5-10 ladder of the Guangdong programme, launched 2023-01-01: each stage
# due at the end of its year (one, three, five and ten years on).
START = dt.date(2023, 1, 1)
D_START = dt.date(2023, 12, 31)
D_INITIAL = dt.date(2025, 12, 31)
D_SIGNIFICANT = dt.date(2027, 12, 31)
D_FUNDAMENTAL = dt.date(2032, 12, 31)

LADDER = Programme(
    id="ladder",
    area="rural",
    title="Hundreds of counties, thousands of towns, tens of thousands of villages",
    source="a start in one year, initial results in three years, ...",
    start=START,
    stages=(
        Stage("start", "A start in one year", D_START, items=("started",)),
        Stage("initial", "Initial results in three years", D_INITIAL, items=("initial",)),
        Stage("significant", "Significant changes in five years", D_SIGNIFICANT, items=("sig",)),
        Stage("fundamental", "Fundamental changes in ten years", D_FUNDAMENTAL, items=("fund",)),
    ),
)
ITEMS = {"start": "started", "initial": "initial", "significant": "sig", "fundamental": "fund"}

# METHOD's worked farm example: 80 at 2022-12-31 -> 100 at 2027-12-31.
FARM = Target(
    id="farm-output",
    area="rural",
    title="Farm output",
    source="s",
    unit="billion yuan",
    baseline=Point(dt.date(2022, 12, 31), 80.0),
    target=Goal(date=dt.date(2027, 12, 31), value=100.0),
)
# A yes/no target with no date: achieved once recorded done (METHOD).
DEMO = Target(
    id="demo-villages", area="rural", title="Demonstration villages", source="s", kind=Kind.YES_NO
)


def plan_of(*programmes: Programme, targets: tuple[Target, ...] = ()) -> Plan:
    """A plan with one area 'rural', the given targets and programmes."""
    return Plan(
        id="p",
        title="P",
        areas=(Area("rural", "Rural"),),
        targets=targets,
        programmes=programmes,
    )


def done(
    stage: str,
    day: dt.date,
    *,
    item: str | None = None,
    value: bool = True,
    programme: str = "ladder",
    number: int = 1,
) -> Observation:
    """A ledger record: the stage's item (by default its only one) done on day."""
    return Observation(
        target_id=programme,
        date=day,
        value=value,
        record_id=f"r20240301T093000-{number:08x}",
        stage=stage,
        item=ITEMS[stage] if item is None else item,
        source=f"evidence {number}",
    )


def figure(target_id: str, day: dt.date, value: float | bool, number: int = 1) -> Observation:
    """A ledger observation of a target."""
    return Observation(target_id, day, value, record_id=f"r20240301T093000-{number:08x}")


def ladder(
    observations: list[Observation], as_of: dt.date, plan: Plan | None = None
) -> ProgrammeAssessment:
    """The assessment of LADDER (in plan_of(LADDER) unless a plan is given) on as_of."""
    plan = plan or plan_of(LADDER)
    programme = plan.programme("ladder")
    assert programme is not None
    return assess_programme(plan, programme, observations, as_of=as_of)


def stage_of(assessment: ProgrammeAssessment, stage_id: str) -> StageAssessment:
    """One stage's assessment."""
    (found,) = [s for s in assessment.stages if s.stage.id == stage_id]
    return found


def statuses(assessment: ProgrammeAssessment) -> list[StageStatus]:
    """The status of each stage, in ladder order."""
    return [s.status for s in assessment.stages]


U, D, M, X = StageStatus.UPCOMING, StageStatus.DUE, StageStatus.MET, StageStatus.MISSED
N = StageStatus.NO_EVIDENCE  # past its window with nothing recorded: no verdict


# --- pure: stage windows --------------------------------------------------------


class TestStageWindow:
    """An unmet stage is upcoming before its date, due until the next one's, then missed
    on a recorded shortfall, or no-evidence when nothing was recorded."""

    def test_upcoming_before_its_date(self) -> None:
        """The day before the first stage's date, every stage is upcoming."""
        result = ladder([], dt.date(2023, 12, 30))
        assert statuses(result) == [U, U, U, U]

    def test_due_on_its_date(self) -> None:
        """On the stage's own date it is due (as_of < date no longer holds)."""
        result = ladder([], D_START)
        assert statuses(result) == [D, U, U, U]

    def test_due_until_the_day_before_the_next_stage(self) -> None:
        """2025-12-30 is still inside start's window, which ends at initial's date."""
        result = ladder([], dt.date(2025, 12, 30))
        assert statuses(result) == [D, U, U, U]

    def test_no_evidence_on_the_next_stage_date(self) -> None:
        """On 2025-12-31 start's window closes with nothing recorded (no evidence, not
        missed) and initial falls due."""
        result = ladder([], D_INITIAL)
        assert statuses(result) == [N, D, U, U]

    def test_last_stage_due_for_365_days(self) -> None:
        """2032-12-31 + 365 days = 2033-12-31 (2033 is not a leap year): due the day before."""
        result = ladder([], dt.date(2033, 12, 30))
        assert statuses(result) == [N, N, N, D]

    def test_last_stage_closed_after_365_days(self) -> None:
        """On 2033-12-31, 365 days after its date, the last stage's window is closed too:
        nothing recorded, so no evidence."""
        result = ladder([], dt.date(2033, 12, 31))
        assert statuses(result) == [N, N, N, N]

    def test_unmet_stage_lists_its_unmet_criterion(self) -> None:
        """A due stage still shows its item, not met, with no evidence."""
        (criterion,) = stage_of(ladder([], D_START), "start").criteria
        assert (criterion.kind, criterion.id, criterion.met, criterion.evidence) == (
            "item",
            "started",
            False,
            None,
        )


# --- pure: item criteria --------------------------------------------------------


class TestItemCriteria:
    """An item counts when a True record for this programme, stage and item is dated by as_of."""

    def test_record_before_the_date_meets_the_stage(self) -> None:
        """Done 2023-11-30, judged 2024-06-30: met, on time, with that record as evidence."""
        record = done("start", dt.date(2023, 11, 30))
        start = stage_of(ladder([record], dt.date(2024, 6, 30)), "start")
        assert start.status is M
        assert start.late is False
        (criterion,) = start.criteria
        assert criterion.met is True
        assert criterion.evidence == record

    def test_record_dated_on_as_of_counts(self) -> None:
        """A record dated on as_of itself is 'on or before as_of'."""
        record = done("start", dt.date(2023, 11, 30))
        assert stage_of(ladder([record], dt.date(2023, 11, 30)), "start").status is M

    def test_record_dated_after_as_of_does_not_count(self) -> None:
        """Judged the day before the record's date, the stage is still upcoming."""
        record = done("start", dt.date(2023, 11, 30))
        assert stage_of(ladder([record], dt.date(2023, 11, 29)), "start").status is U

    def test_record_of_not_done_does_not_count(self) -> None:
        """A record with value False says the item is not done: start stays due in 2024."""
        record = done("start", dt.date(2023, 11, 30), value=False)
        start = stage_of(ladder([record], dt.date(2024, 6, 30)), "start")
        assert start.status is D
        assert [c.met for c in start.criteria] == [False]

    def test_record_of_another_programme_does_not_count(self) -> None:
        """Same stage and item, but target_id names another programme."""
        record = done("start", dt.date(2023, 11, 30), programme="other")
        assert stage_of(ladder([record], dt.date(2024, 6, 30)), "start").status is D

    def test_record_under_another_stage_does_not_count(self) -> None:
        """start's item recorded under stage 'initial' does not meet start."""
        record = done("initial", dt.date(2023, 11, 30), item="started")
        assert stage_of(ladder([record], dt.date(2024, 6, 30)), "start").status is D

    def test_every_item_needed(self) -> None:
        """A stage with two items and one recorded done is not met."""
        two = Programme(
            "ladder",
            "rural",
            "T",
            "s",
            START,
            (Stage("start", "S", D_START, items=("plan adopted", "office set up")),),
        )
        record = done("start", dt.date(2023, 6, 30), item="plan adopted")
        start = stage_of(ladder([record], dt.date(2024, 6, 30), plan_of(two)), "start")
        # the only stage: due until 2023-12-31 + 365 days = 2024-12-30
        assert start.status is D
        assert [(c.id, c.met) for c in start.criteria] == [
            ("plan adopted", True),
            ("office set up", False),
        ]

    def test_earliest_record_is_the_evidence(self) -> None:
        """Recorded done twice: the item was done on the first date, so it is not late."""
        first = done("start", dt.date(2023, 11, 30), number=1)
        again = done("start", dt.date(2024, 2, 1), number=2)
        start = stage_of(ladder([again, first], dt.date(2024, 6, 30)), "start")
        assert start.criteria[0].evidence == first
        assert start.late is False


# --- pure: target criteria ------------------------------------------------------


def with_targets(*target_ids: str, items: tuple[str, ...] = ()) -> Plan:
    """LADDER whose 'initial' stage (due 2025-12-31) has these targets and items."""
    stages = list(LADDER.stages)
    stages[1] = Stage("initial", "Initial results", D_INITIAL, targets=target_ids, items=items)
    programme = Programme("ladder", "rural", "T", "s", START, tuple(stages))
    return plan_of(programme, targets=(FARM, DEMO))


class TestTargetCriteria:
    """A target criterion is met when the target's status on as_of is achieved."""

    def test_numeric_target_reached(self) -> None:
        """101 >= 100 on 2024-12-31: farm-output achieved, so the stage is met on time."""
        plan = with_targets("farm-output")
        initial = stage_of(
            ladder(
                [figure("farm-output", dt.date(2024, 12, 31), 101.0)], dt.date(2025, 6, 30), plan
            ),
            "initial",
        )
        assert initial.status is M
        assert initial.late is False
        (criterion,) = initial.criteria
        assert (criterion.kind, criterion.id, criterion.met, criterion.status) == (
            "target",
            "farm-output",
            True,
            StatusCode.ACHIEVED,
        )

    def test_numeric_target_not_reached(self) -> None:
        """95 < 100: not achieved, so on 2026-06-30 the stage is due (until 2027-12-31)."""
        plan = with_targets("farm-output")
        initial = stage_of(
            ladder(
                [figure("farm-output", dt.date(2025, 12, 31), 95.0)], dt.date(2026, 6, 30), plan
            ),
            "initial",
        )
        assert initial.status is D
        (criterion,) = initial.criteria
        assert criterion.met is False
        assert criterion.status is not StatusCode.ACHIEVED

    def test_target_value_after_as_of_does_not_count(self) -> None:
        """101 dated 2024-12-31 is not yet known on 2024-06-30: upcoming, not met."""
        plan = with_targets("farm-output")
        observations = [figure("farm-output", dt.date(2024, 12, 31), 101.0)]
        assert stage_of(ladder(observations, dt.date(2024, 6, 30), plan), "initial").status is U

    def test_registry_figure_counts(self) -> None:
        """A yes/no target the registry itself records done meets its criterion."""
        recorded = Observation("demo-villages", dt.date(2024, 5, 1), True, "registry:demo:1")
        demo = Target(
            id="demo-villages",
            area="rural",
            title="Demonstration villages",
            source="s",
            kind=Kind.YES_NO,
            observations=(recorded,),
        )
        base = with_targets("demo-villages")
        plan = plan_of(*base.programmes, targets=(FARM, demo))
        assert stage_of(ladder([], dt.date(2025, 6, 30), plan), "initial").status is M

    def test_late_when_reached_after_the_stage_date(self) -> None:
        """Done on 2026-03-31, after the stage's 2025-12-31: met, but late."""
        plan = with_targets("demo-villages")
        observations = [figure("demo-villages", dt.date(2026, 3, 31), True)]
        initial = stage_of(ladder(observations, dt.date(2026, 6, 30), plan), "initial")
        assert (initial.status, initial.late) == (M, True)

    def test_target_met_but_item_not(self) -> None:
        """Target achieved, item not recorded: a stage with any criterion unmet is unmet."""
        plan = with_targets("demo-villages", items=("initial",))
        observations = [figure("demo-villages", dt.date(2025, 3, 31), True)]
        initial = stage_of(ladder(observations, dt.date(2026, 6, 30), plan), "initial")
        assert initial.status is D
        # targets first, then items, in registry order
        assert [(c.kind, c.id, c.met) for c in initial.criteria] == [
            ("target", "demo-villages", True),
            ("item", "initial", False),
        ]

    def test_item_met_but_target_not(self) -> None:
        """Item done on time, target never recorded (no-target): unmet; from 2027-12-31
        on its window is closed with no evidence for the target, not missed."""
        plan = with_targets("demo-villages", items=("initial",))
        observations = [done("initial", dt.date(2025, 6, 30))]
        assert stage_of(ladder(observations, D_SIGNIFICANT, plan), "initial").status is N

    def test_recorded_shortfall_is_missed(self) -> None:
        """Farm output 86 at 2024-12-31 (the method's example: at-risk) ties initial to a
        figure that falls short: past its window (2027-12-31) the stage is missed."""
        plan = with_targets("farm-output", items=())
        observations = [figure("farm-output", dt.date(2024, 12, 31), 86.0)]
        initial = stage_of(ladder(observations, D_SIGNIFICANT, plan), "initial")
        assert initial.criteria[0].status is StatusCode.AT_RISK
        assert initial.status is X

    def test_late_item_with_on_time_target(self) -> None:
        """Target done 2025-03-31, item 2026-02-28: the latest evidence is after 2025-12-31."""
        plan = with_targets("demo-villages", items=("initial",))
        observations = [
            figure("demo-villages", dt.date(2025, 3, 31), True),
            done("initial", dt.date(2026, 2, 28)),
        ]
        initial = stage_of(ladder(observations, dt.date(2026, 6, 30), plan), "initial")
        assert (initial.status, initial.late) == (M, True)


# --- pure: late -----------------------------------------------------------------


class TestLate:
    """A met stage is late when its latest evidence is dated after the stage's date."""

    def test_item_after_the_date_is_late(self) -> None:
        """Done 2024-03-31, three months after 2023-12-31."""
        record = done("start", dt.date(2024, 3, 31))
        start = stage_of(ladder([record], dt.date(2024, 6, 30)), "start")
        assert (start.status, start.late) == (M, True)

    def test_item_on_the_date_is_not_late(self) -> None:
        """Done on the stage's date itself: not after it."""
        record = done("start", D_START)
        start = stage_of(ladder([record], dt.date(2024, 6, 30)), "start")
        assert (start.status, start.late) == (M, False)

    def test_late_item_not_yet_recorded_leaves_stage_due(self) -> None:
        """Judged 2024-01-31, before the 2024-03-31 record: due, not met."""
        record = done("start", dt.date(2024, 3, 31))
        start = stage_of(ladder([record], dt.date(2024, 1, 31)), "start")
        assert (start.status, start.late) == (D, False)


# --- pure: the programme's current stage ----------------------------------------


def every_item_done(*stage_ids: str) -> list[Observation]:
    """Each named stage's item done on its date (on time)."""
    dates = {s.id: s.date for s in LADDER.stages}
    return [done(s, dates[s], number=n) for n, s in enumerate(stage_ids, start=1)]


class TestCurrentStage:
    """The current stage is the first due or upcoming one; else the last missed one."""

    def test_first_open_stage_is_current(self) -> None:
        """2024-06-30, nothing done: start is due, and it is current."""
        result = ladder([], dt.date(2024, 6, 30))
        assert (result.current, result.status) == ("start", D)

    def test_upcoming_stage_is_current_after_a_met_one(self) -> None:
        """Start met in 2023; on 2024-06-30 initial (due 2025-12-31) is upcoming and current."""
        result = ladder(every_item_done("start"), dt.date(2024, 6, 30))
        assert (result.current, result.status) == ("initial", U)

    def test_missed_stage_is_passed_over_for_an_open_one(self) -> None:
        """2026-06-30, nothing done: start without evidence, initial due: initial is current."""
        result = ladder([], dt.date(2026, 6, 30))
        assert statuses(result) == [N, D, U, U]
        assert (result.current, result.status) == ("initial", D)

    def test_due_stage_before_a_met_later_one_is_current(self) -> None:
        """Initial met early (2024-03-31), start still due: the earlier open stage is current."""
        result = ladder([done("initial", dt.date(2024, 3, 31))], dt.date(2024, 6, 30))
        assert statuses(result) == [D, M, U, U]
        assert (result.current, result.status) == ("start", D)

    def test_last_missed_stage_when_none_open(self) -> None:
        """2034-06-30: start and significant without evidence, the others met: significant,
        the last closed stage, is current."""
        result = ladder(every_item_done("initial", "fundamental"), dt.date(2034, 6, 30))
        assert statuses(result) == [N, M, N, M]
        assert (result.current, result.status) == ("significant", N)

    def test_all_met(self) -> None:
        """Every stage met: the programme is met and has no current stage."""
        result = ladder(every_item_done(*ITEMS), dt.date(2034, 6, 30))
        assert statuses(result) == [M, M, M, M]
        assert (result.current, result.status) == (None, M)

    def test_every_programme_in_registry_order(self) -> None:
        """assess_programmes judges each programme of the plan, in file order."""
        other = Programme("other", "rural", "O", "s", START, LADDER.stages)
        plan = plan_of(other, LADDER)
        results = assess_programmes(plan, every_item_done("start"), as_of=dt.date(2024, 6, 30))
        # the records are for 'ladder' only: 'other' is still due at its start stage
        assert [(r.programme.id, r.current, r.status) for r in results] == [
            ("other", "start", D),
            ("ladder", "initial", U),
        ]


# --- registry -------------------------------------------------------------------

HEAD = """\
schema = "zqplan.registry/1"

[plan]
id = "small-plan"
title = "A small plan"

[areas.rural]
title = "Rural"

[targets.farm-output]
area = "rural"
title = "Farm output"
source = "Push farm output past 100 billion yuan."
unit = "billion yuan"
"""

PROGRAMME = """
[programmes.ladder]
area = "rural"
title = "The ladder"
source = "A start in one year, initial results in three years."
start = 2023-01-01
"""

STAGE_HEADER = "[[programmes.ladder.stages]]"


def stage(
    stage_id: str,
    day: str,
    *,
    items: str = '["done"]',
    targets: str | None = None,
    extra: str = "",
) -> str:
    """A [[programmes.ladder.stages]] block, starting with a blank line."""
    lines = ["", STAGE_HEADER, f'id = "{stage_id}"', f'title = "Stage {stage_id}"']
    lines.append(f"date = {day}")
    if items:
        lines.append(f"items = {items}")
    if targets is not None:
        lines.append(f"targets = {targets}")
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n"


TWO_STAGES = stage("start", "2023-12-31") + stage(
    "initial", "2025-12-31", items="", targets='["farm-output"]'
)


def line_numbers(text: str, line: str) -> list[int]:
    """The 1-based numbers of every line of text equal to line."""
    return [n for n, found in enumerate(text.splitlines(), start=1) if found == line]


def problems_of(path: Path) -> list[ZqplanError]:
    """The problems load_plan reports for path (fails the test if it loads)."""
    with pytest.raises(Problems) as raised:
        load_plan(path)
    return raised.value.problems


def only_problem(path: Path) -> ZqplanError:
    """The single problem load_plan reports for path."""
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


class TestRegistryProgrammes:
    """[programmes.ID] with [[programmes.ID.stages]] loads into Programme and Stage."""

    def test_programme_loads(self, write_file: WriteFile) -> None:
        """Start, stages in order, items and targets, each stage at its header line."""
        text = HEAD + PROGRAMME + TWO_STAGES
        path = write_file("targets.toml", text)
        programme = load_plan(path).programme("ladder")
        assert programme is not None
        assert (programme.area, programme.start) == ("rural", dt.date(2023, 1, 1))
        start, initial = programme.stages
        assert (start.id, start.date, start.items, start.targets) == (
            "start",
            dt.date(2023, 12, 31),
            ("done",),
            (),
        )
        assert (initial.id, initial.date, initial.items, initial.targets) == (
            "initial",
            dt.date(2025, 12, 31),
            (),
            ("farm-output",),
        )
        # the two stage headers are the file's only [[programmes.ladder.stages]] lines
        first, second = line_numbers(text, STAGE_HEADER)
        assert str(start.where) == f"{path}:{first}"
        assert str(initial.where) == f"{path}:{second}"


class TestRegistryProgrammeProblems:
    """Each mistake in a programme is named with FILE:LINE."""

    def test_unknown_stage_key(self, write_file: WriteFile) -> None:
        """'titel' in the second stage: at that stage's header, suggesting 'title'."""
        text = HEAD + PROGRAMME + stage("start", "2023-12-31")
        text += stage("initial", "2025-12-31", extra='titel = "Initial"')
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        _, second = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{second}"
        assert "titel" in problem.message
        assert problem.hint is not None
        assert "did you mean 'title'" in problem.hint

    def test_stage_names_undefined_target(self, write_file: WriteFile) -> None:
        """targets = ["farm-ouput"] (a typo) is named, with 'did you mean'."""
        text = HEAD + PROGRAMME + stage("start", "2023-12-31", targets='["farm-ouput"]')
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (header,) = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{header}"
        assert "'farm-ouput'" in problem.message
        assert "did you mean 'farm-output'" in str(problem)

    def test_stages_out_of_date_order(self, write_file: WriteFile) -> None:
        """A second stage due 2023-06-30, before the first's 2023-12-31, at its header."""
        text = HEAD + PROGRAMME + stage("start", "2023-12-31") + stage("initial", "2023-06-30")
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        _, second = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{second}"
        assert "2023-06-30" in problem.message
        assert "2023-12-31" in problem.message

    def test_stage_before_start(self, write_file: WriteFile) -> None:
        """A stage due 2022-12-31 comes before the programme's start 2023-01-01."""
        text = HEAD + PROGRAMME + stage("start", "2022-12-31")
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (header,) = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{header}"
        assert "2022-12-31" in problem.message

    @pytest.mark.parametrize("items", ["", "[]"])
    def test_stage_without_criteria(self, write_file: WriteFile, items: str) -> None:
        """A stage with neither targets nor items (absent or empty) has nothing to meet."""
        text = HEAD + PROGRAMME + stage("start", "2023-12-31", items=items)
        if items:
            assert "items = []" in text
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (header,) = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{header}"
        assert "no criteria" in problem.message

    def test_duplicate_stage_id(self, write_file: WriteFile) -> None:
        """Two stages with id 'start': the second one is named."""
        text = HEAD + PROGRAMME + stage("start", "2023-12-31") + stage("start", "2025-12-31")
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        _, second = line_numbers(text, STAGE_HEADER)
        assert problem.where == f"{path}:{second}"
        assert "'start'" in problem.message

    def test_missing_start(self, write_file: WriteFile) -> None:
        """No start date: named at the programme's header (there is no start line)."""
        text = HEAD + PROGRAMME.replace("start = 2023-01-01\n", "") + TWO_STAGES
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (header,) = line_numbers(text, "[programmes.ladder]")
        assert problem.where == f"{path}:{header}"
        assert "start" in problem.message

    def test_programme_with_a_target_id(self, write_file: WriteFile) -> None:
        """[programmes.farm-output] clashes with [targets.farm-output]."""
        programme = PROGRAMME.replace("[programmes.ladder]", "[programmes.farm-output]")
        blocks = stage("start", "2023-12-31").replace(
            STAGE_HEADER, "[[programmes.farm-output.stages]]"
        )
        text = HEAD + programme + blocks
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (header,) = line_numbers(text, "[programmes.farm-output]")
        assert problem.where == f"{path}:{header}"
        assert "farm-output" in problem.message

    def test_unknown_area(self, write_file: WriteFile) -> None:
        """area = "rurall" is named at its line, suggesting 'rural'."""
        text = HEAD + PROGRAMME.replace('area = "rural"', 'area = "rurall"') + TWO_STAGES
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        (area_line,) = line_numbers(text, 'area = "rurall"')
        assert problem.where == f"{path}:{area_line}"
        assert "'rurall'" in problem.message
        assert "did you mean 'rural'" in str(problem)


# --- ledger ---------------------------------------------------------------------


def ledger_plan() -> Plan:
    """A plan with FARM and LADDER, for validating records."""
    return plan_of(LADDER, targets=(FARM,))


def at(observation: Observation, line: int) -> Observation:
    """The observation as read from line of a ledger file."""
    return Observation(
        observation.target_id,
        observation.date,
        observation.value,
        observation.record_id,
        stage=observation.stage,
        item=observation.item,
        where=Where("targets.ledger.toml", line),
    )


class TestLedgerItemRecords:
    """Item records name a programme's stage and item; validate refuses any other shape."""

    def test_valid_item_record(self) -> None:
        """start's item done: no problem."""
        assert validate(ledger_plan(), [done("start", dt.date(2023, 11, 30))]) == []

    def test_unknown_stage(self) -> None:
        """Stage 'strat' is not a stage of the ladder: named at its line, with the close one."""
        record = at(done("start", dt.date(2023, 11, 30)), 3)
        record = replace(record, stage="strat")
        (problem,) = validate(ledger_plan(), [record])
        assert problem.where == "targets.ledger.toml:3"
        assert "'strat'" in str(problem)
        assert "did you mean 'start'" in str(problem)

    def test_unknown_item(self) -> None:
        """An item the stage does not list is a problem."""
        record = at(done("start", dt.date(2023, 11, 30), item="finished"), 4)
        (problem,) = validate(ledger_plan(), [record])
        assert problem.where == "targets.ledger.toml:4"
        assert "'finished'" in problem.message

    def test_programme_record_without_stage_and_item(self) -> None:
        """A plain value recorded against the programme id is a problem."""
        record = at(figure("ladder", dt.date(2023, 11, 30), True), 5)
        (problem,) = validate(ledger_plan(), [record])
        assert problem.where == "targets.ledger.toml:5"
        assert "stage" in problem.message

    def test_target_record_with_stage_and_item(self) -> None:
        """A target's record that names a stage and item is a problem."""
        record = Observation(
            "farm-output",
            dt.date(2023, 12, 31),
            86.5,
            "r20240301T093000-00000001",
            stage="start",
            item="started",
            where=Where("targets.ledger.toml", 6),
        )
        (problem,) = validate(ledger_plan(), [record])
        assert problem.where == "targets.ledger.toml:6"
        assert "farm-output" in problem.message

    def test_item_record_round_trips(self, tmp_path: Path) -> None:
        """An appended item record reads back with its stage and item, on one line."""
        record = Observation(
            "ladder",
            dt.date(2023, 11, 30),
            True,
            new_record_id(RECORDED, "0badcafe"),
            recorded_at=RECORDED,
            stage="start",
            item="started",
            source="provincial notice",
        )
        assert format_record(record).count("\n") == 1
        path = tmp_path / "targets.ledger.toml"
        append(path, [record])
        (back,) = read(path).observations
        assert (back.target_id, back.stage, back.item, back.value, back.source) == (
            "ladder",
            "start",
            "started",
            True,
            "provincial notice",
        )


# --- end to end -----------------------------------------------------------------

ERROR_PREFIX = "zqplan: error: "
ITEM = "A start in one year"


def json_of(result: subprocess.CompletedProcess[str]) -> Any:
    """stdout of a successful run, parsed as JSON."""
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def error_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with code and exactly one 'zqplan: error:' line on stderr."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(ERROR_PREFIX), result.stderr
    return lines[0]


def programme_entry(document: dict[str, Any], programme_id: str) -> dict[str, Any]:
    """One programme of a zqplan.milestones/2 document."""
    (entry,) = [p for p in document["programmes"] if p["id"] == programme_id]
    return entry


class TestMilestonesCommand:
    """`zqplan milestones` shows the Zhaoqing 1-3-5-10 ladder."""

    def test_init_then_json(self, zqplan: Run, tmp_path: Path) -> None:
        """After `zqplan init`, --json is zqplan.milestones/2 with bxqzwc's four stages."""
        assert zqplan("init").returncode == 0
        assert (tmp_path / "targets.toml").exists()
        document = json_of(zqplan("milestones", "--json", "--as-of", "2024-06-30"))
        assert document["schema"] == "zqplan.milestones/2"
        assert document["as_of"] == "2024-06-30"
        bxqzwc = programme_entry(document, "bxqzwc")
        # one, three, five and ten years after the 2023 launch, each at the year's end
        assert [(s["id"], s["date"]) for s in bxqzwc["stages"]] == [
            ("start", "2023-12-31"),
            ("initial-results", "2025-12-31"),
            ("significant-changes", "2027-12-31"),
            ("fundamental-changes", "2032-12-31"),
        ]
        # nothing recorded: on 2024-06-30 the first stage is due and current
        assert (bxqzwc["current_stage"], bxqzwc["status"]) == ("start", "due")

    def test_item_done_meets_the_stage(self, zqplan: Run, registry: Path) -> None:
        """Recording start's item done on 2023-11-30 meets start; initial-results is next."""
        result = zqplan(
            "update",
            "bxqzwc",
            "--stage",
            "start",
            "--done",
            ITEM,
            "--date",
            "2023-11-30",
            "--source",
            "provincial notice",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        document = json_of(zqplan("milestones", "--json", "--as-of", "2024-06-30"))
        bxqzwc = programme_entry(document, "bxqzwc")
        start = bxqzwc["stages"][0]
        assert (start["id"], start["status"], start["late"]) == ("start", "met", False)
        (criterion,) = start["criteria"]
        assert (criterion["type"], criterion["id"], criterion["met"]) == ("item", ITEM, True)
        assert criterion["evidence"]["source"] == "provincial notice"
        assert criterion["evidence"]["date"] == "2023-11-30"
        # initial-results is due 2025-12-31, after 2024-06-30
        assert (bxqzwc["current_stage"], bxqzwc["status"]) == ("initial-results", "upcoming")

    def test_unknown_stage(self, zqplan: Run, registry: Path) -> None:
        """--stage strat: exit 1, one error line with 'did you mean', ledger untouched."""
        earlier = Observation(
            "bxqzwc",
            dt.date(2023, 11, 30),
            True,
            new_record_id(RECORDED, "0badcafe"),
            recorded_at=RECORDED,
            stage="start",
            item=ITEM,
        )
        append(ledger_path(registry), [earlier])
        before = ledger_path(registry).read_bytes()
        line = error_line(zqplan("update", "bxqzwc", "--stage", "strat", "--done", ITEM), 1)
        assert "did you mean 'start'" in line
        assert ledger_path(registry).read_bytes() == before

    def test_done_on_a_target(self, zqplan: Run, registry: Path) -> None:
        """--done is for programmes: on farm-output it is a usage error (exit 2)."""
        line = error_line(zqplan("update", "farm-output", "--stage", "start", "--done", ITEM), 2)
        assert "farm-output" in line
        assert not ledger_path(registry).exists()

    def test_value_for_a_programme(self, zqplan: Run, registry: Path) -> None:
        """A VALUE given to a programme is a usage error (exit 2); nothing is written."""
        result = zqplan("update", "bxqzwc", "86.5", "--stage", "start", "--done", ITEM)
        line = error_line(result, 2)
        assert "bxqzwc" in line
        assert not ledger_path(registry).exists()

    def test_table_says_what_is_next(self, zqplan: Run, registry: Path) -> None:
        """The table names the programme and ends with what is due next."""
        result = zqplan("milestones", "--as-of", "2024-06-30")
        assert result.returncode == 0, result.stderr
        assert "bxqzwc" in result.stdout
        assert "next:" in result.stdout
        assert result.stderr == ""

    def test_one_word_per_fact(self, zqplan: Run, registry: Path) -> None:
        """'due' is the stage's status only; its date reads 'by' (期限), in both languages."""
        english = zqplan("milestones", "--as-of", "2024-06-30").stdout
        assert "next: A start in one year (due, by 2023-12-31)" in english
        assert "due, due" not in english
        assert english.splitlines()[1].split() == ["stage", "by", "status", "criteria"]
        chinese = zqplan("milestones", "--as-of", "2024-06-30", "--lang", "zh").stdout
        assert "下一步：一年开局起步（到期未完成，期限 2023-12-31）" in chinese


class TestLatenessUsesTheDateReached:
    """A stage met through a target is late only if the target was reached after the date."""

    def test_reached_on_time_then_more(self) -> None:
        """101 on 2024-12-31 reaches 100; a later 103 does not make the 2025 stage late."""
        from zqplan.milestones import assess_programme
        from zqplan.model import Area, Goal, Observation, Plan, Point, Programme, Stage, Target

        farm = Target(
            id="farm", area="a", title="F", source="s", unit="u",
            baseline=Point(dt.date(2022, 12, 31), 80.0), target=Goal(dt.date(2027, 12, 31), 100.0),
        )  # fmt: skip
        stage = Stage(id="s1", title="S1", date=dt.date(2025, 12, 31), targets=("farm",))
        programme = Programme(
            id="p", area="a", title="P", source="s", start=dt.date(2023, 1, 1), stages=(stage,)
        )
        plan = Plan(
            id="x", title="X", areas=(Area("a", "A"),), targets=(farm,), programmes=(programme,)
        )
        seen = [
            Observation("farm", dt.date(2024, 12, 31), 101.0, "r1", sequence=1),
            Observation("farm", dt.date(2026, 12, 31), 103.0, "r2", sequence=2),
        ]
        judged = assess_programme(plan, programme, seen, as_of=dt.date(2027, 1, 31))
        assert judged.stages[0].status.value == "met"
        assert judged.stages[0].late is False

    def test_yes_no_done_then_not_done(self) -> None:
        """Done on 2025-03-31, recorded not done a year later: met on time, not late."""
        from zqplan.milestones import assess_programme
        from zqplan.model import Area, Kind, Observation, Plan, Programme, Stage, Target

        zone = Target(id="zone", area="a", title="Z", source="s", kind=Kind.YES_NO)
        stage = Stage(id="s1", title="S1", date=dt.date(2025, 12, 31), targets=("zone",))
        programme = Programme(
            id="p", area="a", title="P", source="s", start=dt.date(2023, 1, 1), stages=(stage,)
        )
        plan = Plan(
            id="x", title="X", areas=(Area("a", "A"),), targets=(zone,), programmes=(programme,)
        )
        seen = [
            Observation("zone", dt.date(2025, 3, 31), True, "r1", sequence=1),
            Observation("zone", dt.date(2026, 3, 31), False, "r2", sequence=2),
        ]
        judged = assess_programme(plan, programme, seen, as_of=dt.date(2026, 6, 30))
        assert judged.stages[0].status.value == "met"
        assert judged.stages[0].late is False

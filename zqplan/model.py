"""The plan as data: frozen records shared by every layer; no I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Direction(StrEnum):
    """Which side of the target value counts as meeting it."""

    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"


class Trajectory(StrEnum):
    """The path assumed between baseline and target."""

    COMPOUND = "compound"
    LINEAR = "linear"


class Frequency(StrEnum):
    """How often the value is published."""

    ANNUAL = "annual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"


class Kind(StrEnum):
    """A number to reach, or a thing to get done."""

    NUMERIC = "numeric"
    YES_NO = "yes-no"


class Role(StrEnum):
    """What an entry of the plan is: a commitment judged, a fact reported, or a direction."""

    COMMITMENT = "commitment"
    REPORTED = "reported"
    DIRECTION = "direction"


class Comparator(StrEnum):
    """How a yearly target compares the year's figure with its value."""

    AT_LEAST = ">="
    AT_MOST = "<="
    ABOUT = "about"
    RANGE = "range"
    EQUAL = "="
    ABOVE = ">"
    BELOW = "<"


class Verdict(StrEnum):
    """A yearly target's verdict on a period whose figure is in (完成 / 基本完成 / 未完成)."""

    MET = "met"
    BROADLY_MET = "broadly-met"
    NOT_MET = "not-met"


class Attribute(StrEnum):
    """The legal weight of a target in Chinese plans (预期性 / 约束性)."""

    ANTICIPATORY = "anticipatory"
    BINDING = "binding"


class StatusCode(StrEnum):
    """The verdict on one target, in the order of docs/method.md."""

    ACHIEVED = "achieved"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    MISSED = "missed"
    NO_TARGET = "no-target"
    NO_DATA = "no-data"


class Trend(StrEnum):
    """The observed rate in the good direction, by the thresholds of docs/method.md rule 4."""

    IMPROVING = "improving"
    SLOWLY_IMPROVING = "slowly-improving"
    STAGNATING = "stagnating"
    WORSENING = "worsening"


Value = float | bool
"""A numeric value, or done (True) / not done (False) for a yes/no target."""


@dataclass(frozen=True, slots=True)
class Point:
    """A value at a date: a baseline, a target or an observation's content."""

    date: dt.date | None
    """The end of the period the value describes (None: no date given)."""
    value: Value | None
    """The value (None: no value given)."""
    comparator: Comparator | None = None
    """A figure known only as a bound or roughly ("exceeding 30": `>`); None: exact."""


@dataclass(frozen=True, slots=True)
class Goal:
    """What a target asks for: a level, an average yearly growth, or a cumulative change."""

    date: dt.date | None = None
    """When it is to be reached (None: the plan gives no date)."""
    value: Value | None = None
    """The level to reach (None: not stated as a level)."""
    annual_growth: float | None = None
    """Average growth a year from the baseline, as a fraction (0.07 for "7% a year")."""
    change: float | None = None
    """Cumulative change from the baseline, as a fraction (-0.135 for "cut by 13.5%")."""
    change_by: float | None = None
    """Absolute change from the baseline, in the target's unit (1 for "up 1 year")."""

    @property
    def stated(self) -> str:
        """How the plan states it: level, annual-growth, change or change-by."""
        if self.annual_growth is not None:
            return "annual-growth"
        if self.change is not None:
            return "change"
        if self.change_by is not None:
            return "change-by"
        return "level"


@dataclass(frozen=True, slots=True)
class YearlyTarget:
    """One period's target of a yearly schedule ("about 7" for 2022)."""

    year: int
    """The calendar year (the period ends on 31 December)."""
    comparator: Comparator
    """How the year's figure is compared with the value."""
    value: float | None
    """The value (the low end of a range); None: the other indicator's figure (relative_to)."""
    high: float | None = None
    """The high end of a range."""
    written: str = ""
    """As the registry writes it ("about 7", "5.5以上")."""
    source: str | None = None
    """The sentence that sets the year's target, quoted (None: the target's source)."""
    document: str | None = None
    """The id of the document that sentence is from (None: the target's document)."""


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a file, for messages that say where a problem is."""

    path: str
    """The file, as the user named it."""
    line: int | None = None
    """1-based line, when known."""

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Document:
    """A text the registry quotes, declared once under [documents] and named by id."""

    id: str
    """The key under [documents]."""
    title: str
    """Its title, as published."""
    title_zh: str | None = None
    """Chinese title."""
    published: dt.date | None = None
    """When it was published or delivered."""
    file: str | None = None
    """Where its text is, relative to the registry's folder (None: not shipped)."""
    url: str | None = None
    """Its original address."""
    where: Where | None = None
    """The file and line of its table header."""


@dataclass(frozen=True, slots=True)
class Area:
    """A chapter of the plan that groups targets."""

    id: str
    """The key under [areas]."""
    title: str
    """English title."""
    title_zh: str | None = None
    """Chinese title, when known."""


@dataclass(frozen=True, slots=True)
class Observation:
    """A dated value of one target, from the registry (the source) or the ledger."""

    target_id: str
    """The target it measures."""
    date: dt.date
    """The end of the period the value describes."""
    value: Value
    """The value in the target's unit, or done / not done."""
    record_id: str
    """Unique id: the ledger key, or `registry:<target>:<n>` for a registry figure."""
    recorded_at: dt.datetime | None = None
    """When it was recorded (UTC); None for figures written in the registry."""
    recorded_by: str | None = None
    """Who recorded it."""
    source: str | None = None
    """Where the figure comes from."""
    note: str | None = None
    """Free text."""
    where: Where | None = None
    """The file and line it was read from."""
    sequence: int = 0
    """Order of recording: later records with the same period revise earlier ones."""
    stage: str | None = None
    """For a programme's item: the stage it belongs to."""
    item: str | None = None
    """For a programme's item: the item recorded done (target_id is the programme)."""
    document: str | None = None
    """For a registry figure: the id of the document its source quotes."""
    forced: bool = False
    """Recorded with --force past the plausibility guard (see plausible.py)."""
    comparator: Comparator | None = None
    """A figure the source gives only as a bound or roughly ("exceeding 30": `>`)."""


@dataclass(frozen=True, slots=True)
class Revision:
    """A mid-term revision of a target: from `decided` on, `goal` is in force."""

    decided: dt.date
    """The day the revision was decided; it applies to status on and after that day."""
    goal: Goal
    """The target in force after the revision (fields left out carry over)."""
    reason: str
    """Why the target was revised."""
    document: str | None = None
    """The document that decided it."""
    where: Where | None = None
    """The file and line of the revision."""


@dataclass(frozen=True, slots=True)
class Target:
    """One commitment of the plan, as the registry states it."""

    id: str
    """The key under [targets]; lower-case letters, digits and hyphens."""
    area: str
    """The id of its area."""
    title: str
    """English title."""
    source: str
    """The sentence of the source document it comes from."""
    unit: str = ""
    """Unit of every value (empty for yes/no targets)."""
    direction: Direction = Direction.INCREASE
    """Which side of the target value meets it."""
    kind: Kind = Kind.NUMERIC
    """Numeric or yes/no."""
    attribute: Attribute = Attribute.ANTICIPATORY
    """Anticipatory or binding."""
    trajectory: Trajectory | None = None
    """Path assumed; None means the method's default (compound when v0 > 0 and T > 0)."""
    frequency: Frequency = Frequency.ANNUAL
    """How often the value is published."""
    baseline: Point | None = None
    """Starting value and date; None: the earliest observation serves."""
    target: Goal | None = None
    """What to reach and when, as the plan first set it; any part may be None."""
    title_zh: str | None = None
    """Chinese title, when the subject is clear."""
    note: str | None = None
    """Why the target reads as it does (translation slips, assumptions)."""
    observations: tuple[Observation, ...] = ()
    """Figures the registry itself records (from the source document)."""
    revisions: tuple[Revision, ...] = ()
    """Mid-term revisions of the target, oldest first."""
    where: Where | None = None
    """The file and line of its table header."""
    document: str | None = None
    """The id of the document its source quotes (its own, else the plan's)."""
    role: Role = Role.COMMITMENT
    """A commitment (judged), a reported fact or a direction (listed, never judged)."""
    lag_months: int | None = None
    """Months after a period ends before its figure is published (None: by frequency)."""
    cumulative: bool = False
    """Observations are yearly changes in percent, judged on an index of 100 at the baseline."""
    schedule: tuple[YearlyTarget, ...] = ()
    """Yearly targets, one per period, in year order (a work report's 主要预期目标)."""
    tolerance: float | None = None
    """How far short of an "about" target still counts as broadly met (None: the default)."""
    relative_to: str | None = None
    """The id of the indicator whose figure for the same period is the target."""
    renamed_from: tuple[str, ...] = ()
    """Ids the target had before: ledger records under them count for it."""
    retired: dt.date | None = None
    """The day it was retired: from then on status leaves it out (history stays)."""
    parts: tuple[str, ...] = ()
    """Ids of the targets this umbrella commitment is made of; its status rolls them up."""

    @property
    def target_value(self) -> Value | None:
        """The level to reach, if the registry states one as a level."""
        return None if self.target is None else self.target.value

    @property
    def target_date(self) -> dt.date | None:
        """The date to reach it by, if the registry gives one."""
        return None if self.target is None else self.target.date


class StageStatus(StrEnum):
    """Where a stage of a programme stands."""

    MET = "met"
    DUE = "due"
    UPCOMING = "upcoming"
    MISSED = "missed"
    NO_EVIDENCE = "no-evidence"


@dataclass(frozen=True, slots=True)
class Inference:
    """Where dates the source does not state come from: the text that implies them."""

    source: str
    """The sentence, quoted, from which the dates are inferred."""
    document: str | None = None
    """The id of the document it quotes."""
    note: str | None = None
    """How the dates follow from it."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One rung of a staged programme: criteria to meet by a date."""

    id: str
    """Short id, unique within the programme."""
    title: str
    """What the stage promises ("initial results in three years")."""
    date: dt.date
    """When the stage is due."""
    targets: tuple[str, ...] = ()
    """Ids of targets that must be achieved by the stage's date."""
    items: tuple[str, ...] = ()
    """Named items recorded done with evidence (`zqplan update PROG --stage S --done ITEM`)."""
    title_zh: str | None = None
    """Chinese title."""
    where: Where | None = None
    """The file and line of the stage."""
    evidence: tuple[Observation, ...] = ()
    """Items the registry records done, each quoting its evidence (value True)."""


@dataclass(frozen=True, slots=True)
class Programme:
    """A staged programme ("a start in one year, initial results in three ...")."""

    id: str
    """The key under [programmes]."""
    area: str
    """The id of its area."""
    title: str
    """English title."""
    source: str
    """The sentence of the source document it comes from."""
    start: dt.date
    """When the programme was launched."""
    stages: tuple[Stage, ...]
    """Stages in date order."""
    title_zh: str | None = None
    """Chinese title."""
    note: str | None = None
    """Why the programme reads as it does."""
    where: Where | None = None
    """The file and line of its table header."""
    document: str | None = None
    """The id of the document its source quotes (its own, else the plan's)."""
    inferred: Inference | None = None
    """The start and stage dates are inferred, not stated: from what (None: stated)."""

    def stage(self, stage_id: str) -> Stage | None:
        """The stage with this id, if any."""
        return next((s for s in self.stages if s.id == stage_id), None)


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of a stage and whether it is met on as_of."""

    kind: str
    """"target" or "item"."""
    id: str
    """The target id or the item's name."""
    met: bool
    """Met on or before as_of."""
    status: StatusCode | None = None
    """For a target: its status on as_of."""
    evidence: Observation | None = None
    """For an item: the record that says it was done."""
    title: str | None = None
    """For a target: its title; for an item named as its stage is, the stage's title."""
    title_zh: str | None = None
    """The Chinese of that title."""


@dataclass(frozen=True, slots=True)
class StageAssessment:
    """Where one stage stands on as_of."""

    stage: Stage
    """The stage judged."""
    status: StageStatus
    """met, due, upcoming or missed."""
    criteria: tuple[Criterion, ...]
    """Each criterion, targets first, in registry order."""
    late: bool = False
    """Met, but after the stage's date."""


@dataclass(frozen=True, slots=True)
class ProgrammeAssessment:
    """A programme's ladder on as_of: its stages and the one now current."""

    programme: Programme
    """The programme judged."""
    as_of: dt.date
    """The day judged."""
    status: StageStatus
    """The status of the current stage (met when every stage is met)."""
    current: str | None
    """The id of the first stage not yet met (None when all are met)."""
    stages: tuple[StageAssessment, ...]
    """Every stage, in date order."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The registry: plan metadata, areas and targets, in file order."""

    id: str
    """Short name of the plan."""
    title: str
    """English title."""
    areas: tuple[Area, ...]
    """Areas in file order."""
    targets: tuple[Target, ...]
    """Targets in file order."""
    title_zh: str | None = None
    """Chinese title."""
    document: str | None = None
    """The document the plan is read from: an id under [documents] if any, else free text."""
    published: dt.date | None = None
    """When that document was published."""
    programmes: tuple[Programme, ...] = ()
    """Staged programmes, in file order."""
    path: str = ""
    """The registry file it was read from."""
    documents: tuple[Document, ...] = ()
    """The documents the registry quotes ([documents]), in file order."""

    def area(self, area_id: str) -> Area | None:
        """The area with this id, if any."""
        return next((a for a in self.areas if a.id == area_id), None)

    def target(self, target_id: str) -> Target | None:
        """The target with this id, if any."""
        return next((t for t in self.targets if t.id == target_id), None)

    def programme(self, programme_id: str) -> Programme | None:
        """The programme with this id, if any."""
        return next((p for p in self.programmes if p.id == programme_id), None)

    def source_document(self, document_id: str | None) -> Document | None:
        """The declared document with this id, if any."""
        return next((d for d in self.documents if d.id == document_id), None)


@dataclass(frozen=True, slots=True)
class PeriodAssessment:
    """One period of a yearly schedule, judged on its own figure."""

    entry: YearlyTarget
    """The period's target as the registry states it."""
    target: float | None
    """The value compared with (a relative target: the other indicator's figure)."""
    tolerance: float
    """How far short of an "about" target still counts as broadly met."""
    outturn: Point | None = None
    """The figure judged: the full year's, or a year-to-date one (None: none yet)."""
    year_to_date: bool = False
    """The figure covers part of the year only (January-September growth)."""
    verdict: Verdict | None = None
    """met / broadly-met / not-met once the year's figure is in."""
    status: StatusCode | None = None
    """achieved / missed (final), on-track / at-risk / off-track (year to date), no-data;
    None for a period not yet begun."""


@dataclass(frozen=True, slots=True)
class PartsRollup:
    """An umbrella commitment's parts, judged: how many stand where, and what that makes."""

    ids: tuple[str, ...]
    """The parts, as the registry lists them."""
    counts: tuple[tuple[StatusCode, int], ...]
    """Commitments among the parts per status, in the method's order (zeros left out)."""
    status: StatusCode
    """The parts rolled up: achieved when all are, else the worst verdict, else no-data or
    no-target (docs/method.md, "Umbrella commitments")."""
    own: StatusCode
    """The umbrella's status from its own records alone."""

    @property
    def achieved(self) -> int:
        """Parts achieved."""
        return dict(self.counts).get(StatusCode.ACHIEVED, 0)

    @property
    def counted(self) -> int:
        """Parts that are commitments (reported facts and directions are not rolled up)."""
        return sum(n for _, n in self.counts)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Where one target stands on `as_of`, with every derived number of docs/method.md."""

    target: Target
    """The target judged."""
    as_of: dt.date
    """The day the status is computed for."""
    status: StatusCode
    """The verdict."""
    goal: Point | None = None
    """The target in force on as_of, as a level (implied from a growth or change)."""
    revision: Revision | None = None
    """The revision in force on as_of, if the target was revised."""
    planned_goal: Point | None = None
    """When revised: the target as first planned, as a level."""
    planned_status: StatusCode | None = None
    """When revised: the status judged against the target as first planned."""
    baseline: Point | None = None
    """The baseline used: the registry's, or the earliest observation."""
    latest: Point | None = None
    """The latest data point on or before as_of (the baseline when no later one)."""
    data_points: int = 0
    """Data points used, the baseline included."""
    rate_basis: Trajectory | None = None
    """Whether rates are compound or linear (None when no rate applies)."""
    progress: float | None = None
    """p = (v - v0) / (T - v0), a fraction, not clamped."""
    time_elapsed: float | None = None
    """tau = years(t0, t) / years(t0, tT)."""
    expected_value: float | None = None
    """The value the trajectory expects at the latest value's date."""
    expected_progress: float | None = None
    """The progress of the expected value."""
    required_rate: float | None = None
    """g_req (a fraction a year) or a_req (units a year)."""
    observed_rate: float | None = None
    """g_obs (a fraction a year) or a_obs (units a year)."""
    ratio: float | None = None
    """R = observed / required rate."""
    projection: float | None = None
    """The value at the target date at the observed rate."""
    projection_date: dt.date | None = None
    """The date of the projection: the target date, or five years on for an undated bound."""
    reached_on: dt.date | None = None
    """The date the target is reached at the observed rate (None if never)."""
    trend: Trend | None = None
    """The observed direction of travel (None with fewer than two data points)."""
    stale: bool = False
    """The latest period ended longer ago than the frequency allows."""
    low_confidence: bool = False
    """Only one observation besides the baseline."""
    final: bool = False
    """Judged after the target date: the verdict will not change."""
    margin: float | None = None
    """Floors and ceilings: v - T (at-least) or T - v (at-most); >= 0 means it holds."""
    awaiting_final: bool = False
    """Past the target date, within the publication lag, the final period's figure not in."""
    wrong_side: bool = False
    """The target is not beyond the baseline in its direction: no rates, no R."""
    schedule: tuple[PeriodAssessment, ...] = ()
    """A yearly schedule: each period judged, in year order."""
    period: int | None = None
    """A yearly schedule: the period with the most recent figure (the row's status is its)."""
    observations: tuple[Observation, ...] = field(default=())
    """The effective observations used (revisions resolved, as_of applied)."""
    parts: PartsRollup | None = None
    """An umbrella commitment: its parts rolled up (None for a target without parts)."""
    part_of: str | None = None
    """The id of the umbrella commitment this target is a part of, if any."""
    relative_title: tuple[str, str | None] | None = None
    """A relative yearly schedule: the (English, Chinese) title of the indicator it compares
    with, so that a view names it ("in step with GDP growth")."""

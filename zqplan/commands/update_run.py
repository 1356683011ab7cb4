"""`zqplan update`: record one observation, a programme's item done, or a batch (no Typer
here: the fast path runs it without; zqplan/commands/update.py gives Typer its arguments)."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from zqplan.commands.common import (
    check_record_id,
    check_text,
    find_target,
    parse_date,
    parse_figure,
    recorder,
    resolve_registry,
    say,
    say_moved,
    split_comparator,
    today,
    written,
)
from zqplan.errors import (
    InvalidInputError,
    Problems,
    UnknownTargetError,
    ZqplanError,
)
from zqplan.options import BatchFormat, Lang

if TYPE_CHECKING:
    from zqplan.batch import BatchRow
    from zqplan.model import Comparator, Observation, Plan, Programme, Target
    from zqplan.plausible import Figure


def run(
    *,
    target_id: str | None = None,
    value: str | None = None,
    date: str | None = None,
    source: str | None = None,
    note: str | None = None,
    stage: str | None = None,
    done: str | None = None,
    batch: str | None = None,
    batch_format: BatchFormat | None = None,
    record: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    force: bool = False,
    registry: Path | None = None,
    lang: Lang = Lang.EN,
) -> None:
    """`zqplan update` with its arguments parsed (by Typer, or by zqplan/fast.py)."""
    from zqplan import ledger as ledger_module

    if value is not None and value.startswith("--"):
        raise InvalidInputError(f"no such option: {value}", hint="see `zqplan update --help`")
    if (batch_format or encoding or sheet) is not None and batch is None:
        raise InvalidInputError(
            "--format, --encoding and --sheet describe a --from file", hint="add --from FILE"
        )
    if batch is not None:
        _refuse_with_batch([target_id, value, stage, done], [date, source, note, record])
        update_batch(batch, batch_format, registry, force=force, encoding=encoding, sheet=sheet)
        return
    if target_id is None:
        raise InvalidInputError(
            "missing TARGET", hint="zqplan update TARGET VALUE, or zqplan update --from FILE"
        )
    path = resolve_registry(registry, writing=True)
    given = None if date is None else parse_date(date, option="--date")
    defaulted = ""
    if record is not None:
        check_record_id(record, option="--id")
    for option, text in (("--source", source), ("--note", note), ("--done", done)):
        if text is not None:
            check_text(text, option=option)
    # The registry only: an update never reads the ledger, so it costs the same
    # however long the history (`zqplan check` validates the ledger).
    from zqplan.registry import load_plan

    plan = load_plan(path)
    target_id = _entry_id(plan, target_id)
    programme = plan.programme(target_id)
    if programme is not None:
        period = given or today()
        observation = _item_done(programme, value, stage, done, period)
        description = (
            f"{programme.id}：阶段 {observation.stage}，'{done}' 已于 {period} 完成"
            if lang is Lang.ZH
            else f"{programme.id}: stage {observation.stage}, '{done}' done on {period}"
        )
    else:
        if stage is not None or done is not None:
            raise InvalidInputError(
                f"--stage and --done are for programmes; '{target_id}' is not one",
                hint="record a target's value as `zqplan update TARGET VALUE`",
            )
        target = find_target(plan, target_id)
        if value is None:
            raise InvalidInputError(
                f"missing VALUE for '{target.id}'",
                hint=f"e.g. zqplan update {target.id} "
                + ("done" if target.kind.value == "yes-no" else "86.5"),
            )
        period = given or default_period(target)
        if given is None:  # said once recorded: an error stays one line
            defaulted = f"note: no --date: {_default_said(target, period)}"
        observation, revises = _observe(path, target, value, period, force=force)
        description = _described(target, observation, revises, lang)
    recorded_at = dt.datetime.now(dt.UTC)
    observation = replace(
        observation,
        record_id=record or ledger_module.new_record_ids(recorded_at, 1)[0],
        recorded_at=recorded_at,
        recorded_by=recorder(),
        source=source,
        note=note,
    )
    ledger_file = ledger_module.ledger_path(path)
    outcome = ledger_module.append(
        ledger_file, [observation], keyed=record is not None, on_written=written
    )
    say_moved(outcome.side)
    if outcome.present:
        say(f"already recorded: {observation.record_id} in {ledger_file}; nothing written")
        return
    say(f"recorded {description} in {ledger_file} as {observation.record_id}")
    if defaulted:
        say(defaulted)
    if period > today():
        say(f"note: {period} is in the future; status shows it from that day on")


def _described(target: Target, observation: Observation, revises: bool, lang: Lang) -> str:
    """What update says it recorded: "output = > 30 billion yuan for 2024-12-31"."""
    from zqplan.model import Point
    from zqplan.text import point

    figure = Point(observation.date, observation.value, observation.comparator)
    shown = point(figure, target.unit, lang)
    revision = " (a revision)" if revises else ""
    return f"{target.id} = {shown} for {observation.date}{revision}"


def default_period(target: Target) -> dt.date:
    """The period of a figure given without a date: the last complete period of the
    target's frequency; for a yes/no target, today (the day it was done)."""
    from zqplan.model import Kind
    from zqplan.periods import last_complete

    if target.kind is Kind.YES_NO:
        return today()
    return last_complete(target.frequency.value, today())


_PERIOD_NAMES = {"annual": "year", "quarterly": "quarter", "monthly": "month"}


def _default_said(target: Target, period: dt.date) -> str:
    """What a note says about the date a figure without one was given."""
    from zqplan.model import Kind

    if target.kind is Kind.YES_NO:
        return f"recorded as of today, {period}"
    name = _PERIOD_NAMES[target.frequency.value]
    return (
        f"the figure is for {period}, the end of the last complete {name} "
        f"('{target.id}' is {target.frequency.value}; give --date for another period)"
    )


def _refuse_with_batch(singles: list[str | None], columns: list[str | None]) -> None:
    """--from takes targets, values and their columns from the file, not the command line."""
    if any(v is not None for v in singles):
        raise InvalidInputError(
            "--from takes its targets and values from the file",
            hint="drop TARGET, VALUE, --stage and --done, or drop --from",
        )
    if any(v is not None for v in columns):
        raise InvalidInputError(
            "--date, --source, --note and --id are columns of the --from file",
            hint="put them in the file's date, source, note and record columns",
        )


def _observe(
    path: Path, target: Target, value: str, period: dt.date, *, force: bool
) -> tuple[Observation, bool]:
    """The observation of a target's value, checked by the guard; whether it is a revision."""
    from zqplan import guard
    from zqplan.ledger import has_period, ledger_path
    from zqplan.model import Observation

    figure, comparator = parse_figure(value, target)
    observation = Observation(
        target.id, period, figure, record_id="", comparator=_comparator(comparator)
    )
    if guard.guarded(target) and not isinstance(observation.value, bool):
        # One byte search of the ledger for this target's lines, not a parse; a bound
        # is judged as its figure, as the method judges it.
        known = guard.ledger_figures(ledger_path(path), [target])[target.id]
        typed = split_comparator(value)[1]
        if _implausible(target, observation.value, typed, period, known, force):
            observation = replace(observation, forced=True)
        return observation, any(f.date == period for f in known)
    revises = any(o.date == period for o in target.observations) or has_period(
        ledger_path(path), target.id, period
    )
    return observation, revises


def _comparator(written: str | None) -> Comparator | None:
    """The model's comparator for one split_comparator gives (None: an exact figure)."""
    from zqplan.model import Comparator

    return None if written is None else Comparator(written)


def _implausible(
    target: Target,
    number: float,
    typed: str,
    period: dt.date,
    known: list[Figure],
    force: bool,
    where: str = "",
) -> bool:
    """Whether the guard refuses the value and --force overrides it; refused: an error."""
    from zqplan import guard
    from zqplan.errors import ImplausibleValueError

    found = guard.verdict(target, number, typed, period, known)
    if found is None:
        return False
    message = f"implausible value for '{target.id}': {found.message}"
    if not force:
        raise ImplausibleValueError(message, hint=found.hint)
    say(f"note: {where}recorded with --force: {message}")
    return True


def update_batch(
    name: str,
    fmt: BatchFormat | None,
    registry: Path | None,
    *,
    force: bool = False,
    encoding: str | None = None,
    sheet: str | None = None,
) -> None:
    """Check every row of a batch, then append them all in one write, or write nothing."""
    from zqplan import batch as batch_module
    from zqplan import ledger as ledger_module

    path = resolve_registry(registry, writing=True)
    text = _read_batch(name, encoding, sheet)
    from zqplan.registry import load_plan

    plan = load_plan(path)
    rows, problems = batch_module.parse(text, name=name, fmt=fmt)
    rows = _by_name(plan, rows)
    recorded_at = dt.datetime.now(dt.UTC)
    recorded_by = recorder()
    observations: list[Observation] = []
    index = {t.id: t for t in plan.targets}
    from zqplan import guard
    from zqplan.plausible import Figure

    named = {index[row.target] for row in rows if row.target in index}
    known = guard.ledger_figures(ledger_module.ledger_path(path), named)
    for row in rows:
        try:
            observation = _batch_observation(plan, index, row, recorded_at, recorded_by)
            figures = known.get(observation.target_id)
            value = observation.value
            if figures is not None and not isinstance(value, bool):
                target = index[observation.target_id]
                if _implausible(
                    target,
                    value,
                    split_comparator(row.value)[1],
                    observation.date,
                    figures,
                    force,
                    f"{name}:{row.where}: ",
                ):
                    observation = replace(observation, forced=True)
                # Later rows of the batch are judged against this one too.
                figures.append(Figure(observation.date, value, f"line {row.line}"))
            observations.append(observation)
        except ZqplanError as error:
            error.where = f"{name}:{row.where}"
            problems.append(error)
    first: dict[str, int] = {}
    for row in rows:
        if row.record is not None and first.setdefault(row.record, row.line) != row.line:
            problems.append(
                InvalidInputError(
                    f"record id {row.record} also on line {first[row.record]}",
                    where=f"{name}:{row.line}",
                    hint="give each row its own record id",
                )
            )
    if problems:
        problems.sort(key=_place)
        raise Problems(problems, every=True)
    if not observations:
        say(f"nothing to record: {name} has no rows")
        return
    ids = iter(ledger_module.new_record_ids(recorded_at, len(observations)))
    observations = [o if o.record_id else replace(o, record_id=next(ids)) for o in observations]
    keyed = any(row.record for row in rows)
    ledger_file = ledger_module.ledger_path(path)
    outcome = ledger_module.append(ledger_file, observations, keyed=keyed, on_written=written)
    say_moved(outcome.side)
    count = len(outcome.written)
    if outcome.present:
        say(f"already recorded: {len(outcome.present)} row(s) of {name}; not written again")
    if count or not outcome.present:
        say(f"recorded {count} observation{'s' * (count != 1)} from {name} in {ledger_file}")
    _say_undated(rows, observations, index)


def _place(problem: ZqplanError) -> tuple[int, int]:
    """(line, column) of a batch problem's NAME:LINE or NAME:LINE:COLUMN, for sorting."""
    numbers: list[int] = []
    for part in reversed((problem.where or "").split(":")):
        if not part.isdigit() or len(numbers) == 2:
            break
        numbers.insert(0, int(part))
    numbers += [0, 0]
    return numbers[0], numbers[1]


def _by_name(plan: Plan, rows: list[BatchRow]) -> list[BatchRow]:
    """Rows name their target as `update` does (an id in any case, a title: see
    lookup.resolve); each gets the id, so that the guard judges every row. A name that
    names nothing is left as written, for the row's own error."""
    from zqplan.lookup import resolve

    ids = {t.id for t in plan.targets} | {p.id for p in plan.programmes}

    def named(row: BatchRow) -> BatchRow:
        if row.target in ids:
            return row
        try:
            return replace(row, target=resolve(plan, row.target.strip()))
        except ZqplanError:
            return row  # find_target reports it with the row's line

    return [named(row) for row in rows]


def _say_undated(
    rows: list[BatchRow], observations: list[Observation], index: dict[str, Target]
) -> None:
    """One note per date given to rows without one (not one per row: a batch is long)."""
    undated: dict[str, int] = {}
    for row, observation in zip(rows, observations, strict=True):
        if row.date is None and observation.target_id in index:
            said = _default_said(index[observation.target_id], observation.date)
            undated[said] = undated.get(said, 0) + 1
    for said, times in undated.items():
        say(f"note: {times} row{'s' * (times != 1)} without a date: {said}")


def _entry_id(plan: Plan, named: str) -> str:
    """The id of the target or programme named (in any case, or by title), said if not as given."""
    if plan.programme(named) is not None or plan.target(named) is not None:
        return named
    from zqplan.lookup import resolve

    found = resolve(plan, named)
    say(f"zqplan: note: '{named}' is '{found}'")  # a write names exactly what it wrote to
    return found


def _read_batch(name: str, encoding: str | None = None, sheet: str | None = None) -> str:
    """The batch's text: a file (missing: a usage error), or standard input for '-';
    an .xlsx workbook's sheet as CSV; else UTF-8, UTF-16 or GB18030 detected from the
    bytes, or the encoding given."""
    from zqplan.encodings import decode_sheet
    from zqplan.registry import read_bytes

    if name == "-":
        raw = sys.stdin.buffer.read()
    else:
        raw = read_bytes(Path(name), what="batch", error=InvalidInputError)
    from zqplan.xlsx import ZIP_MAGIC, sheet_csv

    if raw.startswith(ZIP_MAGIC):
        return sheet_csv(raw, path=Path(name), sheet=sheet)
    if sheet is not None:
        raise InvalidInputError(
            f"--sheet: {name} is no .xlsx workbook", hint="drop --sheet for a CSV file"
        )
    return decode_sheet(raw, path=Path(name), encoding=encoding)


def _batch_observation(
    plan: Plan, index: dict[str, Target], row: BatchRow, recorded_at: dt.datetime, recorder: str
) -> Observation:
    """One batch row as an observation, or the error that says why not."""
    from zqplan.model import Observation

    programme = plan.programme(row.target)
    if programme is not None:
        if row.stage is None or row.item is None or row.value.lower() not in ("done", "true"):
            raise InvalidInputError(
                f"'{row.target}' is a programme: a row needs its stage and item, value done",
                hint="columns target,value,date,stage,item: bxqzwc,done,2024-06-30,start,ITEM",
            )
        day = today() if row.date is None else parse_date(row.date, option="date")
        done = _item_done(programme, None, row.stage, row.item, day)
        return replace(
            done,
            record_id=row.record or "",
            recorded_at=recorded_at,
            recorded_by=recorder,
            source=row.source,
            note=row.note,
        )
    if row.stage is not None or row.item is not None:
        raise InvalidInputError(
            f"stage and item are for programmes; '{row.target}' is not one",
            hint="leave the stage and item cells empty for a target",
        )
    target = find_target(plan, row.target, index)
    for option, text in (("source", row.source), ("note", row.note)):
        if text is not None:
            check_text(text, option=option)
    period = default_period(target) if row.date is None else parse_date(row.date, option="date")
    if row.record is not None:
        check_record_id(row.record, option="record")
    figure, comparator = parse_figure(row.value, target)
    return Observation(
        target_id=target.id,
        date=period,
        value=figure,
        record_id=row.record or "",  # else given with the others' once every row is valid
        recorded_at=recorded_at,
        recorded_by=recorder,
        source=row.source,
        note=row.note,
        comparator=_comparator(comparator),
    )


def _item_done(
    programme: Programme,
    value: str | None,
    stage_id: str | None,
    item: str | None,
    period: dt.date,
) -> Observation:
    """The record of a programme's item done, after checking the stage and item exist."""
    from zqplan.registry import suggest

    if value is not None or stage_id is None or item is None:
        raise InvalidInputError(
            f"'{programme.id}' is a programme: record an item as --stage STAGE --done ITEM",
            hint=f"stages: {', '.join(s.id for s in programme.stages)}",
        )
    stage = programme.stage(stage_id)
    if stage is None:
        known = [s.id for s in programme.stages]
        raise UnknownTargetError(
            f"programme '{programme.id}' has no stage '{stage_id}'",
            hint=suggest(stage_id, known) or "stages: " + ", ".join(known),
        )
    if item not in stage.items:
        raise UnknownTargetError(
            f"stage '{stage.id}' of '{programme.id}' has no item '{item}'",
            hint=suggest(item, stage.items)
            or ("items: " + "; ".join(stage.items) if stage.items else "this stage has no items"),
        )
    from zqplan.model import Observation

    return Observation(programme.id, period, True, record_id="", stage=stage.id, item=item)

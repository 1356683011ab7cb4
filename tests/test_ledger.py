"""Ledger tests: one TOML record per line, appended and read back under tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zqplan import ledger
from zqplan.ledger import (
    HEADER,
    Ledger,
    append,
    format_record,
    ledger_path,
    new_record_id,
    parse_record,
    read,
    validate,
)
from zqplan.model import Area, Kind, Observation, Plan, Target, Where

RECORDED = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)

HOSTILE_TEXT = [
    "",
    "line one\nline two",
    'say "hi" and \\n not a newline',
    "it's 'quoted'",
    "\x1b[31mred\x1b[0m",
    "[bold]x[/]",
    "[bold red]x[/] \x1b[31m",
    "肇庆 “1+9+N” ✓ 😀",
    "tab\there\r\ncarriage",
    "\x00\x7f\x85\u2028\u2029\u202e",
    "} , x = 1 }\n[table]\nr00000000T000000-00000000 = {",
    "# not a comment",
]


def observation(
    record_id: str = "r20240301T093000-0000000a",
    *,
    target_id: str = "gdp",
    date: dt.date = dt.date(2023, 12, 31),
    value: float | bool = 84.5,
    recorded_at: dt.datetime | None = RECORDED,
    source: str | None = None,
    note: str | None = None,
) -> Observation:
    """A ledger observation with defaults for what a test does not care about."""
    return Observation(
        target_id=target_id,
        date=date,
        value=value,
        record_id=record_id,
        recorded_at=recorded_at,
        recorded_by="tester",
        source=source,
        note=note,
    )


def record_id(n: int) -> str:
    """A valid record id, distinct for each n."""
    return new_record_id(RECORDED, f"{n:08x}")


def write_ledger(path: Path, *lines: str, newline_at_end: bool = True) -> Path:
    """A ledger file: the header (lines 1-2), then the given lines from line 3."""
    body = HEADER + "\n".join(lines) + ("\n" if newline_at_end else "")
    path.write_bytes(body.encode("utf-8"))
    return path


def line_of(item: Observation) -> str:
    """The ledger line of an observation, without its newline."""
    return format_record(item).removesuffix("\n")


def plan_with(*targets: Target) -> Plan:
    """A plan holding the given targets in one area."""
    return Plan(id="p", title="P", areas=(Area("economy", "Economy"),), targets=targets)


GDP = Target(id="gdp", area="economy", title="GDP", source="Grow.", unit="billion yuan")
ZONE = Target(id="zone", area="economy", title="A zone", source="Build it.", kind=Kind.YES_NO)

texts = st.none() | st.sampled_from(HOSTILE_TEXT) | st.text()
observations = st.builds(
    Observation,
    target_id=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    date=st.dates(),
    value=st.floats(allow_nan=False, allow_infinity=False) | st.booleans(),
    record_id=st.builds(
        new_record_id,
        # Record ids are made from the clock: four-digit years.
        st.datetimes(min_value=dt.datetime(2000, 1, 1), timezones=st.just(dt.UTC)),
        st.text("0123456789abcdef", min_size=8, max_size=8),
    ),
    recorded_at=st.datetimes(timezones=st.just(dt.UTC)),
    recorded_by=texts,
    source=texts,
    note=texts,
)


class TestLedgerPath:
    """The ledger lives beside its registry."""

    def test_beside_registry(self) -> None:
        """x/targets.toml keeps its ledger in x/targets.ledger.toml."""
        assert ledger_path(Path("x/targets.toml")) == Path("x/targets.ledger.toml")

    def test_other_registry_name(self) -> None:
        """Another registry name gives its own ledger name."""
        assert ledger_path(Path("plans/zq.toml")) == Path("plans/zq.ledger.toml")


class TestRecordFormat:
    """format_record and parse_record are inverses, one line per record."""

    @settings(max_examples=300, deadline=None)
    @given(observations)
    def test_round_trip(self, item: Observation) -> None:
        """Any observation survives format then parse, as exactly one line."""
        line = format_record(item)
        assert line.endswith("\n")
        assert line.count("\n") == 1
        assert "\r" not in line
        where = Where("ledger.toml", 7)
        assert parse_record(line.removesuffix("\n"), where) == replace(item, where=where)

    @pytest.mark.parametrize("text", HOSTILE_TEXT)
    def test_hostile_text_round_trip(self, text: str) -> None:
        """Markup, escapes, quotes and newlines in source and note come back exactly."""
        item = observation(source=text, note=text)
        line = format_record(item)
        assert line.count("\n") == 1
        parsed = parse_record(line.removesuffix("\n"), Where("l"))
        assert (parsed.source, parsed.note) == (text, text)

    def test_yes_no_value_stays_bool(self) -> None:
        """done is stored as true and read back as True, not 1.0."""
        parsed = parse_record(line_of(observation(value=True)), Where("l"))
        assert parsed.value is True

    def test_integer_value_reads_as_float(self) -> None:
        """A whole number in the file is read as a float."""
        line = f'{record_id(1)} = {{ target = "gdp", date = 2023-12-31, value = 86, '
        line += "recorded_at = 2024-03-01T09:30:00Z }"
        parsed = parse_record(line, Where("l"))
        assert parsed.value == 86.0
        assert isinstance(parsed.value, float)


class TestAppend:
    """append() adds records at the end, header first, in one write."""

    def test_header_written_once(self, tmp_path: Path) -> None:
        """The first append writes the header; later ones only add records."""
        path = tmp_path / "targets.ledger.toml"
        append(path, [observation(record_id(1))])
        append(path, [observation(record_id(2)), observation(record_id(3))])
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER)
        assert text.count(HEADER) == 1
        assert text.removeprefix(HEADER).splitlines() == [
            line_of(observation(record_id(n))) for n in (1, 2, 3)
        ]

    def test_batch_lands_whole(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A batch is written to a new file and renamed over the ledger: never seen half done."""
        path = tmp_path / "targets.ledger.toml"
        append(path, [observation(record_id(9), value=9.0)])
        before = path.read_bytes()
        seen_at_rename: list[tuple[bytes, bytes]] = []
        real_replace = os.replace

        def watching_replace(source: str, destination: Path) -> None:
            seen_at_rename.append((path.read_bytes(), Path(source).read_bytes()))
            real_replace(source, destination)

        monkeypatch.setattr(ledger.os, "replace", watching_replace)
        items = [observation(record_id(n), value=float(n)) for n in range(1, 6)]
        append(path, items)
        assert len(seen_at_rename) == 1
        ledger_then, new_file = seen_at_rename[0]
        assert ledger_then == before  # until the rename, the old ledger, untouched
        assert new_file == path.read_bytes()
        assert new_file.startswith(before)
        assert new_file.count(b"\n") == before.count(b"\n") + 5

    def test_one_record_in_one_write(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A single record (with the header of a new ledger) goes in one write call."""
        path = tmp_path / "targets.ledger.toml"
        writes: list[bytes] = []
        real_write = os.write

        def counting_write(descriptor: int, data: bytes) -> int:
            writes.append(bytes(data))
            return real_write(descriptor, data)

        monkeypatch.setattr(ledger.os, "write", counting_write)
        append(path, [observation(record_id(1), value=1.0)])
        assert len(writes) == 1
        assert writes[0] == path.read_bytes()
        assert writes[0].count(b"\n") == HEADER.count("\n") + 1

    def test_append_then_read(self, tmp_path: Path) -> None:
        """What append writes, read returns, with file and line."""
        path = tmp_path / "targets.ledger.toml"
        item = observation(record_id(1), note="[bold]x[/]\nsecond line")
        append(path, [item])
        result = read(path)
        assert result.problems == ()
        (back,) = result.observations
        header_lines = HEADER.count("\n")
        assert back == replace(item, where=Where(str(path), header_lines + 1), sequence=1)

    @settings(max_examples=40, deadline=None)
    @given(st.lists(observations, min_size=1, max_size=4, unique_by=lambda o: o.record_id))
    def test_any_batch_reads_back(self, items: list[Observation]) -> None:
        """Any batch of records appended is read back whole, without problems."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "targets.ledger.toml"
            append(path, items)
            result = read(path)
        assert result.problems == ()
        assert {o.record_id: replace(o, where=None, sequence=0) for o in result.observations} == {
            o.record_id: o for o in items
        }

    def test_torn_tail_moved_aside_before_appending(self, tmp_path: Path) -> None:
        """A writer (holding the lock) moves a torn last line to a side file, then appends.

        Left in place it would sit before the new record, an error no repair could reach.
        """
        torn = line_of(observation(record_id(2)))[:30]
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1))),
            torn,
            newline_at_end=False,
        )
        whole = path.read_bytes()[: -len(torn)]
        item = observation(record_id(3), value=90.0)
        side = append(path, [item]).side
        assert side is not None
        assert side.read_text(encoding="utf-8") == torn
        assert path.read_bytes() == whole + format_record(item).encode("utf-8")
        result = read(path)
        assert [o.record_id for o in result.observations] == [record_id(1), record_id(3)]
        assert (result.problems, result.torn) == ((), ())


class TestRead:
    """read() returns valid records in recording order, and problems with FILE:LINE."""

    def test_missing_file_is_empty(self, tmp_path: Path) -> None:
        """No ledger file yet means no records and no problems."""
        path = tmp_path / "targets.ledger.toml"
        assert read(path) == Ledger(path, (), ())

    def test_sequence_by_recorded_at_then_file_order(self, tmp_path: Path) -> None:
        """Earlier recordings get lower sequence numbers; ties keep file order."""
        ten = RECORDED.replace(hour=10)
        nine = RECORDED.replace(hour=9)
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1), recorded_at=ten)),
            line_of(observation(record_id(2), recorded_at=nine)),
            line_of(observation(record_id(3), recorded_at=ten)),
        )
        result = read(path)
        sequence = {o.record_id: o.sequence for o in result.observations}
        assert sequence == {record_id(2): 1, record_id(1): 2, record_id(3): 3}
        lines = {o.record_id: o.where for o in result.observations}
        assert lines[record_id(2)] == Where(str(path), 4)

    def test_offsets_compare_as_instants(self, tmp_path: Path) -> None:
        """A recording at 10:00+02:00 is earlier than one at 09:00Z."""
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1), recorded_at=RECORDED.replace(hour=9))),
            line_of(
                observation(
                    record_id(2),
                    recorded_at=RECORDED.replace(
                        hour=10, tzinfo=dt.timezone(dt.timedelta(hours=2))
                    ),
                )
            ),
        )
        sequence = {o.record_id: o.sequence for o in read(path).observations}
        assert sequence == {record_id(2): 1, record_id(1): 2}

    def test_garbage_line(self, tmp_path: Path) -> None:
        """A line that is not a record is a problem at its line; the rest is read."""
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1))),
            "this is not a record",
            line_of(observation(record_id(2))),
        )
        result = read(path)
        assert [o.record_id for o in result.observations] == [record_id(1), record_id(2)]
        (problem,) = result.problems
        assert problem.where == f"{path}:4"
        assert str(problem).startswith(f"{path}:4: ")

    def test_conflict_markers(self, tmp_path: Path) -> None:
        """Each git conflict marker is a problem at its line; records on both sides stay."""
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            "<<<<<<< HEAD",
            line_of(observation(record_id(1))),
            "=======",
            line_of(observation(record_id(2))),
            ">>>>>>> branch",
        )
        result = read(path)
        assert [p.where for p in result.problems] == [f"{path}:3", f"{path}:5", f"{path}:7"]
        assert all("conflict" in p.message for p in result.problems)
        assert {o.record_id for o in result.observations} == {record_id(1), record_id(2)}

    def test_duplicate_record_id(self, tmp_path: Path) -> None:
        """A second record with the same id is a problem naming the first line."""
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1), value=1.0)),
            line_of(observation(record_id(1), value=2.0)),
        )
        result = read(path)
        assert [o.value for o in result.observations] == [1.0]
        (problem,) = result.problems
        assert problem.where == f"{path}:4"
        assert "duplicate" in problem.message
        assert "line 3" in problem.message

    def test_unknown_field(self, tmp_path: Path) -> None:
        """A misspelt field is a problem at its line, with a suggestion."""
        line = line_of(observation(record_id(1))).replace(" }", ', notes = "x" }')
        path = write_ledger(tmp_path / "targets.ledger.toml", line)
        result = read(path)
        assert result.observations == ()
        (problem,) = result.problems
        assert problem.where == f"{path}:3"
        assert "notes" in problem.message
        assert problem.hint is not None
        assert "'note'" in problem.hint

    @pytest.mark.parametrize("field", ["target", "date", "value", "recorded_at"])
    def test_missing_field(self, tmp_path: Path, field: str) -> None:
        """A record without a required field is a problem naming that field."""
        fields = {
            "target": '"gdp"',
            "date": "2023-12-31",
            "value": "84.5",
            "recorded_at": "2024-03-01T09:30:00Z",
        }
        del fields[field]
        inline = ", ".join(f"{k} = {v}" for k, v in fields.items())
        path = write_ledger(tmp_path / "targets.ledger.toml", f"{record_id(1)} = {{ {inline} }}")
        result = read(path)
        assert result.observations == ()
        (problem,) = result.problems
        assert problem.where == f"{path}:3"
        assert f"'{field}'" in problem.message

    def test_torn_last_line(self, tmp_path: Path) -> None:
        """A half-written last line without a newline is reported as torn."""
        torn = line_of(observation(record_id(2)))[:40]
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1))),
            torn,
            newline_at_end=False,
        )
        result = read(path)
        assert [o.record_id for o in result.observations] == [record_id(1)]
        # kept apart from the problems: status leaves it out with a note, check reports it
        assert result.problems == ()
        (problem,) = result.torn
        assert problem.where == f"{path}:4"
        assert "torn" in problem.message

    def test_repair_moves_torn_bytes_aside(self, tmp_path: Path) -> None:
        """check --repair's repair(): torn bytes to a side file, the ledger valid again."""
        from zqplan.ledger import repair

        torn = line_of(observation(record_id(2)))[:40]
        path = write_ledger(
            tmp_path / "targets.ledger.toml",
            line_of(observation(record_id(1))),
            torn,
            newline_at_end=False,
        )
        side = repair(path)
        assert side is not None
        assert side.read_text(encoding="utf-8") == torn
        assert read(path).torn == ()
        assert path.read_bytes().endswith(b"\n")
        assert repair(path) is None  # nothing left to repair


class TestValidate:
    """validate() checks records against the plan's targets."""

    def test_clean(self) -> None:
        """Records of known targets with the right kind of value pass."""
        items = [observation(record_id(1)), observation(record_id(2), target_id="zone", value=True)]
        assert validate(plan_with(GDP, ZONE), items) == []

    def test_unknown_target_with_suggestion(self) -> None:
        """A record for an unknown target is a problem at its line naming the closest id."""
        item = replace(
            observation(record_id(1), target_id="gpd"), where=Where("targets.ledger.toml", 5)
        )
        (problem,) = validate(plan_with(GDP, ZONE), [item])
        assert problem.where == "targets.ledger.toml:5"
        assert "gpd" in problem.message
        assert problem.hint is not None
        assert "did you mean 'gdp'" in problem.hint

    def test_number_for_yes_no_target(self) -> None:
        """A yes-no target must hold true or false, not a number."""
        item = observation(record_id(1), target_id="zone", value=1.0)
        (problem,) = validate(plan_with(GDP, ZONE), [item])
        assert "zone" in problem.message
        assert "true/false" in problem.message

    def test_bool_for_numeric_target(self) -> None:
        """A numeric target must hold a number, not true or false."""
        item = observation(record_id(1), value=True)
        (problem,) = validate(plan_with(GDP, ZONE), [item])
        assert "gdp" in problem.message
        assert "a number" in problem.message


class TestRecordIds:
    """Record ids stay unique within a batch recorded in one second."""

    def test_batch_ids_distinct(self) -> None:
        """Ten thousand ids for one recording time: all distinct, all valid."""
        from zqplan.ledger import RECORD_ID, new_record_ids

        moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        ids = new_record_ids(moment, 10_000)
        assert len(set(ids)) == 10_000
        assert all(RECORD_ID.match(i) for i in ids)
        assert all(
            i.startswith("r20260101T000000-") and len(i) == 29 for i in ids
        )  # r + 8 + T + 6 + - + 12

    def test_older_ids_still_read(self) -> None:
        """Ids with 8 hex digits (written before ids had 12) remain valid."""
        from zqplan.ledger import RECORD_ID

        assert RECORD_ID.match("r20261130T024632-06ece4c9")

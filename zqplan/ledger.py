"""The append-only progress ledger beside the registry: one TOML record per line."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from zqplan.errors import InvalidInputError, LedgerError, LockTimeout, ZqplanError
from zqplan.model import Comparator, Kind, Observation, Plan, Programme, Where
from zqplan.paths import LEDGER_SUFFIX, ledger_path
from zqplan.registry import OBSERVATION_COMPARATORS, suggest

__all__ = [
    "LEDGER_SUFFIX",
    "Appended",
    "Ledger",
    "Lines",
    "append",
    "ledger_path",
    "read",
    "read_lines",
    "validate",
]

HEADER = (
    "# zqplan ledger: one record per line, appended by `zqplan update`.\n"
    "# Do not edit a record: record a revision with `zqplan update` instead.\n"
)

RECORD_ID = re.compile(r"^r\d{8}T\d{6}-[0-9a-f]{8,16}$")
"""r<UTC date>T<time>-<8 hex digits>: sortable by time, unique by the random part."""

FIELDS = (
    "target",
    "date",
    "value",
    "recorded_at",
    "recorded_by",
    "source",
    "note",
    "stage",
    "item",
    "forced",
    "comparator",
)
REQUIRED = ("target", "date", "value", "recorded_at")
VOID_FIELDS = ("voids", "reason", "recorded_at", "recorded_by")
"""A void record's fields: the record it withdraws, why, when and by whom."""


@dataclass(frozen=True, slots=True)
class Void:
    """A ledger record that withdraws another (`zqplan void`): append-only, like any."""

    record_id: str
    """Its own id."""
    voids: str
    """The id of the record it withdraws."""
    reason: str
    """Why the record is withdrawn."""
    recorded_at: dt.datetime
    """When it was recorded (UTC)."""
    recorded_by: str | None = None
    """Who recorded it."""
    where: Where | None = None
    """The file and line it was read from."""


def format_void(void: Void) -> str:
    """One ledger line (with its newline) for a void, written by tomli-w."""
    fields: dict[str, Any] = {
        "voids": void.voids,
        "reason": void.reason,
        "recorded_at": void.recorded_at,
    }
    if void.recorded_by is not None:
        fields["recorded_by"] = void.recorded_by
    inline = ", ".join(
        f"{key} = {_literal_of(type(item).__name__, item)}" for key, item in fields.items()
    )
    return f"{void.record_id} = {{ {inline} }}\n"


RANDOM_BYTES = 6
"""Random part of a record id: 48 bits, so that even ten thousand records written in
the same second (one batch) by several clones have a negligible chance to collide."""


def new_record_ids(recorded_at: dt.datetime, count: int) -> list[str]:
    """`count` record ids for one recording time, distinct from one another."""
    ids: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        # What secrets.token_hex does, without importing secrets (hmac, hashlib: ~10 ms).
        candidate = new_record_id(recorded_at, os.urandom(RANDOM_BYTES).hex())
        if candidate not in ids:
            ids.add(candidate)
            ordered.append(candidate)
    return ordered


def new_record_id(recorded_at: dt.datetime, random_hex: str) -> str:
    """A record id from the recording time (UTC) and 8 random hex digits."""
    moment = recorded_at.astimezone(dt.UTC)
    return f"r{moment.year:04d}{moment:%m%dT%H%M%S}-{random_hex}"


def format_record(observation: Observation) -> str:
    """One ledger line (with its newline) for an observation, written by tomli-w."""
    fields: dict[str, Any] = {
        "target": observation.target_id,
        "date": observation.date,
        "value": observation.value,
    }
    if observation.comparator is not None:  # only a bound carries one: old lines unchanged
        fields["comparator"] = observation.comparator.value
    if observation.stage is not None and observation.item is not None:
        fields["stage"] = observation.stage
        fields["item"] = observation.item
    if observation.recorded_at is not None:
        fields["recorded_at"] = observation.recorded_at
    for key, text in (
        ("recorded_by", observation.recorded_by),
        ("source", observation.source),
        ("note", observation.note),
    ):
        if text is not None:
            fields[key] = text
    if observation.forced:
        fields["forced"] = True
    # tomli-w inlines only short tables, so it writes each scalar and the line is
    # assembled here: every record is exactly one line of the file, whatever its length.
    inline = ", ".join(
        f"{key} = {_literal_of(type(item).__name__, item)}" for key, item in fields.items()
    )
    return f"{observation.record_id} = {{ {inline} }}\n"


@functools.lru_cache(maxsize=4096)
def _literal_of(kind: str, item: object) -> str:
    """_literal, remembered: a batch repeats its targets, dates, time, user and source."""
    return _literal(item)


def _literal(item: object) -> str:
    """One TOML scalar as tomli-w writes it (strings escaped, newlines as \\n)."""
    import tomli_w  # only writers need it

    return tomli_w.dumps({"v": item}).removeprefix("v = ").removesuffix("\n")


LOCK_ENV = "ZQPLAN_LOCK_TIMEOUT"
LOCK_TIMEOUT = 10.0
"""Seconds a writer waits for another to finish before giving up (exit 4)."""


def lock_path(path: Path) -> Path:
    """The lock file that serialises writers of a ledger (kept out of git by init)."""
    return path.with_name(path.name + ".lock")


def _timeout() -> float:
    raw = os.environ.get(LOCK_ENV)
    if raw is None:
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInputError(
            f"${LOCK_ENV} is {raw!r}, not a number of seconds", hint="e.g. 30"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise InvalidInputError(f"${LOCK_ENV} must be zero or more seconds")
    return value


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the ledger's writer lock (cross-platform, see lock.py), or raise LockTimeout.

    The lock sits beside the real file: ledgers reached through different symlinks
    to one file share one lock.
    """
    from zqplan import lock

    timeout = _timeout()
    lock_file = lock_path(path.resolve())
    try:
        descriptor = lock.acquire(str(lock_file), timeout)
    except lock.Busy:
        raise LockTimeout(
            f"another zqplan has been writing {path} for {timeout:g} s (lock {lock_file})",
            hint=f"try again, or wait longer with {LOCK_ENV}=SECONDS; nothing was written",
        ) from None
    except OSError as exc:
        raise LedgerError(f"cannot lock {lock_file}: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release(descriptor)


@dataclass(frozen=True, slots=True)
class Appended:
    """What one call of append did to the ledger."""

    side: Path | None
    """Where a torn last line (one that was no record) was moved, if one was."""
    written: tuple[Observation, ...]
    """The records written."""
    present: tuple[Observation, ...]
    """Records given with an id the ledger already held, same content: not written again."""


RETRIES = 20
"""Times a batch rebuilds its new ledger when the file changed while it was written."""


def append(
    path: Path,
    observations: Sequence[Observation],
    *,
    keyed: bool = False,
    on_written: Callable[[], None] | None = None,
) -> Appended:
    """Add records to the ledger under its lock: all of them land, or none.

    One record is appended with one write (a write of a few hundred bytes is not
    torn by a killed process); a failed write is cut back off. A batch is written
    with the ledger into a new file, flushed, and renamed over the ledger: at any
    instant the file on disk is the old ledger or the new one, whole. `keyed`:
    the records' ids were given by the user, and a record whose id is already
    there with the same content is not written again (another content: an error).
    `on_written` is called as soon as the records are in the file.
    """
    lines = [format_record(o) for o in observations]
    for line, observation in zip(lines, observations, strict=True):
        # Never write what the reader would refuse: check the round trip first, where
        # escaping is at stake (numbers, dates and plain text come back as written).
        if _plain_text(observation):
            continue
        if parse_record(line.rstrip("\n"), Where("(new record)")) != replace(
            observation, where=Where("(new record)"), sequence=0
        ):
            raise LedgerError(f"record {observation.record_id} does not survive the round trip")
    # Write where a symlinked ledger points, so that a batch's rename keeps the link.
    real = path.resolve()
    with locked(real):
        _remove_abandoned(real)
        try:
            # Holding the lock, a last line without its newline is no write in progress:
            # a whole record gets its newline, anything else is torn and moved aside.
            side = _settle_tail(real)
            todo: list[Observation] = list(observations)
            present: list[Observation] = []
            if keyed:
                todo, present = _not_recorded(real, observations)
            payload = "".join(format_record(o) for o in todo).encode("utf-8")
            if len(todo) > 1:
                _rewrite_with(real, payload, on_written)
            elif todo:
                _append_bytes(real, payload, on_written)
        except IsADirectoryError:
            raise LedgerError(f"{path} is a directory, not a ledger file") from None
        except OSError as exc:
            raise LedgerError(f"cannot write {path}: {exc.strerror}", hint=_NOTHING) from None
    return Appended(side, tuple(todo), tuple(present))


_NOTHING = "nothing was recorded"


def append_void(
    path: Path, void: Void, *, on_written: Callable[[], None] | None = None
) -> tuple[Observation | None, Path | None]:
    """Append a void under the ledger's lock: (the record it withdraws, or None when an
    earlier void already withdrew it and nothing was written; where a torn last line
    was moved, if one was). An id the ledger does not hold,
    or that of a void, is an error. The record is found by a byte search, not a parse."""
    line = format_void(void)
    if parse_record(line.rstrip("\n"), Where("(new record)")) != replace(
        void, where=Where("(new record)")
    ):
        raise LedgerError(f"void {void.record_id} does not survive the round trip")
    real = path.resolve()
    with locked(real):
        _remove_abandoned(real)
        try:
            side = _settle_tail(real)
            raw = real.read_bytes() if real.exists() else b""
            target = _record_line(raw, void.voids)
            if target is None:
                ids = [i.decode() for i in re.findall(rb"^(" + _ID + rb") = ", raw, re.M)]
                raise LedgerError(
                    f"no record {void.voids} in {path}",
                    hint=suggest(void.voids, ids) or "`zqplan history TARGET` lists record ids",
                )
            withdrawn = parse_record(target, Where(str(path)))
            if isinstance(withdrawn, Void):
                raise LedgerError(
                    f"{void.voids} is a void: a void cannot be withdrawn",
                    hint="record the figure again with `zqplan update` instead",
                )
            if void.voids.encode() in _VOID.findall(raw):
                return None, side
            _append_bytes(real, line.encode("utf-8"), on_written)
        except IsADirectoryError:
            raise LedgerError(f"{path} is a directory, not a ledger file") from None
        except OSError as exc:
            raise LedgerError(f"cannot write {path}: {exc.strerror}", hint=_NOTHING) from None
    return withdrawn, side


def _record_line(raw: bytes, record_id: str) -> str | None:
    """The line of the ledger that starts with this record id, if any."""
    needle = f"{record_id} = ".encode()
    at = 0 if raw.startswith(needle) else raw.find(b"\n" + needle) + 1
    if at == 0 and not raw.startswith(needle):
        return None
    end = raw.find(b"\n", at)
    return raw[at : len(raw) if end < 0 else end].decode("utf-8", "replace").strip()


def _not_recorded(
    path: Path, observations: Sequence[Observation]
) -> tuple[list[Observation], list[Observation]]:
    """(records to write, records already present); an id present with other content
    is an error. A byte search for each id at the start of a line: no full parse."""
    try:
        raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # a BOM: see _parse_lines
    except FileNotFoundError:
        return list(observations), []
    todo: list[Observation] = []
    present: list[Observation] = []
    for observation in observations:
        needle = f"{observation.record_id} = ".encode()
        at = 0 if raw.startswith(needle) else raw.find(b"\n" + needle) + 1
        if at == 0 and not raw.startswith(needle):
            todo.append(observation)
            continue
        end = raw.find(b"\n", at)
        line = raw[at : len(raw) if end < 0 else end].decode("utf-8", "replace")
        try:
            parsed = parse_record(line.strip(), Where(str(path)))
            found = parsed if isinstance(parsed, Observation) else None
        except LedgerError:
            found = None
        if found is None or _content(found) != _content(observation):
            line_number = raw.count(b"\n", 0, at) + 1
            raise LedgerError(
                f"record {observation.record_id} is already in the ledger with other content",
                where=f"{path}:{line_number}",
                hint="a new figure needs a new --id (or none); " + _NOTHING,
            )
        present.append(observation)
    return todo, present


def _content(observation: Observation) -> tuple[object, ...]:
    """What a record says, without who recorded it and when (a retry differs in those)."""
    value = observation.value
    return (
        observation.target_id,
        observation.date,
        type(value) is bool,
        value,
        observation.stage,
        observation.item,
        observation.source,
        observation.note,
        observation.comparator,
    )


_PLAIN = re.compile(r"[ !#-\[\]-~]*")
"""Printable ASCII without quote or backslash: a TOML basic string holds it unescaped."""


def _plain_text(observation: Observation) -> bool:
    """Whether every text of the record is plain, so its line needs no parsing back."""
    texts = (
        observation.target_id,
        observation.recorded_by,
        observation.source,
        observation.note,
        observation.stage,
        observation.item,
    )
    plain = all(text is None or _PLAIN.fullmatch(text) for text in texts)
    value = observation.value
    return plain and (isinstance(value, bool) or math.isfinite(value))


def _header_if_new(existing_size: int) -> bytes:
    """A new ledger starts with its header (a torn tail was already moved aside)."""
    return HEADER.encode("utf-8") if existing_size == 0 else b""


def _append_bytes(path: Path, payload: bytes, on_written: Callable[[], None] | None) -> None:
    """Append under the lock; a failed write (disk full, file size limit) is cut back off."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o644)
    try:
        before = os.fstat(descriptor).st_size
        data = _header_if_new(before) + payload
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        except BaseException:
            _cut_back(descriptor, before)
            raise
        if on_written is not None:
            on_written()
        if not _same_file(path, descriptor):
            # Replaced while we wrote (a `git pull` writes a new file): write again there.
            os.close(descriptor)
            descriptor = -1
            _append_again(path, payload)
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    written = 0
    while written < len(data):
        written += os.write(descriptor, data[written:])


def _cut_back(descriptor: int, size: int) -> None:
    """Truncate to the length before a failed write: a failed command writes nothing."""
    try:
        os.ftruncate(descriptor, size)
        os.fsync(descriptor)
    except OSError:
        pass


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        now = path.stat()
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino)


def _append_again(path: Path, payload: bytes) -> None:
    """Append to the file now at path, unless it already holds these lines."""
    try:
        if payload in path.read_bytes():
            return
    except FileNotFoundError:
        pass
    _settle_tail(path)
    _append_bytes(path, payload, None)


def _state(path: Path) -> tuple[int, int, int, str] | None:
    """Size, inode, device and a hash of the last 64 KiB: has the file changed?"""
    try:
        with path.open("rb") as stream:
            found = os.fstat(stream.fileno())
            stream.seek(max(found.st_size - 65536, 0))
            tail = stream.read()
    except FileNotFoundError:
        return None
    from zqplan.cache import digest_bytes

    return (found.st_size, found.st_ino, found.st_dev, digest_bytes(tail))


def _rewrite_with(path: Path, payload: bytes, on_written: Callable[[], None] | None) -> None:
    """The ledger and the payload into a new file, renamed over the ledger.

    Just before the rename the ledger must be the file read, byte for byte (size,
    inode, a hash of its end): a `git pull` takes no lock, and lines it added
    since would be lost. If it changed, the new file is built again.
    """
    import tempfile

    for _ in range(RETRIES):
        before = _state(path)
        existing = path.read_bytes() if before is not None else b""
        if before is not None and before[0] != len(existing):
            continue  # changed while read
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".new"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                _write_new(stream, existing + _header_if_new(len(existing)) + payload)
            mode = path.stat().st_mode & 0o777 if before is not None else 0o644
            os.chmod(temporary, mode)
            if _state(path) != before:
                Path(temporary).unlink(missing_ok=True)
                continue
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if on_written is not None:
            on_written()
        _sync_directory(path.parent)
        return
    raise LedgerError(
        f"{path} kept changing while the batch was written (another program, not zqplan, "
        "is writing it)",
        hint="finish the `git pull` or other writer, then run the batch again; " + _NOTHING,
    )


def _write_new(stream: Any, data: bytes) -> None:
    """Write a new ledger's bytes and flush them to disk."""
    stream.write(data)
    stream.flush()
    os.fsync(stream.fileno())


def _remove_abandoned(path: Path) -> None:
    """Delete new-ledger files of writers killed before their rename (we hold the lock,
    which every writer of this file takes beside the real file, so none is live).

    They are partial copies of the ledger plus a batch that never landed, not data.
    """
    import glob

    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.new"):
        leftover.unlink(missing_ok=True)


def _sync_directory(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def repair(path: Path) -> Path | None:
    """Move a torn last line (no newline at the end, no record) to a side file.

    The torn bytes are never deleted: they go to LEDGER.torn-<UTC time>, and the
    ledger keeps every whole line. A last record without its newline gets one.
    """
    real = path.resolve()
    with locked(real):
        return _settle_tail(real)


TORN_SUFFIX = ".torn-"


def side_files(path: Path) -> list[Path]:
    """Torn bytes moved aside from this ledger and not yet dealt with (`check` lists them)."""
    import glob

    real = path.resolve()
    try:
        return sorted(real.parent.glob(f"{glob.escape(real.name)}{TORN_SUFFIX}*"))
    except OSError:
        return []


def moved_aside(path: Path) -> list[ZqplanError]:
    """A problem for each file of torn bytes moved aside from the ledger, until deleted."""
    return [
        LedgerError(
            f"torn bytes of an interrupted write were moved here from {path.name}",
            where=str(side),
            hint="re-record what they held if it was a figure, then delete the file",
        )
        for side in side_files(path)
    ]


def _settle_tail(path: Path) -> Path | None:
    """Under the lock: a last line without its newline gets one if it is a record (or
    blank, or a comment); otherwise its bytes go to a side file (kept, never lost)."""
    if not path.exists():
        return None
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        if size == 0:
            return None
        stream.seek(-1, os.SEEK_END)
        if stream.read(1) == b"\n":
            return None
    raw = path.read_bytes()
    complete = raw.rfind(b"\n") + 1
    if _whole_line(raw[complete:]):
        with path.open("ab") as stream:
            stream.write(b"\n")
            stream.flush()
            os.fsync(stream.fileno())
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    side = path.with_name(f"{path.name}{TORN_SUFFIX}{stamp}")
    side.write_bytes(raw[complete:])
    with path.open("r+b") as stream:
        stream.truncate(complete)
        stream.flush()
        os.fsync(stream.fileno())
    return side


def _whole_line(tail: bytes) -> bool:
    """Whether a last line without its newline is whole: a record, blank, or a comment."""
    try:
        text = tail.decode("utf-8").removeprefix("\ufeff").strip()
    except UnicodeDecodeError:
        return False
    if not text or text.startswith("#"):
        return True
    try:
        parse_record(text, Where("(last line)"))
    except LedgerError:
        return False
    return True


def has_period(path: Path, target_id: str, period: dt.date) -> bool:
    """Whether the ledger already holds a record for this target and period.

    A byte search for the start every record line has (zqplan writes target and
    date first), so that an update learns it is a revision without parsing the
    history: its cost stays that of one search, however long the ledger.
    """
    needle = f'{{ target = "{target_id}", date = {period.isoformat()},'.encode()
    try:
        return needle in path.read_bytes()
    except OSError:
        return False


_ID = rb"r\d{8}T\d{6}-[0-9a-f]{8,16}"
_FIGURE = re.compile(
    rb"^(" + _ID + rb') = \{ target = "([^"\\\n]*)", date = (\d{4}-\d{2}-\d{2}), '
    rb"value = ([-+0-9.eE_]+|inf|nan)[ ,}]",
    re.MULTILINE,
)
"""The start of a numeric record as zqplan writes it: id, target, date, value."""
_VOID = re.compile(rb"^" + _ID + rb' = \{ voids = "(' + _ID + rb')"', re.MULTILINE)
"""The start of a void record as zqplan writes it: the id it withdraws."""
FEW_TARGETS = 32
"""Up to this many targets, figures() searches for each; beyond, it scans every line."""


def figures(path: Path, targets: Iterable[str]) -> dict[str, list[tuple[dt.date, float, str]]]:
    """(date, value, record id) of the numeric records of each target, in file order,
    without the records voided.

    Byte searches for the start every record line has (zqplan writes target, date and
    value first), not a parse: an update stays as cheap however long the history.
    A line written otherwise (by hand) is not seen; `zqplan check` reads every line.
    """
    wanted = set(targets)
    found: dict[str, list[tuple[dt.date, float, str]]] = {t: [] for t in wanted}
    try:
        raw = path.read_bytes()
    except OSError:
        return found
    matches: Iterable[re.Match[bytes] | None]
    if len(wanted) <= FEW_TARGETS:
        starts = []
        for target in wanted:
            needle = f'= {{ target = "{target}", date = '.encode()
            at = raw.find(needle)
            while at >= 0:
                starts.append(raw.rfind(b"\n", 0, at) + 1)
                at = raw.find(needle, at + 1)
        matches = (_FIGURE.match(raw, start) for start in sorted(starts))
    else:
        matches = _FIGURE.finditer(raw)
    voided = set(_VOID.findall(raw)) if b'{ voids = "' in raw else set()
    for match in matches:
        if match is None or match.group(1) in voided:
            continue
        target = match.group(2).decode("utf-8", "replace")
        if target not in found:
            continue
        try:
            day = dt.date.fromisoformat(match.group(3).decode())
            value = float(match.group(4))
        except ValueError:
            continue
        if math.isfinite(value):
            found[target].append((day, value, match.group(1).decode()))
    return found


@dataclass(frozen=True, slots=True)
class Ledger:
    """What a ledger file holds: valid records, and problems with file:line."""

    path: Path
    """The ledger file."""
    observations: tuple[Observation, ...]
    """Valid records in force (none a void withdraws), sequenced so that a later
    `sequence` is a newer recording."""
    problems: tuple[ZqplanError, ...]
    """Lines that are not valid records, duplicate ids, conflict markers."""
    torn: tuple[ZqplanError, ...] = ()
    """A last line without its newline that is no record: a write in progress, or torn."""
    voids: tuple[Void, ...] = ()
    """Void records, in file order (`zqplan void`)."""
    withdrawn: tuple[Observation, ...] = ()
    """Records a void withdraws: left out of `observations`, shown struck out by history."""


def read(path: Path) -> Ledger:
    """Read the ledger (a missing file is an empty one), parsing only what is new.

    The records of the bytes read before come from the cache's ledger index when
    the file still starts with those bytes; anything else is parsed again.
    """
    from zqplan.cache import collector_paused

    with collector_paused():
        return ledger_of(read_lines(path))


@dataclass(frozen=True, slots=True)
class Lines:
    """A ledger's records as plain values, before any model object is built."""

    path: Path
    """The ledger file."""
    records: list[Record]
    """The records of its whole lines, then of a last line without its newline (if
    that is one), in file order, voids included (see cache.Record)."""
    problems: list[Problem]
    """Problems of its whole lines."""
    torn: list[Problem]
    """Problems of a last line without its newline: a write in progress, or torn."""
    whole: int
    """How many of the records are of whole lines (the rest: of the last line)."""
    digests: dict[str, str]
    """Per target, a digest of its records of whole lines (see cache.chain)."""


def read_lines(path: Path) -> Lines:
    """The ledger's records as plain values (a missing file has none), parsing only the
    lines appended since the cache's ledger index was written."""
    if not path.exists() and not path.is_symlink():
        return Lines(path, [], [], [], 0, {})
    from zqplan.cache import collector_paused

    with collector_paused():
        return _read_lines(path)


def _read_lines(path: Path) -> Lines:
    """What read_lines returns, for a ledger file that exists."""
    from zqplan import cache

    raw = _read_bytes(path)
    complete = raw.rfind(b"\n") + 1  # the end of the last whole line
    index = cache.load_index(path, raw)
    start, lines = index.length, index.lines
    records, found = index.records, index.problems
    seen: dict[str, int] = {}  # id -> line (see _compact): only to parse new lines
    if complete > start or start == 0 or complete < len(raw):
        seen = {record[0]: record[10] for record in records}
    if complete > start or start == 0:
        appended = raw[start:complete]
        added, problems = _parse_lines(appended, first=lines + 1, path=path, seen=seen)
        records.extend(added)
        found.extend(problems)
        if cache.directory() is not None:  # only a cached plan's assessments use them
            cache.chain(index.digests, added)
        lines += appended.count(b"\n")
        index.length, index.lines = complete, lines
        cache.save_index(path, index, appended)
    tail_records: list[Record] = []
    tail_problems: list[Problem] = []
    if complete < len(raw):  # no newline at the end: a torn write, or a hand edit
        tail_records, tail_problems = _parse_lines(
            raw[complete:], first=lines + 1, path=path, seen=seen, torn=True
        )
    return Lines(path, [*records, *tail_records], found, tail_problems, len(records), index.digests)


def ledger_of(lines: Lines) -> Ledger:
    """The Ledger of these records: observations built, voids applied."""
    path = lines.path
    every = lines.records
    void_records = [r for r in every if r[1] is None]
    if void_records:
        every = [r for r in every if r[1] is not None]
    observations = _materialize(every, path)
    problems = errors(path, lines.problems)
    if not void_records:
        return Ledger(path, observations, problems, errors(path, lines.torn))
    voids = tuple(
        Void(r[0], r[2], r[3], dt.datetime.fromisoformat(r[4]), r[5], Where(str(path), r[10]))
        for r in void_records
    )
    kept, withdrawn, void_problems = _apply_voids(observations, voids)
    return Ledger(
        path,
        kept,
        (*problems, *void_problems),
        errors(path, lines.torn),
        voids,
        withdrawn,
    )


def errors(path: Path, problems: list[Problem]) -> tuple[ZqplanError, ...]:
    """Problems found in the ledger's lines as errors naming FILE:LINE."""
    return tuple(LedgerError(m, where=f"{path}:{line}", hint=h) for m, line, h in problems)


def _apply_voids(
    observations: tuple[Observation, ...], voids: tuple[Void, ...]
) -> tuple[tuple[Observation, ...], tuple[Observation, ...], list[ZqplanError]]:
    """(records in force, records withdrawn, problems): a void must name a record of the
    ledger that is no void itself; a second void of one record changes nothing."""
    ids = {o.record_id for o in observations}
    void_ids = {v.record_id for v in voids}
    problems: list[ZqplanError] = []
    withdrawn_ids: set[str] = set()
    for void in voids:
        where = None if void.where is None else str(void.where)
        if void.voids in void_ids:
            problems.append(
                LedgerError(
                    f"void {void.record_id} withdraws {void.voids}, which is itself a void",
                    where=where,
                    hint="a void cannot be withdrawn: record the figure again instead",
                )
            )
        elif void.voids not in ids:
            problems.append(
                LedgerError(
                    f"void {void.record_id} withdraws {void.voids}, which is not in the ledger",
                    where=where,
                    hint=suggest(void.voids, sorted(ids)) or "check the record id",
                )
            )
        else:
            withdrawn_ids.add(void.voids)
    kept = tuple(o for o in observations if o.record_id not in withdrawn_ids)
    withdrawn = tuple(o for o in observations if o.record_id in withdrawn_ids)
    return kept, withdrawn, problems


Record = tuple[Any, ...]
"""A record as plain values (see cache.Record), cheap to keep in the ledger index."""
Problem = tuple[str, int, str | None]
"""(message, line, hint)."""

CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise LedgerError(f"{path} is a directory, not a ledger file") from None
    except PermissionError:
        raise LedgerError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise LedgerError(f"cannot read {path}: {exc.strerror}") from None


def _parse_lines(
    chunk: bytes, *, first: int, path: Path, seen: dict[str, int], torn: bool = False
) -> tuple[list[Record], list[Problem]]:
    """Records and problems of whole lines of the ledger, numbered from `first`."""
    records: list[Record] = []
    problems: list[Problem] = []
    text = chunk.decode("utf-8", errors="surrogateescape")
    if first == 1:  # a leading BOM ("UTF-8 with BOM", as Notepad saves) is no part of it
        text = text.removeprefix("\ufeff")
    for number, line in enumerate(text.split("\n"), start=first):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if any("\udc80" <= char <= "\udcff" for char in stripped):
            problems.append(("not UTF-8 text", number, "save the file as UTF-8"))
            continue
        if stripped.startswith(CONFLICT_MARKERS):
            hint = "remove the marker lines, keep every record, then run `zqplan check`"
            problems.append(("git conflict marker left by a merge", number, hint))
            continue
        try:
            observation = parse_record(stripped, Where(str(path), number))
        except LedgerError as exc:
            if torn:
                message = "torn last record (the file does not end with a newline): "
                hint = "a write was interrupted; `zqplan check --repair` moves it aside"
                problems.append((message + exc.message, number, hint))
            else:
                problems.append((exc.message, number, exc.hint))
            continue
        if observation.record_id in seen:
            first_seen = seen[observation.record_id]
            problems.append(
                (
                    f"duplicate record id {observation.record_id} (first on line {first_seen})",
                    number,
                    "keep one copy of the record",
                )
            )
            continue
        seen[observation.record_id] = number
        if isinstance(observation, Void):
            records.append(_compact_void(observation, number))
        else:
            records.append(_compact(observation, number))
    return records, problems


def _compact(observation: Observation, line: int) -> Record:
    """A record as plain values; repeated text interned, so the index stores it once."""
    moment = observation.recorded_at
    return (
        observation.record_id,
        _intern(observation.target_id),
        observation.date.toordinal(),
        observation.value,
        None if moment is None else _intern(moment.isoformat()),
        _intern(observation.recorded_by),
        _intern(observation.source),
        _intern(observation.note),
        _intern(observation.stage),
        _intern(observation.item),
        line,
        observation.forced,
        None if observation.comparator is None else observation.comparator.value,
    )


def _compact_void(void: Void, line: int) -> Record:
    """A void as plain values, in a record's slots: no target (None) marks it."""
    return (
        void.record_id,
        None,
        void.voids,
        void.reason,
        _intern(void.recorded_at.isoformat()),
        _intern(void.recorded_by),
        None,
        None,
        None,
        None,
        line,
        False,
        None,
    )


def _intern(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


def _materialize(records: list[Record], path: Path) -> tuple[Observation, ...]:
    """Observations in file order, sequenced so that the newest recorded is highest."""
    ranks, moments, days = ranked(records)
    return _build(records, ranks, moments, days, str(path))


Moments = dict[str | None, dt.datetime | None]
"""Each recording time's text (see cache.Record), parsed once."""


def ranked(records: list[Record]) -> tuple[list[int], Moments, dict[int, dt.date]]:
    """Each record's sequence (the newest recorded is highest), and its times and dates.

    Records of one batch share a recording time and most share their periods: each
    distinct date and time is built once and shared (a large ledger, less memory).
    """
    moments: Moments = {None: None}
    days: dict[int, dt.date] = {}
    for record in records:
        if record[4] not in moments:
            moments[record[4]] = dt.datetime.fromisoformat(record[4])
        if record[2] not in days:
            days[record[2]] = dt.date.fromordinal(record[2])
    utc = {text: _utc(moment) for text, moment in moments.items()}
    times = [utc[r[4]] for r in records]
    ranks = list(range(1, len(records) + 1))  # appended in recording order: the usual case
    if any(a > b for a, b in itertools.pairwise(times)):
        # merged clones interleave: rank by recording time, then file order (sort is stable)
        for position, index in enumerate(sorted(range(len(records)), key=times.__getitem__), 1):
            ranks[index] = position
    return ranks, moments, days


def observations_of(
    records: list[Record],
    ranks: list[int],
    moments: Moments,
    days: dict[int, dt.date],
    path: Path,
) -> tuple[Observation, ...]:
    """Some records as Observations, with the sequences `ranked` gave them."""
    return _build(records, ranks, moments, days, str(path))


def _build(
    records: list[Record],
    ranks: list[int],
    moments: Moments,
    days: dict[int, dt.date],
    name: str,
) -> tuple[Observation, ...]:
    # Positional arguments, in Observation's field order: the fastest way to build many.
    return tuple(
        Observation(
            r[1],
            days[r[2]],
            r[3],
            r[0],
            moments[r[4]],
            r[5],
            r[6],
            r[7],
            Where(name, r[10]),
            ranks[i],
            r[8],
            r[9],
            None,
            r[11],
            None if r[12] is None else Comparator(r[12]),
        )
        for i, r in enumerate(records)
    )


def _utc(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def _finite(value: float) -> bool:
    """A number a float can hold (an int too large for one is not)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def parse_record(line: str, where: Where) -> Observation | Void:
    """One ledger line as an Observation (or a Void); LedgerError says what is wrong."""
    import tomllib  # not at the top: an update of plain text never parses a record

    try:
        document = tomllib.loads(line)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).split(" (at ", 1)[0]
        raise LedgerError(f"not a ledger record: {message}", where=str(where)) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise LedgerError("not a ledger record: a number far too long", where=str(where)) from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise LedgerError("not a ledger record: nested too deeply", where=str(where)) from None
    if len(document) != 1:
        raise LedgerError("a ledger line holds exactly one record", where=str(where))
    ((record_id, fields),) = document.items()
    if not RECORD_ID.match(record_id):
        raise LedgerError(
            f"record id {record_id!r} is not of the form r<date>T<time>-<hex>", where=str(where)
        )
    if not isinstance(fields, dict):
        raise LedgerError(f"record {record_id} must be an inline table", where=str(where))
    if "voids" in fields:
        return _parse_void(record_id, fields, where)
    for key in fields:
        if key not in FIELDS:
            raise LedgerError(
                f"record {record_id} has unknown field '{key}'",
                where=str(where),
                hint=suggest(key, FIELDS),
            )
    for key in REQUIRED:
        if key not in fields:
            raise LedgerError(f"record {record_id} lacks '{key}'", where=str(where))
    target, date, value, recorded_at = (fields[k] for k in REQUIRED)
    if not isinstance(target, str):
        raise LedgerError(f"record {record_id}: target must be a string", where=str(where))
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise LedgerError(f"record {record_id}: date must be a date", where=str(where))
    if not isinstance(value, (bool, int, float)) or (
        not isinstance(value, bool) and not _finite(value)
    ):
        raise LedgerError(
            f"record {record_id}: value must be a finite number or true/false", where=str(where)
        )
    if not isinstance(recorded_at, dt.datetime):
        raise LedgerError(
            f"record {record_id}: recorded_at must be a date and time", where=str(where)
        )
    texts: dict[str, str | None] = {}
    for key in ("recorded_by", "source", "note", "stage", "item"):
        text = fields.get(key)
        if text is not None and not isinstance(text, str):
            raise LedgerError(f"record {record_id}: {key} must be a string", where=str(where))
        texts[key] = text
    forced = fields.get("forced", False)
    if not isinstance(forced, bool):
        raise LedgerError(f"record {record_id}: forced must be true or false", where=str(where))
    comparator = _record_comparator(fields.get("comparator"), value, record_id, where)
    return Observation(
        target_id=target,
        date=date,
        value=value if isinstance(value, bool) else float(value),
        record_id=record_id,
        recorded_at=recorded_at,
        recorded_by=texts["recorded_by"],
        source=texts["source"],
        note=texts["note"],
        where=where,
        stage=texts["stage"],
        item=texts["item"],
        forced=forced,
        comparator=comparator,
    )


def _record_comparator(
    raw: object, value: object, record_id: str, where: Where
) -> Comparator | None:
    """A record's `comparator` (the registry's observations take the same ones), checked."""
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in OBSERVATION_COMPARATORS:
        shown = repr(raw) if isinstance(raw, str) else type(raw).__name__
        raise LedgerError(
            f"record {record_id}: comparator is {shown}, not one of "
            + ", ".join(OBSERVATION_COMPARATORS),
            where=str(where),
            hint=suggest(str(raw), OBSERVATION_COMPARATORS)
            or 'write ">" for "exceeding", ">=" for "at least", "about" for "about"',
        )
    if isinstance(value, bool):
        raise LedgerError(
            f"record {record_id}: comparator is for numeric figures, not true/false",
            where=str(where),
            hint="remove it: done is done",
        )
    return Comparator(raw)


def _parse_void(record_id: str, fields: dict[str, Any], where: Where) -> Void:
    """A void record's fields, checked."""
    for key in fields:
        if key not in VOID_FIELDS:
            raise LedgerError(
                f"void {record_id} has unknown field '{key}'",
                where=str(where),
                hint=suggest(key, VOID_FIELDS),
            )
    voids, reason, recorded_at = (fields.get(k) for k in VOID_FIELDS[:3])
    if not isinstance(voids, str) or not RECORD_ID.match(voids):
        raise LedgerError(f"void {record_id}: voids must be a record id", where=str(where))
    if not isinstance(reason, str):
        raise LedgerError(f"void {record_id}: reason must be a string", where=str(where))
    if not isinstance(recorded_at, dt.datetime):
        raise LedgerError(
            f"void {record_id}: recorded_at must be a date and time", where=str(where)
        )
    recorded_by = fields.get("recorded_by")
    if recorded_by is not None and not isinstance(recorded_by, str):
        raise LedgerError(f"void {record_id}: recorded_by must be a string", where=str(where))
    return Void(record_id, voids, reason, recorded_at, recorded_by, where)


def validate(plan: Plan, observations: Iterable[Observation]) -> list[ZqplanError]:
    """Records for an unknown target, stage or item, or with the wrong kind of value."""
    problems: list[ZqplanError] = []
    targets = {t.id: t for t in plan.targets}
    targets.update({old: t for t in plan.targets for old in t.renamed_from})
    programmes = {p.id: p for p in plan.programmes}
    # The common case, a number for a numeric target, costs two look-ups a record.
    numeric = {i for i, t in targets.items() if t.kind is Kind.NUMERIC}
    for observation in observations:
        if (
            observation.target_id in numeric
            and observation.stage is None
            and not isinstance(observation.value, bool)
        ):
            continue
        where = None if observation.where is None else str(observation.where)
        record = observation.record_id
        target = targets.get(observation.target_id)
        programme = programmes.get(observation.target_id)
        if programme is not None:
            problem = _programme_problem(observation, programme)
            if problem is not None:
                problems.append(LedgerError(f"record {record}: {problem}", where=where))
        elif target is None:
            problems.append(
                LedgerError(
                    f"record {record} is for unknown target '{observation.target_id}'",
                    where=where,
                    hint=suggest(observation.target_id, [*targets, *programmes])
                    or "add the target to the registry, or, if it was renamed, its old id to "
                    "renamed_from of the target it became; read commands leave the record out",
                )
            )
        elif observation.stage is not None or observation.item is not None:
            problems.append(
                LedgerError(
                    f"record {record} names a stage or item, but '{target.id}' is a target",
                    where=where,
                )
            )
        elif (target.kind is Kind.YES_NO) != isinstance(observation.value, bool):
            wanted = "true/false" if target.kind is Kind.YES_NO else "a number"
            problems.append(
                LedgerError(f"record {record} for '{target.id}' must hold {wanted}", where=where)
            )
    return problems


def _programme_problem(observation: Observation, programme: Programme) -> str | None:
    """What is wrong with an item record of a programme, if anything."""
    if observation.stage is None or observation.item is None:
        return f"'{programme.id}' is a programme: a record needs a stage and an item"
    stage = programme.stage(observation.stage)
    if stage is None:
        known = [s.id for s in programme.stages]
        hint = suggest(observation.stage, known)
        return f"programme '{programme.id}' has no stage '{observation.stage}'" + (
            f" ({hint})" if hint else ""
        )
    if observation.item not in stage.items:
        return f"stage '{stage.id}' of '{programme.id}' has no item '{observation.item}'"
    if not isinstance(observation.value, bool):
        return "an item record holds true or false"
    return None

"""A derived cache outside the registry: safe to delete, never the only copy of anything.

What lives there is rebuilt from the registry and the ledger on demand:

- the **ledger index**: the ledger's records already parsed, with the length and
  hash of the bytes they came from, so that only lines appended since (by
  `zqplan update` or a `git pull`) are parsed again, and a digest of each target's
  records;
- the **parsed registry**, with a digest of each target's entry;
- **status's assessments**: each target's, keyed by the digests of its entry and its
  records, the day and zqplan's code, so that after a pull only the targets whose
  records changed are judged again;
- the **output memo**: what a read-only command printed, keyed by everything the
  output depends on (the registry's and the ledger's file state, the command's
  arguments, the day, the terminal, zqplan's own code), so that running the same
  command again on unchanged files costs only start-up; for `report -o`, the
  bytes of the file it wrote (keyed also by the format and the code that
  renders it), written again instead of made again.

`ZQPLAN_CACHE_DIR` moves it (default `$XDG_CACHE_HOME/zqplan`, else
`~/.cache/zqplan`); `ZQPLAN_NO_CACHE=1` turns it off. It is used only in a folder
this user owns and no one else can write. Every file carries a digest of its
content; a file that is damaged, foreign or cannot be read is ignored and
rewritten; one that cannot be written is skipped and leaves nothing behind.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CACHE_ENV = "ZQPLAN_CACHE_DIR"
NO_CACHE_ENV = "ZQPLAN_NO_CACHE"
FORMAT = 5
"""Bumped whenever what the cache holds changes shape."""
MEMO_ENTRIES = 256
"""The output memo keeps this many newest entries."""
MEMO_MAX_BYTES = 16 * 1024 * 1024
"""Outputs larger than this are not memoised."""
MEMO_TOTAL_BYTES = 64 * 1024 * 1024
"""The output memo's size on disk at most: the oldest entries go first."""
LEDGERS_KEPT = 16
"""Ledger indexes kept: one per ledger in use; the least recently written go."""
OUTPUT_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLORTERM",
    "TERM",
    "COLUMNS",
    "LINES",
    "ZQPLAN_LANG",
)
"""Environment variables that change what a command prints."""


def directory() -> Path | None:
    """The cache directory, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zqplan"


def _blake2b(data: bytes) -> str:
    """A 128-bit BLAKE2b digest (the builtin module: hashlib would load OpenSSL first)."""
    return str(_hasher(data).hexdigest())


def digest_bytes(data: bytes) -> str:
    """A 128-bit BLAKE2b digest of some bytes, as hex."""
    return _blake2b(data)


def _hasher(data: bytes | memoryview) -> Any:
    from _blake2 import blake2b

    return blake2b(data, digest_size=16)


def _digest(*parts: object) -> str:
    return _blake2b(repr(parts).encode("utf-8"))


def file_state(path: Path) -> tuple[int, int, int, int] | None:
    """What changes whenever a file's content may have: size, times, inode."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


def code_state() -> tuple[int, ...]:
    """zqplan's own code (and Python's): a new version or an edited module invalidates
    everything cached, the parsed registry and the ledger index included."""
    import sys

    package = Path(__file__).parent
    states = []
    for folder in (package, package / "commands"):  # the commands live in their own modules
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".py", ".toml")):
                    states.append(entry.stat().st_mtime_ns)
    return (FORMAT, *sys.version_info[:3], len(states), max(states, default=0))


def trusted(path: Path) -> bool:
    """A cache file or folder this user owns and no one else can change (a planted
    cache file could make zqplan show figures the ledger does not hold)."""
    if os.name != "posix":
        return True
    try:
        found = path.stat()
    except OSError:
        return False
    return found.st_uid == os.getuid() and not found.st_mode & 0o022


_refused: list[Path] = []
"""Cache folders refused this run: said once (with ZQPLAN_DEBUG=1), then skipped."""


def _folder(*, create: bool) -> Path | None:
    """The cache folder if it is this user's alone (created 0700 when asked), else None."""
    folder = directory()
    if folder is None or folder in _refused:
        return None
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    elif not folder.exists():
        return None
    if trusted(folder):
        return folder
    _refused.append(folder)
    if os.environ.get("ZQPLAN_DEBUG"):
        import sys

        if sys.stderr is not None:
            sys.stderr.write(
                f"zqplan: debug: cache folder {folder} is not this user's alone "
                "(others may write it): no cache used\n"
            )
    return None


MAGIC = b"zqplan-cache-2\n"
"""The start of every cache file; then a BLAKE2b digest of the rest, then the rest."""
DIGEST = 16


def _read(name: str) -> Any:
    """A cache file's value; None when missing, not ours alone, damaged or unreadable."""
    folder = _folder(create=False)
    if folder is None or not trusted(folder / name):
        return None
    try:
        raw = (folder / name).read_bytes()
    except OSError:
        return None
    head, body = raw[: len(MAGIC) + DIGEST], memoryview(raw)[len(MAGIC) + DIGEST :]
    if head[: len(MAGIC)] != MAGIC or head[len(MAGIC) :] != _hasher(body).digest():
        return None  # damaged, truncated, or from another version: rebuilt
    try:
        # marshal builds only plain values (no code runs, unlike pickle); the digest
        # has already ruled out damage, and the folder's owner rules out planting.
        return marshal.loads(body)
    except Exception:
        return None


def _write(name: str, value: Any) -> None:
    """Write atomically (temp file, then rename); a failure only costs speed."""
    folder = _folder(create=True)
    if folder is None:
        return
    try:
        body = marshal.dumps(value)
    except ValueError:
        return
    # What tempfile.mkstemp does (a new file, this user's alone), without importing
    # tempfile (random, shutil: ~4 ms of every cold status).
    temporary = folder / f"{TEMP_PREFIX}{os.urandom(8).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(temporary, flags | getattr(os, "O_BINARY", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + _hasher(body).digest() + body)
        os.replace(temporary, folder / name)
    except OSError:
        temporary.unlink(missing_ok=True)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


TEMP_PREFIX = ".tmp-"
TEMP_AGE = 3600
"""Seconds after which a temp file no writer renamed is a leftover (a killed writer's)."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many objects are built, then restore it.

    A ledger's records and a cached Plan hold no cycles (reference counting frees
    them), but building 100,000 objects runs the collector over every object alive
    again and again: about a quarter of reading a 100,000-record ledger.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- the output memo -------------------------------------------------------------


def output_key(
    command: str,
    params: Mapping[str, object],
    files: Sequence[Path],
    *,
    day: str,
    terminal: tuple[object, ...],
) -> str:
    """The memo key: everything a read-only command's output depends on."""
    states = tuple((str(path.resolve()), file_state(path)) for path in files)
    env = tuple(os.environ.get(name) for name in OUTPUT_ENV)
    return _digest(code_state(), command, sorted(params.items()), states, day, terminal, env)


def recall(key: str) -> tuple[str, str, int] | None:
    """A memoised (stdout, stderr, exit code), if there is one."""
    found = _read(f"out-{key}")
    if (
        isinstance(found, tuple)
        and len(found) == 3
        and isinstance(found[0], str)
        and isinstance(found[1], str)
        and isinstance(found[2], int)
    ):
        return found
    return None


def remember(key: str, stdout: str, stderr: str, code: int) -> None:
    """Memoise an output, and keep only the newest MEMO_ENTRIES."""
    _memoise(key, (stdout, stderr, code), len(stdout) + len(stderr))


def _memoise(key: str, entry: tuple[object, ...], size: int) -> None:
    """Keep one memo entry (not when over MEMO_MAX_BYTES), then only the newest ones."""
    if size > MEMO_MAX_BYTES:
        return
    _write(f"out-{key}", entry)
    folder = _folder(create=False)
    if folder is not None:
        _keep_newest(folder, "out-", MEMO_ENTRIES, MEMO_TOTAL_BYTES)


def recall_file(key: str) -> tuple[bytes, str] | None:
    """A memoised file a read-only command wrote (`report -o`), and its messages."""
    found = _read(f"out-{key}")
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], bytes)
        and isinstance(found[1], str)
    ):
        return found
    return None


def remember_file(key: str, content: bytes, messages: Sequence[str]) -> None:
    """Memoise a file's bytes and the messages said while making it."""
    said = "".join(messages)
    _memoise(key, (content, said), len(content) + len(said))


# --- the ledger index ------------------------------------------------------------

Record = tuple[Any, ...]
"""A parsed ledger record as plain values: (record_id, target, date ordinal, value,
recorded_at ISO text, recorded_by, source, note, stage, item, line, forced, comparator)."""
Problem = tuple[str, int, str | None]
"""A problem found in the indexed bytes: (message, line, hint)."""


def _index_name(ledger: Path) -> str:
    return f"ledger-{_digest(str(ledger.resolve()))}"


class Index:
    """What the ledger index remembers, and the hash of the bytes it covers so far."""

    def __init__(
        self,
        length: int,
        lines: int,
        records: list[Record],
        problems: list[Problem],
        hasher: Any,
        digests: dict[str, str],
    ):
        self.length = length
        """Bytes of the ledger already parsed (whole lines only)."""
        self.lines = lines
        """Lines in those bytes."""
        self.records = records
        """Their records."""
        self.problems = problems
        """Their problems."""
        self.hasher = hasher
        """BLAKE2b over those bytes, to extend with what is appended."""
        self.digests = digests
        """Per target, a digest of its records in file order (see chain)."""


def load_index(ledger: Path, raw: bytes) -> Index:
    """The index, if the file still starts with the bytes it covers; else an empty one."""
    found = _read(_index_name(ledger))
    if isinstance(found, tuple) and len(found) == 7 and found[0] == code_state():
        _, length, digest, lines, records, problems, digests = found
        if isinstance(length, int) and len(raw) >= length and isinstance(digests, dict):
            hasher = _hasher(memoryview(raw)[:length])
            if hasher.hexdigest() == digest:
                return Index(length, lines, records, problems, hasher, digests)
    # none, unreadable, or the file was rewritten, not appended to: parse it all again
    return Index(0, 0, [], [], _hasher(b""), {})


def chain(digests: dict[str, str], records: Sequence[Record]) -> None:
    """Extend each target's digest with its records (voids, which name none, aside).

    A digest covers every value of the target's records, their lines and recording
    times included, in file order: two equal digests mean the same records, in the
    same order of recording.
    """
    for record in records:
        target = record[1]
        if target is not None:
            digests[target] = _blake2b((digests.get(target, "") + repr(record)).encode())


def save_index(ledger: Path, index: Index, appended: bytes) -> None:
    """Remember the index, extended by the bytes appended (already parsed into it)."""
    index.hasher.update(appended)
    _write(
        _index_name(ledger),
        (
            code_state(),
            index.length,
            index.hasher.hexdigest(),
            index.lines,
            index.records,
            index.problems,
            index.digests,
        ),
    )
    folder = _folder(create=False)
    if folder is not None:
        _keep_newest(folder, "ledger-", LEDGERS_KEPT)


# --- the parsed registry ------------------------------------------------------------


_entries: list[tuple[object, tuple[str, ...]]] = []
"""The plan loaded or saved last in this run, and a digest of each of its targets."""


def load_plan(raw: bytes) -> Any:
    """The Plan parsed from exactly these registry bytes before, if remembered."""
    if directory() is None:
        return None  # caching is off: not even the key is worked out
    found = _read(_plan_name(raw))
    if not isinstance(found, tuple) or len(found) != 2:
        return None
    try:
        with collector_paused():
            plan = _decode(found[0], _model_types())
    except Exception:  # any damage or mismatch means no cache, never an error
        return None
    tokens = found[1]
    if isinstance(tokens, tuple) and len(tokens) == len(getattr(plan, "targets", ())):
        _entries[:] = [(plan, tokens)]
    return plan


def save_plan(raw: bytes, plan: object) -> None:
    """Remember the Plan parsed from these registry bytes (a valid registry only)."""
    if directory() is None:
        return  # caching is off: encoding the plan (~14 ms) would be for nothing
    try:
        encoded = _encode(plan)
    except (TypeError, RecursionError):
        return
    tokens = tuple(_blake2b(repr(entry).encode()) for entry in _encoded_targets(encoded))
    _entries[:] = [(plan, tokens)]
    _write(_plan_name(raw), (encoded, tokens))
    folder = _folder(create=False)
    if folder is not None:
        _keep_newest(folder, "plan-", PLANS_KEPT)


PLANS_KEPT = 32
"""Parsed registries kept: one per registry and version in use, and a few old ones."""


def _encoded_targets(encoded: Any) -> tuple[Any, ...]:
    """The encoded targets of an encoded Plan."""
    import dataclasses

    from zqplan.model import Plan

    names = [f.name for f in dataclasses.fields(Plan)]
    targets: tuple[Any, ...] = encoded[2 + names.index("targets")][1:]  # ("t", *targets)
    return targets


def target_tokens(plan: Any) -> dict[str, str] | None:
    """A digest of each target's registry entry (every field, as the plan holds it),
    for a plan this run loaded or saved through the cache; None otherwise."""
    targets = plan.targets
    for known, tokens in _entries:
        if known is plan:
            return {t.id: token for t, token in zip(targets, tokens, strict=True)}
    return None


def _plan_name(raw: bytes) -> str:
    return f"plan-{_digest(code_state(), _blake2b(raw))}"


# A Plan as plain values, for marshal: a dataclass is ("D", class name, *fields), an
# enum ("E", class name, value), a date ("d", ordinal), a date and time ("T", ISO
# text), a tuple ("t", *items). Only zqplan.model's classes are built back.


def _encode(item: object) -> object:
    import dataclasses
    import datetime as dt
    from enum import Enum

    if item is None or type(item) in (str, int, float, bool):
        return item
    if isinstance(item, Enum):
        return ("E", type(item).__name__, item.value)
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        values = (getattr(item, f.name) for f in dataclasses.fields(item))
        return ("D", type(item).__name__, *(_encode(v) for v in values))
    if isinstance(item, dt.datetime):
        return ("T", item.isoformat())
    if isinstance(item, dt.date):
        return ("d", item.toordinal())
    if isinstance(item, tuple):
        return ("t", *(_encode(v) for v in item))
    raise TypeError(f"no cache form for {type(item).__name__}")


def _model_types() -> dict[str, Any]:
    """The classes a cached Plan may be built from: zqplan.model's, nothing else."""
    import dataclasses
    from enum import Enum

    from zqplan import model

    return {
        name: kind
        for name, kind in vars(model).items()
        if isinstance(kind, type)
        and kind.__module__ == model.__name__
        and (dataclasses.is_dataclass(kind) or issubclass(kind, Enum))
    }


def _decode(item: object, types: dict[str, Any]) -> object:
    """A Plan (or any value) back from its cache form; TypeError when it is none."""
    import datetime as dt

    enums: dict[tuple[str, object], object] = {}  # a plan names each member many times

    def build(item: object) -> object:
        if type(item) is not tuple:  # marshal builds plain tuples only
            if item is None or type(item) in (str, int, float, bool):
                return item
            raise TypeError("not a cached value")
        tag = item[0]
        if tag == "D":
            return types[item[1]](*[build(v) for v in item[2:]])
        if tag == "t":
            return tuple([build(v) for v in item[1:]])
        if tag == "d":
            return dt.date.fromordinal(item[1])
        if tag == "E":
            member = enums.get((item[1], item[2]))
            if member is None:
                member = enums[item[1], item[2]] = types[item[1]](item[2])
            return member
        if tag == "T":
            return dt.datetime.fromisoformat(item[1])
        raise TypeError("not a cached value")

    return build(item)


# --- status's assessments ---------------------------------------------------------

ASSESSMENTS_KEPT = 16
"""Files of assessments kept: one per ledger, day and --known-at in use."""


def assessments_name(ledger: Path, *parts: object) -> str:
    """The file of status's assessments for this ledger and these options."""
    return f"assess-{_digest(str(ledger.resolve()), *parts)}"


def load_assessments(name: str) -> dict[str, Any]:
    """Encoded assessments by key (see assessment_key), as saved; none if not ours."""
    found = _read(name)
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and found[0] == code_state()
        and isinstance(found[1], dict)
    ):
        return found[1]
    return {}


def save_assessments(name: str, entries: dict[str, Any]) -> None:
    """Remember encoded assessments by key."""
    _write(name, (code_state(), entries))
    folder = _folder(create=False)
    if folder is not None:
        _keep_newest(folder, "assess-", ASSESSMENTS_KEPT)


def assessment_key(*parts: object) -> str:
    """A digest of everything one assessment depends on (texts, numbers, None) but
    zqplan's code, which the file of assessments carries (see load_assessments)."""
    return _digest(*parts)


def encode_assessment(assessment: Any) -> Any:
    """An Assessment as plain values, but for its target (the plan has it); None when
    it has no such form."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(assessment)]
    assert names[0] == "target"
    try:
        # without its observations: status shows none, and building them back would
        # cost what remembering the assessment saves
        return tuple(
            ("t",) if name == "observations" else _encode(getattr(assessment, name))
            for name in names[1:]
        )
    except (TypeError, RecursionError):
        return None


def assessment_decoder() -> Any:
    """A function building an Assessment back from its target and encode_assessment's
    form; it raises on anything that is not such a form."""
    from zqplan.model import Assessment

    types = _model_types()
    build: Any = Assessment  # its fields' types are checked where they were encoded

    def decode(target: Any, item: Any) -> Any:
        if not isinstance(item, tuple):
            raise TypeError("not a cached assessment")
        return build(target, *(_decode(v, types) for v in item))

    return decode


def _keep_newest(folder: Path, prefix: str, count: int, total: int | None = None) -> None:
    """Delete all but the newest `count` cache files whose names start with prefix (and
    the oldest of them beyond `total` bytes), and temp files writers left behind."""
    import time

    try:
        stale = time.time() - TEMP_AGE
        entries = []
        for entry in os.scandir(folder):
            if entry.name.startswith(prefix):
                entries.append((entry.stat().st_mtime_ns, entry.stat().st_size, entry.path))
            elif entry.name.startswith(TEMP_PREFIX) and entry.stat().st_mtime < stale:
                Path(entry.path).unlink(missing_ok=True)
        entries.sort(reverse=True)
        size = 0
        for rank, (_, length, path) in enumerate(entries):
            size += length
            if rank >= count or (total is not None and size > total and rank > 0):
                Path(path).unlink(missing_ok=True)
    except OSError:
        return

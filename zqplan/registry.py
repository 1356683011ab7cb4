"""Read targets.toml into the model, validating every field with file:line."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from zqplan.errors import Problems, RegistryError, ZqplanError
from zqplan.model import (
    Area,
    Attribute,
    Comparator,
    Direction,
    Document,
    Frequency,
    Goal,
    Inference,
    Kind,
    Observation,
    Plan,
    Point,
    Programme,
    Revision,
    Role,
    Stage,
    Target,
    Trajectory,
    Where,
    YearlyTarget,
)

SCHEMA = "zqplan.registry/1"
"""The registry format this version reads."""

ID_PATTERN = r"^[a-z][a-z0-9-]*$"
"""What an id looks like (a pattern for re.match: compiled when a registry is parsed, not
when a cached one is read)."""
"""Ids of areas and targets: lower-case letters, digits and hyphens."""

TOP_KEYS = ("schema", "plan", "documents", "areas", "targets", "programmes")
PROGRAMME_KEYS = (
    "area", "title", "title_zh", "source", "document", "start", "note", "inferred", "stages",
)  # fmt: skip
STAGE_KEYS = ("id", "title", "title_zh", "date", "targets", "items", "evidence")
INFERRED_KEYS = ("source", "document", "note")
EVIDENCE_KEYS = ("item", "date", "source", "document", "note")
PLAN_KEYS = ("id", "title", "title_zh", "document", "published", "tolerance")
AREA_KEYS = ("title", "title_zh")
DOCUMENT_KEYS = ("title", "title_zh", "published", "file", "url")
TARGET_KEYS = (
    "area",
    "title",
    "title_zh",
    "source",
    "document",
    "unit",
    "direction",
    "kind",
    "attribute",
    "role",
    "trajectory",
    "frequency",
    "baseline",
    "target",
    "note",
    "observations",
    "revisions",
    "lag_months",
    "cumulative",
    "yearly",
    "tolerance",
    "relative_to",
    "renamed_from",
    "retired",
    "parts",
)
POINT_KEYS = ("value", "date")
GOAL_FORMS = ("value", "annual_growth", "change", "change_by")
GOAL_KEYS = ("date", *GOAL_FORMS)
REVISION_KEYS = ("decided", "reason", "document", *GOAL_KEYS)
OBSERVATION_KEYS = ("date", "value", "comparator", "source", "document", "note")
OBSERVATION_COMPARATORS = (">", ">=", "<", "<=", "about")
"""How a registry figure may be qualified: "exceeding 30" is `comparator = ">"`."""
YEARLY_KEYS = ("target", "source", "document", "note")
"""Keys of a yearly entry written as a table: 2022 = { target = "about 7", source = "..." }."""

_Choice = TypeVar("_Choice", Direction, Kind, Attribute, Role, Trajectory, Frequency)

# Patterns compile on first use (re keeps them): a registry read from the cache needs none.
_KEY = r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"))*)\s*="
_TOML_POSITION = r"^(?P<msg>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$"


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint naming the closest choices, if any are close."""
    import difflib  # only when a mistake needs a suggestion

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


class LineIndex:
    """Where each table and key of a hand-written TOML file starts, by dotted path."""

    def __init__(self, text: str):
        self._lines: dict[str, int] = {}
        self._array_tables: dict[str, list[int]] = {}
        self._text_lines = text.splitlines()
        table = ""
        keys = re.compile(_KEY)
        for number, line in enumerate(self._text_lines, start=1):
            header = _header(line)
            if header is not None:
                table = ".".join(part.strip().strip('"') for part in header.split("."))
                self._lines.setdefault(table, number)
                if line.lstrip().startswith("[["):
                    self._array_tables.setdefault(table, []).append(number)
                continue
            key = keys.match(line)
            if key:
                # a dotted key (target.value = 1) names a path inside the current table
                parts = [part.strip().strip('"') for part in key.group(1).split(".")]
                name = ".".join(parts)
                path = f"{table}.{name}" if table else name
                self._lines.setdefault(path, number)

    def line(self, *path: str) -> int | None:
        """The line of the deepest part of path that is found."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(".".join(path[:end]))
            if found is not None:
                return found
        return None

    def element_line(self, index: int, *path: str) -> int | None:
        """The line of the index-th element of an array: a [[header]] or an inline table."""
        headers = self._array_tables.get(".".join(path), [])
        if index < len(headers):
            return headers[index]
        return self.item_line(index, *path)

    def item_line(self, index: int, *path: str) -> int | None:
        """The line of the index-th inline table of the array at path.

        Braces inside strings and comments are not counted, so a note that says
        "the {1+9+N} system" does not shift the items after it.
        """
        start = self.line(*path)
        if start is None:
            return None
        return self.item_line_from(start, index)

    def key_after(self, start: int, key: str) -> int | None:
        """The line of `key = ...` in the table that starts at line `start`, if any."""
        for number in range(start + 1, len(self._text_lines) + 1):
            line = self._text_lines[number - 1]
            if _header(line) is not None:
                return None
            found = re.match(_KEY, line)
            if found and found.group(1).strip() == key:
                return number
        return None

    def item_line_from(self, start: int, index: int) -> int:
        """The line of the index-th inline table of the array whose key is on line start."""
        seen = -1
        depth = 0
        for number in range(start, len(self._text_lines) + 1):
            line = self._text_lines[number - 1]
            if number == start:
                line = line.split("=", 1)[-1]
            if "{" not in line and "}" not in line:
                continue  # not a brace on it, in code or in a string: nothing to count
            for char in _code_only(line):
                if char == "{":
                    if depth == 0:
                        seen += 1
                        if seen == index:
                            return number
                    depth += 1
                elif char == "}":
                    depth = max(depth - 1, 0)
        return start


def _header(line: str) -> str | None:
    """The name of a [table] or [[array]] header line, in one pass (no backtracking)."""
    text = line.strip()
    if not text.startswith("["):
        return None
    body = text[2:] if text.startswith("[[") else text[1:]
    close = body.find("]")
    if close < 0:
        return None
    name = body[:close].strip()
    after = body[close + 1 :].removeprefix("]").strip()
    if not name or "#" in name or (after and not after.startswith("#")):
        return None
    return name


def _code_only(line: str) -> str:
    """The line without its strings and comment, for counting brackets."""
    kept: list[str] = []
    quote = ""
    escaped = False
    for char in line:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        else:
            kept.append(char)
    return "".join(kept)


def read_bytes(path: Path, *, what: str, error: type[ZqplanError]) -> bytes:
    """The file's bytes, or an error saying why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"no {what} at {path}", hint=_missing_hint(what)) from None
    except IsADirectoryError:
        raise error(f"{path} is a directory, not a {what} file") from None
    except PermissionError:
        raise error(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror}") from None


def decode(raw: bytes, *, path: Path, error: type[ZqplanError]) -> str:
    """UTF-8 text, or an error naming the line of the first bad byte."""
    try:
        # A leading BOM ("UTF-8 with BOM", as Notepad saves) is no part of the text.
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            f"not UTF-8 text (byte {exc.start + 1})",
            where=f"{path}:{line}",
            hint="save the file as UTF-8",
        ) from None


def read_text(path: Path, *, what: str, error: type[ZqplanError]) -> str:
    """The file's text, or an error saying why it cannot be read."""
    return decode(read_bytes(path, what=what, error=error), path=path, error=error)


def _missing_hint(what: str) -> str:
    if what == "registry":
        return "run `zqplan init DIR` to start one, or pass --registry PATH"
    return "check the path"


def parse_toml(text: str, *, path: Path, error: type[ZqplanError]) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into FILE:LINE:COL: message."""
    import tomllib  # not at the top: a registry read from the cache needs no parser

    if "\x00" in text:
        raise error("binary data (a NUL byte), not TOML text", where=str(path))
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise error(
            "invalid TOML: arrays or tables nested too deeply",
            where=f"{path}:{_deepest_line(text)}",
            hint="a registry needs a few levels of nesting, not hundreds",
        ) from None
    except ValueError as exc:
        if not isinstance(exc, tomllib.TOMLDecodeError):  # an integer of over 4,300 digits
            raise error("invalid TOML: a number far too long", where=str(path)) from None
        from zqplan.markers import conflict_markers, describe

        conflict = conflict_markers(text)
        if conflict is not None:  # a merge left both sides in: say so, not "invalid statement"
            message, hint = describe(conflict)
            raise error(message, where=f"{path}:{conflict[0]}", hint=hint) from None
        found = re.match(_TOML_POSITION, str(exc))
        if found is None:
            raise error(f"invalid TOML: {exc}", where=str(path)) from None
        raise error(
            f"invalid TOML: {found['msg']} (column {found['col']})",
            where=f"{path}:{found['line']}",
            hint="fix the syntax; `zqplan docs registry` describes the format",
        ) from None


def _deepest_line(text: str) -> int:
    """The line where brackets and braces (outside strings) nest deepest: one pass."""
    deepest, where, depth = -1, 1, 0
    for number, line in enumerate(text.splitlines(), start=1):
        for char in _code_only(line):
            if char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, where = depth, number
            elif char in "]}":
                depth = max(depth - 1, 0)
    return where


def load_plan(path: Path) -> Plan:
    """Read and validate the registry at path; raise Problems listing every mistake."""
    from zqplan import cache

    raw = read_bytes(path, what="registry", error=RegistryError)
    # The path is part of the key: it is in the plan's messages (file:line).
    key = str(path).encode("utf-8", "surrogateescape") + b"\0" + raw
    remembered = cache.load_plan(key)
    if isinstance(remembered, Plan):
        return remembered
    text = decode(raw, path=path, error=RegistryError)
    document = parse_toml(text, path=path, error=RegistryError)
    plan = _Reader(path, text).plan(document)
    cache.save_plan(key, plan)
    return plan


def plan_from_text(path: Path, text: str) -> Plan:
    """Validate registry text as the file at path would be (for a writer that checks first)."""
    document = parse_toml(text, path=path, error=RegistryError)
    return _Reader(path, text).plan(document)


def missing_texts(plan: Plan) -> list[ZqplanError]:
    """A problem for each declared document whose `file` is not beside the registry."""
    folder = Path(plan.path).parent
    problems: list[ZqplanError] = []
    for document in plan.documents:
        if document.file is None or (folder / document.file).is_file():
            continue
        problems.append(
            RegistryError(
                f"document '{document.id}' names file '{document.file}', which does not exist "
                f"(looked for {folder / document.file})",
                where=None if document.where is None else str(document.where),
                hint="put the text there (paths are relative to the registry's folder), "
                "or remove the file line",
            )
        )
    return problems


class _Reader:
    """Turns a parsed registry into a Plan, collecting every problem on the way."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = LineIndex(text)
        self.problems: list[ZqplanError] = []
        self.unit = ""
        self.document_ids: list[str] | None = None
        """The ids under [documents] (None: the registry declares none)."""
        self.default_document: str | None = None
        """The plan's document id, for entries that name none."""

    def where(self, *keys: str) -> str:
        line = self.lines.line(*keys)
        return str(self.path) if line is None else f"{self.path}:{line}"

    def problem(
        self, message: str, *keys: str, hint: str | None = None, line: int | None = None
    ) -> None:
        where = f"{self.path}:{line}" if line is not None else self.where(*keys)
        self.problems.append(RegistryError(message, where=where, hint=hint))

    def unknown_keys(
        self,
        table: Mapping[str, Any],
        allowed: tuple[str, ...],
        *keys: str,
        label: str | None = None,
        line: int | None = None,
    ) -> None:
        """Report keys outside `allowed`, with the closest allowed key as a hint."""
        for key in table:
            if key not in allowed:
                prefix = label if label is not None else ".".join(keys)
                self.problem(
                    f"unknown key '{prefix}.{key}'" if prefix else f"unknown key '{key}'",
                    *keys,
                    key,
                    hint=suggest(key, allowed) or "allowed: " + ", ".join(allowed),
                    line=line,
                )

    def table(self, document: Mapping[str, Any], key: str, *keys: str) -> dict[str, Any]:
        value = document.get(key, {})
        if not isinstance(value, dict):
            self.problem(f"'{'.'.join((*keys, key))}' must be a table", *keys, key)
            return {}
        return value

    def string(
        self, table: Mapping[str, Any], key: str, *keys: str, required: bool = False
    ) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(
                    f"'{'.'.join((*keys, key))}' is required",
                    *keys,
                    hint=f'add {key} = "..."',
                )
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"'{'.'.join((*keys, key))}' must be a non-empty string", *keys, key)
            return None
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        enum: type[_Choice],
        default: _Choice | None,
        *keys: str,
    ) -> _Choice | None:
        value = table.get(key)
        if value is None:
            return default
        allowed = [member.value for member in enum]
        if isinstance(value, str) and value in allowed:
            return enum(value)
        self.problem(
            f"'{'.'.join((*keys, key))}' is {value!r}, not one of {', '.join(allowed)}",
            *keys,
            key,
            hint=suggest(str(value), allowed),
        )
        return default

    def plan(self, document: dict[str, Any]) -> Plan:
        self.unknown_keys(document, TOP_KEYS)
        schema = document.get("schema")
        if schema != SCHEMA:
            self.problem(
                f"schema is {schema!r}, this zqplan reads {SCHEMA!r}"
                if schema is not None
                else "missing schema version",
                "schema",
                hint=f'put schema = "{SCHEMA}" at the top of the file',
                line=None if schema is not None else 1,
            )
        meta = self.table(document, "plan")
        self.unknown_keys(meta, PLAN_KEYS, "plan")
        plan_id = self.string(meta, "id", "plan", required=True) or ""
        title = self.string(meta, "title", "plan", required=True) or ""
        published = meta.get("published")
        if published is not None and not _is_date(published):
            self.problem("'plan.published' must be a date like 2023-03-08", "plan", "published")
            published = None
        documents = self.documents(document)
        plan_document = self.string(meta, "document", "plan")
        if self.document_ids is not None and plan_document is not None:
            self.default_document = self.document_ref(plan_document, "plan", "document")
        areas = self.areas(self.table(document, "areas"))
        area_ids = [a.id for a in areas]
        plan_tolerance = meta.get("tolerance")
        if plan_tolerance is not None:
            plan_tolerance = self.value(plan_tolerance, Kind.NUMERIC, "plan.tolerance", "plan")
            if isinstance(plan_tolerance, float) and plan_tolerance < 0:
                self.problem("'plan.tolerance' must be 0 or more", "plan", "tolerance")
        target_tables = self.table(document, "targets")
        targets = [
            target
            for target_id, table in target_tables.items()
            if (target := self.target(target_id, table, area_ids)) is not None
        ]
        targets = self.relations(
            targets, plan_tolerance if isinstance(plan_tolerance, float) else None
        )
        self.umbrellas(targets, list(target_tables))
        programmes = [
            programme
            for programme_id, table in self.table(document, "programmes").items()
            if (programme := self.programme(programme_id, table, area_ids, list(target_tables)))
            is not None
        ]
        self.renames(targets, [*target_tables, *(p.id for p in programmes)])
        for programme in programmes:
            if programme.id in target_tables:
                self.problem(
                    f"programme '{programme.id}' has the id of a target",
                    "programmes",
                    programme.id,
                    hint="give the programme an id of its own",
                )
        if self.problems:
            self.problems.sort(key=_problem_order)
            raise Problems(self.problems)
        return Plan(
            id=plan_id,
            title=title,
            title_zh=self.string(meta, "title_zh", "plan"),
            document=plan_document,
            published=published,
            areas=tuple(areas),
            targets=tuple(targets),
            programmes=tuple(programmes),
            path=str(self.path),
            documents=documents,
        )

    def renames(self, targets: list[Target], current: list[str]) -> None:
        """Each old id names one target, and no target or programme of today."""
        claimed: dict[str, str] = {}
        for target in targets:
            for old in target.renamed_from:
                keys = ("targets", target.id, "renamed_from")
                if not re.match(ID_PATTERN, old):
                    self.problem(f"renamed_from id '{old}' is not an id", *keys)
                elif old in current:
                    self.problem(
                        f"target '{target.id}' was renamed from '{old}', which is a current id",
                        *keys,
                        hint=f"records for '{old}' would have two owners: remove '{old}' from "
                        "renamed_from or rename the current entry",
                    )
                elif old in claimed:
                    self.problem(
                        f"'{old}' is in renamed_from of both '{claimed[old]}' and '{target.id}'",
                        *keys,
                        hint="an old id's records can count for one target only",
                    )
                claimed.setdefault(old, target.id)

    def entry(
        self,
        what: str,
        entry_id: str,
        table: object,
        allowed: tuple[str, ...],
        area_ids: list[str],
    ) -> tuple[dict[str, Any], str | None] | None:
        """The head every target and programme shares: id, table, keys, area."""
        keys = (f"{what}s", entry_id)
        if not re.match(ID_PATTERN, entry_id):
            self.problem(
                f"{what} id '{entry_id}' must be lower-case letters, digits and hyphens, "
                "starting with a letter",
                *keys,
            )
        if not isinstance(table, dict):
            self.problem(f"{what} '{entry_id}' must be a table", *keys)
            return None
        self.unknown_keys(table, allowed, *keys)
        area = self.string(table, "area", *keys, required=True)
        if area is not None and area not in area_ids:
            self.problem(
                f"{what} '{entry_id}' names area '{area}', which [areas] does not declare",
                *keys,
                "area",
                hint=suggest(area, area_ids) or f"add [areas.{area}]",
            )
        return table, area

    def programme(
        self, programme_id: str, table: object, area_ids: list[str], target_ids: list[str]
    ) -> Programme | None:
        """A staged programme: start date, and stages with targets and named items."""
        keys = ("programmes", programme_id)
        before = len(self.problems)
        head = self.entry("programme", programme_id, table, PROGRAMME_KEYS, area_ids)
        if head is None:
            return None
        table, area = head
        title = self.string(table, "title", *keys, required=True)
        source = self.string(table, "source", *keys, required=True)
        start = table.get("start")
        if not _is_date(start):
            self.problem(
                f"'{'.'.join(keys)}.start' must be the date the programme began, like 2023-01-01",
                *keys,
                "start",
            )
            start = dt.date.min
        quoted = self.entry_document(table, *keys)
        stages = self.stages(table.get("stages"), start, target_ids, keys, document=quoted)
        inferred = self.inferred(table.get("inferred"), keys)
        if len(self.problems) != before or title is None or source is None or area is None:
            return None
        return Programme(
            id=programme_id,
            area=area,
            title=title,
            source=source,
            start=start,
            stages=stages,
            title_zh=self.string(table, "title_zh", *keys),
            note=self.string(table, "note", *keys),
            where=Where(str(self.path), self.lines.line(*keys)),
            document=quoted,
            inferred=inferred,
        )

    def inferred(self, raw: object, keys: tuple[str, ...]) -> Inference | None:
        """`inferred = { source, document, note }`: the text the programme's dates follow from."""
        if raw is None:
            return None
        label = ".".join((*keys, "inferred"))
        line = self.lines.line(*keys, "inferred")
        if not isinstance(raw, dict):
            self.problem(
                f"'{label}' must be a table {{ source, document, note }}",
                line=line,
                hint="quote the sentence the dates are inferred from",
            )
            return None
        self.unknown_keys(raw, INFERRED_KEYS, label=label, line=line)
        source = raw.get("source")
        if not isinstance(source, str) or not source.strip():
            self.problem(
                f"'{label}.source' is required: the sentence the dates are inferred from",
                line=line,
            )
            return None
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            self.problem(f"'{label}.note' must be a string", line=line)
        document = raw.get("document")
        own = None
        if isinstance(document, str):
            own = self.document_ref(document, label=f"{label}.document", line=line)
        elif document is not None:
            self.problem(f"'{label}.document' must be a document id", line=line)
        return Inference(source, own, note if isinstance(note, str) else None)

    def evidence(
        self,
        raw: object,
        stage_id: str,
        items: tuple[str, ...],
        keys: tuple[str, ...],
        label: str,
        line: int | None,
        document: str | None,
    ) -> tuple[Observation, ...]:
        """A stage's `evidence`: items the registry records done, each with its quote."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(
                f"'{label}.evidence' must be a list of {{ item, date, source }}", line=line
            )
            return ()
        start = None if line is None else self.lines.key_after(line, "evidence")
        found: list[Observation] = []
        for index, entry in enumerate(raw):
            at = line if start is None else self.lines.item_line_from(start, index)
            where = f"{label}.evidence[{index}]"
            if not isinstance(entry, dict):
                self.problem(f"'{where}' must be a table {{ item, date, source }}", line=at)
                continue
            self.unknown_keys(entry, EVIDENCE_KEYS, label=where, line=at)
            item, date, source = entry.get("item"), entry.get("date"), entry.get("source")
            if not isinstance(item, str) or item not in items:
                self.problem(
                    f"'{where}.item' is {_shown(item)}, not an item of stage '{stage_id}'",
                    line=at,
                    hint=suggest(str(item), items) or "items: " + ", ".join(items),
                )
                continue
            if not _is_date(date):
                self.problem(f"'{where}.date' must be a date like 2025-12-31", line=at)
                continue
            if not isinstance(source, str) or not source.strip():
                self.problem(f"'{where}.source' is required: the sentence of evidence", line=at)
                continue
            note, named = entry.get("note"), entry.get("document")
            own = None
            if isinstance(named, str):
                own = self.document_ref(named, label=f"{where}.document", line=at)
            found.append(
                Observation(
                    target_id=keys[-1],
                    date=date,
                    value=True,
                    record_id=f"registry:{keys[-1]}:{stage_id}:{index + 1}",
                    source=source,
                    note=note if isinstance(note, str) else None,
                    where=Where(str(self.path), at),
                    stage=stage_id,
                    item=item,
                    document=own or document,
                )
            )
        return tuple(found)

    def stages(
        self,
        raw: object,
        start: dt.date,
        target_ids: list[str],
        keys: tuple[str, ...],
        *,
        document: str | None = None,
    ) -> tuple[Stage, ...]:
        """The stages of a programme, each with a date after the previous one."""
        if not isinstance(raw, list) or not raw:
            self.problem(
                f"'{'.'.join(keys)}.stages' must list the stages ([[{'.'.join(keys)}.stages]])",
                *keys,
            )
            return ()
        found: list[Stage] = []
        seen: set[str] = set()
        previous = start
        for index, item in enumerate(raw):
            line = self.lines.element_line(index, *keys, "stages")
            label = f"{'.'.join(keys)}.stages[{index}]"
            if not isinstance(item, dict):
                self.problem(f"'{label}' must be a table", line=line)
                continue
            self.unknown_keys(item, STAGE_KEYS, label=label, line=line)
            stage_id = item.get("id")
            title = item.get("title")
            date = item.get("date")
            if not isinstance(stage_id, str) or not re.match(ID_PATTERN, stage_id):
                self.problem(
                    f"'{label}.id' must be lower-case letters, digits and hyphens", line=line
                )
                continue
            if stage_id in seen:
                self.problem(f"stage id '{stage_id}' is used twice", line=line)
            seen.add(stage_id)
            if not isinstance(title, str) or not title.strip():
                self.problem(f"'{label}.title' is required", line=line)
                continue
            if not _is_date(date):
                self.problem(f"'{label}.date' must be a date like 2025-12-31", line=line)
                continue
            if date <= previous:
                self.problem(
                    f"stage '{stage_id}' is due {date}, not after {previous}",
                    line=line,
                    hint="list stages in date order, each after the programme's start",
                )
            previous = max(previous, date)
            targets = self.names(item.get("targets", []), f"{label}.targets", line)
            items = self.names(item.get("items", []), f"{label}.items", line)
            for target_id in targets:
                if target_id not in target_ids:
                    self.problem(
                        f"stage '{stage_id}' names target '{target_id}', which is not defined",
                        line=line,
                        hint=suggest(target_id, target_ids) or "add it under [targets]",
                    )
            if not targets and not items:
                self.problem(
                    f"stage '{stage_id}' has no criteria",
                    line=line,
                    hint="give it targets = [...] or items = [...]",
                )
            title_zh = item.get("title_zh")
            evidence = self.evidence(
                item.get("evidence"), stage_id, items, keys, label, line, document
            )
            found.append(
                Stage(
                    id=stage_id,
                    title=title,
                    date=date,
                    targets=targets,
                    items=items,
                    title_zh=title_zh if isinstance(title_zh, str) else None,
                    where=Where(str(self.path), line),
                    evidence=evidence,
                )
            )
        return tuple(found)

    def names(self, raw: object, label: str, line: int | None) -> tuple[str, ...]:
        """A list of distinct non-empty strings."""
        if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
            self.problem(f"'{label}' must be a list of names", line=line)
            return ()
        if len(set(raw)) != len(raw):
            self.problem(f"'{label}' names the same entry twice", line=line)
        return tuple(raw)

    def documents(self, document: Mapping[str, Any]) -> tuple[Document, ...]:
        """The [documents.ID] tables, each with a title; records their ids for look-ups."""
        if "documents" not in document:
            return ()
        found: list[Document] = []
        for document_id, table in self.table(document, "documents").items():
            keys = ("documents", document_id)
            if not re.match(ID_PATTERN, document_id):
                self.problem(
                    f"document id '{document_id}' must be lower-case letters, digits and "
                    "hyphens, starting with a letter",
                    *keys,
                )
            if not isinstance(table, dict):
                self.problem(f"document '{document_id}' must be a table with a title", *keys)
                continue
            self.unknown_keys(table, DOCUMENT_KEYS, *keys)
            title = self.string(table, "title", *keys, required=True)
            published = table.get("published")
            if published is not None and not _is_date(published):
                self.problem(
                    f"'documents.{document_id}.published' must be a date like 2023-03-08, "
                    f"not {_shown(published)}",
                    *keys,
                    "published",
                )
                published = None
            file = self.string(table, "file", *keys)
            if file is not None and not file.strip():
                self.problem(
                    f"'documents.{document_id}.file' must be a path, not an empty string",
                    *keys,
                    "file",
                )
                file = None
            found.append(
                Document(
                    id=document_id,
                    title=title or document_id,
                    title_zh=self.string(table, "title_zh", *keys),
                    published=published,
                    file=file,
                    url=self.string(table, "url", *keys),
                    where=Where(str(self.path), self.lines.line(*keys)),
                )
            )
        self.document_ids = [d.id for d in found]
        return tuple(found)

    def document_ref(
        self, document_id: str, *keys: str, label: str | None = None, line: int | None = None
    ) -> str | None:
        """A document id that [documents] declares, else a located problem and None."""
        if self.document_ids is None:
            self.problem(
                f"'{label or '.'.join(keys)}' names document '{document_id}', "
                "but the registry declares no [documents]",
                *keys,
                line=line,
                hint=f'declare it: [documents.{document_id}] with title = "..."',
            )
            return None
        if document_id not in self.document_ids:
            self.problem(
                f"'{label or '.'.join(keys)}' names document '{document_id}', "
                "which [documents] does not declare",
                *keys,
                line=line,
                hint=suggest(document_id, self.document_ids)
                or f'declare it: [documents.{document_id}] with title = "..."',
            )
            return None
        return document_id

    def entry_document(self, table: Mapping[str, Any], *keys: str) -> str | None:
        """The document a target's or programme's source quotes: its own, else the plan's."""
        named = self.string(table, "document", *keys)
        if named is None:
            return self.default_document
        return self.document_ref(named, *keys, "document")

    def areas(self, areas: dict[str, Any]) -> list[Area]:
        found: list[Area] = []
        for area_id, table in areas.items():
            keys = ("areas", area_id)
            if not re.match(ID_PATTERN, area_id):
                self.problem(
                    f"area id '{area_id}' must be lower-case letters, digits and hyphens",
                    *keys,
                )
            if not isinstance(table, dict):
                self.problem(f"area '{area_id}' must be a table with a title", *keys)
                continue
            self.unknown_keys(table, AREA_KEYS, *keys)
            title = self.string(table, "title", *keys, required=True)
            found.append(Area(area_id, title or area_id, self.string(table, "title_zh", *keys)))
        return found

    def target(self, target_id: str, table: object, area_ids: list[str]) -> Target | None:
        keys = ("targets", target_id)
        before = len(self.problems)
        head = self.entry("target", target_id, table, TARGET_KEYS, area_ids)
        if head is None:
            return None
        table, area = head
        title = self.string(table, "title", *keys, required=True)
        source = self.string(table, "source", *keys, required=True)
        kind = self.choice(table, "kind", Kind, Kind.NUMERIC, *keys) or Kind.NUMERIC
        unit = self.string(table, "unit", *keys, required=kind is Kind.NUMERIC)
        self.unit = unit or ""  # values written as quantities ("300亿") convert to it
        direction = self.choice(table, "direction", Direction, Direction.INCREASE, *keys)
        role = self.choice(table, "role", Role, Role.COMMITMENT, *keys) or Role.COMMITMENT
        lag = self.lag(table, *keys)
        cumulative = self.cumulative(table, kind, unit, *keys)
        if cumulative:
            self.unit = ""  # yearly changes are plain numbers, whatever "%" would parse as
        baseline = self.point(table, "baseline", kind, *keys, need_both=not cumulative)
        if cumulative and baseline is not None:
            baseline = self.index_baseline(baseline, *keys)
        target = self.goal(table.get("target"), kind, f"{'.'.join(keys)}.target", (*keys, "target"))
        revisions = self.revisions(table, kind, baseline, target, *keys)
        trajectory = self.choice(table, "trajectory", Trajectory, None, *keys)
        stated_as_growth = [
            g
            for g in (target, *(r.goal for r in revisions))
            if g and g.stated not in ("level", "change-by")
        ]
        if stated_as_growth and trajectory is Trajectory.LINEAR:
            self.problem(
                "a target stated as growth or change follows a compound path, "
                'not trajectory = "linear"',
                *keys,
                "trajectory",
                hint="remove the trajectory line, or state the target as a value",
            )
        quoted = self.entry_document(table, *keys)
        observations = self.observations(target_id, table, kind, *keys, document=quoted)
        schedule = self.schedule(table, kind, baseline, target, *keys)
        tolerance = self.tolerance(table, bool(schedule) or "yearly" in table, *keys)
        relative_to = self.relative_to(table, target_id, schedule, *keys)
        if baseline and target and baseline.date and target.date and target.date <= baseline.date:
            self.problem(
                f"target date {target.date} is not after the baseline date {baseline.date}",
                *keys,
                "target",
            )
        way = direction or Direction.INCREASE
        for goal, where in ((target, ("target",)), *((r.goal, ("revisions",)) for r in revisions)):
            wrong = _wrong_side(way, baseline, goal)
            if wrong:
                self.problem(wrong, *keys, *where, hint=_DIRECTION_HINT[way])
        result = Target(
            id=target_id,
            area=area or "",
            title=title or target_id,
            title_zh=self.string(table, "title_zh", *keys),
            source=source or "",
            unit=unit or "",
            direction=direction or Direction.INCREASE,
            kind=kind,
            attribute=self.choice(table, "attribute", Attribute, Attribute.ANTICIPATORY, *keys)
            or Attribute.ANTICIPATORY,
            trajectory=trajectory,
            frequency=self.choice(table, "frequency", Frequency, Frequency.ANNUAL, *keys)
            or Frequency.ANNUAL,
            baseline=baseline,
            target=target,
            note=self.string(table, "note", *keys),
            observations=observations,
            revisions=revisions,
            where=Where(str(self.path), self.lines.line(*keys)),
            document=quoted,
            role=role,
            lag_months=lag,
            cumulative=cumulative,
            schedule=schedule,
            tolerance=tolerance,
            relative_to=relative_to,
            renamed_from=self.names(
                table.get("renamed_from", []),
                ".".join((*keys, "renamed_from")),
                self.lines.line(*keys, "renamed_from"),
            ),
            retired=self.retired(table, *keys),
            parts=self.names(
                table.get("parts", []),
                ".".join((*keys, "parts")),
                self.lines.line(*keys, "parts"),
            ),
        )
        return result if len(self.problems) == before else None

    def retired(self, table: Mapping[str, Any], *keys: str) -> dt.date | None:
        """The target's `retired` date, if it has one."""
        value = table.get("retired")
        if value is None or _is_date(value):
            return value
        self.problem(
            f"'{'.'.join((*keys, 'retired'))}' must be a date like 2025-06-30", *keys, "retired"
        )
        return None

    def schedule(
        self,
        table: Mapping[str, Any],
        kind: Kind,
        baseline: Point | None,
        target: Goal | None,
        *keys: str,
    ) -> tuple[YearlyTarget, ...]:
        """[targets.ID.yearly]: one target per year, as the plan writes it ("about 7")."""
        from zqplan.yearly import EXAMPLES, parse_yearly

        raw = table.get("yearly")
        if raw is None:
            return ()
        label = f"{'.'.join(keys)}.yearly"
        if not isinstance(raw, dict) or not raw:
            self.problem(
                f"'{label}' must be a table of years",
                *keys,
                "yearly",
                hint=f'[{label}] then one line a year: 2022 = "about 7"',
            )
            return ()
        if kind is not Kind.NUMERIC:
            self.problem(f"'{label}': a yes-no target has no yearly values", *keys, "yearly")
            return ()
        first = baseline.date.year if baseline is not None and baseline.date else None
        last = target.date.year if target is not None and target.date else None
        found: list[YearlyTarget] = []
        for key, written in raw.items():
            where = (*keys, "yearly", key)
            if not re.fullmatch(r"\d{4}", key) or key == "0000":
                self.problem(
                    f"'{label}.{key}' is not a year", *where, hint="keys are years: 2022 = 7"
                )
                continue
            quoted: dict[str, str | None] = {"source": None, "document": None}
            stated = written
            if isinstance(written, dict):
                if not self.yearly_quote(written, quoted, f"{label}.{key}", *where):
                    continue
                stated = written["target"]
            entry = parse_yearly(int(key), stated)
            if isinstance(entry, str):
                self.problem(
                    f"'{label}.{key}' = {_shown(stated)} {entry}", *where, hint="write " + EXAMPLES
                )
                continue
            if (first is not None and entry.year <= first) or (
                last is not None and entry.year > last
            ):
                start = "..." if first is None else first + 1
                span = f"{start}-{'...' if last is None else last}"
                self.problem(
                    f"'{label}.{key}': {key} is outside the plan's years ({span}: after the "
                    "baseline, up to the target date)",
                    *where,
                    hint="check the year, or the baseline and target dates",
                )
                continue
            if entry.value is None and "relative_to" not in table:
                self.problem(
                    f"'{label}.{key}' = {_shown(stated)} names no value",
                    *where,
                    hint='give a value ("about 7"), or relative_to = "OTHER-ID" to compare '
                    "with another indicator's figure for the year",
                )
                continue
            found.append(replace(entry, source=quoted["source"], document=quoted["document"]))
        return tuple(sorted(found, key=lambda e: e.year))

    def yearly_quote(
        self, entry: Mapping[str, Any], quoted: dict[str, str | None], label: str, *where: str
    ) -> bool:
        """A yearly entry written as a table: fill `quoted`; False when it is unusable."""
        self.unknown_keys(entry, YEARLY_KEYS, *where, label=label)
        for name in ("source", "document", "note"):
            if name in entry and not isinstance(entry[name], str):
                self.problem(f"'{label}.{name}' must be a string", *where, name)
                return False
        if "target" not in entry:
            self.problem(
                f"'{label}' has no target",
                *where,
                hint='write { target = "about 7", source = "..." }',
            )
            return False
        quoted["source"] = entry.get("source")
        named = entry.get("document")
        if named is not None:
            quoted["document"] = self.document_ref(
                named, *where, "document", label=f"{label}.document"
            )
            if quoted["document"] is None:
                return False
        return True

    def tolerance(self, table: Mapping[str, Any], yearly: bool, *keys: str) -> float | None:
        """tolerance: how far short of an "about" yearly target is still broadly met."""
        raw = table.get("tolerance")
        if raw is None:
            return None
        label = f"{'.'.join(keys)}.tolerance"
        if not yearly:
            self.problem(
                f"'{label}' applies to yearly targets (\"about 7\"), and this target has none",
                *keys,
                "tolerance",
                hint=f"add [{'.'.join(keys)}.yearly], or remove the tolerance: a level target "
                "is met or not",
            )
            return None
        number = self.value(raw, Kind.NUMERIC, label, *keys, "tolerance")
        if isinstance(number, float) and number < 0:
            self.problem(f"'{label}' must be 0 or more, not {number:g}", *keys, "tolerance")
            return None
        return number if isinstance(number, float) else None

    def relative_to(
        self,
        table: Mapping[str, Any],
        target_id: str,
        schedule: tuple[YearlyTarget, ...],
        *keys: str,
    ) -> str | None:
        """relative_to: the indicator whose figure for the same year is the target."""
        raw = table.get("relative_to")
        if raw is None:
            return None
        label = f"{'.'.join(keys)}.relative_to"
        if not isinstance(raw, str) or not raw.strip():
            self.problem(f"'{label}' must be the id of another target", *keys, "relative_to")
            return None
        if raw == target_id:
            self.problem(f"'{label}' names the target itself", *keys, "relative_to")
            return None
        if not schedule and "yearly" not in table:
            self.problem(
                f"'{label}' compares yearly targets, and this target has none",
                *keys,
                "relative_to",
                hint=f'add [{".".join(keys)}.yearly] with entries like 2023 = "about" '
                '(in step with the other indicator) or 2023 = ">="',
            )
        return raw

    def relations(self, targets: list[Target], plan_tolerance: float | None) -> list[Target]:
        """relative_to names a numeric target with the same periods; the plan's tolerance."""
        index = {t.id: t for t in targets}
        settled: list[Target] = []
        for target in targets:
            keys = ("targets", target.id, "relative_to")
            other = None if target.relative_to is None else index.get(target.relative_to)
            if target.relative_to is not None and other is None:
                self.problem(
                    f"'{'.'.join(keys)}' names '{target.relative_to}', which is not a target",
                    *keys,
                    hint=suggest(target.relative_to, list(index)) or "check the id",
                )
            elif other is not None and (
                other.kind is not Kind.NUMERIC
                or other.frequency is not target.frequency
                or other.cumulative
            ):
                self.problem(
                    f"'{'.'.join(keys)}' names '{other.id}', which does not have the same "
                    f"periods ({other.kind}, {other.frequency}"
                    + (", cumulative" if other.cumulative else "")
                    + f"; this target: numeric, {target.frequency})",
                    *keys,
                    hint="compare with a numeric indicator published as often",
                )
            inherits = target.schedule and target.tolerance is None and plan_tolerance is not None
            settled.append(replace(target, tolerance=plan_tolerance) if inherits else target)
        return settled

    def umbrellas(self, targets: list[Target], target_ids: list[str]) -> None:
        """`parts` name other targets, each part in one umbrella only, with no cycle."""
        umbrella_of: dict[str, str] = {}
        for target in targets:
            keys = ("targets", target.id, "parts")
            for part in target.parts:
                if part == target.id:
                    self.problem(
                        f"'{'.'.join(keys)}' names the target itself",
                        *keys,
                        hint="list the targets this one is made of",
                    )
                elif part not in target_ids:
                    self.problem(
                        f"'{'.'.join(keys)}' names '{part}', which is not a target",
                        *keys,
                        hint=suggest(part, target_ids) or "add it under [targets]",
                    )
                elif part in umbrella_of:
                    self.problem(
                        f"'{part}' is a part of both '{umbrella_of[part]}' and '{target.id}'",
                        *keys,
                        hint="a target is a part of one umbrella only: remove it from one",
                    )
                else:
                    umbrella_of[part] = target.id
        for target in targets:
            seen = [target.id]
            above = umbrella_of.get(target.id)
            while above is not None and above not in seen:
                seen.append(above)
                above = umbrella_of.get(above)
            if above == target.id and target.id == min(seen):  # each circle named once
                keys = ("targets", target.id, "parts")
                circle = [target.id, *reversed(seen[1:]), target.id]
                self.problem(
                    "parts go round in a circle: " + " -> ".join(circle),
                    *keys,
                    hint="an umbrella cannot be a part of its own parts",
                )

    def lag(self, table: Mapping[str, Any], *keys: str) -> int | None:
        """lag_months: a whole number of months from 0 to 60, or None for the default."""
        raw = table.get("lag_months")
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 60:
            self.problem(
                f"'{'.'.join(keys)}.lag_months' must be a whole number of months from 0 to 60, "
                f"not {_shown(raw)}",
                *keys,
                "lag_months",
                hint="months after a period ends before its figure is published "
                "(default: annual 6, quarterly 3, monthly 2)",
            )
            return None
        return raw

    def cumulative(
        self, table: Mapping[str, Any], kind: Kind, unit: str | None, *keys: str
    ) -> bool:
        """cumulative = true: observations are yearly changes in percent (unit "%")."""
        raw = table.get("cumulative", False)
        if not isinstance(raw, bool):
            self.problem(
                f"'{'.'.join(keys)}.cumulative' must be true or false", *keys, "cumulative"
            )
            return False
        if raw and (kind is not Kind.NUMERIC or (unit or "").strip() != "%"):
            self.problem(
                f"'{'.'.join(keys)}.cumulative' needs unit = \"%\" (yearly changes in percent), "
                f"not {_shown(unit or '')}",
                *keys,
                "cumulative",
                hint='record each year\'s change ("down 2.7%" is -2.7) and set unit = "%"; '
                "or drop cumulative and record levels",
            )
            return False
        return raw

    def index_baseline(self, baseline: Point, *keys: str) -> Point:
        """A cumulative target's baseline: a date; its value, if given, must be the index 100."""
        if baseline.date is None:
            self.problem(
                f"'{'.'.join(keys)}.baseline' of a cumulative target needs a date",
                *keys,
                "baseline",
                hint="baseline = { date = 2020-12-31 } (the index is 100 on that day)",
            )
        if baseline.value is not None and baseline.value != 100:
            self.problem(
                f"'{'.'.join(keys)}.baseline.value' of a cumulative target is an index: 100, "
                f"not {baseline.value:g}",
                *keys,
                "baseline",
                hint="leave the value out: the index is 100 at the baseline date",
            )
        return Point(baseline.date, 100.0)

    def value(
        self,
        raw: object,
        kind: Kind,
        label: str,
        *keys: str,
        line: int | None = None,
        unit: str | None = None,
    ) -> float | bool | None:
        """A finite number (or, given the target's unit, a quantity such as "300亿")."""
        if kind is Kind.NUMERIC and unit is not None and isinstance(raw, str):
            from zqplan.units import UnitError, parse_quantity, parse_unit

            try:
                return parse_quantity(raw, parse_unit(unit))
            except UnitError as error:
                self.problem(
                    f"'{label}' must be a number or a quantity in '{unit}': {error.message}",
                    *keys,
                    line=line,
                    hint=error.hint,
                )
                return None
        if kind is Kind.YES_NO:
            if isinstance(raw, bool):
                return raw
            self.problem(f"'{label}' must be true or false for a yes-no target", *keys, line=line)
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            self.problem(f"'{label}' must be a number, not {_shown(raw)}", *keys, line=line)
            return None
        try:
            number = float(raw)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            shown = raw if isinstance(raw, float) else "a number too large"
            self.problem(f"'{label}' must be a finite number, not {shown}", *keys, line=line)
            return None
        return number

    def goal(
        self,
        raw: object,
        kind: Kind,
        label: str,
        keys: tuple[str, ...],
        *,
        line: int | None = None,
        previous: Goal | None = None,
    ) -> Goal | None:
        """A target or revision: one of value, annual_growth (%/yr), change (%), and a date."""
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problem(
                f"'{label}' must be a table like {{ value = 100, date = 2027-12-31 }}",
                *keys,
                line=line,
            )
            return None
        allowed = REVISION_KEYS if previous is not None else GOAL_KEYS
        self.unknown_keys(raw, allowed, *keys, label=label, line=line)
        date = raw.get("date")
        if date is not None and not _is_date(date):
            self.problem(
                f"'{label}.date' must be a date like 2027-12-31, not {_shown(date)}",
                *keys,
                line=line,
            )
            date = None
        forms = [form for form in GOAL_FORMS if form in raw]
        if len(forms) > 1:
            self.problem(
                f"'{label}' states {' and '.join(forms)}: "
                "give one of value, annual_growth, change, change_by",
                *keys,
                line=line,
            )
            return None
        if forms and kind is Kind.YES_NO:
            self.problem(f"'{label}' of a yes-no target takes only a date", *keys, line=line)
            return None
        if not forms and "date" not in raw and previous is None:
            self.problem(f"'{label}' needs a value, a date, or both", *keys, line=line)
            return None
        value: float | bool | None = None
        growth = change = change_by = None
        if forms == ["value"]:
            value = self.value(
                raw["value"], kind, f"{label}.value", *keys, line=line, unit=self.unit
            )
        elif forms == ["change_by"]:
            # An absolute change in the target's unit ("up 1 year"): a quantity is fine.
            # A change of a percentage is in percentage points ("up 1 percentage point").
            from zqplan.text import is_percent

            unit = "percentage point" if is_percent(self.unit) else self.unit
            amount = self.value(
                raw["change_by"], kind, f"{label}.change_by", *keys, line=line, unit=unit
            )
            change_by = amount if isinstance(amount, float) else None
        elif forms:
            percent = self.value(
                raw[forms[0]], Kind.NUMERIC, f"{label}.{forms[0]}", *keys, line=line
            )
            if isinstance(percent, float) and percent <= -100:
                self.problem(
                    f"'{label}.{forms[0]}' is {percent:g}%: a value cannot fall by 100% or more",
                    *keys,
                    line=line,
                )
            elif isinstance(percent, float) and forms[0] == "annual_growth":
                growth = percent / 100
            elif isinstance(percent, float):
                change = percent / 100
        if previous is not None and not forms:
            value, growth, change = previous.value, previous.annual_growth, previous.change
            change_by = previous.change_by
        if previous is not None and date is None:
            date = previous.date
        return Goal(
            date=date, value=value, annual_growth=growth, change=change, change_by=change_by
        )

    def revisions(
        self,
        table: Mapping[str, Any],
        kind: Kind,
        baseline: Point | None,
        target: Goal | None,
        *keys: str,
    ) -> tuple[Revision, ...]:
        """Mid-term revisions, each carrying over what it does not change."""
        raw = table.get("revisions", [])
        if not isinstance(raw, list):
            self.problem(
                f"'{'.'.join(keys)}.revisions' must be a list of tables", *keys, "revisions"
            )
            return ()
        found: list[Revision] = []
        previous = target or Goal()
        last_decided = dt.date.min
        for index, item in enumerate(raw):
            line = self.lines.item_line(index, *keys, "revisions")
            label = f"{'.'.join(keys)}.revisions[{index}]"
            if not isinstance(item, dict):
                self.problem(f"'{label}' must be a table {{ decided, reason, ... }}", line=line)
                continue
            decided = item.get("decided")
            reason = item.get("reason")
            document = item.get("document")
            if not _is_date(decided):
                self.problem(
                    f"'{label}.decided' must be the date the revision was decided", line=line
                )
                continue
            if not isinstance(reason, str) or not reason.strip():
                self.problem(
                    f"'{label}.reason' is required: say why the target was revised", line=line
                )
                continue
            if document is not None and not isinstance(document, str):
                self.problem(f"'{label}.document' must be a string", line=line)
                document = None
            if decided < last_decided:
                self.problem(
                    f"revision decided on {decided} is listed after one decided on {last_decided}",
                    line=line,
                    hint="list revisions in the order they were decided",
                )
                continue
            last_decided = decided
            if baseline is not None and baseline.date is not None and decided <= baseline.date:
                self.problem(
                    f"revision decided on {decided}, not after the baseline date {baseline.date}",
                    line=line,
                    hint="a plan is revised after it starts; check the dates",
                )
                continue
            goal = self.goal(item, kind, label, keys, line=line, previous=previous)
            if goal is None:
                continue
            found.append(Revision(decided, goal, reason, document, Where(str(self.path), line)))
            previous = goal
        return tuple(found)

    def point(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: Kind,
        *keys: str,
        need_both: bool,
    ) -> Point | None:
        raw = table.get(key)
        if raw is None:
            return None
        label = ".".join((*keys, key))
        if not isinstance(raw, dict):
            self.problem(
                f"'{label}' must be a table like {{ value = 100, date = 2027-12-31 }}",
                *keys,
                key,
            )
            return None
        self.unknown_keys(raw, POINT_KEYS, *keys, key)
        date = raw.get("date")
        if date is not None and not _is_date(date):
            self.problem(
                f"'{label}.date' must be a date like 2027-12-31, not {_shown(date)}",
                *keys,
                key,
            )
            date = None
        value = None
        if "value" in raw:
            if kind is Kind.YES_NO and key == "target":
                self.problem(f"'{label}' of a yes-no target takes only a date", *keys, key)
            else:
                value = self.value(raw["value"], kind, f"{label}.value", *keys, key, unit=self.unit)
        if need_both and ("value" not in raw or "date" not in raw):
            self.problem(f"'{label}' needs both a value and a date", *keys, key)
            return None
        if not need_both and "value" not in raw and "date" not in raw:
            self.problem(f"'{label}' needs a value, a date, or both", *keys, key)
            return None
        return Point(date, value)

    def observations(
        self,
        target_id: str,
        table: Mapping[str, Any],
        kind: Kind,
        *keys: str,
        document: str | None = None,
    ) -> tuple[Observation, ...]:
        """Figures the registry records, each quoting `document` unless it names its own."""
        raw = table.get("observations", [])
        if not isinstance(raw, list):
            self.problem(
                f"'{'.'.join(keys)}.observations' must be a list of {{ date, value }}",
                *keys,
                "observations",
            )
            return ()
        found: list[Observation] = []
        for index, item in enumerate(raw):
            line = self.lines.item_line(index, *keys, "observations")
            label = f"{'.'.join(keys)}.observations[{index}]"
            if not isinstance(item, dict):
                self.problem(f"'{label}' must be a table {{ date, value }}", line=line)
                continue
            self.unknown_keys(item, OBSERVATION_KEYS, label=label, line=line)
            date = item.get("date")
            if not _is_date(date):
                self.problem(
                    f"'{label}.date' must be a date like 2022-12-31, not {_shown(date)}",
                    line=line,
                )
                continue
            value = self.value(item.get("value"), kind, f"{label}.value", line=line, unit=self.unit)
            if value is None:
                continue
            comparator = self.observation_comparator(item.get("comparator"), kind, label, line)
            text = {k: item.get(k) for k in ("source", "note", "document")}
            for k, v in text.items():
                if v is not None and not isinstance(v, str):
                    self.problem(f"'{label}.{k}' must be a string", line=line)
            if isinstance(text["document"], str):
                document_id = text["document"]
                own = self.document_ref(document_id, label=f"{label}.document", line=line)
            else:
                own = None
            found.append(
                Observation(
                    target_id=target_id,
                    date=date,
                    value=value,
                    record_id=f"registry:{target_id}:{index + 1}",
                    source=text["source"] if isinstance(text["source"], str) else None,
                    note=text["note"] if isinstance(text["note"], str) else None,
                    where=Where(str(self.path), line),
                    document=own or document,
                    comparator=comparator,
                )
            )
        return tuple(found)

    def observation_comparator(
        self, raw: object, kind: Kind, label: str, line: int | None
    ) -> Comparator | None:
        """An observation's `comparator`: >, >=, <, <= or about (numeric targets only)."""
        if raw is None:
            return None
        if kind is Kind.YES_NO:
            self.problem(
                f"'{label}.comparator' is for numeric figures, not a yes-no target's",
                line=line,
                hint="remove it: done is done",
            )
            return None
        if isinstance(raw, str) and raw in OBSERVATION_COMPARATORS:
            return Comparator(raw)
        self.problem(
            f"'{label}.comparator' is {_shown(raw)}, not one of "
            + ", ".join(OBSERVATION_COMPARATORS),
            line=line,
            hint=suggest(str(raw), OBSERVATION_COMPARATORS)
            or 'write ">" for "exceeding", ">=" for "at least", "about" for "about"',
        )
        return None


_DIRECTION_HINT = {
    Direction.INCREASE: 'for a target to go down to, set direction = "decrease"',
    Direction.DECREASE: 'for a target to go up to, set direction = "increase"',
    Direction.AT_LEAST: None,
    Direction.AT_MOST: None,
}


def _wrong_side(direction: Direction, baseline: Point | None, goal: Goal | None) -> str:
    """Why a target cannot be reached the way its direction says, or "" when it can."""
    if goal is None or direction not in (Direction.INCREASE, Direction.DECREASE):
        return ""
    rising = direction is Direction.INCREASE
    if goal.change_by is not None:
        if (goal.change_by < 0 and rising) or (goal.change_by > 0 and not rising):
            return f'a change of {goal.change_by:+g} with direction = "{direction}"'
        return ""
    if goal.annual_growth is not None or goal.change is not None:
        rate = goal.annual_growth if goal.annual_growth is not None else goal.change
        assert rate is not None
        if (rate < 0 and rising) or (rate > 0 and not rising):
            return f'a {rate * 100:+g}% target with direction = "{direction}"'
        return ""
    if (
        baseline is None
        or not isinstance(baseline.value, float)
        or not isinstance(goal.value, float)
    ):
        return ""
    if (goal.value < baseline.value and rising) or (goal.value > baseline.value and not rising):
        side = "below" if rising else "above"
        return (
            f"target {goal.value:g} is {side} the baseline {baseline.value:g}, "
            f'but direction = "{direction}"'
        )
    return ""


def warnings(plan: Plan, observations: Iterable[Observation]) -> list[ZqplanError]:
    """What `check` reports without failing: a target on the wrong side of the earliest
    record, when that record serves as the baseline (no baseline in the registry)."""
    from zqplan.status import effective_observations

    by_target: dict[str, list[Observation]] = {}
    for observation in observations:
        by_target.setdefault(observation.target_id, []).append(observation)
    found: list[ZqplanError] = []
    for target in plan.targets:
        if target.baseline is not None or target.cumulative or target.kind is not Kind.NUMERIC:
            continue
        effective = effective_observations(target, by_target.get(target.id, []), as_of=dt.date.max)
        if not effective:
            continue
        first = effective[0]
        baseline = Point(first.date, first.value)
        goals = [target.target, *(r.goal for r in target.revisions)]
        for goal in goals:
            wrong = _wrong_side(target.direction, baseline, goal)
            if wrong:
                where = first.where or target.where
                wrong = wrong.replace("the baseline", "the earliest record")
                found.append(
                    RegistryError(
                        f"warning: '{target.id}': {wrong}"
                        f" (dated {first.date}, which serves as the baseline); "
                        "it can only be achieved or off-track",
                        where=None if where is None else str(where),
                        hint=_DIRECTION_HINT[target.direction]
                        or "give the target a baseline, or check the direction",
                    )
                )
                break
    return found


def _shown(value: object) -> str:
    """A value as the registry's author wrote it, not as Python spells it."""
    if isinstance(value, dt.datetime):
        return f"{value.isoformat(sep=' ')} (a date and time)"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a table"
    return str(value)


def _is_date(value: object) -> TypeGuard[dt.date]:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _problem_order(problem: ZqplanError) -> int:
    where = problem.where or ""
    _, _, line = where.rpartition(":")
    return int(line) if line.isdigit() else 0

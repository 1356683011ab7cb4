"""`zqplan import-targets FILE`: an indicator table's rows as registry entries, checked first."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zqplan.cli import LangOption, RegistryOption
from zqplan.errors import BatchError, InvalidInputError, Problems, RegistryError, ZqplanError
from zqplan.options import Lang

if TYPE_CHECKING:
    from zqplan.indicators import Entry
    from zqplan.model import Plan


def _option(flag: str, help_text: str, metavar: str | None = None) -> Any:
    return typer.Option(flag, help=help_text, metavar=metavar, show_default=False)


def command(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The indicator table: CSV (UTF-8, UTF-16 or GBK) or .xlsx; - for stdin.",
        ),
    ],
    sheet: Annotated[
        str | None, _option("--sheet", "The workbook's sheet (default: the first).", "NAME")
    ] = None,
    encoding: Annotated[
        str | None, _option("--encoding", "The CSV's encoding (default: detected).", "NAME")
    ] = None,
    source: Annotated[
        str | None,
        _option("--source", "The source quote of rows without a 来源/source cell.", "TEXT"),
    ] = None,
    document: Annotated[
        str | None, _option("--document", "The id of the document every row quotes.", "ID")
    ] = None,
    area: Annotated[
        str | None, _option("--area", "The area of rows without a 领域/area cell.", "AREA")
    ] = None,
    target_year: Annotated[
        int | None, _option("--target-year", "The year of targets without one.", "YEAR")
    ] = None,
    baseline_year: Annotated[
        int | None, _option("--baseline-year", "The year of baselines without one.", "YEAR")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace targets already in the registry (same id)."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the TOML on stdout; write nothing.")
    ] = False,
    registry: RegistryOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Add the targets of an indicator table (指标, 单位, 基期值, 目标值, 年均增长, 属性...).

    Every row is checked, and the registry with them, before anything is written.
    Example: zqplan import-targets indicators.csv --source "规划纲要 表1" --target-year 2025
    """
    from zqplan import indicators
    from zqplan.commands.common import emit, resolve_registry, say
    from zqplan.i18n import told

    path = resolve_registry(registry, writing=True)
    original = _read_registry(path)
    plan = _plan(path, lang)
    rows = indicators.read_rows(_read_table(file, encoding, sheet))
    defaults = indicators.Defaults(
        source=source,
        document=document,
        area=area,
        target_year=target_year,
        baseline_year=baseline_year,
    )
    areas = {a.id: (a.title, a.title_zh) for a in plan.areas}
    found, problems = indicators.entries(
        rows, name=_name(file), areas=areas, defaults=defaults, lang=lang
    )
    problems += _clashes(found, plan, path, replace, _name(file), lang)
    if problems:
        raise Problems([*problems, _nothing(path, lang)], every=True)
    if not found:
        raise BatchError(told("empty table", lang, file=_name(file)))
    text, spans, replaced = _new_text(original, found, plan, path, lang)
    after = _checked(path, text, spans, _name(file), lang)
    if dry_run:
        emit("\n".join(_render(e) for e in found))
        return
    _write(path, original, text, lang)
    say(
        told(
            "imported",
            lang,
            added=len(found) - replaced,
            replaced=replaced,
            path=path,
            count=len(after.targets),
        )
    )


def _name(file: str) -> str:
    return "<stdin>" if file == "-" else file


def _nothing(path: Path, lang: Lang) -> ZqplanError:
    from zqplan.i18n import told

    return RegistryError(told("nothing written", lang, path=path))


def _read_registry(path: Path) -> str:
    from zqplan.registry import read_text

    return read_text(path, what="registry", error=RegistryError)


def _plan(path: Path, lang: Lang) -> Plan:
    """The registry as it is: it must pass check before rows are added to it."""
    from zqplan.registry import load_plan

    try:
        return load_plan(path)
    except Problems as found:
        raise Problems([*found.problems, _nothing(path, lang)], every=True) from None
    except ZqplanError as error:
        raise Problems([error, _nothing(path, lang)], every=True) from None


def _read_table(file: str, encoding: str | None, sheet: str | None) -> str:
    """The table as CSV text: a workbook's sheet, or a CSV file decoded as batches are."""
    from zqplan.encodings import decode_sheet
    from zqplan.registry import read_bytes
    from zqplan.xlsx import ZIP_MAGIC, sheet_csv

    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        raw = read_bytes(Path(file), what="table", error=InvalidInputError)
    if raw.startswith(ZIP_MAGIC):
        return sheet_csv(raw, path=Path(_name(file)), sheet=sheet)
    if sheet is not None:
        raise InvalidInputError(
            f"--sheet: {_name(file)} is no .xlsx workbook", hint="drop --sheet for a CSV file"
        )
    return decode_sheet(raw, path=Path(_name(file)), encoding=encoding)


def _clashes(
    found: list[Entry], plan: Plan, path: Path, replace: bool, name: str, lang: Lang
) -> list[ZqplanError]:
    """An entry whose id the registry has: refused, unless --replace and it is a target."""
    from zqplan.i18n import told

    problems: list[ZqplanError] = []
    for entry in found:
        where = f"{name}:{entry.row}"
        if plan.programme(entry.id) is not None:
            problems.append(
                InvalidInputError(told("is programme", lang, id=entry.id, path=path), where=where)
            )
        elif plan.target(entry.id) is not None and not replace:
            problems.append(
                InvalidInputError(told("exists", lang, id=entry.id, path=path), where=where)
            )
    return problems


def _render(entry: Entry) -> str:
    from zqplan.commands.add import render

    return render(entry.id, {k: v for k, v in entry.table.items() if v is not None})


def _new_text(
    original: str, found: list[Entry], plan: Plan, path: Path, lang: Lang
) -> tuple[str, list[tuple[int, int, int]], int]:
    """The registry with the entries: replaced in place, else appended after everything.

    Also each entry's lines in the new text (first, last, row), and how many replaced.
    Only the lines of a replaced table change; every other byte stays as it was.
    """
    from zqplan.i18n import told

    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    placed: dict[int, tuple[int, Entry]] = {}
    appended: list[Entry] = []
    for entry in found:
        if plan.target(entry.id) is None:
            appended.append(entry)
            continue
        span = table_lines(lines, f"targets.{entry.id}")
        if span is None:
            raise Problems(
                [
                    RegistryError(told("cannot replace", lang, id=entry.id, path=path)),
                    _nothing(path, lang),
                ],
                every=True,
            )
        placed[span[0]] = (span[1], entry)
    out: list[str] = []
    spans: list[tuple[int, int, int]] = []
    index = 0
    while index < len(lines):
        if index in placed:
            last, entry = placed[index]
            block = _render(entry).splitlines(keepends=True)
            spans.append((len(out) + 1, len(out) + len(block), entry.row))
            out += block
            index = last + 1
            continue
        out.append(lines[index])
        index += 1
    for entry in appended:
        block = _render(entry).splitlines(keepends=True)
        out.append("\n")
        spans.append((len(out) + 1, len(out) + len(block), entry.row))
        out += block
    return "".join(out), spans, len(placed)


def table_lines(lines: list[str], name: str) -> tuple[int, int] | None:
    """The 0-based first and last line of the table `name` and its sub-tables: from its
    header to its last key (comments and blank lines after it belong to what follows)."""
    from zqplan.registry import _header

    def named(line: str) -> str | None:
        header = _header(line)
        if header is None:
            return None
        return ".".join(part.strip().strip('"') for part in header.split("."))

    start = next((i for i, line in enumerate(lines) if named(line) == name), None)
    if start is None:
        return None
    last = start
    for index in range(start + 1, len(lines)):
        header = named(lines[index])
        if header is not None and header != name and not header.startswith(name + "."):
            break
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            last = index
    return start, last


def _checked(
    path: Path, text: str, spans: list[tuple[int, int, int]], name: str, lang: Lang
) -> Plan:
    """The plan the new text makes; else every problem, those in new lines named by row."""
    from zqplan import registry

    try:
        plan = registry.plan_from_text(path, text)
        problems = registry.missing_texts(plan)
    except Problems as found:
        problems = list(found.problems)
    except ZqplanError as error:
        problems = [error]
    if problems:
        shown = [_by_row(p, path, spans, name, lang) for p in problems]
        raise Problems([*shown, _nothing(path, lang)], every=True)
    return plan


def _by_row(
    problem: ZqplanError, path: Path, spans: list[tuple[int, int, int]], name: str, lang: Lang
) -> ZqplanError:
    """A problem in an imported entry's lines, named by the table's row instead."""
    from zqplan.i18n import told

    prefix = f"{path}:"
    if problem.where is None or not problem.where.startswith(prefix):
        return problem
    number = problem.where[len(prefix) :].split(":", 1)[0]
    if not number.isdigit():
        return problem
    for first, last, row in spans:
        if first <= int(number) <= last:
            return RegistryError(
                told("from row", lang, row=row, message=problem.message),
                where=f"{name}:{row}",
                hint=problem.hint,
            )
    return problem


def _write(path: Path, original: str, text: str, lang: Lang) -> None:
    """Replace the registry in one rename, unless it changed since it was read."""

    from zqplan.i18n import told

    if _read_registry(path) != original:
        raise RegistryError(
            told("changed meanwhile", lang, path=path), hint=told("run again", lang)
        )
    from zqplan.atomic import replace_file

    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise RegistryError(told("cannot write", lang, path=path, reason=exc.strerror)) from None

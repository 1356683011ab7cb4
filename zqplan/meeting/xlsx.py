"""The report as an Excel workbook (XlsxWriter): `zqplan report -o X.xlsx`.

Sheets: Status (a row per target), By year (完成情况表: targets down, years
across) and History (every record). Numbers are numbers shown in the target's
unit, dates are Excel dates, statuses are coloured and say their word.
XlsxWriter is imported here only, so only `report --format xlsx` loads it.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from zqplan.i18n import PERIOD_LABELS, STATUS_LABELS, Lang
from zqplan.meeting import Meeting, Row, shown_value
from zqplan.meeting.words import say
from zqplan.model import Value
from zqplan.text import BOUND_SIGNS
from zqplan.units import parse_unit
from zqplan.wide import WideTable, YearCell

STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "achieved": ("#CFE3F3", "#00324F"),
    "on-track": ("#D3EEE4", "#00402E"),
    "at-risk": ("#FBE7BD", "#4D3500"),
    "off-track": ("#F5CDB6", "#5A2000"),
    "missed": ("#8F3B00", "#FFFFFF"),
    "no-target": ("#EEEEEE", "#333333"),
    "no-data": ("#EEEEEE", "#333333"),
    "unjudged": ("#EEEEEE", "#333333"),
    "met": ("#D3EEE4", "#00402E"),
    "broadly-met": ("#FBE7BD", "#4D3500"),
    "not-met": ("#F5CDB6", "#5A2000"),
}
"""Fill and font of a status or verdict cell: the HTML report's colours (Okabe-Ito)."""

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"


def _decimals(value: float) -> int:
    """How many decimals a value needs: at most 2, or 4 significant digits below 1."""
    if not math.isfinite(value) or value == int(value):
        return 0
    size = abs(value)
    if size < 1:
        return min(max(3 - math.floor(math.log10(size)), 1), 8)
    return 1 if round(value, 1) == round(value, 2) else 2


class _Formats:
    """XlsxWriter formats, made once each (a workbook holds a limited number)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[Any, ...], Any] = {}
        self.percent: dict[str, bool] = {}
        """Per unit: whether its values are percentages (parsed once per unit)."""
        self.numbers: dict[tuple[str, int, bool, str], Any] = {}
        """Per unit and decimals: the number format (100,000 records, a few formats)."""
        self.date = self.get(num_format=DATE_FORMAT)
        """A day."""
        self.time = self.get(num_format=TIME_FORMAT)
        """A day and a time of day."""

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self.book.add_format(properties)
        return found

    def number(
        self, value: float, unit: str, *, italic: bool = False, sign: str = ""
    ) -> tuple[float, Any]:
        """The number to store and its format: in the unit, a percentage as a percentage,
        a bound's sign first ("> 30 billion yuan": the cell stays the number 30)."""
        percent = self.percent.get(unit)
        if percent is None:
            parsed = parse_unit(unit)
            percent = self.percent[unit] = parsed.base == "percent" and parsed.scale == 1
        places = _decimals(value)
        key = (unit, places, italic, sign)
        style = self.numbers.get(key)
        if style is None:
            decimals = "." + "0" * places if places else ""
            if percent:
                pattern = f"0{decimals}%"
            else:
                pattern = f"#,##0{decimals}"
                shown = unit.replace('"', "").replace("\\", "").strip()
                if shown:
                    pattern += f'" {shown}"'
            if sign:
                pattern = f'"{sign}"' + pattern
            style = self.numbers[key] = self.get(num_format=pattern, italic=italic)
        return (value / 100 if percent else value), style

    def status(self, key: str) -> Any:
        fill, font = STATUS_COLOURS.get(key, STATUS_COLOURS["unjudged"])
        return self.get(bg_color=fill, font_color=font, bold=True, border=1)


def serial(value: dt.date) -> float:
    """A date (or a date and time, naive) as Excel stores it: days since 1899-12-31 and
    the day's fraction, one more from March 1900 on (Excel's 29 February 1900).

    The arithmetic of XlsxWriter's write_datetime, done here so that 300,000 dates on a
    big plan skip its type checks and conversions; the cell is the same number."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        days = delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / 86400
    else:
        days = value.toordinal() - EPOCH_DAY
    return days + 1 if days > 59 else days


EPOCH = dt.datetime(1899, 12, 31)
EPOCH_DAY = EPOCH.toordinal()


def _put(
    sheet: Any, formats: _Formats, row: int, column: int, value: Any, unit: str = "", sign: str = ""
) -> None:
    """One cell: a number in its unit (a bound's sign in its format), a date, a yes/no in
    words, or text as text."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_string(row, column, str(value))
    elif isinstance(value, float | int):
        if math.isfinite(value):
            number, style = formats.number(float(value), unit, sign=sign)
            sheet.write_number(row, column, number, style)
    elif isinstance(value, dt.datetime):
        sheet.write_number(row, column, serial(value), formats.time)
    elif isinstance(value, dt.date):
        sheet.write_number(row, column, serial(value), formats.date)
    else:
        sheet.write_string(row, column, str(value))  # never a formula, a number or a link


def _value(
    sheet: Any, formats: _Formats, row: int, column: int, value: Value | None, unit: str, lang: Lang
) -> None:
    if isinstance(value, bool):
        sheet.write_string(row, column, shown_value(value, unit, lang))
    else:
        _put(sheet, formats, row, column, value, unit)


def _header(sheet: Any, formats: _Formats, names: list[str], rows: int) -> None:
    """The header row, frozen, with an autofilter over the table."""
    style = formats.get(bold=True, bg_color="#F2F2F2", border=1, text_wrap=True, valign="top")
    for column, name in enumerate(names):
        sheet.write_string(0, column, name, style)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(names) - 1)


def _status_sheet(book: Any, formats: _Formats, meeting: Meeting) -> None:
    lang = meeting.lang
    sheet = book.add_worksheet(say("sheet status", lang))
    keys = [
        "id", "title", "area", "unit", "baseline", "baseline date", "latest", "latest date",
        "target", "target date", "progress", "expected", "status", "flags", "note", "source",
    ]  # fmt: skip
    rows = meeting.rows
    _header(sheet, formats, [say(k, lang) for k in keys], len(rows))
    for width, first, last in ((22, 0, 0), (44, 1, 1), (24, 2, 2), (10, 3, 9), (11, 10, 11)):
        sheet.set_column(first, last, width)
    sheet.set_column(12, 12, 18)
    sheet.set_column(13, 15, 30)
    percent = formats.get(num_format="0.0%")
    for index, row in enumerate(rows, start=1):
        _status_row(sheet, formats, index, row, lang, percent)


def _status_row(
    sheet: Any, formats: _Formats, index: int, row: Row, lang: Lang, percent: Any
) -> None:
    a = row.assessment
    unit = row.unit
    baseline, latest, goal = a.baseline, a.latest, a.goal
    cells: list[tuple[int, Any]] = [(0, row.id), (1, row.title), (2, row.area), (3, unit)]
    for column, text in cells:
        _put(sheet, formats, index, column, text)
    _value(sheet, formats, index, 4, None if baseline is None else baseline.value, unit, lang)
    _put(sheet, formats, index, 5, None if baseline is None else baseline.date)
    if latest is not None and latest.comparator is not None:  # a bound: its sign shown
        sign = BOUND_SIGNS[latest.comparator.value]
        _put(sheet, formats, index, 6, latest.value, unit, sign)
    else:
        _value(sheet, formats, index, 6, None if latest is None else latest.value, unit, lang)
    _put(sheet, formats, index, 7, None if latest is None else latest.date)
    if a.schedule:  # a yearly target: the period's target as the plan writes it
        _put(sheet, formats, index, 8, row.target)
    else:
        _value(sheet, formats, index, 8, None if goal is None else goal.value, unit, lang)
        _put(sheet, formats, index, 9, None if goal is None else goal.date)
    for column, share in ((10, a.progress), (11, a.expected_progress)):
        if share is not None and math.isfinite(share):
            sheet.write_number(index, column, share, percent)
    sheet.write_string(index, 12, f"{row.symbol} {row.label}", formats.status(row.key))
    for column, text in ((13, "; ".join(row.flags)), (14, row.note), (15, row.source)):
        _put(sheet, formats, index, column, text or None)


def _year_sheet(book: Any, formats: _Formats, meeting: Meeting, table: WideTable) -> None:
    lang = meeting.lang
    zh = lang is Lang.ZH
    sheet = book.add_worksheet(say("sheet by year", lang))
    names = [say(k, lang) for k in ("id", "title", "unit", "baseline")]
    for year in table.years:
        for key in ("year target", "outturn", "verdict"):
            names.append(f"{year}年{say(key, lang)}" if zh else f"{year} {say(key, lang)}")
    names.append(say("status", lang))
    # As `zqplan table`: an indicator with nothing by year (no target, no figure) is left out.
    kept = [row for row in table.rows if any(not cell.empty for cell in row.cells)]
    _header(sheet, formats, names, len(kept))
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 40)
    sheet.set_column(4, len(names) - 1, 11)
    rows = {row.assessment.target.id: row for row in meeting.rows}
    for index, year_row in enumerate(kept, start=1):
        row = rows[year_row.assessment.target.id]
        unit = row.unit
        baseline = row.assessment.baseline
        for column, text in ((0, row.id), (1, row.title), (2, unit)):
            _put(sheet, formats, index, column, text)
        _value(sheet, formats, index, 3, None if baseline is None else baseline.value, unit, lang)
        for offset, cell in enumerate(year_row.cells):
            if not cell.empty:
                _year_cells(sheet, formats, index, 4 + 3 * offset, cell, unit, lang)
        sheet.write_string(
            index, len(names) - 1, f"{row.symbol} {row.label}", formats.status(row.key)
        )


def _year_cells(
    sheet: Any, formats: _Formats, index: int, column: int, cell: YearCell, unit: str, lang: Lang
) -> None:
    """A year's target (in words, for a yearly one), outturn (or the year to date, in
    italics) and verdict (coloured, in words)."""
    zh = lang is Lang.ZH
    if cell.written:  # a yearly target in the language's words, as `zqplan table` says it
        from zqplan.wide_render import yearly_text

        _put(sheet, formats, index, column, yearly_text(cell, lang))
    else:
        _put(sheet, formats, index, column, cell.target, unit)
    if cell.outturn is not None:
        _value(sheet, formats, index, column + 1, cell.outturn, unit, lang)
    elif cell.latest is not None and isinstance(cell.latest.value, float | int):
        number, style = formats.number(float(cell.latest.value), unit, italic=True)
        sheet.write_number(index, column + 1, number, style)
    if cell.verdict is not None:
        key, words = cell.verdict.value, PERIOD_LABELS[cell.verdict.value][zh]
    elif cell.status is not None:
        key, words = cell.status.value, STATUS_LABELS[cell.status][zh]
    else:
        return
    sheet.write_string(index, column + 2, words, formats.status(key))


def _history_sheet(book: Any, formats: _Formats, meeting: Meeting) -> None:
    lang = meeting.lang
    sheet = book.add_worksheet(say("sheet history", lang))
    # No unit column: a value's number format shows its unit (a unit column here once
    # pushed every later header one column right of its data).
    keys = [
        "id",
        "date",
        "value",
        "recorded",
        "by",
        "source",
        "note",
        "record",
        "superseded",
    ]
    _header(sheet, formats, [say(k, lang) for k in keys], len(meeting.records))
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 4, 14)
    sheet.set_column(5, 6, 30)
    sheet.set_column(7, 7, 26)
    # 100,000 records and more: typed writes, formats made once, empty cells skipped.
    write_string, write_number = sheet.write_string, sheet.write_number
    date_format, time_format = formats.date, formats.time
    number = formats.number
    yes = say("superseded", lang)
    # Records share their days and their times of recording (a batch): each converted once.
    serials: dict[dt.date, float] = {}
    for index, record in enumerate(meeting.records, start=1):
        write_string(index, 0, record.target)
        day = serials.get(record.date)
        if day is None:
            day = serials[record.date] = serial(record.date)
        write_number(index, 1, day, date_format)
        value = record.value
        if isinstance(value, bool):
            write_string(index, 2, shown_value(value, record.unit, lang))
        elif isinstance(value, float | int) and math.isfinite(value):
            # A bound keeps its number (sums, charts, filters work) and shows its sign
            # through the number format, as history's table does: "> 30 billion yuan".
            sign = BOUND_SIGNS.get(record.comparator, "")
            write_number(index, 2, *number(float(value), record.unit, sign=sign))
        recorded = record.recorded_at
        if recorded is not None:
            stamp = serials.get(recorded)
            if stamp is None:
                stamp = serials[recorded] = serial(recorded)
            write_number(index, 3, stamp, time_format)
        if record.recorded_by:
            write_string(index, 4, record.recorded_by)
        if record.source:
            write_string(index, 5, record.source)
        if record.note:
            write_string(index, 6, record.note)
        write_string(index, 7, record.record)
        if record.superseded:
            write_string(index, 8, yes)


def write_xlsx(meeting: Meeting, table: WideTable, path: Path) -> None:
    """Write the workbook to path (the caller renames it into place)."""
    import xlsxwriter  # type: ignore[import-untyped]

    # constant_memory: rows go to disk as they are written (100,000 records stay small);
    # no text is ever turned into a number, a formula or a link.
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    # Created on the day judged, not the clock's now: the same plan, ledger and options
    # give the same bytes (the report memo replays them; two runs can be compared).
    book.set_properties(
        {
            "title": meeting.title,
            "comments": f"{say('as of', meeting.lang)} {meeting.as_of}",
            "created": dt.datetime.combine(meeting.as_of, dt.time()),
        }
    )
    formats = _Formats(book)
    _status_sheet(book, formats, meeting)
    _year_sheet(book, formats, meeting, table)
    _history_sheet(book, formats, meeting)
    book.close()

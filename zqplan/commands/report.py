"""`zqplan report`: the plan's state for a meeting, as HTML, an Excel workbook or Markdown."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.cli import (
    AreaOption,
    AsOfOption,
    KnownAtOption,
    LangOption,
    RegistryOption,
    StatusOption,
)
from zqplan.errors import InvalidInputError, OutputError
from zqplan.options import Lang

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence

    from zqplan.meeting import Meeting
    from zqplan.model import Observation
    from zqplan.select import Selection

FORMATS = ("html", "xlsx", "md")
"""What --format takes."""

EXTENSIONS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".md": "md", ".markdown": "md"}
"""The format a file's extension names."""


def chosen_format(output: Path | None, fmt: str | None) -> str:
    """--format, else the output file's extension, else Markdown; the two must agree."""
    if fmt is not None and fmt not in FORMATS:
        raise InvalidInputError(
            f"--format {fmt!r} is not a report format", hint="give html, xlsx or md"
        )
    named = None if output is None else EXTENSIONS.get(output.suffix.lower())
    if output is not None and named is None and fmt is None:
        raise InvalidInputError(
            f"-o {output}: cannot tell the format from the extension {output.suffix or '(none)'!r}",
            hint="name the file .html, .xlsx or .md, or give --format html|xlsx|md",
        )
    if fmt is not None and named is not None and fmt != named:
        raise InvalidInputError(
            f"-o {output} names {named}, but --format says {fmt}", hint="give one of them"
        )
    return fmt or named or "md"


def command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (.html, .xlsx or .md), replaced in one step. "
            "Default: Markdown on stdout.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="html|xlsx|md",
            help="The report's format (default: from FILE's extension, else md).",
            show_default=False,
        ),
    ] = None,
    registry: RegistryOption = None,
    as_of: AsOfOption = None,
    known_at: KnownAtOption = None,
    lang: LangOption = Lang.EN,
    area: AreaOption = None,
    state: StatusOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Open with what changed since this day (the last meeting's), as `zqplan diff "
            "--since` finds it: new and revised figures, status changes, stages reached.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """A report to hand to a meeting: summary, what needs attention, a table per area.

    HTML is one self-contained page with a chart per target (print it to PDF from a
    browser); xlsx has the sheets Status, By year and History; Markdown suits a wiki.

    Example: zqplan report -o meeting.html --lang zh
    """
    from zqplan.commands.common import (
        as_of_date,
        known_at_date,
        parse_date,
        resolve_registry,
        selection_of,
    )

    chosen = chosen_format(output, None if fmt is None else fmt.lower())
    if output is None and chosen != "md" and _terminal():
        raise InvalidInputError(
            f"a {chosen} report is not for a terminal",
            hint=f"write it to a file: -o report.{chosen} (or redirect stdout)",
        )
    path = resolve_registry(registry, writing=False)
    day = as_of_date(as_of)
    knew = known_at_date(known_at)
    selection = selection_of({"area": area, "state": state})
    then = None if since is None else parse_date(since, option="--since")
    if then is not None and then > day:
        raise InvalidInputError(
            f"--since {then} is after --as-of {day}",
            hint="give a day before the one judged, e.g. the last meeting's",
        )
    from zqplan import cache
    from zqplan.commands.common import _to_stderr

    # --since reads the registry's git history, which no file state covers: never memoised.
    key = None
    if then is None and cache.directory() is not None:
        key = _memo_key(path, chosen, lang, day, knew, {"area": area, "state": state})
        found = cache.recall_file(key)
        if found is not None:  # the same bytes a fresh run writes, and its messages
            content, messages = found
            _to_stderr(messages)
            _deliver(output, lambda target: target.write_bytes(content))
            return
    said: list[str] = []
    with _messages_kept(said):
        meeting, observations = _meeting(
            path, selection, day, knew, lang, history=chosen == "xlsx", since=then
        )
    if chosen == "xlsx":
        content = b""
    elif chosen == "html":
        from zqplan.meeting.html import html_text

        content = html_text(meeting).encode("utf-8")
    else:
        from zqplan.meeting.markdown import markdown_text

        content = markdown_text(meeting).encode("utf-8")

    def write(target: Path) -> None:
        if chosen == "xlsx":
            _xlsx(meeting, observations, target)
        else:
            target.write_bytes(content)
        if key is not None:  # a copy of what is written, for the next run on the same files
            cache.remember_file(key, target.read_bytes() if chosen == "xlsx" else content, said)

    _deliver(output, write)


LIBRARIES = {"html": ("jinja2", "markupsafe"), "xlsx": ("xlsxwriter",), "md": ()}
"""The libraries whose code shapes a format's bytes (their files enter the memo key)."""


def _memo_key(
    path: Path,
    chosen: str,
    lang: Lang,
    day: dt.date,
    knew: dt.date | None,
    filters: dict[str, list[str] | None],
) -> str:
    """The report memo's key: what `status` keys on (registry, ledger, options, day,
    zqplan's code) and the format, the language, the renderers' code and template and
    the version of the library that writes the format. Not the output's path: the
    report's bytes are the same wherever they go."""
    from importlib.util import find_spec

    from zqplan import cache
    from zqplan.paths import ledger_path

    meeting = Path(__file__).resolve().parent.parent / "meeting"
    code = [*meeting.glob("*.py"), *(meeting / "templates").iterdir()]
    for name in LIBRARIES[chosen]:
        spec = find_spec(name)  # finds the installed files without importing them
        if spec is not None and spec.origin is not None:
            code.append(Path(spec.origin))
    params = {
        "format": chosen,
        "lang": lang.value,
        "known at": None if knew is None else knew.isoformat(),
        "registry as named": str(path),
        **filters,
    }
    return cache.output_key(
        "report", params, [path, ledger_path(path), *sorted(code)], day=day.isoformat(), terminal=()
    )


@contextmanager
def _messages_kept(said: list[str]) -> Iterator[None]:
    """Messages said meanwhile go to stderr as ever, and into `said` for the memo."""
    from zqplan.commands.common import Capture, _to_stderr

    capture = Capture()
    try:
        with capture:
            yield
    finally:
        said += capture.stderr
        _to_stderr("".join(capture.stderr))


def _meeting(
    path: Path,
    selection: Selection,
    day: dt.date,
    knew: dt.date | None,
    lang: Lang,
    *,
    history: bool,
    since: dt.date | None = None,
) -> tuple[Meeting, Sequence[Observation]]:
    """Load, judge and select as `status` does: the report's model and the records used."""
    from zqplan.commands.common import known, load
    from zqplan.commands.status_run import select_targets
    from zqplan.meeting import build
    from zqplan.select import conditions
    from zqplan.status import assess_plan

    plan, records = load(path)
    in_plan = plan
    if any(t.retired for t in plan.targets):
        from zqplan.renames import in_force

        in_plan = in_force(plan, day)  # retired targets: out of status, so out of the report
    observations = known(records.observations, knew)
    assessments = select_targets(
        plan, assess_plan(in_plan, observations, as_of=day), selection, lang
    )
    diff = None
    if since is not None:
        from zqplan.commands.diff import _registry_then
        from zqplan.diff import compare
        from zqplan.renames import carry_over

        withdrawn, _ = carry_over(plan, records.withdrawn)
        diff = compare(
            plan,
            _registry_then(path, plan, since),
            [*records.observations, *withdrawn],
            records.voids,
            since=since,
            as_of=day,
            known_at=knew,
            areas=selection.areas,
        )
    meeting = build(
        plan,
        assessments,
        observations,
        as_of=day,
        known_at=knew,
        lang=lang,
        filters=conditions(selection, lang),
        history=history,
        diff=diff,
    )
    return meeting, observations


def _xlsx(meeting: Meeting, observations: Sequence[Observation], target: Path) -> None:
    """The workbook; its By year sheet is zqplan table's model (zqplan/wide.py)."""
    from zqplan.meeting.xlsx import write_xlsx
    from zqplan.wide import wide_table

    assessments = [row.assessment for row in meeting.rows]
    write_xlsx(meeting, wide_table(assessments, observations, as_of=meeting.as_of), target)


def _terminal() -> bool:
    stdout = sys.stdout
    return stdout is not None and stdout.isatty()


def _deliver(output: Path | None, write: Callable[[Path], object]) -> None:
    """Write through `write` into a temporary file, then rename it to output (or copy it
    to stdout): a reader never sees half a report, a failure leaves none."""
    import tempfile

    name = "report" if output is None else output.name
    try:
        # Beside the output, so that the rename stays on one file system.
        folder = None if output is None else output.parent
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            f"cannot write {output}: {exc.strerror}", hint="check that the folder exists"
        ) from None
    os.close(handle)
    scratch = Path(temporary)
    try:
        write(scratch)
        if output is None:
            _to_stdout(scratch.read_bytes())
            return
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(scratch, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
        with open(scratch, "rb") as stream:
            os.fsync(stream.fileno())
        os.replace(scratch, output)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror}; nothing written") from None
    finally:
        scratch.unlink(missing_ok=True)


def _to_stdout(content: bytes) -> None:
    """The report's bytes on stdout."""
    stream = sys.stdout
    buffer = None if stream is None else getattr(stream, "buffer", None)
    if buffer is None:
        raise OutputError("standard output takes no bytes", hint="give -o FILE")
    try:
        stream.flush()
        buffer.write(content)
        buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise OutputError(f"cannot write to standard output: {reason}") from None

"""`zqplan edit [TARGET]`: the registry in your editor, checked before it replaces the file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zqplan.cli import LangOption, RegistryOption
from zqplan.commands.common import complete_target
from zqplan.errors import RegistryError, ZqplanError
from zqplan.options import Lang

if TYPE_CHECKING:
    from zqplan.model import Plan


def command(
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[TARGET]",
            help="Open the registry at this target or programme (an id in any case, or a "
            "Chinese title); none: at the top.",
            show_default=False,
            autocompletion=complete_target,
        ),
    ] = None,
    registry: RegistryOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Edit the registry in $VISUAL or $EDITOR; it replaces the file only if it passes check.

    A copy is edited; on problems zqplan lists them and (at a terminal) offers to reopen.
    Example: EDITOR="code -w" zqplan edit farm-output
    """
    from zqplan.commands.common import resolve_registry, say
    from zqplan.editor import choose_editor
    from zqplan.registry import decode, read_bytes

    path = resolve_registry(registry, writing=True)
    original = read_bytes(path, what="registry", error=RegistryError)
    decode(original, path=path, error=RegistryError)  # not text: refused before the editor
    before, found = _loaded(path)
    line = _start_line(before, target) if before is not None else _first_line(found, path)
    terminal = _terminal()
    editor = choose_editor(os.environ, terminal=terminal)
    if editor is None:
        raise RegistryError(_told("no editor", lang), hint=_told("no editor hint", lang))
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="zqplan-edit-"))
    copy = folder / path.name
    keep = False
    try:
        copy.write_bytes(original)
        while True:
            _run(editor, copy, line, lang)
            edited = _read_copy(copy, lang)
            if edited == original:
                say(_told("unchanged", lang, path=path))
                return
            problems = _problems(path, edited, before)
            if not problems:
                break
            for problem in problems:
                say(f"zqplan: error: {problem}")
            if not (terminal and _ask(_told("reopen?", lang))):
                raise RegistryError(
                    _told("refused", lang, count=len(problems), path=path),
                    hint=_told("refused hint", lang),
                )
            line = _first_line(problems, path) or line
        if read_bytes(path, what="registry", error=RegistryError) != original:
            keep = True
            raise RegistryError(
                _told("changed meanwhile", lang, path=path),
                hint=_told("changed meanwhile hint", lang, copy=copy, path=path),
            )
        _replace(path, edited, lang)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    after, _ = _loaded(path)
    count = len(after.targets) if after is not None else 0
    say(_told("written", lang, path=path, count=count))


def _terminal() -> bool:
    """Whether a person is there to answer: stdin and stderr are terminals."""
    return (
        sys.stdin is not None
        and sys.stdin.isatty()
        and sys.stderr is not None
        and sys.stderr.isatty()
    )


def _loaded(path: Path) -> tuple[Plan | None, list[ZqplanError]]:
    """The registry's plan, or None and its problems when it does not load as it is."""
    from zqplan.errors import Problems
    from zqplan.registry import load_plan

    try:
        return load_plan(path), []
    except Problems as found:
        return None, list(found.problems)
    except ZqplanError as error:
        return None, [error]


def _start_line(plan: Plan, target: str | None) -> int | None:
    """The line of the target's (or programme's) table, or None: the top."""
    if target is None:
        return None
    from zqplan.lookup import resolve

    found = resolve(plan, target)
    entry = plan.target(found) or plan.programme(found)
    where = None if entry is None else entry.where
    return None if where is None else where.line


def _run(editor: str, copy: Path, line: int | None, lang: Lang) -> None:
    """Start the editor on the copy and wait for it; an editor that fails writes nothing."""
    import subprocess

    from zqplan.editor import command_line, file_arguments

    argv = command_line(editor, file_arguments(editor, str(copy), line), windows=os.name == "nt")
    try:
        done = subprocess.run(argv, check=False)
    except OSError as exc:
        raise RegistryError(
            _told("editor failed", lang, editor=editor, reason=exc.strerror),
            hint=_told("editor hint", lang),
        ) from None
    if done.returncode != 0:
        raise RegistryError(
            _told("editor failed", lang, editor=editor, reason=f"exit {done.returncode}"),
            hint=_told("editor hint", lang),
        )


def _told(key: str, lang: Lang, **values: object) -> str:
    """A message of i18n.WRITING_WORDS in the language."""
    from zqplan.i18n import told

    return told(key, lang, **values)


def _read_copy(copy: Path, lang: Lang) -> bytes:
    try:
        return copy.read_bytes()
    except OSError as exc:
        raise RegistryError(
            _told("copy gone", lang, copy=copy, reason=exc.strerror),
            hint=_told("refused hint", lang),
        ) from None


def _problems(path: Path, edited: bytes, before: Plan | None) -> list[ZqplanError]:
    """What check finds in the edited text, read as the registry at path would be.

    Ledger records for an id the edit removed are problems too; problems the ledger
    had already are not the edit's (check reports them as before).
    """
    from zqplan import registry
    from zqplan.errors import Problems

    try:
        text = registry.decode(edited, path=path, error=RegistryError)
        plan = registry.plan_from_text(path, text)
    except Problems as found:
        return list(found.problems)
    except ZqplanError as error:
        return [error]
    problems = registry.missing_texts(plan)
    old = {str(p) for p in _ledger_problems(path, before)} if before is not None else set()
    problems += [p for p in _ledger_problems(path, plan) if str(p) not in old]
    return problems


def _ledger_problems(path: Path, plan: Plan) -> list[ZqplanError]:
    """The ledger's records that this plan does not know; none if the ledger is unreadable."""
    from zqplan import ledger

    try:
        records = ledger.read(ledger.ledger_path(path))
    except ZqplanError:
        return []  # the ledger's own damage is check's to report, not the edit's
    return ledger.validate(plan, records.observations)


def _first_line(problems: list[ZqplanError], path: Path) -> int | None:
    """The line of the first problem in the registry, to reopen the editor there."""
    prefix = f"{path}:"
    for problem in problems:
        if problem.where is not None and problem.where.startswith(prefix):
            number = problem.where[len(prefix) :].split(":", 1)[0]
            if number.isdigit():
                return int(number)
    return None


def _ask(question: str) -> bool:
    """A yes/no question on stderr, answered on stdin; yes unless the answer is no."""
    # Not typer.confirm: Click's prompt writes to stdout, which is for data only.
    sys.stderr.write(question + " ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer:
        return False
    return answer.strip().casefold() not in {"n", "no", "否", "不"}


def _replace(path: Path, data: bytes, lang: Lang) -> None:
    """Put data in place of the registry in one rename, keeping its permissions."""

    from zqplan.atomic import replace_file

    try:
        replace_file(path, data)
    except OSError as exc:
        raise RegistryError(_told("cannot write", lang, path=path, reason=exc.strerror)) from None

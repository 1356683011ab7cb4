"""Which editor to run and how to open a file at a line in it, as git chooses (pure)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping

DEFAULT_EDITOR = "vi"
"""git's fallback at a terminal when neither $VISUAL nor $EDITOR is set."""

PLUS_LINE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "mvim",
        "view",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "micro",
        "joe",
        "jed",
        "mg",
        "ne",
        "gedit",
        "kak",
    }
)
"""Editors that open a file at line N given `+N FILE`."""

GOTO_LINE = frozenset({"code", "code-insiders", "codium", "cursor"})
"""Editors that open a file at line N given `--goto FILE:N`."""

COLON_LINE = frozenset({"subl", "hx", "zed"})
"""Editors that open a file at line N given `FILE:N`."""


def choose_editor(environ: Mapping[str, str], *, terminal: bool) -> str | None:
    """$VISUAL (unless the terminal is dumb), then $EDITOR, then vi at a terminal; or None.

    git's order (without its own settings): an editor that needs a screen is not
    started where there is none.
    """
    dumb = environ.get("TERM", "dumb") == "dumb"
    for name in ("VISUAL", "EDITOR"):
        if name == "VISUAL" and dumb:
            continue
        chosen = environ.get(name, "").strip()
        if chosen:
            return chosen
    return DEFAULT_EDITOR if terminal and not dumb else None


def program(editor: str) -> str:
    """The editor's program name without folder or .exe: `/usr/bin/vim -u x` is vim."""
    try:
        words = shlex.split(editor)
    except ValueError:
        words = editor.split()
    if not words:
        return ""
    name = os.path.basename(words[0]).casefold()
    return name.removesuffix(".exe")


def file_arguments(editor: str, path: str, line: int | None) -> list[str]:
    """The arguments after the editor's own words that open path at line (when it can)."""
    if line is None or line < 1:
        return [path]
    name = program(editor)
    if name in PLUS_LINE:
        return [f"+{line}", path]
    if name in GOTO_LINE:
        return ["--goto", f"{path}:{line}"]
    if name in COLON_LINE:
        return [f"{path}:{line}"]
    return [path]


def command_line(editor: str, arguments: list[str], *, windows: bool) -> list[str]:
    """The process to start: as git does, through the shell, so `code -w` or a quoted
    path in $EDITOR works; on Windows the editor's words, split, then the arguments."""
    if windows:
        return [*shlex.split(editor, posix=False), *arguments]
    return ["sh", "-c", f'{editor} "$@"', editor, *arguments]

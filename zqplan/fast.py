"""The zqplan script's entry point: `status` and `update` with plain arguments run
without importing Typer (start-up is zqplan's speed); anything else goes to cli.main.

The fast path takes only what it can parse exactly as Typer does: the options listed
here, each at most once, written `--option VALUE`, a value not starting with "-", a
choice in any case. Anything else (help, other options, --option=VALUE, `--`,
completion) is handed to Typer, which parses it or says what is wrong.
tests/test_fast.py keeps the two parsers equal.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from zqplan.options import Lang, OutputFormat

COMMANDS = {
    "status": "zqplan.commands.status_run",
    "update": "zqplan.commands.update_run",
}
"""The commands with a fast path, and the module whose `run` carries each out."""

TEXT = "text"
FLAG = "flag"
PATH = "path"

OPTIONS: dict[str, dict[str, tuple[str, Any]]] = {
    "status": {
        "--registry": ("registry", PATH),
        "-r": ("registry", PATH),
        "--json": ("json", FLAG),
        "--format": ("fmt", OutputFormat),
        "--fields": ("fields", TEXT),
        "--as-of": ("as_of", TEXT),
        "--known-at": ("known_at", TEXT),
        "--lang": ("lang", Lang),
    },
    "update": {
        "--registry": ("registry", PATH),
        "-r": ("registry", PATH),
        "--date": ("date", TEXT),
        "--source": ("source", TEXT),
        "--note": ("note", TEXT),
        "--id": ("record", TEXT),
        "--force": ("force", FLAG),
    },
}
"""Per command: each option the fast path takes, its parameter, and how its value is read."""

POSITIONAL = {"status": (), "update": ("target_id", "value")}
"""Per command: the names of its arguments, in order."""

LANG_ENV = "ZQPLAN_LANG"


def parse(args: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and the keyword arguments of its `run`, as Typer would give them
    (but for --lang when not given: see resolve_lang); None when Typer must parse."""
    if not args or args[0] not in COMMANDS or _completing():
        return None
    name, rest = args[0], args[1:]
    options, positional = OPTIONS[name], POSITIONAL[name]
    params: dict[str, Any] = {}
    given: list[str] = []
    index = 0
    while index < len(rest):
        token = rest[index]
        index += 1
        if not token.startswith("-"):
            if len(given) == len(positional):
                return None  # an extra argument: Typer says so
            given.append(token)
            continue
        found = options.get(token)
        if found is None:
            return None  # help, --, -x, --opt=value, an option not taken here
        key, kind = found
        if key in params:
            return None  # given twice: Typer decides
        if kind == FLAG:
            params[key] = True
            continue
        if index == len(rest) or rest[index].startswith("-"):
            return None
        value = rest[index]
        index += 1
        read = _read(kind, value)
        if read is None:
            return None
        params[key] = read
    params.update(zip(positional, given, strict=False))
    if "lang" not in params:  # update takes --lang only through Typer, $ZQPLAN_LANG here
        from_env = os.environ.get(LANG_ENV)
        if from_env:  # Click reads an empty variable as none
            chosen = _choice(Lang, from_env)
            if chosen is None:
                return None
            params["lang"] = chosen
    return name, params


def _read(kind: Any, value: str) -> Any:
    """An option's value as Typer converts it, or None when Typer must judge it."""
    if kind == TEXT:
        return value
    if kind == PATH:
        from pathlib import Path

        # Typer's path type refuses an existing path it cannot read; "" is the folder.
        if not value or (os.path.exists(value) and not os.access(value, os.R_OK)):
            return None
        return Path(value)
    return _choice(kind, value)


def _choice(kind: type[OutputFormat] | type[Lang], value: str) -> OutputFormat | Lang | None:
    """The choice named, in any case (as Click's case-insensitive choices), or None."""
    wanted = value.casefold()
    for choice in kind:
        if choice.value.casefold() == wanted:
            return choice
    return None


def _completing() -> bool:
    """Whether a shell asks for completions (Click's _..._COMPLETE variables)."""
    return any(name.startswith("_ZQPLAN") and name.endswith("_COMPLETE") for name in os.environ)


def resolve_lang(name: str, params: dict[str, Any]) -> None:
    """--lang not given nor in $ZQPLAN_LANG: the config file's, else English (as cli's
    configured_lang); it may raise the config file's error, as Typer's path does."""
    if "lang" not in params:
        from zqplan.commands.common import config_lang

        params["lang"] = config_lang(Lang.EN)
    from zqplan.options import MESSAGES_IN

    MESSAGES_IN[:] = [params["lang"]]  # messages on stderr in it too (as cli.messages_in)


def main(argv: list[str] | None = None) -> None:
    """Run zqplan: the fast path when it applies, else the Typer app (cli.main)."""
    args = sys.argv[1:] if argv is None else argv
    found = parse(args)
    if found is None:
        from zqplan.cli import main as typer_main

        typer_main(args)
        return
    name, params = found
    from zqplan.commands.common import durable, exit_code, noted

    del durable[:]
    del noted[:]
    try:
        code = _invoke(name, params)
    except (Exception, KeyboardInterrupt) as error:
        stopped = exit_code(error)
        if stopped is None:
            from zqplan.cli import stop

            stop(error)
        code = stopped
    if code:
        from zqplan.cli import finish

        finish(code)
    sys.exit(0)


def _invoke(name: str, params: dict[str, Any]) -> int:
    """Run the command as Typer's (non-standalone) main does: Ctrl-C is exit code 130,
    end of input an abort, a closed pipe exit 1 (see typer/core.py, _main)."""
    import errno
    import importlib

    try:
        resolve_lang(name, params)
        importlib.import_module(COMMANDS[name]).run(**params)
    except EOFError as error:
        import typer

        typer.echo(file=sys.stderr)
        raise typer.Abort() from error
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        sys.exit(1)
    return 0

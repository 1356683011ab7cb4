"""The zqplan command: the app, the options several commands share, each command loaded
from zqplan/commands/ only when it runs, and errors mapped to exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from zqplan.commands.common import DEFAULT_REGISTRY, REGISTRY_ENV
from zqplan.errors import ExitCode, Problems, ZqplanError
from zqplan.options import (
    STATUS_NAMES,
    AttributeChoice,
    KindChoice,
    Lang,
    OutputFormat,
    RoleChoice,
)

DEBUG_ENV = "ZQPLAN_DEBUG"
COMPLETE_ENV = "_ZQPLAN_COMPLETE"
"""Set by the shell while it asks for completions (Click's protocol)."""

CONTEXT = {"help_option_names": ["-h", "--help"]}
"""Every command, built alone or in the app, takes -h as well as --help."""

app = typer.Typer(
    name="zqplan",
    help="Track a government plan's targets: where each stands and whether it arrives on time.\n\n"
    "Example: zqplan status --area rural; zqplan update farm-output 86.5 --date 2024-12-31",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


def configured_lang(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> Lang:
    """--lang, then $ZQPLAN_LANG, then the config file's lang, then English."""
    from typer._click.core import ParameterSource  # Typer 0.28 vendors Click

    if param.name is None or ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
        return value
    from zqplan.commands.common import config_lang

    return config_lang(value)


def messages_in(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> Lang:
    """--lang's callback: the language as configured_lang finds it, for views and messages."""
    from zqplan.options import MESSAGES_IN

    lang = configured_lang(ctx, param, value)
    MESSAGES_IN[:] = [lang]  # not through i18n: an English run never imports it
    return lang


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help=f"The registry file. Default: ${REGISTRY_ENV}, then the config file's registry, "
        f"then {DEFAULT_REGISTRY} here or in a parent folder, then the Zhaoqing plan shipped "
        "with zqplan (read-only).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (see the README for the schema).")
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="ZQPLAN_LANG",
        help="Language of tables: en or zh (also $ZQPLAN_LANG, then the config file's lang). "
        "JSON carries both.",
        case_sensitive=False,
        callback=messages_in,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="Output: table, json, ndjson, csv, tsv or markdown (--json is short for json).",
        case_sensitive=False,
        show_default=False,
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="These fields, in this order (listed in the README). Example: --fields id,status",
        show_default=False,
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=20,
        help="Lay tables out for this many columns (default: the terminal's; unlimited in a pipe).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Judge as things stood on this day (default: today).",
        show_default=False,
    ),
]

# The filters, sort and limit of the commands that list targets (zqplan/select.py).
AreaOption = Annotated[
    list[str] | None,
    typer.Option("--area", help="Only targets in this area (repeatable).", show_default=False),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Only targets with this status (repeatable): "
        + ", ".join(STATUS_NAMES)
        + "; or its Chinese label (滞后, 需加快, 已实现…).",
        show_default=False,
    ),
]
AttributeOption = Annotated[
    list[AttributeChoice] | None,
    typer.Option(
        "--attribute",
        help="Only binding (约束性) or anticipatory (预期性) targets (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
RoleOption = Annotated[
    list[RoleChoice] | None,
    typer.Option(
        "--role",
        help="Only targets with this role: commitment, reported, direction (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
KindOption = Annotated[
    list[KindChoice] | None,
    typer.Option(
        "--kind",
        help="Only numeric or yes-no targets (repeatable).",
        case_sensitive=False,
        show_default=False,
    ),
]
StaleOption = Annotated[
    bool, typer.Option("--stale", help="Only targets whose latest figure is stale.")
]
FinalOption = Annotated[
    bool | None,
    typer.Option(
        "--final/--open",
        help="Only final verdicts (judged after the target date), or only open ones.",
        show_default=False,
    ),
]
DueBeforeOption = Annotated[
    str | None,
    typer.Option(
        "--due-before",
        metavar="YYYY-MM-DD",
        help="Only targets whose date (as in force) is before this day.",
        show_default=False,
    ),
]
SearchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only targets with TEXT in id, title, Chinese title or source, any case "
        "(repeatable). Example: --search 森林",
        show_default=False,
    ),
]
SortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="[-]FIELD",
        help="Sort by a field of --fields; -FIELD for descending. status sorts worst first; "
        "missing values go last. Example: --sort progress",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, metavar="N", help="At most N targets, after sorting."),
]


KnownAtOption = Annotated[
    str | None,
    typer.Option(
        "--known-at",
        metavar="YYYY-MM-DD",
        help="Use only records recorded on or before this day (UTC): what was known then, "
        "revisions included (default: everything recorded).",
        show_default=False,
    ),
]


def _show_version(value: bool) -> None:
    if value:
        from zqplan import __version__
        from zqplan.commands.common import emit

        emit(f"zqplan {__version__}\n")
        raise typer.Exit()


def _lang_for_all(value: Lang | None) -> None:
    if value is not None:
        # Every command reads $ZQPLAN_LANG: `zqplan --lang zh CMD` is ZQPLAN_LANG=zh CMD.
        os.environ["ZQPLAN_LANG"] = value.value


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of the command that follows: en or zh (as $ZQPLAN_LANG).",
            case_sensitive=False,
            callback=_lang_for_all,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Track a government plan's targets: where each stands and whether it arrives on time."""


# --- entry point ---------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the app; turn every error into one line on stderr and its exit code."""
    from zqplan.commands.common import durable, noted

    args = sys.argv[1:] if argv is None else argv
    command, rest, prog_name = click_command(args)
    if not args or "-h" in args or "--help" in args:
        from zqplan.help_zh import chinese_help

        chinese_help(command, args, LAZY_COMMANDS)
    del durable[:]
    del noted[:]
    try:
        # Not standalone: Click would print usage errors over several lines.
        code = command.main(args=rest, prog_name=prog_name, standalone_mode=False)
    except (Exception, KeyboardInterrupt) as error:
        stop(error, args)
    finish(code)


def stop(error: BaseException, args: list[str] | None = None) -> NoReturn:
    """Exit after an error: its line and exit code, or 0 once the records are written."""
    from zqplan.commands.common import durable, say
    from zqplan.i18n import chosen

    chosen(sys.argv[1:] if args is None else args)  # an error before --lang was read, too
    if durable:
        # The records are in the ledger: a failed message or a late Ctrl-C is no
        # failed update, and a script that retries on failure would record twice.
        say(f"zqplan: note: the records were written before {_describe(error)}")
        sys.exit(int(ExitCode.OK))
    sys.exit(_failure(error))


def finish(code: object) -> NoReturn:
    """Exit with the command's code (a Ctrl-C that Click turned into one is said)."""
    from zqplan.commands.common import durable, say

    if code == ExitCode.INTERRUPTED and not durable:
        say("zqplan: interrupted")  # Click turned Ctrl-C into this code, silently
    elif code and durable:
        say("zqplan: note: the records were written before the interruption")
        code = ExitCode.OK
    sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


def _describe(error: BaseException) -> str:
    if isinstance(error, KeyboardInterrupt):
        return "the interruption"
    return f"this error: {error}"


def _failure(error: BaseException) -> int:
    """Say what went wrong in one line; the exit code."""
    from zqplan.commands.common import say
    from zqplan.errors import OutputError
    from zqplan.i18n import error_text

    if isinstance(error, Problems):
        for problem in error.problems if error.every else [error]:
            say(f"zqplan: error: {error_text(problem)}")
        return int(error.exit_code)
    if isinstance(error, OutputError):
        _silence_stdout()
    if isinstance(error, ZqplanError):
        say(f"zqplan: error: {error_text(error)}")
        return int(error.exit_code)
    if isinstance(error, typer.TyperException):  # Click's usage errors, vendored by Typer
        return _usage_error(error)
    if isinstance(error, (typer.Abort, KeyboardInterrupt)):
        say("zqplan: interrupted")
        return int(ExitCode.INTERRUPTED)
    if isinstance(error, BrokenPipeError):
        # The reader went away (`zqplan status | head`): not an error of ours.
        _silence_stdout()
        return int(ExitCode.OK)
    if os.environ.get(DEBUG_ENV):
        raise error
    say(
        f"zqplan: internal error: {type(error).__name__}: {error} "
        f"(please report it; {DEBUG_ENV}=1 shows the traceback)"
    )
    return int(ExitCode.INTERNAL)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


LAZY_COMMANDS = {
    "status": "zqplan.commands.status",
    "show": "zqplan.commands.show",
    "milestones": "zqplan.commands.milestones",
    "history": "zqplan.commands.history",
    "table": "zqplan.commands.table",
    "diff": "zqplan.commands.diff",
    "report": "zqplan.commands.report",
    "update": "zqplan.commands.update",
    "void": "zqplan.commands.void",
    "check": "zqplan.commands.check",
    "init": "zqplan.commands.init",
    "examples": "zqplan.commands.examples",
    "config": "zqplan.commands.config",
    "docs": "zqplan.commands.docs",
    "add": "zqplan.commands.add",
    "edit": "zqplan.commands.edit",
    "import-targets": "zqplan.commands.import_targets",
}
"""Every command and its module, imported only when it runs; help lists them in this order."""


def _lazy_command(name: str) -> Any:
    """The command's registration, from its module's `command` function (and its
    CONTEXT_SETTINGS, added to every command's)."""
    import importlib

    from typer.models import CommandInfo

    module = importlib.import_module(LAZY_COMMANDS[name])
    settings = {**CONTEXT, **getattr(module, "CONTEXT_SETTINGS", {})}
    return CommandInfo(name=name, callback=module.command, context_settings=settings)


def click_command(args: list[str]) -> tuple[Any, list[str], str]:
    """The Click command to run, its arguments and its name.

    Typer builds every command's parameters on each run; a script calls one
    command, so only that one is imported and built (start-up is zqplan's speed).
    Help, completion and unknown names get the whole app.
    """
    from typer.main import get_command

    if args and args[0] in LAZY_COMMANDS and COMPLETE_ENV not in os.environ:
        single = typer.Typer(
            add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None
        )
        single.registered_commands = [_lazy_command(args[0])]
        return get_command(single), args[1:], f"zqplan {args[0]}"
    for name in LAZY_COMMANDS:  # the whole app: its help lists every command
        if all(info.name != name for info in app.registered_commands):
            app.registered_commands.append(_lazy_command(name))
    return get_command(app), args, "zqplan"


def _usage_error(error: typer.TyperException) -> int:
    """One line for a usage error, pointing at the command's help; the exit code."""
    from zqplan.commands.common import say

    context = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
        sys.stderr.write(context.get_help() + "\n")
        return int(ExitCode.USAGE)
    message = " ".join(error.format_message().split())
    where = getattr(context, "command_path", "zqplan")
    say(f"zqplan: error: {message} (see `{where} --help`)")
    return int(getattr(error, "exit_code", ExitCode.USAGE))


__all__ = ["app", "main"]

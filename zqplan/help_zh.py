"""--help in Chinese: each command's and option's help from i18n.HELP_TEXTS, and Click's
own words (Usage, Options, [default: …]) through a help formatter of ours.

Loaded only when help is shown in Chinese: Click builds the help from the commands'
`help` attributes and the context's `formatter_class`, both public; nothing of Typer
or Click is patched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import typer

from zqplan.i18n import HELP_TEXTS, HELP_WORDS

HELP_FLAGS = ("-h", "--help")


def asks_help(args: Sequence[str]) -> bool:
    """Whether the command line shows help: no arguments (the app's help), or -h/--help
    before any `--`."""
    if not args:
        return True
    for arg in args:
        if arg == "--":
            return False
        if arg in HELP_FLAGS:
            return True
    return False


def help_text(command: str, param: Any) -> str | None:
    """The Chinese help of a parameter of COMMAND ("zqplan" for the app's own): the
    command's own, else the shared option's."""
    key = _param_key(param)
    return HELP_TEXTS.get(f"{command} {key}") or HELP_TEXTS.get(key)


def _param_key(param: Any) -> str:
    """An option by its first long name; an argument by its metavar (TARGET_ID)."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name).upper()
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0] if longs else str(param.opts[0])


def chinese_help(command: Any, args: Sequence[str], commands: Iterable[str]) -> None:
    """When ARGS show help and the language is Chinese (--lang, $ZQPLAN_LANG or the config
    file), put the Chinese help on COMMAND, the app or one of COMMANDS."""
    from zqplan.i18n import chosen, messages_lang
    from zqplan.options import Lang

    if not asks_help(args) or not chosen(list(args)) or messages_lang() is not Lang.ZH:
        return
    localise(command, args[0] if args and args[0] in commands else "zqplan")


def localise(command: Any, name: str = "zqplan") -> None:
    """Put the Chinese help on COMMAND, its parameters and its subcommands, and lay its
    help out with Chinese headings."""
    command.context_class = ChineseContext
    text = HELP_TEXTS.get(name)
    if text is not None:
        command.help = text
        command.short_help = _short(text)
    for param in command.params:
        if not getattr(param, "help", None):
            continue
        chinese = help_text(name, param)
        if chinese is not None:
            param.help = chinese
    for sub_name, sub in getattr(command, "commands", {}).items():
        localise(sub, sub_name)


def _short(text: str) -> str:
    """The summary a command list shows: the help's first sentence."""
    first = text.split("\n", 1)[0]
    return re.split(r"(?<=[。：；])", first, maxsplit=1)[0].rstrip("：；")


class ChineseFormatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]
    """Click's help formatter, with its own words in Chinese and lines wrapped by display
    width (a Chinese character takes two columns, and has no spaces to break at)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        words = " ".join(_metavar(word) for word in args.split())
        super().write_usage(prog, words, prefix=HELP_WORDS["Usage: "])

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HELP_WORDS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 20)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        shown = [(_term(term), _extras(text)) for term, text in rows]
        first = min(max((width(term) for term, _ in shown), default=0), col_max) + col_spacing
        for term, text in shown:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if width(term) <= first - col_spacing:
                self.write(" " * (first - width(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = wrap(text, max(self.width - first - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first + self.current_indent) + line + "\n")


def width(text: str) -> int:
    """The columns TEXT takes on a terminal: two for a wide (Chinese) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\uffef]|[^\s\u2e80-\u9fff\uf900-\uffef]+|\s+")
_NO_LINE_START = set("，。、；：）」』！？…%")


def wrap(text: str, columns: int) -> list[str]:
    """TEXT in lines of at most COLUMNS: a line may break between Chinese characters, or
    at a space; never before closing punctuation; paragraphs kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKENS.findall(paragraph):
            if token.isspace():
                line += " " if line else ""
                continue
            if line and width(line) + width(token) > columns and token[0] not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = ""
            line += token
        lines.append(line.rstrip())
    return lines


def _term(term: str) -> str:
    """An option's names and metavar, the metavar in Chinese (<path> is <路径>)."""
    return " ".join(_metavar(word) for word in re.split(r" (?![^<]*>)", term))


def _metavar(word: str) -> str:
    """A metavar or usage word in Chinese; [TARGET_ID] is [指标编号]."""
    bare = word.strip("[]{}").removesuffix("...")
    chinese = HELP_WORDS.get(word) or HELP_WORDS.get(bare)
    if chinese is None:
        return word
    return word.replace(bare, chinese) if word not in HELP_WORDS else chinese


def _extras(text: str) -> str:
    """Click's [default: …] and [required] after a help text, in Chinese."""
    if text == "Show this message and exit.":
        return HELP_TEXTS["--help"]

    def bracket(found: re.Match[str]) -> str:
        parts = []
        for part in found.group(1).split("; "):
            key, colon, value = part.partition(": ")
            word = HELP_WORDS.get(key, key)
            parts.append(f"{word}：{value}" if colon else word)
        return "[" + "；".join(parts) + "]"

    return re.sub(r"\[((?:default|env var|required)[^\]]*)\]", bracket, text)


class ChineseContext(typer.Context):
    """A context whose help is laid out by ChineseFormatter."""

    formatter_class = ChineseFormatter

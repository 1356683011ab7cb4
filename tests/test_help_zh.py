"""--help in Chinese (--lang zh, $ZQPLAN_LANG, the config file): every command's and
option's help text has a Chinese form, and the help shows no English but names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import run_zqplan
from test_zh_messages import english

from zqplan.cli import LAZY_COMMANDS, click_command
from zqplan.help_zh import asks_help, help_text, wrap
from zqplan.i18n import HELP_TEXTS

NAMES = {
    "readme", "utc", "markdown", "html", "pdf", "xlsx", "csv", "tsv", "ndjson", "json",
    "lines", "shell", "toml", "gbk", "gb18030", "utf-8", "utf-16", "zqplan_lang",
    "zqplan_registry", "visual", "editor", "md", "yyyy-mm-dd", "n", "x",
}  # fmt: skip
"""Names of formats, programs and variables, and placeholders (YYYY-MM-DD, N, the x of
[x>=20]), written as they are in Chinese too."""


def app() -> Any:
    """The whole app as Click builds it for help."""
    command, _, _ = click_command(["--help"])
    return command


def documented() -> list[tuple[str, Any]]:
    """Every (command, parameter) with a help text, the app's own as "zqplan"."""
    whole = app()
    found = [("zqplan", p) for p in whole.params if getattr(p, "help", None)]
    for name, command in whole.commands.items():
        found += [(name, p) for p in command.params if getattr(p, "help", None)]
    return found


def test_every_command_has_chinese_help() -> None:
    """HELP_TEXTS has the app's and each command's help."""
    assert [name for name in ["zqplan", *LAZY_COMMANDS] if name not in HELP_TEXTS] == []


def test_every_option_and_argument_has_chinese_help() -> None:
    """HELP_TEXTS has each option's and argument's help, its own or the shared one."""
    missing = [f"{name} {p.opts[0]}" for name, p in documented() if help_text(name, p) is None]
    assert missing == []


def choices(command: Any) -> set[str]:
    """The values the command's options take, as typed (literal in any language)."""
    from zqplan.options import STATUS_NAMES

    found = set(STATUS_NAMES)
    for param in command.params:
        found |= {str(c).lower() for c in getattr(param.type, "choices", ())}
    return found


@pytest.mark.parametrize("name", ["zqplan", *LAZY_COMMANDS])
def test_help_in_chinese_has_no_english(name: str, tmp_path: Path) -> None:
    """`zqplan [CMD] --help` under $ZQPLAN_LANG=zh: headings, help texts and Click's own
    words in Chinese; only names, typed values and examples in backticks stay."""
    args = ["--help"] if name == "zqplan" else [name, "--help"]
    shown = run_zqplan(*args, cwd=tmp_path, env={"ZQPLAN_LANG": "zh"})
    assert shown.returncode == 0, shown.stderr
    assert "选项：" in shown.stdout
    assert "用法：" in shown.stdout
    whole = app()
    values = choices(whole if name == "zqplan" else whole.commands[name]) | set(LAZY_COMMANDS)
    left = [w for w in english(shown.stdout) if w.lower() not in NAMES | values]
    assert left == [], shown.stdout


def test_help_follows_lang_and_config(tmp_path: Path) -> None:
    """`zqplan --lang zh --help`, `zqplan status --help --lang zh` and lang = "zh" in the
    config file give the Chinese help; without them it stays English."""
    assert "选项：" in run_zqplan("--lang", "zh", "--help", cwd=tmp_path).stdout
    assert "选项：" in run_zqplan("status", "--help", "--lang", "zh", cwd=tmp_path).stdout
    config = tmp_path / "config"
    (config / "zqplan").mkdir(parents=True)
    (config / "zqplan" / "config.toml").write_text('lang = "zh"\n', encoding="utf-8")
    chinese = run_zqplan("show", "-h", cwd=tmp_path, env={"XDG_CONFIG_HOME": str(config)})
    assert "选项：" in chinese.stdout, chinese.stderr
    english_help = run_zqplan("status", "--help", cwd=tmp_path)
    assert "Options:" in english_help.stdout
    assert "选项" not in english_help.stdout


def test_lang_before_the_command_sets_its_language(tmp_path: Path) -> None:
    """`zqplan --lang zh CMD` runs CMD in Chinese, as $ZQPLAN_LANG=zh does."""
    shown = run_zqplan("--lang", "zh", "show", "no-such-target", cwd=tmp_path)
    assert shown.returncode == 1
    assert "没有" in shown.stderr, shown.stderr


def test_asks_help() -> None:
    """Help is shown with no arguments, or -h/--help before `--`."""
    assert asks_help([])
    assert asks_help(["status", "-h"])
    assert not asks_help(["update", "x", "--", "--help"])
    assert not asks_help(["status"])


def test_wrap_breaks_chinese_by_width() -> None:
    """A Chinese character takes two columns; a line never starts with a comma."""
    # 10 characters = 20 columns: two lines of 4 characters (8 columns) and one of 2
    assert wrap("一二三四五六七八九十", 8) == ["一二三四", "五六七八", "九十"]
    # the comma stays with 四 even though the line is then 10 columns wide
    assert wrap("一二三四，五六", 8) == ["一二三四，", "五六"]
    assert wrap("ab cd", 3) == ["ab", "cd"]

"""Every message zqplan's source builds (errors, their hints, notes on stderr) comes out
in Chinese under --lang zh: the messages are found by reading the source, so a new one
is covered too; those built from variables are listed with real examples."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_zh_everywhere import ALLOWED

import zqplan
from zqplan.errors import ZqplanError
from zqplan.options import MESSAGES_IN, Lang

SOURCE = Path(zqplan.__file__).parent

ERRORS = {
    "ZqplanError",
    "RegistryError",
    "ConfigError",
    "LedgerError",
    "LockTimeout",
    "OutputError",
    "BatchError",
    "UnknownTargetError",
    "ImplausibleValueError",
    "InvalidInputError",
    "UnitError",
}
"""The exceptions whose first argument is a message (a test below keeps this complete)."""

BUILDERS = {"problem": 0, "_problem": 2}
"""Functions that build an error from a message: the message's position."""

NAMES = {
    "json",
    "csv",
    "jsonl",
    "utf-8",
    "utf-16",
    "python",
    "git",
    "xlsx",
    "html",
    "md",
    "toml",
    "gbk",
    "gb18030",
    "zqplan_debug",
    "nul",
    "zip",
}
"""Names of formats and programs, written as they are in Chinese too."""

FILLS = ("7", "甲", "'甲'", "", "target", "value", "a string", "/tmp/a.toml")
"""What a placeholder may stand for in a sample of a message."""

Parts = list[str | None]
"""A message's literal parts; None where a value goes."""

DYNAMIC: dict[tuple[str, str], list[tuple[str, str | None]]] = {
    # messages passed on in a variable: real examples of what they hold
    ("batch.py", "message"): [("no target", None), ("not CSV: line contains NUL", None)],
    ("commands/update_run.py", "defaulted"): [
        (
            "note: no --date: the figure is for 2024-12-31, the end of the last complete year "
            "('gdp' is annual; give --date for another period)",
            None,
        ),
        ("note: no --date: recorded as of today, 2025-01-10", None),
    ],
    ("commands/update_run.py", "message"): [
        (
            "implausible value for 'farm-output': '86500' is 86500 亿元, 1000 times the previous "
            "figure 86.5 (2023-12-31, registry); more than 10x apart",
            "if the figure is right, record it with --force",
        ),
    ],
    ("ledger.py", "m"): [
        ("not UTF-8 text", "save the file as UTF-8"),
        ("git conflict marker left by a merge", None),
        ("not a ledger record: Invalid value (at line 1, column 33)", None),
        (
            "not a ledger record: Expected '=' after a key in a key/value pair "
            "(at line 1, column 5)",
            None,
        ),
        ("record r20250110T093000-3f9a1c2b lacks 'date'", None),
    ],
    ("registry.py", "message"): [],  # problem()'s own arguments are checked where it is called
    ("registry.py", "wrong"): [
        ('target 50 is below the baseline 60, but direction = "increase"', None),
        ('a change of -5 with direction = "increase"', None),
        (
            'a -10% target with direction = "increase"',
            'for a target to go down to, set direction = "decrease"',
        ),
    ],
    ("commands/diff.py", "unknown"): [],  # said by the lines checked with their own text
    ("batch.py", "hint"): [],  # _problem's hint: checked where _problem is called
    ("registry.py", "hint"): [],  # problem()'s hint: checked where problem() is called
    ("ledger.py", "h"): [("not UTF-8 text", "save the file as UTF-8")],
    ("registry.py", "_DIRECTION_HINT[way]"): [  # as SAMPLES: the source inlines the table
        (
            'target 50 is below the baseline 60, but direction = "increase"',
            'for a target to go down to, set direction = "decrease"',
        ),
        (
            'target 70 is above the baseline 60, but direction = "decrease"',
            'for a target to go up to, set direction = "increase"',
        ),
    ],
    ("registry.py", "'write ' + EXAMPLES"): [
        (
            "'targets.gdp.yearly.2023' = 'x' has no comparator zqplan knows ('x')",
            'write 7 (at least 7 in the good direction), "about 7", ">= 5.5", "<= 3", "> 5", '
            '"< 3", "6-6.5", or in the plan\'s words: "7左右", "5.5以上", "3以内", "不低于5.5"',
        ),
    ],
    ("render.py", "hint"): [("unknown field 'colour' in --fields", "fields: id,title,status")],
    ("units.py", "hint"): [],  # SAMPLES gives each form
    ("commands/common.py", "f'{error.message} for \\'{target.id}\\''"): [],
}
"""(file, the message's source) of messages held in variables: examples of each."""

SAMPLES: list[tuple[str, str | None]] = [
    # messages whose values are English words the code chooses: each form they take
    (
        "'5%' is in %, but target unit 'billion yuan' is in yuan for 'gdp'",
        "give a plain number in 'billion yuan' or a value in yuan",
    ),
    ("--date '2024-13' is not a date: month must be in 1..12, not 13", None),
    ("--status 'bogus' is not a status", "statuses: achieved, on-track, at-risk"),
    ("'value' must be a number, a quantity or done", None),
    ("'date' must be a string like \"2024-12-31\"", None),
    ("record r20250110T093000-3f9a1c2b for 'gdp' must hold true/false", None),
    ("record r20250110T093000-3f9a1c2b for 'gdp' must hold a number", None),
    ("unknown keys colour, size", "keys: target, value, date"),
    (
        "'abc' is in m, but target unit '万元' is in yuan",
        "give a plain number in '万元' or a value in yuan",
    ),
    (
        "'5%' is in %, but target unit 'pp' is in percentage points",
        "percent and percentage points differ: from 5% to 6% is a rise of 1 percentage point",
    ),
    ("'5' is in m, but the target has no unit", "give a plain number"),
    ("'5 m' is not a number for 'gdp'", "e.g. 86.5 or 300亿"),
    (
        "'gdp-2' names 'cpi', which does not have the same periods (numeric, quarterly, "
        "cumulative; this target: numeric, annual)",
        None,
    ),
    ("'targets.gdp.yearly.2023' = 'abc' has no comparator zqplan knows ('abc')", None),
    ("'targets.gdp.yearly.2023' = '7-6' runs backwards: 7 is above 6", None),
    (
        "warning: 'gdp': target 50 is below the baseline 60, but direction = \"increase\" "
        "(dated 2020-12-31, which serves as the baseline); it can only be achieved or "
        "off-track",
        "give the target a baseline, or check the direction",
    ),
    (
        "warning: conflicting figures for 'gdp' 2024-12-31: 5 by 张三 (line 3, recorded "
        "2025-01-02) and 6 by 李四 (recorded 2025-01-03); the later, "
        "r20250103T000000-3f9a1c2b, is in force",
        "agree on the figure and record it again, or void the wrong record: either settles "
        "this warning",
    ),
    (
        "--date '2024-13' is not a date: month must be in 1..12",
        "write it as YYYY-MM-DD, YYYY/MM/DD, YYYY, YYYY-Q4, YYYY-MM, 2024年, 2024年12月, "
        "2024年第四季度",
    ),
    ("no target 'gpd' in /tmp/p/targets.toml", "did you mean 'gdp'?"),
    ("no programme 'x' in /tmp/p/targets.toml", "`zqplan status` lists the ids"),
    (
        "'rural' names 12 entries of /tmp/p/targets.toml: 'a', 'b' and 10 more",
        "give the id, or more of the title",
    ),
    ("cannot write /tmp/p/targets.ledger.toml: Permission denied", "nothing was recorded"),
    ("cannot write /tmp/p/report.xlsx: No such file or directory", "check that the folder exists"),
    ("cannot write /tmp/p/targets.toml: No space left on device; nothing written", None),
    ("not JSON: Expecting value (column 1)", None),
    ("not an .xlsx workbook: BadZipFile: File is not a zip file", None),
    ("not gb18030 text (byte 7)", "save it as UTF-8, or name its encoding with --encoding"),
    ("--date '2024' is outside the years 1900-2199", None),
    (
        "'5' looks like a fraction, but '%' is a percentage and every figure of this target "
        "is above 1",
        "write it in percent: 50 for 0.5; if the figure is right, record it with --force",
    ),
    (
        "bad header: unknown column colour; missing value",
        "columns: target,value,date,source,note,record,stage,item",
    ),
]
"""Messages whose parts the code chooses among English words, as they are said."""


def messages() -> Iterator[tuple[str, int, str, ast.expr, ast.expr | None]]:
    """Every call that builds a message: file, line, function, message, hint."""
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "zqplan.meeting.words import say" in text:
            continue  # that say is a word of the report, not a message (meeting/words.py)
        tree = ast.parse(text)
        constants = {
            node.targets[0].id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        }
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = _name(call.func)
            position = BUILDERS.get(name or "", 0)
            if name not in ERRORS and name not in BUILDERS and name != "say":
                continue
            if len(call.args) <= position:
                continue
            hint = next((k.value for k in call.keywords if k.arg == "hint"), None)
            if hint is None and name == "_problem" and len(call.args) > position + 1:
                hint = call.args[position + 1]
            message = _inlined(call.args[position], constants)
            hint = None if hint is None else _inlined(hint, constants)
            yield str(path.relative_to(SOURCE)), call.lineno, name or "", message, hint


def _name(function: ast.expr) -> str | None:
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def _inlined(node: ast.expr, constants: dict[str, ast.expr]) -> ast.expr:
    """The expression with each module constant's value in place of its name."""

    class Inline(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.expr:
            return constants.get(name.id, name)

    copy = ast.parse(ast.unparse(node), mode="eval").body
    return Inline().visit(copy)  # type: ignore[no-any-return]


def forms(node: ast.expr) -> list[Parts] | None:
    """Every text a message expression can be, as literal parts and holes; [] for a text
    in both languages already (told), None for one held in a variable."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [[node.value]]
    if isinstance(node, ast.JoinedStr):
        parts: Parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif (
                isinstance(value, ast.FormattedValue)
                and isinstance(value.value, ast.BinOp)
                and isinstance(value.value.op, ast.Mult)
                and isinstance(value.value.left, ast.Constant)
            ):
                parts.append("")  # a plural's "s" (or " ..."): the singular is a form too
            else:
                parts.append(None)
        return [parts]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = forms(node.left), forms(node.right)
        if left is None or right is None:
            return None
        return [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        body, orelse = forms(node.body), forms(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return forms(node.values[-1])  # suggest(...) or "...": "did you mean" is known
    if isinstance(node, ast.Subscript):
        return forms(node.value)
    if isinstance(node, ast.Dict):  # a table of messages, one chosen: each of them
        values = [forms(v) for v in node.values if v is not None]
        chosen = [f for v in values if v is not None for f in v]
        return chosen if chosen else None
    if isinstance(node, ast.Call):
        if _name(node.func) in ("told", "_told"):
            return []  # WRITING_WORDS: written in both languages
        return [[None]]
    return None


def samples(parts: Parts) -> Iterator[str]:
    """The message with values in its holes: the same value in each, then mixed."""
    holes = parts.count(None)
    tried: set[tuple[str, ...]] = set()
    choices = [tuple(fill for _ in range(holes)) for fill in FILLS]
    if holes <= 2:
        choices += list(itertools.product(FILLS, repeat=holes))
    elif holes <= 4:
        choices += list(itertools.product(("7", "'7'", "target", ""), repeat=holes))
    for fills in choices:
        if fills in tried:
            continue
        tried.add(fills)
        values = iter(fills)
        yield "".join(next(values) if part is None else part for part in parts)


def english_left(message: str, hint: str | None, said: bool) -> list[str]:
    """The English words of a message (and hint) shown in Chinese."""
    from zqplan.i18n import error_text, translate

    MESSAGES_IN[:] = [Lang.ZH]
    try:
        shown = translate(message) if said else error_text(ZqplanError(message, hint=hint))
    finally:
        MESSAGES_IN.clear()
    return english(shown)


def english(text: str) -> list[str]:
    """The English words of a message, as test_zh_everywhere.english_words finds them
    (commands, quoted input, record ids, paths, options and names taken out)."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r'"[^"]*"', " ", text)  # a TOML value echoed as written
    text = re.sub(r"r\d{8}T\d{6}-[0-9a-f]{8,16}", " ", text)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:toml|txt|csv|md)\b", " ", text)
    text = re.sub(r"--[\w-]+|\$[A-Z_]+|(?<!\S)-[A-Za-z]\b", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z]", text)
    return [w for w in words if w.lower() not in ALLOWED | NAMES]


def _untranslated() -> dict[str, str]:
    """Each message site whose every sample keeps English, with one sample."""
    from zqplan.i18n import error_text

    left: dict[str, str] = {}
    for file, line, name, message, hint in messages():
        message_forms = forms(message)
        hint_forms = [None] if hint is None else forms(hint)
        if not message_forms or hint_forms is None or message_forms is None:
            continue  # told(), or a variable: DYNAMIC covers it
        for message_parts in message_forms:
            for hint_parts in hint_forms or [None]:
                # message and hint are translated apart: each needs one good sample
                good_message = any(
                    not english_left(text, None, name == "say") for text in samples(message_parts)
                )
                good_hint = hint_parts is None or any(
                    not english_left("--reason is empty", text, False)
                    for text in samples(hint_parts)
                )
                if not (good_message and good_hint):
                    text = "".join("7" if p is None else p for p in message_parts)
                    hint_text = (
                        None
                        if hint_parts is None
                        else "".join("7" if p is None else p for p in hint_parts)
                    )
                    MESSAGES_IN[:] = [Lang.ZH]
                    left[f"{file}:{line}"] = error_text(ZqplanError(text, hint=hint_text))
                    MESSAGES_IN.clear()
    return left


def test_every_message_built_in_the_source_is_chinese() -> None:
    """Each message the source writes, with sample values, leaves no English in Chinese."""
    assert _untranslated() == {}


def test_messages_held_in_variables_are_listed() -> None:
    """A message passed in a variable has examples in DYNAMIC (so the test above does not
    miss it silently)."""
    unlisted = []
    for file, line, _, message, hint in messages():
        for node in (message, hint):
            if node is not None and forms(node) is None:
                key = (file, ast.unparse(node))
                if key not in DYNAMIC and not _listed_hint(node):
                    unlisted.append(f"{file}:{line} {key[1]}")
    assert unlisted == []


def _listed_hint(node: ast.expr) -> bool:
    """A hint taken from another error (error.hint): that error's own site checks it."""
    return isinstance(node, ast.Attribute) and node.attr == "hint"


@pytest.mark.parametrize(
    ("message", "hint"),
    [example for examples in DYNAMIC.values() for example in examples] + SAMPLES,
)
def test_examples_of_built_messages_are_chinese(message: str, hint: str | None) -> None:
    """Messages held in variables, or made of English words the code picks: in Chinese."""
    said = message.startswith(("note:", "zqplan:"))
    assert english_left(message, hint, said) == []


def test_the_error_classes_are_all_known() -> None:
    """ERRORS names every ZqplanError subclass that takes a message."""
    import importlib
    import pkgutil

    found = set()
    for module in pkgutil.walk_packages([str(SOURCE)], "zqplan."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, ZqplanError):
                found.add(value.__name__)
    assert found - {"Problems"} <= ERRORS


def test_the_finder_finds_an_english_message() -> None:
    """The check itself: a message no pattern knows is English in Chinese."""
    assert english_left("the moon is made of cheese", None, False)
    assert not english_left("--reason is empty", "say why the record is withdrawn", False)


BAD_REGISTRIES = {
    "schema": 'schema = "zqplan.registry/9"\n[plan]\nid = "p"\ntitle = "规划"\n',
    "unknown key": (
        'schema = "zqplan.registry/1"\n[plan]\nid = "p"\ntitle = "规划"\ncolour = "red"\n'
    ),
    "area undeclared": (
        'schema = "zqplan.registry/1"\n[plan]\nid = "p"\ntitle = "规划"\n'
        '[targets.gdp]\narea = "econ"\ntitle = "GDP"\nsource = "原文"\nunit = "%"\n'
    ),
    "bad date": (
        'schema = "zqplan.registry/1"\n[plan]\nid = "p"\ntitle = "规划"\n[areas.econ]\n'
        'title = "经济"\n[targets.gdp]\narea = "econ"\ntitle = "GDP"\nsource = "原文"\n'
        'unit = "%"\ntarget = { value = 5, date = "soon" }\n'
    ),
}
"""Registries with one error each, as a user might write them."""

BAD_LEDGERS = {
    "not toml": "r20250110T093000-3f9a1c2b = { target = \n",
    "unknown field": (
        "r20250110T093000-3f9a1c2b = { target = 'gdp', date = 2024-12-31, value = 5.0, "
        "recorded_at = 2025-01-10T09:30:00Z, colour = 'red' }\n"
    ),
    "unknown target": (
        "r20250110T093000-3f9a1c2b = { target = 'gpd', date = 2024-12-31, value = 5.0, "
        "recorded_at = 2025-01-10T09:30:00Z }\n"
    ),
}
"""Ledger lines with one error each."""

BAD_BATCHES = {
    "header": "target,valeu\ngdp,5\n",
    "row": "target,value,date\ngdp,abc,2024-12-31\n",
    "cells": "target,value\ngdp,5,6\n",
    "unknown": "target,value,date\ngpd,5,2024-12-31\n",
}
"""update --from files with one error each."""

USAGE = [
    ["status", "--bogus"],
    ["status", "--limit", "0"],
    ["status", "--limit", "abc"],
    ["status", "--format", "xml"],
    ["show"],
    ["show", "gdp", "extra"],
    ["bogus"],
]
"""Command lines Click refuses."""


def _chinese_run(folder: Path, *args: str, env: dict[str, str] | None = None) -> str:
    from helpers import run_zqplan

    done = run_zqplan(*args, cwd=folder, env={"ZQPLAN_LANG": "zh", **(env or {})})
    assert done.returncode != 70, done.stderr
    # check lists problems on stdout; other commands' stdout is their view (tested apart)
    return (done.stdout if args[0] == "check" else "") + done.stderr


def _template(tmp_path: Path) -> Path:
    from helpers import run_zqplan

    made = run_zqplan("init", "plan", "--empty", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path / "plan"


@pytest.mark.parametrize("name", sorted(BAD_REGISTRIES))
def test_bad_registries_are_said_in_chinese(name: str, tmp_path: Path) -> None:
    """check and status on a registry with an error: the error in Chinese."""
    (tmp_path / "targets.toml").write_text(BAD_REGISTRIES[name], encoding="utf-8")
    for command in ("check", "status"):
        said = _chinese_run(tmp_path, command)
        assert said.strip(), said
        assert english(said) == [], said


@pytest.mark.parametrize("name", sorted(BAD_LEDGERS))
def test_bad_ledgers_are_said_in_chinese(name: str, tmp_path: Path) -> None:
    """check and status on a ledger with a bad line: the error in Chinese."""
    folder = _template(tmp_path)
    with (folder / "targets.ledger.toml").open("a", encoding="utf-8") as ledger:
        ledger.write(BAD_LEDGERS[name])
    for command in ("check", "status"):
        said = _chinese_run(folder, command)
        assert said, said
        assert english(said) == [], said


@pytest.mark.parametrize("name", sorted(BAD_BATCHES))
def test_bad_batches_are_said_in_chinese(name: str, tmp_path: Path) -> None:
    """update --from a file with a bad row: each error in Chinese."""
    folder = _template(tmp_path)
    (folder / "rows.csv").write_text(BAD_BATCHES[name], encoding="utf-8")
    said = _chinese_run(folder, "update", "--from", "rows.csv")
    assert "错误" in said, said
    assert english(said) == [], said


@pytest.mark.parametrize("args", USAGE, ids=" ".join)
def test_usage_errors_are_said_in_chinese(args: list[str], tmp_path: Path) -> None:
    """Click's usage errors, in Chinese with $ZQPLAN_LANG and with --lang."""
    folder = _template(tmp_path)
    said = _chinese_run(folder, *args)
    assert "错误" in said, said
    assert english(said) == [], said
    if args[0] != "bogus":
        said = _chinese_run(folder, *args, "--lang", "zh", env={"ZQPLAN_LANG": ""})
        assert "错误" in said, said
        assert english(said) == [], said

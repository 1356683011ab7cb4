"""The Zhaoqing registry shipped with zqplan, and `zqplan init` (of it, an example, a template)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from zqplan.errors import InvalidInputError, RegistryError

if TYPE_CHECKING:
    from zqplan.examples import Example

TEMPLATE = """\
# A zqplan registry: the plan's targets, written by hand and read by zqplan.
# `zqplan docs registry` prints the format, field by field. Record progress with
# `zqplan update TARGET VALUE --date YYYY-MM-DD`; it goes to the ledger beside
# this file, never into this file. `zqplan check` says what is wrong, by line.
# Below: one example of each form of target. Keep what fits, delete the rest.

schema = "zqplan.registry/1"

[plan]
id = "my-plan"
title = "My plan"
title_zh = "我的规划"
# document = "The document the targets come from"
# published = 2023-03-08

[areas.economy]
title = "Economy"
title_zh = "经济发展"

# One table per target; the key after "targets." is its id
# (lower-case letters, digits and hyphens).

# A level to reach by a date.
[targets.gdp]
area = "economy"
title = "GDP"
title_zh = "地区生产总值"
source = "Quote the sentence of the plan this target comes from."
unit = "billion yuan"
direction = "increase"        # increase | decrease | at-least | at-most
# attribute = "anticipatory"  # anticipatory | binding
# trajectory = "compound"     # compound | linear
# frequency = "annual"        # annual | quarterly | monthly
baseline = { value = 100, date = 2022-12-31 }
target = { value = 150, date = 2027-12-31 }
# note = "Why the target reads as it does."
# renamed_from = ["old-id"]   # ids it had before: their ledger records count for it
# retired = 2026-06-30        # dropped from the plan: out of status from that day

# Growth a year: "grow 6% a year on average" (in percent).
[targets.retail-sales]
area = "economy"
title = "Retail sales of consumer goods"
title_zh = "社会消费品零售总额"
source = "Retail sales to grow by 6% a year."
unit = "billion yuan"
baseline = { value = 80, date = 2022-12-31 }
target = { annual_growth = 6, date = 2027-12-31 }

# A cumulative change: "cut energy use per unit of GDP by 13.5%" (in percent).
[targets.energy-intensity]
area = "economy"
title = "Energy use per unit of GDP"
title_zh = "单位地区生产总值能耗"
source = "Energy use per unit of GDP to fall by 13.5%."
unit = "吨标准煤/万元"
direction = "decrease"
attribute = "binding"
baseline = { value = 0.5, date = 2020-12-31 }
target = { change = -13.5, date = 2025-12-31 }

# Yes or no: a thing to get done; record it with `zqplan update ID done`.
[targets.new-port]
area = "economy"
title = "New river port opened"
title_zh = "新内河港口建成开通"
source = "Open the new river port by 2026."
kind = "yes-no"
target = { date = 2026-12-31 }

# A floor: a rate held at or above a level every year ("at least 6%").
[targets.growth-rate]
area = "economy"
title = "GDP growth rate"
title_zh = "地区生产总值增速"
source = "GDP to grow by at least 6% a year."
unit = "%"
direction = "at-least"        # at-most for a ceiling
trajectory = "linear"
target = { value = 6 }

# Yearly targets, as a government work report sets them (主要预期目标): one a
# year, in the plan's words: "about 6" (or "6左右"), ">= 5.5" ("5.5以上"),
# "<= 3" ("3以内"), a range "6-6.5", or a bare number.
[targets.gdp-growth-yearly]
area = "economy"
title = "GDP growth"
title_zh = "地区生产总值增长"
source = "GDP to grow by about 6% in 2023 and by at least 5.5% in 2024."
unit = "%"

[targets.gdp-growth-yearly.yearly]
2023 = "about 6"
2024 = ">= 5.5"

# A staged programme: dated stages, each met when its items are recorded done
# (`zqplan update rural-roads --stage start --done "Plan approved"`) and its
# targets achieved.
[programmes.rural-roads]
area = "economy"
title = "Rural roads programme"
title_zh = "农村公路工程"
source = "A start in one year, results in three."
start = 2023-01-01

[[programmes.rural-roads.stages]]
id = "start"
title = "A start in one year"
title_zh = "一年开局起步"
date = 2023-12-31
items = ["Plan approved"]

[[programmes.rural-roads.stages]]
id = "results"
title = "Results in three years"
title_zh = "三年初见成效"
date = 2025-12-31
targets = ["new-port"]

# A revision: a mid-term review changed the target; from `decided` on it counts.
[targets.forest-cover]
area = "economy"
title = "Forest coverage"
title_zh = "森林覆盖率"
source = "Forest coverage to reach 72% by 2027."
unit = "%"
baseline = { value = 70, date = 2022-12-31 }
target = { value = 72, date = 2027-12-31 }
revisions = [
  { decided = 2025-06-30, value = 71.5, reason = "mid-term review" },
]
"""


def shipped_registry() -> Path:
    """The path of the Zhaoqing registry inside the installed package.

    The wheel carries the repository's targets.toml as zqplan/targets.toml (see
    pyproject.toml); a source checkout reads the repository's file itself.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "targets.toml"
    if packaged.is_file():
        return packaged
    checkout = here.parent / "targets.toml"
    if checkout.is_file():
        return checkout
    raise RegistryError(
        "the Zhaoqing registry is missing from this installation",
        hint="reinstall zqplan with `pip install .`",
    )


def shipped_texts() -> list[str]:
    """The texts the shipped registry's [documents] name, relative to its folder.

    The wheel carries each one beside zqplan/targets.toml (pyproject.toml's
    force-include), so the installed registry passes `zqplan check` as the
    repository's does.
    """
    import tomllib

    with shipped_registry().open("rb") as stream:
        documents = tomllib.load(stream).get("documents", {})
    return [d["file"] for d in documents.values() if isinstance(d.get("file"), str)]


def copy_texts(directory: Path, example: Example | None = None) -> None:
    """Copy the texts a shipped registry quotes into DIR, at the same relative paths.

    The Zhaoqing plan's, or the example's. A text already there is left as it is:
    init never overwrites. On failure the texts copied so far are removed again.
    """
    import shutil

    if example is None:
        source = shipped_registry().parent
        pairs = [(name, source / name) for name in shipped_texts()]
    else:
        from zqplan.examples import text_path

        pairs = [(name, text_path(example, name)) for name in example.texts]
    created: list[Path] = []
    for name, origin in pairs:
        destination = directory / name
        if destination.exists():
            continue
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, destination)
        except OSError as exc:
            for path in created:
                path.unlink(missing_ok=True)
            raise RegistryError(f"cannot write {destination}: {exc.strerror}") from None
        created.append(destination)


def init_registry(directory: Path, *, empty: bool, example: str | None = None) -> Path:
    """Write DIR/targets.toml (the Zhaoqing plan, an example plan, or the template).

    It never overwrites. A shipped plan comes with the texts it quotes, so that
    `zqplan check` finds them; `zqplan examples` lists the plans that ship.
    """
    import tempfile

    chosen = None
    if example is not None:
        if empty:
            raise InvalidInputError(
                "--empty and --example each choose what to write; give one",
                hint="`zqplan init DIR --example ID` or `zqplan init DIR --empty`",
            )
        from zqplan.examples import find

        chosen = find(example)
    target = directory / "targets.toml"
    if empty:
        text = TEMPLATE
    else:
        registry = shipped_registry() if chosen is None else chosen.registry
        text = registry.read_text(encoding="utf-8")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RegistryError(f"{directory} exists and is not a directory") from None
    except OSError as exc:
        raise RegistryError(f"cannot create {directory}: {exc.strerror}") from None
    if target.exists() or target.is_symlink():
        raise RegistryError(
            f"{target} already exists; zqplan init never overwrites a registry",
            hint="choose another directory, or edit the existing file",
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".targets.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # an ordinary file, not mkstemp's private 0600
        # link() fails if the name appeared meanwhile: a race cannot overwrite either.
        os.link(temporary, target)
    except FileExistsError:
        raise RegistryError(
            f"{target} already exists; zqplan init never overwrites a registry"
        ) from None
    except OSError as exc:
        raise RegistryError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if "temporary" in locals():
            Path(temporary).unlink(missing_ok=True)
    if not empty:
        try:
            copy_texts(directory, chosen)
        except RegistryError:
            target.unlink(missing_ok=True)  # a failed init writes nothing
            raise
    _prepare_for_git(directory, target)
    return target


GIT_ATTRIBUTES = (
    "# zqplan ledgers are append-only, one record per line: a merge keeps both sides' lines.",
    "*.ledger.toml merge=union",
)
GIT_IGNORE = ("# zqplan's writer lock", "*.ledger.toml.lock")


def _prepare_for_git(directory: Path, registry: Path) -> None:
    """The files that let clones of the plan merge without conflicts (see the README).

    An empty ledger with its header is created too, so that every clone appends to
    the same file instead of each adding its own.
    """
    from zqplan.ledger import HEADER, ledger_path

    try:
        _ensure_lines(directory / ".gitattributes", GIT_ATTRIBUTES)
        _ensure_lines(directory / ".gitignore", GIT_IGNORE)
        ledger = ledger_path(registry)
        if not ledger.exists():
            ledger.write_text(HEADER, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise RegistryError(f"cannot prepare {directory} for git: {exc.strerror}") from None


def _ensure_lines(path: Path, lines: tuple[str, ...]) -> None:
    """Add the lines a file lacks, keeping what it has."""
    existing = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    missing = [line for line in lines if line not in existing]
    if not missing:
        return
    with path.open("a", encoding="utf-8", newline="\n") as stream:
        if existing and existing[-1].strip():
            stream.write("\n")
        stream.write("\n".join(missing) + "\n")

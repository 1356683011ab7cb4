"""The Zhaoqing registry shipped with zqplan, and `zqplan init`."""

from __future__ import annotations

import os
from pathlib import Path

from zqplan.errors import RegistryError

TEMPLATE = """\
# A zqplan registry: the plan's targets, written by hand and read by zqplan.
# The format is documented in docs/registry.md of zqplan's repository.
# Record progress with `zqplan update TARGET VALUE --date YYYY-MM-DD`;
# it goes to the ledger beside this file, never into this file.

schema = "zqplan.registry/1"

[plan]
id = "my-plan"
title = "My plan"
# title_zh = "规划"
# document = "The document the targets come from"
# published = 2023-03-08

[areas.economy]
title = "Economy"

# One table per target; the key after "targets." is its id.
[targets.gdp]
area = "economy"
title = "GDP"
source = "Quote the sentence of the plan this target comes from."
unit = "billion yuan"
direction = "increase"        # increase | decrease | at-least | at-most
# kind = "numeric"            # numeric | yes-no
# attribute = "anticipatory"  # anticipatory | binding
# trajectory = "compound"     # compound | linear
# frequency = "annual"        # annual | quarterly | monthly
baseline = { value = 100, date = 2022-12-31 }
target = { value = 150, date = 2027-12-31 }
# note = "Why the target reads as it does."
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


def init_registry(directory: Path, *, empty: bool) -> Path:
    """Write DIR/targets.toml (the Zhaoqing plan, or the template); never overwrite."""
    import tempfile

    target = directory / "targets.toml"
    text = TEMPLATE if empty else shipped_registry().read_text(encoding="utf-8")
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
    return target

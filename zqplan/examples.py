"""The plans shipped with zqplan: `zqplan examples` lists them, `init --example` copies one."""

from __future__ import annotations

import json as json_module
from dataclasses import dataclass
from pathlib import Path

from zqplan.errors import InvalidInputError, RegistryError
from zqplan.options import Lang

SCHEMA = "zqplan.examples/1"
"""The JSON document's schema."""

HEADINGS = {
    "id": ("id", "编号"),
    "title": ("title", "规划"),
    "texts": ("texts", "原文"),
    "default": ("(init without --example)", "（默认规划：初始化时不加 --example）"),
}
"""Column headings and the default's mark: (English, Chinese)."""

PACKAGE = Path(__file__).resolve().parent
"""The installed package's folder (in a source checkout: the repository's zqplan/)."""


@dataclass(frozen=True, slots=True)
class Example:
    """A plan zqplan ships."""

    id: str
    """Its [plan] id, the name `init --example` takes."""
    title: str
    """Its [plan] title."""
    title_zh: str | None
    """Its [plan] title_zh."""
    registry: Path
    """Its targets.toml, inside the package (or the checkout)."""
    texts: tuple[str, ...]
    """The files of the texts it quotes, relative to its folder ([documents] file)."""
    default: bool
    """True for the plan `zqplan init` writes without --example (Zhaoqing)."""


def _read(registry: Path, *, default: bool) -> Example:
    """The example a registry file describes (its [plan] and [documents] only)."""
    import tomllib

    with registry.open("rb") as stream:
        data = tomllib.load(stream)
    plan = data.get("plan", {})
    documents = data.get("documents", {})
    texts = tuple(d["file"] for d in documents.values() if isinstance(d.get("file"), str))
    title_zh = plan.get("title_zh")
    return Example(
        id=str(plan.get("id", registry.parent.name)),
        title=str(plan.get("title", registry.parent.name)),
        title_zh=title_zh if isinstance(title_zh, str) else None,
        registry=registry,
        texts=texts,
        default=default,
    )


def shipped() -> list[Example]:
    """Every plan zqplan ships: the Zhaoqing plan first, then zqplan/examples/*/ by id."""
    from zqplan.shipped import shipped_registry

    found = [_read(shipped_registry(), default=True)]
    for registry in sorted((PACKAGE / "examples").glob("*/targets.toml")):
        found.append(_read(registry, default=False))
    return found


def find(name: str) -> Example:
    """The shipped plan with this id; an error naming the ids when there is none."""
    found = shipped()
    for example in found:
        if example.id == name:
            return example
    from zqplan.registry import suggest

    ids = [e.id for e in found]
    raise InvalidInputError(
        f"no example plan '{name}'",
        hint=suggest(name, ids) or "`zqplan examples` lists them: " + ", ".join(ids),
    )


def text_path(example: Example, name: str) -> Path:
    """Where a text the example quotes is: beside it in the package, else in the checkout.

    The wheel carries each text at its path beside the registry (pyproject.toml's
    force-include); a source checkout keeps one copy of each, in the repository's
    sources/ (the path is the same, relative to the repository's root).
    """
    for candidate in (example.registry.parent / name, PACKAGE.parent / name):
        if candidate.is_file():
            return candidate
    raise RegistryError(
        f"the text {name} of the example '{example.id}' is missing from this installation",
        hint="reinstall zqplan with `pip install .`",
    )


def document(found: list[Example]) -> dict[str, object]:
    """The JSON document: one object per shipped plan."""
    return {
        "schema": SCHEMA,
        "examples": [
            {
                "id": e.id,
                "title": e.title,
                "title_zh": e.title_zh,
                "default": e.default,
                "texts": list(e.texts),
            }
            for e in found
        ],
    }


def table(found: list[Example], lang: Lang) -> str:
    """Plain aligned lines: id, title in the language, how many texts come with it."""
    pick = 1 if lang is Lang.ZH else 0
    head = [HEADINGS[h][pick] for h in ("id", "texts", "title")]
    rows = [head]
    for e in found:
        title = e.title_zh if lang is Lang.ZH and e.title_zh else e.title
        mark = " " + HEADINGS["default"][pick] if e.default else ""
        rows.append([e.id, str(len(e.texts)), title + mark])
    widths = [max(_width(row[i]) for row in rows) for i in range(2)]
    return "".join(
        row[0]
        + " " * (widths[0] - _width(row[0]))
        + "  "
        + " " * (widths[1] - _width(row[1]))
        + row[1]
        + "  "
        + row[2]
        + "\n"
        for row in rows
    )


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def run(*, lang: Lang, json: bool) -> str:
    """What `zqplan examples` prints."""
    found = shipped()
    if json:
        return json_module.dumps(document(found), ensure_ascii=False, indent=2) + "\n"
    return table(found, lang)

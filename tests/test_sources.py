"""Every quote of every shipped registry is in the text it names, shipped in sources/.

The texts are part of the repository, so these tests run on any clone: a named text
that is missing fails them, never skips them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "zqplan" / "examples").glob("*/targets.toml"))
"""The example plans zqplan ships (`zqplan init --example ID`), one folder each."""
SHIPPED = [ROOT / "targets.toml", *EXAMPLES]
"""Every registry zqplan ships: the Zhaoqing plan and the example plans."""

# Quotes are single-line TOML strings, while the texts wrap and break paragraphs
# where their publisher did: a quote may span a line break or a double space of the
# text. So runs of whitespace (Unicode's, the full-width space included) count as
# one space. Nothing else is normalised: punctuation, quotation marks, case and the
# translation's odd spacing (" .") must be as the text has them.
_WHITESPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    """text with every run of whitespace made one space."""
    return _WHITESPACE.sub(" ", text)


def registry_id(path: Path) -> str:
    """A short name for a registry in test ids."""
    return str(path.relative_to(ROOT))


def load(path: Path) -> dict[str, Any]:
    """The registry as TOML, read without zqplan (what the test checks is the file)."""
    with path.open("rb") as stream:
        return tomllib.load(stream)


def quotes(table: object, document: str | None, where: str) -> Iterator[tuple[str, str, str]]:
    """(where, document id, quote) for every `source` string in table and below it.

    A table's `document` applies to the quotes in it and in the tables it holds,
    unless they name their own: the registry's rule (own, then the target's for an
    observation, then the plan's), written for any nesting a registry may grow.
    """
    if isinstance(table, dict):
        named = table.get("document")
        here = named if isinstance(named, str) else document
        for key, value in table.items():
            if key == "source":
                assert isinstance(value, str), f"{where}.source is not a string"
                assert here is not None, f"{where}: the quote names no document"
                yield where, here, value
            elif key != "document":
                yield from quotes(value, here, f"{where}.{key}")
    elif isinstance(table, list):
        for index, item in enumerate(table):
            yield from quotes(item, document, f"{where}[{index}]")


def all_quotes(path: Path) -> list[tuple[str, str, str]]:
    """Every quote of a registry with the document it names."""
    registry = load(path)
    default = registry.get("plan", {}).get("document")
    found: list[tuple[str, str, str]] = []
    for section in ("targets", "programmes"):
        for entry_id, entry in registry.get(section, {}).items():
            found.extend(quotes(entry, default, f"{section}.{entry_id}"))
    return found


def text_of(path: Path, document_id: str, *, root: Path | None = None) -> str:
    """The text of a declared document, read from its file beside the registry.

    An example plan under zqplan/examples/ID/ names its texts as they lie beside it in
    the wheel and in a folder made by `zqplan init --example`; the repository keeps the
    one copy of each at that path under `root` (its top folder), as zqplan/examples.py
    reads them.
    """
    documents = load(path).get("documents", {})
    assert document_id in documents, f"{registry_id(path)}: no [documents.{document_id}]"
    name = documents[document_id].get("file")
    assert name, f"{registry_id(path)}: [documents.{document_id}] has no file"
    file = ((path.parent if root is None else root) / name).resolve()
    assert file.is_file(), f"{path.name}: the text of {document_id} is missing: {file}"
    assert file.is_relative_to(ROOT), f"{file} is outside the repository"
    return file.read_text(encoding="utf-8")


def text_root(path: Path) -> Path | None:
    """Where a shipped registry's texts are in the repository: beside it, or at the top."""
    return ROOT if path in EXAMPLES else None


@pytest.mark.parametrize("path", SHIPPED, ids=registry_id)
def test_every_quote_is_in_its_text(path: Path) -> None:
    """Each `source` of a target, programme, stage or observation is verbatim in its text."""
    texts: dict[str, str] = {}
    misquoted = []
    found = all_quotes(path)
    for where, document_id, quote in found:
        if document_id not in texts:
            texts[document_id] = normalised(text_of(path, document_id, root=text_root(path)))
        if normalised(quote) not in texts[document_id]:
            misquoted.append(f"{where}: not in {document_id}: {quote[:60]!r}")
    assert found, "no quotes found: the walk is broken"
    assert misquoted == []


@pytest.mark.parametrize("path", SHIPPED, ids=registry_id)
def test_every_document_file_exists(path: Path) -> None:
    """Every [documents] entry of a shipped registry has its text in the repository."""
    documents = load(path).get("documents", {})
    assert documents, f"{registry_id(path)} declares no [documents]"
    for document_id in documents:
        assert text_of(path, document_id, root=text_root(path))


def test_wheel_carries_the_shipped_texts() -> None:
    """The wheel puts each text the shipped registry names beside zqplan/targets.toml."""
    with (ROOT / "pyproject.toml").open("rb") as stream:
        wheel = tomllib.load(stream)["tool"]["hatch"]["build"]["targets"]["wheel"]
    included = wheel["force-include"]
    assert included["targets.toml"] == "zqplan/targets.toml"
    files = [d["file"] for d in load(ROOT / "targets.toml")["documents"].values()]
    assert files
    for name in files:
        assert included.get(name) == f"zqplan/{name}", name


@pytest.mark.parametrize("path", EXAMPLES, ids=registry_id)
def test_wheel_carries_the_example_texts(path: Path) -> None:
    """The wheel puts each text an example names beside it, from the repository's copy.

    A force-include entry maps the text's file, or a folder holding it, to the same
    path under the example's folder in the package.
    """
    with (ROOT / "pyproject.toml").open("rb") as stream:
        wheel = tomllib.load(stream)["tool"]["hatch"]["build"]["targets"]["wheel"]
    included: dict[str, str] = wheel["force-include"]
    folder = path.parent.relative_to(ROOT).as_posix()
    files = [d["file"] for d in load(path)["documents"].values()]
    assert files
    for name in files:
        carried = [
            f"{packaged}{name[len(source) :]}"
            for source, packaged in included.items()
            if name == source or name.startswith(source.rstrip("/") + "/")
        ]
        assert carried == [f"{folder}/{name}"], name
        assert (ROOT / name).is_file(), name


class TestTheCheck:
    """The check itself: a quote off by one character, or a missing text, fails."""

    def test_whitespace_only(self) -> None:
        """Runs of whitespace are one space; nothing else is normalised."""
        text = normalised("grow\n  the\u3000economy .")
        assert normalised("grow the economy .") in text
        assert normalised("grow the economy.") not in text
        assert normalised("Grow the economy .") not in text

    def test_missing_text_fails(self, tmp_path: Path) -> None:
        """A document whose file is not there fails the look-up (it never skips)."""
        registry = tmp_path / "targets.toml"
        registry.write_text('[documents.x]\ntitle = "X"\nfile = "x.txt"\n', encoding="utf-8")
        with pytest.raises(AssertionError, match="the text of x is missing"):
            text_of(registry, "x")
        with pytest.raises(AssertionError, match="the text of x is missing"):
            text_of(registry, "x", root=tmp_path)

    def test_every_example_is_checked(self) -> None:
        """The China example is among the registries checked (the glob finds it)."""
        assert ROOT / "zqplan" / "examples" / "china-14th-fyp" / "targets.toml" in SHIPPED

    def test_nesting_and_defaults(self) -> None:
        """Own document first, then the enclosing table's, then the plan's."""
        entry = {
            "source": "a",
            "observations": [{"source": "b"}, {"source": "c", "document": "other"}],
            "stages": [{"source": "d", "document": "third"}],
        }
        assert list(quotes(entry, "plan", "t")) == [
            ("t", "plan", "a"),
            ("t.observations[0]", "plan", "b"),
            ("t.observations[1]", "other", "c"),
            ("t.stages[0]", "third", "d"),
        ]
        assert list(quotes({"document": "own", "source": "e"}, "plan", "u")) == [("u", "own", "e")]


_CJK = re.compile(r"[\u4e00-\u9fff]")
"""A CJK unified ideograph: a Chinese title has at least one."""


def titled(registry: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """(where, title_zh) for the plan and every area, target, programme and stage."""
    yield "plan", registry["plan"].get("title_zh")
    for section in ("areas", "targets", "programmes"):
        for entry_id, entry in registry.get(section, {}).items():
            yield f"{section}.{entry_id}", entry.get("title_zh")
            for index, stage in enumerate(entry.get("stages", [])):
                yield f"{section}.{entry_id}.stages[{index}]", stage.get("title_zh")


@pytest.mark.parametrize("path", SHIPPED, ids=registry_id)
def test_everything_has_a_chinese_title(path: Path) -> None:
    """The plan, every area, target, programme and stage has a title_zh in Chinese."""
    found = list(titled(load(path)))
    missing = [where for where, title in found if not isinstance(title, str) or not title.strip()]
    latin = [where for where, title in found if isinstance(title, str) and not _CJK.search(title)]
    assert len(found) > 1
    assert missing == []
    assert latin == []


def test_titled_walks_stages() -> None:
    """The walk reaches stages, and a title without Chinese characters is caught."""
    registry = {
        "plan": {"title_zh": "规划"},
        "programmes": {"p": {"title_zh": "工程", "stages": [{"title_zh": "Stage one"}]}},
    }
    found = dict(titled(registry))
    assert found == {"plan": "规划", "programmes.p": "工程", "programmes.p.stages[0]": "Stage one"}
    assert not _CJK.search("Stage one")

"""Bad and hostile input: garbage in every reader, wrong types in every field, no traceback.

The readers may only answer with a ZqplanError (one line, a documented exit code);
anything else escaping them is a bug that would print a traceback.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zqplan import batch, ledger
from zqplan.cli import main
from zqplan.errors import Problems, ZqplanError
from zqplan.registry import load_plan
from zqplan.render import Terminal, table_text
from zqplan.table import history_table, status_table

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

TEMPLATE = """schema = "zqplan.registry/1"
[plan]
id = "p"
title = "P"
[areas.a]
title = "A"
[targets.t]
area = "a"
title = "T"
source = "S"
unit = "u"
baseline = { value = 1, date = 2020-12-31 }
target = { value = 2, date = 2025-12-31 }
observations = [ { date = 2021-12-31, value = 1.5 } ]
[programmes.p1]
area = "a"
title = "P1"
source = "S"
start = 2021-01-01
[[programmes.p1.stages]]
id = "s"
title = "S"
date = 2022-12-31
items = ["x"]
targets = ["t"]
[documents.d]
title = "D"
"""

toml_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def loads_or_refuses(path: Path) -> None:
    """load_plan either returns a plan or raises a ZqplanError (located, when it is a list)."""
    refusal: ZqplanError | None = None
    try:
        load_plan(path)
    except ZqplanError as error:
        refusal = error
    if isinstance(refusal, Problems):
        assert all(p.where for p in refusal.problems)
    elif refusal is not None:
        assert str(refusal)


def inline(value: object) -> str:
    """Any TOML value as an inline literal (tables as { k = v }, arrays as [...])."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{inline(str(k))} = {inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    return tomli_w.dumps({"v": value})[4:].rstrip("\n")


class TestNoTraceback:
    """Hypothesis throws text and TOML at every reader."""

    @FUZZ
    @given(text=st.text(max_size=400))
    def test_registry_arbitrary_text(self, tmp_path: Path, text: str) -> None:
        """Any text as a registry: a plan or a located refusal."""
        path = tmp_path / "targets.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loads_or_refuses(path)

    @FUZZ
    @given(document=st.dictionaries(st.text(min_size=1, max_size=10), toml_values, max_size=5))
    def test_registry_arbitrary_toml(self, tmp_path: Path, document: dict[str, Any]) -> None:
        """Any TOML document as a registry."""
        path = tmp_path / "targets.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        loads_or_refuses(path)

    @FUZZ
    @given(
        table=st.sampled_from(["plan", "documents.d", "areas.a", "targets.t", "programmes.p1"]),
        key=st.sampled_from(
            [
                "id", "title", "title_zh", "area", "source", "unit", "direction", "kind",
                "attribute", "trajectory", "frequency", "baseline", "target", "note",
                "observations", "revisions", "start", "stages", "published", "document",
                "file", "url",
                "role", "lag_months", "cumulative", "yearly", "tolerance", "relative_to",
            ]
        ),
        value=toml_values,
    )  # fmt: skip
    def test_registry_any_value_in_any_field(
        self, tmp_path: Path, table: str, key: str, value: object
    ) -> None:
        """A valid registry with one field set to anything."""
        path = tmp_path / "targets.toml"
        literal = inline(value)
        lines = TEMPLATE.splitlines()
        header = f"[{table}]"
        at = lines.index(header)
        kept = [ln for ln in lines[at + 1 :] if not ln.startswith(f"{key} =")]
        cut = next((i for i, ln in enumerate(kept) if ln.startswith("[")), len(kept))
        body = [*lines[: at + 1], f"{key} = {literal}", *kept[:cut]]
        path.write_text("\n".join([*body, *kept[cut:]]) + "\n", encoding="utf-8")
        loads_or_refuses(path)

    @FUZZ
    @given(lines=st.lists(st.text(max_size=120), max_size=8), newline=st.booleans())
    def test_ledger_arbitrary_lines(self, tmp_path: Path, lines: list[str], newline: bool) -> None:
        """Any lines in a ledger: records and problems, never an exception."""
        path = tmp_path / "targets.ledger.toml"
        path.write_bytes(("\n".join(lines) + ("\n" if newline else "")).encode("utf-8", "replace"))
        found = ledger.read(path)
        assert all(p.where for p in (*found.problems, *found.torn))

    @FUZZ
    @given(raw=st.binary(max_size=300))
    def test_ledger_arbitrary_bytes(self, tmp_path: Path, raw: bytes) -> None:
        """Binary garbage and bad UTF-8 in a ledger are problems with lines."""
        path = tmp_path / "targets.ledger.toml"
        path.write_bytes(raw)
        ledger.read(path)

    @FUZZ
    @given(text=st.text(max_size=300), fmt=st.sampled_from([None, *batch.BatchFormat]))
    def test_batch_parser(self, text: str, fmt: batch.BatchFormat | None) -> None:
        """Any text as a batch: rows and located problems."""
        rows, problems = batch.parse(text, name="in.csv", fmt=fmt)
        assert all(p.where and p.where.startswith("in.csv:") for p in problems)
        assert all(r.target and r.value for r in rows)

    @FUZZ
    @given(
        rows=st.lists(
            st.tuples(
                st.sampled_from(["t", "tt", "", "p1"]),
                st.one_of(st.text(max_size=12), st.floats().map(repr)),
                st.one_of(st.just(""), st.text(max_size=12), st.dates().map(str)),
                st.text(max_size=12),
            ),
            max_size=5,
        )
    )
    def test_batch_import_end_to_end(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[tuple[str, ...]]
    ) -> None:
        """update --from with arbitrary rows: exit 0, 1 or 2, one line per problem, no traceback."""
        import csv

        registry = tmp_path / "targets.toml"
        registry.write_text(TEMPLATE, encoding="utf-8")
        source = tmp_path / "in.csv"
        with source.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["target", "value", "date", "source"])
            writer.writerows(rows)
        ledger_file = tmp_path / "targets.ledger.toml"
        before = ledger_file.read_bytes() if ledger_file.exists() else None
        with pytest.raises(SystemExit) as stop:
            main(["update", "--from", str(source), "-r", str(registry)])
        err = capsys.readouterr().err
        assert stop.value.code in (0, 1, 2)
        assert "Traceback" not in err
        if stop.value.code:
            assert all(line.startswith("zqplan: error: ") for line in err.splitlines())
            after = ledger_file.read_bytes() if ledger_file.exists() else None
            assert after == before  # nothing written on any error


class TestHostileText:
    """Markup, escapes, CR and bidi overrides print literally or neutralised in tables."""

    HOSTILE = "[bold red]x[/] [link=http://evil]y[/link] \x1b[31mred\x1b[0m a\rb \u202eevil\u202c"

    def test_status_table(self, tmp_path: Path) -> None:
        """A hostile title: shown literally, escapes neutralised, Rich markup not parsed."""
        path = tmp_path / "targets.toml"
        path.write_text(
            TEMPLATE.replace('title = "T"', f"title = {tomli_w.dumps({'v': self.HOSTILE})[4:]}"),
            encoding="utf-8",
        )
        plan = load_plan(path)
        from zqplan.status import assess_plan

        shown = table_text(
            status_table(plan, assess_plan(plan, [], as_of=dt.date(2024, 1, 1))), width=400
        )
        assert "[bold red]x[/]" in shown
        assert "[link=http://evil]y[/link]" in shown
        for raw in ("\x1b", "\r", "\u202e"):
            assert raw not in shown
        assert "\\u001b[31mred" in shown
        assert "\\u202eevil" in shown

    def test_history_table_plain_and_terminal(self) -> None:
        """History in a pipe and in a terminal: the same neutralised text."""
        record = {
            "record": "r1", "origin": "ledger", "date": "2024-12-31", "value": 1.0,
            "recorded_at": None, "recorded_by": self.HOSTILE, "source": self.HOSTILE,
            "note": self.HOSTILE, "superseded": False,
        }  # fmt: skip
        for interactive in (True, False):
            shown = table_text(history_table([record], "u", interactive=interactive), width=400)
            assert "\x1b" not in shown
            assert "[link=http://evil]y[/link]" in shown
        assert Terminal(interactive=False).width is None

    def test_error_messages_are_neutralised(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown target id full of escapes comes back in the error, neutralised."""
        registry = tmp_path / "targets.toml"
        registry.write_text(TEMPLATE, encoding="utf-8")
        with pytest.raises(SystemExit) as stop:
            main(["show", "\x1b[2J\u202eboom", "-r", str(registry)])
        err = capsys.readouterr().err
        assert stop.value.code == 1
        assert "\x1b" not in err
        assert "\u202e" not in err
        assert "\\u001b[2J" in err


class TestBadValues:
    """Values that are numbers but make no sense are refused where the registry knows."""

    @pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
    def test_non_finite(self, tmp_path: Path, value: str) -> None:
        """NaN and infinity in an observation: refused with the line."""
        path = tmp_path / "targets.toml"
        path.write_text(TEMPLATE.replace("value = 1.5", f"value = {value}"), encoding="utf-8")
        with pytest.raises(Problems) as found:
            load_plan(path)
        assert found.value.problems[0].where == f"{path}:14"  # the observations line

    def test_huge_growth_and_fall(self, tmp_path: Path) -> None:
        """A fall of 100% or more cannot be a target."""
        path = tmp_path / "targets.toml"
        path.write_text(
            TEMPLATE.replace(
                "target = { value = 2, date = 2025-12-31 }",
                "target = { change = -150, date = 2025-12-31 }",
            ),
            encoding="utf-8",
        )
        with pytest.raises(Problems) as found:
            load_plan(path)
        assert "cannot fall by 100% or more" in found.value.problems[0].message

    def test_unreadable_registry(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A registry that cannot be read (permission denied): one clear error."""
        path = tmp_path / "targets.toml"
        path.write_text(TEMPLATE, encoding="utf-8")

        def denied(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(Path, "read_bytes", denied)
        with pytest.raises(ZqplanError) as error:
            load_plan(path)
        assert "permission denied" in str(error.value)

    def test_finite_check_is_math_isfinite(self) -> None:
        """The registry's notion of 'finite' is math.isfinite (a guard for the fuzz above)."""
        assert not math.isfinite(float("nan"))

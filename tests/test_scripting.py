"""zqplan from scripts: batch updates, every output format, pipes, --fail-on (issue 4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import run_zqplan as run

SHIPPED = Path(__file__).parent.parent / "targets.toml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A folder with a copy of the Zhaoqing registry and an empty ledger."""
    folder = tmp_path / "plan"
    result = run("init", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return folder


def ledger_bytes(folder: Path) -> bytes:
    """The ledger's bytes."""
    return (folder / "targets.ledger.toml").read_bytes()


class TestBatch:
    """update --from: CSV or JSON Lines, from a file or stdin, all rows or none."""

    def test_csv_file(self, plan: Path) -> None:
        """Two good rows: one confirmation on stderr, nothing on stdout, both recorded."""
        (plan / "in.csv").write_text(
            "target,value,date,source,note\n"
            "farm-output,86.5,2024-12-31,bulletin,\n"
            'xpeng-vehicles,1.3万,2023-12-31,"report, p. 3",a note\n',
            encoding="utf-8",
        )
        result = run("update", "--from", "in.csv", cwd=plan)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith("recorded 2 observations from in.csv")
        history = json.loads(run("history", "xpeng-vehicles", "--json", cwd=plan).stdout)
        latest = history["records"][-1]
        assert (latest["value"], latest["source"], latest["note"]) == (
            13000.0,
            "report, p. 3",
            "a note",
        )

    def test_jsonl_from_stdin(self, plan: Path) -> None:
        """JSON Lines on stdin, detected from the content."""
        rows = (
            '{"target": "farm-output", "value": 87, "date": "2025-12-31"}\n'
            '{"target": "deep-cooperation-zone", "value": "done", "date": "2025-06-30"}\n'
        )
        result = run("update", "--from", "-", cwd=plan, stdin=rows)
        assert result.returncode == 0, result.stderr
        status = json.loads(run("status", "--json", "--as-of", "2026-01-01", cwd=plan).stdout)
        zone = next(t for t in status["targets"] if t["id"] == "deep-cooperation-zone")
        assert zone["status"] == "achieved"

    def test_bad_rows_write_nothing(self, plan: Path) -> None:
        """Any bad row: nothing written, each bad row named FILE:LINE, exit 1."""
        before = ledger_bytes(plan)
        (plan / "in.csv").write_text(
            "target,value,date,source,note\n"
            "farm-output,86.5,2024-12-31,,\n"
            "farm-outpt,1,2024-12-31,,\n"
            "farm-output,lots,2024-12-31,,\n"
            "farm-output,1,2024-13-01,,\n",
            encoding="utf-8",
        )
        result = run("update", "--from", "in.csv", cwd=plan)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert [line.split(": ")[2].split(":")[1] for line in lines] == ["3", "4", "5"]
        assert all(line.startswith("zqplan: error: in.csv:") for line in lines)
        assert "did you mean 'farm-output'" in lines[0]
        assert ledger_bytes(plan) == before

    def test_extra_column_refused(self, plan: Path) -> None:
        """A column outside target,value,date,source,note is refused, naming it."""
        (plan / "in.csv").write_text("target,value,date,colour\nfarm-output,1,,red\n")
        result = run("update", "--from", "in.csv", cwd=plan)
        assert result.returncode == 1
        assert "unknown column colour" in result.stderr
        assert "in.csv:1" in result.stderr

    def test_format_option_overrides_detection(self, plan: Path) -> None:
        """--format jsonl reads a file that does not start with '{' as JSON Lines."""
        (plan / "in.txt").write_text('\n{"target": "farm-output", "value": 90}\n')
        result = run("update", "--from", "in.txt", "--format", "jsonl", cwd=plan)
        assert result.returncode == 0, result.stderr

    def test_one_append(self, plan: Path) -> None:
        """A 2,000-row batch lands whole: the ledger grows by exactly 2,000 lines."""
        rows = "".join(
            f"farm-output,{100 + n % 50},{1900 + n % 300}-12-31,,\n" for n in range(2000)
        )
        (plan / "in.csv").write_text("target,value,date,source,note\n" + rows)
        before = ledger_bytes(plan).count(b"\n")
        assert run("update", "--from", "in.csv", cwd=plan).returncode == 0
        assert ledger_bytes(plan).count(b"\n") == before + 2000


class TestFormats:
    """--format and --fields on the commands that print data."""

    def test_csv_bom_header_and_chinese(self, tmp_path: Path) -> None:
        """CSV starts with a BOM and a header; Chinese text is intact."""
        result = run("status", "--format", "csv", "--fields", "id,title_zh,status", cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.startswith("\ufeffid,title_zh,status\n")
        assert "forest-coverage,森林覆盖率," in result.stdout

    def test_tsv_markdown_ndjson(self, tmp_path: Path) -> None:
        """TSV and Markdown have a header row; NDJSON is one object a line."""
        tsv = run("status", "--format", "tsv", "--fields", "id,status", cwd=tmp_path).stdout
        assert tsv.splitlines()[0] == "id\tstatus"
        markdown = run("status", "--format", "markdown", "--fields", "id", cwd=tmp_path).stdout
        assert markdown.splitlines()[:2] == ["| id |", "|---|"]
        lines = run("status", "--format", "ndjson", cwd=tmp_path).stdout.splitlines()
        assert len(lines) == len(tsv.splitlines()) - 1
        assert all(isinstance(json.loads(line)["id"], str) for line in lines)

    def test_json_with_fields(self, tmp_path: Path) -> None:
        """--json --fields: the schema, the fields and one row per target."""
        document = json.loads(run("status", "--json", "--fields", "status,id", cwd=tmp_path).stdout)
        assert document["schema"] == "zqplan.status/2"
        assert document["fields"] == ["status", "id"]
        assert list(document["rows"][0]) == ["status", "id"]

    def test_unknown_field(self, tmp_path: Path) -> None:
        """An unknown field is a usage error with a suggestion."""
        result = run("status", "--fields", "id,statis", "--format", "csv", cwd=tmp_path)
        assert result.returncode == 2
        assert "did you mean 'status'" in result.stderr

    @pytest.mark.parametrize("command", [["history", "xpeng-vehicles"], ["milestones"], ["check"]])
    def test_every_data_command(self, tmp_path: Path, command: list[str]) -> None:
        """history, milestones and check take --format too."""
        result = run(*command, "--format", "csv", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("\ufeff")


class TestPipes:
    """In a pipe: no colour, no box drawing, nothing cut; FORCE_COLOR and --width obeyed."""

    def test_plain_in_a_pipe(self, tmp_path: Path) -> None:
        """No ANSI, no box-drawing or bar characters, no line cut with an ellipsis."""
        out = run("status", cwd=tmp_path).stdout
        assert "\x1b[" not in out
        assert not set("─│┌└█░…") & set(out)
        assert "Total output value of agriculture, forestry, animal husbandry" in out

    def test_force_color(self, tmp_path: Path) -> None:
        """FORCE_COLOR=1 colours a table even in a pipe."""
        out = run("status", env={"FORCE_COLOR": "1"}, cwd=tmp_path).stdout
        assert "\x1b[" in out

    def test_width(self, tmp_path: Path) -> None:
        """--width 80 lays the table out in 80 columns."""
        out = run("status", "--width", "80", cwd=tmp_path).stdout
        assert max(len(line) for line in out.splitlines()) <= 80

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_width_60_never_cuts_numbers(self, tmp_path: Path, lang: str) -> None:
        """--width 60 on the shipped plan: Xpeng's 130,000 vehicles and Jinli's place whole."""
        from rich.cells import cell_len

        out = run("status", "--width", "60", "--lang", lang, cwd=tmp_path).stdout
        assert max(cell_len(line) for line in out.splitlines()) <= 60
        assert ("13万辆" if lang == "zh" else "130,000") in out  # 130,000 = 13 x 1e4
        assert ("第1位" if lang == "zh" else "1st") in out
        # Ids are cut with an ellipsis by design when the columns are few; values never.
        values = "\n".join(re.sub(r"^\S+", "", line) for line in out.splitlines())
        assert re.search(r"\d…|…\d", values) is None


class TestFailOn:
    """--fail-on gates a script on the status of the targets shown."""

    def test_missed_gates(self, plan: Path) -> None:
        """A target missed: exit 3, named on stderr, the output still printed."""
        plan_file = plan / "targets.toml"
        text = plan_file.read_text(encoding="utf-8")
        plan_file.write_text(
            text.replace(
                "[targets.farm-output]",
                "[targets.farm-output]\nbaseline = { value = 80, date = 2022-12-31 }",
            ).replace("target = { value = 100 }", "target = { value = 100, date = 2024-12-31 }"),
            encoding="utf-8",
        )
        assert run("update", "farm-output", "90", "--date", "2024-12-31", cwd=plan).returncode == 0
        result = run("status", "--fail-on", "missed", "--fields", "id,status", cwd=plan)
        assert result.returncode == 3
        assert "farm-output" in result.stderr
        assert ["farm-output", "missed"] in [line.split() for line in result.stdout.splitlines()]

    def test_empty_result_is_not_an_error(self, tmp_path: Path) -> None:
        """Filters that leave nothing: exit 0."""
        result = run("status", "--status", "off-track", "--fail-on", "at-risk", cwd=tmp_path)
        assert result.returncode == 0, result.stderr

"""`zqplan diff --since DATE` end to end: a registry in git and a ledger with past records.

The scenario is test_diff.py's, worked by hand there; here it goes through the files,
git and every output format."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import run_zqplan
from test_diff import NOW, RECORDS, THEN, VOIDS

from zqplan.ledger import HEADER, format_record, format_void, new_record_id

RUN = ("--since", "2024-06-30", "--as-of", "2025-06-30", "--known-at", "2025-06-30")


def git(folder: Path, *args: str, day: str = "2024-01-15T12:00:00+00:00") -> None:
    """Run git in folder as a fixed person, committing on `day`."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def ledger(folder: Path) -> None:
    """The ledger of test_diff.py's records and voids, in the order they were recorded,
    each named as zqplan names records (r<time>-<hex>)."""
    ids = {
        name: new_record_id(moment, f"{n:012x}")
        for n, (name, moment) in enumerate(
            [(o.record_id, o.recorded_at) for o in RECORDS]
            + [(v.record_id, v.recorded_at) for v in VOIDS]
        )
        if moment is not None
    }
    entries = [(o.recorded_at, format_record(replace(o, record_id=ids[o.record_id])))
               for o in RECORDS]  # fmt: skip
    entries += [
        (v.recorded_at, format_void(replace(v, record_id=ids[v.record_id], voids=ids[v.voids])))
        for v in VOIDS
    ]
    entries.sort(key=lambda pair: str(pair[0]))
    text = HEADER + "".join(line for _, line in entries)
    (folder / "targets.ledger.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def in_git(tmp_path: Path) -> Path:
    """THEN committed on 2024-01-15, NOW committed on 2025-01-15; the ledger untracked."""
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode:
        pytest.skip("git is not installed")
    (tmp_path / "targets.toml").write_text(THEN, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "targets.toml")
    git(tmp_path, "commit", "-q", "-m", "then")
    (tmp_path / "targets.toml").write_text(NOW, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "now", day="2025-01-15T12:00:00+00:00")
    ledger(tmp_path)
    return tmp_path


def diff(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`zqplan diff RUN ARGS` in folder; it must succeed."""
    result = run_zqplan("diff", *RUN, *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result


def test_json_with_the_registry_in_git(in_git: Path) -> None:
    """zqplan.diff/1: figures, statuses, targets against the commit of 2024-01-15, stages."""
    result = diff(in_git, "--json")
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["schema"] == "zqplan.diff/1"
    assert (document["since"], document["as_of"]) == ("2024-06-30", "2025-06-30")
    figures = [
        (f["target"], f["period"], f["change"], f["old"], f["new"]) for f in document["figures"]
    ]
    assert figures == [
        ("farm", "2023-12-31", "revised", 84.0, 83.0),
        ("farm", "2024-12-31", "new", None, 82.0),
        ("water", "2023-12-31", "voided", 55.0, 52.0),
        ("ladder", "2025-02-01", "new", None, True),
    ]
    assert document["figures"][2]["reason"] == "wrong table"
    assert document["figures"][0]["recorded_at"] == "2025-02-02T12:00:00Z"
    # farm: R = 4/3 on track then (T = 95), R = 1/4 off track now (T = 100); see test_diff.py.
    assert [(s["target"], s["old"], s["new"]) for s in document["statuses"]] == [
        ("farm", "on-track", "off-track")
    ]
    assert document["statuses"][0]["new_label_zh"] == "滞后"
    changes = [(t["target"], t["change"], t["fields"]) for t in document["targets"]]
    assert changes == [
        ("farm", "changed", ["target"]),
        ("water", "added", []),
        ("gone", "removed", []),
    ]
    assert document["targets"][0]["old_target"]["value"] == 95.0
    assert document["targets"][0]["target_now"]["value"] == 100.0
    assert document["stages"] == [
        {"programme": "ladder", "stage": "start", "title": "Start", "title_zh": "起步",
         "old": "upcoming", "new": "met"}
    ]  # fmt: skip
    assert document["summary"] == {"figures": 4, "statuses": 1, "targets": 3, "stages": 1}


def test_before_the_first_commit_every_target_is_new(in_git: Path) -> None:
    """On 2023-06-30 the registry was not committed yet: every target added."""
    result = run_zqplan(
        "diff", "--since", "2023-06-30", "--as-of", "2025-06-30", "--json", cwd=in_git
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [(t["target"], t["change"]) for t in document["targets"]] == [
        ("farm", "added"),
        ("water", "added"),
    ]
    assert document["statuses"] == []  # nothing had a status then


def test_outside_git_says_so_once(tmp_path: Path) -> None:
    """No git repository: a note on stderr, targets null; the rest as before."""
    (tmp_path / "targets.toml").write_text(NOW, encoding="utf-8")
    ledger(tmp_path)
    result = diff(tmp_path, "--json")
    notes = [line for line in result.stderr.splitlines() if "cannot be shown" in line]
    assert len(notes) == 1
    assert "not in a git repository" in notes[0]
    document = json.loads(result.stdout)
    assert document["targets"] is None
    assert document["summary"]["targets"] is None
    assert len(document["figures"]) == 4


def test_table_and_flat_formats(in_git: Path) -> None:
    """The view in English; CSV one row per change with full numbers; Markdown in Chinese."""
    view = diff(in_git).stdout
    assert "Figures" in view
    assert "Status changes" in view
    farm = [line for line in view.splitlines() if line.startswith("farm") and "revised" in line]
    assert len(farm) == 1
    assert "84 billion yuan" in farm[0]
    assert "83 billion yuan" in farm[0]
    assert re.search(r"ladder\s+Start\s+upcoming\s+met", view)
    rows = list(
        csv.DictReader(io.StringIO(diff(in_git, "--format", "csv").stdout.lstrip("\ufeff")))
    )
    assert [r["section"] for r in rows] == ["figures"] * 4 + ["statuses"] + ["targets"] * 3 + [
        "stages"
    ]
    assert (rows[0]["old"], rows[0]["new"]) == ("84.0", "83.0")
    assert rows[5]["fields"] == "target"
    lines = diff(in_git, "--format", "ndjson").stdout.splitlines()
    assert json.loads(lines[4]) | {} == {
        "section": "statuses", "id": "farm", "title": "Farm output", "title_zh": None,
        "period": None, "change": "changed", "old": "on-track", "new": "off-track",
        "record": None, "recorded_at": None, "recorded_by": None, "reason": None, "fields": None,
    }  # fmt: skip
    tsv = diff(in_git, "--format", "tsv", "--fields", "section,id,change").stdout
    assert tsv.splitlines()[1] == "figures\tfarm\trevised"
    markdown = diff(in_git, "--format", "markdown", "--lang", "zh").stdout
    assert "### 数据" in markdown
    assert "### 状态变化" in markdown
    assert "| farm | Farm output | 2023-12-31 | 修正 |" in markdown
    assert "符合预期 | 滞后 |" in markdown
    assert "| water | 水质 | 新增 |" in markdown
    assert "| ladder | 起步 | 未到期 | 已完成 |" in markdown


def test_chinese_view_has_no_english(in_git: Path) -> None:
    """--lang zh: no English word but ids, titles the registry gives only in English, units."""
    view = diff(in_git, "--lang", "zh").stdout
    leftover = re.sub(
        r"farm|water|ladder|gone|launched|The ladder|Farm output|Gone|Test plan|billion yuan|clerk|"
        r"typed twice|wrong table|\d{4}-\d{2}-\d{2}",
        "",
        view,
    )
    assert re.findall(r"[A-Za-z]{2,}", leftover) == []


def test_bad_since(tmp_path: Path) -> None:
    """--since after --as-of, or not a date: exit 2 with one line."""
    (tmp_path / "targets.toml").write_text(NOW, encoding="utf-8")
    late = run_zqplan("diff", "--since", "2026-01-01", "--as-of", "2025-01-01", cwd=tmp_path)
    assert late.returncode == 2
    assert "--since 2026-01-01 is after --as-of 2025-01-01" in late.stderr
    bad = run_zqplan("diff", "--since", "yesterday", cwd=tmp_path)
    assert bad.returncode == 2
    assert "--since" in bad.stderr
    missing = run_zqplan("diff", cwd=tmp_path)
    assert missing.returncode == 2


def test_hostile_text_stays_literal(tmp_path: Path) -> None:
    """Rich markup, an escape sequence and a bidi override in a title: text, not commands."""
    hostile = NOW.replace(
        'title_zh = "水质"', 'title_zh = "[red]水质[/red] \\u001b[31m \\u202e | x"'
    )
    (tmp_path / "targets.toml").write_text(hostile, encoding="utf-8")
    ledger(tmp_path)
    for fmt in ("table", "markdown"):
        out = diff(tmp_path, "--lang", "zh", "--format", fmt).stdout
        assert "[red]水质[/red]" in out
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\\u001b" in out
    assert "\\| x" in diff(tmp_path, "--lang", "zh", "--format", "markdown").stdout

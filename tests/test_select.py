"""Filters, sort and limit of `zqplan status` (zqplan/select.py), in table and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from zqplan.i18n import Lang
from zqplan.model import Kind, StatusCode
from zqplan.registry import load_plan
from zqplan.select import SEVERITY, Selection, empty_reason, matches, order
from zqplan.status import assess

AS_OF = "2025-09-30"

CITY = """\
schema = "zqplan.registry/1"

[plan]
id = "city"
title = "City plan"
title_zh = "城市规划"

[areas.econ]
title = "Economy"
title_zh = "经济"

[areas.rural]
title = "Rural"
title_zh = "乡村"

[targets.farm]
area = "econ"
title = "Farm output"
title_zh = "农业总产值"
source = "Farm output reaches 100."
unit = "billion yuan"
attribute = "binding"
baseline = { value = 80, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [{ date = 2024-12-31, value = 86 }]

[targets.parks]
area = "econ"
title = "Parks built"
title_zh = "公园"
source = "Build 100 parks."
unit = "parks"
baseline = { value = 0, date = 2022-12-31 }
target = { value = 100, date = 2027-12-31 }
observations = [{ date = 2023-12-31, value = 10 }]

[targets.roads]
area = "rural"
title = "Rural roads"
title_zh = "农村公路"
source = "Pave 60 km of rural roads by 2024."
unit = "km"
attribute = "binding"
trajectory = "linear"
baseline = { value = 50, date = 2022-12-31 }
target = { value = 60, date = 2024-12-31 }
observations = [{ date = 2024-12-31, value = 55 }]

[targets.forest-park]
area = "rural"
title = "A national forest park"
title_zh = "国家森林公园"
source = "Establish a national forest park."
kind = "yes-no"
attribute = "binding"
role = "reported"
target = { date = 2026-12-31 }
observations = [{ date = 2024-06-30, value = true }]

[targets.tourism]
area = "rural"
title = "Rural tourism income"
title_zh = "乡村旅游收入"
source = "Grow rural tourism income to 20 billion yuan."
unit = "billion yuan"
role = "direction"
baseline = { value = 10, date = 2022-12-31 }
target = { value = 20, date = 2030-12-31 }

[targets.jobs]
area = "econ"
title = "Jobs"
title_zh = "就业"
source = "Raise jobs from 100 to 200 thousand."
unit = "thousand"
trajectory = "linear"
baseline = { value = 100, date = 2022-12-31 }
target = { value = 200, date = 2026-12-31 }
observations = [{ date = 2024-12-31, value = 160 }]
"""
"""Six targets judged on 2025-09-30, worked by hand (METHOD.md):
- farm: 80 -> 86 of 100 (2022 -> 2024 -> 2027): progress 6/20 = 0.3; g_obs 3.68% / g_req
  4.56% = 0.81, in [0.60, 0.95): at-risk. Binding.
- parks: 0 -> 10 of 100 (linear, baseline 0): progress 0.1; 10 a year observed / 20 a year
  required = 0.5 < 0.60: off-track. Latest 2023-12-31, 21 months before as_of (> 18): stale.
- roads: 50 -> 55 of 60 by 2024-12-31, past that date unmet: missed (final); progress 0.5.
- forest-park: yes/no, done 2024-06-30: achieved; no progress number. Role reported.
- tourism: role direction: listed, never judged (method v2), so no status, no progress, no
  latest figure and no stale flag.
- jobs: 100 -> 160 of 200 (linear, 2022 -> 2024 -> 2026): progress 60/100 = 0.6; 30 a year
  observed / 25 required = 1.2: on-track.
"""


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """A registry written in tmp_path with the six targets above."""
    path = tmp_path / "city" / "targets.toml"
    path.parent.mkdir()
    path.write_text(CITY, encoding="utf-8")
    return path


def doc(zqplan: Run, *args: str) -> dict[str, Any]:
    """The JSON document a successful run prints."""
    result = zqplan(*args)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def ids(document: dict[str, Any]) -> list[str]:
    """The ids of a status document's targets, in order."""
    return [t["id"] for t in document["targets"]]


def table_ids(out: str, known: list[str]) -> list[str]:
    """The target ids a plain table lists, in order (the first word of each row), and the
    directions its areas list on a line of their own ("directions (1): tourism")."""
    found = []
    for line in out.splitlines():
        words = line.split()
        if words[:1] and words[0] in known:
            found.append(words[0])
        listed = re.search(r"directions \(\d+\): (.+)", line)
        if listed:
            found += [i for i in listed.group(1).split(", ") if i in known]
    return found


CITY_IDS = ["farm", "parks", "roads", "forest-park", "tourism", "jobs"]


def city_status(zqplan: Run, city: Path, *args: str) -> tuple[list[str], list[str], str]:
    """The ids in JSON and in the table for the same options, and the table run's stderr."""
    base = ("status", "--registry", str(city), "--as-of", AS_OF, *args)
    as_json = zqplan(*base, "--json")
    assert as_json.returncode == 0, as_json.stderr
    as_table = zqplan(*base)
    assert as_table.returncode == 0, as_table.stderr
    return ids(json.loads(as_json.stdout)), table_ids(as_table.stdout, CITY_IDS), as_table.stderr


class TestFiltersOnASmallPlan:
    """Each filter on the six targets, the same in JSON and in the table."""

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["--attribute", "binding"], ["farm", "roads", "forest-park"]),
            (["--attribute", "anticipatory"], ["parks", "tourism", "jobs"]),
            (["--role", "reported"], ["forest-park"]),
            (["--role", "reported", "--role", "direction"], ["forest-park", "tourism"]),
            (["--role", "commitment"], ["farm", "parks", "roads", "jobs"]),
            (["--kind", "yes-no"], ["forest-park"]),
            (["--kind", "numeric", "--kind", "yes-no"], CITY_IDS),
            (["--stale"], ["parks"]),
            (["--final"], ["roads"]),
            (["--open"], ["farm", "parks", "forest-park", "tourism", "jobs"]),
            # target dates 2027-12-31, 2027-12-31, 2024-12-31, 2026-12-31, 2030-12-31, 2026-12-31
            (["--due-before", "2027-01-01"], ["roads", "forest-park", "jobs"]),
            (["--due-before", "2026-12-31"], ["roads"]),
            (["--search", "FOREST"], ["forest-park"]),
            (["--search", "农村"], ["roads"]),
            (["--search", "km of rural"], ["roads"]),
            (["--search", "公园", "--search", "jobs"], ["parks", "forest-park", "jobs"]),
            (["--area", "rural", "--attribute", "binding"], ["roads", "forest-park"]),
            (
                ["--attribute", "binding", "--status", "at-risk", "--status", "missed"],
                ["farm", "roads"],
            ),
        ],
    )
    def test_filter(self, zqplan: Run, city: Path, args: list[str], expected: list[str]) -> None:
        """AND across options, OR within a repeated one; registry order without --sort."""
        in_json, in_table, _ = city_status(zqplan, city, *args)
        assert in_json == expected
        assert sorted(in_table) == sorted(expected)

    def test_summary_counts_only_the_targets_shown(self, zqplan: Run, city: Path) -> None:
        """The summary of JSON counts what the filters kept: parks alone is stale, off-track."""
        args = ("status", "-r", str(city), "--as-of", AS_OF, "--stale", "--json")
        summary = json.loads(zqplan(*args).stdout)["summary"]
        assert {k: v for k, v in summary.items() if v} == {"off-track": 1}

    def test_bad_due_before(self, zqplan: Run, city: Path) -> None:
        """--due-before takes a date: anything else is a usage error (exit 2)."""
        result = zqplan("status", "-r", str(city), "--due-before", "soon")
        assert result.returncode == 2
        assert "--due-before 'soon' is not a date" in result.stderr

    def test_bad_role(self, zqplan: Run, city: Path) -> None:
        """An unknown --role is a usage error."""
        result = zqplan("status", "-r", str(city), "--role", "promise")
        assert result.returncode == 2
        assert "promise" in result.stderr


class TestSortOnASmallPlan:
    """--sort FIELD / -FIELD and --limit, the same in JSON and in the table."""

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            # progress: parks 0.1, farm 0.3, roads 0.5, jobs 0.6; forest-park and tourism (never
            # judged) none, last in registry order
            ("progress", ["parks", "farm", "roads", "jobs", "forest-park", "tourism"]),
            ("-progress", ["jobs", "roads", "farm", "parks", "forest-park", "tourism"]),
            # worst first: missed, off-track, at-risk, on-track, achieved; no-data last
            ("status", ["roads", "parks", "farm", "jobs", "forest-park", "tourism"]),
            ("-status", ["jobs", "farm", "parks", "roads", "forest-park", "tourism"]),
            # numbers as numbers (10 < 55 < 86 < 160, though "160" < "55" as text); the
            # yes/no value after the numbers; tourism (a direction, no figure) last
            ("latest_value", ["parks", "roads", "farm", "jobs", "forest-park", "tourism"]),
            ("-latest_value", ["jobs", "farm", "roads", "parks", "forest-park", "tourism"]),
            # ratio: parks 0.5, roads 0.5, farm 0.81, jobs 1.2; the others have none
            ("ratio", ["parks", "roads", "farm", "jobs", "forest-park", "tourism"]),
            # text ignoring case: Farm, Jobs, Parks, Rural roads, Rural tourism
            ("title", ["forest-park", "farm", "jobs", "parks", "roads", "tourism"]),
            ("target_date", ["roads", "forest-park", "jobs", "farm", "parks", "tourism"]),
        ],
    )
    def test_sort(self, zqplan: Run, city: Path, sort: str, expected: list[str]) -> None:
        """Missing values last in both directions; the table lists rows in the same order."""
        in_json, in_table, _ = city_status(zqplan, city, f"--sort={sort}")
        assert in_json == expected
        assert in_table == expected

    def test_sort_value_with_a_dash(self, zqplan: Run, city: Path) -> None:
        """`--sort -progress` (a separate word starting with '-') is the descending sort."""
        in_json, _, _ = city_status(zqplan, city, "--sort", "-progress")
        assert in_json[0] == "jobs"

    def test_limit_after_sort(self, zqplan: Run, city: Path) -> None:
        """--limit 2 keeps the first two after sorting: the two furthest behind."""
        in_json, in_table, _ = city_status(zqplan, city, "--sort", "progress", "--limit", "2")
        assert in_json == in_table == ["parks", "farm"]

    def test_the_meeting_query(self, zqplan: Run, city: Path) -> None:
        """Binding targets lagging, sorted by progress: farm (0.3) before roads (0.5)."""
        args = ["--attribute", "binding", "--status", "at-risk", "--status", "off-track"]
        args += ["--status", "missed", "--sort", "progress"]
        in_json, in_table, stderr = city_status(zqplan, city, *args)
        assert in_json == in_table == ["farm", "roads"]
        assert stderr == ""

    def test_sorted_table_has_no_area_headings(self, zqplan: Run, city: Path) -> None:
        """Sorted rows are one list: area headings would split the order."""
        out = zqplan("status", "-r", str(city), "--as-of", AS_OF, "--sort", "progress").stdout
        assert "Economy" not in out
        assert "Rural\n" not in out
        plain = zqplan("status", "-r", str(city), "--as-of", AS_OF).stdout
        assert "Economy" in plain

    def test_unknown_sort_field(self, zqplan: Run, city: Path) -> None:
        """A --sort that is not a field of --fields: exit 2, the closest field named."""
        result = zqplan("status", "-r", str(city), "--sort", "-progres")
        assert result.returncode == 2
        assert "--sort 'progres' is not a field (did you mean 'progress'" in result.stderr

    def test_limit_must_be_positive(self, zqplan: Run, city: Path) -> None:
        """--limit 0 is a usage error."""
        assert zqplan("status", "-r", str(city), "--limit", "0").returncode == 2

    def test_fail_on_after_filters(self, zqplan: Run, city: Path) -> None:
        """--fail-on judges the targets shown: roads (missed) trips it; --area econ hides it."""
        base = ("status", "-r", str(city), "--as-of", AS_OF, "--fail-on", "missed")
        assert zqplan(*base).returncode == 3
        assert zqplan(*base, "--area", "econ").returncode == 0


class TestEmptyResult:
    """Filters that keep nothing: a line on stderr says why; exit 0; stdout still data."""

    def test_the_issue_example(self, zqplan: Run, city: Path) -> None:
        """No rural target is off-track (roads missed, forest-park achieved, tourism no-data)."""
        args = ("--area", "rural", "--status", "off-track")
        result = zqplan("status", "-r", str(city), "--as-of", AS_OF, *args, "--json")
        assert result.returncode == 0
        assert json.loads(result.stdout)["targets"] == []
        assert result.stderr == "0 targets: no target is both in area rural and off-track\n"

    def test_in_chinese(self, zqplan: Run, city: Path) -> None:
        """--lang zh says it in Chinese, with METHOD's status label."""
        args = ("--area", "rural", "--status", "off-track", "--lang", "zh")
        result = zqplan("status", "-r", str(city), "--as-of", AS_OF, *args)
        assert result.stderr == "0 项指标：没有指标同时满足：领域为 rural、状态为 滞后\n"

    def test_three_conditions(self, zqplan: Run, city: Path) -> None:
        """Three filters: 'at once', each named; repeated values joined with 'or'."""
        args = ("--kind", "yes-no", "--stale", "--status", "missed", "--status", "off-track")
        result = zqplan("status", "-r", str(city), "--as-of", AS_OF, *args)
        assert result.stderr == (
            "0 targets: no target is at once missed or off-track, yes-no and stale\n"
        )


class TestShippedPlan:
    """The filters on the shipped Zhaoqing plan (a copy in tmp_path)."""

    def test_search_chinese(self, zqplan: Run, registry: Path) -> None:
        """森林 finds 森林覆盖率 (forest-coverage), in JSON and in the Chinese table."""
        document = doc(zqplan, "status", "--search", "森林", "--json")
        assert "forest-coverage" in ids(document)
        for target in document["targets"]:
            assert "森林" in (target["title_zh"] or "")
        out = zqplan("status", "--search", "森林", "--lang", "zh").stdout
        assert "森林覆盖率" in out

    def test_search_ignores_case(self, zqplan: Run, registry: Path) -> None:
        """FOREST COVERAGE finds 'Forest coverage rate'."""
        document = doc(zqplan, "status", "--search", "FOREST COVERAGE", "--json")
        assert ids(document) == ["forest-coverage"]

    def test_kind(self, zqplan: Run, registry: Path) -> None:
        """--kind numeric lists exactly the registry's numeric targets, in its order."""
        numeric = [t.id for t in load_plan(registry).targets if t.kind is Kind.NUMERIC]
        document = doc(zqplan, "status", "--kind", "numeric", "--json")
        assert ids(document) == numeric
        assert "xpeng-vehicles" in numeric
        out = zqplan("status", "--kind", "numeric").stdout
        assert sorted(table_ids(out, numeric)) == sorted(numeric)

    def test_stale(self, zqplan: Run, registry: Path) -> None:
        """--stale keeps only stale targets: a 2023 farm output figure is past 18 months on
        2026-01-01 (2023-12-31 + 18 months = 2025-06-30). Xpeng's 2022 figure is a
        reported fact, never judged, so never stale."""
        assert zqplan("update", "farm-output", "86.5", "--date", "2023").returncode == 0
        document = doc(zqplan, "status", "--stale", "--json", "--as-of", "2026-01-01")
        assert "farm-output" in ids(document)
        assert "xpeng-vehicles" not in ids(document)
        assert all(t["stale"] for t in document["targets"])

    def test_sort_latest_value(self, zqplan: Run, registry: Path) -> None:
        """The largest latest value first: Xpeng's capacity, 200,000 vehicles (2022)."""
        args = ("status", "--sort", "-latest_value", "--limit", "1", "--fields", "id")
        assert zqplan(*args, "--format", "csv").stdout == "\ufeffid\nxpeng-capacity\n"
        assert zqplan(*args).stdout.split() == ["id", "xpeng-capacity"]

    def test_sort_status(self, zqplan: Run, registry: Path) -> None:
        """Judged targets first, worst first (missed: GDP growth's 2024; achieved last),
        then those with no verdict on pace (no-target, no-data, reported facts)."""
        document = doc(zqplan, "status", "--sort", "status", "--json")
        statuses = [t["status"] for t in document["targets"]]
        ranks = ["missed", "off-track", "at-risk", "on-track", "achieved"]
        ranked = [s for s in statuses if s in ranks]
        assert statuses[: len(ranked)] == ranked
        assert ranked == sorted(ranked, key=ranks.index)
        assert {"missed", "achieved"} <= set(ranked)
        assert set(statuses[len(ranked) :]) <= {"no-target", "no-data", None}

    def test_meeting_query_is_empty_and_says_why(self, zqplan: Run, registry: Path) -> None:
        """The README's meeting query: the shipped plan marks no target binding."""
        result = zqplan(
            "status", "--attribute", "binding", "--status", "off-track", "--sort", "progress"
        )
        assert result.returncode == 0
        assert result.stderr == "0 targets: no target is both off-track and binding\n"

    def test_due_before_and_final(self, zqplan: Run, registry: Path) -> None:
        """--due-before keeps the targets dated before the day; --final and --open split
        the plan: the interview's targets have no date, Zhaoqing's own numbers have."""
        every = doc(zqplan, "status", "--json")["targets"]
        dated = [
            t["id"]
            for t in every
            if t["target"] and t["target"]["date"] and t["target"]["date"] < "2026-01-01"
        ]
        assert "urbanisation" in dated  # 55% by 2025
        assert "gdp-3000" not in dated  # 3000亿元 in the 14th Five-Year period's early years
        assert ids(doc(zqplan, "status", "--due-before", "2026-01-01", "--json")) == dated
        result = zqplan("status", "--due-before", "2020-01-01", "--json")
        assert json.loads(result.stdout)["targets"] == []
        assert result.stderr == "0 targets: no target is due before 2020-01-01\n"
        final = ids(doc(zqplan, "status", "--final", "--json"))
        still_open = ids(doc(zqplan, "status", "--open", "--json"))
        assert sorted(final + still_open) == sorted(t["id"] for t in every)
        assert "gdp-growth" in final  # 2024's outturn is in: a final verdict
        assert "gdp-3000" in still_open


class TestSelectModule:
    """select.py on its own."""

    def test_severity_orders_every_verdict(self) -> None:
        """Every status with a verdict on pace is ranked; no-target and no-data are not."""
        assert set(SEVERITY) | {"no-target", "no-data"} == {c.value for c in StatusCode}
        assert sorted(SEVERITY, key=SEVERITY.__getitem__) == [
            "missed",
            "off-track",
            "at-risk",
            "on-track",
            "achieved",
        ]

    def test_casefold(self, city: Path) -> None:
        """Unicode casefold: STRASSE finds 'straße'; full-width letters match too."""
        plan = load_plan(city)
        import dataclasses

        target = dataclasses.replace(plan.targets[0], title="Große Straße")
        assessment = assess(target, [], as_of=dt_date())
        assert matches(assessment, "STRASSE")
        assert matches(assessment, "ＧＲＯSSE")
        assert not matches(assessment, "strasse 2")

    def test_order_missing_last(self) -> None:
        """None and empty text sort last ascending and descending; ties keep their order."""
        rows = {"a": 2, "b": None, "c": 1, "d": 2, "e": ""}
        items = list(rows)
        assert order(items, lambda i: {"x": rows[i]}, "x") == ["c", "a", "d", "b", "e"]
        assert order(items, lambda i: {"x": rows[i]}, "x", descending=True) == [
            "a",
            "d",
            "c",
            "b",
            "e",
        ]

    def test_reason_without_filters(self) -> None:
        """An empty registry: the reason is that it has none."""
        assert empty_reason(Selection()) == "0 targets: the registry has none"
        assert empty_reason(Selection(), Lang.ZH) == "0 项指标：登记册中没有指标"


def dt_date() -> Any:
    """as_of for the module tests."""
    import datetime as dt

    return dt.date(2025, 9, 30)


class TestMilestones:
    """`milestones --area` and `--search` choose programmes the same way."""

    def test_area_and_search(self, zqplan: Run, registry: Path) -> None:
        """The shipped programme (bxqzwc) is rural; 百县 and 'TENS OF THOUSANDS' find it."""
        for args in (("--area", "rural"), ("--search", "百县"), ("--search", "TENS OF THOUSANDS")):
            document = doc(zqplan, "milestones", *args, "--json")
            assert [p["id"] for p in document["programmes"]] == ["bxqzwc"]
        table = zqplan("milestones", "--search", "百县", "--lang", "zh").stdout
        assert "百县千镇万村" in table

    def test_empty_says_why(self, zqplan: Run, registry: Path) -> None:
        """No programme in the ecology area: an empty ladder, and why on stderr, exit 0."""
        result = zqplan("milestones", "--area", "ecology")
        assert result.returncode == 0
        assert result.stdout.strip() == "no programmes"
        assert result.stderr == "0 programmes: no programme is in area ecology\n"
        chinese = zqplan("milestones", "--area", "ecology", "--lang", "zh")
        assert chinese.stderr == "0 项工程：没有工程满足：领域为 ecology\n"

    def test_unknown_area(self, zqplan: Run, registry: Path) -> None:
        """An area the registry lacks is a usage error naming the closest one."""
        result = zqplan("milestones", "--area", "rurl")
        assert result.returncode == 2
        assert "did you mean 'rural'" in result.stderr

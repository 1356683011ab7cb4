"""The human views: the one-sentence summary, both languages, the chart in `show`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from zqplan.i18n import Lang
from zqplan.model import (
    Area,
    Direction,
    Goal,
    Kind,
    Observation,
    Plan,
    Point,
    Revision,
    Target,
)
from zqplan.render import table_text
from zqplan.sentence import describe
from zqplan.status import assess
from zqplan.table import status_table, target_view

# METHOD.md's worked example: 80 at 2022-12-31 -> 100 at 2027-12-31, 86 at 2024-12-31.
FARM = Target(
    id="farm",
    area="econ",
    title="Farm output",
    title_zh="农业总产值",
    source="Farm output reaches 100.",
    unit="",
    baseline=Point(date(2022, 12, 31), 80.0),
    target=Goal(date(2027, 12, 31), 100.0),
)
SEEN = [Observation("farm", date(2024, 12, 31), 86.0, "r1", sequence=1)]
AS_OF = date(2025, 3, 1)
PLAN = Plan(
    id="p",
    title="Demo",
    title_zh="示范",
    areas=(Area("econ", "Economy", "经济"),),
    targets=(FARM,),
)


class TestSentence:
    """`describe` says where a target stands in one sentence."""

    def test_worked_example_in_english(self) -> None:
        """The issue's own wording, with METHOD's numbers: g_req 4.56%, g_obs 3.68%, 2029-03-03."""
        assert describe(assess(FARM, SEEN, as_of=AS_OF)) == (
            "At 86 of 100 by 2027; needs 4.6% a year, growing 3.7%; "
            "at this pace reached in March 2029."
        )

    def test_worked_example_in_chinese(self) -> None:
        """The same sentence in Chinese."""
        assert describe(assess(FARM, SEEN, as_of=AS_OF), Lang.ZH) == (
            "目前 86，目标 100（2027年）；需年均 4.6%，实际年均 3.7%；按此速度将于2029年3月实现。"
        )

    def test_moving_away_is_never_reached(self) -> None:
        """Falling from 80 to 78: the target is never reached at this pace."""
        falling = [Observation("farm", date(2024, 12, 31), 78.0, "r1", sequence=1)]
        assert describe(assess(FARM, falling, as_of=AS_OF)).endswith("at this pace never reached.")

    def test_achieved(self) -> None:
        """At or above the target: achieved."""
        done = [Observation("farm", date(2024, 12, 31), 101.0, "r1", sequence=1)]
        assert describe(assess(FARM, done, as_of=AS_OF)) == "At 101 of 100 by 2027: achieved."

    def test_no_data(self) -> None:
        """Nothing recorded and no baseline: says so, with the target."""
        bare = Target(
            id="x",
            area="econ",
            title="X",
            source="s",
            unit="%",
            target=Goal(date(2027, 12, 31), 71.0),
        )
        assert describe(assess(bare, [], as_of=AS_OF)) == "No data yet; the target is 71% by 2027."

    def test_yes_no(self) -> None:
        """A yes/no target done says when."""
        zone = Target(id="z", area="econ", title="Zone", source="s", kind=Kind.YES_NO)
        record = [Observation("z", date(2025, 6, 30), True, "r1", sequence=1)]
        assert describe(assess(zone, record, as_of=date(2025, 7, 1))) == "Done on 2025-06-30."


class TestLanguages:
    """Tables speak English or Chinese; the columns stay aligned."""

    def test_chinese_headings_titles_and_labels(self) -> None:
        """--lang zh: Chinese headings, titles, areas and METHOD's labels (需加快 for at-risk)."""
        shown = table_text(
            status_table(PLAN, [assess(FARM, SEEN, as_of=AS_OF)], Lang.ZH), width=120
        )
        for text in ("示范", "截至", "编号", "指标", "经济", "农业总产值", "需加快", "共 1 项指标"):
            assert text in shown, text

    def test_english_by_default(self) -> None:
        """The default is English, with status codes as filters take them."""
        shown = table_text(status_table(PLAN, [assess(FARM, SEEN, as_of=AS_OF)]), width=120)
        assert "Farm output" in shown
        assert "at-risk" in shown
        assert "1 target: 1 at-risk" in shown

    def test_chinese_rows_align(self) -> None:
        """Every table line has the same display width with Chinese text in it."""
        from rich.cells import cell_len

        shown = table_text(
            status_table(PLAN, [assess(FARM, SEEN, as_of=AS_OF)], Lang.ZH), width=100
        )
        rows = [line for line in shown.splitlines() if "farm" in line or "编号" in line]
        assert len(rows) == 2
        # the status column starts at the same cell on the heading and the row
        heading, row = (r for r in rows)
        assert cell_len(heading[: heading.index("状态")]) == cell_len(row[: row.index("需加快")])


class TestShow:
    """`show` draws the chart and states the target as planned and as revised."""

    def test_chart_and_sentence(self) -> None:
        """The view opens with the sentence and draws the chart with its legend."""
        shown = table_text(target_view(PLAN, assess(FARM, SEEN, as_of=AS_OF), SEEN), width=120)
        assert "needs 4.6% a year, growing 3.7%" in shown
        assert "- expected path" in shown
        assert "+ projection at the observed rate" in shown
        assert "● observed" in shown

    def test_revised_target_as_planned_and_as_revised(self) -> None:
        """After a revision to 95, show gives both targets and the status as planned."""
        revised = Target(
            id="farm",
            area="econ",
            title="Farm output",
            source="s",
            unit="",
            direction=Direction.INCREASE,
            baseline=FARM.baseline,
            target=FARM.target,
            revisions=(Revision(date(2025, 6, 30), Goal(date(2027, 12, 31), 95.0), "review"),),
        )
        shown = table_text(
            target_view(PLAN, assess(revised, SEEN, as_of=date(2025, 7, 1)), SEEN), width=120
        )
        assert "95 on 2027-12-31" in shown
        assert "as planned         100 on 2027-12-31" in shown
        assert "status as planned  at-risk" in shown
        assert "2025-06-30: review" in shown


class TestOptionsMatchTheModel:
    """The light CLI choices (options.py) name exactly what the model defines."""

    def test_status_names(self) -> None:
        """--status and --fail-on offer the model's statuses, in METHOD's order."""
        from zqplan.model import StatusCode
        from zqplan.options import FAIL_ON_STATUSES, STATUS_NAMES, FailOn

        assert tuple(code.value for code in StatusCode) == STATUS_NAMES
        assert set(FAIL_ON_STATUSES) == set(FailOn)
        assert all(names <= set(STATUS_NAMES) for names in FAIL_ON_STATUSES.values())

    def test_filter_choices(self) -> None:
        """--attribute, --role and --kind offer exactly the model's values, in its order."""
        from zqplan.model import Attribute, Kind, Role
        from zqplan.options import AttributeChoice, KindChoice, RoleChoice

        for light, model in ((AttributeChoice, Attribute), (RoleChoice, Role), (KindChoice, Kind)):
            assert [c.value for c in light] == [m.value for m in model]

    def test_every_format_has_a_renderer(self) -> None:
        """Each --format choice renders (habit 3: one renderer per format, none missing)."""
        from zqplan.options import OutputFormat
        from zqplan.render import Output, Terminal, render

        output = Output({"schema": "x/1"}, lambda: [{"id": "a"}], ("id",), lambda _t: "view")
        for fmt in OutputFormat:
            assert render(fmt, output, terminal=Terminal(interactive=False)).strip()


class TestNoNegativeZero:
    """A value that rounds to zero prints as 0 in every human view and flat format."""

    def test_tables_sentence_and_flat_formats(self) -> None:
        """79.999 against 80 -> 100: progress (79.999 - 80) / 20 = -0.00005 = -0.005%, shown
        0.0%; g_obs = (79.999 / 80) ** 0.5 - 1 = -6.25e-6 a year, shown 0.0% and +0.00%/yr."""
        from zqplan.options import OutputFormat
        from zqplan.render import Output, Terminal, render
        from zqplan.report import flat_row, status_columns, status_document

        seen = [Observation("farm", date(2024, 12, 31), 79.999, "r1", sequence=1)]
        assessment = assess(FARM, seen, as_of=AS_OF)
        assert assessment.progress is not None
        assert -0.0001 < assessment.progress < 0
        document = status_document(PLAN, [assessment], as_of=AS_OF)
        output = Output(
            document,
            lambda: [flat_row(t) for t in document["targets"]],
            status_columns(),
            lambda _t: status_table(PLAN, [assessment], interactive=False),
        )
        shown = [
            table_text(status_table(PLAN, [assessment]), width=200),
            table_text(status_table(PLAN, [assessment], Lang.ZH), width=200),
            table_text(target_view(PLAN, assessment, seen), width=200),
            describe(assessment),
            describe(assessment, Lang.ZH),
            *(
                render(fmt, output, terminal=Terminal(interactive=False))
                for fmt in (OutputFormat.MARKDOWN, OutputFormat.CSV, OutputFormat.TABLE)
            ),
        ]
        negative_zero = re.compile(r"-0(?:\.0+)?(?!\.?\d)")  # -0, -0.0, -0.00; not -0.0001
        for text in shown:
            assert negative_zero.search(text) is None, text
        assert "0.0%" in shown[0]
        assert "+0.00%/yr" in shown[2]


class TestRevisedLegend:
    """The * beside a revised target is explained under the table, in both languages."""

    REVISED = Target(
        id="farm",
        area="econ",
        title="Farm output",
        title_zh="农业总产值",
        source="s",
        baseline=FARM.baseline,
        target=FARM.target,
        revisions=(Revision(date(2025, 6, 30), Goal(date(2027, 12, 31), 95.0), "review"),),
    )

    def test_legend_in_both_languages(self) -> None:
        """A revised row is marked * and the line under the table says what * means."""
        assessment = assess(self.REVISED, SEEN, as_of=date(2025, 7, 1))
        english = table_text(status_table(PLAN, [assessment], interactive=False), width=200)
        assert "95 by 2027-12-31 *" in english
        assert "* revised target: `zqplan show ID` gives the target as first planned" in english
        chinese = table_text(status_table(PLAN, [assessment], Lang.ZH), width=200)
        assert "* 目标已调整：`zqplan show 编号` 可查看原定目标" in chinese

    def test_no_legend_without_a_revision(self) -> None:
        """No revised row, no legend."""
        shown = table_text(status_table(PLAN, [assess(FARM, SEEN, as_of=AS_OF)]), width=200)
        assert "revised target" not in shown


class TestRanks:
    """A place in a ranking reads as one: 1st / 第1位, not '1 rank'."""

    def test_ordinals(self) -> None:
        """English suffixes, the teens included; Chinese 第N位."""
        from zqplan.text import ordinal

        shown = [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1001)]
        assert shown == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
            "101st", "111th", "1,001st",
        ]  # fmt: skip
        assert ordinal(1, Lang.ZH) == "第1位"

    def test_shipped_rank_in_both_tables(self) -> None:
        """Jinli ranks first among Zhaoqing's towns (the shipped registry's observation)."""
        from zqplan.registry import load_plan
        from zqplan.shipped import shipped_registry
        from zqplan.status import assess_plan

        plan = load_plan(shipped_registry())
        (jinli,) = [
            a
            for a in assess_plan(plan, [], as_of=date(2025, 1, 1))
            if a.target.id == "jinli-output-rank"
        ]
        english = table_text(status_table(plan, [jinli], interactive=False), width=200)
        chinese = table_text(status_table(plan, [jinli], Lang.ZH, interactive=False), width=200)
        assert " 1st " in english
        assert "1 rank" not in english
        assert " 第1位 " in chinese

    def test_a_rate_of_ranks_stays_a_number(self) -> None:
        """Climbing 2 places a year is '+2 rank/yr', not '+2nd/yr'."""
        from zqplan.model import Trajectory
        from zqplan.text import rate

        assert rate(2.0, Trajectory.LINEAR, "rank") == "+2 rank/yr"


class TestNarrowTables:
    """--width never cuts a number: text columns wrap or give way first."""

    VALUES = (
        # 84.5678 of 100 from 80: progress 4.5678 / 20 = 22.8%; 86,543.21 shown to 2 decimals
        Target(
            id="farm-output-of-the-whole-city",
            area="econ",
            title="Total output value of agriculture, forestry, animal husbandry and fishery",
            source="s",
            unit="billion yuan",
            baseline=Point(date(2022, 12, 31), 80.0),
            target=Goal(date(2027, 12, 31), 100.0),
        ),
        Target(
            id="vehicles",
            area="econ",
            title="Vehicles produced",
            source="s",
            unit="vehicles",
            baseline=Point(date(2022, 12, 31), 1000.0),
            target=Goal(date(2027, 12, 31), 130000.0),
        ),
    )

    def tables(self, width: int, lang: Lang, *, interactive: bool) -> str:
        seen = {
            "farm-output-of-the-whole-city": Observation(
                "farm-output-of-the-whole-city", date(2024, 12, 31), 84.5678, "r1", sequence=1
            ),
            "vehicles": Observation("vehicles", date(2024, 12, 31), 86543.21, "r2", sequence=2),
        }
        plan = Plan(
            id="p", title="Demo", areas=(Area("econ", "Economy", "经济"),), targets=self.VALUES
        )
        judged = [assess(t, [seen[t.id]], as_of=AS_OF) for t in self.VALUES]
        table = status_table(plan, judged, lang, interactive=interactive, width=width)
        return table_text(table, width=width)

    @pytest.mark.parametrize("width", [60, 72, 100])
    @pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
    @pytest.mark.parametrize("interactive", [True, False])
    def test_numbers_whole(self, width: int, lang: Lang, interactive: bool) -> None:
        """Every number and status appears whole, and no line is wider than asked."""
        from rich.cells import cell_len

        shown = self.tables(width, lang, interactive=interactive)
        assert max(cell_len(line) for line in shown.splitlines()) <= width
        # In Chinese: 84.5678 billion yuan = 845.678亿元 -> 845.68亿元; 86,543.21 辆 = 8.6543万辆.
        numbers = (
            ("845.68亿元", "8.6543万辆", "1000亿元", "13万辆", "22.8%", "2027-12-31")
            if lang is Lang.ZH
            else ("84.57", "86,543.21", "100", "130,000", "22.8%", "2027-12-31")
        )
        for number in numbers:
            assert number in shown, (number, shown)
        assert re.search(r"\d…|…\d", shown) is None
        assert ("需加快" if lang is Lang.ZH else "at-risk") in shown

    def test_title_goes_before_numbers_wrap(self) -> None:
        """At 60 columns the long title gives way; at 160 it is there and values are one line."""
        narrow = self.tables(60, Lang.EN, interactive=False)
        assert "Total output value" not in narrow
        wide = self.tables(160, Lang.EN, interactive=False)
        assert "Total output value of agriculture" in wide
        assert "84.57 billion yuan" in wide


class TestPlainPipeTable:
    """In a pipe, `status` is laid out without Rich: the same text as Rich would print."""

    @pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
    def test_same_as_rich(self, tmp_path: Path, lang: Lang) -> None:
        """The shipped plan plus roles, a yearly schedule and hostile text: identical lines."""
        import datetime as dt

        from zqplan.plain import status_plain
        from zqplan.registry import load_plan
        from zqplan.render import table_text
        from zqplan.shipped import shipped_registry
        from zqplan.status import assess_plan

        extra = """
[targets.fact]
area = "rural"
title = "A fact \\u001b[31m [bold]x[/] 森林"
source = "s"
unit = "%"
role = "reported"
observations = [ { date = 2022-12-31, value = 71 } ]

[targets.national-gdp-growth]
area = "rural"
title = "GDP growth"
title_zh = "国内生产总值增长"
source = "s"
unit = "%"
observations = [ { date = 2023-12-31, value = 5.2 }, { date = 2024-09-30, value = 4.8 } ]

[targets.national-gdp-growth.yearly]
2023 = "5左右"
2024 = ">= 5"
"""
        path = tmp_path / "targets.toml"
        path.write_text(shipped_registry().read_text(encoding="utf-8") + extra, encoding="utf-8")
        plan = load_plan(path)
        assessments = assess_plan(plan, [], as_of=dt.date(2024, 11, 1))
        rich = table_text(status_table(plan, assessments, lang, interactive=False), width=10_000)
        assert status_plain(plan, assessments, lang) == rich
        assert "2024; met 1 of 1 years" in rich or "2024年；完成 1/1 年" in rich

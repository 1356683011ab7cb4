"""The human views: the one-sentence summary, both languages, the chart in `show`."""

from __future__ import annotations

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

    def test_every_format_has_a_renderer(self) -> None:
        """Each --format choice renders (habit 3: one renderer per format, none missing)."""
        from zqplan.options import OutputFormat
        from zqplan.render import Output, Terminal, render

        output = Output({"schema": "x/1"}, lambda: [{"id": "a"}], ("id",), lambda _t: "view")
        for fmt in OutputFormat:
            assert render(fmt, output, terminal=Terminal(interactive=False)).strip()


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

[targets.gdp-growth]
area = "rural"
title = "GDP growth"
title_zh = "国内生产总值增长"
source = "s"
unit = "%"
observations = [ { date = 2023-12-31, value = 5.2 }, { date = 2024-09-30, value = 4.8 } ]

[targets.gdp-growth.yearly]
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

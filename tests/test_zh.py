"""Chinese everywhere: values as Chinese readers write them, views with Chinese words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_zqplan
from zqplan import text
from zqplan.i18n import TERMS, term
from zqplan.model import Direction, Kind, StatusCode, Trend
from zqplan.options import Lang


class TestValues:
    """text.value in Chinese: the base's word, 万/亿 from 1e4/1e8, no separators."""

    @pytest.mark.parametrize(
        ("amount", "unit", "shown"),
        [
            (130_000.0, "vehicles", "13万辆"),  # 130,000 = 13 x 1e4
            (30.0, "billion yuan", "300亿元"),  # 30e9 = 300 x 1e8
            (115.0, "million jin", "1.15亿斤"),  # 115e6 = 1.15 x 1e8
            (100.0, "billion yuan", "1000亿元"),  # 100e9 = 1000 x 1e8 (below 1e12: 亿)
            (10_000.0, "billion yuan", "10万亿元"),  # 1e13 = 10 x 1e12
            (125.0, "km", "125公里"),
            (3.0, "tonnes", "3吨"),
            (71.0, "%", "71%"),
            (0.5, "percentage points", "0.5个百分点"),
            (5_000.0, "yuan", "5000元"),  # under 1e4: no 万, no separator
            (86_543.21, "vehicles", "8.6543万辆"),  # 万 keeps four decimals
            (3.0, "clusters", "3个"),
            (5.0, "thousand enterprises", "5000家"),  # 5 x 1e3 enterprises
            (3000.0, "亿元", "3000亿元"),  # 3000 x 1e8 = 3e11 < 1e12
            (0.47, "吨标准煤/万元", "0.47吨标准煤/万元"),  # two parts: as declared
            (120.0, "μg/m³", "120 μg/m³"),
        ],
    )
    def test_quantities(self, amount: float, unit: str, shown: str) -> None:
        assert text.value(amount, unit, Lang.ZH) == shown

    def test_english_is_unchanged(self) -> None:
        assert text.value(130_000.0, "vehicles") == "130,000 vehicles"
        assert text.value(30.0, "billion yuan") == "30 billion yuan"

    def test_places_and_yes_no(self) -> None:
        assert text.value(1.0, "rank", Lang.ZH) == "第1位"
        assert text.value(True, "", Lang.ZH) == "已完成"
        assert text.value(False, "", Lang.ZH) == "未完成"
        assert text.value(True, "") == "done"

    def test_an_unknown_english_count_stays_as_declared(self) -> None:
        """A count word with no Chinese measure word is shown as declared (the test of
        every command then finds it, if a shipped plan uses it)."""
        assert text.value(2.0, "widgets", Lang.ZH) == "2 widgets"

    @pytest.mark.parametrize(
        ("unit", "name"),
        [
            ("billion yuan", "十亿元"),
            ("million jin", "百万斤"),
            ("km", "公里"),
            ("vehicles", "辆"),
            ("%", "%"),
            ("rank", "位"),
            ("亿元", "亿元"),
        ],
    )
    def test_unit_names(self, unit: str, name: str) -> None:
        assert text.unit_name(unit, Lang.ZH) == name
        assert text.unit_name(unit) == unit

    def test_rates(self) -> None:
        from zqplan.model import Trajectory

        assert text.rate(0.0456, Trajectory.COMPOUND, "%", Lang.ZH) == "+4.56%/年"
        assert text.rate(0.14, Trajectory.LINEAR, "%", Lang.ZH) == "+0.14个百分点/年"
        # 40,000 vehicles a year = 4 x 1e4
        assert text.rate(40_000.0, Trajectory.LINEAR, "vehicles", Lang.ZH) == "+4万辆/年"

    def test_every_enum_value_has_chinese(self) -> None:
        for enum in (Direction, Kind, StatusCode, Trend):
            for member in enum:
                assert member.value in TERMS
                assert term(member, Lang.ZH) != member.value
                assert term(member, Lang.EN) == member.value


SHIPPED = Path(__file__).resolve().parent.parent / "targets.toml"


class TestShippedViews:
    """The shipped plan's views in Chinese."""

    def test_status_units(self, tmp_path: Path) -> None:
        shown = run_zqplan("status", "--lang", "zh", "--as-of", "2026-01-01", cwd=tmp_path).stdout
        for value in ("13万辆", "300亿元", "1.15亿斤", "第1位", "125公里", "1000亿元"):
            assert value in shown
        assert "（数据过时）" in shown
        for english in (" vehicles", " billion", "done", "stale"):
            assert english not in shown

    def test_show_labels(self, tmp_path: Path) -> None:
        shown = run_zqplan(
            "show", "xpeng-vehicles", "--lang", "zh", "--as-of", "2026-01-01", cwd=tmp_path
        ).stdout
        for label in ("指标", "领域", "类型", "单位", "基期值", "数据点数", "历史记录", "记录编号"):
            assert label in shown
        assert "数值型，增长，预期性" in shown
        assert "13万辆（2022-12-31）" in shown
        for english in ("title", "kind", "data points", "history", "in the registry", "on 20"):
            assert english not in shown

    def test_milestones_criteria_by_title(self, tmp_path: Path) -> None:
        shown = run_zqplan("milestones", "--lang", "zh", "--as-of", "2026-01-01", cwd=tmp_path)
        assert "农林牧渔业总产值超千亿元 [farm-output]（无量化目标）" in shown.stdout
        # an item named as its stage reads as the stage's Chinese title
        assert "· 三年初见成效" in shown.stdout
        assert "no-target" not in shown.stdout
        assert "Initial results in three years" not in shown.stdout

    def test_json_carries_chinese_titles(self, tmp_path: Path) -> None:
        status = json.loads(run_zqplan("status", "--json", cwd=tmp_path).stdout)
        first = status["targets"][0]
        assert first["area_title_zh"] == "粤港澳大湾区西部制造新城"
        assert first["title_zh"]
        ladders = json.loads(run_zqplan("milestones", "--json", cwd=tmp_path).stdout)
        criteria = ladders["programmes"][0]["stages"][-1]["criteria"]
        farm = next(c for c in criteria if c["id"] == "farm-output")
        assert farm["title_zh"] == "农林牧渔业总产值超千亿元"
        rows = run_zqplan("milestones", "--format", "csv", cwd=tmp_path).stdout
        assert "programme_title_zh" in rows.splitlines()[0]
        assert "百县千镇万村高质量发展工程" in rows

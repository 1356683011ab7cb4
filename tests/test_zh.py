"""Chinese everywhere: values as Chinese readers write them, views with Chinese words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_zqplan

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
        # English shows a unit declared in English as declared, a Chinese one in English.
        english = "100 million yuan" if unit == "亿元" else unit
        assert text.unit_name(unit) == english

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
        folder = farm_output_in_last_stage(tmp_path)
        shown = run_zqplan("milestones", "--lang", "zh", "--as-of", "2026-01-01", cwd=folder)
        assert "农林牧渔业总产值超千亿元 [farm-output]（无量化目标）" in shown.stdout
        # an item named as its stage reads as the stage's Chinese title
        assert "✔ 三年初见成效" in shown.stdout
        assert "· 五年显著变化" in shown.stdout
        assert "no-target" not in shown.stdout
        assert "Initial results in three years" not in shown.stdout

    def test_json_carries_chinese_titles(self, tmp_path: Path) -> None:
        status = json.loads(run_zqplan("status", "--json", cwd=tmp_path).stdout)
        first = status["targets"][0]
        assert first["area_title_zh"] == "粤港澳大湾区西部制造新城"
        assert first["title_zh"]
        folder = farm_output_in_last_stage(tmp_path)
        ladders = json.loads(run_zqplan("milestones", "--json", cwd=folder).stdout)
        criteria = ladders["programmes"][0]["stages"][-1]["criteria"]
        farm = next(c for c in criteria if c["id"] == "farm-output")
        assert farm["title_zh"] == "农林牧渔业总产值超千亿元"
        rows = run_zqplan("milestones", "--format", "csv", cwd=tmp_path).stdout
        assert "programme_title_zh" in rows.splitlines()[0]
        assert "百县千镇万村高质量发展工程" in rows


def farm_output_in_last_stage(tmp_path: Path) -> Path:
    """A copy of the shipped plan whose ten-year stage lists farm-output as a criterion (the
    shipped plan ties no rural target to a stage: the interview does not)."""
    assert run_zqplan("init", "plan", cwd=tmp_path).returncode == 0
    registry = tmp_path / "plan" / "targets.toml"
    stage = 'items = ["Fundamental changes in ten years"]\n'
    shipped = registry.read_text(encoding="utf-8")
    assert shipped.count(stage) == 1
    registry.write_text(
        shipped.replace(stage, stage + 'targets = ["farm-output"]\n'), encoding="utf-8"
    )
    return tmp_path / "plan"


class TestMessages:
    """Messages on stderr in the language of --lang, $ZQPLAN_LANG or the config file."""

    def test_translate_known_lines(self) -> None:
        from zqplan import i18n

        line = "zqplan: error: No such option: --bogus (see `zqplan status --help`)"
        assert (
            i18n.translate(line, Lang.ZH)
            == "zqplan：错误：没有选项 --bogus（见 `zqplan status --help`）"
        )
        assert i18n.translate(line, Lang.EN) == line
        done = "recorded gdp = 110亿元 for 2024-12-31 in targets.ledger.toml as r1"
        assert i18n.translate(done, Lang.ZH) == (
            "已记录 gdp = 110亿元（2024-12-31），写入 targets.ledger.toml，记录编号 r1"
        )
        # a line no pattern knows stays as it is
        assert (
            i18n.translate("zqplan: note: something new", Lang.ZH) == "zqplan：提示：something new"
        )

    def test_error_text_keeps_where(self) -> None:
        from zqplan import i18n
        from zqplan.errors import UnknownTargetError

        error = UnknownTargetError(
            "no target 'gpd' in targets.toml", where="x.toml:3", hint="did you mean 'gdp'?"
        )
        i18n.use(Lang.ZH)
        try:
            assert i18n.error_text(error) == "x.toml:3: targets.toml 中没有 'gpd'（是否指 'gdp'？）"
        finally:
            i18n.use(Lang.EN)
        assert i18n.error_text(error) == str(error)

    def test_update_and_errors_in_chinese(self, tmp_path: Path) -> None:
        assert run_zqplan("init", "p", "--empty", cwd=tmp_path).returncode == 0
        plan = tmp_path / "p"
        done = run_zqplan("update", "gdp", "110", "--date", "2024-12-31", "--lang", "zh", cwd=plan)
        # 110 billion yuan = 1.1e11 = 1100 x 1e8
        assert done.stderr.startswith(
            "已记录 gdp = 1100亿元（2024-12-31），写入 targets.ledger.toml"
        )
        wrong = run_zqplan("update", "gpd", "5", cwd=plan, env={"ZQPLAN_LANG": "zh"})
        assert wrong.returncode == 1
        assert wrong.stderr.startswith("zqplan：错误：")
        assert "没有 'gpd'" in wrong.stderr

    def test_usage_error_before_the_option_is_read(self, tmp_path: Path) -> None:
        """An unknown option stops Click before --lang's callback: the line is Chinese still."""
        result = run_zqplan("status", "--bogus", "--lang", "zh", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == "zqplan：错误：没有选项 --bogus（见 `zqplan status --help`）\n"

    def test_config_file_language(self, tmp_path: Path) -> None:
        """lang = "zh" in the config file: views and messages in Chinese."""
        config = tmp_path / "config" / "zqplan"
        config.mkdir(parents=True)
        (config / "config.toml").write_text('lang = "zh"\n', encoding="utf-8")
        env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
        result = run_zqplan("history", "no-such", cwd=tmp_path, env=env)
        assert result.returncode == 1
        assert result.stderr.startswith("zqplan：")
        shown = run_zqplan("history", "forest-coverage", cwd=tmp_path, env=env)
        assert "历史记录" in shown.stdout or "日期" in shown.stdout


class TestStatusLabels:
    """--status takes the Chinese labels a view shows."""

    @pytest.mark.parametrize(
        ("label", "code"),
        [("滞后", "off-track"), ("需加快", "at-risk"), ("已实现", "achieved"),
         ("保持达标", "on-track"), ("未达标", "off-track"), ("提前实现", "achieved"),
         ("无目标期限", "no-target"), ("at-risk", "at-risk")],
    )  # fmt: skip
    def test_alias(self, label: str, code: str) -> None:
        from zqplan.i18n import status_code

        assert status_code(label) == code

    def test_filter(self, tmp_path: Path) -> None:
        by_label = run_zqplan("status", "--status", "已实现", "--json", cwd=tmp_path)
        by_code = run_zqplan("status", "--status", "achieved", "--json", cwd=tmp_path)
        assert by_label.returncode == 0, by_label.stderr
        assert json.loads(by_label.stdout)["targets"] == json.loads(by_code.stdout)["targets"]
        assert json.loads(by_label.stdout)["targets"]


class TestChart:
    """show's chart at a terminal: legend and unit in Chinese."""

    def test_legend_and_unit(self) -> None:
        from datetime import date

        from zqplan.model import Goal, Observation, Point, Target
        from zqplan.render import table_text
        from zqplan.status import assess
        from zqplan.table import target_chart

        target = Target(
            id="farm",
            area="rural",
            title="Farm output",
            source="s",
            unit="billion yuan",
            baseline=Point(date(2022, 12, 31), 80.0),
            target=Goal(date(2027, 12, 31), 100.0),
        )
        seen = [Observation("farm", date(2024, 12, 31), 86.0, "r1", sequence=1)]
        judged = assess(target, seen, as_of=date(2025, 3, 1))
        chinese = table_text(target_chart(judged, Lang.ZH) or "", width=80)
        for shown in ("十亿元", "预期路径", "按实际速度的预测", "实际值"):
            assert shown in chinese
        english = table_text(target_chart(judged) or "", width=80)
        assert "expected path" in english
        assert "billion yuan" in english

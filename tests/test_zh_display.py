"""The shipped plans shown in either language: yearly targets from their parsed
comparator and value with the unit, units in the language of the view, and no Chinese
left in English output but what the registry quotes (issue 10).

The Chinese check reuses test_zh_everywhere's finder; the English check is its mirror:
every CJK character left once the registry's quoted words (sources, notes, items,
document titles and the Chinese titles, shown as written) are taken out is a finding.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from helpers import run_zqplan
from test_zh_everywhere import english_words, quoted_data

from zqplan import text
from zqplan.i18n import BOUND_LABELS, NO_DATE_LABEL, PERIOD_LABELS, ROLE_LABELS, STATUS_LABELS
from zqplan.model import Comparator, YearlyTarget
from zqplan.options import Lang
from zqplan.units import format_quantity_en, parse_unit

ROOT = Path(__file__).parent.parent


def entry(comparator: Comparator, value: float | None, high: float | None = None) -> YearlyTarget:
    """A 2023 entry; `written` is deliberately other words, which the views must not show."""
    return YearlyTarget(2023, comparator, value, high, written="as typed")


class TestYearlyWords:
    """Each comparator, in both languages, with the unit (docs/method.md's table)."""

    @pytest.mark.parametrize(
        ("target", "unit", "english", "chinese"),
        [
            (entry(Comparator.AT_LEAST, 8.0), "%", "≥ 8%", "8%以上"),
            (entry(Comparator.AT_MOST, 3.0), "%", "≤ 3%", "3%以内"),
            (entry(Comparator.ABOUT, 5.5), "%", "about 5.5%", "5.5%左右"),
            (entry(Comparator.RANGE, 6.0, 6.5), "%", "6%–6.5%", "6%–6.5%"),
            (entry(Comparator.EQUAL, 7.0), "%", "7%", "7%"),
            (entry(Comparator.ABOVE, 1200.0), "enterprises", "> 1,200 enterprises", "高于1200家"),
            (entry(Comparator.BELOW, 3.0), "%", "< 3%", "低于3%"),
            (entry(Comparator.ABOUT, -3.0), "%", "about -3%", "-3%左右"),
            # 1100 万人 = 1100 x 10^4 = 11,000,000 people
            (entry(Comparator.AT_LEAST, 1100.0), "万人", "≥ 11 million people", "1100万人以上"),
            # 40 thousand people = 40,000 = 4 x 10^4: 4万人
            (
                entry(Comparator.AT_LEAST, 40.0),
                "thousand people",
                "≥ 40 thousand people",
                "4万人以上",
            ),
            # 3700 亿元 = 3.7 x 10^11 yuan = 370 billion yuan
            (
                entry(Comparator.EQUAL, 3700.0),
                "hundred million yuan",
                "370 billion yuan",
                "3700亿元",
            ),
            # 650 million tonnes = 6.5 x 10^8 t: 6.5亿吨
            (
                entry(Comparator.AT_LEAST, 650.0),
                "million tonnes",
                "≥ 650 million tonnes",
                "6.5亿吨以上",
            ),
        ],
    )
    def test_numbers(self, target: YearlyTarget, unit: str, english: str, chinese: str) -> None:
        assert text.yearly(target, unit, Lang.EN) == english
        assert text.yearly(target, unit, Lang.ZH) == chinese

    @pytest.mark.parametrize(
        ("comparator", "english", "chinese"),
        [
            (Comparator.ABOUT, "in step with GDP growth", "与国内生产总值增长同步"),
            (Comparator.ABOVE, "above GDP growth", "高于国内生产总值增长"),
            (Comparator.AT_LEAST, "at least GDP growth", "不低于国内生产总值增长"),
            (Comparator.AT_MOST, "at most GDP growth", "不高于国内生产总值增长"),
            (Comparator.BELOW, "below GDP growth", "低于国内生产总值增长"),
        ],
    )
    def test_relative(self, comparator: Comparator, english: str, chinese: str) -> None:
        """A relative target names the other indicator by its title in the language."""
        target = entry(comparator, None)
        assert text.yearly(target, "%", Lang.EN, other="GDP growth") == english
        assert text.yearly(target, "%", Lang.ZH, other="国内生产总值增长") == chinese


class TestEnglishUnits:
    """A unit declared in Chinese, or with a magnitude English does not use, in English
    words with million / billion; the digits shown are not rounded further."""

    @pytest.mark.parametrize(
        ("value", "unit", "expected"),
        [
            (3619.0, "hundred million yuan", "361.9 billion yuan"),  # 3619 x 1e8 = 3.619e11
            (160.84, "hundred million yuan", "16.084 billion yuan"),  # 1.6084e10: all digits
            (1206.0, "万人", "12.06 million people"),  # 1206 x 1e4 = 1.206e7
            (4.2, "万人", "42,000 people"),  # 4.2 x 1e4, below a million
            (46.6, "亿吨标准煤", "4.66 billion tonnes of standard coal"),  # 46.6 x 1e8
            (9.4, "件", "9.4 items"),
            (86.5, "亿元", "8.65 billion yuan"),
            (5.0, "万吨", "50,000 tonnes"),  # 5 x 1e4 t
            (0.5, "百分点", "0.5 percentage points"),
            (42.0, "thousand people", "42 thousand people"),  # English: as declared
            (130000.0, "vehicles", "130,000 vehicles"),
        ],
    )
    def test_values(self, value: float, unit: str, expected: str) -> None:
        assert format_quantity_en(value, parse_unit(unit)) == expected
        assert text.value(value, unit) == expected

    @pytest.mark.parametrize(
        ("unit", "english"),
        [
            ("万人", "10,000 people"),
            ("亿吨标准煤", "100 million tonnes of standard coal"),
            ("件", "items"),
            ("亿元", "100 million yuan"),
            ("hundred million yuan", "hundred million yuan"),
        ],
    )
    def test_unit_names(self, unit: str, english: str) -> None:
        """A table's unit column in English: the figures stay in the declared unit."""
        assert text.unit_name(unit) == english

    def test_chinese_has_no_separators(self) -> None:
        """A Chinese text writes 1206万人, never 1,206万人."""
        assert text.value(1206.0, "万人", Lang.ZH) == "1206万人"


# --- the shipped plans, end to end ----------------------------------------------------

PLANS = {
    "zhaoqing": ((), "targets.toml"),
    "china": (("--example", "china-14th-fyp"), "zqplan/examples/china-14th-fyp/targets.toml"),
}
"""The shipped plans: init options and the registry in the repository."""


@pytest.fixture(scope="module", params=sorted(PLANS))
def shipped(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder made by `zqplan init` from a shipped plan."""
    options, _ = PLANS[request.param]
    base = tmp_path_factory.mktemp(request.param)
    made = run_zqplan("init", "plan", *options, cwd=base)
    assert made.returncode == 0, made.stderr
    return base / "plan"


def schedule_ids(folder: Path) -> list[str]:
    """The targets with a yearly schedule."""
    data = tomllib.loads((folder / "targets.toml").read_text(encoding="utf-8"))
    return [key for key, t in data["targets"].items() if "yearly" in t]


def views(folder: Path) -> list[list[str]]:
    """The human views issue 10 names: status (today and at the end of 2022), show of
    every target with a yearly schedule, the by-year table and the Markdown report."""
    runs = [
        ["status"],
        ["status", "--as-of", "2022-12-31"],
        ["status", "--role", "direction"],
        ["table"],
        ["table", "--as-of", "2022-12-31"],
        ["report", "--format", "md"],
        ["report", "--format", "md", "--as-of", "2022-12-31"],
    ]
    runs += [["show", key] for key in schedule_ids(folder)]
    runs += [["show", key, "--as-of", "2022-12-31"] for key in schedule_ids(folder)[:3]]
    return runs


METHOD_LABELS = sorted(
    {zh for _, zh in (*STATUS_LABELS.values(), *BOUND_LABELS.values(), *PERIOD_LABELS.values())}
    | {"提前实现", "快于预期", NO_DATE_LABEL[1], ROLE_LABELS["reported"][1]}
    | {ROLE_LABELS["direction"][1]},
    key=len,
    reverse=True,
)
"""The method's Chinese labels (docs/method.md, Labels), which English `show` quotes."""


def cjk_left(shown: str, registry: Path) -> list[str]:
    """The runs of Chinese characters left in English output once the registry's quoted
    words (sources, notes, items, document titles, Chinese titles) are taken out."""
    for data in quoted_data(registry):
        shown = shown.replace(data, " ")
    # `show` in English gives the method's label in both languages: "achieved / 已实现".
    for chinese in METHOD_LABELS:
        shown = shown.replace(f" / {chinese}", " ")
    return re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+", shown)


def test_no_english_in_chinese_views(shipped: Path) -> None:
    """--lang zh: no English word but ids, paths and the registry's quoted words."""
    registry = shipped / "targets.toml"
    left: dict[str, list[str]] = {}
    for args in views(shipped):
        result = run_zqplan(*args, "--lang", "zh", cwd=shipped, env={"COLUMNS": "4000"})
        assert result.returncode == 0, (args, result.stderr)
        words = english_words(result.stdout + result.stderr, registry, shipped)
        if words:
            left[" ".join(args)] = sorted(set(words))
    assert not left, left


def test_no_chinese_in_english_views(shipped: Path) -> None:
    """English: no Chinese but what the registry quotes (its sources, notes and Chinese
    titles, shown as written)."""
    registry = shipped / "targets.toml"
    left: dict[str, list[str]] = {}
    for args in views(shipped):
        result = run_zqplan(*args, "--lang", "en", cwd=shipped, env={"COLUMNS": "4000"})
        assert result.returncode == 0, (args, result.stderr)
        found = cjk_left(result.stdout + result.stderr, registry)
        if found:
            left[" ".join(args)] = sorted(set(found))
    assert not left, left


def test_the_cjk_finder_finds_chinese(tmp_path: Path) -> None:
    """The English check itself: a unit or comparator in Chinese is found, a quote is not."""
    registry = tmp_path / "targets.toml"
    registry.write_text(
        'schema = "zqplan.registry/1"\n[plan]\nid = "p"\ntitle = "Plan"\n'
        '[areas.econ]\ntitle = "Economy"\n'
        '[targets.gdp]\narea = "econ"\ntitle = "GDP"\ntitle_zh = "地区生产总值"\n'
        'source = "增长5.5%以上"\nunit = "%"\n',
        encoding="utf-8",
    )
    assert cjk_left("gdp GDP 地区生产总值 增长5.5%以上 2023: ≥ 5.5%", registry) == []
    assert cjk_left("2023: 5.5%以上", registry) == ["以上"]
    assert cjk_left("1,206 万人", registry) == ["万人"]


def test_schedule_cells_in_both_languages(tmp_path: Path) -> None:
    """China's plan at the end of 2022, as issue 10 asks: the year's target from its
    parsed comparator and value, with the unit, in each language."""
    made = run_zqplan("init", "plan", "--example", "china-14th-fyp", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plan"

    def rows(lang: str) -> dict[str, str]:
        result = run_zqplan(
            "status", "--as-of", "2022-12-31", "--lang", lang, cwd=folder, env={"COLUMNS": "400"}
        )
        assert result.returncode == 0, result.stderr
        return {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}

    english, chinese = rows("en"), rows("zh")
    # The registry: 2022 = "5.5%左右", "高于" (relative to gdp-growth), "1100以上" in 万人,
    # and income growth "同步" with GDP growth.
    assert "2022: about 5.5%" in english["gdp-growth"]
    assert "2022年：5.5%左右" in chinese["gdp-growth"]
    assert "2022: above GDP growth" in english["labour-productivity"]
    assert "2022年：高于国内生产总值增长" in chinese["labour-productivity"]
    assert "2022: ≥ 11 million people" in english["new-urban-jobs"]  # 1100 x 1e4
    assert "12.06 million people" in english["new-urban-jobs"]  # 1206 x 1e4 people in 2022
    assert "2022年：1100万人以上" in chinese["new-urban-jobs"]
    assert "1206万人" in chinese["new-urban-jobs"]
    assert "2022: in step with GDP growth" in english["income-growth"]
    assert "2022年：与国内生产总值增长同步" in chinese["income-growth"]
    # 6.5 亿吨 = 650 million tonnes (the registry's 65000万吨 as its unit, million tonnes)
    assert "2022: ≥ 650 million tonnes" in english["grain-output"]
    assert "2022年：6.5亿吨以上" in chinese["grain-output"]
    document = json.loads(
        run_zqplan("status", "--as-of", "2022-12-31", "--json", cwd=folder).stdout
    )
    jobs = next(t for t in document["targets"] if t["id"] == "new-urban-jobs")
    year = next(p for p in jobs["schedule"] if p["period"] == "2022")
    # JSON keeps the machine fields as they were.
    assert (year["comparator"], year["target"], year["written"]) == (">=", 1100, "1100以上")


# --- reported facts and directions: a short list ----------------------------------------


def test_directions_one_line_per_area(tmp_path: Path) -> None:
    """`zqplan status` on the shipped Zhaoqing plan: judged rows, then reported facts as
    rows (value, no verdict), then one line of direction ids per area; the summary counts
    the commitments only; JSON keeps one row per target."""
    made = run_zqplan("init", "plan", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plan"
    document = json.loads(run_zqplan("status", "--json", cwd=folder).stdout)
    roles = {t["id"]: t["role"] for t in document["targets"]}
    directions = {key for key, role in roles.items() if role == "direction"}
    assert len(directions) == 58  # the registry's role = "direction" entries
    assert len(roles) == 58 + 16 + 62  # JSON: every target, one row each

    out = run_zqplan("status", cwd=folder, env={"COLUMNS": "250"}).stdout
    lines = out.splitlines()
    # No direction is a row of its own (a row starts at the first column); each is named
    # once on its area's line.
    rows = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert not directions & set(rows)
    # Each area's line, its continuation lines joined: "directions (N): a, b, ...".
    listed = re.findall(r"directions \((\d+)\): ([^\n]+(?:\n {31}[^\n]+)*)", out)
    named: list[str] = []
    for count, ids in listed:
        found = " ".join(ids.split()).split(", ")
        assert int(count) == len(found)
        named += found
    assert sorted(named) == sorted(directions)
    # The first area (manufacturing): 8 directions, after its judged rows and facts.
    first = lines.index(next(line for line in lines if "directions (8)" in line))
    assert lines[first - 1].split()[0] == "xpeng-output-value"
    # A reported fact stays a row with its figure and no verdict.
    xpeng = next(line for line in lines if line.startswith("xpeng-vehicles "))
    assert "130,000 vehicles" in xpeng
    assert xpeng.rstrip().endswith("reported")
    assert "`zqplan status --role direction` lists them in full" in out
    # 62 commitments: 13 + 6 + 29 + 14 (directions and reported facts are not counted).
    assert lines[-1] == "62 targets: 13 achieved, 6 missed, 29 no-target, 14 no-data"
    assert len(lines) < 110  # was 150 with a row per direction

    chinese = run_zqplan("status", "--lang", "zh", cwd=folder, env={"COLUMNS": "250"}).stdout
    assert "方向性任务（8项）：new-manufacturing-city, five-bigs," in chinese
    assert "`zqplan status --role direction` 可逐项列出" in chinese


def test_directions_in_full_when_asked(tmp_path: Path) -> None:
    """--role direction lists them as rows, as before; a sorted listing is not grouped."""
    made = run_zqplan("init", "plan", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plan"
    out = run_zqplan("status", "--role", "direction", cwd=folder, env={"COLUMNS": "250"}).stdout
    rows = [line for line in out.splitlines() if line.rstrip().endswith(" direction")]
    assert len(rows) == 58
    assert "directions (" not in out
    assert "--role direction" not in out
    out = run_zqplan("status", "--sort", "id", cwd=folder, env={"COLUMNS": "250"}).stdout
    assert len([line for line in out.splitlines() if line.rstrip().endswith(" direction")]) == 58


def test_directions_in_the_rich_table(tmp_path: Path) -> None:
    """The Rich table (--width): the line wraps under the titles and never widens the table;
    without the title column, the count alone."""
    from rich.cells import cell_len

    made = run_zqplan("init", "plan", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plan"
    wide = run_zqplan("status", "--width", "200", cwd=folder).stdout
    assert max(cell_len(line) for line in wide.splitlines()) <= 200
    assert "directions (8): new-manufacturing-city, five-bigs," in wide
    narrow = run_zqplan("status", "--width", "80", cwd=folder).stdout
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert re.search(r"directions\s+\(8\)", narrow)


README_RUNS = (
    ((), ("status", "--as-of", "2026-11-30", "--area", "manufacturing")),
    (
        ("--example", "china-14th-fyp"),
        ("status", "--as-of", "2022-12-31", "--area", "economy", "--lang", "zh"),
    ),
    (("--example", "china-14th-fyp"), ("status", "--as-of", "2022-12-31", "--area", "wellbeing")),
)
"""The README's status excerpts: the plan they run on (init options) and the command."""


@pytest.mark.parametrize(("options", "command"), README_RUNS)
def test_readme_status_excerpts_are_real(
    tmp_path: Path, options: tuple[str, ...], command: tuple[str, ...]
) -> None:
    """Each status excerpt in the README is what the command prints on the shipped plan."""
    made = run_zqplan("init", "plan", *options, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    result = run_zqplan(*command, cwd=tmp_path / "plan")
    assert result.returncode == 0, result.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"$ zqplan {' '.join(command)}\n{result.stdout}" in readme

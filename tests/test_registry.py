"""Registry tests: targets.toml files under tmp_path, every problem named with FILE:LINE."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from zqplan.errors import Problems, RegistryError, ZqplanError
from zqplan.model import Direction, Kind, Role
from zqplan.registry import load_plan
from zqplan.shipped import shipped_registry

REPOSITORY_REGISTRY = Path(__file__).parent.parent / "targets.toml"

BASE = """\
schema = "zqplan.registry/1"

[plan]
id = "small-plan"
title = "A small plan"

[areas.economy]
title = "Economy"

[targets.gdp]
area = "economy"
title = "GDP"
source = "Grow the economy."
unit = "billion yuan"
"""
"""A valid registry whose last table is [targets.gdp]: lines added at the end belong
to that target and start at line NEXT."""

SCHEMA_LINE = 1
GDP_LINE = 10
AREA_LINE = 11
NEXT = BASE.count("\n") + 1

WriteFile = Callable[[str, str | bytes], Path]


def problems_of(path: Path) -> list[ZqplanError]:
    """The problems load_plan reports for path (fails the test if it loads)."""
    with pytest.raises(Problems) as raised:
        load_plan(path)
    return raised.value.problems


def only_problem(path: Path) -> ZqplanError:
    """The single problem load_plan reports for path."""
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def without(text: str, line: str) -> str:
    """text with one exact line removed."""
    assert f"\n{line}\n" in text
    return text.replace(f"\n{line}\n", "\n", 1)


class TestValidRegistry:
    """A registry without mistakes loads into the model."""

    def test_small_registry_loads(self, write_file: WriteFile) -> None:
        """The base registry gives a plan with its area and target, and where it was read."""
        path = write_file("targets.toml", BASE)
        plan = load_plan(path)
        assert plan.id == "small-plan"
        assert [a.id for a in plan.areas] == ["economy"]
        (gdp,) = plan.targets
        assert (gdp.id, gdp.area, gdp.unit, gdp.direction) == (
            "gdp",
            "economy",
            "billion yuan",
            Direction.INCREASE,
        )
        assert gdp.where is not None
        assert str(gdp.where) == f"{path}:{GDP_LINE}"

    def test_points_and_observations_load(self, write_file: WriteFile) -> None:
        """Baseline, target and observations become dated values."""
        path = write_file(
            "targets.toml",
            BASE
            + "baseline = { value = 80, date = 2022-12-31 }\n"
            + "target = { value = 100, date = 2027-12-31 }\n"
            + 'observations = [{ date = 2023-12-31, value = 84.5, source = "bulletin" }]\n',
        )
        (gdp,) = load_plan(path).targets
        assert gdp.baseline is not None
        assert (gdp.baseline.value, gdp.baseline.date) == (80.0, dt.date(2022, 12, 31))
        assert (gdp.target_value, gdp.target_date) == (100.0, dt.date(2027, 12, 31))
        (observation,) = gdp.observations
        assert (observation.date, observation.value, observation.source) == (
            dt.date(2023, 12, 31),
            84.5,
            "bulletin",
        )

    def test_yes_no_target_needs_no_unit(self, write_file: WriteFile) -> None:
        """A yes-no target without a unit is valid."""
        text = without(BASE, 'unit = "billion yuan"') + 'kind = "yes-no"\n'
        (gdp,) = load_plan(write_file("targets.toml", text)).targets
        assert gdp.kind is Kind.YES_NO

    def test_role_loads_and_defaults_to_commitment(self, write_file: WriteFile) -> None:
        """`role = "reported"` is read; a target without a role is a commitment."""
        (gdp,) = load_plan(write_file("targets.toml", BASE + 'role = "reported"\n')).targets
        assert gdp.role is Role.REPORTED
        (plain,) = load_plan(write_file("plain.toml", BASE)).targets
        assert plain.role is Role.COMMITMENT


class TestTargetProblems:
    """Each mistake in a target is reported at the line where it is."""

    def test_unknown_key_with_suggestion(self, write_file: WriteFile) -> None:
        """A misspelt key is named at its line with a 'did you mean' hint."""
        path = write_file("targets.toml", BASE + 'titel = "GDP again"\n')
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "titel" in problem.message
        assert problem.hint is not None
        assert "did you mean" in problem.hint
        assert "'title'" in problem.hint

    def test_str_is_file_line_message_hint(self, write_file: WriteFile) -> None:
        """str(problem) reads FILE:LINE: message (hint)."""
        path = write_file("targets.toml", BASE + 'titel = "GDP again"\n')
        problem = only_problem(path)
        assert str(problem) == f"{path}:{NEXT}: {problem.message} ({problem.hint})"

    def test_bad_direction_with_suggestion(self, write_file: WriteFile) -> None:
        """A direction outside the four is named at its line with the closest one."""
        path = write_file("targets.toml", BASE + 'direction = "increse"\n')
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "increse" in problem.message
        assert problem.hint is not None
        assert "'increase'" in problem.hint

    def test_bad_role_with_suggestion(self, write_file: WriteFile) -> None:
        """A role outside the three is named at its line with the closest one."""
        path = write_file("targets.toml", BASE + 'role = "reportd"\n')
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "reportd" in problem.message
        assert "commitment, reported, direction" in problem.message
        assert problem.hint is not None
        assert "'reported'" in problem.hint

    def test_area_not_declared(self, write_file: WriteFile) -> None:
        """An area that [areas] does not declare is named at the target's area line."""
        text = BASE.replace('area = "economy"', 'area = "economie"')
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        assert problem.where == f"{path}:{AREA_LINE}"
        assert "economie" in problem.message
        assert problem.hint is not None
        assert "'economy'" in problem.hint

    @pytest.mark.parametrize(
        ("line", "field"),
        [
            ('source = "Grow the economy."', "source"),
            ('title = "GDP"', "title"),
            ('unit = "billion yuan"', "unit"),
        ],
    )
    def test_missing_required_field(self, write_file: WriteFile, line: str, field: str) -> None:
        """A missing source, title or unit is reported at the target's header line."""
        path = write_file("targets.toml", without(BASE, line))
        problem = only_problem(path)
        assert problem.where == f"{path}:{GDP_LINE}"
        assert f"targets.gdp.{field}" in problem.message
        assert "required" in problem.message

    def test_baseline_without_date(self, write_file: WriteFile) -> None:
        """A baseline needs a date as well as a value."""
        path = write_file("targets.toml", BASE + "\n" + "baseline = { value = 80 }\n")
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT + 1}"
        assert "baseline" in problem.message
        assert "date" in problem.message

    def test_target_date_not_after_baseline(self, write_file: WriteFile) -> None:
        """A target dated on or before the baseline is reported at the target line."""
        path = write_file(
            "targets.toml",
            BASE
            + "baseline = { value = 80, date = 2022-12-31 }\n"
            + "target = { value = 100, date = 2022-12-31 }\n",
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT + 1}"
        assert "not after" in problem.message

    def test_value_not_a_number(self, write_file: WriteFile) -> None:
        """A quoted value is not a number."""
        path = write_file(
            "targets.toml", BASE + 'target = { value = "a lot", date = 2027-12-31 }\n'
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "must be a number" in problem.message

    @pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
    def test_value_not_finite(self, write_file: WriteFile, value: str) -> None:
        """NaN and infinity are refused where TOML allows them."""
        path = write_file(
            "targets.toml", BASE + f"target = {{ value = {value}, date = 2027-12-31 }}\n"
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "finite" in problem.message

    def test_observation_with_bad_date(self, write_file: WriteFile) -> None:
        """An observation whose date is a string is reported at its own line of the array."""
        path = write_file(
            "targets.toml",
            BASE
            + "observations = [\n"
            + "  { date = 2022-12-31, value = 1 },\n"
            + '  { date = "2023", value = 2 },\n'
            + "]\n",
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT + 2}"
        assert "observations[1].date" in problem.message

    def test_observation_unknown_key_at_its_item(self, write_file: WriteFile) -> None:
        """A misspelt key in the second observation is reported at that observation's line."""
        path = write_file(
            "targets.toml",
            BASE
            + "observations = [\n"
            + "  { date = 2022-12-31, value = 1 },\n"
            + '  { date = 2023-12-31, value = 2, sourc = "bulletin" },\n'
            + "]\n",
        )
        problem = only_problem(path)
        assert "sourc" in problem.message
        assert problem.where == f"{path}:{NEXT + 2}"

    def test_observation_line_ignores_braces_in_text(self, write_file: WriteFile) -> None:
        """A brace inside an earlier observation's note does not shift the line found."""
        path = write_file(
            "targets.toml",
            BASE
            + "observations = [\n"
            + '  { date = 2022-12-31, value = 1, note = "the {1+9+N} system" },\n'
            + '  { date = "2023", value = 2 },\n'
            + "]\n",
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT + 2}"

    def test_observation_with_datetime(self, write_file: WriteFile) -> None:
        """A date and time is not a period date."""
        path = write_file(
            "targets.toml",
            BASE + "observations = [{ date = 2022-12-31T08:00:00, value = 1 }]\n",
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{NEXT}"
        assert "date" in problem.message

    def test_bad_target_id(self, write_file: WriteFile) -> None:
        """An id with capitals and underscores is reported at its header."""
        path = write_file("targets.toml", BASE.replace("[targets.gdp]", "[targets.Bad_Id]"))
        problem = only_problem(path)
        assert problem.where == f"{path}:{GDP_LINE}"
        assert "Bad_Id" in problem.message


class TestSchema:
    """The schema line says which format the file is in."""

    def test_wrong_schema(self, write_file: WriteFile) -> None:
        """Another schema version is reported at its line."""
        path = write_file(
            "targets.toml", BASE.replace('"zqplan.registry/1"', '"zqplan.registry/9"')
        )
        problem = only_problem(path)
        assert problem.where == f"{path}:{SCHEMA_LINE}"
        assert "zqplan.registry/9" in problem.message

    def test_wrong_schema_further_down(self, write_file: WriteFile) -> None:
        """The schema line is found where it is, not assumed to be line 1."""
        text = "# comment\n\n" + BASE.replace('"zqplan.registry/1"', '"other/1"')
        path = write_file("targets.toml", text)
        problem = only_problem(path)
        assert problem.where == f"{path}:{SCHEMA_LINE + 2}"

    def test_missing_schema(self, write_file: WriteFile) -> None:
        """A file without a schema line is told to add one."""
        path = write_file("targets.toml", without("\n" + BASE, 'schema = "zqplan.registry/1"'))
        problem = only_problem(path)
        assert problem.where == f"{path}:1"
        assert "schema" in problem.message
        assert problem.hint is not None
        assert 'schema = "zqplan.registry/1"' in problem.hint


class TestUnreadableFiles:
    """Files that are not a registry at all give one clear error."""

    def test_toml_syntax_error(self, write_file: WriteFile) -> None:
        """A syntax error names the line, and the column in the message."""
        path = write_file("targets.toml", BASE + "unit = = 3\n")
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert raised.value.where == f"{path}:{NEXT}"
        assert "column" in raised.value.message
        assert str(raised.value).startswith(f"{path}:{NEXT}: ")

    def test_duplicate_target(self, write_file: WriteFile) -> None:
        """A target declared twice is a TOML error at the second declaration."""
        path = write_file("targets.toml", BASE + "\n[targets.gdp]\n" + 'area = "economy"\n')
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert not isinstance(raised.value, Problems)
        assert raised.value.where == f"{path}:{NEXT + 1}"

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file says there is no registry and how to start one."""
        path = tmp_path / "nowhere.toml"
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert str(path) in str(raised.value)
        assert raised.value.hint is not None
        assert "zqplan init" in raised.value.hint

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is not a registry file."""
        with pytest.raises(RegistryError) as raised:
            load_plan(tmp_path)
        assert "directory" in raised.value.message

    def test_not_utf8_first_line(self, write_file: WriteFile) -> None:
        """Bytes that are not UTF-8 are reported with their line."""
        path = write_file("targets.toml", b"\xff\xfe not text\n")
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert raised.value.where == f"{path}:1"
        assert "UTF-8" in raised.value.message

    def test_not_utf8_later_line(self, write_file: WriteFile) -> None:
        """The line of a bad byte is counted, not assumed."""
        path = write_file("targets.toml", BASE.encode("utf-8") + b'note = "caf\xe9"\n')
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert raised.value.where == f"{path}:{NEXT}"

    def test_empty_file(self, write_file: WriteFile) -> None:
        """An empty file lacks the schema, the plan's id and its title."""
        path = write_file("targets.toml", "")
        messages = " / ".join(p.message for p in problems_of(path))
        assert "missing schema" in messages
        assert "plan.id" in messages
        assert "plan.title" in messages

    def test_nul_bytes(self, write_file: WriteFile) -> None:
        """A NUL byte means binary data, not TOML."""
        path = write_file("targets.toml", BASE.encode("utf-8") + b"\x00\x00\x00")
        with pytest.raises(RegistryError) as raised:
            load_plan(path)
        assert "NUL" in raised.value.message
        assert raised.value.where is not None
        assert raised.value.where.startswith(str(path))


class TestSeveralProblems:
    """Every problem of a file is reported at once, in file order."""

    def test_all_reported_sorted_by_line(self, write_file: WriteFile) -> None:
        """Problems in two targets and the schema are all listed, sorted by line."""
        text = (
            BASE.replace('"zqplan.registry/1"', '"zqplan.registry/0"')
            + 'direction = "upward"\n'
            + "\n"
            + "[targets.Second]\n"
            + 'area = "nowhere"\n'
            + 'title = "Second"\n'
            + 'source = "Quote."\n'
            + 'unit = "%"\n'
            + 'titel = "typo"\n'
        )
        path = write_file("targets.toml", text)
        problems = problems_of(path)
        wheres = [p.where for p in problems]
        assert wheres == [
            f"{path}:{SCHEMA_LINE}",
            f"{path}:{NEXT}",
            f"{path}:{NEXT + 2}",
            f"{path}:{NEXT + 3}",
            f"{path}:{NEXT + 7}",
        ]

    def test_summary_error_counts_the_rest(self, write_file: WriteFile) -> None:
        """The Problems error reads as its first problem plus how many more there are."""
        text = BASE + 'direction = "upward"\n' + 'titel = "typo"\n'
        path = write_file("targets.toml", text)
        with pytest.raises(Problems) as raised:
            load_plan(path)
        assert len(raised.value.problems) == 2
        assert raised.value.where == f"{path}:{NEXT}"
        assert "1 more problem" in str(raised.value)


class TestShippedRegistry:
    """The Zhaoqing registry inside the package is the repository's file and is valid."""

    def test_same_bytes_as_repository_file(self) -> None:
        """shipped_registry() has exactly the bytes of the repository's targets.toml."""
        assert shipped_registry().read_bytes() == REPOSITORY_REGISTRY.read_bytes()

    def test_loads_without_problems(self) -> None:
        """The shipped registry loads and every target quotes a source."""
        plan = load_plan(shipped_registry())
        assert plan.id == "zhaoqing-2023"
        assert len(plan.targets) >= 30
        assert all(t.source.strip() for t in plan.targets)

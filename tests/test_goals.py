"""Targets stated as growth or change, and revised targets (issue 3, sections 2 and 5).

Numbers are worked by hand from docs/method.md ("Derived numbers"); a growth
target gives its required rate, so g_req is the stated growth, not a derived one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zqplan.errors import Problems
from zqplan.model import Direction, Goal, Observation, Point, Revision, StatusCode, Target
from zqplan.registry import load_plan
from zqplan.status import assess

T0 = date(2022, 12, 31)
TT = date(2027, 12, 31)


def target(
    goal: Goal,
    *,
    baseline: float = 100.0,
    direction: Direction = Direction.INCREASE,
    revisions: tuple[Revision, ...] = (),
) -> Target:
    """A numeric target with a baseline at 2022-12-31."""
    return Target(
        id="t",
        area="a",
        title="T",
        source="s",
        unit="u",
        direction=direction,
        baseline=Point(T0, baseline),
        target=goal,
        revisions=revisions,
    )


def seen(day: date, value: float, sequence: int = 1) -> Observation:
    """A ledger observation."""
    return Observation(
        target_id="t", date=day, value=value, record_id=f"r{sequence}", sequence=sequence
    )


class TestAnnualGrowth:
    """'Grow 7% a year': the implied level and the given required rate."""

    def test_implied_level_and_given_rate(self) -> None:
        """v0 = 100, 7%/yr for 5 years: T = 100 * 1.07**5 = 140.2552; g_req = 0.07 exactly."""
        result = assess(
            target(Goal(TT, annual_growth=0.07)),
            [seen(date(2024, 12, 31), 110.0)],
            as_of=date(2025, 3, 1),
        )
        assert result.goal == Point(TT, pytest.approx(140.25517, rel=1e-6))
        assert result.required_rate == 0.07
        # g_obs = 1.1 ** (1/2) - 1 = 0.0488088; R = 0.0488088 / 0.07 = 0.697269 -> at-risk
        assert result.observed_rate == pytest.approx(0.0488088, rel=1e-5)
        assert result.ratio == pytest.approx(0.697269, rel=1e-5)
        assert result.status is StatusCode.AT_RISK
        # p = (110 - 100) / (140.2552 - 100) = 0.248415
        assert result.progress == pytest.approx(0.248415, rel=1e-5)

    def test_on_pace_is_on_track(self) -> None:
        """Growing exactly 7% a year: R = 1 -> on-track."""
        result = assess(
            target(Goal(TT, annual_growth=0.07)),
            [seen(date(2024, 12, 31), 114.49)],
            as_of=date(2025, 3, 1),
        )
        assert result.ratio == pytest.approx(1.0, rel=1e-9)
        assert result.status is StatusCode.ON_TRACK

    def test_growth_without_date_has_no_level(self) -> None:
        """7% a year with no end date implies no level: no-target."""
        result = assess(
            target(Goal(None, annual_growth=0.07)),
            [seen(date(2024, 12, 31), 110.0)],
            as_of=date(2025, 3, 1),
        )
        assert result.status is StatusCode.NO_TARGET
        assert result.goal == Point(None, None)


class TestCumulativeChange:
    """'Cut by 13.5% over the period': the level is v0 * (1 - 0.135)."""

    def test_cut_by_13_5_percent(self) -> None:
        """v0 = 200 -> T = 173; g_req = 0.865**(1/5) - 1 = -0.0285885; v = 190 after 2 years."""
        result = assess(
            target(Goal(TT, change=-0.135), baseline=200.0, direction=Direction.DECREASE),
            [seen(date(2024, 12, 31), 190.0)],
            as_of=date(2025, 3, 1),
        )
        assert result.goal == Point(TT, pytest.approx(173.0, rel=1e-12))
        assert result.required_rate == pytest.approx(-0.0285885, rel=1e-5)
        # g_obs = 0.95 ** 0.5 - 1 = -0.0253206; R = 0.885689 -> at-risk
        assert result.ratio == pytest.approx(0.885689, rel=1e-5)
        assert result.status is StatusCode.AT_RISK
        # p = (190 - 200) / (173 - 200) = 0.370370
        assert result.progress == pytest.approx(0.370370, rel=1e-5)


class TestRevisions:
    """A target revised at mid-term: the revision in force on as_of decides."""

    REVISED = Revision(date(2025, 6, 30), Goal(TT, value=95.0), "mid-term review")

    def farm(self) -> Target:
        """METHOD's worked example, revised down to 95 on 2025-06-30."""
        return target(Goal(TT, value=100.0), baseline=80.0, revisions=(self.REVISED,))

    def test_before_the_revision(self) -> None:
        """On 2025-06-01 the plan still says 100: METHOD's worked example, R = 0.8068."""
        result = assess(self.farm(), [seen(date(2024, 12, 31), 86.0)], as_of=date(2025, 6, 1))
        assert result.revision is None
        assert result.ratio == pytest.approx(0.8068, rel=1e-4)
        assert result.status is StatusCode.AT_RISK

    def test_after_the_revision(self) -> None:
        """From 2025-06-30 the target is 95: on-track against it, at-risk as planned."""
        # g_req = (95/80)**(1/5) - 1 = 0.0349675; R = 0.036822 / 0.0349675 = 1.05304
        result = assess(self.farm(), [seen(date(2024, 12, 31), 86.0)], as_of=date(2025, 7, 1))
        assert result.revision == self.REVISED
        assert result.goal == Point(TT, 95.0)
        assert result.required_rate == pytest.approx(0.0349675, rel=1e-5)
        assert result.ratio == pytest.approx(1.05304, rel=1e-5)
        assert result.status is StatusCode.ON_TRACK
        # as planned (100): still the worked example's at-risk
        assert result.planned_goal == Point(TT, 100.0)
        assert result.planned_status is StatusCode.AT_RISK


REGISTRY_HEAD = """schema = "zqplan.registry/1"
[plan]
id = "p"
title = "P"
[areas.a]
title = "A"
[targets.t]
area = "a"
title = "T"
source = "s"
unit = "u"
baseline = { value = 100, date = 2022-12-31 }
"""


class TestRegistryForms:
    """The registry reads growth, change and revisions, and explains mistakes."""

    def load(self, tmp_path: Path, body: str) -> Target:
        """Write a one-target registry and read its target."""
        path = tmp_path / "targets.toml"
        path.write_text(REGISTRY_HEAD + body, encoding="utf-8")
        return load_plan(path).targets[0]

    def problems(self, tmp_path: Path, body: str) -> list[str]:
        """The problems the registry reports, as FILE:LINE: message strings."""
        with pytest.raises(Problems) as caught:
            self.load(tmp_path, body)
        return [str(p) for p in caught.value.problems]

    def test_growth_in_percent(self, tmp_path: Path) -> None:
        """annual_growth = 7 means 7% a year (0.07)."""
        found = self.load(tmp_path, "target = { annual_growth = 7, date = 2027-12-31 }\n")
        assert found.target == Goal(TT, annual_growth=0.07)

    def test_change_in_percent(self, tmp_path: Path) -> None:
        """change = -13.5 means a cut of 13.5%."""
        found = self.load(
            tmp_path, 'direction = "decrease"\ntarget = { change = -13.5, date = 2027-12-31 }\n'
        )
        assert found.target == Goal(TT, change=-0.135)

    def test_two_forms_refused(self, tmp_path: Path) -> None:
        """A value and a growth at once is ambiguous: one problem on the target line."""
        found = self.problems(
            tmp_path, "target = { value = 140, annual_growth = 7, date = 2027-12-31 }\n"
        )
        assert len(found) == 1
        assert found[0].startswith(f"{tmp_path / 'targets.toml'}:13: ")
        assert "give one of value, annual_growth, change" in found[0]

    def test_revision_carries_over_the_date(self, tmp_path: Path) -> None:
        """A revision that gives only a value keeps the date in force."""
        found = self.load(
            tmp_path,
            "target = { value = 150, date = 2027-12-31 }\n"
            'revisions = [ { decided = 2025-06-30, value = 140, reason = "review", '
            'document = "Mid-term evaluation" } ]\n',
        )
        assert found.revisions == (
            Revision(
                date(2025, 6, 30),
                Goal(TT, value=140.0),
                "review",
                "Mid-term evaluation",
                found.revisions[0].where,
            ),
        )

    def test_revision_before_baseline(self, tmp_path: Path) -> None:
        """A revision decided before the baseline date is reported on its line."""
        found = self.problems(
            tmp_path,
            "target = { value = 150, date = 2027-12-31 }\n"
            "revisions = [\n"
            '  { decided = 2021-01-01, value = 140, reason = "x" },\n'
            "]\n",
        )
        assert len(found) == 1
        assert found[0].startswith(
            f"{tmp_path / 'targets.toml'}:15: "
        )  # 12 header lines, target, '['
        assert "not after the baseline date 2022-12-31" in found[0]

    def test_target_on_the_wrong_side(self, tmp_path: Path) -> None:
        """An increase to below the baseline (100 -> 80) is refused, pointing at direction."""
        found = self.problems(tmp_path, "target = { value = 80, date = 2027-12-31 }\n")
        assert len(found) == 1
        assert found[0].startswith(f"{tmp_path / 'targets.toml'}:13: ")
        assert 'target 80 is below the baseline 100, but direction = "increase"' in found[0]
        assert 'for a target to go down to, set direction = "decrease"' in found[0]

    def test_cut_with_increase_refused(self, tmp_path: Path) -> None:
        """A cut of 13.5% with the default direction (increase) is refused."""
        found = self.problems(tmp_path, "target = { change = -13.5, date = 2027-12-31 }\n")
        assert 'a -13.5% target with direction = "increase"' in found[0]

    def test_revision_needs_reason(self, tmp_path: Path) -> None:
        """Every revision says why."""
        found = self.problems(
            tmp_path,
            "target = { value = 150, date = 2027-12-31 }\n"
            "revisions = [ { decided = 2025-01-01, value = 140 } ]\n",
        )
        assert "reason' is required" in found[0]

    def test_growth_with_linear_trajectory(self, tmp_path: Path) -> None:
        """Growth targets are compound; trajectory = linear contradicts them."""
        found = self.problems(
            tmp_path,
            'trajectory = "linear"\ntarget = { annual_growth = 7, date = 2027-12-31 }\n',
        )
        assert "compound path" in found[0]

"""The shipped registry (targets.toml) encodes the interview as docs/registry.md says.

Its quotes are checked against the interview's text in tests/test_sources.py.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
REGISTRY = ROOT / "targets.toml"

AREAS = {"manufacturing", "openness", "education-innovation", "ecology", "parks", "rural"}
TARGET_KEYS = {
    "area",
    "title",
    "title_zh",
    "source",
    "document",
    "unit",
    "direction",
    "kind",
    "attribute",
    "trajectory",
    "frequency",
    "baseline",
    "target",
    "note",
    "observations",
    "role",
    "yearly",
    "relative_to",
    "revisions",
    "parts",
}
POINT_KEYS = {"value", "date", "change_by"}
YEARLY_KEYS = {"target", "source", "document", "note"}
REVISION_KEYS = {"decided", "reason", "document", "value", "date"}
OBSERVATION_KEYS = {"date", "value", "comparator", "source", "document", "note"}


@pytest.fixture(scope="module")
def registry() -> dict:
    with REGISTRY.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def targets(registry: dict) -> dict[str, dict]:
    return registry["targets"]


class TestShippedRegistry:
    """The Zhaoqing 2023 registry encodes the seed interview as documented."""

    def test_at_least_thirty_targets(self, targets: dict[str, dict]) -> None:
        """The registry holds at least thirty targets."""
        assert len(targets) >= 30

    def test_areas_declared_and_used(self, registry: dict, targets: dict[str, dict]) -> None:
        """All six areas are declared and used, and every target's area is declared."""
        declared = set(registry["areas"])
        assert declared >= AREAS
        used = {t["area"] for t in targets.values()}
        assert used >= AREAS
        assert used <= declared

    def test_farm_output(self, targets: dict[str, dict]) -> None:
        """Farm output aims at 100 billion yuan, undated, with the translation slip noted."""
        farm = targets["farm-output"]
        assert farm["unit"] == "billion yuan"
        assert farm["target"] == {"value": 100}
        assert "date" not in farm["target"]
        assert "slip" in farm["note"]
        assert "千亿" in farm["note"]

    def test_xpeng_figures_are_2022_observations(self, targets: dict[str, dict]) -> None:
        """Xpeng's 130,000 vehicles and 30 billion yuan are observations dated 2022-12-31."""
        end_2022 = dt.date(2022, 12, 31)
        for tid, value in (("xpeng-vehicles", 130000), ("xpeng-output-value", 30)):
            target = targets[tid]
            assert "target" not in target
            assert [(o["date"], o["value"]) for o in target["observations"]] == [(end_2022, value)]

    def test_programme_stage_dates(self, registry: dict, targets: dict[str, dict]) -> None:
        """The 1-3-5-10 programme's stages are due 2023, 2025, 2027 and 2032, from 2023:
        dates the interview does not state, marked inferred from Guangdong's 2023 report;
        no rural target is tied to a stage, as the text ties none."""
        programme = registry["programmes"]["bxqzwc"]
        assert programme["start"] == dt.date(2023, 1, 1)
        assert [(s["id"], s["date"]) for s in programme["stages"]] == [
            ("start", dt.date(2023, 12, 31)),
            ("initial-results", dt.date(2025, 12, 31)),
            ("significant-changes", dt.date(2027, 12, 31)),
            ("fundamental-changes", dt.date(2032, 12, 31)),
        ]
        assert programme["inferred"]["document"] == "gd-report-2023"
        assert "百县千镇万村高质量发展工程" in programme["inferred"]["source"]
        assert all("targets" not in s for s in programme["stages"])
        (evidence,) = programme["stages"][1]["evidence"]
        assert evidence["document"] == "gd-report-2026"
        assert "provincial level" in evidence["note"]

    def test_only_documented_keys(self, registry: dict, targets: dict[str, dict]) -> None:
        """No table carries a key outside the set documented in docs/registry.md."""
        assert set(registry) <= {"schema", "plan", "documents", "areas", "targets", "programmes"}
        assert registry["schema"] == "zqplan.registry/1"
        assert set(registry["plan"]) <= {"id", "title", "title_zh", "document", "published"}
        for document in registry["documents"].values():
            assert set(document) <= {"title", "title_zh", "published", "file", "url"}
        for area in registry["areas"].values():
            assert set(area) <= {"title", "title_zh"}
        for tid, target in targets.items():
            assert set(target) <= TARGET_KEYS, tid
            for point in ("baseline", "target"):
                if point in target:
                    assert set(target[point]) <= POINT_KEYS, tid
            for observation in target.get("observations", []):
                assert set(observation) <= OBSERVATION_KEYS, tid
            for entry in target.get("yearly", {}).values():
                if isinstance(entry, dict):
                    assert set(entry) <= YEARLY_KEYS, tid
            for revision in target.get("revisions", []):
                assert set(revision) <= REVISION_KEYS, tid

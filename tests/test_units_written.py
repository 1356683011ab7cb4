"""Units as written (issue 12, item 7): a value followed by the target's own unit, a
compound unit (A/B), or a unit that converts to it, is accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from zqplan.units import UnitError, parse_quantity, parse_unit


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("120 μg/m³", "μg/m³", 120.0),  # the target's own unit, as tables print it
        ("120μg/m³", "μg/m³", 120.0),
        ("120 µg/m3", "μg/m³", 120.0),  # the micro sign and a plain 3: the same unit
        ("0.12 mg/m³", "μg/m³", 120.0),  # 0.12 x 1e-6 kg / 1e-9 kg = 120
        ("0.47吨标准煤/万元", "吨标准煤/万元", 0.47),
        ("0.47 吨标准煤 / 万元", "吨标准煤/万元", 0.47),
        ("5000元/亩", "万元/亩", 0.5),  # 5000 x 1 / 1e4 = 0.5 万元 a mu
        ("2 平方公里", "万平方米", 200.0),  # 2 x 1e6 m² / 1e4 m² = 200
        ("5 ㎡", "平方米", 5.0),
        ("410万人", "万人", 410.0),
        ("120", "μg/m³", 120.0),
    ],
)
def test_accepted(typed: str, unit: str, value: float) -> None:
    assert parse_quantity(typed, parse_unit(unit)) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("470千克标准煤/万元", "吨标准煤/万元"),  # 千克标准煤 is no known unit: not converted
        ("3 km", "μg/m³"),
        ("5 元/亩", "μg/m³"),
        ("86.5¹", "μg/m³"),  # a superscript is no unit, still refused
    ],
)
def test_refused(typed: str, unit: str) -> None:
    with pytest.raises(UnitError):
        parse_quantity(typed, parse_unit(unit))


REGISTRY = """\
schema = "zqplan.registry/1"

[plan]
id = "air"
title = "Air and energy"

[areas.ecology]
title = "Ecology"

[targets.pm25]
area = "ecology"
title = "PM2.5"
source = "PM2.5."
unit = "μg/m³"
direction = "decrease"

[targets.energy-intensity]
area = "ecology"
title = "Energy per unit of GDP"
source = "Energy."
unit = "吨标准煤/万元"
direction = "decrease"
"""


def test_update_with_units(zqplan: Run, tmp_path: Path) -> None:
    """`update` and a batch take values followed by the target's unit."""
    (tmp_path / "targets.toml").write_text(REGISTRY, encoding="utf-8")
    result = zqplan("update", "pm25", "32 μg/m³", "--date", "2024")
    assert result.returncode == 0, result.stderr
    batch = "target,value,date\nenergy-intensity,0.47吨标准煤/万元,2024\npm25,0.03 mg/m³,2025\n"
    result = zqplan("update", "--from", "-", stdin=batch)
    assert result.returncode == 0, result.stderr
    for target, values in (("pm25", [32.0, 30.0]), ("energy-intensity", [0.47])):
        shown = json.loads(zqplan("history", target, "--json").stdout)["records"]
        assert [r["value"] for r in shown] == pytest.approx(values)

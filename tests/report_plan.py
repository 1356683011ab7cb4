"""A plan with one target in each status, for the report's tests (worked by hand below).

As of 2025-06-30 (docs/method.md's rules; annual figures, none stale):
- farm-output: METHOD's worked example, 80 (2022) -> 100 (2027), 86 in 2024:
  progress (86 - 80) / (100 - 80) = 30%; R = 0.8068 in [0.60, 0.95): at-risk.
- grain: 100 (2020) -> 200 (2030), 160 in 2024: progress 60/100 = 60%;
  g_req = 2^(1/10) - 1 = 7.18% a year, g_obs = 1.6^(1/4) - 1 = 12.47%:
  R = 1.74 >= 0.95: on-track.
- factories: 100 (2020) -> 200 (2030), 102 in 2024: progress 2%;
  g_obs = 1.02^(1/4) - 1 = 0.50%, R = 0.069 < 0.60: off-track.
- old-plan: 10 (2018) -> 20 by 2022-12-31, the final year's figure 15 < 20: missed
  (final, and stale: its last figure is from 2022); progress (15 - 10) / (20 - 10) = 50%.
- forest: 50% (2020) -> 60% (2030), 61% in 2024 meets 60: achieved; progress 110%.
- zone: yes/no, done in 2024: achieved.
- gdp-growth: yearly; 2024's figure 2.2 meets ">= 2": its row is 2024's, achieved
  (met 2 of 4 years: 2021 10.5 >= 7 and 2024; 2022 and 2023 not met).
- openness: a direction, listed, never judged.
Summary: 7 commitments: 3 achieved, 1 on-track, 1 at-risk, 1 off-track, 1 missed;
1 entry not judged.
"""

from __future__ import annotations

AS_OF = "2025-06-30"

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> [bold red]x[/] \u202eevil\u202c'
"""Text that would run, inject or reorder if it were not shown literally."""

STATUSES = {
    "farm-output": "at-risk",
    "grain": "on-track",
    "factories": "off-track",
    "old-plan": "missed",
    "forest": "achieved",
    "zone": "achieved",
    "gdp-growth": "achieved",
}
"""Each commitment's status, worked by hand above."""

AREAS = {
    "farm": ["farm-output", "grain", "forest", "openness"],
    "industry": ["factories", "old-plan", "zone", "gdp-growth"],
}
"""Each area's targets in the report: commitments first, then the direction."""


def plan_text(
    title: str = "Factories built", note: str = "", source: str = "S", title_zh: str = "工厂数量"
) -> str:
    """The registry; titles, note and source of 'factories' (and of its figure) as given."""
    given = {"title": title, "title_zh": title_zh, "note": note, "source": source}
    quoted = {k: v.replace("\\", "\\\\").replace('"', '\\"') for k, v in given.items()}
    quoted = {
        k: v.replace("\u202e", "\\u202e").replace("\u202c", "\\u202c") for k, v in quoted.items()
    }
    return f"""schema = "zqplan.registry/1"
[plan]
id = "test-plan"
title = "Test plan for reports"
title_zh = "报告测试规划"

[areas.farm]
title = "Farming"
title_zh = "农业"

[areas.industry]
title = "Industry"
title_zh = "工业"

[targets.farm-output]
area = "farm"
title = "Farm output"
title_zh = "农业产值"
source = "S"
unit = "billion yuan"
baseline = {{ value = 80, date = 2022-12-31 }}
target = {{ value = 100, date = 2027-12-31 }}
observations = [ {{ date = 2024-12-31, value = 86 }} ]

[targets.grain]
area = "farm"
title = "Grain"
title_zh = "粮食产量"
source = "S"
unit = "万吨"
baseline = {{ value = 100, date = 2020-12-31 }}
target = {{ value = 200, date = 2030-12-31 }}
observations = [ {{ date = 2022-12-31, value = 130 }}, {{ date = 2024-12-31, value = 160 }} ]

[targets.factories]
area = "industry"
title = "{quoted["title"]}"
title_zh = "{quoted["title_zh"]}"
source = "{quoted["source"]}"
note = "{quoted["note"]}"
unit = "factories"
baseline = {{ value = 100, date = 2020-12-31 }}
target = {{ value = 200, date = 2030-12-31 }}
observations = [
  {{ date = 2022-12-31, value = 101 }},
  {{ date = 2024-12-31, value = 102, source = "{quoted["source"]}", note = "{quoted["note"]}" }},
]

[targets.old-plan]
area = "industry"
title = "Old plan"
title_zh = "旧规划指标"
source = "S"
unit = "parks"
baseline = {{ value = 10, date = 2018-12-31 }}
target = {{ value = 20, date = 2022-12-31 }}
observations = [ {{ date = 2020-12-31, value = 12 }}, {{ date = 2022-12-31, value = 15 }} ]

[targets.forest]
area = "farm"
title = "Forest cover"
title_zh = "森林覆盖率"
source = "S"
unit = "%"
baseline = {{ value = 50, date = 2020-12-31 }}
target = {{ value = 60, date = 2030-12-31 }}
observations = [ {{ date = 2022-12-31, value = 55.5 }}, {{ date = 2024-12-31, value = 61 }} ]

[targets.zone]
area = "industry"
title = "Set up the zone"
title_zh = "建成合作区"
source = "S"
kind = "yes-no"
target = {{ date = 2026-12-31 }}
observations = [ {{ date = 2024-06-30, value = true }} ]

[targets.gdp-growth]
area = "industry"
title = "GDP growth"
title_zh = "地区生产总值增长"
source = "S"
unit = "%"
observations = [
  {{ date = 2021-12-31, value = 10.5 }},
  {{ date = 2022-12-31, value = 1.1 }},
  {{ date = 2023-12-31, value = 3.7 }},
  {{ date = 2024-12-31, value = 2.2 }},
]

[targets.gdp-growth.yearly]
2021 = 7
2022 = "about 7"
2023 = ">= 5.5"
2024 = ">= 2"

[targets.openness]
area = "farm"
title = "Open up further"
title_zh = "扩大开放"
source = "S"
role = "direction"
unit = "steps"
"""

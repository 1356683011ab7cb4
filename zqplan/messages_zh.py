"""The Chinese of the rarer messages: registry, ledger, batch, config and file errors
(i18n.MESSAGES holds the common ones; tests/test_zh_messages.py finds every message the
source builds and checks that one of the two tables turns it into Chinese)."""

from __future__ import annotations

_ID = r"'([^']*)'"
"""A quoted id, key or typed text: kept as it is."""

MESSAGES: tuple[tuple[str, str], ...] = (
    # --- the registry: shapes of a key -------------------------------------------------
    (r"unknown key '(.+)'", "未知的键 '{0}'"),
    (r"allowed: (.+)", "可用的键：`{0}`"),
    (r"'(.+)' must be a table", "'{0}' 必须是表"),
    (r"'(.+)' must be a non-empty string", "'{0}' 必须是非空字符串"),
    (r"'(.+)' must be a string", "'{0}' 必须是字符串"),
    (r"'(.+)' must be true or false", "'{0}' 必须是 `true` 或 `false`"),
    (r"'(.+)' must be a list of names", "'{0}' 必须是名称列表"),
    (r"'(.+)' names the same entry twice", "'{0}' 重复列出了同一项"),
    (r"'(.+)' is required", "缺少 '{0}'"),
    (r"add (\S+) = \"\.\.\.\"", '请添加 `{0} = "..."`'),
    (r"'(.+)' is (.+), not one of (.+)", "'{0}' 为 {1}，不是 `{2}` 之一"),
    (r"'(.+)' must be a date like (\S+), not (.+)", "'{0}' 必须是日期，如 {1}，而不是 {2}"),
    (r"'(.+)' must be a date like (\S+)", "'{0}' 必须是日期，如 {1}"),
    (r"'(.+)' must be 0 or more, not (.+)", "'{0}' 必须大于或等于 0，而不是 {1}"),
    (r"'(.+)' must be 0 or more", "'{0}' 必须大于或等于 0"),
    (r"'(.+)' must be a number, not (.+)", "'{0}' 必须是数字，而不是 {1}"),
    (r"'(.+)' must be a finite number, not (.+)", "'{0}' 必须是有限的数字，而不是 {1}"),
    (
        r"'(.+)' must be a number or a quantity in '(.+)': (?P<msg>.+)",
        "'{0}' 必须是数字或以 '{1}' 为单位的数量：{2}",
    ),
    (
        r"'(.+)' must be true or false for a yes-no target",
        "是否型指标的 '{0}' 必须是 `true` 或 `false`",
    ),
    # schema and plan
    (r"schema is (.+), this zqplan reads (.+)", "`schema` 为 {0}，本版 zqplan 读取的是 {1}"),
    (r"missing schema version", "缺少 `schema` 版本"),
    (r'put schema = "(.+)" at the top of the file', '请在文件开头写 `schema = "{0}"`'),
    # ids, areas, documents
    (
        r"(target|programme|area|document) id " + _ID + r" must be lower-case letters, digits and "
        r"hyphens, starting with a letter",
        "{0}编号 '{1}' 只能由小写字母、数字和连字符组成，并以字母开头",
    ),
    (
        r"(area|document) id " + _ID + r" must be lower-case letters, digits and hyphens",
        "{0}编号 '{1}' 只能由小写字母、数字和连字符组成",
    ),
    (
        r"'(.+)\.id' must be lower-case letters, digits and hyphens",
        "'{0}.id' 只能由小写字母、数字和连字符组成",
    ),
    (r"(target|programme) " + _ID + r" must be a table", "{0} '{1}' 必须是表"),
    (
        r"(target|programme) "
        + _ID
        + r" names area "
        + _ID
        + r", which \[areas\] does not declare",
        "{0} '{1}' 的领域 '{2}' 未在 `[areas]` 中声明",
    ),
    (r"add \[areas\.(.+)\]", "请添加 `[areas.{0}]`"),
    (r"area " + _ID + r" must be a table with a title", "领域 '{0}' 必须是带 `title` 的表"),
    (r"document " + _ID + r" must be a table with a title", "文件 '{0}' 必须是带 `title` 的表"),
    (
        r"'documents\.(.+)\.file' must be a path, not an empty string",
        "'documents.{0}.file' 必须是路径，不能是空字符串",
    ),
    (
        r"document " + _ID + r" names file " + _ID + r", which does not exist \(looked for (.+)\)",
        "文件 '{0}' 指向的原文 '{1}' 不存在（查找位置：{2}）",
    ),
    (
        r"put the text there \(paths are relative to the registry's folder\), "
        r"or remove the file line",
        "请把原文放到该处（路径相对于登记册所在目录），或删去 `file` 一行",
    ),
    (
        r"'(.+)' names document " + _ID + r", but the registry declares no \[documents\]",
        "'{0}' 引用了文件 '{1}'，但登记册没有 `[documents]`",
    ),
    (
        r"'(.+)' names document " + _ID + r", which \[documents\] does not declare",
        "'{0}' 引用的文件 '{1}' 未在 `[documents]` 中声明",
    ),
    (
        r'declare it: \[documents\.(.+)\] with title = "\.\.\."',
        '请声明：`[documents.{0}]`，并写 `title = "..."`',
    ),
    (r"'(.+)\.document' must be a document id", "'{0}.document' 必须是文件编号"),
    # renames and programmes
    (r"renamed_from id " + _ID + r" is not an id", "`renamed_from` 中的 '{0}' 不是合法编号"),
    (
        r"target " + _ID + r" was renamed from " + _ID + r", which is a current id",
        "指标 '{0}' 的旧编号 '{1}' 仍是现有编号",
    ),
    (
        r"records for " + _ID + r" would have two owners: remove " + _ID + r" from renamed_from "
        r"or rename the current entry",
        "'{0}' 的记录将归属两项：请从 `renamed_from` 中删去 '{1}'，或给现有条目改名",
    ),
    (
        r"" + _ID + r" is in renamed_from of both " + _ID + r" and " + _ID,
        "'{0}' 同时出现在 '{1}' 和 '{2}' 的 `renamed_from` 中",
    ),
    (r"an old id's records can count for one target only", "旧编号的记录只能归属一项指标"),
    (r"programme " + _ID + r" has the id of a target", "工程 '{0}' 与某项指标编号相同"),
    (r"give the programme an id of its own", "请给工程一个独立的编号"),
    (
        r"'(.+)\.start' must be the date the programme began, like (\S+)",
        "'{0}.start' 必须是工程开始的日期，如 {1}",
    ),
    (
        r"'(.+)' must be a table \{ source, document, note \}",
        "'{0}' 必须是表 `{{ source, document, note }}`",
    ),
    (r"quote the sentence the dates are inferred from", "请引用推定日期所依据的原文"),
    (
        r"'(.+)\.source' is required: the sentence the dates are inferred from",
        "缺少 '{0}.source'：推定日期所依据的原文",
    ),
    (
        r"'(.+)\.evidence' must be a list of \{ item, date, source \}",
        "'{0}.evidence' 必须是 `{{ item, date, source }}` 的列表",
    ),
    (
        r"'(.+)' must be a table \{ item, date, source \}",
        "'{0}' 必须是表 `{{ item, date, source }}`",
    ),
    (
        r"'(.+)\.item' is (.+), not an item of stage " + _ID,
        "'{0}.item' 为 {1}，不是阶段 '{2}' 的事项",
    ),
    (r"items: (.+)", "可选事项：{0}"),
    (r"'(.+)\.source' is required: the sentence of evidence", "缺少 '{0}.source'：证据原文"),
    (
        r"'(.+)\.stages' must list the stages \(\[\[(.+)\.stages\]\]\)",
        "'{0}.stages' 必须列出各阶段（`[[{1}.stages]]`）",
    ),
    (r"stage id " + _ID + r" is used twice", "阶段编号 '{0}' 重复"),
    (r"stage " + _ID + r" is due (\S+), not after (\S+)", "阶段 '{0}' 的期限 {1} 不晚于 {2}"),
    (
        r"list stages in date order, each after the programme's start",
        "请按日期顺序列出各阶段，且都晚于工程开始日期",
    ),
    (r"stage " + _ID + r" has no criteria", "阶段 '{0}' 没有完成标准"),
    (
        r"give it targets = \[\.\.\.\] or items = \[\.\.\.\]",
        "请给出 `targets = [...]` 或 `items = [...]`",
    ),
    (
        r"stage " + _ID + r" names target " + _ID + r", which is not defined",
        "阶段 '{0}' 引用的指标 '{1}' 未定义",
    ),
    (r"add it under \[targets\]", "请在 `[targets]` 下添加"),
    # targets: shapes of baseline, target, yearly, revisions, observations
    (
        r'a target stated as growth or change follows a compound path, not trajectory = "linear"',
        '以增速或变化率表述的目标按复合路径计算，不能设 `trajectory = "linear"`',
    ),
    (
        r"remove the trajectory line, or state the target as a value",
        "请删去 `trajectory` 一行，或以数值表述目标",
    ),
    (r"target date (\S+) is not after the baseline date (\S+)", "目标日期 {0} 不晚于基期日期 {1}"),
    (r"'(.+)' must be a table of years", "'{0}' 必须是按年份的表"),
    (
        r'\[(.+)\] then one line a year: 2022 = "about 7"',
        '先写 `[{0}]`，再每年一行：`2022 = "about 7"`',
    ),
    (r"'(.+)': a yes-no target has no yearly values", "'{0}'：是否型指标没有年度目标"),
    (r"'(.+)\.(.+)' is not a year", "'{0}.{1}' 不是年份"),
    (r"keys are years: 2022 = 7", "键应为年份：`2022 = 7`"),
    (
        r"'(.+)' = (.+) (?P<msg>must be a finite number|is empty|runs backwards: .+"
        r"|has no comparator zqplan knows \(.+\))",
        "'{0}' = {1} {2}",
    ),
    (r"must be a finite number", "必须是有限的数字"),
    (r"is empty", "为空"),
    (r"runs backwards: (\S+) is above (\S+)", "上下限颠倒：{0} 大于 {1}"),
    (r"has no comparator zqplan knows \((.+)\)", "含有 zqplan 不认识的比较词（{0}）"),
    (
        r'write 7 \(at least 7 in the good direction\), "about 7", ">= 5\.5", "<= 3", "> 5", '
        r'"< 3", "6-6\.5", or in the plan\'s words: "7左右", "5\.5以上", "3以内", "不低于5\.5"',
        '写法：`7`（向好方向至少 7）、`"about 7"`、`">= 5.5"`、`"<= 3"`、`"> 5"`、`"< 3"`、'
        '`"6-6.5"`，或按规划原文：`"7左右"`、`"5.5以上"`、`"3以内"`、`"不低于5.5"`',
    ),
    (
        r"'(.+)': (\S+) is outside the plan's years \((.+): after the baseline, up to the target "
        r"date\)",
        "'{0}'：{1} 年超出规划年限（{2}：基期之后，至目标日期为止）",
    ),
    (r"check the year, or the baseline and target dates", "请检查年份，或基期与目标日期"),
    (r"'(.+)' = (.+) names no value", "'{0}' = {1} 没有给出数值"),
    (
        r'give a value \("about 7"\), or relative_to = "OTHER-ID" to compare with another '
        r"indicator's figure for the year",
        '请给出数值（`"about 7"`），或用 `relative_to = "其他编号"` 与另一指标的当年数据比较',
    ),
    (r"'(.+)' has no target", "'{0}' 没有目标值"),
    (
        r'write \{ target = "about 7", source = "\.\.\." \}',
        '请写 `{{ target = "about 7", source = "..." }}`',
    ),
    (
        r"'(.+)' applies to yearly targets \(\"about 7\"\), and this target has none",
        "'{0}' 只用于年度目标（`\"about 7\"`），而此指标没有年度目标",
    ),
    (
        r"add \[(.+)\.yearly\], or remove the tolerance: a level target is met or not",
        "请添加 `[{0}.yearly]`，或删去容差：水平目标只有达到或未达到",
    ),
    (r"'(.+)' must be the id of another target", "'{0}' 必须是另一项指标的编号"),
    (r"'(.+)' names the target itself", "'{0}' 指向了指标本身"),
    (
        r"'(.+)' compares yearly targets, and this target has none",
        "'{0}' 用于比较年度目标，而此指标没有年度目标",
    ),
    (
        r'add \[(.+)\.yearly\] with entries like 2023 = "about" \(in step with the other '
        r'indicator\) or 2023 = ">="',
        '请添加 `[{0}.yearly]`，条目如 `2023 = "about"`（与另一指标同步）或 `2023 = ">="`',
    ),
    (r"'(.+)' names " + _ID + r", which is not a target", "'{0}' 引用的 '{1}' 不是指标"),
    (r"check the id", "请检查编号"),
    (
        r"'(.+)' names " + _ID + r", which does not have the same periods \((\S+), (\S+?)"
        r"(, cumulative)?; this target: numeric, (\S+)\)",
        "'{0}' 引用的 '{1}' 统计周期不同（{2}，{3}{4}；此指标：数值型，{5}）",
    ),
    (
        r"compare with a numeric indicator published as often",
        "请与发布频率相同的数值型指标比较",
    ),
    (r"list the targets this one is made of", "请列出构成此项的指标"),
    (r"parts go round in a circle: (.+)", "分项循环引用：{0}"),
    (r"an umbrella cannot be a part of its own parts", "总项不能是自身分项的分项"),
    (
        r"" + _ID + r" is a part of both " + _ID + r" and " + _ID,
        "'{0}' 同时是 '{1}' 和 '{2}' 的分项",
    ),
    (
        r"a target is a part of one umbrella only: remove it from one",
        "一项指标只能属于一个总项：请从其中一处删去",
    ),
    (
        r"'(.+)\.lag_months' must be a whole number of months from 0 to 60, not (.+)",
        "'{0}.lag_months' 必须是 0 到 60 之间的整月数，而不是 {1}",
    ),
    (
        r"months after a period ends before its figure is published \(default: annual 6, "
        r"quarterly 3, monthly 2\)",
        "统计期结束后数据发布前的月数（默认：年度 6，季度 3，月度 2）",
    ),
    (
        r"'(.+)\.cumulative' needs unit = \"%\" \(yearly changes in percent\), not (.+)",
        "'{0}.cumulative' 需要 `unit = \"%\"`（以百分比表示的年度变化），而不是 {1}",
    ),
    (
        r"record each year's change \(\"down 2\.7%\" is -2\.7\) and set unit = \"%\"; or drop "
        r"cumulative and record levels",
        '请记录每年的变化（“下降 2.7%” 记为 -2.7）并设 `unit = "%"`；'
        "或去掉 `cumulative`，记录水平值",
    ),
    (
        r"'(.+)\.baseline' of a cumulative target needs a date",
        "累计型指标的 '{0}.baseline' 需要日期",
    ),
    (
        r"baseline = \{ date = (\S+) \} \(the index is 100 on that day\)",
        "`baseline = {{ date = {0} }}`（该日指数为 100）",
    ),
    (
        r"'(.+)\.baseline\.value' of a cumulative target is an index: 100, not (.+)",
        "累计型指标的 '{0}.baseline.value' 是指数：应为 100，而不是 {1}",
    ),
    (
        r"leave the value out: the index is 100 at the baseline date",
        "请删去该数值：基期日指数为 100",
    ),
    (
        r"'(.+)' must be a table like \{ value = 100, date = (\S+) \}",
        "'{0}' 必须是表，如 `{{ value = 100, date = {1} }}`",
    ),
    (
        r"'(.+)' states (.+): give one of value, annual_growth, change, change_by",
        "'{0}' 同时给出了 {1}：value、annual_growth、change、change_by 只能给一个",
    ),
    (r"'(.+)' of a yes-no target takes only a date", "是否型指标的 '{0}' 只能给日期"),
    (r"'(.+)' needs a value, a date, or both", "'{0}' 需要数值、日期或两者"),
    (r"'(.+)' needs both a value and a date", "'{0}' 需要数值和日期"),
    (r"'(.+)\.revisions' must be a list of tables", "'{0}.revisions' 必须是表的列表"),
    (
        r"'(.+)' must be a table \{ decided, reason, \.\.\. \}",
        "'{0}' 必须是表 `{{ decided, reason, ... }}`",
    ),
    (
        r"'(.+)\.decided' must be the date the revision was decided",
        "'{0}.decided' 必须是决定调整的日期",
    ),
    (
        r"'(.+)\.reason' is required: say why the target was revised",
        "缺少 '{0}.reason'：请说明调整目标的原因",
    ),
    (
        r"revision decided on (\S+) is listed after one decided on (\S+)",
        "{0} 决定的调整排在 {1} 决定的调整之后",
    ),
    (r"list revisions in the order they were decided", "请按决定的先后顺序列出调整"),
    (
        r"revision decided on (\S+), not after the baseline date (\S+)",
        "调整决定于 {0}，不晚于基期日期 {1}",
    ),
    (r"a plan is revised after it starts; check the dates", "规划开始之后才会调整；请检查日期"),
    (
        r"'(.+)\.observations' must be a list of \{ date, value \}",
        "'{0}.observations' 必须是 `{{ date, value }}` 的列表",
    ),
    (r"'(.+)' must be a table \{ date, value \}", "'{0}' 必须是表 `{{ date, value }}`"),
    (
        r"'(.+)\.comparator' is for numeric figures, not a yes-no target's",
        "'{0}.comparator' 只用于数值，不用于是否型指标",
    ),
    (r"remove it: done is done", "请删去：完成即完成"),
    (r"'(.+)\.comparator' is (.+), not one of (.+)", "'{0}.comparator' 为 {1}，不是 `{2}` 之一"),
    (
        r'write ">" for "exceeding", ">=" for "at least", "about" for "about"',
        '“超过”写 `">"`，“不低于”写 `">="`，“左右”写 `"about"`',
    ),
    (
        r"'(.+)\.(.+)' is (\S+)%: a value cannot fall by 100% or more",
        "'{0}.{1}' 为 {2}%：数值不能下降 100% 或更多",
    ),
    (
        r"(?:warning: )?'(.+)': (?P<msg>.+) \(dated (\S+), which serves as the baseline\); it can "
        r"only be achieved or off-track",
        "警告：'{0}'：{1}（日期为 {2}，作为基期）；只能判为已实现或滞后",
    ),
    (r"give the target a baseline, or check the direction", "请给指标设基期，或检查方向"),
    (
        r'target (\S+) is (below|above) the baseline (\S+), but direction = "(\S+)"',
        '目标 {0} {1}基期 {2}，但 `direction = "{3}"`',
    ),
    (r'a change of (\S+) with direction = "(\S+)"', '变化量 {0}，但 `direction = "{1}"`'),
    (r'a (\S+)% target with direction = "(\S+)"', '目标 {0}%，但 `direction = "{1}"`'),
    (
        r'for a target to go down to, set direction = "decrease"',
        '目标是降到某值的，请设 `direction = "decrease"`',
    ),
    (
        r'for a target to go up to, set direction = "increase"',
        '目标是升到某值的，请设 `direction = "increase"`',
    ),
    (
        r"'plan\.published' must be a date like (\S+)",
        "'plan.published' 必须是日期，如 {0}",
    ),
    # --- units ----------------------------------------------------------------------
    (r"(.+) is not a rank for '(\S+)'", "{0} 不是 '{1}' 的位次"),
    (r"(?P<msg>.+) for '(\S+)'", "{0}（'{1}'）"),
    (r"(.+) is not a number", "{0} 不是数字"),
    (r"(.+) is too large", "{0} 太大"),
    (
        r"(.+) has a magnitude, but target unit (.+) is a percentage",
        "{0} 带有数量级，但指标单位 {1} 是百分比",
    ),
    (r"give a plain number, e\.g\. 71 or 71%", "请给出纯数字，例如 71 或 71%"),
    (r"e\.g\. 0\.5", "例如 0.5"),
    (r"(.+) is in (.+), but (?P<msg>.+)", "{0} 的单位是 `{1}`，但{2}"),
    (r"the target has no unit", "该指标没有单位"),
    (r"target unit (.+) is a plain number", "指标单位 {0} 是纯数字"),
    (r"target unit (.+) is in (.+)", "指标单位 {0} 以 {1} 计"),
    (r"give a plain number", "请给出纯数字"),
    (
        r"give a plain number in (.+) or a value in (.+)",
        "请给出以 {0} 计的纯数字，或以 {1} 计的数值",
    ),
    (r"give a plain number in (.+)", "请给出以 {0} 计的纯数字"),
    (
        r"percent and percentage points differ: from 5% to 6% is a rise of 1 percentage point",
        "百分比与百分点不同：从 5% 到 6% 是上升 1 个百分点",
    ),
    (r"a rank is a whole number, 1 or more", "位次是 1 或更大的整数"),
    # --- the plausibility guard (update) ------------------------------------------------
    (r"implausible value for " + _ID + r": (?P<msg>.+)", "'{0}' 的数值不合常理：{1}"),
    (
        r"'(.*)' is (\S+?) ?(.*), (\S+) times the previous figure (\S+) \((\S+), (\S+)\); "
        r"more than (\S+)x apart",
        "'{0}' 即 {1}{2}，是上一数据 {4}（{5}，{6}）的 {3} 倍；相差超过 {7} 倍",
    ),
    (
        r"'(.*)' is (\S+?) ?(.*), 1/(\S+) of the previous figure (\S+) \((\S+), (\S+)\); "
        r"more than (\S+)x apart",
        "'{0}' 即 {1}{2}，只有上一数据 {4}（{5}，{6}）的 1/{3}；相差超过 {7} 倍",
    ),
    (
        r"'(.*)' looks like a fraction, but '(.*)' is a percentage and every figure of this "
        r"target is above 1",
        "'{0}' 像是小数，但 '{1}' 是百分比，且此指标的数据都大于 1",
    ),
    (
        r"write it in percent: (\S+) for (\S+); if the figure is right, record it with --force",
        "请以百分数写：{1} 写作 {0}；若数据无误，请用 --force 录入",
    ),
    (
        r"the magnitude word makes it so: did you mean (.+)\? if the figure is right, record it "
        r"with --force",
        "是数量级词造成的：是否指 {0}？若数据无误，请用 --force 录入",
    ),
    (r"if the figure is right, record it with --force", "若数据无误，请用 --force 录入"),
    # --- the ledger -----------------------------------------------------------------
    (r"a ledger line holds exactly one record", "台账每行只能有一条记录"),
    (
        r"record id (.+) is not of the form r<date>T<time>-<hex>",
        "记录编号 {0} 的格式不是 `r<日期>T<时间>-<十六进制数>`",
    ),
    (r"record (\S+) must be an inline table", "记录 {0} 必须是内联表"),
    (r"(record|void) (\S+): (\w+) must be a string", "{0} {1}：`{2}` 必须是字符串"),
    (r"(record|void) (\S+): (\w+) must be a date and time", "{0} {1}：`{2}` 必须是日期和时间"),
    (r"record (\S+): date must be a date", "记录 {0}：`date` 必须是日期"),
    (
        r"record (\S+): value must be a finite number or true/false",
        "记录 {0}：`value` 必须是有限的数字或 `true`/`false`",
    ),
    (
        r"record (\S+): comparator is (.+), not one of (.+)",
        "记录 {0}：`comparator` 为 {1}，不是 `{2}` 之一",
    ),
    (
        r"record (\S+): comparator is for numeric figures, not true/false",
        "记录 {0}：`comparator` 只用于数值，不用于 `true`/`false`",
    ),
    (
        r"'(\S+)' is a yes/no target; '(.+)' is a bound, not done or not-done",
        "'{0}' 是是否型指标；'{1}' 是一个界限，不是 `done` 或 `not-done`",
    ),
    (
        r"pass done or not-done: a bound is for numeric figures",
        "请给 `done` 或 `not-done`：界限只用于数值",
    ),
    (
        r"'(\S+)': '(.+)' is a comparator without a figure",
        "'{0}'：'{1}' 只有比较符号，没有数值",
    ),
    (r"write the bound after it, e\.g\. '>30'", "请在其后写出界限，如 `>30`"),
    (r"record (\S+): forced must be true or false", "记录 {0}：`forced` 必须是 `true` 或 `false`"),
    (r"void (\S+): voids must be a record id", "作废记录 {0}：`voids` 必须是记录编号"),
    (r"(record|void) (\S+) has unknown field '(.+)'", "{0} {1} 有未知的字段 '{2}'"),
    (r"record (\S+) lacks '(.+)'", "记录 {0} 缺少 '{1}'"),
    (r"(record|void) (\S+) does not survive the round trip", "{0} {1} 写入后无法原样读回"),
    (
        r"record (\S+) is already in the ledger with other content",
        "记录 {0} 已在台账中，但内容不同",
    ),
    (
        r"a new figure needs a new --id \(or none\); nothing was recorded",
        "新数据需要新的 --id（或不给）；未记录任何内容",
    ),
    (r"nothing was recorded", "未记录任何内容"),
    (r"(\S+) is a directory, not a ledger file", "{0} 是目录，不是台账文件"),
    (r"cannot read (\S+): (.+)", "无法读取 {0}：{1}"),
    (r"cannot lock (\S+): (.+)", "无法锁定 {0}：{1}"),
    (r"not a ledger record: (?P<msg>.+)", "不是台账记录：{0}"),
    (r"a number far too long", "数字过长"),
    (r"nested too deeply", "嵌套过深"),
    (r"not UTF-8 text", "不是 UTF-8 文本"),
    (r"save the file as UTF-8", "请将文件存为 UTF-8"),
    (r"git conflict marker left by a merge", "合并遗留的 git 冲突标记"),
    (
        r"keep both sides' lines \(a ledger only grows\), then delete the marker lines",
        "保留两边的行（台账只增不减），再删去标记行",
    ),
    (r"(\S+) is a void: a void cannot be withdrawn", "{0} 是作废记录：作废记录不能再作废"),
    (
        r"record the figure again with `zqplan update` instead",
        "请改用 `zqplan update` 重新记录该数据",
    ),
    (
        r"void (\S+) withdraws (\S+), which is itself a void",
        "作废记录 {0} 作废的 {1} 本身是作废记录",
    ),
    (
        r"a void cannot be withdrawn: record the figure again instead",
        "作废记录不能再作废：请重新记录该数据",
    ),
    (
        r"void (\S+) withdraws (\S+), which is not in the ledger",
        "作废记录 {0} 作废的 {1} 不在台账中",
    ),
    (r"check the record id", "请检查记录编号"),
    (r"record (\S+) is for unknown target " + _ID, "记录 {0} 的指标 '{1}' 不存在"),
    (
        r"add the target to the registry, or, if it was renamed, its old id to renamed_from of the "
        r"target it became; read commands leave the record out",
        "请在登记册中添加该指标；若已改名，请把旧编号写入新指标的 `renamed_from`；"
        "读取类命令会略去该记录",
    ),
    (
        r"record (\S+) names a stage or item, but " + _ID + r" is a target",
        "记录 {0} 给出了阶段或事项，但 '{1}' 是指标",
    ),
    (r"record (\S+) for " + _ID + r" must hold (.+)", "记录 {0}（'{1}'）必须是{2}"),
    (r"record (\S+): (?P<msg>.+)", "记录 {0}：{1}"),
    (
        r"(?:warning: )?conflicting figures for "
        + _ID
        + r" (\S+): (.+) by (.+) \((.*)recorded (\S+)\) and (.+) by (.+) \(recorded (\S+)\); "
        r"the later, (\S+), is in force",
        "警告：'{0}' {1} 的数据有冲突：{3} 录入的 {2}（{4}{5} 录入）与 {7} 录入的 {6}"
        "（{8} 录入）；以较晚的 {9} 为准",
    ),
    (
        r"agree on the figure and record it again, or void the wrong record: either settles this "
        r"warning",
        "商定数据后重新记录，或作废错误的记录：两者都可消除此警告",
    ),
    (
        r"torn bytes of an interrupted write were moved here from (\S+)",
        "中断写入留下的残余字节已从 {0} 移到此处",
    ),
    (
        r"re-record what they held if it was a figure, then delete the file",
        "若其中是数据，请重新记录，然后删除此文件",
    ),
    (
        r"(\S+) kept changing while the batch was written \(another program, not zqplan, is "
        r"writing it\)",
        "写入批量数据期间 {0} 不断被改动（有别的程序，而非 zqplan，正在写它）",
    ),
    (
        r"finish the `git pull` or other writer, then run the batch again; nothing was recorded",
        "请等 `git pull` 或其他写入完成后再运行；未记录任何内容",
    ),
    (
        r"another zqplan has been writing (\S+) for (\S+) s \(lock (\S+)\)",
        "另一个 zqplan 已写 {0} 达 {1} 秒（锁文件 {2}）",
    ),
    (
        r"try again, or wait longer with (\S+)=SECONDS; nothing was written",
        "请重试，或用 {0}=秒数 等待更久；未写入任何内容",
    ),
    (r"\$(\S+) is (.+), not a number of seconds", "${0} 为 {1}，不是秒数"),
    (r"e\.g\. 30", "例如 30"),
    (r"\$(\S+) must be zero or more seconds", "${0} 必须是 0 或更多秒"),
    # --- update --from: batches -----------------------------------------------------
    (r"empty batch: no header row", "空的批量文件：没有表头行"),
    (r"bad header: (?P<msg>.+)", "表头有误：{0}"),
    (r"(?P<msg>unknown columns? .+|missing .+|repeated .+); (?P<msg2>.+)", "{0}；{1}"),
    (r"unknown columns? (.+)", "未知的列 `{0}`"),
    (r"missing (?!VALUE|TARGET|--)(.+)", "缺少 `{0}`"),
    (r"repeated (.+)", "重复的列 `{0}`"),
    (r"columns: (.+)", "可用的列：`{0}`"),
    (r"(\d+) cells where the header has (\d+)", "该行有 {0} 格，而表头只有 {1} 列"),
    (r"quote cells that contain commas", "含逗号的单元格请加引号"),
    (r"no target", "没有指标编号"),
    (r"no (target|value|date|source)", "没有 {0}"),
    (r"each line must be a JSON object", "每行必须是一个 JSON 对象"),
    (r"unknown keys? (.+)", "未知的键 `{0}`"),
    (r"keys: (.+)", "可用的键：`{0}`"),
    (r"fields: (.+)", "可用的字段：`{0}`"),
    (r"not CSV: (.+)", "不是 CSV：{0}"),
    (r"not JSON: (.+) \(column (\d+)\)", "不是 JSON：{0}（第 {1} 列）"),
    (r"not a batch row: (?P<msg>.+)", "不是批量数据行：{0}"),
    (r"key '(.+)' given twice", "键 '{0}' 出现两次"),
    (
        r"'(\w+)' must be (a number, a quantity or done|a string|a string like \"\S+\")",
        "'{0}' 必须是{1}",
    ),
    (r"not (\S+) text \(byte (\d+)\)", "不是 {0} 文本（第 {1} 字节）"),
    (
        r"save it as UTF-8, or name its encoding with --encoding",
        "请存为 UTF-8，或用 --encoding 指明编码",
    ),
    (
        r"--encoding (.+) is not an encoding Python knows",
        "--encoding {0} 不是 Python 认识的编码",
    ),
    (r"e\.g\. utf-8, utf-16, gb18030, gbk", "例如 utf-8、utf-16、gb18030、gbk"),
    (r"not an \.xlsx workbook: (.+)", "不是 .xlsx 工作簿：{0}"),
    (r"--sheet (.+) is not a sheet of (\S+)", "--sheet {0} 不是 {1} 中的工作表"),
    (r"sheets: (.+)", "可选工作表：{0}"),
    (r"--sheet: (\S+) is no \.xlsx workbook", "--sheet：{0} 不是 .xlsx 工作簿"),
    (r"drop --sheet for a CSV file", "CSV 文件请去掉 --sheet"),
    (r"record id (\S+) also on line (\d+)", "记录编号 {0} 在第 {1} 行也出现"),
    (r"give each row its own record id", "请给每行不同的记录编号"),
    (
        r"--format, --encoding and --sheet describe a --from file",
        "--format、--encoding 和 --sheet 用于说明 --from 文件",
    ),
    (r"add --from FILE", "请加 --from 文件"),
    (r"no such option: (\S+)", "没有选项 {0}"),
    (
        r"--from takes its targets and values from the file",
        "--from 从文件中读取指标和数值",
    ),
    (
        r"drop TARGET, VALUE, --stage and --done, or drop --from",
        "请去掉 指标、数值、--stage 和 --done，或去掉 --from",
    ),
    (
        r"--date, --source, --note and --id are columns of the --from file",
        "--date、--source、--note 和 --id 是 --from 文件中的列",
    ),
    (
        r"put them in the file's date, source, note and record columns",
        "请写入文件的 `date`、`source`、`note` 和 `record` 列",
    ),
    (
        r"stage and item are for programmes; " + _ID + r" is not one",
        "`stage` 和 `item` 只用于工程；'{0}' 不是工程",
    ),
    (
        r"leave the stage and item cells empty for a target",
        "指标行请让 `stage` 和 `item` 留空",
    ),
    (
        r"" + _ID + r" is a programme: record an item as --stage STAGE --done ITEM",
        "'{0}' 是工程：请用 `--stage 阶段 --done 事项` 记录完成事项",
    ),
    (r"stages: (.+)", "可选阶段：{0}"),
    (r"programme " + _ID + r" has no stage " + _ID, "工程 '{0}' 没有阶段 '{1}'"),
    (r"stage " + _ID + r" of " + _ID + r" has no item " + _ID, "'{1}' 的阶段 '{0}' 没有事项 '{2}'"),
    (r"this stage has no items", "此阶段没有事项"),
    (
        r"--stage and --done are for programmes; " + _ID + r" is not one",
        "--stage 和 --done 只用于工程；'{0}' 不是工程",
    ),
    (
        r"record a target's value as `zqplan update TARGET VALUE`",
        "指标的数值请用 `zqplan update 编号 数值` 记录",
    ),
    (
        r"" + _ID + r" is a programme: a row needs its stage and item, value done",
        "'{0}' 是工程：该行需要 `stage` 和 `item`，`value` 为 `done`",
    ),
    (r"columns target,value,date,stage,item: (.+)", "列 `target,value,date,stage,item`：`{0}`"),
    # --- config, commands, files ----------------------------------------------------
    (r"lang is (.+), not one of (.+)", "lang 为 {0}，不是 {1} 之一"),
    (r'write lang = "en" or lang = "zh"', '请写 `lang = "en"` 或 `lang = "zh"`'),
    (r"(\S+) is not valid UTF-8 text", "{0} 不是有效的 UTF-8 文本"),
    (r"set a UTF-8 locale or fix the text", "请设置 UTF-8 区域设置，或修正文本"),
    (r"standard output is closed", "标准输出已关闭"),
    (r"redirect it to a file or a pipe", "请重定向到文件或管道"),
    (r"cannot write to standard output: (.+)", "无法写入标准输出：{0}"),
    (r"check where the output goes", "请检查输出的去向"),
    (r"standard output takes no bytes", "标准输出不能写入二进制内容"),
    (r"give -o FILE", "请给 -o 文件"),
    (r"cannot write (\S+): (.+); nothing written", "无法写入 {0}：{1}；未写入任何内容"),
    (r"check that the folder exists", "请检查目录是否存在"),
    (r"cannot prepare (\S+) for git: (.+)", "无法为 git 准备 {0}：{1}"),
    (r"the Zhaoqing registry is missing from this installation", "本安装中缺少肇庆登记册"),
    (
        r"the (text|documentation) (\S+) of the example "
        + _ID
        + r" is missing from this installation",
        "本安装中缺少示例 '{2}' 的文本 {1}",
    ),
    (r"the documentation " + _ID + r" is missing from this installation", "本安装中缺少文档 '{0}'"),
    (r"reinstall zqplan with `pip install \.`", "请用 `pip install .` 重新安装 zqplan"),
    (r"no example plan " + _ID, "没有示例规划 '{0}'"),
    (r"`zqplan examples` lists them: (.+)", "`zqplan examples` 列出全部：{0}"),
    (
        r"--empty and --example each choose what to write; give one",
        "--empty 和 --example 各自决定写入的内容；请只给一个",
    ),
    (
        r"`zqplan init DIR --example ID` or `zqplan init DIR --empty`",
        "`zqplan init 目录 --example 编号` 或 `zqplan init 目录 --empty`",
    ),
    (r"unknown field " + _ID + r" in --fields", "--fields 中有未知字段 '{0}'"),
    (r"--since (\S+) is after --as-of (\S+)", "--since {0} 晚于 --as-of {1}"),
    (
        r"give a day before the one judged, e.g\. the last meeting's",
        "请给评估日之前的日期，例如上次会议的日期",
    ),
    (r"--format (\S+) is not a report format", "--format {0} 不是报告格式"),
    (r"give html, xlsx or md", "请给 html、xlsx 或 md"),
    (
        r"-o (\S+): cannot tell the format from the extension (\S*)",
        "-o {0}：无法从扩展名 {1} 判断格式",
    ),
    (
        r"name the file \.html, \.xlsx or \.md, or give --format html\|xlsx\|md",
        "请把文件命名为 .html、.xlsx 或 .md，或给 --format html|xlsx|md",
    ),
    (r"-o (\S+) names (\S+), but --format says (\S+)", "-o {0} 指明 {1}，但 --format 为 {2}"),
    (r"a (\S+) report is not for a terminal", "{0} 报告不能输出到终端"),
    (
        r"write it to a file: -o report\.(\S+) \(or redirect stdout\)",
        "请写入文件：`-o report.{0}`（或重定向标准输出）",
    ),
    (r"(--\w[\w-]*) (.+) is not one of (.+)", "{0} {1} 不是 {2} 之一"),
    (r"e\.g\. (--\w[\w-]*) (.+)", "例如 {0} {1}"),
    (r"no (\S+) given \(end of input\)", "没有给出 {0}（输入已结束）"),
    (r"give (--\S+)", "请给 {0}"),
    (
        r"added target '(\S+)' to (\S+) \((\d+) targets now\)",
        "已将指标 '{0}' 加入 {1}（现有 {2} 项指标）",
    ),
    # notes
    (
        r"no (\S+) in this folder or its parents: showing the Zhaoqing plan shipped with zqplan "
        r"\(`zqplan init` starts your own\)",
        "本目录及上级目录中没有 {0}：显示 zqplan 自带的肇庆规划（`zqplan init` 可新建自己的规划）",
    ),
    (
        r"(\S+) is not committed to git: targets added or changed since (\S+) cannot be shown",
        "{0} 未提交到 git：无法显示 {1} 以来新增或改动的指标",
    ),
    (
        r"(\S+) as committed on (\S+) \((.+)\) cannot be read: targets added or changed since then "
        r"cannot be shown",
        "无法读取 {1} 提交的 {0}（{2}）：无法显示此后新增或改动的指标",
    ),
    (
        r"(\d+) targets? at --fail-on ([\w, -]+): (.+?)( \.\.\.)?",
        "{0} 项指标达到 --fail-on {1}：{2}{3}",
    ),
    (r"ask for two formats", "要求了两种格式"),
    # --- Click's usage errors (Typer vendors Click) -------------------------------------
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "多余的参数（`{0}`）"),
    (r"No such command '(.+)'\.", "没有命令 '{0}'"),
    (r"Missing command\.", "缺少命令"),
    (r"Option '(\S+)' does not take a value\.", "选项 '{0}' 不带值"),
    (r"Option '(\S+)' requires (\d+) arguments\.?", "选项 '{0}' 需要 {1} 个值"),
    (r"(.+) is not in the range (.+)\.", "{0} 不在范围 `{1}` 内"),
    (r"'(.*)' is not a valid (?:int|integer)(?: range)?\.", "'{0}' 不是整数"),
    (r"'(.*)' is not a valid (?:float|float range)\.", "'{0}' 不是数字"),
    (r"'(.*)' is not a valid boolean\.", "'{0}' 不是布尔值"),
    (r"'(.*)' is not a valid (.+)\.", "'{0}' 不是有效的 {1}"),
    (r"(?:File|Path|Directory) '(.*)' does not exist\.", "'{0}' 不存在"),
    (r"(?:File|Path|Directory) '(.*)' is a directory\.", "'{0}' 是目录"),
    (r"(?:File|Path|Directory) '(.*)' is a file\.", "'{0}' 是文件"),
    (r"(?:File|Path|Directory) '(.*)' is not readable\.", "'{0}' 不可读"),
    (r"(?:File|Path|Directory) '(.*)' is not writable\.", "'{0}' 不可写"),
    (r"Missing parameter: (\S+)", "缺少参数 {0}"),
    (r"Invalid value: (?P<msg>.+)", "无效的值：{0}"),
    # --- generic forms of messages i18n.MESSAGES knows with their values -------------
    (
        r"no registry here \(no --registry, no \$(\S+), no registry in the config file, no (\S+) "
        r"in this folder or its parents\)",
        "此处没有登记册（无 --registry、无 ${0}、配置文件中无 registry，"
        "本目录及上级目录中也没有 {1}）",
    ),
    (r"write it as (.+)", "写法：{0}"),
    (r"please report it; (\S+)=1 shows the traceback", "请报告此问题；设 {0}=1 可显示回溯"),
    (r"the records were written before (?P<msg>.+)", "在{0}之前，记录已写入"),
    (r"this error: (?P<msg>.+)", "此错误：{0}"),
    (r"the interruption", "中断"),
    (r"left out (?P<msg>.+) \(`zqplan check` for more\)", "略去 {0}（详见 `zqplan check`）"),
    (r"(\S+:\d+): (?P<msg>.+)", "{0}: {1}"),  # FILE:LINE: as tools and editors read it
    (r"(\d+) rows? without a date: (?P<msg>.+)", "{0} 行未给日期：{1}"),
    (r"no --date: (?P<msg>.+)", "未给 --date：{0}"),
    (
        r"the figure is for (\S+), the end of the last complete (\w+) \('(\S+)' is (\w+); give "
        r"--date for another period\)",
        "数据记为 {0}，即上一个完整{1}的末日（'{2}' 为{3}数据；其他时期请给 --date）",
    ),
    (r"recorded as of today, (\S+)", "记为今天（{0}）"),
)
"""English message patterns (whole body) and their Chinese, {0}… for the groups; a
group named msg… is itself a message, translated in turn."""

GROUP_WORDS: dict[str, str] = {
    # what a message puts in a group
    "record": "记录",
    "baseline": "基期",
    "registry": "登记册",
    "void": "作废记录",
    "area": "领域",
    "document": "文件",
    "text": "文本",
    "below": "低于",
    "above": "高于",
    "a number": "数字",
    "true/false": " true/false",
    "a number, a quantity or done": "数字、数量或 `done`",
    'a string like "2024-12-31"': '形如 `"2024-12-31"` 的字符串',
    "fields": "字段",
    "a string": "字符串",
    "numeric": "数值型",
    "yes-no": "是否型",
    ", cumulative": "，累计",
    "metres": "米",
    "kilograms": "千克",
    "percent": "百分比",
    "percentage points": "百分点",
    # what the system says of a file (strerror)
    "Permission denied": "权限不足",
    "permission denied": "权限不足",
    "No such file or directory": "文件或目录不存在",
    "Is a directory": "是目录",
    "Not a directory": "不是目录",
    "No space left on device": "磁盘空间不足",
    "Read-only file system": "只读文件系统",
    "File exists": "文件已存在",
    "Disk quota exceeded": "超出磁盘配额",
    "Input/output error": "输入输出错误",
    "File name too long": "文件名过长",
    "Too many levels of symbolic links": "符号链接层数过多",
}
"""English words a message puts in a pattern's group, in Chinese."""

LIBRARY: tuple[tuple[str, str], ...] = (
    # tomllib (a ledger line), json (a JSONL batch), csv, zipfile (an .xlsx)
    (r"(.+) \(at line (\d+), column (\d+)\)", "{0}（第 {1} 行第 {2} 列）"),
    (r"(.+) \(at end of document\)", "{0}（在文档末尾）"),
    (r": (.+)", "：{0}"),
    (r"line (\d+), ", "第 {0} 行，"),
    (r"month must be in 1\.\.12(?:, not (-?\d+))?", "月份必须在 1 到 12 之间（不能是 {0}）"),
    (r"day is out of range for month", "日期超出该月的天数"),
    (
        r"day (-?\d+) must be in range 1\.\.(\d+) for month (\d+) in year (\d+)",
        "{3} 年 {2} 月的日期必须在 1 到 {1} 之间（不能是 {0}）",
    ),
    (r"year (\d+) is out of range", "年份 {0} 超出范围"),
    (r"Invalid value", "无效的值"),
    (r"Invalid statement", "无效的语句"),
    (r"Invalid initial character for a key part", "键的首字符无效"),
    (r"Expected '=' after a key in a key/value pair", "键值对中键后面缺少 '='"),
    (r"Expected newline or end of document after a statement", "语句后应换行或结束"),
    (r"Unclosed inline table", "内联表未闭合"),
    (r"Unclosed array", "数组未闭合"),
    (r"Unterminated string", "字符串未结束"),
    (r"Illegal character (.+)", "非法字符 {0}"),
    (r"Cannot overwrite a value", "不能覆盖已有的值"),
    (r"Cannot declare (.+) twice", "{0} 不能声明两次"),
    (r"Expecting value", "缺少值"),
    (r"Expecting property name enclosed in double quotes", "属性名须用双引号"),
    (r"Expecting ',' delimiter", "缺少 ',' 分隔符"),
    (r"Expecting ':' delimiter", "缺少 ':' 分隔符"),
    (r"Extra data", "多余的数据"),
    (r"Unterminated string starting at", "字符串未结束"),
    (r"Invalid control character at", "无效的控制字符"),
    (r"Invalid \\escape", "无效的转义"),
    (r"line contains NUL", "该行含有 NUL 字符"),
    (r"field larger than field limit \((\d+)\)", "字段超过长度上限（{0}）"),
    (r"unexpected end of data", "数据意外结束"),
    (r"new-line character seen in unquoted field.*", "未加引号的字段中有换行符"),
    (r"BadZipFile: (.+)", "文件损坏：{0}"),
    (r"File is not a zip file", "不是 zip 文件"),
    (r"InvalidFileException: (.+)", "文件无效：{0}"),
    (r"KeyError: (.+)", "缺少部件：{0}"),
)
"""What the standard library says of a bad file, in Chinese (the rest stays as said)."""

"""The report's own words in English and Chinese, as zqplan/i18n.py keeps the tables'."""

from __future__ import annotations

from zqplan.options import Lang

WORDS: dict[str, tuple[str, str]] = {
    "report": ("Progress report", "进展报告"),
    "as of": ("as of", "截至"),
    "known at": ("records known on", "所用记录截至"),
    "made": ("made by zqplan", "由计划跟踪工具生成"),
    "summary": ("Summary", "总体情况"),
    "commitments": ("commitments judged", "项承诺已评估"),
    "commitments one": ("commitment judged", "项承诺已评估"),
    "unjudged": ("entries listed, not judged", "项仅列出、不评估"),
    "unjudged one": ("entry listed, not judged", "项仅列出、不评估"),
    "unjudged label": ("reported or direction, not judged", "已有成果或方向性任务，不评估"),
    "attention": ("Needs attention", "需要关注"),
    "nothing to flag": ("No target is off track or missed.", "没有滞后或未实现的指标。"),
    "filters": ("Shown", "筛选条件"),
    "no targets": ("No target to show.", "没有可显示的指标。"),
    "id": ("id", "编号"),
    "title": ("title", "指标"),
    "latest": ("latest", "最新值"),
    "target": ("target", "目标"),
    "progress": ("progress", "进度"),
    "expected": ("expected", "预期进度"),
    "status": ("status", "状态"),
    "chart": ("chart", "图表"),
    "area": ("area", "领域"),
    "unit": ("unit", "单位"),
    "baseline": ("baseline", "基期值"),
    "baseline date": ("baseline date", "基期"),
    "latest date": ("latest date", "最新值日期"),
    "target date": ("target date", "目标期限"),
    "attribute": ("attribute", "属性"),
    "note": ("note", "备注"),
    "source": ("source", "来源"),
    "date": ("date", "日期"),
    "value": ("value", "数值"),
    "recorded": ("recorded", "录入时间"),
    "by": ("by", "录入人"),
    "record": ("record", "记录编号"),
    "superseded": ("superseded", "已被修订"),
    "flags": ("flags", "提示"),
    "verdict": ("verdict", "评价"),
    "outturn": ("outturn", "实际"),
    "year target": ("target", "目标"),
    "sheet status": ("Status", "指标状态"),
    "sheet by year": ("By year", "完成情况表"),
    "sheet history": ("History", "历史记录"),
    "done": ("done", "已完成"),
    "not done": ("not done", "未完成"),
    "observed": ("observed", "实际值"),
    "expected path": ("expected path", "预期路径"),
    "projection": ("projection at the observed rate", "按实际速度预测"),
    "target mark": ("target", "目标"),
    "year target bar": ("year's target", "年度目标"),
    "year outturn bar": ("year's outturn", "年度实际"),
    "chart of": ("Chart of {}", "{} 的图表"),
    "no chart": ("no chart: no dated numbers", "无图表：没有带日期的数值"),
    "print hint": (
        "To make a PDF: print this page (Ctrl+P, ⌘P) and choose “Save as PDF”.",
        "生成 PDF 文件：在浏览器中打印本页，选择“另存为 PDF”。",
    ),
    "legend": ("Status key", "状态图例"),
    "anticipatory": ("anticipatory", "预期性"),
    "binding": ("binding", "约束性"),
}
"""Headings, sheet names and fixed phrases of the report: (English, Chinese)."""


def say(key: str, lang: Lang) -> str:
    """A word of the report in the language."""
    english, chinese = WORDS[key]
    return chinese if lang is Lang.ZH else english

"""Wording of the narrative (``test``): a doubled unit ("264.63万元万元"), doubled punctuation ("。。"), a
reason left empty ("主要原因是。"), a template placeholder left in (XX局, ××), a heading naming another
year than the document's ("2023年度部门决算情况说明" in a 2024 决算), and a 类 named as before the 2019
reform of the subject catalogue ("医疗卫生与计划生育支出" in a 2019-or-later document, where the tables say
卫生健康支出)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..narrative.quantities import Quantities
from ..recognise import RENAMED_CLASSES
from ..report.model import Violation
from ..rules import Rule
from .base import Context
from .narrative_base import text_violation

_PATTERNS = {
    "doubled_unit": re.compile(r"(万元|亿元)\1+"),
    "doubled_punctuation": re.compile(r"([。，、；;！？])\1+"),
    "empty_reason": re.compile(r"(?:主要)?原因(?:是|为)[:：]?(?=[。;；]|$)"),
    "outdated_class": re.compile(r"(医疗卫生与计划生育|文化体育与传媒|国土海洋气象等)(?:\(\d*类\))?支出"),
    # a template's placeholder left in: 上海市普陀区XX局, ××万元
    "placeholder": re.compile(r"××+|ＸＸ+|(?<![A-Za-z])XX+(?=[局委办厅院区县市镇街部处室所中心单位万元])"),
    # the document's own heading naming another year: 2023年度部门决算情况说明 in a 2024 决算
    "heading_year": re.compile(r"(20\d{2})\s*年度?\s*(?:部门|单位)(决算|预算)(?=情况说明|表|公开|编制)"),
}
# Doubled marks are looked for within one line: across a line break they are more likely two columns of
# a table read line by line ("…推进。" then "。通过…") than a slip of the pen.
_WITHIN_A_LINE = {"doubled_unit", "doubled_punctuation"}
_RENAMED = RENAMED_CLASSES


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    test = rule.params["test"]
    year = ctx.document.year
    if test == "outdated_class" and (year is None or year < rule.params["since"]):
        return
    text = Quantities.of(ctx).narrative.text
    for match in _PATTERNS[test].finditer(text.text):
        if test in _WITHIN_A_LINE and not text.within_a_line(match.start(), match.end()):
            continue
        if test == "heading_year" and (
            year is None or int(match.group(1)) == year or match.group(2) != ctx.document.stage
        ):
            continue
        source = text.source(match.start())
        found = match.group()
        if test == "doubled_unit":
            message = ctx.zh_en(f"单位重复：「{found}」", f"unit written twice: '{found}'")
        elif test == "doubled_punctuation":
            message = ctx.zh_en(f"标点重复：「{found}」", f"punctuation doubled: '{found}'")
        elif test == "empty_reason":
            message = ctx.zh_en("“原因是”之后没有写原因", "'the reason is' is followed by no reason")
        elif test == "placeholder":
            message = ctx.zh_en(
                f"模板占位符未替换：「{found}」", f"a template placeholder left in: '{found}'"
            )
        elif test == "heading_year":
            message = ctx.zh_en(
                f"「{found}」的年份与本文档（{year}年{ctx.document.stage}）不符",
                f"'{found}' names another year than the document's ({year})",
            )
        else:
            code, new = _RENAMED[match.group(1)]
            in_tables = _table_name(ctx, code)
            where = ""
            if in_tables and in_tables != found:
                where = ctx.zh_en(f"，表中为「{in_tables}」", f"; the tables say '{in_tables}'")
            elif in_tables:
                where = ctx.zh_en("，表中也用了旧名称", "; the tables use the old name too")
            message = ctx.zh_en(
                f"「{found}」是2019年以前的类名称，{year}年应为「{new}」{where}",
                f"'{found}' is the 类 name used before 2019; in {year} it is '{new}'{where}",
            )
        yield text_violation(rule, ctx, source, found, message)


def _table_name(ctx: Context, code: str) -> str | None:
    return next((row.label for table in ctx.document.tables for row in table.rows if row.code == code), None)

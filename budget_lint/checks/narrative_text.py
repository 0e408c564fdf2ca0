"""Wording of the narrative (``test``): a doubled unit ("264.63万元万元"), doubled punctuation ("。。"), a
reason left empty ("主要原因是。"), a 类 named as before the 2019 reform of the subject catalogue
("医疗卫生与计划生育支出" in a 2019-or-later document, where the tables say 卫生健康支出), a rate printed
without its % ("减少 9.52，"), and a sentence whose quotation marks do not pair up."""

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
    # a change word, then a number with decimals and at once the end of the clause: no unit, no %
    "rate_without_percent": re.compile(
        r"(?:增长|下降|减少|增加|降幅|增幅)(?:了)?\s*\d+\.\d+(?=\s*[，。；,;])"
    ),
    "unpaired_quotes": re.compile(r"[^。！？]*[“”][^。！？]*[。！？]?"),
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
        found = match.group()
        start = match.start()
        if test == "unpaired_quotes":
            stray = _unpaired(found)
            if stray is None:
                continue
            start += stray
            found = found[max(0, stray - _AROUND) : stray + _AROUND + 1]
        source = text.source(start)
        if test == "doubled_unit":
            message = ctx.zh_en(f"单位重复：「{found}」", f"unit written twice: '{found}'")
        elif test == "doubled_punctuation":
            message = ctx.zh_en(f"标点重复：「{found}」", f"punctuation doubled: '{found}'")
        elif test == "empty_reason":
            message = ctx.zh_en("“原因是”之后没有写原因", "'the reason is' is followed by no reason")
        elif test == "rate_without_percent":
            message = ctx.zh_en(f"比率没有写 %：「{found}」", f"a rate without its %: '{found}'")
        elif test == "unpaired_quotes":
            message = ctx.zh_en(f"引号不成对：「{found}」", f"quotation marks do not pair up: '{found}'")
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


_AROUND = 12
"""Characters quoted either side of an unpaired quotation mark."""


def _unpaired(sentence: str) -> int | None:
    """Where the first quotation mark without its pair is: a ” with no “ open, a “ opened while one is
    open, or the last “ left open; None when every “ is closed by a ” before the next opens."""
    opened = None
    for found in re.finditer(r"[“”]", sentence):
        if (found.group() == "“") == (opened is not None):
            return found.start()
        opened = found.start() if found.group() == "“" else None
    return opened


def _table_name(ctx: Context, code: str) -> str | None:
    return next((row.label for table in ctx.document.tables for row in table.rows if row.code == code), None)

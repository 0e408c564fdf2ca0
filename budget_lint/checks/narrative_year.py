"""Years the narrative compares with: "比YYYY年", "与YYYY年预算持平" and "YYYY年预算执行数" must name the year
before the document's, "YYYY年预算安排" the document's own year (a 2026 budget compared "比2026年预算" is
a template not updated)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Violation
from ..narrative.quantities import Quantities
from ..rules import Rule
from .base import Context
from .narrative_base import text_violation


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    year = ctx.document.year
    if year is None:
        return
    for mention in Quantities.of(ctx).narrative.years:
        expected = year - 1 if mention.expected == "prior" else year
        if mention.year == expected:
            continue
        message = ctx.zh_en(
            f"「{mention.text}」：本文件是{year}年{ctx.document.stage}，此处应为{expected}年",
            f"'{mention.text}': this is the {year} {ctx.document.stage}, so the year here is {expected}",
        )
        yield text_violation(rule, ctx, mention.source, mention.text, message)

"""Years the narrative compares with: "比YYYY年", "与YYYY年预算持平" and "YYYY年预算执行数" must name the year
before the document's, "YYYY年预算安排" the document's own year (a 2026 budget compared "比2026年预算" is
a template not updated). A budget may compare with the final accounts of the year before last
("比2024年决算数" in a 2026 budget): the latest there are when it is drawn up."""

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
        expected = year if mention.expected == "current" else year - 1
        if mention.year == expected or (
            mention.expected == "final" and ctx.document.stage == "预算" and mention.year == year - 2
        ):
            continue
        message = ctx.zh_en(
            f"「{mention.text}」：本文件是{year}年{ctx.document.stage}，此处应为{expected}年",
            f"'{mention.text}': this is the {year} {ctx.document.stage}, so the year here is {expected}",
        )
        yield text_violation(rule, ctx, mention.source, mention.text, message)

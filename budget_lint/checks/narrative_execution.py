"""The 决算 narrative's execution of the budget: "年初预算为A万元，支出决算为B万元，完成年初预算的C%"
(``test: rate``: C = B ÷ A, half-up or truncated at C's precision, with each figure's interval), and
"决算数大于/小于预算数" after it (``test: direction``: against A and B; 持平 and 等于 are not checked, as
"基本持平" allows a small difference)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import Verdict
from ..model import Cell
from ..narrative.quantities import Quantities
from ..ratio_kernel import judge, ratio
from ..rules import Rule
from .base import Context
from .narrative_base import NARRATIVE

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_EXECUTION = re.compile(
    r"(?:年初)?预算(?:数)?为" + _NUMBER + r"万元[,，]?(?:支出)?决算(?:数)?为" + _NUMBER + r"万元"
    r"(?:[,，]?完成(?P<base>年初预算|全年预算|预算)的" + _NUMBER + r"%)?"
)
_DIRECTION = re.compile(r"[。;；\s]*决算数(大于|小于|高于|低于)(?:年初)?预算数")


def _cell(text: str) -> Cell:
    number = text.replace(",", "")
    return Cell(value=Decimal(number), decimals=len(number.partition(".")[2]), text=text)


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    if ctx.document.stage != "决算":
        return
    text = Quantities.of(ctx).narrative.text
    for match in _EXECUTION.finditer(text.text):
        budget, final = _cell(match.group(1)), _cell(match.group(2))
        if rule.params["test"] == "rate" and match.group(4):
            yield from _rate(rule, ctx, text, match, budget, final)
        elif rule.params["test"] == "direction" and (said := _DIRECTION.match(text.text, match.end())):
            yield from _direction(rule, ctx, text, match, said, budget, final)


def _rate(rule, ctx, text, match, budget: Cell, final: Cell) -> Iterator[Violation]:
    stated = match.group(4)
    rate = ratio(final, budget)
    if rate is None or budget.amount <= 0:
        return
    verdict = judge(Decimal(stated), len(stated.partition(".")[2]), rate)
    if verdict.severity is None:
        return
    message = ctx.zh_en(
        f"说明称支出决算 {match.group(2)}万元 完成{match.group('base')}（{match.group(1)}万元）的 {stated}%，"
        f"计算为 {format_amount(verdict.computed)}%",
        f"the narrative says {match.group(2)} is {stated}% of the budget {match.group(1)}; it is "
        f"{format_amount(verdict.computed)}%",
    )
    yield _violation(rule, ctx, text.source(match.start(4)), verdict, message)


def _direction(rule, ctx, text, match, said, budget: Cell, final: Cell) -> Iterator[Violation]:
    more = said.group(1) in ("大于", "高于")
    if (final.amount > budget.amount) == more and final.amount != budget.amount:
        return
    message = ctx.zh_en(
        f"说明称决算数{said.group(1)}预算数，但支出决算 {match.group(2)}万元、预算 {match.group(1)}万元",
        f"the narrative says the outturn is {'above' if more else 'below'} the budget, but it is "
        f"{match.group(2)} against {match.group(1)}",
    )
    verdict = Verdict(final.amount, budget.amount, Decimal(0), "error")
    yield _violation(rule, ctx, text.source(said.start(1)), verdict, message)


def _violation(rule: Rule, ctx: Context, source, verdict: Verdict, message: str) -> Violation:
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=rule.severity if verdict.severity in (None, "error") else verdict.severity,
        message=message,
        table=NARRATIVE,
        table_title=ctx.zh_en("情况说明", "narrative"),
        row=ctx.zh_en("完成预算", "budget execution"),
        row_label=ctx.zh_en("完成预算", "budget execution"),
        reported=format_amount(verdict.reported),
        computed=format_amount(verdict.computed),
        difference=format_amount(verdict.reported - verdict.computed),
        tolerance=format_amount(verdict.tolerance),
        source=source,
    )

"""The 决算 narrative's execution of the budget: "年初预算为A万元，支出决算为B万元，完成年初预算的C%"
(``test: rate``: C = B ÷ A, half-up or truncated at C's precision, with each figure's interval), and
"决算数大于/小于预算数" after it (``test: direction``: against A and B; 持平 and 等于 are not checked, as
"基本持平" allows a small difference); and "公务接待费支出决算为B万元，完成预算的C%" with no A of its own
(``test: table_rate``: A is the 三公 决算 table's 预算数 of the item the phrase names, ``budgets``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import Verdict
from ..model import Cell
from ..narrative.claims import Narrative
from ..narrative.quantities import Quantities
from ..narrative.subjects import recognise
from ..ratio_kernel import judge, ratio
from ..rules import Rule
from .base import Context, find_rows
from .narrative_base import NARRATIVE

_FIGURE = r"\d[\d,]*(?:\.\d+)?"
_NUMBER = rf"({_FIGURE})"
_EXECUTION = re.compile(
    rf"(?:年初|(?<!调整))预算(?:数)?为(?P<budget>{_FIGURE})万元[,，]?"
    rf"(?:调整(?:后的?)?预算(?:数)?为(?P<adjusted>{_FIGURE})万元[,，]?)?"
    rf"(?:支出)?决算(?:数)?为(?P<final>{_FIGURE})万元"
    rf"(?:[,，]?完成(?P<base>年初预算|全年预算|调整预算|预算)的(?P<rate>{_FIGURE})%)?"
)
"""The budget, the adjusted budget where one is given between (年初预算为A万元，调整预算为A′万元，支出决算为
B万元), the outturn, and the completion rate."""
_TABLE_RATE = re.compile(
    r"(?:^|[,，。;；:：])(?P<lead>[^,，。;；:：\d]{1,30}?)(?:支出)?决算(?:数)?为" + _NUMBER + r"万元"
    r"[,，]?完成(?P<base>年初预算|全年预算|预算)的" + _NUMBER + r"%"
)
_DIRECTION = re.compile(r"[。;；\s]*决算数(大于|小于|高于|低于)(?P<initial>年初)?预算数")


def _cell(text: str) -> Cell:
    number = text.replace(",", "")
    return Cell(value=Decimal(number), decimals=len(number.partition(".")[2]), text=text)


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    if ctx.document.stage != "决算":
        return
    narrative = Quantities.of(ctx).narrative
    text = narrative.text
    if rule.params["test"] == "table_rate":
        yield from _table_rates(rule, ctx, narrative)
        return
    for match in _found(narrative, "execution", _EXECUTION):
        final = _cell(match.group("final"))
        if rule.params["test"] == "rate" and match.group("rate"):
            if (budget := _base(match, match.group("base"))) is not None:
                yield from _rate(rule, ctx, text, match, budget, final)
        elif rule.params["test"] == "direction" and (said := _DIRECTION.match(text.text, match.end())):
            if (budget := _base(match, "年初预算" if said.group("initial") else "预算")) is not None:
                yield from _direction(rule, ctx, text, match, said, budget, final)


def _base(match: re.Match, named: str) -> Cell | None:
    """The budget the phrase ``named`` (年初预算, 调整预算, 全年预算, 预算) means: with an adjusted budget
    stated too, a bare 全年预算 or 预算 could be either (None)."""
    if named == "调整预算":
        return _cell(match.group("adjusted")) if match.group("adjusted") else None
    if match.group("adjusted") and named != "年初预算":
        return None
    return _cell(match.group("budget"))


def _found(narrative: Narrative, name: str, pattern: re.Pattern) -> list[re.Match]:
    """The pattern's matches in the joined narrative, found once per narrative."""
    return narrative.derive(f"narrative_execution {name}", lambda n: list(pattern.finditer(n.text.text)))


def _rate(rule, ctx, text, match, budget: Cell, final: Cell) -> Iterator[Violation]:
    stated = match.group("rate")
    verdict = _judged(stated, final, budget)
    if verdict is None:
        return
    message = ctx.zh_en(
        f"说明称支出决算 {final.text}万元 完成{match.group('base')}（{budget.text}万元）的 {stated}%，"
        f"计算为 {format_amount(verdict.computed)}%",
        f"the narrative says {final.text} is {stated}% of the budget {budget.text}; it is "
        f"{format_amount(verdict.computed)}%",
    )
    yield _violation(rule, ctx, text.source(match.start("rate")), verdict, message)


def _table_rates(rule, ctx, narrative: Narrative) -> Iterator[Violation]:
    params, text = rule.params, narrative.text
    for match in _found(narrative, "table rate", _TABLE_RATE):
        if "预算" in match.group("lead"):
            continue  # its budget is stated: test rate
        subjects = [s.key for s in recognise(match.group("lead"), "决算")]
        role = next((params["budgets"][s] for s in subjects if s in params["budgets"]), None)
        budget = _table_budget(ctx, params["kind"], role) if role else None
        if budget is None:
            continue
        stated = match.group(4)
        verdict = _judged(stated, _cell(match.group(2)), budget)
        if verdict is None:
            continue
        message = ctx.zh_en(
            f"说明称{match.group('lead')}决算 {match.group(2)}万元 完成预算的 {stated}%，而表中预算数为 "
            f"{format_amount(budget.value)}，计算为 {format_amount(verdict.computed)}%",
            f"the narrative says {match.group(2)} is {stated}% of the budget; the table's budget is "
            f"{format_amount(budget.value)}, which makes it {format_amount(verdict.computed)}%",
        )
        yield _violation(rule, ctx, text.source(match.start(4)), verdict, message)


def _judged(stated: str, final: Cell, budget: Cell):
    """The verdict on a stated completion rate, None when it holds or cannot be computed."""
    rate = ratio(final, budget)
    if rate is None or budget.amount <= 0:
        return None
    verdict = judge(Decimal(stated), len(stated.partition(".")[2]), rate)
    return verdict if verdict.severity is not None else None


def _table_budget(ctx: Context, kind: str, role: str) -> Cell | None:
    """The 预算数 of the table's total row in ``role``'s column, when read with certainty."""
    for table in ctx.tables(kind):
        column = table.column_index(role)
        rows = find_rows(table, "total") or table.rows
        if column is not None and len(rows) == 1 and rows[0].candidates is None:
            return rows[0].cells[column] if rows[0].cells[column].printed else None
    return None


def _direction(rule, ctx, text, match, said, budget: Cell, final: Cell) -> Iterator[Violation]:
    more = said.group(1) in ("大于", "高于")
    if (final.amount > budget.amount) == more and final.amount != budget.amount:
        return
    message = ctx.zh_en(
        f"说明称决算数{said.group(1)}预算数，但支出决算 {final.text}万元、预算 {budget.text}万元",
        f"the narrative says the outturn is {'above' if more else 'below'} the budget, but it is "
        f"{final.text} against {budget.text}",
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

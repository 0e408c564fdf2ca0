"""Percentages in a table: 增减幅度 = 增减金额 / 上年数 × 100.

The printed rate may be rounded half-up or truncated at its printed decimals, and the two amounts
are themselves rounded: the rate is consistent when some true values of the amounts give a rate
that prints as it does under either rule (interval arithmetic, no fudge factor)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..kernel import Verdict, half_unit
from ..model import Cell
from ..report.model import Violation
from ..rules import Rule
from .base import Context, cell_ref, violation

HUNDRED = Decimal(100)


def rate_range(numerator: Cell, denominator: Cell) -> tuple[Decimal, Decimal] | None:
    """The smallest and largest rate (in %) the rounded amounts allow; None if the denominator may
    be zero."""
    n, hn = numerator.amount, half_unit(numerator)
    d, hd = denominator.amount, half_unit(denominator)
    if d - hd <= 0 <= d + hd:
        return None
    corners = [(n + a) / (d + b) * HUNDRED for a in (-hn, hn) for b in (-hd, hd)]
    return min(corners), max(corners)


def printed_range(rate: Cell) -> tuple[Decimal, Decimal]:
    """The true rates that print as ``rate`` rounded half-up or truncated toward zero."""
    ulp = Decimal(1).scaleb(-(rate.decimals or 0))
    low, high = rate.amount - ulp / 2, rate.amount + ulp / 2
    if rate.amount >= 0:
        high = max(high, rate.amount + ulp)
    if rate.amount <= 0:
        low = min(low, rate.amount - ulp)
    return low, high


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    for table in ctx.tables(params["kinds"]):
        columns = [table.column_index(params[key]) for key in ("rate", "numerator", "denominator")]
        if None in columns:
            continue
        rate_column, num_column, den_column = columns
        for row in table.rows:
            rate, numerator, denominator = (row.cells[i] for i in columns)
            allowed = rate_range(numerator, denominator) if rate.printed else None
            if allowed is None:
                continue
            low, high = printed_range(rate)
            if low <= allowed[1] and allowed[0] <= high:
                continue
            computed = (numerator.amount / denominator.amount * HUNDRED).quantize(Decimal("0.0001"))
            verdict = Verdict(rate.amount, computed, high - rate.amount, "error")
            message = ctx.zh_en(
                f"{row.label}：{table.columns[rate_column].header} 填报 {rate.text}，按 "
                f"{numerator.text} / {denominator.text} 计算为 {format_amount(computed)}%",
                f"{row.label}: {table.columns[rate_column].header} is {rate.text}; "
                f"{numerator.text} / {denominator.text} gives {format_amount(computed)}%",
            )
            cells = [cell_ref(table, row, i) for i in (rate_column, num_column, den_column)]
            yield violation(rule, ctx, table, row, rate_column, verdict, message, cells)

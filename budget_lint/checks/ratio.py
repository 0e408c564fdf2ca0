"""Percentages in a table: 增减幅度 = 增减金额 / 上年数 × 100.

The printed rate may be rounded half-up or truncated at its printed decimals, and the two amounts
are themselves rounded: the rate is consistent when some true values of the amounts give a rate
that prints as it does under either rule (interval arithmetic, no fudge factor; see ``ratio_kernel``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..amounts import format_amount
from ..findings import Violation
from ..model import Table
from ..ratio_kernel import judge, ratio
from ..rules import Rule
from .base import Context, cell_ref, violation


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return ctx.tables(rule.params["kinds"])


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    for table in ctx.tables(params["kinds"]):
        columns = [table.column_index(params[key]) for key in ("rate", "numerator", "denominator")]
        if None in columns:
            continue
        rate_column, num_column, den_column = columns
        for row in table.rows:
            rate, numerator, denominator = (row.cells[i] for i in columns)
            allowed = ratio(numerator, denominator) if rate.printed else None
            if allowed is None:
                continue
            verdict = judge(rate.amount, rate.decimals or 0, allowed)
            if verdict.ok:
                continue
            computed = format_amount(verdict.computed)
            message = ctx.zh_en(
                f"{row.label}：{table.columns[rate_column].header} 填报 {rate.text}，按 "
                f"{numerator.text} / {denominator.text} 计算为 {computed}%",
                f"{row.label}: {table.columns[rate_column].header} is {rate.text}; "
                f"{numerator.text} / {denominator.text} gives {computed}%",
            )
            cells = [cell_ref(table, row, i) for i in (rate_column, num_column, den_column)]
            yield violation(rule, ctx, table, row, rate_column, verdict, message, cells)

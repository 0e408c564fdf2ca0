"""A column of selected rows adds up to a fixed number (绩效指标 权重 sum to 100)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Violation
from ..kernel import check_sum
from ..model import Cell, Row, Table
from ..rules import Rule
from .base import Context, cell_ref, find_rows, sum_message, violation


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return ctx.tables(rule.params["kinds"])


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    target = Cell(value=Decimal(str(params["equals"])))
    for table in ctx.tables(params["kinds"]):
        column = table.column_index(params["column"])
        rows = find_rows(table, params["rows"])
        if column is None or not rows:
            continue
        verdict = check_sum(target, ((1, row.cells[column]) for row in rows), ctx.tolerance)
        if verdict.ok:
            continue
        anchor = Row(label=table.columns[column].header, source=rows[0].source, cells=rows[0].cells)
        what = ctx.zh_en(
            f"{table.label}「{table.columns[column].header}」之和应为 {params['equals']}",
            f"{table.label}: the {table.columns[column].header} should add up to {params['equals']}",
        )
        cells = [cell_ref(table, row, column) for row in rows]
        yield violation(rule, ctx, table, anchor, column, verdict, sum_message(ctx, what, verdict), cells)

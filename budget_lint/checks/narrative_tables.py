"""A narrative figure against the sum of a figure over every table of a kind: the money under performance
targets ("编报绩效目标的项目5个，涉及项目预算资金3328.13万元") against the project tables' 年度资金申请总额
(or 当年预算; their 当年财政拨款 where the narrative names 财政拨款). The tables published may be a sample
of the projects, so the sum is compared only when the narrative states how many there are and the
document prints exactly that many, every one read."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import UNIT_IN_YUAN, check_equal
from ..model import Cell, Row, Table
from ..narrative.quantities import Quantities
from ..rules import Rule
from .base import Context, cell_ref, find_rows
from .narrative_base import AMOUNT, figure_ref, narrative_violation, once


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    printed = [t for t in ctx.document.tables if t.kind == params["kind"]]
    for claim in Quantities.of(ctx).narrative.claims:
        if claim.kind != params["subject"] or claim.amount is None or not claim.amount.money:
            continue
        if claim.count is None or claim.count != len(printed) or any(t.unread for t in printed):
            continue
        # "涉及…当年财政拨款" is the fiscal part of the projects' money, "涉及项目预算资金" all of it
        columns = params["fiscal_columns"] if "财政拨款" in claim.label else params["columns"]
        figures = [_figure(table, params["row"], columns) for table in printed]
        if any(f is None for f in figures):
            continue
        units = {row.cells[column].unit for _, row, column in figures}
        if len(units) != 1 or None in units or units - set(UNIT_IN_YUAN):
            continue
        unit = units.pop()
        narrative = claim.amount.cell(unit)
        cells = [row.cells[column] for _, row, column in figures]
        # the narrative's one rounded figure against the tables' sum: the same money, its intervals meet
        summed = Cell(
            value=sum((c.amount for c in cells), Decimal(0)),
            decimals=max((c.decimals for c in cells if c.decimals is not None), default=None),
            unit=unit,
        )
        verdict = check_equal(narrative, summed, ctx.tolerance)
        if verdict.ok:
            continue
        total = f"{format_amount(verdict.computed)} {narrative.unit}"
        if narrative.unit != claim.amount.unit:
            scaled = verdict.computed * UNIT_IN_YUAN[narrative.unit] / UNIT_IN_YUAN[claim.amount.unit]
            with localcontext() as exact:
                exact.rounding = ROUND_HALF_UP
                shown = scaled.quantize(Decimal(1).scaleb(-claim.amount.decimals))
            total += f"（{format_amount(shown)}{claim.amount.unit}）"
        column = figures[0][0].columns[figures[0][2]].header
        message = ctx.zh_en(
            f"说明中「{claim.label}」为 {claim.amount.text}，而 {len(printed)} 张{printed[0].title}"
            f"的「{column}」合计 {total}",
            f"the narrative's '{claim.label}' is {claim.amount.text}, but the {column} of the "
            f"{len(printed)} tables {printed[0].title} add up to {total}",
        )
        refs = [figure_ref(claim, AMOUNT, claim.amount)] + [cell_ref(t, r, c) for t, r, c in figures]
        yield narrative_violation(rule, ctx, claim, claim.amount.source, AMOUNT, verdict, message, refs)


def _figure(table: Table, row: str, columns: list[str]) -> tuple[Table, Row, int] | None:
    rows = find_rows(table, row)
    column = next((i for role in columns if (i := table.column_index(role)) is not None), None)
    if len(rows) != 1 or column is None:
        return None
    return table, rows[0], column

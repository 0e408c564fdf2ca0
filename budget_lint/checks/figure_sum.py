"""Sums down a column: one row equals the sum of other rows (收入合计 = 本年收入 + 上年结转;
本年支出 = Σ 类; 采购 合计 = 货物 + 工程 + 服务)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Violation
from ..kernel import check_sum
from ..model import Row, Table
from ..rules import Rule
from .base import Context, TableRows, cell_ref, skipped, stand_in, sum_message, violation


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return ctx.tables(rule.params["kinds"], rule.params.get("side"))


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    for table, total, parts in sums(params, ctx):
        wanted = params.get("columns")
        for column in range(len(table.columns)):
            if wanted is not None and table.columns[column].role not in wanted:
                continue
            verdict = check_sum(total.cells[column], ((1, r.cells[column]) for r in parts), ctx.tolerance)
            if verdict.ok or skipped(ctx, rule, verdict):
                continue
            if (cheap := stand_in(rule, ctx, table, total, column, verdict)) is not None:
                yield cheap
                continue
            names = " + ".join(r.label for r in parts)
            if len(names) > 60:
                names = ctx.zh_en(f"{len(parts)}行之和", f"the sum of {len(parts)} rows")
            what = f"{total.label}「{table.columns[column].header}」= {names}"
            cells = [cell_ref(table, total, column)] + [cell_ref(table, r, column) for r in parts]
            yield violation(rule, ctx, table, total, column, verdict, sum_message(ctx, what, verdict), cells)


def sums(params: dict, ctx: Context) -> Iterator[tuple[Table, Row, list[Row]]]:
    """Each table the rule's sum applies to, with its total row and the rows that add up to it (a
    table with no single total, no parts, or a row it could not classify has none)."""
    for table in ctx.tables(params["kinds"], params.get("side")):
        index = ctx.rows(table)
        totals = index.find(params["total"])
        parts = _parts(index, params["parts"])
        if len(totals) == 1 and parts and not _unrecognised(table):
            yield table, totals[0], parts


def _parts(index: TableRows, alternatives: list) -> list:
    """``parts`` lists selectors, or alternatives of selectors (``[[income_current, carry_over],
    [sources, carry_over]]``): the first alternative whose first selector finds rows is used."""
    if alternatives and isinstance(alternatives[0], str):
        alternatives = [alternatives]
    for selectors in alternatives:
        if index.find(selectors[0]):
            return [row for selector in selectors for row in index.find(selector)]
    return []


def _unrecognised(table) -> bool:
    """A row with figures that the reader could not classify (a label wrapped beyond recognition) may
    belong to the sum; then the sum cannot be checked."""
    return any(
        row.role is None and row.code is None and any(c.amount for c in row.cells) for row in table.rows
    )

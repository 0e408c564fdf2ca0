"""Twin tables: the same subject code carries the same amounts in both (表二 ≡ 表八 when all money is
一般公共预算; 表七 合计 ≡ 表八 合计; 表一/表六 类 rows ≡ 表二/表八 类 rows)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..findings import Violation
from ..kernel import check_equal, identical
from ..model import Cell, Row, Table
from ..rules import Rule
from .base import (
    Context,
    Part,
    amount_text,
    cell_ref,
    condition_tables,
    holds,
    skipped,
    stand_in,
    violation,
)


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    lspec, rspec = rule.params["left"], rule.params["right"]
    return [
        *condition_tables(ctx, rule.params.get("when")),
        *ctx.tables(lspec["kind"], lspec.get("side")),
        *ctx.tables(rspec["kind"], rspec.get("side")),
    ]


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    for left, right, lc, rc, pairs in _matches(rule, ctx):
        for lrow, rrow in pairs:
            if lrow is None or rrow is None:
                if (lrow or rrow).cells[lc if lrow else rc].amount:  # else nothing is missing
                    yield from _missing(rule, left, right, lrow, rrow, lc, rc, ctx)
            elif not identical(lrow.cells[lc], rrow.cells[rc]):
                yield from _pair(rule, left, right, lrow, rrow, lc, rc, ctx)


def units(rule: Rule, ctx: Context) -> Iterator[Part]:
    """The check split into independent parts, one per pair of twin rows and column, made one at a time (see
    ``placement``)."""
    for left, right, lc, rc, pairs in _matches(rule, ctx):
        for lrow, rrow in pairs:
            if lrow is None or rrow is None:
                yield Part(partial(_missing, rule, left, right, lrow, rrow, lc, rc), (lrow or rrow,))
            else:
                yield Part(partial(_pair, rule, left, right, lrow, rrow, lc, rc), (lrow, rrow))


Match = tuple[Table, Table, int, int, list[tuple[Row | None, Row | None]]]


def _matches(rule: Rule, ctx: Context) -> Iterator[Match]:
    """Each pair of twin tables and columns, with the pairs of twin rows (one of them None when the other
    table lacks the subject)."""
    params = rule.params
    if not holds(ctx, params.get("when")):
        return
    lspec, rspec, levels = params["left"], params["right"], params.get("levels")
    for left in ctx.tables(lspec["kind"], lspec.get("side")):
        for right in ctx.tables(rspec["kind"], rspec.get("side")):
            yield from _pairs(ctx, left, right, levels, params["columns"], params.get("totals", True))


def _pairs(ctx: Context, left: Table, right: Table, levels, columns, totals: bool) -> Iterator[Match]:
    lindex, rindex = ctx.rows(left), ctx.rows(right)
    lrows, rrows = lindex.at_levels(levels), rindex.at_levels(levels)
    luncoded, runcoded = lindex.uncoded, rindex.uncoded
    pairs = [
        (
            lrows.get(code) or luncoded.get(rrows[code].label),
            rrows.get(code) or runcoded.get(lrows[code].label),
        )
        for code in dict.fromkeys([*lrows, *rrows])
    ]
    if totals and lindex.total and rindex.total:
        pairs.insert(0, (lindex.total, rindex.total))
    if not (lrows and rrows):
        # A table that lists no subjects at all (a 支出总表 printing only its total) is not missing any
        # one of them.
        pairs = [(lrow, rrow) for lrow, rrow in pairs if lrow is not None and rrow is not None]
    for lrole, rrole in columns:
        lc, rc = left.column_index(lrole), right.column_index(rrole)
        if lc is not None and rc is not None:
            yield left, right, lc, rc, pairs


def _pair(rule, left: Table, right: Table, lrow: Row, rrow: Row, lc: int, rc: int, ctx) -> Iterator:
    verdict = check_equal(lrow.cells[lc], rrow.cells[rc], ctx.tolerance)
    if verdict.ok or skipped(ctx, rule, verdict):
        return
    if (cheap := stand_in(rule, ctx, left, lrow, lc, verdict)) is not None:
        yield cheap
        return
    lamount, ramount = amount_text(lrow.cells[lc]), amount_text(rrow.cells[rc])
    message = ctx.zh_en(
        f"{lrow.code or lrow.label} {lrow.label}「{left.columns[lc].header}」{left.label} 为 "
        f"{lamount}，{right.label} 为 {ramount}",
        f"{lrow.code or lrow.label} {lrow.label} [{left.columns[lc].header}]: {left.label} has "
        f"{lamount}, {right.label} has {ramount}",
    )
    cells = [cell_ref(left, lrow, lc), cell_ref(right, rrow, rc)]
    yield violation(rule, ctx, left, lrow, lc, verdict, message, cells)


def _missing(rule, left, right, lrow, rrow, lc, rc, ctx) -> Iterator[Violation]:
    present, table, column, absent = (lrow, left, lc, right) if lrow else (rrow, right, rc, left)
    cell: Cell = present.cells[column]
    if not cell.amount or skipped(ctx, rule, None):
        return
    if (cheap := stand_in(rule, ctx, table, present, column, None)) is not None:
        yield cheap
        return
    ref = cell_ref(table, present, column)
    amount = ref.value  # printed: its amount is not 0
    message = (  # one language only: a long table may miss its twin's every row
        f"{present.code} {present.label} is {amount} in {table.label} but missing from {absent.label}"
        if ctx.lang == "en"
        else f"{present.code} {present.label} 在{table.label}中为 {amount}，{absent.label}中没有该科目"
    )
    yield violation(rule, ctx, table, present, column, None, message, [ref])

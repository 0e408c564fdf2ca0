"""Twin tables: the same subject code carries the same amounts in both (表二 ≡ 表八 when all money is
一般公共预算; 表七 合计 ≡ 表八 合计; 表一/表六 类 rows ≡ 表二/表八 类 rows)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..findings import Violation
from ..kernel import check_equal
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


def _rows(table: Table, levels: list[int] | None) -> dict[str, Row]:
    return {code: row for code, row in table.coded_rows().items() if levels is None or row.level in levels}


def _uncoded(table: Table) -> dict[str, Row]:
    """The rows of ``table`` whose code was printed malformed (BL003), the first of each name: the
    subject a twin row of that name is about is there, its code unreadable."""
    found: dict[str, Row] = {}
    for row in table.rows:
        if row.code is None and row.role is None:
            found.setdefault(row.label, row)
    return found


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    lspec, rspec = rule.params["left"], rule.params["right"]
    return [
        *condition_tables(ctx, rule.params.get("when")),
        *ctx.tables(lspec["kind"], lspec.get("side")),
        *ctx.tables(rspec["kind"], rspec.get("side")),
    ]


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    for unit in units(rule, ctx):  # one at a time: a long table's parts are a hundred bytes each
        yield from unit(ctx)


def units(rule: Rule, ctx: Context) -> Iterator[Part]:
    """The check split into independent parts, one per pair of twin rows and column, made one at a time (see
    ``placement``)."""
    params = rule.params
    if not holds(ctx, params.get("when")):
        return
    lspec, rspec, levels = params["left"], params["right"], params.get("levels")
    for left in ctx.tables(lspec["kind"], lspec.get("side")):
        for right in ctx.tables(rspec["kind"], rspec.get("side")):
            yield from _pairs(rule, left, right, levels, params["columns"], params.get("totals", True))


def _pairs(rule, left: Table, right: Table, levels, columns, totals: bool) -> Iterator[Part]:
    lrows, rrows = _rows(left, levels), _rows(right, levels)
    luncoded, runcoded = _uncoded(left), _uncoded(right)
    pairs = [
        (
            lrows.get(code) or luncoded.get(rrows[code].label),
            rrows.get(code) or runcoded.get(lrows[code].label),
        )
        for code in dict.fromkeys([*lrows, *rrows])
    ]
    if totals and left.total_row() and right.total_row():
        pairs.insert(0, (left.total_row(), right.total_row()))
    for lrole, rrole in columns:
        lc, rc = left.column_index(lrole), right.column_index(rrole)
        if lc is None or rc is None:
            continue
        for lrow, rrow in pairs:
            if lrow is None or rrow is None:
                # A table that lists no subjects at all (a 支出总表 printing only its total) is
                # not missing any one of them.
                if lrows and rrows:
                    missing = partial(_missing, rule, left, right, lrow, rrow, lc, rc)
                    yield Part(missing, (lrow or rrow,))
                continue
            yield Part(partial(_pair, rule, left, right, lrow, rrow, lc, rc), (lrow, rrow))


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
    amount = amount_text(cell)
    message = ctx.zh_en(
        f"{present.code} {present.label} 在{table.label}中为 {amount}，{absent.label}中没有该科目",
        f"{present.code} {present.label} is {amount} in {table.label} but missing from {absent.label}",
    )
    yield violation(rule, ctx, table, present, column, None, message, [cell_ref(table, present, column)])

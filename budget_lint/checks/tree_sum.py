"""Hierarchy: a 类 equals the sum of its 款, a 款 the sum of its 项, the total row the sum of the 类
(function codes); an economic 类 the sum of its 款. Per amount column."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..findings import Violation
from ..kernel import check_sum
from ..model import Row, Table
from ..recognise import parent_code
from ..rules import Rule
from .base import Context, Part, cell_ref, skipped, stand_in, sum_message, violation


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return [t for t in ctx.tables(rule.params["kinds"]) if t.side is None]


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    for unit in units(rule, ctx):
        yield from unit(ctx)


def units(rule: Rule, ctx: Context) -> Iterator[Part]:
    """The check split into independent parts, one per parent and its children, made one at a time (see
    ``placement``)."""
    for table in ctx.tables(rule.params["kinds"]):
        if table.side is not None:
            continue
        codes = table.coded_rows()
        for parent_code_, children in children_by_parent(table).items():
            parent = codes.get(parent_code_) if parent_code_ else table.total_row()
            if parent is not None:
                yield Part(partial(_group, rule, table, parent, children), (parent, *children))


def children_by_parent(table: Table) -> dict[str | None, list[Row]]:
    """Coded rows grouped under their parent's code; the 类 rows under None (the total row)."""
    codes = table.coded_rows()
    groups: dict[str | None, list[Row]] = {}
    for row in table.rows:
        if not row.code:
            continue
        parent = parent_code(row.code)
        if parent is None and len(row.code) == 3:
            groups.setdefault(None, []).append(row)
        elif parent in codes:
            groups.setdefault(parent, []).append(row)
    return groups


def _group(rule: Rule, table: Table, parent: Row, children: list[Row], ctx: Context) -> Iterator[Violation]:
    for column in range(len(table.columns)):
        verdict = check_sum(parent.cells[column], ((1, c.cells[column]) for c in children), ctx.tolerance)
        if verdict.ok or skipped(ctx, rule, verdict):
            continue
        if (cheap := stand_in(rule, ctx, table, parent, column, verdict)) is not None:
            yield cheap
            continue
        what = ctx.zh_en(
            f"{parent.code or '合计'} {parent.label}「{table.columns[column].header}」与下级科目之和",
            f"{parent.code or 'total'} {parent.label} [{table.columns[column].header}] vs the sum of its "
            f"sub-items",
        )
        cells = [cell_ref(table, parent, column)] + [cell_ref(table, c, column) for c in children]
        yield violation(rule, ctx, table, parent, column, verdict, sum_message(ctx, what, verdict), cells)

"""Hierarchy: a 类 equals the sum of its 款, a 款 the sum of its 项, the total row the sum of the 类
(function codes); an economic 类 the sum of its 款. Per amount column."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from operator import itemgetter

from ..findings import Violation
from ..kernel import check_sum_of, exact_sum
from ..model import Row, Table
from ..rules import Rule
from .base import (
    Context,
    Part,
    cell_refs,
    children_by_parent,
    skipped,
    stand_in,
    sum_message,
    violation,
)

__all__ = ["children_by_parent", "reads", "run", "units"]


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return [t for t in ctx.tables(rule.params["kinds"]) if t.side is None]


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    for table, parent, children in _groups(rule, ctx):
        yield from _group(rule, table, parent, children, ctx)


def units(rule: Rule, ctx: Context) -> Iterator[Part]:
    """The check split into independent parts, one per parent and its children, made one at a time (see
    ``placement``)."""
    for table, parent, children in _groups(rule, ctx):
        yield Part(partial(_group, rule, table, parent, children), (parent, *children))


def _groups(rule: Rule, ctx: Context) -> Iterator[tuple[Table, Row, list[Row]]]:
    """Each parent row with its children."""
    for table in reads(rule, ctx):
        rows = ctx.rows(table)
        for code, children in rows.children.items():
            parent = rows.coded.get(code) if code else rows.total
            if parent is not None:
                yield table, parent, children


def _group(rule: Rule, table: Table, parent: Row, children: list[Row], ctx: Context) -> Iterator[Violation]:
    children_cells = [child.cells for child in children]
    for column in range(len(table.columns)):
        if exact_sum(map(itemgetter(column), children_cells)) == parent.cells[column].amount:
            continue  # adds up: consistent in every mode
        verdict = check_sum_of(parent.cells[column], map(itemgetter(column), children_cells), ctx.tolerance)
        if verdict.ok or skipped(ctx, rule, verdict):
            continue
        family = [parent, *children]
        # a 款 of a hundred guessed 项 in a long table: the engine drops its finding, so it is not built
        if (cheap := stand_in(rule, ctx, table, parent, column, verdict, family)) is not None:
            yield cheap
            continue
        what = ctx.zh_en(
            f"{parent.code or '合计'} {parent.label}「{table.columns[column].header}」与下级科目之和",
            f"{parent.code or 'total'} {parent.label} [{table.columns[column].header}] vs the sum of its "
            f"sub-items",
        )
        cells = cell_refs(table, family, column)
        yield violation(rule, ctx, table, parent, column, verdict, sum_message(ctx, what, verdict), cells)

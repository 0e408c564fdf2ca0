"""Row identities: in every row, the total column equals the sum of its part columns
(合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费; 小计 = 购置 + 运行 …)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..findings import Violation
from ..kernel import balanced, check_sum
from ..model import Row, Table
from ..rules import Rule
from .base import Context, Part, cell_ref, skipped, stand_in, sum_message, violation


def part_columns(table: Table, params: dict) -> list[tuple[int, int]]:
    """The (weight, column) parts of an identity: the roles listed (``-prior_year`` subtracts), or
    with ``parts: rest`` every other column except the excluded roles."""
    total = params["total"]
    if params["parts"] == "rest":
        excluded = {total, *params.get("exclude", [])}
        return [(1, i) for i, c in enumerate(table.columns) if c.role not in excluded]
    parts = []
    for role in params["parts"]:
        weight, name = (-1, role[1:]) if role.startswith("-") else (1, role)
        index = table.column_index(name)
        if index is not None:
            parts.append((weight, index))
    return parts


def applies(table: Table, params: dict) -> bool:
    required, excluded = params.get("requires", []), params.get("unless", [])
    return (
        table.column_index(params["total"]) is not None
        and bool(part_columns(table, params))
        and all(table.column_index(role) is not None for role in required)
        and all(table.column_index(role) is None for role in excluded)
    )


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return ctx.tables(rule.params["kinds"], rule.params.get("side"))


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    for table, total, parts in _identities(rule, ctx):
        for row in table.rows:
            if not balanced(row.cells, total, parts):
                yield from _broken(rule, table, total, parts, row, ctx)


def units(rule: Rule, ctx: Context) -> Iterator[Part]:
    """The check split into independent parts, one per row, made one at a time (see ``placement``)."""
    for table, total, parts in _identities(rule, ctx):
        yield from (Part(partial(_row, rule, table, total, parts, row), (row,)) for row in table.rows)


def _identities(rule: Rule, ctx: Context) -> Iterator[tuple[Table, int, list[tuple[int, int]]]]:
    """Each table the identity applies to, with its total column and (weight, column) parts."""
    params = rule.params
    for table in ctx.tables(params["kinds"], params.get("side")):
        if applies(table, params):
            yield table, table.column_index(params["total"]), part_columns(table, params)


def _row(
    rule: Rule, table: Table, total: int, parts: list[tuple[int, int]], row: Row, ctx: Context
) -> Iterator[Violation]:
    if not balanced(row.cells, total, parts):
        yield from _broken(rule, table, total, parts, row, ctx)


def _broken(
    rule: Rule, table: Table, total: int, parts: list[tuple[int, int]], row: Row, ctx: Context
) -> Iterator[Violation]:
    """The finding of a row whose identity does not add up exactly (a rounding residue, or a break)."""
    verdict = check_sum(row.cells[total], ((w, row.cells[i]) for w, i in parts), ctx.tolerance)
    if verdict.ok or skipped(ctx, rule, verdict):
        return
    if (cheap := stand_in(rule, ctx, table, row, total, verdict)) is not None:
        yield cheap
        return
    names = " ".join(f"{'-' if w < 0 else '+'} {table.columns[i].header}" for w, i in parts).lstrip("+ ")
    what = ctx.zh_en(
        f"{row.code or ''} {row.label}：{table.columns[total].header} = {names}",
        f"{row.code or ''} {row.label}: {table.columns[total].header} = {names}",
    ).strip()
    cells = [cell_ref(table, row, total)] + [cell_ref(table, row, i) for _, i in parts]
    yield violation(rule, ctx, table, row, total, verdict, sum_message(ctx, what, verdict), cells)

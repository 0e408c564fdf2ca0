"""One figure against another, in the same table or across tables: equal (the same quantity printed
twice must match exactly), or not exceeding (表三 30217 公务接待费 ≤ 三公 公务接待费: 三公 also covers
project spending); or a sum of figures against one (人员经费合计 + 公用经费合计 = 基本支出)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..kernel import check_equal, check_le, check_sum
from ..model import Row, Table
from ..rules import Rule
from .base import Context, amount_text, cell_ref, condition_tables, holds, violation


def figure(ctx: Context, spec: dict) -> tuple[Table, Row, int] | None:
    """The single cell named by ``{kind, side, row, column, label}``; ``row`` may list selectors, the
    first that finds a row wins; ``label`` (a pattern) must match the row's name. None when the document
    lacks it."""
    selectors = spec["row"] if isinstance(spec["row"], list) else [spec["row"]]
    for table in ctx.tables(spec["kind"], spec.get("side")):
        index = ctx.rows(table)
        rows = next((found for s in selectors if (found := index.find(s))), [])
        if "label" in spec:  # a code means what its name says only in the national catalogue
            rows = [r for r in rows if re.search(spec["label"], r.label)]
        column = table.column_index(spec.get("column", "total"))
        if len(rows) == 1 and column is not None:
            return table, rows[0], column
    return None


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    params = rule.params
    specs = [params["left"], params["right"], *params.get("plus", [])]
    return condition_tables(ctx, params.get("when")) + [
        t for spec in specs for t in ctx.tables(spec["kind"], spec.get("side"))
    ]


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    if not holds(ctx, params.get("when")):
        return
    left, right = figure(ctx, params["left"]), figure(ctx, params["right"])
    plus = [figure(ctx, spec) for spec in params.get("plus", [])]
    if left is None or right is None or None in plus:
        return
    (lt, lr, lc), (rt, rr, rc) = left, right
    lcell, rcell = lr.cells[lc], rr.cells[rc]
    op = params.get("op", "eq")
    if plus:  # a sum of figures against one: each term's rounding counts
        terms = [(1, lcell)] + [(1, row.cells[column]) for _, row, column in plus]
        verdict = check_sum(rcell, terms, ctx.tolerance)
    else:
        verdict = check_le(lcell, rcell) if op == "le" else check_equal(lcell, rcell, ctx.tolerance)
    if verdict.ok:
        return
    where_l = " + ".join(
        f"{table.label}「{row.code or row.label}」{table.columns[column].header}"
        for table, row, column in [left, *plus]
    )
    where_r = f"{rt.label}「{rr.code or rr.label}」{rt.columns[rc].header}"
    sign = "≤" if op == "le" else "="
    message = ctx.zh_en(
        f"{where_l} {_amounts(lcell, plus)} 应 {sign} {where_r} {amount_text(rcell)}",
        f"{where_l} {_amounts(lcell, plus)} should be {sign} {where_r} {amount_text(rcell)}",
    )
    parts = [cell_ref(lt, lr, lc)] + [cell_ref(t, r, c) for t, r, c in plus]
    # a sum: its figure is the reported one, first among the cells as in every sum, and its rounding
    # residue is info (severity from the verdict), as in figure_sum
    if plus:
        cells = [cell_ref(rt, rr, rc), *parts]
        yield violation(rule, ctx, rt, rr, rc, verdict, message, cells, severity=None)
        return
    yield violation(rule, ctx, lt, lr, lc, verdict, message, [*parts, cell_ref(rt, rr, rc)])


def _amounts(first, plus) -> str:
    return " + ".join(amount_text(cell) for cell in [first, *(row.cells[column] for _, row, column in plus)])

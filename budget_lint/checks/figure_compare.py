"""One figure against another, in the same table or across tables: equal (the same quantity printed
twice must match exactly), or not exceeding (表三 30217 公务接待费 ≤ 三公 公务接待费: 三公 also covers
project spending)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..kernel import check_equal, check_le
from ..model import Row, Table
from ..rules import Rule
from .base import Context, amount_text, cell_ref, find_rows, holds, violation


def figure(ctx: Context, spec: dict) -> tuple[Table, Row, int] | None:
    """The single cell named by ``{kind, side, row, column, label}``; ``row`` may list selectors, the
    first that finds a row wins; ``label`` (a pattern) must match the row's name. None when the document
    lacks it."""
    selectors = spec["row"] if isinstance(spec["row"], list) else [spec["row"]]
    for table in ctx.tables(spec["kind"], spec.get("side")):
        rows = next((found for s in selectors if (found := find_rows(table, s))), [])
        if "label" in spec:  # a code means what its name says only in the national catalogue
            rows = [r for r in rows if re.search(spec["label"], r.label)]
        column = table.column_index(spec.get("column", "total"))
        if len(rows) == 1 and column is not None:
            return table, rows[0], column
    return None


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    if not holds(ctx, params.get("when")):
        return
    left, right = figure(ctx, params["left"]), figure(ctx, params["right"])
    if left is None or right is None:
        return
    (lt, lr, lc), (rt, rr, rc) = left, right
    lcell, rcell = lr.cells[lc], rr.cells[rc]
    op = params.get("op", "eq")
    verdict = check_le(lcell, rcell) if op == "le" else check_equal(lcell, rcell, ctx.tolerance)
    if verdict.ok:
        return
    where_l = f"{lt.label}「{lr.code or lr.label}」{lt.columns[lc].header}"
    where_r = f"{rt.label}「{rr.code or rr.label}」{rt.columns[rc].header}"
    sign = "≤" if op == "le" else "="
    message = ctx.zh_en(
        f"{where_l} {amount_text(lcell)} 应 {sign} {where_r} {amount_text(rcell)}",
        f"{where_l} {amount_text(lcell)} should be {sign} {where_r} {amount_text(rcell)}",
    )
    cells = [cell_ref(lt, lr, lc), cell_ref(rt, rr, rc)]
    yield violation(rule, ctx, lt, lr, lc, verdict, message, cells, severity=rule.severity)

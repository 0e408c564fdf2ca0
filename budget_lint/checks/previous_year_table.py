"""A 三公 table's 上年 column against last year's document of the same department and stage
(``Context.previous``, set in cross-year runs: see ``budget_lint/previous_year.py``).

A 决算 table listing the 三公 items as rows (上年决算数 | 本年决算数 | 增减) states last year's outturn:
each item's 上年 figure must be the outturn last year's 决算 gives for it, in its items table (本年 column)
or in its 三公 table (the 决算数 columns, never the 预算数 ones). Only 决算 are compared: a 预算's 上年
column may hold last year's budget or what was spent (上年执行数), and the reader keeps no more of its
header than the role, so like could not be told from unlike. An item last year's document does not give
for certain (a 合计 that includes 会议费 and 培训费) is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import CellRef, Violation
from ..kernel import check_equal
from ..model import Cell, Document, Row, Table
from ..recognise import THREE_PUBLIC_ITEMS
from ..rules import Rule
from .base import Context, amount_text, cell_ref, sum_message, violation

ITEMS = ("final_three_public_items",)
COLUMNS = ("final_three_public",)
_ROLES = ("total", *sorted(THREE_PUBLIC_ITEMS))


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    if ctx.previous is None:
        return
    path, earlier = ctx.previous
    if not (ctx.document.stage == earlier.stage == "决算"):
        return
    last_year = _outturns(earlier)
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for table in ctx.tables(list(ITEMS)):
        column = table.column_index("prior_year")
        if column is None:
            continue
        for row in table.rows:
            found = last_year.get(row.role or "")
            cell = row.cells[column] if column < len(row.cells) else None
            if found is None or cell is None or not cell.printed:
                continue
            then_table, then_row, then_column = found
            then = then_row.cells[then_column]
            now, was = _with_unit(cell, table), _with_unit(then, then_table)
            if now.unit is None or was.unit is None:
                continue  # figures across documents are compared only in known units
            verdict = check_equal(now, was, ctx.tolerance)
            if verdict.ok:
                continue
            where = _where(name, then)
            what = ctx.zh_en(
                f"{table.label}「{row.label}」上年数 {cell.text}，上年文件为 {amount_text(then)}（{where}）",
                f"{table.label} '{row.label}': last year stated as {cell.text}, last year's document "
                f"gives {amount_text(then)} ({_where(name, then, 'en')})",
            )
            cells = [cell_ref(table, row, column), _earlier_ref(name, then_table, then_row, then_column)]
            yield violation(rule, ctx, table, row, column, verdict, sum_message(ctx, what, verdict), cells)


def _outturns(document: Document) -> dict[str, tuple[Table, Row, int]]:
    """Each 三公 item's outturn in last year's 决算, from the first of its tables that gives it: an items
    table's 本年 column, else the total row of a 三公 table (its 决算数 columns). The 合计 is taken from
    a 三公 table only where it holds the 三公 items alone (no 会议费 / 培训费 column)."""
    found: dict[str, tuple[Table, Row, int]] = {}
    for table in document.tables:
        if table.unread is not None:
            continue
        if table.kind in ITEMS and (column := table.column_index("this_year")) is not None:
            for row in table.rows:
                if row.role in _ROLES and column < len(row.cells):
                    found.setdefault(row.role, (table, row, column))
        elif table.kind in COLUMNS and (total := table.total_row()) is not None:
            roles = table.roles()
            alone = not {"meeting", "training"} & set(roles)
            subtotal = "three_public_subtotal" in roles
            for role in _ROLES:
                key = "three_public_subtotal" if role == "total" and subtotal else role
                column = table.column_index(key)
                if column is None or column >= len(total.cells) or (key == "total" and not alone):
                    continue
                found.setdefault(role, (table, total, column))
    return found


def _with_unit(cell: Cell, table: Table) -> Cell:
    """The cell with its table's unit where it carries none (a comparison across documents needs both)."""
    return cell if cell.unit or not table.unit else replace(cell, unit=table.unit)


def _where(name: str, cell: Cell, lang: str = "zh") -> str:
    if cell.source.line is not None:
        return f"{name} 第{cell.source.line}行" if lang == "zh" else f"{name} line {cell.source.line}"
    if cell.source.page is not None:
        return f"{name} 第{cell.source.page}页" if lang == "zh" else f"{name} page {cell.source.page}"
    return name


def _earlier_ref(name: str, table: Table, row: Row, column: int) -> CellRef:
    """Last year's cell, located in last year's document (named in the table field)."""
    ref = cell_ref(table, row, column)
    return replace(ref, table=f"{name}:{ref.table}")

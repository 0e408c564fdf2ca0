"""A cell that must be blank or zero for rows of a kind (行政运行 carries no 项目支出)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..model import Table
from ..rules import Rule
from .base import Context, amount_text, cell_ref, violation


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    return ctx.tables(rule.params["kinds"])


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    code, label = re.compile(params["code"]), re.compile(params["label"])
    for table in ctx.tables(params["kinds"]):
        column = table.column_index(params["column"])
        if column is None:
            continue
        for row in table.rows:
            if not (row.code and code.search(row.code) and label.search(row.label)):
                continue
            cell = row.cells[column]
            if not cell.amount:
                continue
            message = ctx.zh_en(
                f"{row.code} {row.label} 列有{table.columns[column].header} {amount_text(cell)}",
                f"{row.code} {row.label} carries {table.columns[column].header} {amount_text(cell)}",
            )
            yield violation(rule, ctx, table, row, column, None, message, [cell_ref(table, row, column)])

"""A 类 printed in a table under the name it had before the 2019 catalogue (医疗卫生与计划生育支出 in a
2024 table, where 210 is 卫生健康支出): a leftover of an old template."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import CellRef, Violation
from ..recognise import RENAME_YEAR, old_class
from ..rules import Rule
from .base import Context, row_key, violation


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    year = ctx.document.year
    if year is None or year < RENAME_YEAR:
        return
    for table in ctx.document.tables:
        for row in table.rows:
            renamed = old_class(row.label)
            if renamed is None:
                continue
            code, new = renamed
            message = ctx.zh_en(
                f"{table.label}中的「{row.label}」是{RENAME_YEAR}年以前的类名称，"
                f"{year}年类 {code} 应为「{new}」",
                f"'{row.label}' in {table.label} is the 类 name used before {RENAME_YEAR}; "
                f"in {year} {code} is '{new}'",
            )
            cells = [CellRef(table=table.label, row=row_key(row), label=row.label, source=row.source)]
            yield violation(rule, ctx, table, row, None, None, message, cells)

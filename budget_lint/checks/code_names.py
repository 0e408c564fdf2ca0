"""The same subject code carries the same name in every table of a document. A 类 printed under its
pre-2019 name is the known rename (BL504 reports it), not a second name."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import CellRef, Violation
from ..model import Table
from ..recognise import old_class, squash
from ..rules import Rule
from .base import Context, violation


def _name(code: str, label: str) -> str:
    renamed = old_class(label)
    if renamed is not None and renamed[0] == code:
        label = renamed[1]
    return squash(label).replace("(", "（").replace(")", "）")


def _cut_short(a: str, b: str) -> bool:
    """The same name, or one the beginning of the other: a name too long for its cell wraps, and the
    part on the next line may not be read as the row's (a code's names disagree only where they
    differ, not where one stops)."""
    return a.startswith(b) or b.startswith(a)


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """No table: ``run`` reads codes, names and titles, never a cell (see ``placement``)."""
    return []


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    first: dict[str, tuple] = {}  # each code's first row and its table
    for table in ctx.document.tables:
        for row in table.rows:
            if not row.code or not row.label:
                continue
            if row.code not in first:
                first[row.code] = (table, row)
                continue
            ftable, frow = first[row.code]
            # the same label is the same name: most twin rows print it alike, and need no comparing
            if frow.label == row.label or _cut_short(_name(row.code, frow.label), _name(row.code, row.label)):
                continue
            message = ctx.zh_en(
                f"科目 {row.code} 在{ftable.label}中名为「{frow.label}」，"
                f"在{table.label}中名为「{row.label}」",
                f"code {row.code} is named '{frow.label}' in {ftable.label} "
                f"but '{row.label}' in {table.label}",
            )
            cells = [
                CellRef(table=ftable.label, row=row.code, source=frow.source, label=frow.label),
                CellRef(table=table.label, row=row.code, source=row.source, label=row.label),
            ]
            yield violation(rule, ctx, table, row, None, None, message, cells)

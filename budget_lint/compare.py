"""``budget-lint compare BOOK PUBLISHED``: the published document against the workbook it was made from.

Both are read by their own readers into the same model and their placements settled; then the two are
matched table by table (by kind and side, in order), row by row (by subject code, else by role, else
by label) and column by column (by role), and every figure that differs is reported at both places:
in the workbook at its cell, in the PDF at its page. Amounts are compared in 元 (a table in 万元 is
scaled); a figure printed with fewer decimals than its counterpart matches when the two are within
half a unit of its last digit (the interval it stands for), so a PDF that rounds the workbook's cents
is no slip. Blank is zero. A table on one side only, or not read on one side, is said to be
left out (BL703), never passed as equal.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from .amounts import format_amount
from .checks.base import row_key
from .engine import Options, settle
from .findings import CellRef, DocumentReport, Violation
from .model import Cell, Document, Row, Source, Table
from .readers import ReadError, read_document
from .recognise import squash
from .report import location

SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100_000_000)}


def compare_paths(left: str, right: str, options: Options | None = None) -> list[DocumentReport]:
    """One report per input, each holding the differences at its own places."""
    options = options or Options()
    documents: list[Document | None] = []
    reports = []
    for path in (left, right):
        try:
            document = read_document(path)
            settle(document, options)
            documents.append(document)
            reports.append(DocumentReport(path=path))
        except ReadError as exc:
            documents.append(None)
            reports.append(DocumentReport(path=path, error=str(exc)))
    a, b = documents
    if a is None or b is None:
        return reports
    rules = {r.code: r for r in options.rules}
    differ = _Differ(a, b, options.lang, rules)
    differ.run()
    for report, found in zip(reports, differ.found, strict=True):
        report.violations = sorted(
            (v for v in found if options.enabled is None or v.code in options.enabled), key=Violation.sort_key
        )
    return reports


class _Differ:
    def __init__(self, a: Document, b: Document, lang: str, rules: dict):
        self.docs = (a, b)
        self.names = (Path(a.path).name, Path(b.path).name)
        self.lang = lang
        self.rules = rules
        self.found: tuple[list[Violation], list[Violation]] = ([], [])

    def zh_en(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def run(self) -> None:
        pairs: dict[tuple, list[list[Table]]] = {}
        for side, document in enumerate(self.docs):
            for table in document.tables:
                if table.kind is not None:
                    slot = pairs.setdefault((table.kind, table.side), [[], []])
                    slot[side].append(table)
        for tables in pairs.values():
            for i in range(max(len(tables[0]), len(tables[1]))):
                ta = tables[0][i] if i < len(tables[0]) else None
                tb = tables[1][i] if i < len(tables[1]) else None
                if ta is None or tb is None or ta.unread or tb.unread:
                    self._left_out(ta, tb)
                else:
                    self._tables(ta, tb)

    def _left_out(self, ta: Table | None, tb: Table | None) -> None:
        for side, (table, other) in enumerate(((ta, tb), (tb, ta))):
            if table is None:
                continue
            other_name = self.names[1 - side]
            why = (
                self.zh_en(f"{other_name} 中没有这张表", f"{other_name} has no such table")
                if other is None
                else self.zh_en("有一方未能可靠读取", "one side was not read reliably")
            )
            message = self.zh_en(f"{table.title}：{why}，未对照", f"{table.title}: {why}; not compared")
            self._add(side, "BL703", table, None, None, message, [], table.source)

    def _tables(self, ta: Table, tb: Table) -> None:
        rows_a, rows_b = _keyed(ta), _keyed(tb)
        columns = [
            (i, j)
            for i, ca in enumerate(ta.columns)
            for j, cb in enumerate(tb.columns)
            if (ca.role or squash(ca.header)) == (cb.role or squash(cb.header))
        ]
        for key in dict.fromkeys([*rows_a, *rows_b]):
            ra, rb = rows_a.get(key), rows_b.get(key)
            if ra is None or rb is None:
                self._missing(ta, tb, ra, rb)
                continue
            if ra.candidates or rb.candidates:  # a placement still open: compare what was printed
                printed = (sorted(_values(ta, ra)), sorted(_values(tb, rb)))
                if printed[0] != printed[1]:
                    self._row_differs(ta, tb, ra, rb)
                continue
            for i, j in columns:
                if i < len(ra.cells) and j < len(rb.cells):
                    self._cells(ta, tb, ra, rb, i, j)

    def _cells(self, ta: Table, tb: Table, ra: Row, rb: Row, i: int, j: int) -> None:
        ca, cb = ra.cells[i], rb.cells[j]
        if _same(ca, ta, cb, tb):
            return
        column = ta.columns[i].header
        for side, (table, row, cell, other_cell, other_table) in enumerate(
            ((ta, ra, ca, cb, tb), (tb, rb, cb, ca, ta))
        ):
            here, there = _shown(cell, table), _shown(other_cell, other_table)
            other_name = self.names[1 - side]
            where = location(other_name, other_cell.source)
            message = self.zh_en(
                f"{row_key(row)} {row.label}「{column}」：此处为 {here}，{where} 为 {there}",
                f"{row_key(row)} {row.label} '{column}': {here} here, {there} at {where}",
            )
            refs = [
                CellRef(table=table.label, row=row_key(row), column=column, value=here, source=cell.source),
                CellRef(
                    table=other_table.label,
                    row=row_key(row),
                    column=column,
                    value=there,
                    source=other_cell.source,
                ),
            ]
            v = self._add(side, "BL701", table, row, column, message, refs, cell.source)
            v.reported, v.computed = here, there
            v.difference = format_amount(_yuan(cell, table) - _yuan(other_cell, other_table))

    def _row_differs(self, ta: Table, tb: Table, ra: Row, rb: Row) -> None:
        for side, (table, row, other) in enumerate(((ta, ra, rb), (tb, rb, ra))):
            mine = " ".join(c.text for c in row.cells if c.printed)
            theirs = " ".join(c.text for c in other.cells if c.printed)
            where = location(self.names[1 - side], other.source)
            message = self.zh_en(
                f"{row_key(row)} {row.label}：此处印有 {mine}，{where} 为 {theirs}",
                f"{row_key(row)} {row.label}: {mine} here, {theirs} at {where}",
            )
            self._add(side, "BL701", table, row, None, message, [], row.source)

    def _missing(self, ta: Table, tb: Table, ra: Row | None, rb: Row | None) -> None:
        side, table, row = (0, ta, ra) if ra is not None else (1, tb, rb)
        other = self.names[1 - side]
        message = self.zh_en(
            f"{row_key(row)} {row.label}：{other} 的{table.title}中没有这一行",
            f"{row_key(row)} {row.label}: no such row in {table.title} of {other}",
        )
        self._add(side, "BL702", table, row, None, message, [], row.source)

    def _add(
        self,
        side: int,
        code: str,
        table: Table,
        row: Row | None,
        column: str | None,
        message: str,
        cells: list[CellRef],
        source: Source,
    ) -> Violation:
        rule = self.rules[code]
        v = Violation(
            code=code,
            name=rule.name,
            severity=rule.severity,
            message=message,
            table=table.label,
            table_title=table.title,
            row=row_key(row) if row is not None else None,
            row_label=row.label if row is not None else None,
            column=column,
            source=source,
            cells=cells,
        )
        self.found[side].append(v)
        return v


def _keyed(table: Table) -> dict[tuple, Row]:
    """Rows by code, else role, else label; a key seen twice is told apart by its order."""
    seen: Counter = Counter()
    keyed = {}
    for row in table.rows:
        base = row.code or row.role or squash(row.label)
        keyed[(base, seen[base])] = row
        seen[base] += 1
    return keyed


def _yuan(cell: Cell, table: Table) -> Decimal:
    return cell.amount * SCALE.get(cell.unit or table.unit or "元", Decimal(1))


def _step(cell: Cell, table: Table) -> Decimal:
    """Half a unit of the figure's last printed digit, in 元; 0 for a blank (an exact zero)."""
    if cell.decimals is None:
        return Decimal(0)
    return Decimal(1).scaleb(-cell.decimals) * SCALE.get(cell.unit or table.unit or "元", Decimal(1)) / 2


def _same(ca: Cell, ta: Table, cb: Cell, tb: Table) -> bool:
    return abs(_yuan(ca, ta) - _yuan(cb, tb)) <= max(_step(ca, ta), _step(cb, tb))


def _values(table: Table, row: Row) -> list[Decimal]:
    return [_yuan(c, table) for c in row.cells if c.printed and c.amount]


def _shown(cell: Cell, table: Table) -> str:
    return cell.text if cell.printed else "-"

"""The default report: ruff's code frame, for tables. Each violation is printed with a small frame of its
table (the offending row with its parent, children or twin, the cell to fix marked ``>…<``) and the
reported figure against the computed one."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..findings import CellRef, DocumentReport, Report, Violation
from . import RenderOptions, location, severity_word, summary_line, t

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
MARK = {"error": "bold reverse red", "warning": "bold reverse yellow", "info": "bold reverse cyan"}
WIDE = 4
"""A frame with more amount columns than this leaves out its blank ones (a 收入总表 has nine sources)."""


def render(report: Report, options: RenderOptions) -> str:
    console = plain_console(options.width)
    print_report(report, console, options.lang)
    return console.file.getvalue()


def render_violations(path: str, violations: list[Violation], options: RenderOptions) -> str:
    """Some findings of one document, without the summary: the pytest plugin's failure text."""
    console = plain_console(options.width)
    for violation in violations:
        print_violation(violation, path, console, options.lang)
    return console.file.getvalue()


def plain_console(width: int) -> Console:
    """A console without colour or terminal probing, so that the output depends on the report alone."""
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def print_report(report: Report, console: Console, lang: str) -> None:
    for document in report.documents:
        print_document(document, console, lang)
    console.print(summary_line(report.summary, lang))


def print_document(document: DocumentReport, console: Console, lang: str) -> None:
    if document.error:
        console.print(
            Text.assemble(
                (document.path, "bold"),
                ": ",
                (t(lang, "无法读取", "cannot read"), "bold red"),
                ": ",
                document.error,
            ),
            soft_wrap=True,
        )
        return
    for violation in document.violations:
        print_violation(violation, document.path, console, lang)


def print_violation(v: Violation, path: str, console: Console, lang: str) -> None:
    header = Text.assemble(
        (f"{severity_word(v.severity, lang)}[{v.code}]", STYLE[v.severity]), " ", v.message
    )
    console.print(header, soft_wrap=True)
    where = Text.assemble("  --> ", (location(path, v.source), "bold"))
    if v.table:
        where.append(f"  {v.table}" + (f" {v.table_title}" if v.table_title not in ("", v.table) else ""))
    console.print(where, soft_wrap=True)
    reported = _reported(v)
    culprits = _culprits(v, reported)
    if v.cells:
        console.print(Padding(_frame(v, reported, culprits, lang), (0, 0, 0, 4), expand=False))
    for note in _notes(v, reported, culprits, lang):
        console.print(Text(f"    = {note}"), soft_wrap=True)
    console.print()


def _reported(v: Violation) -> CellRef | None:
    """The cell the violation is about: by convention the first cell at its table, row and column."""
    here = (v.table, v.row, v.column)
    return next((c for c in v.cells if (c.table, c.row, c.column) == here), v.cells[0] if v.cells else None)


def _culprits(v: Violation, reported: CellRef | None) -> list[CellRef]:
    """The cells to fix: those at the violation's source when the engine moved the blame there."""
    if reported is None:
        return []
    if v.culprit is not None and any(c is v.culprit for c in v.cells):
        return [v.culprit]
    if reported.source == v.source:
        return [reported]
    return [c for c in v.cells if c.source == v.source] or [reported]


def frame_columns(v: Violation, marked: set[int], reported: CellRef | None) -> list[str]:
    """The columns of a one-table frame, in the order the cells name them; past ``WIDE`` columns only
    those with a figure, a marked cell or the reported one."""
    columns = list(dict.fromkeys(c.column for c in v.cells if c.column is not None))
    if len(columns) > WIDE:
        columns = [
            column
            for column in columns
            if any(
                c.value is not None or id(c) in marked or c is reported for c in v.cells if c.column == column
            )
        ]
    return columns


def _frame(v: Violation, reported: CellRef | None, culprits: list[CellRef], lang: str) -> Table:
    """Cells of one table are laid out as that table is (rows by columns); cells of several tables (a
    cross-table check) one per row, with their table and column."""
    marked = {id(c) for c in culprits}
    frame = Table(box=box.ROUNDED, header_style="bold")
    frame.add_column(t(lang, "行", "line"), justify="right", no_wrap=True)
    if len({c.table for c in v.cells}) > 1:
        amounts = any(c.column is not None for c in v.cells)  # a code-name check reads no amounts
        frame.add_column(t(lang, "表", "table"))
        frame.add_column(t(lang, "科目", "row"))
        if amounts:
            frame.add_column(t(lang, "列", "column"))
            frame.add_column(t(lang, "金额", "amount"), justify="right", no_wrap=True)
        for c in v.cells:
            row = [_line(c), c.table, _row_name(c)]
            if amounts:
                row += [c.column or "", _value(c, marked, reported, v.severity)]
            frame.add_row(*row)
        return frame
    columns = frame_columns(v, marked, reported)
    frame.add_column(t(lang, "科目", "row"))
    for column in columns:
        frame.add_column(column, justify="right", no_wrap=True)
    for first, values in _rows(v.cells):
        cells = [_value(values.get(column), marked, reported, v.severity) for column in columns]
        frame.add_row(_line(first), _row_name(first), *cells)
    return frame


def _row_name(cell: CellRef) -> str:
    return " ".join(x for x in (cell.row, cell.label if cell.label != cell.row else "") if x)


def _rows(cells: list[CellRef]) -> list[tuple[CellRef, dict[str | None, CellRef]]]:
    """Cells grouped into frame rows by table, row and line; a cell whose slot is taken (the two sides of
    a two-sided summary table share labels) starts a row of its own."""
    rows: list[tuple[tuple, CellRef, dict[str | None, CellRef]]] = []
    for cell in cells:
        key = (cell.table, cell.row, cell.source.line, cell.source.page, cell.source.sheet)
        found = next((r for r in rows if r[0] == key and cell.column not in r[2]), None)
        if found is None:
            found = (key, cell, {})
            rows.append(found)
        found[2][cell.column] = cell
    return [(first, values) for _, first, values in rows]


def _value(cell: CellRef | None, marked: set[int], reported: CellRef | None, severity: str) -> Text | str:
    if cell is None:
        return ""
    text = cell.value if cell.value is not None else "-"
    if id(cell) in marked:
        return Text(f">{text}<", style=MARK[severity])
    return Text(text, style="bold" if cell is reported else "")


def _line(cell: CellRef) -> str:
    s = cell.source
    return str(s.line) if s.line else f"p{s.page}" if s.page else s.cell or ""


def _notes(v: Violation, reported: CellRef | None, culprits: list[CellRef], lang: str) -> list[str]:
    notes = []
    if v.reported is not None:
        notes.append(
            t(
                lang,
                f"填报 {v.reported}，计算 {v.computed}，差 {v.difference}，容差 {v.tolerance}",
                f"reported {v.reported}, computed {v.computed}, difference {v.difference}, "
                f"tolerance {v.tolerance}",
            )
        )
    if len(culprits) == 1 and culprits[0] is not reported:
        c = culprits[0]
        value = c.value if c.value is not None else "-"
        where = _where(c, lang)
        notes.append(
            t(
                lang,
                f"最可能出错的是{where} {c.table} {c.row}「{c.column or ''}」{value}（它参与的不符最多）",
                f"most likely wrong: {c.table} {c.row} '{c.column or ''}' {value} at {where} "
                "(the cell in the most failed checks)",
            )
        )
    return notes


def _where(cell: CellRef, lang: str) -> str:
    s = cell.source
    if s.line:
        return t(lang, f"第 {s.line} 行", f"line {s.line}")
    if s.page:
        return t(lang, f"第 {s.page} 页", f"page {s.page}")
    return s.cell or ""

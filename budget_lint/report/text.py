"""The human report: violations grouped by document and table, with rich."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from .model import Report, Violation

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report: Report, console: Console, lang: str = "zh") -> None:
    for document in report.documents:
        console.print(f"[bold]{escape(document.path)}[/bold]")
        if document.error:
            console.print(f"  [bold red]{_t(lang, '无法读取', 'cannot read')}[/]: {escape(document.error)}")
            continue
        if not document.violations:
            console.print(f"  [green]{_t(lang, '未发现问题', 'no problems found')}[/]")
        ordered = sorted(document.violations, key=lambda v: (v.table == "", v.sort_key()))
        for table, group in groupby(ordered, key=lambda v: (v.table, v.table_title)):
            console.print(
                f"  [bold]{escape(table[0] or _t(lang, '（文件）', '(document)'))}[/] {escape(table[1])}"
            )
            console.print(_table(list(group), lang))
    s = report.summary
    console.print(
        _t(
            lang,
            f"{s.documents} 个文件：{s.errors} 个错误，{s.warnings} 个警告，{s.infos} 条提示",
            f"{s.documents} document(s): {s.errors} error(s), {s.warnings} warning(s), {s.infos} info(s)",
        )
    )


def _table(violations: list[Violation], lang: str) -> RichTable:
    grid = RichTable(show_header=True, header_style="bold", box=None, padding=(0, 1), expand=False)
    for name in (
        _t(lang, "行", "line"),
        _t(lang, "代码", "code"),
        _t(lang, "科目", "row"),
        _t(lang, "列", "column"),
        _t(lang, "说明", "message"),
    ):
        grid.add_column(name, overflow="fold")
    for v in violations:
        where = str(v.source.line) if v.source.line else (f"p{v.source.page}" if v.source.page else "")
        row = " ".join(x for x in (v.row, v.row_label if v.row_label != v.row else None) if x)
        grid.add_row(
            where,
            f"[{_STYLE[v.severity]}]{v.code}[/]",
            escape(row),
            escape(v.column or ""),
            escape(v.message),
        )
    return grid


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh

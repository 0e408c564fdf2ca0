"""Markdown: a table of findings per document, for pull-request comments and ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Report, Violation
from . import RenderOptions, batches, severity_word, summary_line, t

HEADER = (
    ("行", "Line"),
    ("级别", "Severity"),
    ("代码", "Code"),
    ("表", "Table"),
    ("科目", "Row"),
    ("列", "Column"),
    ("说明", "Message"),
)


def render(report: Report, options: RenderOptions) -> str:
    return "".join(chunks(report, options))


def chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The lines joined by line breaks, a thousand at a time (a long table's report: 300,000)."""
    lines = _lines(report, options.lang)
    yield next(lines)
    for batch in batches(lines):
        yield "".join(f"\n{x}" for x in batch)


def _lines(report: Report, lang: str) -> Iterator[str]:
    yield from ["# budget-lint", "", summary_line(report.summary, lang), ""]
    header = [t(lang, zh, en) for zh, en in HEADER]
    for document in report.documents:
        yield from [f"## {_cell(document.path)}", ""]
        if document.error:
            yield from [f"**{t(lang, '无法读取', 'cannot read')}**: {_cell(document.error)}", ""]
            continue
        if not document.violations:
            yield from [t(lang, "未发现问题。", "No problems found."), ""]
            continue
        yield from ["| " + " | ".join(header) + " |", "| ---: | --- | --- | --- | --- | --- | --- |"]
        yield from (_row(v, lang) for v in document.violations)
        yield ""


def _row(v: Violation, lang: str) -> str:
    s = v.source
    where = str(s.line) if s.line else f"p{s.page}" if s.page else f"{s.sheet}!{s.cell}" if s.cell else ""
    row = " ".join(x for x in (v.row, v.row_label if v.row_label != v.row else None) if x)
    cells = [where, severity_word(v.severity, lang), f"`{v.code}`", v.table, row, v.column or "", v.message]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())

"""Markdown: a table of findings per document, for pull-request comments and ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from ..findings import Report, Violation
from . import RenderOptions, severity_word, summary_line, t

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
    lang = options.lang
    out = ["# budget-lint", "", summary_line(report.summary, lang), ""]
    header = [t(lang, zh, en) for zh, en in HEADER]
    for document in report.documents:
        out += [f"## {_cell(document.path)}", ""]
        if document.error:
            out += [f"**{t(lang, '无法读取', 'cannot read')}**: {_cell(document.error)}", ""]
            continue
        if not document.violations:
            out += [t(lang, "未发现问题。", "No problems found."), ""]
            continue
        out += ["| " + " | ".join(header) + " |", "| ---: | --- | --- | --- | --- | --- | --- |"]
        out += [_row(v, lang) for v in document.violations]
        out.append("")
    return "\n".join(out)


def _row(v: Violation, lang: str) -> str:
    s = v.source
    where = str(s.line) if s.line else f"p{s.page}" if s.page else f"{s.sheet}!{s.cell}" if s.cell else ""
    row = " ".join(x for x in (v.row, v.row_label if v.row_label != v.row else None) if x)
    cells = [where, severity_word(v.severity, lang), f"`{v.code}`", v.table, row, v.column or "", v.message]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())

"""One line per violation, ``path:line: CODE [severity] table: message``: for grep, editors and logs."""

from __future__ import annotations

from ..findings import Report, Violation
from . import RenderOptions, location, summary_line, t


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for document in report.documents:
        if document.error:
            lines.append(f"{document.path}: {t(options.lang, '无法读取', 'cannot read')}: {document.error}")
        lines += [line(document.path, v) for v in document.violations]
    lines.append(summary_line(report.summary, options.lang))
    return "\n".join(lines) + "\n"


def line(path: str, v: Violation) -> str:
    table = f"{v.table}: " if v.table else ""
    return f"{location(path, v.source)}: {v.code} [{v.severity}] {table}{v.message}"

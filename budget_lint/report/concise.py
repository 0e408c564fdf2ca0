"""One line per violation, ``path:line: CODE [severity] table: message``: for grep, editors and logs."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Report, Violation
from . import RenderOptions, batches, location, summary_line, t


def render(report: Report, options: RenderOptions) -> str:
    return "".join(chunks(report, options))


def chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The report a thousand lines at a time (a long table's: 300,000)."""
    for document in report.documents:
        if document.error:
            yield f"{document.path}: {t(options.lang, '无法读取', 'cannot read')}: {document.error}\n"
        for batch in batches(document.violations):
            yield "".join(f"{line(document.path, v)}\n" for v in batch)
    yield summary_line(report.summary, options.lang) + "\n"


def line(path: str, v: Violation) -> str:
    table = f"{v.table}: " if v.table else ""
    return f"{location(path, v.source)}: {v.code} [{v.severity}] {table}{v.message}"

"""GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``).

GitHub shows at most ten annotations of each kind per step and silently drops the rest, so the first
ten of each severity are annotated, the others are listed in a collapsed log group, and the complete
report is appended to the job summary (``$GITHUB_STEP_SUMMARY``) as Markdown.
"""

from __future__ import annotations

import os
from collections import Counter

from ..findings import Report
from . import RenderOptions, display_path, location, summary_line, t

LIMIT = 10
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, options: RenderOptions) -> str:
    annotated: Counter = Counter()
    out: list[str] = []
    rest: list[str] = []
    for document in report.documents:
        path = display_path(document.path)
        findings = []
        if document.error:
            reason = f"{t(options.lang, '无法读取', 'cannot read')}: {document.error}"
            findings.append(("error", {"file": path, "title": "budget-lint"}, reason, f"{path}: {reason}"))
        for v in document.violations:
            properties = {"file": path, "line": str(v.source.line or ""), "title": f"budget-lint ({v.code})"}
            message = f"{v.table}: {v.message}" if v.table else v.message
            if v.source.cell:  # a workbook has no lines: the annotation names the cell
                message = f"{v.source.sheet}!{v.source.cell}: {message}"
            findings.append(
                (v.severity, properties, message, f"{location(path, v.source)}: {v.code} {message}")
            )
        for severity, properties, message, plain in findings:
            if annotated[severity] < LIMIT:
                annotated[severity] += 1
                out.append(_command(COMMAND[severity], properties, message))
            else:
                rest.append(plain)
    if rest:
        more = t(
            options.lang,
            f"另有 {len(rest)} 条未标注（GitHub 每步每种级别只显示 10 条；完整列表见作业摘要）",
            f"{len(rest)} more not annotated (GitHub shows 10 per severity and step; see the job summary)",
        )
        out += [f"::group::budget-lint: {more}", *rest, "::endgroup::"]
    out.append(summary_line(report.summary, options.lang))
    return "\n".join(out) + "\n"


def write_step_summary(report: Report, options: RenderOptions) -> None:
    """Append the full Markdown report to the job summary, when running in GitHub Actions."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        from .markdown import render as markdown

        with open(summary, "a", encoding="utf-8") as f:
            f.write(markdown(report, options))


def _command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items() if value)
    return f"::{name} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

A table cell is no SARIF notion: each result has a physical location (the input's relative URI and the
line to fix; line 1 when the input has no lines, e.g. a PDF) and a logical location ``表二/2080102/合计``;
the figures go into the result's property bag. ``partialFingerprints`` carries our own fingerprint
(rule, table, row, column and the cells read; no line numbers), so that alerts survive edits that move
lines. A document that cannot be read is a tool execution notification.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from pydantic_core import to_json

from .. import __version__
from ..findings import Report, Violation
from . import RenderOptions, batches, display_path, json_items, t

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FAMILY = {
    "BL0": "extraction",
    "BL1": "hierarchy",
    "BL2": "row-identity",
    "BL3": "cross-table",
    "BL4": "narrative",
    "BL5": "completeness",
}


def render(report: Report, options: RenderOptions) -> str:
    return b"".join(chunks(report, options)).decode()


def chunks(report: Report, options: RenderOptions) -> Iterator[bytes]:
    """The UTF-8 bytes of ``json.dumps(log, ensure_ascii=False, indent=2)`` and a newline, written by
    pydantic's serialiser a thousand results at a time (as the JSON report is, json_report.py): a long
    table's log is never one string nor one tree of dicts."""
    codes = sorted({v.code for d in report.documents for v in d.violations})
    names = {v.code: v.name for d in report.documents for v in d.violations}
    index = {code: i for i, code in enumerate(codes)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{t(options.lang, '无法读取', 'cannot read')}: {document.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(document)}}}],
        }
        for document in report.documents
        if document.error
    ]
    run = {
        "tool": {
            "driver": {
                "name": "budget-lint",
                "version": __version__,
                "rules": [_rule(code, names[code], options.lang) for code in codes],
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "results": [],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    head, key, tail = to_json(log, indent=2).partition(b'"results": []')
    yield head + key[:-1]

    def parts() -> Iterator[bytes]:
        for document in report.documents:
            uri = _uri(document)
            for batch in batches(zip(document.violations, document.fingerprints(), strict=True)):
                yield to_json([_result(v, uri, index[v.code], print_) for v, print_ in batch], indent=2)

    written = False
    for part in json_items(parts(), 6):
        yield part
        written = True
    yield (b"\n      ]" if written else b"]") + tail + b"\n"


def _uri(document) -> str:
    return quote(display_path(document.path))


def _result(v: Violation, uri: str, rule_index: int, fingerprint: str) -> dict:
    path = "/".join(x for x in (v.table, v.row, v.column) if x)
    logical = {"name": v.column or v.row or v.table, "fullyQualifiedName": path, "kind": "value"}
    properties = {
        key: value
        for key, value in {
            "table": v.table,
            "table_title": v.table_title,
            "row": v.row,
            "row_label": v.row_label,
            "column": v.column,
            "reported": v.reported,
            "computed": v.computed,
            "difference": v.difference,
            "tolerance": v.tolerance,
            "page": v.source.page,
            "sheet": v.source.sheet,
            "cell": v.source.cell,
        }.items()
        if value not in (None, "")
    }
    return {
        "ruleId": v.code,
        "ruleIndex": rule_index,
        "level": LEVEL[v.severity],
        "message": {"text": v.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": _region(v.source),
                },
                "logicalLocations": [logical],
            }
        ],
        "partialFingerprints": {"budgetLint/v1": fingerprint},
        "properties": properties,
    }


def _region(source) -> dict:
    """A line of a text input; a workbook cell as its row and column (SARIF has no notion of a cell,
    the properties name it)."""
    if source.cell and (match := re.match(r"^([A-Z]+)(\d+)$", source.cell)):
        column = 0
        for letter in match.group(1):
            column = column * 26 + ord(letter) - 64
        return {"startLine": int(match.group(2)), "startColumn": column}
    return {"startLine": source.line or 1}


def _rule(code: str, name: str, lang: str) -> dict:
    from ..rules import rule_by_code

    rule = rule_by_code(code)
    entry: dict = {"id": code, "name": name}
    if rule is not None:
        doc = rule.doc
        what, why, example = doc.what.get(lang), doc.why.get(lang), doc.example.get(lang)
        labels = ("What it checks", "Why", "Example") if lang == "en" else ("检查内容", "为什么", "示例")
        entry.update(
            shortDescription={"text": rule.title.get(lang)},
            fullDescription={"text": what},
            help={
                "text": f"{what}\n\n{why}\n\n{example}",
                "markdown": "\n\n".join(
                    f"**{h}**: {x}" for h, x in zip(labels, (what, why, example), strict=True)
                ),
            },
            defaultConfiguration={"level": LEVEL[rule.severity]},
        )
    entry["properties"] = {"tags": [FAMILY.get(code[:3], "other")]}
    return entry

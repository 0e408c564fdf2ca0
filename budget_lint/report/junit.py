"""JUnit XML, for CI dashboards that read only test reports: one test suite per document, one test case
per finding. A finding that fails the run (``--fail-on``) is a failure; one that does not is a passing
case with its text in ``system-out``; a clean document is one passing case."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import Report
from . import RenderOptions, fails, t
from .concise import line


def render(report: Report, options: RenderOptions) -> str:
    suites = ET.Element("testsuites", name="budget-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for document in report.documents:
        suite = ET.SubElement(suites, "testsuite", name=document.path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if document.error:
            case = _case(suite, document.path, "budget-lint", None)
            ET.SubElement(
                case, "error", message=f"{t(options.lang, '无法读取', 'cannot read')}: {document.error}"
            )
            counts.update(tests=1, errors=1)
        elif not document.violations:
            _case(suite, document.path, "budget-lint", None)
            counts["tests"] = 1
        for v in document.violations:
            name = " ".join(x for x in (v.code, v.table, v.row, v.column) if x)
            case = _case(suite, document.path, name, v.source.line)
            text = line(document.path, v)
            if fails(v.severity, options.fail_on):
                ET.SubElement(case, "failure", type=v.severity, message=v.message).text = text
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = text
            counts["tests"] += 1
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
    for key, n in totals.items():
        suites.set(key, str(n))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _case(suite: ET.Element, path: str, name: str, line_number: int | None) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path)
    if line_number:
        case.set("line", str(line_number))
    return case

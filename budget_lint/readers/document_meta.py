"""Department, year and stage (预算/决算) of a document, from its tables, first narrative lines and titles."""

from __future__ import annotations

import re

from ..model import NarrativeLine, Table
from ..recognise import kind_stage

_YEAR = re.compile(r"(20\d{2})\s*年")
# What a document is about, named as such (决算总额, 部门决算, 预算情况说明 …): not 预算 in 年初预算,
# 预算法 or 预算管理, which a 决算 cites too.
_FINAL = re.compile(r"决算(?:情况|总额|支出|公开|说明|报告|表|数)|(?:部门|单位|年度)决算")
_BUDGET = re.compile(r"预算(?:情况|总额|公开|说明|报告|表|安排|数)|(?:部门|单位|年度)预算")


def document_meta(narrative: list[NarrativeLine], tables: list[Table]) -> dict:
    head = " ".join(line.text for line in narrative[:12]) + " " + " ".join(t.title for t in tables[:3])
    year = _YEAR.search(head)
    department = next(
        (line.text for line in narrative[:5] if re.search(r"(局|委|办|院|厅|会|部|中心|处|所)$", line.text)),
        None,
    )
    unit = next((t.unit for t in tables if t.unit), None)
    return {
        "year": int(year.group(1)) if year else None,
        "stage": _stage(head, tables),
        "department": department,
        "unit": unit,
    }


def _stage(head: str, tables: list[Table]) -> str:
    """预算 or 决算: what the document's tables are (the vocabulary gives each kind its stage), else
    what its first lines and titles say."""
    stages = {kind_stage(t.kind) for t in tables} - {None}
    if len(stages) == 1:
        return stages.pop()
    finals, budgets = len(_FINAL.findall(head)), len(_BUDGET.findall(head))
    return "决算" if finals > budgets else "预算"

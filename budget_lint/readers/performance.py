"""Performance-target tables (绩效目标表): what can be read of them, and nothing more.

An overall (部门整体) table lists indicators with a weight each and states the department's total
budget. Its indicator rows read as ``一级指标 二级指标 … 指标值 权重 是/否``: the number before the
是/否 of 是否核心指标 is the weight. A project table interleaves several projects' cells once its
layout is lost, so its figures are not read; the table is reported as not read (BL005) rather than
guessed at.
"""

from __future__ import annotations

import re

from ..amounts import parse_amount
from ..model import Cell, Column, Row, Table
from .blocks import TextLine

_INDICATOR = re.compile(
    r"^(?P<level1>产出|效益|满意度|成本)指标\s+(?P<level2>\S+指标)\s+.*?\s(?P<weight>\d+(?:\.\d+)?)\s+(?:是|否)$"
)
_LEVEL1 = re.compile(r"^(产出|效益|满意度|成本)指标")


def read_performance(table: Table, body: list[TextLine]) -> str | None:
    """Fill an overall table's rows; the reason it cannot be read, or None."""
    if table.kind != "performance_overall":
        return "项目支出绩效目标表的各项目单元格在文本中交错，无法可靠读出指标和权重"
    table.columns = [Column(header="权重", role="weight"), Column(header="部门支出预算总额", role="total")]
    totals = []
    for line in body:
        text = " ".join(line.text.split())
        if match := _INDICATOR.match(text):
            parsed = parse_amount(match["weight"])
            if parsed is None:
                return f"第{line.source.line or '?'}行的权重「{match['weight']}」不是数"
            value = parsed[0]
            # a weight is assigned, not rounded: an exact figure
            weight = Cell(value=value, text=match["weight"], source=line.source)
            table.rows.append(
                Row(
                    label=f"{match['level1']}指标/{match['level2']}",
                    role="indicator",
                    cells=[weight, Cell(source=line.source)],
                    source=line.source,
                )
            )
        elif _LEVEL1.match(text):
            return f"第{line.source.line or '?'}行的指标读不出权重"
        else:
            totals += [
                (token, line)
                for token in text.split()
                if re.fullmatch(r"[\d,]+\.\d{2}", token) and parse_amount(token) is not None
            ]
    if not table.rows:
        return "没有读到指标行"
    if len(totals) == 1:
        token, line = totals[0]
        value, decimals = parse_amount(token)
        amount = Cell(value=value, decimals=decimals, text=token, source=line.source)
        table.rows.append(
            Row(
                label="部门支出预算总额",
                role="department_total",
                cells=[Cell(source=line.source), amount],
                source=line.source,
            )
        )
    return None

"""Performance-target tables (绩效目标表): what can be read of them, and nothing more.

An overall (部门整体) table lists indicators with a weight each and states the department's total
budget. Its indicator rows read as ``一级指标 二级指标 … 指标值 权重 是/否``: the number before the
是/否 of 是否核心指标 is the weight.

A project table (one per project) states the project's money: 上海's 项目资金总额 (其中：财政资金, 其他资金)
and 年度资金申请总额 (其中：当年财政拨款, 上年结转资金, 其他资金), 重庆's 当年预算 (本级安排, 上级补助). It
is read as one row, each label taking the amount printed right after it on its line (the left block's
其他资金 before the right block's). A table whose money label stands without its amount while amounts
stand elsewhere, that prints a label twice (several projects in one block), or that prints indicator
weights (their cells interleave with the indicators once the layout is lost) is not read (BL005).
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

# (label, role, header): the left block's 其他资金 comes first on its line, the right block's second
PROJECT_MONEY = (
    ("项目资金总额", "project_total", "项目资金总额"),
    ("财政资金", "project_fiscal", "财政资金"),
    ("其他资金", "project_other", "其他资金"),
    ("年度资金申请总额", "annual_total", "年度资金申请总额"),
    ("当年财政拨款", "annual_fiscal", "当年财政拨款"),
    ("上年结转资金", "annual_carry_over", "上年结转资金"),
    ("其他资金", "annual_other", "其他资金（年度）"),
    ("当年预算", "current_budget", "当年预算"),
    ("本级安排", "own_budget", "本级安排"),
    ("上级补助", "superior_subsidy", "上级补助"),
)
_LABELS = "|".join(dict.fromkeys(label for label, _, _ in PROJECT_MONEY))
_AMOUNT_TEXT = r"-?\d[\d,]*(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?:其中\s*[:：]\s*)?(?P<label>{_LABELS})(?:\s*[（(]\s*万?元\s*[)）])?(?:\s+(?P<amount>{_AMOUNT_TEXT})(?!\S))?"
)
_STRAY_AMOUNT = re.compile(r"(?<!\S)\d{1,3}(?:,\d{3})*\.\d{2}(?!\S)|(?<!\S)\d+\.\d{2}(?!\S)")
_MONEY_UNIT = re.compile(r"[（(]\s*(万元|元)\s*[)）]")
_WEIGHTS = re.compile(r"权重|分值")
_NAME = re.compile(r"项目名称\s*[:：]?\s*(?P<name>[^\s:：]+)")


def read_performance(table: Table, body: list[TextLine]) -> str | None:
    """Fill a performance table's rows; the reason it cannot be read, or None."""
    if table.kind == "performance_project":
        return _read_project(table, body)
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


def _read_project(table: Table, body: list[TextLine]) -> str | None:
    """One project's money as one row (see the module's doc)."""
    interleaved = "项目支出绩效目标表的各项目单元格在文本中交错，无法可靠读出"
    if any(_WEIGHTS.search(line.text) for line in body):
        return interleaved + "指标和权重"
    found: dict[str, Cell] = {}
    name, blank, first, last = "", [], 0, 0
    for index, line in enumerate(body):
        text = " ".join(line.text.split())
        if not name and (match := _NAME.search(text)):
            name = match["name"]
        for match in _MONEY.finditer(text):
            label = match["label"]
            roles = [role for lab, role, _ in PROJECT_MONEY if lab == label and role not in found]
            if not roles:
                return f"{interleaved}：「{label}」印了不止一次"
            first, last = (first if found else index), index
            if match["amount"] is None:
                blank.append(label)
                found[roles[0]] = Cell(source=line.source)
                continue
            parsed = parse_amount(match["amount"])
            if parsed is None:
                return f"第{line.source.line or '?'}行「{label}」的金额「{match['amount']}」不是数"
            value, decimals = parsed
            found[roles[0]] = Cell(value=value, decimals=decimals, text=match["amount"], source=line.source)
    if not found:
        return interleaved + "项目资金"
    if blank:
        # a label without its amount is a blank cell only when no amount stands elsewhere among them
        money_lines = body[first : last + 1]
        stray = [
            m.group()
            for line in money_lines
            for m in _STRAY_AMOUNT.finditer(_MONEY.sub("", " ".join(line.text.split())))
        ]
        if stray:
            return f"{interleaved}：「{'、'.join(blank)}」后没有金额，而 {stray[0]} 不在任何项目之后"
    units = [m[1] for line in body[max(first - 2, 0) : last + 3] for m in _MONEY_UNIT.finditer(line.text)]
    table.unit = table.unit or (units[0] if units else None)  # 项目资金（元）
    columns = [(role, header) for _, role, header in PROJECT_MONEY if role in found]
    table.columns = [Column(header=header, role=role) for role, header in columns]
    source = next(cell.source for cell in found.values())
    cells = [found[role] for role, _ in columns]
    table.rows.append(Row(label=name or "项目资金", role="project", cells=cells, source=source))
    return None

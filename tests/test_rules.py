"""A test per rule: an edit of the example that breaks exactly what the rule checks."""

from __future__ import annotations

import pytest
from conftest import REALDOCS, edit

from budget_lint.engine import lint_document
from budget_lint.readers.flat_text import read_flat
from budget_lint.readers.layout_text import read_layout
from budget_lint.rules import builtin_rules

# code: [(line, old, new), …] — each edit made on the example, which lints clean as it is.
CASES: dict[str, list[tuple[int, str, str]]] = {
    "BL001": [(472, "30231", "30232")],  # without 30231 nothing says whether 11.00 is 购置 or 运行
    "BL002": [(334, "70.00 70.00", "70.00 70.00 1.00 2.00")],
    "BL003": [(420, "30101  基本工资", "301 1  基本工资")],  # read as 30101, with a warning
    "BL101": [(332, "70.00 70.00", "71.00 71.00")],
    "BL102": [(420, "492.01 492.01", "493.01 493.01")],
    "BL201": [(336, "1,512.97", "1,512.07")],
    "BL202": [(416, "485.97", "485.07")],
    "BL203": [(570, "4,683.96 4,683.96", "4,683.96 4,683.06")],
    "BL204": [(296, "70.00 70.00", "70.00 70.50")],
    "BL205": [(314, "收入合计 4,683.96", "收入合计 4,683.00")],
    "BL206": [(294, "一、本年收入 4,683.96", "一、本年收入 4,683.00")],
    "BL207": [(314, "支出合计 4,683.96 4,683.96", "支出合计 4,600.00 4,600.00")],
    "BL208": [(294, "一、本年支出 4,683.96 4,683.96", "一、本年支出 4,600.00 4,600.00")],
    "BL209": [(314, "收入合计 4,683.96", "收入合计 4,683.00")],
    "BL210": [(538, "合计 4,683.96 合计 4,683.96", "合计 4,683.96 合计 4,600.00")],
    "BL211": [(502, "15.79 11.00", "16.79 11.00")],
    "BL212": [(502, "11.00 11.00", "11.00 12.00")],
    "BL213": [(789, "6.50 6.50", "6.50 6.40")],
    "BL214": [(787, "6.50 6.50", "7.50 7.50")],
    "BL215": [(538, "合计 4,683.96 合计", "合计 4,683.96 财政拨款收入 4,600.00 合计")],
    "BL301": [(697, "1,902.56 1,902.56", "1,902.65 1,902.65")],
    "BL302": [(582, "1,902.56 1,902.56", "1,902.65 1,902.65")],
    "BL303": [(538, "合计 4,683.96 合计 4,683.96", "合计 4,600.00 合计 4,683.96")],
    "BL304": [(538, "合计 4,683.96 合计 4,683.96", "合计 4,600.00 合计 4,683.96")],
    "BL305": [(538, "合计 4,683.96 合计 4,683.96", "合计 4,683.96 合计 4,600.00")],
    "BL306": [(300, "118.62 118.62", "118.26 118.26")],
    "BL307": [(544, "118.62", "118.26")],
    "BL308": [(294, "一、本年支出 4,683.96 4,683.96", "一、本年支出 4,683.69 4,683.69")],
    "BL309": [(296, "一般公共预算资金 4,683.96", "一般公共预算资金 4,683.69")],
    "BL310": [(416, "2,935.68 2,449.71", "2,935.86 2,449.89")],
    "BL311": [(464, "4.79 4.79", "5.79 5.79")],
    "BL312": [(472, "11.00 11.00", "12.00 12.00")],
    "BL313": [(456, "30211  差旅费", "30212  因公出国（境）费用")],
    "BL314": [(697, "行政运行", "行政运转")],
    "BL501": [
        (528, "备注：本部门无政府性基金收支，故此表无数据。", ""),
        # nor does the narrative say why
        (196, "本部门 2023年无使用政府性基金预算拨款安排的支出。", ""),
        (158, "政府性基金预算拨款 0 万元，", ""),
    ],
    "BL502": [(298, "政府性基金预算资金", "政府性基金预算资金 10.00")],
}


# Rules for templates the example does not use: (real document, edits).
REAL_CASES: dict[str, tuple[str, list[tuple[int, str, str]]]] = {
    # 江苏's 三公/会议费/培训费 table: 合计 2,599.37 = 三公小计 670.12 + 会议费 228.00 + 培训费 1,701.25
    "BL216": ("21_js_fayuan_2017_dept_budget.txt", [(500, "670.12", "671.12")]),
    "BL217": ("21_js_fayuan_2017_dept_budget.txt", [(500, "1,701.25", "1,702.25")]),
}


def test_every_rule_has_a_case():
    assert {rule.code for rule in builtin_rules()} == set(CASES) | set(REAL_CASES)


@pytest.mark.parametrize("code", sorted(REAL_CASES))
def test_rule_fires_on_a_real_document(code):
    name, edits = REAL_CASES[code]
    path = REALDOCS / name
    if not path.exists():
        pytest.skip("../shared/realdocs is not there")
    text = path.read_text(encoding="utf-8")
    assert not [v for v in lint_document(read_layout(text, name)) if v.code == code]
    for line, old, new in edits:
        text = edit(text, line, old, new)
    found = [v for v in lint_document(read_layout(text, name)) if v.code == code]
    assert found and all(v.severity == "error" for v in found)
    assert {v.source.line for v in found} == {edits[0][0]}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires(code, example_text):
    text = example_text
    for line, old, new in CASES[code]:
        text = edit(text, line, old, new)
    rule = next(r for r in builtin_rules() if r.code == code)
    found = [v for v in lint_document(read_flat(text, "edited.txt")) if v.code == code]
    assert found, f"{code} did not fire"
    assert any(v.severity == rule.severity for v in found)
    assert all(v.message and v.table for v in found)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_quiet_on_the_example(code, example_text):
    assert not [v for v in lint_document(read_flat(example_text, "example.txt")) if v.code == code]

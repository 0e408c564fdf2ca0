"""A test per rule: an edit of the example that breaks exactly what the rule checks."""

from __future__ import annotations

import pytest
from conftest import REALDOCS, edit

from budget_lint.engine import Options, lint_document
from budget_lint.readers import read_text_document
from budget_lint.readers.flat_text import read_flat
from budget_lint.rules import builtin_rules

# code: [(line, old, new), …] — each edit made on the example, which lints clean as it is.
CASES: dict[str, list[tuple[int, str, str]]] = {
    # without 30231 nothing says whether 11.00 is 购置 or 运行 — once the narrative no longer says it
    # (运行维护费 11万元, 购置费 0万元, no vehicle bought)
    "BL001": [
        (472, "30231", "30232"),
        (204, "公务用车运行维护费 11万元，与上年持平；", ""),
        (206, "公务用车购置费 0万元，与上年持平。", ""),
        (238, "2023年一般公共预算安排购置车辆 0辆，其中", ""),
        (240, "一般公务用车 0辆、执勤执法用车 0辆。", ""),
    ],
    "BL002": [(334, "70.00 70.00", "70.00 70.00 1.00 2.00")],
    "BL003": [(420, "30101  基本工资", "301 1  基本工资")],  # read as 30101, with a warning
    "BL005": [],  # the example's own 表十一
    "BL461": [(805, "≥ 60 20 是", "≥ 60 25 是")],
    "BL463": [(848, "4,683.96 归口管理科室", "4,683.69 归口管理科室")],
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
    "BL505": [(138, "北碚区人力资源和社会保障局内设", "北碚区XX局内设")],
    "BL506": [(138, "北碚区人力资源和社会保障局内设", "2022年部门预算编制说明。北碚区人力资源")],
    "BL503": [(340, "1,902.56 1,902.56", "1,902.56 1,900.56 2.00")],
    "BL504": [(300, "国有资本经营预算资金 卫生健康支出", "国有资本经营预算资金 医疗卫生与计划生育支出")],
    "BL502": [(298, "政府性基金预算资金", "政府性基金预算资金 10.00")],
    # the narrative (lines 1–284) against the tables and against itself
    "BL401": [(158, "一般公共预算拨款 4,683.96 万元", "一般公共预算拨款 4,683.69 万元")],
    "BL402": [(166, "年初预算数 4,683.96 万元", "年初预算数 4,683.69 万元")],
    "BL403": [(168, "社会保障和就业支出 4,132.22 万元", "社会保障和就业支出 4,132.20 万元")],
    "BL404": [(184, "基本支出 2,935.68万元", "基本支出 2,935.86万元")],
    "BL405": [(202, "公务接待费 4.79万", "公务接待费 4.97万")],
    "BL407": [(212, "经费 485.97万元", "经费 495.97万元")],
    "BL408": [(220, "政府采购货物预算 6.5万元", "政府采购货物预算 6.6万元")],
    "BL409": [(232, "1,748.28万元", "1,784.28万元")],
    "BL411": [(180, "比 2022年减少 661.58万元", "比 2022年减少 661.85万元")],
    "BL412": [
        (212, "485.97万元，比上年减少 264.63万元万元", "485.97万元，上年为 750.50万元，比上年减少 264.63万元")
    ],
    "BL413": [
        (212, "485.97万元，比上年减少 264.63万元万元", "485.97万元，上年为 750.60万元，比上年增长 35.26%")
    ],
    "BL414": [(174, "本支出增加 205.35万元", "本支出增加 250.35万元")],
    "BL415": [(200, "15.79 万元", "16.79 万元")],
    "BL416": [(162, "减少 661.58万", "减少 616.58万")],
    "BL417": [(212, "比上年减少 264.63万元万元", "比上年减少 264.63万元，下降 30.00%")],
    "BL418": [(212, "比上年减少 264.63万元万元", "比上年增加 485.97万元，增长 100%")],
    "BL419": [(184, "基本支出 2,935.68万元，", "基本支出 2,935.68万元，占 60.00%，")],
    "BL420": [
        (184, "基本支出 2,935.68万元，", "基本支出 2,935.68万元，占 60.00%，"),
        (190, "项目支出 1,748.28万元，", "项目支出 1,748.28万元，占 20.00%，"),
    ],
    "BL421": [(180, "比 2022年减少", "比 2023年减少")],
    "BL422": [(158, "政府性基金预算拨款 0 万元，", "政府性基金预算拨款 0 万元，比上年增加 10万元，")],
    "BL423": [(236, "一般公务用车 2辆", "一般公务用车 1辆")],
    "BL424": [(240, "一般公务用车 0辆", "一般公务用车 1辆")],
    "BL431": [
        (
            406,
            "备注：本表反映2023年当年一般公共预算财政拨款支出情况。",
            "备注：本部门无此项支出，故此表无数据。",
        )
    ],
    "BL432": [(528, "备注：本部门无政府性基金收支", "备注：本部门无“三公”经费")],
    "BL451": [(220, "6.5万元：", "6.5万元万元：")],
    "BL452": [(216, "等等。", "等等。。")],
    "BL453": [(212, "主要原因是厉", "主要原因是。厉")],
    "BL454": [(170, "卫生健康支出 118.62万元", "医疗卫生与计划生育支出 118.62万元")],
    # 2023's 20809 has 01–05 and 99 only (the catalogue lists it in full)
    "BL601": [(354, "2080199   其他人力资源和社会保障管理事务支出", "2080906   其他退役安置支出")],
    "BL455": [(216, "支出等等。", "支出等等，比上年增长 5.20。")],
    "BL456": [(216, "及其他商品和服务支出等等。", "及其他“商品和服务”支出”等等。")],
}

# What the example itself gets (code: lines): a true finding, so the quiet test expects exactly it.
EXAMPLE_FINDINGS: dict[str, set[int]] = {
    "BL451": {212},  # "264.63万元万元"
    "BL005": {862},  # 表十一: two projects' cells interleaved, not read (info)
}


FINAL = "28_shpt_ghzy_2024_dept_final.txt"
# Rules for templates the example does not use: (real document, edits).
REAL_CASES: dict[str, tuple[str, list[tuple[int, str, str]]]] = {
    # 江苏's 三公/会议费/培训费 table: 合计 2,599.37 = 三公小计 670.12 + 会议费 228.00 + 培训费 1,701.25
    "BL216": ("21_js_fayuan_2017_dept_budget.txt", [(500, "670.12", "671.12")]),
    # 江苏's twins when all fiscal money is 一般公共预算: 公开05表 ≡ 公开07表, 公开06表 ≡ 公开08表
    "BL327": ("13_js_jianchayuan_2018_dept_budget.txt", [(570, "3,666.00", "3,666.90")]),
    "BL328": ("13_js_jianchayuan_2018_dept_budget.txt", [(607, "2,117.68", "2,117.86")]),
    "BL217": ("21_js_fayuan_2017_dept_budget.txt", [(500, "1,701.25", "1,702.25")]),
    # a web page's 三公 table with the items as rows: 合计 | 2911.47 | 2706.86 | -204.61 | -7.03%
    "BL218": ("24_yn_shidian_2016_sangong_final.txt", [(9, "2706.86", "2716.86")]),
    "BL219": ("24_yn_shidian_2016_sangong_final.txt", [(12, "1105.72", "1115.72")]),
    "BL220": ("24_yn_shidian_2016_sangong_final.txt", [(10, "-2.86", "-3.86")]),
    "BL221": ("24_yn_shidian_2016_sangong_final.txt", [(9, "-7.03%", "-7.30%")]),
    # 决算 (final accounts): 28 prints the nine 公开表 in one code column
    "BL222": (FINAL, [(220, "总计        9859.38", "总计        9859.83")]),
    "BL223": (FINAL, [(220, "总计           9859.38", "总计           9859.83")]),
    "BL224": (FINAL, [(220, "总计        9859.38", "总计        9859.83")]),
    "BL226": (FINAL, [(546, "     2.85 0.39", "     3.85 0.39")]),
    "BL225": (FINAL, [(391, "总计             9746.50", "总计             9746.05")]),
    "BL321": (FINAL, [(232, "9746.50     9746.50", "9746.05     9746.05")]),
    "BL322": (FINAL, [(289, "合计              9759.38", "合计              9759.83")]),
    "BL325": (FINAL, [(382, "9746.50   9746.50", "9746.50   9746.05")]),
    "BL326": (FINAL, [(344, "财政拨款          9746.50", "财政拨款          9746.05")]),
    # 27: 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%; 行政运行 1560.05 → 1511.89
    "BL427": ("27_shpt_czj_2024_dept_final.txt", [(574, "98.20%", "98.30%")]),
    "BL428": ("27_shpt_czj_2024_dept_final.txt", [(578, "决算数小于预算数", "决算数大于预算数")]),
    # 上海 tables print 机关运行经费; 上海 narratives describe each 项 of 财政拨款支出 with its code
    "BL406": ("01_shpt_sfj_2026_dept_budget.txt", [(363, "217.83万元", "218.83万元")]),
    "BL410": ("01_shpt_sfj_2026_dept_budget.txt", [(99, "（01项）1672.67万元", "（01项）1672.76万元")]),
    "BL460": ("07_shpt_fuliyuan_2024_unit_budget.txt", [(350, "主要原因是", "部门预算主要原因是")]),
    # 上海's 财政项目支出绩效目标填报表: 项目资金总额 4,100,000.00 = 财政资金 4,100,000.00 + 其他资金 0.00
    "BL464": (
        "04_shpt_wanli_2023_dept_budget.txt",
        [(860, "项目资金总额                            4,100,000.00", "项目资金总额   4,100,100.00")],
    ),
    "BL457": (
        "04_shpt_wanli_2023_dept_budget.txt",
        [(136, "公益性岗位补贴经费减少", "公益性岗位补贴经费增加")],
    ),
    # 13's 行政运行 is a 项 in every table
    "BL458": ("13_js_jianchayuan_2018_dept_budget.txt", [(1021, "行政运行（项）", "行政运行（款）")]),
    "BL459": (
        "02_shpt_sfj_2026_unit_budget.txt",
        [(102, "主要原因是：支出增加。", "主要原因是：支出增加。实施周期：2025年。")],
    ),
    # 一般公共服务 20153.75 = 8072.29 + 12081.46; its change 3161.38 is below their 1965.30 + 1343.28
    # (a 项 dropped this year lowers it); made 3361.38, it exceeds them
    "BL425": ("16_js_shengwei_bgt_2018_dept_budget.txt", [(120, "增加3161.38万元", "增加3361.38万元")]),
}


# Rules whose case needs an input of another kind, tested where that input is made.
ELSEWHERE = {
    "BL004": "tests/test_pdf_layout.py::test_an_unreadable_page_among_readable_ones_is_reported",
    "BL006": "tests/test_realdocs.py::test_a_narrative_alone_says_no_table_was_read",
    # the example's year has no economic catalogue of its own, so a name mismatch there is info
    "BL602": "tests/test_catalogue.py::test_a_name_of_another_code_is_reported_with_the_catalogue_year",
    "BL603": "tests/test_catalogue.py::test_running_numbers_in_07",
    "BL604": "tests/test_previous_year.py::test_prior_year_figures_against_last_years_document",
    "BL007": "tests/test_workbook.py::test_sheet_name_is_the_title_and_text_numbers_and_hidden_rows",
    "BL008": "tests/test_workbook.py::test_a_million_rows_and_formulas_without_results",
    "BL701": "tests/test_workbook.py::test_compare_workbook_with_its_pdf",
    "BL702": "tests/test_workbook.py::test_compare_names_rows_and_tables_on_one_side_only",
    "BL703": "tests/test_workbook.py::test_compare_names_rows_and_tables_on_one_side_only",
    "BL426": "tests/test_truth.py::test_item_paragraphs_of_a_department_with_other_money",
    "BL315": "tests/test_truth.py::test_the_summary_splits_basic_spending_as_the_basic_table",
    "BL316": "tests/test_truth.py::test_the_summary_splits_basic_spending_as_the_basic_table",
    # true on 27 and 28 as published (a 类 printed 0.01 apart in two tables): pinned there
    "BL323": "tests/test_realdocs.py::test_table_findings_are_the_verified_ones",
    "BL324": "tests/test_realdocs.py::test_table_findings_are_the_verified_ones",
    "BL009": "tests/test_robust.py::test_coded_lines_no_table_took_in_are_reported_never_a_silent_nothing",
    "BL010": "tests/test_robust.py::test_misplaced_thousands_separator_is_a_finding_at_its_line",
    "BL011": "tests/test_robust.py::test_a_narrative_figure_that_cannot_be_money_is_not_read",
    "BL442": "tests/test_truth.py::test_a_paragraph_printed_twice",
    "BL441": "tests/test_truth.py::test_the_narrative_money_under_targets_against_the_project_tables",
    "BL465": "tests/test_truth.py::test_a_project_table_whose_money_does_not_add_up",
    "BL466": "tests/test_truth.py::test_a_project_table_of_the_chongqing_template",
    "BL012": "tests/test_robust.py::test_a_few_bad_bytes_are_replaced_and_reported_at_their_lines",
}


def test_every_rule_has_a_case():
    assert {rule.code for rule in builtin_rules()} == set(CASES) | set(REAL_CASES) | set(ELSEWHERE)


@pytest.mark.parametrize("code", sorted(REAL_CASES))
def test_rule_fires_on_a_real_document(code):
    name, edits = REAL_CASES[code]
    path = REALDOCS / name
    if not path.exists():
        pytest.skip("../shared/realdocs is not there")
    text = path.read_text(encoding="utf-8")
    assert not [v for v in lint_document(read_text_document(text, name)) if v.code == code]
    for line, old, new in edits:
        text = edit(text, line, old, new)
    found = lint_document(read_text_document(text, name), Options(enabled=frozenset({code})))
    severity = next(r.severity for r in builtin_rules() if r.code == code)
    assert found and all(v.severity == severity for v in found)
    assert {v.source.line for v in found} == {edits[0][0]}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires(code, example_text):
    text = example_text
    for line, old, new in CASES[code]:
        text = edit(text, line, old, new)
    rule = next(r for r in builtin_rules() if r.code == code)
    # Selected alone: with every rule, a cell that breaks several checks is one finding under one code.
    found = lint_document(read_flat(text, "edited.txt"), Options(enabled=frozenset({code})))
    assert found, f"{code} did not fire"
    assert any(v.severity == rule.severity for v in found)
    assert all(v.message and v.table for v in found)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_quiet_on_the_example(code, example_text):
    found = [v for v in lint_document(read_flat(example_text, "example.txt")) if v.code == code]
    assert {v.source.line for v in found} == EXAMPLE_FINDINGS.get(code, set())

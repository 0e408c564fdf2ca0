"""部门决算 (final accounts): the vocabulary's 决算 kinds, the document's stage, and reading honesty (a
table the reader cannot show it read is reported, BL002, and never checked)."""

from __future__ import annotations

import pytest
from conftest import REALDOCS

from budget_lint.engine import Options, lint_document
from budget_lint.readers import read_document, read_text_document
from budget_lint.recognise import KINDS, kind_stage, table_kind

FINAL_TITLES = {
    "收入支出决算总表": "final_summary",
    "收入决算表": "final_income",
    "支出决算表": "final_expense",
    "财政拨款收入支出决算总表": "final_fiscal_summary",
    "一般公共预算财政拨款支出决算表": "final_general_budget_expense",
    "一般公共预算财政拨款基本支出决算表": "final_general_basic_expense",
    "财政拨款“三公”经费支出决算表": "final_three_public",
    "一般公共预算财政拨款“三公”经费支出决算表": "final_three_public",  # the national template's name
    "政府性基金预算财政拨款收入支出决算表": "final_gov_fund",
    "国有资本经营预算财政拨款收入支出决算表": "final_state_capital",
}


def test_the_nine_final_tables_are_kinds_of_their_own():
    for title, kind in FINAL_TITLES.items():
        assert table_kind(title) == kind
        assert kind_stage(kind) == "决算"
    assert table_kind("财政拨款收支预算总表") == "fiscal_summary"
    assert kind_stage("fiscal_summary") == "预算"
    assert all(spec.stage in {"预算", "决算", "any"} for spec in KINDS.values())


def _layout(*lines: str) -> str:
    """Layout text (columns kept by runs of spaces); a cover of figures first, so that the text reads as
    layout text however short the table."""
    return "\n".join(f"  {n}    {n}    {n}" for n in range(10)) + "\n" + "\n".join(lines) + "\n"


FINAL_EXPENSE = [
    "                    一般公共预算财政拨款支出决算表",
    "                                                  单位：万元",
    "   科目编码     科目名称          合计      基本支出    项目支出",
    "   201          一般公共服务支出  30.00     20.00       10.00",
    "   20106        财政事务          30.00     20.00       10.00",
    "   2010601      行政运行          30.00     20.00       10.00",
    "                合计              30.00     20.00       10.00",
]


def _findings(text: str):
    document = read_text_document(text, "final.txt")
    return document, lint_document(document)


def test_a_final_table_read_right_is_checked_and_the_document_is_a_final():
    document, violations = _findings(_layout(*FINAL_EXPENSE))
    assert document.stage == "决算"
    table = document.tables[0]
    assert (table.kind, table.unread, len(table.rows)) == ("final_general_budget_expense", None, 4)
    assert not [v for v in violations if v.severity == "error"]
    broken = [line.replace("一般公共服务支出  30.00", "一般公共服务支出  31.00") for line in FINAL_EXPENSE]
    _, violations = _findings(_layout(*broken))
    # one defect, one finding: the 类's failed sum and its row identity are one error at the cell
    errors = [v for v in violations if v.severity == "error"]
    assert [(v.code, v.row, v.column) for v in errors] == [("BL101", "201", "合计")]
    assert "BL201" in errors[0].message


def test_a_code_read_twice_means_the_table_was_not_read():
    doubled = [*FINAL_EXPENSE[:6], FINAL_EXPENSE[5], FINAL_EXPENSE[6]]
    document, violations = _findings(_layout(*doubled))
    assert document.tables[0].unread and "2010601" in document.tables[0].unread
    assert [v.code for v in violations if v.table == document.tables[0].label] == ["BL002"]


THREE_PUBLIC = [
    "                    财政拨款“三公”经费支出决算表",
    "                                                  单位：万元",
    "            合计              因公出国（境）费        公务接待费",
    "      预算数      决算数      预算数      决算数      预算数      决算数",
    "      1.00        0.95        0.00        0.00        1.00        0.95",
]


def test_budget_and_outturn_sub_columns_are_read_under_their_columns():
    document, violations = _findings(_layout(*THREE_PUBLIC))
    table = document.tables[0]
    roles = ["total", "outbound", "reception"]
    assert table.roles() == [name for role in roles for name in (f"{role}@budget", role)]
    assert [c.text for c in table.rows[0].cells] == ["1.00", "0.95", "0.00", "0.00", "1.00", "0.95"]
    assert not [v for v in violations if v.severity != "info"]


def test_a_header_whose_sub_columns_do_not_fit_its_columns_is_not_read():
    lopsided = [*THREE_PUBLIC[:3], THREE_PUBLIC[3].rsplit(" ", 1)[0], THREE_PUBLIC[4]]
    document, violations = _findings(_layout(*lopsided))
    assert document.tables[0].unread
    assert [v.code for v in violations if v.table == document.tables[0].label] == ["BL002"]


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
@pytest.mark.parametrize("stem", ["27_shpt_czj_2024_dept_final", "28_shpt_ghzy_2024_dept_final"])
def test_the_real_finals_have_their_nine_tables(stem):
    for path in (REALDOCS / f"{stem}.txt", REALDOCS / "pdf" / f"{stem}.pdf"):
        document = read_document(path)
        assert document.stage == "决算"
        assert {t.kind for t in document.tables} == set(FINAL_TITLES.values())


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_a_final_three_public_web_table_is_a_final():
    assert read_document(REALDOCS / "24_yn_shidian_2016_sangong_final.txt").stage == "决算"


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_a_narrative_without_tables_is_the_stage_it_names():
    """26 prints no table: its 决算总额/决算支出 make it a 决算, whatever 预算法 and 年初预算 it cites."""
    assert read_document(REALDOCS / "26_sc_jingyan_2020_sangong_final.txt").stage == "决算"
    budget = "根据《预算法》规定，现将本部门2024年部门预算情况说明如下：上年决算数为100万元。"
    final = "根据《预算法》规定，现将本部门2024年部门决算情况说明如下：年初预算为100万元。"
    assert read_text_document(budget, "a.txt").stage == "预算"
    assert read_text_document(final, "b.txt").stage == "决算"


def _panel_rows(path):
    table = next(t for t in read_document(path).tables if t.kind == "final_general_basic_expense")
    assert table.unread is None
    return [(r.code, r.role, r.label, r.cells[0].text) for r in table.rows]


@pytest.mark.parametrize("stem", ["27_shpt_czj_2024_dept_final", "28_shpt_ghzy_2024_dept_final"])
def test_the_two_panels_of_the_basic_table_are_read_alike_from_pdf_and_text(stem):
    """27 centres each figure and 款 in a tall cell, a line above or below its 类 code; 28 prints the
    right panel's codes a line above their names and figures. Both read the same from text and PDF."""
    if not (REALDOCS / "pdf" / f"{stem}.pdf").exists():
        pytest.skip("../shared/realdocs is not there")
    rows = _panel_rows(REALDOCS / f"{stem}.txt")
    assert rows == _panel_rows(REALDOCS / "pdf" / f"{stem}.pdf")
    by_code = {code: (label, text) for code, _, label, text in rows if code}
    totals = {role: text for _, role, _, text in rows if role}
    if stem.startswith("27"):
        assert by_code["30101"] == ("基本工资", "262.33")  # figure a line above its code
        assert by_code["30201"] == ("办公费", "21.21")  # 款 and name a line below the 类
        assert by_code["30212"] == ("因公出国(境)费用", "")  # a name wrapped round its 款
        assert by_code["31007"] == ("信息网络及软件购置更新", "")
        assert totals == {"personnel": "2,152.26", "public": "184.65"}
    else:
        assert by_code["30207"] == ("邮电费", "8.05")  # code a line above its name and figure
        assert by_code["30108"] == ("机关事业单位基本养老保险缴费", "446.11")
        assert totals == {"personnel": "4884.09", "public": "480.66"}
    assert len({code for code in by_code}) == len([code for code, *_ in rows if code])


def test_a_figure_as_near_two_rows_of_a_panel_is_not_read():
    """A figure printed alone midway between two rows that printed none: either row may own it."""
    text = _layout(
        "         一般公共预算财政拨款基本支出决算表",
        "经济分类                          经济分类",
        "科目编码   科目名称   决算数        科目编码   科目名称   决算数",
        "301      工资福利支出   10.00     302      商品和服务支出  5.00",
        "30101    基本工资                 30201    办公费",
        "                    10.00",
        "30102    津贴补贴                 30202    印刷费          5.00",
        "         人员经费合计   10.00              公用经费合计     5.00",
    )
    document = read_text_document(text, "panels.txt")
    table = next(t for t in document.tables if t.kind == "final_general_basic_expense")
    assert table.unread and "一样近" in table.unread
    assert any(f.code == "BL002" for f in document.findings)


def test_summary_figures_centred_above_their_labels_take_the_blank_cells_below():
    """27's 财政拨款收入支出决算总表: a figure centred in a tall cell stands a line above its label, and
    the line above is a wrapped name's tail (…安排 / 的支出), which must not take it."""
    text = _layout(
        "                  财政拨款收入支出决算总表",
        "     收入                          支出",
        "   项目      决算数        项目          合计      一般公共预算财政拨款",
        "            100.00",
        "一、一般公共预算财政拨款      一、一般公共服务支出   100.00    100.00",
        "                          二、抗疫特别国债安排",
        "                          的支出",
        "            100.00                   100.00",
        "   本年收入合计              本年支出合计                  100.00",
        "     总计      100.00        总计      100.00    100.00",
    )
    document = read_text_document(text, "summary.txt")
    income = next(t for t in document.tables if t.kind == "final_fiscal_summary" and t.side == "income")
    rows = {r.role: [c.text for c in r.cells] for r in income.rows}
    assert rows["general_budget"] == ["100.00"] and rows["income_current"] == ["100.00"]
    expense = next(t for t in document.tables if t.kind == "final_fiscal_summary" and t.side == "expense")
    current = next(r for r in expense.rows if r.role == "expense_current")
    assert [c.text for c in current.cells][:2] == ["100.00", "100.00"]
    assert not [f for f in document.findings if f.code == "BL002"]


def _filled_fund_table(rows: list[tuple[str, list[str]]]) -> str:
    """28 with its empty 政府性基金预算财政拨款收入支出决算表 filled in the template's form: the header
    kept, its 合计 / 基本支出 / 项目支出 under 本年支出, a 合计 row and coded rows under it (no document
    with figures there has been published to us)."""
    lines = (REALDOCS / "28_shpt_ghzy_2024_dept_final.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "政府性基金预算财政拨款收入支出决算表")
    header_end = next(i for i in range(start, len(lines)) if "基本支出" in lines[i])
    body = ["                                        合计    基本支出   项目支出"]
    for label, figures in rows:  # 年初结转和结余 | 本年收入 | 本年支出 {合计 基本 项目} | 年末结转和结余
        line = label
        for column, figure in zip([26, 36, 44, 51, 60, 70], figures, strict=True):
            line = line.ljust(max(column - len(figure), len(line) + 2)) + figure if figure else line
        body.append(line)
    rest = [line for line in lines[header_end + 1 :] if "没有政府性基金预算财政拨款收入和支出" not in line]
    return "\n".join(lines[:header_end] + body + rest)


FUND_ROWS = [
    ("         合计", ["10.00", "200.00", "190.00", "", "190.00", "20.00"]),
    ("212       城乡社区支出", ["10.00", "200.00", "190.00", "", "190.00", "20.00"]),
    ("21208     国有土地使用权", ["10.00", "200.00", "190.00", "", "190.00", "20.00"]),  # name wrapped
    ("2120899   其他支出", ["10.00", "200.00", "190.00", "", "190.00", "20.00"]),
]


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_a_fund_table_with_figures_is_checked():
    """年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (BL229), 本年支出 = 基本 + 项目 (BL230)."""
    text = _filled_fund_table(FUND_ROWS)
    document = read_text_document(text, "28_fund.txt")
    table = next(t for t in document.tables if t.kind == "final_gov_fund")
    assert [c.role for c in table.columns] == [
        "carry_over",
        "income_current",
        "total",
        "basic",
        "project",
        "carry_forward",
    ]
    assert [r.code for r in table.rows] == [None, "212", "21208", "2120899"]
    codes = {"BL229", "BL230", "BL101"}
    assert not [v for v in lint_document(document) if v.code in codes]
    # 2120899: 年末 30.00 ≠ 10.00 + 200.00 − 190.00, and 项目支出 180.00 leaves 190.00 ≠ 0 + 180.00
    wrong = [*FUND_ROWS[:3], (FUND_ROWS[3][0], ["10.00", "200.00", "190.00", "", "180.00", "30.00"])]
    document = read_text_document(_filled_fund_table(wrong), "x.txt")
    for code in ("BL229", "BL230"):
        found = lint_document(document, Options(enabled=frozenset({code})))
        assert {(v.code, v.row, v.severity) for v in found} == {(code, "2120899", "error")}


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_a_table_the_contents_list_and_the_document_lacks_is_reported_at_its_entry():
    lines = (REALDOCS / "27_shpt_czj_2024_dept_final.txt").read_text(encoding="utf-8").split("\n")
    title = "国有资本经营预算财政拨款收入支出决算表"
    start = next(i for i, line in enumerate(lines) if line.strip() == title)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("注："))
    text = "\n".join(lines[:start] + lines[end + 1 :])  # the last table dropped, its note with it
    found = lint_document(read_text_document(text, "27.txt"), Options(enabled=frozenset({"BL507"})))
    assert [(v.source.line, v.row) for v in found] == [(28, title)]


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_the_narrative_part_of_a_disclosure_in_two_files_lacks_no_table():
    """A narrative published apart from its tables lists them in its contents; the one title it prints
    without a row (15 part 1: its last contents entry) does not make it the tables' document."""
    pdf = REALDOCS / "pdf" / "15_js_shengwei_bgt_2017_dept_budget_part1.pdf"
    document = read_document(pdf)
    assert document.tables and not any(table.rows for table in document.tables)
    assert not [v for v in lint_document(document, Options()) if v.code == "BL507"]
    # the same contents with 27's tables dropped but one, printed, give the findings
    lines = (REALDOCS / "27_shpt_czj_2024_dept_final.txt").read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip() == "收入决算表")
    text = "\n".join(lines[:first])
    found = lint_document(read_text_document(text, "27.txt"), Options(enabled=frozenset({"BL507"})))
    assert len(found) == 8


def test_a_panel_line_with_two_figures_is_not_read():
    """A panel has one amount column: two figures on one of its lines were not read as printed."""
    text = _layout(
        "         一般公共预算财政拨款基本支出决算表",
        "经济分类                          经济分类",
        "科目编码   科目名称   决算数        科目编码   科目名称   决算数",
        "301      工资福利支出   10.00     302      商品和服务支出  5.00",
        "30101    基本工资   4.00  6.00    30201    办公费          5.00",
        "         人员经费合计   10.00              公用经费合计     5.00",
    )
    tables = read_text_document(text, "p.txt").tables
    table = next(t for t in tables if t.kind == "final_general_basic_expense")
    assert table.unread and "两个金额" in table.unread and not table.rows


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_a_table_titled_as_a_function_table_but_coded_by_economic_class_is_not_read():
    """01's 基本支出 table by economic class, titled 一般公共预算支出经济分类预算表 (as some provinces
    print it; the title names the function table's kind): read as the function table, each of its codes
    and each of the function table's was missing from the other (60 false BL301/BL306). It is said
    not read instead, and the rest of the document is checked as before."""
    path = REALDOCS / "01_shpt_sfj_2026_dept_budget.txt"
    text = path.read_text(encoding="utf-8")
    old = "2026年部门一般公共预算基本支出部门预算经济分类预算表"
    assert old in text
    retitled = read_text_document(text.replace(old, "2026年部门一般公共预算支出经济分类预算表"), path.name)
    found = {(v.code, v.table) for v in lint_document(retitled) if v.severity != "info"}
    assert ("BL002", "2026年部门一般公共预算支出经济分类预算表") in found
    assert not {code for code, _ in found} & {"BL301", "BL306"}


def test_budget_titles_other_templates_print():
    """Titles other provinces print for the 预算 tables: 部门支出预算表 is the 支出总表 (unrecognised, its
    rows ran on into the table above, which was then not read), and no other 支出预算表 is taken so."""
    assert table_kind("2026年部门支出预算表") == "expense"
    assert table_kind("单位支出预算表（按功能分类）") == "expense"
    assert table_kind("部门收入预算表") == "income"
    assert table_kind("一般公共预算支出预算表") == "general_budget_expense"
    assert table_kind("财政拨款支出预算表") == "fiscal_expense"

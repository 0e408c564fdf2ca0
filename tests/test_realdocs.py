"""The real published disclosures in ../shared/realdocs: every one is read, and the table findings are
exactly the ones verified by hand against the PDFs (a new finding is a false alarm until shown true).
A PDF and its layout text give the same findings, except where the text lost what the PDF keeps."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import REALDOCS

from budget_lint.engine import lint_path

pytestmark = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")

TEXTS = sorted(REALDOCS.glob("*.txt")) if REALDOCS.exists() else []

# Table findings (rules BL0xx–BL3xx, BL5xx; errors and warnings), each checked by hand:
# document → Counter of (code, table, row).
VERIFIED: dict[str, Counter] = defaultdict(
    Counter,
    {
        # 行政运行 (2040601) prints 项目支出 64,840,547.00, the whole project total of 20406, in both
        # expenditure tables (PDF pp. 11, 14); so 合计 14,348,853.34 ≠ 基本 14,348,853.34 + 项目, and
        # 20406's 项目支出 64,840,547 ≠ Σ 项 129,681,094. One defect per table: one error at the cell,
        # which carries the parent's failed sum and the 行政运行-has-项目支出 warning among its cells.
        "02_shpt_sfj_2026_unit_budget": Counter(
            {
                ("BL201", "2026年预算单位支出预算总表", "2040601"): 1,
                ("BL201", "2026年预算单位一般公共预算支出功能分类预算表", "2040601"): 1,
                # 基本支出 total printed 22,118,861 where the table prints cents and Σ 类 is
                # 22,118,861.34 (L181, L234): a precision break, a warning
                ("BL101", "2026年预算单位支出预算总表", "合计"): 1,
                ("BL101", "2026年预算单位一般公共预算支出功能分类预算表", "合计"): 1,
                # the 财务收支总表 splits 基本支出 as 人员 20,374,181 + 公用 1,744,680 (L122), the
                # 基本支出 table as 20,272,981.00 + 1,845,880.34 (L302): 101,200 moved between them
                ("BL315", "2026年预算单位财务收支预算总表", "支出总计"): 1,
                ("BL316", "2026年预算单位财务收支预算总表", "支出总计"): 1,
            }
        ),
        # 财政拨款收支预算总表 puts all 3,680,000 of 政府性基金 under 212 and none under 221,
        # while the 政府性基金 table has 212 3,380,000 and 221 300,000; its 一般公共预算 column
        # is off by 300,000 both ways.
        "03_shpt_shiquanlu_2026_unit_budget": Counter(
            {
                ("BL306", "2026年预算单位财政拨款收支预算总表", "212"): 1,
                ("BL306", "2026年预算单位财政拨款收支预算总表", "221"): 1,
            }
        ),
        # 基本支出表 prints the codes of 津贴补贴 and 绩效工资 as "301 2" and "301 7" (PDF p. 29).
        # The 2019 收支预算总表 still names 类 207, 210 and 220 as before the 2019 catalogue.
        "20_js_zhengxie_2019_dept_budget": Counter(
            {
                ("BL504", "公开01表", "207"): 1,
                ("BL504", "公开01表", "210"): 1,
                ("BL504", "公开01表", "220"): 1,
            }
        ),
        # 决算 2024. 收入支出决算总表 (PDF p. 6) prints 八、社会保障和就业支出 326.71; 支出决算表 (p. 10)
        # prints 208 as 326.72 = 84.65 + 160.75 + 80.38 + 0.94, its own 款/项 sum.
        # 财政拨款收入支出决算总表 (p. 12), read since its figures centred above their labels are placed,
        # prints 208 as 326.71 too, where 一般公共预算财政拨款支出决算表 (p. 14) has 326.72.
        "27_shpt_czj_2024_dept_final": Counter(
            {("BL323", "收入支出决算总表", "208"): 1, ("BL324", "财政拨款收入支出决算总表", "208"): 1}
        ),
        # 决算 2024. 收入支出决算总表 (PDF p. 7) prints 卫生健康支出 236.63 and 城乡社区支出 3845.25;
        # 支出决算表 prints 210 = 40.35 + 196.29 = 236.64 and 212 = 1105.68 + 2739.56 = 3845.24 (the
        # summary's 类 still add up to its 本年支出合计 9759.38). 财政拨款收入支出决算总表 (p. 12) also
        # prints 210 as 236.63, where 一般公共预算财政拨款支出决算表 (p. 14) has 236.64.
        "28_shpt_ghzy_2024_dept_final": Counter(
            {
                ("BL323", "收入支出决算总表", "210"): 1,
                ("BL323", "收入支出决算总表", "212"): 1,
                ("BL324", "财政拨款收入支出决算总表", "210"): 1,
            }
        ),
        # 行政运行 2120101 carries 项目支出 250,000 (2024) and 150,000 (2025) in both expenditure tables.
        # 21201 城乡社区管理事务 prints 94,995,790, its children add up to 94,995,789 (212 =
        # 154,369,326 holds with the latter): 1 元 in tables printed in whole 元, in the 收入总表
        # (合计 and 财政拨款收入, L276), the 支出总表 (L414) and the 功能分类表 (L599).
        "06_shpt_wanli_2025_dept_budget": Counter(
            {
                ("BL101", "2025年部门收入预算总表", "21201"): 2,
                ("BL101", "2025年部门支出预算总表", "21201"): 1,
                ("BL101", "2025年部门一般公共预算支出功能分类预算表", "21201"): 1,
                ("BL503", "2025年部门支出预算总表", "2120101"): 1,
                ("BL503", "2025年部门一般公共预算支出功能分类预算表", "2120101"): 1,
            }
        ),
        "05_shpt_wanli_2024_dept_budget": Counter(
            {
                ("BL503", "2024年部门支出预算总表", "2120101"): 1,
                ("BL503", "2024年部门一般公共预算支出功能分类预算表", "2120101"): 1,
                ("BL003", "2024年部门一般公共预算基本支出部门预算经济分类预算表", "301 2"): 1,
                ("BL003", "2024年部门一般公共预算基本支出部门预算经济分类预算表", "301 7"): 1,
            }
        ),
        # 事业单位医疗 is coded "7 11 02" instead of "210 11 02" in two tables (PDF pp. 9, 11) — the
        # row is there (503,724 as in the 收入总表's 2101102), only its code is malformed; and the
        # 财务收支总表 and 财政拨款收支总表 name 类 210 with its pre-2019 name 医疗卫生与计划生育支出
        # where the other tables say 卫生健康支出: the known rename, one warning per table.
        "07_shpt_fuliyuan_2024_unit_budget": Counter(
            {
                ("BL003", "2024年预算单位支出预算总表", "7 11 02"): 1,
                ("BL003", "2024年预算单位一般公共预算支出功能分类预算表", "7 11 02"): 1,
                ("BL504", "2024年预算单位财务收支预算总表", "210"): 1,
                ("BL504", "2024年预算单位财政拨款收支预算总表", "210"): 1,
                # 基本支出表 numbers the 款 of 302 01–13 in print order (PDF p. 17): 302 03 水费,
                # 04 电费, 05 邮电费, 07 工会经费, 08 福利费 are 30205, 30206, 30207, 30228, 30229.
                ("BL603", "2024年预算单位一般公共预算基本支出部门预算经济分类预算表", "302"): 1,
            }
        ),
    },
)

# 决算 tables all read, from PDF and text alike: the two panels of 基本支出决算表 (readers/panels.py), and
# 27's 财政拨款收入支出决算总表, whose figures centred in tall cells stand a line above their labels.
UNREAD_FINAL: dict[str, set[str]] = {"27": set(), "28": set()}


def _table_findings(report) -> Counter:
    return Counter(
        (v.code, v.table, v.row)
        for v in report.violations
        if v.severity in {"error", "warning"} and not v.code.startswith("BL4") and v.code != "BL002"
    )


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem[:2])
def test_every_real_text_is_read(path):
    report = lint_path(str(path))
    assert report.error is None
    assert "Traceback" not in str(report)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem[:2])
def test_table_findings_are_the_verified_ones(path):
    assert _table_findings(lint_path(str(path))) == VERIFIED[path.stem]


def _pdf_inputs() -> list[tuple[Path, str]]:
    pairs = []
    for text in TEXTS:
        parts = sorted((REALDOCS / "pdf").glob(f"{text.stem}*.pdf"))
        if parts:
            pairs.append((text, "+".join(str(p) for p in parts)))
    return pairs


@pytest.mark.parametrize(("text", "pdf"), _pdf_inputs(), ids=lambda x: Path(str(x)).stem[:2])
def test_pdf_and_layout_text_agree(text, pdf):
    from_text, from_pdf = lint_path(str(text)), lint_path(pdf)
    assert from_pdf.error is None
    assert _table_findings(from_pdf) == _table_findings(from_text)
    unread = {v.table for v in from_text.violations if v.code == "BL002"}
    unread_pdf = {v.table for v in from_pdf.violations if v.code == "BL002"}
    assert unread == unread_pdf
    if text.stem[:2] in UNREAD_FINAL:
        assert unread == UNREAD_FINAL[text.stem[:2]]


def _three_public(path: str) -> list[tuple[str, str, str]]:
    from budget_lint.readers import read_document

    (table,) = [t for t in read_document(path).tables if t.kind == "three_public"]
    assert table.unread is None and table.rows, path
    return [
        (row.label, column.role, cell.text)
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    ]


@pytest.mark.parametrize("number", ["09", "11", "15", "16", "17", "19"])
def test_jiangsu_three_public_layout_text_reads_as_its_pdf(number):
    """The layout text of these 江苏 三公/会议费/培训费 tables prints the 公务用车 sub-header wrapped
    over lines: 小计 one character a line, drifting sideways (09), or two columns' cells one space
    apart (公务用车购置 公务用车运行, 11 15 16 17 19). Read from the text with the PDF's figures."""
    (text,) = REALDOCS.glob(f"{number}_*.txt")
    pdf = "+".join(str(p) for p in sorted((REALDOCS / "pdf").glob(f"{text.stem}*.pdf")))
    read = _three_public(str(text))
    assert read == _three_public(pdf)
    roles = {role for _, role, _ in read}
    assert roles >= {"three_public_subtotal", "vehicle_purchase", "meeting", "training"}


def test_jiangsu_three_public_from_layout_text_is_checked():
    """09's 公务用车 小计 183.60 = 购置 (blank) + 运行 183.60; made 183.80, the row breaks (L783)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    path = REALDOCS / "09_js_renda_2017_dept_budget.txt"
    text = edit(path.read_text(encoding="utf-8"), 783, "222.50   183.60", "222.50   183.80")
    found = [v for v in lint_document(read_text_document(text, path.name)) if v.severity == "error"]
    assert any(v.source.line == 783 and v.table == "“三公”经费、会议费、培训费支出预算表" for v in found)


def _procurement(path: str) -> list[list[tuple[str | None, str]]]:
    from budget_lint.readers import read_document

    return [
        [(row.role, row.cells[0].text) for row in table.rows]
        for table in read_document(path).tables
        if table.kind == "procurement" and (table.rows or table.unread)
    ]


@pytest.mark.parametrize("text", sorted(REALDOCS.glob("*_js_*.txt")), ids=lambda p: p.stem[:2])
def test_jiangsu_procurement_is_read_by_its_categories(text):
    """江苏's 政府采购预算表 lists details (专项名称, 经济科目, 采购物品名称, 采购组织形式 beside their
    amounts) under 合计 and its numbered categories (一、货物 A …): those are read, from text as from
    the PDF, and add up in every document (09: 59.00 + 2,188.85 = 2,247.85; 21: 525.40 + 500.00 +
    2,717.00 = 3,742.40). 18 prints its list over two pages, its title and header again on the second:
    one table, read whole."""
    pdf = "+".join(str(p) for p in sorted((REALDOCS / "pdf").glob(f"{text.stem}*.pdf")))
    tables = _procurement(str(text))
    assert tables == _procurement(pdf)
    assert tables[0][0][0] == "total" and {"goods", "services"} <= {role for role, _ in tables[0]}
    assert [bool(t) for t in tables] == [True]


def test_jiangsu_procurement_categories_are_checked():
    """09's 货物 59.00 made 59.10: 合计 2,247.85 ≠ 59.10 + 2,188.85 (BL214), at the changed line."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    path = REALDOCS / "09_js_renda_2017_dept_budget.txt"
    text = edit(path.read_text(encoding="utf-8"), 802, "59.00", "59.10")
    found = [v for v in lint_document(read_text_document(text, path.name)) if v.code == "BL214"]
    assert [(v.severity, v.source.line) for v in found] == [("error", 802)]


@pytest.mark.parametrize("marked", ["", "（续）", "续表", "（续表）"])
def test_a_table_whose_title_is_printed_again_on_its_next_page_goes_on(marked):
    """09's 政府采购预算表 broken over two pages before 三、服务 C, its title (plain, or marked continued),
    department line and header printed again: one table, its findings those of the unbroken one; 服务 C
    changed on the second page is found there (合计 ≠ 货物 + 服务, BL214)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    path = REALDOCS / "09_js_renda_2017_dept_budget.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    top = next(i for i, line in enumerate(lines) if line.strip() == "2017 年政府采购预算表")
    middle = next(i for i, line in enumerate(lines) if line.startswith("采购品目大类"))
    title, header = [lines[top] + marked, lines[top + 1]], lines[middle - 1 : middle + 2]  # + 部门; 3 lines
    at = next(i for i, line in enumerate(lines) if line.startswith("三、服务 C"))
    broken = "\n".join([*lines[:at], *title, "", *header, *lines[at:]])
    shift = len(title) + 1 + len(header)

    def findings(text: str, moved: int) -> list[tuple[str, str | None, int | None]]:
        report = lint_document(read_text_document(text, path.name))
        numbers = [v.source.line or 0 for v in report]  # the lines after the break moved back by ``moved``
        return [(v.code, v.table, n - (moved if n > at else 0)) for v, n in zip(report, numbers, strict=True)]

    assert findings(broken, shift) == findings("\n".join(lines), 0)
    tables = read_text_document(broken, path.name).tables
    procurement = [t for t in tables if t.kind == "procurement" and (t.rows or t.unread)]
    assert [[row.role for row in t.rows] for t in procurement] == [["total", "goods", "services"]]
    changed = edit(broken, at + shift + 1, "2,188.85", "2,188.95")
    found = [v for v in lint_document(read_text_document(changed, path.name)) if v.code == "BL214"]
    assert [v.source.line for v in found] == [at + shift + 1]


def test_a_table_whose_label_and_title_are_printed_again_on_its_next_page_goes_on():
    """18's 表八 broken over two pages before 208: its label, title, department line and header printed
    again. One table, its findings those of the unbroken one (before: two tables, each checked as the
    whole, with 15 false errors)."""
    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    path = REALDOCS / "18_js_zhengxie_2017_dept_budget.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    label = next(i for i, line in enumerate(lines) if line.strip() == "表八")  # after a form feed
    title = next(i for i in range(label, len(lines)) if lines[i].strip() == "一般公共预算支出预算表")
    at = next(i for i in range(title, len(lines)) if lines[i].startswith("208 "))
    again = ["", "表八", "", lines[title], lines[title + 1], "", lines[title + 3]]
    broken = "\n".join([*lines[:at], *again, *lines[at:]])

    def findings(text: str, moved: int) -> list[tuple[str, str | None, str | None, int | None]]:
        found = lint_document(read_text_document(text, path.name))
        return [(v.code, v.table, v.row, (n := v.source.line or 0) - (moved if n > at else 0)) for v in found]

    assert findings(broken, len(again)) == findings("\n".join(lines), 0)
    tables = [t for t in read_text_document(broken, path.name).tables if t.label == "表八"]
    assert len(tables) == 1 and any(row.code == "208" for row in tables[0].rows)


def test_pdf_pages_are_cited():
    report = lint_path(str(REALDOCS / "pdf" / "02_shpt_sfj_2026_unit_budget.pdf"))
    pages = {v.source.page for v in report.violations if v.code == "BL201" and v.severity == "error"}
    assert pages == {11, 14}
    assert all(
        re.match(r"\d", v.row or "") for v in report.violations if v.code == "BL201" and v.severity == "error"
    )


@pytest.mark.parametrize(
    "name", ["08_cq_jtw_2018_dept_budget_narrative.txt", "26_sc_jingyan_2020_sangong_final.txt"]
)
def test_a_narrative_alone_says_no_table_was_read(name):
    report = lint_path(str(REALDOCS / name))
    assert [(v.code, v.severity) for v in report.violations if v.code == "BL006"] == [("BL006", "info")]
    assert not [v for v in report.violations if v.severity == "error"]


def test_the_jiangsu_admin_running_table_is_read_and_checked():
    """江苏's 公开11表 一般公共预算机关运行经费支出预算表 (economic 类/款, one column): read in every 江苏
    document, and a changed 款 breaks its 类's sum (13: 302 = 2,722.57 = Σ its 14 款)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_document, read_text_document

    for path in sorted(REALDOCS.glob("*_js_*.txt")):
        tables = [t for t in read_document(path).tables if t.kind == "admin_running" and t.rows]
        assert tables and all(t.unread is None for t in tables), path.name
    path = REALDOCS / "13_js_jianchayuan_2018_dept_budget.txt"
    text = edit(path.read_text(encoding="utf-8"), 720, "18.92", "19.82")
    found = [v for v in lint_document(read_text_document(text, path.name)) if v.table == "公开11表"]
    # one identity only, no twin: the 类's total (L716) is reported, the changed 款 among its cells
    assert [(v.code, v.severity, v.source.line) for v in found] == [("BL102", "error", 716)]
    assert ("30205", "19.82") in {(c.row, c.value) for c in found[0].cells}


def test_performance_tables_under_one_title_stay_one_per_project():
    """04 prints a 财政项目支出绩效目标填报表 for each of its five projects, every one under the same title
    with no label: a performance table is one per project, so the same title again starts a new one."""
    from budget_lint.readers import read_document

    tables = read_document(str(REALDOCS / "04_shpt_wanli_2023_dept_budget.txt")).tables
    projects = [t for t in tables if t.kind == "performance_project"]
    assert len(projects) == 5 and {t.title for t in projects} == {"财政项目支出绩效目标填报表"}


_UNIT_AT_END = re.compile(r"\s*((?:金额)?单位\s*[:：]\s*(?:万元|元))\s*$")


@pytest.mark.parametrize(
    "name",
    [
        "01_shpt_sfj_2026_dept_budget.txt",
        "09_js_renda_2017_dept_budget.txt",
        "18_js_zhengxie_2017_dept_budget.txt",
        "23_js_fayuan_2019_dept_budget.txt",
        "27_shpt_czj_2024_dept_final.txt",
    ],
)
def test_a_unit_printed_on_the_title_line_leaves_the_findings_as_they_are(name):
    """Each table's 单位：万元 moved from the line under its title (or the one after) onto the title line
    itself, as other offices print it: every table is still found at its title, in its unit, and the
    findings are those of the document as published (before, the table's rows went into the table
    above it: dozens of false errors)."""
    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document
    from budget_lint.readers.segment import is_title

    lines = (REALDOCS / name).read_text(encoding="utf-8").split("\n")
    moved = list(lines)
    count = 0
    for i, line in enumerate(lines):
        if not is_title(line.strip()):
            continue
        below = next((k for k in (i + 1, i + 2) if k < len(lines) and _UNIT_AT_END.search(lines[k])), None)
        if below is not None:
            unit = _UNIT_AT_END.search(lines[below])
            moved[below] = lines[below][: unit.start()]
            moved[i] = f"{line.rstrip()}        {unit.group(1)}"
            count += 1
    assert count >= 5

    def findings(text: str) -> list[tuple]:
        found = lint_document(read_text_document(text, name))
        return [(v.code, v.table, v.row, v.column, v.reported, v.computed, v.source.line) for v in found]

    assert findings("\n".join(moved)) == findings("\n".join(lines))


@pytest.mark.parametrize(
    ("note", "explained"),
    [
        ("注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。", True),  # as published
        ("本单位无政府性基金预算", True),
        ("本部门2026年没有政府性基金预算收支", True),
        ("", False),
    ],
)
def test_an_empty_fund_table_is_explained_by_its_note_with_or_without_zhu(note, explained):
    """01's empty 政府性基金 table says why under it; a statement of what the department has none of is
    that note without 注：and without a full stop as well (before: BL501, no note). With no note, it is
    reported."""
    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    name = "01_shpt_sfj_2026_dept_budget.txt"
    published = "注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    lines = (REALDOCS / name).read_text(encoding="utf-8").split("\n")
    at = lines.index(published)
    lines[at] = note
    found = [v.code for v in lint_document(read_text_document("\n".join(lines), name))]
    assert ("BL501" not in found) == explained


def test_the_fiscal_summary_alone_does_not_say_there_is_no_other_money():
    """07 without its 财务收支预算总表: the department's sources are known from the 财政拨款收支总表 alone,
    which lists only the fiscal ones. 事业收入 may then be there (it is: 262 万元), so neither the twin
    tables' checks nor the narrative's income that assume fiscal money only are made (before: BL301
    208 8661624 against 11281624, BL411 财政拨款收入 950.12 against 1212.12). The table's absence is
    reported (BL507), and nothing new besides."""
    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    name = "07_shpt_fuliyuan_2024_unit_budget.txt"
    lines = (REALDOCS / name).read_text(encoding="utf-8").split("\n")
    top = next(i for i, line in enumerate(lines) if line.strip() == "2024年预算单位财务收支预算总表")
    end = next(i for i in range(top + 1, len(lines)) if "收入预算总表" in lines[i])
    without = [*lines[:top], *lines[end:]]

    def errors(text: str) -> set[tuple]:
        found = lint_document(read_text_document(text, name))
        return {
            (v.code, v.table, v.row, v.column, v.reported, v.computed) for v in found if v.severity == "error"
        }

    published, cut = errors("\n".join(lines)), errors("\n".join(without))
    assert {e[0] for e in cut - published} == {"BL507"}


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (51, "比2023年预算增加0.46万元。", "比2023年预算增加0.46万元；事业收入安排的支出预算262.00万元。"),
        (51, "比2023年预算增加0.46万元。", "比2023年预算增加0.46万元；其他资金安排的支出262万元。"),
        (49, "事业收入", "其他资金收入262.00万元（全部为事业收入）。"),
    ],
)
def test_money_named_by_its_source_is_not_the_total_nor_one_other_source(line, old, new):
    """07's narrative told as other offices tell it, still right: the spending 事业收入 pays for is part
    of 支出, not 支出 (before: BL402 262.00 against 支出总计 12121164, BL411); 其他资金 is all the money
    besides the fiscal grants, here 事业收入 262.00, not the 其他收入 row's 0 (before: BL401)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    name = "07_shpt_fuliyuan_2024_unit_budget.txt"
    text = (REALDOCS / name).read_text(encoding="utf-8")
    changed = edit(text, line, old, new)
    if line == 49:  # the sentence goes on at the next line: 262.00万元；…其他收入0.00万元。
        changed = edit(changed, 50, "262.00万元；事业单位经营收入0.00万元；其他收入0.00万元。", "")

    def errors(document: str) -> list[tuple]:
        found = lint_document(read_text_document(document, name))
        return [(v.code, v.row, v.reported, v.computed) for v in found if v.severity == "error"]

    assert errors(changed) == errors(text)


@pytest.mark.parametrize("stated", ["620.75", "630.75"])
def test_the_three_public_total_is_its_subtotal_where_the_table_adds_meetings_and_training(stated):
    """22's 三公 table adds 会议费 and 培训费: its 合计 is 2,558.26, its “三公”经费小计 620.75. The 三公
    total stated as other offices state it ("“三公”经费预算合计X万元", before: not read) is compared
    with the subtotal: right as 620.75, an error as 630.75 (before, were it read: against 2,558.26)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    name = "22_js_fayuan_2018_dept_budget.txt"
    text = (REALDOCS / name).read_text(encoding="utf-8")
    changed = edit(text, 704, "29.63%。", f"29.63%。“三公”经费预算合计{stated}万元。")
    found = [v for v in lint_document(read_text_document(changed, name)) if v.code == "BL405"]
    assert [(v.reported, v.computed) for v in found] == ([] if stated == "620.75" else [("630.75", "620.75")])

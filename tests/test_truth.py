"""The cases of hand-judging the real 预算 (issue 10), each on its real document: one defect is one
finding at its culprit, percentages are judged as their writers compute them."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from conftest import REALDOCS

from budget_lint.engine import lint_document, lint_path
from budget_lint.readers import read_document

pytestmark = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")


@cache
def _violations(prefix: str):
    path = next(REALDOCS.glob(f"{prefix}_*.txt"))
    return tuple(lint_path(str(path)).violations)


def _at(prefix: str, line: int, severities=("error", "warning")):
    return [
        (v.code, v.severity)
        for v in _violations(prefix)
        if v.source.line == line and v.severity in severities
    ]


# -- one defect, one finding, at the culprit --------------------------------------------------------------


@pytest.mark.parametrize("line", [162, 211])
def test_a_copied_project_total_is_one_error_at_the_child(line):
    """02: 2040601 行政运行 prints 项目支出 64,840,547, 20406's total: 合计 ≠ 基本 + 项目 at the row, and
    20406's 项目支出 ≠ Σ 项 (129,681,094). The parent's figure is right; one error at the child."""
    assert _at("02", line) == [("BL201", "error")]
    found = next(v for v in _violations("02") if v.source.line == line and v.severity == "error")
    assert ("20406", "项目支出") in {(c.row, c.column) for c in found.cells}
    assert "BL101" in found.message and "BL503" in found.message
    assert not [v for v in _violations("02") if v.row == "20406" and v.severity != "info"]


def test_a_garbled_item_sentence_is_one_finding():
    """02 L101–102: 购房补贴 207 restated as 170.03, and "增加21.74%" from 241.76: the 170.03 is the one
    defect (BL411), its contradicted 增加 (BL413) part of it."""
    assert _at("02", 102) == [("BL411", "error")]


def test_a_rate_recomputed_from_a_miscopied_amount_is_part_of_the_miscopy():
    """04 L129: 职业年金 220.63 (as the table, L128) restated as 441.25; the rate from 441.25 is the same
    defect."""
    assert _at("04", 129) == [("BL411", "error")]


def test_a_known_rename_is_one_finding_per_table():
    """07: 类 210 under its pre-2019 name in two tables is BL504 there, not BL314 in every other table."""
    found = [(v.code, v.table) for v in _violations("07") if v.code in {"BL314", "BL504"}]
    assert sorted(found) == [
        ("BL504", "2024年预算单位财务收支预算总表"),
        ("BL504", "2024年预算单位财政拨款收支预算总表"),
    ]


def test_a_row_with_a_malformed_code_is_not_missing():
    """07 L137/L175: 事业单位医疗 coded " 7 11 02" (BL003) is the 支出总表's 2101102: not missing (BL302)."""
    assert not [v for v in _violations("07") if v.code == "BL302"]
    assert _at("07", 175) == [("BL003", "warning")]


# -- percentages as their writers compute them ------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "line"), [("19", 350), ("14", 909)])
def test_a_rate_less_than_a_unit_off_was_computed_from_unrounded_figures(prefix, line):
    """19 L350: 66.69% for 66.6809%; 14 L909: 64.07% for 64.0607% — info, not error."""
    assert [(v.code, v.severity) for v in _violations(prefix) if v.source.line == line] == [("BL417", "info")]


def test_a_rate_more_than_a_unit_off_is_an_error():
    """14 L892: 7.57% for 28.1 / (400.02 − 28.1) = 7.5554%: off by more than 0.01."""
    assert _at("14", 892) == [("BL417", "error")]


def test_a_whole_number_rate_is_the_rounding_or_the_truncation():
    """17 L158: 30% for 878.93 / (3894.09 − 878.93) = 29.15%: neither rounds nor truncates to 30."""
    found = [v for v in _violations("17") if v.source.line == 158]
    assert [(v.code, v.severity) for v in found] == [("BL417", "error")]
    assert abs(Decimal(found[0].difference)) > Decimal(found[0].tolerance)  # as its own tolerance says


def test_shares_printed_to_total_100_are_judged_with_their_siblings():
    """13 L999: 基本支出 63.75% (63.7399%) + 项目 25.38% + 机动 10.87% = 100.00: a residue moved; and the
    99.94% of 财政拨款 said again at L1013 (L995 said it of 收入) is judged once."""
    assert [(v.code, v.severity) for v in _violations("13") if v.source.line == 999] == [("BL419", "info")]
    assert not [v for v in _violations("13") if v.source.line == 1013]


def test_a_decrease_keeps_its_sign():
    """19 L350 "减少 … 66.69%": the message says −66.69% and −66.6809%."""
    found = next(v for v in _violations("19") if v.source.line == 350)
    assert "-66.69%" in found.message and "-66.6809%" in found.message


# -- what is exact is exact -------------------------------------------------------------------------------


def test_a_table_in_whole_yuan_is_exact():
    """06 L276: 21201 城乡社区管理事务 94,995,790 against its children's 94,995,789 (and 212 = 154,369,326
    holds with 94,995,789): 1 元 in a table printed in whole 元 is an error, at 21201, in every table."""
    errors = sorted((v.code, v.row, v.column) for v in _violations("06") if v.severity == "error")
    assert errors == [
        ("BL101", "21201", "合计"),
        ("BL101", "21201", "合计"),
        ("BL101", "21201", "合计"),
        ("BL101", "21201", "财政拨款收入"),
    ]
    assert _at("06", 276) == [("BL101", "error"), ("BL101", "error")]


@pytest.mark.parametrize("line", [181, 234])
def test_a_total_printed_without_its_cents_is_a_precision_break(line):
    """02 L181/L234: 基本支出 22,118,861 where the table prints cents and Σ 类 = 22,118,861.34: not a
    residue (info) but a precision break (warning) whose rounding hides 0.34 元."""
    found = [v for v in _violations("02") if v.source.line == line and v.severity != "info"]
    assert [(v.code, v.severity) for v in found] == [("BL101", "warning")]
    assert "精度不一致" in found[0].message and "-0.34" in found[0].message
    assert not [v for v in _violations("02") if v.source.line == line and v.severity == "info"]


# -- the checks a careful reader makes, and the messages --------------------------------------------------


def test_a_rate_without_its_percent_sign():
    """22 L641: "与上年相比减少 100 万元，减少 9.52，主要原因是…"."""
    assert ("BL455", "warning") in _at("22", 641)


def test_quotation_marks_that_do_not_pair_up():
    """01 L396: 开展“人民调解协议书检查”、优秀调解案例”活动 — the second ” has no “."""
    found = [v for v in _violations("01") if v.code == "BL456"]
    assert [(v.source.line, v.severity) for v in found] == [(396, "warning")]
    assert "案例”活动" in found[0].message


def test_a_table_note_names_its_table_once():
    """05: the 三公 table (title L778) prints figures and the note "故本表为空表" (L794). The finding
    names the table once (its table field, not again in the message) and points at the note, the line
    to fix."""
    found = [v for v in _violations("05") if v.code == "BL431"]
    assert [v.source.line for v in found] == [794]
    assert found[0].table == "部门“三公”经费和机关运行经费预算表"
    assert "预算表" not in found[0].message and "故本表为空表" in found[0].message


def test_an_increase_larger_than_the_figure_is_not_a_negative_prior():
    """04 L71: 政府性基金拨款支出 0万元 "比2022年预算增加1421.25万元": no "上年应为 −1421.25万元"."""
    found = next(v for v in _violations("04") if v.code == "BL422")
    assert "上年应为" not in found.message and "增加额大于本年数" in found.message


def test_a_restatement_names_the_line_of_each_figure():
    """12 L795 prints 基本支出 12323.46, L813 and the table 12323.48: one finding at 795, whose restatement
    part says which line prints which figure (not "在此为 12323.48" at the line printing 12323.46)."""
    found = [v for v in _violations("12") if v.code in {"BL404", "BL411"}]
    assert [(v.code, v.source.line) for v in found] == [("BL404", 795)]
    assert "第813行为 12323.48万元，前文（第795行）为 12323.46万元" in found[0].message


def test_the_change_of_a_class_cannot_exceed_its_items_changes():
    """22 L574: 公共安全 +2,687.77 while its items (26,200.88 = Σ their amounts) change by 3,070.69 −
    392.92 + 0 + 100 − 100 + 0 = 2,677.77; the rate 5.95% of L634 fits 382.92, not 392.92: one finding,
    at the 392.92."""
    found = [v for v in _violations("22") if v.severity == "error" and v.source.line in range(570, 640)]
    assert [(v.code, v.source.line) for v in found] == [("BL417", 634)]
    assert "BL425" in found[0].message and found[0].message.startswith(
        "最可能有误的是 法院（款）一般行政事务管理（项）「增减」-392.92"
    )
    # 16 L120: 3,161.38 below its items' 3,308.58 — a 项 dropped this year — is no finding
    assert not [v for v in _violations("16") if v.code == "BL425"]


def test_a_reason_that_points_the_other_way():
    """05 L89–91: 减少2.98% "主要原因是：…经费增加". A clause about another year explains by what happened
    then, and the clauses after it go on about that year: 03 L107's "2025年增加图书…购置经费" for a
    decrease, and 03 L171's 增加116.29% over 2025's spending, "2025年度有部分奖励未发放，调减预算" (2025's
    budget was cut), are no finding."""
    assert ("BL457", "warning") in _at("05", 90)
    assert not [v for v in _violations("03") if v.code == "BL457"]


def test_a_level_label_that_does_not_fit_the_code():
    """10 L808: "行政事业单位离退休（类）" where the tables list 20805 行政事业单位离退休, a 款. 18 L280's
    "住房公积金（款）" is no finding: a 项 of 住房改革支出 (2210201) but, as the economic classification's
    "款" its section itemises 基本支出 by, 30311 under 对个人和家庭的补助 (the 基本支出 table, L718)."""
    assert ("BL458", "warning") in _at("10", 808)
    assert not [v for v in _violations("18") if v.code == "BL458"]


def test_a_project_period_before_the_budget_year():
    """01 L397–398: "五、实施周期 2025年1月1日-2025年12月31日" in a 2026 budget."""
    assert [(v.code, v.source.line) for v in _violations("01") if v.code == "BL459"] == [("BL459", 397)]


def test_department_wording_in_a_unit_budget():
    """02 L335–336: "2026年部门预算安排购置车辆…；部门预算安排购置单价100万元…" in a 单位预算; its table
    title "…基本支出部门预算经济分类预算表" names a catalogue and is no finding."""
    assert [v.source.line for v in _violations("02") if v.code == "BL460"] == [335, 336]


def test_item_paragraphs_of_a_department_with_other_money():
    """07 L69–70 (a department with 事业收入): 社会福利事业单位（项）738.66万元 where the 一般公共预算 table
    has 2081005 6,964,796 元 and the 支出总表 9,584,796 元; its other items match the fiscal table."""
    found = [(v.code, v.source.line, v.severity) for v in _violations("07") if v.code == "BL426"]
    assert found == [("BL426", 69, "error")]


def test_the_summary_splits_basic_spending_as_the_basic_table():
    """02 L122 vs L302: the 财务收支总表 gives 人员经费 20,374,181 and 公用经费 1,744,680, the 基本支出
    table 20,272,981.00 and 1,845,880.34 (all money is 一般公共预算): 101,200 moved between the columns.
    The other 上海 documents split it the same way in both tables."""
    found = sorted(
        (v.code, v.source.line, v.column) for v in _violations("02") if v.code in {"BL315", "BL316"}
    )
    assert found == [("BL315", 122, "人员经费"), ("BL316", 122, "公用经费")]
    for prefix in ("01", "03", "04", "05", "06", "07"):
        assert not [v for v in _violations(prefix) if v.code in {"BL315", "BL316"}]


def test_reader_findings_speak_english_under_lang_en():
    """05: the malformed codes "301 2" and "301 7" (BL003) under ``--lang en``."""
    from budget_lint.engine import Options

    path = next(REALDOCS.glob("05_*.txt"))
    found = [v.message for v in lint_path(str(path), Options(lang="en")).violations if v.code == "BL003"]
    assert found and all(m.startswith("Malformed subject code (") and "301 2" in found[0] for m in found)


def test_the_change_the_sources_contradict_is_blamed():
    """13: 一般公共预算收入 "增加 3,959.28" (L950) and 财政拨款收、支总计 "各增加 3,958.98" (L1004, L1014)
    are one money's change. 收入总计 +3,958.67 (L940) = 一般公共预算 +3,959.28 − 其他资金 0.61 (L955), and
    the classes' changes give 2,802.41 − 184.96 + 1,341.22 = 3,958.67 too: 3,958.98 is the slip. One
    finding, at L1004, not at the figure the evidence confirms."""
    found = [v for v in _violations("13") if v.code in {"BL411", "BL416"}]
    assert [(v.code, v.source.line) for v in found] == [("BL411", 1004)]
    assert "收入按来源的增减支持 3959.28，不支持 3958.98" in found[0].message
    assert not _at("13", 950)


def test_a_paragraph_printed_twice():
    """01 L42–52 lists 主要职能 (一)…(十), and L53–63 prints (六)…(十) again (the PDF's text layer has both;
    p. 4 clips its copy from view): one warning at L53. 18 repeats its item list under a second heading,
    numbered from (一) again: a section of its own, not a paragraph printed twice."""
    found = [v for v in _violations("01") if v.code == "BL442"]
    assert [(v.source.line, v.severity) for v in found] == [(53, "warning")]
    assert "（六）至（九）" in found[0].message and "第42行" in found[0].message
    assert not [v for v in _violations("18") if v.code == "BL442"]


# -- performance-target tables ------------------------------------------------------------------------------

# 项目资金总额 = 年度资金申请总额 of 04's five 财政项目支出绩效目标填报表 (元), at their lines
PROJECTS_04 = {
    860: "4100000.00",
    911: "6351000.00",
    952: "4563800.00",
    997: "7595500.00",
    1106: "10903043.00",
}


@pytest.mark.parametrize("form", ["txt", "pdf"])
def test_the_project_tables_of_04_are_read(form):
    """04 prints five 财政项目支出绩效目标填报表 (PDF pp. 31–35); each is one project's money, read as one
    row from its text and from its PDF alike."""
    from budget_lint.readers import read_document

    path = next(REALDOCS.glob("04_*.txt")) if form == "txt" else next(REALDOCS.glob("pdf/04_*.pdf"))
    tables = [t for t in read_document(path).tables if t.kind == "performance_project"]
    assert [t.unread for t in tables] == [None] * 5 and all(t.unit == "元" for t in tables)
    annual = [str(t.rows[0].cells[t.column_index("annual_total")].value) for t in tables]
    assert annual == list(PROJECTS_04.values())
    assert [t.rows[0].label for t in tables][-1] == "公共服务设施运行经费"


def test_a_project_table_whose_money_does_not_add_up():
    """04 L1106–1116 (PDF p. 35), 公共服务设施运行经费: 年度资金申请总额 10,903,043.00 = 项目资金总额 =
    财政资金, but 其中：当年财政拨款 11,419,043.00 + 上年结转资金 0.00 + 其他资金 0.00 = 11,419,043.00:
    516,000 apart (BL465). Mended, nothing is left of it."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    assert [(v.code, v.source.line) for v in _violations("04") if v.code.startswith("BL46")] == [
        ("BL465", 1106)
    ]
    path = next(REALDOCS.glob("04_*.txt"))
    text = edit(path.read_text(encoding="utf-8"), 1109, "11,419,043.00", "10,903,043.00")
    assert not [v for v in lint_document(read_text_document(text, path.name)) if v.code.startswith("BL46")]


def test_the_narrative_money_under_targets_against_the_project_tables():
    """04 L810–811: "编报绩效目标的项目5个，涉及项目预算资金3328.13万元"; the five tables' 年度资金申请总额
    add up to 4,100,000 + 6,351,000 + 4,563,800 + 7,595,500 + 10,903,043 = 33,513,343.00 元 = 3351.33万元
    (L860, L911, L952, L997, L1106): 23.20万元 more (BL441, at the narrative's figure). Not the same
    defect as the 516,000 of L1106 (that would make 3402.93万元). Not compared when the narrative
    counts other than the tables printed (a sample of the projects)."""
    from conftest import edit

    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    found = [v for v in _violations("04") if v.code == "BL441"]
    assert [(v.source.line, v.severity) for v in found] == [(811, "error")]
    assert "3351.33万元" in found[0].message
    assert {c.source.line for c in found[0].cells} == {811, *PROJECTS_04}
    path = next(REALDOCS.glob("04_*.txt"))
    text = path.read_text(encoding="utf-8")

    def bl441(edited: str) -> list:
        return [v for v in lint_document(read_text_document(edited, path.name)) if v.code == "BL441"]

    assert not bl441(edit(text, 811, "3328.13万元", "3351.33万元"))
    assert not bl441(edit(text, 810, "编报绩效目标的项目5个", "编报绩效目标的项目6个"))
    # a phrase naming 财政拨款 is the tables' 当年财政拨款 (3402.93万元 with L1109's 11,419,043): said as
    # 3351.33, it and L1106's own sum both need 当年财政拨款 10,903,043 — one slip, one finding at L1109
    fiscal = edit(text, 811, "涉及项目预算资金3328.13万元", "涉及当年财政拨款3351.33万元")
    found = [v for v in lint_document(read_text_document(fiscal, path.name)) if v.code in {"BL441", "BL465"}]
    assert [(v.code, v.source.line) for v in found] == [("BL465", 1109)]
    assert "BL441" in found[0].message
    assert not bl441(edit(text, 811, "涉及项目预算资金3328.13万元", "涉及当年财政拨款3402.93万元"))


def test_a_project_table_of_the_chongqing_template():
    """重庆's 项目支出绩效目标表: 当年预算 = 本级安排 + 上级补助 (a blank 上级补助 is zero), read where each
    label carries its amount (the example's flattened 表十一, two projects' cells interleaved with
    their indicators and weights, stays not read: BL005 in test_rules)."""
    from budget_lint.engine import lint_document
    from budget_lint.readers import read_text_document

    table = "\n".join(
        [
            "                         2023年项目支出绩效目标表",
            "  编制单位：401001-某区某局                                   单位：万元",
            "  项目名称      50010922T000000000001-某业务经费        业务主管部门     某区某局",
            "  当年预算（万元）      22.00      本级安排（万元）      22.00      上级补助（万元）",
            "  项目概述      用于开展某项业务。",
        ]
    )
    assert not lint_document(read_text_document(table, "cq.txt"))
    wrong = table.replace("本级安排（万元）      22.00", "本级安排（万元）      20.00")
    found = lint_document(read_text_document(wrong, "cq.txt"))
    assert [(v.code, v.severity, v.source.line) for v in found] == [("BL466", "error", 4)]


def test_a_summary_tables_expense_side_is_placed_by_its_total():
    """03 L184–195 (a text that lost its columns): the 财务收支预算总表's expense side prints
    201 一般公共服务支出 3,353,072 twice, and so seven more 类. Their 人员经费, 公用经费 and
    项目支出 add up to 支出总计's 23,057,828, 3,860,162 and 49,388,144 in one placement only
    (BL207: 支出总计 = Σ 类): every such figure is 项目支出, and no row is left ambiguous (BL001)."""
    document = read_document(REALDOCS / "03_shpt_shiquanlu_2026_unit_budget.txt")
    lint_document(document)
    (side,) = [t for t in document.tables if "财务收支" in t.title and t.side == "expense"]
    rows = {row.code: [cell.text for cell in row.cells] for row in side.rows if row.code}
    assert rows["201"] == ["3,353,072", "", "", "3,353,072"]
    assert rows["210"] == ["1,225,800", "1,025,800", "", "200,000"]
    assert not [v for v in _violations("03") if v.code == "BL001"]

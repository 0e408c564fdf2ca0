"""Claim extraction from the narrative, and the narrative checks, on the example, on narratives written
like the real documents, and on the real documents themselves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import EXAMPLE, REALDOCS
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_lint.checks import narrative_text
from budget_lint.engine import lint_document
from budget_lint.model import Document, NarrativeLine, Source
from budget_lint.narrative.claims import DOWN, FLAT, UP, read_narrative
from budget_lint.narrative.text import JoinedText
from budget_lint.readers import read_document, read_text_document


def narrative(*lines: str) -> list[NarrativeLine]:
    """Lines numbered from 1; an empty string is a blank line (dropped, as readers do)."""
    return [NarrativeLine(text=t, source=Source(line=i)) for i, t in enumerate(lines, 1) if t.strip()]


def claims(*lines: str, year: int = 2023):
    return read_narrative(narrative(*lines), year).claims


def findings(*lines: str, year: int = 2023) -> set[tuple[str, int]]:
    document = Document(path="narrative.txt", year=year, narrative=narrative(*lines))
    return {(v.code, v.source.line) for v in lint_document(document) if v.code.startswith("BL4")}


# -- joining the lines ------------------------------------------------------------------------------------


def test_joined_text_mends_wrapped_figures_and_keeps_lines():
    text = JoinedText.of(narrative("收入较 2022年减少 661.58万", "", "元，主要是  ", "  19  ", "项目经费"))
    assert text.text == "收入较2022年减少661.58万元，主要是项目经费"  # the page number 19 is dropped
    start = text.text.index("661.58")
    assert text.source(start).line == 1
    assert text.lines(start, start + len("661.58万元")) == (1, 3)


def test_full_width_forms_and_units():
    found = claims("支出预算１２，０００．５０万元，比上年增长１２．３０％。", "政府采购预算总额 0.53亿元。")
    expense, procurement = found
    assert (expense.amount.value, expense.amount.decimals) == (Decimal("12000.50"), 2)
    assert expense.changes[0].percent.value == Decimal("12.30")
    assert procurement.amount.cell("万元").value == Decimal("5300") and procurement.amount.unit == "亿元"


# -- what the example says ----------------------------------------------------------------------------------


def test_example_claims():
    found = read_narrative(read_document(EXAMPLE).narrative, 2023).claims
    by_line = {(c.subject, c.scope, c.amount.text if c.amount else None, c.source.line) for c in found}
    assert {
        ("income", "all", "4,683.96万元", 156),
        ("income", "general_budget", "4,683.96万元", 158),
        ("income", "gov_fund", "0万元", 158),
        ("income", "operating_income", "0万元", 162),
        ("class:201", "all", "70万元", 172),
        ("expense", "general_budget", "4,683.96万元", 180),
        ("basic", "general_budget", "2,935.68万元", 184),  # 其中： after the 一般公共预算 sentence
        ("reception", "all", "4.79万元", 202),  # "4.79万" + "元" on line 204
        ("admin_running", "general_budget", "485.97万元", 212),
        ("goods", "general_budget", "6.5万元", 224),  # 其中一般公共预算拨款政府采购 6.5万元：货物…
        ("vehicles:执勤执法用车", "all", "0辆", 238),
        ("purchases", "general_budget", "0辆", 238),
    } <= by_line
    income_change = next(c for c in found if c.subject == "income" and c.scope == "all" and c.amount is None)
    assert [(ch.direction, ch.amount.value, ch.amount.lines) for ch in income_change.changes] == [
        (DOWN, Decimal("661.58"), (162, 164))  # "661.58万" at the end of line 162, "元" on line 164
    ]
    basic = next(c for c in found if c.subject == "basic" and c.scope == "all")  # 主要是基本支出增加…
    assert [(ch.direction, ch.amount.value) for ch in basic.changes] == [(UP, Decimal("205.35"))]
    assert [ch.direction for c in found if c.subject == "three_public" for ch in c.changes] == [FLAT]


def test_item_paragraphs_by_code_and_by_names():
    coded, named = claims(
        "1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。2025年当年预算执行数为",
        "1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。",
        "“一般公共服务支出(类）-统计信息事务（款）-统计管理（项）”2026年度预算0.12万元，2025年度预算3.84万元。",
        year=2026,
    )
    assert coded.item_code == "2040601" and coded.priors["execution"].value == Decimal("1690.69")
    assert [f.text for f in coded.restated] == ["1672.67万元"]
    assert coded.changes[0].basis == "execution" and coded.changes[0].percent.value == Decimal("1.07")
    assert named.item_names == ("一般公共服务支出", "统计信息事务", "统计管理")
    assert named.priors["budget"].value == Decimal("3.84")


@pytest.mark.parametrize(
    "text",
    [
        "其他社会保障和就业支出 87.74万元。",  # a 款 named like a 类
        "资本性支出 5万元。",
        "单价100万元（含）以上设备0台。",
        "预留给小型和微型企业的政府采购项目预算为1486.42万元。",
        "2019 年本部门实行整体支出绩效目标管理，涉及财政性资金合计 37188.34 万元。",
        "省财政自2018年起将单位缴费下达给省级部门，增加部门预算1,464.3万元。",
    ],
)
def test_phrases_that_name_no_known_quantity_give_no_claim(text):
    assert claims(text) == []


def test_economic_items_under_two_headings_are_two_quantities():
    assert not findings(
        "（二）公用经费 1,131.92 万元。商品和服务支出（类）1,131.92 万元。（1）办公费（款）支出 110 万元。",
        "十、机关运行经费支出预算 3,348.98 万元。其中：（1）办公费（款）支出 167.03 万元。",
        year=2017,
    )


def test_a_heading_on_its_own_line_ends_there():
    """The central 决算 template heads a paragraph with "（一）机关运行经费支出情况", no 。 after it: the
    paragraph's first sentence is read on its own (before, its subject was taken to be the heading and
    the figure's words together, and nothing was checked). A line that starts an item, its figure on
    the next line, is no heading."""
    running = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长{}%。"
    assert not findings("（一）机关运行经费支出情况", running.format("1.40"), year=2024)
    assert findings("（一）机关运行经费支出情况", running.format("2.40"), year=2024) == {("BL417", 2)}
    assert findings("十一、其他重要事项的情况说明", running.format("2.40"), year=2024) == {("BL417", 2)}
    started = claims("（一）收入预算", "1212.12万元，其中财政拨款收入950.12万元。")
    assert [(c.subject, c.scope, str(c.amount.value)) for c in started][:1] == [("income", "all", "1212.12")]


def test_three_public_totals_as_offices_word_them():
    """合计, 总额, 共计 and 决算 after the subject (“三公”经费预算合计, 公务用车购置及运行费决算支出) name
    the same total (before: not read, a wrong sum went unseen)."""
    parts = "其中：公务用车购置费274万元，公务用车运行维护费511万元。"
    for said in ["决算支出", "预算合计", "共计", "总额为"]:
        assert not findings(f"公务用车购置及运行费{said}785万元，{parts}", year=2020)
        assert findings(f"公务用车购置及运行费{said}795万元，{parts}", year=2020) == {("BL415", 1)}


def test_shares_as_offices_word_them():
    """所占比例为, 比重为, 所占比重为 before a share read it as 占 does (before: not read)."""
    base = "支出预算24458.43万元，其中：基本支出10403.11万元，{}{}%；项目支出14055.32万元。"
    for lead in ["占", "所占比例为", "比重为", "所占比重为", "占比为"]:
        assert not findings(base.format(lead, "42.53"), year=2018)
        assert findings(base.format(lead, "45.53"), year=2018) == {("BL419", 1)}


# -- the checks on narratives written like the real documents ----------------------------------------------


def test_growth_rate_accepts_half_up_or_truncation_only():
    """沙坪坝 2016: 15.866% printed 15.86 (truncated) is right; 13.36% for 13.76% is wrong."""
    base = "支出预算 {}万元，比上年增加 {}万元，增长{}%。"
    assert not findings(base.format("1158.66", "158.66", "15.86"), year=2017)
    assert not findings(base.format("1158.66", "158.66", "15.87"), year=2017)
    assert findings(base.format("1137.60", "137.60", "13.36"), year=2017) == {("BL417", 1)}


def test_shares_of_a_split_and_their_sum():
    ok = [
        "本年支出预算合计 13649.07 万元，其中：",
        "基本支出 7666.68 万元，占 56.17%；",
        "项目支出 5853.96 万元，占 42.89%；",
    ]
    last = "单位预留机动经费 128.43 万元，占 0.94%。"
    assert not findings(*ok, last, year=2017)
    # the sum is off because of the one wrong share, which is where the culprit localisation puts it:
    # one defect, one finding, which names the failed sum too
    wrong = [*ok, last.replace("0.94%", "9.40%")]
    assert findings(*wrong, year=2017) == {("BL419", 4)}
    document = Document(path="narrative.txt", year=2017, narrative=narrative(*wrong))
    assert "BL420" in next(v.message for v in lint_document(document) if v.code == "BL419")


def test_shares_of_an_unstated_total_are_of_its_parts():
    """江苏 2017: the items' shares were taken of 三公 + 会议费 + 培训费 (2542.6), not of 三公 (833.6)."""
    assert findings(
        "因公出国（境）费支出 222.5 万元，占“三公”经费的 8.75%；公务用车购置及运行费支出 183.6 万元，",
        "占“三公”经费的 22.03%；公务接待费支出 427.5 万元，占“三公”经费的 51.28%。",
        year=2017,
    ) == {("BL419", 1)}


def test_years_compared_with():
    assert findings("收入预算 100万元，比2026年预算增加 10万元。", year=2026) == {("BL421", 1)}
    assert not findings("收入预算 100万元，比2025年预算增加 10万元。", year=2026)
    item = "“社会保障和就业支出(类）-红十字事业（款）-一般行政管理事务（项）”2026年度预算8.61万元。"
    said = "2025年当年预算执行数为7.11万元，{}年预算安排8.61万元。"
    assert findings(item, said.format(2025), year=2026) == {("BL421", 2)}
    assert findings(item, said.format(2026), year=2026) == set()


def test_a_budget_may_compare_with_the_final_accounts_of_the_year_before_last():
    """A 2026 budget is drawn up before 2025 is closed: its latest final accounts are 2024's. The change
    since them is against another basis than 上年预算, so it does not contradict the change from last
    year's budget; a 决算 of three years back is still the wrong year."""
    running = "机关运行经费预算为217.83万元，与上年相比减少8.07万元，{}。"
    for since in ["比2024年决算数增加12.67万元", "2024年决算数为205.16万元"]:
        assert not findings(running.format(since), year=2026)
    assert findings(running.format("比2023年决算数增加12.67万元"), year=2026) == {("BL421", 1)}
    assert findings(running.format("比上年增加12.67万元"), year=2026) == {("BL411", 1)}


def test_template_residue_and_contradictions():
    assert findings("政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元。") == {("BL422", 1)}
    assert not findings("政府性基金拨款支出预算0万元，比2022年预算减少995万元。")
    fell = "财政拨款收入7,630.61万元，比2025年预算减少2,163.37万元。"
    assert findings(fell, "财政拨款收入增加的主要原因是项目调整。", year=2026) == {("BL411", 2)}
    item = "“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”1837.36万元。"
    item += "2022年当年预算执行数为2695.80万元，"
    assert findings(item + "2023年预算安排1837.36万元，比2022年预算执行数增加31.84%。") == {("BL413", 1)}
    assert findings(item + "2023年预算安排1837.36万元，比2022年预算执行数减少31.84%。") == set()


def test_growth_from_zero():
    assert findings(
        "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”60.13万元。2022年当年预算执行数为",
        "0万元，2023年预算安排60.13万元，比2022年预算执行数增加100.00%。",
    ) == {("BL418", 2)}


def test_component_changes():
    first = "支出较上年减少 661.58万元，主要是基本支出增加 205.35万元，项目支出减少 866.93万元。"
    amounts = "其中：基本支出 2,935.68万元，项目支出 1,748.28万元。"
    assert not findings("支出预算 4,683.96万元。", first, amounts)
    assert findings("支出预算 4,683.96万元。", first.replace("866.93", "868.93"), amounts) == {("BL414", 2)}
    # parts that are not the whole (this year's amounts do not add up) say nothing about the total's change
    assert not findings("支出预算 5,000.00万元。", first.replace("866.93", "868.93"), amounts)


def test_changes_are_added_on_one_basis():
    """Changes against 上年预算执行数 add up like those against 上年预算, and the two are never mixed: a
    total's change against last year's budget says nothing about its parts' changes against last year's
    execution."""
    total = "支出预算 100.00万元，比2022年预算执行数增加 10.00万元。"
    parts = (
        "其中：基本支出 60.00万元，比2022年预算执行数增加 4.00万元；"
        "项目支出 40.00万元，比2022年预算执行数增加 5.00万元。"
    )
    assert findings(total, parts) == {("BL414", 1)}
    assert not findings(total.replace("10.00", "9.00"), parts)
    assert not findings(total.replace("预算执行数", "预算"), parts)  # unlike bases: not compared
    # a 类's change against its items' (BL425): the same, like with like
    whole = "（一）公共安全(类)支出 100.00 万元，与上年相比增加 20.00 万元，增长 25%。"
    items = [
        "1．法院（款）行政运行（项）支出 60.00 万元，比上年预算执行数增加 5.00 万元，增长 9.09%。",
        "2．法院（款）案件审判（项）支出 40.00 万元，比上年预算执行数增加 5.00 万元，增长 14.29%。",
    ]
    assert not findings(whole, *items)
    assert findings(whole.replace("与上年相比", "比上年预算执行数"), *items) == {("BL425", 1)}


def test_vehicles():
    assert findings("共有车辆 2辆，其中一般公务用车 2辆、执勤执法用车 1辆。") == {("BL423", 1)}
    assert findings("公务用车购置费 0万元。", "2023年一般公共预算安排购置车辆 1辆。") == {("BL424", 2)}


def test_wording():
    assert findings("主要用于支出等。。", "主要原因是。", "比上年减少 5.00万元万元") >= {
        ("BL452", 1),
        ("BL453", 2),
        ("BL451", 3),
    }
    assert findings("医疗卫生与计划生育支出 118.62万元。", year=2019) == {("BL454", 1)}
    assert not findings("医疗卫生与计划生育支出 118.62万元。", year=2018)


# -- the real documents ---------------------------------------------------------------------------------

# Every narrative finding on ../shared/realdocs, each verified by hand against the document's text.
REAL_FINDINGS: dict[str, set[tuple[str, int]]] = {
    "01_shpt_sfj_2026_dept_budget.txt": {
        ("BL421", 91), ("BL421", 93), ("BL421", 94), ("BL421", 95),  # 比/与2026年预算 in a 2026 budget
        ("BL452", 112),  # "支出。。"
        ("BL413", 115),  # 执行数 43269.3 → 3845.49 "增加17.62%" (3269.3 was meant)
        ("BL417", 124),  # 职业年金 77.99 → 91.97 is +17.93%, not 17.66% (copied from the line above)
        ("BL454", 130),  # 医疗卫生与计划生育支出（210类）
        ("BL411", 134),  # 住房公积金 208.8 (= the table) restated as 201.50
        ("BL456", 396),  # 开展“人民调解协议书检查”、优秀调解案例”活动: a ” without its “
        ("BL459", 397),  # 实施周期 2025年1月1日-2025年12月31日 in a 2026 budget
        # 主要职能 (一)…(十), then (六)…(十) again (L53–63): the PDF's text layer holds them twice (p. 4
        # clips its copy from view; pdftotext and copy-paste give both)
        ("BL442", 53),
    },
    "02_shpt_sfj_2026_unit_budget.txt": {
        ("BL417", 75),  # 1690.69 → 1434.89 is −15.13%, not −1.10%
        ("BL411", 88),  # 行政单位离退休 56.12 restated as 57.8
        ("BL454", 97),
        # 购房补贴 207 restated 170.03, both below 241.76, "增加21.74%": one finding at 170.03, which also
        # names the 增加 it contradicts (BL413)
        ("BL411", 102),
        ("BL453", 321),  # "主要原因是。"
        ("BL460", 335), ("BL460", 336),  # "2026年部门预算安排购置车辆" in a 单位预算
    },
    "03_shpt_shiquanlu_2026_unit_budget.txt": {
        ("BL421", 104), ("BL421", 128), ("BL421", 131), ("BL421", 142), ("BL421", 146),
        ("BL411", 69),  # 比2025年预算减少2,163.37万元, then "收入支出增加的主要原因是"
        ("BL454", 109), ("BL454", 139),
        ("BL417", 134),  # 124.27 → 130.95 is +5.38%, not 5.40%
    },
    "04_shpt_wanli_2023_dept_budget.txt": {
        ("BL422", 71),  # 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元
        ("BL418", 81), ("BL418", 132),  # from 0, "增加100.00%"
        ("BL417", 84),  # 11.67 → 45.41 is +289.12%, not 314.82%
        # 职业年金 220.63 restated 441.25; the rate 60.54% (copied from line 126), recomputed from 441.25,
        # is part of that one finding
        ("BL411", 129),
        # "编报绩效目标的项目5个，涉及项目预算资金3328.13万元" (L811); its five 项目支出绩效目标表 add up to
        # 4,100,000 + 6,351,000 + 4,563,800 + 7,595,500 + 10,903,043 = 33,513,343 元 = 3351.33万元
        ("BL441", 811),
        # 公共服务设施运行经费 (PDF p. 35): 年度资金申请总额 10,903,043.00 but 当年财政拨款 11,419,043.00 +
        # 上年结转 0.00 + 其他 0.00
        ("BL465", 1106),
    },
    "05_shpt_wanli_2024_dept_budget.txt": {
        ("BL418", 105),
        ("BL411", 176),  # 住房公积金 350.35 restated 352.67
        ("BL431", 794),  # 三公 table with figures, note "故本表为空表" (L794)
        ("BL457", 90),  # 减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。
    },
    # 卫生健康支出（类）卫生健康支出（款）计划生育事务（项）: 卫生健康支出 is the 类, 计划生育事务 a 款
    "06_shpt_wanli_2025_dept_budget.txt": {("BL458", 120)},
    # 社会福利事业单位（项）738.66万元: the 一般公共预算 table has 696.48万, the 支出总表 958.48万
    "07_shpt_fuliyuan_2024_unit_budget.txt": {("BL454", 73), ("BL453", 350), ("BL426", 69)},
    "09_js_renda_2017_dept_budget.txt": {("BL419", 1056), ("BL419", 1057), ("BL419", 1058)},
    "10_js_renda_2018_dept_budget.txt": {
        ("BL417", 725), ("BL419", 749), ("BL452", 811),
        # 行政事业单位离退休（类）, 住房改革支出（类）: both 款 in the tables (20805, 22102)
        ("BL458", 808), ("BL458", 812), ("BL458", 814), ("BL458", 817), ("BL458", 824),
    },
    # the same template as 10
    "11_js_renda_2019_dept_budget.txt": {
        ("BL458", 254), ("BL458", 259), ("BL458", 262), ("BL458", 266), ("BL458", 269),
    },
    "12_js_jianchayuan_2017_dept_budget.txt": {
        # 基本支出 12323.46 at 795; the table and line 813 say 12323.48 (the table, when read, pins 795)
        # (one finding at 795: the restatement at 795 is the same defect)
        ("BL404", 795), ("BL411", 813),
        ("BL417", 883),
        ("BL419", 892), ("BL419", 893), ("BL419", 894),
    },
    "13_js_jianchayuan_2018_dept_budget.txt": {
        ("BL417", 940),  # 3,958.67 on 17,996.68 is 22.00%, not 21.95%
        ("BL414", 940),  # Δ基本 + Δ项目 + Δ机动 = 3,958.69 (warning: a tie of the rounding bound)
        # 一般公共预算收入 +3,959.28 (L950) but 财政拨款收、支 +3,958.98 (L1004, again L1014): 收入总计
        # +3,958.67 = 一般公共预算 +3,959.28 − 其他资金 0.61 (L955) confirms L950; one finding at L1004
        ("BL411", 1004),
        # 99.94% (info: 99.94 + 0.06 = 100); 63.75% (info: + 25.38 + 10.87 = 100); the 99.94% of L1013
        # is the share of L995 said again, judged once
        ("BL419", 995), ("BL419", 999),
        ("BL417", 1026), ("BL417", 1029),  # 0.06% for 0.60%; 0.66% for 6.60%
    },
    "14_js_jianchayuan_2019_dept_budget.txt": {
        ("BL417", 802), ("BL417", 833), ("BL419", 845), ("BL417", 892), ("BL417", 906), ("BL417", 909),
    },
    "15_js_shengwei_bgt_2017_dept_budget.txt": {("BL417", 198)},
    "17_js_shengwei_bgt_2019_dept_budget.txt": {("BL417", 158)},
    "19_js_zhengxie_2018_dept_budget.txt": {("BL417", 350)},
    # the 2019 收支预算总表 lists 类 by their pre-2019 names (read as text while its layout is not)
    "20_js_zhengxie_2019_dept_budget.txt": {("BL454", 457), ("BL454", 459), ("BL454", 467)},
    "21_js_fayuan_2017_dept_budget.txt": {("BL419", 624), ("BL417", 677)},
    "22_js_fayuan_2018_dept_budget.txt": {
        ("BL417", 634), ("BL418", 651), ("BL418", 653),
        ("BL455", 641),  # 减少 100 万元，减少 9.52，— the rate without its %
    },
    # "2024年度财政拨款收入支出总计0.3万元…持平": 财政拨款收入支出决算总表 (PDF p. 12–13) prints 总计
    # 2,961.68 = 本年收入合计 2,940.05 + 年初财政拨款结转和结余 21.63, on both sides
    "27_shpt_czj_2024_dept_final.txt": {("BL401", 548)},
    "28_shpt_ghzy_2024_dept_final.txt": {
        ("BL455", 627),  # 增加1193.20 万元，增长 13.95。— the rate without its %
        # under the heading 六、一般公共预算财政拨款基本支出决算情况说明: "一般公共预算财政拨款基本支出
        # 5377.64 万元" is the 支出决算表's 基本支出 of all the money (L289); the 一般公共预算财政拨款
        # 支出决算表 prints 5,364.75 (L459), and its 人员经费 4,884.09 where the text says 4,896.98. Said
        # at L459: that cell also carries a rounding residue (BL201 info), which breaks the tie of blame
        ("BL404", 459),
        # "住房保障支出（类）住房保障支出（款）…（项）": the tables print 住房保障支出 as the 类 221 only
        ("BL458", 763), ("BL458", 774),
    },
}  # fmt: skip


# Findings located at their own figure or words, whatever else the document says: never missed.
OWN_PLACE = {"BL417", "BL418", "BL421", "BL422", "BL452", "BL453", "BL455", "BL456"}


@pytest.mark.parametrize("name", sorted(p.name for p in REALDOCS.glob("*.txt")) if REALDOCS.exists() else [])
def test_real_document_narrative_findings(name):
    """Nothing but verified findings (no false alarm); the verified ones that do not depend on how the
    tables were read (or on which cell the culprit localisation picks) are all found."""
    violations = lint_document(read_document(REALDOCS / name))
    found = {(v.code, v.source.line) for v in violations if "BL4" <= v.code < "BL5"}
    verified = REAL_FINDINGS.get(name, set())
    assert found <= verified
    assert {f for f in verified if f[0] in OWN_PLACE} <= found


def test_a_share_moved_to_make_the_split_total_100_is_a_residue_not_an_error():
    """21: 59.35 + 40.01 + 0.64 = 100, where 0.64 is 0.6341% — the residue put on the last share; 13 L999:
    基本支出 63.75% for 63.7399%, judged with its printed siblings 25.38 + 10.87 (they total 100.00): a
    residue moved, not an error; its 财政拨款 share (99.94%) of another split of the same total does not
    count among those siblings."""
    from conftest import REALDOCS as root

    from budget_lint.engine import lint_path

    if not root.exists():
        pytest.skip("../shared/realdocs is not there")
    moved = [
        v for v in lint_path(str(root / "21_js_fayuan_2017_dept_budget.txt")).violations if v.code == "BL419"
    ]
    assert [(v.source.line, v.severity) for v in moved] == [(624, "info")]
    assert "100%" in moved[0].message
    wrong = [
        v
        for v in lint_path(str(root / "13_js_jianchayuan_2018_dept_budget.txt")).violations
        if v.code == "BL419" and v.source.line == 999
    ]
    assert [v.severity for v in wrong] == ["info"]


# Each wording test's needles (``narrative_text._TESTS``) must be in every match of its pattern, or the
# search is skipped where it would have matched: checked on text made to match each pattern.
_NEEDLED = [test for test, (_, needles) in narrative_text._TESTS.items() if needles]


@given(
    st.sampled_from(_NEEDLED).flatmap(
        lambda t: st.tuples(st.just(t), st.from_regex(narrative_text._pattern(t)))
    )
)
@settings(max_examples=300, deadline=None)
def test_wording_needles_are_in_every_match(case: tuple[str, str]) -> None:
    test, text = case
    needles = narrative_text._TESTS[test][1]
    matches = list(narrative_text._pattern(test).finditer(text))
    assert matches
    for match in matches:
        assert any(needle in match.group() for needle in needles), (test, match.group())


def test_every_wording_test_a_pack_may_name_has_a_pattern():
    """The tests ``narrative_text`` params accept are those with a pattern, and the repeated paragraph."""
    from typing import get_args

    from budget_lint.checks.params import NarrativeText

    accepted = set(get_args(NarrativeText.model_fields["test"].annotation))
    assert accepted == {*narrative_text._TESTS, "repeated_paragraph"}


def test_a_level_label_of_the_economic_classification_is_no_finding():
    """住房公积金 is a 项 of the function classification (2210201) and a 款 of the economic one (50103 in
    the catalogue, 30311 in a 基本支出 table): a narrative that calls it a 款 may mean the latter. A name
    only the function tables list stays checked (住房改革支出, a 款, called a 类)."""
    text = "\n".join(
        [
            "某部门2020年部门预算",
            "住房保障支出（类）住房改革支出（款）住房公积金（款）100.00万元；住房改革支出（类）100.00万元。",
            "表二",
            "某部门2020年一般公共预算财政拨款支出预算表",
            "单位：万元",
            "科目编码 科目名称 合计 基本支出 项目支出",
            "100.00 100.00",
            "221 住房保障支出 100.00 100.00",
            "22102 住房改革支出 100.00 100.00",
            "2210201 住房公积金 100.00 100.00",
        ]
    )
    document = read_text_document(text, "levels.txt")
    found = [v.message for v in lint_document(document) if v.code == "BL458"]
    assert found == ["「住房改革支出(类)」：表中住房改革支出是款，不是类"]


@pytest.mark.parametrize(
    "reason",
    [
        "不再新增设备购置经费",  # negated
        "项目经费没有增加，部分项目结束",
        "新增资产配置经费列入项目支出",  # the name of a kind of spending
    ],
)
def test_a_reason_that_names_no_direction_is_no_contradiction(reason):
    """A change word negated, or part of a name, says nothing of the direction (BL457); a plain 增加
    added to the same reason does."""
    said = f"比2025年预算减少10.00%。主要原因是：{reason}。"
    assert not {f for f in findings(said, year=2026) if f[0] == "BL457"}
    assert ("BL457", 1) in findings(f"比2025年预算减少10.00%。主要原因是：{reason}，经费增加。", year=2026)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "基本支出预算数为10403.11万元，2017年基本支出预算数为9964.07万元，增加439.04万元，增长4.41%。",
            ("9964.07", "9964.17"),
        ),
        (
            "公务接待费预算支出27万元，比上年预算减少1万元（2017年公务接待费预算为28万元）。",
            ("28万元）", "29万元）"),
        ),
    ],
)
def test_an_earlier_years_figure_of_a_named_subject_is_its_prior(text, wrong):
    """ "2017年基本支出预算数为…" in a 2018 budget is the prior-year figure, not a second statement of this
    year's: the text as written holds, and the change is checked against it."""
    assert findings(text, year=2018) == set()
    assert findings(text.replace(*wrong), year=2018) == {("BL412", 1)}


_RATE = "年初预算为2993.92万元，调整预算为2950.00万元，支出决算为2940.05万元，"
_DIRECTION = "年初预算为135.90万元，调整预算为135.00万元，支出决算为135.25万元。"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the rate and the direction are of the 年初预算 they name, not of the adjusted budget beside it
        (_RATE + "完成年初预算的98.20%。", set()),
        (_RATE + "完成年初预算的99.66%。", {"BL427"}),
        (_RATE + "完成调整预算的99.66%。", set()),
        (_DIRECTION + "决算数小于年初预算数。", set()),
        (_DIRECTION + "决算数大于年初预算数。", {"BL428"}),
        # 预算 alone, with two budgets stated, could be either: not judged
        (_DIRECTION + "决算数大于预算数。", set()),
    ],
)
def test_an_outturn_against_the_budget_it_names(text, found):
    document = Document(path="final.txt", year=2024, stage="决算", narrative=narrative(text))
    assert {v.code for v in lint_document(document) if v.code in ("BL427", "BL428")} == found


def test_roughly_flat_states_no_change_to_check():
    """基本持平 says roughly the same (27 against 27.2 is 0.7 % less); 持平 says the same."""
    said = "公务接待费预算支出27万元，上年预算数为27.2万元，与上年{}。"
    assert findings(said.format("基本持平"), year=2018) == set()
    assert findings(said.format("持平"), year=2018) == {("BL412", 1)}

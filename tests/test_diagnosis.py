"""Hints for arithmetic breaks: each slip on a violation built for it, and on the example and 02."""

from __future__ import annotations

import pytest
from conftest import REALDOCS, edit

from budget_lint.diagnosis import diagnose
from budget_lint.engine import lint_document, lint_path
from budget_lint.findings import CellRef, Violation
from budget_lint.model import Source
from budget_lint.readers.flat_text import read_flat


def _sum(total: str, parts: list[str], culprit: int, computed: str, difference: str) -> Violation:
    """A failed total = Σ parts, blamed on cell ``culprit`` (0 = the total), each cell on its own line."""
    cells = [
        CellRef(table="表二", row=f"r{i}", column="合计", value=value, source=Source(line=10 + i))
        for i, value in enumerate([total, *parts])
    ]
    return Violation(
        code="BL101", name="x", severity="error", message="m", table="表二", row="r0",
        reported=total, computed=computed, difference=difference, source=cells[culprit].source, cells=cells,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("violation", "words"),
    [
        # the total 100.54 should be 100.45 = 60.00 + 40.45: two digits swapped
        (_sum("100.54", ["60.00", "40.45"], 0, "100.45", "0.09"), "相邻两位数字互换"),
        # a part typed in 元 (404,500.00) where the table is in 万元 (40.45)
        (_sum("100.45", ["60.00", "404500.00"], 2, "404560.00", "-404459.55"), "元与万元"),
        # 43,269.30 for 3,269.30 (a stray leading digit)
        (_sum("3329.30", ["60.00", "43269.30"], 2, "43329.30", "-40000.00"), "多一位数字"),
        # −3,269.30 for 3,269.30
        (_sum("3329.30", ["60.00", "-3269.30"], 2, "-3209.30", "6538.60"), "正负号"),
        # 2040601 repeats its parent's 64,840,547.00 (02 L162)
        (_sum("100.00", ["100.00", "20.00", "80.00"], 1, "200.00", "-100.00"), "抄自"),
    ],
)
def test_each_slip_is_named(violation, words):
    assert words in diagnose(violation)[0]


def test_a_difference_equal_to_one_part_when_the_culprit_is_unknown():
    v = _sum("60.00", ["60.00", "25.37", "0.00"], 0, "85.37", "-25.37")
    v.source = Source(line=99)  # no cell is blamed
    assert "恰等于 r2「合计」" in diagnose(v)[0]


def test_no_hint_without_evidence():
    assert diagnose(_sum("100.00", ["60.00", "41.23"], 0, "101.23", "-1.23")) is None
    # a total equal to its one non-zero part is how totals are, not a copy
    assert diagnose(_sum("50.00", ["50.00", "3.00", "4.00"], 0, "57.00", "-7.00")) is None


def test_a_transposed_figure_in_the_example_is_diagnosed(example_text):
    text = edit(example_text, 342, "一般行政管理事务 79.05 79.05", "一般行政管理事务 79.05 79.50")
    found = [v for v in lint_document(read_flat(text, "x.txt")) if v.severity == "error"]
    # one defect, one finding: BL201 at the cell, with BL101's failed sum (and its hint) folded in
    assert [(v.code, v.source.line) for v in found] == [("BL201", 342)]
    assert "79.50 与应有的 79.05 只差相邻两位数字互换" in found[0].hint
    assert "提示" in found[0].message


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_02_project_spending_copied_from_its_parent():
    """02 L162: 行政运行 2040601 prints 项目支出 64,840,547.00, the figure of its parent 20406 (L161)."""
    report = lint_path(str(REALDOCS / "02_shpt_sfj_2026_unit_budget.txt"))
    hints = {(v.code, v.source.line): v.hint for v in report.violations if v.hint}
    # BL101's sum is folded into the one BL201 error at the cell; its hint shows in the message
    assert "恰等于 2040601「项目支出」" in hints[("BL201", 162)]
    kept = next(v for v in report.violations if (v.code, v.source.line) == ("BL201", 162))
    assert "与同一校验中的 20406「项目支出」 相同，应为 0.00" in kept.message


def _narrative_hints(*lines: str, year: int = 2026) -> dict[tuple[str, int], str | None]:
    """Every error of the narrative with its hint (None where it has none)."""
    from budget_lint.model import Document, NarrativeLine

    narrative = [NarrativeLine(text=t, source=Source(line=i)) for i, t in enumerate(lines, 1)]
    document = Document(path="n.txt", year=year, narrative=narrative)
    return {(v.code, v.source.line): v.hint for v in lint_document(document) if v.severity == "error"}


def test_a_stray_digit_in_last_years_figure():
    """01 L114–115: 2025 执行数 43269.3, 2026 3845.49, "增加17.62%": 3845.49 / 3269.3 − 1 = 17.62%."""
    hints = _narrative_hints(
        "其他司法支出（99项）3845.49万元。2025年当年预算执行数为43269.3万元，",
        "2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。",
    )
    assert [h for h in hints.values() if h and "43269.3万元 若为 3269.3" in h and "多打了一位数字" in h]


def test_a_percentage_with_its_decimal_point_moved():
    # 100 → 106.6 is +6.60%, printed 0.66%
    hints = _narrative_hints("基本支出 106.6万元，上年预算数为 100万元，比上年增长 0.66%。")
    assert hints == {("BL417", 1): "按本年、上年数计算增减率为 6.60%，印为 0.66%：可能小数点错位"}


def test_no_hint_when_several_slips_would_do():
    # 100 → 150 is +50%, printed 5%: a moved decimal point, or 150 read as 105 (digits swapped)
    hints = _narrative_hints("基本支出 150万元，上年预算数为 100万元，比上年增长 5%。")
    assert hints == {("BL417", 1): None}


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_01_stray_digit():
    report = lint_path(str(REALDOCS / "01_shpt_sfj_2026_dept_budget.txt"))
    v = next(v for v in report.violations if v.code == "BL413" and v.source.line == 115)
    assert "上年数 43269.3万元 若为 3269.3" in v.hint and "提示" in v.message

"""Page text (the form of realdocs 03: cells joined by single spaces, blank cells dropped) as other
documents print it. Each case edits a real document into one such form; the findings on its tables
must be those of the document as published: no false error, and the true ones still there."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from budget_lint.engine import lint_document
from budget_lint.readers import read_text_document

REALDOCS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdocs"
pytestmark = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")


def _text(number: str) -> tuple[str, str]:
    (path,) = REALDOCS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8"), path.name


def _edited(text: str, edits: list[tuple[int, str, str]]) -> str:
    """``edits``: (1-based line, old, new), all on the unedited numbering; ``new`` may hold line breaks."""
    lines = text.split("\n")
    for line, old, new in edits:
        assert old in lines[line - 1], f"line {line} is {lines[line - 1]!r}"
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def _page_text(text: str) -> str:
    """Layout text as page text: every run of spaces one space."""
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))


def _table_findings(text: str, name: str) -> Counter:
    """What the tables are found to break (table, row, column, code), errors and warnings."""
    return Counter(
        (v.code, v.table, v.row, v.column)
        for v in lint_document(read_text_document(text, name))
        if v.severity in {"error", "warning"} and not v.code.startswith("BL4")
    )


# 03's true errors: the 财政拨款收支总表 books all 3,680,000 of 政府性基金 under 212 城乡社区
# (47,543,930 = 43,863,930 + 3,680,000) where the 一般公共预算表 has 212 = 44,163,930 and
# 221 = 10,885,800 (the 221 row prints 11,185,800): BL306 on 212 and 221.
TRUE_03 = Counter(
    {
        ("BL306", "2026年预算单位财政拨款收支预算总表", "212", "一般公共预算"): 1,
        ("BL306", "2026年预算单位财政拨款收支预算总表", "221", "一般公共预算"): 1,
    }
)

CASES_03 = {
    # (a) a left-column amount glued to the right-column label of a two-sided table
    "glued amount, 财政拨款收支总表": [(371, "3,680,000 二、", "3,680,000二、")],
    "glued amount, 财务收支总表": [(187, "3,680,000 三、", "3,680,000三、")],
    # (b) labels of the two-sided 财政拨款收支总表 wrapped over two or three lines
    "label head above its figures": [(374, "五、文化旅游体育与传媒支出 ", "五、文化旅游体育与\n传媒支出 ")],
    "label tail below its figures": [
        (377, "八、城乡社区支出 47,543,930", "八、城乡社区 47,543,930"),
        (377, "3,680,000 ", "3,680,000\n支出"),
    ],
    "label over three lines": [
        (379, "十、灾害防治及应急管理支出 587,500 587,500", "十、灾害防治\n及应急管理 587,500 587,500\n支出"),
    ],
    # (d) a subject code in the name column, or on the line above its row, never taken as an amount
    "5-digit code after the name": [(389, "20105 统计信息事务", "统计信息事务 20105")],
    "5-digit code on the line above": [(389, "20105 统计信息事务", "20105\n统计信息事务")],
    "7-digit code on the line above": [(390, "2010506统计管理", "2010506\n统计管理")],
    "economic code on the line above": [(508, "301 01基本工资", "30101\n基本工资")],
}


def test_03_as_published():
    assert _table_findings(*_text("03")) == TRUE_03


@pytest.mark.parametrize("case", list(CASES_03))
def test_03_edited_into_other_forms(case):
    text, name = _text("03")
    assert _table_findings(_edited(text, CASES_03[case]), name) == TRUE_03


def test_layout_text_amount_glued_to_the_next_label():
    """01's 财务收支总表 and 财政拨款收支总表 with an income amount glued to the expense label."""
    text, name = _text("01")
    edits = [
        (143, "96,282,213.44 一、", "96,282,213.44一、"),
        (232, "96,282,213.44 一、", "96,282,213.44一、"),
    ]
    expected = _table_findings(text, name)
    assert _table_findings(_edited(text, edits), name) == expected
    assert _table_findings(_page_text(_edited(text, edits)), name) == expected


def test_page_text_of_01_with_blanks_dropped():
    """01 as page text with its printed zeros dropped (blank cells), and a 款 code printed in the
    name column after the name: the findings of 01 as published."""
    text, name = _text("01")
    page = "\n".join(" ".join(w for w in line.split() if w != "0.00") for line in text.split("\n"))
    edited = _edited(page, [(166, "204 06 司法", "司法 20406")])
    assert _table_findings(edited, name) == _table_findings(text, name)


def test_page_text_of_02_with_wrapped_summary_labels():
    """02 as page text with two labels of its 财政拨款收支总表 wrapped: the expense label's tail under
    its figures (二、社会保障和就业 / 支出) and an income label's head above them
    (三、国有资本经营 / 预算)."""
    text, name = _text("02")
    wrapped = [
        (
            192,
            "二、社会保障和就业支出 2,925,857.00 2,925,857.00 0.00 0.00",
            "二、社会保障和就业 2,925,857.00 2,925,857.00 0.00 0.00\n支出",
        ),
        (194, "三、国有资本经营预算 0.00", "三、国有资本经营\n预算 0.00"),
    ]
    assert _table_findings(_edited(_page_text(text), wrapped), name) == _table_findings(text, name)


def test_03_economic_row_with_its_personnel_cell_blank():
    """(c) 303 对个人和家庭的补助 (1,934,160, and its 303 02) booked under 公用经费, its 人员经费 cell
    blank: the rows print the same two figures, the totals move (基本支出表 合计 人员 23,057,828 −
    1,934,160 = 21,123,668, 公用 3,860,162 + 1,934,160 = 5,794,322; the 财务收支总表 likewise, and its
    社会保障和就业 row 4,396,960 − 1,934,160 = 2,462,800 ‖ 391,000 + 1,934,160 = 2,325,160). The
    column sums place the row under 公用经费, against the domain fact that would put it under 人员经费
    (a false BL102 when the preference outranked the identity)."""
    text, name = _text("03")
    edits = [
        (541, "26,917,990    23,057,828     3,860,162", "26,917,990    21,123,668     5,794,322"),
        (195, "23,057,828 3,860,162", "21,123,668 5,794,322"),
        (190, "4,396,960 391,000", "2,462,800 2,325,160"),
    ]
    assert _table_findings(_edited(text, edits), name) == TRUE_03


def test_03_changed_cell_breaking_its_sum_in_every_placement():
    """支出预算总表 2010507 专项普查活动 printed ``500,900 500,900`` (for 500,000) under 合计/基本/项目:
    its second figure may be 基本 or 项目, and so may its sibling 2010506's (1,200), but the 合计 column
    is the same in every placement: 20105 = 501,200 against 1,200 + 500,900 = 502,100. That failure is
    certain: an error at the changed line, not only the rows' BL001. (So is the 项目 column's: 501,200
    is none of 0, 1,200, 500,900, 502,100.)"""
    text, name = _text("03")
    edited = _edited(
        text, [(291, "2010507专项普查活动 500,000 500,000", "2010507专项普查活动 500,900 500,900")]
    )
    violations = lint_document(read_text_document(edited, name))
    table = "2026年预算单位支出预算总表"
    found = {
        (v.code, v.row, v.column, v.source.line)
        for v in violations
        if v.severity == "error" and v.table == table
    }
    assert ("BL101", "20105", "合计", 291) in found
    assert {(code, row, column) for code, row, column, _ in found} == {
        ("BL101", "20105", "合计"),
        ("BL101", "20105", "项目支出"),
    }
    assert _table_findings(edited, name) - TRUE_03 == Counter(
        {("BL101", table, "20105", "合计"): 1, ("BL101", table, "20105", "项目支出"): 1}
    )


_LAYOUT_TEXTS = sorted({path.name[:2] for path in (REALDOCS / "pdf").glob("*.pdf")})
"""The documents published as PDF, whose texts are ``pdftotext -layout`` output (realdocs/README.md)."""


@pytest.mark.parametrize("number", _LAYOUT_TEXTS)
def test_every_layout_text_as_page_text_finds_nothing_the_published_text_does_not(number):
    """Each real document given as layout text, read as page text (every run of spaces one space: the
    columns' positions lost, wrapped names and header cells printed apart): what its tables are found
    to break is what they break as published, or said not read (BL002), never a new finding. A header
    whose wrapped column name cannot be told, a summary figure no label on its line takes, a name cut
    short by its wrap: each used to be read as a confident error."""
    text, name = _text(number)
    published = _table_findings(text, name)
    new = _table_findings(_page_text(text), name) - published
    assert {code for code, *_ in new} <= {"BL002"}, new

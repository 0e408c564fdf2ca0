"""A plain line read from its text at once (``blocks._PLAIN_ROW``) reads as the general path reads it
from its words: code, label and amounts (text, value, decimals), on lines generated near the pattern's
edges (codes of other lengths, glued and bracketed words, dashes, full-width digits, odd spaces)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budget_lint.model import Source
from budget_lint.readers import blocks, figures, read_text_document

_CODES = st.sampled_from(
    ["201", "20101", "2010101", "301", "50101", "2010", "101", "201 01", "３０１", "2０1"]
)
_NAMES = st.sampled_from(
    [
        "项目",
        "工资福利支出",
        "基本支出（人员）",
        "ﾃｽﾄ",
        "行政\u200b运行",
        "一、合计",
        "行政 运行",
        "3,680,000二、公共安全支出",
        "201",
    ]
)
_AMOUNTS = st.sampled_from(
    ["1,234.56", "12", "0.00", "-3.50", "１,234.00", "-", "—", "(12.00)", "1,23.00", "12345678901234567",
     "12.50万元", "1.234567", "1,234,567,890,123.45", "1.5e3"]
)  # fmt: skip
_SPACES = st.sampled_from([" ", "  ", "\u3000", "\t", " \u00a0"])


@st.composite
def lines(draw) -> str:
    """Code, name and amounts, each most often as the pattern takes them, sometimes not."""
    words = [draw(_CODES), draw(_NAMES), *draw(st.lists(_AMOUNTS, min_size=0, max_size=4))]
    words = [w for w in words if draw(st.integers(0, 9))]  # a word left out now and then
    gaps = [draw(_SPACES) for _ in words]
    return draw(st.sampled_from(["", " ", "  "])) + "".join(w + g for w, g in zip(words, gaps, strict=True))


_OPTIONS = blocks._options(((0, 1, 2, 3), (3, 2, 1, 0)))


def _read(parsed: blocks._Parsed) -> tuple:
    """What is read of a line, and the row made of it: its cells (a plain row's made from the texts of
    its amounts, another's from its figures)."""
    if parsed.plain:
        amounts = parsed.amounts
        row = blocks._row_of_plain(parsed, _OPTIONS, "万元")
    else:
        amounts = [f.text for f in parsed.amounts]
        source, code, label = parsed.line.source, parsed.code, parsed.label
        row = blocks._row(source, code, label, None, parsed.amounts, _OPTIONS, None, "万元")
    cells = [(c.value, c.decimals, c.text, c.unit, c.source) for c in [*row.cells, *row.printed]]
    return parsed.code, parsed.label, amounts, parsed.malformed, row.code, row.label, cells, row.candidates


@settings(max_examples=400, deadline=None)
@given(lines())
def test_a_plain_row_reads_as_its_words_do(text: str) -> None:
    fast = blocks._parse(blocks.TextLine.plain(Source(1), text), True)  # by the pattern if it matches
    line = blocks.TextLine.plain(Source(1), text)
    assert line.tokens is not None  # split first: the general path
    assert _read(fast) == _read(blocks._parse(line, True))


def test_the_commonest_row_takes_the_pattern() -> None:
    assert blocks._PLAIN_ROW("  2010101  行政运行 1,048.29 1,048.29")
    assert not blocks._PLAIN_ROW("2010101 行政运行 — 1,048.29")  # a dash: read by the general path


@settings(max_examples=400, deadline=None)
@given(lines())
def test_a_line_read_as_a_plain_row_has_nothing_to_vet(text: str) -> None:
    """Why a table does not keep the lines read as plain rows for ``figures.vet_figures``."""
    if blocks._parse(blocks.TextLine.plain(Source(1), text), True).plain:
        assert figures._TO_VET.search(" " + text.strip()) is None


def test_a_table_keeps_the_lines_no_plain_row_stands_for() -> None:
    """A line read whole as a plain row is its row's; the table keeps the others (its unit, header,
    uncoded total, note, and a row whose figure is misgrouped), whose figures are still vetted."""
    lines = [
        "表二",
        "某部门一般公共预算财政拨款支出预算表",
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "30.00 20.00 10.00",
        "201 一般公共服务支出 30.00 20.00 10.00",
        "20101 人大事务 30.00 20.00 10.00",
        "2010101 行政运行 2,0.00 2,0.00",
        "2010102 一般行政管理事务 10.00 10.00",
        "注：本表无政府性基金。",
    ]
    text = "\n".join(lines)
    document = read_text_document(text, "t.txt")
    (table,) = document.tables
    assert [line.text for line in table.lines] == [
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "30.00 20.00 10.00",
        "2010101 行政运行 2,0.00 2,0.00",
        "注：本表无政府性基金。",
    ]
    assert [row.code for row in table.rows] == [None, "201", "20101", "2010101", "2010102"]
    assert [f.code for f in document.findings] == ["BL010", "BL010"]  # 2,0.00 twice


def test_a_table_not_read_keeps_every_line():
    """A line is its row's only once the row is made: a table whose header cannot be read has no rows,
    and keeps every line it was given."""
    lines = [
        "表二",
        "某部门一般公共预算财政拨款支出预算表",
        "单位：万元",
        "科目编码 科目名称 甲 乙 丙",
        "201 一般公共服务支出 30.00 20.00 10.00",
        "20101 人大事务 30.00 20.00 10.00",
    ]
    (table,) = read_text_document("\n".join(lines), "t.txt").tables
    assert table.unread is not None and not table.rows
    assert [line.text for line in table.lines] == lines[2:]

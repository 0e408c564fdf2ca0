from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budget_lint.amounts import parse_amount
from budget_lint.kernel import (
    Tolerance,
    check_equal,
    check_sum,
    check_sum_of,
    grade,
    half_unit,
    plain_sum_gap,
    sum_and_bound,
)
from budget_lint.model import Cell


def cell(text: str | None) -> Cell:
    if text is None:
        return Cell()
    value, decimals = parse_amount(text)
    return Cell(value=value, decimals=decimals, text=text)


def terms(*texts):
    return [(1, cell(t)) for t in texts]


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("4,683.96", "4683.96", 2),
        ("70", "70", 0),
        ("４，６８３．９６", "4683.96", 2),
        ("-", "0", None),
        ("—", "0", None),
        ("(12.34)", "-12.34", 2),
        ("-12.34", "-12.34", 2),
        ("156,211,123", "156211123", 0),
    ],
)
def test_parse_amount(text, value, decimals):
    assert parse_amount(text) == (Decimal(value), decimals)


@pytest.mark.parametrize("text", ["2023年", "abc", "1,23", "12.3.4", ""])
def test_not_amounts(text):
    assert parse_amount(text) is None


def test_exact_sum_is_consistent():
    assert check_sum(cell("4,683.96"), terms("70.00", "4,132.22", "118.62", "165.31", "197.81")).ok


def test_one_cent_over_two_terms_is_a_rounding_residue():
    verdict = check_sum(cell("15.80"), terms(None, "11.00", "4.79"))
    assert verdict.severity == "info"
    assert verdict.difference == Decimal("0.01")


def test_single_term_is_the_same_figure_printed_twice():
    assert check_sum(cell("79.06"), terms("79.05", None)).severity == "error"


def test_beyond_the_bound_is_an_error():
    assert check_sum(cell("15.83"), terms(None, "11.00", "4.79")).severity == "error"


def test_three_terms_two_cents_only_without_half_up():
    reported, parts = cell("1.02"), terms("0.33", "0.33", "0.34")
    assert check_sum(cell("1.00"), parts).ok
    assert check_sum(reported, parts).severity == "warning"
    assert check_sum(reported, parts, Tolerance.INTERVAL).severity == "info"
    assert check_sum(cell("1.01"), parts, Tolerance.EXACT).severity == "error"


def test_equal_needs_exact_match_at_same_precision():
    assert check_equal(cell("197.81"), cell("197.81")).ok
    assert check_equal(cell("197.81"), cell("197.82")).severity == "error"


def test_equal_across_precisions_uses_intervals():
    assert check_equal(cell("70"), cell("70.00")).ok
    assert check_equal(cell("6.5"), cell("6.50")).ok
    assert check_equal(cell("6.5"), cell("6.56")).severity == "error"


def test_a_printed_zero_is_exact():
    """三公 = 出国 0 + 用车 11 + 接待 4.79: a total 0.45 off is an error, not a residue of the 0's ±0.5."""
    assert check_sum(cell("15.79"), terms("0", "11", "4.79")).ok
    assert check_sum(cell("16.24"), terms("0", "11.00", "4.79")).severity == "error"
    assert check_sum(cell("16.24"), terms("0.00", "11.00", "4.79")).severity == "error"


def test_a_table_in_whole_yuan_is_exact_and_a_precision_break_excuses_nothing():
    from budget_lint.kernel import settle_precision
    from budget_lint.model import Column, Row, Table

    def table(unit, *rows):
        return Table(
            label="表", title="表", kind="expense", unit=unit, columns=[Column(header="合计", role="total")],
            rows=[Row(code=code, cells=[cell(text)]) for code, text in rows],
        )  # fmt: skip

    whole = table("元", ("212", "154,369,326"), ("21201", "94,995,790"), ("2120101", "94,995,789"))
    assert settle_precision(whole) == []
    parent, child = whole.rows[1].cells[0], whole.rows[2].cells[0]
    assert check_sum(parent, [(1, child)]).severity == "error"  # 1 元 off
    cents = table("元", ("合计", "22,118,861"), ("204", "14,348,853.34"), ("208", "7,770,008.00"))
    assert settle_precision(cents) == [cents.rows[0].cells[0]]
    total = cents.rows[0].cells[0]
    assert check_sum(total, [(1, cents.rows[1].cells[0]), (1, cents.rows[2].cells[0])]).severity == "error"


_FIGURE = st.one_of(
    st.none(),  # a blank
    st.just("-"),  # a dash: an exact zero
    st.integers(-(10**9), 10**9).flatmap(
        lambda n: st.integers(0, 4).map(lambda d: f"{Decimal(n).scaleb(-d):f}")  # 0 to 4 decimals
    ),
)


@given(st.lists(_FIGURE, max_size=12), _FIGURE, st.sampled_from(list(Tolerance)))
@settings(max_examples=500, deadline=None)
def test_check_sum_of_is_check_sum_of_weight_one(children, parent, mode):
    """tree_sum's ``check_sum_of`` gives ``check_sum``'s verdict to the digit (exponents too)."""
    reported, cells = cell(parent), [cell(t) for t in children]
    fast, general = check_sum_of(reported, cells, mode), check_sum(reported, [(1, c) for c in cells], mode)
    assert [str(fast.reported), str(fast.computed), str(fast.tolerance), fast.severity] == [
        str(general.reported),
        str(general.computed),
        str(general.tolerance),
        general.severity,
    ]


_SUMMED = st.tuples(st.integers(-300, 300), st.sampled_from([None, 0, 1, 2]), st.integers(0, 3))
"""A figure: its digits, its printed decimals (None: exact) and, when exact, its scale (small digits, so
that a difference meets its bound exactly often enough)."""


def _summed_cell(figure: tuple[int, int | None, int]) -> Cell:
    digits, decimals, scale = figure
    return Cell(value=Decimal(digits).scaleb(-(scale if decimals is None else decimals)), decimals=decimals)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.none(), _SUMMED), st.lists(_SUMMED, min_size=1, max_size=4))
@example((103, 2, 0), [(10, 1, 0)])  # within the bound of a total and a part of other precisions
@example((100, 2, 0), [(9, 1, 0), (45, None, 3)])  # a difference that is its bound exactly: broken
@example((100, 2, 0), [(99, 2, 0), (5, None, 3)])  # one rounded part at the total's precision: exact
def test_plain_sum_gap_is_the_kernels_verdict(total, parts):
    """The shortcut for a sum of weight-1 columns gives the gap that ``sum_and_bound`` and ``grade``
    give (a blank total is an exact zero)."""
    blank = Cell() if total is None else _summed_cell(total)  # a blank total: an exact zero
    reported = (blank.amount, half_unit(blank))
    cells = [_summed_cell(p) for p in parts]
    values, halves = tuple(c.amount for c in cells), tuple(map(half_unit, cells))
    terms = [(1, v, h) for v, h in zip(values, halves, strict=True)]
    computed, bound = sum_and_bound(reported, terms, Decimal(0))
    diff = abs(reported[0] - computed)
    expected = diff if grade(diff, bound) in {"warning", "error"} else Decimal(0)
    assert plain_sum_gap(reported, values, halves) == expected

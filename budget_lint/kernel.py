"""The arithmetic kernel: does a reported figure equal the sum of its terms, given rounding?

Every printed figure stands for the interval of true values that round to it: ±½ unit of its last digit
(XBRL Calculations 1.1). For a reported total and n rounded terms, let B be the sum of those half units
(the terms' and the total's). Then, with amounts rounded half-up from exact values:

* difference 0                      → consistent;
* 0 < |difference| < B              → a rounding residue (尾差): info;
* |difference| = B                  → only possible when ties were not rounded half-up: warning;
* |difference| > B                  → error.

A total with exactly one rounded term is the same figure printed twice: it must match exactly. Blank
cells, dashes and a printed 0 are exact zeros and widen nothing. Before the checks, ``settle_precision``
makes a table's figures exact where the table says so: amounts printed in whole 元 throughout are exact,
and a cell printed without the decimals its table prints elsewhere (a precision break) is taken at the
table's precision, so that its own rounding excuses nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import partial
from itertools import compress
from operator import attrgetter, is_not

from .model import Cell, Table


class Tolerance(StrEnum):
    """How rounding residues are judged."""

    HALF_UP = "half-up"
    """Amounts rounded half-up (四舍五入) from exact values: the default."""
    INTERVAL = "interval"
    """Calculations 1.1 closed intervals: a residue up to the interval bound is info."""
    EXACT = "exact"
    """Every difference is an error."""


@dataclass(frozen=True)
class Verdict:
    reported: Decimal
    computed: Decimal
    tolerance: Decimal
    severity: str | None
    """None when consistent, else info / warning / error."""

    @property
    def difference(self) -> Decimal:
        return self.reported - self.computed

    @property
    def ok(self) -> bool:
        return self.severity is None


UNIT_IN_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}


_HALF_UNITS = [Decimal(5).scaleb(-decimals - 1) for decimals in range(10)]
"""Half a unit of the last digit for 0…9 printed decimals (exact: one digit)."""
_NO_HALF = _ZERO = Decimal(0)
_VALUE = attrgetter("value")
_DECIMALS = attrgetter("decimals")
_PRINTED = partial(is_not, None)


def half_unit(cell: Cell) -> Decimal:
    value, decimals = cell.value, cell.decimals
    if not value or decimals is None:  # blank (None), dash or printed zero: exact
        return _NO_HALF
    return _HALF_UNITS[decimals] if 0 <= decimals < 10 else _half(decimals)  # _half, without its call


def widest_half(cells: Iterable[Cell]) -> Decimal:
    """The largest ``half_unit`` any of ``cells`` may have, without a call for each: that of the fewest
    decimals printed among them (0 when none is rounded)."""
    decimals = set(map(_DECIMALS, cells))
    decimals.discard(None)  # exact
    return _half(min(decimals)) if decimals else _NO_HALF


def _half(decimals: int) -> Decimal:
    """Half a unit of the last of ``decimals`` printed decimals."""
    return _HALF_UNITS[decimals] if 0 <= decimals < 10 else Decimal(5).scaleb(-decimals - 1)


NOT_AMOUNTS = {"change_rate"}
"""Column roles whose figures are not amounts of money (a rate in %)."""


def settle_precision(table: Table) -> list[Cell]:
    """Make exact what ``table`` prints exactly, in place; return its precision breaks.

    In a table in 元 whose amounts are all printed without decimals, every amount is exact. Otherwise a
    nonzero amount printed with fewer decimals than the table's others is taken at their precision."""
    if (table.kind or "").startswith("performance"):
        return []  # indicators and weights, not amounts
    amount_columns = [column.role not in NOT_AMOUNTS for column in table.columns]
    every = all(amount_columns)  # most tables: a row's cells as they are, without a compress for each
    # A table printed at one precision (most are) has no break, and is made exact only at 0 decimals in
    # 元: told by its cells' decimals alone, without reading their amounts (a long table has 300,000).
    printed = {
        c.decimals for r in table.rows for c in (r.cells if every else compress(r.cells, amount_columns))
    }
    printed.discard(None)
    if len(printed) < 2 and (printed != {0} or table.unit != "元"):
        return []
    cells = [
        c
        for r in table.rows
        for c in (r.cells if every else compress(r.cells, amount_columns))
        if c.value is not None and c.decimals is not None
    ]
    amounts = [c for c in cells if c.value]  # a printed 0 says there is nothing, not something below ½ unit
    if not amounts:
        return []
    precision = max(map(_DECIMALS, amounts))
    if precision == 0:
        if table.unit == "元":
            for cell in cells:
                cell.decimals = None
        return []
    breaks = [c for c in amounts if c.decimals < precision]
    for cell in breaks:
        cell.decimals = precision
    return breaks


_ONE = Decimal(1)


def _scale(cell: Cell, to: Cell) -> Decimal:
    """The factor that expresses ``cell`` in the unit of ``to`` (1 when either unit is unknown)."""
    if cell.unit is None or to.unit is None:
        return _ONE
    return UNIT_IN_YUAN[cell.unit] / UNIT_IN_YUAN[to.unit]


def check_sum(
    reported: Cell, terms: Iterable[tuple[int, Cell]], mode: Tolerance = Tolerance.HALF_UP
) -> Verdict:
    """Compare ``reported`` with Σ weight·term. A blank term adds nothing, not even its exponent: the
    sum starts from Decimal 0."""
    figures = [(weight, cell.value, half_unit(cell)) for weight, cell in terms if cell.value is not None]
    computed, bound = sum_and_bound((reported.amount, half_unit(reported)), figures, Decimal(0))
    return _judge(reported.amount, computed, bound, mode)


def check_sum_of(reported: Cell, cells: Iterable[Cell], mode: Tolerance = Tolerance.HALF_UP) -> Verdict:
    """``check_sum`` of ``cells`` each of weight 1 (a parent's children, by the hundred in a long table):
    the same verdict, made without a step of Python per cell. The sum is added as ``check_sum`` adds it;
    the bound is ``sum_and_bound``'s, from how many terms are rounded at each precision."""
    cells = list(cells)
    computed = sum(filter(_PRINTED, map(_VALUE, cells)), _ZERO)
    rounded = Counter(map(_DECIMALS, filter(_VALUE, cells)))  # nonzero figures by their decimals
    rounded.pop(None, None)  # exact ones (a table printed in whole 元)
    own = half_unit(reported)
    if not rounded or (rounded.total() == 1 and _half(next(iter(rounded))) == own):
        bound = _ZERO
    else:
        bound = own + sum((count * _half(decimals) for decimals, count in rounded.items()), _ZERO)
    return _judge(reported.amount, computed, bound, mode)


def balanced(cells: list[Cell], total: int, parts: list[tuple[int, int]]) -> bool:
    """True when ``cells[total]`` is Σ weight·``cells[column]`` of the (weight, column) ``parts`` exactly
    (the sum ``check_sum`` computes): its verdict is then consistent in every mode, so a long table's
    check need not build it for each row that adds up, only for those that do not."""
    computed = _ZERO
    for weight, column in parts:
        value = cells[column].value
        if value is not None:
            computed += value if weight == 1 else weight * value
    reported = cells[total].value  # not ``amount``, a property: a call for each row of a long table
    return computed == (_ZERO if reported is None else reported)


def exact_sum(cells: Iterable[Cell]) -> Decimal:
    """The exact sum of ``cells`` (blanks add nothing): Σ 1·cell, as ``check_sum`` adds them; for a
    column of many children, summed without a step of Python per cell."""
    return sum(filter(None, map(_VALUE, cells)), _ZERO)


def sum_and_bound(reported: tuple, terms: list[tuple], zero):
    """Σ weight·amount of (weight, amount, half unit) ``terms`` and the rounding bound of the
    (amount, half unit) ``reported`` against it, in the figures' own number type: Decimal, or exact
    integers in a common smallest unit (placement's hot path); ``zero`` is its 0."""
    computed = halves = zero
    rounded, half = 0, None  # how many terms are rounded, and the half unit of one of them
    for weight, amount, half_of in terms:
        computed += amount if weight == 1 else weight * amount
        if half_of:
            halves += half_of
            rounded, half = rounded + 1, half_of
    own = reported[1]
    if rounded == 0 or (rounded == 1 and half == own):
        return computed, zero
    return computed, own + halves


def plain_sum_gap(reported: tuple, values: tuple, halves: tuple) -> Decimal:
    """The gap of ``reported`` (amount, half unit) from a sum of ``values`` of weight 1 with their
    ``halves``, 0 when within rounding: what ``sum_and_bound`` and ``grade`` give, told without a
    (weight, amount, half) term for each value (placement's hot path: a row identity that sums columns).
    Broken: a difference that is not 0 and reaches the bound."""
    amount, own = reported
    diff = abs(amount - sum(values, _ZERO))
    if not diff:
        return _ZERO
    rounded = list(filter(None, halves))
    if not rounded or (len(rounded) == 1 and rounded[0] == own):
        return diff
    return diff if diff >= own + sum(rounded, _ZERO) else _ZERO


def check_le(a: Cell, b: Cell) -> Verdict:
    """``a`` does not exceed ``b`` beyond what rounding allows (units converted to ``a``'s). Rounding is
    monotone, so at the same precision and unit the printed figures themselves must not exceed."""
    scale = _scale(b, a)
    half_a, half_b = half_unit(a), half_unit(b)
    bound = Decimal(0) if half_a == half_b and scale == 1 else half_a + half_b * scale
    computed = b.amount * scale
    severity = None if a.amount <= computed + bound else "error"
    return Verdict(a.amount, computed, bound, severity)


def identical(a: Cell, b: Cell) -> bool:
    """True when ``a`` and ``b`` are the same amount in the same unit: ``check_equal`` finds them
    consistent in every mode, so a long table's check need not build its verdict."""
    return a.amount == b.amount and (a.unit == b.unit or a.unit is None or b.unit is None)


def check_equal(a: Cell, b: Cell, mode: Tolerance = Tolerance.HALF_UP) -> Verdict:
    """The same quantity printed twice. Same precision and unit → exact; otherwise the intervals must
    meet (``70`` in the narrative is consistent with ``70.00`` in a table, ``0.83`` 万元 with ``8265.00``
    元). The verdict is in ``a``'s unit."""
    scale = _scale(b, a)
    half_a, half_b = half_unit(a), half_unit(b)
    if (half_a == half_b and scale == 1) or mode is Tolerance.EXACT:
        bound = Decimal(0)
    else:
        bound = half_a + half_b * scale
    computed = b.amount * scale
    severity = None if abs(a.amount - computed) <= bound else "error"
    return Verdict(a.amount, computed, bound, severity)


def _judge(reported: Decimal, computed: Decimal, bound: Decimal, mode: Tolerance) -> Verdict:
    return Verdict(reported, computed, bound, grade(abs(reported - computed), bound, mode))


def grade(diff, bound, mode: Tolerance = Tolerance.HALF_UP) -> str | None:
    """The severity of an absolute difference against its rounding bound (any exact number type)."""
    if diff == 0:
        return None
    if mode is Tolerance.EXACT or diff > bound:
        return "error"
    if diff < bound or mode is Tolerance.INTERVAL:
        return "info"
    return "warning"

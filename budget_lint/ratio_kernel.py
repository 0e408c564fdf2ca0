"""The percentage kernel: is a printed rate or share the ratio of the printed figures?

Like the sum kernel (``kernel.py``), every printed amount stands for the interval of values that round
to it, so a ratio of printed amounts is an interval (``Rate``). A stated percentage p printed with d
decimals is judged against it by how its writer computes it:

* consistent   — some ratio in the interval prints as p, rounded half-up or truncated at d decimals;
* info         — p has decimals and lies less than one unit of its last digit from the ratio of the
                 printed figures: it was computed from the unrounded figures behind them; or
                 (``split``) p is one of a split's shares printed to total 100, one of which absorbs
                 the rounding residue: it may be one unit off its own rounding;
* error        — otherwise. A whole-number rate has no such excuse: it is the rounding or the
                 truncation of the ratio, or it is wrong.

A ratio over a base that may be zero has no meaning (``None`` from the constructors).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .kernel import Verdict, half_unit
from .model import Cell

HUNDRED = Decimal(100)
_INFINITY = Decimal("Infinity")


@dataclass(frozen=True)
class Rate:
    """A ratio in %: the smallest and largest value the rounded figures allow, and the ratio of the
    printed figures themselves."""

    low: Decimal
    high: Decimal
    point: Decimal


def bounds(cell: Cell) -> tuple[Decimal, Decimal]:
    """The interval of true values a printed figure stands for."""
    half = half_unit(cell)
    return cell.amount - half, cell.amount + half


def ratio(numerator: Cell, denominator: Cell) -> Rate | None:
    """numerator / denominator × 100 (a share, or a table's 增减幅度 = 增减金额 / 上年数)."""
    n_low, n_high = bounds(numerator)
    d_low, d_high = bounds(denominator)
    if d_low <= 0 <= d_high:
        return None
    with localcontext() as context:
        context.prec = 28
        corners = [n / d * HUNDRED for n in (n_low, n_high) for d in (d_low, d_high)]
        point = numerator.amount / denominator.amount * HUNDRED
    return Rate(min(corners), max(corners), point)


def share(part: Cell, total: Decimal, total_low: Decimal, total_high: Decimal) -> Rate | None:
    """part / total × 100, for a total given as its value and interval (a sum of stated parts)."""
    if total_low <= 0:
        return None
    p_low, p_high = bounds(part)
    with localcontext() as context:
        context.prec = 28
        return Rate(p_low / total_high * HUNDRED, p_high / total_low * HUNDRED, part.amount / total * HUNDRED)


def growth_from_prior(this_year: Cell, last_year: Cell) -> Rate | None:
    """(this year / last year − 1) × 100."""
    (a_low, a_high), (p_low, p_high) = bounds(this_year), bounds(last_year)
    if p_low <= 0:
        return None
    with localcontext() as context:
        context.prec = 28
        return Rate(
            (a_low / p_high - 1) * HUNDRED,
            (a_high / p_low - 1) * HUNDRED,
            (this_year.amount / last_year.amount - 1) * HUNDRED,
        )


def growth_from_change(this_year: Cell, change: Cell) -> Rate | None:
    """change / (this year − change) × 100, ``change`` signed (negative for a decrease). The rate is
    monotone in each figure while the base stays positive, so its extremes are at the corners."""
    (a_low, a_high), (c_low, c_high) = bounds(this_year), bounds(change)
    base = this_year.amount - change.amount
    if base <= 0:
        return None
    with localcontext() as context:
        context.prec = 28
        point = change.amount / base * HUNDRED
        if a_low - c_high <= 0:  # the base may be as small as nothing
            return Rate(c_low / (a_high - c_low) * HUNDRED, _INFINITY, point)
        corners = [c / (a - c) * HUNDRED for a in (a_low, a_high) for c in (c_low, c_high)]
    return Rate(min(corners), max(corners), point)


def printed_range(stated: Decimal, decimals: int) -> tuple[Decimal, Decimal]:
    """The true values that print as ``stated`` rounded half-up or truncated toward zero."""
    unit = Decimal(1).scaleb(-decimals)
    low, high = stated - unit / 2, stated + unit / 2
    if stated >= 0:
        high = stated + unit
    if stated <= 0:
        low = stated - unit
    return low, high


def judge(stated: Decimal, decimals: int, rate: Rate, split: bool = False) -> Verdict:
    """The verdict on a stated percentage (see the module docstring). ``computed`` is the ratio of the
    printed figures at two more decimals than stated; ``tolerance`` is the distance from it the stated
    figure may have on its side, so that an error's difference always exceeds its tolerance."""
    unit = Decimal(1).scaleb(-decimals)
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        computed = rate.point.quantize(unit.scaleb(-2))
    low, high = printed_range(stated, decimals)
    if low <= rate.high and rate.low < high:
        return Verdict(stated, computed, _allowed(stated, rate.point, unit), None)
    if split and low - unit <= rate.high and rate.low < high + unit:
        return Verdict(stated, computed, unit, "info")
    if decimals > 0 and abs(stated - rate.point) < unit:
        return Verdict(stated, computed, unit, "info")
    return Verdict(stated, computed, unit if decimals > 0 else _allowed(stated, rate.point, unit), "error")


def _allowed(stated: Decimal, point: Decimal, unit: Decimal) -> Decimal:
    """How far above the ratio a printed rate may be (half a unit: rounded half-up) or below it (a unit:
    truncated)."""
    return unit / 2 if abs(stated) > abs(point) else unit

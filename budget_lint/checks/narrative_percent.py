"""Growth rates recomputed (``test: rate``): "比上年增长 x%" must be the change over the prior-year
figure, from the figures the narrative gives (this year and last year, or this year and the change),
each taken with its rounding interval; the stated rate may be rounded half-up or truncated at its printed
precision. A rate from a prior year of zero (``test: zero_base``) has no meaning: "上年为0，增长100%".
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext

from ..amounts import format_amount
from ..narrative.claims import DOWN, UP, Change, Claim, Figure
from ..narrative.quantities import UNIT, Quantities
from ..report.model import Violation
from ..rules import Rule
from .base import Context
from .narrative_base import (
    AMOUNT,
    PERCENT,
    PRIOR,
    accepts,
    bounds,
    change_ref,
    figure_ref,
    narrative_violation,
    once,
    percent_verdict,
)

_HUNDRED = Decimal(100)


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    zero_base = rule.params["test"] == "zero_base"
    for claim in Quantities.of(ctx).narrative.claims:
        for change in claim.changes:
            if change.percent is None or change.direction not in (UP, DOWN) or not change.percent.value:
                continue
            rates = [(rate, figure) for figure in claim.this_year if (rate := _rate(claim, change, figure))]
            if not rates:
                continue
            from_zero = any(rate[0] is None for rate, _ in rates)
            if zero_base and from_zero:
                message = ctx.zh_en(
                    f"「{claim.label}」上年为 0，增长率无从计算，却写作 {change.percent.text}",
                    f"'{claim.label}' was 0 last year: a growth rate has no meaning, yet it says "
                    f"{change.percent.text}",
                )
                cells = _cells(claim, change, rates[0][1])
                yield narrative_violation(
                    rule, ctx, claim, change.percent.source, PERCENT, None, message, cells
                )
            if (
                zero_base
                or from_zero
                or any(accepts(change.percent, low, high) for (low, high, *_), _ in rates)
            ):
                continue
            (_, _, point, inputs), this_year = rates[0]
            verdict = percent_verdict(change.percent, point)
            message = ctx.zh_en(
                f"「{claim.label}」增减率为 {change.percent.text}，按{inputs[0]}计算为 "
                f"{format_amount(verdict.computed)}%",
                f"'{claim.label}' changes by {change.percent.text}; from {inputs[1]} it is "
                f"{format_amount(verdict.computed)}%",
            )
            cells = _cells(claim, change, this_year)
            yield narrative_violation(
                rule, ctx, claim, change.percent.source, PERCENT, verdict, message, cells
            )


def _cells(claim: Claim, change: Change, this_year: Figure):
    """The percentage first, then the figures it was computed from."""
    cells = [figure_ref(claim, PERCENT, change.percent), figure_ref(claim, AMOUNT, this_year)]
    if change.basis in claim.priors:
        cells.append(figure_ref(claim, PRIOR, claim.priors[change.basis]))
    elif change.amount is not None:
        cells.append(change_ref(claim, change))
    return cells


def _rate(claim: Claim, change: Change, figure: Figure):
    """(low, high, point, (zh, en) inputs) of the rate's magnitude in %, low None for a zero base; None
    when the figures do not give the rate, or give one of the other sign (the direction rule reports
    that)."""
    prior = claim.priors.get(change.basis)
    this_year = figure.cell(UNIT) if figure.money else None
    with localcontext() as context:
        context.prec = 28
        if this_year is not None and prior is not None and prior.money:
            last_year = prior.cell(UNIT)
            if last_year.amount == 0:
                return None, None, None, None
            (a_low, a_high), (p_low, p_high) = bounds(this_year), bounds(last_year)
            if p_low <= 0:
                return None
            low, high = a_low / p_high - 1, a_high / p_low - 1
            point = this_year.amount / last_year.amount - 1
            inputs = (f"本年 {figure.text}、上年 {prior.text}", f"{figure.text} and {prior.text}")
        elif this_year is not None and change.amount is not None and change.amount.money:
            moved = change.amount.cell(UNIT)
            (a_low, a_high), (m_low, m_high) = bounds(this_year), bounds(moved)
            if change.direction == UP:
                if this_year.amount - moved.amount == 0:
                    return None, None, None, None
                base_low = a_low - m_high
                low = m_low / (a_high - m_low)
                high = m_high / base_low if base_low > 0 else Decimal("Infinity")
                point = moved.amount / (this_year.amount - moved.amount)
            else:
                low, high = -(m_high / (a_low + m_high)), -(m_low / (a_high + m_low))
                point = -(moved.amount / (this_year.amount + moved.amount))
            inputs = (
                f"本年 {figure.text}、增减 {change.amount.text}",
                f"{figure.text} and a change of {change.amount.text}",
            )
        else:
            return None
    if (change.direction == UP and high < 0) or (change.direction == DOWN and low > 0):
        return None
    if change.direction == DOWN:
        low, high, point = -high, -low, -point
    return max(low, Decimal(0)) * _HUNDRED, high * _HUNDRED, point * _HUNDRED, inputs

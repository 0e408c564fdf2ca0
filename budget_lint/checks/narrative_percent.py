"""Growth rates recomputed (``test: rate``): "比上年增长 x%" must be the change over the prior-year
figure, from the figures the narrative gives (this year and last year, or this year and the change),
each taken with its rounding interval; the stated rate may be rounded half-up or truncated at its printed
precision. A rate from a prior year of zero (``test: zero_base``) has no meaning: "上年为0，增长100%".
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import Violation
from ..narrative.claims import DOWN, UP, Change, Claim, Figure, Narrative
from ..narrative.quantities import UNIT, Quantities
from ..ratio_kernel import Rate, growth_from_change, growth_from_prior, judge
from ..rules import Rule
from .base import Context
from .narrative_base import AMOUNT, PERCENT, PRIOR, change_ref, figure_ref, narrative_violation, once

ZERO_BASE = "zero base"
"""The prior year was 0: a growth rate has no meaning."""


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    zero_base = rule.params["test"] == "zero_base"
    for claim, change, rates in Quantities.of(ctx).narrative.derive("narrative_percent", _stated_rates):
        from_zero = any(rate is ZERO_BASE for rate, _ in rates)
        if zero_base and from_zero:
            message = ctx.zh_en(
                f"「{claim.label}」上年为 0，增长率无从计算，却写作 {change.percent.text}",
                f"'{claim.label}' was 0 last year: a growth rate has no meaning, yet it says "
                f"{change.percent.text}",
            )
            cells = _cells(claim, change, rates[0][1])
            yield narrative_violation(rule, ctx, claim, change.percent.source, PERCENT, None, message, cells)
        if zero_base or from_zero:
            continue
        stated = change.percent
        verdicts = [
            (judge(stated.value, stated.decimals, rate), inputs, fig) for (rate, inputs), fig in rates
        ]
        if any(v.ok for v, _, _ in verdicts):
            continue
        verdict, inputs, this_year = min(verdicts, key=lambda found: found[0].severity != "info")
        sign = "-" if change.direction == DOWN else ""
        computed = f"{sign}{format_amount(verdict.computed)}%"
        note = (
            ctx.zh_en(
                "（差不足末位一个单位：按未取整的数计算）",
                " (less than a unit of its last digit off: computed from unrounded figures)",
            )
            if verdict.severity == "info"
            else ""
        )
        message = ctx.zh_en(
            f"「{claim.label}」增减率为 {sign}{stated.text}，按{inputs[0]}计算为 {computed}{note}",
            f"'{claim.label}' changes by {sign}{stated.text}; from {inputs[1]} it is {computed}{note}",
        )
        cells = _cells(claim, change, this_year)
        yield narrative_violation(
            rule, ctx, claim, stated.source, PERCENT, verdict, message, cells, severity=verdict.severity
        )


def _stated_rates(narrative: Narrative) -> list[tuple[Claim, Change, list]]:
    """Each stated rate of change with the rates its figures give (each this year's statement's)."""
    found = []
    for claim in narrative.claims:
        for change in claim.changes:
            if change.percent is None or change.direction not in (UP, DOWN) or not change.percent.value:
                continue
            rates = [(rate, figure) for figure in claim.this_year if (rate := _rate(claim, change, figure))]
            if rates:
                found.append((claim, change, rates))
    return found


def _cells(claim: Claim, change: Change, this_year: Figure):
    """The percentage first, then the figures it was computed from."""
    cells = [figure_ref(claim, PERCENT, change.percent), figure_ref(claim, AMOUNT, this_year)]
    if change.basis in claim.priors:
        cells.append(figure_ref(claim, PRIOR, claim.priors[change.basis]))
    elif change.amount is not None:
        cells.append(change_ref(claim, change))
    return cells


def _rate(claim: Claim, change: Change, figure: Figure):
    """(the rate's magnitude in %, (zh, en) inputs), or ZERO_BASE; None when the figures do not give
    the rate, or give one of the other sign (the direction rule reports that)."""
    prior = claim.priors.get(change.basis)
    this_year = figure.cell(UNIT) if figure.money else None
    if this_year is None:
        return None
    if prior is not None and prior.money:
        last_year = prior.cell(UNIT)
        if last_year.amount == 0:
            return ZERO_BASE
        rate = growth_from_prior(this_year, last_year)
        inputs = (f"本年 {figure.text}、上年 {prior.text}", f"{figure.text} and {prior.text}")
    elif change.amount is not None and change.amount.money:
        moved = change.signed(UNIT)
        if this_year.amount - moved.amount == 0:
            return ZERO_BASE
        rate = growth_from_change(this_year, moved)
        sign = "-" if change.direction == DOWN else ""
        inputs = (
            f"本年 {figure.text}、增减 {sign}{change.amount.text}",
            f"{figure.text} and a change of {sign}{change.amount.text}",
        )
    else:
        return None
    if (
        rate is None
        or (change.direction == UP and rate.high < 0)
        or (change.direction == DOWN and rate.low > 0)
    ):
        return None
    if change.direction == DOWN:
        rate = Rate(-rate.high, -rate.low, -rate.point)
    return Rate(max(rate.low, Decimal(0)), rate.high, rate.point), inputs

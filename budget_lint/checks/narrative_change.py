"""A stated change against the figures it is about (``test``):

* ``arithmetic``: where the narrative gives this year's amount, the prior-year figure and the change,
  this year − last year = the change ("2025年预算执行数为 A万元，2026年预算安排 B万元，比2025年减少 C万元");
* ``direction``: 增加/增长 needs this year above last year, 减少/下降 below, 持平 equal — checked where both
  years are given and the change has no amount of its own, and between a change and its percentage
  ("增加 X万元，减少 Y%");
* ``negative_prior``: an amount cannot have grown from a negative one — "支出预算 0万元，比上年增加 N万元" is
  template residue (the prior year would be −N).

Every figure is taken with its rounding interval; a violation is reported at the stated change.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import Verdict, check_le, check_sum, half_unit
from ..narrative.claims import DOWN, FLAT, UP, Change, Claim
from ..narrative.quantities import UNIT, Quantities
from ..rules import Rule
from .base import Context, sum_message
from .narrative_base import AMOUNT, CHANGE, PERCENT, PRIOR, change_ref, figure_ref, narrative_violation, once

_RANK = {"info": 0, "warning": 1, "error": 2}
_WORDS = {UP: ("增加", "increase"), DOWN: ("减少", "decrease"), FLAT: ("持平", "no change")}


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    test = {"arithmetic": _arithmetic, "direction": _direction, "negative_prior": _negative_prior}[
        rule.params["test"]
    ]
    for claim in Quantities.of(ctx).narrative.claims:
        for change in claim.changes:
            yield from test(rule, ctx, claim, change)


def _arithmetic(rule: Rule, ctx: Context, claim: Claim, change: Change) -> Iterator[Violation]:
    prior = claim.priors.get(change.basis)
    stated = change.signed(UNIT)
    if not claim.this_year or prior is None or stated is None or not prior.money:
        return
    last_year = prior.cell(UNIT)
    verdicts = [
        (check_sum(stated, [(1, figure.cell(UNIT)), (-1, last_year)], ctx.tolerance), figure)
        for figure in claim.this_year
    ]
    if any(verdict.ok for verdict, _ in verdicts):
        return
    verdict, this_year = min(verdicts, key=lambda found: _RANK[found[0].severity])
    what = ctx.zh_en(
        f"「{claim.label}」增减额 = {this_year.text} − {prior.text}",
        f"change of '{claim.label}' = {this_year.text} − {prior.text}",
    )
    cells = [change_ref(claim, change), figure_ref(claim, AMOUNT, this_year), figure_ref(claim, PRIOR, prior)]
    message = sum_message(ctx, what, verdict)
    yield narrative_violation(rule, ctx, claim, change.source, CHANGE, verdict, message, cells)


def _direction(rule: Rule, ctx: Context, claim: Claim, change: Change) -> Iterator[Violation]:
    if change.direction is None:
        return
    prior = claim.priors.get(change.basis)
    if change.amount is None and claim.this_year and prior is not None and prior.money:
        last_year = prior.cell(UNIT)
        spans = [(_difference(figure.cell(UNIT), last_year), figure) for figure in claim.this_year]
        possible = {
            UP: lambda lo, hi: hi > 0,
            DOWN: lambda lo, hi: lo < 0,
            FLAT: lambda lo, hi: lo <= 0 <= hi,
        }
        if not any(possible[change.direction](*span) for span, _ in spans):
            (low, high), this_year = spans[0]
            word = _WORDS[change.direction]
            message = ctx.zh_en(
                f"「{claim.label}」说{word[0]}，但本年 {this_year.text}、上年 {prior.text}",
                f"'{claim.label}' is said to {word[1]}, but this year is {this_year.text} and last year "
                f"{prior.text}",
            )
            difference = this_year.cell(UNIT).amount - last_year.amount
            verdict = Verdict(difference, Decimal(0), (high - low) / 2, "error")
            cells = [
                change_ref(claim, change),
                figure_ref(claim, AMOUNT, this_year),
                figure_ref(claim, PRIOR, prior),
            ]
            yield narrative_violation(rule, ctx, claim, change.source, CHANGE, verdict, message, cells)
            return
    opposite = {UP: DOWN, DOWN: UP}.get(change.direction)
    if change.percent is not None and change.percent_direction == opposite and change.percent.value:
        message = ctx.zh_en(
            f"「{claim.label}」说{_WORDS[change.direction][0]}，其百分比却是{_WORDS[opposite][0]} "
            f"{change.percent.text}",
            f"'{claim.label}' is said to {_WORDS[change.direction][1]} but its percentage to "
            f"{_WORDS[opposite][1]} by {change.percent.text}",
        )
        cells = [figure_ref(claim, PERCENT, change.percent), change_ref(claim, change)]
        yield narrative_violation(rule, ctx, claim, change.percent.source, PERCENT, None, message, cells)


def _difference(this_year, last_year) -> tuple[Decimal, Decimal]:
    """The interval this year − last year can take."""
    spread = half_unit(this_year) + half_unit(last_year)
    middle = this_year.amount - last_year.amount
    return middle - spread, middle + spread


def _negative_prior(rule: Rule, ctx: Context, claim: Claim, change: Change) -> Iterator[Violation]:
    stated = change.signed(UNIT)
    if claim.amount is None or stated is None or stated.amount <= 0 or not claim.amount.money:
        return
    verdict = check_le(stated, claim.amount.cell(UNIT))
    if verdict.ok:
        return
    implied = claim.amount.cell(UNIT).amount - stated.amount
    message = ctx.zh_en(
        f"「{claim.label}」为 {claim.amount.text}，却比上年增加 {change.amount.text}：增加额大于本年数，"
        f"上年数将为负（{format_amount(implied)}万元），不可能",
        f"'{claim.label}' is {claim.amount.text} yet up {change.amount.text} on last year: the increase "
        f"exceeds this year's figure, so last year's would be negative ({format_amount(implied)} 万元)",
    )
    cells = [change_ref(claim, change), figure_ref(claim, AMOUNT, claim.amount)]
    yield narrative_violation(rule, ctx, claim, change.source, CHANGE, verdict, message, cells)

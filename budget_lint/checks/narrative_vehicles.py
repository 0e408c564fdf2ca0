"""Vehicle counts (``test``): the vehicles by type add up to the number stated for all of them, for the
vehicles held and for those to be bought (``sum``); a purchase of vehicles needs 公务用车购置费, and
购置费 needs a purchase (``purchase_cost``): "购置车辆 0辆" with 购置费 20万元 — or 1 vehicle with 购置费 0 —
contradict each other. 购置费 is the narrative's, else the 三公 table's."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import Verdict
from ..narrative.claims import Claim
from ..narrative.quantities import Quantities
from ..rules import Rule
from .base import Context, cell_ref, find_rows
from .narrative_base import AMOUNT, COUNT, figure_ref, narrative_violation, once

_TOTALS = ("vehicles", "purchases")
_FISCAL = {"general_budget", "gov_fund", "state_capital"}


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    claims = [c for c in Quantities.of(ctx).narrative.claims if c.kind in _TOTALS]
    if rule.params["test"] == "sum":
        yield from _sums(rule, ctx, claims)
    else:
        yield from _purchase_cost(rule, ctx, claims)


def _sums(rule: Rule, ctx: Context, claims: list[Claim]) -> Iterator[Violation]:
    for i, total in enumerate(claims):
        if ":" in total.subject:
            continue
        types = []
        for claim in claims[i + 1 :]:
            if ":" not in claim.subject:
                break
            types.append(claim)
        if not types:
            continue
        counted = sum((t.amount.value for t in types), Decimal(0))
        if counted == total.amount.value:
            continue
        verdict = Verdict(total.amount.value, counted, Decimal(0), "error")
        names = "、".join(f"{t.label} {t.amount.text}" for t in types)
        message = ctx.zh_en(
            f"{total.label} {total.amount.text}，分类合计 {format_amount(counted)}辆（{names}）",
            f"{total.amount.text} {'held' if total.kind == 'vehicles' else 'to buy'}, but by type "
            f"{format_amount(counted)} ({names})",
        )
        cells = [figure_ref(c, COUNT, c.amount) for c in [total, *types]]
        yield narrative_violation(rule, ctx, total, total.amount.source, COUNT, verdict, message, cells)


def _purchase_cost(rule: Rule, ctx: Context, claims: list[Claim]) -> Iterator[Violation]:
    if not any(claim.kind == "purchases" for claim in claims):
        return  # nothing to compare: the cost and its reference not looked up
    cost = _cost(ctx)
    if cost is None:
        return
    amount, unit, ref, label = cost
    for claim in claims:
        if claim.kind != "purchases" or (claim.scope != "general_budget" and not ctx.only_funded_by(_FISCAL)):
            continue
        bought = claim.amount.value
        if (bought > 0) == (amount > 0) or (bought == 0 and ":" in claim.subject):
            continue
        message = ctx.zh_en(
            f"{claim.label} {claim.amount.text}，而{label}为 {format_amount(amount)}{unit}",
            f"{claim.amount.text} {claim.label} to buy, but {label} is {format_amount(amount)} {unit}",
        )
        cells = [figure_ref(claim, COUNT, claim.amount), ref]
        yield narrative_violation(rule, ctx, claim, claim.amount.source, COUNT, None, message, cells)


def _cost(ctx: Context):
    stated = Quantities.of(ctx).amount("vehicle_purchase", "all")
    if stated is not None:
        ref = figure_ref(stated.claim, AMOUNT, stated.figure)
        return stated.cell.amount, "万元", ref, stated.claim.label
    for table in ctx.tables("three_public"):
        column = table.column_index("vehicle_purchase")
        rows = find_rows(table, "total") or table.rows
        if column is not None and len(rows) == 1:
            cell = rows[0].cells[column]
            ref = cell_ref(table, rows[0], column)
            return cell.amount, cell.unit or table.unit or "", ref, f"{table.label}公务用车购置费"
    return None

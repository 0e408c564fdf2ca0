"""Shares recomputed: "基本支出 7666.68万元，占 56.17%" must be the part over its total — the total the
sentence names ("占“三公”经费的"), else the part's natural total (基本支出 of 支出, a funding source of
收入, a 三公 item of the 三公 total) in the same scope; a total the narrative does not state is the sum of
its stated parts where those are all of it (三公 = 出国 + 用车 + 接待). Rounding half-up or truncation at the
printed precision is accepted (``test: share``).

``test: sum``: the shares of an exhaustive split (its parts add up to the total) add up to 100, within
what the rounding of each share allows.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import Verdict, check_sum
from ..narrative.claims import NATURAL_TOTAL, Claim
from ..narrative.quantities import Quantities, Stated
from ..ratio_kernel import HUNDRED, bounds, judge, share
from ..rules import Rule
from .base import Context
from .narrative_base import AMOUNT, SHARE, figure_ref, narrative_violation, once

# Scopes of 收入 that are funding sources: their shares are of the whole 收入.
_SOURCE_SCOPES = {
    "general_budget",
    "gov_fund",
    "state_capital",
    "fiscal",
    "special_account",
    "business_income",
    "operating_income",
    "other_income",
    "other_funds",
    "superior_subsidy",
    "subsidiary",
    "carry_over",
}


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    quantities = Quantities.of(ctx)
    splits: dict[tuple[str, str], dict[tuple[str, str], Claim]] = {}
    shares = []
    for claim in quantities.narrative.claims:
        if claim.share is None or claim.amount is None or not claim.amount.money:
            continue
        total = _total(quantities, claim, rule.params.get("parts", {}))
        if total is None:
            continue
        key, whole = total
        splits.setdefault(key, {}).setdefault(quantities.amount_key(claim), claim)
        shares.append((claim, key, whole))
    if rule.params["test"] == "share":
        judged = set()
        for claim, key, whole in shares:
            # The same figure over the same total, said twice (of 收入 and of 支出), is one share.
            total = whole.cell.amount if isinstance(whole, Stated) else _cell_of(whole)[0]
            same = (claim.amount.value, claim.share.value, total)
            if same in judged:
                continue
            judged.add(same)
            parts = [
                part for part_key, part in splits[key].items() if part_key != key
            ]  # not "the whole: 100%"
            yield from _share(rule, ctx, claim, whole, _made_to_total_100(claim, parts))
    if rule.params["test"] == "sum":
        for key, parts in splits.items():
            yield from _sum(rule, ctx, quantities, key, list(parts.values()))


def _total(quantities: Quantities, claim: Claim, parts: dict) -> tuple[tuple[str, str], Stated | list] | None:
    """The total a share is of: its key and its statement, or the statements of its parts."""
    if claim.share_of is not None:
        whole = claim.share_of in ("income", "expense", "income_current", "expense_current")
        subject, scope = claim.share_of, "all" if whole else claim.scope
    elif claim.kind == "income" and claim.scope in _SOURCE_SCOPES:
        subject, scope = "income", "all"
    elif claim.kind in NATURAL_TOTAL:
        subject, scope = NATURAL_TOTAL[claim.kind], claim.scope
    else:
        return None
    subject = _stated_base(quantities, subject, scope)
    key = (subject, quantities.amount_scope.get(scope, scope))
    stated = quantities.amount(subject, scope)
    if stated is not None:
        return key, stated
    pieces = [quantities.amount(name, scope) for name in parts.get(subject, [])]
    if pieces and all(pieces):
        return key, pieces
    return None


_MOST_SIBLINGS = 10
"""Shares of one total searched for those that add up to 100 (2^10 subsets at most)."""


def _stated_base(quantities: Quantities, subject: str, scope: str) -> str:
    """收入/支出 as a base is the year's own (本年收入合计, 本年支出合计) where the narrative states it
    apart from a total that takes in the carry-over; 本年…合计 where it does not is the 收入/支出."""
    current = {"income": "income_current", "expense": "expense_current"}
    if subject in current and quantities.amount(current[subject], scope) is not None:
        return current[subject]
    base = {value: key for key, value in current.items()}
    if subject in base and quantities.amount(subject, scope) is None:
        return base[subject]
    return subject


def _cell_of(whole):
    if isinstance(whole, Stated):
        return whole.cell
    cells = [piece.cell for piece in whole]
    total = sum((c.amount for c in cells), Decimal(0))
    half = sum((bounds(c)[1] - c.amount for c in cells), Decimal(0))
    return total, total - half, total + half


def _made_to_total_100(claim: Claim, split: list[Claim]) -> bool:
    """Whether ``claim`` is one of shares printed to add up to exactly 100 (its siblings: some of the
    split's parts, as a split by kind and one by funding source share a total): one of them may then be
    a unit off its own rounding, moved to absorb the rounding residue (59.35 + 40.01 + 0.64 rather
    than … + 0.63)."""
    others = [part for part in split if part is not claim]
    if len(others) > _MOST_SIBLINGS:
        others = others[:_MOST_SIBLINGS]
    return any(
        claim.share.value + sum((part.share.value for part in siblings), Decimal(0)) == HUNDRED
        for size in range(1, len(others) + 1)
        for siblings in combinations(others, size)
    )


def _share(rule: Rule, ctx: Context, claim: Claim, whole, adjusted: bool = False) -> Iterator[Violation]:
    part = claim.amount.cell("万元")
    if isinstance(whole, Stated):
        total, (t_low, t_high) = whole.cell.amount, bounds(whole.cell)
        named = f"「{whole.claim.label}」{whole.figure.text}"
    else:
        total, t_low, t_high = _cell_of(whole)
        named = " + ".join(f"{piece.claim.label} {piece.figure.text}" for piece in whole)
    rate = share(part, total, t_low, t_high)
    if rate is None:
        return
    verdict = judge(claim.share.value, claim.share.decimals, rate, split=adjusted)
    if verdict.ok:
        return
    # The total is not a suspect: a total shared by several shares would otherwise take the blame.
    cells = [figure_ref(claim, SHARE, claim.share), figure_ref(claim, AMOUNT, claim.amount)]
    note = ""
    if verdict.severity == "info":
        note = (
            ctx.zh_en(
                "（各项占比凑足 100% 的尾差调整）", " (a rounding residue moved so the shares total 100%)"
            )
            if adjusted
            else ctx.zh_en(
                "（差不足末位一个单位：按未取整的数计算）",
                " (less than a unit of its last digit off: computed from unrounded figures)",
            )
        )
    message = (
        ctx.zh_en(
            f"「{claim.label}」{claim.amount.text} 占 {claim.share.text}，按总额 {named} 计算为 "
            f"{format_amount(verdict.computed)}%",
            f"'{claim.label}' {claim.amount.text} is said to be {claim.share.text}; of the total {named} "
            f"it is "
            f"{format_amount(verdict.computed)}%",
        )
        + note
    )
    yield narrative_violation(
        rule, ctx, claim, claim.share.source, SHARE, verdict, message, cells, severity=verdict.severity
    )


def _sum(rule: Rule, ctx: Context, quantities: Quantities, key, parts: list[Claim]) -> Iterator[Violation]:
    whole = quantities.amount(*key)
    if whole is None or len(parts) < 2:
        return
    exhaustive = check_sum(whole.cell, [(1, part.amount.cell("万元")) for part in parts])
    if exhaustive.severity not in (None, "info"):
        return
    stated = sum((part.share.value for part in parts), Decimal(0))
    slack = sum((Decimal(1).scaleb(-part.share.decimals) for part in parts), Decimal(0))
    if HUNDRED - slack < stated <= HUNDRED + slack / 2:
        return
    verdict = Verdict(stated, HUNDRED, slack, "error")
    names = "、".join(f"{part.label} {part.share.text}" for part in parts)
    message = ctx.zh_en(
        f"「{whole.claim.label}」各部分占比之和为 {format_amount(stated)}%（{names}），应为 100%",
        f"the shares of '{whole.claim.label}' add up to {format_amount(stated)}% ({names}), not 100%",
    )
    cells = [figure_ref(part, SHARE, part.share) for part in parts]
    yield narrative_violation(rule, ctx, whole.claim, parts[0].share.source, SHARE, verdict, message, cells)

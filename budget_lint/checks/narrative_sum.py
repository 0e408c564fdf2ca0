"""The parts of a total stated in the narrative add up to it (``what: amount``), and so do their changes
(``what: change``): 三公 = 出国 + 用车 + 接待, 用车 = 购置 + 运行, 采购 = 货物 + 工程 + 服务; Δ支出 = Δ基本 +
Δ项目 (+ Δ机动经费); Δ收入 = Δ支出 (a 预算 balances in every year, so its changes do too).

``what: item_change``: the change of a 类 against the changes of its 项 described in the item paragraphs,
where those 项 are all of this year's 类 (their amounts add up to its) and each states its change. A 项
the 类 had last year and not this year is not described and lowered the 类's change, so the 类's change
may fall short of the items' sum, never exceed it.

``splits`` lists {total, parts}; for each total and scope the first split whose parts are all stated is
checked (a part ending in ``?`` may be absent). Parts are taken in the total's scope. With
``exhaustive: true`` a change split is checked only where this year's amounts of the parts add up to the
total's: then nothing else is part of it. ``when: budget`` limits a rule to 预算 documents.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import check_sum
from ..narrative.claims import Claim
from ..narrative.quantities import UNIT, Quantities
from ..recognise import CLASS_NAMES, squash
from ..rules import Rule
from .base import Context, sum_message
from .narrative_base import (
    AMOUNT,
    BUDGET,
    CHANGE,
    basis_words,
    change_ref,
    figure_ref,
    narrative_violation,
    once,
)


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    if params.get("when") == "budget" and ctx.document.stage != "预算":
        return
    quantities = Quantities.of(ctx)
    if params["what"] == "item_change":
        yield from _class_items(rule, ctx, quantities)
        return
    changes = params["what"] == "change"
    done: set[tuple[str, str, str]] = set()
    for split in params["splits"]:
        total = split["total"]
        keys = quantities.changes if changes else quantities.amounts
        # changes are added on one basis (上年预算 or 上年预算执行数): like with like
        for scope, basis in sorted(
            {(key[1], key[2] if changes else BUDGET) for key in keys if key[0] == total}
        ):
            if (total, scope, basis) in done:
                continue
            found = _split(quantities, total, split["parts"], scope, changes, basis)
            if found is None or (split.get("exhaustive") and not _adds_up(quantities, total, found, scope)):
                continue
            done.add((total, scope, basis))
            yield from _check(rule, ctx, quantities, total, found, scope, changes, basis)


def _split(
    quantities: Quantities, total: str, parts: list[str], scope: str, changes: bool, basis: str
) -> list[str] | None:
    """The parts to add: None when a required part, or the total, is not stated."""

    def lookup(name: str, scope: str):
        return quantities.change(name, scope, basis) if changes else quantities.amount(name, scope)

    if lookup(total, scope) is None:
        return None
    found = []
    for part in parts:
        name = part.rstrip("?")
        if lookup(name, scope) is not None:
            found.append(name)
        elif not part.endswith("?") or quantities.amount(name, scope) is not None:
            return None
    return found


def _adds_up(quantities: Quantities, total: str, parts: list[str], scope: str) -> bool:
    stated = [quantities.amount(name, scope) for name in [total, *parts]]
    if any(s is None for s in stated):
        return False
    return check_sum(stated[0].cell, [(1, s.cell) for s in stated[1:]]).severity in {None, "info"}


def _check(rule, ctx, quantities, total, parts, scope, changes, basis) -> Iterator[Violation]:
    if changes:
        whole = quantities.change(total, scope, basis)
        pieces = [quantities.change(name, scope, basis) for name in parts]
    else:
        whole = quantities.amount(total, scope)
        pieces = [quantities.amount(name, scope) for name in parts]
    verdict = check_sum(whole.cell, [(1, piece.cell) for piece in pieces], ctx.tolerance)
    if verdict.ok:
        return
    if changes:
        refs = [change_ref(s.claim, s.change) for s in [whole, *pieces]]
        source, column = whole.change.source, CHANGE
    else:
        refs = [figure_ref(s.claim, AMOUNT, s.figure) for s in [whole, *pieces]]
        source, column = whole.figure.source, AMOUNT
    names = " + ".join(f"「{piece.claim.label}」" for piece in pieces)
    if changes:
        what = ctx.zh_en(
            f"「{whole.claim.label}」的增减 = {names}的增减{basis_words(ctx, basis)}",
            f"change of '{whole.claim.label}' = change of {names}{basis_words(ctx, basis)}",
        )
    else:
        what = ctx.zh_en(f"「{whole.claim.label}」= {names}", f"'{whole.claim.label}' = {names}")
    message = sum_message(ctx, what, verdict)
    if changes and len(pieces) == 1 and _contradicted(quantities, pieces[0], whole):
        # the same money's change stated twice (Δ收入 = Δ支出): the figure the sources' split contradicts
        # is the one to fix, not the one it confirms
        refs, source = refs[::-1], pieces[0].change.source
        fits, not_ = format_amount(whole.cell.amount), format_amount(pieces[0].cell.amount)
        message += ctx.zh_en(
            f"；收入按来源的增减支持 {fits}，不支持 {not_}",
            f"; the income's change by source fits {fits}, not {not_}",
        )
    yield narrative_violation(rule, ctx, whole.claim, source, column, verdict, message, refs)


def _contradicted(quantities: Quantities, suspect, other) -> bool:
    """True when the income split by source confirms ``other``'s change and not ``suspect``'s (13: 收入
    总计 +3,958.67 = 一般公共预算 +3,959.28 − 其他资金 0.61, so 财政拨款收、支 +3,958.98 is the slip). A
    budget balances, so the change of its income and of its spending in one scope are the same figure."""
    scope = quantities.change_scope.get(suspect.claim.scope, suspect.claim.scope)
    whole = quantities.change("income", "all")
    if scope == "all" or whole is None or quantities.change_scope.get("all") == scope:
        return False
    sources = {
        quantities.change_scope.get(c.scope, c.scope)
        for c in quantities.narrative.claims
        if c.subject == "income" and c.scope != "all"
    } - {"all", scope}
    others = [quantities.change("income", s) for s in sorted(sources)]
    amounts = [quantities.amount("income", s) for s in ["all", scope, *sorted(sources)]]
    if not sources or None in others or None in amounts:
        return False
    if check_sum(amounts[0].cell, [(1, a.cell) for a in amounts[1:]]).severity not in (None, "info"):
        return False  # the sources stated are not all the income

    def fits(stated) -> bool:
        parts = [(1, stated.cell), *((1, o.cell) for o in others)]
        return check_sum(whole.cell, parts).severity in (None, "info")

    return fits(other) and not fits(suspect)


def _class_items(rule: Rule, ctx: Context, quantities: Quantities) -> Iterator[Violation]:
    claims = quantities.narrative.claims
    by_class: dict[tuple[str, str | None], list[Claim]] = {}  # each item's 类 found once, not per 类
    for c in claims:
        if c.kind == "item":
            by_class.setdefault((c.scope, _class_of(c)), []).append(c)
    for whole in claims:
        if whole.kind != "class" or whole.amount is None or not whole.changes:
            continue
        items = by_class.get((whole.scope, whole.subject), [])
        if not items or any(c.amount is None or not c.changes for c in items):
            continue
        # the 类's change on the basis its items' changes are stated on: like with like
        basis = items[0].changes[0].basis
        stated = [next((ch for ch in c.changes if ch.basis == basis), None) for c in [whole, *items]]
        if any(s is None for s in stated) or any(c.changes[0].basis != basis for c in items):
            continue
        change, moved = stated[0].signed(UNIT), [s.signed(UNIT) for s in stated[1:]]
        if change is None or any(m is None for m in moved):
            continue
        exhaustive = check_sum(whole.amount.cell(UNIT), [(1, c.amount.cell(UNIT)) for c in items])
        if exhaustive.severity not in (None, "info"):
            continue  # the paragraphs do not describe every 项 of the 类
        verdict = check_sum(change, [(1, m) for m in moved], ctx.tolerance)
        if verdict.ok or verdict.difference < 0:
            continue  # a 项 dropped this year (0 now, not described) lowers the 类's change
        names = " + ".join(f"「{c.label}」" for c in items)
        message = sum_message(
            ctx,
            ctx.zh_en(
                f"「{whole.label}」的增减 ≤ {names}的增减{basis_words(ctx, basis)}",
                f"change of '{whole.label}' ≤ change of {names}{basis_words(ctx, basis)}",
            ),
            verdict,
        )
        refs = [change_ref(c, s) for c, s in zip([whole, *items], stated, strict=True)]
        yield narrative_violation(rule, ctx, whole, stated[0].source, CHANGE, verdict, message, refs)


def _class_of(item: Claim) -> str | None:
    """The 类 subject of an item paragraph, from its code or its 类 name (printed with or without 支出; an
    item under a 类 heading carries that 类 in its subject)."""
    if item.item_code:
        return f"class:{item.item_code[:3]}"
    name = squash(item.subject.removeprefix("item:").split("/")[0])
    code = CLASS_NAMES.get(name) or CLASS_NAMES.get(f"{name}支出")
    return f"class:{code}" if code else None

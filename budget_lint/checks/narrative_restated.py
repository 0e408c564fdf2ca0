"""The same quantity stated twice in the narrative must be stated alike: the same amount
(2026年预算安排 201.50万元 under an item headed 208.8万元), the same change (基本支出增加 205.35 stated
twice), and the same direction ("比上年减少 2,163.37万元" and then "财政拨款收入支出增加的主要原因是…").

The first statement is the reference; a later one that disagrees is reported at its own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import check_equal
from ..narrative.claims import DOWN, FLAT, UP
from ..narrative.quantities import Quantities
from ..rules import Rule
from .base import Context
from .narrative_base import AMOUNT, CHANGE, basis_words, change_ref, figure_ref, narrative_violation, place

_WORD = {UP: ("增加", "an increase"), DOWN: ("减少", "a decrease"), FLAT: ("持平", "no change")}


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    quantities = Quantities.of(ctx)
    for stated in quantities.amounts.values():
        first = stated[0]
        for later in stated[1:]:
            verdict = check_equal(later.cell, first.cell, ctx.tolerance)
            if verdict.ok:
                continue
            # Both places named: the engine may put the finding at either figure.
            here, there = place(ctx, later.figure.source), place(ctx, first.figure.source)
            message = ctx.zh_en(
                f"「{later.claim.label}」{here}为 {later.figure.text}，前文（{there}）为 {first.figure.text}",
                f"'{later.claim.label}' is {later.figure.text} at {here} but {first.figure.text} earlier "
                f"({there})",
            )
            cells = [
                figure_ref(later.claim, AMOUNT, later.figure),
                figure_ref(first.claim, AMOUNT, first.figure),
            ]
            yield narrative_violation(
                rule, ctx, later.claim, later.figure.source, AMOUNT, verdict, message, cells
            )
    reported: set[tuple] = set()
    for stated in quantities.changes.values():
        reference = next((s for s in stated if s.change.direction is not None), None)
        for later in stated:
            if reference is None or later is reference or later.change.direction is None:
                continue
            for found in _compare_changes(rule, ctx, reference, later):
                key = (later.claim.label, later.change.source)
                if key not in reported:
                    reported.add(key)
                    yield found


def _compare_changes(rule: Rule, ctx: Context, first, later) -> Iterator[Violation]:
    a, b = first.change, later.change
    both = a.signed("万元") is not None and b.signed("万元") is not None
    if both:
        verdict = check_equal(later.cell, first.cell, ctx.tolerance)
        if verdict.ok:
            return
    elif a.direction == b.direction:
        return
    else:
        verdict = None
    said, before = _said(ctx, b, later.cell), _said(ctx, a, first.cell)
    here, there = place(ctx, b.source), place(ctx, a.source)
    basis = basis_words(ctx, b.basis)  # both on one basis: changes on two are never compared
    message = ctx.zh_en(
        f"「{later.claim.label}」{here}说{said[0]}，前文（{there}）说{before[0]}{basis}",
        f"'{later.claim.label}' is {said[1]} at {here} but {before[1]} earlier ({there}){basis}",
    )
    cells = [change_ref(later.claim, b), change_ref(first.claim, a)]
    yield narrative_violation(rule, ctx, later.claim, b.source, CHANGE, verdict, message, cells)


def _said(ctx: Context, change, cell) -> tuple[str, str]:
    zh, en = _WORD[change.direction]
    if change.direction == FLAT or cell is None:
        return zh, en
    return f"{zh} {format_amount(abs(cell.amount))}万元", f"{en} of {format_amount(abs(cell.amount))} 万元"

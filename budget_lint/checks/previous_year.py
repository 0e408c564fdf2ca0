"""The narrative's prior-year figures against last year's document of the same department and stage
(``Context.previous``, set in cross-year runs: see ``budget_lint/previous_year.py``).

A 预算 compares with last year's 预算: "上年预算数 X" must be last year's stated amount, and "比上年增加/减少
C" (or 持平) must be this year's amount minus it. A change stated against 上年预算执行数 is left alone:
last year's document gives the budget, not what was spent. A quantity is matched by its subject and
scope as each narrative names them (类, 款/项 by name, 三公 items, 基本/项目支出, …), never through the
scopes one document shows equal (all money = 一般公共预算 this year need not hold last year); one stated
with two different amounts last year is not matched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..findings import CellRef, Violation
from ..kernel import check_equal, check_sum
from ..narrative.claims import Claim, Figure
from ..narrative.quantities import UNIT, Quantities
from ..rules import Rule
from .base import Context, sum_message
from .narrative_base import AMOUNT, CHANGE, PRIOR, change_ref, figure_ref, narrative_violation


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    if ctx.previous is None:
        return
    path, earlier = ctx.previous
    if not (ctx.document.stage == earlier.stage == "预算"):
        return
    last_year = _amounts(Context(earlier, lang=ctx.lang, tolerance=ctx.tolerance))
    quantities = Quantities.of(ctx)
    for claim in quantities.narrative.claims:
        then = last_year.get(claim.key)
        if then is None or claim.amount is None or not claim.amount.money:
            continue
        prior = claim.priors.get("budget")
        if prior is not None and prior.money:
            verdict = check_equal(prior.cell(UNIT), then.cell(UNIT), ctx.tolerance)
            if not verdict.ok:
                message = ctx.zh_en(
                    f"「{claim.label}」上年预算数 {prior.text}，"
                    f"上年文件为 {then.text}（{_where(path, then)}）",
                    f"'{claim.label}': last year's budget stated as {prior.text}, last year's document "
                    f"gives {then.text} ({_where(path, then, 'en')})",
                )
                cells = [figure_ref(claim, PRIOR, prior), _earlier_ref(path, claim, then)]
                yield narrative_violation(rule, ctx, claim, prior.source, PRIOR, verdict, message, cells)
            continue
        for change in claim.changes:
            stated = change.signed(UNIT)
            if change.basis != "budget" or stated is None:
                continue
            verdict = check_sum(stated, [(1, claim.amount.cell(UNIT)), (-1, then.cell(UNIT))], ctx.tolerance)
            if verdict.ok:
                continue
            what = ctx.zh_en(
                f"「{claim.label}」增减额 = 本年 {claim.amount.text} − "
                f"上年文件 {then.text}（{_where(path, then)}）",
                f"change of '{claim.label}' = {claim.amount.text} − {then.text} in last year's document "
                f"({_where(path, then, 'en')})",
            )
            cells = [
                change_ref(claim, change),
                figure_ref(claim, AMOUNT, claim.amount),
                _earlier_ref(path, claim, then),
            ]
            message = sum_message(ctx, what, verdict)
            yield narrative_violation(rule, ctx, claim, change.source, CHANGE, verdict, message, cells)


def _amounts(ctx: Context) -> dict[tuple[str, str], Figure]:
    """Each quantity's amount in last year's narrative, where it is stated with one value only."""
    quantities = Quantities.of(ctx)
    found: dict[tuple[str, str], list[Figure]] = {}
    for claim in quantities.narrative.claims:
        if claim.amount is not None and claim.amount.money:
            found.setdefault(claim.key, []).append(claim.amount)
    return {
        key: figures[0] for key, figures in found.items() if len({f.cell(UNIT).amount for f in figures}) == 1
    }


def _where(path: str, figure: Figure, lang: str = "zh") -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if figure.source.line is not None:
        return f"{name} 第{figure.source.line}行" if lang == "zh" else f"{name} line {figure.source.line}"
    return f"{name} 第{figure.source.page}页" if lang == "zh" else f"{name} page {figure.source.page}"


def _earlier_ref(path: str, claim: Claim, figure: Figure) -> CellRef:
    """Last year's figure, located in last year's document (named in the table field)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    ref = figure_ref(claim, AMOUNT, figure)
    return replace(ref, table=f"{name}:{ref.table}")

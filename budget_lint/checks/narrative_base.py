"""What the narrative check kinds share: violations located at a claim's figure, and references to the
figures a check read (table 说明), so that the engine can weigh a narrative figure against a table cell
when it looks for the culprit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps

from ..amounts import format_amount
from ..findings import CellRef, Violation
from ..kernel import Verdict
from ..model import Source
from ..narrative.claims import Change, Claim, Figure
from ..rules import Rule
from .base import Context, verdict_fields

NARRATIVE = "说明"
AMOUNT, CHANGE, PRIOR, PERCENT, SHARE, COUNT = "金额", "增减", "上年数", "增减率", "占比", "数量"


BUDGET = "budget"
"""A change against last year's budget (比上年预算), the basis a change without its own words takes."""


def basis_words(ctx: Context, basis: str) -> str:
    """What a change is compared with, for a message: nothing for 上年预算, the usual basis."""
    return "" if basis == BUDGET else ctx.zh_en("（比上年预算执行数）", " (against last year's execution)")


def place(ctx: Context, source: Source) -> str:
    """Where a figure is, for a message: its line in a text input, its page in a PDF, its cell in a
    workbook."""
    if source.line is not None:
        return ctx.zh_en(f"第{source.line}行", f"line {source.line}")
    if source.cell is not None:
        return f"{source.sheet}!{source.cell}"
    return ctx.zh_en(f"第{source.page}页", f"page {source.page}")


def figure_ref(claim: Claim, role: str, figure: Figure) -> CellRef:
    return CellRef(
        table=NARRATIVE, row=claim.label, column=role, value=format_amount(figure.value), source=figure.source
    )


def change_ref(claim: Claim, change: Change) -> CellRef:
    signed = change.signed(change.amount.unit if change.amount else "万元")
    value = format_amount(signed.amount) if signed is not None else None
    return CellRef(table=NARRATIVE, row=claim.label, column=CHANGE, value=value, source=change.source)


def narrative_violation(
    rule: Rule,
    ctx: Context,
    claim: Claim,
    source: Source,
    column: str | None,
    verdict: Verdict | None,
    message: str,
    cells: list[CellRef],
    severity: str | None = None,
) -> Violation:
    """A violation at ``source`` (the line where the figure in question starts)."""
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=severity or _severity(rule, verdict),
        message=message,
        table=NARRATIVE,
        table_title=ctx.zh_en("情况说明", "narrative"),
        row=claim.label,
        row_label=claim.label,
        column=column,
        source=source,
        cells=cells,
        **verdict_fields(verdict),
    )


def _severity(rule: Rule, verdict: Verdict | None) -> str:
    """A rounding residue is info and a tie-rule residue a warning, whatever the rule's severity."""
    if verdict is not None and verdict.severity in {"info", "warning"}:
        return verdict.severity
    return rule.severity


def text_violation(rule: Rule, ctx: Context, source: Source, row: str, message: str) -> Violation:
    """A violation about the wording at ``source``, not about a figure."""
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        table=NARRATIVE,
        table_title=ctx.zh_en("情况说明", "narrative"),
        row=row,
        row_label=row,
        source=source,
    )


def once(
    run: Callable[[Rule, Context], Iterator[Violation]],
) -> Callable[[Rule, Context], Iterator[Violation]]:
    """A check kind whose violations are reported once each: the claims for 收入 and for 支出 read from
    "收、支预算总计各增加 X万元，增长 y%" share their figures, and a wrong y is one error."""

    @wraps(run)
    def unique(rule: Rule, ctx: Context) -> Iterator[Violation]:
        seen: set[tuple] = set()
        for found in run(rule, ctx):
            key = (found.source, found.message)
            if key not in seen:
                seen.add(key)
                yield found

    return unique

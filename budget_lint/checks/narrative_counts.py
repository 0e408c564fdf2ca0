"""The 三公 counts of the narrative (``test``): a count and its amount agree on whether anything was spent
(团组 0 个 beside 因公出国费 1.20万元, or 接待 2 批次 beside 公务接待费 0: ``cost``); and the counts agree
with one another (人次 ≥ 批次, 外宾 ≤ all: ``parts``). The amount is the 三公 table's (决算数), else the
narrative's."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..amounts import format_amount
from ..findings import CellRef, Violation
from ..narrative.claims import Claim
from ..narrative.counts import Count
from ..narrative.quantities import Quantities
from ..rules import Rule
from .base import Context, cell_ref, find_rows
from .narrative_base import AMOUNT, COUNT, NARRATIVE, narrative_violation

_NAMES = {"outbound": "因公出国（境）费", "reception": "公务接待费"}
_UNITS = {"outbound": "团组", "reception": "批次", "foreign": "外宾批次", "foreign_affairs": "外事接待批次"}


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    found = Quantities.of(ctx).narrative.counts
    if rule.params["test"] == "cost":
        yield from _cost(rule, ctx, found)
    else:
        yield from _parts(rule, ctx, found)


def _claim(count: Count) -> Claim:
    return Claim(
        subject=f"count:{count.item}", scope="all", label=count.text, source=count.source, sentence=0
    )


def _ref(count: Count) -> CellRef:
    return CellRef(table=NARRATIVE, row=count.text, column=COUNT, value=str(count.units), source=count.source)


def _cost(rule: Rule, ctx: Context, found: list[Count]) -> Iterator[Violation]:
    # 外事接待 beside 国内公务接待 (the central template): 公务接待费 may all have gone to the 外事 part
    foreign_affairs = any(c.item == "foreign_affairs" and c.units > 0 for c in found)
    for count in found:
        cost = _amount(ctx, count.item) if count.item in _NAMES else None
        if cost is None or (count.units > 0) == (cost[0] > 0):
            continue
        if count.item == "reception" and count.units == 0 and foreign_affairs:
            continue
        amount, unit, label, ref = cost
        message = ctx.zh_en(
            f"说明中「{count.text}」，而{label}为 {format_amount(amount)}{unit}",
            f"The narrative says {count.text}, but {label} is {format_amount(amount)} {unit}",
        )
        cells = [_ref(count), ref]
        yield narrative_violation(rule, ctx, _claim(count), count.source, COUNT, None, message, cells)


def _amount(ctx: Context, item: str) -> tuple[Decimal, str, str, CellRef] | None:
    """The item's outturn, its unit, its name and where it stands: the 三公 table's, else the
    narrative's own."""
    for kind in ("final_three_public", "three_public"):
        for table in ctx.tables(kind):
            column = table.column_index(item)
            rows = find_rows(table, "total") or table.rows
            if column is not None and len(rows) == 1 and rows[0].cells[column].printed:
                cell = rows[0].cells[column]
                label = f"{table.label}{_NAMES[item]}"
                return cell.amount, cell.unit or table.unit or "", label, cell_ref(table, rows[0], column)
    stated = Quantities.of(ctx).amount(item, "all")
    if stated is None:
        return None
    ref = CellRef(
        table=NARRATIVE,
        row=stated.claim.label,
        column=AMOUNT,
        value=format_amount(stated.figure.value),
        source=stated.figure.source,
    )
    return stated.cell.amount, "万元", stated.claim.label, ref


def _parts(rule: Rule, ctx: Context, found: list[Count]) -> Iterator[Violation]:
    reception = next((c for c in found if c.item == "reception"), None)
    for count in found:
        problems = []
        if count.persons is not None and count.persons < count.units:
            problems.append(
                ctx.zh_en(
                    f"人次 {count.persons} 少于{_UNITS[count.item]} {count.units}",
                    f"{count.persons} persons for {count.units} {_UNITS[count.item]}",
                )
            )
        if count.item == "foreign" and reception is not None:
            if count.units > reception.units or (
                count.persons is not None
                and reception.persons is not None
                and count.persons > reception.persons
            ):
                problems.append(
                    ctx.zh_en(
                        f"外宾多于全部接待（{reception.text}）",
                        f"more foreign guests than all receptions ({reception.text})",
                    )
                )
        for problem in problems:
            message = ctx.zh_en(
                f"说明中「{count.text}」：{problem}", f"The narrative's {count.text}: {problem}"
            )
            cells = [_ref(count)] + ([_ref(reception)] if count.item == "foreign" and reception else [])
            yield narrative_violation(rule, ctx, _claim(count), count.source, COUNT, None, message, cells)

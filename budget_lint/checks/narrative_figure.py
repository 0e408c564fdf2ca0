"""A figure of the narrative against the same figure in a table — 收入 and its sources, 支出 and its 类,
基本/项目支出, the 三公 items, 政府采购, the item paragraphs of 财政拨款支出主要内容 — compared across
precisions and units with interval semantics ("70万元" matches 70.00; "0.83万元" matches 8,265.00 元).
With ``op: le`` the narrative figure must not exceed the table's (the project money under performance
targets ≤ 项目支出).

``claims`` lists, per subject and scope, the table figures that state the same quantity, most direct
first; the first the document has is compared (with ``any: true``, the figure must equal one of those
the document has — an item paragraph of a department with other money may describe its 财政拨款 or all
of it — and the first is reported; with ``when``, only where that condition holds). A row selector may
be ``{code}``: the 类 code of a 类
claim, or the code of an item, printed or found by its 类/款/项 names in that table. ``unless`` lists
tables whose presence makes the rule moot: where a table prints 机关运行经费 (江苏's 机关运行经费表, 上海's
三公 table column) the narrative is compared with it, and its definition may reach beyond 公用经费 (江苏
2017 counted projects' running costs).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from ..amounts import format_amount
from ..findings import Violation
from ..kernel import check_equal, check_le
from ..model import Row, Table
from ..narrative.claims import Claim, Narrative
from ..narrative.quantities import Quantities
from ..recognise import CLASS_NAMES, squash
from ..rules import Rule
from .base import Context, cell_ref, holds
from .narrative_base import AMOUNT, figure_ref, narrative_violation, once


@once
def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    if not holds(ctx, params.get("when")) or any(_present(ctx, spec) for spec in params.get("unless", [])):
        return
    entries: dict[str, list[dict]] = {}  # by subject, in the rule's order
    for entry in params["claims"]:
        entries.setdefault(entry["subject"], []).append(entry)
    by_kind = Quantities.of(ctx).narrative.derive("narrative_figure claims", _money_claims)
    for _, claim in sorted(found for kind in entries for found in by_kind.get(kind, ())):  # in print order
        entry = next(
            (e for e in entries[claim.kind] if _in_scope(e, claim) and holds(ctx, e.get("when"))), None
        )
        if entry is None:
            continue
        figures = (f for spec in entry["figures"] if (f := _find(ctx, spec, claim)))
        found = list(figures) if entry.get("any") else list(islice(figures, 1))  # the first, unless any
        if not found:
            continue
        op = entry.get("op", "eq")
        narrative = claim.amount.cell()
        verdicts = [
            check_le(narrative, row.cells[column])
            if op == "le"
            else check_equal(narrative, row.cells[column], ctx.tolerance)
            for _, row, column in found
        ]
        if any(v.ok for v in verdicts):
            continue
        (table, row, column), verdict = found[0], verdicts[0]
        printed = row.cells[column]
        where = f"{table.label}「{row.code or row.label}」{table.columns[column].header}"
        value = format_amount(printed.amount)
        message = ctx.zh_en(
            f"说明中「{claim.label}」为 {claim.amount.text}，{'超过' if op == 'le' else '而'}{where} {value}",
            f"the narrative's '{claim.label}' is {claim.amount.text}, "
            f"{'more than' if op == 'le' else 'but'} {where} is {value}",
        )
        cells = [figure_ref(claim, AMOUNT, claim.amount), cell_ref(table, row, column)]
        yield narrative_violation(rule, ctx, claim, claim.amount.source, AMOUNT, verdict, message, cells)


def _money_claims(narrative: Narrative) -> dict[str, list[tuple[int, Claim]]]:
    """The claims that state an amount of money, by kind, each with its place in the narrative: each
    rule reads those of its own subjects, not every claim."""
    by_kind: dict[str, list[tuple[int, Claim]]] = {}
    for i, claim in enumerate(narrative.claims):
        if claim.amount is not None and claim.amount.money:
            by_kind.setdefault(claim.kind, []).append((i, claim))
    return by_kind


def _in_scope(entry: dict, claim: Claim) -> bool:
    scopes = entry.get("scope")
    return scopes is None or claim.scope in ([scopes] if isinstance(scopes, str) else scopes)


def _present(ctx: Context, spec: dict) -> bool:
    """A table of the spec's kind (with its column, if the spec names one) is in the document, read or not."""
    tables = ctx.tables(spec["kind"])
    return any("column" not in spec or table.column_index(spec["column"]) is not None for table in tables)


def _find(ctx: Context, spec: dict, claim: Claim | None) -> tuple[Table, Row, int] | None:
    """The single cell a spec names, or None."""
    selectors = spec.get("row", "total")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    for table in ctx.tables(spec["kind"], spec.get("side")):
        column = table.column_index(spec.get("column", "total"))
        if column is None:
            continue
        for selector in selectors:
            rows = _rows(ctx, table, selector, claim)
            if len(rows) == 1 and len(rows[0].cells) > column:
                return table, rows[0], column
    return None


def _rows(ctx: Context, table: Table, selector: str, claim: Claim | None) -> list[Row]:
    rows = ctx.rows(table)
    if selector != "{code}":
        return rows.find(selector)
    if claim is None:
        return []
    if claim.kind == "class":
        return rows.find(claim.subject.split(":")[1])
    code = claim.item_code or _code_by_names(ctx, table, claim.item_names)
    return rows.find(code) if code else []


def _code_by_names(ctx: Context, table: Table, names: tuple[str, ...]) -> str | None:
    """The code of the 款 or 项 named (类, 款, 项), found under its parents in ``table``; None unless
    exactly one row matches at each level."""
    if len(names) != 3 or not names[0] or not names[1]:
        return None
    class_code = CLASS_NAMES.get(names[0]) or CLASS_NAMES.get(names[0] + "支出")
    if class_code is None:
        return None
    code = class_code
    items = _items(ctx, table)
    for name, length in ((names[1], 5), (names[2], 7)):
        if not name:
            return code if length == 7 else None
        found = items.get((code, length, _name(name)), ())
        if len(found) != 1:
            return None
        code = next(iter(found))
    return code


def _items(ctx: Context, table: Table) -> dict[tuple[str, int, str], set[str]]:
    """The codes of the table's 款 and 项 rows by their parent's code, their length and their name;
    made once per context and table (every item paragraph looks its names up in it)."""
    key = ("narrative_figure items", id(table))
    if key not in ctx._cache:
        items: dict[tuple[str, int, str], set[str]] = {}
        for row in table.rows:
            if row.code and len(row.code) in (5, 7):
                parent = row.code[: len(row.code) - 2]
                items.setdefault((parent, len(row.code), _name(row.label)), set()).add(row.code)
        ctx._cache[key] = items
    return ctx._cache[key]


def _name(label: str) -> str:
    """A name as compared: squashed, its brackets full-width."""
    return squash(label).replace("(", "（").replace(")", "）")

"""What every check kind shares: the context it runs in, figure selection, and violation building."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ..amounts import format_amount
from ..findings import CellRef, Violation
from ..kernel import Tolerance, Verdict
from ..model import Cell, Document, Row, Table
from ..recognise import FISCAL_ROLES, FUNDING_ROLES
from ..rules import Rule

FUNDING_TABLES = ("income_expense_summary", "fiscal_summary")
"""The kinds of the tables whose income side ``Context.funding`` reads."""


@dataclass
class Context:
    document: Document
    lang: str = "zh"
    tolerance: Tolerance = Tolerance.HALF_UP
    previous: tuple[str, Document] | None = None
    """Last year's document of the same department and stage, with its path (cross-year runs only)."""
    errors_only: bool = False
    """Placement counts errors only: a check may then skip building its other findings (``skipped``)."""
    keys_only: bool = False
    """Placement compares findings by their keys only: a check may then yield ``finding_key`` instead."""
    _cache: dict = field(default_factory=dict)

    def zh_en(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def tables(self, kinds: str | list[str], side: str | None = None) -> list[Table]:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return [
            t
            for t in self.document.tables
            if t.kind in kinds and (side is None or t.side == side) and t.unread is None
        ]

    def funding(self) -> dict[str, Decimal] | None:
        """The department's money by source, from its summary tables' income side (None if absent)."""
        if "funding" not in self._cache:
            found: dict[str, Decimal] | None = None
            for kind in FUNDING_TABLES:
                for table in self.tables(kind, "income"):
                    if any(r.role is None and any(c.amount for c in r.cells) for r in table.rows):
                        continue  # a source the reader could not name: the split is unknown
                    found = found or {}
                    for row in table.rows:
                        if row.role in FUNDING_ROLES and row.cells:
                            found[row.role] = found.get(row.role, Decimal(0)) + row.cells[0].amount
                if found is not None:
                    break
            if found is not None and "fiscal_income" not in found:
                found["fiscal_income"] = sum((found.get(r, Decimal(0)) for r in FISCAL_ROLES), Decimal(0))
            self._cache["funding"] = found
        return self._cache["funding"]

    def only_funded_by(self, roles: set[str]) -> bool:
        """True when the department has no money from sources outside ``roles`` (then twin tables such
        as 一般公共预算支出表 and 部门支出总表 must match). 财政拨款收入 is the subtotal of the three
        fiscal funds; printed without its split, it cannot tell which fund the money is."""
        funding = self.funding()
        if funding is None:
            return False
        leaves = {role: value for role, value in funding.items() if role != "fiscal_income"}
        outside = all(value == 0 for role, value in leaves.items() if role not in roles)
        if funding.get("fiscal_income") and not any(leaves.get(role) for role in FISCAL_ROLES):
            return outside and set(FISCAL_ROLES) <= roles
        return outside


def row_key(row: Row) -> str:
    return row.code or row.label or "合计"


def cell_ref(table: Table, row: Row, column: int) -> CellRef:
    cell = row.cells[column]
    value = cell.value
    return CellRef(
        table=table.label,
        row=row.code or row.label or "合计",  # row_key, inlined: a long table's sums read every row
        column=table.columns[column].header,
        value=None if value is None else format_amount(value),
        source=cell.source,
        label=row.label,
    )


def amount_text(cell: Cell) -> str:
    return format_amount(cell.value) if cell.printed else "0"


def violation(
    rule: Rule,
    ctx: Context,
    table: Table,
    row: Row,
    column: int | None,
    verdict: Verdict | None,
    message: str,
    cells: list[CellRef],
    severity: str | None = None,
) -> Violation:
    """A violation located at the reported cell (``column``) of ``row``; the engine may move its source to
    the culprit cell when the evidence says which one is wrong."""
    source = row.cells[column].source if column is not None and row.cells else row.source
    if source.line is None and source.page is None and source.cell is None:
        source = row.source
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=_severity(rule, verdict, severity),
        message=message,
        table=table.label,
        table_title=table.title,
        row=row_key(row),
        row_label=row.label,
        column=table.columns[column].header if column is not None else None,
        source=source,
        cells=cells,
        **verdict_fields(verdict),
    )


class FindingKey(NamedTuple):
    """What placement compares of a finding (see ``Context.keys_only``)."""

    code: str
    table: str
    row: str
    column: str | None
    severity: str


def finding_key(
    rule: Rule, table: Table, row: Row, column: int | None, verdict: Verdict | None
) -> FindingKey:
    """The key of the finding ``violation`` would build from the same arguments."""
    header = table.columns[column].header if column is not None else None
    return FindingKey(rule.code, table.label, row_key(row), header, _severity(rule, verdict, None))


def stand_in(
    rule: Rule, ctx: Context, table: Table, row: Row, column: int | None, verdict: Verdict | None
) -> object | None:
    """What a check yields instead of the finding ``violation`` would build from the same arguments,
    when placement only counts errors (``COUNTED_ERROR``) or compares keys (``finding_key``); None when
    the finding is to be built."""
    if ctx.errors_only:
        return COUNTED_ERROR
    if ctx.keys_only:
        return finding_key(rule, table, row, column, verdict)
    return None


def verdict_fields(verdict: Verdict | None) -> dict[str, str | None]:
    """Reported, computed, difference and tolerance of a violation, as decimal strings."""
    keys = ("reported", "computed", "difference", "tolerance")
    if verdict is None:
        return dict.fromkeys(keys)
    values = (verdict.reported, verdict.computed, verdict.difference, verdict.tolerance)
    return {key: format_amount(value) for key, value in zip(keys, values, strict=True)}


def skipped(ctx: Context, rule: Rule, verdict: Verdict | None) -> bool:
    """True when the finding of ``verdict`` need not be built: it is not an error and only errors are
    counted."""
    return ctx.errors_only and _severity(rule, verdict, None) != "error"


class _CountedError:
    """What a check may yield for an error instead of building it, when only errors are counted."""

    severity = "error"


COUNTED_ERROR = _CountedError()


def _severity(rule: Rule, verdict: Verdict | None, severity: str | None) -> str:
    """A rounding residue is info and a tie-rule residue a warning, whatever the rule's severity;
    a real break takes the rule's severity."""
    if severity:
        return severity
    if verdict is not None and verdict.severity in {"info", "warning"}:
        return verdict.severity
    return rule.severity


def sum_message(ctx: Context, what: str, verdict: Verdict) -> str:
    kind = ctx.zh_en("尾差", "rounding residue") if verdict.severity == "info" else ""
    zh = (
        f"{what}：填报 {format_amount(verdict.reported)}，计算 {format_amount(verdict.computed)}，"
        f"差 {format_amount(verdict.difference)}（容差 {format_amount(verdict.tolerance)}）{kind}"
    )
    en = (
        f"{what}: reported {format_amount(verdict.reported)}, computed {format_amount(verdict.computed)}, "
        f"difference {format_amount(verdict.difference)} (tolerance {format_amount(verdict.tolerance)})"
        f"{' ' + kind if kind else ''}"
    )
    return ctx.zh_en(zh, en)


def find_rows(table: Table, selector: str) -> list[Row]:
    """Rows by a selector: a row role (``income_total``), ``classes`` (the 类 rows), ``sources`` (the
    funding-source rows), or a subject code (``30217``)."""
    if selector == "classes":
        return [r for r in table.rows if r.code and len(r.code) == 3]
    if selector == "sources":
        rows = [r for r in table.rows if r.role in FUNDING_ROLES]
        if any(r.role in FISCAL_ROLES for r in rows):  # 财政拨款收入 is then their subtotal
            rows = [r for r in rows if r.role != "fiscal_income"]
        return rows
    if selector.isdigit():
        return [r for r in table.rows if r.code == selector]
    return [r for r in table.rows if r.role == selector]


def holds(ctx: Context, condition: str | None) -> bool:
    """Conditions under which a cross-table rule applies."""
    if condition is None:
        return True
    if condition == "only_general_budget":
        return ctx.only_funded_by({"general_budget"})
    if condition == "only_fiscal":
        return ctx.only_funded_by({"general_budget", "gov_fund", "state_capital"})
    if condition == "fiscal_is_general_budget":  # 财政拨款 printed equal to its 一般公共预算 part
        funding = ctx.funding() or {}
        fiscal, general = funding.get("fiscal_income"), funding.get("general_budget")
        return fiscal is not None and general is not None and fiscal == general
    if condition == "not_only_fiscal":  # money from other sources too, known from the summary tables
        return ctx.funding() is not None and not ctx.only_funded_by(
            {"general_budget", "gov_fund", "state_capital"}
        )
    if condition == "no_carry_over":
        return not any(
            row.cells[i].amount
            for table in ctx.tables("income")
            for i in [i for i, column in enumerate(table.columns) if column.role == "carry_over"]
            for row in table.rows
            if i < len(row.cells)
        )
    raise ValueError(f"unknown condition {condition!r}")


def condition_tables(ctx: Context, condition: str | None) -> list[Table]:
    """The tables whose cells ``holds(ctx, condition)`` may read."""
    if condition is None:
        return []
    return ctx.tables(FUNDING_TABLES, "income") + ctx.tables("income")


@dataclass(slots=True)
class Part:
    """One independent part of a split check (``units``) with every row whose cells it may read, known
    before it runs: placement need not run it to learn which rows it reads."""

    run: Callable[[Context], Iterator[Violation]]
    rows: tuple[Row, ...]

    def __call__(self, ctx: Context) -> Iterator[Violation]:
        return self.run(ctx)

"""What every check kind shares: the context it runs in, figure selection, and violation building."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from ..amounts import format_amount
from ..findings import CellRef, Violation
from ..kernel import Tolerance, Verdict
from ..model import Cell, Document, Row, Table
from ..recognise import FISCAL_ROLES, FUNDING_ROLES, parent_code
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
    dropped: Callable[[Table, Iterable[Row]], bool] | None = None
    """Set by the engine for the checks it reports: whether it will drop a finding computed from these rows
    of the table as resting on too many guessed placements (``engine._settled``); a check may then yield
    the finding's key (``stand_in``)."""
    indexes: dict[int, TableRows] = field(default_factory=dict)
    """The tables' row indexes (``rows``) by table id. Rows keep their codes, labels and roles once read,
    so every context a document is checked in may share them (placement's many and the checks')."""
    _cache: dict = field(default_factory=dict)

    def zh_en(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def tables(self, kinds: str | list[str], side: str | None = None) -> list[Table]:
        """The tables of ``kinds`` (and ``side``) that were read, in document order."""
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        key = ("tables", kinds, side)
        if key not in self._cache:  # about a hundred rules ask, each for a few kinds
            self._cache[key] = [
                t
                for t in self.document.tables
                if t.kind in kinds and (side is None or t.side == side) and t.unread is None
            ]
        return list(self._cache[key])

    def rows(self, table: Table) -> TableRows:
        """``table``'s rows indexed by what the checks select them by, built once per document."""
        key = id(table)
        if key not in self.indexes:
            self.indexes[key] = TableRows(table)
        return self.indexes[key]

    def funding(self) -> dict[str, Decimal] | None:
        """The department's money by source, from its summary tables' income side (None if absent).
        From the 财政拨款收支总表 alone it holds the fiscal sources only (``knows_source``)."""
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
                    self._cache["funding_from"] = kind
                    break
            if found is not None and "fiscal_income" not in found:
                found["fiscal_income"] = sum((found.get(r, Decimal(0)) for r in FISCAL_ROLES), Decimal(0))
            self._cache["funding"] = found
        return self._cache["funding"]

    def knows_source(self, role: str) -> bool:
        """Whether ``funding()`` tells the department's money from ``role``: the 部门收支总表 lists every
        source, the 财政拨款收支总表 only the fiscal ones (事业收入 and the others cannot be in it)."""
        if self.funding() is None:
            return False
        return self._cache["funding_from"] != "fiscal_summary" or role in _FISCAL_SOURCES

    def only_funded_by(self, roles: set[str]) -> bool:
        """True when the department has no money from sources outside ``roles`` (then twin tables such
        as 一般公共预算支出表 and 部门支出总表 must match). 财政拨款收入 is the subtotal of the three
        fiscal funds; printed without its split, it cannot tell which fund the money is."""
        funding = self.funding()
        if funding is None or not all(self.knows_source(r) for r in FUNDING_ROLES if r not in roles):
            return False
        leaves = {role: value for role, value in funding.items() if role != "fiscal_income"}
        outside = all(value == 0 for role, value in leaves.items() if role not in roles)
        if funding.get("fiscal_income") and not any(leaves.get(role) for role in FISCAL_ROLES):
            return outside and set(FISCAL_ROLES) <= roles
        return outside


_FISCAL_SOURCES = frozenset({"fiscal_income", *FISCAL_ROLES})


class TableRows:
    """A table's rows by code, by selector and under their parent, each index made when first asked
    for: a check that looked through a long table per rule for the few rows it reads would pay for
    every row each time. Placement moves cells between rows but never changes a row's code, label or
    role, so the indexes hold for the whole document. They never hold what cells say: placement
    watches which cells each check reads."""

    def __init__(self, table: Table):
        self.table = table
        self._selected: dict[str, list[Row]] = {}
        self._levels: dict[tuple[int, ...] | None, dict[str, Row]] = {}

    @cached_property
    def coded(self) -> dict[str, Row]:
        """The coded rows by code (the last of a code, as ``Table.coded_rows``)."""
        return self.table.coded_rows()

    @cached_property
    def total(self) -> Row | None:
        return self.table.total_row()

    @cached_property
    def children(self) -> dict[str | None, list[Row]]:
        """``children_by_parent``."""
        return children_by_parent(self.table, self.coded)

    def at_levels(self, levels: list[int] | None) -> dict[str, Row]:
        """The coded rows of ``levels`` (all when None) by code."""
        key = None if levels is None else tuple(levels)
        if key not in self._levels:
            coded = self.coded.items()
            self._levels[key] = {code: row for code, row in coded if key is None or row.level in key}
        return self._levels[key]

    @cached_property
    def uncoded(self) -> dict[str, Row]:
        """The rows whose code was printed malformed (BL003), the first of each name: the subject a
        twin row of that name is about is there, its code unreadable (``table_match``)."""
        found: dict[str, Row] = {}
        for row in self.table.rows:
            if row.code is None and row.role is None:
                found.setdefault(row.label, row)
        return found

    def find(self, selector: str) -> list[Row]:
        """``find_rows(table, selector)``, the list shared: not to be changed."""
        if selector not in self._selected:
            self._selected[selector] = find_rows(self.table, selector)
        return self._selected[selector]


def children_by_parent(table: Table, codes: dict[str, Row] | None = None) -> dict[str | None, list[Row]]:
    """Coded rows grouped under their parent's code; the 类 rows under None (the total row).
    ``codes``: the table's ``coded_rows()``, when already made."""
    codes = table.coded_rows() if codes is None else codes
    groups: dict[str | None, list[Row]] = {}
    for row in table.rows:
        if not row.code:
            continue
        parent = parent_code(row.code)
        if parent is None and len(row.code) == 3:
            groups.setdefault(None, []).append(row)
        elif parent in codes:
            groups.setdefault(parent, []).append(row)
    return groups


def row_key(row: Row) -> str:
    return row.code or row.label or "合计"


def cell_ref(table: Table, row: Row, column: int) -> CellRef:
    return _ref(table.label, table.columns[column].header, row, row.cells[column])


def cell_refs(table: Table, rows: list[Row], column: int) -> list[CellRef]:
    """``cell_ref`` of each of ``rows`` in one ``column``: a parent's sum reads its children by the hundred,
    each finding on a long table's 款 as many again."""
    label, header = table.label, table.columns[column].header
    return [_ref(label, header, row, row.cells[column]) for row in rows]


def _ref(label: str, header: str, row: Row, cell: Cell) -> CellRef:
    value = cell.value
    # The fields in their order, not by name: a long table's checks build these by the hundred thousand.
    amount = None if value is None else format_amount(value)
    return CellRef(label, row_key(row), header, amount, cell.source, row.label)


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
    # The fields in their order, not by name: a long table's checks build these by the hundred thousand.
    return Violation(
        rule.code,
        rule.name,
        _severity(rule, verdict, severity),
        message,
        table.label,
        table.title,
        row_key(row),
        row.label,
        table.columns[column].header if column is not None else None,
        *_verdict_values(verdict),
        source,
        cells,
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
    rule: Rule,
    ctx: Context,
    table: Table,
    row: Row,
    column: int | None,
    verdict: Verdict | None,
    rows: Iterable[Row] = (),
) -> object | None:
    """What a check yields instead of the finding ``violation`` would build from the same arguments,
    when placement only counts errors (``COUNTED_ERROR``) or compares keys (``finding_key``), or the
    engine will drop the finding computed from ``rows`` (``Context.dropped``: its key); None when the
    finding is to be built."""
    if ctx.errors_only:
        return COUNTED_ERROR
    if ctx.keys_only or (ctx.dropped is not None and ctx.dropped(table, rows)):
        return finding_key(rule, table, row, column, verdict)
    return None


def verdict_fields(verdict: Verdict | None) -> dict[str, str | None]:
    """Reported, computed, difference and tolerance of a violation, as decimal strings."""
    keys = ("reported", "computed", "difference", "tolerance")
    return dict(zip(keys, _verdict_values(verdict), strict=True))


_NO_VERDICT = (None, None, None, None)


def _verdict_values(verdict: Verdict | None) -> tuple[str | None, ...]:
    """``verdict_fields``' values, in their order."""
    if verdict is None:
        return _NO_VERDICT
    values = (verdict.reported, verdict.computed, verdict.difference, verdict.tolerance)
    return tuple(map(format_amount, values))


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
        return all(map(ctx.knows_source, FUNDING_ROLES)) and not ctx.only_funded_by(
            {"general_budget", "gov_fund", "state_capital"}
        )
    if condition == "other_income_is_other_funds":  # 其他资金 (all but the fiscal grants) is 其他收入 alone
        return ctx.only_funded_by({*FISCAL_ROLES, "other_income"})
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

"""The narrative's claims grouped by the quantity they are about.

Two claims are about the same quantity when they name the same subject in the same scope: "基本支出" in
"其中：基本支出 2,935.68万元" after "一般公共预算财政拨款支出…" is the 一般公共预算 basic spending. The scopes
``all`` (the department's money), ``fiscal`` (财政拨款) and ``general_budget`` are the same quantity when
the document says so:

* for amounts, when the tables show the department has only that money, or when the narrative gives more
  quantities alike than different in both scopes (收入 4,683.96 and 一般公共预算收入 4,683.96);
* for changes, when moreover the narrative gives more changes alike than different in both scopes (so the
  prior year's money was all of that kind too): a single misprinted change does not undo the evidence.

The first statement of a quantity is the one identities use; later statements must agree with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from ..kernel import check_equal
from ..model import Cell
from .claims import Change, Claim, Figure, Narrative, read_narrative

UNIT = "万元"
"""Narrative figures are compared with each other in 万元."""
FUND_SCOPES = ("all", "fiscal", "general_budget")


@dataclass(frozen=True)
class Stated:
    """One statement of an amount: the claim and the figure (its amount or a restatement)."""

    claim: Claim
    figure: Figure

    @property
    def cell(self) -> Cell:
        return self.figure.cell(UNIT)


@dataclass(frozen=True)
class StatedChange:
    claim: Claim
    change: Change

    @property
    def cell(self) -> Cell | None:
        return self.change.signed(UNIT)


class Quantities:
    """The narrative's claims by quantity, for one context: a view of what ``_grouped`` works out once
    for the narrative (kept in ``Narrative.quantities``, which holds nothing that holds the narrative:
    no cycle for the collector to find when the narrative is let go)."""

    def __init__(self, narrative: Narrative, grouped: tuple[dict, dict, dict, dict]):
        self.narrative = narrative
        self.amount_scope, self.change_scope, self.amounts, self.changes = grouped

    @classmethod
    def of(cls, ctx) -> Quantities:
        if "narrative" not in ctx._cache:
            narrative = read_narrative(ctx.document.narrative, ctx.document.year, ctx.document.stage)
            flags = (
                ctx.only_funded_by({"general_budget"}),
                ctx.only_funded_by({"general_budget", "gov_fund", "state_capital"}),
            )
            # A pure function of the (cached) narrative and the two flags: worked out once, not per
            # context (placement makes a context per placement it tries).
            if flags not in narrative.quantities:
                narrative.quantities[flags] = _grouped(narrative.claims, *flags)
            ctx._cache["narrative"] = cls(narrative, narrative.quantities[flags])
        return ctx._cache["narrative"]

    def amount_key(self, claim: Claim) -> tuple[str, str]:
        return _key(claim, self.amount_scope)

    def amount(self, subject: str, scope: str) -> Stated | None:
        """The first statement of a quantity's amount."""
        stated = self.amounts.get((subject, self.amount_scope.get(scope, scope)))
        return stated[0] if stated else None

    def change(self, subject: str, scope: str, basis: str = "budget") -> StatedChange | None:
        """The first statement of a quantity's change that gives a figure (or 持平)."""
        key = (subject, self.change_scope.get(scope, scope), basis)
        return next((s for s in self.changes.get(key, []) if s.cell is not None), None)


def _grouped(
    claims: list[Claim], only_general_budget: bool, only_fiscal: bool
) -> tuple[dict, dict, dict, dict]:
    """The scopes merged for amounts and for changes (``_merged_scopes``), and the statements of each
    quantity's amount and of its changes, in print order."""
    amount_scope, change_scope = _merged_scopes(claims, only_general_budget, only_fiscal)
    amounts: dict[tuple[str, str], list[Stated]] = defaultdict(list)
    changes: dict[tuple[str, str, str], list[StatedChange]] = defaultdict(list)
    for claim in claims:
        for figure in ([claim.amount] if claim.amount else []) + claim.restated:
            amounts[_key(claim, amount_scope)].append(Stated(claim, figure))
        for change in claim.changes:
            changes[(*_key(claim, change_scope), change.basis)].append(StatedChange(claim, change))
    return amount_scope, change_scope, amounts, changes


def _key(claim: Claim, scopes: dict) -> tuple[str, str]:
    """The quantity a claim is about: its subject, in the widest of the ``scopes`` its own is merged into."""
    return claim.subject, scopes.get(claim.scope, claim.scope)


def _merged_scopes(claims: list[Claim], only_general_budget: bool, only_fiscal: bool) -> tuple[dict, dict]:
    """Each of all/fiscal/general_budget mapped to the widest scope the document shows it equal to, for
    amounts and for changes."""
    pairs = list(combinations(FUND_SCOPES, 2))
    given = set(pairs) if only_general_budget else {("all", "fiscal")} if only_fiscal else set()
    amounts = _stated(claims, _amount_cell)
    same = {pair for pair in pairs if pair in given or _agree(amounts, *pair)}
    changes = _stated(claims, _change_cell) if same else {}
    return _widest(same), _widest({pair for pair in same if _agree(changes, *pair)})


def _stated(claims: list[Claim], cell: Callable[[Claim], Cell | None]) -> dict[str, list[tuple[str, Cell]]]:
    """Each fund scope's claims that state a figure (``cell``), as (subject, figure) in print order:
    sorted out once, not again for every pair of scopes."""
    by_scope: dict[str, list[tuple[str, Cell]]] = {scope: [] for scope in FUND_SCOPES}
    for claim in claims:
        if claim.scope in by_scope and (found := cell(claim)) is not None:
            by_scope[claim.scope].append((claim.subject, found))
    return by_scope


def _widest(same: set[tuple[str, str]]) -> dict:
    groups = [{scope} for scope in FUND_SCOPES]
    for a, b in same:
        first = next(g for g in groups if a in g)
        second = next(g for g in groups if b in g)
        if first is not second:
            first |= second
            groups.remove(second)
    return {scope: next(w for w in FUND_SCOPES if w in group) for group in groups for scope in group}


def _agree(stated: dict[str, list[tuple[str, Cell]]], a: str, b: str) -> bool:
    """The narrative states quantities in both scopes ``a`` and ``b``, and more of them agree than not
    (one misprinted figure does not hide that the two scopes are the same money)."""
    in_b: dict[str, list[Cell]] = defaultdict(list)
    for subject, found in stated.get(b, ()):
        in_b[subject].append(found)
    agree = disagree = 0
    for subject, first in stated.get(a, ()):
        for second in in_b.get(subject, ()):
            if check_equal(first, second).ok:
                agree += 1
            else:
                disagree += 1
    return agree > disagree


def _amount_cell(claim: Claim) -> Cell | None:
    return claim.amount.cell(UNIT) if claim.amount else None


def _change_cell(claim: Claim) -> Cell | None:
    return next((cell for c in claim.changes if c.basis == "budget" and (cell := c.signed(UNIT))), None)

"""The parameters each check kind takes, as pydantic models registered by kind (yamllint's ``CONF``):
a rule pack naming an unknown check kind, an unknown or missing parameter, a table kind or a role the
vocabulary does not have is refused when it is loaded (``rules.load_pack``), never left to do nothing.

Table kinds and roles are checked against the vocabulary the readers recognise (``vocabulary``); narrative
subjects and scopes are the narrative reader's own words and are checked only for their type.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SELECTORS = {"classes", "sources"}
"""Row selectors besides row roles and subject codes (``base.find_rows``)."""
CONDITIONS = Literal[
    "only_general_budget",
    "only_fiscal",
    "fiscal_is_general_budget",
    "not_only_fiscal",
    "no_carry_over",
    "other_income_is_other_funds",
]
"""The conditions of ``base.holds``."""


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(table kinds, roles): every kind of the table vocabulary (rules/vocabulary/), every column and row
    role a reader gives, with the suffixes of a kind's sub-columns (total@budget)."""
    from .. import recognise

    kinds = set(recognise.KINDS)
    base = {spec.role for spec in recognise.VOCABULARY.columns + recognise.VOCABULARY.rows}
    base |= {role for role, _ in recognise.ITEM_COLUMN_PATTERNS}
    base |= {role for spec in recognise.VOCABULARY.kinds for role in spec.columns + spec.expense_columns}
    base |= {role for spec in recognise.VOCABULARY.kinds for order in spec.column_orders for role in order}
    base |= set(recognise.FUNDING_ROLES) | set(recognise.ITEM_HEADERS)
    from ..readers.performance import PROJECT_MONEY

    # the performance reader's (readers/performance.py)
    base |= {"indicator", "department_total", "weight", "project"} | {role for _, role, _ in PROJECT_MONEY}
    suffixes = {s for spec in recognise.VOCABULARY.kinds for s in spec.sub_columns.values() if s}
    roles = base | {role + suffix for role in base for suffix in suffixes}
    return frozenset(kinds), frozenset(roles)


def _kind(value: str) -> str:
    if value not in vocabulary()[0]:
        raise ValueError(f"unknown table kind '{value}'")
    return value


def _role(value: str) -> str:
    known = value in vocabulary()[1] or value in SELECTORS
    if not known and not re.fullmatch(r"\d{3,7}|\{code\}", value):  # a subject code, or the claim's
        raise ValueError(f"unknown role '{value}'")
    return value


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    return value


def _signed_role(value: str) -> str:
    _role(value.removeprefix("-"))  # -prior_year: subtracted
    return value


Kind = Annotated[str, AfterValidator(_kind)]
Role = Annotated[str, AfterValidator(_role)]
SignedRole = Annotated[str, AfterValidator(_signed_role)]
Regex = Annotated[str, AfterValidator(_regex)]
Side = Literal["income", "expense"]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


class Kinds(Params):
    kinds: list[Kind] = Field(min_length=1)


class Figure(Params):
    """One cell: a table kind (and side), a row selector or several tried in turn, a column role."""

    kind: Kind
    side: Side | None = None
    row: Role | list[Role] = "total"
    column: Role = "total"
    label: Regex | None = None


class TableSpec(Params):
    kind: Kind
    side: Side | None = None


class Cells(Params):
    """Cells of the tables of a kind: a row selector and a column role narrow them."""

    kind: Kind
    side: Side | None = None
    row: Role | None = None
    column: Role | None = None


class TreeSum(Kinds):
    pass


class RowIdentity(Kinds):
    side: Side | None = None
    total: Role
    parts: list[SignedRole] | Literal["rest"]
    exclude: list[Role] = []
    requires: list[Role] = []
    unless: list[Role] = []


class FigureSum(Kinds):
    side: Side | None = None
    total: Role
    parts: list[Role] | list[list[Role]]
    """Selectors, or alternatives of selectors (the first whose first selector finds rows)."""
    columns: list[Role] | None = None


class FigureCompare(Params):
    left: Figure
    plus: list[Figure] = []
    """Figures added to ``left`` (人员经费合计 + 公用经费合计 = 基本支出): compared as a sum."""
    right: Figure
    op: Literal["eq", "le"] = "eq"
    when: CONDITIONS | None = None


class TableMatch(Params):
    left: TableSpec
    right: TableSpec
    columns: list[tuple[Role, Role]] = Field(min_length=1)
    levels: list[Literal[1, 2, 3]] | None = None
    totals: bool = True
    when: CONDITIONS | None = None


class EmptyTable(Kinds):
    mode: Literal["note", "zero", "narrative"] = "note"
    zero: list[Cells] = []
    scope: Literal["gov_fund", "state_capital"] | None = None
    """mode narrative: the fund whose amounts the narrative must not state."""

    @model_validator(mode="after")
    def _scope_given(self):
        if self.mode == "narrative" and self.scope is None:
            raise ValueError("mode: narrative needs scope")
        return self


class Ratio(Kinds):
    rate: Role
    numerator: Role
    denominator: Role


class ConstantSum(Kinds):
    rows: Role
    column: Role
    equals: int


class ZeroCell(Kinds):
    code: Regex
    label: Regex
    column: Role


class Claim(Params):
    subject: str
    scope: str | list[str] | None = None
    op: Literal["eq", "le"] = "eq"
    any: bool = False
    """The claim holds when it matches any one of its figures (not the first found)."""
    when: CONDITIONS | None = None
    """The claim is compared only when this holds (``base.holds``)."""
    figures: list[Figure] = Field(min_length=1)


class NarrativeTables(Params):
    subject: str
    kind: Kind
    row: Role
    columns: list[Role] = Field(min_length=1)
    """Tried in turn in each table: the first it prints is its figure."""
    fiscal_columns: list[Role] = Field(min_length=1)
    """The same, where the narrative's phrase names 财政拨款 (the fiscal part only)."""


class Present(Params):
    kind: Kind
    column: Role | None = None


class NarrativeFigure(Params):
    claims: list[Claim] = Field(min_length=1)
    unless: list[Present] = []
    when: CONDITIONS | None = None


class Split(Params):
    total: str
    parts: list[str] = Field(min_length=1)
    exhaustive: bool = False


class NarrativeSum(Params):
    what: Literal["amount", "change", "item_change"]
    splits: list[Split] = []
    when: Literal["budget"] | None = None

    @model_validator(mode="after")
    def _splits_given(self):
        if self.what != "item_change" and not self.splits:
            raise ValueError(f"what: {self.what} needs splits")
        return self


class NarrativeChange(Params):
    test: Literal["arithmetic", "direction", "negative_prior"]


class NarrativePercent(Params):
    test: Literal["rate", "zero_base"]


class NarrativeShare(Params):
    test: Literal["share", "sum"]
    parts: dict[str, list[str]] = {}


class NarrativeTableNote(Params):
    test: Literal["other_table", "says_empty"]


class NarrativeText(Params):
    test: Literal[
        "doubled_punctuation",
        "doubled_unit",
        "empty_reason",
        "outdated_class",
        "rate_without_percent",
        "unpaired_quotes",
        "reason_direction",
        "level_label",
        "department_wording",
        "project_period",
        "placeholder",
        "heading_year",
        "repeated_paragraph",
    ]
    since: int | None = None


class NarrativeExecution(Params):
    test: Literal["rate", "direction", "table_rate"]
    kind: Kind | None = None
    """test table_rate: the table holding the budgets."""
    budgets: dict[str, Role] = {}
    """test table_rate: the column (role) of each narrative subject's budget in ``kind``."""


class NarrativeCounts(Params):
    test: Literal["cost", "parts"]


class Catalogue(Params):
    mode: Literal["unknown", "name", "running"]


class NarrativeVehicles(Params):
    test: Literal["purchase_cost", "sum"]


PARAMS: dict[str, type[Params]] = {
    "read_finding": NoParams,
    "tree_sum": TreeSum,
    "row_identity": RowIdentity,
    "figure_sum": FigureSum,
    "figure_compare": FigureCompare,
    "table_match": TableMatch,
    "empty_table": EmptyTable,
    "contents": NoParams,
    "narrative_counts": NarrativeCounts,
    "code_names": NoParams,
    "ratio": Ratio,
    "constant_sum": ConstantSum,
    "zero_cell": ZeroCell,
    "outdated_names": NoParams,
    "narrative_figure": NarrativeFigure,
    "narrative_restated": NoParams,
    "narrative_tables": NarrativeTables,
    "narrative_change": NarrativeChange,
    "narrative_sum": NarrativeSum,
    "narrative_percent": NarrativePercent,
    "narrative_share": NarrativeShare,
    "narrative_year": NoParams,
    "narrative_vehicles": NarrativeVehicles,
    "narrative_table_note": NarrativeTableNote,
    "narrative_text": NarrativeText,
    "narrative_execution": NarrativeExecution,
    "catalogue": Catalogue,
    "previous_year": NoParams,
    "previous_year_table": NoParams,
    "compare": NoParams,
}
"""Every check kind a rule may name, with its parameters. ``read_finding`` rules report what a reader
found (BL0xx), ``compare`` rules what ``budget-lint compare`` finds (compare.py); the others are the
modules of ``checks``."""


def problem(check: str, params: dict) -> str | None:
    """Why a rule's check kind or parameters cannot work (one line), or None."""
    from pydantic import ValidationError

    model = PARAMS.get(check)
    if model is None:
        return f"unknown check kind '{check}' (one of {', '.join(sorted(PARAMS))})"
    try:
        model.model_validate(params)
    except ValidationError as exc:
        # a misspelt parameter is also a missing one: name the misspelling
        error = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        where = ".".join(str(part) for part in ("params", *error["loc"]))
        if error["type"] == "extra_forbidden":
            return f"{where}: unknown parameter of {check}"
        return f"{where}: {error['msg'].removeprefix('Value error, ')}"
    return None

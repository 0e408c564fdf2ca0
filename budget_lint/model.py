"""The document model every reader produces and every check reads.

A document is a narrative plus tables; a table is columns plus rows; a row is a subject code, a label and
one cell per amount column. Every cell, row and narrative line keeps its source so that a violation can
point at the place to fix.

The many small parts (Source, Cell, Row, NarrativeLine, ReadFinding) are slotted dataclasses: a long
table has hundreds of thousands of them, and placement moves cells between rows, so they are validated
neither on construction nor on assignment. pydantic still validates them where a model comes from
outside, as fields of ``Document`` (``model_file``), and writes them in the JSON report and schemas.
"""

from __future__ import annotations

import copyreg
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, with_config

_ZERO = Decimal(0)
Stage = Literal["预算", "决算"]
Side = Literal["income", "expense"]
_T = TypeVar("_T")


def pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle a slotted dataclass as its constructor's arguments: a quarter smaller and a third faster
    than its default state (a document is pickled whole for the cross-year pairing, ``previous_year``).
    Registered with ``copyreg`` rather than as ``__reduce__``: the pickler then calls the reducer
    directly, not through ``object.__reduce_ex__`` (a fifth of the cost of pickling a document)."""
    values = attrgetter(*cls.__slots__)
    copyreg.pickle(cls, lambda self: (cls, values(self)))
    return cls


# Hashable by its fields and never changed once made, but not ``frozen``: a frozen dataclass sets each
# field through ``object.__setattr__``, which made a Source cost twice as much (one a line read).
@with_config(ConfigDict(json_schema_serialization_defaults_required=True))
@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)
class Source:
    """Where something was read: a line of a text input, a page of a PDF, a cell of a workbook."""

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None


@pickled_by_fields
@dataclass(slots=True)
class Cell:
    """One amount. ``value`` is None for a blank cell (an exact zero that was not printed).

    ``decimals`` is the number of decimals as printed; it defines the rounding interval of the figure.
    A printed dash or a blank carries ``decimals=None``: an exact zero.
    """

    value: Decimal | None = None
    decimals: int | None = None
    text: str = ""
    unit: str | None = None
    """元, 万元 or 亿元: the unit of the table or sentence the figure was printed in."""
    source: Source = field(default_factory=Source)

    @property
    def amount(self) -> Decimal:
        return self.value if self.value is not None else _ZERO

    @property
    def printed(self) -> bool:
        return self.value is not None


class Column(BaseModel):
    """An amount column: its header as printed and the role recognised from it (None when unknown)."""

    header: str
    role: str | None = None


@pickled_by_fields
@dataclass(slots=True)
class Row:
    code: str | None = None
    label: str = ""
    role: str | None = None
    cells: list[Cell] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    printed: list[Cell] = field(default_factory=list, repr=False)
    """The row's amounts in the order they were read, for re-placing them (see ``candidates``)."""
    candidates: list[list[int]] | None = None
    """For a row read without its blank cells: the column placements that remain possible.

    None when the placement is certain; otherwise the first candidate is the one in ``cells``.
    """

    @property
    def level(self) -> int | None:
        """1 for 类, 2 for 款, 3 for 项 (function codes); 1/2 for economic 类/款."""
        if not self.code:
            return None
        return {3: 1, 5: 2, 7: 3}.get(len(self.code))

    def cell(self, index: int) -> Cell:
        return self.cells[index]


@lru_cache(maxsize=1024)
def printed_in(placement: tuple[int, ...], width: int) -> tuple[int, ...]:
    """For a row of ``width`` columns whose printed amounts stand in the columns ``placement`` (a row's
    candidate), which of them each column holds: ``len(placement)``, one past the last, where it is blank
    (so a row's printed values followed by a blank one give its columns by ``itemgetter``)."""
    where = [len(placement)] * width
    for index, column in enumerate(placement):
        where[column] = index
    return tuple(where)


@pickled_by_fields
@dataclass(slots=True)
class NarrativeLine:
    text: str
    source: Source


class Table(BaseModel):
    label: str
    """The document's own label (表二, 公开05表), else the title."""
    title: str = ""
    kind: str | None = None
    side: Side | None = None
    """Two-sided summary tables are read as two tables, one per side, sharing the label."""
    unit: str | None = None
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    source: Source = Field(default_factory=Source)
    unread: str | None = None
    """Why the reader could not read the table's figures reliably; such a table is not checked."""
    lines: list[NarrativeLine] = Field(default_factory=list, repr=False)
    """The block's raw lines as read, for checks of tables whose cells the reader does not parse
    (performance-target tables), and for the figures no row holds (``readers.figures``): a line read
    whole as a plain row (a code, a name and amounts printed plainly) is its row's and is not kept."""

    def column_index(self, role: str) -> int | None:
        for i, column in enumerate(self.columns):
            if column.role == role:
                return i
        return None

    def roles(self) -> list[str | None]:
        return [c.role for c in self.columns]

    def total_row(self) -> Row | None:
        for row in self.rows:
            if row.role == "total":
                return row
        return None

    def coded_rows(self) -> dict[str, Row]:
        return {row.code: row for row in self.rows if row.code}

    @property
    def is_empty(self) -> bool:
        return not any(cell.amount for row in self.rows for cell in row.cells)


@pickled_by_fields
@dataclass(slots=True)
class ReadFinding:
    """Something a reader could not settle: an extraction-quality finding (rule family BL0xx)."""

    code: str
    message: str
    table: str | None = None
    row: str | None = None
    candidates: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)


class Document(BaseModel):
    path: str
    department: str | None = None
    year: int | None = None
    stage: Stage = "预算"
    unit: str | None = None
    narrative: list[NarrativeLine] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    findings: list[ReadFinding] = Field(default_factory=list)

    def tables_of(self, kind: str, side: Side | None = None) -> list[Table]:
        return [t for t in self.tables if t.kind == kind and (side is None or t.side == side)]

    def table(self, kind: str, side: Side | None = None) -> Table | None:
        found = self.tables_of(kind, side)
        return found[0] if found else None

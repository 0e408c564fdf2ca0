"""Reader for flattened text: one line per PDF line, cells separated by single spaces, blank cells dropped
(the example document; 上海 page text). Table titles may follow the body, and a table may resume after
its title (a page break). Each table starts at its label line (表一 …).

Because blank cells are gone, a row can carry fewer amounts than the table has columns; the reader
records every placement that column order allows, and `placement` chooses among them.
"""

from __future__ import annotations

import re
from itertools import combinations

from ..amounts import parse_amount
from ..model import Cell, Column, Document, NarrativeLine, ReadFinding, Row, Source, Table
from ..recognise import (
    CANONICAL_COLUMNS,
    ECONOMIC_KINDS,
    FUNCTION_KINDS,
    ROLE_HEADERS,
    TWO_SIDED_KINDS,
    class_code,
    roles_in_text,
    row_role,
    side_of_label,
    split_code,
    strip_numbering,
    table_kind,
    unit_of,
)
from .document_meta import document_meta

TABLE_LABEL = re.compile(r"^\s*(表[一二三四五六七八九十]+)\s*$")
_NOTE = re.compile(r"^\s*(备注|注)[:：]")
_TITLE = re.compile(r"表\s*$")


def looks_flat(text: str) -> bool:
    return sum(1 for line in text.split("\n") if TABLE_LABEL.match(line)) >= 2


def read_flat(text: str, path: str) -> Document:
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if TABLE_LABEL.match(line)]
    narrative_end = starts[0] if starts else len(lines)
    narrative = [
        NarrativeLine(text=line.strip(), source=Source(line=i + 1))
        for i, line in enumerate(lines[:narrative_end])
        if line.strip()
    ]
    tables: list[Table] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        tables.extend(_read_block(lines, start, end))
    findings = [
        ReadFinding(
            code="BL002",
            table=t.label,
            row=r.code or r.label,
            source=r.source,
            message=f"该行有{len(r.cells)}个金额，多于表的{len(t.columns)}列，无法对应到列",
        )
        for t in tables
        for r in t.rows
        if len(r.cells) > len(t.columns)
    ]
    for table in tables:
        table.rows = [r for r in table.rows if len(r.cells) <= len(table.columns)]
    return Document(
        path=path, narrative=narrative, tables=tables, findings=findings, **document_meta(narrative, tables)
    )


class _Line:
    """A block line split into its parts: leading code, label tokens and trailing amounts."""

    def __init__(self, number: int, text: str, coded: bool):
        self.number = number
        self.text = text.strip()
        rest = self.text
        self.code: str | None = None
        if coded:
            self.code, rest = split_code(rest)
        tokens = rest.split()
        self.amounts: list[tuple[str, tuple]] = []
        while tokens and (parsed := parse_amount(tokens[-1])) is not None:
            self.amounts.insert(0, (tokens.pop(), parsed))
        self.tokens = tokens
        self.label = "".join(tokens)

    @property
    def is_data(self) -> bool:
        return bool(self.amounts) or self.code is not None


def _read_block(lines: list[str], start: int, end: int) -> list[Table]:
    label = lines[start].strip()
    body = [(i + 1, lines[i]) for i in range(start + 1, end) if lines[i].strip()]
    title, unit, notes, kind = "", None, [], None
    rest: list[tuple[int, str]] = []
    for number, text in body:
        stripped = text.strip()
        if unit_of(stripped) and unit is None:
            unit = unit_of(stripped)
            stripped = re.sub(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)", "", stripped).strip()
            if not stripped:
                continue
        if _NOTE.match(stripped):
            notes.append(stripped)
        elif (
            not title
            and _TITLE.search(stripped)
            and table_kind(stripped)
            and parse_amount(stripped.split()[-1]) is None
        ):
            title, kind = stripped, table_kind(stripped)
        else:
            rest.append((number, text))
    table = Table(label=label, title=title, kind=kind, unit=unit, notes=notes, source=Source(line=start + 1))
    if kind in TWO_SIDED_KINDS:
        return _two_sided(table, rest)
    if kind in CANONICAL_COLUMNS:
        return [_one_sided(table, rest)]
    return [table]


def _one_sided(table: Table, body: list[tuple[int, str]]) -> Table:
    coded = table.kind in FUNCTION_KINDS or table.kind in ECONOMIC_KINDS
    parsed = [_Line(number, text, coded) for number, text in body]
    header = " ".join(line.text for line in parsed if not line.is_data)
    roles = roles_in_text(header, table.kind)
    table.columns = [Column(header=ROLE_HEADERS.get(role, role), role=role) for role in roles]
    for line in parsed:
        role = None if line.code else (row_role(line.label) if line.label else "total")
        blank_row = role in {"goods", "works", "services"}  # 工程类 with nothing printed is still a row
        if line.is_data or blank_row:
            table.rows.append(
                _row(line.number, line.code, line.label, role, line.amounts, len(table.columns))
            )
    return table


def _two_sided(table: Table, body: list[tuple[int, str]]) -> list[Table]:
    """Split each line into its income-side and expense-side entries by the labels' meaning."""
    header_text = ""
    entries: dict[str, list[tuple[int, str, list]]] = {"income": [], "expense": []}
    for number, text in body:
        pieces = _label_runs(text)
        sides = [side_of_label(label) for label, _ in pieces]
        if not any(sides) and not any(amounts for _, amounts in pieces):
            header_text += " " + text
            continue
        previous = None
        for (label, amounts), side in zip(pieces, sides, strict=True):
            # An unrecognised label (合计) takes its position: first entry income, later ones expense.
            side = side or ("expense" if previous else "income")
            if side is not None:
                entries[side].append((number, label, [(t, parse_amount(t)) for t in amounts]))
                previous = side
    if table.kind == "fiscal_summary":
        expense_roles = ["total"] + [
            r
            for r in ("general_budget", "gov_fund", "state_capital")
            if r in roles_in_text(header_text, "procurement")
        ]
    else:
        expense_roles = ["total"]
    tables = []
    for side, roles in (("income", ["total"]), ("expense", expense_roles)):
        part = table.model_copy(deep=True)
        part.side = side
        part.columns = [Column(header=ROLE_HEADERS[r], role=r) for r in roles]
        carry = False
        for number, label, amounts in entries[side]:
            role = row_role(label)
            if role == "total":
                role = f"{side}_total"
            code = class_code(label) if side == "expense" and role is None else None
            if not (amounts or role or code):
                continue  # a header word such as 收入 / 支出
            if role in {"carry_over", "carry_forward"}:
                carry = True
            elif role in {"income_total", "expense_total", "total", "income_current", "expense_current"}:
                carry = False
            elif carry and role is not None:
                role = f"{role}@carry"  # a source listed under 上年结转 / 结转下年
            part.rows.append(_row(number, code, label, role, amounts, len(roles)))
        tables.append(part)
    return tables


def _label_runs(text: str) -> list[tuple[str, list[str]]]:
    """``一、本年收入 4,683.96 一、本年支出 4,683.96 4,683.96`` → [(label, amounts), …].

    Consecutive label tokens each start a new entry: a flattened two-sided line may hold an income
    label with blank amount right before an expense label.
    """
    runs: list[tuple[str, list[str]]] = []
    for token in text.split():
        if parse_amount(token) is not None and runs:
            runs[-1][1].append(token)
        elif parse_amount(token) is None:
            runs.append((token, []))
    return runs


def _row(number: int, code: str | None, label: str, role: str | None, amounts: list, width: int) -> Row:
    source = Source(line=number)
    label = strip_numbering(label) or ("合计" if role == "total" else "")
    if len(amounts) > width:  # kept whole so that the document reader can report it
        return Row(
            code=code,
            label=label,
            role=role,
            source=source,
            cells=_cells(amounts, list(range(len(amounts))), len(amounts), source),
        )
    placements = [list(c) for c in combinations(range(width), len(amounts))] if amounts else [[]]
    row = Row(code=code, label=label, role=role, source=source)
    row.cells = _cells(amounts, placements[0], width, source)
    if len(placements) > 1:
        row.candidates = placements
    return row


def _cells(values: list, placement: list[int], width: int, source: Source) -> list[Cell]:
    cells = [Cell(source=source) for _ in range(width)]
    for (text, (value, decimals)), column in zip(values, placement, strict=True):
        cells[column] = Cell(value=value, decimals=decimals, text=text, source=source)
    return cells

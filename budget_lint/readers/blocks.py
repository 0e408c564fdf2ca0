"""From a table's block of lines to Table models: shared by every text-like reader.

A reader cuts its input into narrative lines and table blocks (a block: label, title and the lines that
belong to the table). This module reads a block: unit, notes, header, rows (code, label, amounts) and
the columns of each amount.

Readers that know where each token sits on the line (layout text, PDF) pass positions; the header's
roles are then ordered by position and a row that lost its blank cells is placed under the columns its
amounts stand beneath. Flattened text has no positions: the header's roles take the kind's canonical
order and every placement column order allows is kept for `placement` to settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from ..amounts import parse_amount
from ..model import Cell, Column, NarrativeLine, ReadFinding, Row, Source, Table
from ..recognise import (
    CANONICAL_COLUMNS,
    COLUMN_ORDERS,
    ECONOMIC_KINDS,
    FUNCTION_KINDS,
    ITEM_COLUMN_PATTERNS,
    ITEM_HEADERS,
    ROLE_HEADERS,
    THREE_PUBLIC_ITEMS,
    TWO_SIDED_KINDS,
    class_code,
    column_role,
    roles_in_text,
    row_role,
    side_of_label,
    split_code,
    strip_numbering,
    table_kind,
    unit_of,
)

_NOTE = re.compile(r"^\s*((备注|注)\s*[:：]|[(（][^)）]*无[^)）]*[)）]$)")
_UNIT_TEXT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)")
_DEPARTMENT = re.compile(r"^(编制部门|部门|单位名称|编制单位)\s*[:：]")


@dataclass(frozen=True)
class Token:
    """A run of text on a line; x0/x1 in the reader's unit (characters, points), or None."""

    text: str
    x0: float | None = None
    x1: float | None = None
    source: Source | None = None
    """Where this token itself was read, when finer than its line (a workbook's cell)."""


@dataclass
class TextLine:
    source: Source
    text: str
    tokens: list[Token] = field(default_factory=list)
    exact: bool = False
    """Positions measured on the page (PDF) rather than character offsets of extracted text, which
    drift with the length of the text before them."""
    index: int = 0
    """Where the line stands in the document's sequence of printed lines; consecutive numbers mean
    one line printed right under the other (a wrapped cell), a gap means a new row."""

    @classmethod
    def plain(cls, source: Source, text: str) -> TextLine:
        return cls(source, text, [Token(t) for t in text.split()], index=source.line or 0)

    @property
    def positioned(self) -> bool:
        return bool(self.tokens) and self.tokens[0].x0 is not None


@dataclass
class Block:
    label: str
    title: str
    source: Source
    lines: list[TextLine]
    unit: str | None = None


@dataclass
class _Parsed:
    """A body line split into leading code, label tokens and trailing amounts."""

    line: TextLine
    code: str | None
    label: str
    amounts: list[Token]
    malformed: str | None = None
    """A subject code printed in a shape no catalogue has (``301 2``, ``7 11 02``)."""

    @property
    def is_data(self) -> bool:
        return bool(self.amounts) or self.code is not None


def read_block(block: Block, findings: list[ReadFinding]) -> list[Table]:
    kind = table_kind(block.title)
    table = Table(
        label=block.label,
        title=block.title,
        kind=kind,
        unit=block.unit,
        source=block.source,
        lines=[NarrativeLine(text=line.text.strip(), source=line.source) for line in block.lines],
    )
    body: list[TextLine] = []
    for line in block.lines:
        text = line.text.strip()
        if unit_of(text):
            table.unit = table.unit or unit_of(text)
            if not _UNIT_TEXT.sub("", text).strip() or _DEPARTMENT.match(text):
                continue
        if _NOTE.match(text):
            table.notes.append(text)
        elif not _DEPARTMENT.match(text):
            body.append(line)
    if kind == "three_public" and _lists_items(body):
        tables = [_items_table(table, body)]
    elif kind in TWO_SIDED_KINDS:
        tables = _two_sided(table, body)
    elif kind in CANONICAL_COLUMNS:
        tables = [_one_sided(table, body, findings)]
    elif kind in {"performance_overall", "performance_project"}:
        from .performance import read_performance

        tables = [table]
        if reason := read_performance(table, body):
            table.rows, table.unread = [], reason
            findings.append(
                ReadFinding(
                    code="BL005",
                    table=table.label,
                    source=table.source,
                    message=f"{table.title}：{reason}，本表未检查",
                )
            )
    else:
        tables = [table]
    for part in tables:
        for row in part.rows:
            for cell in row.cells:
                cell.unit = cell.unit or part.unit
        overfull = [r for r in part.rows if len(r.cells) > len(part.columns)]
        if overfull:
            part.unread = (
                f"{len(overfull)}行的金额个数多于表头识别出的{len(part.columns)}列"
                f"（如第{overfull[0].source.line or '?'}行），无法确定各金额所在的列"
            )
            part.rows = []
            findings.append(
                ReadFinding(
                    code="BL002",
                    table=part.label,
                    source=overfull[0].source,
                    message=f"{part.title}：{part.unread}，本表未检查",
                )
            )
    return tables


def _parse(line: TextLine, coded: bool) -> _Parsed:
    tokens = list(line.tokens)
    code = None
    if coded and tokens:
        code, rest = split_code(" ".join(t.text for t in tokens[:4]))
        if code:
            tokens = _drop_code_tokens(tokens, code)
            if rest and tokens and not rest.startswith(tokens[0].text):
                tokens[0] = Token(rest.split()[0], tokens[0].x0, tokens[0].x1)
    malformed = None
    if coded and code is None and (bad := _MALFORMED_CODE.match(" ".join(t.text for t in tokens))):
        malformed = bad.group(1)
        tokens = tokens[len(malformed.split()) :]
        klass, *parts = malformed.split()
        if len(klass) == 3 and all(len(part) <= 2 for part in parts):
            code = klass + "".join(part.zfill(2) for part in parts)  # 301 2 → 30102: a dropped zero
    amounts: list[Token] = []
    while tokens and parse_amount(tokens[-1].text) is not None:
        amounts.insert(0, tokens.pop())
    return _Parsed(line, code, "".join(t.text for t in tokens), amounts, malformed)


def _drop_code_tokens(tokens: list[Token], code: str) -> list[Token]:
    """Remove the tokens that spell ``code`` (one token, ``208 01 01``, or glued to the name)."""
    digits = 0
    while tokens and digits < len(code):
        text = tokens[0].text
        run = len(text) - len(text.lstrip("0123456789-"))
        taken = min(run, len(code) - digits) if run else 0
        if not taken:
            break
        digits += len(text[:taken].replace("-", ""))
        rest = text[taken:].lstrip("-")
        tokens = ([Token(rest, tokens[0].x0, tokens[0].x1)] if rest else []) + tokens[1:]
    return tokens


def _header_columns(header: list[TextLine]) -> list[list[Token]]:
    """Header cells stacked into columns, left to right, each top to bottom.

    Read from the bottom line up: the lowest cells are the columns' own; a cell above joins the one
    column it overlaps (a header wrapped over lines, 单位预留机动经 / 费), is a group header when it
    spans several (公务用车购置及运行费 over 小计/购置费/运行费) and is left out, and starts a column of
    its own when it overlaps none (合计 printed across all header rows)."""
    columns: list[list[Token]] = []
    for line in reversed(header):
        for token in _split_cells(line.tokens):
            slack = (token.x1 - token.x0) / max(len(token.text), 1) / 2  # half a character
            below = [c for c in columns if token.x0 - slack <= c[-1].x1 and token.x1 + slack >= c[-1].x0]
            if not below:
                columns.append([token])
            elif len(below) == 1:
                below[0].insert(0, token)
    return sorted(columns, key=lambda c: c[-1].x0)


def _split_cells(tokens: list[Token]) -> list[Token]:
    """Header cells printed a single space apart (公务接待 会议费) come as one token; split a token
    whose words each name a column role."""
    cells: list[Token] = []
    for token in tokens:
        words = token.text.split(" ")
        if len(words) > 1 and sum(1 for w in words if column_role(w)) >= 2:
            offset = token.x0
            for word in words:
                cells.append(Token(word, offset, offset + len(word)))
                offset += len(word) + 1
        else:
            cells.append(token)
    return cells


def _column_role(stack: list[Token]) -> str | None:
    """The role of a stacked header column, read from the bottom up: the lowest cell that names a
    role wins over a group header above it (小计 under 公务用车购置及运行费)."""
    for k in range(1, len(stack) + 1):
        role = column_role("".join(t.text for t in stack[-k:]))
        if role is not None:
            return role
    return None


def _header_roles(table: Table, header: list[TextLine]) -> tuple[list[str], list[Token] | None]:
    """Column roles of the header, and where each column stands when the reader knows positions.
    Without positions the roles take the kind's canonical order."""
    canonical = roles_in_text(" ".join(line.text for line in header), table.kind)
    if not header or not all(line.positioned for line in header):
        return canonical, None
    roles: list[str] = []
    places: list[Token] = []
    for stack in _header_columns(header):
        role = _column_role(stack)
        if role == "vehicle_total" and table.kind == "three_public" and "outbound" not in roles:
            role = "three_public_subtotal"  # a 小计 left of 因公出国 totals the three items
        if role is not None and role not in roles:
            roles.append(role)
            places.append(Token(role, min(t.x0 for t in stack), max(t.x1 for t in stack)))
    if len(roles) >= len(canonical):
        return roles, places
    return canonical, None


def _one_sided(table: Table, body: list[TextLine], findings: list[ReadFinding]) -> Table:
    coded = table.kind in FUNCTION_KINDS or table.kind in ECONOMIC_KINDS
    parsed = [_parse(line, coded) for line in body]
    parsed = _join_wrapped(parsed)
    for p in parsed:
        if p.malformed:
            reading = f"按 {p.code} 读取" if p.code else "该行不参与按科目编码的检查"
            findings.append(
                ReadFinding(
                    code="BL003",
                    table=table.label,
                    row=p.malformed,
                    source=p.line.source,
                    message=f"科目编码印作“{p.malformed}”，不是 3/5/7 位编码（{reading}）",
                )
            )
    first_data = next((i for i, p in enumerate(parsed) if p.is_data), len(parsed))
    positioned = all(p.line.positioned for p in parsed)
    # Flattened text may print header lines after the body; positioned text has the header on top.
    header = [p.line for p in (parsed[:first_data] if positioned else parsed) if not p.is_data]
    roles, places = _header_roles(table, header)
    table.columns = [Column(header=ROLE_HEADERS.get(role, role), role=role) for role in roles]
    full = [p for p in parsed if len(p.amounts) == len(roles)]
    orders = [list(range(len(roles)))]
    if places is None:  # the printed order is unknown: every template's order is possible
        orders += [
            [roles.index(r) for r in order if r in roles]
            for order in COLUMN_ORDERS.get(table.kind or "", [])
            if set(roles) <= set(order)
        ]
    for p in parsed:
        role = None if p.code else (row_role(p.label) if p.label else "total")
        blank_row = role in {"goods", "works", "services"}  # 工程类 with nothing printed is still a row
        if p.is_data or blank_row:
            # Amounts stand under the amounts of a row that printed every column; header cells are
            # centred over their column and only order the placements, never decide them.
            reference = _nearest(p, full)
            row = _row(
                p.line.source,
                p.code,
                p.label,
                role,
                p.amounts,
                orders,
                reference or places,
                decisive=reference is not None and p.line.exact,
            )
            table.rows.append(row)
    return table


_MALFORMED_CODE = re.compile(r"^(\d{1,3}(?: \d{1,2}){1,2}) (?=\D)")
_HEADERISH = re.compile(r"编码|科目名称|^项目|^合计|^金额|^[类款项]$|预算数|^单位[:：]|说明")


def _wrap_piece(p: _Parsed) -> bool:
    return not p.is_data and bool(p.label) and not _HEADERISH.search(p.label) and row_role(p.label) is None


def _join_wrapped(parsed: list[_Parsed]) -> list[_Parsed]:
    """A name too long for its cell wraps onto the lines next to the row's figures
    (机关事业单位基本养老保险缴费支 / 208 05 05 4,412,547 / 出): a name-only line directly above a coded
    row that printed no name, or directly below a coded row, is part of that row's name; figures alone
    on the line right under a row are that row's."""
    used: set[int] = set()
    for k, p in enumerate(parsed):
        if k > 0 and not p.code and not p.label and p.amounts and parsed[k - 1].is_data:
            if _next_line(parsed[k - 1].line, p.line):  # a figure printed a little below its row's line
                merged = sorted([*parsed[k - 1].amounts, *p.amounts], key=lambda t: t.x0)
                parsed[k - 1].amounts[:] = merged
                used.add(k)
            continue
        if not p.code:
            continue
        if not p.label and k > 0 and _wrap_piece(parsed[k - 1]) and _next_line(parsed[k - 1].line, p.line):
            p.label = parsed[k - 1].label
            used.add(k - 1)
        if k + 1 < len(parsed) and _wrap_piece(parsed[k + 1]) and _next_line(p.line, parsed[k + 1].line):
            after = parsed[k + 2] if k + 2 < len(parsed) else None
            if (
                after is not None
                and after.code
                and not after.label
                and _next_line(parsed[k + 1].line, after.line)
            ):
                continue  # the head of the next row's name, not the tail of this one
            p.label += parsed[k + 1].label
            used.add(k + 1)
    return [p for i, p in enumerate(parsed) if i not in used]


def _nearest(p: _Parsed, full: list[_Parsed]) -> list[Token] | None:
    """The amounts of the closest row that printed every column: where the columns stand."""
    if not p.line.positioned or not full:
        return None
    line = p.line.source.line or 0
    return min(full, key=lambda f: abs((f.line.source.line or 0) - line)).amounts


def _two_sided(table: Table, body: list[TextLine]) -> list[Table]:
    """Split each line into its income-side and expense-side entries by the labels' meaning."""
    header_text = ""
    entries: dict[str, list[tuple[Source, str, list[Token]]]] = {"income": [], "expense": []}
    seen_amounts = False
    for line in _join_wrapped_entries(body):
        pieces = _label_runs(line.tokens)
        sides = [side_of_label(label) for label, _ in pieces]
        has_amounts = any(amounts for _, amounts in pieces)
        # Before the first figure, labels are the header (本年收入 / 本年支出 over the two sides).
        if not has_amounts and (not seen_amounts or not any(sides)):
            header_text += " " + line.text
            continue
        seen_amounts = seen_amounts or has_amounts
        previous = None
        for (label, amounts), side in zip(pieces, sides, strict=True):
            # An unrecognised label (合计) takes its position: first entry income, later ones expense.
            side = side or ("expense" if previous else "income")
            entries[side].append((line.source, label, amounts))
            previous = side
    expense_roles = _expense_side_roles(table.kind, header_text)
    tables = []
    for side, roles in (("income", ["total"]), ("expense", expense_roles)):
        part = table.model_copy(deep=True)
        part.side = side
        part.columns = [Column(header=ROLE_HEADERS[r], role=r) for r in roles]
        carry = False
        for source, label, amounts in entries[side]:
            role = row_role(label)
            if role == "total":
                role = f"{side}_total"
            code = class_code(label) if side == "expense" and role is None else None
            if not (amounts or role or code):
                continue  # a header word such as 收入 / 支出
            if role in {"carry_over", "carry_forward"}:
                carry = True
            elif role in {"income_total", "expense_total", "income_current", "expense_current"}:
                carry = False
            elif carry and role is not None:
                role = f"{role}@carry"  # a source listed under 上年结转 / 结转下年
            part.rows.append(_row(source, code, label, role, amounts, [list(range(len(roles)))], None))
        tables.append(part)
    return tables


def _join_wrapped_entries(body: list[TextLine]) -> list[TextLine]:
    """A summary-table label too long for its cell wraps around its figures (四、文化旅游体育与传媒 /
    200,000 200,000 / 支出): figures printed with no label take the lone label directly above, and
    the lone label directly below when the two read as one."""
    out: list[TextLine] = []
    skip = 0
    for i, line in enumerate(body):
        if skip:
            skip -= 1
            continue
        starts_with_amount = bool(line.tokens) and parse_amount(line.tokens[0].text) is not None
        head = out[-1] if out else None
        if starts_with_amount and head is not None and _lone_label(head) and _next_line(head, line):
            label = head.tokens[0]
            following = body[i + 1] if i + 1 < len(body) else None
            if following is not None and _lone_label(following) and _next_line(line, following):
                label = Token(label.text + following.tokens[0].text, label.x0, label.x1)
                skip = 1
            out[-1] = TextLine(
                line.source,
                f"{label.text} {line.text.strip()}",
                [label, *line.tokens],
                line.exact,
                line.index,
            )
        else:
            out.append(line)
    return out


def _lone_label(line: TextLine) -> bool:
    return len(line.tokens) == 1 and parse_amount(line.tokens[0].text) is None


def _next_line(a: TextLine, b: TextLine) -> bool:
    """Two lines printed one right under the other (layout text keeps blank lines between rows; the
    PDF reader numbers a wide vertical gap as one), as a cell wrapped over lines is."""
    return a.positioned and b.index - a.index == 1


def _lists_items(body: list[TextLine]) -> bool:
    """A 三公 table printed with the items as rows (合计 / 因公出国 / 公务接待 / 公务用车 …)."""
    firsts = [row_role(line.tokens[0].text) for line in body if len(line.tokens) > 1 and _has_amount(line)]
    return sum(1 for role in firsts if role in THREE_PUBLIC_ITEMS) >= 2 and "total" in firsts


def _has_amount(line: TextLine) -> bool:
    return any(parse_amount(token.text.rstrip("%")) is not None for token in line.tokens[1:])


def _items_table(table: Table, body: list[TextLine]) -> Table:
    """The items are rows and the columns are years or changes (上年决算数 | 本年决算数 | 增减金额 |
    增减幅度). Percentages are kept with the unit %."""
    table.kind = "three_public_items"
    first = next(i for i, line in enumerate(body) if row_role(line.tokens[0].text) is not None)
    roles: list[str] = []
    for line in body[:first]:
        for token in line.tokens:
            role = next((r for r, pattern in ITEM_COLUMN_PATTERNS if re.search(pattern, token.text)), None)
            if role and role not in roles:
                roles.append(role)
    table.columns = [Column(header=ITEM_HEADERS[role], role=role) for role in roles]
    for line in body[first:]:
        label, values = line.tokens[0].text, line.tokens[1:]
        row = Row(label=strip_numbering(label), role=row_role(label), source=line.source)
        if len(values) != len(roles) or row.role is None:
            continue
        row.cells = [
            _item_cell(token.text, role, table.unit, token.source or line.source)
            for token, role in zip(values, roles, strict=True)
        ]
        table.rows.append(row)
    return table


def _item_cell(text: str, role: str, unit: str | None, source: Source) -> Cell:
    parsed = parse_amount(text.rstrip("%")) if role == "change_rate" else parse_amount(text)
    if parsed is None:
        return Cell(text=text, source=source)
    value, decimals = parsed
    return Cell(
        value=value, decimals=decimals, text=text, unit="%" if role == "change_rate" else unit, source=source
    )


def _expense_side_roles(kind: str, header: str) -> list[str]:
    """The expense side's amount columns: 合计, then the funds (财政拨款收支总表) or the spending split
    (some 收支总表 print 基本支出 as 人员经费 / 公用经费, and 项目支出)."""
    found = set(roles_in_text(header, "procurement")) | set(roles_in_text(header, "expense"))
    found |= set(roles_in_text(header, "general_basic_expense"))
    if kind == "fiscal_summary":
        wanted = ["general_budget", "gov_fund", "state_capital"]
    else:
        wanted = ["basic", "personnel", "public", "project"]
        if {"personnel", "public"} <= found:
            found.discard("basic")  # a group header over 人员经费 and 公用经费
    return ["total"] + [role for role in wanted if role in found]


def _label_runs(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """``一、本年收入 4,683.96 一、本年支出 4,683.96 4,683.96`` → [(label, amounts), …].

    Consecutive label tokens each start a new entry: a flattened two-sided line may hold an income
    label with blank amount right before an expense label.
    """
    runs: list[tuple[str, list[Token]]] = []
    for token in tokens:
        if parse_amount(token.text) is not None:
            if runs:
                runs[-1][1].append(token)
        else:
            runs.append((token.text, []))
    return runs


def _row(
    source: Source,
    code: str | None,
    label: str,
    role: str | None,
    amounts: list[Token],
    orders: list[list[int]],
    reference: list[Token] | None,
    decisive: bool = False,
) -> Row:
    """``orders``: the column orders the table may have been printed in (column indices, left to right);
    the first is the header's own."""
    width = len(orders[0])
    label = strip_numbering(label) or ("合计" if role == "total" else "")
    row = Row(code=code, label=label, role=role, source=source)
    if len(amounts) > width:  # kept whole so that the block reader can report it
        row.cells = _cells(amounts, list(range(len(amounts))), len(amounts), source)
        return row
    placements = _placements(amounts, orders, reference, decisive)
    row.cells = _cells(amounts, placements[0], width, source)
    if len(placements) > 1:
        row.candidates = placements
        row.printed = [row.cells[column] for column in placements[0]]
    return row


def _placements(
    amounts: list[Token], orders: list[list[int]], reference: list[Token] | None, decisive: bool
) -> list[list[int]]:
    """The column placements of ``amounts`` that the possible column orders allow, nearest to the
    reference positions first. With a ``decisive`` reference, a placement whose amounts stand clearly
    under their columns is the only one kept."""
    if not amounts:
        return [[]]
    width = len(orders[0])
    combos = (combinations(order, len(amounts)) for order in orders)
    options = [list(option) for option in dict.fromkeys(c for combo in combos for c in combo)]
    if reference is None or len(options) == 1:
        return options

    def distance(option: list[int]) -> float:
        return sum(abs(_centre(a) - _centre(reference[c])) for a, c in zip(amounts, option, strict=True))

    options.sort(key=distance)
    best, second = distance(options[0]), distance(options[1])
    gap = min(_centre(reference[i + 1]) - _centre(reference[i]) for i in range(width - 1)) if width > 1 else 0
    if decisive and second - best >= gap / 2:
        return options[:1]
    return options


def _centre(token: Token) -> float:
    return (token.x0 + token.x1) / 2


def _cells(values: list[Token], placement: list[int], width: int, source: Source) -> list[Cell]:
    cells = [Cell(source=source) for _ in range(width)]
    for token, column in zip(values, placement, strict=True):
        value, decimals = parse_amount(token.text)
        cells[column] = Cell(value=value, decimals=decimals, text=token.text, source=token.source or source)
    return cells

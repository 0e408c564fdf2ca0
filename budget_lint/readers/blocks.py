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
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations, pairwise
from operator import itemgetter
from typing import NamedTuple

from ..amounts import PLAIN, is_amount, parse_amount
from ..model import Cell, Column, NarrativeLine, ReadFinding, Row, Source, Table, printed_in
from ..recognise import (
    COLUMN_ORDERS,
    ECONOMIC_KINDS,
    FUNCTION_KINDS,
    ITEM_COLUMN_PATTERNS,
    ITEM_HEADERS,
    KINDS,
    ROLE_HEADERS,
    THREE_PUBLIC_ITEMS,
    class_code,
    column_role,
    leading_code,
    long_bare_code,
    name_cut_short,
    roles_in_text,
    row_role,
    side_of_label,
    split_code,
    squash,
    strip_numbering,
    table_kind,
    unit_of,
    without_numbering,
)

_NOTE = re.compile(
    r"^\s*((备注|注)\s*[:：]|[(（][^)）]*无[^)）]*[)）]$"
    r"|(本|我)(部门|单位|机关|局|院|委|办|厅).{0,16}?(无|没有|未安排|不涉及))"
)
"""A table's note: 注：…, （本表无数据）, or a statement of what the department has none of, printed
without 注 (本单位无政府性基金预算, 我部门2026年没有…)."""
_UNIT_TEXT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)")
_DEPARTMENT = re.compile(r"^(编制部门|部门|单位名称|编制单位)\s*[:：]")
_NOTE_OR_DEPARTMENT = frozenset("备注(（编部单本我")
"""The characters a note or a department line starts with: a line starting otherwise (a row) is
neither, without trying the two expressions."""


class Token(NamedTuple):
    """A run of text on a line; x0/x1 in the reader's unit (characters, points), or None. A named
    tuple: immutable, and made at half the cost of a frozen dataclass (one per word of every line)."""

    text: str
    x0: float | None = None
    x1: float | None = None
    source: Source | None = None
    """Where this token itself was read, when finer than its line (a workbook's cell)."""


_new_tuple = tuple.__new__
"""Token and Figure made as the tuples they are, where they are made by the hundred thousand: a
named tuple's own constructor, a Python function, was a fifth of reading a plain line."""


class Figure(NamedTuple):
    """An amount token with its value: parsed once, where its line is split into code, name and
    amounts (``_parse``), and made a cell from that (``_cells``)."""

    text: str
    x0: float | None
    x1: float | None
    source: Source | None
    value: Decimal
    decimals: int | None


def _figures(tokens: list[Token]) -> list[Figure]:
    """The amounts ``tokens`` end with, in order. An amount printed plainly (most) is read here
    without the general path, as ``parse_amount`` reads it."""
    figures = []
    last = parsed = None
    for token in reversed(tokens):
        text = token[0]
        if text == last:
            pass  # the same figure again (合计 and the one part it sums): its value shared
        elif text.isascii() and _plain(text):
            dot = text.find(".")
            parsed = (Decimal(text.replace(",", "")), len(text) - dot - 1 if dot >= 0 else 0)
        elif "\u4e00" <= text[:1] <= "\u9fff" or (parsed := parse_amount(text)) is None:
            break  # the label (an ideograph first: no amount, as parse_amount says at once), or text
        figures.append(_new_tuple(Figure, token + parsed))
        last = text
    figures.reverse()
    return figures


_plain = PLAIN.fullmatch


class TextLine:
    """A printed line: its source, its text and its words (``tokens``) with their positions where the
    reader knows them. A line of plain text (``plain``) is split into words only when they are asked
    for: most lines of a flattened table are rows that ``_parse`` reads from the text at once."""

    __slots__ = ("_tokens", "exact", "index", "plain_row", "source", "text", "y")

    def __init__(
        self,
        source: Source,
        text: str,
        tokens: list[Token] | None,
        exact: bool = False,
        index: int = 0,
        y: float | None = None,
    ) -> None:
        self.source = source
        self.text = text
        self._tokens = tokens
        """None until asked, for a plain line."""
        self.exact = exact
        """Positions measured on the page (PDF) rather than character offsets of extracted text, which
        drift with the length of the text before them."""
        self.index = index
        """Where the line stands in the document's sequence of printed lines; consecutive numbers mean
        one line printed right under the other (a wrapped cell), a gap means a new row."""
        self.y = y
        """The line's vertical centre on the page (PDF), where the reader measured it."""
        self.plain_row = False
        """A plain row's (``_row_of_plain``): read whole as a code, a name and amounts printed plainly,
        and made its row."""

    @classmethod
    def plain(cls, source: Source, text: str) -> TextLine:
        """A line of text with no positions, numbered by its line."""
        return cls(source, text, None, False, source.line or 0)

    @classmethod
    def plain_lines(cls, texts: list[str], first: int) -> list[TextLine]:
        """``plain`` of each of ``texts`` that is not blank, numbered from ``first``: one call for a
        table's lines, not one a line."""
        numbered = enumerate(texts, first)
        return [cls(Source(n), text, None, False, n) for n, text in numbered if text and not text.isspace()]

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            words = self.text.split()
            if _may_be_glued(words):
                words = [part for word in words for part in unglue(word)]
            self._tokens = [_new_tuple(Token, (word, None, None, None)) for word in words]
        return self._tokens

    @property
    def positioned(self) -> bool:
        tokens = self._tokens  # a plain line's words have no positions: not split to be told so
        return bool(tokens) and tokens[0].x0 is not None


_GLUED = re.compile(
    r"^(-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2})(?![万亿千元])(?=[\u4e00-\u9fa5（(])"
    r"|-?\d+(?=[一二三四五六七八九十]+、))"
)


_MAY_BE_GLUED = re.compile(r"-?\d[\d,.]*+[\u4e00-\u9fa5（(]").match
"""A word that ``_GLUED`` can match starts so: a line without one has nothing to unglue."""


def _may_be_glued(words: list[str]) -> bool:
    """Whether a word starts as ``_MAY_BE_GLUED``: tried only on the words that have a character
    it needs (an ideograph, a bracket) and start as it must (a digit or -, unlike most labels)."""
    for word in words:
        if word.isascii() and "(" not in word:
            continue  # an amount or a code
        if (word[0].isdecimal() or word[0] == "-") and _MAY_BE_GLUED(word):
            return True
    return False


def unglue(word: str) -> list[str]:
    """A left-column amount glued to the right-column label that follows it (``3,680,000二、公共安全支出``):
    an amount that is one by its grouping or decimals before a CJK character (not its unit: 12.50万元
    is one cell), or any number before a label's numbering (二、), is a cell of its own. A code glued
    to its name (2010506统计管理) stays."""
    if word.isascii() and "(" not in word:
        return [word]  # nothing a number could be glued to (most words: the amounts)
    glued = _GLUED.match(word)
    if glued is None or not is_amount(glued.group(1)):
        return [word]
    return [glued.group(1), word[glued.end(1) :]]


@dataclass(slots=True)
class Block:
    label: str
    title: str
    source: Source
    lines: list[TextLine]
    unit: str | None = None


@dataclass(slots=True)
class _Parsed:
    """A body line split into leading code, label tokens and trailing amounts."""

    line: TextLine
    code: str | None
    label: str
    amounts: list[Figure] | list[str]
    malformed: str | None
    """A subject code printed in a shape no catalogue has (``301 2``, ``7 11 02``)."""
    is_data: bool
    """It has amounts or a code (set once: joining wrapped lines only adds to lines that are data)."""
    plain: bool = False
    """A plain row (``_plain_row``): ``amounts`` are the texts of its amounts. A plain line has no
    positions, so nothing reads them as Figures: its row's cells are made from them at once
    (``_row_of_plain``)."""


def read_block(block: Block, findings: list[ReadFinding]) -> list[Table]:
    kind = table_kind(block.title)
    table = Table(label=block.label, title=block.title, kind=kind, unit=block.unit, source=block.source)
    body: list[TextLine] = []
    for line in block.lines:
        text = line.text.strip()
        if "单" in text and (unit := unit_of(text)):
            table.unit = table.unit or unit
            if not _UNIT_TEXT.sub("", text).strip() or _DEPARTMENT.match(text):
                continue
        if text[:1] not in _NOTE_OR_DEPARTMENT:
            body.append(line)
        elif _NOTE.match(text):
            table.notes.append(text)
        elif not _DEPARTMENT.match(text):
            body.append(line)
    spec = KINDS.get(kind or "")
    layout = spec.layout if spec else "none"
    with_units = False  # whether the cells were made with their table's unit
    if spec and spec.item_rows and _lists_items(body):
        tables = [_items_table(table, body, spec.item_rows)]
    elif layout == "two_sided":
        tables, with_units = _two_sided(table, body), True
    elif layout == "one_sided":
        tables, with_units = [_one_sided(table, body, findings)], True
    elif layout == "performance":
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
    elif layout == "panels" and any(_parse(line, True).amounts for line in body):
        from .panels import read_panels

        tables = [table]
        if reason := read_panels(table, body):
            _unread(table, findings, reason, table.source)
    else:
        tables = [table]
    # the lines made plain rows say nothing their rows do not, and hold nothing to vet
    lines = [NarrativeLine(line.text.strip(), line.source) for line in block.lines if not line.plain_row]
    for part in tables:
        part.lines = list(lines)
        if not with_units:
            for row in part.rows:
                for cell in row.cells:
                    cell.unit = cell.unit or part.unit
        if part.unread is None and layout in {"one_sided", "two_sided", "panels"}:
            if reason := _other_classification(part) or _not_shown_read(part, tables, body):
                overfull = next((r for r in part.rows if len(r.cells) > len(part.columns)), None)
                _unread(part, findings, reason, overfull.source if overfull else part.source)
    if layout == "two_sided" and any(part.unread for part in tables):
        # the two sides are read from the same lines: what one side could not place may be the other's
        for part in tables:
            if part.unread is None:
                _unread(part, findings, "另一侧未能读出（两侧由同样的行读出，本侧也可能漏读）", part.source)
    return tables


def _other_classification(table: Table) -> str | None:
    """Why a table of function codes (类 2xx) whose rows all carry economic ones (3xx, 5xx), or the
    reverse, is not read as its title says: 一般公共预算支出经济分类预算表 is titled as the function
    table is, and checked as one every code of it would be missing from the others."""
    own = "功能" if table.kind in FUNCTION_KINDS else "经济" if table.kind in ECONOMIC_KINDS else None
    codes = [row.code for row in table.rows if row.code and row.code.isdigit()]
    if own is None or not codes:
        return None
    other = "经济" if own == "功能" else "功能"
    if all((code[0] == "2") == (own == "经济") for code in codes):
        return f"表中科目编码（{codes[0]} …）是{other}分类科目，不是表名所示的{own}分类表"
    return None


_AMOUNT_IN_LABEL = re.compile(r"\d[\d,]*\.\d{1,2}(?!\d)")


def _not_shown_read(table: Table, parts: list[Table], body: list[TextLine]) -> str | None:
    """Why the reader cannot show it read ``table`` right, or None: every row fits the header, each
    code stands once, no amount was taken into a label, every coded line of the block is a row, and
    a table with a header but no row is an empty table that says so."""
    width = len(table.columns)
    overfull = [r for r in table.rows if len(r.cells) > width]
    if overfull:
        return (
            f"{len(overfull)}行的金额个数多于表头识别出的{len(table.columns)}列"
            f"（如第{overfull[0].source.line or '?'}行），无法确定各金额所在的列"
        )
    codes = [row.code for row in table.rows if row.code]
    if len(set(codes)) < len(codes):  # counted only when a code stands twice
        counts = Counter(codes)
        twice = next(code for code in codes if counts[code] > 1)
        return f"科目编码 {twice} 在表中出现不止一次（两张表或两栏被读成了一张）"
    closed = KINDS[table.kind].closed_rows if table.kind in KINDS else False
    if closed and any(
        _disagree(a, b) for a, b in combinations([row for row in table.rows if row.role == "total"], 2)
    ):
        return "两行合计的金额不同（居中或错行的金额被读成了另一行）"
    if glued := next(
        (row for row in table.rows if "." in row.label and _AMOUNT_IN_LABEL.search(row.label)), None
    ):
        return f"「{glued.label}」的名称中夹有金额，列没有分开"
    counted = [
        row for part in parts for row in part.rows if row.code and row.code.isdigit() and len(row.code) > 3
    ]
    read = len(counted)
    # A line a counted row was read from is at most one coded line: those lines (most of a long
    # table's) are scanned only when, all taken as coded, they and the other coded lines outnumber
    # the rows read.
    sources = {id(row.source) for row in counted}
    others = [line for line in body if id(line.source) not in sources]
    coded_lines = _coded_lines(others)
    if len(body) - len(others) + coded_lines > read:
        coded_lines += _coded_lines([line for line in body if id(line.source) in sources])
    if coded_lines > read:
        return f"块中有{coded_lines}行以科目编码开头，只读出{read}行"
    if closed and (
        lost := next(
            (r for r in table.rows if not (r.role or r.code) and any(c.printed for c in r.cells)), None
        )
    ):
        return f"「{lost.label}」一行有金额，但既无科目编码也无可识别的名称（折行或错行），无法确定它是哪一项"
    if not table.rows and not table.notes and any(_parse(line, False).amounts for line in body):
        return "表中有金额，但未读出任何数据行"
    return None


def _coded_lines(lines: list[TextLine]) -> int:
    """How many of ``lines`` start with a 5- or 7-digit subject code."""
    return sum(1 for line in lines if long_bare_code(line.text) or len(leading_code(line.text) or "") > 3)


def _unread(table: Table, findings: list[ReadFinding], reason: str, source: Source) -> Table:
    """The table was not read right: said once (BL002), and nothing is computed from it."""
    table.unread, table.rows = reason, []
    findings.append(
        ReadFinding(
            code="BL002", table=table.label, source=source, message=f"{table.title}：{reason}，本表未检查"
        )
    )
    return table


def _parse(line: TextLine, coded: bool) -> _Parsed:
    if coded and line._tokens is None and (row := _PLAIN_ROW(line.text)):
        parsed = _plain_row(line, row)
        if parsed is not None:
            return parsed
    tokens = line.tokens
    code = None
    if coded and tokens and _bare_code(tokens):
        code, tokens = tokens[0].text, tokens[1:]
    elif coded and tokens:
        code, rest = split_code(" ".join([t.text for t in tokens[:4]]))
        if code:
            tokens = _drop_code_tokens(tokens, code)
            if rest and tokens and not rest.startswith(tokens[0].text):
                tokens[0] = Token(rest.split()[0], tokens[0].x0, tokens[0].x1)
    malformed = None
    if coded and code is None and (bad := _MALFORMED_CODE.match(" ".join([t.text for t in tokens]))):
        malformed = bad.group(1)
        tokens = tokens[len(malformed.split()) :]
        klass, *parts = malformed.split()
        if len(klass) == 3 and all(len(part) <= 2 for part in parts):
            code = klass + "".join(part.zfill(2) for part in parts)  # 301 2 → 30102: a dropped zero
    amounts = _figures(tokens)
    end = len(tokens) - len(amounts)
    if coded and code is None and end and len(amounts) > 1 and _code_in_name(amounts[0], amounts[1:]):
        code = amounts.pop(0).text  # 统计信息事务 20105 501,200 501,200: the code, not an amount
    label = tokens[0].text if end == 1 else "".join([t.text for t in tokens[:end]])
    return _Parsed(line, code, label, amounts, malformed, bool(amounts) or code is not None)


_PLAIN_AMOUNT = PLAIN.pattern.replace(r"\d", "[0-9]")  # PLAIN is compiled ASCII-only
_PLAIN_ROW = re.compile(
    rf"\s*+([235][0-9]{{2}}(?:[0-9]{{2}}){{0,2}}+)\s++([\u4e00-\u9fff]\S*+)((?:\s++(?>{_PLAIN_AMOUNT})(?!\S))++)\s*+"
).fullmatch
"""A plain line that is a row as most are printed: a 3/5/7-digit code, a name that starts with an
ideograph, and amounts printed plainly, each a word of its own. Possessive throughout: each part ends
where a space or the line does, so giving back a character could never make the line match."""


def _plain_row(line: TextLine, row: re.Match) -> _Parsed | None:
    """What ``_parse`` reads from a line ``_PLAIN_ROW`` matches, read from its text without splitting
    it into tokens; None when the name is one that NFKC changes (read by the general path). A name
    NFKC leaves as it is is its own ``squash``: the pattern's name holds no whitespace."""
    code, name, printed = row.groups()
    if not unicodedata.is_normalized("NFKC", name):
        return None
    return _Parsed(line, code, name, printed.split(), None, True, True)


def _bare_code(tokens: list[Token]) -> bool:
    """What ``split_code`` of the first tokens joined says in the commonest case, told without joining
    and normalising them: a 3/5/7-digit code a token of its own, then nothing or a name that starts
    with an ideograph and that NFKC leaves as it is (the code is that token, the name the next)."""
    first = tokens[0].text
    if not (len(first) in (3, 5, 7) and first[0] in "235" and first.isascii() and first.isdigit()):
        return False
    if len(tokens) == 1:
        return True
    name = tokens[1].text
    ideograph = "\u4e00" <= name[:1] <= "\u9fff"
    return ideograph and not name[-1].isspace() and unicodedata.is_normalized("NFKC", name)


def _code_in_name(token: Token, rest: list[Token]) -> bool:
    """A bare subject code printed in the name column after the name, before the row's amounts: a
    3/5/7-digit number printed without the thousands separator or decimals that each of the row's
    amounts has (a table prints its amounts one way)."""
    code, name = split_code(token.text)
    if code is None or name or code != token.text:
        return False
    return all("," in t.text or "." in t.text for t in rest)


def _drop_code_tokens(tokens: list[Token], code: str) -> list[Token]:
    """What is left of ``tokens`` (a new list) once the tokens that spell ``code`` are removed (one
    token, ``208 01 01``, or glued to the name)."""
    if tokens[0].text == code:
        return tokens[1:]  # most codes: a token of their own
    digits = first = 0
    head = None  # what is left of the first token when the code ends inside it
    while first < len(tokens) and digits < len(code):
        text = tokens[first].text if head is None else head
        run = len(text) - len(text.lstrip("0123456789-"))
        taken = min(run, len(code) - digits) if run else 0
        if not taken:
            break
        digits += len(text[:taken].replace("-", ""))
        head = text[taken:].lstrip("-") or None
        if head is None:
            first += 1
    rest = tokens[first:]
    if head is not None:
        rest[0] = Token(head, rest[0].x0, rest[0].x1)
    return rest


def _header_columns(header: list[TextLine], kind: str | None, words: bool = False) -> list[list[Token]]:
    """Header cells stacked into columns, left to right, each top to bottom.

    Read from the bottom line up: the lowest cells are the columns' own; a cell above joins the one
    column it overlaps (a header wrapped over lines, 单位预留机动经 / 费), is a group header when it
    spans several (公务用车购置及运行费 over 小计/购置费/运行费) and is left out, and starts a column of
    its own when it overlaps none (合计 printed across all header rows). ``words``: every word a
    single space apart is a cell of its own (公务用车购置 公务用车运行 over two columns)."""
    columns: list[list[Token]] = []
    rows: dict[int, int] = {}  # id of a column's top token → the header line it stands on
    for n, line in enumerate(reversed(header)):
        for token in _split_cells(line.tokens, kind, words):
            slack = (token.x1 - token.x0) / max(len(token.text), 1) / 2  # half a character
            below = [c for c in columns if token.x0 - slack <= c[-1].x1 and token.x1 + slack >= c[-1].x0]
            if not below:
                columns.append([token])
            elif len(below) == 1:
                below[0].insert(0, token)
            rows[id(token)] = n
    return _join_drifted(sorted(columns, key=lambda c: c[-1].x0), rows, kind)


def _join_drifted(columns: list[list[Token]], rows: dict[int, int], kind: str | None) -> list[list[Token]]:
    """A header cell printed down its column one character a line (小 / 计) drifts sideways in layout
    text with the length of the text before each character, so its pieces stand side by side, none
    overlapping the other: two neighbouring one-token columns of a character or two on different
    lines, neither naming a role, a few characters apart, that name a role read top to bottom are
    one column."""
    out: list[list[Token]] = []
    for column in columns:
        last = out[-1] if out else None
        if last is not None and len(last) == 1 and len(column) == 1:
            a, b = last[0], column[0]
            width = (b.x1 - b.x0) / max(len(b.text), 1)
            upper, lower = (a, b) if rows[id(a)] > rows[id(b)] else (b, a)
            if (
                rows[id(a)] != rows[id(b)]
                and len(a.text) <= 2 >= len(b.text)
                and b.x0 - a.x1 <= 4 * width
                and column_role(a.text, kind) is None
                and column_role(b.text, kind) is None
                and column_role(upper.text + lower.text, kind) is not None
            ):
                out[-1] = [Token(upper.text + lower.text, a.x0, b.x1)]
                continue
        out.append(column)
    return out


def _split_cells(tokens: list[Token], kind: str | None, words: bool = False) -> list[Token]:
    """Header cells printed a single space apart (公务接待 会议费) come as one token; split a token
    whose words each name a column role (or, with ``words``, every word)."""
    cells: list[Token] = []
    for token in tokens:
        parts = token.text.split(" ")
        if len(parts) > 1 and (words or sum(1 for w in parts if column_role(w, kind)) >= 2):
            width = (token.x1 - token.x0) / max(len(token.text), 1)
            offset = 0
            for word in parts:
                cells.append(Token(word, token.x0 + offset * width, token.x0 + (offset + len(word)) * width))
                offset += len(word) + 1
        else:
            cells.append(token)
    return cells


def _column_role(stack: list[Token], kind: str | None) -> str | None:
    """The role of a stacked header column, read from the bottom up: the lowest cell that names a
    role wins over a group header above it (小计 under 公务用车购置及运行费)."""
    for k in range(1, len(stack) + 1):
        role = column_role("".join(t.text for t in stack[-k:]), kind)
        if role is not None:
            return role
    return None


def _header_roles(
    table: Table, header: list[TextLine], widest: int = 0
) -> tuple[list[str], list[Token] | None]:
    """Column roles of the header, and where each column stands when the reader knows positions.
    Without positions the roles take the kind's canonical order. A header that names fewer columns
    than ``widest`` (the most amounts a row prints) is read again with every word a single space
    apart a cell of its own: cells of neighbouring columns that pdftotext printed one space apart."""
    canonical = roles_in_text(" ".join(line.text for line in header), table.kind)
    if not header or not all(line.positioned for line in header):
        return canonical, None
    spec = KINDS.get(table.kind or "")
    if spec and spec.sub_columns and _sub_cells(header[-1], spec.sub_columns):
        return _sub_column_roles(table.kind, header, spec.sub_columns)
    roles, places = _stacked_roles(table.kind, header, False)
    if places is not None and len(roles) < widest:
        by_word = _stacked_roles(table.kind, header, True)
        if by_word[1] is not None and len(by_word[0]) >= widest:
            roles, places = by_word
    if places is None or len(roles) >= len(canonical):
        return roles, places
    return canonical, None


def _stacked_roles(
    kind: str | None, header: list[TextLine], words: bool
) -> tuple[list[str], list[Token] | None]:
    """The roles of the header's stacked columns, left to right, with where each stands; ([], None)
    when a role is named twice."""
    roles: list[str] = []
    places: list[Token] = []
    for stack in _header_columns(header, kind, words):
        role = _column_role(stack, kind)
        if role == "vehicle_total" and kind == "three_public" and "outbound" not in roles:
            role = "three_public_subtotal"  # a 小计 left of 因公出国 totals the three items
        if role is not None and role in roles:
            return [], None  # a role named twice: sub-columns (预算数 ‖ 决算数) the vocabulary lacks
        if role is not None:
            roles.append(role)
            places.append(Token(role, min(t.x0 for t in stack), max(t.x1 for t in stack)))
    return roles, places


def _sub_cells(line: TextLine, names: dict[str, str]) -> list[Token]:
    """The line's cells when every one is a sub-column name (预算数 决算数 …), else []."""
    cells: list[Token] = []
    for token in line.tokens:
        width = (token.x1 - token.x0) / max(len(token.text), 1) if line.positioned else 0
        offset = 0
        for word in token.text.split(" "):
            if word:
                cells.append(Token(word, token.x0 + offset * width, token.x0 + (offset + len(word)) * width))
            offset += len(word) + 1
    return cells if line.positioned and cells and all(squash(c.text) in names for c in cells) else []


def _sub_column_roles(
    kind: str, header: list[TextLine], names: dict[str, str]
) -> tuple[list[str], list[Token] | None]:
    """A header whose lowest line names sub-columns under every column (合计 {预算数, 决算数} …): the
    sub-columns, taken in groups left to right, belong to the columns above in their order, each role
    with its sub-column's suffix. Every column must have each sub-column once, else the header is not
    understood."""
    subs = _sub_cells(header[-1], names)
    parents = [
        (role, stack)
        for stack in _header_columns(header[:-1], kind)
        if (role := _column_role(stack, kind)) is not None
    ]
    if not parents:
        return [], None
    width = len(set(names.values()))
    groups = [subs[i : i + width] for i in range(0, len(subs), width)]
    if len(groups) != len(parents) or any(len({squash(c.text) for c in g}) != width for g in groups):
        return [], None  # columns left to right, each with every sub-column once
    roles = [
        role + names[squash(sub.text)]
        for (role, _), group in zip(parents, groups, strict=True)
        for sub in group
    ]
    return roles, [Token(role, sub.x0, sub.x1) for role, sub in zip(roles, subs, strict=True)]


def _role_header(kind: str | None, role: str) -> str:
    """How a column is named in reports: its role's header, and its sub-column (公务接待费（预算数）)."""
    base, _, suffix = role.partition("@")
    header = ROLE_HEADERS.get(base, base)
    spec = KINDS.get(kind or "")
    names = {value: name for name, value in spec.sub_columns.items()} if spec else {}
    return f"{header}（{names[f'@{suffix}']}）" if suffix and f"@{suffix}" in names else header


def _stack_centre(stack: list[Token]) -> float:
    return (min(t.x0 for t in stack) + max(t.x1 for t in stack)) / 2


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
    widest = max((len(p.amounts) for p in parsed), default=0)
    header = [p.line for p in parsed[:first_data] if not p.is_data]
    roles, places = _header_roles(table, header, widest)
    if not positioned and len(roles) < widest:
        # Flattened text may print header lines after the body (positioned text has the header on top)
        header = [p.line for p in parsed if not p.is_data]
        roles, places = _header_roles(table, header, widest)
    if not roles and any(p.amounts for p in parsed):
        return _unread(
            table, findings, "表头的列未能识别（或同一列名出现多次），无法确定各金额所在的列", table.source
        )
    if places is None and (cut := name_cut_short(" ".join(line.text for line in header), table.kind, roles)):
        return _unread(table, findings, f"表头中的「{cut}」是折行的列名，无法确定表头有哪些列", table.source)
    table.columns = [Column(header=_role_header(table.kind, role), role=role) for role in roles]
    width = len(roles)
    # the rows a positioned line takes its columns from (none where no line is positioned: flattened text)
    placed = positioned or any(not p.plain and p.line.positioned for p in parsed)  # a plain row: no positions
    full = [p for p in parsed if len(p.amounts) == width] if placed else []
    full_lines = [f.line.source.line or 0 for f in full]
    in_order = all(a <= b for a, b in pairwise(full_lines))
    orders = (tuple(range(len(roles))),)
    if places is None:  # the printed order is unknown: every template's order is possible
        orders += tuple(
            tuple(roles.index(r) for r in order if r in roles)
            for order in COLUMN_ORDERS.get(table.kind or "", [])
            if set(roles) <= set(order)
        )
    if _lists_details(table.kind, header, roles):
        parsed = _listed_rows(parsed)
        if parsed is None:
            return _unread(table, findings, "明细表的合计行或分类行（一、货物 …）未能逐一读出", table.source)
    lines = full_lines if in_order else None
    rows, unit, options = table.rows, table.unit, _options(orders)
    for p in parsed:
        if p.plain:
            rows.append(_row_of_plain(p, options, unit))
            continue
        role = None if p.code else (row_role(p.label) if p.label else "total")
        # 工程类 with nothing printed is still a row
        if p.is_data or role in {"goods", "works", "services"}:
            line = p.line
            # Amounts stand under the amounts of a row that printed every column; header cells are
            # centred over their column and only order the placements, never decide them.
            reference = _nearest(line, full, lines) if full and line.positioned else None
            decisive = reference is not None and line.exact
            reference = reference or places
            row = _row(line.source, p.code, p.label, role, p.amounts, options, reference, unit, decisive)
            rows.append(row)
    return table


def _lists_details(kind: str | None, header: list[TextLine], roles: list[str]) -> bool:
    """A header with one amount column that names every detail column of its kind."""
    spec = KINDS.get(kind or "")
    text = squash(" ".join(line.text for line in header))
    return bool(spec and spec.detail_columns and len(roles) == 1) and all(
        phrase in text for phrase in spec.detail_columns
    )


_CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _listed_rows(parsed: list[_Parsed]) -> list[_Parsed] | None:
    """The rows a detail list is read by: its 合计 (the first row, one amount) and its numbered rows
    that name a role (一、货物 A, 二、工程 B …), each printed once with its one amount; the
    details under them, whose names share the line with text cells of other columns, are left out.
    None when these rows cannot be told."""
    data = [p for p in parsed if p.is_data]
    if not data or row_role(data[0].label) != "total" or len(data[0].amounts) != 1:
        return None
    listed = [data[0]]
    for p in data[1:]:
        if _CATEGORY.match(p.label):
            if row_role(p.label) is None or len(p.amounts) != 1:
                return None
            listed.append(p)
    roles = [row_role(p.label) for p in listed]
    return listed if len(set(roles)) == len(roles) else None


_MALFORMED_CODE = re.compile(r"^(\d{1,3}(?: \d{1,2}){1,2}) (?=\D)")
_HEADER_WORDS = re.compile(r"^(?:[类款项]|科目编码|科目名称|支出功能分类|功能分类|项目)+$")
_HEADERISH = re.compile(r"编码|科目名称|^项目|^合计|^金额|^[类款项]+$|预算数|决算数|^单位[:：]|说明")


def _wrap_piece(p: _Parsed) -> bool:
    return not p.is_data and bool(p.label) and not _HEADERISH.search(p.label) and row_role(p.label) is None


def _disagree(a: Row, b: Row) -> bool:
    """Two rows that print different figures in the same column."""
    return any(x.printed and y.printed and x.value != y.value for x, y in zip(a.cells, b.cells, strict=False))


def _apart(a: list[Token], b: list[Token]) -> bool:
    """No figure of ``a`` stands in the column of a figure of ``b``."""
    return not any(x.x0 < y.x1 and y.x0 < x.x1 for x in a for y in b)


def _wrapped_both_ways(parsed: list[_Parsed], k: int) -> bool:
    """A coded row whose name runs over three lines, the row's own in the middle (机关事业单位 /
    2080505 基本养老保险 446.11 / 缴费支出): a name piece directly below it."""
    below = parsed[k + 1] if k + 1 < len(parsed) else None
    return below is not None and _wrap_piece(below) and _next_line(parsed[k].line, below.line)


def _join_wrapped(parsed: list[_Parsed]) -> list[_Parsed]:
    """A name too long for its cell wraps onto the lines next to the row's figures
    (机关事业单位基本养老保险缴费支 / 208 05 05 4,412,547 / 出): a name-only line directly above a coded
    row that printed no name, or directly below a coded row, is part of that row's name; figures alone
    on the line right under a row are that row's."""
    used: set[int] = set()
    for k, p in enumerate(parsed):
        following = parsed[k + 1] if k + 1 < len(parsed) else None
        if (
            p.code
            and not p.label
            and not p.amounts
            and following is not None
            and not following.code
            and following.amounts
            and (
                _next_line(p.line, following.line)
                or (bool(following.label) and following.line.index - p.line.index == 1)
            )
        ):  # the code printed half a line above its row (22102 / 住房改革支出 461.08 …); in page text
            # (no positions) the row right under it with a name and figures
            p.label, p.amounts[:] = following.label, following.amounts
            used.add(k + 1)
            continue
        if k in used:
            continue
        if not p.code and p.amounts and (not p.label or _HEADER_WORDS.match(p.label)):
            # figures alone on a line belong to the row right above (printed a little below its line),
            # or to the row right below when only there they fill columns that row left blank (a
            # figure centred in a tall cell stands above its label's line)
            up = parsed[k - 1] if k > 0 and k - 1 not in used else None
            down = parsed[k + 1] if k + 1 < len(parsed) else None
            up_ok = up is not None and up.is_data and _next_line(up.line, p.line)
            down_ok = down is not None and down.is_data and (down.code or down.label)
            down_ok = down_ok and _next_line(p.line, down.line) and _apart(p.amounts, down.amounts)
            if up_ok and (_apart(p.amounts, up.amounts) or not down_ok):
                up.amounts[:] = sorted([*up.amounts, *p.amounts], key=lambda t: t.x0)
                used.add(k)
            elif down_ok:
                down.amounts[:] = sorted([*p.amounts, *down.amounts], key=lambda t: t.x0)
                used.add(k)
            continue
        if not p.code:
            continue
        above = parsed[k - 1] if k > 0 else None
        if (
            above is not None
            and not above.is_data  # as _wrap_piece asks first: most rows' neighbours are rows
            and k - 1 not in used
            and _wrap_piece(above)
            and _next_line(above.line, p.line)
        ):
            before = parsed[k - 2] if k > 1 else None
            tail_of_before = before is not None and before.is_data and _next_line(before.line, above.line)
            if not p.label or (not tail_of_before and _wrapped_both_ways(parsed, k)):
                p.label = above.label + p.label
                used.add(k - 1)
        j = k + 1
        while (
            j < len(parsed)
            and not parsed[j].is_data
            and _wrap_piece(parsed[j])
            and _next_line(parsed[j - 1].line, parsed[j].line)
        ):
            after = parsed[j + 1] if j + 1 < len(parsed) else None
            if (
                after is not None
                and after.code
                and _next_line(parsed[j].line, after.line)
                and (not after.label or (j > k + 1 and _wrapped_both_ways(parsed, j + 1)))
            ):
                break  # the head of the next row's name, not the tail of this one
            p.label += parsed[j].label
            used.add(j)
            j += 1
    return [p for i, p in enumerate(parsed) if i not in used] if used else parsed


def _nearest(at: TextLine, full: list[_Parsed], lines: list[int] | None) -> list[Figure]:
    """The amounts of the closest row of ``full`` (rows that printed every column) to a positioned line:
    where the columns stand, the earlier of two as close. ``lines``: the line of each of ``full`` when
    in order (found by bisection, not by a pass over every row for every row), else None."""
    line = at.source.line or 0
    if lines is None:
        return min(full, key=lambda f: abs((f.line.source.line or 0) - line)).amounts
    i = bisect_left(lines, line)  # the first at or after the line
    if i == len(lines) or (i and line - lines[i - 1] <= lines[i] - line):
        i = bisect_left(lines, lines[i - 1])  # the first of those closest before it
    return full[i].amounts


def _two_sided(table: Table, body: list[TextLine]) -> list[Table]:
    """Split each line into its income-side and expense-side entries by the labels' meaning."""
    header_text = ""
    header_lines: list[TextLine] = []
    entries: dict[str, list[tuple[Source, str, list[Figure]]]] = {"income": [], "expense": []}
    seen_amounts = False
    for line in _join_wrapped_labels(_join_wrapped_entries(body)):
        pieces = _label_runs(line.tokens)
        sides = [side_of_label(label) for label, _ in pieces]
        has_amounts = any(amounts for _, amounts in pieces)
        # Before the first figure, labels are the header (本年收入 / 本年支出 over the two sides).
        if not has_amounts and (not seen_amounts or not any(sides)):
            header_text += " " + line.text
            header_lines.append(line)
            continue
        seen_amounts = seen_amounts or has_amounts
        previous = None
        for (label, amounts), side in zip(pieces, sides, strict=True):
            # An unrecognised label (合计) takes its position: first entry income, later ones expense.
            side = side or ("expense" if previous else "income")
            entries[side].append((line.source, label, amounts))
            previous = side
    expense_roles = _expense_side_roles(table.kind, header_text, header_lines)
    tables = []
    for side, roles in (("income", ["total"]), ("expense", expense_roles)):
        part = table.model_copy(  # of a table with no rows or columns yet: what a deep copy would give
            update={
                "side": side,
                "columns": [Column(header=ROLE_HEADERS[r], role=r) for r in roles],
                "rows": [],
                "notes": list(table.notes),
            }
        )
        carry = False
        options = _options((tuple(range(len(roles))),))
        for source, label, amounts in entries[side]:
            role = row_role(label)
            if role == "total":
                role = f"{side}_total"
            code = class_code(label) if side == "expense" else None
            role = None if code else role  # 国有资本经营预算支出 is 类 223, not a source
            if not (amounts or role or code):
                continue  # a header word such as 收入 / 支出
            if role in {"carry_over", "carry_forward"}:
                carry = True
            elif role in {"income_total", "expense_total", "income_current", "expense_current"}:
                carry = False
            elif carry and role is not None:
                role = f"{role}@carry"  # a source listed under 上年结转 / 结转下年
            part.rows.append(_row(source, code, label, role, amounts, options, None, part.unit))
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
        starts_with_amount = bool(line.tokens) and is_amount(line.tokens[0].text)
        head = out[-1] if out else None
        following = body[i + 1] if i + 1 < len(body) else None
        if starts_with_amount and following is not None and _fills_below(line, following):
            # figures centred in a tall cell, printed a line above their labels (2,940.05 /
            # 本年收入合计   本年支出合计   2,940.05): they take the blank cells of the line below
            skip = 1
            tokens = sorted([*line.tokens, *following.tokens], key=lambda t: t.x0)
            text = " ".join(t.text for t in tokens)
            below = following
            out.append(TextLine(below.source, text, tokens, below.exact, below.index, below.y))
        elif starts_with_amount and head is not None and _lone_label(head) and _next_line(head, line):
            label = head.tokens[0]
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


def _named(label: str) -> bool:
    return class_code(label) is not None or row_role(label) is not None


def _join_wrapped_labels(body: list[TextLine]) -> list[TextLine]:
    """A summary-table label wrapped over two or three lines where positions cannot tell (page text:
    五、文化旅游体育与 / 传媒支出 380,000 380,000, or 八、城乡社区 47,543,930 … / 支出): a label printed
    with figures that names no row or 类 takes the label-only lines directly above or below it when
    only together they name one."""
    used: set[int] = set()
    joined: dict[int, TextLine] = {}

    def piece(j: int) -> str | None:
        ok = 0 <= j < len(body) and j not in used and _lone_label(body[j])
        return body[j].tokens[0].text if ok and not _named(body[j].tokens[0].text) else None

    def run(first: int, last: int) -> bool:
        return all(body[j + 1].index - body[j].index == 1 for j in range(first, last))

    for i, line in enumerate(body):
        if i in used:
            continue
        tokens = list(line.tokens)
        for k, token in enumerate(tokens[:-1]):
            if is_amount(token.text) or _named(token.text):
                continue
            if not is_amount(tokens[k + 1].text):
                continue
            for above, below in ((1, 0), (0, 1), (1, 1), (2, 0), (0, 2)):
                lines = list(range(i - above, i + below + 1))
                texts = [token.text if j == i else piece(j) for j in lines]
                if lines[0] < 0 or None in texts or not run(lines[0], lines[-1]):
                    continue
                if _named(label := "".join(texts)):
                    tokens[k] = Token(label, token.x0, token.x1)
                    used.update(j for j in lines if j != i)
                    break
        if tokens != line.tokens:
            text = " ".join(t.text for t in tokens)
            joined[i] = TextLine(line.source, text, tokens, line.exact, line.index)
    return [joined.get(i, line) for i, line in enumerate(body) if i not in used]


def _fills_below(line: TextLine, below: TextLine) -> bool:
    """A line of figures alone, right above a line of labels that prints no figure where these stand."""
    if not _next_line(line, below) or _lone_label(below) or not line.positioned:
        return False
    if any(not is_amount(t.text) for t in line.tokens):
        return False
    figures = [t for t in below.tokens if is_amount(t.text)]
    labels = [t for t in below.tokens if not is_amount(t.text)]
    return bool(labels) and labels[0].x0 < line.tokens[0].x0 and _apart(line.tokens, figures)


def _lone_label(line: TextLine) -> bool:
    return len(line.tokens) == 1 and not is_amount(line.tokens[0].text)


def _next_line(a: TextLine, b: TextLine) -> bool:
    """Two lines printed one right under the other (layout text keeps blank lines between rows; the
    PDF reader numbers a wide vertical gap as one), as a cell wrapped over lines is."""
    return a.positioned and b.index - a.index == 1


def _lists_items(body: list[TextLine]) -> bool:
    """A 三公 table printed with the items as rows (合计 / 因公出国 / 公务接待 / 公务用车 …)."""
    firsts = [row_role(line.tokens[0].text) for line in body if len(line.tokens) > 1 and _has_amount(line)]
    return sum(1 for role in firsts if role in THREE_PUBLIC_ITEMS) >= 2 and "total" in firsts


def _has_amount(line: TextLine) -> bool:
    return any(is_amount(token.text.rstrip("%")) for token in line.tokens[1:])


def _items_table(table: Table, body: list[TextLine], kind: str) -> Table:
    """The items are rows and the columns are years or changes (上年决算数 | 本年决算数 | 增减金额 |
    增减幅度). Percentages are kept with the unit %."""
    table.kind = kind
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


def _expense_side_roles(kind: str, header: str, lines: list[TextLine]) -> list[str]:
    """The expense side's amount columns: 合计, then those of the kind's expense columns the header
    names (the funds of a 财政拨款收支总表, the spending split of some 收支总表). A header whose
    cells are stacked over lines (一般公共 / 预算财政 / 拨款) is read by position where known."""
    found = set(roles_in_text(header, "procurement")) | set(roles_in_text(header, "expense"))
    found |= set(roles_in_text(header, "general_basic_expense"))
    if lines and all(line.positioned for line in lines):
        found |= {role for stack in _header_columns(lines, kind) if (role := _column_role(stack, kind))}
    if {"personnel", "public"} <= found:
        found.discard("basic")  # a group header over 人员经费 and 公用经费
    return ["total"] + [role for role in KINDS[kind].expense_columns if role in found]


def _label_runs(tokens: list[Token]) -> list[tuple[str, list[Figure]]]:
    """``一、本年收入 4,683.96 一、本年支出 4,683.96 4,683.96`` → [(label, amounts), …].

    Consecutive label tokens each start a new entry: a flattened two-sided line may hold an income
    label with blank amount right before an expense label.
    """
    runs: list[tuple[str, list[Figure]]] = []
    for token in tokens:
        if (parsed := parse_amount(token.text)) is not None:
            if not runs:
                runs.append(("", []))  # figures no label on the line takes: an entry of their own
            runs[-1][1].append(_new_tuple(Figure, token + parsed))
        else:
            runs.append((token.text, []))
    return runs


def _row(
    source: Source,
    code: str | None,
    label: str,
    role: str | None,
    amounts: list[Figure],
    options: _Options,
    reference: list[Token] | list[Figure] | None,
    unit: str | None,
    decisive: bool = False,
) -> Row:
    """``options``: for each count of amounts, the column placements the table allows (``_options``)."""
    label = strip_numbering(label) or ("合计" if role == "total" else "")
    printed = [Cell(value, dec, text, unit, own or source) for text, _, _, own, value, dec in amounts]
    return _placed(source, code, label, role, printed, options, unit, amounts, reference, decisive)


def _row_of_plain(p: _Parsed, options: _Options, unit: str | None) -> Row:
    """A plain row's Row: a cell for each of its amounts (the same figure again, 合计 and the one part
    it sums, shares its value), placed as a row without positions is. Its line is the row's."""
    p.line.plain_row = True
    source = p.line.source
    printed = []
    last = value = decimals = None
    for text in p.amounts:
        if text != last:
            dot = text.find(".")
            value, decimals = Decimal(text.replace(",", "")), len(text) - dot - 1 if dot >= 0 else 0
            last = text
        printed.append(Cell(value, decimals, text, unit, source))
    return _placed(source, p.code, without_numbering(p.label), None, printed, options, unit)


def _placed(
    source: Source,
    code: str | None,
    label: str,
    role: str | None,
    printed: list[Cell],
    options: _Options,
    unit: str | None,
    amounts: list[Figure] | None = None,
    reference: list[Token] | list[Figure] | None = None,
    decisive: bool = False,
) -> Row:
    """The row of its ``printed`` cells, in the first placement of those the table allows that the
    ``reference`` positions of its ``amounts`` (if any) leave; the others kept as its candidates."""
    width = len(options) - 1
    if len(printed) > width:  # kept whole so that the block reader can report it
        return Row(code, label, role, printed, source)
    allowed, first = options[len(printed)]
    if reference is not None and len(allowed) > 1:
        allowed = _placements(amounts, allowed, width, reference, decisive)
        first = _gather(tuple(allowed[0]), width)
    cells = printed if first is None else _cells(printed, first, width, source, unit)
    if len(allowed) == 1:
        return Row(code, label, role, cells, source)
    return Row(code, label, role, cells, source, printed, allowed)


def _placements(
    amounts: list[Figure],
    allowed: tuple[list[int], ...],
    width: int,
    reference: list[Token] | list[Figure],
    decisive: bool,
) -> list[list[int]]:
    """The column placements of ``amounts`` that the possible column orders allow, nearest to the
    reference positions first. With a ``decisive`` reference, a placement whose amounts stand clearly
    under their columns is the only one kept."""
    placements = list(allowed)

    def distance(option: list[int]) -> float:
        return sum(abs(_centre(a) - _centre(reference[c])) for a, c in zip(amounts, option, strict=True))

    placements.sort(key=distance)
    best, second = distance(placements[0]), distance(placements[1])
    gap = min(_centre(reference[i + 1]) - _centre(reference[i]) for i in range(width - 1)) if width > 1 else 0
    if decisive and second - best >= gap / 2:
        return placements[:1]
    return placements


_Options = tuple[tuple[list[list[int]], "itemgetter | None"], ...]
"""For each count of amounts, the placements a table allows and what takes the first (``_options``)."""


@lru_cache(maxsize=256)
def _options(orders: tuple[tuple[int, ...], ...]) -> _Options:
    """For each count of amounts a row can print (none to one a column), the placements the column
    ``orders`` allow (column indices, left to right; the first order is the header's own), without
    repeats, and what takes a row's cells in the first of them (``_gather``; None for a row that
    printed every column in the one order allowed: its cells as printed). Worked out once for a table,
    not for each of its rows: every row placed so shares the list as its candidates (never changed:
    placement narrows a row's candidates by replacing them)."""
    width = len(orders[0])
    found = []
    for count in range(width + 1):
        allowed = list(map(list, dict.fromkeys(c for order in orders for c in combinations(order, count))))
        whole = count == width and len(allowed) == 1  # the header's order, the first of the orders
        found.append((allowed, None if whole else _gather(tuple(allowed[0]), width)))
    return tuple(found)


def _centre(token: Token | Figure) -> float:
    return (token.x0 + token.x1) / 2


def _cells(
    printed: list[Cell], gather: itemgetter, width: int, source: Source, unit: str | None
) -> list[Cell]:
    """The row's cells: its printed cells where ``gather`` (``_gather``) puts them, one blank cell in
    every other column (blanks never change: ``placement.place`` shares them too)."""
    blank = Cell(None, None, "", unit, source) if len(printed) < width else None
    cells = gather([*printed, blank])
    return list(cells) if width > 1 else [cells]


@lru_cache(maxsize=1024)
def _gather(placement: tuple[int, ...], width: int) -> itemgetter:
    """What takes a row's cells, in their columns, from its printed cells followed by a blank one:
    the same for every row placed so (an item getter, not a loop over each row's cells)."""
    return itemgetter(*printed_in(placement, width))

"""A table printed as two panels side by side (基本支出决算表: 人员经费 ‖ 公用经费), each with its own
economic codes, names and one amount column, read as one table of economic rows.

Each line is cut where the right panel starts: at the header's repeated column (经济分类 printed twice)
or at an economic code standing right of the left panel's code column. In a panel, a row is anchored on
its 类 code (301, or 30101 in one code column) or on the panel's total label (人员经费合计); the amounts,
款 codes and name pieces that the template centres vertically in a tall cell stand on lines above or
below it. Each amount and each 款 goes to one row, rows and amounts in the same order, the nearest
overall; an assignment that is not the only nearest one is not read. A name piece goes to the nearest
row, measured from its 款 where that stands on a line of its own (the centre of a tall cell); on a tie
to one that printed no name on its own line, then to the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..amounts import parse_amount
from ..model import Cell, Column, Row, Source, Table
from ..recognise import OWN_ROW_ROLES, row_role, squash
from .blocks import TextLine, Token

_CODE = re.compile(r"^\d{3}(\d{2})?$")
_SUBCODE = re.compile(r"^\d{2}$")
PAGE_SPAN = 100_000.0
"""Vertical positions of different pages never come near one another."""


@dataclass
class _Anchor:
    """A row of one panel: its code or total label, and what was assigned to it."""

    v: float
    source: Source
    code: str | None = None
    role: str | None = None
    own_name: bool = False
    names: list[tuple[float, str]] = field(default_factory=list)
    amount: Token | None = None
    amount_source: Source | None = None
    centre: float | None = None
    """Where the row's cells are centred, when a 款 code printed on a line of its own shows it."""

    @property
    def middle(self) -> float:
        return self.v if self.centre is None else self.centre


def read_panels(table: Table, body: list[TextLine]) -> str | None:
    """Fill ``table`` with the rows of both panels; the reason it could not be read, or None."""
    if not all(line.positioned for line in body):
        return "本表分两栏并列印出，文字未保留列位置，未能按栏读取"
    first = next((i for i, line in enumerate(body) if _starts_with_code(line.tokens)), None)
    if first is None:
        return "本表分两栏并列印出，未找到经济分类科目编码，未能按栏读取"
    boundary = _boundary(body[:first])
    if boundary is None:
        return "本表分两栏并列印出，表头未示出两栏的分界，未能按栏读取"
    split, width = boundary
    code_column = min(line.tokens[0].x0 for line in body[first:] if _starts_with_code(line.tokens))
    panels: list[list[tuple[TextLine, list[Token]]]] = [[], []]
    for line in body[first:]:
        left, right = _cut(line.tokens, split, code_column, width)
        for panel, tokens in zip(panels, (left, right), strict=True):
            if tokens:
                panel.append((line, tokens))
    table.columns = [Column(header="决算数", role="total")]
    for panel in panels:
        rows = _panel_rows(panel, table.kind)
        if isinstance(rows, str):
            table.rows = []
            return rows
        table.rows += rows
    return None


def _starts_with_code(tokens: list[Token]) -> bool:
    return bool(tokens) and bool(_CODE.match(tokens[0].text)) and tokens[0].text.startswith("3")


def _boundary(header: list[TextLine]) -> tuple[float, float] | None:
    """Where the right panel starts (the leftmost header cell printed a second time), and the width
    of a character."""
    seen: dict[str, float] = {}
    seconds: list[float] = []
    widths: list[float] = []
    for line in header:
        for token in sorted(line.tokens, key=lambda t: t.x0):
            text = squash(token.text)
            widths.append((token.x1 - token.x0) / max(len(token.text), 1))
            if text in seen and token.x0 > seen[text]:
                seconds.append(token.x0)
            seen.setdefault(text, token.x0)
    if not seconds:
        return None
    return min(seconds), sorted(widths)[len(widths) // 2]


def _cut(
    tokens: list[Token], split: float, code_column: float, width: float
) -> tuple[list[Token], list[Token]]:
    """A line's tokens of the left panel and of the right one."""
    for k, token in enumerate(tokens):
        right_code = _CODE.match(token.text) and token.x0 > code_column + 2 * width
        if token.x0 >= split - 2 * width or right_code:
            return tokens[:k], tokens[k:]
    return tokens, []


def _vertical(line: TextLine) -> float:
    if line.y is not None:
        return line.y + (line.source.page or 0) * PAGE_SPAN
    return float(line.index)


def _panel_rows(panel: list[tuple[TextLine, list[Token]]], kind: str | None) -> list[Row] | str:
    anchors: list[_Anchor] = []
    amounts: list[tuple[float, Token, Source]] = []
    subcodes: list[tuple[float, str]] = []
    names: list[tuple[float, str]] = []
    for line, tokens in panel:
        v = _vertical(line)
        rest = list(tokens)
        anchor = None
        if _CODE.match(rest[0].text):
            anchor = _Anchor(v, line.source, code=rest.pop(0).text)
            if len(anchor.code) == 3 and rest and _SUBCODE.match(rest[0].text):
                anchor.code += rest.pop(0).text
        elif (role := row_role(rest[0].text, kind)) in OWN_ROW_ROLES.get(kind or "", set()):
            anchor = _Anchor(v, line.source, role=role, own_name=True)
            anchor.names.append((v, rest.pop(0).text))
        if anchor is not None:
            anchors.append(anchor)
        named = False
        for token in rest:
            if _SUBCODE.match(token.text) and not named:
                subcodes.append((v, token.text))
            elif parse_amount(token.text) is not None:
                amounts.append((v, token, line.source))
            else:
                named = True
                if anchor is not None:
                    anchor.own_name = True
                    anchor.names.append((v, token.text))
                else:
                    names.append((v, token.text))
    if not anchors:
        return []
    if len({v for v, _, _ in amounts}) < len(amounts):
        return "本表分两栏并列印出，一栏的同一行有两个金额，未能按栏读取"
    open_classes = [a for a in anchors if a.code and len(a.code) == 3]
    sub = _assign([v for v, _ in subcodes], [a.v for a in open_classes])
    if sub is None:
        return "本表分两栏并列印出，款级编码与类级编码的对应不唯一，未能按栏读取"
    for (v, text), k in zip(subcodes, sub, strict=True):
        open_classes[k].code += text
        open_classes[k].centre = v  # a 款 printed on a line of its own stands at its cell's centre
    placed = _assign([v for v, _, _ in amounts], [a.v for a in anchors])
    if placed is None:
        return "本表分两栏并列印出，金额与科目行的对应不唯一（居中印出的金额离两行一样近），未能按栏读取"
    for (_, token, source), k in zip(amounts, placed, strict=True):
        anchors[k].amount, anchors[k].amount_source = token, source
    for v, text in names:
        _nearest(anchors, v).names.append((v, text))
    rows = []
    for anchor in anchors:
        label = "".join(squash(text) for _, text in sorted(anchor.names, key=lambda n: n[0]))
        cell = Cell(source=anchor.source)
        if anchor.amount is not None:
            value, decimals = parse_amount(anchor.amount.text)
            source = anchor.amount.source or anchor.amount_source or anchor.source
            cell = Cell(value=value, decimals=decimals, text=anchor.amount.text, source=source)
        rows.append(Row(code=anchor.code, label=label, role=anchor.role, cells=[cell], source=anchor.source))
    return rows


def _nearest(anchors: list[_Anchor], v: float) -> _Anchor:
    """The row a name piece belongs to: the nearest; on a tie one without a name on its own line, then
    the one above."""
    return min(anchors, key=lambda a: (abs(a.middle - v), a.own_name, a.middle > v))


def _assign(items: list[float], slots: list[float]) -> list[int] | None:
    """Each item to its own slot, in order (monotone), with the least total distance; None when there
    is no such assignment or more than one."""
    n, m = len(items), len(slots)
    if n > m:
        return None
    inf = float("inf")
    # best[i][j]: least cost of placing the first i items in the first j slots; ways: how many optima
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    ways = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j], ways[0][j] = 0.0, 1
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            skip = best[i][j - 1]
            take = best[i - 1][j - 1] + abs(items[i - 1] - slots[j - 1])
            best[i][j] = min(skip, take)
            ways[i][j] = min(
                2,
                (ways[i][j - 1] if _close(skip, best[i][j]) else 0)
                + (ways[i - 1][j - 1] if _close(take, best[i][j]) else 0),
            )
    if ways[n][m] != 1:
        return None
    placed, j = [], m
    for i in range(n, 0, -1):
        while not _close(best[i - 1][j - 1] + abs(items[i - 1] - slots[j - 1]), best[i][j]):
            j -= 1
        placed.append(j - 1)
        j -= 1
    return placed[::-1]


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6

"""A table's note must fit its table (``test``): a note saying the table has no data while the table has
figures (``says_empty``), or a note about another table's money — "本部门无政府性基金收支" under the
国有资本经营预算支出表, a 三公 note under the 政府性基金 table — copied from elsewhere (``other_table``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..model import Row, Table
from ..rules import Rule
from .base import Context, violation

_SAYS_EMPTY = re.compile(r"(?:此|本)表(?:无数据|为空|无内容)|空表")
# The money a table of each kind is about, as its note would name it.
_OWN_WORDS = {
    "gov_fund_expense": "政府性基金",
    "state_capital_expense": "国有资本经营",
    "three_public": "三公",
    "procurement": "采购",
}


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    test = rule.params["test"]
    for table in ctx.document.tables:
        for note in table.notes:
            if test == "says_empty" and _SAYS_EMPTY.search(note) and not table.is_empty:
                message = ctx.zh_en(
                    f"备注说本表无数据，但表中有数字：{note}",
                    f"the table's note says it is empty, but it has figures: {note}",
                )
                yield violation(rule, ctx, table, _anchor(table, note), None, None, message, [])
            elif test == "other_table" and (other := _other_money(table, note)):
                message = ctx.zh_en(
                    f"备注说的是{other}，不是本表：{note}",
                    f"the table's note is about {other}, not this table: {note}",
                )
                yield violation(rule, ctx, table, _anchor(table, note), None, None, message, [])


def _other_money(table: Table, note: str) -> str | None:
    """The other kind of money a note names, when it does not name its own table's."""
    own = _OWN_WORDS.get(table.kind or "")
    if own is None or own in note:
        return None
    return next((word for kind, word in _OWN_WORDS.items() if kind != table.kind and word in note), None)


def _anchor(table: Table, note: str) -> Row:
    """The note's own line (where the fix goes), else the table's."""
    source = next((line.source for line in table.lines if line.text.strip() == note.strip()), table.source)
    return Row(label=table.title or table.label, source=source)

"""Empty tables: a table with no figures is still printed, with a note saying why; and the summary
tables then carry no figures for that fund either (表五 empty ⇒ 表一 政府性基金 empty)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..model import Row, Table
from ..rules import Rule
from .base import Context, amount_text, cell_ref, find_rows, violation

_EXPLAINS = re.compile(r"无|没有|未安排|不涉及|为0|为零|空表|\b0\s*万?元")
_FUND = {"gov_fund_expense": "政府性基金", "state_capital_expense": "国有资本经营"}


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    params = rule.params
    for table in ctx.tables(params["kinds"]):
        if not table.is_empty:
            continue
        if params.get("mode", "note") == "note":
            if _explained(ctx, table):
                continue
            message = ctx.zh_en(
                f"{table.label}{table.title}没有数据，也没有说明原因的备注",
                f"{table.label} {table.title} is empty and carries no note saying why",
            )
            yield violation(rule, ctx, table, _anchor(table), None, None, message, [])
        else:
            yield from _zero_figures(rule, ctx, table, params["zero"])


def _explained(ctx: Context, table: Table) -> bool:
    """A note under the table, or a sentence of the narrative about that fund, says why it is empty
    (江苏 says it in the 情况说明: “政府性基金支出预算支出 0 万元”)."""
    if any(_EXPLAINS.search(note) for note in table.notes):
        return True
    fund = _FUND.get(table.kind or "")
    if fund is None:
        return False
    # Sentences, not lines: the explanation often wraps (…政府性基金支出预算支出 / 0万元。).
    text = "".join(line.text for line in ctx.document.narrative)
    sentences = re.split(r"[。；;]", text)
    return any(fund in sentence and _EXPLAINS.search(sentence.replace(fund, "", 1)) for sentence in sentences)


def _anchor(table: Table) -> Row:
    return Row(label=table.title or table.label, source=table.source)


def _zero_figures(rule: Rule, ctx: Context, empty, specs: list[dict]) -> Iterator[Violation]:
    for spec in specs:
        for table in ctx.tables(spec["kind"], spec.get("side")):
            rows = find_rows(table, spec["row"]) if "row" in spec else table.rows
            columns = [table.column_index(spec["column"])] if "column" in spec else range(len(table.columns))
            for row in rows:
                for column in columns:
                    if column is None or not row.cells[column].amount:
                        continue
                    message = ctx.zh_en(
                        f"{empty.label}{empty.title}为空表，但{table.label}「{row.label}」"
                        f"{table.columns[column].header}为 {amount_text(row.cells[column])}",
                        f"{empty.label} is empty, yet {table.label} [{row.label}] "
                        f"{table.columns[column].header} is {amount_text(row.cells[column])}",
                    )
                    yield violation(
                        rule, ctx, table, row, column, None, message, [cell_ref(table, row, column)]
                    )

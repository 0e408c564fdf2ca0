"""Empty tables: a table with no figures is still printed, with a note saying why; and the summary
tables then carry no figures for that fund either (表五 empty ⇒ 表一 政府性基金 empty), nor does the
narrative state any ("政府性基金预算财政拨款支出100万元" beside a blank table)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Violation
from ..model import Row, Table
from ..rules import Rule
from .base import Context, amount_text, cell_ref, find_rows, violation

_EXPLAINS = re.compile(r"无|没有|未安排|不涉及|为0|为零|空表|\b0\s*(?:万\s*)?元")
_FUND = {
    "gov_fund_expense": "政府性基金",
    "state_capital_expense": "国有资本经营",
    "final_gov_fund": "政府性基金",
    "final_state_capital": "国有资本经营",
}


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """The tables whose cells ``run`` may read (see ``placement``)."""
    zero = rule.params.get("zero", [])
    return ctx.tables(rule.params["kinds"]) + [t for s in zero for t in ctx.tables(s["kind"], s.get("side"))]


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
        elif params["mode"] == "narrative":
            yield from _stated(rule, ctx, table, params["scope"])
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


def _stated(rule: Rule, ctx: Context, empty: Table, scope: str) -> Iterator[Violation]:
    """The narrative's amounts of the empty table's fund: each one that is not zero contradicts it."""
    from ..narrative.quantities import Quantities
    from .narrative_base import AMOUNT, narrative_violation

    for claim in Quantities.of(ctx).narrative.claims:
        if claim.scope != scope or claim.amount is None or not claim.amount.value:
            continue
        message = ctx.zh_en(
            f"{empty.label}{empty.title}为空表，但说明中「{claim.label}」为 {claim.amount.text}",
            f"{empty.label} is empty, yet the narrative states {claim.label} {claim.amount.text}",
        )
        yield narrative_violation(rule, ctx, claim, claim.amount.source, AMOUNT, None, message, [])

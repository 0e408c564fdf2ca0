"""The fewest-errors step of placement re-runs only the checks that read the row being settled. Its
results must be exactly those of counting every error of the whole document for each candidate (the
way placement first worked): here that count, kept as the reference, is run side by side with the
incremental one on the example, a sample of its mutations and the real documents with rows to settle,
and the findings are compared as JSON, byte for byte."""

from __future__ import annotations

import itertools
import json
import math

import pytest
from conftest import EXAMPLE, REALDOCS
from mutations import mutations
from pydantic import TypeAdapter

from budget_lint import placement
from budget_lint.checks import CHECK_KINDS, CHECK_UNITS
from budget_lint.engine import lint_document
from budget_lint.findings import Violation
from budget_lint.readers import read_document, read_text_document
from budget_lint.readers.flat_text import read_flat

TEXT = EXAMPLE.read_text(encoding="utf-8")
SAMPLE = mutations(TEXT)[::40]
# Real documents with rows left to the fewest-errors step, small enough for the whole-document count.
DOCUMENTS = [
    "03_shpt_shiquanlu_2026_unit_budget.txt",
    "07_shpt_fuliyuan_2024_unit_budget.txt",
    "27_shpt_czj_2024_dept_final.txt",
]


class WholeDocument:
    """The reference: for each candidate, every error of the document counted."""

    def __init__(self, groups, context, rows):
        self.groups, self.context = groups, context

    def _errors(self, rules) -> int:
        ctx = self.context()
        return sum(
            1
            for rule in rules
            if rule.check in CHECK_KINDS
            for v in CHECK_KINDS[rule.check](rule, ctx)
            if v.severity == "error"
        )

    def settle(self, row) -> None:
        kept = list(row.candidates)
        for rules in self.groups:
            if len(kept) < 2:
                break
            results = []
            for candidate in kept:
                placement.place(row, candidate)
                results.append((self._errors(rules), candidate))
            best = min(s for s, _ in results)
            kept = [c for s, c in results if s == best]
        placement._narrow(row, kept)
        if row.candidates:
            placement.place(row, row.candidates[0])

    def close(self) -> None:
        pass


_VIOLATIONS = TypeAdapter(list[Violation])


def _findings(document) -> str:
    return json.dumps(_VIOLATIONS.dump_python(lint_document(document), mode="json"), ensure_ascii=False)


def _both(monkeypatch, read):
    incremental = _findings(read())
    monkeypatch.setattr(placement, "_Scorer", WholeDocument)
    return incremental, _findings(read())


@pytest.mark.parametrize(
    "mutation", [None, *SAMPLE], ids=lambda m: f"{m.line}:{m.before}>{m.after}" if m else "example"
)
def test_example_and_mutations_as_by_whole_document_count(monkeypatch, mutation):
    text = mutation.apply(TEXT) if mutation else TEXT
    incremental, reference = _both(monkeypatch, lambda: read_flat(text, "example.txt"))
    assert incremental == reference


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_real_documents_as_by_whole_document_count(monkeypatch, name):
    incremental, reference = _both(monkeypatch, lambda: read_document(str(REALDOCS / name)))
    assert incremental == reference


def test_the_sample_settles_rows_by_score(monkeypatch):
    """The comparison means something only if rows reach the fewest-errors step."""
    settled = []
    original = placement._Scorer.settle
    monkeypatch.setattr(
        placement._Scorer, "settle", lambda self, row: (settled.append(row), original(self, row))
    )
    lint_document(read_flat(TEXT, "example.txt"))
    assert settled


def test_a_search_too_large_to_finish_is_said_so():
    """Forty 项 under one 款, each printing 合计 and one part: which of them are 基本支出 is a subset
    sum the search gives up on; the rows are reported ambiguous (BL001) saying the bound was hit, and
    the fewest-errors step does not guess them."""
    from decimal import Decimal

    amounts = [(k * 7919) % 90_000 + 100 for k in range(40)]
    basic = sum(a for k, a in enumerate(amounts) if k % 2 == 0)
    money = lambda cents: f"{Decimal(cents).scaleb(-2):,.2f}"  # noqa: E731
    rows = [f"201 一般公共服务支出 {money(sum(amounts))} {money(basic)} {money(sum(amounts) - basic)}", ""]
    rows += [f" 20101  人大事务 {money(sum(amounts))} {money(basic)} {money(sum(amounts) - basic)}", ""]
    rows += [
        line
        for k, a in enumerate(amounts)
        for line in (f"  20101{k + 1:02d}  项{k} {money(a)} {money(a)}", "")
    ]
    head = [
        "表一",
        "",
        "某部门一般公共预算财政拨款支出预算表",
        "",
        "单位：万元",
        "",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "",
    ]
    tail = [
        "",
        "表二",
        "",
        "某部门政府性基金预算支出表",
        "",
        "单位：万元",
        "",
        "本部门无政府性基金预算支出。",
    ]
    total = [f"{money(sum(amounts))} {money(basic)} {money(sum(amounts) - basic)}", ""]
    found = lint_document(read_flat("\n".join(head + total + rows + tail), "big.txt"))
    ambiguous = [v for v in found if v.code == "BL001"]
    assert len(ambiguous) == 40
    assert all(f"超过 {placement._SEARCH_BUDGET:,} 步" in v.message for v in ambiguous)


class WholeRule:
    """The reference for the findings kept on guessed rows: the whole rule re-run for each finding and
    each combination of the placements of its rows (the way ``engine._settled`` first worked, for one)."""

    def __init__(self, rows, ctx, found, asked):
        self.ctx = ctx

    def holds(self, violation, rule, rows) -> bool:
        if math.prod(len(row.candidates) for row in rows) > placement.COMBINATIONS:
            return False
        ctx = self.ctx

        def key(v):  # one row: whatever column the finding is in; several: in its own column
            return v.code, v.table, v.row, v.column if len(rows) > 1 else None, v.severity

        try:
            for combination in itertools.product(*(row.candidates for row in rows)):
                for row, candidate in zip(rows, combination, strict=True):
                    placement.place(row, candidate)
                if not any(key(v) == key(violation) for v in CHECK_KINDS[rule.check](rule, ctx)):
                    return False
        finally:
            for row in rows:
                placement.place(row, row.candidates[0])
        return True


def _generated(rows: int) -> str:
    """The example with a 表二 of generated rows, many of them left ambiguous (benchmarks/scale.py)."""
    import sys

    sys.path.insert(0, str(EXAMPLE.parents[1] / "benchmarks"))
    import scale

    return scale.in_example(rows)


@pytest.mark.parametrize("rows", [40, 400])
def test_findings_on_guessed_rows_as_by_whole_rule(monkeypatch, rows):
    text = _generated(rows)
    checked = []
    original = placement.Robustness.holds
    monkeypatch.setattr(
        placement.Robustness, "holds", lambda self, *a: (checked.append(a), original(self, *a))[1]
    )
    incremental = _findings(read_flat(text, "generated.txt"))
    assert checked, "no finding on a guessed row: the comparison would mean nothing"
    monkeypatch.setattr(placement, "Robustness", WholeRule)
    assert incremental == _findings(read_flat(text, "generated.txt"))


def test_findings_on_guessed_rows_whose_parts_depend_on_them_as_by_whole_rule(monkeypatch):
    """A rule whose very split reads a guessed row (say, its condition reads a funding row still
    ambiguous) is re-run whole in the other placements: made to happen here for every rule, as no
    document at hand has such a row."""
    text = _generated(40)

    def reading_every_row(split):
        def units(rule, ctx):
            for table in ctx.document.tables:
                for row in table.rows:
                    list(row.cells)
            yield from split(rule, ctx)

        return units

    checked = []
    whole = placement.Robustness._whole
    monkeypatch.setattr(placement, "CHECK_UNITS", {k: reading_every_row(v) for k, v in CHECK_UNITS.items()})
    monkeypatch.setattr(
        placement.Robustness, "_whole", lambda self, *a: (checked.append(a), whole(self, *a))[1]
    )
    incremental = _findings(read_flat(text, "generated.txt"))
    assert checked, "no rule re-run whole: the comparison would mean nothing"
    monkeypatch.setattr(placement, "Robustness", WholeRule)
    assert incremental == _findings(read_flat(text, "generated.txt"))


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_real_findings_on_guessed_rows_as_by_whole_rule(monkeypatch, name):
    incremental = _findings(read_document(str(REALDOCS / name)))
    monkeypatch.setattr(placement, "Robustness", WholeRule)
    assert incremental == _findings(read_document(str(REALDOCS / name)))


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_findings_on_several_guessed_rows_as_by_whole_rule(monkeypatch):
    """03 with 2010507 printed ``500,900 500,900``: the 20105 sums rest on two guessed rows (2010506,
    2010507), so every combination of their placements is tried."""
    lines = (REALDOCS / DOCUMENTS[0]).read_text(encoding="utf-8").split("\n")
    assert "2010507专项普查活动 500,000 500,000" in lines[290]
    lines[290] = lines[290].replace("500,000 500,000", "500,900 500,900")
    text = "\n".join(lines)
    checked = []
    original = placement.Robustness.holds
    monkeypatch.setattr(
        placement.Robustness, "holds", lambda self, *a: (checked.append(a), original(self, *a))[1]
    )
    incremental = _findings(read_text_document(text, DOCUMENTS[0]))
    assert any(len(rows) > 1 for _, _, rows in checked), "no finding on several guessed rows"
    monkeypatch.setattr(placement, "Robustness", WholeRule)
    assert incremental == _findings(read_text_document(text, DOCUMENTS[0]))


def _undeclared_reads(document) -> list[str]:
    """The rules whose check read a cell of a table its ``CHECK_READS`` does not name (nor the funding
    tables every check may read), every row of ``document`` watching its cells."""
    from budget_lint.checks import CHECK_READS
    from budget_lint.checks.base import FUNDING_TABLES, Context
    from budget_lint.rules import builtin_rules

    table_of = {id(row): table for table in document.tables for row in table.rows}
    for table in document.tables:
        for row in table.rows:
            placement._watch(row)
    ctx = Context(document)
    funding = {id(t) for t in ctx.tables(FUNDING_TABLES, "income")}
    undeclared = []
    for rule in builtin_rules():
        if rule.check in CHECK_READS:
            declared = funding | {id(t) for t in CHECK_READS[rule.check](rule, ctx)}
            reads = placement._Scorer._reads(lambda r=rule: list(CHECK_KINDS[r.check](r, Context(document))))
            undeclared += [
                f"{rule.code} {table_of[k].label}" for k in reads if id(table_of[k]) not in declared
            ]
    return undeclared


@pytest.mark.parametrize(
    "mutation", [None, *SAMPLE], ids=lambda m: f"{m.line}:{m.before}>{m.after}" if m else "example"
)
def test_declared_reads_cover_what_the_checks_read(mutation):
    """A rule whose declared tables hold no row to settle is not run to record what it reads: the
    declaration must name every table whose cells it reads."""
    text = mutation.apply(TEXT) if mutation else TEXT
    assert _undeclared_reads(read_flat(text, "example.txt")) == []


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
@pytest.mark.parametrize("name", sorted(p.name for p in REALDOCS.glob("*.txt")) if REALDOCS.exists() else [])
def test_declared_reads_cover_what_the_checks_read_in_real_documents(name):
    assert _undeclared_reads(read_document(str(REALDOCS / name))) == []


def test_each_tables_row_index_is_made_once_a_document(monkeypatch):
    """Placement's contexts and the checks' share the row indexes (``Context.indexes``): each table's is
    made once, not again in every context the document is checked in."""
    from budget_lint.checks import base

    made: list[int] = []
    index = base.TableRows.__init__

    def counted(self, table):
        made.append(id(table))
        index(self, table)

    monkeypatch.setattr(base.TableRows, "__init__", counted)
    document = read_flat(TEXT, str(EXAMPLE))
    lint_document(document)
    assert made and len(made) == len(set(made))

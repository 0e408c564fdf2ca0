"""Every amount of 表一…表九 changed by +0.01, and by swapping two adjacent digits, is reported as an
error at the changed line — except one figure that no identity of the document can pin down.

表四's 三公 total 15.79 and its 公务接待费 4.79 take part only in 合计 = 出国 + 用车 + 接待, where +0.01 is
within rounding; the narrative states both ("三公"经费预算 15.79 万元, 公务接待费 4.79万元), so +0.01 in the
table now disagrees with the narrative (BL405). Which of the two is wrong? The table cell also fails its own
sum by a residue while the narrative's figures add up, so the culprit localisation puts the error on the
table cell, line 502 (and a +0.01 in the narrative is reported at the narrative's line, see
test_narrative_mutation)."""

from __future__ import annotations

import pytest
from mutations import EXAMPLE, mutations

from budget_lint.engine import lint_document
from budget_lint.readers.flat_text import read_flat

TEXT = EXAMPLE.read_text(encoding="utf-8")
MUTATIONS = mutations(TEXT)

# +0.01 on these is within the rounding bound of every identity they take part in, and the narrative does
# not state them, so it cannot be told from a rounding residue (尾差); the kernel reports it as info.
WITHIN_ROUNDING = {
    (416, "2,449.71"),  # 表三 人员经费 total: = 301 + 303 (2 terms) and 合计 − 公用经费 (2 terms)
}


def _errors(text: str):
    return [v for v in lint_document(read_flat(text, "mutated.txt")) if v.severity == "error"]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.line}:{m.before}>{m.after}")
def test_mutation_is_an_error_at_its_line(mutation):
    errors = _errors(mutation.apply(TEXT))
    if mutation.kind == "plus-cent" and (mutation.line, mutation.before) in WITHIN_ROUNDING:
        assert not errors
        return
    assert errors, "not detected"
    assert mutation.line in {v.source.line for v in errors}, [(v.code, v.source.line) for v in errors]


def test_mutations_cover_every_table():
    assert len(MUTATIONS) > 600
    assert {m.line for m in MUTATIONS} >= {294, 328, 416, 502, 538, 570, 685, 787}

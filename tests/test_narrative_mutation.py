"""Every figure of the example's narrative (lines 1–284) that the document lets one check, changed, is
reported as an error at its line: each amount +0.01 (万元, as printed or with its 万/元 split over two
lines), each vehicle count +1, each 增加/减少 before an amount flipped, each year compared with
(比2022年) moved on by one.

Two figures cannot be checked: the 264.63万元 by which 机关运行经费 fell (the prior-year 机关运行经费 is
nowhere in the document), and so neither can its 减少. One is checked but cannot be pinned to its line:
"执勤执法用车 0辆" held (line 238) only takes part in 车辆 2辆 = 一般公务用车 2辆 + 执勤执法用车 0辆, so
changing it is reported at the total (line 236), like a table row that only its parent sum involves.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import EXAMPLE
from mutations import Mutation

from budget_lint.engine import lint_document
from budget_lint.readers.flat_text import read_flat

TEXT = EXAMPLE.read_text(encoding="utf-8")
NARRATIVE_END = 284

_MONEY = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?=\s*万\s*元)")
_COUNT = re.compile(r"(?<![\d,.])\d+(?=\s*辆)")
_FLIP = re.compile(r"(增加|减少)(?=\s*\d)")
_YEAR = re.compile(r"(?<=[比较])(\s*)(\d{4})(?=\s*年)")

UNCHECKABLE = {(212, "264.63"), (212, "减少")}
"""The change of 机关运行经费: the document has no prior-year figure to check it against."""
HELD_ENFORCEMENT_VEHICLES = (238, TEXT.split("\n")[237].index("0辆"))
"""执勤执法用车 held: only in the vehicle total, so reported at the total's line, 236."""


def _joined_lines(text: str) -> list[tuple[int, str]]:
    return [(number, line) for number, line in enumerate(text.split("\n")[:NARRATIVE_END], 1) if line.strip()]


def _plus_cent(token: str) -> str:
    value = Decimal(token.replace(",", "")) + Decimal("0.01")
    return f"{value:,.2f}" if "," in token else f"{value:.2f}"


def mutations(text: str) -> list[Mutation]:
    """Figures are found in the narrative joined across lines (a 万 at a line's end and 元 on the next
    still make an amount), and mutated on the line where they start."""
    found: list[Mutation] = []
    lines = _joined_lines(text)
    joined = "\n".join(line for _, line in lines)
    starts, offset = [], 0
    for number, line in lines:
        starts.append((offset, number))
        offset += len(line) + 1

    def locate(position: int) -> tuple[int, int]:
        start, number = max(s for s in starts if s[0] <= position)
        return number, position - start

    for match in _MONEY.finditer(joined):
        number, column = locate(match.start())
        found.append(Mutation(number, column, match.group(), _plus_cent(match.group()), "plus-cent"))
    for match in _COUNT.finditer(joined):
        number, column = locate(match.start())
        found.append(Mutation(number, column, match.group(), str(int(match.group()) + 1), "count"))
    for match in _FLIP.finditer(joined):
        number, column = locate(match.start())
        other = "减少" if match.group() == "增加" else "增加"
        found.append(Mutation(number, column, match.group(), other, "flip"))
    for match in _YEAR.finditer(joined):
        number, column = locate(match.start(2))
        found.append(Mutation(number, column, match.group(2), str(int(match.group(2)) + 1), "year"))
    return found


MUTATIONS = mutations(TEXT)


def _errors(text: str):
    return [v for v in lint_document(read_flat(text, "mutated.txt")) if v.severity == "error"]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: f"{m.kind}:{m.line}:{m.before}>{m.after}")
def test_narrative_mutation_is_an_error_at_its_line(mutation):
    errors = _errors(mutation.apply(TEXT))
    if (mutation.line, mutation.before) in UNCHECKABLE:
        assert not errors
        return
    expected = 236 if (mutation.line, mutation.column) == HELD_ENFORCEMENT_VEHICLES else mutation.line
    assert errors, "not detected"
    assert expected in {v.source.line for v in errors}, [(v.code, v.source.line, v.message) for v in errors]


def test_every_figure_of_the_narrative_is_mutated():
    kinds = {
        kind: sum(1 for m in MUTATIONS if m.kind == kind) for kind in ("plus-cent", "count", "flip", "year")
    }
    assert kinds == {"plus-cent": 40, "count": 6, "flip": 8, "year": 5}
    assert (162, "661.58") in {(m.line, m.before) for m in MUTATIONS}  # "661.58万" + "元" on line 164

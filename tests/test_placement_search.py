"""The hierarchy's subset-sum search (``placement._search``): the proof that a search is too large
(``_surely_too_large``) must give up exactly where the walk itself would, and decide as it did when it
read the option vectors of every row (the reference below, as placement first had it)."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal
from operator import le, sub

from hypothesis import given, settings
from hypothesis import strategies as st

from budget_lint import placement
from budget_lint.model import Cell, Row

_ZERO = Decimal(0)


def _row(amounts: list[int | None], candidates: list[list[int]], width: int) -> Row:
    """A row that printed ``amounts`` (None: a dash) in the first of its ``candidates``."""
    printed = [Cell(value=None if a is None else Decimal(a) / 100, decimals=2) for a in amounts]
    row = Row(cells=[Cell()] * width, printed=printed, candidates=candidates)
    placement.place(row, candidates[0])
    return row


def _vectors(rows: list[Row]) -> tuple[list, list]:
    """Each row's candidates with its amounts column by column, were it placed so, and the most it can
    take in each column, row by row (as placement first built them)."""
    options, most = [], []
    for row in rows:
        option = []
        for candidate in row.candidates:
            vector = [_ZERO] * len(row.cells)
            for cell, column in zip(row.printed, candidate, strict=True):
                vector[column] = cell.amount
            option.append((candidate, vector))
        options.append(option)
        most.append(list(map(max, *(vector for _, vector in option))) if len(option) > 1 else option[0][1])
    return options, most


def _reference(options: list, most: list, target: list, slack) -> bool:
    """``_surely_too_large`` as it was on the option vectors of every row, row by row."""
    steps = combinations = 1
    for option in options:
        combinations *= len(option)
        steps += combinations
        if steps > placement._SEARCH_BUDGET:
            break
    else:
        return False
    low, high = list(target), list(target)
    ceiling = [slack + total for total in map(sum, zip(*most, strict=False))]
    floor = -slack
    steps = combinations = 1
    for k, option in enumerate(options):
        vectors = [vector for _, vector in option]
        least = list(map(min, *vectors)) if len(vectors) > 1 else list(vectors[0])
        low = list(map(sub, low, most[k]))
        high = list(map(sub, high, least))
        ceiling = list(map(sub, ceiling, most[k]))
        if min(low, default=floor) < floor or not all(map(le, high, ceiling)):
            return False
        combinations *= len(option)
        steps += combinations
        if steps > placement._SEARCH_BUDGET:
            return True
    return False


_WIDTH = 4
_PLACEMENTS = {n: [list(c) for c in itertools.combinations(range(_WIDTH), n)] for n in (1, 2, 3)}


@st.composite
def _families(draw):
    """Open rows in runs of the same candidates (as a table's 项 mostly are), a target near their sum."""
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        count = draw(st.integers(1, 40))
        printed = draw(st.integers(1, 3))
        choices = _PLACEMENTS[printed]
        candidates = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=3, unique_by=tuple))
        small = draw(st.booleans())  # figures of a few cents: the pruning's bounds are often hit
        amount = st.one_of(st.integers(0, 30 if small else 10**7), st.none(), st.integers(-5, 5))
        for _ in range(count):
            rows.append(_row(draw(st.lists(amount, min_size=printed, max_size=printed)), candidates, _WIDTH))
    sums = [sum(row.cells[i].amount for row in rows) for i in range(_WIDTH)]
    shifts = st.one_of(st.just(0), st.integers(-30, 30), st.integers(-(10**6), 10**6))
    shift = draw(st.lists(shifts, min_size=_WIDTH, max_size=_WIDTH))
    target = [total + Decimal(s) / 100 for total, s in zip(sums, shift, strict=True)]
    return rows, target, draw(st.sampled_from([Decimal(0), Decimal("0.05"), Decimal(3)]))


@given(_families())
@settings(max_examples=400, deadline=None)
def test_the_proof_decides_as_on_every_rows_vectors(family):
    rows, target, slack = family
    runs = placement._runs(rows, [row.candidates for row in rows])
    assert placement._surely_too_large(runs, target, slack) == _reference(*_vectors(rows), target, slack)
    options, most = placement._options(runs)
    assert ([[(c, list(v)) for c, v in option] for option in options], list(map(list, most))) == _vectors(
        rows
    )


def test_the_proof_looks_at_the_row_the_budget_ends_at():
    """Ten rows of two placements are 2,047 steps unpruned: a tenth figure too large for what is left
    shows some of those combinations are pruned, so the search is walked."""
    for last, proved in ((100, False), (1, True)):
        amounts = [1] * 9 + [last] + [1] * 10
        rows = [_row([a * 100], [[0], [1]], _WIDTH) for a in amounts]
        runs = placement._runs(rows, [row.candidates for row in rows])
        target = [Decimal(10), Decimal(10), _ZERO, _ZERO]
        assert placement._surely_too_large(runs, target, _ZERO) is proved
        assert _reference(*_vectors(rows), target, _ZERO) is proved


def test_a_search_proved_too_large_ends_as_the_walk_would(monkeypatch):
    """``_surely_too_large`` gives up only on searches the walk itself gives up on: random subset sums,
    small and large, give the same answer with the proof and without it (walked to the bound)."""
    rng = random.Random(12)
    cases = []
    for _ in range(400):
        rows = []
        for k in range(rng.randint(1, 40)):
            a = rng.choice([0, rng.randint(1, 50), rng.randint(1, 5000)])
            candidates = [[0, 1], [0, 2]][: rng.choice([1, 2, 2, 2])] + ([[1, 2]] if k % 7 == 0 else [])
            rows.append(_row([a * 100, a * 100], candidates, 3))
        amounts = [row.printed[0].value for row in rows]
        split = sum(a for a in amounts if rng.random() < 0.5)
        target = [sum(amounts), split, sum(amounts) - split + rng.choice([0, 0, 3])]
        cases.append((rows, [row.candidates for row in rows], target, Decimal(rng.choice([0, 2]))))
    proved = [placement._search(*case) for case in cases]
    monkeypatch.setattr(placement, "_surely_too_large", lambda *_: False)
    assert proved == [placement._search(*case) for case in cases]
    assert 0 < sum(p is None for p in proved) < len(proved)

"""Choosing the columns of amounts read without their blank cells.

A flattened row ``2013204 公务员事务 70.00 70.00`` under 合计/基本支出/项目支出 says 70.00 twice but
not whether the second is 基本 or 项目. The reader lists every placement column order allows; here the
document's own evidence narrows them, strongest first:

1. the row's own identities (the rule packs' ``row_identity`` rules: 合计 = 基本 + 项目 …);
2. domain facts: 301/303 economic 款 are 人员经费, 302/307/309/310/399 公用经费; a funding source
   the department does not have funds nothing (a preference: step 3's exact sums overrule it);
3. the hierarchy: children must add up to their parent, column by column (a subset-sum search);
4. twin tables (表二/表八) when all money is 一般公共预算;
5. the rule set: the placement that leaves the fewest errors in the document, by the tables' rules and
   then, among those left tied, by the narrative's (never for a row whose sums hold in several
   placements: that row stays ambiguous).

A filter that would leave no candidate is skipped, so a real error stays an error instead of being
explained away. What is still ambiguous is reported (BL001) with its candidates, never guessed silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cached_property, lru_cache
from itertools import accumulate, chain, compress, groupby, islice, product, repeat
from operator import add, attrgetter, eq, ge, is_, itemgetter, le, not_, sub

from .checks import CHECK_KINDS, CHECK_READS, CHECK_UNITS, Unit, figure_sum
from .checks.base import FUNDING_TABLES, Context, FindingKey, Part, TableRows
from .checks.row_identity import applies, part_columns
from .kernel import exact_sum, grade, half_unit, plain_sum_gap, sum_and_bound, widest_half
from .model import Cell, Document, ReadFinding, Row, Source, Table, printed_in
from .recognise import FUNDING_ROLES
from .rules import Rule

_PERSONNEL = ("301", "303")
_PUBLIC = ("302", "307", "309", "310", "399")
_TWINS = ("general_budget_expense", "expense", "fiscal_expense")
_ZERO = Decimal(0)
_SEARCH_BUDGET = 2_000
"""Steps of one subset-sum search (the largest the real documents need is 64)."""
COMBINATIONS = 64
"""Most placements of several guessed rows a finding computed from them is tried in (``Robustness``;
the engine leaves out a finding past it without building it, ``engine._dropped``)."""
_BOUNDED = f"与同级科目的组合超过 {_SEARCH_BUDGET:,} 步仍未能由上级科目核定，"


def place(row: Row, placement: list[int]) -> None:
    """Move a row's printed amounts into the columns of ``placement``."""
    cells = [_blank(row.source, row.cells[0].unit)] * len(row.cells)  # blanks: never changed
    for cell, column in zip(row.printed, placement, strict=True):
        cells[column] = cell
    row.cells = cells


@lru_cache(maxsize=4096)
def _blank(source: Source, unit: str | None) -> Cell:
    """The blank cell of a row at ``source``: one object for all its placements (blanks never change)."""
    return Cell(source=source, unit=unit)


def _narrow(row: Row, keep: list[list[int]], in_first: bool = False) -> bool:
    """Keep only ``keep`` (if not empty); True when that changed anything. ``in_first``: the row is
    placed in its first candidate, so it need not be placed again when ``keep`` starts with it."""
    if not keep or row.candidates is None or len(keep) == len(row.candidates):
        return False
    if not (in_first and keep[0] == row.candidates[0]):
        place(row, keep[0])
    row.candidates = keep if len(keep) > 1 else None
    return True


def _filter(row: Row, accept: Callable[[Row], bool]) -> bool:
    if not row.candidates:
        return False
    keep = [candidate for candidate in each_candidate(row) if accept(row)]
    return _narrow(row, keep)


def resolve(
    document: Document, rules: list[Rule], groups: list[list[Rule]], context: Callable[[], Context]
) -> list[tuple[Table, list[Row]]]:
    """Settle what the evidence settles; the errors of the rule ``groups`` (the tables', then the
    narrative's), counted in a fresh ``context()`` of the document, rank what is left. Returns each
    table's rows left ambiguous."""
    ctx = context()  # for the funding, the tables and their row indexes: no check runs in it
    identities = [r.params for r in rules if r.check == "row_identity"]
    broken: dict[int, Decimal] = {}
    preferred: dict[int, list[list[int]]] = {}
    """Rows narrowed by domain facts: all their candidates, the preferred first."""
    facts = _DomainFacts(ctx)
    ambiguous = [(table, _ambiguous(table)) for table in document.tables]
    """Each table's rows to place: the only rows that ever have candidates (a row a domain fact placed
    may take some again, ``_identity_over_preference``)."""
    for table, rows in ambiguous:
        judge = _Identities(table, identities) if rows else None
        roles = tuple(table.roles())
        free = roles in facts.free
        for row, keep in zip(rows, judge.kept(rows, broken) if rows else [], strict=True):
            if keep is not None:
                _narrow(row, keep, in_first=True)
            every = row.candidates
            if every and not free:  # a preference: sums may overrule it
                if _narrow(row, kept := facts.kept(roles, row), in_first=True):
                    preferred[id(row)] = kept + [c for c in every if c not in kept]
                free = roles in facts.free
    undetermined: set[int] = set()
    bounded: set[int] = set()
    settled: set[int] = set()
    """Tables whose last pass of the hierarchy changed nothing: a pass reads and changes only its own
    table's rows, so until another step changes them, another pass would change nothing either."""
    sums = _sums(ctx, rules)
    families = {id(table): _families(ctx.rows(table), preferred, sums) for table in document.tables}
    changed = True
    while changed:
        changed = False
        for table in document.tables:
            if id(table) not in settled:
                if _hierarchy(families[id(table)], broken, undetermined, bounded, preferred):
                    changed = True
                else:
                    settled.add(id(table))
        if _twins(ctx):
            changed = True
            settled.clear()
    left = [(table, [row for row in rows if row.candidates]) for table, rows in ambiguous]
    """Each table's rows still ambiguous."""
    open_rows = [r for _, rows in left for r in rows if id(r) not in undetermined]
    if open_rows:
        scorer = _Scorer(groups, context, open_rows)
        try:
            for row in open_rows:
                scorer.settle(row)
        finally:
            scorer.close()
        left = [(table, [row for row in rows if row.candidates]) for table, rows in left]
    for table, rows in left:
        document.findings += _ambiguities(table, rows, bounded)
    return left


def _ambiguous(table: Table) -> list[Row]:
    return [row for row in table.rows if row.candidates]


def each_candidate(row: Row) -> Iterator[list[int]]:
    """Place the row in each of its candidates in turn; it is left in its first one."""
    candidates = list(row.candidates or [])
    for candidate in candidates:
        place(row, candidate)
        yield candidate
    if candidates:
        place(row, candidates[0])


def _identities(table: Table, identities: list[dict]) -> list[list[tuple[bool, tuple[int, ...]]]]:
    """For each row identity that applies to ``table``, what a figure standing in each column is to it:
    (is the total, its weights as a part); (False, ()) in a column it does not name."""
    found = []
    for params in identities:
        if (
            table.kind in params["kinds"]
            and params.get("side", table.side) == table.side
            and applies(table, params)
        ):
            play = [_NO_PART] * len(table.columns)
            play[table.column_index(params["total"])] = (True, ())
            for weight, column in part_columns(table, params):
                is_total, weights = play[column]
                play[column] = (is_total, (*weights, weight))
            found.append(play)
    return found


_NO_PART = (False, ())


class _Identities:
    """A table's row identities, judged for the candidates of a row once per part its printed figures
    play in them (total, a part of some weight, or none): candidates that differ only in which of an
    identity's columns of one weight a figure stands in, or in its other columns, share the verdict.
    Which candidates share one depends only on the candidates, so it is worked out once per set of
    candidates the table's rows have."""

    def __init__(self, table: Table, identities: list[dict]):
        self.plays = _identities(table, identities)
        self.forms: dict[tuple, list[tuple[list[tuple[int | None, list[tuple[int, int]]]], list[int]]]] = {}
        """By set of candidates, for each identity: its distinct parts, each as the figure that is the
        total (None: the total is blank) and the (weight, figure) terms; and each candidate's part."""
        self.last: tuple[list[list[int]] | None, list] = (None, [])
        """The candidates last judged and their forms."""

    def kept(self, rows: list[Row], broken: dict[int, Decimal]) -> list[list[list[int]] | None]:
        """For each row, the candidates in which it satisfies its identities (within rounding:
        ``check_sum``'s verdict), None when that is every one; one list for the rows of a run that keep
        the same. A row that satisfies them in none keeps none, and ``broken`` takes (by ``id``) how far
        it is from that at the least (the largest difference of those broken). Judged for a run of rows
        with the same candidates at once, a figure of them all at a time."""
        found: list[list[list[int]] | None] = []
        for candidates, run in groupby(rows, key=_CANDIDATES):
            run = list(run)
            figures = list(zip(*map(_PRINTED, run), strict=True))
            count = len(run)
            amounts = list(map(_amounts, figures))
            halves = _Halves(figures)
            gaps: list[list[Decimal] | None] = [None] * len(candidates)
            """For each candidate, each row's gap (a zero or a positive one); None: zero in every row."""
            for forms, part in self._forms(candidates):
                parts = [_part_gaps(total, terms, amounts, halves) for total, terms in forms]
                for c, (mine, ours) in enumerate(zip(gaps, map(parts.__getitem__, part), strict=True)):
                    gaps[c] = ours if mine is None else mine if ours is None else list(map(max, mine, ours))
            judged = [c for c, g in enumerate(gaps) if g is not None]
            if not judged:
                found += [None] * count
                continue
            keeps = _Kept(candidates, judged)
            kept = list(map(keeps.__getitem__, zip(*[map(not_, gaps[c]) for c in judged], strict=True)))
            if len(judged) == len(candidates) and (none := keeps.get((False,) * len(judged))) is not None:
                for i in compress(range(count), map(is_, kept, repeat(none))):
                    broken[id(run[i])] = min(g[i] for g in gaps)
            found += kept
        return found

    def _forms(self, candidates: list[list[int]]) -> list:
        if candidates == self.last[0]:  # rows in a row mostly have the same: compared faster than hashed
            return self.last[1]
        key = tuple(map(tuple, candidates))
        if key not in self.forms:
            self.forms[key] = []
            for play in self.plays:
                numbers: dict[tuple, int] = {}
                part = [numbers.setdefault(tuple(map(play.__getitem__, c)), len(numbers)) for c in candidates]
                forms = [
                    (
                        next((i for i, (is_total, _) in enumerate(parts) if is_total), None),
                        [(weight, i) for i, (_, weights) in enumerate(parts) for weight in weights],
                    )
                    for parts in numbers
                ]
                self.forms[key].append((forms, part))
        self.last = candidates, self.forms[key]
        return self.last[1]


class _Kept(dict):
    """The candidates kept, by whether each of the ``judged`` ones holds (a tuple of bools; the others
    hold in every row): made once for all the rows that keep the same (None: all of them)."""

    def __init__(self, candidates: list[list[int]], judged: list[int]):
        super().__init__()
        self.candidates = candidates
        self.judged = judged

    def __missing__(self, judged: tuple[bool, ...]) -> list[list[int]] | None:
        holds = [True] * len(self.candidates)
        for c, held in zip(self.judged, judged, strict=True):
            holds[c] = held
        self[judged] = None if all(holds) else list(compress(self.candidates, holds))
        return self[judged]


class _Halves(list):
    """The half units of a run of rows' figures (``half_unit``), figure by figure, each worked out when
    first asked for: rows whose identities hold as printed (a total and its one part equal) need none."""

    def __init__(self, figures: list[tuple[Cell, ...]]):
        super().__init__([None] * len(figures))
        self.figures = figures
        self.widths: dict[int, Decimal] = {}

    def widest(self, i: int) -> Decimal:
        """The largest half unit of figure ``i`` in any row (``widest_half``)."""
        if i not in self.widths:
            self.widths[i] = widest_half(self.figures[i])
        return self.widths[i]

    def __getitem__(self, i: int) -> list[Decimal]:
        found = super().__getitem__(i)
        if found is None:
            found = list(map(half_unit, self.figures[i]))
            self[i] = found
        return found


def _part_gaps(
    total: int | None, terms: list[tuple[int, int]], amounts: list[list], halves: _Halves
) -> list[Decimal] | None:
    """Each row's gap in an identity's part: the figure that is its total (None: blank) against its
    (weight, figure) terms, 0 within rounding; ``amounts`` and ``halves``: each figure's, row by row.
    None when every row's is 0 as printed."""
    count = len(amounts[0])
    printed = [_ZERO] * count if total is None else amounts[total]
    # A total whose one part is a figure printed again holds where the two are equal, whatever
    # their rounding (a difference of 0): only the other rows are judged.
    if len(terms) == 1 and terms[0][0] == 1:
        same = list(map(eq, printed, amounts[terms[0][1]]))
        if all(same):
            return None
    else:
        same = [False] * count
    unequal = list(map(not_, same))
    if terms and all(weight == 1 for weight, _ in terms):  # most identities: a sum of columns
        judged = _plain_gaps(total, [i for _, i in terms], printed, unequal, amounts, halves)
    else:
        if total is None:
            reported = [_BLANK_TOTAL] * count
        else:
            reported = list(zip(printed, halves[total], strict=True))
        summed = [zip([w] * count, amounts[i], halves[i], strict=True) for w, i in terms]
        judging = compress(zip(*summed, strict=True) if summed else [()] * count, unequal)
        sums = map(sum_and_bound, compress(reported, unequal), judging, repeat(_ZERO))
        judged = [
            diff if grade(diff := abs(amount - computed), bound) in _BROKEN else _ZERO
            for (amount, _), (computed, bound) in zip(compress(reported, unequal), sums, strict=True)
        ]
    if len(judged) == count:
        return judged
    each = iter(judged)
    return [_ZERO if equal else next(each) for equal in same]


def _plain_gaps(
    total: int | None,
    parts: list[int],
    printed: list,
    judging: list[bool],
    amounts: list[list],
    halves: _Halves,
) -> list[Decimal]:
    """``plain_sum_gap`` of each row ``judging`` says to judge: the figure that is the total (None:
    blank, ``printed`` zeros) against the sum of the ``parts`` figures. A difference at least the
    widest rounding the figures may have (``widest_half``) is a gap whatever their rounding: only the
    rows with a smaller one are judged with their half units."""
    sums = map(sum, compress(zip(*map(amounts.__getitem__, parts), strict=True), judging), repeat(_ZERO))
    # against a blank total, the size of the sum (0 - sum is exactly -sum: it adds up from 0)
    diffs = map(abs, sums if total is None else map(sub, compress(printed, judging), sums))
    widest = sum(map(halves.widest, parts if total is None else [total, *parts]), _ZERO)

    def judged(row: int) -> Decimal:
        own = _BLANK_TOTAL if total is None else (printed[row], halves[total][row])
        values = tuple(amounts[i][row] for i in parts)
        return plain_sum_gap(own, values, tuple(halves[i][row] for i in parts))

    return [
        _ZERO if not diff else diff if diff >= widest else judged(row)
        for row, diff in zip(compress(range(len(printed)), judging), diffs, strict=True)
    ]


def _amounts(cells: Sequence[Cell]) -> list[Decimal]:
    """The cells' amounts: their values, where none is blank (without a call of ``amount`` for each)."""
    values = list(map(_VALUE, cells))
    return list(map(_AMOUNT, cells)) if any(map(is_, values, repeat(None))) else values


_AMOUNT = attrgetter("amount")
_VALUE = attrgetter("value")
_PRINTED = attrgetter("printed")
_CANDIDATES = attrgetter("candidates")
_BROKEN = {"warning", "error"}
"""The severities of a broken identity."""
_BLANK_TOTAL = (_ZERO, _ZERO)
"""A blank total: an exact zero."""


class _DomainFacts:
    """Which placements of a row break no domain fact, judged from the candidates' columns without
    placing the row."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.read = False
        """Whether ``ctx`` has read the department's funding: it caches what it first reads."""
        self.barred: dict[tuple, set[int]] = {}
        """Once it has: by a table's roles and a row's 人员/公用 code, the columns no figure may stand in."""
        self.free: set[tuple[str | None, ...]] = set()
        """Once it has: the tables' roles none of whose columns any row's figures may be barred from
        (no 人员/公用 column, no funding source the department lacks): no row of theirs need be judged."""

    def kept(self, roles: tuple[str | None, ...], row: Row) -> list[list[int]]:
        """The row's candidates that break no domain fact."""
        if not self.read:
            return [candidate for candidate in row.candidates if self.hold(roles, row, candidate)]
        code = row.code or ""
        key = (roles, code.startswith(_PERSONNEL), code.startswith(_PUBLIC))
        if key not in self.barred:
            self.barred[key] = {
                column
                for column, role in enumerate(roles)
                if _role_bars(role, *key[1:]) or _funding_bars(self.ctx, role)
            }
            if not any(_role_bars(role, True, True) or _funding_bars(self.ctx, role) for role in roles):
                self.free.add(roles)
        barred = self.barred[key]
        if not barred:
            return row.candidates
        nonzero = [bool(cell.amount) for cell in row.printed]
        return [candidate for candidate in row.candidates if barred.isdisjoint(compress(candidate, nonzero))]

    def hold(self, roles: tuple[str | None, ...], row: Row, candidate: list[int]) -> bool:
        code = row.code or ""
        personnel, public = code.startswith(_PERSONNEL), code.startswith(_PUBLIC)
        for column, cell in sorted(zip(candidate, row.printed, strict=True), key=itemgetter(0)):
            if not cell.amount:
                continue
            if _role_bars(roles[column], personnel, public):
                return False
            if not self.read:  # read with the row placed in the candidate judged, as it always was
                place(row, candidate)
                self.ctx.funding()
                place(row, row.candidates[0])
                self.read = True
            if _funding_bars(self.ctx, roles[column]):
                return False
        return True


def _role_bars(role: str | None, personnel: bool, public: bool) -> bool:
    return (role == "public" and personnel) or (role == "personnel" and public)


def _funding_bars(ctx: Context, role: str | None) -> bool:
    """A funding source the department does not have funds nothing."""
    return role in FUNDING_ROLES and ctx.knows_source(role) and not ctx.funding().get(role)


def _sums(ctx: Context, rules: list[Rule]) -> dict[int, list[tuple[Row, list[Row]]]]:
    """By table, the sums down every column that the rules name (``figure_sum``: 支出总计 = Σ 类 on a
    summary table's expense side), each as a parent and its children."""
    found: dict[int, list[tuple[Row, list[Row]]]] = {}
    for rule in rules:
        if rule.check == "figure_sum" and "columns" not in rule.params:
            for table, total, parts in figure_sum.sums(rule.params, ctx):
                found.setdefault(id(table), []).append((total, parts))
    return found


def _families(
    index: TableRows, preferred: dict[int, list[list[int]]], sums: dict[int, list[tuple[Row, list[Row]]]]
) -> list[tuple[Row, list[Row]]]:
    """The parents of ``index``'s table with their children where a row is still open or placed by a
    preference (and so may be opened again): the only ones the hierarchy can narrow. They are the code
    hierarchy (as ``tree_sum`` checks it, in a table of one side) and the table's ``sums``."""
    codes = index.coded
    found = []
    for key, children in index.children.items() if index.table.side is None else []:
        parent = codes.get(key) if key else index.total
        if parent is not None:
            found.append((parent, children))
    found += sums.get(id(index.table), [])
    return [(p, c) for p, c in found if any(r.candidates or id(r) in preferred for r in (p, *c))]


def _hierarchy(
    families: list[tuple[Row, list[Row]]],
    broken: dict[int, Decimal],
    undetermined: set[int],
    bounded: set[int],
    preferred: dict[int, list[list[int]]],
) -> bool:
    changed = False
    for parent, children in families:
        if parent.candidates is None and preferred and any(id(c) in preferred for c in children):
            changed = _identity_over_preference(parent, children, broken, preferred, undetermined) or changed
        if parent.candidates is None and any(c.candidates for c in children):
            changed = _children_from_parent(parent, children, broken, undetermined, bounded) or changed
        elif parent.candidates and not any(c.candidates for c in children):
            target = [
                sum((c.cells[i].amount for c in children), Decimal(0)) for i in range(len(parent.cells))
            ]
            changed = _filter(parent, lambda r, t=target: [c.amount for c in r.cells] == t) or changed
    return changed


def _children_from_parent(
    parent: Row, children: list[Row], broken: dict[int, Decimal], undetermined: set[int], bounded: set[int]
) -> bool:
    """Narrow the children's placements to those whose column sums give the parent: exactly if any
    placement does, else within the rounding bound widened by the gaps of children whose own identity
    is broken (a mistyped child must not unsettle its siblings). A child whose sums hold in more than
    one placement is recorded as ``undetermined``: no later guess may settle it. So are the children
    of a parent whose search is too large to finish (``bounded``: reported so with BL001)."""
    open_rows = [c for c in children if c.candidates]
    if all(id(row) in bounded for row in open_rows):
        return False
    target = _target(parent, [c for c in children if not c.candidates])
    placements = _Placements(open_rows, [row.candidates for row in open_rows])
    for exact in (True, False):
        slack = _ZERO if exact else _rounding(children, broken)
        used = placements.search(target, slack)
        if used is None:
            undetermined.update(map(id, open_rows))
            bounded.update(map(id, open_rows))
            return False
        if all(used):
            changed = False
            for row, keep in zip(open_rows, used, strict=True):
                changed = _narrow(row, [cand for cand in row.candidates if cand in keep]) or changed
                if row.candidates:
                    undetermined.add(id(row))  # the sums hold either way
            return changed
    return False


def _identity_over_preference(
    parent: Row,
    children: list[Row],
    broken: dict[int, Decimal],
    preferred: dict[int, list[list[int]]],
    undetermined: set[int],
) -> bool:
    """A domain fact is a preference, never stronger than an identity: when the children's column
    sums miss the parent (beyond rounding) with the rows placed as the domain facts prefer, and
    another placement of those rows makes them hold exactly, that placement is taken."""
    movable = [c for c in children if c.candidates or id(c) in preferred]
    target = _target(parent, [c for c in children if not (c.candidates or id(c) in preferred)])
    now = [row.candidates or preferred[id(row)][:1] for row in movable]
    every = [preferred.get(id(row)) or row.candidates for row in movable]
    fits = _search(movable, now, target, _rounding(children, broken))
    exact = _search(movable, every, target, Decimal(0)) if fits is not None and not all(fits) else None
    if exact is None or not all(exact):
        return False
    for row, cands, keep in zip(movable, every, exact, strict=True):
        kept = [cand for cand in cands if cand in keep]
        row.candidates = kept if len(kept) > 1 else None
        place(row, kept[0])
        preferred.pop(id(row), None)
        if row.candidates:
            undetermined.add(id(row))  # the sums hold either way
    return True


def _target(parent: Row, fixed: list[Row]) -> list[Decimal]:
    """What the other children must add up to, column by column: the parent less the ``fixed``."""
    target = [cell.amount for cell in parent.cells]
    if not fixed:
        return target
    return list(map(sub, target, map(exact_sum, zip(*(row.cells for row in fixed), strict=True))))


def _rounding(children: list[Row], broken: dict[int, Decimal]) -> Decimal:
    """How far the children's column sums may miss their parent: the rounding of the figures, widened by
    the gaps of children whose own identity is broken."""
    return Decimal("0.005") * (len(children) + 1) + sum((broken.get(id(c), 0) for c in children), _ZERO)


def _search(
    rows: list[Row], candidates: list[list[list[int]]], target: list[Decimal], slack: Decimal
) -> list[list] | None:
    """For each row, those of its ``candidates`` used by some combination of the rows' placements whose
    column sums reach ``target`` (± slack per column). None when the search is too large to finish.
    In Decimal, which is exact here: a printed amount has at most 21 digits (``amounts.MAX_*``), the
    money context 28."""
    return _Placements(rows, candidates).search(target, slack)


class _Placements:
    """Rows with their ``candidates``, for ``_search``: their figures read once for every search of
    them; the option vectors the walk takes built only when one is walked (a search proved too large
    needs only the first rows' figures and the column totals)."""

    def __init__(self, rows: list[Row], candidates: list[list[list[int]]]):
        self.runs = _runs(rows, candidates)

    @cached_property
    def options(self) -> tuple[list, list]:
        return _options(self.runs)

    def search(self, target: list[Decimal], slack: Decimal) -> list[list] | None:
        if _surely_too_large(self.runs, target, slack):
            return None
        return _walk(*self.options, target, slack)


def _runs(rows: list[Row], candidates: list[list[list[int]]]) -> list[tuple]:
    """The rows in runs of the same candidates (a family's rows mostly have the same; they are of one
    table, so of one width), each with its candidates, how many rows it has, its figures (for each
    printed amount, each row's; then the zeros a blank column takes) and for each candidate which
    figure each column holds (``printed_in``)."""
    width = len(rows[0].cells) if rows else 0
    if candidates and candidates.count(candidates[0]) == len(candidates):
        grouped = [(candidates[0], rows)]  # one run: told without a step for each row
    else:
        grouped = [
            (cands, list(map(itemgetter(0), run)))
            for cands, run in groupby(zip(rows, candidates, strict=True), key=itemgetter(1))
        ]
    runs = []
    for cands, run in grouped:
        printed = list(map(_PRINTED, run))
        figures = list(map(_amounts, zip(*printed, strict=True)))
        figures.append([_ZERO] * len(printed))  # what a column the candidate leaves blank takes
        wheres = [printed_in(tuple(cand), width) for cand in cands]  # the zero where a column is blank
        runs.append((cands, len(printed), figures, wheres))
    return runs


def _extremes(figures: list[list], wheres: list[tuple[int, ...]], pick: Callable, holds: Callable) -> list:
    """For each column, the ``pick`` (max or min) of each row's figures its candidates put there, made
    as they are read."""
    held: dict[tuple[int, int], bool] = {}
    """Whether one figure holds against another in every row (by their indices): columns that take the
    same figures compare them once."""
    return [
        _extreme(figures, list(dict.fromkeys(picks)), pick, holds, held)
        for picks in zip(*wheres, strict=True)
    ]


def _extreme(
    figures: list[list], picks: list[int], pick: Callable, holds: Callable, held: dict[tuple[int, int], bool]
) -> Iterable:
    """``pick`` of the ``picks`` figures row by row. A figure that ``holds`` (ge for max, le for min)
    against each other in every row is taken whole: value for value it is what ``pick`` gives, without a
    call of it for each row (a blank's zeros against amounts that are not negative, as most are). So is
    a figure every candidate puts in the column."""
    for i in picks:
        for j in picks:
            if j != i and (i, j) not in held:
                held[i, j] = all(map(holds, figures[i], figures[j]))
            if j != i and not held[i, j]:
                break
        else:
            return figures[i]
    return map(pick, *map(figures.__getitem__, picks))


def _options(runs: list[tuple]) -> tuple[list, list]:
    """For each row of the ``runs``, each of its candidates with the row's amounts column by column,
    were it placed so; and the most it can take in each column. Built for a run at once, each figure
    and column for all its rows."""
    options: list[tuple[tuple[list[int], tuple], ...]] = []
    most: list[tuple] = []
    for cands, count, figures, wheres in runs:
        placed = [list(map(figures.__getitem__, where)) for where in wheres]  # by candidate and column
        vectors = [
            zip([cand] * count, zip(*columns, strict=True), strict=True)
            for cand, columns in zip(cands, placed, strict=True)
        ]
        options += zip(*vectors, strict=True)
        most += zip(*_extremes(figures, wheres, max, ge), strict=True)
    return options, most


def _walk(options: list, most: list, target: list, slack) -> list[list] | None:
    """The subset-sum search of ``_search``: ``options`` and ``most`` as ``_options`` makes them."""
    width = len(target)
    used: list[list] = [[] for _ in options]
    budget = [_SEARCH_BUDGET]
    # For pruning: the most each column can still take from the rows from k on, and the slack.
    ceilings = [[slack] * width]
    for tops in reversed(most):
        ceilings.append(list(map(add, ceilings[-1], tops)))
    ceilings.reverse()
    floor = -slack
    chosen: list = []  # the candidates of the rows before k, on the way down

    def walk(k: int, remaining: list[int]) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooLarge
        if k == len(options):
            if all(abs(r) <= slack for r in remaining):
                for j, cand in enumerate(chosen):
                    if cand not in used[j]:
                        used[j].append(cand)
                return True
            return False
        found = False
        ceiling = ceilings[k + 1]
        for cand, vec in options[k]:
            rest = list(map(sub, remaining, vec))  # map: the search's inner loop, in C
            if min(rest, default=floor) >= floor and all(map(le, rest, ceiling)):
                chosen.append(cand)
                found = walk(k + 1, rest) or found
                chosen.pop()
        return found

    try:
        return used if walk(0, target) else [[] for _ in options]
    except _TooLarge:
        return None
    finally:
        walk = None  # it calls itself through its closure: a cycle, broken here, not left to the collector


def _surely_too_large(runs: list[tuple], target: list, slack) -> bool:
    """True when the first rows of the ``runs`` pass the walk's pruning in every combination of their
    placements (by the least and most each column can have left) and those combinations alone are
    more steps than the budget: the walk would hit its bound, so it need not be walked to find that
    out. Only the first rows are looked at, and the column totals of what all can take. Column by
    column, in the walk's order of rows: the same sums as the walk's."""
    counts = chain.from_iterable(repeat(len(cands), count) for cands, count, _, _ in runs)
    steps = combinations = 1
    first = 0  # the rows the walk passes before its budget runs out, were none pruned
    for count in counts:
        first += 1
        combinations *= count
        steps += combinations
        if steps > _SEARCH_BUDGET:
            break
    else:
        return False  # even unpruned, the walk is within the budget
    floor = -slack
    # by column, each run's figures (the rows of one table are of one width)
    most = zip(*(_extremes(figures, wheres, max, ge) for _, _, figures, wheres in runs), strict=True)
    least = zip(  # of the first rows only
        *(_extremes([f[:first] for f in figures], wheres, min, le) for _, _, figures, wheres in runs),
        strict=True,
    )
    added: dict[tuple[int, ...], tuple[list, Decimal]] = {}
    """By the figures a column takes (``id``), the first rows' and the total: columns that take the same
    (a figure that stands in either of two columns is the most of both) are added once."""
    for goal, runs_most, runs_least in zip(target, most, least, strict=True):
        if (key := tuple(map(id, runs_most))) not in added:
            tops = chain.from_iterable(runs_most)
            taken = list(islice(tops, first))
            added[key] = taken, sum(tops, sum(taken))  # all rows', added in their order
        taken, total = added[key]
        bottoms = islice(chain.from_iterable(runs_least), first)
        low = islice(accumulate(taken, sub, initial=goal), 1, None)  # the least left after k rows
        high = islice(accumulate(bottoms, sub, initial=goal), 1, None)  # the most left after k rows
        ceiling = islice(accumulate(taken, sub, initial=slack + total), 1, None)  # the walk's
        if min(low) < floor or not all(map(le, high, ceiling)):
            return False
    return True


class _TooLarge(Exception):
    pass


def _twins(ctx: Context) -> bool:
    """A row settled in one twin table settles the same row of the other (only when the two must be
    equal: all money is 一般公共预算)."""
    if not ctx.only_funded_by({"general_budget"}):
        return False
    tables = [t for t in ctx.document.tables if t.kind in _TWINS]
    codes = {id(t): t.coded_rows() for t in tables}  # once per table, not per row: rows keep their codes
    totals = {id(t): t.total_row() for t in tables}
    changed = False
    for table in tables:
        rows = _ambiguous(table)
        for twin in tables if rows else []:
            if twin is table:
                continue
            coded, total = codes[id(twin)], totals[id(twin)]
            for row in rows:  # each row meets its twins in their order: it reads only theirs
                other = coded.get(row.code) if row.code else (total if row.role == "total" else None)
                if other is None or other.candidates:
                    continue
                expected = {role: other.cells[i].amount for i, role in enumerate(twin.roles())}
                changed = (
                    _filter(
                        row,
                        lambda r, e=expected, t=table: all(
                            e.get(role, c.amount) == c.amount
                            for role, c in zip(t.roles(), r.cells, strict=True)
                        ),
                    )
                    or changed
                )
    return changed


class _Watched(list):
    """A row's cells that note, while a check runs, that it read them (see ``_Scorer``)."""

    reading: set[int] | None = None

    def __init__(self, cells: list[Cell], key: int):
        super().__init__(cells)
        self.key = key

    def _note(self) -> None:
        if _Watched.reading is not None:
            _Watched.reading.add(self.key)

    def __getitem__(self, index):
        self._note()
        return super().__getitem__(index)

    def __iter__(self):
        self._note()
        return super().__iter__()

    def __reversed__(self):
        self._note()
        return super().__reversed__()

    def __len__(self):
        self._note()
        return super().__len__()

    def __contains__(self, item):
        self._note()
        return super().__contains__(item)


class _Scorer:
    """The fewest-errors step without re-running the world. Each rule (or, for a check kind split into
    independent units, each unit) is run once with the rows still to settle watching their cells, which
    records the rows it read. A part that did not read a row gives the same violations whatever that
    row's placement (its run never looked at it), so the placements of a row are compared by re-running
    only the parts that read it: the ranking of counting every error of the document, the constant part
    left out. When a row's placement changes, the parts that read it may now read other rows, so their
    reads are recorded again."""

    def __init__(self, groups: list[list[Rule]], context: Callable[[], Context], rows: list[Row]):
        self.groups = groups
        self.context = context
        self.rows = rows
        for row in rows:
            _watch(row)
        self.rules = [(g, r) for g, group in enumerate(groups) for r in group if r.check in CHECK_KINDS]
        self.units: dict[int, list[Unit] | None] = {}
        self.readers: dict[int, set[tuple[int, int | None]]] = {id(row): set() for row in rows}
        """For each watched row, the parts that read it: (rule, unit), unit None for the whole rule."""
        self.recorded: set[int] = set()
        """The groups whose reads are recorded: a group is recorded when first needed (the narrative's
        rules only separate what the tables' leave tied)."""

    def _record_group(self, g: int) -> None:
        if g not in self.recorded:
            self.recorded.add(g)
            ctx = self.context()
            # the tables a row to settle is in, and those every check may read through ctx.funding()
            watched = {id(row) for row in self.rows}
            open_tables = {id(t) for t in ctx.document.tables if any(id(r) in watched for r in t.rows)}
            funding = {id(t) for t in ctx.tables(FUNDING_TABLES, "income")}
            for index, (group, rule) in enumerate(self.rules):
                if group != g:
                    continue
                reads = CHECK_READS.get(rule.check)
                if reads is None or not open_tables.isdisjoint(funding.union(map(id, reads(rule, ctx)))):
                    self._record_rule(index)  # else it can read no watched row, so it reads none

    def _errors(self, index: int, unit: int | None) -> int:
        rule, ctx = self.rules[index][1], self.context()
        found = CHECK_KINDS[rule.check](rule, ctx) if unit is None else self.units[index][unit](ctx)
        return sum(1 for v in found if v.severity == "error")

    @staticmethod
    def _reads(run: Callable[[], object]) -> set[int]:
        _Watched.reading = reads = set()
        try:
            run()
        finally:
            _Watched.reading = None
        return reads

    def _note(self, reads: set[int], part: tuple[int, int | None]) -> None:
        for key in reads:
            self.readers[key].add(part)

    def _record_rule(self, index: int) -> None:
        for parts in self.readers.values():
            parts -= {p for p in parts if p[0] == index}
        rule = self.rules[index][1]
        split = CHECK_UNITS.get(rule.check)
        if split is None:
            self.units[index] = None
            self._note(self._reads(lambda: self._errors(index, None)), (index, None))
            return
        found: list[list[Unit]] = []
        self._note(self._reads(lambda: found.append(list(split(rule, self.context())))), (index, None))
        self.units[index] = found[0]
        for unit in range(len(found[0])):
            self._note(self._unit_reads(index, unit), (index, unit))

    def _record_unit(self, index: int, unit: int) -> None:
        for parts in self.readers.values():
            parts.discard((index, unit))
        self._note(self._unit_reads(index, unit), (index, unit))

    def _unit_reads(self, index: int, unit: int) -> set[int]:
        """The watched rows a unit reads: those it says it may read (a row it does not read after all
        adds the same errors to every placement), else those it is seen to read when run."""
        part = self.units[index][unit]
        if isinstance(part, Part):
            return {id(row) for row in part.rows if id(row) in self.readers}
        return self._reads(lambda: self._errors(index, unit))

    def settle(self, row: Row) -> None:
        """Keep the placements with the fewest errors, by the tables' rules and then, among those
        left tied, by the narrative's."""
        before = list.copy(row.cells)
        kept = list(row.candidates or [])
        for g in range(len(self.groups)):
            if len(kept) < 2:
                break
            self._record_group(g)
            mine = [p for p in self.readers[id(row)] if self.rules[p[0]][0] == g]
            # a rule whose split read the row is re-run whole: its units' errors are in that count
            whole = {p[0] for p in mine if p[1] is None}
            mine = [p for p in mine if p[1] is None or p[0] not in whole]
            results = []
            for candidate in kept:
                _place_watched(row, candidate)
                results.append((sum(self._errors(*p) for p in mine), candidate))
            best = min(s for s, _ in results)
            kept = [c for s, c in results if s == best]
        _narrow(row, kept)
        _place_watched(row, (row.candidates or kept)[0])
        if list.copy(row.cells) != before:
            parts = list(self.readers[id(row)])
            whole = {p[0] for p in parts if p[1] is None}
            for index in whole:
                self._record_rule(index)
            for index, unit in parts:
                if unit is not None and index not in whole:
                    self._record_unit(index, unit)

    def close(self) -> None:
        for row in self.rows:
            row.cells = list.copy(row.cells)


class Robustness:
    """Whether a finding computed from a row whose placement is still a guess holds for every placement
    of that row, re-running only the parts of its rule that read the row (as ``_Scorer`` does): a part
    that did not read the row gives the same findings whatever its placement. Nor is a part re-run
    whose reads of the row are all of columns every placement fills alike (``_Tracked``): what it finds
    in the first placement it finds in every one, so a finding it makes holds without trying the others.
    The parts run in ``ctx``, the context the checks ran in with every row in its first placement: what
    it caches is what that single run saw. ``found``: each rule's findings (by ``id``) from that run;
    ``asked``: every (finding, rule, rows) ``holds`` will be asked about, each rule's parts being swept
    once for all of them, its parts not kept beyond that sweep."""

    def __init__(self, rows: list[Row], ctx: Context, found: dict[int, list], asked: list[tuple]):
        self.ctx = ctx
        self.found = found
        self.keys_ctx = replace(ctx, keys_only=True)  # the same context, its cache shared
        self.rows = {id(row) for row in rows}
        self.counts: dict[tuple[int, bool], dict[tuple, int]] = {}
        by_rule: dict[int, tuple[Rule, dict[tuple, _Asked]]] = {}
        every: dict[tuple, _Asked | None] = {}
        """By rule and rows, what is asked about them (None: too many combinations to try)."""
        keyed = []  # each finding asked about, with what is asked about its rows and its key
        for violation, rule, rows in asked:
            ident = (id(rule), id(rows[0])) if len(rows) == 1 else (id(rule), *map(id, rows))
            if ident not in every:
                every[ident] = None if _too_many(rows) else _Asked(rows)
                if every[ident] is not None:
                    by_rule.setdefault(id(rule), (rule, {}))[1][ident] = every[ident]
            if (state := every[ident]) is not None:
                if (key := _key(violation, state.coarse)) not in state.pending:
                    state.pending += (key,)
                keyed.append((violation, state, key))
        for rule, states in by_rule.values():
            self._sweep(rule, states)
        self.verdicts = {id(v): key in state.holding for v, state, key in keyed}
        """By finding (``id``): whether it holds (a finding not here: too many combinations)."""

    def holds(self, violation, rule: Rule, rows: list[Row]) -> bool:
        """True when ``violation`` of ``rule`` is found in every placement of ``rows`` (every
        combination of their placements, when there are several: an identity that fails whichever
        way the rows are placed fails for certain). False when the combinations are too many to try."""
        return self.verdicts.get(id(violation), False)

    def _readable(self, rule: Rule) -> set[int]:
        """The guessed rows ``rule`` may read (by ``id``): those of the tables its check says it reads
        and of the funding tables (``CHECK_READS``), else every one."""
        reads = CHECK_READS.get(rule.check)
        if reads is None:
            return self.rows
        tables = {id(t): t for t in [*reads(rule, self.ctx), *self.ctx.tables(FUNDING_TABLES, "income")]}
        return {id(row) for t in tables.values() for row in t.rows if id(row) in self.rows}

    def _sweep(self, rule: Rule, states: dict[tuple, _Asked]) -> None:
        """Run once, in the first placement, each part of ``rule`` (its units, or the whole rule as one
        part) that reads a row asked about, until what is asked about each rows is settled; then try
        the other placements for what is not."""
        readable = self._readable(rule)
        asking: dict[int, tuple[_Asked, ...]] = {}
        """The rows asked about that ``rule`` may read: the states asking about each."""
        for state in states.values():
            for row in state.rows:
                if id(row) in readable:
                    asking[id(row)] = (*asking.get(id(row), ()), state)
        watched = [row for state in states.values() for row in state.rows if id(row) in asking]
        watched = list({id(row): row for row in watched}.values())
        split = CHECK_UNITS.get(rule.check)
        split_reads: set[int] = set()
        opened = len(states)
        for row in watched:
            row.cells = tracked = _Tracked(row.cells)
            tracked.key = id(row)
        _Tracked.reading = split_reads  # what making the parts reads: then they depend on placement
        try:
            # no row asked about that the rule may read: what its parts find, the checks found
            units = iter(() if not asking else [None] if split is None else split(rule, self.ctx))
            for unit in units:
                if isinstance(unit, Part):  # the rows it says it may read, known before it runs
                    reading = [s for row in unit.rows for s in asking.get(id(row), ()) if s.open]
                    if not reading:
                        continue
                    reads, keys = self._tracked(rule, unit)
                else:  # the rows it is seen to read
                    reads, keys = self._tracked(rule, unit)
                    reading = [s for key in reads for s in asking.get(key, ()) if s.open]
                for state in dict.fromkeys(reading):
                    opened -= state.add(unit, keys, reads)
                if not opened:
                    for _ in units:  # nothing left to run: only what making them reads
                        pass
        finally:
            _Tracked.reading = None
            for row in watched:
                row.cells = list.copy(row.cells)
        for state in states.values():
            if split_reads and not split_reads.isdisjoint(map(id, state.rows)):
                state.holding = self._whole(rule, state)  # its units depend on their placement
            elif state.open:
                state.holding = self._tried(rule, state)
            else:
                state.holding = state.pending

    def _tracked(self, rule: Rule, unit: Unit | None) -> tuple[dict[int, set[int] | None], tuple]:
        """The keys ``unit`` finds, and what it reads of each watched row (``_Tracked``)."""
        making, _Tracked.reading = _Tracked.reading, {}
        try:
            return _Tracked.reading, self._keys(rule, unit)
        finally:
            _Tracked.reading = making

    def _keys(self, rule: Rule, unit: Unit | None) -> tuple:
        """The keys found by ``unit`` (None: the whole rule) as the rows are placed now."""
        found = CHECK_KINDS[rule.check](rule, self.keys_ctx) if unit is None else unit(self.keys_ctx)
        return tuple(map(_key, found))

    def _tried(self, rule: Rule, state: _Asked) -> tuple:
        """What is asked about ``state.rows`` that holds, the other placements tried: a key found in every
        placement by the parts reading the rows, or more often than they find it in the first (by
        another part, whatever their placement)."""
        found = set(state.first or ())
        if found:
            for _ in _other_combinations(state.rows):
                keys = set(state.certain)
                for unit in state.moved:
                    keys.update(state.keyed(self._keys(rule, unit)))
                found &= keys
        count = self._count(rule, state.coarse)
        first = state.first or []
        return tuple(key for key in state.pending if key in found or count.get(key, 0) > first.count(key))

    def _whole(self, rule: Rule, state: _Asked) -> tuple:
        """What is asked about that holds, the whole rule re-run in the other placements."""
        found = set(state.keyed(map(_key, self.found[id(rule)])))
        for _ in _other_combinations(state.rows):
            found &= set(state.keyed(self._keys(rule, None)))
        return tuple(key for key in state.pending if key in found)

    def _count(self, rule: Rule, coarse: bool) -> dict[tuple, int]:
        """How many of the rule's findings, as the checks found them, have each key (``_coarse``)."""
        if (id(rule), coarse) not in self.counts:
            counted: dict[tuple, int] = {}
            for v in self.found[id(rule)]:
                key = _key(v, coarse)
                counted[key] = counted.get(key, 0) + 1
            self.counts[(id(rule), coarse)] = counted
        return self.counts[(id(rule), coarse)]


def _too_many(rows: list[Row]) -> bool:
    return too_many(len(row.candidates or [None]) for row in rows)


def too_many(counts: Iterable[int]) -> bool:
    """Whether guessed rows with ``counts`` candidates have more combinations of placements than a
    finding computed from them is tried in (``COMBINATIONS``): told as soon as the product passes it,
    as it only grows (a 款 of a hundred guessed 项 within ten)."""
    combinations = 1
    for count in counts:
        combinations *= count
        if combinations > COMBINATIONS:
            return True
    return False


class _Asked:
    """What ``Robustness`` is asked about one rule's findings on some guessed rows, and what the parts
    reading those rows found in the first placement: ``open`` until every key asked about is found by
    a part that finds the same whatever their placement."""

    __slots__ = ("certain", "coarse", "first", "holding", "moved", "open", "pending", "rows", "varying")

    def __init__(self, rows: list[Row]):
        self.rows = rows
        self.coarse = len(rows) == 1
        self.varying = tuple(map(_varying, rows))
        """The columns of each row its placements fill differently."""
        self.pending: tuple[tuple, ...] = ()
        """The keys asked about."""
        self.holding: tuple[tuple, ...] = ()
        """Those that hold, once swept."""
        self.open = True
        # Made when a part reading the rows is first run, dropped when what is asked is settled (a long
        # table has a hundred thousand rows asked about):
        self.first: list[tuple] | None = None
        """The keys the parts reading the rows find in the first placement, as often as they find each."""
        self.certain: set[tuple] | None = None
        """Those found by a part that reads no column the placements fill differently."""
        self.moved: list[Unit | None] | None = None
        """The parts that do: those to re-run in the other placements."""

    def keyed(self, keys: Iterable[tuple]) -> list[tuple]:
        return [_coarse(k) for k in keys] if self.coarse else list(keys)

    def add(self, unit: Unit | None, keys: tuple, reads: dict[int, set[int] | None]) -> bool:
        """What ``unit``, one of the parts reading the rows, found and read in the first placement; True
        when that settles what is asked."""
        keys = self.keyed(keys)
        if self.first is None:
            self.first, self.certain, self.moved = [], set(), []
        self.first += keys
        if all(
            (read := reads.get(id(row), ())) is not None and varying.isdisjoint(read)
            for row, varying in zip(self.rows, self.varying, strict=True)
        ):
            self.certain.update(keys)
            if self.certain.issuperset(self.pending):  # settled: all that is asked about holds
                self.open = False
                self.first = self.certain = self.moved = None
                return True
        else:
            self.moved.append(unit)
        return False


def _varying(row: Row) -> frozenset[int]:
    """The columns ``row``'s placements fill differently (a different printed figure, or one and a blank)."""
    return _columns_varying(tuple(map(tuple, row.candidates)), len(row.cells))


@lru_cache(maxsize=256)
def _columns_varying(candidates: tuple[tuple[int, ...], ...], width: int) -> frozenset[int]:
    return frozenset(
        column
        for column in range(width)
        if len({cand.index(column) if column in cand else None for cand in candidates}) > 1
    )


class _Tracked(list):
    """A guessed row's cells that note, while ``Robustness`` runs a part, which of them it reads: the
    columns it indexes, or every one (None) when it iterates or slices them (their number is the
    same in every placement: taking it reads the row, no column of it)."""

    __slots__ = ("key",)
    """The row's ``id``."""
    reading: dict[int, set[int] | None] | set[int] | None = None
    """What the part running reads, by row; a set of rows while a split makes its parts."""

    def _every(self) -> None:
        if isinstance(reading := _Tracked.reading, dict):
            reading[self.key] = None
        elif reading is not None:
            reading.add(self.key)

    def __getitem__(self, index):
        reading = _Tracked.reading
        size = list.__len__(self)
        if isinstance(reading, dict) and isinstance(index, int) and -size <= index < size:
            read = reading.setdefault(self.key, set())
            if read is not None:
                read.add(index % size)
        elif reading is not None:
            self._every()
        return super().__getitem__(index)

    def __iter__(self):
        self._every()
        return super().__iter__()

    def __reversed__(self):
        self._every()
        return super().__reversed__()

    def __contains__(self, item):
        self._every()
        return super().__contains__(item)

    def __len__(self):
        if isinstance(reading := _Tracked.reading, dict):
            reading.setdefault(self.key, set())
        elif reading is not None:
            reading.add(self.key)
        return super().__len__()


def _other_combinations(rows: list[Row]) -> Iterator[None]:
    """Place ``rows`` in each combination of their candidates but the first, the one they are in; they
    are left in it."""
    placed = [row.cells for row in rows]
    try:
        for combination in islice(product(*(row.candidates for row in rows)), 1, None):
            for row, candidate in zip(rows, combination, strict=True):
                place(row, candidate)
            yield
    finally:
        for row, cells in zip(rows, placed, strict=True):
            row.cells = cells


def _key(found, coarse: bool = False) -> tuple:
    """The key of a finding: a ``Violation``, or the ``FindingKey`` a check yields under ``keys_only``;
    ``coarse``: without its column (``_coarse``)."""
    key = (
        found
        if isinstance(found, FindingKey)
        else (found.code, found.table, found.row, found.column, found.severity)
    )
    return _coarse(key) if coarse else key


def _coarse(key: tuple) -> tuple:
    """A finding's key without its column: what a finding on one guessed row is matched by (the row
    missing from a twin table is missing whichever column its figure is placed in). Findings on several
    guessed rows are matched with their column: a sum failing in 合计 in every placement does not make
    the 基本支出 failure of one placement certain."""
    return key[:3] + key[4:]


def _watch(row: Row) -> None:
    row.cells = _Watched(row.cells, id(row))


def _place_watched(row: Row, candidate: list[int]) -> None:
    place(row, candidate)
    _watch(row)


def _ambiguities(table: Table, rows: list[Row], bounded: set[int]) -> list[ReadFinding]:
    """The ambiguity findings (BL001) of ``table``'s ``rows``, those (``id``) in ``bounded`` said to be
    bounded."""
    named: dict[tuple, tuple[list[str], str]] = {}
    """By each set of candidates the rows have (and whether bounded), the column headers of each
    candidate (one list, shared by the findings of those rows and never changed) and the end of the
    message."""
    last: tuple = (None, False, ())
    """The candidates last named, whether bounded, and their names: rows in a row mostly have the same
    (compared faster than hashed)."""
    found = []
    for row in rows:
        said = id(row) in bounded
        if row.candidates != last[0] or said != last[1]:
            key = (tuple(map(tuple, row.candidates)), said)
            if key not in named:
                names = [" / ".join(table.columns[i].header for i in cand) for cand in key[0]]
                joined = "；".join(names)
                named[key] = (
                    names,
                    f" 可能属于以下任一组列：{joined}（{_BOUNDED if said else ''}按第一组检查）",
                )
            last = row.candidates, said, named[key]
        names, end = last[2]
        amounts = " ".join([cell.text for cell in row.cells if cell.value is not None])  # the printed
        message = f"{row.code or ''} {row.label} 的金额 {amounts}{end}".strip()
        # code, message, table, row, candidates, source: by position, half the cost of by name
        found.append(ReadFinding("BL001", message, table.label, row.code or row.label, names, row.source))
    return found

"""read → model → rules → report: settle placements, run every rule's check, put each violation on
its culprit cell, and turn the reader's findings into violations."""

from __future__ import annotations

import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import partial

from . import diagnosis, placement
from .amounts import MONEY_CONTEXT, parse_amount
from .checks import CHECK_KINDS, Context
from .checks.base import FindingKey, row_key
from .collector import paused
from .findings import SEVERITY_ORDER, CellRef, DocumentReport, Violation
from .kernel import Tolerance, settle_precision
from .model import Cell, Document, ReadFinding, Row, Source, Table
from .readers import ReadError, read_document
from .rules import Rule, builtin_rules

TIME_BUDGET = 60.0
"""The default per-document time budget, in processor seconds: the real disclosures take 0.01–8 s."""


@dataclass
class Options:
    lang: str = "zh"
    tolerance: Tolerance = Tolerance.HALF_UP
    rules: list[Rule] = field(default_factory=lambda: list(builtin_rules()))
    enabled: frozenset[str] | None = None
    """Codes to report (None: all). Applied after the checks: placement still uses every rule's evidence."""
    severity: dict[str, str] = field(default_factory=dict)
    """Severity overrides by code (see ``_override``)."""
    time_budget: float | None = TIME_BUDGET
    """Seconds of processor time one document may take (read and checks) before it is reported as not
    finished (None: no limit). Processor time, so that a loaded machine does not change the outcome;
    enforced with SIGPROF, so only where that exists and in the main thread (a worker's, with --jobs)."""
    debug: bool = False
    """Print the traceback of an unexpected failure to stderr (it is still that document's error)."""


class _OutOfTime(Exception):
    pass


def lint_path(
    path: str, options: Options | None = None, on_read: Callable[[Document], None] | None = None
) -> DocumentReport:
    """Read and check one input. An unreadable input, a document that ran out of time and an
    unexpected failure (a bug) each give a report with ``error`` set, never an exception: a batch
    always goes on to its other documents. ``on_read`` is given the document as read, before the
    checks settle its amounts (what a cross-year run keeps of it)."""
    options = options or Options()
    try:
        with _time_budget(options.time_budget), paused():
            return DocumentReport(path=path, violations=_read_and_lint(path, options, on_read))
    except ReadError as exc:
        return DocumentReport(path=path, error=str(exc))
    except _OutOfTime:
        budget = f"{options.time_budget:g} s of processor time"
        return DocumentReport(path=path, error=f"not finished within its time budget ({budget})")
    except Exception as exc:  # the backstop: a bug in a reader or check is this document's error
        if options.debug:
            traceback.print_exc(file=sys.stderr)
        return DocumentReport(path=path, error=internal_error(exc))


def _read_and_lint(
    path: str, options: Options, on_read: Callable[[Document], None] | None
) -> list[Violation]:
    """The document's objects are freed as this returns, while the collector is still paused: alive when it
    resumes, they would all be traversed by its first collection."""
    document = read_document(path)
    if on_read is not None:
        on_read(document)
    return lint_document(document, options)


def internal_error(exc: BaseException) -> str:
    """One line for an unexpected failure: what failed and where, the traceback left to ``--debug``."""
    frames = traceback.extract_tb(exc.__traceback__)
    message = next(iter(str(exc).strip().splitlines()), "")
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    where = f" in {frames[-1].name}" if frames else ""
    return f"internal error, not checked ({what}{where}; --debug shows the traceback)"


@contextmanager
def _time_budget(seconds: float | None):
    main_thread = threading.current_thread() is threading.main_thread()
    if not seconds or not hasattr(signal, "ITIMER_PROF") or not main_thread:
        yield
        return

    def out_of_time(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGPROF, out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def lint_document(document: Document, options: Options | None = None) -> list[Violation]:
    """Check a document already read; its violations in report order."""
    with localcontext(**MONEY_CONTEXT), paused():
        return _lint(document, options or Options())


def _lint(document: Document, options: Options) -> list[Violation]:
    breaks = _precision_breaks(document)
    indexes: dict = {}
    guessed = _guessed(settle(document, options, indexes))
    dropped = partial(_dropped, guessed) if guessed else None
    ctx = Context(document, lang=options.lang, tolerance=options.tolerance, dropped=dropped, indexes=indexes)
    violations = _settled(guessed, _check(ctx, options), options, ctx)
    culprits = _localise(violations)
    diagnosis.annotate(violations, options.lang, document)
    violations = _one_per_defect(_select(violations, options), culprits, options.lang)
    _grade_precision_breaks(violations, culprits, breaks, options.lang)
    violations += _select(_from_findings(document.findings, options), options)
    return sorted(violations, key=Violation.sort_key)


def settle(
    document: Document, options: Options, indexes: dict | None = None
) -> list[tuple[Table, list[Row]]]:
    """Place the amounts read without their blank cells (``placement``), with every rule's evidence;
    each table's rows whose placement is still a guess. ``indexes``: the row indexes to share with the
    contexts the document is checked in after (``Context.indexes``)."""
    indexes = {} if indexes is None else indexes
    # The tables' own rules first, the narrative's only to separate what those leave tied.
    tables = [r for r in options.rules if not r.check.startswith("narrative_")]
    narrative = [r for r in options.rules if r.check.startswith("narrative_")]
    return placement.resolve(
        document,
        options.rules,
        [tables, narrative],
        lambda: Context(
            document, lang=options.lang, tolerance=options.tolerance, errors_only=True, indexes=indexes
        ),
    )


def _check(ctx: Context, options: Options) -> list[tuple[Rule, list[Violation]]]:
    """Each rule's violations."""
    return [(rule, list(run(rule, ctx))) for rule in options.rules if (run := CHECK_KINDS.get(rule.check))]


def _guessed(guesses: list[tuple[Table, list[Row]]]) -> dict[tuple[str, str], Row]:
    """The rows whose placement is still a guess (``settle``'s), by table label and row key (what a
    finding's cells name)."""
    return {(t.label, row_key(r)): r for t, rows in guesses for r in rows}


def _dropped(guessed: dict[tuple[str, str], Row], table: Table, rows: Iterable[Row]) -> bool:
    """True when ``_settled`` drops a finding whose cells are those of ``rows`` in ``table``: the guessed
    rows among them have more combinations of placements than ``placement.Robustness`` tries."""
    seen: set[int] = set()

    def counts() -> Iterator[int]:  # of each guessed row once, as far as ``too_many`` asks
        for row in rows:
            guess = guessed.get((table.label, row_key(row)))
            if guess is not None and id(guess) not in seen:
                seen.add(id(guess))
                yield len(guess.candidates)

    return placement.too_many(counts())


def _settled(
    guessed: dict[tuple[str, str], Row],
    checked: list[tuple[Rule, list[Violation | FindingKey]]],
    options: Options,
    ctx: Context,
) -> list[Violation]:
    """Keep what was computed from a row whose placement is still a guess (``guessed``) only when it
    holds for every placement of that row (of several such rows: every combination of their placements,
    left out when there are too many to try). The rows are reported as ambiguous (BL001) instead.
    ``ctx``: the context the checks ran in; a check yielded only the key of a finding left out so
    (``_dropped``), for ``placement.Robustness`` to count."""
    found = [v for _, violations in checked for v in violations if not isinstance(v, FindingKey)]
    if not guessed:
        return found
    rules = _by_code(options)
    asked = []
    for v in found:
        rows = [r for c in v.cells if (r := guessed.get((c.table, c.row))) is not None]
        if len(rows) > 1:
            rows = list({id(r): r for r in rows}.values())
        if rows:
            asked.append((v, rules.get(v.code), rows))
    if not asked:
        return found
    robust = placement.Robustness(
        list({id(r): r for r in guessed.values()}.values()), ctx, {id(rule): v for rule, v in checked}, asked
    )
    dropped = {id(v) for v, rule, rows in asked if not robust.holds(v, rule, rows)}
    return [v for v in found if id(v) not in dropped] if dropped else found


def _cell_key(table: str, row: str, column: str | None, source: Source) -> tuple:
    return table, row, column, source.line, source.page


def _localise(violations: list[Violation]) -> dict[int, tuple[CellRef, bool, tuple]]:
    """Single-fault diagnosis: when a check involving several cells fails, the culprit is the cell
    involved in the most failed checks (errors first, then rounding residues); on a tie the reported
    figure keeps the blame. Returns each violation's culprit (by ``id``), whether failed checks, not
    residues alone, single it out, and the culprit's key (``_ref_key``); for ``_one_per_defect``."""
    errors: dict[tuple, int] = {}
    residues: dict[tuple, int] = {}
    failed: dict[tuple, list[Violation]] = {}
    """The failed checks of each cell of a failed check of several cells (what ``explained`` reads)."""
    keyed = [(v, [_ref_key(ref) for ref in v.cells]) for v in violations if v.cells]  # each key made once
    for v, keys in keyed:
        counter = errors if v.severity == "error" else residues
        for key in keys:
            counter[key] = counter.get(key, 0) + 1
            if counter is errors and len(keys) > 1 and key not in failed:
                failed[key] = []
    for v, keys in keyed if failed else []:
        if v.severity == "error":
            for key in keys:
                if (cell := failed.get(key)) is not None:
                    cell.append(v)
    culprits: dict[int, tuple[CellRef, bool, tuple]] = {}
    for v, keys in keyed:
        culprits[id(v)] = v.cells[0], False, keys[0]
        if v.severity != "error" or len(v.cells) < 2:
            continue

        def explained(ref, v=v) -> int:
            """The failed checks one correction of ``ref`` would mend together with ``v``."""
            return errors[_ref_key(ref)] - sum(
                1 for other in failed[_ref_key(ref)] if other is not v and diagnosis.disagree(v, other, ref)
            )

        scored = sorted(
            (
                (explained(r), residues.get(k, 0), -i, r, k)
                for i, (r, k) in enumerate(zip(v.cells, keys, strict=True))
            ),
            key=lambda s: s[:3],
            reverse=True,
        )
        best, runner_up = scored[0], scored[1]
        if best[:2] > runner_up[:2] and best[3] is not v.cells[0]:
            v.source = best[3].source
        if best[:2] > runner_up[:2]:
            v.culprit = best[3]
            culprits[id(v)] = best[3], best[0] > runner_up[0], best[4]
    return culprits


def _culprit(culprits: dict[int, tuple[CellRef, bool, tuple]], violation: Violation) -> tuple | None:
    found = culprits.get(id(violation))
    return found[2] if found else None


def _ref_key(ref) -> tuple:
    return _cell_key(ref.table, ref.row, ref.column, ref.source)


def _one_per_defect(
    violations: list[Violation], culprits: dict[int, tuple[CellRef, bool, tuple]], lang: str
) -> list[Violation]:
    """One defect, one finding: the errors that blame the same cell are one error, and a warning or
    residue about that cell is part of it when failed checks single the cell out. The finding kept is
    an error about the culprit's row (its row identity before its twin's), else the first by code; it
    takes the others' cells, and its message names what else the cell breaks."""
    groups: dict[tuple, list[Violation]] = {}
    singled_out: set[tuple] = set()
    for v in violations:
        if v.severity == "error" and id(v) in culprits:
            _, strong, key = culprits[id(v)]
            groups.setdefault(key, []).append(v)
            if strong:
                singled_out.add(key)
    about: dict[tuple, list[Violation]] = {}
    """The warnings and residues about each singled-out cell."""
    for v in violations if singled_out else []:
        if v.severity != "error" and (key := _culprit(culprits, v)) in singled_out:
            about.setdefault(key, []).append(v)
    absorbed: dict[int, Violation] = {}
    for key, errors in groups.items():
        if len(errors) == 1 and key not in about:
            continue
        kept = min(errors, key=lambda v: (v.table != key[0] or v.row != key[1], v.code))
        others = [v for v in errors if v is not kept] + about.get(key, [])
        if not others:
            continue
        seen = {_ref_key(c) for c in kept.cells}
        for other in others:
            absorbed[id(other)] = kept
            for ref in other.cells:
                if _ref_key(ref) not in seen:
                    seen.add(_ref_key(ref))
                    kept.cells.append(ref)
        # the hints of one cell's checks are diagnoses of one slip: each said once, at the end
        hint = "；".join(dict.fromkeys(h for h in [kept.hint, *(o.hint for o in others)] if h)) or None
        if kept.hint:
            kept.message = kept.message.removesuffix(diagnosis.hint_suffix(kept.hint, lang))
        also = "；".join(
            f"{o.code} {o.message.removesuffix(diagnosis.hint_suffix(o.hint, lang)) if o.hint else o.message}"
            for o in others
        )
        kept.message += f"（同一处也使：{also}）" if lang != "en" else f" (the same cell also breaks: {also})"
        if hint:
            kept.hint = hint
            kept.message += diagnosis.hint_suffix(hint, lang)
        culprit = next(c for c in kept.cells if _ref_key(c) == key)
        kept.culprit = culprit
        if culprit is not kept.cells[0]:
            value = culprit.value if culprit.value is not None else "-"
            kept.message = (
                f"最可能有误的是 {culprit.row}「{culprit.column or ''}」{value}：{kept.message}"
                if lang != "en"
                else f"most likely wrong: {culprit.row} '{culprit.column or ''}' {value}: {kept.message}"
            )
    return [v for v in violations if id(v) not in absorbed]


def _precision_breaks(document: Document) -> dict[tuple, Cell]:
    """Settle every table's precision (``kernel.settle_precision``); its breaks by cell key."""
    found: dict[tuple, Cell] = {}
    for table in document.tables:
        breaks = {id(cell) for cell in settle_precision(table)}
        for row in table.rows if breaks else []:
            for column, cell in zip(table.columns, row.cells, strict=False):
                if id(cell) in breaks:
                    found[_cell_key(table.label, row_key(row), column.header, cell.source)] = cell
    return found


def _grade_precision_breaks(
    violations: list[Violation],
    culprits: dict[int, tuple[CellRef, bool, tuple]],
    breaks: dict[tuple, Cell],
    lang: str,
) -> None:
    """An error whose culprit is a precision break, and whose difference the break's printed rounding
    would hide, is that break: a warning that names the figure the table's precision gives."""
    for v in violations if breaks else []:
        cell = breaks.get(_culprit(culprits, v))
        if v.severity != "error" or cell is None or v.difference is None:
            continue
        printed = parse_amount(cell.text)
        if printed is None or abs(Decimal(v.difference)) >= Decimal(5).scaleb(-(printed[1] or 0) - 1):
            continue
        v.severity = "warning"
        v.message = (
            f"精度不一致：{cell.text} 未印出本表其他金额的 {cell.decimals} 位小数，其舍入掩盖了差额。"
            f"{v.message}"
            if lang != "en"
            else f"precision break: {cell.text} lacks the {cell.decimals} decimals its table prints, and "
            f"its rounding hides the difference. {v.message}"
        )


def _select(violations: list[Violation], options: Options) -> list[Violation]:
    """Drop the codes not enabled and apply the severity overrides (``violations`` itself when there
    are neither: a long table's findings by the ten thousand)."""
    kept = violations if options.enabled is None else [v for v in violations if v.code in options.enabled]
    for v in kept if options.severity else []:
        if v.code in options.severity:
            v.severity = _override(v.severity, _rule(options, v.code), options.severity[v.code])
    return kept


def _override(severity: str, rule: Rule | None, new: str) -> str:
    """A finding at the rule's own severity takes the override; one the kernel graded down (a rounding
    residue is info, a tie a warning) never ends up more severe than the override."""
    if rule is None or severity == rule.severity:
        return new
    return max(severity, new, key=SEVERITY_ORDER.__getitem__)


def _rule(options: Options, code: str) -> Rule | None:
    return next((r for r in options.rules if r.code == code), None)


def _by_code(options: Options) -> dict[str, Rule]:
    """The rules by code, the first of a code as ``_rule`` finds it: for a lookup per finding."""
    return {rule.code: rule for rule in reversed(options.rules)}


def _from_findings(findings: list[ReadFinding], options: Options) -> list[Violation]:
    """The violations of the readers' findings that have a rule: in one comprehension, each with its
    fields in their order, not by name (a long table's reader leaves rows ambiguous by the ten
    thousand). Each its table (no title), row, and source."""
    rules = _by_code(options)
    english = options.lang == "en"
    return [
        Violation(
            rule.code,
            rule.name,
            rule.severity,
            _in_english(f, rule) if english else f.message,
            f.table or "",
            "",
            f.row,
            None,  # row label, column and figures (reported, computed, difference, tolerance): none
            None,
            None,
            None,
            None,
            None,
            f.source,
        )
        for f in findings
        if (rule := rules.get(f.code)) is not None
    ]


def _in_english(finding: ReadFinding, rule: Rule) -> str:
    """A reader's finding under ``--lang en``: the rule's title with what the finding is about (the
    readers word their findings in Chinese)."""
    about = [part for part in (finding.table, finding.row) if part]
    if finding.candidates:
        about.append("possible placements: " + "; ".join(finding.candidates))
    return rule.title.en + (f" ({', '.join(about)})" if about else "")

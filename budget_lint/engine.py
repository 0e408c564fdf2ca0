"""read → model → rules → report: settle placements, run every rule's check, put each violation on
its culprit cell, and turn the reader's findings into violations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import diagnosis, placement
from .checks import CHECK_KINDS, Context
from .checks.base import row_key
from .kernel import Tolerance
from .model import Document, ReadFinding, Source
from .readers import ReadError, read_document
from .report.model import SEVERITY_ORDER, DocumentReport, Violation
from .rules import Rule, builtin_rules


@dataclass
class Options:
    lang: str = "zh"
    tolerance: Tolerance = Tolerance.HALF_UP
    rules: list[Rule] = field(default_factory=lambda: list(builtin_rules()))
    enabled: frozenset[str] | None = None
    """Codes to report (None: all). Applied after the checks: placement still uses every rule's evidence."""
    severity: dict[str, str] = field(default_factory=dict)
    """Severity overrides by code (see ``_override``)."""


def lint_path(path: str, options: Options | None = None) -> DocumentReport:
    """Read and check one input; an unreadable input gives a report with ``error`` set."""
    options = options or Options()
    try:
        document = read_document(path)
    except ReadError as exc:
        return DocumentReport(path=path, error=str(exc))
    return DocumentReport(path=path, violations=lint_document(document, options))


def lint_document(document: Document, options: Options | None = None) -> list[Violation]:
    options = options or Options()
    settle(document, options)
    violations = _settled(document, _check(document, options), options)
    _localise(violations)
    diagnosis.annotate(violations, options.lang, document)
    violations += [_from_finding(f, options) for f in document.findings if _rule(options, f.code)]
    return sorted(_select(violations, options), key=Violation.sort_key)


def settle(document: Document, options: Options) -> None:
    """Place the amounts read without their blank cells (``placement``), with every rule's evidence."""
    # The tables' own rules first, the narrative's only to separate what those leave tied.
    tables = [r for r in options.rules if not r.check.startswith("narrative_")]
    narrative = [r for r in options.rules if r.check.startswith("narrative_")]
    placement.resolve(
        document,
        options.rules,
        [tables, narrative],
        lambda: Context(document, lang=options.lang, tolerance=options.tolerance, errors_only=True),
    )


def _check(document: Document, options: Options) -> list[Violation]:
    ctx = Context(document, lang=options.lang, tolerance=options.tolerance)
    found: list[Violation] = []
    for rule in options.rules:
        run = CHECK_KINDS.get(rule.check)
        if run is not None:
            found.extend(run(rule, ctx))
    return found


def _settled(document: Document, violations: list[Violation], options: Options) -> list[Violation]:
    """Keep what was computed from a row whose placement is still a guess only when it holds for
    every placement of that row (checked when one such row is involved; with several the combinations
    are not tried and the finding is left out). The rows are reported as ambiguous (BL001) instead."""
    guessed = {(t.label, row_key(r)): r for t in document.tables for r in t.rows if r.candidates}
    kept = []
    for v in violations:
        rows = list({id(r): r for c in v.cells if (r := guessed.get((c.table, c.row))) is not None}.values())
        if not rows or (len(rows) == 1 and _fails_whatever_the_placement(document, v, rows[0], options)):
            kept.append(v)
    return kept


def _fails_whatever_the_placement(document: Document, violation: Violation, row, options: Options) -> bool:
    rule = _rule(options, violation.code)
    ctx = Context(document, lang=options.lang, tolerance=options.tolerance)
    same = (violation.code, violation.table, violation.row, violation.severity)
    try:
        for _ in placement.each_candidate(row):
            if not any(
                (v.code, v.table, v.row, v.severity) == same for v in CHECK_KINDS[rule.check](rule, ctx)
            ):
                return False
    finally:
        placement.place(row, row.candidates[0])
    return True


def _cell_key(table: str, row: str, column: str | None, source: Source) -> tuple:
    return table, row, column, source.line, source.page


def _localise(violations: list[Violation]) -> None:
    """Single-fault diagnosis: when a check involving several cells fails, the culprit is the cell
    involved in the most failed checks (errors first, then rounding residues); on a tie the reported
    figure keeps the blame."""
    errors: Counter = Counter()
    residues: Counter = Counter()
    for v in violations:
        counter = errors if v.severity == "error" else residues
        for ref in v.cells:
            counter[_cell_key(ref.table, ref.row, ref.column, ref.source)] += 1
    for v in violations:
        if v.severity != "error" or len(v.cells) < 2:
            continue
        scored = sorted(
            (
                (
                    errors[_cell_key(r.table, r.row, r.column, r.source)],
                    residues[_cell_key(r.table, r.row, r.column, r.source)],
                    -i,
                    r,
                )
                for i, r in enumerate(v.cells)
            ),
            key=lambda s: s[:3],
            reverse=True,
        )
        best, runner_up = scored[0], scored[1]
        if best[:2] > runner_up[:2] and best[3] is not v.cells[0]:
            v.source = best[3].source


def _select(violations: list[Violation], options: Options) -> list[Violation]:
    """Drop the codes not enabled and apply the severity overrides."""
    kept = [v for v in violations if options.enabled is None or v.code in options.enabled]
    for v in kept:
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


def _from_finding(finding: ReadFinding, options: Options) -> Violation:
    rule = _rule(options, finding.code)
    return Violation(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=finding.message,
        table=finding.table or "",
        row=finding.row,
        source=finding.source,
    )

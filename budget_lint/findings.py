"""The finding model: what a check reports (Violation, with the cells it read) and a document's report;
shared by the checks, the engine and every emitter (the JSON report is a public contract)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, with_config

from .model import Source, pickled_by_fields

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
_EMITTED = ConfigDict(json_schema_serialization_defaults_required=True)
"""Every field is always written: the report's schema says so (``budget-lint schema report``)."""


# Slotted dataclasses, as the model's cells are: checks build them by the hundred thousand on a long
# table (a Violation: 1.85 KB as a pydantic model). (No docstrings: they would become the schema's
# descriptions.)
@with_config(_EMITTED)
@pickled_by_fields
@dataclass(slots=True)
class CellRef:
    table: str
    row: str
    column: str | None = None
    value: str | None = None
    source: Source = field(default_factory=Source)
    label: Annotated[str | None, Field(exclude=True)] = None
    """The row's label, for the table frame of the full report; not part of the JSON contract."""


@with_config(_EMITTED)
@pickled_by_fields
@dataclass(slots=True)
class Violation:
    code: str
    name: str
    severity: Severity
    message: str
    table: str
    """The document's own label (表二, 公开05表), else the title; 说明 for the narrative."""
    table_title: str = ""
    row: str | None = None
    row_label: str | None = None
    column: str | None = None
    reported: str | None = None
    computed: str | None = None
    difference: str | None = None
    tolerance: str | None = None
    source: Source = field(default_factory=Source)
    cells: list[CellRef] = field(default_factory=list)
    hint: str | None = None
    """A diagnosis of the slip behind an arithmetic break, when the figures show one (diagnosis.py)."""
    culprit: Annotated[CellRef | None, Field(exclude=True)] = None
    """The cell the engine blames, one of ``cells`` (set where failed checks single it out), for the
    frames of the full and html reports; not part of the JSON contract (``source`` is its place)."""

    def sort_key(self) -> tuple:
        return (
            self.source.page or 0,
            self.source.line or 0,
            SEVERITY_ORDER[self.severity],
            self.code,
            self.table,
            self.row or "",
            self.column or "",
        )

    def identity(self) -> str:
        """What the finding is about, without its message, figures or line numbers: the rule, the
        reported cell and the cells the check read. Stable when lines move or the language changes."""
        cells = sorted({_normal(f"{c.table}/{c.row}/{c.column or ''}") for c in self.cells})
        parts = [self.code, self.table, self.row or "", self.column or "", *cells]
        return "\x1f".join(_normal(p) for p in parts)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


class DocumentReport(BaseModel):
    model_config = _EMITTED

    path: str
    error: str | None = None
    violations: list[Violation] = Field(default_factory=list)

    def fingerprints(self) -> list[str]:
        """One stable fingerprint per violation (SARIF ``partialFingerprints``, baseline entries): a hash
        of its identity; findings with the same identity are told apart by their order."""
        seen: Counter = Counter()
        prints = []
        for v in self.violations:
            identity = v.identity()
            seen[identity] += 1
            text = identity if seen[identity] == 1 else f"{identity}\x1f#{seen[identity]}"
            prints.append(hashlib.sha256(text.encode()).hexdigest()[:32])
        return prints


class Summary(BaseModel):
    model_config = _EMITTED

    documents: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    """Inputs that could not be read or checked (their ``error`` is set)."""


class Report(BaseModel):
    model_config = _EMITTED

    tool: str = "budget-lint"
    version: str
    documents: list[DocumentReport] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    @classmethod
    def of(cls, version: str, documents: list[DocumentReport]) -> Report:
        severities = Counter(v.severity for d in documents for v in d.violations)
        summary = Summary(
            documents=len(documents),
            errors=severities["error"],
            warnings=severities["warning"],
            infos=severities["info"],
            unreadable=sum(1 for d in documents if d.error),
        )
        return cls(version=version, documents=documents, summary=summary)

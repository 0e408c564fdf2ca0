"""The violation model shared by the engine and every emitter (the JSON report is a public contract)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..model import Source

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class CellRef(BaseModel):
    table: str
    row: str
    column: str | None = None
    value: str | None = None
    source: Source = Field(default_factory=Source)


class Violation(BaseModel):
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
    source: Source = Field(default_factory=Source)
    cells: list[CellRef] = Field(default_factory=list)

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


class DocumentReport(BaseModel):
    path: str
    error: str | None = None
    violations: list[Violation] = Field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)


class Summary(BaseModel):
    documents: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0


class Report(BaseModel):
    tool: str = "budget-lint"
    version: str
    documents: list[DocumentReport] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    @classmethod
    def of(cls, version: str, documents: list[DocumentReport]) -> Report:
        summary = Summary(
            documents=len(documents),
            errors=sum(d.count("error") for d in documents),
            warnings=sum(d.count("warning") for d in documents),
            infos=sum(d.count("info") for d in documents),
        )
        return cls(version=version, documents=documents, summary=summary)

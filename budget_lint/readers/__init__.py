"""One reader per input form; `read_document` picks the reader for a path."""

from __future__ import annotations

from pathlib import Path

from ..model import Document, ReadFinding, Source
from .flat_text import looks_flat, read_flat
from .layout_text import looks_layout, read_layout
from .textio import ReadError, read_text
from .web_table import looks_piped, read_piped

__all__ = ["ReadError", "read_document", "read_text_document"]


def read_document(path: str | Path) -> Document:
    """Read one disclosure. ``a.pdf+b.pdf`` reads a disclosure published as several PDFs (narrative
    and tables) as one document."""
    parts = [Path(p) for p in str(path).split("+")]
    for part in parts:
        if not part.exists():
            raise ReadError(f"no such file{'' if len(parts) == 1 else ': ' + str(part)}")
        if part.is_dir():
            raise ReadError("a folder with no .txt, .pdf, .xlsx, .xls, .yaml or .json file in it")
    if all(part.suffix.lower() == ".pdf" for part in parts):
        from .pdf import read_pdf

        return _without_tables_noted(read_pdf(parts, str(path)))
    if len(parts) > 1:
        raise ReadError("only PDF parts can be joined with +")
    path = parts[0]
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
        from .workbook import read_workbook

        return _without_tables_noted(read_workbook(path, str(path)))
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        from .model_file import read_model

        return read_model(path)
    return read_text_document(read_text(path), str(path))


def read_text_document(text: str, name: str) -> Document:
    """A document from its text, by the form the text takes."""
    if not text.strip():
        raise ReadError("empty file")
    if looks_piped(text):
        document = read_piped(text, name)
    elif looks_layout(text):
        document = read_layout(text, name)
    elif looks_flat(text):
        document = read_flat(text, name)
    else:
        document = read_layout(text, name, positioned=False)
    return _without_tables_noted(document)


def _without_tables_noted(document: Document) -> Document:
    """A document in which no table was recognised is said to be one: its clean report covers only
    the narrative (a 情况说明 published alone, or a text that is no disclosure at all)."""
    if not document.tables:
        document.findings.append(
            ReadFinding(code="BL006", message="未识别出任何预算表格，只检查了说明文字", source=Source(line=1))
        )
    return document

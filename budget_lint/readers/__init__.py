"""One reader per input form; `read_document` picks the reader for a path."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
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
            raise ReadError("is a folder")
    if all(part.suffix.lower() == ".pdf" for part in parts):
        from .pdf import read_pdf

        return read_pdf(parts, str(path))
    if len(parts) > 1:
        raise ReadError("only PDF parts can be joined with +")
    path = parts[0]
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        from .model_file import read_model

        return read_model(path)
    return read_text_document(read_text(path), str(path))


def read_text_document(text: str, name: str) -> Document:
    """A document from its text, by the form the text takes."""
    path = name
    if not text.strip():
        raise ReadError("empty file")
    if looks_piped(text):
        return read_piped(text, str(path))
    if looks_layout(text):
        return read_layout(text, str(path))
    if looks_flat(text):
        return read_flat(text, str(path))
    return read_layout(text, str(path), positioned=False)

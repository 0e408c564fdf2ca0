"""One reader per input form; `read_document` picks the reader for a path."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from .flat_text import looks_flat, read_flat
from .layout_text import looks_layout, read_layout
from .textio import ReadError, read_text

__all__ = ["ReadError", "read_document"]


def read_document(path: str | Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise ReadError("no such file")
    if path.is_dir():
        raise ReadError("is a folder")
    text = read_text(path)
    if not text.strip():
        raise ReadError("empty file")
    if looks_layout(text):
        return read_layout(text, str(path))
    if looks_flat(text):
        return read_flat(text, str(path))
    return read_layout(text, str(path), positioned=False)

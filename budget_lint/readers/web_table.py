"""Reader for web pages flattened to text, with ``|`` between the cells of a table row (small 三公
disclosures). Each cell is one token; its position is its column index."""

from __future__ import annotations

from ..model import Document, Source
from .blocks import TextLine, Token
from .segment import read_titled


def looks_piped(text: str) -> bool:
    if text.count("|") < 3:
        return False  # most texts: no line to look at
    return sum(1 for line in text.split("\n") if line.rstrip().endswith("|")) >= 3


def read_piped(text: str, path: str) -> Document:
    lines = []
    for n, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        cells = [cell.strip() for cell in raw.split("|")] if "|" in raw else [raw.strip()]
        tokens = [Token(cell, i, i + 1) for i, cell in enumerate(cells) if cell]
        lines.append(TextLine(Source(line=n), " ".join(t.text for t in tokens), tokens, index=n))
    return read_titled(lines, path)

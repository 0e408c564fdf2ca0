"""Reader for PDF files: every cell placed by its position on the page.

The positioned spans of `pdf_layout` become the same lines the layout-text reader makes, with exact
positions: a row that printed fewer amounts than the table has columns is then placed by where its
amounts stand. Pages whose text cannot be trusted (scanned, or fonts without a Unicode mapping) are
reported and their figures never checked. A disclosure published as several PDFs is read as one
document: pass the parts joined with ``+``.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Document, ReadFinding, Source
from .blocks import TextLine, Token
from .segment import read_titled
from .textio import ReadError

# A vertical gap wider than this many line heights stands for a blank line: the rows of a table are
# further apart than the lines of one wrapped cell.
ROW_GAP = 0.6


def read_pdf(paths: list[Path], name: str) -> Document:
    from .pdf_layout import PdfError, extract_pages

    lines: list[TextLine] = []
    findings: list[ReadFinding] = []
    index = offset = 0
    for path in paths:
        try:
            pages = extract_pages(path)
        except PdfError as exc:
            reason = str(exc).removeprefix(f"{path.name}: ") if len(paths) == 1 else str(exc)
            raise ReadError(reason) from None
        for page in pages:
            number = offset + page.number  # pages of a multi-part disclosure are numbered on
            if page.issue:
                findings.append(
                    ReadFinding(
                        code="BL004",
                        source=Source(page=number),
                        message=f"第{number}页无法可靠读取文字（{page.issue}），未检查",
                    )
                )
            previous = None
            for line in page.lines:
                height = max(line.bottom - line.top, 1.0)
                index += 2 if previous is None or line.top - previous.bottom > ROW_GAP * height else 1
                tokens = [Token(span.text, span.x0, span.x1) for span in line.spans]
                lines.append(
                    TextLine(
                        Source(page=number),
                        line.text,
                        _split_amounts(tokens),
                        True,
                        index,
                        (line.top + line.bottom) / 2,
                    )
                )
                previous = line
        offset += len(pages)
    if not lines and findings:
        raise ReadError("no page has readable text (scanned or without a Unicode mapping)")
    return read_titled(lines, name, findings)


def _split_amounts(tokens: list[Token]) -> list[Token]:
    """A span holding several words split at spaces: one cell per word, positions shared out by
    character. (The PDF layer keeps a cell's words together; amounts and labels then part here.)"""
    from ..amounts import parse_amount

    out: list[Token] = []
    for token in tokens:
        words = token.text.split(" ")
        if len(words) == 1 or not any(parse_amount(w) is not None for w in words):
            out.append(token)
            continue
        width = (token.x1 - token.x0) / max(len(token.text), 1)
        offset = 0
        for word in words:
            out.append(Token(word, token.x0 + offset * width, token.x0 + (offset + len(word)) * width))
            offset += len(word) + 1
    return out

"""One reader per input form; `read_document` picks the reader for a path."""

from __future__ import annotations

import re
from pathlib import Path

from ..collector import paused
from ..model import Document, ReadFinding, Source
from .figures import vet_figures
from .flat_text import looks_flat, read_flat
from .layout_text import looks_layout, read_layout
from .textio import HALF_WIDTH, ReadError, read_text, regular_file, within_limit, within_line_limit
from .web_table import looks_piped, read_piped

__all__ = ["ReadError", "read_document", "read_text_document"]


@paused()
def read_document(path: str | Path) -> Document:
    """Read one disclosure. ``a.pdf+b.pdf`` reads a disclosure published as several PDFs (narrative
    and tables) as one document; a file whose own name holds a ``+`` (``c++.txt``) is that file."""
    parts = _parts(str(path))
    for part in parts:
        if not part.exists() and not part.is_symlink():
            raise ReadError(f"no such file{'' if len(parts) == 1 else ': ' + str(part)}")
        regular_file(part)
        if part.is_dir():
            raise ReadError("a folder with no .txt, .pdf, .xlsx, .xls, .yaml or .json file in it")
    if all(part.suffix.lower() == ".pdf" for part in parts):
        from .pdf import read_pdf

        for part in parts:
            within_limit(part, "pdf")

        return _vetted(read_pdf(parts, str(path)))
    if len(parts) > 1:
        raise ReadError("only PDF parts can be joined with +")
    path = parts[0]
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
        from .workbook import read_workbook

        return _vetted(read_workbook(path, str(path)))
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        from .model_file import read_model

        return _vetted(read_model(path))
    return read_text_document(read_text(path), str(path))


def _rows_left_in_narrative(document: Document) -> None:
    """Lines with a subject code and an amount that no table took in were not read, and a table
    recognised with no rows beside them was not read either (its title was found, its body not): both
    said (BL009, and BL002 for the table), never left as a silent nothing."""
    left = [
        line
        for line in document.narrative
        if line.text.lstrip()[:1].isdecimal() and _CODED_LINE.match(line.text)  # most start otherwise
    ]
    if not left:
        return
    where = "、".join(str(line.source.line) for line in left[:10]) + ("等" if len(left) > 10 else "")
    document.findings.append(
        ReadFinding(
            code="BL009",
            message=f"第{where}行共 {len(left)} 行带科目编码和金额，但未读入任何表格"
            "（表格的标签、标题或表头未能识别），这些数字未检查",
            source=left[0].source,
        )
    )
    for table in document.tables:
        if not table.rows and table.unread is None:
            table.unread = "识别出表格标题，但没有读入任何行（带科目编码的行留在了表外）"
            document.findings.append(
                ReadFinding(
                    code="BL002",
                    message=f"{table.title or table.label}：{table.unread}，本表未检查",
                    table=table.label,
                    source=table.source,
                )
            )


def _parts(given: str) -> list[Path]:
    """``a.pdf+b.pdf`` → its parts: ``+`` joins only where the pieces it separates are existing files,
    so ``c++.txt`` is one file; what remains after the last existing part is one (missing) part."""
    pieces = given.split("+")
    parts: list[Path] = []
    start = 0
    for end in range(1, len(pieces) + 1):
        candidate = Path("+".join(pieces[start:end]))
        if candidate.exists() or candidate.is_symlink():
            parts.append(candidate)
            start = end
    if start < len(pieces):
        parts.append(Path("+".join(pieces[start:])))
    return parts


@paused()
def read_text_document(text: str, name: str) -> Document:
    """A document from its text, by the form the text takes."""
    if not text or text.isspace():  # as ``not text.strip()`` says, without copying the text
        raise ReadError("empty file")
    within_line_limit(text)
    # Most texts have none, and translating costs a lookup a character. Twelve searches of the text for
    # one character each take a tenth of the time of one search for any of them (a character class).
    if any(map(text.__contains__, _FULL_WIDTH)):
        text = text.translate(HALF_WIDTH)
    damaged = []
    if "\ufffd" in text:  # bytes that did not decode: on which lines
        damaged = [n for n, line in enumerate(text.split("\n"), start=1) if "\ufffd" in line]
    if looks_piped(text):
        document = read_piped(text, name)
    elif looks_layout(text):
        document = read_layout(text, name)
    elif looks_flat(text):
        document = read_flat(text, name)
    else:
        document = read_layout(text, name, positioned=False)
    if damaged:
        lines = "、".join(map(str, damaged[:10])) + ("等" if len(damaged) > 10 else "")
        document.findings.append(
            ReadFinding(
                code="BL012",
                message=f"第{lines}行有无法解码的字节，已替换为 �；这些行上的文字和数字可能不对",
                source=Source(line=damaged[0]),
            )
        )
    return _vetted(document)


_FULL_WIDTH = "".join(map(chr, HALF_WIDTH))
"""The characters ``HALF_WIDTH`` translates."""

_CODED_LINE = re.compile(
    r"^\s*(?:\d{3}|\d{5}|\d{7})(?:\s+\d{2}){0,2}\s*[\u4e00-\u9fa5（）()、]+.*?"
    r"\s(?:-?[\d,]+\.\d{1,2}|-?\d{1,3}(?:,\d{3})+)\s*$"
)
"""A line that reads like a table row: a subject code, a name, and an amount at its end."""


def _vetted(document: Document) -> Document:
    """Figures that cannot be money refused, misgrouped ones reported (``figures``), table rows left
    in the narrative said (``_rows_left_in_narrative``), and a document in which no table was
    recognised said to be one: its clean report covers only the narrative (a 情况说明 published alone,
    or a text that is no disclosure at all)."""
    vet_figures(document)
    _rows_left_in_narrative(document)
    if not document.tables:
        document.findings.append(
            ReadFinding(code="BL006", message="未识别出任何预算表格，只检查了说明文字", source=Source(line=1))
        )
    return document

"""Reader for flattened text: one line per PDF line, cells separated by single spaces, blank cells
dropped (the example document). Each table starts at its label line (表一 …); its title may follow the
body, and the table may resume after its title (a page break), so a block runs to the next label."""

from __future__ import annotations

import re

from ..amounts import is_amount
from ..model import Document, NarrativeLine, ReadFinding, Source, Table
from ..recognise import split_title, table_kind
from .blocks import Block, TextLine, read_block
from .document_meta import document_meta
from .segment import without_page_marks

TABLE_LABEL = re.compile(r"^\s*(表[一二三四五六七八九十]+)\s*$")


def looks_flat(text: str) -> bool:
    """A line that is a table's label alone (表一). The lines with 表 in them are few: each is found by a
    search of the text, not by splitting all of it into lines."""
    at = text.find("表")
    while at >= 0:
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end < 0 else end
        if TABLE_LABEL.match(text[start:end]):
            return True
        at = text.find("表", end)
    return False


def read_flat(text: str, path: str) -> Document:
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if "表" in line and TABLE_LABEL.match(line)]
    narrative_end = starts[0] if starts else len(lines)
    narrative = [
        NarrativeLine(text, Source(i + 1))
        for i, line in enumerate(lines[:narrative_end])
        if (text := line.strip())
    ]
    tables: list[Table] = []
    findings: list[ReadFinding] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = TextLine.plain_lines(lines[start + 1 : end], start + 2)
        body = without_page_marks(body)
        at = next((i for i, line in enumerate(body) if "表" in line.text and _is_title(line.text)), None)
        title, unit = split_title(body.pop(at).text.strip()) if at is not None else ("", None)
        block = Block(
            label=lines[start].strip(), title=title, source=Source(line=start + 1), lines=body, unit=unit
        )
        tables.extend(read_block(block, findings))
    return Document(
        path=path, narrative=narrative, tables=tables, findings=findings, **document_meta(narrative, tables)
    )


def _is_title(text: str) -> bool:
    """Of a line with 表 in it (most lines have none: told without a call). A title may end in a
    qualifier in brackets: …培训费支出预算表（一般公共预算）."""
    text = _QUALIFIER.sub("", split_title(text.strip())[0])  # so that it ends in 表 as 表\s*$ asks
    return text.endswith("表") and table_kind(text) is not None and not is_amount(text.split()[-1])


_QUALIFIER = re.compile(r"\s*[（(][^（）()]*[）)]$")

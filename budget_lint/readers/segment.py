"""Cutting a document whose tables start with their title (layout text, PDF) into narrative and tables.

A table starts at its title (a line that names a table kind and ends in 表, possibly wrapped so that
the final 表 stands alone on the next line) and runs to the next title or to the first line that reads
as narrative again (a sentence, a 说明 heading, a 第X部分 heading). Its own title printed again at the top
of its next page (or marked 续) starts no new table. Tables of contents are not titles:
their lines carry leader dots or a list number.
"""

from __future__ import annotations

import itertools
import re

from ..model import Document, NarrativeLine, ReadFinding
from ..numbering import MARKER
from ..recognise import KINDS, split_title, squash, table_kind
from .blocks import Block, TextLine, read_block
from .document_meta import document_meta

_TOC = re.compile(r"(…|\.{4,}|·{4,})")
_NUMBERED = re.compile(f"^{MARKER}")
_TITLE_END = re.compile(r"表([(（][^)）]{1,8}[)）])?$|续表$")  # 表, 表（续）, 表（功能科目）
_NARRATIVE = re.compile(r"说明|名词解释|第[一二三四五六七八九十]+部分|。")
_LABEL = re.compile(r"^(表[一二三四五六七八九十]+|公开\d+表|表\d+)$")
_LABEL_PREFIX = re.compile(r"^(表[一二三四五六七八九十]+|公开\d+表|表\d+)[:：]?")
_PAGE_MARK = re.compile(r"^(─|-|—)?\s*\d{1,3}\s*(─|-|—)?$|^第\s*\d+\s*页|^=== \[page \d+\] ===$")
_SHORT = 15
"""The longest a page number is (``- 123 -``); a longer line is a page mark only when it names its page."""


def is_title(text: str) -> bool:
    if "表" not in text:  # every title has one (and NFKC makes no other character 表): not squashed
        return False
    text = _NUMBERED.sub("", squash(text))
    return (
        len(text) <= 48
        and bool(_TITLE_END.search(text))
        and table_kind(text) is not None
        and not _TOC.search(text)
    )


def _titles(lines: list[TextLine]) -> dict[int, tuple[str, str | None, bool]]:
    """Line index → the title (``split_title``: without the unit or department printed after it), the
    unit it names, and whether its end is wrapped onto the next line. A title followed or preceded by
    another title is an entry of a table of contents (一、收支预算总表 / 二、收入预算总表 …), not the
    start of a table."""
    found: dict[int, tuple[str, str | None, bool]] = {}
    for i, line in enumerate(lines):
        text, unit = split_title(line.text.strip())
        following, unit_after = split_title(lines[i + 1].text.strip()) if i + 1 < len(lines) else ("", None)
        if is_title(text):
            found[i] = (text, unit, False)
        elif is_title(text + following) and len(squash(following)) <= 8 and not is_title(following):
            # a title wrapped onto a short second line (支出预算 / 表)
            found[i] = (text + following, unit or unit_after, True)
    indices = sorted(found)
    toc = {a for a, b in itertools.pairwise(indices) if b == a + 1}
    toc |= {b for a, b in itertools.pairwise(indices) if b == a + 1}
    # The last line of a contents list may be the first table's own title: its table follows.
    for i in list(toc):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        if i + 1 not in found and (found[i][1] or re.search(r"单位\s*[:：]|^\s*(编制)?部门", following)):
            toc.discard(i)
    return {i: title for i, title in found.items() if i not in toc}


def _reads_as_narrative(text: str) -> bool:
    text = squash(text)
    if text.startswith(("注", "备注")):
        return False
    return bool(_NARRATIVE.search(text))


_CLASS_CODE = re.compile(r"^3\d\d$")
_HEAD_OF_ROW = re.compile(r"^(\d{2}\s+)?[^\d\s]")
_CLASS_AND_NAME = re.compile(r"^3\d\d\s+[^\d\s][^\d]*$")


def _page_mark(lines: list[TextLine], k: int) -> bool:
    """A page number on a line of its own, but not a code a two-panel table prints alone on its line:
    an economic 类 code with its 款 and name, or its name, on the next line (302 / 01 办公费), or a
    款 code under its 类 and a name wrapped over three lines (302 其他商品和服务支 / 99 / 出)."""
    text = lines[k].text.strip()
    if not _PAGE_MARK.match(text):
        return False
    before = lines[k - 1].text.strip() if k else ""
    after = lines[k + 1].text.strip() if k + 1 < len(lines) else ""
    if _CLASS_CODE.match(text) and _HEAD_OF_ROW.match(after):
        return False
    return not (re.fullmatch(r"\d{2}", text) and _CLASS_AND_NAME.match(before))


def without_page_marks(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` (none blank) but their page marks (``_page_mark``). Its first test is made here, without
    a call for each line: most lines of a long table are rows, too long to be a page number."""
    marks = set()
    for k, line in enumerate(lines):
        text = line.text.strip()
        if (len(text) <= _SHORT or "页" in text or "[page" in text) and _page_mark(lines, k):
            marks.add(k)
    return [line for k, line in enumerate(lines) if k not in marks] if marks else lines


def segment(lines: list[TextLine]) -> tuple[list[NarrativeLine], list[Block]]:
    narrative: list[NarrativeLine] = []
    blocks: list[Block] = []
    current: Block | None = None
    lines = without_page_marks([line for line in lines if line.text.strip()])
    titles = _titles(lines)
    skip_next = False
    for i, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        text = line.text.strip()
        if i + 1 in titles and _LABEL.match(squash(text)):
            continue  # the table's own label (公开09表), taken with its title below
        if i in titles:
            printed, unit, skip_next = titles[i]  # skip: the wrapped end of the title on the next line
            title = _NUMBERED.sub("", squash(printed))
            previous = squash(lines[i - 1].text) if i else ""
            label = previous if _LABEL.match(previous) else title
            if own := _LABEL_PREFIX.match(title):  # 公开09表：一般公共预算“三公”经费…表
                label, title = squash(own.group(1)), title[own.end() :]
            if current is not None and label in (title, current.label) and _continues(current, title):
                continue  # its title (and label) printed again on the next page: the table goes on
            current = Block(label=label, title=title, source=line.source, lines=[], unit=unit)
            blocks.append(current)
        elif current is not None and not _reads_as_narrative(text):
            current.lines.append(line)
        else:
            current = None
            narrative.append(NarrativeLine(text=text, source=line.source))
    return narrative, blocks


_CONTINUED = re.compile(r"\(续表?\)$|续表$")


def _continues(current: Block, title: str) -> bool:
    """Whether ``title`` (with no label, or ``current``'s again) heads the next page of ``current``: its
    title again, or marked continued (…表（续）, …表（续表）, …表续表). A performance table is printed
    once per project under one title, so for it the same title starts a new table."""
    spec = KINDS.get(table_kind(title) or "")
    return _CONTINUED.sub("", title) == current.title and spec is not None and spec.layout != "performance"


def read_titled(lines: list[TextLine], path: str, findings: list[ReadFinding] | None = None) -> Document:
    """A document whose tables start at their titles: cut into narrative and blocks, blocks read."""
    findings = findings if findings is not None else []
    narrative, blocks = segment(lines)
    tables = [table for block in blocks for table in read_block(block, findings)]
    return Document(
        path=path, narrative=narrative, tables=tables, findings=findings, **document_meta(narrative, tables)
    )

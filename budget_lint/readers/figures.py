"""Figures the reader refuses or reports, for every reader at once (their tables keep their raw lines):
a number that cannot be money leaves its table unread (BL002) or its narrative figure unread (BL011); a
number whose thousands separators are misplaced is read by its digits and reported (BL010)."""

from __future__ import annotations

import re

from ..amounts import PLAIN, misgrouped, refusal
from ..model import Document, NarrativeLine, ReadFinding

_TOKEN = re.compile(r"[-(]?[\d,.]*\d[\d,.]*(?:[eE][+-]?\d+)?\)?|(?i:nan|inf(?:inity)?)")
_PLAIN_ASCII = PLAIN.pattern.replace(r"\d", "[0-9]")  # PLAIN is compiled ASCII-only
_TO_VET = re.compile(rf"\s(?=(?i:[-(\d,.ni]))(?!(?:{_PLAIN_ASCII})(?!\S))(?:{_TOKEN.pattern})(?!\S)")
"""A word that ``_TOKEN`` matches whole and ``PLAIN`` does not (no ideograph starts either), after a
space: the words looked at, found by one search of a line (a space put before it), as most lines have
none. A search skips from space to space, and past a word that starts as no ``_TOKEN`` can (a label,
another space) at once."""
_NARRATIVE_FIGURE = re.compile(
    r"[-\d](?<![\d.,].)(?<=\d|-(?=\d))[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?(?=\s*(?:万元|亿元|元|%))"
)
"""A figure with its unit after it: a digit, or - and a digit, not after a digit, point or comma. Its first
character comes first (the lookbehinds after it), so that a search skips to the digits at once."""
_PLACEHOLDER = "□"


def vet_figures(document: Document) -> None:
    for table in document.tables:
        # one search of the whole table first: no word of ``_TO_VET``'s spans a line break, and most
        # tables have none to look at
        if not _TO_VET.search(" " + "\n".join([line.text for line in table.lines])):
            continue
        for line in table.lines:
            if not _TO_VET.search(" " + line.text):
                continue
            words = line.text.split()
            for i, word in enumerate(words):
                if "\u4e00" <= word[0] <= "\u9fff" or PLAIN.fullmatch(word) or not _TOKEN.fullmatch(word):
                    continue  # a label (CJK first) or a plain amount: neither refused nor misgrouped
                reason = refusal(word)
                # a bare long integer inside a label is a number of some other kind (a project code)
                if reason and (re.search(r"[.,eE]", word) or i == len(words) - 1 or not word[-1].isdigit()):
                    if table.unread is None:
                        table.unread = f"第{line.source.line or '?'}行的「{word}」不能是金额（{reason}）"
                        table.rows = []
                        document.findings.append(
                            ReadFinding(
                                code="BL002",
                                table=table.label,
                                source=line.source,
                                message=f"{table.title or table.label}：{table.unread}，本表未检查",
                            )
                        )
                elif misgrouped(word):
                    document.findings.append(_misgrouped(word, line, table.label))
    for line in document.narrative:
        refused = False
        for match in _NARRATIVE_FIGURE.finditer(line.text):
            if reason := refusal(match.group()):
                refused = True
                document.findings.append(
                    ReadFinding(
                        code="BL011",
                        table="说明",
                        source=line.source,
                        message=f"说明文字中的「{match.group()}」不能是金额（{reason}），未检查",
                    )
                )
            elif misgrouped(match.group()):
                document.findings.append(_misgrouped(match.group(), line, "说明"))
        if refused:  # what cannot be money is never read as a figure downstream
            line.text = _NARRATIVE_FIGURE.sub(_placeholder, line.text)


def _placeholder(match: re.Match) -> str:
    return _PLACEHOLDER if refusal(match.group()) else match.group()


def _misgrouped(word: str, line: NarrativeLine, table: str) -> ReadFinding:
    return ReadFinding(
        code="BL010",
        table=table,
        source=line.source,
        message=f"「{word}」的千分位分隔符位置不对（按数字读作 {word.replace(',', '')}）",
    )

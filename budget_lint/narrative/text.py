"""The narrative as one string, with a map back to its source lines.

PDF text wraps anywhere: a sentence, a number or 万元 may be split across lines ("661.58万" then "元").
Claims are therefore read from the narrative joined into one string. Joining drops what wrapping and
justified layout put in: line breaks, blank lines, page numbers standing alone on a line, and spaces
(Chinese text has none) — except a space between two ASCII letters or digits, which separates two tokens.
Full-width digits and the full-width forms of ％（）：；．are read as their ASCII forms; the full-width
comma stays a comma of the sentence, except between a digit and three digits (a thousands separator).

Every character of the joined string keeps the source of the line it came from (each line's start is
kept, not each character's source).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import NarrativeLine, Source
from ..numbering import MARKER, MARKER_STARTS

_FULL_WIDTH = dict(zip("０１２３４５６７８９％（）：；．", "0123456789%():;.", strict=True))
_DASHES = "-─—－"
_PAGE_NUMBER = re.compile(rf"[{_DASHES}\s]*\d{{1,3}}[{_DASHES}\s]*")
_FULL_WIDTH_COMMA = re.compile("，")


_HEADING = re.compile(rf"{MARKER}[^\d。，,；;：:！？]{{0,24}}(?:情况|说明|概况)")
"""A line that is a heading: a list marker and a few words ending as a heading does (…支出情况,
…情况说明), with no figure and no punctuation. A line that only starts an item (1.一般公共服务支出, its
figure on the next line) is none."""
_MARKER_STARTS = MARKER_STARTS | set("0123456789")


def _half_width(text: str) -> str:
    """``text`` with the full-width forms read as ASCII: a replace for each form it has (a few), not a
    look-up of every character (str.translate)."""
    for full, half in _FULL_WIDTH.items():
        if full in text:
            text = text.replace(full, half)
    return text


def _page_number(content: str) -> bool:
    """Whether a stripped line is a page number alone; one starting with neither a dash nor a digit
    (almost all) cannot be, and is not matched."""
    first = content[0]
    return (first in _DASHES or first.isdecimal()) and _PAGE_NUMBER.fullmatch(content) is not None


def _is_thousands_separator(chars: str, i: int) -> bool:
    """A full-width comma between a digit and exactly three digits ("４，６８３．９６")."""
    following = chars[i + 1 : i + 5]
    return (
        i > 0
        and chars[i - 1].isdigit()
        and len(following) >= 3
        and all(c.isdigit() for c in following[:3])
        and (len(following) == 3 or not following[3].isdigit())
    )


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class JoinedText:
    text: str
    starts: tuple[int, ...]
    """Where each line's characters start in ``text`` (lines that give none left out), in order."""
    line_sources: tuple[Source, ...]
    """The source of each of those lines."""
    rows: tuple[int, ...]
    """The narrative line (its index) each of those lines is: in a PDF, lines of one page share their
    source."""
    headings: tuple[int, ...] = ()
    """Where each line that is a heading ends (``_HEADING``: （一）机关运行经费支出情况): joined to the
    next line without a 。, it still ends there."""

    @classmethod
    def of(cls, lines: Sequence[NarrativeLine]) -> JoinedText:
        pieces: list[str] = []
        headings: list[int] = []
        starts: list[int] = []
        sources: list[Source] = []
        rows: list[int] = []
        length = 0
        # Replaced in all the lines at once, each line then cut out again: a form and its ASCII one
        # are one character each, so every line keeps its length.
        texts = _half_width("".join(line.text for line in lines))
        end = 0
        for row, line in enumerate(lines):
            start, end = end, end + len(line.text)
            content = texts[start:end].strip()
            if not content or _page_number(content):
                continue
            # Runs of non-space characters (str.split splits at exactly what str.isspace is true of).
            words = content.split()
            joined = words[0]
            for before, word in pairwise(words):
                joined += " " + word if _is_word_char(before[-1]) and _is_word_char(word[0]) else word
            pieces.append(joined)
            starts.append(length)
            sources.append(line.source)
            rows.append(row)
            length += len(joined)
            if joined[0] in _MARKER_STARTS and _HEADING.fullmatch(joined):
                headings.append(length)
        joined = "".join(pieces)
        # A replaced comma is no digit, nor was the full-width one: each is told on the joined string.
        # (Most commas are followed by no digit: told at once, without the call.)
        commas = [m.start() for m in _FULL_WIDTH_COMMA.finditer(joined)]
        commas = [i for i in commas if joined[i + 1 : i + 2].isdigit() and _is_thousands_separator(joined, i)]
        if commas:
            chars = list(joined)
            for i in commas:
                chars[i] = ","
            joined = "".join(chars)
        return cls(joined, tuple(starts), tuple(sources), tuple(rows), tuple(headings))

    def _line(self, offset: int) -> int:
        """The line (its index in ``starts``) the character at ``offset`` comes from."""
        return bisect_right(self.starts, offset) - 1

    def source(self, offset: int) -> Source:
        return self.line_sources[self._line(offset)]

    def within_a_line(self, start: int, end: int) -> bool:
        """Whether the characters ``start:end`` all come from one narrative line."""
        return start < end and self._line(start) == self._line(end - 1)

    def lines(self, start: int, end: int) -> tuple[int, ...]:
        """The source lines the characters ``start:end`` come from, in order."""
        if start >= end:
            return ()
        found: list[int] = []
        for source in self.line_sources[self._line(start) : self._line(end - 1) + 1]:
            if source.line is not None and source.line not in found:
                found.append(source.line)
        return tuple(found)

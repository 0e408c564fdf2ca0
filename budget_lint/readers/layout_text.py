"""Reader for ``pdftotext -layout`` text: columns kept as runs of spaces, so every token has a character
offset that stands for its horizontal position. One disclosure published as several PDFs may come as
their texts one after another, each after a ``##### FILE:`` line; it is read as one document."""

from __future__ import annotations

import re

from ..amounts import is_amount
from ..model import Document, Source
from .blocks import TextLine, Token, unglue
from .segment import read_titled

_TOKEN = re.compile(r"\S+")
FILE_MARK = "##### FILE:"


def looks_layout(text: str) -> bool:
    """Layout text aligns table columns with runs of spaces: amounts stand apart by two or more. The gaps
    between two digits are counted, wide and single (each pattern starts with its spaces, which a
    search skips to at once, and looks back for the digit)."""
    wide = len(_WIDE_GAP.findall(text))
    return wide >= 10 and wide > len(_SINGLE_GAP.findall(text))


_WIDE_GAP = re.compile(r"  (?<=\d  ) *(?=\d)")
_SINGLE_GAP = re.compile(r" (?<=\d )(?=\d)")


def tokens_of(line: str) -> list[Token]:
    """Tokens with character offsets. Words a single space apart join into one token unless one of
    them is an amount (``96,282,213.44 一、公共安全支出`` is two cells; ``一 般 公 共`` one word); an
    amount glued to the next cell's label is split from it (``unglue``)."""
    tokens: list[Token] = []
    last_is_amount = False  # of tokens[-1], asked once
    for match in _TOKEN.finditer(line):
        start = match.start()
        for word in unglue(match.group()):
            end = start + len(word)
            word_is_amount = is_amount(word)
            if tokens and start - tokens[-1].x1 == 1 and not word_is_amount and not last_is_amount:
                last = tokens.pop()
                tokens.append(Token(last.text + " " + word, last.x0, end))
                last_is_amount = is_amount(tokens[-1].text)
            else:
                tokens.append(Token(word, start, end))
                last_is_amount = word_is_amount
            start = end
    return tokens


def read_layout(text: str, path: str, positioned: bool = True) -> Document:
    """``positioned=False`` reads page text whose tables start at their titles but whose cells are
    single spaces apart (blank cells dropped): offsets then say nothing about columns."""
    lines = [
        TextLine(Source(line=n), raw, tokens_of(raw), index=n)
        if positioned
        else TextLine.plain(Source(line=n), raw)
        for n, raw in enumerate(text.split("\n"), start=1)
        if raw.strip() and not raw.startswith(FILE_MARK)
    ]
    return read_titled(lines, path)

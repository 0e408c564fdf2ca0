"""The list numbering of Chinese documents, written once: the markers a heading or a list item starts
with — 一、 二. 三． (an ordinal in Chinese numerals), 1、 2. (a number), （一） (2) (either in brackets).
Full-width and ASCII punctuation are both accepted, so a pattern reads the same whether or not its
text was NFKC-normalised. Each user composes the parts it strips or recognises."""

from __future__ import annotations

NUMERAL = "[一二三四五六七八九十]"
"""One Chinese numeral digit of a list or table label (十一 is two)."""
ORDINAL = rf"{NUMERAL}+[、.．]"
NUMBER = r"\d+[、.．]"
BRACKETED = r"[(（][一二三四五六七八九十\d]+[)）]"
MARKER = rf"(?:{ORDINAL}|{NUMBER}|{BRACKETED})"
"""Any one list marker."""
MARKER_STARTS = frozenset("一二三四五六七八九十(（")
"""The characters other than a digit that a marker can start with: a label starting with none of them
has no numbering (kept beside the patterns it is read from)."""

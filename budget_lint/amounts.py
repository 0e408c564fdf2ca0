"""Parsing printed amounts into Decimal, keeping the printed precision.

Handles thousand separators, full-width forms (NFKC), a lone dash as zero and bracketed negatives.
Never goes through float.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

ZERO_DASHES = {"-", "—", "－", "–", "--", "——", "/"}
_AMOUNT = re.compile(r"^(?P<neg>-)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_BRACKETED = re.compile(r"^\((?P<body>[\d,.]+)\)$")


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_amount(text: str) -> tuple[Decimal, int | None] | None:
    """Return (value, printed decimals) or None when ``text`` is not an amount.

    A dash stands for zero and has no precision (``None``): it is an exact zero.
    """
    token = normalise(text)
    if token in ZERO_DASHES:
        return Decimal(0), None
    bracketed = _BRACKETED.match(token)
    if bracketed:
        token = "-" + bracketed.group("body")
    match = _AMOUNT.match(token)
    if not match:
        return None
    digits = match.group("int").replace(",", "")
    frac = match.group("frac") or ""
    value = Decimal(f"{'-' if match.group('neg') else ''}{digits}{'.' + frac if frac else ''}")
    return value, len(frac)


def format_amount(value: Decimal) -> str:
    """A Decimal as a plain string without exponent (``1E+1`` → ``10``)."""
    return format(abs(value) if value == 0 else value, "f")

"""Parsing printed amounts into Decimal, keeping the printed precision.

Handles thousand separators, full-width forms (NFKC), a lone dash as zero and bracketed negatives.
Never goes through float. A figure that cannot be money — more digits than any budget has, an exponent,
NaN or infinity — is not an amount; a figure whose thousands separators are misplaced (``46,83.96``) is
read by its digits and reported by the reader (``misgrouped``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

ZERO_DASHES = {"-", "—", "－", "–", "--", "——", "/"}
MAX_INTEGER_DIGITS = 15
"""Digits before the point: the national budget in 元 has 14; more is not a figure of any budget."""
MAX_DECIMALS = 6
"""Digits after the point: money is printed with at most 2 (4 for a few rates); 6 leaves room."""
_GROUPED = r"\d{1,3}(?:,\d{3})+"
_MISGROUPED = r"\d+(?:,\d+)+"
_AMOUNT = re.compile(rf"^(?P<neg>-)?(?P<int>{_GROUPED}|{_MISGROUPED}|\d+)(?:\.(?P<frac>\d+))?$")
_WELL_GROUPED = re.compile(rf"^-?(?:{_GROUPED}|\d+)(?:\.\d+)?$")
_BRACKETED = re.compile(r"^\((?P<body>[\d,.]+)\)$")
PLAIN = re.compile(r"-?\d{1,3}(?:(?:,\d{3}){1,4}|\d{0,12})(?:\.\d{1,6})?", re.ASCII)
"""An amount as most are printed (``-1,234.56``, ``1234``): within the digit bounds and well grouped, so
neither refused nor misgrouped; ``parse_amount`` reads it without the general path (use ``fullmatch``).
Its first digits are taken once for both forms (grouped, or up to 15 digits), not tried again."""
_STARTS = frozenset("-—－–/(")
"""The characters other than a digit that an amount, a dash or a bracketed amount can start with."""
_NAN_INF = re.compile(r"(?i)nan|inf(inity)?")
_EXPONENT = re.compile(r"(?i)\d+(\.\d+)?e[+-]?\d+")
_DIGITS = re.compile(r"[\d,]+(?:\.(\d+))?")
_GROUPED_ONLY = re.compile(_GROUPED)
MONEY_CONTEXT = {"prec": 28, "Emax": 99, "Emin": -99}
"""The Decimal context every check runs in (``engine``): exact for any sum of amounts within the bounds
above, and an exponent beyond them traps at once instead of building a huge number."""


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_amount(text: str) -> tuple[Decimal, int | None] | None:
    """Return (value, printed decimals) or None when ``text`` is not an amount.

    A dash stands for zero and has no precision (``None``): it is an exact zero.
    """
    if text.isascii() and PLAIN.fullmatch(token := text.strip()):
        return Decimal(token.replace(",", "")), len(token.partition(".")[2])
    if "\u4e00" <= text[:1] <= "\u9fff":
        return None  # a label: NFKC keeps an ideograph, which starts no amount
    token = normalise(text)
    if not token or not (token[0].isdecimal() or token[0] in _STARTS):
        return None
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
    if "," in match.group("int") and not _plausibly_misgrouped(match.group("int"), frac):
        return None
    if len(digits.lstrip("0")) > MAX_INTEGER_DIGITS or len(frac) > MAX_DECIMALS:
        return None
    value = Decimal(f"{'-' if match.group('neg') else ''}{digits}{'.' + frac if frac else ''}")
    return value, len(frac)


def is_amount(text: str) -> bool:
    """``parse_amount(text) is not None``, without building the value for an amount printed plainly."""
    return bool(text.isascii() and PLAIN.fullmatch(text.strip())) or parse_amount(text) is not None


def _plausibly_misgrouped(integer: str, frac: str) -> bool:
    """``46,83.96`` is an amount with a typo: its decimals say so. ``1,23`` or ``1,2`` without them may
    be a list, or a decimal comma, and is no amount."""
    if _GROUPED_ONLY.fullmatch(integer):
        return True
    return bool(frac) and max(len(g) for g in integer.split(",")[1:]) <= 4


def misgrouped(text: str) -> bool:
    """An amount whose thousands separators are misplaced (``46,83.96``): read by its digits, but a
    typo of its own that the reader reports."""
    token = normalise(text).strip("()")
    return "," in token and parse_amount(token) is not None and not _WELL_GROUPED.match(token)


def refusal(text: str) -> str | None:
    """Why a number-shaped token cannot be money (None when it can, or is no number at all)."""
    token = normalise(text).strip("()").lstrip("-+")
    if _NAN_INF.fullmatch(token):
        return "不是数值"
    if _EXPONENT.fullmatch(token):
        return "科学计数法不是金额的写法"
    if match := _DIGITS.fullmatch(token):
        integer = token.split(".")[0].replace(",", "").lstrip("0")
        if len(integer) > MAX_INTEGER_DIGITS:
            return f"整数部分超过{MAX_INTEGER_DIGITS}位"
        if match.group(1) and len(match.group(1)) > MAX_DECIMALS:
            return f"小数超过{MAX_DECIMALS}位"
    return None


def money_problem(value: Decimal, decimals: int | None) -> str | None:
    """Why a finite value handed over (a model file) cannot be a printed amount; None when it can."""
    _, digits, exponent = value.as_tuple()
    if not -MAX_DECIMALS <= exponent <= MAX_INTEGER_DIGITS or len(digits) + exponent > MAX_INTEGER_DIGITS:
        return f"more than {MAX_INTEGER_DIGITS} digits before the point or {MAX_DECIMALS} after it"
    if decimals is not None and not 0 <= decimals <= MAX_DECIMALS:
        return f"decimals must be 0…{MAX_DECIMALS}"
    return None


def format_amount(value: Decimal) -> str:
    """A Decimal as a plain string without exponent (``1E+1`` → ``10``) nor the sign of a zero."""
    text = str(value)  # the same as "f" gives, unless an exponent is shown or the zero is -0: 4 × faster
    if "E" in text or "e" in text or (text[0] == "-" and not value):
        return format(abs(value) if value == 0 else value, "f")
    return text

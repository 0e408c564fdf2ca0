"""A workbook looked over before it is opened: refused when hostile, else its number formats and hidden
rows (which python-calamine does not report).

An .xlsx is a zip of XML parts. Before any part is read whole, the zip's declared sizes are checked
(a zip bomb inflates a few kilobytes into gigabytes), then every sheet is streamed once, element by
element, counting its cells and how far they reach (the cell reader holds a sheet as a dense grid, so
one cell at XFD1048576 is as costly as a full sheet). Along the way each cell's number format gives
the decimals the cell shows. An .xls (BIFF) has no parts to stream: only its size is checked.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import join, normpath
from xml.etree import ElementTree

from .textio import ReadError

MAX_BYTES = 50_000_000
"""Largest workbook file read (a budget disclosure's workbook is well under a megabyte)."""
MAX_UNCOMPRESSED = 200_000_000
"""Largest total of the zip's parts once inflated."""
MAX_RATIO = 200
"""Largest inflation ratio of one sizeable part (XML of real workbooks inflates 5-20 times)."""
MAX_CELLS = 1_000_000
"""Largest grid of one sheet (rows × columns it reaches): 50,000 rows of 20 columns."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_BUILTIN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 37: "#,##0", 38: "#,##0"}
_BUILTIN |= {39: "#,##0.00", 40: "#,##0.00"}


@dataclass(frozen=True)
class NumberFormat:
    """What a number format does to a double: round to ``decimals`` (trailing zeros kept down to
    ``min_decimals``), pad the integer part to ``width`` digits, show it as a percentage."""

    decimals: int
    min_decimals: int
    width: int = 0
    percent: bool = False


@dataclass
class SheetSurvey:
    formats: dict[tuple[int, int], NumberFormat] = field(default_factory=dict)
    """(row, column), 0-based → the cell's number format, for cells whose format is not General."""
    hidden_rows: set[int] = field(default_factory=set)
    uncalculated: list[tuple[int, int]] = field(default_factory=list)
    """Formula cells saved without their result (the workbook was written by a program and never
    recalculated): python-calamine reads them blank, and formulas are never evaluated here."""


def survey(path: Path) -> dict[str, SheetSurvey]:
    """Sheet name → its survey; raises ReadError with one line for a file that must not be opened."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    if size > MAX_BYTES:
        raise ReadError(f"workbook too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    if head.startswith(_CFB):
        if _ENCRYPTED in path.read_bytes():
            raise ReadError("password-protected (encrypted) workbook: save an unprotected copy to check it")
        if path.suffix.lower() != ".xls":
            raise ReadError("an .xls (Excel 97-2003) file with another name: rename it to .xls")
        return {}
    if not head.startswith(b"PK"):
        what = "a PDF" if head.startswith(b"%PDF") else "neither an .xlsx (zip) nor an .xls file"
        raise ReadError(f"not a workbook ({what}, whatever its name says)")
    if path.suffix.lower() == ".xls":
        raise ReadError("an .xlsx file named .xls: rename it to .xlsx")
    try:
        with zipfile.ZipFile(path) as book:
            _check_sizes(book)
            styles = _styles(book)
            return {name: _survey_sheet(book, part, styles) for name, part in _sheet_parts(book).items()}
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged workbook ({exc})") from None
    except (ElementTree.ParseError, KeyError) as exc:
        raise ReadError(f"damaged workbook ({type(exc).__name__}: {exc})") from None


def _check_sizes(book: zipfile.ZipFile) -> None:
    total = 0
    for info in book.infolist():
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(
                f"refused: part {info.filename} inflates {info.compress_size:,} bytes to "
                f"{info.file_size:,} (a zip bomb?)"
            )
    if total > MAX_UNCOMPRESSED:
        raise ReadError(f"refused: {total:,} bytes once inflated (the limit is {MAX_UNCOMPRESSED:,})")


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its part in the zip."""
    names = set(book.namelist())
    if "xl/workbook.xml" not in names:
        raise ReadError("not a workbook (a zip without xl/workbook.xml)")
    rels = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            rels[rel.get("Id")] = (
                target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
            )
    parts = {}
    for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        part = rels.get(sheet.get(f"{_REL}id"))
        if part in names:
            parts[sheet.get("name", "")] = part
    return parts


def _styles(book: zipfile.ZipFile) -> list[NumberFormat | None]:
    """Cell style index → number format (None for General, text and dates)."""
    if "xl/styles.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/styles.xml"))
    codes = dict(_BUILTIN)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return []
    return [number_format(codes.get(int(xf.get("numFmtId", "0")), "")) for xf in xfs]


def number_format(code: str) -> NumberFormat | None:
    """``#,##0.00`` → 2 decimals; ``0.0#`` → 1 to 2; ``00`` → width 2; ``0.00%`` → a percentage.
    General, text (@) and date formats give None: the value is shown as it is."""
    section = _first_section(code)
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", section)
    if not plain or plain.lower() == "general" or not re.search(r"[0#?]", plain):
        return None
    if re.search(r"[yYmMdDhHsS]", plain) or "E+" in plain.upper():
        return None
    whole, _, fraction = plain.partition(".")
    places = re.match(r"[0#?]*", fraction).group() if fraction else ""
    return NumberFormat(
        decimals=len(places),
        min_decimals=len(places.rstrip("#?")),
        width=whole.count("0"),
        percent="%" in plain,
    )


def _first_section(code: str) -> str:
    quoted = False
    for i, ch in enumerate(code):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            return code[:i]
    return code


def _survey_sheet(book: zipfile.ZipFile, part: str, styles: list[NumberFormat | None]) -> SheetSurvey:
    found = SheetSurvey()
    max_row = max_col = 0
    row, col = -1, -1
    with book.open(part) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_MAIN}row":
                    row = int(element.get("r")) - 1 if element.get("r") else row + 1
                    col = -1
                    if element.get("hidden") in {"1", "true"}:
                        found.hidden_rows.add(row)
                continue
            if tag == f"{_MAIN}c":
                ref = _REF.match(element.get("r", ""))
                row, col = (int(ref.group(2)) - 1, _column(ref.group(1))) if ref else (row, col + 1)
                max_row, max_col = max(max_row, row), max(max_col, col)
                if (max_row + 1) * (max_col + 1) > MAX_CELLS:
                    raise ReadError(
                        f"refused: a sheet reaches cell {column_letter(max_col)}{max_row + 1} "
                        f"(more than {MAX_CELLS:,} cells)"
                    )
                if (
                    element.find(f"{_MAIN}f") is not None
                    and not (element.findtext(f"{_MAIN}v") or "").strip()
                ):
                    found.uncalculated.append((row, col))
                style = int(element.get("s", "0"))
                if style < len(styles) and styles[style] is not None:
                    found.formats[(row, col)] = styles[style]
                element.clear()
            elif tag == f"{_MAIN}row":
                element.clear()
    return found


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, col: int) -> str:
    """0-based row and column → A1 address."""
    return f"{column_letter(col)}{row + 1}"

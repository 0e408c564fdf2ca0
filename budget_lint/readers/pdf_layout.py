"""Positioned text lines from PDF pages, read with pypdfium2.

Budget tables in PDFs have no table structure in the file, only glyphs at positions. This module turns the
glyphs of each page into lines (glyphs sharing a baseline) and each line into spans (runs of glyphs without
a wide gap), so that a table row comes out as one line whose spans are its cells, and a narrative sentence
as one line with one span. Coordinates are PDF points in reading orientation: ``x0``/``x1`` from the left
edge, ``top``/``bottom`` down from the top edge of the page as displayed (page rotation applied).

Only what a viewer shows is read: text outside the page box or outside its clip path is dropped (office
spreadsheet exports draw the whole sheet on every page and clip it, which would otherwise repeat rows on
two pages), and a character drawn twice at the same place (fake bold) is kept once.

A page whose text cannot be trusted is not guessed at: ``Page.issue`` says why (a scanned page without a
text layer, or glyphs without a Unicode mapping) and its ``lines`` are empty.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

__all__ = ["Line", "Page", "PdfError", "Span", "extract_pages"]

# A gap wider than this many ems (glyph heights) ends a span: cells of a table are further apart than
# that, while the characters and words of one cell or sentence are closer.
SPAN_GAP_EM = 0.8
# Within a span, a gap of this many ems becomes one space, unless both neighbours are CJK (wide)
# characters, which never have spaces between them. After a space character in the content stream a
# smaller gap is enough.
WORD_GAP_EM = 0.3
WORD_GAP_EM_AFTER_SPACE = 0.1
# A path object at most this thick (points) is a ruling; a vertical one separates table cells.
RULING_WIDTH = 2.0
# Glyphs whose baselines differ by at most this many ems are on the same line.
BASELINE_TOLERANCE_EM = 0.3
# The same character again within this many ems of its first drawing is a duplicate (fake bold).
DUPLICATE_TOLERANCE_EM = 0.25
# A page is unreadable when at least this share of its characters, and at least MIN_UNMAPPED of them,
# have no Unicode mapping: a few private-use bullets from a symbol font do not make a page unreadable.
UNMAPPED_SHARE = 0.1
MIN_UNMAPPED = 5

_LOAD_ERRORS = {
    2: "cannot open the file",
    3: "not a PDF file, or a damaged one",
    4: "the PDF is encrypted and needs a password",
    5: "the PDF uses an unsupported encryption scheme",
}

# left, bottom, right, top in PDF user space (y up); once in reading orientation: x0, top, x1, bottom
Box = tuple[float, float, float, float]


class PdfError(Exception):
    """The file cannot be read as a PDF at all (missing, not a PDF, damaged, encrypted)."""


@dataclass(frozen=True)
class Span:
    """A run of text on one line with no gap wider than about one character: usually one table cell."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Line:
    """Glyphs sharing a baseline, left to right, split into spans at wide gaps."""

    page: int
    top: float
    bottom: float
    spans: list[Span]

    @property
    def text(self) -> str:
        """The spans joined by two spaces, for searching and display."""
        return "  ".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Page:
    """One page: its size as displayed, its lines top to bottom, and why it could not be read, if so."""

    number: int
    width: float
    height: float
    lines: list[Line]
    issue: str | None = None


@dataclass(slots=True)
class _Glyph:
    """One character in reading orientation; the box is the loose one (font ascent/descent, advance)."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    em: float
    after_space: bool


def extract_pages(path: str | Path) -> list[Page]:
    """Read every page of the PDF at ``path`` into lines and spans, in page order.

    Raises PdfError with a one-line reason when the file cannot be opened as a PDF. Problems of single
    pages never raise: they are reported in ``Page.issue``.
    """
    import pypdfium2 as pdfium

    path = Path(path)
    if not path.is_file():
        raise PdfError(f"{path}: no such file")
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        reason = _LOAD_ERRORS.get(error.err_code, "cannot be read as a PDF")
        raise PdfError(f"{path.name}: {reason}") from None
    try:
        return [_read_page(document, index) for index in range(len(document))]
    finally:
        document.close()


def _read_page(document, index: int) -> Page:
    """Read one page, turning any pdfium failure into a page issue rather than an exception."""
    import pypdfium2 as pdfium

    number = index + 1
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        return Page(number, 0.0, 0.0, [], f"page cannot be loaded ({error})")
    try:
        width, height = page.get_size()
        try:
            clip_boxes, rulings = _scan_objects(page)
            chars, unmapped = _read_chars(page, clip_boxes)
        except pdfium.PdfiumError as error:
            return Page(number, width, height, [], f"text cannot be read ({error})")
        total = len(chars) + unmapped
        if unmapped >= MIN_UNMAPPED and unmapped >= UNMAPPED_SHARE * total:
            issue = f"text has no Unicode mapping ({unmapped} of {total} characters unreadable)"
            return Page(number, width, height, [], issue)
        glyphs, rules, view_size = _to_reading_orientation(page.get_bbox(), chars, rulings)
        width, height = view_size or (width, height)
        if not glyphs:
            issue = "image-only page (no text layer)" if _has_image(page) else None
            return Page(number, width, height, [], issue)
        lines = [_make_line(number, group, rules) for group in _group_lines(glyphs)]
        return Page(number, width, height, lines, None)
    finally:
        page.close()


def _read_chars(page, clip_boxes: dict[int, Box]) -> tuple[list[tuple], int]:
    """The page's visible characters in content order, and the count of characters without Unicode.

    Each character is (char, loose box, origin, quarter turns of its direction, follows whitespace).
    Whitespace (real or inserted by pdfium) is not kept: spaces are re-derived from gaps later.
    pdfium has no bulk call for boxes and origins, so its per-character functions are called through
    plain-address prototypes (``_plain``), into buffers allocated once per page.
    """
    f = _pdfium()
    textpage = page.get_textpage()
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    origin = (ctypes.c_double * 2)()
    rect_at, x_at = ctypes.addressof(rect), ctypes.addressof(origin)
    y_at = x_at + ctypes.sizeof(ctypes.c_double)
    unicode, generated, map_error = (
        f.FPDFText_GetUnicode,
        f.FPDFText_IsGenerated,
        f.FPDFText_HasUnicodeMapError,
    )
    loose_box, char_origin, angle = (
        f.FPDFText_GetLooseCharBox,
        f.FPDFText_GetCharOrigin,
        f.FPDFText_GetCharAngle,
    )
    text_object = f.FPDFText_GetTextObject
    chars = []
    unmapped = 0
    after_space = False
    try:
        for i in range(textpage.count_chars()):
            code = unicode(handle, i)
            if generated(handle, i) == 1 or code in (9, 10, 13):
                after_space = True
                continue
            if _is_unmapped(code) or map_error(handle, i) == 1:
                unmapped += 1
                after_space = True
                continue
            char = chr(code)
            if char.isspace():
                after_space = True
                continue
            loose_box(handle, i, rect_at)
            left, top, right, bottom = rect
            box = (left, bottom, right, top)
            clip = clip_boxes.get(text_object(handle, i)) if clip_boxes else None
            if clip and not _contains(clip, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2):
                continue
            char_origin(handle, i, x_at, y_at)
            quarter = round(math.degrees(angle(handle, i)) / 90) % 4
            chars.append((char, box, (origin[0], origin[1]), quarter, after_space))
            after_space = False
    finally:
        textpage.close()
    return chars, unmapped


def _to_reading_orientation(
    page_box: Box, chars: list[tuple], rulings: list[Box]
) -> tuple[list[_Glyph], list[Box], tuple[float, float] | None]:
    """Glyphs, vertical rules (x0, top, x1, bottom) and page size as read: upright, y down from the top.

    The reading orientation is the direction of most of the text, which also covers pages displayed
    rotated (text drawn at 270 degrees reads upright on a page rotated by 90). Glyphs in other
    directions (watermarks, vertical labels) and glyphs off the page are dropped.
    """
    if not chars:
        return [], [], None
    text_quarter = Counter(quarter for _, _, _, quarter, _ in chars).most_common(1)[0][0]
    to_view = _view_transform(page_box, (-90 * text_quarter) % 360)
    view_width, view_height = page_box[2] - page_box[0], page_box[3] - page_box[1]
    if text_quarter % 2:
        view_width, view_height = view_height, view_width

    def view_box_of(left: float, bottom: float, right: float, top: float) -> Box:
        (ax, ay), (bx, by) = to_view(left, bottom), to_view(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    glyphs = []
    # view_box_of and _contains inlined: this runs once per character
    x_limit, y_limit = view_width + 1.0, view_height + 1.0
    for char, (left, bottom, right, top), origin, quarter, after_space in chars:
        if quarter != text_quarter:
            continue
        (ax, ay), (bx, by) = to_view(left, bottom), to_view(right, top)
        x0, x1 = bx if bx < ax else ax, bx if bx > ax else ax  # min, max
        y0, y1 = by if by < ay else ay, by if by > ay else ay
        if -1.0 <= (x0 + x1) / 2 <= x_limit and -1.0 <= (y0 + y1) / 2 <= y_limit:
            baseline = to_view(*origin)[1]
            em = y1 - y0 if y1 - y0 >= 0.1 else 0.1  # max(height, 0.1)
            glyphs.append(_Glyph(char, x0, x1, y0, y1, baseline, em, after_space))
    rules = [box for box in (view_box_of(*ruling) for ruling in rulings) if box[2] - box[0] <= RULING_WIDTH]
    return glyphs, rules, (view_width, view_height)


_PER_CHARACTER = (
    "FPDFText_GetUnicode",
    "FPDFText_IsGenerated",
    "FPDFText_HasUnicodeMapError",
    "FPDFText_GetLooseCharBox",
    "FPDFText_GetCharOrigin",
    "FPDFText_GetCharAngle",
    "FPDFText_GetTextObject",
    "FPDFPage_CountObjects",
    "FPDFPage_GetObject",
    "FPDFPageObj_GetType",
    "FPDFPageObj_GetBounds",
    "FPDFPageObj_GetClipPath",
    "FPDFClipPath_CountPaths",
    "FPDFClipPath_GetPathSegment",
    "FPDFClipPath_CountPathSegments",
    "FPDFPathSegment_GetPoint",
)


@cache
def _pdfium() -> SimpleNamespace:
    """The pdfium functions called once per character or page object, as ``_plain`` prototypes."""
    import pypdfium2.raw as raw

    return SimpleNamespace(**{name: _plain(getattr(raw, name)) for name in _PER_CHARACTER})


def _plain(function):
    """A second ctypes prototype of a pdfium function whose handles and out-parameters are plain
    addresses (ints), as arguments and as result.

    A handle's address is also what identifies a page object; converting typed pointers costs about as
    much as the call itself, once per character.
    """

    def plain(kind):
        return ctypes.c_void_p if kind is not None and issubclass(kind, ctypes._Pointer) else kind

    prototype = ctypes.CFUNCTYPE(plain(function.restype), *map(plain, function.argtypes))
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


def _scan_objects(page) -> tuple[dict[int, Box], list[Box]]:
    """Clip boxes of text objects (by handle address) and the boxes of thin vertical-ish path objects.

    Only objects drawn directly on the page are looked at; inside form XObjects coordinates differ.
    The clip box is the bounding box of the intersection of the clip paths, a generous stand-in for the
    visible area, kept only where it cuts into the page. Thin path objects are table rulings: a cell
    border separates two cells even where their text nearly touches.
    """
    import pypdfium2.raw as raw

    f = _pdfium()
    page_box = page.get_bbox()
    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    # Objects drawn under the same clipping share its paths; a path is known by its points' address.
    path_boxes: dict[int, Box] = {}
    clip_boxes = {}
    rulings = []
    bounds = (ctypes.c_float * 4)()
    left, bottom, right, top = (
        ctypes.addressof(bounds) + i * ctypes.sizeof(ctypes.c_float) for i in range(4)
    )
    for index in range(f.FPDFPage_CountObjects(handle)):
        obj = f.FPDFPage_GetObject(handle, index)
        kind = f.FPDFPageObj_GetType(obj) if obj else None
        if kind == raw.FPDF_PAGEOBJ_PATH and f.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            box = tuple(bounds)
            if min(box[2] - box[0], box[3] - box[1]) <= RULING_WIDTH:
                rulings.append(box)
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        clip = f.FPDFPageObj_GetClipPath(obj)
        if not clip:
            continue
        box = page_box
        for path in range(f.FPDFClipPath_CountPaths(clip)):
            key = f.FPDFClipPath_GetPathSegment(clip, path, 0)
            if not key:
                continue
            if key not in path_boxes:
                path_boxes[key] = _path_box(clip, path)
            left_, bottom_, right_, top_ = path_boxes[key]
            box = (max(box[0], left_), max(box[1], bottom_), min(box[2], right_), min(box[3], top_))
        if box != page_box:
            clip_boxes[obj] = box
    return clip_boxes, rulings


def _path_box(clip: int, path: int) -> Box:
    """Bounding box of the points (end points and control points) of one path of a clip path."""
    f = _pdfium()
    point = (ctypes.c_float * 2)()
    x = ctypes.addressof(point)
    y = x + ctypes.sizeof(ctypes.c_float)
    xs, ys = [], []
    for segment in range(f.FPDFClipPath_CountPathSegments(clip, path)):
        f.FPDFPathSegment_GetPoint(f.FPDFClipPath_GetPathSegment(clip, path, segment), x, y)
        xs.append(point[0])
        ys.append(point[1])
    return min(xs), min(ys), max(xs), max(ys)


def _contains(box: Box, x: float, y: float, tolerance: float = 1.0) -> bool:
    left, bottom, right, top = box
    return left - tolerance <= x <= right + tolerance and bottom - tolerance <= y <= top + tolerance


def _view_transform(page_box: Box, rotation: int):
    """Map PDF user space (y up) to reading orientation (y down from the top) for a clockwise rotation."""
    left, bottom, right, top = page_box
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def _is_unmapped(code: int) -> bool:
    """Codes that mean the font gave no real character: NUL, controls, U+FFFD, surrogates, private use."""
    return code < 0x20 or 0x7F <= code < 0xA0 or code == 0xFFFD or 0xD800 <= code <= 0xF8FF or 0xF0000 <= code


def _has_image(page) -> bool:
    import pypdfium2.raw as raw

    return next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])), None) is not None


def _group_lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Group glyphs whose baselines are within a fraction of an em; lines come out top to bottom."""
    lines: list[list[_Glyph]] = []
    line_baseline = -math.inf
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if lines and glyph.baseline - line_baseline <= BASELINE_TOLERANCE_EM * glyph.em:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            line_baseline = glyph.baseline
    return lines


def _make_line(page: int, glyphs: list[_Glyph], rules: list[Box]) -> Line:
    """Order a line's glyphs left to right, drop duplicates and split into spans.

    A span ends at a gap wider than about one character, or at a vertical rule (a cell border)
    crossing the line between two glyphs.
    """
    top, bottom = min(g.top for g in glyphs), max(g.bottom for g in glyphs)
    middle = (top + bottom) / 2
    borders = sorted((rule[0] + rule[2]) / 2 for rule in rules if rule[1] <= middle <= rule[3])
    spans: list[Span] = []
    run: list[_Glyph] = []
    for glyph in sorted(glyphs, key=lambda g: g.x0):
        if run:
            previous = run[-1]
            if _is_duplicate(previous, glyph):
                continue
            gap = glyph.x0 - previous.x1
            em = glyph.em if glyph.em >= previous.em else previous.em  # max, inlined: once per glyph
            if gap > SPAN_GAP_EM * em or (
                borders
                and (border := bisect_right(borders, (previous.x0 + previous.x1) / 2)) < len(borders)
                and borders[border] < (glyph.x0 + glyph.x1) / 2
            ):
                spans.append(_make_span(run))
                run = []
        run.append(glyph)
    spans.append(_make_span(run))
    return Line(page, top, bottom, spans)


def _is_duplicate(previous: _Glyph, glyph: _Glyph) -> bool:
    """The same character again at (almost) the same place: fake bold or text printed twice."""
    tolerance = DUPLICATE_TOLERANCE_EM * glyph.em
    return (
        glyph.char == previous.char
        and abs(glyph.x0 - previous.x0) <= tolerance
        and abs(glyph.baseline - previous.baseline) <= tolerance
    )


def _make_span(run: list[_Glyph]) -> Span:
    parts = [run[0].char]
    for previous, glyph in pairwise(run):
        word_gap = WORD_GAP_EM_AFTER_SPACE if glyph.after_space else WORD_GAP_EM
        em = glyph.em if glyph.em >= previous.em else previous.em
        if glyph.x0 - previous.x1 > word_gap * em and not (_is_wide(previous.char) and _is_wide(glyph.char)):
            parts.append(" ")
        parts.append(glyph.char)
    return Span(
        "".join(parts),
        run[0].x0,
        max(g.x1 for g in run),
        min(g.top for g in run),
        max(g.bottom for g in run),
    )


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")

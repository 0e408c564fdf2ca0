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
from operator import itemgetter
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from .textio import HALF_WIDTH

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


# One character in reading orientation: (baseline, x0, x1, top, bottom, em, char, after_space). The
# box is the loose one (font ascent/descent, advance); a plain tuple, as there is one per character.
_Glyph = tuple[float, float, float, float, float, float, str, bool]
_X0, _TOP, _BOTTOM = itemgetter(1), itemgetter(3), itemgetter(4)


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
        total = len(chars.text) + unmapped
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


def _read_chars(page, clip_boxes: dict[int, Box]) -> tuple[_Chars, int]:
    """The page's visible characters in content order, and the count of characters without Unicode.

    Whitespace (real or inserted by pdfium, which only ever inserts spaces and line breaks) is not
    kept: spaces are re-derived from gaps later. pdfium has no bulk call for boxes and origins, so its
    per-character functions are called bare (``_plain``): each box is written straight into an array of
    the whole page, read back in one go; each origin into one buffer, read through a memoryview (the
    cheaper way for two numbers).
    """
    f = _pdfium()
    textpage = page.get_textpage()
    handle = _Handle(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    unicode, map_error, loose_box, char_origin, angle, text_object = (
        f.FPDFText_GetUnicode,
        f.FPDFText_HasUnicodeMapError,
        f.FPDFText_GetLooseCharBox,
        f.FPDFText_GetCharOrigin,
        f.FPDFText_GetCharAngle,
        f.FPDFText_GetTextObject,
    )
    byref, char_of, quarter_of = ctypes.byref, _CHARACTERS, _Quarters()
    try:
        count = textpage.count_chars()
        rects = (ctypes.c_float * (4 * count))()  # FS_RECTF: left, top, right, bottom
        origin = (ctypes.c_double * 2)()
        x_at, y_at = byref(origin), byref(origin, ctypes.sizeof(ctypes.c_double))
        x_y = memoryview(origin).cast("B").cast("d")
        text, xs, ys, quarters, spaced, objects = [], [], [], [], [], []
        unmapped = kept = 0
        after_space = False
        for i in range(count):
            code = unicode(handle, i)
            if code in (9, 10, 13):
                after_space = True
                continue
            char = char_of[code]
            if char is None or map_error(handle, i) == 1:
                unmapped += 1
                after_space = True
                continue
            if char.isspace():
                after_space = True
                continue
            loose_box(handle, i, byref(rects, 16 * kept))
            char_origin(handle, i, x_at, y_at)
            xs.append(x_y[0])
            ys.append(x_y[1])
            quarters.append(quarter_of[angle(handle, i)])
            if clip_boxes:
                objects.append(text_object(handle, i))
            text.append(char)
            spaced.append(after_space)
            after_space = False
            kept += 1
    finally:
        textpage.close()
    rect = rects[: 4 * kept]
    left, top, right, bottom = rect[0::4], rect[1::4], rect[2::4], rect[3::4]
    chars = _Chars(text, left, bottom, right, top, xs, ys, quarters, spaced)
    if clip_boxes:
        chars = _unclipped(chars, [clip_boxes.get(obj) for obj in objects])
    return chars, unmapped


class _Chars(NamedTuple):
    """Characters as columns: boxes and origins in PDF user space (y up)."""

    text: list[str]
    left: list[float]
    bottom: list[float]
    right: list[float]
    top: list[float]
    x: list[float]
    y: list[float]
    quarter: list[int]
    after_space: list[bool]


class _Characters(dict):
    """The character of each code pdfium gives, None where the font gave no real character."""

    def __missing__(self, code: int) -> str | None:
        char = self[code] = None if _is_unmapped(code) else chr(code).translate(HALF_WIDTH)
        return char


_CHARACTERS = _Characters()


class _Quarters(dict):
    """Quarter turns of a character's direction by pdfium's angle (radians): a page has few angles."""

    def __missing__(self, angle: float) -> int:
        quarter = self[angle] = round(math.degrees(angle) / 90) % 4
        return quarter


def _unclipped(chars: _Chars, clips: list[Box | None]) -> _Chars:
    """The characters whose box centre lies inside their object's clip box; a space before a hidden
    character stands before the next shown one."""
    left, bottom, right, top = chars.left, chars.bottom, chars.right, chars.top
    after_space = chars.after_space
    keep = []
    carry = False
    for i, clip in enumerate(clips):
        if clip and not _contains(clip, (left[i] + right[i]) / 2, (bottom[i] + top[i]) / 2):
            carry = carry or after_space[i]
            continue
        if carry:
            after_space[i] = True
            carry = False
        keep.append(i)
    if len(keep) == len(clips):
        return chars
    return _Chars(*([column[i] for i in keep] for column in chars))


def _to_reading_orientation(
    page_box: Box, chars: _Chars, rulings: list[Box]
) -> tuple[list[tuple], list[Box], tuple[float, float] | None]:
    """Glyphs, vertical rules (x0, top, x1, bottom) and page size as read: upright, y down from the top.

    The reading orientation is the direction of most of the text, which also covers pages displayed
    rotated (text drawn at 270 degrees reads upright on a page rotated by 90). Glyphs in other
    directions (watermarks, vertical labels) and glyphs off the page are dropped. A glyph is the tuple
    (baseline, x0, x1, top, bottom, em, char, after_space); its box is the loose one (font
    ascent/descent, advance).
    """
    if not chars.text:
        return [], [], None
    text_quarter = Counter(chars.quarter).most_common(1)[0][0]
    rotation = (-90 * text_quarter) % 360
    view_width, view_height = page_box[2] - page_box[0], page_box[3] - page_box[1]
    if text_quarter % 2:
        view_width, view_height = view_height, view_width

    def to_view(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
        return _to_view(page_box, rotation, xs, ys)

    # the corners (left, bottom) and (right, top) and the origin's y in view coordinates, by columns
    columns = (
        *to_view(chars.left, chars.bottom),
        *to_view(chars.right, chars.top),
        to_view(chars.x, chars.y)[1],
        chars.text,
        chars.quarter,
        chars.after_space,
    )
    glyphs = []
    x_limit, y_limit = view_width + 1.0, view_height + 1.0
    for ax, ay, bx, by, baseline, char, quarter, after_space in zip(*columns, strict=True):
        if quarter != text_quarter:
            continue
        x0, x1 = bx if bx < ax else ax, bx if bx > ax else ax  # min, max
        y0, y1 = by if by < ay else ay, by if by > ay else ay
        if -1.0 <= (x0 + x1) / 2 <= x_limit and -1.0 <= (y0 + y1) / 2 <= y_limit:
            em = y1 - y0 if y1 - y0 >= 0.1 else 0.1  # max(height, 0.1)
            glyphs.append((baseline, x0, x1, y0, y1, em, char, after_space))
    left, bottom, right, top = ([ruling[i] for ruling in rulings] for i in range(4))
    rules = [
        (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        for ax, ay, bx, by in zip(*to_view(left, bottom), *to_view(right, top), strict=True)
        if max(ax, bx) - min(ax, bx) <= RULING_WIDTH
    ]
    return glyphs, rules, (view_width, view_height)


def _to_view(page_box: Box, rotation: int, xs: list[float], ys: list[float]):
    """Map columns of points in PDF user space (y up) to reading orientation (y down from the top)
    for a clockwise rotation of the page: the view's x column and y column."""
    left, bottom, right, top = page_box
    if rotation == 90:
        return [y - bottom for y in ys], [x - left for x in xs]
    if rotation == 180:
        return [right - x for x in xs], [y - bottom for y in ys]
    if rotation == 270:
        return [top - y for y in ys], [right - x for x in xs]
    return [x - left for x in xs], [top - y for y in ys]


_PER_CHARACTER = (
    "FPDFText_GetUnicode",
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
# Results other than the declared ones: none for functions called for their out-parameters only (they
# cannot fail on a valid index), nothing to convert; a text object's address as an int, as it is only
# looked up.
_RESULTS = {
    "FPDFText_GetLooseCharBox": None,
    "FPDFText_GetCharOrigin": None,
    "FPDFPathSegment_GetPoint": None,
    "FPDFText_GetTextObject": ctypes.c_void_p,
}


@cache
def _pdfium() -> SimpleNamespace:
    """The pdfium functions called once per character or page object, as ``_plain`` prototypes."""
    import pypdfium2.raw as raw

    return SimpleNamespace(**{name: _plain(getattr(raw, name), name) for name in _PER_CHARACTER})


class _Handle(ctypes.c_void_p):
    """A pdfium handle as a bare pointer: returned by a ``_plain`` function and passed to the next
    one as it is (a subclass, so ctypes does not turn it into an int); its address is ``value``."""


def _plain(function, name: str):
    """A second prototype of a pdfium function, for calls several times per character: without
    argument types (handles go in as ``_Handle``, out-parameters as ``byref``, indices as ints), so
    that nothing is converted on the way in, and keeping the GIL (``PYFUNCTYPE``), as releasing and
    taking it again would cost more than these calls, which return at once. Each saving is about as
    much as the call itself."""
    restype = _RESULTS.get(name, function.restype)
    if restype is not None and issubclass(restype, ctypes._Pointer):
        restype = _Handle
    return ctypes.PYFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


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
    handle = _Handle(ctypes.cast(page.raw, ctypes.c_void_p).value)
    get_object, get_type, get_bounds, get_clip, count_paths, get_segment = (
        f.FPDFPage_GetObject,
        f.FPDFPageObj_GetType,
        f.FPDFPageObj_GetBounds,
        f.FPDFPageObj_GetClipPath,
        f.FPDFClipPath_CountPaths,
        f.FPDFClipPath_GetPathSegment,
    )
    path_kind, text_kind = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT
    # Objects drawn under the same clipping share its paths; a path is known by its points' address,
    # a clipping by its paths'.
    path_boxes: dict[int, Box] = {}
    boxes_of: dict[tuple, Box] = {}
    clip_boxes = {}
    rulings = []
    bounds = (ctypes.c_float * 4)()
    left, bottom, right, top = (ctypes.byref(bounds, i * ctypes.sizeof(ctypes.c_float)) for i in range(4))
    for index in range(f.FPDFPage_CountObjects(handle)):
        obj = get_object(handle, index)
        kind = get_type(obj) if obj else None
        if kind == path_kind and get_bounds(obj, left, bottom, right, top):
            box = tuple(bounds[:])
            if min(box[2] - box[0], box[3] - box[1]) <= RULING_WIDTH:
                rulings.append(box)
        if kind != text_kind:
            continue
        clip = get_clip(obj)
        if not clip:
            continue
        keys = tuple([get_segment(clip, path, 0).value for path in range(count_paths(clip))])
        box = boxes_of.get(keys)
        if box is None:
            box = page_box
            for path, key in enumerate(keys):
                if not key:
                    continue
                if key not in path_boxes:
                    path_boxes[key] = _path_box(clip, path)
                left_, bottom_, right_, top_ = path_boxes[key]
                box = (max(box[0], left_), max(box[1], bottom_), min(box[2], right_), min(box[3], top_))
            boxes_of[keys] = box
        if box != page_box:
            clip_boxes[obj.value] = box
    return clip_boxes, rulings


def _path_box(clip: _Handle, path: int) -> Box:
    """Bounding box of the points (end points and control points) of one path of a clip path."""
    f = _pdfium()
    point = (ctypes.c_float * 2)()
    x, y = ctypes.byref(point), ctypes.byref(point, ctypes.sizeof(ctypes.c_float))
    xs, ys = [], []
    for segment in range(f.FPDFClipPath_CountPathSegments(clip, path)):
        f.FPDFPathSegment_GetPoint(f.FPDFClipPath_GetPathSegment(clip, path, segment), x, y)
        xs.append(point[0])
        ys.append(point[1])
    return min(xs), min(ys), max(xs), max(ys)


def _contains(box: Box, x: float, y: float, tolerance: float = 1.0) -> bool:
    left, bottom, right, top = box
    return left - tolerance <= x <= right + tolerance and bottom - tolerance <= y <= top + tolerance


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
    for glyph in sorted(glyphs, key=itemgetter(0, 1)):
        if lines and glyph[0] - line_baseline <= BASELINE_TOLERANCE_EM * glyph[5]:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            line_baseline = glyph[0]
    return lines


def _make_line(page: int, glyphs: list[_Glyph], rules: list[Box]) -> Line:
    """Order a line's glyphs left to right, drop duplicates and split into spans, in one pass.

    A duplicate is the same character again at (almost) the same place: fake bold or text printed
    twice. A span ends at a gap wider than about one character, or at a vertical rule (a cell border)
    crossing the line between two glyphs; within a span, a narrower gap may stand for a space.
    """
    top, bottom = min(map(_TOP, glyphs)), max(map(_BOTTOM, glyphs))
    middle = (top + bottom) / 2
    borders = sorted((rule[0] + rule[2]) / 2 for rule in rules if rule[1] <= middle <= rule[3])
    spans: list[Span] = []
    first, *rest = sorted(glyphs, key=_X0)
    last_baseline, last_x0, last_x1, span_top, span_bottom, last_em, last_char, _ = first
    span_x0, span_x1, parts = last_x0, last_x1, [last_char]
    for baseline, x0, x1, glyph_top, glyph_bottom, em, char, after_space in rest:
        tolerance = DUPLICATE_TOLERANCE_EM * em
        if (
            char == last_char
            and abs(x0 - last_x0) <= tolerance
            and abs(baseline - last_baseline) <= tolerance
        ):
            continue
        gap = x0 - last_x1
        pair_em = em if em >= last_em else last_em  # max, inlined: once per glyph
        if gap > SPAN_GAP_EM * pair_em or (
            borders
            and (border := bisect_right(borders, (last_x0 + last_x1) / 2)) < len(borders)
            and borders[border] < (x0 + x1) / 2
        ):
            spans.append(Span("".join(parts), span_x0, span_x1, span_top, span_bottom))
            span_x0, span_x1, span_top, span_bottom, parts = x0, x1, glyph_top, glyph_bottom, [char]
        else:
            word_gap = WORD_GAP_EM_AFTER_SPACE if after_space else WORD_GAP_EM
            if gap > word_gap * pair_em and not (_is_wide(last_char) and _is_wide(char)):
                parts.append(" ")
            parts.append(char)
            # max and min as the builtins take them: the first of equals stays
            if x1 > span_x1:
                span_x1 = x1
            if glyph_top < span_top:
                span_top = glyph_top
            if glyph_bottom > span_bottom:
                span_bottom = glyph_bottom
        last_baseline, last_x0, last_x1, last_em, last_char = baseline, x0, x1, em, char
    spans.append(Span("".join(parts), span_x0, span_x1, span_top, span_bottom))
    return Line(page, top, bottom, spans)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")

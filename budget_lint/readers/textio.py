"""Opening inputs and decoding text, within stated bounds.

Only regular files are read (a named pipe would block, ``/dev/zero`` never ends), and none larger than
``MAX_BYTES``. Text is UTF-8 (with or without BOM), UTF-16/32 (with a BOM, or without one when the
zero bytes of its ASCII characters say which), or GB18030 (GBK and GB2312 are its subsets). Big5 is told
from GB18030 by which decoding gives the common characters of its own script (GB2312 level 1, Big5
常用字): the two overlap byte for byte, and Big5 read as GB18030 is nonsense that would be checked as
figures, so Big5 is refused, named. A few undecodable bytes in otherwise good text are replaced by U+FFFD
and reported by the reader at their lines (``readers.__init__``); more reject the document.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = {"text": 16 * 2**20, "pdf": 128 * 2**20}
"""The largest input read: 16 MB of text (the largest real disclosure's text is 72 KB), 128 MB of PDF."""
MAX_LINE = 20_000
"""The longest line of a document's text, in characters (real disclosures: under 1,000)."""
MAX_REPLACED = 64
"""Undecodable bytes replaced, at most (and at most 1 in 200 characters), before a text is rejected."""
_SAMPLE = 1 << 18
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


class ReadError(Exception):
    """An input that cannot be read; the message is one line naming the reason."""


def regular_file(path: Path) -> None:
    """Refuse anything but a regular file (or a folder, which the caller handles) without opening it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a special file"
    )
    raise ReadError(f"not a regular file ({kind}); only files and folders are read")


def within_limit(path: Path, kind: str) -> None:
    """Refuse a file larger than the limit for its kind before reading it."""
    if path.stat().st_size > MAX_BYTES[kind]:
        raise ReadError(f"larger than {MAX_BYTES[kind] // 2**20} MB, the limit for a {kind} input")


def read_bytes(path: Path, kind: str = "text") -> bytes:
    limit = MAX_BYTES[kind]
    regular_file(path)
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadError("not a regular file; only files and folders are read")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise ReadError(f"larger than {limit // 2**20} MB, the limit for a {kind} input")
    return data


def read_text(path: Path) -> str:
    return decode(read_bytes(path))


def decode(data: bytes) -> str:
    return _decode(data).replace("\r\n", "\n").replace("\r", "\n")


def within_line_limit(text: str) -> None:
    """Refuse a document's text with a line longer than ``MAX_LINE`` (model files are exempt). Such a
    line holds a whole stretch of ``MAX_LINE // 2`` characters, counted from the start of the text,
    with no line break in it: the text is looked at stretch by stretch, not split into its lines."""
    stretch = MAX_LINE // 2
    for at in range(0, len(text) - stretch + 1, stretch):
        if text.find("\n", at, at + stretch) >= 0:
            continue
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        if (len(text) if end < 0 else end) - start > MAX_LINE:
            number = text.count("\n", 0, start) + 1
            raise ReadError(f"line {number} is longer than {MAX_LINE:,} characters, the limit for a line")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, encoding.upper().replace("-SIG", " with BOM"))
    if wide := _wide_without_bom(data[:_SAMPLE]):
        return _strict(data, wide, f"{wide.upper()} without BOM")
    if b"\x00" in data[:4096]:
        raise ReadError("binary file, not text")
    if (text := _nearly("utf-8", data)) is not None:
        return text
    if _big5(data[:_SAMPLE]):
        raise ReadError("Big5 (traditional Chinese) text: not read; save it as UTF-8 or GB18030")
    if (text := _nearly("gb18030", data)) is not None:
        return text
    raise ReadError("not text in any known encoding (UTF-8, UTF-16/32, GB18030; Big5 is refused)")


def _nearly(encoding: str, data: bytes) -> str | None:
    """The text in ``encoding`` when at most a few bytes do not decode (they become U+FFFD)."""
    text = data.decode(encoding, errors="replace")
    if "\ufffd" not in text:
        return text  # every byte decoded
    replaced = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return text if replaced <= min(MAX_REPLACED, len(text) // 200) else None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(f"looks like {name} but does not decode as it") from None


def _wide_without_bom(sample: bytes) -> str | None:
    """UTF-16/32 without a BOM, from where the zero bytes of ASCII (digits, spaces, line ends) fall."""
    if len(sample) < 16 or sample.count(0) < len(sample) // 40:
        return None
    lanes = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if lanes[2] > 0.95 and lanes[3] > 0.95:
        return "utf-32-le"
    if lanes[0] > 0.95 and lanes[1] > 0.95:
        return "utf-32-be"
    even, odd = (lanes[0] + lanes[2]) / 2, (lanes[1] + lanes[3]) / 2
    if odd > 0.05 and even < odd / 5:
        return "utf-16-le"
    if even > 0.05 and odd < even / 5:
        return "utf-16-be"
    return None


def _big5(sample: bytes) -> bool:
    """True when the bytes read as Big5 give its common characters clearly more often than read as
    GB18030 they give GB2312's level-1 characters (the common simplified ones)."""
    as_gb = sample.decode("gb18030", errors="ignore")
    as_big5 = sample.decode("big5", errors="ignore")
    return _common(as_big5, "big5", 0xA4, 0xC6) > _common(as_gb, "gb2312", 0xB0, 0xD7) + 0.2


def _common(text: str, encoding: str, first: int, last: int) -> float:
    """The share of the text's CJK characters whose lead byte in ``encoding`` is in first…last."""
    hanzi = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not hanzi:
        return 0.0
    common = 0
    for char in hanzi:
        try:
            common += first <= char.encode(encoding)[0] <= last
        except UnicodeEncodeError:
            pass
    return common / len(hanzi)


HALF_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
"""Full-width digits, percent sign and point as the ASCII ones: a document typed with full-width
figures (２０２６年, １２．５％) says what the ASCII ones say, and every reader gives them so. One
character for one: positions in the text stay where they were."""

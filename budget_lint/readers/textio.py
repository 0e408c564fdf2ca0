"""Decoding text inputs: UTF-8 (with or without BOM) first, else the charset detector's answer
(GB18030 for the usual Chinese legacy encodings)."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """An input that cannot be read; the message is one line naming the reason."""


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("not text in any known encoding")
    encoding = best.encoding
    # GBK and GB2312 are subsets of GB18030; decoding as the superset loses nothing.
    if encoding.replace("_", "").lower() in {"gb2312", "gbk", "cp936", "hz"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(f"cannot decode as {encoding}") from None

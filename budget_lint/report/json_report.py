"""The JSON report: the public contract of DESIGN.md."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import TypeAdapter

from ..findings import Report, Violation
from . import RenderOptions, batches, json_items

_VIOLATIONS = TypeAdapter(list[Violation])


def render(report: Report, options: RenderOptions | None = None) -> str:
    return b"".join(chunks(report)).decode()


def chunks(report: Report, options: RenderOptions | None = None) -> Iterator[bytes]:
    """The UTF-8 bytes of ``report.model_dump_json(indent=2)`` and a newline, a thousand findings at a
    time: a long table's report (300,000 findings, 317 MB) is written without ever being one string.

    pydantic's own serialiser writes every part (five times faster than json.dumps); each part is
    indented to its depth, which only moves the line breaks (a JSON string holds none)."""
    head, tail = _around(report, "documents", 0)
    yield head + (b"[" if report.documents else b"[]")
    for i, document in enumerate(report.documents):
        start, end = _around(document, "violations", 4)
        yield (b"," if i else b"") + b"\n    " + start + (b"[" if document.violations else b"[]")
        found = document.violations
        yield from json_items((_VIOLATIONS.dump_json(batch, indent=2) for batch in batches(found)), 6)
        yield (b"\n      ]" if found else b"") + end
    yield (b"\n  ]" if report.documents else b"") + tail + b"\n"


def _around(model, field: str, depth: int) -> tuple[bytes, bytes]:
    """What ``model`` writes before and after the list ``field``, at ``depth`` spaces of indent."""
    text = model.model_copy(update={field: []}).model_dump_json(indent=2).encode()
    head, key, tail = text.replace(b"\n", b"\n" + b" " * depth).partition(f'"{field}": []'.encode())
    return head + key[:-2], tail

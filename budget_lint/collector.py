"""The cyclic garbage collector, paused while a document is read and checked.

Reading and checking build a large structure without reference cycles (a table of 100,000 rows is a
million objects: rows, cells, findings), which the collector, run as objects are allocated, would
traverse again and again as it grows: 14 of 34 s for such a table. It is off while a document is read,
checked or unpickled, and on again after (reading a text leaves no cycles, a PDF or workbook a
hundred-odd objects, collected then). Counted, so that nested and concurrent uses (threads) turn it
on only when the last one ends, and only if it was on before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()

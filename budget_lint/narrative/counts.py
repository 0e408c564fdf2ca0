"""The 三公 counts a 决算 narrative prints beside its amounts: 因公出国（境）团组 N 个、累计 M 人次; 公务接待
N 批次、M 人次，其中：接待外宾 n 批次、m 人次 (or 国内公务接待 N 批次；外事接待 n 批次). Read from the joined
narrative text, each with where it starts; nothing else is a count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Source
from .text import JoinedText

_N = r"(\d+)"
_BATCHES = _N + r"批次[、,，]?(?:累计|共)?(?:" + _N + r"人次)?"
"""N 批次 and, where printed, its M 人次."""
_GROUPS = re.compile(r"团组(?:数)?(?:为|共)?" + _N + r"个[、,，]?(?:累计|共)?(?:" + _N + r"人次)?")
# 接待 first and what may not come before it looked behind it: the search then skips to each 接待 fast
# (a pattern opening with a lookbehind is tried at every character).
_RECEPTION = re.compile(
    r"接待(?<!外宾接待)(?<!外宾的接待)(?<!外事接待)(?!外宾)[^\d，。;；、]{0,6}?" + _BATCHES
)
_FOREIGN = re.compile(r"接待外宾(?:共)?" + _BATCHES)
_FOREIGN_AFFAIRS = re.compile(r"外事接待(?:共)?" + _BATCHES)
"""The central template's 外事接待, beside its 国内公务接待: a part of the receptions the other is not."""
_PATTERNS = (
    ("outbound", _GROUPS),
    ("reception", _RECEPTION),
    ("foreign", _FOREIGN),
    ("foreign_affairs", _FOREIGN_AFFAIRS),
)


@dataclass(frozen=True)
class Count:
    item: str
    """``outbound`` (团组 / 人次), ``reception`` (批次 / 人次), ``foreign`` (外宾 批次 / 人次),
    ``foreign_affairs`` (外事接待 批次 / 人次)."""
    units: int
    """团组 or 批次."""
    persons: int | None
    source: Source
    text: str


def counts(text: JoinedText) -> list[Count]:
    found = []
    for item, pattern in _PATTERNS:
        for match in pattern.finditer(text.text):
            persons = int(match.group(2)) if match.group(2) is not None else None
            found.append(
                Count(item, int(match.group(1)), persons, text.source(match.start(1)), match.group(0))
            )
    return sorted(found, key=lambda c: (c.source.line or 0, c.source.page or 0))

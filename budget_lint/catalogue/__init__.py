"""The official subject catalogue (《政府收支分类科目》) by year, as shipped data.

``catalogue.json`` is built by ``scripts/build_catalogue.py`` from public transcriptions of the Ministry
of Finance's texts, each entry with its source. Coverage is partial: a code the catalogue does not hold
says nothing about the document. A code is known *not to exist* only under a parent whose children a
source lists in full (``complete``); everywhere else absence is silence, never a finding.

A year without a version of its own uses the nearest one (the earlier on a tie); callers say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Version:
    classification: str
    year: int
    entries: dict[str, Entry]
    complete: frozenset[str]

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def known_absent(self, code: str) -> bool:
        """True when a source lists every child of ``code``'s parent and ``code`` is not among them."""
        parent = _parent(code)
        return parent is not None and parent in self.complete and code not in self.entries

    def children(self, parent: str) -> list[Entry]:
        return [e for c, e in self.entries.items() if _parent(c) == parent]


def classification(code: str) -> str | None:
    """Which catalogue a code belongs to, from its form: function 2xx(xx(xx)), 部门预算 economic 3xx(xx),
    政府预算 economic 5xx(xx)."""
    if len(code) in (3, 5, 7) and code[0] == "2":
        return "function"
    if len(code) in (3, 5) and code[0] == "3":
        return "economic_dept"
    if len(code) in (3, 5) and code[0] == "5":
        return "economic_gov"
    return None


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) > 3 else None


@cache
def _data() -> dict:
    return json.loads(resources.files(__name__).joinpath("catalogue.json").read_text(encoding="utf-8"))


@cache
def version_for(kind: str, year: int | None) -> Version | None:
    """The catalogue version used for ``year`` (its own, else the nearest); None without a year or data."""
    by_year = _data()["versions"].get(kind)
    if year is None or not by_year:
        return None
    chosen = min(by_year, key=lambda y: (abs(int(y) - year), int(y)))
    raw = by_year[chosen]
    entries = {
        code: Entry(code, item["name"], tuple(item["sources"])) for code, item in raw["entries"].items()
    }
    return Version(kind, int(chosen), entries, frozenset(raw["complete"]))


def source(source_id: str) -> dict:
    return next(s for s in _data()["sources"] if s["id"] == source_id)

"""Cross-year runs: a document is checked against last year's document of the same department and stage,
found among the run's inputs (or named with ``--previous``). The pairing reads each input's department,
year and stage; documents whose department cannot be told are never paired, so nothing is compared
across departments. The checks are the ``previous_year`` rules (checks/previous_year.py)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .collector import paused
from .findings import DocumentReport, Violation
from .model import Document
from .readers import ReadError, read_document
from .recognise import squash

if TYPE_CHECKING:
    from .engine import Options


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """An organisation's name: an optional place (…省/市/区/县), then a name ending in an office's kind;
    and the noise taken out of a text before names are looked for in it. Compiled when first asked: their
    ranges of Han characters take 1.5 % of a one-document run (which pairs nothing) to compile."""
    organisation = re.compile(
        r"(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|区|县))*[\u4e00-\u9fff]{2,16}?"
        r"(?:人民法院|人民检察院|办公厅|办事处|委员会|管理局|局|院|厅|中心|站)"
    )
    noise = re.compile(
        r"\d{4}年度?|预算(?:主管部门|单位)[:：]|(?:部门|单位)?(?:预算|决算)(?:公开)?|发布机构|"
        r"《[^》]*》"  # a law or a document cited by its title names its issuer, not the department
    )
    return organisation, noise


_MENTIONS = 3
"""How often a name must recur in a document whose head names none, to be taken as its department."""


def department_key(document: Document) -> str | None:
    """The department's name: from the document's title (its first lines, joined where the name wraps:
    上海市普陀区规划和自然 / 资源局), its meta, its first narrative lines or its first table's title (a
    web table alone); else the one organisation the document names most often (at least three times,
    more than any other)."""
    lines = [line.text for line in document.narrative]
    title = "".join(itertools.takewhile(lambda text: "目录" not in squash(text), lines[:3]))
    first_table = document.tables[0].title if document.tables else ""
    for head in (title, document.department or "", " ".join(lines[:12]), first_table):
        if found := _organisations(head):
            return found[0]
    counts = Counter(
        name for text in [*lines, *(t.title for t in document.tables)] for name in _organisations(text)
    )
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= _MENTIONS and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0]
    return None


def _organisations(text: str) -> list[str]:
    organisation, noise = _patterns()
    text = noise.sub(" ", squash(text).replace("(", "（").replace(")", "）"))
    return [match.group(0) for piece in text.split() if (match := organisation.search(piece))]


Meta = tuple[str | None, int | None, str]
"""An input's department (None if it cannot be told), year and stage: what the pairing reads."""


def meta_of(document: Document) -> Meta:
    return department_key(document), document.year, document.stage


class AsRead:
    """A document kept as the object the lint read, not a copy: what the checks' settling changes in it
    is noted when it is read and put back when it is asked for. That is each row's cells and candidates
    (``placement`` places a row by giving it new cells), each cell's decimals (``kernel.settle_precision``)
    and the document's findings (``placement`` adds its BL001 ambiguities); nothing else of a document
    changes once it is read (tests/test_previous_year.py holds every document of the corpus to it)."""

    def __init__(self, document: Document):
        self.document = document
        rows = [row for table in document.tables for row in table.rows]
        self.rows = [(row, list(row.cells), row.candidates) for row in rows]
        self.cells = [cell for _, cells, _ in self.rows for cell in cells]
        self.decimals = [cell.decimals for cell in self.cells]
        self.findings = len(document.findings)
        lines = len(document.narrative) + sum(len(table.lines) for table in document.tables)
        self.size = LIVE_BYTES * (1 + len(self.rows) + len(self.cells) + lines)
        """About the bytes it takes."""

    def read(self) -> Document:
        for row, cells, candidates in self.rows:
            row.cells, row.candidates = list(cells), candidates
        for cell, decimals in zip(self.cells, self.decimals, strict=True):
            cell.decimals = decimals
        del self.document.findings[self.findings :]
        return self.document

    def pickled(self) -> bytes:
        import pickle  # here and in ``Kept.read``: a run that pickles no document needs none

        return pickle.dumps(self.read(), protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class Kept:
    """What a run keeps of an input it has read, for the pairing: its meta and, while the run's
    ``Keeper`` has room, the document as read (``AsRead``, or pickled: compact, and how it crosses from a
    worker process to the run's). A document not kept is read again if it pairs."""

    meta: Meta
    document: AsRead | bytes | None

    def read(self, path: str) -> Document:
        if self.document is None:
            return read_document(path)
        if isinstance(self.document, AsRead):
            return self.document.read()
        import pickle

        with paused():
            return pickle.loads(self.document)

    def __reduce__(self):
        """Pickled (from a worker process) with its document pickled, once the lint is done with it."""
        document = self.document.pickled() if isinstance(self.document, AsRead) else self.document
        return Kept, (self.meta, document)


KEEP_LIMIT = 256 * 2**20
"""Bytes of documents a run keeps (a real disclosure is 2–260 KB pickled, about 130 KB on average: some
1,600 documents besides those of ``LIVE_LIMIT``). Beyond it the pairing reads again the documents that
pair."""
LIVE_LIMIT = 64 * 2**20
"""Of ``KEEP_LIMIT``, the bytes of documents kept as the objects they were read as, not pickled (pickling
the example costs 8 % of its lint; as objects a document takes some 4.5 times its pickle: this is about
130 documents the size of the example)."""
LIVE_BYTES = 400
"""Bytes a document takes for each of its rows, cells and lines (about 330 in the corpus)."""


class Keeper:
    """The room a run has for the documents it keeps: each as read while ``LIVE_LIMIT`` allows, then
    pickled while ``KEEP_LIMIT`` allows, then none (its meta only)."""

    def __init__(self):
        self.room, self.live = KEEP_LIMIT, LIVE_LIMIT

    def keep(self, kept: Kept) -> Kept:
        document = kept.document
        if isinstance(document, AsRead):
            if document.size <= min(self.room, self.live):
                self.room, self.live = self.room - document.size, self.live - document.size
                return kept
            kept.document = document.pickled()
        if kept.document is not None and (room := self.room - len(kept.document)) >= 0:
            self.room = room
        else:
            kept.document = None
        return kept


def lint_keeping(path: str, options: Options) -> tuple[DocumentReport, Kept | None]:
    """``lint_path``, keeping what the pairing needs of the document it reads (None if unread)."""
    from .engine import lint_path

    kept: list[Kept] = []

    def seen(document: Document) -> None:
        kept.append(Kept(meta_of(document), AsRead(document)))

    report = lint_path(path, options, on_read=seen)
    return report, (kept[0] if kept else None)


def _meta(path: str) -> Meta | None:
    """Department, year and stage of an input (None if it cannot be read); the document is not kept."""
    try:
        return meta_of(read_document(path))
    except ReadError:
        return None


def pairs(paths: list[str], previous: str | None = None) -> dict[str, str]:
    """Later path → earlier path, each input read for its meta (see ``pair``)."""
    metas = {p: m for p in paths if (m := _meta(p)) is not None}
    earlier = None
    if previous is not None and (earlier := _meta(previous)) is None:
        raise ReadError(f"{previous}: cannot be read as last year's document")
    return pair(metas, previous, earlier)


def pair(metas: dict[str, Meta], previous: str | None = None, earlier: Meta | None = None) -> dict[str, str]:
    """Later path → earlier path. With ``previous`` (whose meta is ``earlier``) every input is paired
    with it unless both departments are known and differ; otherwise each input is paired with the one
    input of the same department and stage a year earlier."""
    if previous is not None:
        assert earlier is not None
        return {
            p: previous
            for p, m in metas.items()
            if p != previous and not (m[0] and earlier[0] and m[0] != earlier[0])
        }
    by_meta: dict[Meta, list[str]] = {}
    for path, meta in metas.items():
        by_meta.setdefault(meta, []).append(path)
    found: dict[str, str] = {}
    for path, (department, year, stage) in metas.items():
        if department is None or year is None:
            continue
        candidates = by_meta.get((department, year - 1, stage), [])
        if len(candidates) == 1:
            found[path] = candidates[0]
    return found


CROSS_YEAR_KINDS = {"previous_year", "previous_year_table"}
"""The check kinds that read last year's document (``Context.previous``)."""


def cross_check(
    reports: list[DocumentReport],
    options_for: Callable,
    previous: str | None = None,
    kept: dict[str, Kept] | None = None,
) -> list[DocumentReport]:
    """Each report with the findings of its document against last year's appended (in source order).
    ``kept``: what the run kept of the inputs it read (``lint_keeping``); an input without it is read
    here."""
    from .checks import CHECK_KINDS, Context
    from .engine import _select

    readable = [r.path for r in reports if r.error is None]
    if previous is None and len(readable) < 2:
        return reports
    kept = dict(kept or {})
    for path in readable:
        if path not in kept and (meta := _meta(path)) is not None:
            kept[path] = Kept(meta, None)
    metas = {p: kept[p].meta for p in readable if p in kept}
    earlier_document = earlier_meta = None
    if previous is not None:
        try:
            earlier_document = read_document(previous)
        except ReadError:
            raise ReadError(f"{previous}: cannot be read as last year's document") from None
        earlier_meta = meta_of(earlier_document)
    matched = pair(metas, previous, earlier_meta)
    for report in reports:
        if report.path not in matched:
            continue
        earlier_path = matched[report.path]
        document = kept[report.path].read(report.path)
        earlier = earlier_document if previous is not None else kept[earlier_path].read(earlier_path)
        options = options_for(report.path)
        ctx = Context(
            document, lang=options.lang, tolerance=options.tolerance, previous=(earlier_path, earlier)
        )
        found: list[Violation] = []
        for rule in options.rules:
            if rule.check in CROSS_YEAR_KINDS:
                found.extend(CHECK_KINDS[rule.check](rule, ctx))
        report.violations = sorted(report.violations + _select(found, options), key=Violation.sort_key)
    return reports

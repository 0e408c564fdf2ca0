"""The contents (目录) against the document: a table the contents list that the document does not print.

A contents entry is a narrative line that names a table kind and ends in 表, standing in a list of such
lines (the reader took the table titles themselves as tables, so what is left in the narrative is the
contents). An entry is printed when a table of its kind, or of its very title, was recognised, read or
not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..findings import Violation
from ..model import NarrativeLine, Row, Table
from ..recognise import squash, strip_numbering, table_kind
from ..rules import Rule
from .base import Context, violation

_ENTRY_END = re.compile(r"表([(（][^)）]{1,8}[)）])?$")
_PAGE = re.compile(r"\d+[.…·\s]*")
r"""A page number and the leaders before it, matched on the title reversed: ``[.…·\s]*\d+$`` forward is
tried from every character of a row of leaders."""


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """No table: ``run`` reads codes, names and titles, never a cell (see ``placement``)."""
    return []


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    document = ctx.document
    if not any(table.rows for table in document.tables):
        # no table at all (BL006 says so), or only titles without a row: the narrative part of a
        # disclosure published as two files, its contents listing the tables of the other
        return
    kinds = {table.kind for table in document.tables if table.kind}
    titles = {squash(table.title) for table in document.tables}
    for line, title, kind in contents(document.narrative):
        if kind in kinds or title in titles:
            continue
        message = ctx.zh_en(
            f"目录列有「{title}」，但文件中没有这张表",
            f"The contents list {title}, but the document does not print that table",
        )
        entry = Row(label=title, source=line.source)
        found = violation(rule, ctx, document.tables[0], entry, None, None, message, [])
        yield replace(found, table="目录", table_title="")


def contents(narrative: list[NarrativeLine]) -> list[tuple[NarrativeLine, str, str]]:
    """(line, title, kind) of each entry of the contents: runs of two or more table titles."""
    entries = [(line, *_entry(line.text)) for line in narrative]
    found: list[tuple[NarrativeLine, str, str]] = []
    run: list[tuple[NarrativeLine, str, str]] = []
    for line, title, kind in [*entries, (None, None, None)]:
        if kind is not None:
            run.append((line, title, kind))
            continue
        if run and line is not None and not squash(line.text):
            continue  # a blank line within a run
        if len(run) >= 2:
            found += run
        run = []
    return found


def _entry(text: str) -> tuple[str | None, str | None]:
    if "表" not in text:  # most lines: nothing NFKC maps to 表
        return None, None
    title = strip_numbering(text)
    if page := _PAGE.match(title[::-1]):  # squashed: no line break for $ to stop before
        title = title[: -page.end()]
    if len(title) > 48 or not _ENTRY_END.search(title):
        return None, None
    kind = table_kind(title)
    return (title, kind) if kind else (None, None)

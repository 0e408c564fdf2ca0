"""Reports: one violation model (``model.py``) and one emitter per output format.

Every emitter is a module with ``render(report, options) -> str`` (and ``chunks``, the same text in
parts, where a report can be too long to hold as one string: the JSON emitters give their serialiser's
UTF-8 bytes as they are, never decoded and encoded again); they are imported only when chosen, so that
``budget-lint --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..findings import Report, Summary
    from ..model import Source

FORMATS: dict[str, str] = {
    "full": "full",
    "concise": "concise",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html",
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    fail_on: str = "error"
    """The least severe finding that fails the run: emitters that know pass/fail (junit) follow it."""
    width: int = 100
    """Width of the full report when it is not printed on a terminal."""


def render(report: Report, fmt: str, options: RenderOptions) -> str:
    return import_module(f"{__name__}.{FORMATS[fmt]}").render(report, options)


def chunks(report: Report, fmt: str, options: RenderOptions) -> Iterable[str | bytes]:
    """The text of ``render``, in the parts the emitter writes it in (one when it has no ``chunks``)."""
    emitter = import_module(f"{__name__}.{FORMATS[fmt]}")
    if hasattr(emitter, "chunks"):
        return emitter.chunks(report, options)
    return [emitter.render(report, options)]


BATCH = 1000
"""Findings (or lines) per part of a report written in parts (a long table's report: 300,000 findings)."""
_T = TypeVar("_T")


def batches(items: Iterable[_T]) -> Iterator[list[_T]]:
    """``items`` a ``BATCH`` at a time."""
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def json_items(lists: Iterable[bytes], depth: int) -> Iterator[bytes]:
    """The items of one JSON list written in parts: each part a list serialised with ``indent=2``,
    its brackets dropped and its lines moved ``depth`` spaces in (a JSON string holds no line break),
    the parts joined by commas. Nothing when there are no parts."""
    margin = b"\n" + b" " * depth
    for i, text in enumerate(lists):
        yield (b"," if i else b"") + text[1:-2].replace(b"\n", margin)


def t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def fails(severity: str, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails the run under ``--fail-on``."""
    return severity == "error" or (fail_on == "warning" and severity == "warning")


def display_path(path: str) -> str:
    """A path for annotations and SARIF: relative to the working folder when it lies inside it, with
    forward slashes, so that it names the same file on every machine."""
    given = Path(path)
    if given.is_absolute():
        try:
            given = given.relative_to(Path.cwd())
        except ValueError:
            pass
    return given.as_posix()


def location(path: str, source: Source) -> str:
    """``doc.txt:342``, ``doc.pdf:page 3``, ``doc.xlsx:Sheet1!C7`` (ruff's ``nb.ipynb:cell 1:2`` style)."""
    if source.line:
        return f"{path}:{source.line}"
    if source.sheet or source.cell:
        return f"{path}:{source.sheet or ''}{'!' if source.sheet and source.cell else ''}{source.cell or ''}"
    if source.page:
        return f"{path}:page {source.page}"
    return path


def summary_line(summary: Summary, lang: str) -> str:
    s = summary
    unreadable = (
        t(lang, f"，{s.unreadable} 个无法读取", f", {s.unreadable} unreadable") if s.unreadable else ""
    )
    return (
        t(
            lang,
            f"{s.documents} 个文件：{s.errors} 个错误，{s.warnings} 个警告，{s.infos} 条提示",
            f"{s.documents} document(s): {s.errors} error(s), {s.warnings} warning(s), {s.infos} info(s)",
        )
        + unreadable
    )


def severity_word(severity: str, lang: str) -> str:
    return {
        "error": t(lang, "错误", "error"),
        "warning": t(lang, "警告", "warning"),
        "info": t(lang, "提示", "info"),
    }[severity]

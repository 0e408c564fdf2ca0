"""Many documents per run: folders searched recursively, documents linted in parallel processes when
asked (results in input order, so the output is byte-identical to a serial run), and a progress bar on
stderr once a run on a terminal has lasted a while."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .engine import Options
    from .findings import DocumentReport
    from .previous_year import Kept

INPUT_SUFFIXES = {".txt", ".pdf", ".xlsx", ".xlsm", ".xls", ".yaml", ".yml", ".json"}
"""What a folder is searched for: the forms budget-lint reads."""
_PART = re.compile(r"^(?P<stem>.+)_part(?P<n>\d+)\.pdf$", re.IGNORECASE)
PROGRESS_AFTER = 1.0
"""Seconds a run lasts before its progress bar appears (a short run shows none)."""


def expand(paths: tuple[str, ...] | list[str], skipped: list[str] | None = None) -> list[str]:
    """Files as given; folders searched recursively for inputs, in name order (the other files they
    hold are added to ``skipped``; the ``~$book.xlsx`` lock files Excel leaves beside an open workbook
    are passed over). The parts of a disclosure published as several PDFs
    (``x_part1.pdf``, ``x_part2.pdf`` in one folder) become one input, ``x_part1.pdf+x_part2.pdf``,
    read as one document."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("~$")]
            inputs = [str(p) for p in files if p.suffix.lower() in INPUT_SUFFIXES]
            if skipped is not None:
                skipped += [str(p) for p in files if p.suffix.lower() not in INPUT_SUFFIXES]
            found += inputs or [given]  # a folder with nothing to read is reported, not passed over
        else:
            found.append(given)
    return _join_parts(found)


def _join_parts(files: list[str]) -> list[str]:
    parts: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for file in files:
        if match := _PART.match(Path(file).name):
            parts.setdefault((str(Path(file).parent), match["stem"]), []).append((int(match["n"]), file))
    joined: list[str] = []
    for file in files:
        match = _PART.match(Path(file).name)
        if match is None:
            joined.append(file)
        elif (group := parts[(str(Path(file).parent), match["stem"])])[0][1] == file:
            joined.append("+".join(f for _, f in sorted(group)))
    return joined


def lint_all(
    paths: list[str],
    options_for: Callable[[str], Options],
    jobs: int = 1,
    progress: Console | None = None,
    kept: dict[str, Kept] | None = None,
) -> list[DocumentReport]:
    """Lint every path, in ``jobs`` processes (0: one per core); ``progress`` is the console for the bar.
    With ``kept``, what the cross-year pairing needs of each document read is put there (see
    previous_year.py), so that the pairing reads no input again: each document as read is kept while
    the ``Keeper``'s room allows, its meta always."""
    from .engine import lint_path
    from .previous_year import Keeper, lint_keeping

    lint = lint_path if kept is None else lint_keeping
    keeper = Keeper()
    options = [options_for(p) for p in paths]
    jobs = min(jobs or os.cpu_count() or 1, len(paths))
    pool = None
    if jobs > 1:  # multiprocessing is imported only for a pool: a serial run does without it
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
    bar = Bar(len(paths), progress)
    try:
        jobs_in_order = list(zip(paths, options, strict=True))
        if pool is None:
            results = [partial(lint, p, o) for p, o in jobs_in_order]
        else:
            results = [pool.submit(lint, p, o).result for p, o in jobs_in_order]
        reports = []
        for (path, option), result in zip(jobs_in_order, results, strict=True):
            report = _within_boundary(path, result, option, lint, pooled=pool is not None)
            if isinstance(report, tuple):
                report, read = report
                if read is not None and kept is not None:
                    kept[path] = keeper.keep(read)
            reports.append(report)
            bar.advance()
        return reports
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _within_boundary(
    path: str, result: Callable, options: Options, lint: Callable, pooled: bool
) -> DocumentReport | tuple:
    """``lint_path`` keeps its failures in the report; what escapes it here is a worker process that
    died (killed for memory, or by a crash in a native library). That breaks the pool for every document
    still pending in it, so each of those is linted again in a process of its own: only the document that
    kills its process is reported so. A serial run (not ``pooled``) has no pool to break and does without
    importing concurrent.futures."""
    from .engine import internal_error
    from .findings import DocumentReport

    broken: tuple[type[Exception], ...] = ()
    if pooled:
        from concurrent.futures import BrokenExecutor

        broken = (BrokenExecutor,)
    try:
        return result()
    except broken:  # a process pool's: BrokenProcessPool
        from concurrent.futures import ProcessPoolExecutor

        try:
            with ProcessPoolExecutor(max_workers=1) as alone:
                return alone.submit(lint, path, options).result()
        except broken:
            return DocumentReport(
                path=path, error="internal error, not checked (the process checking it died)"
            )
    except Exception as exc:
        return DocumentReport(path=path, error=internal_error(exc))


def terminal_console() -> Console | None:
    """A console on stderr when stderr is a terminal, for the progress bar; else None."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True)


class Bar:
    """A transient progress bar that appears only once the run has lasted ``PROGRESS_AFTER`` seconds."""

    def __init__(self, total: int, console: Console | None, after: float = PROGRESS_AFTER):
        self.total, self.console, self.after = total, console, after
        self.done = 0
        self.start = time.monotonic()
        self.progress = None
        self.task = None

    def advance(self) -> None:
        self.done += 1
        if self.console is None or self.done >= self.total:
            return
        if self.progress is None and time.monotonic() - self.start >= self.after:
            from rich.progress import Progress

            self.progress = Progress(console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("budget-lint", total=self.total)
        if self.progress is not None:
            self.progress.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=self.done)
            self.progress.stop()

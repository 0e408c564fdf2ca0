"""Many documents per run: folders searched recursively, documents linted in parallel processes when
asked (results in input order, so the output is byte-identical to a serial run), and a progress bar on
stderr once a run on a terminal has lasted a while."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .engine import Options
    from .report.model import DocumentReport

INPUT_SUFFIXES = {".txt", ".pdf", ".xlsx", ".xlsm", ".xls", ".yaml", ".yml", ".json"}
"""What a folder is searched for: the forms budget-lint reads."""
_PART = re.compile(r"^(?P<stem>.+)_part(?P<n>\d+)\.pdf$", re.IGNORECASE)
PROGRESS_AFTER = 1.0
"""Seconds a run lasts before its progress bar appears (a short run shows none)."""


def expand(paths: tuple[str, ...] | list[str]) -> list[str]:
    """Files as given; folders searched recursively for inputs, in name order (not the ``~$book.xlsx``
    lock files Excel leaves beside an open workbook). The parts of a disclosure published as several
    PDFs (``x_part1.pdf``, ``x_part2.pdf`` in one folder) become one input, ``x_part1.pdf+x_part2.pdf``,
    read as one document."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inputs = [
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith("~$")
            ]
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
) -> list[DocumentReport]:
    """Lint every path, in ``jobs`` processes (0: one per core); ``progress`` is the console for the bar."""
    from concurrent.futures import ProcessPoolExecutor

    from .engine import lint_path

    options = [options_for(p) for p in paths]
    jobs = min(jobs or os.cpu_count() or 1, len(paths))
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    bar = Bar(len(paths), progress)
    try:
        reports = []
        for report in (pool.map if pool else map)(lint_path, paths, options):
            reports.append(report)
            bar.advance()
        return reports
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)


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

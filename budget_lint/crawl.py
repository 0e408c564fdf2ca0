"""A national crawl on a cluster: ``lint_path`` mapped over many documents by Dask, one JSON report per
document, resumable.

``lint_path`` is a pure function of a path and its options, and its ``DocumentReport`` pickles, so any
engine that maps a function over a list can run it; no scheduler of our own. Each document's report is
written to ``OUT/<name>-<hash of the path>.json`` (the JSON contract, one document) through a temporary
file renamed into place, so a crawl stopped at any point and started again skips the documents whose
report exists and redoes only the others. Needs the ``cluster`` extra (``pip install
'budget-lint[cluster]'``)::

    from dask.distributed import Client
    from budget_lint.crawl import lint_crawl

    with Client("tcp://scheduler:8786") as client:  # or Client() for the cores of this machine
        lint_crawl(paths, "reports/", client)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Options


def report_file(out: str | Path, path: str) -> Path:
    """Where the report of ``path`` goes: its name plus a hash of the whole path (two folders may hold
    files of the same name)."""
    digest = hashlib.sha256(path.encode()).hexdigest()[:12]
    return Path(out) / f"{Path(path.split('+')[0]).stem}-{digest}.json"


def lint_to_file(path: str, out: str | Path, options: Options | None = None) -> str:
    """Lint one input and write its JSON report, unless that report is already there. Returns the
    report's file."""
    from . import __version__
    from .engine import lint_path
    from .findings import Report
    from .report.json_report import render

    target = report_file(out, path)
    if not target.exists():
        text = render(Report.of(__version__, [lint_path(path, options)]))
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return str(target)


def lint_crawl(paths: list[str], out: str | Path, client=None, options: Options | None = None) -> list[str]:
    """Map ``lint_to_file`` over ``paths`` with ``dask.bag``: on ``client``'s cluster when given, else
    in local processes. Returns the report files in input order."""
    import dask.bag as db

    Path(out).mkdir(parents=True, exist_ok=True)
    bag = db.from_sequence(paths, npartitions=max(1, min(len(paths), 64))).map(
        lint_to_file, str(out), options
    )
    return bag.compute(**({"scheduler": client} if client is not None else {"scheduler": "processes"}))

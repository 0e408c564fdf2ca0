"""Lint every real PDF disclosure in one budget-lint run and compare with poppler's text extraction.

Measured in the same run: the CPU time (user + system, of the process and its children: the machine
is shared, so wall time says little) of one ``budget-lint check`` run over all the documents (a
disclosure published as several PDFs is passed as ``part1.pdf+part2.pdf``), serial and with
``--jobs 2`` (whose output must be byte-identical), and the summed CPU times of ``pdftotext -layout``
over the same files. Then, per document, the in-process CPU time of ``lint_path`` (read, place, check)
and its pages per CPU second. A measurement, not a test: nothing here asserts a time.

Usage: python benchmarks/lint_pdfs.py [FOLDER]      (default ../shared/realdocs/pdf)
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budget_lint.engine import lint_path  # noqa: E402
from budget_lint.readers.pdf_layout import extract_pages  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "realdocs" / "pdf"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def documents(folder: Path) -> list[str]:
    """One input per disclosure: ``x_part1.pdf+x_part2.pdf`` for multi-part ones."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(folder.glob("*.pdf")):
        groups[re.sub(r"_part\d+$", "", path.stem)].append(path)
    return ["+".join(str(p) for p in parts) for parts in groups.values()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    folder = parser.parse_args().folder
    inputs = documents(folder)
    files = [Path(p) for doc in inputs for p in doc.split("+")]
    executable = shutil.which("budget-lint") or str(Path(sys.executable).with_name("budget-lint"))

    runs = {}
    for jobs in (1, 2):
        start = child_cpu()
        run = subprocess.run(
            [executable, "check", *inputs, "--format", "json", "--jobs", str(jobs)], capture_output=True
        )
        runs[jobs] = (child_cpu() - start, run.returncode, run.stdout)
    assert runs[1][2] == runs[2][2], "--jobs 2 must print what a serial run prints"

    poppler_seconds = 0.0
    if shutil.which("pdftotext"):
        for path in files:
            start = child_cpu()
            subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
            poppler_seconds += child_cpu() - start

    print(f"{'document':52} {'pages':>5} {'seconds':>8} {'pages/s':>8}")
    total_pages = 0
    for doc in inputs:
        pages = sum(len(extract_pages(p)) for p in doc.split("+"))
        start = time.process_time()
        report = lint_path(doc)
        seconds = time.process_time() - start
        total_pages += pages
        name = " + ".join(Path(p).name for p in doc.split("+"))
        flag = f"  ({report.error})" if report.error else ""
        print(f"{name[:52]:52} {pages:5d} {seconds:8.3f} {pages / seconds:8.1f}{flag}")
    print(f"\n{len(inputs)} documents, {len(files)} PDF files, {total_pages} pages; exit status {runs[1][1]}")
    for jobs, (seconds, _, _) in runs.items():
        ratio = f", {seconds / poppler_seconds:.2f} × pdftotext" if poppler_seconds else ""
        print(
            f"budget-lint check --jobs {jobs}, one run over all: {seconds:.2f} s cpu "
            f"({total_pages / seconds:.1f} pages/s){ratio}"
        )
    if poppler_seconds:
        print(f"pdftotext -layout, summed over the files: {poppler_seconds:.2f} s cpu")
    else:
        print("pdftotext not installed (apt-get install poppler-utils): no ratio")


if __name__ == "__main__":
    main()

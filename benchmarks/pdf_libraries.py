"""Time budget_lint's PDF layer against pdftotext and pdfplumber on a folder of PDFs.

For every PDF: the CPU time (user + system; the machine is shared, so wall time says little) of
``budget_lint.readers.pdf_layout.extract_pages``, of ``pdftotext -layout`` (poppler-utils, run as a process
as a user would: its children's CPU time) and of pdfplumber ``extract_words`` over all pages, each with its
page count and pages per second, then totals and the ratio of our time to pdftotext's. A tool that is not
installed is left out. pdfplumber is only a yardstick here, not a dependency.

Usage: python benchmarks/pdf_libraries.py [FOLDER] [--repeat N]   (best of N runs per file and tool)
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from budget_lint.readers.pdf_layout import extract_pages

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "realdocs" / "pdf"


def run_ours(path: Path) -> int:
    return len(extract_pages(path))


def run_pdftotext(path: Path) -> int:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.count(b"\f")


def run_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
        return len(pdf.pages)


def cpu_time() -> float:
    """CPU seconds of this process and of its finished children."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def best_time(tool: Callable[[Path], int], path: Path, repeat: int) -> tuple[int, float]:
    """Page count and the shortest CPU time of ``repeat`` runs: the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        start = cpu_time()
        pages = tool(path)
        times.append(cpu_time() - start)
    return pages, min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--repeat", type=int, default=1, help="runs per file and tool; the best counts")
    args = parser.parse_args()

    tools: dict[str, Callable[[Path], int]] = {"budget_lint": run_ours}
    if shutil.which("pdftotext"):
        tools["pdftotext"] = run_pdftotext
    else:
        print("pdftotext not found (apt-get install poppler-utils): left out")
    if importlib.util.find_spec("pdfplumber"):
        tools["pdfplumber"] = run_pdfplumber
    else:
        print("pdfplumber not installed: left out")

    files = sorted(args.folder.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDF files in {args.folder}")
    for tool in tools.values():  # load the libraries before timing anything
        tool(files[0])

    name_width = max(len(f.name) for f in files)
    header = f"{'file':<{name_width}}  {'pages':>5}"
    header += "".join(f"  {name + ' s':>14}  {'pages/s':>8}" for name in tools)
    print(header)
    print("-" * len(header))
    totals = {name: [0, 0.0] for name in tools}
    for path in files:
        row = f"{path.name:<{name_width}}"
        for index, (name, tool) in enumerate(tools.items()):
            pages, seconds = best_time(tool, path, args.repeat)
            totals[name][0] += pages
            totals[name][1] += seconds
            if index == 0:
                row += f"  {pages:>5}"
            row += f"  {seconds:>14.3f}  {pages / seconds:>8.1f}"
        print(row, flush=True)
    print("-" * len(header))
    row = f"{'total':<{name_width}}  {totals['budget_lint'][0]:>5}"
    for pages, seconds in totals.values():
        row += f"  {seconds:>14.3f}  {pages / seconds:>8.1f}"
    print(row)
    print()
    print(f"{len(files)} files, best of {args.repeat} run(s) each")
    for name, (pages, seconds) in totals.items():
        print(f"{name:>12}: {pages} pages in {seconds:.2f} s = {pages / seconds:.1f} pages/s")
    if "pdftotext" in totals:
        ratio = totals["budget_lint"][1] / totals["pdftotext"][1]
        print(f"budget_lint / pdftotext time ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()

"""Change one printed amount of a workbook at a time and see where the error lands.

For every non-zero amount cell of the workbook's tables (or those of the sheets named), the cell is
raised by DELTA in a copy, the copy is linted, and the run counts the copies with an error at that very
cell, an error elsewhere only, or no error. A benchmark script, not a test (one lint per cell):

    .venv/bin/python benchmarks/workbook_mutations.py [BOOK.xlsx] [--sheet NAME ...] [--delta 27]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budget_lint.engine import lint_path  # noqa: E402
from budget_lint.readers import read_document  # noqa: E402

DEFAULT = ROOT / "tests" / "fixtures" / "workbooks" / "01_shpt_sfj_2026_dept_budget.xlsx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sheet", action="append", help="only the tables of this sheet (repeatable)")
    parser.add_argument("--delta", type=Decimal, default=Decimal(27))
    args = parser.parse_args()
    document = read_document(args.book)
    targets = [
        cell.source
        for table in document.tables
        if not table.unread and (args.sheet is None or table.source.sheet in args.sheet)
        for row in table.rows
        for cell in row.cells
        if cell.printed and cell.amount and cell.source.cell
    ]
    targets = list(dict.fromkeys(targets))
    outcome: Counter = Counter()
    missed = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / args.book.name
        for n, source in enumerate(targets, 1):
            book = openpyxl.load_workbook(args.book)
            cell = book[source.sheet][source.cell]
            cell.value = float(Decimal(repr(cell.value)) + args.delta)
            book.save(copy)
            errors = [v for v in lint_path(str(copy)).violations if v.severity == "error"]
            kind = (
                "at the cell"
                if any(v.source == source for v in errors)
                else "elsewhere"
                if errors
                else "none"
            )
            outcome[kind] += 1
            if kind != "at the cell":
                missed.append((source.sheet, source.cell, kind))
            print(f"\r{n}/{len(targets)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    print(
        f"{args.book.name}: {len(targets)} cells +{args.delta}: "
        + ", ".join(f"{k} {v}" for k, v in outcome.items())
    )
    for sheet, cell, kind in missed:
        print(f"  {sheet}!{cell}: {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""100 copies of the example (flattened text) in one ``budget-lint check`` run: documents per CPU second
(user time, median of three runs), against the issue's target of 50 documents/s/core.

Copy N starts with N blank lines: the same text, every line at another place, so that nothing kept for
one document (the narrative cache, for the cross-year pairing, is keyed on the lines and their sources)
can serve another; a run of distinct documents costs what this measures.

Usage: python benchmarks/example_copies.py [COPIES]      (BASELINE=DIR: another checkout)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BUDGET_LINT, ROOT, label, median

TARGET = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("copies", nargs="?", type=int, default=100)
    copies = parser.parse_args().copies
    example = ROOT / "examples" / "chongqing-beibei-hrss-2023-budget.txt"
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        text = example.read_text(encoding="utf-8")
        for n in range(copies):
            path = Path(folder) / f"copy{n:03d}.txt"
            path.write_text("\n" * n + text, encoding="utf-8")
            paths.append(str(path))
        user, mb = median([BUDGET_LINT, "check", "--format", "json", *paths])
    rate = copies / user
    print(f"{label()}: {copies} copies of the example, one run: {user:.2f} s user, {mb:.0f} MB peak")
    each = user / copies * 1000
    print(f"{rate:.1f} documents/s/core ({each:.0f} ms each); {rate / TARGET:.2f} × the target")


if __name__ == "__main__":
    main()

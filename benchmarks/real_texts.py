"""Each real text disclosure (../shared/realdocs/*.txt) linted alone, user CPU time of the whole
process: the slowest (the issue's realdocs 28, a 30-page 决算, must take at most 1 s, and no document
more than 2 s), and the whole set in one run against the sum of the single runs.

Usage: python benchmarks/real_texts.py [FOLDER]      (BASELINE=DIR: another checkout)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BUDGET_LINT, ROOT, label, measure, median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "realdocs")
    folder = parser.parse_args().folder
    paths = sorted(folder.glob("*.txt"))
    print(f"{label()}")
    print(f"{'document':48} {'user s':>7} {'MB':>5}")
    times = {}
    for path in paths:
        user, mb = measure([BUDGET_LINT, "check", "--format", "json", str(path)])
        times[path.name] = user
        print(f"{path.name[:48]:48} {user:7.2f} {mb:5.0f}")
    slowest = max(times, key=times.get)
    together, mb = median([BUDGET_LINT, "check", "--format", "json", *map(str, paths)])
    print(f"\nslowest: {slowest} {times[slowest]:.2f} s user ({times[slowest] / 1.0:.2f} × the 1 s target)")
    print(f"all {len(paths)} in one run: {together:.2f} s user, {mb:.0f} MB", end=" ")
    print(f"(sum of single runs {sum(times.values()):.2f} s)")


if __name__ == "__main__":
    main()

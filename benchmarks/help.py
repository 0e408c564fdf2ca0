"""``budget-lint --help`` against ``python -c "import pydantic, click, rich"``, user CPU time, median of
five runs each, in the same run: the command line must cost no more than importing its three
dependencies.

Usage: python benchmarks/help.py      (BASELINE=DIR: another checkout)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BUDGET_LINT, label, median


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    ours, our_mb = median([BUDGET_LINT, "--help"], runs=5)
    imports, import_mb = median([sys.executable, "-c", "import pydantic, click, rich"], runs=5)
    print(f"{label()}: budget-lint --help {ours:.3f} s user, {our_mb:.0f} MB")
    print(f"python -c 'import pydantic, click, rich' {imports:.3f} s user, {import_mb:.0f} MB")
    print(f"ratio {ours / imports:.2f}")


if __name__ == "__main__":
    main()

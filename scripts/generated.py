"""What the build scripts share: write the file each generates, or with ``--check`` say if it is current."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(target: Path, text: str, script: str) -> int:
    """Write ``text`` to ``target``; with ``--check`` on the command line, write nothing and exit 1 (naming
    ``script`` to run) if ``target`` does not hold it."""
    if "--check" not in sys.argv[1:]:
        target.write_text(text, encoding="utf-8")
        return 0
    if (target.read_text(encoding="utf-8") if target.exists() else "") == text:
        return 0
    print(f"{target.relative_to(ROOT)} is not up to date: run python scripts/{script}", file=sys.stderr)
    return 1

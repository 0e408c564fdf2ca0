"""Rebuild rules/packs.json from the YAML files of rules/ (the built-in rule packs and the vocabulary): each
file's data as parsed, by the SHA-256 of its text. ``rules.parsed`` takes a file's data from there when it
holds the digest of the file's text, else parses its YAML (see ``rules.COMPILED``). A pack that does not
validate is not built: the built-in rules are taken from the JSON without validating their parameters again.

    python scripts/build_rulepacks.py          # writes the JSON
    python scripts/build_rulepacks.py --check  # exits 1 if the JSON is not up to date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generated import write_or_check

from budget_lint.rules import COMPILED, digest, load_pack, parse

FOLDER = Path(__file__).resolve().parent.parent / "rules"


def build() -> str:
    files = {}
    for path in sorted(FOLDER.glob("*.yaml")):
        load_pack(path)  # RulePackError: the pack is to be fixed first
    for path in sorted([*FOLDER.glob("*.yaml"), *FOLDER.glob("vocabulary/*.yaml")]):
        text = path.read_text(encoding="utf-8")
        files[digest(text)] = {"file": path.relative_to(FOLDER).as_posix(), "data": parse(text)}
    return json.dumps(files, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    return write_or_check(FOLDER / COMPILED, build(), "build_rulepacks.py")


if __name__ == "__main__":
    sys.exit(main())

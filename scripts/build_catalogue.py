"""Rebuild budget_lint/catalogue/catalogue.json from the transcribed sources in scripts/catalogue_sources/.

Each source file is one public transcription of (part of) the Ministry of Finance's 《政府收支分类科目》:
header lines ``# url:``, ``# title:``, ``# classification:`` (function | economic_dept | economic_gov),
``# year:`` and optionally ``# complete:`` (parent codes whose children the source lists in full), then one
``code name`` per line. Every entry keeps the source it came from. The real disclosures are never a
source: they are what the catalogue is tested against.

    python scripts/build_catalogue.py          # writes the JSON
    python scripts/build_catalogue.py --check  # exits 1 if the JSON is not up to date
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from generated import ROOT, write_or_check

SOURCES = ROOT / "scripts" / "catalogue_sources"
TARGET = ROOT / "budget_lint" / "catalogue" / "catalogue.json"
CLASSIFICATIONS = {"function", "economic_dept", "economic_gov"}
YEARS = range(2014, 2027)
"""The years the corpus spans: a year without a source is listed as such in the data."""
_ENTRY = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+(\S.*)$")


def read_source(path: Path) -> dict:
    header: dict[str, str] = {}
    entries: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if m := re.match(r"#\s*(url|title|classification|year|complete):\s*(.+)$", line):
                header[m.group(1)] = m.group(2).strip()
            continue
        m = _ENTRY.match(line.strip())
        if not m:
            raise SystemExit(f"{path.name}:{number}: not 'code name': {line!r}")
        entries.append((m.group(1), m.group(2).strip()))
    missing = {"url", "title", "classification", "year"} - header.keys()
    if missing:
        raise SystemExit(f"{path.name}: header lacks {', '.join(sorted(missing))}")
    if header["classification"] not in CLASSIFICATIONS:
        raise SystemExit(f"{path.name}: unknown classification {header['classification']!r}")
    complete = header.get("complete", "").split()
    for parent in complete:
        if not any(code.startswith(parent) and code != parent for code, _ in entries):
            raise SystemExit(f"{path.name}: complete parent {parent} has no children listed")
    return {"header": header, "entries": entries, "complete": complete}


def build() -> dict:
    sources = []
    versions: dict[str, dict[str, dict]] = {}
    for path in sorted(SOURCES.glob("*.txt")):
        source = read_source(path)
        header = source["header"]
        sid = path.stem
        sources.append({"id": sid, "url": header["url"], "title": header["title"]})
        version = versions.setdefault(header["classification"], {}).setdefault(
            header["year"], {"entries": {}, "complete": []}
        )
        for code, name in source["entries"]:
            known = version["entries"].get(code)
            if known and known["name"] != name:
                raise SystemExit(
                    f"{path.name}: {code} is '{name}' but '{known['name']}' in {known['sources'][0]}"
                )
            entry = version["entries"].setdefault(code, {"name": name, "sources": []})
            entry["sources"].append(sid)
        version["complete"] = sorted(set(version["complete"]) | set(source["complete"]))
    for by_year in versions.values():
        for version in by_year.values():
            version["entries"] = dict(sorted(version["entries"].items()))
    missing = {
        kind: [year for year in YEARS if str(year) not in versions.get(kind, {})]
        for kind in sorted(CLASSIFICATIONS)
    }
    return {
        "note": "Built by scripts/build_catalogue.py from scripts/catalogue_sources/; do not edit by hand. "
        "Coverage is partial: a code absent here says nothing; 'complete' lists the parents whose children "
        "a source gives in full. 'no_source' lists the years for which no source was found: they use the "
        "nearest year's version.",
        "no_source": missing,
        "sources": sources,
        "versions": {k: dict(sorted(v.items())) for k, v in sorted(versions.items())},
    }


def main() -> int:
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    return write_or_check(TARGET, text, "build_catalogue.py")


if __name__ == "__main__":
    sys.exit(main())

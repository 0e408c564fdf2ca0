"""``--statistics``: how many findings of each rule, most frequent first (ruff's ``--statistics``)."""

from __future__ import annotations

import json
from collections import Counter

from ..findings import Report


def counts(report: Report) -> list[tuple[str, str, int]]:
    found = Counter((v.code, v.name) for d in report.documents for v in d.violations)
    return [(code, name, n) for (code, name), n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))]


FORMATS = {"full": "text", "concise": "text", "github": "text", "json": "json", "markdown": "markdown"}
"""How each output format carries the statistics; SARIF and JUnit have no place for them."""


def render(report: Report, fmt: str = "full") -> str:
    rows = counts(report)
    form = FORMATS[fmt]
    if form == "json":
        data = [{"code": code, "name": name, "count": n} for code, name, n in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if form == "markdown":
        lines = ["| count | code | name |", "| ---: | --- | --- |"]
        return "\n".join(lines + [f"| {n} | `{code}` | {name} |" for code, name, n in rows]) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {code}  {name}\n" for code, name, n in rows)

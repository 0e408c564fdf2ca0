"""The findings of every input the speed work must not change, one JSON line each: the example, every
real text and PDF disclosure, the workbooks, generated tables (benchmarks/scale.py) and the example's
mutation cases (tables and narrative). Run it on two checkouts and compare the outputs byte for byte:

    .venv/bin/python scripts/findings_snapshot.py > after.jsonl
    PYTHONPATH=/path/to/other/checkout .venv/bin/python scripts/findings_snapshot.py > before.jsonl
    cmp before.jsonl after.jsonl

``--quick`` leaves out the mutation cases (the slow part).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path[1:1] = [str(HERE / "tests"), str(HERE / "benchmarks")]

import scale  # noqa: E402
from mutations import EXAMPLE, mutations  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402
from test_narrative_mutation import mutations as narrative_mutations  # noqa: E402

from budget_lint.engine import Options, lint_document, lint_path  # noqa: E402
from budget_lint.findings import Violation  # noqa: E402
from budget_lint.readers.flat_text import read_flat  # noqa: E402

SHARED = HERE.parent / "shared" if (HERE.parent / "shared").exists() else Path("/work/shared")
OPTIONS = Options(time_budget=None)
VIOLATIONS = TypeAdapter(list[Violation])


def _line(name: str, report) -> str:
    return json.dumps([name, report.model_dump(mode="json")], ensure_ascii=False, sort_keys=True)


def _violations(name: str, violations) -> str:
    return json.dumps([name, VIOLATIONS.dump_python(violations, mode="json")], ensure_ascii=False)


def main() -> None:
    files = [
        EXAMPLE,
        *sorted((SHARED / "realdocs").glob("*.txt")),
        *sorted((SHARED / "realdocs" / "pdf").glob("*.pdf")),
        *sorted((HERE / "tests" / "fixtures" / "workbooks").glob("*.xlsx")),
    ]
    for path in files:
        print(_line(path.name, lint_path(str(path), OPTIONS)), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for rows in (50, 300, 2000):
            for kind, text in (("alone", scale.alone(rows)), ("example", scale.in_example(rows))):
                path = Path(folder) / f"scale-{kind}-{rows}.txt"
                path.write_text(text, encoding="utf-8")
                report = lint_path(str(path), OPTIONS)
                report.path = path.name
                print(_line(path.name, report), flush=True)
    if "--quick" in sys.argv:
        return
    text = EXAMPLE.read_text(encoding="utf-8")
    for m in [*mutations(text, first_swap_only=False), *narrative_mutations(text)]:
        name = f"{m.kind} {m.line}:{m.column} {m.before}>{m.after}"
        print(_violations(name, lint_document(read_flat(m.apply(text), "mutated.txt"), OPTIONS)), flush=True)


if __name__ == "__main__":
    main()

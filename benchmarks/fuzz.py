"""Fuzz the readers and checks: mutated copies of the example and the real texts, PDFs and model files,
in this process, within the boundary every document goes through.

    .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--seed 0] [--full-share 0.05]

Every case is read (the readers and the vetting of figures); a share of them (``--full-share``) is also
checked, placement and every rule, through ``lint_path``: that takes ten times as long as reading. A case
fails when its document reports an internal error (what would have been a traceback), runs out of its
time budget (a hang), or its JSON report does not parse. Prints the counts, the time and the peak memory
(maximum resident set size); exits 1 when any case failed, printing each failing seed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzzing import mutate_bytes, mutate_model, mutate_text  # noqa: E402

from budget_lint import __version__  # noqa: E402
from budget_lint.engine import Options, internal_error, lint_path  # noqa: E402
from budget_lint.findings import DocumentReport, Report  # noqa: E402
from budget_lint.readers import ReadError, read_document  # noqa: E402
from budget_lint.report import RenderOptions, render  # noqa: E402

EXAMPLE = ROOT / "examples" / "chongqing-beibei-hrss-2023-budget.txt"
REALDOCS = ROOT.parent / "shared" / "realdocs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-share", type=float, default=0.05)
    parser.add_argument("--model-share", type=float, default=0.1)
    parser.add_argument("--full-share", type=float, default=0.05)
    parser.add_argument("--progress", type=int, default=500, help="print a line every N cases")
    args = parser.parse_args()

    texts = [EXAMPLE.read_text(encoding="utf-8")]
    pdfs: list[bytes] = []
    if REALDOCS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(REALDOCS.glob("*.txt"))]
        pdfs = [p.read_bytes() for p in sorted((REALDOCS / "pdf").glob("*.pdf"))]
    model = read_document(EXAMPLE).model_dump(mode="json")
    full = Options()  # the default time budget: out of it is a hang

    outcomes: Counter = Counter()
    failures: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        for case in range(args.cases):
            seed = args.seed * 1_000_000 + case
            rng = random.Random(seed)
            draw = rng.random()
            if pdfs and draw < args.pdf_share:
                kind, path = "pdf", Path(folder) / "case.pdf"
                path.write_bytes(mutate_bytes(rng.choice(pdfs), rng))
            elif draw < args.pdf_share + args.model_share:
                kind, path = "model", Path(folder) / "case.json"
                path.write_text(mutate_model(model, rng), encoding="utf-8")
            elif draw < args.pdf_share + args.model_share + 0.1:
                kind, path = "bytes", Path(folder) / "case.txt"
                source = rng.choice(texts)
                path.write_bytes(mutate_bytes(source.encode(rng.choice(["utf-8", "gb18030"])), rng))
            else:
                kind, path = "text", Path(folder) / "case.txt"
                path.write_text(mutate_text(rng.choice(texts), rng), encoding="utf-8")
            checked = rng.random() < args.full_share
            report = lint_path(str(path), full) if checked else _read(str(path))
            outcome = _outcome(report, checked)
            outcomes[(kind, outcome)] += 1
            outcomes[("checked", checked)] += 1
            if outcome in {"internal error", "hang", "invalid json"}:
                failures.append(f"seed {seed} ({kind}): {outcome}: {report.error}")
            if (case + 1) % args.progress == 0:
                elapsed = time.monotonic() - started
                print(f"... {case + 1} cases, {elapsed:.0f} s, {len(failures)} failed", flush=True)
    elapsed = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rate = args.cases / elapsed
    print(f"{args.cases} cases in {elapsed:.0f} s ({rate:.1f} cases/s), peak memory {peak:.0f} MB")
    print(f"  read {args.cases}, of them checked by every rule {outcomes[('checked', True)]}")
    for kind in ("text", "bytes", "pdf", "model"):
        counts = {o: n for (k, o), n in sorted(outcomes.items()) if k == kind}
        if counts:
            listed = ", ".join(f"{o} {n}" for o, n in counts.items())
            print(f"  {kind:<6} {sum(counts.values()):>6}: {listed}")
    bad = Counter(o for (k, o), n in outcomes.items() if k != "checked" for _ in range(n))
    print(f"tracebacks {bad['internal error']}, hangs {bad['hang']}, invalid JSON {bad['invalid json']}")
    for failure in failures[:50]:
        print("  " + failure)
    return 1 if failures else 0


def _read(path: str) -> DocumentReport:
    """Only read, within the same boundary as ``lint_path`` (the checks take ten times as long)."""
    try:
        read_document(path)
    except ReadError as exc:
        return DocumentReport(path=path, error=str(exc))
    except Exception as exc:
        return DocumentReport(path=path, error=internal_error(exc))
    return DocumentReport(path=path)


def _outcome(report: DocumentReport, checked: bool) -> str:
    try:
        json.loads(render(Report.of(__version__, [report]), "json", RenderOptions()))
    except ValueError:
        return "invalid json"
    if report.error is None:
        return ("errors found" if report.count("error") else "clean") if checked else "read"
    if report.error.startswith("internal error"):
        return "internal error"
    if report.error.startswith("not finished"):
        return "hang"
    return "refused"


if __name__ == "__main__":
    sys.exit(main())

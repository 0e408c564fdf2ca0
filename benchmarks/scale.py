"""Growth with the size of a table: the example with 表二's rows replaced by N generated rows, and a
one-table document (表二 alone) of N rows.

The rows are a consistent hierarchy of function codes (类 → 款 → 项) whose 项 print 合计 with 基本支出,
项目支出 or both: a 项 with one part prints two equal amounts, so its placement is ambiguous and left to
the code hierarchy to settle, as in a real flattened disclosure. Each document is linted in a fresh
process (``budget-lint check --format json``); its user CPU time and peak memory are its own (the
machine is shared: wall time says little). The reference is the smallest size, measured in the same
run: the ratios show the growth (linear: 10× rows → 10× time).

Usage: python benchmarks/scale.py [--only example|alone] [ROWS ...]        (default 10000 100000)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from decimal import Decimal
from itertools import groupby
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BUDGET_LINT, ROOT, label, measure

EXAMPLE = ROOT / "examples" / "chongqing-beibei-hrss-2023-budget.txt"
HEADER = "科目编码 科目名称 合计 基本支出 项目支出"


def money(cents: int) -> str:
    return f"{Decimal(cents).scaleb(-2):,.2f}"


def rows(count: int) -> list[str]:
    """``count`` rows: the total, then 类 201… of up to 99 款 of up to 99 项 (deterministic amounts)."""
    size = 1
    while size + -(-size // 99) + -(-size // 99**2) + 1 < count:
        size += 1
    leaves = []  # (类, 款, 项, basic, project)
    for k in range(size):
        klass = f"{201 + k // 99**2}"
        section = f"{klass}{k // 99 % 99 + 1:02d}"
        basic = (k * 7919) % 900_000 + 100 if k % 3 != 1 else 0
        project = (k * 104_729) % 500_000 + 100 if k % 3 != 0 else 0
        leaves.append((klass, section, f"{section}{k % 99 + 1:02d}", basic, project))
    return _render(leaves)


def _render(leaves: list[tuple[str, str, str, int, int]]) -> list[str]:
    def line(indent: str, code: str, name: str, items) -> list[str]:
        basic, project = sum(i[3] for i in items), sum(i[4] for i in items)
        amounts = " ".join(money(a) for a in (basic + project, basic, project) if a)
        return [f"{indent}{code}  {name} {amounts}" if code else amounts, ""]

    body = []
    for klass, in_class in groupby(leaves, key=lambda leaf: leaf[0]):
        in_class = list(in_class)
        body += line("", klass, f"类{klass}", in_class)
        for section, in_section in groupby(in_class, key=lambda leaf: leaf[1]):
            in_section = list(in_section)
            body += line(" ", section, f"款{section}", in_section)
            for leaf in in_section:
                body += line("  ", leaf[2], f"项{leaf[2]}", [leaf])
    return [*line("", "", "", leaves), *body]


def in_example(count: int) -> str:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    start = lines.index("表二")
    first = next(i for i in range(start, len(lines)) if lines[i].strip() == HEADER) + 2
    end = next(i for i in range(first, len(lines)) if lines[i].startswith("备注"))
    kept = [line for line in lines[first:end] if line.strip() and not any(ch.isdigit() for ch in line)]
    return "\n".join([*lines[:first], *kept, "", *rows(count), *lines[end:]])  # kept: the title


def alone(count: int) -> str:
    title = "某部门一般公共预算财政拨款支出预算表"
    return "\n".join(["表二", "", title, "", "单位：万元", "", HEADER, "", *rows(count), ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="*", type=int, default=[10_000, 100_000], help="the sizes (rows)")
    parser.add_argument("--only", choices=["example", "alone"], help="one of the two documents")
    args = parser.parse_args()
    only, sizes = args.only, args.rows
    command = [BUDGET_LINT, "check", "--format", "json"]
    print(label())
    print(f"{'document':34} {'rows':>8} {'user s':>8} {'MB':>7} {'× time':>7} {'× MB':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in (("example, 表二 of N rows", in_example), ("表二 alone, N rows", alone)):
            if only and make.__name__ != {"example": "in_example", "alone": "alone"}[only]:
                continue
            reference = None
            for size in sizes:
                path = Path(folder) / f"{make.__name__}-{size}.txt"
                path.write_text(make(size), encoding="utf-8")
                user, mb = measure([*command, str(path)])
                reference = reference or (size, user, mb)
                print(
                    f"{name:34} {size:8d} {user:8.2f} {mb:7.0f} {user / reference[1]:7.1f} "
                    f"{mb / reference[2]:6.1f}"
                )


if __name__ == "__main__":
    main()

"""Mutations of the example document: every printed amount in 表一…表九 changed by +0.01 and by swapping
two adjacent different digits. Shared by the mutation tests and the detection-rate benchmark."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chongqing-beibei-hrss-2023-budget.txt"
_AMOUNT = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d,.])")


@dataclass(frozen=True)
class Mutation:
    line: int
    column: int
    before: str
    after: str
    kind: str

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        row = lines[self.line - 1]
        lines[self.line - 1] = row[: self.column] + self.after + row[self.column + len(self.before) :]
        return "\n".join(lines)


def _plus_cent(token: str) -> str:
    value = Decimal(token.replace(",", "")) + Decimal("0.01")
    return f"{value:,.2f}" if "," in token else f"{value:.2f}"


def _swaps(token: str) -> Iterator[str]:
    digits = [i for i, ch in enumerate(token) if ch.isdigit()]
    for a, b in itertools.pairwise(digits):
        if token[a] != token[b]:
            yield token[:a] + token[b] + token[a + 1 : b] + token[a] + token[b + 1 :]


def table_lines(text: str) -> range:
    """Lines of 表一 … 表九 (1-based): from the 表一 label to the 表十 label."""
    lines = text.split("\n")
    start = lines.index("表一") + 1
    end = lines.index("表十") + 1
    return range(start, end)


def mutations(text: str, first_swap_only: bool = True) -> list[Mutation]:
    lines = text.split("\n")
    found = []
    for number in table_lines(text):
        for match in _AMOUNT.finditer(lines[number - 1]):
            token = match.group()
            found.append(Mutation(number, match.start(), token, _plus_cent(token), "plus-cent"))
            for swapped in _swaps(token):
                found.append(Mutation(number, match.start(), token, swapped, "swap"))
                if first_swap_only:
                    break
    return found

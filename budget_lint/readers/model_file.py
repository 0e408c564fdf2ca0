"""Reader for a disclosure already in budget-lint's model, as YAML or JSON (``Document`` serialised:
what another tool, or a finance office's own export, hands over). Validated by the pydantic model and
then for what the model cannot say alone (amounts that can be money, units the kernel knows, rows as
wide as their table, placement candidates that fit their row); a file that does not fit is an input
error naming the first field that does not. YAML is read without aliases (no expansion bombs) and any
file nested deeper than a document can be is refused before it is parsed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..amounts import money_problem
from ..kernel import UNIT_IN_YUAN
from ..model import Document
from .textio import ReadError, read_text

MAX_DEPTH = 64
"""Nesting a document model never needs (it has six levels); deeper is refused before parsing."""
_UNITS = {*UNIT_IN_YUAN, "%"}


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: a model file has no use for them, and their expansion
    is the way a small file takes gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise ReadError("YAML aliases (*name) are not accepted in a model file")
        return super().compose_node(parent, index)


def read_model(path: Path) -> Document:
    text = read_text(path)
    if _depth(text) > MAX_DEPTH:
        raise ReadError(f"not a budget-lint document model: nested deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=_NoAliasLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ReadError(f"not valid {path.suffix.lstrip('.').upper()}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ReadError("not a budget-lint document model (expected a mapping with path and tables)")
    data.setdefault("path", str(path))
    try:
        document = Document.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ReadError(f"not a budget-lint document model: {where}: {error['msg']}") from None
    if problem := _problem(document):
        raise ReadError(f"not a budget-lint document model: {problem}")
    return document


def _depth(text: str) -> int:
    """An upper bound of the nesting of JSON or flow-style YAML (brackets and braces outside strings
    are not told apart here: an overestimate only refuses what is absurd anyway), and of block YAML's
    indentation."""
    depth = deepest = 0
    for char in re.sub(r'"(?:[^"\\]|\\.)*"', "", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    indents = (len(line) - len(line.lstrip(" -")) for line in text.split("\n") if line.strip())
    return max(deepest, max(indents, default=0) // 2)


def _problem(document: Document) -> str | None:
    for t, table in enumerate(document.tables):
        for r, row in enumerate(table.rows):
            where = f"tables.{t}.rows.{r}"
            if table.unread is None and len(row.cells) != len(table.columns):
                return f"{where}: {len(row.cells)} cells for {len(table.columns)} columns"
            for c, cell in enumerate([*row.cells, *row.printed]):
                if cell.value is not None and (problem := money_problem(cell.value, cell.decimals)):
                    return f"{where}.cells.{c}: {problem}"
                if cell.unit is not None and cell.unit not in _UNITS:
                    return (
                        f"{where}.cells.{c}: unknown unit '{cell.unit}' (one of {', '.join(sorted(_UNITS))})"
                    )
            if row.candidates is not None:
                for candidate in row.candidates:
                    fits = len(candidate) == len(row.printed) and len(set(candidate)) == len(candidate)
                    if not fits or not all(0 <= i < len(row.cells) for i in candidate):
                        return (
                            f"{where}.candidates: each must place the row's {len(row.printed)} printed "
                            f"amounts in distinct columns of its {len(row.cells)}"
                        )
                if not row.candidates or not row.cells:
                    return f"{where}.candidates: empty"
    return None

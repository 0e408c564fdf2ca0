"""Check kinds: one module each. A rule in ``rules/`` names its kind in ``check:``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..report.model import Violation
from ..rules import Rule
from . import code_names, empty_table, figure_compare, figure_sum, row_identity, table_match, tree_sum
from .base import Context

CHECK_KINDS: dict[str, Callable[[Rule, Context], Iterator[Violation]]] = {
    "tree_sum": tree_sum.run,
    "row_identity": row_identity.run,
    "figure_sum": figure_sum.run,
    "figure_compare": figure_compare.run,
    "table_match": table_match.run,
    "empty_table": empty_table.run,
    "code_names": code_names.run,
}

__all__ = ["CHECK_KINDS", "Context"]

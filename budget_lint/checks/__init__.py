"""Check kinds: one module each. A rule in ``rules/`` names its kind in ``check:``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..findings import Violation
from ..model import Table
from ..rules import Rule
from . import (
    catalogue,
    code_names,
    constant_sum,
    contents,
    empty_table,
    figure_compare,
    figure_sum,
    narrative_change,
    narrative_counts,
    narrative_execution,
    narrative_figure,
    narrative_percent,
    narrative_restated,
    narrative_share,
    narrative_sum,
    narrative_table_note,
    narrative_tables,
    narrative_text,
    narrative_vehicles,
    narrative_year,
    outdated_names,
    previous_year,
    previous_year_table,
    ratio,
    row_identity,
    table_match,
    tree_sum,
    zero_cell,
)
from .base import Context

CHECK_KINDS: dict[str, Callable[[Rule, Context], Iterator[Violation]]] = {
    "tree_sum": tree_sum.run,
    "row_identity": row_identity.run,
    "figure_sum": figure_sum.run,
    "figure_compare": figure_compare.run,
    "table_match": table_match.run,
    "empty_table": empty_table.run,
    "contents": contents.run,
    "narrative_counts": narrative_counts.run,
    "code_names": code_names.run,
    "catalogue": catalogue.run,
    "ratio": ratio.run,
    "constant_sum": constant_sum.run,
    "zero_cell": zero_cell.run,
    "outdated_names": outdated_names.run,
    "previous_year": previous_year.run,
    "previous_year_table": previous_year_table.run,
    "narrative_figure": narrative_figure.run,
    "narrative_restated": narrative_restated.run,
    "narrative_change": narrative_change.run,
    "narrative_sum": narrative_sum.run,
    "narrative_percent": narrative_percent.run,
    "narrative_share": narrative_share.run,
    "narrative_year": narrative_year.run,
    "narrative_vehicles": narrative_vehicles.run,
    "narrative_table_note": narrative_table_note.run,
    "narrative_tables": narrative_tables.run,
    "narrative_text": narrative_text.run,
    "narrative_execution": narrative_execution.run,
}

Unit = Callable[[Context], Iterator[Violation]]

CHECK_UNITS: dict[str, Callable[[Rule, Context], Iterator[Unit]]] = {
    "tree_sum": tree_sum.units,
    "row_identity": row_identity.units,
    "table_match": table_match.units,
}
"""Check kinds whose run is the chain of independent parts (``units``), so that placement can re-run
only the parts that read a row."""

CHECK_READS: dict[str, Callable[[Rule, Context], list[Table]]] = {
    kind: module.reads
    for kind, module in {
        "tree_sum": tree_sum,
        "row_identity": row_identity,
        "table_match": table_match,
        "figure_sum": figure_sum,
        "figure_compare": figure_compare,
        "empty_table": empty_table,
        "zero_cell": zero_cell,
        "constant_sum": constant_sum,
        "ratio": ratio,
        "catalogue": catalogue,
        "code_names": code_names,
        "contents": contents,
    }.items()
}
"""Check kinds that say which tables' cells a rule may read (besides the funding ``Context.funding``
reads): placement need not run a rule that can read no row still to settle to learn that it reads none."""

__all__ = ["CHECK_KINDS", "CHECK_READS", "CHECK_UNITS", "Context", "Unit"]

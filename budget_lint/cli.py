"""Command line: wiring only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

INPUT_SUFFIXES = {".txt", ".pdf", ".xlsx", ".xls", ".yaml", ".yml", ".json"}


@click.group()
@click.version_option(__version__, prog_name="budget-lint")
def main() -> None:
    """budget-lint: 检查部门预算/决算公开文件的勾稽关系。"""


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; folders searched recursively for inputs, in name order."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += [
                str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
            ]
        else:
            found.append(given)
    return found


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option(
    "--tolerance",
    type=click.Choice(["half-up", "interval", "exact"]),
    default="half-up",
    show_default=True,
    help="How rounding residues (尾差) are judged.",
)
def check(paths: tuple[str, ...], fmt: str, lang: str, tolerance: str) -> None:
    """Check budget disclosures (files or folders)."""
    from .engine import Options, lint_path
    from .kernel import Tolerance
    from .report.model import Report

    options = Options(lang=lang, tolerance=Tolerance(tolerance))
    documents = [lint_path(path, options) for path in expand(paths)]
    report = Report.of(__version__, documents)
    if fmt == "json":
        from .report.json_report import render

        sys.stdout.write(render(report))
    else:
        from rich.console import Console

        from .report.text import render

        render(report, Console(), lang)
    for document in documents:
        if document.error:
            click.echo(f"budget-lint: {document.path}: {document.error}", err=True)
    if any(d.error for d in documents):
        sys.exit(2)
    sys.exit(1 if report.summary.errors else 0)

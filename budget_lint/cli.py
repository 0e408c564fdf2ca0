"""Command line: wiring only. Results go to stdout (or ``-o FILE``), progress and logs to stderr; a bad
input, configuration or baseline is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from . import __version__
from .report import FORMATS

LANGS = click.Choice(["zh", "en"])


def _fail(message: str) -> None:
    click.echo(f"budget-lint: {message}", err=True)
    sys.exit(2)


def _one_line_errors(command: Callable) -> Callable:
    """Configuration, baseline and rule-pack errors end the command with their one-line message."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Exception as exc:
            if not isinstance(exc, _one_line_error_types()):
                raise
            _fail(str(exc))

    return run


def _one_line_error_types() -> tuple[type[Exception], ...]:
    """Imported once an error is raised: a check without a baseline does not import its module (three
    models to build)."""
    from .baseline import BaselineError
    from .config import ConfigError
    from .rules import RulePackError

    return (ConfigError, BaselineError, RulePackError)


def _selectors(values: tuple[str, ...]) -> list[str] | None:
    """``--select BL1,BL2 --select BL5`` → ``["BL1", "BL2", "BL5"]``; None when not given."""
    found = [s.strip() for value in values for s in value.split(",") if s.strip()]
    return found or None


@click.group()
@click.version_option(__version__, prog_name="budget-lint")
def main() -> None:
    """budget-lint: 检查部门预算/决算公开文件的勾稽关系。"""


def entry() -> None:
    """The console script: ``main``, then out of the process as soon as its output is flushed. The
    interpreter's own exit would free every object the run made, one at a time, and look for cycles
    among them, for a process about to end (a 100,000-row table's run: 90 million instructions, 0.5 %);
    so would the end of this ``except`` (the exit's traceback holds the run's frames). Tests call
    ``main``."""
    try:
        main(prog_name="budget-lint")
    except SystemExit as exc:
        if isinstance(exc.code, int) and _flushed():  # else the interpreter's way: a message, a pipe
            os._exit(exc.code)
        raise


def _flushed() -> bool:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: left to the interpreter to report
        return False
    return True


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="Output format.  [default: full]")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE, not stdout.")
@click.option(
    "--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings."
)
@click.option("--lang", type=LANGS, help="Language of messages.  [default: zh]")
@click.option(
    "--tolerance",
    type=click.Choice(["half-up", "interval", "exact"]),
    help="How rounding residues (尾差) are judged.  [default: half-up]",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Rules to report: codes, prefixes, names or ALL."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Rules not to report (added to the configuration's)."
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning"]), help="Exit 1 from this severity.  [default: error]"
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Accepted findings (see --write-baseline).")
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in FILE (each needs a reason before it suppresses anything).",
)
@click.option(
    "--annotate",
    "annotate_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write a copy of each workbook checked into DIR, its culprit cells marked and commented.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes (0: one per core).",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False),
    help="Last year's document: check each input's prior-year figures against it (see README).",
)
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error to stderr.")
@_one_line_errors
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    statistics: bool,
    lang: str | None,
    tolerance: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: str | None,
    baseline: str | None,
    write_baseline: str | None,
    annotate_dir: str | None,
    jobs: int,
    previous: str | None,
    debug: bool,
) -> None:
    """Check budget disclosures (files, or folders searched recursively)."""
    from .collector import paused

    # Start-up (the modules, the rule packs) makes objects that live as long as the run: the garbage
    # collector would traverse them again and again as they are made, and find nothing to free.
    with paused():
        from .batch import INPUT_SUFFIXES, expand, lint_all, terminal_console
        from .config import load
        from .findings import Report
        from .report import RenderOptions, fails

        config = load(
            config_file,
            extend_ignore=_selectors(ignore) or [],
            select=_selectors(select),
            lang=lang,
            tolerance=tolerance,
            fail_on=fail_on,
            format=fmt,
        )
    settings = config.settings
    if statistics:
        from .report.statistics import FORMATS as STATISTICS

        if settings.format not in STATISTICS:
            _fail(f"--statistics has no place in the {settings.format} format (use {', '.join(STATISTICS)})")
    skipped: list[str] = []
    inputs = expand(paths, skipped)
    if skipped:
        kinds = ", ".join(sorted({Path(s).suffix.lower() or Path(s).name for s in skipped}))
        click.echo(
            f"budget-lint: skipped {len(skipped)} file(s) of a kind not read ({kinds}); "
            f"read are {', '.join(sorted(INPUT_SUFFIXES))}",
            err=True,
        )
    for target in (output, write_baseline):
        if target and (same := _an_input(Path(target), inputs)):
            _fail(f"{target}: is the input {same}; not overwritten (name another file)")

    def options_for(path: str):
        return dataclasses.replace(config.options_for(path), debug=debug)

    # What the cross-year pairing needs of each input, kept as it is read; one input alone pairs with none.
    kept: dict | None = {} if previous is not None or len(inputs) > 1 else None
    documents = lint_all(inputs, options_for, jobs, terminal_console(), kept)
    documents = _cross_year(documents, options_for, previous, kept)
    del kept
    for document in documents:
        if document.error:
            click.echo(f"budget-lint: {document.path}: {document.error}", err=True)
    read_failed = any(d.error for d in documents)

    if write_baseline:
        from . import baseline as baselines

        written = baselines.write(Path(write_baseline), documents)
        missing = sum(1 for e in written.entries if not e.reason.strip())
        click.echo(
            f"budget-lint: wrote {len(written.entries)} entries to {write_baseline}, {missing} without a "
            "reason (an entry suppresses its finding only once its reason is filled in)",
            err=True,
        )
        sys.exit(2 if read_failed else 0)

    baseline_file = Path(baseline) if baseline else config.baseline
    if baseline_file is not None and not baseline and not baseline_file.exists():
        click.echo(
            f"budget-lint: {baseline_file}: no baseline yet (`--write-baseline {baseline_file}` records one)",
            err=True,
        )
        baseline_file = None
    if baseline_file is not None:
        from . import baseline as baselines

        applied = baselines.apply(baselines.load(baseline_file), baseline_file, documents)
        documents = applied.documents
        for entry in applied.stale:
            click.echo(
                f"budget-lint: {baseline_file}: stale entry, its finding is gone: {entry.describe()}",
                err=True,
            )
        if applied.unreasoned:
            click.echo(
                f"budget-lint: {baseline_file}: {len(applied.unreasoned)} matching entries have no reason "
                "and suppress nothing",
                err=True,
            )

    report = Report.of(__version__, documents)
    options = RenderOptions(lang=settings.lang, fail_on=settings.fail_on)
    _emit(report, settings.format, options, output, statistics)
    if annotate_dir is not None:
        read_failed = not _annotate(report, Path(annotate_dir), settings.lang) or read_failed

    if read_failed:
        sys.exit(2)
    sys.exit(1 if any(fails(v.severity, settings.fail_on) for d in documents for v in d.violations) else 0)


def _cross_year(documents, options_for, previous: str | None, kept: dict):
    """Each document against last year's (in the run, or ``--previous``); see previous_year.py."""
    from .previous_year import cross_check
    from .readers import ReadError

    try:
        return cross_check(documents, options_for, previous, kept)
    except ReadError as exc:
        _fail(str(exc))


def _annotate(report, directory: Path, lang: str) -> bool:
    """The annotated copies; False when one could not be written (each said in one line)."""
    from .report.annotate import AnnotateError, annotate

    written = True
    for document in report.documents:
        try:
            target = annotate(document, directory, lang)
        except AnnotateError as exc:
            click.echo(f"budget-lint: {exc}", err=True)
            written = False
            continue
        if target is not None:
            click.echo(f"budget-lint: annotated copy: {target}", err=True)
    return written


def _an_input(target: Path, inputs: list[str]) -> str | None:
    """The input that ``target`` names (the same file, by any path), if any."""
    for given in inputs:
        for part in [given, *given.split("+")]:
            try:
                if Path(part).is_file() and target.exists() and target.samefile(part):
                    return part
            except OSError:
                continue
    return None


def _emit(report, fmt: str, options, output: str | None, statistics: bool) -> None:
    from .report import chunks

    if statistics:
        from .report.statistics import render as render_statistics

        parts = [render_statistics(report, fmt)]
    elif fmt == "full" and output is None and sys.stdout.isatty():
        from rich.console import Console

        from .report.full import print_report

        print_report(report, Console(highlight=False, emoji=False), options.lang)
        return
    else:
        parts = chunks(report, fmt, options)
    if output is None:
        for part in parts:
            click.echo(part, nl=False)  # bytes (the JSON formats') go to the binary stream as they are
    else:
        try:
            with open(output, "wb") as stream:
                stream.writelines(part if isinstance(part, bytes) else part.encode() for part in parts)
        except OSError as exc:
            _fail(f"{output}: cannot write ({exc.strerror or exc})")
    if fmt == "github" and not statistics:
        from .report.github import write_step_summary

        write_step_summary(report, options)


@main.command()
@click.argument("book")
@click.argument("published")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="concise", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE, not stdout.")
@click.option("--lang", type=LANGS, default="zh", show_default=True)
@_one_line_errors
def compare(book: str, published: str, fmt: str, output: str | None, lang: str) -> None:
    """Compare a published disclosure with the workbook it was made from: every figure that differs,
    at both places."""
    from .compare import compare_paths
    from .engine import Options
    from .findings import Report
    from .report import RenderOptions

    documents = compare_paths(book, published, Options(lang=lang))
    for document in documents:
        if document.error:
            click.echo(f"budget-lint: {document.path}: {document.error}", err=True)
    _emit(Report.of(__version__, documents), fmt, RenderOptions(lang=lang), output, False)
    if any(d.error for d in documents):
        sys.exit(2)
    sys.exit(1 if any(v.severity == "error" for d in documents for v in d.violations) else 0)


@main.command("rules")
@click.option("--lang", type=LANGS, default="zh", show_default=True)
@_one_line_errors
def rules_command(lang: str) -> None:
    """List every rule: code, name, severity and title."""
    from .rules import builtin_rules

    rules = builtin_rules()
    width = max(len(r.name) for r in rules)
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {rule.title.get(lang)}")


@main.command("rule")
@click.argument("code")
@click.option("--lang", type=LANGS, default="zh", show_default=True)
@_one_line_errors
def rule_command(code: str, lang: str) -> None:
    """Explain one rule (by code or name): what it checks, why, and an example."""
    from .rules import rule_by_code

    rule = rule_by_code(code.upper()) or rule_by_code(code)
    if rule is None:
        _fail(f"unknown rule '{code}' (`budget-lint rules` lists them)")
    heads = ("What it checks", "Why", "Example") if lang == "en" else ("检查内容", "为什么", "示例")
    doc = rule.doc
    click.echo(f"{rule.code}  {rule.name}  ({rule.severity})\n{rule.title.get(lang)}")
    for head, text in zip(heads, (doc.what, doc.why, doc.example), strict=True):
        click.echo(f"\n{head}\n  {text.get(lang)}")


@main.command("schema")
@click.argument("what", type=click.Choice(["report", "model"]))
def schema_command(what: str) -> None:
    """Print the JSON Schema of the JSON report (--format json) or of the document model (YAML/JSON input)."""
    import json

    from .schemas import schema

    click.echo(json.dumps(schema(what), ensure_ascii=False, indent=2))

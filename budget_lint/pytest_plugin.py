"""pytest plugin (entry point ``pytest11``): budget disclosures as test items.

Dormant unless ``--budget-lint`` is given or the ini option ``budget_lint_paths`` lists documents, so that
installing budget-lint never changes what a project's test run collects. A document yields one item per
table (``docs/预算.txt::表二``) and one for the document itself (a read error, findings outside any table).
An item fails when it has a finding at or above ``fail-on``; the failure is the CLI's full report of those
findings, without a traceback. The ``[tool.budget-lint]`` configuration and its baseline apply.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .findings import Violation

DEFAULT_PATTERNS = ("*.txt", "*.pdf", "*.xlsx", "*.xls")
"""What ``--budget-lint`` alone collects among the files pytest visits."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("budget-lint")
    group.addoption(
        "--budget-lint",
        action="store_true",
        default=False,
        help="check budget disclosures (部门预算/决算) with budget-lint: one test per table and per document",
    )
    parser.addini(
        "budget_lint_paths",
        type="linelist",
        default=[],
        help="glob patterns of budget disclosures to check, relative to rootdir (* crosses folders); "
        "setting it enables budget-lint",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "budget_lint: a budget-lint check of a budget disclosure")
    patterns = config.getini("budget_lint_paths")
    if config.getoption("budget_lint") or patterns:
        config.pluginmanager.register(
            Collector(config, patterns or DEFAULT_PATTERNS), "budget-lint-collector"
        )


class Collector:
    """Registered only when the plugin is enabled: picks the documents and holds the configuration."""

    def __init__(self, config: pytest.Config, patterns: list[str] | tuple[str, ...]):
        from . import baseline
        from .config import ConfigError, load

        self.rootpath = config.rootpath
        self.patterns = patterns
        try:
            self.config = load(start=config.rootpath)
            self.baseline_file = self.config.baseline
            self.baseline = baseline.load(self.baseline_file) if self.baseline_file else None
        except (ConfigError, baseline.BaselineError) as exc:
            raise pytest.UsageError(f"budget-lint: {exc}") from None

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        relative = _relative(file_path, self.rootpath)
        if any(fnmatch(relative if "/" in p else file_path.name, p) for p in self.patterns):
            return BudgetDocument.from_parent(parent, path=file_path, collector=self)
        return None


class BudgetDocument(pytest.File):
    def __init__(self, *, collector: Collector, **kwargs):
        super().__init__(**kwargs)
        self.collector = collector

    def collect(self):
        from . import baseline
        from .engine import lint_document
        from .findings import DocumentReport
        from .readers import ReadError, read_document

        try:
            document = read_document(self.path)
        except ReadError as exc:
            yield BudgetItem.from_parent(self, name="document", violations=[], error=str(exc))
            return
        collector = self.collector
        report = DocumentReport(
            path=str(self.path), violations=lint_document(document, collector.config.options_for(self.path))
        )
        if collector.baseline is not None:
            report = baseline.apply(collector.baseline, collector.baseline_file, [report]).documents[0]
        titles: dict[str, str] = {}
        for table in document.tables:
            titles.setdefault(table.label, table.title)
        for label, title in titles.items():
            found = [v for v in report.violations if v.table == label]
            yield BudgetItem.from_parent(self, name=label, violations=found, title=title)
        rest = [v for v in report.violations if v.table not in titles]
        yield BudgetItem.from_parent(self, name="document", violations=rest)


class BudgetLintFailure(Exception):
    """Raised by a failing item; its text is the report shown instead of a traceback."""


class BudgetItem(pytest.Item):
    def __init__(self, *, violations: list[Violation], title: str = "", error: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.violations, self.title, self.error = violations, title, error
        self.add_marker("budget_lint")

    def runtest(self) -> None:
        from .report import RenderOptions, fails, t
        from .report.full import render_violations

        settings = self.parent.collector.config.settings
        path = _relative(self.path, self.config.rootpath)
        if self.error:
            raise BudgetLintFailure(f"{path}: {t(settings.lang, '无法读取', 'cannot read')}: {self.error}")
        failing = [v for v in self.violations if fails(v.severity, settings.fail_on)]
        if failing:
            options = RenderOptions(lang=settings.lang, fail_on=settings.fail_on)
            raise BudgetLintFailure(render_violations(path, failing, options).rstrip())

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BudgetLintFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"budget-lint {self.name} {self.title}".rstrip()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()

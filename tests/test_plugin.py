"""The pytest plugin, run in an inner pytest session with ``pytester``."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE, edit

from budget_lint.engine import lint_path
from budget_lint.readers import read_document

pytest_plugins = ["pytester"]

ERROR = (342, "79.05 79.05", "79.05 79.50")


def labels(path) -> list[str]:
    return list(dict.fromkeys(t.label for t in read_document(path).tables))


@pytest.fixture
def docs(pytester, example_text):
    pytester.path.joinpath("docs").mkdir()
    clean = pytester.path / "docs" / "clean.txt"
    clean.write_text(example_text, encoding="utf-8")
    bad = pytester.path / "docs" / "bad.txt"
    bad.write_text(edit(example_text, *ERROR), encoding="utf-8")
    return clean, bad


def test_dormant_without_the_option_or_paths(pytester, docs):
    result = pytester.runpytest("docs")
    result.assert_outcomes()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_clean_document_passes_one_item_per_table_and_one_for_the_document(pytester, docs):
    result = pytester.runpytest("--budget-lint", "docs/clean.txt", "-v")
    tables = labels(EXAMPLE)
    result.assert_outcomes(passed=len(tables) + 1)
    result.stdout.fnmatch_lines(["docs/clean.txt::表二 PASSED*", "docs/clean.txt::document PASSED*"])


def test_mutated_document_fails_its_tables_with_the_full_report(pytester, docs):
    _, bad = docs
    failing = sorted({v.table for v in lint_path(str(bad)).violations if v.severity == "error"})
    assert "表二" in failing
    result = pytester.runpytest("--budget-lint", "docs/bad.txt")
    result.assert_outcomes(passed=len(labels(bad)) + 1 - len(failing), failed=len(failing))
    output = result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*budget-lint 表二 重庆市北碚区人力资源和社会保障局一般公共预算财政拨款支出预算表*",
            "错误[[]BL201] 最可能有误的是 2080102「项目支出」79.50：2080102 一般行政管理事务："
            "合计 = 基本支出 + 项目支出：填报 79.05，计算 79.50*",
            "  --> docs/bad.txt:342  表二*",
            "*│ 342 │ 表二 │ 2080102 一般行政管理事务 * │ 项目支出 │ >79.50< │*",
            "*│ 338 │ 表二 │ 20801 人力资源和社会保障管理事务 * │ 项目支出 │  655.23 │*",
            "    = 填报 79.05，计算 79.50，差 -0.45，容差 0",
            "FAILED docs/bad.txt::表二*",
        ]
    )
    assert "Traceback" not in output and "def runtest" not in output and "BudgetLintFailure" not in output


def test_paths_in_the_ini_file_enable_the_plugin(pytester, docs):
    pytester.makeini("[pytest]\nbudget_lint_paths =\n    docs/clean*.txt\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=len(labels(EXAMPLE)) + 1)


def test_configuration_applies_to_the_plugin(pytester, docs):
    pytester.makefile(".toml", **{"budget-lint": 'ignore = ["BL1", "BL2", "BL3"]\nlang = "en"\n'})
    result = pytester.runpytest("--budget-lint", "docs/bad.txt", "-m", "budget_lint")
    result.assert_outcomes(passed=len(labels(EXAMPLE)) + 1)


def test_unreadable_document_fails_its_document_item_in_one_line(pytester):
    # (in a folder: pytest's doctest plugin would also collect a .txt named on the command line)
    pytester.path.joinpath("scans").mkdir()
    pytester.path.joinpath("scans", "scan.txt").write_bytes(b"\x89PNG\x00\x00")
    result = pytester.runpytest("--budget-lint", "scans")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["scans/scan.txt: 无法读取: binary file, not text", "FAILED scans/scan.txt::document*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_bad_configuration_is_a_usage_error(pytester, docs):
    pytester.makefile(".toml", **{"budget-lint": 'selct = ["BL1"]\n'})
    result = pytester.runpytest("--budget-lint", "docs")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*budget-lint: *budget-lint.toml: unknown key 'selct'*"])

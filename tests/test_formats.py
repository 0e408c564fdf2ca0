"""Every output format against golden files, SARIF against the vendored schema, and the batch options.

Each emitter is snapshot on a fixed small report built here (tests/golden/emitters/), so a change in the
engine leaves them as they are; a few end-to-end goldens (the example, a mutated copy of it, a real
document) show what the engine finds. Regenerate the golden files after an intended change with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_formats.py

and review the diff: the files under tests/golden/ are what a user sees.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, REALDOCS, ROOT, edit

from budget_lint import __version__
from budget_lint.batch import Bar
from budget_lint.cli import main
from budget_lint.engine import lint_path
from budget_lint.findings import CellRef, DocumentReport, Report, Violation
from budget_lint.model import Source
from budget_lint.report import FORMATS, RenderOptions, location, render
from budget_lint.report.github import LIMIT

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

MUTATIONS = [
    (342, "79.05 79.05", "79.05 79.50"),  # errors in 表二, 表七, 表八; BL101 blamed on the changed cell
    (338, "2,793.59", "2,793.60"),  # rounding residues (info) in 表二, and its twin 表八 no longer matches
    # BL501: an empty table whose absence of figures nothing explains (warning)
    (528, "备注：本部门无政府性基金收支，故此表无数据。", ""),
    (196, "本部门 2023年无使用政府性基金预算拨款安排的支出。", ""),
    (158, "政府性基金预算拨款 0 万元，", ""),
]
REAL_DOCUMENTS = ["03_shpt_shiquanlu_2026_unit_budget.txt"]
"""Real documents from ../shared/realdocs/ with golden files: add a file name here, then regenerate."""

DOCUMENTS = ["example.txt", "mutated.txt", *REAL_DOCUMENTS]
EXTENSION = {"json": "json", "sarif": "json", "junit": "xml", "markdown": "md"}
END_TO_END = [(doc, "json", "zh") for doc in DOCUMENTS] + [("mutated.txt", "full", "zh")]
"""What the engine finds, end to end: the contract (json) of each document, and one framed report."""
EMITTERS = [(fmt, "zh") for fmt in FORMATS] + [("full", "en")]


def mutated_text() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for line, old, new in MUTATIONS:
        text = edit(text, line, old, new)
    return text


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Report]:
    """Each document linted once, reported under its bare name (golden files hold no absolute path)."""
    folder = tmp_path_factory.mktemp("documents")
    (folder / "example.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "mutated.txt").write_text(mutated_text(), encoding="utf-8")
    found = {}
    for name in DOCUMENTS:
        path = folder / name if name in ("example.txt", "mutated.txt") else REALDOCS / name
        if path.exists():
            document = lint_path(str(path))
            document.path = name
            found[name] = Report.of(__version__, [document])
    return found


def golden(folder: str, fmt: str, lang: str) -> Path:
    suffix = "" if lang == "zh" else f"-{lang}"
    return GOLDEN / folder / f"{fmt}{suffix}.{EXTENSION.get(fmt, 'txt')}"


def _same_as_golden(text: str, path: Path) -> None:
    assert str(ROOT) not in text and not re.search(r"(^|[\s\"'=])/(tmp|home|work)/", text)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.relative_to(ROOT)}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("document", "fmt", "lang"), END_TO_END)
def test_golden(reports, document, fmt, lang):
    if document not in reports:
        pytest.skip(f"{document} is not in ../shared/realdocs/")
    text = render(reports[document], fmt, RenderOptions(lang=lang))
    _same_as_golden(text, golden(Path(document).stem, fmt, lang))


def _cell(table: str, code: str, column: str, value: str | None, line: int, label: str) -> CellRef:
    return CellRef(table=table, row=code, column=column, value=value, source=Source(line=line), label=label)


def fixed_report() -> Report:
    """A small report of every kind of finding, built by hand: an error blamed on one cell of a wide
    row identity (with a hint), a cross-table error, a rounding residue, a narrative warning, a finding
    on a PDF page and on a workbook cell, and an input that could not be read."""
    row = [
        _cell("表二", "2080102", "合计", "79.05", 342, "一般行政管理事务"),
        _cell("表二", "2080102", "基本支出", None, 342, "一般行政管理事务"),
        _cell("表二", "2080102", "项目支出", "79.50", 342, "一般行政管理事务"),
        # past four columns a frame leaves out those with no figure (基本支出 and these)
        *(
            _cell("表二", "2080102", column, None, 342, "一般行政管理事务")
            for column in ("经营支出", "其他支出")
        ),
    ]
    row_identity = Violation(
        code="BL201",
        name="expense-total-parts",
        severity="error",
        message="2080102 一般行政管理事务：合计 = 基本支出 + 项目支出：填报 79.05，计算 79.50，差 -0.45",
        table="表二",
        table_title="一般公共预算财政拨款支出预算表",
        row="2080102",
        row_label="一般行政管理事务",
        column="合计",
        reported="79.05",
        computed="79.50",
        difference="-0.45",
        tolerance="0",
        source=Source(line=342),
        cells=row,
        hint="2080102「项目支出」 79.50 与应有的 79.05 只差相邻两位数字互换：可能数字颠倒",
        culprit=row[2],
    )
    cross_table = Violation(
        code="BL301",
        name="general-budget-equals-department-expense",
        severity="error",
        message="20801 人力资源和社会保障管理事务「合计」表二 为 2793.60，表八 为 2793.59",
        table="表二",
        row="20801",
        row_label="人力资源和社会保障管理事务",
        column="合计",
        reported="2793.60",
        computed="2793.59",
        difference="0.01",
        tolerance="0",
        source=Source(line=338),
        cells=[
            _cell("表二", "20801", "合计", "2793.60", 338, "人力资源和社会保障管理事务"),
            _cell("表八", "20801", "合计", "2793.59", 695, "人力资源和社会保障管理事务"),
        ],
    )
    residue = Violation(
        code="BL101",
        name="function-hierarchy",
        severity="info",
        message="208 社会保障和就业支出「合计」与下级科目之和：填报 4132.22，计算 4132.23，差 -0.01 尾差",
        table="表二",
        row="208",
        row_label="社会保障和就业支出",
        column="合计",
        reported="4132.22",
        computed="4132.23",
        difference="-0.01",
        tolerance="0.015",
        source=Source(line=336),
        cells=[
            _cell("表二", "208", "合计", "4132.22", 336, "社会保障和就业支出"),
            _cell("表二", "20801", "合计", "2793.60", 338, "人力资源和社会保障管理事务"),
            _cell("表二", "20805", "合计", "1338.63", 356, "行政事业单位养老支出"),
        ],
    )
    narrative = Violation(
        code="BL451",
        name="doubled-unit",
        severity="warning",
        message="单位重复：「万元万元」",
        table="说明",
        table_title="情况说明",
        source=Source(line=212),
    )
    on_a_page = Violation(
        code="BL002",
        name="table-not-read",
        severity="warning",
        message="表三：有一行的金额多于表头的列，本表未检查",
        table="表三",
        source=Source(page=12),
    )
    in_a_cell = Violation(
        code="BL204",
        name="fiscal-expense-funds",
        severity="error",
        message="合计 = 各资金来源之和：填报 70.00，计算 70.50，差 -0.50",
        table="表1",
        row="合计",
        column="合计",
        reported="70.00",
        computed="70.50",
        difference="-0.50",
        tolerance="0",
        source=Source(sheet="表1", cell="C7"),
        cells=[
            CellRef(
                table="表1", row="合计", column="合计", value="70.00", source=Source(sheet="表1", cell="C7")
            )
        ],
    )
    return Report.of(
        "1.0.0",
        [
            DocumentReport(
                path="docs/预算 2023.txt", violations=[narrative, residue, cross_table, row_identity]
            ),
            DocumentReport(path="docs/scan.pdf", violations=[on_a_page]),
            DocumentReport(path="docs/workbook.xlsx", violations=[in_a_cell]),
            DocumentReport(path="docs/broken.txt", error="binary file, not text"),
        ],
    )


@pytest.mark.parametrize(("fmt", "lang"), EMITTERS)
def test_emitter_golden(fmt, lang):
    _same_as_golden(render(fixed_report(), fmt, RenderOptions(lang=lang)), golden("emitters", fmt, lang))


def test_sarif_of_the_fixed_report_validates():
    log = json.loads(render(fixed_report(), "sarif", RenderOptions()))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)] == []


def test_mutated_document_shows_every_severity(reports):
    severities = {v.severity for v in reports["mutated.txt"].documents[0].violations}
    assert severities == {"error", "warning", "info"}


def test_full_frame_marks_the_cell_to_fix(reports):
    text = render(reports["mutated.txt"], "full", RenderOptions())
    block = text[text.index("错误[BL201]") :].split("\n\n")[0]
    assert "--> mutated.txt:342  表二" in block
    # one defect, one finding: 79.50 breaks its row, its parent's sum and its twin in 表八; it is the
    # cell marked to fix, not the row's 合计 the identity reports
    assert re.search(r"│ 342 │ 表二 │ 2080102 一般行政管理事务\s+│ 项目支出 │\s+>79\.50< │", block)
    assert re.search(r"│ 342 │ 表二 │ 2080102 一般行政管理事务\s+│ 合计\s+│\s+79\.05 │", block)
    assert re.search(r"│ 338 │ 表二 │ 20801 人力资源和社会保障管理事务\s+│ 项目支出 │\s+655\.23 │", block)
    assert re.search(r"│ 699 │ 表八 │ 2080102 一般行政管理事务\s+│ 项目支出 │\s+79\.05 │", block)
    assert "BL101" in block and "BL301" in block


def test_json_report_keeps_the_contract(reports):
    """The frame's row labels are not part of the JSON contract."""
    data = json.loads(render(reports["mutated.txt"], "json", RenderOptions()))
    cell = next(v for v in data["documents"][0]["violations"] if v["cells"])["cells"][0]
    assert set(cell) == {"table", "row", "column", "value", "source"}


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_sarif_validates_against_the_schema(reports, document):
    if document not in reports:
        pytest.skip(f"{document} is not in ../shared/realdocs/")
    log = json.loads(render(reports[document], "sarif", RenderOptions()))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []


def test_sarif_results_carry_what_github_needs(reports):
    log = json.loads(render(reports["mutated.txt"], "sarif", RenderOptions()))
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == sorted(set(rules))
    result = next(r for r in run["results"] if r["ruleId"] == "BL201" and r["level"] == "error")
    location = result["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "mutated.txt"},
        "region": {"startLine": 342},
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "表二/2080102/合计"
    assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"]["budgetLint/v1"])
    assert rules[result["ruleIndex"]] == "BL201"
    assert result["properties"]["reported"] == "79.05" and result["properties"]["computed"] == "79.50"


def test_sarif_uri_is_relative_and_percent_encoded(tmp_path, monkeypatch):
    (tmp_path / "预算").mkdir()
    (tmp_path / "预算" / "bad doc.txt").write_text(mutated_text(), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\x00")
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "预算" / "bad doc.txt")
    result = CliRunner().invoke(main, ["check", absolute, "broken.txt", "--format", "sarif"])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    assert list(sarif_validator().iter_errors(log)) == []
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    }
    assert uris == {"%E9%A2%84%E7%AE%97/bad%20doc.txt"}
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "无法读取: binary file, not text"


def test_fingerprints_do_not_depend_on_line_numbers_or_language(tmp_path):
    moved = tmp_path / "moved.txt"
    moved.write_text("\n\n\n" + mutated_text(), encoding="utf-8")
    original = tmp_path / "mutated.txt"
    original.write_text(mutated_text(), encoding="utf-8")
    from budget_lint.engine import Options

    a, b = lint_path(str(original)), lint_path(str(moved), Options(lang="en"))
    assert [v.source.line + 3 for v in a.violations] == [v.source.line for v in b.violations]
    assert a.fingerprints() == b.fingerprints()
    assert len(set(a.fingerprints())) == len(a.violations)


def synthetic(errors: int, warnings: int = 0) -> Report:
    def violation(i: int, severity: str) -> Violation:
        return Violation(
            code="BL201",
            name="expense-total-parts",
            severity=severity,
            message=f"第 {i} 处: 100%, a, b",
            table="表二",
            row=f"20801{i:02d}",
            column="合计",
            source=Source(line=100 + i),
            cells=[CellRef(table="表二", row=f"20801{i:02d}", column="合计", value="1.00")],
        )

    found = [violation(i, "error") for i in range(errors)]
    found += [violation(50 + i, "warning") for i in range(warnings)]
    return Report.of(__version__, [DocumentReport(path="docs/a,b:c.txt", violations=found)])


def test_github_annotates_ten_per_severity_and_lists_the_rest():
    text = render(synthetic(errors=LIMIT + 2, warnings=1), "github", RenderOptions())
    lines = text.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == LIMIT
    assert sum(line.startswith("::warning ") for line in lines) == 1
    assert lines[0] == (
        "::error file=docs/a%2Cb%3Ac.txt,line=100,title=budget-lint (BL201)::表二: 第 0 处: 100%25, a, b"
    )
    group = lines.index(
        "::group::budget-lint: 另有 2 条未标注（GitHub 每步每种级别只显示 10 条；完整列表见作业摘要）"
    )
    assert lines[group + 1 : group + 4] == [
        "docs/a,b:c.txt:110: BL201 表二: 第 10 处: 100%, a, b",
        "docs/a,b:c.txt:111: BL201 表二: 第 11 处: 100%, a, b",
        "::endgroup::",
    ]


def test_github_writes_the_full_report_to_the_job_summary(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(mutated_text(), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary)}).invoke(
        main, ["check", str(bad), "--format", "github"]
    )
    assert result.exit_code == 1
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n# budget-lint\n")
    assert "| 342 | 错误 | `BL201` | 表二 | 2080102 一般行政管理事务 | 合计 |" in written
    assert "`BL501`" in written


def test_junit_failures_follow_fail_on(reports):
    report = reports["mutated.txt"]
    default = render(report, "junit", RenderOptions())
    strict = render(report, "junit", RenderOptions(fail_on="warning"))
    errors = report.summary.errors
    assert (
        f'<testsuites name="budget-lint" tests="{len(report.documents[0].violations)}" failures="{errors}"'
        in default
    )
    assert default.count("<failure ") == errors
    assert strict.count("<failure ") == errors + report.summary.warnings
    assert re.search(r"<system-out>mutated.txt:\d+: BL501 \[warning\]", default)


def test_location_names_lines_pages_and_cells():
    assert location("a.txt", Source(line=3)) == "a.txt:3"
    assert location("a.pdf", Source(page=12)) == "a.pdf:page 12"
    assert location("a.xlsx", Source(sheet="表2", cell="C7")) == "a.xlsx:表2!C7"
    assert location("a.txt", Source()) == "a.txt"


def test_output_file_and_statistics(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(mutated_text(), encoding="utf-8")
    out = tmp_path / "report.sarif"
    result = CliRunner().invoke(main, ["check", str(bad), "--format", "sarif", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    violations = json.loads(CliRunner().invoke(main, ["check", str(bad), "--format", "json"]).stdout)
    counts = Counter((v["code"], v["name"]) for v in violations["documents"][0]["violations"])
    expected = sorted(((-n, code, name) for (code, name), n in counts.items()))
    stats = CliRunner().invoke(main, ["check", str(bad), "--statistics"])
    assert stats.exit_code == 1
    assert stats.stdout.splitlines() == [f"{-n}  {code}  {name}" for n, code, name in expected]
    as_json = CliRunner().invoke(main, ["check", str(bad), "--statistics", "--format", "json"])
    assert json.loads(as_json.stdout) == [{"code": c, "name": name, "count": -n} for n, c, name in expected]


def test_unwritable_output_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-o", str(tmp_path / "missing" / "out.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith("budget-lint: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_parallel_run_is_byte_identical_to_a_serial_one(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(mutated_text(), encoding="utf-8")
    (tmp_path / "b" / "example.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b" / "broken.txt").write_bytes(b"\x89PNG\x00")
    (tmp_path / "b" / "c.txt").write_text(edit(mutated_text(), 332, "70.00 70.00", "71.00 71.00"), "utf-8")
    for fmt in ("full", "json"):
        serial = CliRunner().invoke(main, ["check", str(tmp_path), "--format", fmt])
        parallel = CliRunner().invoke(main, ["check", str(tmp_path), "--format", fmt, "--jobs", "2"])
        assert serial.exit_code == parallel.exit_code == 2
        assert serial.stdout == parallel.stdout
        assert serial.stderr == parallel.stderr
    paths = [d["path"] for d in json.loads(serial.stdout)["documents"]]
    assert paths == [str(tmp_path / p) for p in ("a.txt", "b/broken.txt", "b/c.txt", "b/example.txt")]


def test_progress_bar_only_after_a_while_and_only_on_a_terminal():
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), force_terminal=True, width=60)
    late = Bar(total=3, console=console, after=3600)
    late.advance()
    assert late.progress is None
    bar = Bar(total=3, console=console, after=0)
    bar.advance()
    assert bar.progress is not None
    bar.close()
    quiet = Bar(total=3, console=None, after=0)
    quiet.advance()
    assert quiet.progress is None


def test_the_pre_commit_hook_runs_the_cli():
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "budget-lint")
    program, *args = shlex.split(hook["entry"])
    assert program == "budget-lint" and re.search(hook["files"], EXAMPLE.name)
    assert CliRunner().invoke(main, [*args, str(EXAMPLE)]).exit_code == 0


def test_full_frame_of_a_check_without_amounts(tmp_path, example_text):
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(edit(example_text, 697, "行政运行", "行政运转"), encoding="utf-8")
    document = lint_path(str(renamed))
    document.path = "renamed.txt"
    document.violations = [v for v in document.violations if v.code == "BL314"]
    text = render(Report.of(__version__, [document]), "full", RenderOptions())
    assert "│ 340 │ 表二 │ 2080101 行政运行 │" in text and "│ 697 │ 表八 │ 2080101 行政运转 │" in text
    assert "金额" not in text

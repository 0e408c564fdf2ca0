"""Configuration: [tool.budget-lint] or budget-lint.toml, selectors, per-file ignores, severity overrides,
--fail-on, and one-line errors (exit 2) for a bad configuration."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, ROOT, edit, project_with, run_check

from budget_lint.cli import main
from budget_lint.config import ConfigError, load, resolve
from budget_lint.rules import builtin_rules

# In one document: an error (BL201 at line 342, with what the cell also breaks), a warning (BL501),
# rounding residues (BL101 info).
EDITS = [
    (342, "79.05 79.05", "79.05 79.50"),
    (338, "2,793.59", "2,793.60"),
    (528, "备注：本部门无政府性基金收支，故此表无数据。", ""),
    (196, "本部门 2023年无使用政府性基金预算拨款安排的支出。", ""),
    (158, "政府性基金预算拨款 0 万元，", ""),
]


@pytest.fixture
def project(tmp_path, monkeypatch, example_text):
    """A folder with a mutated document, as the working folder."""
    return project_with(tmp_path, monkeypatch, example_text, EDITS)


run = run_check


def codes(result) -> list[str]:
    return [v["code"] for d in json.loads(result.stdout)["documents"] for v in d["violations"]]


def severities(result) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in json.loads(result.stdout)["documents"]:
        for v in d["violations"]:
            found.setdefault(v["code"], set()).add(v["severity"])
    return found


def test_selectors_take_codes_prefixes_names_and_all():
    rules = builtin_rules()
    every = {r.code for r in rules}
    assert resolve("ALL", rules) == every
    assert resolve("BL201", rules) == {"BL201"}
    assert resolve("bl2", rules) == {c for c in every if c.startswith("BL2")}
    assert resolve("BL", rules) == every
    assert resolve("expense-total-parts", rules) == {"BL201"}
    with pytest.raises(ConfigError, match="unknown rule selector 'BL9'"):
        resolve("BL9", rules)


def test_default_reports_everything(project):
    result = run("docs", "--format", "json")
    assert result.exit_code == 1
    assert {"BL101", "BL201", "BL501"} <= set(codes(result))
    # 342's break of its parent's sum is part of the one error at 342 (BL201); the residues stay
    assert severities(result)["BL101"] == {"info"}


def test_select_and_ignore_from_pyproject(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.budget-lint]\n'
        'select = ["BL2", "BL5"]\nignore = ["expense-total-parts"]\n',
        encoding="utf-8",
    )
    found = set(codes(run("docs", "--format", "json")))
    assert found and all(c.startswith(("BL2", "BL5")) for c in found)
    assert "BL201" not in found and "BL501" in found


def test_command_line_select_replaces_and_ignore_adds(project):
    (project / "budget-lint.toml").write_text('select = ["BL5"]\nignore = ["BL501"]\n', encoding="utf-8")
    assert codes(run("docs", "--format", "json")) == []
    found = codes(run("docs", "--format", "json", "--select", "BL5,BL201", "--ignore", "BL501"))
    assert set(found) == {"BL201"}


def test_budget_lint_toml_is_found_from_a_subfolder_and_wins_over_pyproject(project, monkeypatch):
    (project / "budget-lint.toml").write_text('select = ["BL501"]\n', encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.budget-lint]\nselect = ["BL201"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    assert set(codes(run("bad.txt", "--format", "json"))) == {"BL501"}


def test_per_file_ignores_by_name_and_by_path(project):
    (project / "docs" / "other.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "budget-lint.toml").write_text(
        '[per-file-ignores]\n"bad.txt" = ["BL5"]\n"docs/*" = ["BL1"]\n', encoding="utf-8"
    )
    found = set(codes(run("docs", "--format", "json")))
    assert "BL501" not in found and "BL101" not in found and "BL201" in found
    config = load()
    assert config.enabled_for("elsewhere/bad.txt") == {c for c in config.enabled if not c.startswith("BL5")}


def test_severity_overrides_most_specific_wins(project):
    (project / "budget-lint.toml").write_text(
        '[severity]\nBL = "warning"\nBL501 = "error"\nfunction-hierarchy = "info"\n', encoding="utf-8"
    )
    result = run("docs", "--format", "json")
    found = severities(result)
    assert found["BL201"] <= {"warning", "info"} and "warning" in found["BL201"]
    assert found["BL501"] == {"error"} and found["BL101"] == {"info"}
    assert result.exit_code == 1  # BL501 is now an error


def test_override_never_raises_a_rounding_residue(tmp_path, example_text):
    residue = tmp_path / "residue.txt"
    residue.write_text(edit(example_text, 338, "2,793.59", "2,793.60"), encoding="utf-8")
    plain = CliRunner().invoke(main, ["check", str(residue), "--format", "json"])
    assert "info" in severities(plain)["BL101"]
    (tmp_path / "budget-lint.toml").write_text('[severity]\nBL101 = "warning"\n', encoding="utf-8")
    config = str(tmp_path / "budget-lint.toml")
    found = severities(
        CliRunner().invoke(main, ["check", str(residue), "--format", "json", "--config", config])
    )
    assert found["BL101"] <= {"info", "warning"} and "info" in found["BL101"]


def test_fail_on_warning(project):
    (project / "budget-lint.toml").write_text('select = ["BL5", "BL0"]\n', encoding="utf-8")
    assert run("docs").exit_code == 0
    assert run("docs", "--fail-on", "warning").exit_code == 1
    (project / "budget-lint.toml").write_text(
        'select = ["BL5", "BL0"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    assert run("docs").exit_code == 1


def test_language_tolerance_and_format_from_the_configuration(project):
    (project / "budget-lint.toml").write_text('lang = "en"\nformat = "concise"\n', encoding="utf-8")
    result = run("docs")
    assert "reported 79.05, computed 79.50" in result.stdout
    assert any(
        line.startswith("docs/bad.txt:342: BL201 [error] 表二: ") for line in result.stdout.splitlines()
    )
    assert "1 document(s):" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["BL1"]\n', "budget-lint.toml: unknown key 'selct'"),
        ('fail-on = "info"\n', "budget-lint.toml: fail-on: Input should be 'error' or 'warning'"),
        ('select = ["BL99x"]\n', "budget-lint.toml: unknown rule selector 'BL99x'"),
        ('[severity]\nBL201 = "fatal"\n', "budget-lint.toml: severity.BL201: Input should be"),
        ("select = [\n", "budget-lint.toml: invalid TOML:"),
        ('select = "BL1"\n', "budget-lint.toml: select: Input should be a valid list"),
    ],
)
def test_a_bad_configuration_is_one_line_and_exit_2(project, text, message):
    (project / "budget-lint.toml").write_text(text, encoding="utf-8")
    result = run("docs")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("budget-lint: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_a_bad_command_line_selector_is_one_line(project):
    result = run("docs", "--select", "nonsense")
    assert result.exit_code == 2
    assert result.stderr.startswith("budget-lint: command line: unknown rule selector 'nonsense'")


def test_explicit_config_file_must_exist_and_hold_the_table(project):
    assert run("docs", "--config", "missing.toml").stderr.startswith("budget-lint: missing.toml: cannot read")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = run("docs", "--config", "pyproject.toml")
    assert result.exit_code == 2 and "no [tool.budget-lint] table" in result.stderr


def test_the_readme_example_configuration_loads(project):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.budget-lint\].*?)```", readme, re.S).group(1)
    (project / "pyproject.toml").write_text(example, encoding="utf-8")
    config = load()
    assert config.settings.fail_on == "warning" and config.severity["BL101"] == "error"
    assert config.severity["BL201"] == "warning" and not any(c.startswith("BL0") for c in config.enabled)
    pasted = run("docs")  # runs as pasted, before its baseline exists
    assert pasted.exit_code == 1 and "budget-lint-baseline.yaml: no baseline yet" in pasted.stderr
    (project / "budget-lint-baseline.yaml").write_text("version: 1\nentries: []\n", encoding="utf-8")
    assert run("docs").exit_code == 1

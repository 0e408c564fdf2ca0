"""Rule packs that cannot fail silently, and a finance office's own packs from configuration."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import build_rulepacks
import pytest
from conftest import EXAMPLE, run_check

import budget_lint.rules
from budget_lint import recognise
from budget_lint.checks import CHECK_KINDS
from budget_lint.checks.params import PARAMS, problem
from budget_lint.rules import COMPILED, RulePackError, builtin_rules, load_pack

ROOT = Path(__file__).resolve().parent.parent

LOCAL_RULE = """\
- code: BL901
  name: general-management-basic-only
  title: {zh: 一般行政管理事务列有项目支出, en: 一般行政管理事务 carries project spending}
  severity: warning
  check: zero_cell
  params:
    kinds: [general_budget_expense]
    code: "^\\\\d{5}02$"
    label: "^一般行政管理事务$"
    column: project
  doc:
    what: {zh: 本单位的一般行政管理事务只列基本支出。, en: Our 一般行政管理事务 is basic spending only.}
    why: {zh: 本单位模板的规定。, en: Our template says so.}
    example: {zh: "2080102 一般行政管理事务：项目支出应为 0。", en: "2080102: project spending should be 0."}
"""


def test_every_check_kind_declares_its_parameters():
    assert set(PARAMS) == {*CHECK_KINDS, "read_finding", "compare"}
    assert all(problem(rule.check, rule.params) is None for rule in builtin_rules())


@pytest.mark.parametrize(
    "old, new, reason",
    [
        ("check: zero_cell", "check: zero_cel", "unknown check kind 'zero_cel'"),
        ("    column: project", "    colum: project", "params.colum: unknown parameter of zero_cell"),
        ("kinds: [general_budget_expense]", "kinds: [general_budget_expence]", "unknown table kind"),
        ("column: project", "column: projet", "params.column: unknown role 'projet'"),
        ('    code: "^\\\\d{5}02$"\n', "", "params.code: Field required"),
        ('label: "^一般行政管理事务$"', 'label: "^(一般"', "params.label: not a regular expression"),
        # an unquoted comma inside a flow mapping starts a stray key: the text would be cut short there
        ("只列基本支出。", "只列基本支出, 不列项目支出。", "doc.what."),
    ],
)
def test_a_broken_pack_is_one_line_naming_the_file_and_the_rule(tmp_path, monkeypatch, old, new, reason):
    assert old in LOCAL_RULE
    (tmp_path / "local-rules.yaml").write_text(LOCAL_RULE.replace(old, new), encoding="utf-8")
    (tmp_path / "budget-lint.toml").write_text('rule-packs = ["local-rules.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_check(str(EXAMPLE))
    assert result.exit_code == 2
    assert result.stderr.startswith("budget-lint: local-rules.yaml: rule BL901: ")
    assert reason in result.stderr and result.stderr.count("\n") == 1


def test_a_local_pack_adds_a_rule_that_fires(tmp_path, monkeypatch):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "local-rules.yaml").write_text(LOCAL_RULE, encoding="utf-8")
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "pyproject.toml").write_text(
        '[tool.budget-lint]\nrule-packs = ["../packs/local-rules.yaml"]\nignore = ["BL4"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "conf")  # the pack's path is relative to the configuration file
    result = run_check(str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = [v for v in json.loads(result.stdout)["documents"][0]["violations"] if v["code"] == "BL901"]
    assert [(v["table"], v["row"], v["column"], v["source"]["line"]) for v in found] == [
        ("表二", "2080102", "项目支出", 342)
    ]
    assert "BL901" not in run_check(str(EXAMPLE), "--ignore", "general-management-basic-only").stdout
    assert run_check(str(EXAMPLE), "--select", "BL901").stdout.count("BL901") == 1


def test_a_local_rule_may_not_take_a_built_in_code(tmp_path, monkeypatch):
    (tmp_path / "local-rules.yaml").write_text(LOCAL_RULE.replace("BL901", "BL101"), encoding="utf-8")
    (tmp_path / "budget-lint.toml").write_text('rule-packs = ["local-rules.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_check(str(EXAMPLE))
    assert result.exit_code == 2
    assert result.stderr == "budget-lint: local-rules.yaml: duplicate rule codes: BL101\n"


def test_a_missing_pack_is_one_line(tmp_path):
    with pytest.raises(RulePackError, match=r"^nowhere.yaml: cannot read \(No such file or directory\)$"):
        load_pack(tmp_path / "nowhere.yaml", "nowhere.yaml")


def test_the_shipped_json_is_what_the_packs_build():
    assert (ROOT / "rules" / COMPILED).read_text(encoding="utf-8") == build_rulepacks.build()


def test_a_pack_is_taken_from_the_json_only_as_it_was_built(tmp_path, monkeypatch):
    """Each built-in pack's rules, and the vocabulary, are the same from the JSON as from their YAML; a
    pack edited since the JSON was built is read from its YAML."""
    packs = sorted((ROOT / "rules").glob("*.yaml"))
    from_json = [load_pack(path) for path in packs]
    edited = tmp_path / packs[0].name
    edited.write_text(packs[0].read_text(encoding="utf-8").replace("name: ", "name: edited-", 1), "utf-8")
    assert load_pack(edited)[0].name == "edited-" + from_json[0][0].name
    monkeypatch.setattr(budget_lint.rules, "_compiled", dict)
    assert [load_pack(path) for path in packs] == from_json
    assert recognise._load_vocabulary() == recognise.VOCABULARY


def test_a_built_in_pack_edited_since_the_json_was_built_is_validated(tmp_path):
    edited = tmp_path / "10-hierarchy.yaml"
    text = (ROOT / "rules" / edited.name).read_text(encoding="utf-8")
    edited.write_text(text.replace("kinds: [", "kinds: [no_such_kind, ", 1), encoding="utf-8")
    with pytest.raises(RulePackError, match="unknown table kind 'no_such_kind'"):
        load_pack(edited, built_in=True)


def test_a_check_with_the_built_in_packs_needs_no_yaml(tmp_path):
    """The JSON stands for the YAML files of rules/: a check imports PyYAML only for a baseline, a pack of
    its own or a model file; nor does it validate the built-in packs' parameters again."""
    run = f"main(['check', '--format', 'json', '-o', {str(tmp_path / 'out.json')!r}, {str(EXAMPLE)!r}])"
    code = f"import sys\nfrom budget_lint.cli import main\ntry:\n    {run}\nexcept SystemExit:\n    pass\n"
    code += "assert 'yaml' not in sys.modules, 'yaml imported'\n"
    code += "assert 'budget_lint.checks.params' not in sys.modules, 'parameters validated'\n"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (tmp_path / "out.json").exists()

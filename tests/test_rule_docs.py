"""`budget-lint rules` and `budget-lint rule CODE`."""

from __future__ import annotations

from click.testing import CliRunner

from budget_lint.cli import main
from budget_lint.rules import builtin_rules


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_rules_lists_every_rule_with_code_name_severity_and_title():
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(builtin_rules())
    for line, rule in zip(lines, builtin_rules(), strict=True):
        assert line.split()[:3] == [rule.code, rule.name, rule.severity]
        assert line.endswith(rule.title.zh)
    english = run("rules", "--lang", "en").stdout.splitlines()
    assert english[0].endswith(builtin_rules()[0].title.en)


def test_rule_explains_what_why_and_example_in_either_language():
    zh = run("rule", "BL201")
    assert zh.exit_code == 0
    assert zh.stdout.splitlines()[0] == "BL201  expense-total-parts  (error)"
    for head in ("检查内容", "为什么", "示例"):
        assert f"\n{head}\n  " in zh.stdout
    rule = next(r for r in builtin_rules() if r.code == "BL201")
    assert all(text.zh in zh.stdout for text in (rule.doc.what, rule.doc.why, rule.doc.example))
    en = run("rule", "expense-total-parts", "--lang", "en")
    assert en.stdout.splitlines()[1] == "Expenditure total is not basic + project (+ other columns)"
    for head in ("What it checks", "Why", "Example"):
        assert f"\n{head}\n  " in en.stdout
    assert run("rule", "bl201").stdout == zh.stdout


def test_unknown_rule_is_one_line_and_exit_2():
    result = run("rule", "BL999")
    assert result.exit_code == 2
    assert result.stderr == "budget-lint: unknown rule 'BL999' (`budget-lint rules` lists them)\n"

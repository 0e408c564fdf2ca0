"""A case file per rule (tests/rules/BLxxx.yaml, after sqlfluff's per-rule YAML fixtures), collected here.

A file names its ``rule`` and holds cases. Each case reads one input — ``document: example`` (the example,
which lints clean but for its own true findings), ``document: NAME`` (a real document in ../shared/realdocs)
or ``text:`` (a short standalone text) — with ``edits``, ``[line, old, new]`` each, made on it first:

- ``test_fail_*``: the rule selected alone fires; ``violations`` (when given) are exactly its findings'
  ``{line, table, severity}``, else one of them at least has the rule's declared severity;
- ``test_pass_*``: every rule on, the rule reports nothing but the ``violations`` listed (default none);
- ``elsewhere: tests/FILE.py::TEST``: the input is of another kind (a PDF, a workbook, two documents), and
  the case is that test.

A ``CASES`` entry of the former tests/test_rules.py, ``"BLxxx": [(line, old, new), …]``, is the file
``rule: BLxxx`` with ``test_fail_edit: {document: example, edits: [[line, old, new], …]}`` and
``test_pass_example: {document: example}``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, REALDOCS, ROOT, edit

from budget_lint.engine import Options, lint_document
from budget_lint.findings import Violation
from budget_lint.readers import read_text_document
from budget_lint.rules import builtin_rules

CASE_FILES = Path(__file__).parent / "rules"
RULES = {rule.code: rule for rule in builtin_rules()}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("rule") == path.stem, f"{path.name} names rule {data.get('rule')!r}"
    assert all(key == "rule" or key.startswith("test_") for key in data), f"{path.name}: {sorted(data)}"
    return data


FILES = {path.stem: _load(path) for path in sorted(CASE_FILES.glob("*.yaml"))}
CASES = [(code, name) for code, data in FILES.items() for name in data if name.startswith("test_")]


INPUTS = {"document", "text", "elsewhere"}
KEYS = INPUTS | {"edits", "violations"}


def test_every_rule_has_a_case():
    without = sorted(set(RULES) - {code for code, _ in CASES})
    assert not without, f"no case for {without}: add tests/rules/CODE.yaml (README, 'Adding a rule')"
    assert not set(FILES) - set(RULES), "a case file for a rule that does not exist"


@pytest.mark.parametrize(("code", "name"), CASES, ids=[f"{code}-{name}" for code, name in CASES])
def test_a_case_says_what_it_means(code, name):
    """A misspelt key would leave a case checking less than it says."""
    case = FILES[code][name]
    assert re.fullmatch(r"test_(fail|pass|elsewhere)\w*", name)
    assert set(case) <= KEYS and len(set(case) & INPUTS) == 1, f"{code} {name}: {sorted(case)}"
    assert name.startswith("test_elsewhere") == ("elsewhere" in case)
    for expected in case.get("violations", []):
        assert set(expected) == {"line", "table", "severity"}, f"{code} {name}: {expected}"


def _text(case: dict) -> tuple[str, str]:
    """The case's input, its edits made, and the name it is read under."""
    if "text" in case:
        text, name = case["text"], "case.txt"
    elif case["document"] == "example":
        text, name = EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name
    else:
        path = REALDOCS / case["document"]
        if not path.exists():
            pytest.skip("../shared/realdocs is not there")
        text, name = path.read_text(encoding="utf-8"), case["document"]
    for line, old, new in case.get("edits", []):
        text = edit(text, line, old, new)
    return text, name


@functools.lru_cache(maxsize=64)
def _lint(text: str, name: str, alone: str | None) -> tuple[Violation, ...]:
    """Lint once per input and selection: the pass cases of every rule share the unedited example."""
    document = read_text_document(text, name)
    options = Options(enabled=frozenset({alone})) if alone else Options()
    return tuple(lint_document(document, options))


def _located(found: list[Violation]) -> list[dict]:
    keys = {(v.source.line, v.table, v.severity) for v in found}
    return [{"line": line, "table": table, "severity": severity} for line, table, severity in sorted(keys)]


def _expected(case: dict) -> list[dict]:
    return sorted(case.get("violations", []), key=lambda v: (v["line"], v["table"], v["severity"]))


@pytest.mark.parametrize(("code", "name"), CASES, ids=[f"{code}-{name}" for code, name in CASES])
def test_rule_case(code, name):
    case, rule = FILES[code][name], RULES[code]
    if "elsewhere" in case:
        file, test = case["elsewhere"].split("::")
        assert re.search(rf"^def {test}\(", (ROOT / file).read_text(encoding="utf-8"), re.M)
        return
    text, document = _text(case)
    # Selected alone: with every rule, a cell that breaks several checks is one finding under one code.
    alone = code if name.startswith("test_fail") else None
    found = [v for v in _lint(text, document, alone) if v.code == code]
    if alone:
        assert found, f"{code} did not fire"
        assert all(v.message for v in found)
        if "violations" in case:
            assert _located(found) == _expected(case)
        else:  # no location given: the rule's own severity, and each finding names its table
            assert any(v.severity == rule.severity for v in found)
            assert all(v.table for v in found)
    else:
        assert _located(found) == _expected(case)

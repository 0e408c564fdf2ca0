"""Rule packs: YAML files in the top-level ``rules/`` folder (installed as ``budget_lint.rulepacks``).

A rule is data: a stable code, a name, zh/en titles, a default severity, the check kind that evaluates
it and that kind's parameters, and a doc. A finance office adds a rule for its own template by writing
YAML; only a new *kind* of check needs Python.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError


class Text(BaseModel):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class RuleDoc(BaseModel):
    what: Text
    why: Text
    example: Text


class Rule(BaseModel):
    code: str = Field(pattern=r"^BL\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9-]+$")
    title: Text
    severity: Literal["error", "warning", "info"]
    check: str
    params: dict[str, Any] = Field(default_factory=dict)
    doc: RuleDoc


class RulePackError(Exception):
    pass


def load_pack(path: Path) -> list[Rule]:
    try:
        # libyaml's loader when PyYAML has it: the pure-Python one takes half a second for the packs.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
        return [Rule.model_validate(item) for item in raw]
    except (OSError, yaml.YAMLError, ValidationError, TypeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RulePackError(f"{path.name}: {first}") from None


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule shipped with budget-lint, in code order; codes must be unique."""
    folder = resources.files("budget_lint.rulepacks")
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            rules.extend(load_pack(Path(str(entry))))
    codes = [r.code for r in rules]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise RulePackError(f"duplicate rule codes: {', '.join(sorted(duplicates))}")
    return tuple(sorted(rules, key=lambda r: r.code))


def rule_by_code(code: str) -> Rule | None:
    return next((r for r in builtin_rules() if r.code == code or r.name == code), None)

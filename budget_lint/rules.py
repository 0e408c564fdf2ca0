"""Rule packs: YAML files in the top-level ``rules/`` folder (installed as ``budget_lint.rulepacks``).

A rule is data: a stable code, a name, zh/en titles, a default severity, the check kind that evaluates
it and that kind's parameters, and a doc. A finance office adds a rule for its own template by writing
YAML; only a new *kind* of check needs Python.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a stray key is a mistake in the pack (an unquoted comma)

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
    """A rule pack that cannot be used; the message is one line naming the file and the rule."""


def load_pack(path: Path, name: str | None = None, *, built_in: bool = False) -> list[Rule]:
    """The rules of one pack, each with its check kind and parameters validated (``checks.params``).
    ``name`` is how errors name the file (default: its file name). ``built_in``: a pack of the packs'
    folder, whose parameters are not validated again when it is as ``COMPILED`` holds it (its build
    validated them, and so do the tests): importing ``checks.params`` would make some thirty models."""
    name = name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulePackError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise RulePackError(f"{name}: {_first_line(exc)}") from None
    compiled = _compiled().get(digest(text)) if built_in else None
    raw = (compiled["data"] if compiled is not None else parsed(text, name)) or []
    if not isinstance(raw, list):
        raise RulePackError(f"{name}: a rule pack is a list of rules")
    rules = []
    for i, item in enumerate(raw, start=1):
        code = item.get("code") if isinstance(item, dict) else None
        which = f"rule {code}" if code else f"rule #{i}"
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            raise RulePackError(f"{name}: {which}: {where + ': ' if where else ''}{error['msg']}") from None
        if compiled is None and (reason := _problem(rule)):
            raise RulePackError(f"{name}: {which}: {reason}")
        rules.append(rule)
    return rules


def _problem(rule: Rule) -> str | None:
    from .checks.params import problem

    return problem(rule.check, rule.params)


def parsed(text: str, name: str) -> Any:
    """A YAML file of the packs' folder (a pack, the vocabulary) or a finance office's pack, as parsed:
    from ``COMPILED`` when it holds the digest of ``text``, else parsed (``name`` names it in an error)."""
    if (compiled := _compiled().get(digest(text))) is not None:
        return compiled["data"]
    import yaml

    try:
        return parse(text)
    except yaml.YAMLError as exc:
        raise RulePackError(f"{name}: {_first_line(exc)}") from None


def parse(text: str) -> Any:
    import yaml  # imported only for a file not in ``COMPILED``: a run with the built-in packs needs none

    # libyaml's loader when PyYAML has it: the pure-Python one takes half a second for the packs.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


COMPILED = "packs.json"
"""The YAML files of the packs' folder as parsed, in JSON (scripts/build_rulepacks.py): it parses in a
fifth of the time their YAML takes, and without importing PyYAML (together, 15 % of a one-document run)."""


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def _compiled() -> dict[str, dict]:
    """Each file's data as ``parse`` gives it (a key in JSON is a string), by the ``digest`` of its text as
    built: a file edited since is not there, and is parsed."""
    compiled = resources.files("budget_lint.rulepacks").joinpath(COMPILED)
    return json.loads(compiled.read_text(encoding="utf-8")) if compiled.is_file() else {}


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule shipped with budget-lint, in code order; codes must be unique."""
    folder = resources.files("budget_lint.rulepacks")
    rules: list[Rule] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            rules.extend(load_pack(Path(str(entry)), built_in=True))
    _unique(rules, "the built-in rule packs")
    return tuple(sorted(rules, key=lambda r: r.code))


def with_local_packs(packs: list[tuple[Path, str]]) -> tuple[Rule, ...]:
    """The built-in rules and those of a finance office's own packs (path, name to report it by); a
    local rule may not reuse a code or name already taken."""
    rules = list(builtin_rules())
    for path, name in packs:
        rules.extend(load_pack(path, name))
    _unique(rules, ", ".join(name for _, name in packs))
    return tuple(sorted(rules, key=lambda r: r.code))


def _unique(rules: list[Rule], where: str) -> None:
    for attribute in ("code", "name"):
        values = [getattr(r, attribute) for r in rules]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise RulePackError(f"{where}: duplicate rule {attribute}s: {', '.join(duplicates)}")


def rule_by_code(code: str) -> Rule | None:
    return next((r for r in builtin_rules() if r.code == code or r.name == code), None)

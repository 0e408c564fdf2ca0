"""Configuration, ruff's way: ``[tool.budget-lint]`` in ``pyproject.toml``, or the same keys at the top
of a ``budget-lint.toml``, found in the working folder or the nearest folder above it (``budget-lint.toml``
first); command-line options override it.

Rules are chosen by selectors: a code (``BL201``), a prefix (``BL2``), a rule name
(``expense-total-parts``) or ``ALL``. Selection and severity overrides apply to what is reported, after
the checks: placement still uses every rule's evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from .engine import Options
    from .rules import Rule

FILES = ("budget-lint.toml", "pyproject.toml")
Severity = Literal["error", "warning", "info"]


class ConfigError(Exception):
    """A configuration that cannot be used; its message is one line."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    """Glob → selectors. A glob without ``/`` matches file names, one with ``/`` paths relative to the
    configuration's folder (``*`` crosses folders)."""
    severity: dict[str, Severity] = Field(default_factory=dict)
    """Selector → severity for what those rules find."""
    fail_on: Literal["error", "warning"] = Field("error", alias="fail-on")
    tolerance: Literal["half-up", "interval", "exact"] = "half-up"
    lang: Literal["zh", "en"] = "zh"
    format: Literal["full", "concise", "json", "sarif", "github", "junit", "markdown", "html"] = "full"
    baseline: str | None = None
    rule_packs: list[str] = Field(default_factory=list, alias="rule-packs")
    """A finance office's own rule packs (YAML files like those in ``rules/``), relative to this file."""


class Config:
    """Settings with their selectors resolved to codes."""

    def __init__(self, settings: Settings | None = None, file: Path | None = None, root: Path | None = None):
        self.settings = settings or Settings()
        self.file = file
        self.root = root or Path.cwd()
        """The folder that relative paths in the configuration are relative to."""
        # Every pack is loaded and every selector resolved now, so that a typo is reported before
        # anything is checked.
        self.rules = rules = _rules(self.root, self.settings.rule_packs)
        self.all_codes = frozenset(r.code for r in rules)
        selected = set().union(*(resolve(s, rules) for s in self.settings.select))
        ignored = set().union(*(resolve(s, rules) for s in self.settings.ignore))
        self.enabled = frozenset(selected - ignored)
        self.per_file = {
            glob: set().union(*(resolve(s, rules) for s in selectors))
            for glob, selectors in self.settings.per_file_ignores.items()
        }
        self.severity: dict[str, str] = {}
        for selector in sorted(self.settings.severity, key=_specificity):
            for code in resolve(selector, rules):
                self.severity[code] = self.settings.severity[selector]

    @property
    def baseline(self) -> Path | None:
        return self.root / self.settings.baseline if self.settings.baseline else None

    def enabled_for(self, path: str | Path) -> frozenset[str]:
        name = Path(path).name
        relative = _relative(Path(path), self.root)
        ignored = set()
        for glob, codes in self.per_file.items():
            if fnmatch(relative if "/" in glob else name, glob):
                ignored |= codes
        return self.enabled - ignored

    def options_for(self, path: str | Path) -> Options:
        from .engine import Options
        from .kernel import Tolerance

        enabled = self.enabled_for(path)
        return Options(
            rules=list(self.rules),
            lang=self.settings.lang,
            tolerance=Tolerance(self.settings.tolerance),
            enabled=None if enabled == self.all_codes else enabled,
            severity=dict(self.severity),
        )


def load(
    file: str | Path | None = None,
    start: Path | None = None,
    extend_ignore: Sequence[str] = (),
    **overrides: Any,
) -> Config:
    """The configuration in ``file``, else the one found from ``start`` (the working folder) upwards,
    with the command line on top: ``overrides`` replace settings (None: not given), ``extend_ignore``
    adds to ``ignore``."""
    path = Path(file) if file else discover(start or Path.cwd())
    raw: dict = {}
    if path is not None:
        raw = _read(path)
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        settings = Settings.model_validate(raw)
        if extend_ignore:
            given["ignore"] = [*settings.ignore, *extend_ignore]
        if given:
            settings = Settings.model_validate({**settings.model_dump(by_alias=True), **_aliased(given)})
    except ValidationError as exc:
        raise ConfigError(f"{_name(path)}: {_first_error(exc)}") from None
    root = path.resolve().parent if path is not None else (start or Path.cwd()).resolve()
    try:
        return Config(settings=settings, file=path, root=root)
    except ConfigError as exc:
        raise ConfigError(f"{_name(path)}: {exc}") from None


def discover(start: Path) -> Path | None:
    for folder in [start.resolve(), *start.resolve().parents]:
        own = folder / FILES[0]
        if own.is_file():
            return own
        pyproject = folder / FILES[1]
        if pyproject.is_file() and "[tool.budget-lint" in pyproject.read_text(
            encoding="utf-8", errors="replace"
        ):
            return pyproject
    return None


def resolve(selector: str, rules: tuple[Rule, ...]) -> set[str]:
    """The codes a selector stands for; an unknown selector is an error."""
    wanted = selector.strip()
    if wanted.upper() == "ALL":
        return {r.code for r in rules}
    codes = {r.code for r in rules if r.name == wanted}
    if re.fullmatch(r"BL\d{0,3}", wanted.upper()):
        codes |= {r.code for r in rules if r.code.startswith(wanted.upper())}
    if not codes:
        raise ConfigError(
            f"unknown rule selector '{selector}' (use a code such as BL201, a prefix such as BL2, "
            "a rule name or ALL; `budget-lint rules` lists them)"
        )
    return codes


def _read(path: Path) -> dict:
    import tomllib  # here: a run without a configuration file needs none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == FILES[1]:
        section = data.get("tool", {}).get("budget-lint")
        if section is None:
            raise ConfigError(f"{path}: no [tool.budget-lint] table")
        data = section
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.budget-lint] must be a table")
    return data


def _aliased(values: dict[str, Any]) -> dict[str, Any]:
    by_name = {name: f.alias or name for name, f in Settings.model_fields.items()}
    return {by_name[key]: value for key, value in values.items()}


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(x) for x in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key '{where}'"
    return f"{where}: {error['msg']}"


def _name(path: Path | None) -> str:
    return str(path) if path is not None else "command line"


def _specificity(selector: str) -> tuple[int, int]:
    """ALL, then shorter prefixes, then longer ones, then codes and names: the most specific wins."""
    wanted = selector.strip().upper()
    if wanted == "ALL":
        return (0, 0)
    if re.fullmatch(r"BL\d{0,3}", wanted):
        return (1, len(wanted))
    return (2, 0)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop (reported when read)
        return path.as_posix()


def _rules(root: Path, packs: list[str]) -> tuple[Rule, ...]:
    from .rules import builtin_rules, with_local_packs

    if not packs:
        return builtin_rules()
    return with_local_packs([(root / pack, pack) for pack in packs])

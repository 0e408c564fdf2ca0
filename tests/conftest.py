from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "chongqing-beibei-hrss-2023-budget.txt"
REALDOCS = ROOT.parent / "shared" / "realdocs"

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(ROOT / "scripts"))  # the build scripts, whose output tests check


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def edit(text: str, line: int, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` on one 1-based line, insisting that ``old`` is there."""
    lines = text.split("\n")
    assert old in lines[line - 1], f"line {line} is {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def project_with(tmp_path, monkeypatch, text: str, edits) -> Path:
    """A working folder holding docs/bad.txt: ``text`` with ``edits`` (line, old, new) made."""
    for line, old, new in edits:
        text = edit(text, line, old, new)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_check(*args):
    """``budget-lint check ARGS`` in process; never a traceback."""
    from click.testing import CliRunner

    from budget_lint.cli import main

    result = CliRunner().invoke(main, ["check", *args])
    assert "Traceback" not in result.output
    return result

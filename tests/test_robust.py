"""Hostile and broken inputs: never a traceback, never a silent nothing. Each input gets exit 2 with one
line naming the file, or a finding; the other documents of the batch are still reported."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, run_check

from budget_lint import engine


def _json(result) -> dict:
    return json.loads(result.stdout)


def _one_line(result, path) -> str:
    lines = [line for line in result.stderr.splitlines() if str(path) in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crash_is_that_documents_error_and_the_batch_goes_on(tmp_path, monkeypatch, jobs):
    poison = tmp_path / "poison.txt"
    poison.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    real = engine.read_document

    def read(path):
        if "poison" in str(path):
            raise ZeroDivisionError("a bug")
        return real(path)

    monkeypatch.setattr(engine, "read_document", read)  # inherited by the forked workers
    result = run_check(str(EXAMPLE), str(poison), str(EXAMPLE), "--format", "json", "--jobs", jobs)
    assert result.exit_code == 2
    documents = _json(result)["documents"]
    assert [d["path"] for d in documents] == [str(EXAMPLE), str(poison), str(EXAMPLE)]
    assert documents[0]["error"] is None and documents[2]["error"] is None
    assert documents[1]["error"].startswith("internal error, not checked (ZeroDivisionError: a bug in read")
    assert "--debug" in _one_line(result, poison)


def test_debug_prints_the_traceback(tmp_path, monkeypatch, capsys):
    def read(path):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(engine, "read_document", read)
    report = engine.lint_path(str(EXAMPLE), engine.Options(debug=True))
    assert report.error.startswith("internal error")
    assert "Traceback" in capsys.readouterr().err


def test_a_document_out_of_time_is_reported_not_finished(monkeypatch):
    def read(path):
        while True:
            pass

    monkeypatch.setattr(engine, "read_document", read)
    report = engine.lint_path(str(EXAMPLE), engine.Options(time_budget=0.2))
    assert report.error == "not finished within 0.2 s (time budget)"

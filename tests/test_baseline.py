"""Accepted findings: --write-baseline records fingerprints; an entry needs a reason before it suppresses
its finding; an entry whose finding is gone is reported; line moves do not break entries."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import edit, project_with, run_check

ERROR = (342, "79.05 79.05", "79.05 79.50")
RESIDUE = (338, "2,793.59", "2,793.60")  # findings on row 20801: rounding residues, a twin-table mismatch


@pytest.fixture
def project(tmp_path, monkeypatch, example_text):
    return project_with(tmp_path, monkeypatch, example_text, (ERROR, RESIDUE))


run = run_check


def violations(result) -> list[dict]:
    return [v for d in json.loads(result.stdout)["documents"] for v in d["violations"]]


def reported(result) -> list[str]:
    return [v["code"] for v in violations(result)]


def fill_reasons(path, reason_for):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry["reason"] = reason_for(entry)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_written_baseline_suppresses_nothing_until_reasons_are_written(project):
    before = reported(run("docs", "--format", "json"))
    written = run("docs", "--write-baseline", "baseline.yaml")
    assert written.exit_code == 0 and written.stdout == ""
    assert f"wrote {len(before)} entries to baseline.yaml, {len(before)} without a reason" in written.stderr
    data = yaml.safe_load((project / "baseline.yaml").read_text(encoding="utf-8"))
    assert [e["code"] for e in data["entries"]] == before
    assert all(e["path"] == "docs/bad.txt" and e["reason"] == "" for e in data["entries"])

    unreasoned = run("docs", "--format", "json", "--baseline", "baseline.yaml")
    assert reported(unreasoned) == before and unreasoned.exit_code == 1
    assert f"{len(before)} matching entries have no reason and suppress nothing" in unreasoned.stderr


def test_an_entry_with_a_reason_suppresses_its_finding(project):
    run("docs", "--write-baseline", "baseline.yaml")
    fill_reasons(project / "baseline.yaml", lambda e: "尾差，原文如此" if e["row"] == "20801" else "")
    result = run("docs", "--format", "json", "--baseline", "baseline.yaml")
    rows = {v["row"] for v in violations(result)}
    assert "20801" not in rows and "2080102" in rows
    assert result.exit_code == 1

    fill_reasons(project / "baseline.yaml", lambda e: "已向财政局核实，原文如此")
    accepted = run("docs", "--format", "json", "--baseline", "baseline.yaml")
    assert reported(accepted) == [] and accepted.exit_code == 0
    assert accepted.stderr == ""


def test_entries_survive_moved_lines_and_another_working_folder(project, monkeypatch):
    run("docs", "--write-baseline", "baseline.yaml")
    fill_reasons(project / "baseline.yaml", lambda e: "accepted")
    bad = project / "docs" / "bad.txt"
    bad.write_text("\n\n" + bad.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project / "docs")
    result = run("bad.txt", "--format", "json", "--baseline", "../baseline.yaml")
    assert reported(result) == [] and result.exit_code == 0


def test_a_stale_entry_is_reported(project, example_text):
    run("docs", "--write-baseline", "baseline.yaml")
    fill_reasons(project / "baseline.yaml", lambda e: "accepted")
    (project / "docs" / "bad.txt").write_text(edit(example_text, *RESIDUE), encoding="utf-8")  # 342 fixed
    result = run("docs", "--format", "json", "--baseline", "baseline.yaml")
    assert result.exit_code == 0 and reported(result) == []
    stale = [line for line in result.stderr.splitlines() if "stale entry" in line]
    assert stale and all(line.startswith("budget-lint: baseline.yaml: stale entry") for line in stale)
    assert any("docs/bad.txt BL201 表二/2080102/合计" in line for line in stale)


def test_rewriting_keeps_reasons_and_entries_of_documents_not_checked(project):
    other = project / "docs" / "other.txt"
    other.write_text((project / "docs" / "bad.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run("docs", "--write-baseline", "baseline.yaml")
    fill_reasons(project / "baseline.yaml", lambda e: f"reason for {e['path']}")
    run("docs/bad.txt", "--write-baseline", "baseline.yaml")
    entries = yaml.safe_load((project / "baseline.yaml").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"docs/bad.txt", "docs/other.txt"}
    assert all(e["reason"] == f"reason for {e['path']}" for e in entries)


def test_baseline_from_the_configuration(project):
    run("docs", "--write-baseline", "accepted.yaml")
    fill_reasons(project / "accepted.yaml", lambda e: "accepted")
    (project / "budget-lint.toml").write_text('baseline = "accepted.yaml"\n', encoding="utf-8")
    assert reported(run("docs", "--format", "json")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entries: [\n", "baseline.yaml: invalid YAML"),
        ("entries:\n- path: a.txt\n", "baseline.yaml: entries.0.fingerprint: Field required"),
        ("version: 2\n", "baseline.yaml: version: Input should be 1"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(project, text, message):
    (project / "baseline.yaml").write_text(text, encoding="utf-8")
    result = run("docs", "--baseline", "baseline.yaml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"budget-lint: {message}") and result.stderr.count("\n") == 1


def test_a_missing_baseline_is_one_line(project):
    result = run("docs", "--baseline", "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("budget-lint: missing.yaml: cannot read")

import json

from click.testing import CliRunner
from conftest import EXAMPLE, edit

from budget_lint import __version__
from budget_lint.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_clean_example_exits_0():
    result = run("check", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output


def test_json_report_contract(tmp_path, example_text):
    bad = tmp_path / "bad.txt"
    bad.write_text(edit(example_text, 342, "79.05 79.05", "79.05 79.50"), encoding="utf-8")
    result = run("check", str(bad), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["tool"] == "budget-lint" and report["version"] == __version__
    document = report["documents"][0]
    assert document["path"] == str(bad) and document["error"] is None
    violation = next(v for v in document["violations"] if v["code"] == "BL201")
    assert set(violation) == {
        "code",
        "name",
        "severity",
        "message",
        "table",
        "table_title",
        "row",
        "row_label",
        "column",
        "reported",
        "computed",
        "difference",
        "tolerance",
        "source",
        "cells",
        "hint",
    }
    assert violation["table"] == "表二" and violation["row"] == "2080102"
    assert (violation["reported"], violation["computed"], violation["difference"]) == (
        "79.05",
        "79.50",
        "-0.45",
    )
    assert violation["source"] == {"line": 342, "page": None, "sheet": None, "cell": None}
    assert report["summary"]["errors"] == sum(1 for v in document["violations"] if v["severity"] == "error")


def test_unreadable_input_is_one_line_and_the_batch_goes_on(tmp_path):
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    result = CliRunner().invoke(main, ["check", str(missing), str(binary), str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    errors = {d["path"]: d["error"] for d in report["documents"]}
    assert errors[str(missing)] == "no such file"
    assert errors[str(binary)] == "binary file, not text"
    assert errors[str(EXAMPLE)] is None
    assert f"budget-lint: {missing}: no such file" in result.stderr
    assert "Traceback" not in result.output


def test_encodings_read_alike(tmp_path, example_text):
    variants = {
        "utf8.txt": example_text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + example_text.encode("utf-8"),
        "gb18030.txt": example_text.encode("gb18030"),
        "crlf.txt": example_text.replace("\n", "\r\n").encode("gb18030"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    result = run("check", str(tmp_path), "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 0
    assert report["summary"]["documents"] == 4
    # the example's findings (the narrative's doubled unit; 表十一 not read), alike from every encoding
    assert all(
        [(v["code"], v["source"]["line"]) for v in d["violations"]] == [("BL451", 212), ("BL005", 862)]
        for d in report["documents"]
    )


def test_english_messages(tmp_path, example_text):
    bad = tmp_path / "bad.txt"
    bad.write_text(edit(example_text, 342, "79.05 79.05", "79.05 79.50"), encoding="utf-8")
    result = run("check", str(bad), "--lang", "en", "--format", "json")
    messages = [v["message"] for v in json.loads(result.output)["documents"][0]["violations"]]
    assert any("reported 79.05, computed 79.50" in m for m in messages)


def test_python_m_budget_lint_runs_the_command_line():
    import subprocess
    import sys

    command = [sys.executable, "-m", "budget_lint", "check", str(EXAMPLE)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "0 个错误" in done.stdout


def test_the_console_script_leaves_its_report_whole_and_its_exit_status(tmp_path):
    """``entry`` leaves the process at once (``os._exit``): what it wrote is flushed first, to a pipe
    and to ``-o``, and the status is the command's."""
    import subprocess
    import sys

    written = tmp_path / "report.json"
    command = [sys.executable, "-m", "budget_lint", "check", "--format", "json", str(EXAMPLE)]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=120)
    to_file = subprocess.run([*command, "-o", str(written)], capture_output=True, text=True, timeout=120)
    assert piped.returncode == to_file.returncode == 0, piped.stderr + to_file.stderr
    assert json.loads(piped.stdout) == json.loads(written.read_text(encoding="utf-8"))
    missing = subprocess.run([*command[:-1], str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert missing.returncode == 2
    assert "none.txt" in missing.stderr

"""`budget-lint schema report|model`: the JSON Schemas of the two public contracts, pinned by golden files
and validated against every golden JSON report and the models of the example and the real documents.

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_schemas.py   # after an intended change
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE, REALDOCS, run_check

from budget_lint.readers import read_document

jsonschema = pytest.importorskip("jsonschema")
GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def _schema(what: str) -> dict:
    from click.testing import CliRunner

    from budget_lint.cli import main

    result = CliRunner().invoke(main, ["schema", what])
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.mark.parametrize("what", ["report", "model"])
def test_the_schema_is_the_golden_one(what):
    golden = GOLDEN / f"schema-{what}.json"
    text = json.dumps(_schema(what), ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _validator(what: str):
    schema = _schema(what)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("report", sorted(GOLDEN.glob("*/json.json")), ids=lambda p: p.parent.name)
def test_every_golden_report_validates(report):
    _validator("report").validate(json.loads(report.read_text(encoding="utf-8")))


def test_a_report_with_an_unreadable_input_validates(tmp_path):
    result = run_check(str(tmp_path / "missing.txt"), str(EXAMPLE), "--format", "json")
    _validator("report").validate(json.loads(result.stdout))


def test_the_report_schema_rejects_what_breaks_the_contract():
    validator = _validator("report")
    report = json.loads((GOLDEN / "mutated" / "json.json").read_text(encoding="utf-8"))
    report["documents"][0]["violations"][0]["severity"] = "fatal"
    assert not validator.is_valid(report)


def test_the_models_of_the_example_and_the_real_documents_validate():
    validator = _validator("model")
    paths = [EXAMPLE, *sorted(REALDOCS.glob("*.txt"))] if REALDOCS.exists() else [EXAMPLE]
    for path in paths:
        validator.validate(read_document(path).model_dump(mode="json"))

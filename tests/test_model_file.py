"""The YAML/JSON model form: a Document written out reads back to the same findings."""

import yaml
from conftest import EXAMPLE, edit

from budget_lint.engine import lint_document, lint_path
from budget_lint.readers import read_document
from budget_lint.readers.flat_text import read_flat


def _findings(violations):
    return [(v.code, v.severity, v.table, v.row, v.column, v.source.line) for v in violations]


def test_json_and_yaml_models_give_the_same_findings(tmp_path, example_text):
    text = edit(example_text, 342, "79.05 79.05", "79.05 79.50")
    expected = _findings(lint_document(read_flat(text, "x.txt")))
    document = read_flat(text, "x.txt")
    (tmp_path / "doc.json").write_text(document.model_dump_json(), encoding="utf-8")
    (tmp_path / "doc.yaml").write_text(
        yaml.safe_dump(document.model_dump(mode="json"), allow_unicode=True), encoding="utf-8"
    )
    for name in ("doc.json", "doc.yaml"):
        assert _findings(lint_path(str(tmp_path / name)).violations) == expected


def test_a_file_that_is_not_a_model_is_one_clear_error(tmp_path):
    (tmp_path / "bad.json").write_text('{"path": "x", "tables": [{"label": 3}]}', encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("a: [", encoding="utf-8")
    assert lint_path(str(tmp_path / "bad.json")).error == (
        "not a budget-lint document model: tables.0.label: Input should be a valid string"
    )
    assert lint_path(str(tmp_path / "broken.yaml")).error.startswith("not valid YAML: ")


def test_the_example_round_trips():
    document = read_document(EXAMPLE)
    assert (
        read_document(EXAMPLE).model_dump()
        == type(document).model_validate_json(document.model_dump_json()).model_dump()
    )

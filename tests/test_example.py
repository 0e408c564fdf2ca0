from decimal import Decimal

from conftest import EXAMPLE

from budget_lint.engine import lint_document
from budget_lint.readers import read_document


def test_example_lints_clean():
    """No error; one true warning: the narrative's "比上年减少 264.63万元万元" (line 212)."""
    violations = lint_document(read_document(EXAMPLE))
    found = [(v.code, v.source.line) for v in violations if v.severity in {"error", "warning"}]
    assert found == [("BL451", 212)]


def test_example_metadata_and_tables():
    document = read_document(EXAMPLE)
    assert (document.department, document.year, document.stage, document.unit) == (
        "重庆市北碚区人力资源和社会保障局",
        2023,
        "预算",
        "万元",
    )
    kinds = [(t.label, t.side, t.kind) for t in document.tables]
    assert kinds == [
        ("表一", "income", "fiscal_summary"),
        ("表一", "expense", "fiscal_summary"),
        ("表二", None, "general_budget_expense"),
        ("表三", None, "general_basic_expense"),
        ("表四", None, "three_public"),
        ("表五", None, "gov_fund_expense"),
        ("表六", "income", "income_expense_summary"),
        ("表六", "expense", "income_expense_summary"),
        ("表七", None, "income"),
        ("表八", None, "expense"),
        ("表九", None, "procurement"),
        ("表十", None, "performance_overall"),
        ("表十一", None, "performance_project"),
    ]


def test_table_continues_after_its_title():
    document = read_document(EXAMPLE)
    table = document.table("general_budget_expense")
    housing = table.coded_rows()["2210201"]
    assert housing.source.line == 404  # after the title at line 396
    assert [c.value for c in housing.cells] == [Decimal("197.81"), Decimal("197.81"), None]
    assert table.notes == ["备注：本表反映2023年当年一般公共预算财政拨款支出情况。"]


def test_placements_are_settled_by_the_documents_own_evidence():
    document = read_document(EXAMPLE)
    lint_document(document)
    general = document.table("general_budget_expense").coded_rows()
    assert general["2013204"].cells[2].value == Decimal("70.00")  # 项目支出: 201 is all project money
    assert general["2080101"].cells[1].value == Decimal("1902.56")  # 基本支出
    assert general["2080102"].cells[2].value == Decimal("79.05")  # 项目支出
    three = document.table("three_public").rows[0]
    roles = {
        role: cell.value
        for role, cell in zip(document.table("three_public").roles(), three.cells, strict=True)
    }
    assert roles["vehicle_operation"] == Decimal("11.00") and roles["vehicle_purchase"] is None
    assert not [r for t in document.tables for r in t.rows if r.candidates]

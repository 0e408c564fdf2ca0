"""The workbook reader: the finance office's workbooks of realdocs 01 and 02 (tests/fixtures/workbooks,
made by tests/fixtures/make_workbooks.py from the published PDFs) lint like the PDFs, at sheet!cell."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from budget_lint.cli import main
from budget_lint.engine import lint_path
from budget_lint.readers import ReadError, read_document
from budget_lint.readers.survey import NumberFormat, number_format
from budget_lint.readers.workbook import _text

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"
PDFS = Path(__file__).parents[1].parent / "shared" / "realdocs" / "pdf"
STEMS = ["01_shpt_sfj_2026_dept_budget", "02_shpt_sfj_2026_unit_budget"]
needs_pdfs = pytest.mark.skipif(not PDFS.exists(), reason="../shared/realdocs is not there")


def _findings(report) -> Counter:
    """What a finding says, wherever it is: rule, table, row, column and the figures."""
    return Counter(
        (v.code, v.severity, v.table, v.row, v.column, v.reported, v.computed, v.difference)
        for v in report.violations
    )


@needs_pdfs
@pytest.mark.parametrize("stem", STEMS)
def test_workbook_lints_like_its_pdf(stem):
    book = lint_path(str(FIXTURES / f"{stem}.xlsx"))
    pdf = lint_path(str(PDFS / f"{stem}.pdf"))
    assert book.error is None and book.violations
    assert _findings(book) == _findings(pdf)
    for v in book.violations:
        assert v.source.sheet and v.source.cell, v
        assert v.source.line is None and v.source.page is None


def test_every_table_cell_keeps_its_address():
    document = read_document(FIXTURES / f"{STEMS[0]}.xlsx")
    expense = document.table("expense")
    row = expense.coded_rows()["2040601"]
    assert [c.source.cell for c in row.cells] == [f"{c}{row.source.cell[1:]}" for c in "EFG"]
    assert {c.source.sheet for c in row.cells} == {"部门支出总表"}
    assert [str(c.value) for c in row.cells] == ["16726725.44", "16726725.44", "0.00"]
    assert all(c.decimals == 2 for c in row.cells)  # the number format's 0.00, not the double's repr


def _change(src: Path, dst: Path, sheet: str, cell: str, delta: int) -> None:
    book = openpyxl.load_workbook(src)
    book[sheet][cell].value += delta
    book.save(dst)


def test_one_changed_cell_is_an_error_at_that_cell(tmp_path):
    document = read_document(FIXTURES / f"{STEMS[0]}.xlsx")
    target = document.table("expense").coded_rows()["2040604"].cells[2].source  # 基层司法业务 项目支出
    changed = tmp_path / "changed.xlsx"
    _change(FIXTURES / f"{STEMS[0]}.xlsx", changed, target.sheet, target.cell, 100)
    before = _findings(lint_path(str(FIXTURES / f"{STEMS[0]}.xlsx")))
    report = lint_path(str(changed))
    new = [v for v in report.violations if v.severity == "error" and v.source == target]
    assert new, [(v.code, v.source) for v in report.violations]
    # one defect, one finding: the row identity at the cell, with its 款's failed sum folded in
    assert [v.code for v in new] == ["BL201"] and "BL101" in new[0].message
    assert sum(_findings(report).values()) > sum(before.values())


def test_numbers_show_as_the_cell_shows_them():
    two = number_format("#,##0.00")
    assert two == NumberFormat(decimals=2, min_decimals=2, width=1)
    assert _text(0.1, None) == "0.1"  # the shortest repr, never Decimal(0.1)'s 55 digits
    assert _text(16726725.44, two) == "16726725.44"
    assert _text(2.675, two) == "2.68"  # half-up from the repr 2.675, not the double 2.67499…
    assert _text(4412547.0, None) == "4412547"
    assert _text(6, number_format("00")) == "06"
    assert _text(0.1766, number_format("0.00%")) == "17.66%"
    assert _text(1.5, number_format("0.0#")) == "1.5"
    assert number_format("General") is None and number_format("yyyy-mm-dd") is None
    assert number_format("#,##0.00_);[Red]\\(#,##0.00\\)").decimals == 2


def _book(path: Path, rows: list[list], title: str = "表", hidden_rows=(), hidden_sheet=False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for r in hidden_rows:
        sheet.row_dimensions[r].hidden = True
    if hidden_sheet:
        extra = book.create_sheet("草稿")
        extra.append(["2026年部门支出预算总表"])
        extra.sheet_state = "hidden"
    book.save(path)
    return path


HEADER = [
    ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项"],
]


def test_sheet_name_is_the_title_and_text_numbers_and_hidden_rows(tmp_path):
    rows = [
        ["编制部门：某局", None, None, None, None, None, "单位：元"],
        *HEADER,
        [201, None, None, "一般公共服务支出", "1,234.50", 1000.5, 234],
        [201, "01", None, "人大事务", 1234.5, 1000.5, 234],
        [201, "01", "02", "一般行政管理事务", 1234.5, 1000.5, 234],
        [None, None, None, "合计", 1234.5, 1000.5, 234],
    ]
    path = _book(tmp_path / "b.xlsx", rows, title="部门支出总表", hidden_rows=[6], hidden_sheet=True)
    document = read_document(path)
    table = document.table("expense")
    assert table.title == "部门支出总表" and table.unit == "元"
    assert [c.role for c in table.columns] == ["total", "basic", "project"]
    first = table.coded_rows()["201"].cells[0]
    assert (str(first.value), first.decimals, first.source.cell) == ("1234.50", 2, "E4")
    notes = [f for f in document.findings if f.code == "BL007"]
    assert {f.source.sheet for f in notes} == {"草稿", "部门支出总表"}
    assert not document.tables_of("expense")[1:]  # the hidden sheet is not read
    assert lint_path(str(path)).violations == [
        v for v in lint_path(str(path)).violations if v.code == "BL007"
    ]


def test_two_tables_stacked_in_one_sheet(tmp_path):
    rows = [
        ["2026年部门支出预算总表"],
        *HEADER,
        [201, None, None, "一般公共服务支出", 10, 10, 0],
        [None, None, None, "合计", 10, 10, 0],
        [],
        ["2026年部门一般公共预算支出功能分类预算表"],
        *HEADER,
        [201, None, None, "一般公共服务支出", 10, 10, 0],
        [None, None, None, "合计", 10, 10, 0],
    ]
    document = read_document(_book(tmp_path / "s.xlsx", rows))
    assert [t.kind for t in document.tables] == ["expense", "general_budget_expense"]
    assert document.table("general_budget_expense").total_row().cells[0].source.cell == "E11"


def test_every_format_names_the_cell(tmp_path):
    path = tmp_path / "changed.xlsx"
    _change(FIXTURES / f"{STEMS[0]}.xlsx", path, "部门支出总表", "G12", 100)
    concise = CliRunner().invoke(main, ["check", str(path), "--format", "concise"]).output
    assert f"{path}:部门支出总表!G12: BL201" in concise
    import json

    report = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).output)
    sources = [v["source"] for v in report["documents"][0]["violations"]]
    assert {"line": None, "page": None, "sheet": "部门支出总表", "cell": "G12"} in sources
    sarif = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "sarif"]).output)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert {"startLine": 12, "startColumn": 7} in regions
    for fmt in ("markdown", "github", "junit", "full"):
        output = CliRunner().invoke(main, ["check", str(path), "--format", fmt]).output
        assert "部门支出总表!G12" in output, fmt


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@needs_pdfs
def test_hostile_and_broken_workbooks_are_one_line(tmp_path):
    bomb = _zip(
        tmp_path / "bomb.xlsx", {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/s.xml": b"0" * 50_000_000}
    )
    huge = tmp_path / "huge.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "部门支出总表"
    book.active["B1048576"] = 1
    book.save(huge)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes((FIXTURES / f"{STEMS[0]}.xlsx").read_bytes()[:5000])
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    text = tmp_path / "notes.xlsx"
    text.write_text("部门支出总表", encoding="utf-8")
    pdf = tmp_path / "report.xlsx"
    pdf.write_bytes((PDFS / f"{STEMS[0]}.pdf").read_bytes()[:2000])
    reasons = {
        bomb: "zip bomb",
        huge: "more than 1,000,000 cells",
        truncated: "damaged workbook",
        encrypted: "password-protected",
        text: "not a workbook",
        pdf: "a PDF",
    }
    for path, reason in reasons.items():
        with pytest.raises(ReadError, match=reason):
            read_document(path)
    good = FIXTURES / f"{STEMS[1]}.xlsx"
    result = CliRunner().invoke(main, ["check", *map(str, reasons), str(good), "--format", "concise"])
    assert result.exit_code == 2
    errors = [line for line in result.stdout.splitlines() if ": 无法读取: " in line]
    assert len(errors) == len(reasons) and all(len(e) < 300 for e in errors)
    assert f"{good}:单位支出总表!G11: BL201" in result.output  # the batch went on
    assert "Traceback" not in result.output


def test_annotated_copy_marks_every_culprit_cell(tmp_path):
    source = FIXTURES / f"{STEMS[1]}.xlsx"
    before = source.read_bytes()
    out = tmp_path / "annotated"
    result = CliRunner().invoke(main, ["check", str(source), "--annotate", str(out), "--format", "json"])
    assert result.exit_code == 1 and source.read_bytes() == before  # the input is never modified
    import json

    violations = json.loads(result.stdout)["documents"][0]["violations"]
    book = openpyxl.load_workbook(out / source.name)
    for v in violations:
        place = v["source"]
        if place["cell"]:
            cell = book[place["sheet"]][place["cell"]]
            assert cell.comment is not None and v["code"] in cell.comment.text, place
            assert cell.fill.start_color.rgb.endswith(
                {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}[
                    max(
                        (w["severity"] for w in violations if w["source"] == place),
                        key=["info", "warning", "error"].index,
                    )
                ]
            )
    results = book["审核结果"]
    assert results.max_row == len(violations) + 1
    links = [row[2].hyperlink.location for row in results.iter_rows(min_row=2)]
    assert links[0] == f"'{violations[0]['source']['sheet']}'!{violations[0]['source']['cell']}"


def test_html_report_is_self_contained_and_marks_the_cell(tmp_path):
    out = tmp_path / "report.html"
    source = FIXTURES / f"{STEMS[1]}.xlsx"
    result = CliRunner().invoke(main, ["check", str(source), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    import re

    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)  # no external asset
    assert "<link" not in page and "@import" not in page
    violations = lint_path(str(source)).violations
    assert page.count("<article ") == len(violations)
    assert page.count('class="n culprit error"') >= 1 and "单位支出总表!G11" in page
    for code in {v.code for v in violations}:
        assert f'<option value="{code}">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "<rect " in page


@needs_pdfs
def test_compare_workbook_with_its_pdf(tmp_path):
    from budget_lint.compare import compare_paths

    book, pdf = FIXTURES / f"{STEMS[0]}.xlsx", PDFS / f"{STEMS[0]}.pdf"
    assert [(r.error, r.violations) for r in compare_paths(str(book), str(pdf))] == [(None, []), (None, [])]
    changed = tmp_path / "changed.xlsx"
    _change(book, changed, "部门支出总表", "F11", 27)  # 2040601 行政运行 基本支出, a transposed 52 → 25
    at_book, at_pdf = compare_paths(str(changed), str(pdf))
    assert [(v.code, v.row, v.column, v.source.sheet, v.source.cell) for v in at_book.violations] == [
        ("BL701", "2040601", "基本支出", "部门支出总表", "F11")
    ]
    [v] = at_pdf.violations
    assert (v.code, v.row, v.column, v.reported, v.computed) == (
        "BL701",
        "2040601",
        "基本支出",
        "16726725.44",
        "16726752.44",
    )
    assert v.source.page is not None and v.cells[1].source.cell == "F11"
    result = CliRunner().invoke(main, ["compare", str(changed), str(pdf)])
    assert result.exit_code == 1 and "部门支出总表!F11" in result.stdout


@needs_pdfs
def test_compare_tells_two_different_documents_apart():
    from budget_lint.compare import compare_paths

    at_book, at_pdf = compare_paths(str(FIXTURES / f"{STEMS[0]}.xlsx"), str(PDFS / f"{STEMS[1]}.pdf"))
    differing = {(v.table, v.row, v.column) for v in at_book.violations if v.code == "BL701"}
    assert (
        "2026年部门“三公”经费和机关运行经费预算表",
        "合计",
        "机关运行经费",
    ) in differing  # 217.83 vs 184.59
    assert len(at_book.violations) > 50 and len(at_pdf.violations) > 50


def test_a_million_rows_and_formulas_without_results(tmp_path):
    tall = openpyxl.Workbook()
    tall.active["A1"], tall.active["A1048576"] = "部门支出总表", 1
    tall.save(tmp_path / "tall.xlsx")
    with pytest.raises(ReadError, match="refused: a sheet reaches cell A1048576"):
        read_document(tmp_path / "tall.xlsx")
    rows = [["2026年部门支出预算总表"], *HEADER, [201, None, None, "一般公共服务支出", 10, 10, 0]]
    path = _book(tmp_path / "f.xlsx", [*rows, [None, None, None, "合计", "=SUM(E4:E4)", 10, 0]])
    document = read_document(path)  # openpyxl saves formulas without their results
    table = document.table("expense")
    assert table.unread and not table.rows
    [finding] = [f for f in document.findings if f.code == "BL008"]
    assert finding.source.cell == "E5"


def test_xls_reads_like_xlsx():
    from budget_lint.compare import compare_paths

    xls, xlsx = FIXTURES / f"{STEMS[0]}.xls", FIXTURES / f"{STEMS[0]}.xlsx"
    assert _findings(lint_path(str(xls))) == _findings(lint_path(str(xlsx)))
    old, new = read_document(xlsx), read_document(xls)
    cells = [
        [(c.amount, c.source.cell) for t in d.tables for r in t.rows for c in r.cells] for d in (old, new)
    ]
    assert cells[0] == cells[1]  # an .xls carries no number format calamine reports: values, not decimals
    assert all(not r.violations for r in compare_paths(str(xls), str(PDFS / f"{STEMS[0]}.pdf")))


def test_a_label_cell_above_the_title_is_the_tables_label(tmp_path):
    rows = [["公开03表"], ["部门支出总表"], *HEADER, [201, None, None, "一般公共服务支出", 10, 10, 0]]
    table = read_document(_book(tmp_path / "l.xlsx", rows)).table("expense")
    assert (table.label, table.title, table.source.cell) == ("公开03表", "部门支出总表", "A2")


@needs_pdfs
def test_compare_names_rows_and_tables_on_one_side_only(tmp_path):
    from budget_lint.compare import compare_paths

    source = FIXTURES / f"{STEMS[0]}.xlsx"
    row = read_document(source).table("expense").coded_rows()["2040613"]  # 信息化建设
    book = openpyxl.load_workbook(source)
    book["部门支出总表"].delete_rows(int(row.source.cell[1:]))
    del book["部门“三公”经费和机关运行费预算表"]
    book.save(tmp_path / "short.xlsx")
    at_book, at_pdf = compare_paths(str(tmp_path / "short.xlsx"), str(PDFS / f"{STEMS[0]}.pdf"))
    assert not at_book.violations
    found = {(v.code, v.table, v.row) for v in at_pdf.violations}
    assert found == {
        ("BL702", "2026年部门支出预算总表", "2040613"),
        ("BL703", "2026年部门“三公”经费和机关运行经费预算表", None),
    }


def test_a_folder_skips_excels_lock_files(tmp_path):
    from budget_lint.batch import expand

    (tmp_path / "book.xlsx").write_bytes((FIXTURES / f"{STEMS[0]}.xlsx").read_bytes())
    (tmp_path / "~$book.xlsx").write_bytes(b"\x0bfinance  ")
    assert expand([str(tmp_path)]) == [str(tmp_path / "book.xlsx")]


def test_an_xls_is_checked_but_not_annotated(tmp_path):
    xls = FIXTURES / f"{STEMS[0]}.xls"
    result = CliRunner().invoke(main, ["check", str(xls), "--annotate", str(tmp_path), "--format", "concise"])
    assert result.exit_code == 2 and "save it as .xlsx first" in result.stderr
    assert "BL411" in result.stdout and not list(tmp_path.iterdir())

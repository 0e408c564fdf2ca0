"""Tests of the PDF layer on real budget PDFs (facts checked by hand against the rendered pages) and on
tiny PDFs written here for the cases the real ones do not have (fake bold, unmapped fonts, scans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_lint.readers.pdf_layout import Line, Page, PdfError, Span, extract_pages

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs" / "pdf"
JIANGSU_2017 = REALDOCS / "09_js_renda_2017_dept_budget.pdf"
SHANGHAI_2026 = REALDOCS / "01_shpt_sfj_2026_dept_budget.pdf"
JIANGSU_2019_TABLES = REALDOCS / "11_js_renda_2019_dept_budget_part2.pdf"


@pytest.fixture(scope="module")
def pages(request) -> list[Page]:
    path = request.param
    if not path.is_file():
        pytest.skip(f"real document not available: {path}")
    return extract_pages(path)


def spans_of(line: Line) -> list[str]:
    return [span.text for span in line.spans]


def line_starting(page: Page, first_span: str) -> Line:
    return next(line for line in page.lines if line.spans[0].text == first_span)


@pytest.mark.parametrize("pages", [JIANGSU_2017, SHANGHAI_2026, JIANGSU_2019_TABLES], indirect=True)
def test_real_documents_read_without_issues(pages):
    assert all(page.issue is None for page in pages)
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert [line.top for line in page.lines] == sorted(line.top for line in page.lines)
        for line in page.lines:
            assert line.page == page.number
            assert [span.x0 for span in line.spans] == sorted(span.x0 for span in line.spans)
            assert all(0 <= span.x0 < span.x1 <= page.width for span in line.spans)
            assert all(0 <= span.top < span.bottom <= page.height for span in line.spans)


@pytest.mark.parametrize("pages", [JIANGSU_2017], indirect=True)
def test_jiangsu_function_table_rows_are_code_name_amount(pages):
    page = pages[10]  # page 11: 财政拨款支出预算表
    assert page.lines[0].text == "财政拨款支出预算表"
    assert spans_of(page.lines[1]) == ["部门：", "江苏省人大常委会办公厅", "单位：万元"]
    assert spans_of(page.lines[2]) == ["功能科目代码", "功能科目名称", "金额"]
    assert spans_of(line_starting(page, "合计")) == ["合计", "13,649.07"]
    assert spans_of(line_starting(page, "2010101")) == ["2010101", "行政运行", "4,545.94"]
    assert spans_of(line_starting(page, "2080504")) == ["2080504", "未归口管理的行政单位离退休", "1,608.51"]
    assert spans_of(page.lines[-1]) == ["2210202", "提租补贴", "1,018.01"]


@pytest.mark.parametrize("pages", [SHANGHAI_2026], indirect=True)
def test_shanghai_function_table_row_has_one_span_per_cell(pages):
    page = pages[14]  # page 15, landscape
    assert (page.width, page.height) == (842, 595)
    assert page.lines[0].text == "2026年部门一般公共预算支出功能分类预算表"
    row = line_starting(page, "204")
    assert spans_of(row) == ["204", "公共安全支出", "87267272.44", "16726725.44", "70540547.00"]
    row = next(line for line in page.lines if "行政运行" in line.text)
    assert spans_of(row) == ["204", "06", "01", "行政运行", "16726725.44", "16726725.44", "0.00"]
    assert [round(span.x0) for span in row.spans] == [65, 106, 143, 169, 485, 597, 759]


@pytest.mark.parametrize("pages", [SHANGHAI_2026], indirect=True)
def test_shanghai_clipped_spreadsheet_lines_are_read_once(pages):
    # The narrative was printed from a spreadsheet: page 4 also holds (八)-(十) under a clip path and page
    # 5 also holds (六)-(七) above the page and under its clip. pdftotext prints (七)-(十) twice.
    numbered = [(p.number, line.text[:3]) for p in pages[3:5] for line in p.lines if line.text[0] == "（"]
    assert numbered == [(4, f"（{n}）") for n in "一二三四五六七"] + [(5, f"（{n}）") for n in "八九十"]
    assert pages[3].lines[-1].text == "负责本区律师、法律援助、司法鉴定、公证和基层法律服务等管理工作。"
    assert pages[2].lines == [] and pages[2].issue is None  # a blank page is not a problem


@pytest.mark.parametrize("pages", [JIANGSU_2019_TABLES], indirect=True)
def test_rotated_page_reads_upright_and_touching_cells_split_at_rulings(pages):
    page = pages[0]  # /Rotate 90: A3 landscape as displayed
    assert (page.width, page.height) == (1191, 842)
    assert page.lines[0].text == "收支预算总表"
    # The amount is right-aligned against the cell border and the next name starts right after it.
    assert spans_of(line_starting(page, "一、财政拨款")) == [
        "一、财政拨款", "18,330.37", "一、一般公共服务支出", "13,907.78", "一、基本支出", "9,312.90",
    ]  # fmt: skip
    assert spans_of(line_starting(page, "八、社会保障和就业支出")) == ["八、社会保障和就业支出", "1,121.39"]


def test_not_a_pdf_raises(tmp_path):
    path = tmp_path / "budget.pdf"
    path.write_text("部门预算", encoding="utf-8")
    with pytest.raises(PdfError, match="not a PDF"):
        extract_pages(path)
    with pytest.raises(PdfError, match="no such file"):
        extract_pages(tmp_path / "missing.pdf")


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def make_pdf(content: bytes, resources: bytes, *objects: bytes, trailer: bytes = b"") -> bytes:
    """A one-page A4 PDF; ``objects`` are numbered from 5 (1-4: catalog, pages, page, content)."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 4 0 R >>" % resources,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(bodies) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def read_one_page(tmp_path, data: bytes) -> Page:
    path = tmp_path / "test.pdf"
    path.write_bytes(data)
    [page] = extract_pages(path)
    return page


def test_fake_bold_text_comes_out_once(tmp_path):
    text = b"BT /F1 12 Tf %s 700 Td (Total 1,234.50) Tj ET BT /F1 12 Tf 300 700 Td (99.00) Tj ET"
    content = text % b"72" + b" " + text % b"72.4"  # everything drawn twice, 0.4 pt apart
    page = read_one_page(tmp_path, make_pdf(content, b"<< /Font << /F1 5 0 R >> >>", HELVETICA))
    assert page.issue is None
    assert [spans_of(line) for line in page.lines] == [["Total 1,234.50", "99.00"]]
    span = page.lines[0].spans[0]
    assert span.x0 == pytest.approx(72, abs=0.5)
    assert span.top == pytest.approx(842 - 700 - 12, abs=3)


def test_font_without_unicode_mapping_is_an_issue(tmp_path):
    # Glyph names that map to no character and no ToUnicode map: the text cannot be known.
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /Encoding << /Differences [65 /g1 /g2 /g3] >> >>"
    content = b"BT /F1 12 Tf 72 700 Td (ABCABC) Tj ET"
    page = read_one_page(tmp_path, make_pdf(content, b"<< /Font << /F1 5 0 R >> >>", font))
    assert page.issue == "text has no Unicode mapping (6 of 6 characters unreadable)"
    assert page.lines == []


def test_image_only_page_is_an_issue(tmp_path):
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    image += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    content = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
    page = read_one_page(tmp_path, make_pdf(content, b"<< /XObject << /Im1 5 0 R >> >>", image))
    assert page.issue == "image-only page (no text layer)"
    assert page.lines == []


def test_encrypted_pdf_raises(tmp_path):
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    file_id = b"<00112233445566778899aabbccddeeff>"
    data = make_pdf(b"", b"<< >>", encrypt, trailer=b"/Encrypt 5 0 R /ID [%s %s] " % (file_id, file_id))
    path = tmp_path / "locked.pdf"
    path.write_bytes(data)
    with pytest.raises(PdfError, match="encrypted"):
        extract_pages(path)


def test_a_few_private_use_bullets_are_dropped_without_an_issue(tmp_path):
    cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bullets def "
    cmap += b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <6C> <F06C> endbfchar "
    cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end"
    bullets = b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats /ToUnicode 7 0 R >>"
    content = b"BT /F2 10 Tf 72 700 Td (l) Tj /F1 10 Tf 12 0 Td (Budget total 1,234.50 yuan) Tj ET"
    resources = b"<< /Font << /F1 5 0 R /F2 6 0 R >> >>"
    to_unicode = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)
    page = read_one_page(tmp_path, make_pdf(content, resources, HELVETICA, bullets, to_unicode))
    assert page.issue is None
    assert [line.text for line in page.lines] == ["Budget total 1,234.50 yuan"]


def test_an_image_only_pdf_is_reported_not_checked(tmp_path):
    """Through the linter: the page is reported (BL004) and, with no readable page, the file is an
    input error, not a clean result."""
    from budget_lint.engine import lint_path
    from budget_lint.rules import builtin_rules

    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    image += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    content = b"q 100 0 0 100 50 50 cm /Im1 Do Q"
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(content, b"<< /XObject << /Im1 5 0 R >> >>", image))
    report = lint_path(str(path))
    assert report.error == "no page has readable text (scanned or without a Unicode mapping)"
    assert "BL004" in {rule.code for rule in builtin_rules()}


def test_an_unreadable_page_among_readable_ones_is_reported(tmp_path, monkeypatch):
    from budget_lint.engine import lint_path
    from budget_lint.readers import pdf_layout

    text = Line(1, 10, 20, [Span("本部门2024年部门预算情况说明", 10, 200, 10, 20)])
    pages = [Page(1, 595, 842, [text]), Page(2, 595, 842, [], "image-only page (no text layer)")]
    monkeypatch.setattr(pdf_layout, "extract_pages", lambda path: pages)
    path = tmp_path / "two.pdf"
    path.write_bytes(b"%PDF-1.4")
    report = lint_path(str(path))
    found = [v for v in report.violations if v.code == "BL004"]
    assert [(v.severity, v.source.page) for v in found] == [("warning", 2)]

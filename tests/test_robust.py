"""Hostile and broken inputs: never a traceback, never a silent nothing. Each input gets exit 2 with one
line naming the file, or a finding; the other documents of the batch are still reported."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, REALDOCS, run_check
from hypothesis import given, settings
from hypothesis import strategies as st

from budget_lint import engine
from budget_lint.engine import lint_document
from budget_lint.readers import read_text_document

needs_realdocs = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")


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
    assert report.error == "not finished within its time budget (0.2 s of processor time)"


def _document(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return engine.lint_path(str(path))


def test_misplaced_thousands_separator_is_a_finding_at_its_line(tmp_path, example_text):
    text = "\n".join(
        line.replace("4,683.96", "46,83.96") if n == 848 else line
        for n, line in enumerate(example_text.split("\n"), start=1)
    )
    report = _document(tmp_path, "grouping.txt", text)
    assert report.error is None
    found = [(v.code, v.source.line) for v in report.violations if v.severity != "info"]
    assert ("BL010", 848) in found
    assert not [v for v in report.violations if v.severity == "error"]


@needs_realdocs
@pytest.mark.parametrize("figure", ["-88888888888888888888888888.75", "1E+30", "NaN", "0.0000001"])
def test_a_figure_that_cannot_be_money_leaves_its_table_unread(tmp_path, figure):
    real = (REALDOCS / "24_yn_shidian_2016_sangong_final.txt").read_text(encoding="utf-8")
    report = _document(tmp_path, "r24.txt", real.replace("| 2911.47 |", f"| {figure} |", 1))
    assert report.error is None
    unread = [v for v in report.violations if v.code == "BL002"]
    assert len(unread) == 1 and figure in unread[0].message and unread[0].source.line == 9
    assert not [v for v in report.violations if v.severity == "error"]


def test_a_narrative_figure_that_cannot_be_money_is_not_read(tmp_path, example_text):
    text = example_text.replace("4,683.96 万元", "46839999999999999999999.96 万元", 1)
    report = _document(tmp_path, "narrative.txt", text)
    assert report.error is None
    assert [v.code for v in report.violations if v.code == "BL011"] == ["BL011"]
    assert not [v for v in report.violations if v.severity == "error"]


def test_a_very_long_number_in_a_table_is_refused(tmp_path, example_text):
    text = example_text.replace("4,683.96", "4" * 40 + ".96")
    report = _document(tmp_path, "long.txt", text)
    assert report.error is None
    assert any(v.code == "BL002" for v in report.violations)


def _model(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return engine.lint_path(str(path)).error


@pytest.fixture(scope="module")
def model() -> dict:
    return engine.read_document(EXAMPLE).model_dump(mode="json")


def _ambiguous_row(model: dict) -> dict:
    return next(r for t in model["tables"] for r in t["rows"] if r.get("candidates"))


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda m: _ambiguous_row(m).update(candidates=[[0, 1, 2, 3, 4, 5, 6]]), "must place"),
        (lambda m: _ambiguous_row(m).update(candidates=[[]]), "must place"),
        (lambda m: _ambiguous_row(m).update(candidates=[]), "candidates: empty"),
        (lambda m: m["tables"][1]["rows"][0]["cells"][0].update(value="9e999999"), "digits before the point"),
        (lambda m: m["tables"][1]["rows"][0]["cells"][0].update(value="NaN"), "finite number"),
        (lambda m: m["tables"][1]["rows"][0]["cells"][0].update(decimals=10**9), "decimals must be"),
        (lambda m: m["tables"][1]["rows"][0]["cells"][0].update(unit="斤"), "unknown unit '斤'"),
        (lambda m: m["tables"][1]["rows"][0]["cells"].pop(), "cells for"),
    ],
)
def test_a_model_file_is_checked_beyond_its_types(tmp_path, model, change, reason):
    broken = json.loads(json.dumps(model))
    change(broken)
    error = _model(tmp_path, "doc.json", json.dumps(broken, ensure_ascii=False))
    assert error.startswith("not a budget-lint document model: tables.") and reason in error


@pytest.mark.parametrize("name", ["deep.json", "deep.yaml"])
def test_a_deeply_nested_model_is_refused_before_parsing(tmp_path, name):
    error = _model(tmp_path, name, '{"narrative": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert error == "not a budget-lint document model: nested deeper than 64 levels"


def test_a_yaml_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    error = _model(tmp_path, "bomb.yaml", "\n".join(lines))
    assert error == "YAML aliases (*name) are not accepted in a model file"


def _bytes(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return engine.lint_path(str(path))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"])
def test_wide_encodings_with_or_without_bom_read_alike(tmp_path, example_text, encoding):
    expected = engine.lint_path(str(EXAMPLE)).violations
    report = _bytes(tmp_path, "wide.txt", example_text.encode(encoding))
    assert report.error is None
    assert [(v.code, v.source.line) for v in report.violations] == [(v.code, v.source.line) for v in expected]


def test_big5_is_refused_with_its_encoding_named(tmp_path, example_text):
    report = _bytes(tmp_path, "big5.txt", example_text.encode("big5", errors="ignore"))
    assert report.error.startswith("Big5 (traditional Chinese) text: not read")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_few_bad_bytes_are_replaced_and_reported_at_their_lines(tmp_path, example_text, encoding):
    data = bytearray(example_text.encode(encoding))
    line_of = {}
    for offset in (data.index("表一".encode(encoding)) - 1, len(data) // 2):
        data[offset] = 0xFF
        line_of[data[:offset].count(b"\n") + 1] = offset
    report = _bytes(tmp_path, "damaged.txt", bytes(data))
    assert report.error is None
    damaged = [v for v in report.violations if v.code == "BL012"]
    assert len(damaged) == 1 and all(str(line) in damaged[0].message for line in line_of)
    assert damaged[0].source.line == min(line_of)


def test_a_file_cut_mid_character_is_read(tmp_path, example_text):
    data = example_text.encode("utf-8")
    cut = data[: data.index("表九".encode()) + 1]
    report = _bytes(tmp_path, "cut.txt", cut)
    assert report.error is None and any(v.code == "BL012" for v in report.violations)


def test_binary_data_is_refused(tmp_path):
    assert _bytes(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40).error == (
        "binary file, not text"
    )


def test_files_that_are_not_files(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    paths = [fifo, tmp_path / "a.txt", tmp_path / "zero.txt", "/dev/zero"]
    result = run_check(*map(str, paths), str(EXAMPLE), "--format", "json")
    assert result.exit_code == 2
    errors = [d["error"] for d in _json(result)["documents"]]
    assert errors == [
        "not a regular file (a named pipe); only files and folders are read",
        "Too many levels of symbolic links",
        "not a regular file (a device); only files and folders are read",
        "not a regular file (a device); only files and folders are read",
        None,
    ]
    for path in paths:
        _one_line(result, path)


def test_inputs_beyond_the_size_and_line_limits_are_refused(tmp_path, monkeypatch):
    from budget_lint.readers import textio

    monkeypatch.setitem(textio.MAX_BYTES, "text", 2**20)
    assert _bytes(tmp_path, "big.txt", b"1 " * 2**20).error == "larger than 1 MB, the limit for a text input"
    monkeypatch.undo()
    long = "2080101 行政运行 " + "1.00 " * 5000
    assert _bytes(tmp_path, "long.txt", long.encode()).error == (
        "line 1 is longer than 20,000 characters, the limit for a line"
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 9_999, 10_000, 10_001, 19_999, 20_000, 20_001, 30_000]), max_size=6))
def test_the_line_limit_finds_the_first_line_too_long(lengths):
    """``within_line_limit`` looks at the text stretch by stretch; what it refuses, and the line it
    names, are those of the text split into its lines."""
    from budget_lint.readers.textio import MAX_LINE, ReadError, within_line_limit

    text = "\n".join("x" * n for n in lengths)
    first = next((n for n, line in enumerate(text.split("\n"), 1) if len(line) > MAX_LINE), None)
    try:
        within_line_limit(text)
        refused = None
    except ReadError as exc:
        refused = str(exc)
    assert refused == (first and f"line {first} is longer than 20,000 characters, the limit for a line")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["表", "表一", "二", " ", "\n", "\t", "x", "表x"]), max_size=12))
def test_flat_text_is_told_by_a_label_line(pieces):
    """``looks_flat`` finds the lines with 表 in them by searching the text; it says what the lines
    split out of the text say."""
    from budget_lint.readers.flat_text import TABLE_LABEL, looks_flat

    text = "".join(pieces)
    assert looks_flat(text) == any(TABLE_LABEL.match(line) for line in text.split("\n"))


def test_a_file_name_holding_a_plus_is_that_file(tmp_path):
    plus = tmp_path / "c++.txt"
    plus.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_check(str(plus), "--format", "json")
    assert result.exit_code == 0 and _json(result)["documents"][0]["error"] is None
    joined = run_check(f"{plus}+{tmp_path / 'missing.pdf'}", "--format", "json")
    assert _json(joined)["documents"][0]["error"] == f"no such file: {tmp_path / 'missing.pdf'}"


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_never_overwrites_an_input(tmp_path, option):
    doc = tmp_path / "doc.txt"
    doc.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = doc.read_bytes()
    target = tmp_path / "." / "doc.txt"
    result = run_check(str(tmp_path), option, str(target))
    assert result.exit_code == 2
    assert (
        result.stderr == f"budget-lint: {target}: is the input {doc}; not overwritten (name another file)\n"
    )
    assert doc.read_bytes() == before


@pytest.mark.parametrize("fmt", ["full", "concise", "github", "json", "markdown"])
def test_statistics_in_every_format_that_can_carry_them(fmt, tmp_path, example_text):
    bad = tmp_path / "bad.txt"
    bad.write_text(example_text.replace("79.05 79.05", "79.05 79.50", 1), encoding="utf-8")
    result = run_check(str(bad), "--statistics", "--format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        assert {"code": "BL201", "name": "expense-total-parts", "count": 1} in json.loads(result.stdout)
    elif fmt == "markdown":
        assert "| 1 | `BL201` | expense-total-parts |" in result.stdout.splitlines()
    else:
        assert "1  BL201  expense-total-parts" in result.stdout.splitlines()


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_statistics_in_a_format_without_a_place_for_them_is_one_line(fmt):
    result = run_check(str(EXAMPLE), "--statistics", "--format", fmt)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"budget-lint: --statistics has no place in the {fmt} format")


def test_the_summary_counts_unreadable_inputs(tmp_path):
    result = run_check(str(tmp_path / "missing.txt"), str(EXAMPLE), "--format", "json")
    assert _json(result)["summary"]["unreadable"] == 1
    text = run_check(str(tmp_path / "missing.txt"), str(EXAMPLE), "--format", "concise")
    assert text.stdout.splitlines()[-1].endswith("，1 个无法读取")


def test_skipped_files_are_said_once(tmp_path):
    (tmp_path / "doc.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("a.docx", "b.csv", "c.docx"):
        (tmp_path / name).write_bytes(b"PK")
    result = run_check(str(tmp_path), "--format", "concise")
    assert result.exit_code == 0
    assert result.stderr == (
        "budget-lint: skipped 3 file(s) of a kind not read (.csv, .docx); "
        "read are .json, .pdf, .txt, .xls, .xlsm, .xlsx, .yaml, .yml\n"
    )


def test_a_document_that_kills_its_worker_process_is_only_its_own_error(tmp_path, monkeypatch):
    import os

    poison = tmp_path / "poison.txt"
    poison.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    real = engine.read_document

    def read(path):
        if "poison" in str(path):
            os._exit(9)  # as a native crash or the kernel's out-of-memory killer would
        return real(path)

    monkeypatch.setattr(engine, "read_document", read)
    paths = [str(poison), str(EXAMPLE), str(EXAMPLE)]
    result = run_check(*paths, "--format", "json", "--jobs", "2")
    assert result.exit_code == 2
    errors = [d["error"] for d in _json(result)["documents"]]
    assert errors == ["internal error, not checked (the process checking it died)", None, None]


def _standalone_table(label: bool) -> str:
    """One 一般公共预算财政拨款支出预算表 of 1,000 coded rows in the example's form (title after the body):
    10 类 of 9 款 of 10 项, each 项 all 基本支出."""
    body, total = [], 0
    for c in range(211, 221):
        kuan = [
            (f"{c}{k:02d}", [(f"{c}{k:02d}{x:02d}", 100 + x) for x in range(1, 11)]) for k in range(1, 10)
        ]
        class_sum = sum(v for _, items in kuan for _, v in items)
        total += class_sum
        body.append(f"{c} 类{c} {class_sum:,.2f} {class_sum:,.2f}")
        for code, items in kuan:
            body.append(f" {code}  款{code} {sum(v for _, v in items):,.2f} {sum(v for _, v in items):,.2f}")
            body += [f"  {item}   项{item} {v:.2f} {v:.2f}" for item, v in items]
    lines = [
        "某局2023年部门预算",
        *(["表二"] if label else []),
        "单位：万元",
        " 科目编码 科目名称 合计 基本支出 项目支出",
        f"{total:,.2f} {total:,.2f}",
        *body,
        "功能分类科目 2023年预算数",
        "合计",
        "某局一般公共预算财政拨款支出预算表",
        "备注：本表反映2023年当年一般公共预算财政拨款支出情况。",
    ]
    return "\n\n".join(lines) + "\n"


def test_a_standalone_table_of_1000_rows_is_read_and_a_changed_cell_found():
    from budget_lint.readers import read_text_document

    text = _standalone_table(label=True)
    document = read_text_document(text, "alone.txt")
    assert [(t.kind, len(t.rows)) for t in document.tables] == [("general_budget_expense", 1001)]
    assert not [v for v in lint_document(document) if v.severity != "info"]
    changed = text.replace("  2150305   项2150305 105.00 105.00", "  2150305   项2150305 105.00 150.00")
    errors = [v for v in lint_document(read_text_document(changed, "alone.txt")) if v.severity == "error"]
    assert errors and all(v.row == "2150305" for v in errors)


def test_coded_lines_no_table_took_in_are_reported_never_a_silent_nothing():
    """Without its 表二 label the body precedes a title the segmenter cannot tie it to: its lines stay
    in the narrative. They are said (BL009) and the table with a title and no rows is not read (BL002)."""
    from budget_lint.readers import read_text_document

    found = lint_document(read_text_document(_standalone_table(label=False), "alone.txt"))
    assert sorted(v.code for v in found) == ["BL002", "BL009"]
    assert "1000 行" in next(v.message for v in found if v.code == "BL009")


@pytest.mark.parametrize("mark", ["7", "- 7 -", "第 7 页"])
def test_a_page_number_inside_a_flattened_table_is_no_row(tmp_path, example_text, mark):
    """A page break inside 表二 of the flattened example, its page number on a line of its own: the
    findings of the example as published (a bare 7 read as a row's amount broke 表二's sums)."""
    lines = example_text.split("\n")
    assert lines[331].startswith(" 20132")
    paged = "\n".join([*lines[:331], mark, "", *lines[331:]])
    shifted = {
        (v.code, v.table, v.row, v.column, v.severity) for v in _document(tmp_path, "p.txt", paged).violations
    }
    published = {
        (v.code, v.table, v.row, v.column, v.severity) for v in engine.lint_path(str(EXAMPLE)).violations
    }
    assert shifted == published


_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@needs_realdocs
@pytest.mark.parametrize("number", ["13", "20"])
@pytest.mark.parametrize("form", ["full-width figures", "万 元"])
def test_the_narrative_typed_another_way_says_the_same(number, form):
    """The narrative typed with full-width figures (２０１９年, １２．５％), or with 万 and 元 apart (text
    spaced out by a justified PDF line): the document's findings are those of it as published. (20's
    year was not found, so its 2019 renames went unreported; 13's empty 政府性基金 table lost the
    narrative's "0 万 元" that explains it.)"""
    (path,) = REALDOCS.glob(f"{number}_*.txt")
    text = path.read_text(encoding="utf-8")
    document = read_text_document(text, path.name)
    narrative = {line.source.line for line in document.narrative}
    lines = text.split("\n")
    for n in narrative:
        lines[n - 1] = (
            lines[n - 1].translate(_FULL_WIDTH)
            if form == "full-width figures"
            else lines[n - 1].replace("万元", "万 元")
        )

    def found(doc):
        return sorted((v.code, v.severity, v.table, v.row) for v in lint_document(doc))

    assert found(read_text_document("\n".join(lines), path.name)) == found(document)

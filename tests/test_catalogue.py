"""The subject catalogue: its data, its sources, and the BL6xx checks on the example and real documents."""

from __future__ import annotations

import json
from pathlib import Path

import build_catalogue
import pytest
from conftest import REALDOCS, edit

from budget_lint import catalogue
from budget_lint.engine import lint_document, lint_path
from budget_lint.readers import read_document
from budget_lint.readers.flat_text import read_flat

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_data_is_what_the_sources_build():
    shipped = json.loads((ROOT / "budget_lint" / "catalogue" / "catalogue.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(build_catalogue.build(), ensure_ascii=False))


def test_every_entry_names_a_source_with_an_address():
    data = catalogue._data()
    sources = {s["id"]: s for s in data["sources"]}
    assert all(s["url"].startswith("http") and s["title"] for s in sources.values())
    for by_year in data["versions"].values():
        for version in by_year.values():
            for entry in version["entries"].values():
                assert entry["sources"] and set(entry["sources"]) <= set(sources)


def test_a_year_without_a_catalogue_uses_the_nearest():
    assert catalogue.version_for("economic_dept", 2024).year == 2020
    assert catalogue.version_for("economic_dept", 2017).year == 2018
    assert catalogue.version_for("function", 2023).year == 2023
    assert catalogue.version_for("function", None) is None


def test_only_a_completely_listed_parent_makes_a_code_unknown():
    version = catalogue.version_for("function", 2023)
    assert version.known_absent("2080906")  # 20809 lists 01–05 and 99
    assert not version.known_absent("2080905")
    assert not version.known_absent("2080199")  # 20801 is not listed in full: silence


def _example_with(example_text, *edits):
    text = example_text
    for line, old, new in edits:
        text = edit(text, line, old, new)
    return [v for v in lint_document(read_flat(text, "edited.txt")) if v.code.startswith("BL6")]


def test_a_code_absent_from_a_partly_known_parent_is_never_reported(example_text):
    assert _example_with(example_text, (354, "2080199", "2080198")) == []


def test_a_name_of_another_code_is_reported_with_the_catalogue_year(example_text):
    found = _example_with(example_text, (448, "30205  水费", "30205  邮电费"))
    assert [(v.code, v.severity, v.source.line) for v in found] == [("BL602", "info", 448)]
    # 2023 has no economic catalogue of its own: the 2020 one is used, and said
    assert "2020年科目目录" in found[0].message and "30207" in found[0].message


def test_a_shortened_name_is_not_a_mismatch(example_text):
    assert _example_with(example_text, (426, "基本养老保险缴费", "基本养老保险费")) == []


def _corpus():
    files = sorted(REALDOCS.glob("*.txt")) if REALDOCS.exists() else []
    return [*files, ROOT / "examples" / "chongqing-beibei-hrss-2023-budget.txt"]


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_running_numbers_in_07():
    """07 (2024) numbers the 款 of 302 01–13 in print order: 302 03 水费, 302 04 电费, 302 05 邮电费,
    302 07 工会经费, 302 08 福利费 are 30205, 30206, 30207, 30228, 30229 in the catalogue (PDF p. 17)."""
    found = [
        v
        for v in lint_path(str(REALDOCS / "07_shpt_fuliyuan_2024_unit_budget.txt")).violations
        if v.code.startswith("BL6")
    ]
    assert [(v.code, v.severity, v.row, v.source.line) for v in found] == [("BL603", "warning", "302", 298)]
    assert [c.source.line for c in found[0].cells] == [304, 306, 308, 312, 314]
    assert "水费印为 302 03，应为 30205" in found[0].message


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_catalogue_coverage_of_the_corpus():
    """What share of the corpus's codes the catalogue holds (for any year), and that each one it holds
    carries, in some year, the name the documents print or an abbreviation of it — except the running
    numbers of 07. The coverage is partial (see README): this pins it so it can only grow."""
    from budget_lint.checks.catalogue import abbreviates, normal_name

    names: dict[str, set[str]] = {}
    for path in _corpus():
        for table in read_document(str(path)).tables:
            for row in table.rows:
                if row.code and catalogue.classification(row.code) and row.label:
                    names.setdefault(row.code, set()).add(normal_name(row.label))
    held = {}
    for by_year in catalogue._data()["versions"].values():
        for version in by_year.values():
            for code, entry in version["entries"].items():
                held.setdefault(code, set()).add(normal_name(entry["name"]))
    covered = {c for c in names if c in held}
    assert len(covered) >= 35, sorted(covered)  # of 210 distinct codes (2026-12)
    running_07 = {
        "咨询费",
        "水费",
        "电费",
        "邮电费",
        "办公设备购置费",
        "工会经费",
        "福利费",
        "车辆运行费",
        "事业单位离退休人员福利费",
        "机关事业单位退休人员活动费",
        "其他商品和服务支出",
    }
    for code in covered:
        for printed in names[code] - running_07:
            assert any(abbreviates(printed, official) for official in held[code]), (code, printed)


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")
def test_the_20805_rename_is_not_dated_to_2019():
    """20805 行政事业单位离退休 became 行政事业单位养老支出 after 2019 (no source found gives the year; the
    2019 documents 11, 14, 17, 20 and 23 still print the old name, the 2023 ones the new): it is not one of
    the 2019 类 renames, so no 2019 document is told its 20805 name is outdated."""
    from budget_lint.recognise import RENAMED_CLASSES

    assert "行政事业单位离退休" not in RENAMED_CLASSES
    for number in ("11", "14", "17", "20", "23"):
        path = next(REALDOCS.glob(f"{number}_*.txt"))
        report = lint_path(str(path))
        renamed = [
            v
            for v in report.violations
            if v.code in ("BL454", "BL504", "BL602")
            and ("20805" in (v.row or "") or "行政事业单位离退休" in v.message)
        ]
        assert not renamed, number

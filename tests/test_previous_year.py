"""Cross-year runs: last year's document of the same department and stage, in the run or --previous."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import REALDOCS

from budget_lint.cli import main
from budget_lint.engine import Options, lint_path
from budget_lint.previous_year import cross_check, department_key, pairs
from budget_lint.readers import read_document

pytestmark = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")


def _doc(name: str) -> str:
    return str(REALDOCS / name)


FAYUAN = [_doc("21_js_fayuan_2017_dept_budget.txt"), _doc("22_js_fayuan_2018_dept_budget.txt")]
JIANCHA = [_doc("12_js_jianchayuan_2017_dept_budget.txt"), _doc("13_js_jianchayuan_2018_dept_budget.txt")]


def _cross(paths, previous=None):
    reports = [lint_path(p) for p in paths]
    return {r.path: r for r in cross_check(reports, lambda _: Options(), previous)}


def test_departments_are_told_from_the_head():
    assert department_key(read_document(FAYUAN[1])) == "江苏省高级人民法院"
    assert department_key(read_document(JIANCHA[0])) == "江苏省人民检察院"
    # 28's title wraps: 上海市普陀区规划和自然 / 资源局 (L1–2)
    ghzy = read_document(_doc("28_shpt_ghzy_2024_dept_final.txt"))
    assert department_key(ghzy) == "上海市普陀区规划和自然资源局"
    # 24 opens with the web page's 索引号 … 发布机构 施甸县财政局
    assert department_key(read_document(_doc("24_yn_shidian_2016_sangong_final.txt"))) == "施甸县财政局"
    # 26 cites 《国务院关于深化预算管理制度改革的决定》: a cited title's issuer is not the department
    assert department_key(read_document(_doc("26_sc_jingyan_2020_sangong_final.txt"))) != "国务院"


def test_a_head_without_the_name_takes_the_one_the_document_names_most():
    """20 (江苏省政协办公厅 2019) opens with its 目录; its narrative names 江苏省政协办公厅 at L195, L242,
    L252 … and its table heads (部门：江苏省政协办公厅, L446 …): it pairs with 19 (2018)."""
    assert department_key(read_document(_doc("20_js_zhengxie_2019_dept_budget.txt"))) == "江苏省政协办公厅"


def _number(path: str) -> str:
    return path.rsplit("/", 1)[-1][:2]


def test_the_corpus_pairs_every_series_and_nothing_else():
    """The 上海万里 2023/2024/2025 and the five 江苏 2017/2018/2019 series; no other document has last
    year's document of its department and stage in the corpus. 20's changes against 19 all hold
    (13,377.11 − 10,150.48 = 3,226.63; 426 − 429.30 = −3.30; 397.5 − 412.5 = −15 …): no finding."""
    paths = [str(p) for p in sorted(REALDOCS.glob("*.txt"))]
    found = {_number(later): _number(earlier) for later, earlier in pairs(paths).items()}
    assert found == {"05": "04", "06": "05", "10": "09", "11": "10", "13": "12", "14": "13", "16": "15",
                     "17": "16", "19": "18", "20": "19", "22": "21", "23": "22"}


def test_one_run_pairs_each_document_with_last_years():
    found = pairs([*FAYUAN, *JIANCHA])
    assert found == {
        FAYUAN[1]: FAYUAN[0],
        JIANCHA[1]: JIANCHA[0],
    }


def test_prior_year_figures_against_last_years_document():
    """22 L633–634 (2018): 一般行政事务管理 6049.97, "减少 392.92" where 21 (2017, L657) has 6432.89:
    the fall is 382.92. 13 L1090–1093: 因公出国（境）费 100, "与上年预算数相等" where 12 (L891) budgets 110.
    13 L1066–1067: 一般公共预算财政拨款支出 21,940.96, "增加 3,958.98" where 12 (L859) has 17,981.68:
    the rise is 3,959.28 (13's own L950 says so)."""
    reports = _cross([*FAYUAN, *JIANCHA])
    found = {
        (path.rsplit("/", 1)[-1][:2], v.source.line, v.difference)
        for path, r in reports.items()
        for v in r.violations
        if v.code == "BL604"
    }
    assert found == {("22", 634, "-10.00"), ("13", 1090, "10"), ("13", 1067, "-0.30")}
    v = next(v for v in reports[FAYUAN[1]].violations if v.code == "BL604")
    assert "21_js_fayuan_2017_dept_budget.txt 第657行" in v.message
    assert {c.table for c in v.cells} == {"说明", "21_js_fayuan_2017_dept_budget.txt:说明"}


def test_nothing_is_compared_across_departments():
    assert pairs([FAYUAN[1], JIANCHA[0]]) == {}
    assert pairs([FAYUAN[1]], previous=JIANCHA[0]) == {}
    reports = _cross([FAYUAN[1], JIANCHA[0], *JIANCHA[1:]])
    assert not [v for v in reports[FAYUAN[1]].violations if v.code == "BL604"]


def test_previous_names_last_years_document():
    result = CliRunner().invoke(main, ["check", FAYUAN[1], "--previous", FAYUAN[0], "--format", "concise"])
    assert ":634: BL604 [error]" in result.output
    alone = CliRunner().invoke(main, ["check", FAYUAN[1], "--format", "concise"])
    assert "BL604" not in alone.output


def test_an_unreadable_previous_is_one_line(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["check", FAYUAN[1], "--previous", str(missing)])
    assert result.exit_code == 2
    assert "missing.txt" in result.output and "Traceback" not in result.output

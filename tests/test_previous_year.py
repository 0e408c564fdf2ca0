"""Cross-year runs: last year's document of the same department and stage, in the run or --previous."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, REALDOCS

from budget_lint.cli import main
from budget_lint.engine import Options, lint_path
from budget_lint.previous_year import AsRead, Keeper, cross_check, department_key, lint_keeping, pairs
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
    assert found == {
        "05": "04",
        "06": "05",
        "10": "09",
        "11": "10",
        "13": "12",
        "14": "13",
        "16": "15",
        "17": "16",
        "19": "18",
        "20": "19",
        "22": "21",
        "23": "22",
    }


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


SHIDIAN = "24_yn_shidian_2016_sangong_final.txt"


def _shidian_2015(tmp_path, outbound: str = "13.06"):
    """A 2015 决算 of 施甸县 in 24's form, whose 本年决算数 are the 上年决算数 24 (2016) states (2911.47,
    13.06, 1679.69, 1218.72, 14.80, 1203.92); ``outbound`` replaces its 因公出国 figure."""
    lines = (REALDOCS / SHIDIAN).read_text(encoding="utf-8").splitlines()
    text = (
        "\n".join(lines[:8]).replace("2016年", "2015年")
        + "\n"
        + "\n".join(
            [
                "合计 | 2900.00 | 2911.47 | 11.47 | 0.40% |",
                f"1.因公出国(境)费 | 13.06 | {outbound} | 0 | 0% |",
                "2.公务接待费 | 1679.69 | 1679.69 | 0 | 0% |",
                "3.公务用车购置及运行费 | 1207.25 | 1218.72 | 11.47 | 0.95% |",
                "其中:(1)公务用车购置费 | 3.33 | 14.80 | 11.47 | 344.44% |",
                "(2)公务用车运行费 | 1203.92 | 1203.92 | 0 | 0% |",
            ]
        )
        + "\n"
    )
    path = tmp_path / "24_yn_shidian_2015_sangong_final.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _bl605(paths, previous=None):
    return [v for r in _cross(paths, previous).values() for v in r.violations if v.code == "BL605"]


def test_a_final_items_tables_prior_column_against_last_years_outturn(tmp_path):
    earlier = _shidian_2015(tmp_path)
    assert pairs([earlier, _doc(SHIDIAN)]) == {_doc(SHIDIAN): earlier}
    assert _bl605([earlier, _doc(SHIDIAN)]) == []
    # last year's 因公出国 outturn 13.60: 24 L10's 上年决算数 13.06 is not it
    found = _bl605([_doc(SHIDIAN)], previous=_shidian_2015(tmp_path, outbound="13.60"))
    assert [(v.source.line, v.row, v.column, v.difference) for v in found] == [
        (10, "因公出国(境)费", "上年数", "-0.54")
    ]
    assert "24_yn_shidian_2015_sangong_final.txt 第10行" in found[0].message
    table = "24_yn_shidian_2015_sangong_final.txt:施甸县2015年“三公”经费决算情况统计表"
    assert found[0].cells[1].table == table


def test_last_years_outturn_is_never_its_budget(tmp_path):
    """27 (上海市普陀区财政局 2024 决算, L491) budgets 0.95 for 公务接待 and spends nothing (its 决算数
    cells are blank): a 2025 table giving 0.95 as 上年决算数 has last year's budget where the outturn
    belongs."""
    text = (
        "\n".join(
            [
                "上海市普陀区财政局2025年“三公”经费决算情况统计表 | ||||",
                "单位:万元 | ||||",
                "项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |",
                "增、减金额 | 增、减幅度 | |||",
                "合计 | {0} | 1.20 | 0.25 | 26.32% |",
                "1.因公出国(境)费 | 0 | 0 | 0 | 0% |",
                "2.公务接待费 | {0} | 1.20 | 0.25 | 26.32% |",
                "3.公务用车购置及运行费 | 0 | 0 | 0 | 0% |",
            ]
        )
        + "\n"
    )
    later = tmp_path / "czj_2025_sangong_final.txt"
    czj = _doc("27_shpt_czj_2024_dept_final.txt")
    later.write_text(text.format("0.00"), encoding="utf-8")
    assert pairs([czj, str(later)]) == {str(later): czj}
    assert _bl605([czj, str(later)]) == []
    later.write_text(text.format("0.95"), encoding="utf-8")
    found = _bl605([czj, str(later)])
    assert [(v.source.line, v.row, v.difference) for v in found] == [
        (5, "合计", "0.95"),
        (7, "公务接待费", "0.95"),
    ]
    assert all("27_shpt_czj_2024_dept_final.txt 第491行" in v.message for v in found)


def test_a_budgets_prior_column_is_not_compared(tmp_path):
    """A 预算's 上年 column may be last year's budget or what was spent: 24's table made a 预算 (2016, 上年
    因公出国 13.06) against a 2015 预算 budgeting 13.60 is not checked."""
    budget = tmp_path / "24_2016_budget.txt"
    text = (REALDOCS / SHIDIAN).read_text(encoding="utf-8")
    budget.write_text(text.replace("决算", "预算"), encoding="utf-8")
    earlier = tmp_path / "24_2015_budget.txt"
    earlier.write_text(
        Path(_shidian_2015(tmp_path, outbound="13.60")).read_text(encoding="utf-8").replace("决算", "预算"),
        encoding="utf-8",
    )
    assert read_document(str(budget)).tables[0].kind == "three_public_items"
    assert pairs([str(earlier), str(budget)]) == {str(budget): str(earlier)}
    assert _bl605([str(earlier), str(budget)]) == []


def _check_counting_reads(monkeypatch, args):
    import budget_lint.engine
    import budget_lint.previous_year
    from budget_lint.readers import read_document as read

    reads: list[str] = []

    def counted(path):
        reads.append(path)
        return read(path)

    monkeypatch.setattr(budget_lint.engine, "read_document", counted)
    monkeypatch.setattr(budget_lint.previous_year, "read_document", counted)
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output, sorted(reads)


def test_a_cross_year_run_reads_each_input_once(monkeypatch):
    """The pairing takes each document's meta and the document as read from the lint's own read; past
    ``KEEP_LIMIT`` the documents that pair are read again, with the same findings (13 L1090 BL604)."""
    paths = [*FAYUAN, *JIANCHA]
    output, reads = _check_counting_reads(monkeypatch, paths)
    assert reads == sorted(paths)
    assert '"line": 1090' in output
    monkeypatch.setattr("budget_lint.previous_year.KEEP_LIMIT", 0)
    again, reads = _check_counting_reads(monkeypatch, paths)
    assert again == output
    assert reads == sorted(paths * 2)  # each document here pairs, as the later or the earlier one
    monkeypatch.undo()
    _, reads = _check_counting_reads(monkeypatch, [FAYUAN[1], JIANCHA[1], "--previous", FAYUAN[0]])
    assert reads == sorted([FAYUAN[1], JIANCHA[1], FAYUAN[0]])


def _pickled(document) -> bytes:
    return pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)


def test_a_document_kept_as_read_is_the_document_read_again():
    """A run keeps each document as the object its lint read, with what the checks' settling changed put
    back (``AsRead``): for the example and every document of the corpus, that is the document read again,
    to the byte of its pickle, and so is what a worker process sends of it. The lint did change most of
    them (placements, precision, BL001 findings): a change of anything else a document holds fails here."""
    changed = 0
    paths = [EXAMPLE, *sorted(p for p in REALDOCS.iterdir() if p.suffix in {".txt", ".pdf"})]
    for path in map(str, paths):
        _, kept = lint_keeping(path, Options())
        assert isinstance(kept.document, AsRead)
        as_read = _pickled(read_document(path))
        changed += _pickled(kept.document.document) != as_read
        assert _pickled(kept.read(path)) == as_read, path
        assert pickle.loads(pickle.dumps(kept)).document == as_read, path
    assert changed >= 20


def test_the_keeper_keeps_documents_as_read_then_pickled_then_none(monkeypatch):
    example = lint_keeping(str(EXAMPLE), Options())[1].document
    size, pickled = example.size, len(example.pickled())
    monkeypatch.setattr("budget_lint.previous_year.LIVE_LIMIT", 2 * size)
    monkeypatch.setattr("budget_lint.previous_year.KEEP_LIMIT", 2 * size + 3 * pickled)
    keeper = Keeper()
    kept = [keeper.keep(lint_keeping(str(EXAMPLE), Options())[1]) for _ in range(6)]
    assert [type(k.document) for k in kept] == [AsRead] * 2 + [bytes] * 3 + [type(None)]
    assert all(k.meta == kept[0].meta for k in kept)

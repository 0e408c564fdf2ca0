"""Generated documents: a consistent disclosure in the example's flattened form lints clean, and one
cell changed by a clear amount is always reported as an error at its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget_lint.engine import lint_document
from budget_lint.readers.flat_text import read_flat

CLASSES = {
    "201": "一般公共服务支出",
    "205": "教育支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "213": "农林水支出",
    "221": "住房保障支出",
}
PERSONNEL = ["30101", "30102", "30103", "30108"]
PUBLIC = ["30201", "30205", "30211", "30299"]

cents = st.integers(min_value=1, max_value=50_000_000)


def money(value: int) -> str:
    return f"{Decimal(value).scaleb(-2):,.2f}"


@dataclass
class Item:
    code: str
    basic: int
    project: int
    children: list[Item] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.basic + self.project


@st.composite
def leaf(draw, code: str) -> Item:
    kind = draw(st.sampled_from(["basic", "project", "both"]))
    basic = draw(cents) if kind in {"basic", "both"} else 0
    project = draw(cents) if kind in {"project", "both"} else 0
    return Item(code, basic, project)


@st.composite
def branch(draw, code: str, depth: int) -> Item:
    if depth == 0:
        return draw(leaf(code))
    suffixes = draw(st.lists(st.sampled_from(["01", "02", "05", "99"]), min_size=1, max_size=3, unique=True))
    children = [draw(branch(code + s, depth - 1)) for s in sorted(suffixes)]
    return Item(code, sum(c.basic for c in children), sum(c.project for c in children), children)


@st.composite
def split(draw, total: int, codes: list[str]) -> list[tuple[str, int]]:
    """``total`` cents split over 1–3 of ``codes``, every part positive."""
    chosen = sorted(draw(st.lists(st.sampled_from(codes), min_size=1, max_size=min(3, total), unique=True)))
    cuts = (
        sorted(
            draw(
                st.lists(
                    st.integers(1, total - 1), min_size=len(chosen) - 1, max_size=len(chosen) - 1, unique=True
                )
            )
        )
        if len(chosen) > 1
        else []
    )
    bounds = [0, *cuts, total]
    return [(code, bounds[i + 1] - bounds[i]) for i, code in enumerate(chosen)]


@st.composite
def documents(draw) -> str:
    classes = [
        draw(branch(code, 2))
        for code in draw(st.lists(st.sampled_from(sorted(CLASSES)), min_size=1, max_size=3, unique=True))
    ]
    classes.sort(key=lambda c: c.code)
    total = Item("", sum(c.basic for c in classes), sum(c.project for c in classes))
    personnel_total = draw(st.integers(1, total.basic - 1)) if total.basic > 1 else 0
    personnel = draw(split(personnel_total, PERSONNEL)) if personnel_total else []
    public = draw(split(total.basic - personnel_total, PUBLIC)) if total.basic - personnel_total else []
    return render(classes, total, personnel, public)


def rows(items: list[Item], amounts) -> list[str]:
    lines = []
    for item in items:
        name = CLASSES.get(item.code, f"科目{item.code}")
        lines += [f"{item.code} {name} {' '.join(money(a) for a in amounts(item) if a)}", ""]
        lines += rows(item.children, amounts)
    return lines


def expense_table(label: str, classes: list[Item], total: Item) -> list[str]:
    """表二 and 表八 alike: 合计 / 基本支出 / 项目支出 by code, the unlabelled total row first."""
    split = lambda i: (i.total, i.basic, i.project)  # noqa: E731
    head = [label, "", "单位：万元", "", "科目编码 科目名称 合计 基本支出 项目支出", ""]
    return [*head, " ".join(money(a) for a in split(total) if a), "", *rows(classes, split)]


def render(classes: list[Item], total: Item, personnel, public) -> str:
    t = money(total.total)
    source = f"一般公共预算资金 {t} "
    lines = [
        "某区某局",
        "",
        "2024年部门预算情况说明",
        "",
        "表一",
        "",
        "单位：万元",
        "",
        "项目 预算数 项目 合计 一般公共预算 政府性基金预算 国有资本经营预算",
        "",
        f"一、本年收入 {t} 一、本年支出 {t} {t}",
        "",
    ]
    lines += [
        f"{source if i == 0 else ''}{CLASSES[c.code]} {money(c.total)} {money(c.total)}"
        for i, c in enumerate(classes)
    ] + [""]
    lines += [
        f"收入合计 {t} 支出合计 {t} {t}",
        "",
        "某区某局财政拨款收支总表",
        "",
    ]
    lines += expense_table("表二", classes, total)
    lines += [
        "某区某局一般公共预算财政拨款支出预算表",
        "",
        "表三",
        "",
        "单位：万元",
        "",
        "科目编码 科目名称 合计 人员经费 日常公用经费",
        "",
        " ".join(
            money(a) for a in (total.basic, sum(v for _, v in personnel), sum(v for _, v in public)) if a
        ),
        "",
    ]
    for klass, name, parts in (("301", "工资福利支出", personnel), ("302", "商品和服务支出", public)):
        if parts:
            amount = money(sum(v for _, v in parts))
            lines += [f"{klass} {name} {amount} {amount}", ""]
            lines += [line for code, v in parts for line in (f"{code} 科目{code} {money(v)} {money(v)}", "")]
    lines += [
        "某区某局一般公共预算财政拨款基本支出预算表",
        "",
        "表六",
        "",
        "单位：万元",
        "",
        "项目 预算数 项目 预算数",
        "",
        f"合计 {t} 合计 {t}",
        "",
    ]
    lines += [
        f"{source if i == 0 else ''}{CLASSES[c.code]} {money(c.total)}" for i, c in enumerate(classes)
    ] + [
        "",
        "某区某局部门收支总表",
        "",
        "表七",
        "",
        "单位：万元",
        "",
        "科目编码 科目名称 合计 一般公共预算拨款收入",
        "",
        f"{t} {t}",
        "",
    ]
    lines += rows(classes, lambda i: (i.total, i.total))
    lines += [
        "某区某局部门收入总表",
        "",
    ]
    lines += expense_table("表八", classes, total)
    lines += ["某区某局部门支出总表", ""]
    return "\n".join(lines)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_consistent_documents_lint_clean(text):
    problems = [
        v for v in lint_document(read_flat(text, "generated.txt")) if v.severity in {"error", "warning"}
    ]
    assert problems == [], (problems, text)


@SETTINGS
@given(documents(), st.data())
def test_one_changed_cell_is_flagged_at_its_line(text, data):
    lines = text.split("\n")
    start = lines.index("表一")
    cells = [
        (n, token)
        for n, line in enumerate(lines)
        if n > start
        for token in line.split()
        if "." in token and token.replace(",", "").replace(".", "").isdigit()
    ]
    number, token = data.draw(st.sampled_from(cells))
    changed = money(int(Decimal(token.replace(",", "")) * 100) + data.draw(st.integers(100, 10_000_000)))
    lines[number] = lines[number].replace(token, changed, 1)
    errors = [v for v in lint_document(read_flat("\n".join(lines), "generated.txt")) if v.severity == "error"]
    assert number + 1 in {v.source.line for v in errors}, (number + 1, lines[number], errors)

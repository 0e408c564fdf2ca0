"""``--format html``: one self-contained page for people who do not read JSON — no network, no external
asset. Each document's findings with the frame of its table (the cell to fix marked, as in the full
report), filters by severity and rule, the count of findings per table and a small chart of them."""

from __future__ import annotations

from collections import Counter
from html import escape

from ..findings import CellRef, DocumentReport, Report, Violation
from . import RenderOptions, location, severity_word, summary_line, t
from .full import _culprits, _reported, _rows, frame_columns

COLOUR = {"error": "#c62828", "warning": "#e08600", "info": "#1565c0"}
STYLE = """
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
margin:0;color:#222;background:#f6f7f9}
header{background:#263238;color:#fff;padding:12px 24px}header h1{font-size:18px;margin:0}
main{padding:12px 24px}.filters{margin:8px 0 16px}.filters label{margin-right:14px}
section.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 18px;margin-bottom:18px}
h2{font-size:16px;margin:4px 0 8px;word-break:break-all}.error-line{color:#c62828;font-weight:bold}
.counts{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}.counts table{border-collapse:collapse}
.counts td,.counts th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}
article{border-left:4px solid #999;padding:6px 12px;margin:10px 0;background:#fafafa}
article.error{border-color:#c62828}article.warning{border-color:#e08600}article.info{border-color:#1565c0}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:0 6px;margin-right:6px;font-weight:bold}
.where{color:#555;font-family:ui-monospace,monospace}
table.frame{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}
table.frame td,table.frame th{border:1px solid #ccc;padding:2px 8px}table.frame td.n{text-align:right}
td.culprit{background:#ffc7ce;font-weight:bold;outline:2px solid #c62828}
td.culprit.warning{background:#ffeb9c;outline-color:#e08600}td.culprit.info{background:#ddebf7;outline-color:#1565c0}
td.reported{font-weight:bold}.note{color:#444}.hidden{display:none}
"""
SCRIPT = """
function apply(){
  const sev=[...document.querySelectorAll('input[name=sev]')].filter(i=>i.checked).map(i=>i.value);
  const rule=document.getElementById('rule').value;
  document.querySelectorAll('article').forEach(a=>{
    a.classList.toggle('hidden',!(sev.includes(a.dataset.severity)&&(!rule||a.dataset.code===rule)));});
}
document.querySelectorAll('.filters input,.filters select').forEach(e=>e.addEventListener('change',apply));
"""


def render(report: Report, options: RenderOptions) -> str:
    lang = options.lang
    codes = sorted({v.code for d in report.documents for v in d.violations})
    checks = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> '
        f'<span class="badge" style="background:{COLOUR[s]}">{severity_word(s, lang)}</span></label>'
        for s in ("error", "warning", "info")
    )
    rules = "".join(f'<option value="{c}">{c}</option>' for c in codes)
    body = "".join(_document(d, lang) for d in report.documents)
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh"}"><head><meta charset="utf-8">'
        f"<title>budget-lint</title><style>{STYLE}</style></head><body>"
        f"<header><h1>budget-lint · {escape(summary_line(report.summary, lang))}</h1></header><main>"
        f'<div class="filters">{checks}<label>{t(lang, "规则", "rule")} <select id="rule">'
        f'<option value="">{t(lang, "全部", "all")}</option>{rules}</select></label></div>'
        f"{body}</main><script>{SCRIPT}</script></body></html>\n"
    )


def _document(document: DocumentReport, lang: str) -> str:
    head = f"<h2>{escape(document.path)}</h2>"
    if document.error:
        cannot = t(lang, "无法读取", "cannot read")
        error = escape(document.error)
        return f'<section class="doc">{head}<p class="error-line">{cannot}: {error}</p></section>'
    if not document.violations:
        return f'<section class="doc">{head}<p>{t(lang, "没有发现问题", "no findings")}</p></section>'
    findings = "".join(_violation(v, document.path, lang) for v in document.violations)
    return f'<section class="doc">{head}{_counts(document, lang)}{findings}</section>'


def _counts(document: DocumentReport, lang: str) -> str:
    """Findings per table, as a table and as a bar chart (inline SVG, stacked by severity)."""
    per: dict[str, Counter] = {}
    for v in document.violations:
        per.setdefault(v.table or "—", Counter())[v.severity] += 1
    order = sorted(per, key=lambda k: -sum(per[k].values()))
    rows = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{per[name][s] or ''}</td>" for s in ("error", "warning", "info"))
        + "</tr>"
        for name in order
    )
    heads = "".join(f"<th>{severity_word(s, lang)}</th>" for s in ("error", "warning", "info"))
    table = f"<table><tr><th>{t(lang, '表', 'table')}</th>{heads}</tr>{rows}</table>"
    top = max(sum(c.values()) for c in per.values())
    bar_height, width = 18, 260
    bars = []
    for i, name in enumerate(order):
        x = 0.0
        for severity in ("error", "warning", "info"):
            w = width * per[name][severity] / top
            if w:
                bars.append(
                    f'<rect x="{x:.1f}" y="{i * bar_height + 2}" width="{w:.1f}" height="{bar_height - 4}" '
                    f'fill="{COLOUR[severity]}"><title>{escape(name)}: {per[name][severity]}</title></rect>'
                )
            x += w
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{len(order) * bar_height}" '
        f'role="img" aria-label="{t(lang, "各表问题数", "findings per table")}">{"".join(bars)}</svg>'
    )
    return f'<div class="counts">{table}{svg}</div>'


def _violation(v: Violation, path: str, lang: str) -> str:
    reported = _reported(v)
    culprits = _culprits(v, reported)
    where = escape(location(path, v.source))
    if v.table:
        where += " · " + escape(v.table + (f" {v.table_title}" if v.table_title not in ("", v.table) else ""))
    parts = [
        f'<article class="{v.severity}" data-severity="{v.severity}" data-code="{v.code}">',
        f'<div><span class="badge" style="background:{COLOUR[v.severity]}">{severity_word(v.severity, lang)}'
        f" {v.code}</span>{escape(v.message)}</div>",
        f'<div class="where">{where}</div>',
    ]
    if v.cells:
        parts.append(_frame(v, reported, culprits, lang))
    if v.reported is not None:
        note = t(
            lang,
            f"填报 {v.reported}，计算 {v.computed}，差 {v.difference}，容差 {v.tolerance}",
            f"reported {v.reported}, computed {v.computed}, difference {v.difference}, "
            f"tolerance {v.tolerance}",
        )
        parts.append(f'<div class="note">{escape(note)}</div>')
    return "".join(parts) + "</article>"


def _frame(v: Violation, reported: CellRef | None, culprits: list[CellRef], lang: str) -> str:
    """The cells the check read, laid out as their table is (one table) or one per row (several)."""
    marked = {id(c) for c in culprits}

    def value(cell: CellRef | None) -> str:
        if cell is None:
            return '<td class="n"></td>'
        text = escape(cell.value if cell.value is not None else "-")
        classes = "n" + (
            f" culprit {v.severity}" if id(cell) in marked else " reported" if cell is reported else ""
        )
        return f'<td class="{classes}" title="{escape(_place(cell))}">{text}</td>'

    if len({c.table for c in v.cells}) > 1:
        head = [
            t(lang, "位置", "at"),
            t(lang, "表", "table"),
            t(lang, "科目", "row"),
            t(lang, "列", "column"),
            "",
        ]
        rows = [
            f"<tr><td>{escape(_place(c))}</td><td>{escape(c.table)}</td><td>{escape(_name(c))}</td>"
            f"<td>{escape(c.column or '')}</td>{value(c)}</tr>"
            for c in v.cells
        ]
    else:
        columns = frame_columns(v, marked, reported)
        head = [t(lang, "位置", "at"), t(lang, "科目", "row"), *columns]
        rows = [
            f"<tr><td>{escape(_place(first))}</td><td>{escape(_name(first))}</td>"
            + "".join(value(cells.get(col)) for col in columns)
            + "</tr>"
            for first, cells in _rows(v.cells)
        ]
    heads = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f'<table class="frame"><tr>{heads}</tr>{"".join(rows)}</table>'


def _name(cell: CellRef) -> str:
    return " ".join(x for x in (cell.row, cell.label if cell.label != cell.row else "") if x)


def _place(cell: CellRef) -> str:
    s = cell.source
    if s.cell:
        return f"{s.sheet}!{s.cell}"
    return str(s.line) if s.line else f"p{s.page}" if s.page else ""

"""``--annotate DIR``: for each workbook checked, a copy in DIR whose culprit cells are filled (error red,
warning amber, info blue) and carry an Excel comment with the finding, plus a 审核结果 sheet listing
every finding with a link to its cell. The input workbook is never modified (openpyxl writes the copy).
"""

from __future__ import annotations

from pathlib import Path

from ..findings import SEVERITY_ORDER, DocumentReport, Violation
from ..readers.workbook import RESULTS_SHEET as SHEET
from . import severity_word, t

FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
WRITABLE = {".xlsx", ".xlsm"}


class AnnotateError(Exception):
    """A copy that cannot be written; the message is one line."""


def annotate(document: DocumentReport, directory: Path, lang: str) -> Path | None:
    """Write the annotated copy of one checked workbook into ``directory``; None for other inputs."""
    source = Path(document.path)
    if document.error or source.suffix.lower() not in WRITABLE | {".xls"}:
        return None
    if source.suffix.lower() == ".xls":
        raise AnnotateError(f"{source}: cannot annotate an .xls (Excel 97-2003); save it as .xlsx first")
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    target = directory / source.name
    if target.resolve() == source.resolve():
        raise AnnotateError(f"{target}: the annotated copy would overwrite the input")
    try:
        book = openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    except Exception as exc:  # openpyxl raises many kinds for files calamine read
        raise AnnotateError(f"{source}: cannot annotate ({str(exc).splitlines()[0][:160]})") from None
    at: dict[tuple[str, str], list[Violation]] = {}
    for v in document.violations:
        if v.source.sheet in book.sheetnames and v.source.cell:
            at.setdefault((v.source.sheet, v.source.cell), []).append(v)
    for (sheet, cell), found in at.items():
        worst = min(found, key=lambda v: SEVERITY_ORDER[v.severity]).severity
        target_cell = book[sheet][cell]
        target_cell.fill = PatternFill("solid", start_color=FILL[worst], end_color=FILL[worst])
        comment = Comment("\n\n".join(_comment(v, lang) for v in found), "budget-lint")
        comment.width, comment.height = 420, 160 * len(found)
        target_cell.comment = comment
    if SHEET in book.sheetnames:
        del book[SHEET]
    results = book.create_sheet(SHEET, 0)
    heads = [
        t(lang, "代码", "code"),
        t(lang, "级别", "severity"),
        t(lang, "位置", "cell"),
        t(lang, "表", "table"),
        t(lang, "行", "row"),
        t(lang, "列", "column"),
        t(lang, "说明", "message"),
        t(lang, "填报", "reported"),
        t(lang, "计算", "computed"),
        t(lang, "差额", "difference"),
    ]
    results.append(heads)
    for cell in results[1]:
        cell.font = Font(bold=True)
    for v in document.violations:
        place = (
            f"{v.source.sheet}!{v.source.cell}" if v.source.sheet and v.source.cell else v.source.sheet or ""
        )
        results.append(
            [
                v.code,
                severity_word(v.severity, lang),
                place,
                v.table,
                v.row,
                v.column,
                v.message,
                v.reported,
                v.computed,
                v.difference,
            ]
        )
        if v.source.sheet in book.sheetnames:
            link = results.cell(results.max_row, 3)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=f"'{v.source.sheet}'!{v.source.cell or 'A1'}"
            )
            link.font = Font(color="0563C1", underline="single")
            results.cell(results.max_row, 2).fill = PatternFill("solid", start_color=FILL[v.severity])
    for letter, width in zip("ABCDEFGHIJ", (8, 6, 28, 30, 10, 10, 80, 14, 14, 14), strict=True):
        results.column_dimensions[letter].width = width
    results.freeze_panes = "A2"
    book.active = 0
    # openpyxl writes formulas without their cached results: have Excel recalculate on opening.
    book.calculation.fullCalcOnLoad = True
    try:
        directory.mkdir(parents=True, exist_ok=True)
        book.save(target)
    except OSError as exc:
        raise AnnotateError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return target


def _comment(v: Violation, lang: str) -> str:
    lines = [f"{v.code} [{severity_word(v.severity, lang)}] {v.message}"]
    if v.reported is not None:
        lines.append(
            t(
                lang,
                f"填报 {v.reported}，计算 {v.computed}，差 {v.difference}",
                f"reported {v.reported}, computed {v.computed}, difference {v.difference}",
            )
        )
    return "\n".join(lines)

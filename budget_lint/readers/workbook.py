"""Reader for workbooks (.xlsx, .xlsm, .xls): every cell keeps its sheet and A1 address.

A sheet becomes the same positioned lines the PDF reader makes: one line per sheet row, one token per
non-empty cell, placed at its column (a merged cell spans its columns), so that the shared segmenter
and block reader recognise titles, header roles, codes and units exactly as they do on a page. Several
tables stacked in one sheet are cut at their titles like the tables of a PDF; a sheet without a title
row takes its name as title; a sheet of prose (编制说明, 其他相关情况说明: no row of several cells)
reads as narrative.

python-calamine reads the cells: formulas are never evaluated (their cached results are read), macros
never run. Numbers arrive as binary doubles and become the decimals the cell shows: its number format's
decimals where the workbook says (``survey.py`` reads them from an .xlsx), else the shortest repr of the
double — never ``Decimal(float)``. Hidden sheets are not read (a PDF printed from the workbook does not
show them) and hidden rows are read (their figures are in the totals); both are noted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

from ..model import Document, NarrativeLine, ReadFinding, Source, Table
from .blocks import Block, TextLine, Token, read_block
from .document_meta import document_meta
from .segment import is_title, segment
from .survey import MAX_CELLS, NumberFormat, SheetSurvey, address, survey
from .textio import HALF_WIDTH, ReadError

RESULTS_SHEET = "审核结果"
"""The sheet ``--annotate`` adds to its copies: budget-lint's own findings, not part of the disclosure."""
# A cell spans [col + _INSET, col_end + 1 - _INSET] columns: adjacent cells never touch, so the header
# reader stacks a cell only on the cells of its own columns.
_INSET = 0.25
_WIDTH = 100.0


def read_workbook(path: Path, name: str) -> Document:
    surveys = survey(path)
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReadError("python-calamine is not installed") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise ReadError(f"cannot read the workbook ({_first_line(exc)})") from None
    narrative: list[NarrativeLine] = []
    blocks: list[Block] = []
    findings: list[ReadFinding] = []
    uncalculated: dict[str, list[tuple[int, int]]] = {}
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.name == RESULTS_SHEET:
            continue
        if meta.visible != SheetVisibleEnum.Visible:
            findings.append(
                ReadFinding(
                    code="BL007",
                    source=Source(sheet=meta.name),
                    message=f"工作表「{meta.name}」已隐藏，未读取（由工作簿生成的PDF不含隐藏的工作表）",
                )
            )
            continue
        sheet_survey = surveys.get(meta.name, SheetSurvey())
        try:
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height * sheet.total_width > MAX_CELLS:  # an .xls has had no survey
                raise ReadError(f"refused: sheet {meta.name} has more than {MAX_CELLS:,} cells")
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(f"sheet {meta.name}: cannot read ({_first_line(exc)})") from None
        lines = _sheet_lines(meta.name, rows, merged, sheet_survey)
        if sheet_survey.hidden_rows and lines:
            shown = ", ".join(str(r + 1) for r in sorted(sheet_survey.hidden_rows)[:5])
            findings.append(
                ReadFinding(
                    code="BL007",
                    source=Source(sheet=meta.name, cell=address(min(sheet_survey.hidden_rows), 0)),
                    message=f"工作表「{meta.name}」有{len(sheet_survey.hidden_rows)}行已隐藏（第{shown}行），"
                    "已读取并参与检查，但由工作簿生成的PDF不会显示",
                )
            )
        if sheet_survey.uncalculated:
            uncalculated[meta.name] = sheet_survey.uncalculated
        if all(len(line.tokens) == 1 for line in lines):
            # Prose: a table has rows of several cells; a line of 说明 naming a table is no title.
            narrative += [NarrativeLine(text=line.text.strip(), source=line.source) for line in lines]
            continue
        sheet_narrative, sheet_blocks = segment(lines)
        if not sheet_blocks and is_title(meta.name.strip()) and _has_amounts(lines):
            # No title row: the sheet's name is the table's title.
            title = TextLine(Source(sheet=meta.name), meta.name.strip(), [Token(meta.name.strip(), 0, 1)])
            sheet_narrative, sheet_blocks = segment([title, *lines])
        narrative += sheet_narrative
        blocks += sheet_blocks
    tables = [table for block in blocks for table in read_block(block, findings)]
    for table in tables:
        _place_blanks(table)
        if table.source.sheet in uncalculated and not table.unread:
            _not_calculated(table, uncalculated[table.source.sheet], findings)
    return Document(
        path=name, narrative=narrative, tables=tables, findings=findings, **document_meta(narrative, tables)
    )


def _sheet_lines(
    sheet: str, rows: list[list], merged: list[tuple[tuple[int, int], tuple[int, int]]], info: SheetSurvey
) -> list[TextLine]:
    """One positioned line per non-empty row; a cell holding several lines of prose alone on its row
    gives one narrative line per line of text, each at that cell."""
    spans = {(r0, c0): c1 for (r0, c0), (_, c1) in merged}
    lines: list[TextLine] = []
    for r, values in enumerate(rows):
        tokens: list[Token] = []
        for c, value in enumerate(values):
            text = _text(value, info.formats.get((r, c)))
            if not text:
                continue
            end = spans.get((r, c), c)
            source = Source(sheet=sheet, cell=address(r, c))
            tokens.append(Token(text, (c + _INSET) * _WIDTH, (end + 1 - _INSET) * _WIDTH, source))
        if not tokens:
            continue
        index = 2 * r  # a workbook has no wrapped lines: no two rows are one row's lines
        if len(tokens) == 1 and "\n" in tokens[0].text:
            token = tokens[0]
            for part in token.text.split("\n"):
                if part.strip():
                    lines.append(
                        TextLine(token.source, part, [Token(part.strip(), token.x0, token.x1)], True, index)
                    )
            continue
        tokens = [Token(t.text.replace("\n", ""), t.x0, t.x1, t.source) for t in tokens]
        text = " ".join(t.text for t in tokens)
        lines.append(TextLine(tokens[0].source, text, tokens, True, index))
    return lines


def _text(value: object, fmt: NumberFormat | None) -> str:
    """A cell's value as the text it shows. Numbers: the shortest repr of the double (``repr``
    round-trips, so 0.1 stays 0.1), shown through the cell's number format when it has one (rounded
    half-up to its decimals, padded, as a percentage); an integral double without one shows no
    decimals."""
    if value is None or isinstance(value, str):
        return (value or "").strip().translate(HALF_WIDTH)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return str(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return ""
    if not isinstance(value, (int, float)):
        return str(value).strip()
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        ctx.prec = 40
        if fmt is None:
            return f"{number.quantize(Decimal(1)) if number == number.to_integral_value() else number:f}"
        if fmt.percent:
            number *= 100
        text = f"{number.quantize(Decimal(1).scaleb(-fmt.decimals)):f}"
        if fmt.decimals > fmt.min_decimals:
            whole, _, fraction = text.partition(".")
            fraction = fraction.rstrip("0").ljust(fmt.min_decimals, "0")
            text = f"{whole}.{fraction}" if fraction else whole
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, dot, fraction = digits.partition(".")
        return f"{sign}{whole.zfill(fmt.width)}{dot}{fraction}{'%' if fmt.percent else ''}"


def _place_blanks(table: Table) -> None:
    """A blank cell has no token, so the block reader gives it its row's source: give it its own
    address, in the sheet column where the table's column printed its figures."""
    letters: list[Counter] = [Counter() for _ in table.columns]
    for row in table.rows:
        for i, cell in enumerate(row.cells[: len(letters)]):
            if cell.printed and cell.source.cell:
                letters[i][cell.source.cell.rstrip("0123456789")] += 1
    for row in table.rows:
        number = (row.source.cell or "").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for i, cell in enumerate(row.cells[: len(letters)]):
            if not cell.printed and cell.source == row.source and letters[i] and number:
                column = letters[i].most_common(1)[0][0]
                cell.source = Source(sheet=row.source.sheet, cell=f"{column}{number}")


def _not_calculated(table: Table, cells: list[tuple[int, int]], findings: list[ReadFinding]) -> None:
    """A table on a sheet whose formulas have no saved result cannot be read: its totals would read
    as blanks. It is reported and left out of the checks."""
    first = address(*cells[0])
    table.unread = f"工作表中{len(cells)}个公式单元格没有保存计算结果（如{first}），请在Excel中重新计算并保存"
    table.rows = []
    findings.append(
        ReadFinding(
            code="BL008",
            table=table.label,
            source=Source(sheet=table.source.sheet, cell=first),
            message=f"{table.title}：{table.unread}，本表未检查",
        )
    )


def _has_amounts(lines: list[TextLine]) -> bool:
    from ..amounts import parse_amount

    return any(parse_amount(t.text) is not None for line in lines for t in line.tokens)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__

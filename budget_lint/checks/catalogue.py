"""Subject codes and names against the official catalogue of the document's year (``budget_lint.catalogue``).

Modes: ``unknown`` — a code that does not exist, said only where a source lists every child of its
parent; ``name`` — a name that is not its code's name nor an abbreviation of it; ``running`` — economic
款 codes that are running numbers (302 01, 302 02, … for 办公费, 咨询费, …) rather than the catalogue's.
A finding resting on another year's catalogue (the document's own year has none) is graded info and
names the year used.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import catalogue
from ..findings import CellRef, Violation
from ..model import Row, Table
from ..recognise import strip_numbering
from ..rules import Rule
from .base import Context, row_key, violation


def normal_name(label: str) -> str:
    return strip_numbering(label).replace("(", "（").replace(")", "）")


def abbreviates(printed: str, official: str) -> bool:
    """The printed name is the official one, or one of them is the other with characters left out
    (机关事业单位基本养老保险费 for …保险缴费, 行政事业单位养老 for …养老支出)."""
    if printed == official:  # most names: no walk through their characters
        return bool(printed)
    return _subsequence(printed, official) or _subsequence(official, printed)


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return bool(short) and all(c in chars for c in short)


def reads(rule: Rule, ctx: Context) -> list[Table]:
    """No table: ``run`` reads codes, names and titles, never a cell (see ``placement``)."""
    return []


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    mode = rule.params.get("mode")
    if mode == "running":
        for table in ctx.document.tables:
            for group in _running_groups(ctx, table):
                yield _running_violation(rule, ctx, table, group)
        return
    for table, row, version in _coded_rows(ctx):
        if mode == "unknown" and version.known_absent(row.code):
            yield _unknown(rule, ctx, table, row, version)
        elif mode == "name" and row.label and (entry := version.get(row.code)):
            if not abbreviates(normal_name(row.label), normal_name(entry.name)):
                yield _mismatch(rule, ctx, table, row, version, entry)


def _coded_rows(ctx: Context) -> list[tuple[Table, Row, catalogue.Version]]:
    """Each row with a code outside the running groups, with the catalogue version of its code (rows
    without one left out), in print order: found once per context, both row modes ask."""
    if "catalogue rows" not in ctx._cache:
        found = []
        versions: dict[str | None, catalogue.Version | None] = {None: None}  # by classification
        # without a year no code has a version (``catalogue.version_for``): no row to look through
        for table in ctx.document.tables if ctx.document.year is not None else []:
            grouped = {id(row) for group in _running_groups(ctx, table) for row in group.rows}
            for row in table.rows:
                if not row.code or id(row) in grouped:
                    continue
                if (kind := catalogue.classification(row.code)) not in versions:
                    versions[kind] = catalogue.version_for(kind, ctx.document.year)
                if (version := versions[kind]) is not None:
                    found.append((table, row, version))
        ctx._cache["catalogue rows"] = found
    return ctx._cache["catalogue rows"]


def _version(ctx: Context, code: str) -> catalogue.Version | None:
    kind = catalogue.classification(code)
    return catalogue.version_for(kind, ctx.document.year) if kind else None


def _severity(rule: Rule, ctx: Context, version: catalogue.Version) -> str:
    return rule.severity if version.year == ctx.document.year else "info"


def _which(ctx: Context, version: catalogue.Version) -> tuple[str, str]:
    if version.year == ctx.document.year:
        return f"{version.year}年科目目录", f"the {version.year} catalogue"
    return (
        f"{version.year}年科目目录（未找到{ctx.document.year}年的目录，按最近年份）",
        f"the {version.year} catalogue (none found for {ctx.document.year}; the nearest year)",
    )


def _row_finding(rule: Rule, ctx: Context, table: Table, row: Row, version, message: str) -> Violation:
    """A finding about a row's code or name: the row is its one cell."""
    cells = [CellRef(table=table.label, row=row_key(row), label=row.label, source=row.source)]
    return violation(rule, ctx, table, row, None, None, message, cells, _severity(rule, ctx, version))


def _unknown(rule: Rule, ctx: Context, table: Table, row: Row, version: catalogue.Version) -> Violation:
    zh, en = _which(ctx, version)
    parent = row.code[:-2]
    message = ctx.zh_en(
        f"{table.label}中的科目 {row.code}「{row.label}」在{zh}中不存在（{parent} 下的科目已完整收录）",
        f"code {row.code} '{row.label}' in {table.label} does not exist in {en} "
        f"(every child of {parent} is listed)",
    )
    return _row_finding(rule, ctx, table, row, version, message)


def _mismatch(
    rule: Rule, ctx: Context, table: Table, row: Row, version: catalogue.Version, entry: catalogue.Entry
) -> Violation:
    zh, en = _which(ctx, version)
    elsewhere = [
        e.code
        for e in version.entries.values()
        if e.code != row.code and normal_name(e.name) == normal_name(row.label)
    ]
    also_zh = f"；「{row.label}」在目录中是 {'、'.join(elsewhere)}" if elsewhere else ""
    also_en = f"; '{row.label}' is {', '.join(elsewhere)} in the catalogue" if elsewhere else ""
    message = ctx.zh_en(
        f"{table.label}中科目 {row.code} 名为「{row.label}」，{zh}中 {row.code} 为「{entry.name}」{also_zh}",
        f"code {row.code} is named '{row.label}' in {table.label}; in {en} {row.code} is "
        f"'{entry.name}'{also_en}",
    )
    return _row_finding(rule, ctx, table, row, version, message)


class _Group:
    def __init__(self, parent: Row | None, rows: list[Row], displaced: list[tuple[Row, str]], version):
        self.parent, self.rows, self.displaced, self.version = parent, rows, displaced, version


def _running_groups(ctx: Context, table: Table) -> list[_Group]:
    """Economic 类 whose 款 are numbered 01, 02, … in print order and at least two of whose names the
    catalogue puts under other codes of the same 类: the codes are a running count, not subject codes.
    Found once per context and table."""
    key = ("catalogue running", id(table))
    if key not in ctx._cache:
        ctx._cache[key] = _find_running_groups(ctx, table)
    return ctx._cache[key]


def _find_running_groups(ctx: Context, table: Table) -> list[_Group]:
    groups = []
    by_class: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.code and len(row.code) == 5 and catalogue.classification(row.code) != "function":
            by_class.setdefault(row.code[:3], []).append(row)
    for prefix, rows in by_class.items():
        suffixes = [int(r.code[3:]) for r in rows]
        if len(rows) < 3 or suffixes != list(range(1, len(rows) + 1)):
            continue
        version = _version(ctx, rows[0].code)
        if version is None:
            continue
        by_name = {normal_name(e.name): e.code for e in version.children(prefix)}
        displaced = [
            (row, by_name[normal_name(row.label)])
            for row in rows
            if row.label and by_name.get(normal_name(row.label), row.code) != row.code
        ]
        if len(displaced) >= 2:
            parent = next((r for r in table.rows if r.code == prefix), None)
            groups.append(_Group(parent, rows, displaced, version))
    return groups


def _running_violation(rule: Rule, ctx: Context, table: Table, group: _Group) -> Violation:
    zh, en = _which(ctx, group.version)
    prefix = group.rows[0].code[:3]
    pairs_zh = "、".join(f"{r.label}印为 {r.code[:3]} {r.code[3:]}，应为 {c}" for r, c in group.displaced)
    pairs_en = ", ".join(f"{r.label} printed {r.code}, is {code}" for r, code in group.displaced)
    last = group.rows[-1].code[3:]
    message = ctx.zh_en(
        f"{table.label}中 {prefix} 下的款级编码是顺序号（01—{last}），不是{zh}的科目编码：{pairs_zh}",
        f"the 款 codes under {prefix} in {table.label} are running numbers (01–{last}), not the "
        f"codes of {en}: {pairs_en}",
    )
    cells = [
        CellRef(table=table.label, row=row_key(r), label=r.label, source=r.source) for r, _ in group.displaced
    ]
    anchor = group.parent or group.rows[0]
    return violation(rule, ctx, table, anchor, None, None, message, cells, rule.severity)

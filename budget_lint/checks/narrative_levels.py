"""A level label in the narrative that does not fit the name it labels: "行政事业单位离退休（类）" where the
document's own tables print 行政事业单位离退休 as a 款 (20805) and no 类 bears that name. Decided by the
document's tables (and the 类 names), never guessed: a name the tables print at the labelled level, or at
no level at all, is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..narrative.quantities import Quantities
from ..recognise import CLASS_NAMES, strip_numbering
from ..report.model import CellRef, Violation
from ..rules import Rule
from .base import Context
from .narrative_base import NARRATIVE, text_violation

_MARKER = re.compile(r"(?P<name>[^()\-—“”\"\d,，.。:;、]+?)\((?P<code>\d*)(?P<level>类|款|项)\)")
_LEVELS = {"类": 3, "款": 5, "项": 7}
_NAMES = {3: ("类", "class"), 5: ("款", "款"), 7: ("项", "项")}


def _names(ctx: Context) -> dict[str, dict[int, str]]:
    """Each name the tables print → {code length: a code with that name}."""
    found: dict[str, dict[int, str]] = {}
    for table in ctx.document.tables:
        for row in table.rows:
            if row.code and len(row.code) in (3, 5, 7) and row.label:
                found.setdefault(strip_numbering(row.label), {}).setdefault(len(row.code), row.code)
    for name, code in CLASS_NAMES.items():
        found.setdefault(name, {}).setdefault(3, code)
    return found


def _levels(name: str, names: dict[str, dict[int, str]]) -> dict[int, str]:
    """The levels a name (as the narrative prints it, 支出 often dropped from a 类) stands at."""
    levels = dict(names.get(name, {}))
    for length, code in names.get(name + "支出", {}).items():
        levels.setdefault(length, code)
    return levels


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    text = Quantities.of(ctx).narrative.text
    names = _names(ctx)
    for marker in _MARKER.finditer(text.text):
        name = re.sub(r"^[“\"、,，.:;\-\s]+|[”\"\-\s]+$", "", marker.group("name")).strip()
        level = _LEVELS[marker.group("level")]
        levels = _levels(name, names)
        if not name or not levels or level in levels:
            continue
        actual = min(levels, key=lambda length: abs(length - level))
        code = levels[actual]
        zh_level, en_level = _NAMES[actual]
        source = text.source(marker.start("name"))
        message = ctx.zh_en(
            f"说明把「{name}」标为（{marker.group('level')}），但表中它是{zh_level}级科目 {code}",
            f"the narrative labels '{name}' （{marker.group('level')}）, but the tables print it as the "
            f"{en_level} {code}",
        )
        found = text_violation(rule, ctx, source, name, message)
        found.cells = [CellRef(table=NARRATIVE, row=name, column=marker.group("level"), source=source)]
        yield found

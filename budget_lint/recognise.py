"""Recognition shared by every reader: table kind from its title, column and row roles from their text,
subject codes, units.

Everything here works on text only, never on a table's number: 重庆 表二 is 江苏 公开05表.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .numbering import MARKER, MARKER_STARTS

FISCAL_ROLES = ("general_budget", "gov_fund", "state_capital")
"""The three kinds of 财政拨款; a 财政拨款收入 row or column is their subtotal."""
FUNDING_ROLES = [
    "fiscal_income",
    "general_budget",
    "gov_fund",
    "state_capital",
    "special_account",
    "business_income",
    "superior_subsidy",
    "subsidiary",
    "operating_income",
    "other_income",
]


class KindSpec(BaseModel):
    """One table kind of the vocabulary (``rules/vocabulary/tables.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    stage: Literal["预算", "决算", "any"]
    titles: list[str]
    layout: Literal["one_sided", "two_sided", "performance", "panels", "none"]
    codes: Literal["function", "economic", "none"] = "none"
    columns: list[str] = []
    column_orders: list[list[str]] = []
    expense_columns: list[str] = []
    item_rows: str | None = None
    sub_columns: dict[str, str] = {}
    """Header phrases of sub-columns printed under every column (预算数 ‖ 决算数), each with the suffix
    its columns' roles take ('' for the kind's own figures)."""
    closed_rows: bool = False
    """Every row of the kind is one the vocabulary names (a row role or a 类): a row with figures and
    a label it cannot name was not read right."""
    detail_columns: list[str] = []
    """Header phrases, all found in a header with one amount column, of a table that lists details
    (text cells beside their amounts) under its numbered rows (江苏's 政府采购预算表: 采购品目大类 |
    专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计): only its 合计 and numbered rows are read."""


class RoleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str
    pattern: str | None = None
    in_text: str | None = None
    header: str | None = None
    kinds: list[str] | None = None
    """Kinds whose headers may name this role (None: every kind)."""
    except_kinds: list[str] = []
    """Kinds whose headers never name it (财政拨款 over 一般公共预算财政拨款 is not 财政拨款收入)."""
    side: Literal["income", "expense"] | None = None


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kinds: list[KindSpec]
    columns: list[RoleSpec]
    rows: list[RoleSpec]


def _load_vocabulary() -> Vocabulary:
    from importlib import resources

    from .rules import parsed

    text = resources.files("budget_lint.rulepacks").joinpath("vocabulary", "tables.yaml").read_text("utf-8")
    return Vocabulary.model_validate(parsed(text, "vocabulary/tables.yaml"))


VOCABULARY = _load_vocabulary()
KINDS: dict[str, KindSpec] = {spec.id: spec for spec in VOCABULARY.kinds}
KIND_PATTERNS: list[tuple[str, str]] = [
    (spec.id, title) for spec in VOCABULARY.kinds for title in spec.titles
]
FUNCTION_KINDS = {spec.id for spec in VOCABULARY.kinds if spec.codes == "function"}
"""Amount tables whose rows carry function-classification codes (类/款/项)."""
ECONOMIC_KINDS = {spec.id for spec in VOCABULARY.kinds if spec.codes == "economic"}
"""Amount tables whose rows carry economic-classification codes (301, 30101 …)."""
TWO_SIDED_KINDS = {spec.id for spec in VOCABULARY.kinds if spec.layout == "two_sided"}
CANONICAL_COLUMNS: dict[str, list[str]] = {
    spec.id: spec.columns for spec in VOCABULARY.kinds if spec.layout == "one_sided"
}
"""The order columns take in a kind's standard template (flattened text lost the header layout)."""
COLUMN_ORDERS: dict[str, list[list[str]]] = {
    spec.id: spec.column_orders for spec in VOCABULARY.kinds if spec.column_orders
}
ROLE_PATTERNS: list[RoleSpec] = [spec for spec in VOCABULARY.columns if spec.pattern]
ROW_ROLE_PATTERNS: list[tuple[str, str, list[str] | None]] = [
    (spec.role, spec.pattern, spec.kinds) for spec in VOCABULARY.rows if spec.pattern
]
OWN_ROW_ROLES: dict[str, set[str]] = {}
"""The row roles the vocabulary gives only to some kinds' rows (a 基本支出决算表's 人员经费合计), by kind."""
for _spec in VOCABULARY.rows:
    for _kind in _spec.kinds or []:
        OWN_ROW_ROLES.setdefault(_kind, set()).add(_spec.role)
ROW_SIDES: dict[str, str] = {spec.role: spec.side for spec in VOCABULARY.rows if spec.side}
ROLE_HEADERS: dict[str, str] = {spec.role: spec.header for spec in VOCABULARY.columns if spec.header}
"""How a role's column is named when the printed header could not be recovered (flattened text)."""


def kind_stage(kind: str | None) -> str | None:
    spec = KINDS.get(kind or "")
    return spec.stage if spec and spec.stage != "any" else None


THREE_PUBLIC_ITEMS = {"outbound", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation"}

ITEM_HEADERS = {
    "prior_year": "上年数",
    "this_year": "本年数",
    "change": "增减金额",
    "change_rate": "增减幅度",
}

# Columns of a 三公 table that lists the items as rows.
ITEM_COLUMN_PATTERNS: list[tuple[str, str]] = [
    ("change_rate", r"幅度|增长率|%"),
    ("change", r"增.?减金额|增减额|增减数"),
    ("prior_year", r"上年"),
    ("this_year", r"本年|预算数|决算数"),
]

# 支出功能分类 类 names (2019 onwards, with the names they replaced), for rows that print no code.
CLASS_NAMES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
}

# 类 renamed in the 2019 catalogue (old name without 支出 → code, new name): an old name in a
# 2019-or-later document is a leftover of an old template.
RENAMED_CLASSES: dict[str, tuple[str, str]] = {
    "医疗卫生与计划生育": ("210", "卫生健康支出"),
    "文化体育与传媒": ("207", "文化旅游体育与传媒支出"),
    "国土海洋气象等": ("220", "自然资源海洋气象等支出"),
}
RENAME_YEAR = 2019
CLASS_NAMES |= {old + "支出": code for old, (code, _) in RENAMED_CLASSES.items()}

_NUMBERING = re.compile(rf"^(其中[:：])?{MARKER}?\s*")
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)")


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFKC and all whitespace removed: how header and label text is compared. A text that has neither
    to change (most row labels: a long table's are all different) is told so without the cache."""
    if text.isprintable() and " " not in text and unicodedata.is_normalized("NFKC", text):
        return text  # whitespace other than the space is not printable
    return _squashed(text)


@lru_cache(maxsize=16384)
def _squashed(text: str) -> str:
    """Cached: the same labels and titles are squashed again and again (131,000 calls, 13,000 strings
    over the 28 real texts)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def strip_numbering(label: str) -> str:
    return without_numbering(squash(label))


def without_numbering(text: str) -> str:
    """A squashed label (``squash``) without the numbering it starts with (一、, （二）, 1., 其中：)."""
    first = text[:1]  # a new string when an ideograph: taken once
    if first not in _NUMBERING_STARTS and not first.isdecimal():
        return text  # most labels: no numbering starts so
    return text[_NUMBERING.match(text).end() :]  # it always matches, often nothing


_NUMBERING_STARTS = MARKER_STARTS | {"其"}
"""The characters other than a digit that ``_NUMBERING`` can match first (a squashed label has no
whitespace)."""


_OLD_ENDINGS = tuple(old + end for old in RENAMED_CLASSES for end in ("", "支出"))


def old_class(label: str) -> tuple[str, str] | None:
    """The code and new name of the 类 a label names by its pre-2019 name (``RENAMED_CLASSES``), else
    None. A label is stripped of its numbering (a prefix) only when it ends in an old name: few do."""
    if not squash(label).endswith(_OLD_ENDINGS):
        return None
    return RENAMED_CLASSES.get(strip_numbering(label).removesuffix("支出"))


@lru_cache(maxsize=8192)
def table_kind(title: str) -> str | None:
    """Cached, as ``column_role`` and ``row_role`` (pure functions of their text and kind, asked of the
    same few hundred labels thousands of times)."""
    text = squash(title)
    for kind, pattern in _kind_patterns():
        if pattern.search(text):
            return kind
    return None


@lru_cache(maxsize=8192)
def column_role(header: str, kind: str | None = None) -> str | None:
    """The role of one header cell (its text, possibly joined from several lines) in a table of
    ``kind``."""
    text = squash(header)
    for role, pattern, _ in _column_patterns(kind):
        if pattern.search(text):
            return role
    return None


def _applies(spec: RoleSpec, kind: str | None) -> bool:
    return (spec.kinds is None or kind in spec.kinds) and kind not in spec.except_kinds


# The vocabulary's expressions compiled when first used, each list once (per kind where roles depend
# on it): a run that reads no table compiles none of them.


@cache
def _kind_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(pattern)) for kind, pattern in KIND_PATTERNS]


@cache
def _column_patterns(kind: str | None) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """The column roles that apply to ``kind``: each with its pattern and its pattern in running text."""
    return [
        (spec.role, re.compile(spec.pattern), re.compile(spec.in_text or spec.pattern))
        for spec in ROLE_PATTERNS
        if _applies(spec, kind)
    ]


@cache
def _row_patterns(kind: str | None) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (role, re.compile(pattern))
        for role, pattern, kinds in ROW_ROLE_PATTERNS
        if kinds is None or kind in kinds
    ]


def roles_in_text(text: str, kind: str | None) -> list[str]:
    """All column roles named anywhere in ``text`` (a header read as one string), in the kind's
    canonical order. Used where the header layout was lost."""
    return list(_roles_in_text(text, kind))


@lru_cache(maxsize=1024)
def _roles_in_text(text: str, kind: str | None) -> tuple[str, ...]:
    """Cached: every pattern of the kind tried on the header, which a template prints the same in
    every document (a run over copies of one template reads each header once)."""
    remaining = squash(text)
    found: set[str] = set()
    for role, _, pattern in _column_patterns(kind):
        if pattern.search(remaining):
            found.add(role)
            remaining = pattern.sub("|", remaining)
    order = CANONICAL_COLUMNS.get(kind or "", [])
    return tuple(role for role in order if role in found)


_SHORTEST_CUT = 4
"""The fewest characters of a column's name a word must end in to be read as that name cut short."""


def name_cut_short(text: str, kind: str | None, found: Iterable[str]) -> str | None:
    """A word of ``text`` (a header) that stops inside the name of a column none of the roles ``found``
    is (2024年机关运行经 … 费预算数): a header cell wrapped over lines, which text without positions
    prints apart, so that which columns the header has cannot be told from it. A word taken so ends in
    at least ``_SHORTEST_CUT`` characters that begin such a name."""
    known = set(found)
    names = [
        squash(ROLE_HEADERS[role])
        for role, _, _ in _column_patterns(kind)
        if role not in known and role in ROLE_HEADERS
    ]
    for word in map(squash, text.split()):
        for size in range(len(word), _SHORTEST_CUT - 1, -1):
            if any(len(name) > size and name.startswith(word[-size:]) for name in names):
                return word
    return None


@lru_cache(maxsize=8192)
def row_role(label: str, kind: str | None = None) -> str | None:
    """The role of a row from its label; a role the vocabulary restricts to some kinds only in those."""
    text = strip_numbering(label)
    for role, pattern in _row_patterns(kind):
        if pattern.search(text):
            return role
    return None


@lru_cache(maxsize=8192)
def side_of_label(label: str) -> str | None:
    """For a two-sided summary table: does this label belong to the income or the expense side?
    Cached, as ``row_role``: a template's summary labels are the same in every document."""
    text = strip_numbering(label)
    if not text:
        return None
    if side := ROW_SIDES.get(row_role(label) or ""):
        return side
    if "支出" in text or "结转下年" in text or text in CLASS_NAMES or text == "预备费":
        return "expense"
    if re.search(r"收入|资金|拨款|上年结转|结余", text):
        return "income"
    return None


def class_code(label: str) -> str | None:
    return CLASS_NAMES.get(strip_numbering(label))


_TITLE_TRAILER = re.compile(
    r"\s*[（(](?:金额)?单位\s*[:：][^（）()]*[）)]\s*$"
    r"|\s+(?:(?:金额)?单位|编制部门|编制单位|部门名称|单位名称|部门)\s*[:：].*$"
)
"""What a table's title line may print after the title: its unit (单位：万元, （单位：万元）) or its
department (部门名称：…), after a space or in brackets."""


def split_title(text: str) -> tuple[str, str | None]:
    """A table's title line as its title and the unit it names after the title, if any (the line
    ``收入预算总表    单位：万元`` is the title 收入预算总表 of a table in 万元)."""
    unit = None
    while "单" in text or "部" in text:  # each of the trailer's words has one: most lines have neither
        trailer = _TITLE_TRAILER.search(text)
        if trailer is None:
            break
        unit = unit or unit_of(trailer.group())
        text = text[: trailer.start()]
    return text, unit


def unit_of(text: str) -> str | None:
    if "单" not in text:  # no other character is 单 after NFKC: most lines are not normalised
        return None
    match = _UNIT.search(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None


# 3 digits, then up to two 2-digit parts, glued or after a space or dash; a part after a space must end
# there (220 4461.67 is the code 220 and an amount, not 22044).
_PART = r"(?:[\s\-](\d{2})(?![\d.,])|(\d{2}))?"
_CODE_TOKEN = re.compile(r"^(\d{3})" + _PART + _PART + r"(?=\D|$)")


def split_code(text: str) -> tuple[str | None, str]:
    """Split a leading subject code off a label: ``208 01 01 行政运行``, ``2080101行政运行``,
    ``208-01-01``, ``301 01基本工资`` all give (code, name)."""
    stripped = (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()
    if stripped[:1] not in _CODE_STARTS:
        return None, stripped
    match = _CODE_TOKEN.match(stripped)
    if not match:
        return None, stripped
    code = "".join(match.groups(""))
    rest = stripped[match.end() :].strip()
    if rest[:1] in _AMOUNT_MARKS:  # 208.50 is an amount, not a code
        return None, stripped
    first = rest.split(None, 1)
    if first and first[0].isdigit() and any(not _NUMBER.fullmatch(w) for w in rest.split()[1:]):
        return None, stripped  # 301 2 津贴补贴: a code part printed wrongly, not a code and a figure
    return code, rest


def leading_code(text: str) -> str | None:
    """``split_code(text)[0]``. A code printed apart from the name after it (``2080101 行政运行 …``, most
    lines of a long table) is read without normalising the line: NFKC leaves its digits, an ideograph
    and whitespace as they are (whitespace may become another whitespace)."""
    bare = _BARE_CODE.match(text)
    return bare.group(1) if bare else split_code(text)[0]


_BARE_CODE = re.compile(r"\s*([235][0-9]{2}(?:[0-9]{2}){0,2})\s+(?=[\u4e00-\u9fff])")
long_bare_code = re.compile(r"\s*[235][0-9]{4}(?:[0-9]{2})?\s+(?=[\u4e00-\u9fff])").match
"""Whether ``_BARE_CODE`` reads a 5- or 7-digit code from a line (a code printed apart from the name
after it: most coded lines), told without taking the code out."""
_CODE_STARTS = frozenset("235")
_AMOUNT_MARKS = frozenset(".,")
_NUMBER = re.compile(r"[\d,.\-]+")


def parent_code(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None  # a 项's 款, a 款's 类

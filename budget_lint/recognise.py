"""Recognition shared by every reader: table kind from its title, column and row roles from their text,
subject codes, units.

Everything here works on text only, never on a table's number: 重庆 表二 is 江苏 公开05表.
"""

from __future__ import annotations

import re
import unicodedata

# Table kinds, most specific first. Each pattern is searched in the title with whitespace removed.
KIND_PATTERNS: list[tuple[str, str]] = [
    ("performance_overall", r"整体.*绩效目标"),
    ("performance_project", r"绩效目标"),
    ("three_public", r"三公"),
    ("procurement", r"采购"),
    ("admin_running", r"机关运行经费"),
    ("state_capital_expense", r"国有资本经营预算.*支出"),
    ("gov_fund_expense", r"政府性基金.*支出"),
    ("fiscal_summary", r"财政拨款收支.*总表"),
    ("income_expense_summary", r"收支.*总表"),
    ("income", r"收入.*总表|收入预算表"),
    ("expense", r"支出.*总表"),
    ("general_basic_expense", r"一般公共预算.*基本支出"),
    ("fiscal_basic_expense", r"财政拨款.*基本支出"),
    ("general_budget_expense", r"一般公共预算.*支出"),
    ("fiscal_expense", r"财政拨款.*支出"),
]

# Amount tables whose rows carry function-classification codes (类/款/项).
FUNCTION_KINDS = {
    "income",
    "expense",
    "general_budget_expense",
    "fiscal_expense",
    "gov_fund_expense",
    "state_capital_expense",
}
# Amount tables whose rows carry economic-classification codes (301, 30101 …).
ECONOMIC_KINDS = {"general_basic_expense", "fiscal_basic_expense"}
TWO_SIDED_KINDS = {"fiscal_summary", "income_expense_summary"}

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

# Column roles from header text, in priority order: the first pattern that matches wins, and in a
# header text read as one string each match is consumed before the next pattern is tried.
ROLE_PATTERNS: list[tuple[str, str]] = [
    ("admin_running", r"机关运行经费"),
    ("vehicle_total", r"公务用车购置及运行(维护)?费|^小计$"),
    ("vehicle_purchase", r"(公务用车)?购置费"),
    ("vehicle_operation", r"(公务用车)?运行(维护)?费"),
    ("outbound", r"因公出国[(（]境[)）]费?用?"),
    ("reception", r"公务接待费?"),
    ("meeting", r"会议费"),
    ("training", r"培训费"),
    ("reserve", r"预留机动经费"),
    ("carry_over", r"上年结转"),
    ("carry_forward", r"结转下年"),
    ("fiscal_income", r"财政拨款"),
    ("general_budget", r"一般公共预算"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("special_account", r"财政专户"),
    ("operating_income", r"经营收入"),
    ("business_income", r"事业收入"),
    ("superior_subsidy", r"上级补助"),
    ("subsidiary", r"附属单位上缴"),
    ("other_income", r"其他收入"),
    ("basic", r"基本支出"),
    ("project", r"项目支出"),
    ("personnel", r"人员经费"),
    ("public", r"公用经费"),
    ("total", r"^(合计|总计|小计|预算数|金额|\d{4}年预算数|本年预算)$"),
]

# The order columns take in a kind's standard template. Flattened text loses the header layout, so
# the columns found there are put in this order.
CANONICAL_COLUMNS: dict[str, list[str]] = {
    "income": ["total", "carry_over", *FUNDING_ROLES],
    "procurement": ["total", *FUNDING_ROLES],
    "expense": ["total", "basic", "project", "reserve", "carry_forward"],
    "general_budget_expense": ["total", "basic", "project"],
    "fiscal_expense": ["total", "basic", "project"],
    "gov_fund_expense": ["total", "basic", "project"],
    "state_capital_expense": ["total", "basic", "project"],
    "general_basic_expense": ["total", "personnel", "public"],
    "fiscal_basic_expense": ["total", "personnel", "public"],
    "three_public": [
        "total",
        "three_public_subtotal",
        "outbound",
        "vehicle_total",
        "vehicle_purchase",
        "vehicle_operation",
        "reception",
        "meeting",
        "training",
        "admin_running",
    ],
}

# Other orders in which templates print a kind's columns (the canonical order is 重庆's). Text that
# lost its header layout may follow any of them.
COLUMN_ORDERS: dict[str, list[list[str]]] = {
    "three_public": [
        # 上海: 合计, 因公出国（境）费, 公务接待费, 公务用车购置及运行费 {小计, 购置费, 运行费}, 机关运行经费
        [
            "total",
            "outbound",
            "reception",
            "vehicle_total",
            "vehicle_purchase",
            "vehicle_operation",
            "admin_running",
        ],
    ],
}

# Row roles from a row's label (numbering such as 一、 or 1. removed first).
ROW_ROLE_PATTERNS: list[tuple[str, str]] = [
    ("income_total", r"^收入(合计|总计)$"),
    ("expense_total", r"^支出(合计|总计)$"),
    ("income_current", r"^(本年收入|当年收入小计|本年收入合计)$"),
    ("expense_current", r"^(本年支出|当年支出小计|本年支出合计)$"),
    ("carry_over", r"^上年结转"),
    ("carry_forward", r"^结转下年"),
    ("total", r"^(合计|总计)$"),
    ("goods", r"^货物"),
    ("works", r"^工程"),
    ("services", r"^服务"),
    ("fiscal_income", r"^财政拨款(收入)?$"),
    ("general_budget", r"^一般公共预算"),
    ("gov_fund", r"^政府性基金"),
    ("state_capital", r"^国有资本经营"),
    ("special_account", r"^财政专户"),
    ("operating_income", r"经营收入"),
    ("business_income", r"^事业收入"),
    ("superior_subsidy", r"^上级补助"),
    ("subsidiary", r"^附属单位上缴"),
    ("other_income", r"^其他(收入|资金)"),
    # 三公 items, where a table lists them as rows (web pages: 项目 | 上年决算数 | 本年决算数 …)
    ("vehicle_total", r"^公务用车(购置及运行|费$)"),
    ("vehicle_purchase", r"^公务用车购置"),
    ("vehicle_operation", r"^公务用车运行"),
    ("outbound", r"^因公出国"),
    ("reception", r"^公务接待"),
]

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
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
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
    "国土海洋气象等支出": "220",
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

_NUMBERING = re.compile(
    r"^(其中[:：])?([一二三四五六七八九十]+[、.．]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
)
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元|千元)")


def squash(text: str) -> str:
    """NFKC and all whitespace removed: how header and label text is compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def strip_numbering(label: str) -> str:
    return _NUMBERING.sub("", squash(label))


def table_kind(title: str) -> str | None:
    text = squash(title)
    for kind, pattern in KIND_PATTERNS:
        if re.search(pattern, text):
            return kind
    return None


def column_role(header: str) -> str | None:
    """The role of one header cell (its text, possibly joined from several lines)."""
    text = squash(header)
    for role, pattern in ROLE_PATTERNS:
        if re.search(pattern, text):
            return role
    return None


def roles_in_text(text: str, kind: str | None) -> list[str]:
    """All column roles named anywhere in ``text`` (a header read as one string), in the kind's
    canonical order. Used where the header layout was lost."""
    remaining = squash(text)
    found: set[str] = set()
    for role, pattern in ROLE_PATTERNS:
        if role == "total":
            pattern = r"合计|总计|金额|预算数|本年预算"
        elif role == "vehicle_total":
            pattern = r"小计|公务用车购置及运行(维护)?费"
        if re.search(pattern, remaining):
            found.add(role)
            remaining = re.sub(pattern, "|", remaining)
    order = CANONICAL_COLUMNS.get(kind or "", [])
    return [role for role in order if role in found]


def row_role(label: str) -> str | None:
    text = strip_numbering(label)
    for role, pattern in ROW_ROLE_PATTERNS:
        if re.search(pattern, text):
            return role
    return None


def side_of_label(label: str) -> str | None:
    """For a two-sided summary table: does this label belong to the income or the expense side?"""
    text = strip_numbering(label)
    if not text:
        return None
    if "支出" in text or "结转下年" in text or text in CLASS_NAMES or text == "预备费":
        return "expense"
    if re.search(r"收入|资金|拨款|上年结转|结余", text):
        return "income"
    return None


def class_code(label: str) -> str | None:
    return CLASS_NAMES.get(strip_numbering(label))


def unit_of(text: str) -> str | None:
    match = _UNIT.search(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None


_CODE_TOKEN = re.compile(r"^(\d{3})(?:[\s\-]?(\d{2}))?(?:[\s\-]?(\d{2}))?(?=\D|$)")


def split_code(text: str) -> tuple[str | None, str]:
    """Split a leading subject code off a label: ``208 01 01 行政运行``, ``2080101行政运行``,
    ``208-01-01``, ``301 01基本工资`` all give (code, name)."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    match = _CODE_TOKEN.match(stripped)
    if not match or not match.group(1).startswith(("2", "3", "5")):
        return None, stripped
    code = "".join(part for part in match.groups() if part)
    rest = stripped[match.end() :].strip()
    if rest.startswith((".", ",")):  # 208.50 is an amount, not a code
        return None, stripped
    words = rest.split()
    if words and words[0].isdigit() and any(not _is_number(w) for w in words[1:]):
        return None, stripped  # 301 2 津贴补贴: a code part printed wrongly, not a code and a figure
    return code, rest


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"[\d,.\-]+", word))


def parent_code(code: str) -> str | None:
    return {7: code[:5], 5: code[:3]}.get(len(code))


# How a role's column is named when the printed header could not be recovered (flattened text).
ROLE_HEADERS: dict[str, str] = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "carry_over": "上年结转",
    "carry_forward": "结转下年",
    "reserve": "单位预留机动经费",
    "three_public_subtotal": "“三公”经费小计",
    "fiscal_income": "财政拨款收入",
    "admin_running": "机关运行经费",
    "general_budget": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "special_account": "财政专户管理资金",
    "business_income": "事业收入",
    "superior_subsidy": "上级补助收入",
    "subsidiary": "附属单位上缴收入",
    "operating_income": "事业单位经营收入",
    "other_income": "其他收入",
    "outbound": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
    "reception": "公务接待费",
    "meeting": "会议费",
    "training": "培训费",
}

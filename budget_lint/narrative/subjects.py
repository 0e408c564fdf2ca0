"""What a figure in the narrative is about: the subject phrase before it, recognised.

A subject phrase is the text between the previous clause delimiter and the figure, for instance
"其中：一般公共预算拨款" or "江苏省人大常委会办公厅 2017 年度收入、支出预算总计". It is cleaned (list
numbering, connectors such as 其中/此外/主要是, and everything up to the last year mention are removed)
and then must *end* with one of the patterns below. What comes before the match must be nothing, or end
like the name of an organisation (…院, …局, 本部门 …) or with 的: "其他社会保障和就业支出" is not the 类
社会保障和就业支出, and "资本性支出" is not the expenditure total. An unrecognised phrase gives no claim: a
pattern that is too loose would compare a figure with the wrong table cell.

Subjects are ``income``, ``expense``, ``basic``, ``project``, ``reserve`` (单位预留机动经费), ``class:208``,
``personnel``, ``public`` (公用经费), ``three_public`` and its items ``outbound``, ``vehicle``,
``vehicle_purchase``, ``vehicle_operation``, ``reception``, and ``meeting``, ``training``,
``admin_running`` (机关运行经费), ``procurement`` with ``goods``, ``works``, ``services``, ``performance``
(the project money under performance targets). The scope says whose money: ``all`` (the department's),
``fiscal`` (财政拨款), ``general_budget``, ``gov_fund``, ``state_capital``, or for income a funding source
(``business_income``, ``other_income``, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..numbering import BRACKETED, NUMBER, ORDINAL
from ..recognise import CLASS_NAMES

# A scope qualifier in front of a noun: 一般公共预算财政拨款支出, 财政拨款收入, 政府性基金拨款支出预算.
_QUALIFIER = (
    r"(?P<q>一般公共预算(?:财政)?(?:拨款)?(?:安排的?)?|财政拨款|政府性基金(?:预算)?(?:财政)?(?:拨款)?"
    r"|国有资本经营(?:预算)?(?:财政)?(?:拨款)?)?"
)
_QUALIFIER_SCOPES = [
    ("一般公共预算", "general_budget"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal"),
]
_BUDGET = r"(?:年初)?(?:预算|决算)?(?:数|支出数?|金额)?(?:合计|总额|总计|共计)?(?:为|是)?"

# (subjects, fixed scope or None to read the qualifier, pattern). Most specific first.
_PATTERNS: list[tuple[tuple[str, ...], str | None, str]] = [
    (
        ("income", "expense"),
        None,
        _QUALIFIER + r"(?:本年)?(?:收、?支|收入(?:、|和|与)?支出)(?:预算)?(?:总(?:计|预算|额))?(?:为)?",
    ),
    # 本年收入合计 / 本年支出合计 (the template's row names): the year's own money, without carry-over
    (("income_current",), None, _QUALIFIER + r"本年收入(?:决算)?合计(?:为)?"),
    (("expense_current",), None, _QUALIFIER + r"本年支出(?:决算)?合计(?:为)?"),
    (("income",), "business_income", r"事业收入(?:预算)?(?:为)?"),
    (("income",), "operating_income", r"事业单位经营收入(?:预算)?(?:为)?"),
    (("income",), "other_income", r"其他收入(?:预算)?(?:为)?"),
    (("income",), "superior_subsidy", r"上级补助收入(?:预算)?(?:为)?"),
    (("income",), "subsidiary", r"附属单位上缴收入(?:预算)?(?:为)?"),
    (("income",), "special_account", r"财政专户管理资金(?:收入)?(?:预算)?(?:总计)?(?:为)?"),
    (("income",), "other_funds", r"其他资金(?:收入)?(?:预算)?(?:总计)?(?:为)?"),
    (("income",), "carry_over", r"上年结转(?:资金)?(?:预算数)?(?:为)?"),
    (("income",), "general_budget", r"一般公共预算(?:财政)?拨款(?:收入)?(?:预算)?"),
    (("income",), "gov_fund", r"政府性基金(?:预算)?(?:财政)?拨款(?:收入)?"),
    (("income",), "state_capital", r"国有资本经营(?:预算)?(?:财政)?拨款(?:收入)?|国有资本经营(?:预算)?收入"),
    (("income",), None, _QUALIFIER + r"(?:本年)?收入(?:预算)?(?:总计|合计)?(?:预算)?(?:为)?"),
    (("basic",), None, _QUALIFIER + r"基本支出(?:预算)?(?:数)?(?:为)?"),
    (("project",), None, _QUALIFIER + r"项目支出(?:预算)?(?:数)?(?:为)?"),
    (("reserve",), None, r"单位预留机动经费(?:预算)?(?:数)?(?:为)?"),
    (("personnel",), None, r"人员经费(?:预算)?(?:为)?"),
    (("public",), None, r"(?:日常)?公用经费(?:预算)?(?:为)?"),
    (("three_public",), None, r"[“\"]?三公[”\"]?经费" + _BUDGET),
    (("outbound",), None, r"因公出国\(境\)(?:费用?|经费)" + _BUDGET),
    (("vehicle",), None, r"公务用?车购置及运行(?:维护)?费(?:用)?" + _BUDGET),
    (("vehicle_purchase",), None, r"公务用?车购置(?:费)?" + _BUDGET),
    (("vehicle_operation",), None, r"公务用?车(?:用车)?运行(?:维护)?费" + _BUDGET),
    (("reception",), None, r"(?:国内)?公务接待费" + _BUDGET),
    (("meeting",), None, r"会议费" + _BUDGET),
    (("training",), None, r"培训费" + _BUDGET),
    (("admin_running",), None, _QUALIFIER + r"(?:机关)?运行经费" + _BUDGET),
    (("procurement",), None, _QUALIFIER + r"政府采购(?:支出)?(?:预算)?(?:总额|总金额)?(?:为)?"),
    (("goods",), None, r"(?:政府采购|拟购买|拟采购)货物(?:类)?(?:预算|支出)?"),
    (("works",), None, r"(?:政府采购|拟购买|拟采购)工程(?:类)?(?:预算|支出)?"),
    (("services",), None, r"(?:政府采购|拟购买|拟采购)服务(?:类)?(?:预算|支出)?"),
    (("performance",), None, r"涉及(?:一般公共预算)?(?:当年)?(?:财政拨款|项目预算资金|财政性资金合计|资金)"),
    (("expense",), None, _QUALIFIER + r"(?:本年)?(?:预算)?支出(?:预算)?(?:总计|合计)?(?:预算)?(?:为)?"),
]


def _class_pattern() -> str:
    names = []
    for name in sorted(CLASS_NAMES, key=len, reverse=True):
        if name.endswith("支出"):
            names.append(re.escape(name[:-2]) + r"(?:\(类\))?支出")
        else:
            names.append(re.escape(name))
    return r"(?P<class>" + "|".join(names) + r")" + _BUDGET


_COMPILED = [(subjects, scope, re.compile(f"(?:{pattern})$")) for subjects, scope, pattern in _PATTERNS]
_CLASS = re.compile(_class_pattern() + "$")
_CLASS_BY_PRINTED = {re.sub(r"\(类\)", "", name): code for name, code in CLASS_NAMES.items()}

# Removed from the front of a phrase: list numbering, connectors, and everything up to the last year.
_NUMBERING = re.compile(rf"^(?:(?:第?{ORDINAL}|{NUMBER}|{BRACKETED}[、.]?)\s*)+")
_CONNECTOR = re.compile(r"^(?:其中|此外|另外|包括|主要是|主要原因是|主要用于|即)[:,，]?")
_UP_TO_YEAR = re.compile(r"^.*\d{4}年度?")
# Dropped from a subject as printed in messages: 基本支出预算数为 → 基本支出.
_FILLER_END = re.compile(r"(?:预算)?(?:数)?(?:为|是)?$")
# What may come before a subject: an organisation's name, 本部门, or 的.
_FUNDED_BY = re.compile(r"(?:收入|资金|拨款|结转|结余)(?:安排|列支)的?$")
"""A source named before a subject as what pays for it (事业收入安排的支出, 其他资金安排的): the subject is
then that source's part of it, which no table prints on its own."""
_ALLOWED_BEFORE = re.compile(r"(?:^|[院厅局委会办室处所部心队站府位]|本部门|本单位|我部门|的|\))$")


@dataclass(frozen=True)
class Subject:
    key: str
    scope: str | None
    """None when the phrase names no scope (it is then inherited or ``all``)."""
    printed: str
    qualified: bool = False
    """True when the scope is a qualifier of a general noun (财政拨款收、支总预算), not a funding source."""


@lru_cache(maxsize=8192)
def clean(phrase: str) -> str:
    """A phrase without its numbering, connectors and the text up to its last year mention. Cached: the
    reader cleans the phrases before changes, shares and vehicle counts, the same in every narrative."""
    text = _UP_TO_YEAR.sub("", phrase)
    previous = None
    while previous != text:
        previous = text
        text = _CONNECTOR.sub("", _NUMBERING.sub("", text))
    return text


def recognise(phrase: str, stage: str = "预算") -> list[Subject]:
    """The subjects a cleaned phrase names (two for 收、支总计), or [] when it names none we know.

    In a 决算 the 收入支出总计 takes in the carry-over and balances (年初结转和结余, 使用非财政拨款结余)
    by the template's design: it is its own quantity, ``summary_total``, not the year's 收入 or 支出."""
    return list(_recognised(phrase, stage))


@lru_cache(maxsize=8192)
def _recognised(phrase: str, stage: str) -> tuple[Subject, ...]:
    """Cached: a pure function of the phrase, and the same phrases (基本支出, “三公”经费, 年初预算为 …)
    come back in every narrative, and each of the patterns is tried from every character of it."""
    text = clean(phrase)
    if not text:
        return ()
    match = _CLASS.search(text)
    if match and _ALLOWED_BEFORE.search(text[: match.start()]):
        printed = match.group("class")
        code = _CLASS_BY_PRINTED[printed.replace("(类)", "")]
        return (Subject(f"class:{code}", None, printed),)
    for subjects, fixed_scope, pattern in _COMPILED:
        match = pattern.search(text)
        if not match or not _ALLOWED_BEFORE.search(text[: match.start()]):
            continue
        if _FUNDED_BY.search(text[: match.start()]):
            return ()  # 事业收入安排的支出: the part of a total some source pays for, not the total
        qualifier_scope = _scope_of(match.groupdict().get("q"))
        scope = fixed_scope or qualifier_scope
        printed = _FILLER_END.sub("", match.group()) or match.group()
        if stage == "决算" and subjects == ("income", "expense") and "总计" in printed:
            subjects = ("summary_total",)
        return tuple(Subject(key, scope, printed, qualifier_scope is not None) for key in subjects)
    return ()


def _scope_of(qualifier: str | None) -> str | None:
    if not qualifier:
        return None
    return next(scope for word, scope in _QUALIFIER_SCOPES if word in qualifier)

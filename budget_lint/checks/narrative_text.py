"""Wording of the narrative (``test``): a doubled unit ("264.63万元万元"), doubled punctuation ("。。"), a
reason left empty ("主要原因是。"), a template placeholder left in (XX局, ××), a heading naming another
year than the document's ("2023年度部门决算情况说明" in a 2024 决算), a 类 named as before the 2019
reform of the subject catalogue ("医疗卫生与计划生育支出" in a 2019-or-later document, where the tables
say 卫生健康支出), a rate printed without its % ("减少 9.52，"), a sentence whose quotation marks do
not pair up, a reason that says the opposite of the change it explains ("减少2.98%。主要原因是：…经费增加。"),
a level label that does not fit the subject ("行政事业单位离退休（类）" where the tables list
行政事业单位离退休 as a 款), a project's 实施周期 that ended before the budget year, 部门预算 in the
narrative of a 单位预算, and a numbered paragraph printed again where its list had gone past it (01: （六）…
（八） reprinted after （十）)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import takewhile

from .. import catalogue
from ..findings import Violation
from ..model import NarrativeLine
from ..narrative.quantities import Quantities
from ..recognise import ECONOMIC_KINDS, RENAMED_CLASSES, squash, strip_numbering
from ..rules import Rule
from .base import Context
from .narrative_base import text_violation

_TESTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # each test's pattern, and text each of its matches contains one of (none: no literal is certain),
    # so that a narrative with none is not searched (most have none, and a substring test is far
    # cheaper than the pattern's search); patterns are compiled at first use (``_pattern``)
    "doubled_unit": (r"(万元|亿元)\1+", ("万元万元", "亿元亿元")),
    "doubled_punctuation": (r"([。，、；;！？])\1+", tuple(mark * 2 for mark in "。，、；;！？")),
    "empty_reason": (
        r"主要原因(?:是|为)[:：]?(?=[。;；]|$)|原因(?:是|为)[:：]?(?=[。;；]|$)",
        ("原因是", "原因为"),
    ),
    "outdated_class": (
        f"({'|'.join(map(re.escape, RENAMED_CLASSES))})" + r"(?:\(\d*类\))?支出",
        tuple(RENAMED_CLASSES),
    ),
    # a change word, then a number with decimals and at once the end of the clause: no unit, no %
    "rate_without_percent": (r"(?:增长|下降|减少|增加|降幅|增幅)(?:了)?\s*\d+\.\d+(?=\s*[，。；,;])", ()),
    # a sentence: a short quotation closed within it is one piece of it, its own 。 or ？ no end
    # (落实“调解优先、依法调解。”的工作要求); see ``_quoted_sentences``
    "unpaired_quotes": (r"(?:[^。！？“”]|“[^“”]{0,40}”|[“”])+[。！？]?", ()),
    "reason_direction": (
        r"(?P<said>增加|增长|减少|下降)\s*\d+(?:\.\d+)?\s*%[。，,；;]?\s*主要原因(?:是|为)?[:：]?(?P<reason>[^。；]{1,60})[。；]",
        ("主要原因",),
    ),
    "level_label": (r"(?P<name>[\u4e00-\u9fa5、]{2,30})[(（](?P<level>类|款|项)[)）]", ()),
    # not the department's process (部门预算管理): see also ``_PART_OF``
    "department_wording": (r"部门预算(?!经济分类|管理)", ("部门预算",)),
    "project_period": (
        r"实施周期[:：]?\s*(?:\d{4}年度?(?:第[一二三四]季度|\d{1,2}月(?:\d{1,2}日)?)?)?\s*[-－—~～至到]*\s*"
        r"(?P<end>\d{4})年",
        ("实施周期",),
    ),
    # a template's placeholder left in: 上海市普陀区XX局, ××万元 (each branch starting with its mark, so
    # that the search skips to the marks)
    "placeholder": (
        r"××+|ＸＸ+|X(?<![A-Za-z]X)X+(?=[局委办厅院区县市镇街部处室所中心单位万元])",
        ("××", "ＸＸ", "XX"),
    ),
    # the document's own heading naming another year: 2023年度部门决算情况说明 in a 2024 决算
    "heading_year": (
        r"(20\d{2})\s*年度?\s*(?:部门|单位)(决算|预算)(?=情况说明|表|公开|编制)",
        ("部门决算", "部门预算", "单位决算", "单位预算"),
    ),
}


@cache
def _pattern(test: str) -> re.Pattern:
    return re.compile(_TESTS[test][0])


_CLAUSE_END = re.compile(r"[，,；;]")
_UP_WORDS = re.compile(r"增加|增长|调增|上升|新增")
"""Not 提高: what a reason raises is most often a quality (提高资金使用效益, 提高预算编制精准度)."""
_DOWN_WORDS = re.compile(r"减少|下降|调减|压减|降低|减支")
_NO_DIRECTION = re.compile(
    rf"(?:不再|没有|未|不|无|停止)(?:安排)?(?:{_UP_WORDS.pattern}|{_DOWN_WORDS.pattern})|新增资产"
)
"""What names no direction: a change word negated (不再新增, 没有增加, 未安排新增, 未减少), and 新增资产
(配置), the name of a table and of a kind of spending."""
_OTHER_YEAR = re.compile(r"\d{4}年|上年|上一年|去年")
_LEVELS = {"类": 3, "款": 5, "项": 7}
_CHAIN_GAP = 2
"""At most this many characters between the parts of one X（类）Y（款）Z（项） phrase."""
# Doubled marks are looked for within one line: across a line break they are more likely two columns of
# a table read line by line ("…推进。" then "。通过…") than a slip of the pen.
_WITHIN_A_LINE = {"doubled_unit", "doubled_punctuation"}


def run(rule: Rule, ctx: Context) -> Iterator[Violation]:
    test = rule.params["test"]
    year = ctx.document.year
    if test == "outdated_class" and (year is None or year < rule.params["since"]):
        return
    if test == "project_period" and (year is None or ctx.document.stage != "预算"):
        return
    if test == "department_wording" and not _unit_budget(ctx):
        return
    if test == "repeated_paragraph":
        yield from _repeated_paragraphs(rule, ctx)
        return
    levels: dict[str, int] | None = None  # read from the tables at the first level label
    chained = -_CHAIN_GAP - 1
    narrative = Quantities.of(ctx).narrative
    text = narrative.text
    for match in narrative.derive(f"narrative_text {test}", lambda n: list(_matches(test, n.text.text))):
        if test in _WITHIN_A_LINE and not text.within_a_line(match.start(), match.end()):
            continue
        if test == "reason_direction" and not _contradicts(match.group("said"), match.group("reason")):
            continue
        if test == "level_label":
            levels = _levels(ctx) if levels is None else levels
            level = _LEVELS[match.group("level")]
            if levels.get(match.group("name"), level) == level:
                continue
            if match.start() - chained <= _CHAIN_GAP:
                chained = match.end()  # the same 类/款/项 phrase: its first wrong level is the finding
                continue
            chained = match.end()
        if test == "project_period" and int(match.group("end")) >= year:
            continue
        if test == "outdated_class" and _RENAMING.search(_sentence_at(text.text, match.start())):
            continue  # the sentence tells of the renaming: 原“医疗卫生与计划生育支出”更名为“卫生健康支出”
        if test == "department_wording" and _PART_OF.search(_sentence_at(text.text, match.start())):
            continue  # the department's budget the unit's is part of: 本单位预算已纳入…部门预算
        if test == "heading_year" and (
            year is None or int(match.group(1)) == year or match.group(2) != ctx.document.stage
        ):
            continue
        found = match.group()
        start = match.start()
        if test == "unpaired_quotes":
            stray = _unpaired(found)
            if stray is None:
                continue
            start += stray
            found = found[max(0, stray - _AROUND) : stray + _AROUND + 1]
        source = text.source(start)
        if test == "doubled_unit":
            message = ctx.zh_en(f"单位重复：「{found}」", f"unit written twice: '{found}'")
        elif test == "doubled_punctuation":
            message = ctx.zh_en(f"标点重复：「{found}」", f"punctuation doubled: '{found}'")
        elif test == "empty_reason":
            message = ctx.zh_en("“原因是”之后没有写原因", "'the reason is' is followed by no reason")
        elif test == "rate_without_percent":
            message = ctx.zh_en(f"比率没有写 %：「{found}」", f"a rate without its %: '{found}'")
        elif test == "unpaired_quotes":
            message = ctx.zh_en(f"引号不成对：「{found}」", f"quotation marks do not pair up: '{found}'")
        elif test == "reason_direction":
            message = ctx.zh_en(
                f"说{match.group('said')}，原因却说的是相反的方向：「{found}」",
                f"says {match.group('said')}, but the reason points the other way: '{found}'",
            )
        elif test == "level_label":
            message = ctx.zh_en(
                f"「{found}」：表中{match.group('name')}是{_level_name(levels[match.group('name')])}，"
                f"不是{match.group('level')}",
                f"'{found}': the tables list {match.group('name')} as a "
                f"{_level_name(levels[match.group('name')])}",
            )
        elif test == "department_wording":
            message = ctx.zh_en(
                "本文件是单位预算（表为“预算单位…表”），说明却写“部门预算”",
                "a unit budget (its tables are 预算单位 tables) whose narrative says 部门预算",
            )
        elif test == "project_period":
            message = ctx.zh_en(
                f"实施周期止于{match.group('end')}年，早于本预算年度{year}年：「{found}」",
                f"the 实施周期 ends in {match.group('end')}, before the budget year {year}: '{found}'",
            )
        elif test == "placeholder":
            message = ctx.zh_en(
                f"模板占位符未替换：「{found}」", f"a template placeholder left in: '{found}'"
            )
        elif test == "heading_year":
            message = ctx.zh_en(
                f"「{found}」的年份与本文档（{year}年{ctx.document.stage}）不符",
                f"'{found}' names another year than the document's ({year})",
            )
        else:
            code, new = RENAMED_CLASSES[match.group(1)]
            in_tables = _table_name(ctx, code)
            where = ""
            if in_tables and in_tables != found:
                where = ctx.zh_en(f"，表中为「{in_tables}」", f"; the tables say '{in_tables}'")
            elif in_tables:
                where = ctx.zh_en("，表中也用了旧名称", "; the tables use the old name too")
            message = ctx.zh_en(
                f"「{found}」是2019年以前的类名称，{year}年应为「{new}」{where}",
                f"'{found}' is the 类 name used before 2019; in {year} it is '{new}'{where}",
            )
        yield text_violation(rule, ctx, source, found, message)


_LEVEL_MARK = re.compile(r"[(（](?:类|款|项)[)）]")
_LONGEST_NAME = 30
"""The longest name ``level_label`` reads before its （类）."""


def _level_labels(text: str) -> Iterator[re.Match]:
    """``level_label``'s matches, as its ``finditer`` gives them, each looked for only before a （类）,
    （款） or （项）: trying its name from every character of the narrative costs up to 30 steps each."""
    pattern, pos = _pattern("level_label"), 0
    for mark in _LEVEL_MARK.finditer(text):
        if found := pattern.search(text, max(pos, mark.start() - _LONGEST_NAME), mark.end()):
            yield found
            pos = found.end()


_QUOTE = re.compile("[“”]")


def _quoted_sentences(text: str) -> Iterator[re.Match]:
    """``unpaired_quotes``' matches: the sentences with a quotation mark, read from the sentence of the
    first one on (few texts have any)."""
    first = _QUOTE.search(text)
    if first is None:
        return
    start = max(text.rfind(mark, 0, first.start()) + 1 for mark in "。！？")
    for sentence in _pattern("unpaired_quotes").finditer(text, start):
        if _QUOTE.search(sentence.group()):
            yield sentence


def _matches(test: str, text: str) -> Iterator[re.Match]:
    """A test's matches in the joined narrative, as its pattern's ``finditer`` gives them (two found
    another way, for speed)."""
    if test == "level_label":
        return _level_labels(text)
    if test == "unpaired_quotes":
        return _quoted_sentences(text)
    needles = _TESTS[test][1]
    if needles and not any(needle in text for needle in needles):
        return iter(())
    return _pattern(test).finditer(text)


_AROUND = 12
"""Characters quoted either side of an unpaired quotation mark."""

_NUMBERED = re.compile(r"^\s*[（(](?P<n>[一二三四五六七八九十]+)[)）]")
_NUMERALS = {ch: i for i, ch in enumerate("一二三四五六七八九", 1)}
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+\s*$)")
"""A line that ends a paragraph: a section number or a page number."""
_SHORTEST = 15
"""Characters a paragraph needs before its repetition means anything (not a heading or a label)."""


def _repeated_paragraphs(rule: Rule, ctx: Context) -> Iterator[Violation]:
    """A paragraph numbered （N） printed again after its list had reached a higher number, without the
    list starting again at （一）: the same text twice in one list (a section repeated under its own
    heading, as 江苏's 财政拨款 and 一般公共预算 sections are, starts again at （一） and is not one)."""
    lines = ctx.document.narrative  # the lines the narrative was read from: its work is theirs
    runs = Quantities.of(ctx).narrative.derive("narrative_text repeated", lambda _: _repeated(lines))
    for run in runs:
        (_, first, source, earlier), last = run[0], run[-1][1]
        numbers = f"（{first}）" if len(run) == 1 else f"（{first}）至（{last}）"
        message = ctx.zh_en(
            f"第{numbers}段重复印出，与{_where(ctx, earlier)}起的段落相同",
            f"paragraphs {numbers} printed twice: the same as from {_where(ctx, earlier, 'en')}",
        )
        yield text_violation(rule, ctx, source, numbers, message)


def _repeated(lines: list[NarrativeLine]) -> list[list]:
    """Runs of adjacent repeated paragraphs: [(index, numeral, source, the first's source), …]."""
    if not _numbers_go_back(lines):
        return []
    paragraphs: list[list] = []  # [number, numeral as printed, its lines' texts, source]
    for line in lines:
        text = squash(line.text)
        if match := _NUMBERED.match(line.text):
            paragraphs.append([_numeral(match["n"]), match["n"], [text], line.source])
        elif paragraphs and text and not _HEADING.match(line.text):
            paragraphs[-1][2].append(text)
        elif text:
            paragraphs.append([0, "", [text], line.source])  # a heading or unnumbered text ends the list
    seen: dict[str, object] = {}
    highest = 0
    runs: list[list] = []
    for index, (number, numeral, texts, source) in enumerate(paragraphs):
        text = "".join(texts)
        if number in (0, 1):
            seen, highest = {}, number
        if number and len(text) >= _SHORTEST and number <= highest and text in seen:
            if not runs or runs[-1][-1][0] != index - 1:
                runs.append([])
            runs[-1].append((index, numeral, source, seen[text]))
        if number and len(text) >= _SHORTEST:
            seen.setdefault(text, source)
        highest = max(highest, number)
    return runs


def _numbers_go_back(lines: list[NarrativeLine]) -> bool:
    """Whether a numbered paragraph (N), N ≥ 2, follows one numbered as high since the list last started
    at (一): the one way a paragraph can be a repeat. Most narratives have none, and their paragraphs are
    not put together (an unnumbered paragraph ends a list too: this can only say yes more often)."""
    highest = 0
    for line in lines:
        if match := _NUMBERED.match(line.text):
            number = _numeral(match["n"])
            if number in (0, 1):
                highest = number
            elif number <= highest:
                return True
            highest = max(highest, number)
    return False


def _numeral(text: str) -> int:
    """一 … 九十九 as a number."""
    if "十" not in text:
        return _NUMERALS.get(text, 0)
    tens, _, units = text.partition("十")
    return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + _NUMERALS.get(units, 0)


def _where(ctx: Context, source, lang: str = "zh") -> str:
    line = source.line if source.line is not None else source.page
    unit = "行" if source.line is not None else "页"
    return f"第{line}{unit}" if lang == "zh" else f"{'line' if unit == '行' else 'page'} {line}"


def _unpaired(sentence: str) -> int | None:
    """Where the first quotation mark without its pair is: a ” with no “ open, a “ opened while one is
    open, or the last “ left open; None when every “ is closed by a ” before the next opens."""
    opened = None
    for found in _QUOTE.finditer(sentence):
        if (found.group() == "“") == (opened is not None):
            return found.start()
        opened = found.start() if found.group() == "“" else None
    return opened


def _contradicts(said: str, reason: str) -> bool:
    """The reason names only the opposite direction of the change it explains. A clause about another
    year ("2025年增加图书购置经费", "上年新增的一次性经费" for a decrease) explains by what happened then and
    is left out, and so are the clauses after it, which go on about that year ("2025年度有部分奖励未发放，
    调减预算" for a rise over 2025's spending). A negated change word names no direction
    (``_NO_DIRECTION``)."""
    before = takewhile(lambda clause: not _OTHER_YEAR.search(clause), _CLAUSE_END.split(reason))
    clauses = [_NO_DIRECTION.sub("", clause) for clause in before]
    up = any(_UP_WORDS.search(c) for c in clauses)
    down = any(_DOWN_WORDS.search(c) for c in clauses)
    return (down and not up) if said in ("增加", "增长") else (up and not down)


_RENAMING = re.compile(r"更名|改名|名称调整|调整为|改为|变更为")
_PART_OF = re.compile(r"[纳列编汇]入|属于")
_SENTENCE_END = "。；;！？"


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds the character at ``at``."""
    start = max(text.rfind(end, 0, at) for end in _SENTENCE_END) + 1
    ends = [found for end in _SENTENCE_END if (found := text.find(end, at)) >= 0]
    return text[start : min(ends, default=len(text))]


def _unit_budget(ctx: Context) -> bool:
    """A 单位预算: its tables are titled 预算单位…表, none 部门…表 (部门预算经济分类 is a catalogue's
    name)."""
    titles = [squash(t.title).replace("部门预算经济分类", "") for t in ctx.document.tables]
    return any("预算单位" in t for t in titles) and not any("部门" in t for t in titles)


def _levels(ctx: Context) -> dict[str, int]:
    """Subject names the function tables list at exactly one level (by code length). A name at several
    is left out, and so is one that the economic classification lists at another level, in the
    document's tables or the catalogue: 住房公积金 is a 项 of 住房改革支出 and a 款 of 对个人和家庭的补助
    (30311), and a narrative that calls it a 款 may mean the latter."""
    function: dict[str, set[int]] = {}
    economic: dict[str, set[int]] = {}
    for table in ctx.document.tables:
        found = economic if table.kind in ECONOMIC_KINDS else function
        for row in table.rows:
            if row.code and len(row.code) in (3, 5, 7) and row.label:
                found.setdefault(strip_numbering(row.label), set()).add(len(row.code))
    for kind in ("economic_dept", "economic_gov"):
        version = catalogue.version_for(kind, ctx.document.year)
        for entry in version.entries.values() if version else []:
            economic.setdefault(strip_numbering(entry.name), set()).add(len(entry.code))
    return {
        name: next(iter(lengths))
        for name, lengths in function.items()
        if len(lengths | economic.get(name, lengths)) == 1
    }


def _level_name(length: int) -> str:
    return {3: "类", 5: "款", 7: "项"}[length]


def _table_name(ctx: Context, code: str) -> str | None:
    return next((row.label for table in ctx.document.tables for row in table.rows if row.code == code), None)

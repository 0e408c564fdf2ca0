"""Claims: what the narrative states about one quantity — its amount this year, the prior-year figure, the
change (增加/减少/持平, an amount and a percentage) and its share of a total — each figure keeping the line
it starts on.

Figures are found in the joined narrative (see ``text``): an amount is a number followed by 万元, 亿元 or
元; a percentage a number followed by %; a vehicle count a number followed by 辆. What a figure is depends
on the phrase before it (back to the previous delimiter or figure):

* a direction word (增加, 减少, 增长, 降幅 …), optionally after a comparison (比2022年, 与上年相比): a change
  — of the subject named before the comparison ("收入较2022年减少"), else of the current claim;
* "YYYY年当年预算执行数为" or the prior year's "YYYY年度预算": the prior-year figure of the current claim;
* "占…": a share;
* otherwise a subject phrase (see ``subjects``): a new claim; an unrecognised phrase ends the current
  claim, so that nothing attaches to the wrong quantity.

"与上年持平" (相等, 一致 …) is a change of zero, "基本持平" (roughly the same) none; "…增加的主要原因是"
states a direction alone.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter
from typing import Any

from ..kernel import UNIT_IN_YUAN
from ..model import Cell, NarrativeLine, Source
from ..numbering import BRACKETED, NUMERAL
from ..recognise import CLASS_NAMES
from .counts import Count
from .counts import counts as read_counts
from .subjects import Subject, clean, recognise
from .text import JoinedText

UP, FLAT, DOWN = 1, 0, -1

# a figure with misplaced separators (46,83.96) is read by its digits; readers/figures.py reports it
_NUMBER = r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:,\d{1,4})+\.\d+|\d+(?:\.\d+)?)"
# The lookahead names the characters a token can start with (a digit, 与比较同本, 增减下): the search
# then skips the others fast instead of trying every alternative at every character.
_TOKEN = re.compile(
    r"(?=[\d与比较同本增减下])(?:" + _NUMBER + r"(?P<unit>万元|亿元|元|%|辆)"
    r"|(?P<flat>(?:与|比|较|同)(?:上年|上一年|去年|(?P<flat_year>\d{4})年)度?(?:同期)?"
    r"(?P<flat_kind>当年预算执行数|预算执行数|预算数|预算)?(?:相比|比较|相)?(?:保持|基本)?"
    r"(?:持平|相等|一致|相同|不变|无变化|未发生变化|未变化)"
    r"|本年数与上年预算数(?:一致|相等|持平|相同))"
    r"|(?P<reason>(?P<reason_verb>增加|减少|增长|下降)的(?:主要)?原因))"
)
# A 、 before 支 ends no phrase (公诉、审判、侦查…支出). One class of characters first: the search skips
# the others fast.
_DELIMITER = re.compile(r"[,，。;:?？!！、](?!(?<=、)支)")
_BASIS = (
    r"(?P<basis>(?:与|比|较|同)(?:上年|上一年|去年|(?P<year>\d{4})年?)度?(?:同期)?"
    r"(?P<kind>当年预算执行数|预算执行数|预算数|预算|决算数|决算)?(?:相比|比较)?)?"
)
_LEADING_BASIS = re.compile(
    r"^(?:与|比|较|同)(?:上年|上一年|去年|\d{4}年?)度?(?:同期)?(?:预算数?|预算执行数)?(?:相比|比较)"
)
_VERBS = {
    "增加(减少)": None,
    "增长(减少)": None,
    "增长(降低)": None,
    "增加(降低)": None,
    "增加": UP,
    "增长": UP,
    "上升": UP,
    "提高": UP,
    "增幅": UP,
    "减少": DOWN,
    "下降": DOWN,
    "降低": DOWN,
    "降幅": DOWN,
    "压减": DOWN,
    "本年数小于上年预算数": DOWN,
    "本年数大于上年预算数": UP,
}
_VERB = "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))
_CHANGE_LEAD = re.compile(rf"^(?P<head>.*?){_BASIS}(?:各)?(?P<verb>{_VERB})(?:了|为)?$")
_CHANGE_ENDS = tuple(verb + end for verb in _VERBS for end in ("", "了", "为"))
"""How a lead ``_CHANGE_LEAD`` matches ends (the joined text has no line break for $ to stop before)."""
_CHANGE_LAST = frozenset(end[-1] for end in _CHANGE_ENDS)
"""Their last characters: a lead ending in none of them (most) is not compared with each ending."""
_PRIOR_LEAD = re.compile(
    r"^(?P<year>\d{4})年?度?(?:当年)?(?P<kind>预算执行数|决算数|预算数|预算|预算安排)(?:为|是)?$"
    r"|^(?:上年|上一年)(?P<last_kind>预算执行数|预算数|预算)?(?:为|是)$"
)
_EARLIER_LEAD = re.compile(
    r"^[（(]?(?P<year>\d{4})年度?(?P<head>[^\d%]+?)(?P<kind>预算执行数|决算数|预算数|预算)(?:为|是)?$"
)
"""A year, a subject, then what its figure is: "2017年基本支出预算数为", "（2017年公务接待费预算为"
(``_amount`` takes it as an earlier year's figure when the year is before the document's)."""
_PROJECT_TARGETS = re.compile(r"^(?!.*整体).*项目")
_PROJECT_COUNT = re.compile(r"项目(?:共|数)?(?:为|有)?(?P<a>\d+)个|(?P<b>\d+)个(?:预算)?项目")
_FILLER = re.compile(r"^(?:\d{4}年度?)?(?:年初)?(?:预算)?(?:数|安排|支出)?(?:合计)?(?:为|是)?$")
_SHARE_LEAD = re.compile(
    r"^(?P<head>.*?)(?:所?占(?P<of>.*?)的?(?:比重|比例)?|比重|比例)(?:为|是)?$"
)  # 占42.53%, 占支出的42.53%, 所占比例为42.53%, 比重为42.53%
# A name is a run of these characters: matched from the run's start only (the lookbehind), which is
# where the leftmost match starts anyway, and saves retrying from every character of a long run.
_ITEM_MARKER = re.compile(
    r"(?<![^()\-—“”\"\d,，.。:;])(?P<name>[^()\-—“”\"\d,，.。:;]+?)\((?P<code>\d*)(?P<level>类|款|项)\)"
)
_ITEM_NAME_ENDS = re.compile(r"^[“\"、,，.:;\-\s]+|[”\"\-\s]+$")


_ITEM_TAIL = re.compile(r"^[”\"]?(?:\d{4}年度?)?(?:预算)?(?:支出)?(?:合计)?(?:为)?:?$")
_VEHICLE_TOTAL = re.compile(r"(?:共有|现有|实有)?(?:车辆|公务用车)(?:总数|保有量)?(?:为)?$")
_VEHICLE_PURCHASE = re.compile(r"购置(?:车辆|公务用车)(?:为)?$")
_VEHICLE_TYPE = re.compile(
    r"(?P<type>一般公务用车|执勤执法用车|执法执勤用车|特种专业技术用车|其他用车|部级领导干部用车|"
    r"主要领导干部用车|机要通信用车|应急保障用车|离退休干部用车|业务用车)$"
)
_LISTING_START = re.compile(f"^(?:{NUMERAL}+、|{BRACKETED})*(?:其中|包括)")

# Parts and the total they are shares of, and whose scope they inherit.
NATURAL_TOTAL = {
    "basic": "expense",
    "project": "expense",
    "reserve": "expense",
    "item": "expense",
    "class": "expense",
    "goods": "procurement",
    "works": "procurement",
    "services": "procurement",
    "outbound": "three_public",
    "vehicle": "three_public",
    "reception": "three_public",
    "vehicle_purchase": "vehicle",
    "vehicle_operation": "vehicle",
    "personnel": "basic",
    "public": "basic",
}
# Subjects whose scope, when the phrase names none, is their total's (其中：基本支出… after 一般公共预算支出).
SCOPED_SUBJECTS = {"basic", "project", "class", "item", "goods", "works", "services"}


@dataclass(frozen=True)
class Figure:
    """A number as printed in the narrative, with its unit and where it starts."""

    value: Decimal
    decimals: int
    """As printed."""
    unit: str
    text: str
    start: int
    source: Source
    lines: tuple[int, ...]
    precision: int
    """The decimals the figure is exact to: more than printed where the narrative drops trailing zeros
    (see ``money_precision``)."""
    _cells: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    """``cell`` by unit: checks ask for the same figure's cell again and again (never changed)."""

    @property
    def money(self) -> bool:
        return self.unit in UNIT_IN_YUAN

    def cell(self, unit: str | None = None) -> Cell:
        """The figure as a Cell, in ``unit`` (元, 万元, 亿元) when given, keeping its rounding interval."""
        if (cell := self._cells.get(unit)) is None:
            cell = self._cells[unit] = self._cell(unit)
        return cell

    def _cell(self, unit: str | None) -> Cell:
        shift = 0
        if unit is not None and self.money:
            shift = (UNIT_IN_YUAN[self.unit] / UNIT_IN_YUAN[unit]).adjusted()
        return Cell(
            value=self.value.scaleb(shift),
            decimals=self.precision - shift,
            text=self.text,
            source=self.source,
            unit=(unit or self.unit) if self.money else None,
        )


@dataclass
class Change:
    """How a quantity changed from the prior year, as stated."""

    direction: int | None
    """UP, DOWN or FLAT; None for the template's 增加（减少）."""
    basis: str
    """What it is compared with: ``budget`` (上年预算) or ``execution`` (上年预算执行数)."""
    word_source: Source
    """Where the direction word (增加, 持平 …) is."""
    amount: Figure | None = None
    percent: Figure | None = None
    percent_direction: int | None = None
    _signed: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    """``signed`` by unit, once the narrative is read: checks ask for it again and again."""

    @property
    def source(self) -> Source:
        """Where the change is stated: its amount, else its percentage, else its direction word."""
        if self.amount is not None:
            return self.amount.source
        return self.percent.source if self.percent is not None else self.word_source

    def signed(self, unit: str) -> Cell | None:
        """The stated change as a signed Cell in ``unit``; None when no amount (and not 持平) is stated."""
        if unit not in self._signed:
            self._signed[unit] = self._signed_cell(unit)
        return self._signed[unit]

    def _signed_cell(self, unit: str) -> Cell | None:
        if self.direction == FLAT:
            return Cell(value=Decimal(0), decimals=None, text="持平", source=self.source, unit=unit)
        if self.amount is None or self.direction is None:
            return None
        cell = self.amount.cell(unit)
        value = cell.amount * self.direction
        return Cell(value=value, decimals=cell.decimals, text=cell.text, unit=cell.unit, source=cell.source)


@dataclass
class Claim:
    subject: str
    """``income``, ``class:208``, ``item:…``, ``vehicles``, ``vehicles:一般公务用车`` … (see subjects)."""
    scope: str
    label: str
    """The subject as printed."""
    source: Source
    sentence: int
    qualified: bool = False
    """The scope is a qualifier of a general noun (财政拨款支出), not a funding source (事业收入)."""
    amount: Figure | None = None
    restated: list[Figure] = field(default_factory=list)
    """The same amount stated again for the same claim ("2026年预算安排1672.67万元")."""
    priors: dict[str, Figure] = field(default_factory=dict)
    """Prior-year figures by basis (``budget``, ``execution``)."""
    changes: list[Change] = field(default_factory=list)
    share: Figure | None = None
    share_of: str | None = None
    """The subject named as the share's total ("占“三公”经费的"); None when not named."""
    item_code: str | None = None
    """For an item paragraph (X（类）Y（款）Z（项）): the subject code when printed (204 06 01 → 2040601)."""
    item_names: tuple[str, ...] = ()
    """For an item paragraph: the 类, 款 and 项 names as printed (an empty string where not printed)."""
    count: int | None = None
    """For the money under performance targets: the number of projects stated with it (项目5个)."""
    kind: str = field(init=False, repr=False, compare=False)
    """The subject's kind: ``class`` for ``class:208``."""

    def __post_init__(self) -> None:
        self.kind = self.subject.split(":")[0]

    @property
    def this_year(self) -> list[Figure]:
        """Every statement of this year's amount, the one nearest the change statements first (a
        restatement "2026年预算安排…" comes right before "比2025年…增加x%")."""
        figures = [self.amount] if self.amount is not None else []
        return list(reversed(figures + self.restated))

    @property
    def key(self) -> tuple[str, str]:
        return self.subject, self.scope


@dataclass(frozen=True)
class YearMention:
    """A year the narrative compares with or budgets for: ``expected`` is ``prior`` for 比YYYY年 and
    YYYY年预算执行数, ``final`` for YYYY年决算数 (in a budget, the last year's or the year before's: the
    latest final accounts when it is drawn up), ``current`` for YYYY年预算安排."""

    year: int
    expected: str
    text: str
    source: Source


@dataclass
class Narrative:
    text: JoinedText
    claims: list[Claim]
    years: list[YearMention]
    quantities: dict = field(default_factory=dict, compare=False, repr=False)
    """Its claims grouped by quantity, by funding flags (what ``Quantities.of`` views)."""
    derived: dict = field(default_factory=dict, compare=False, repr=False)
    """What checks work out from the narrative alone, by name (``derive``)."""

    def derive(self, name: str, work: Callable[[Narrative], Any]) -> Any:
        """``work(self)``, worked out once: not again for every rule and context that asks."""
        if name not in self.derived:
            self.derived[name] = work(self)
        return self.derived[name]

    @cached_property
    def counts(self) -> list[Count]:
        """The 三公 counts it prints (团组, 批次, 人次)."""
        return read_counts(self.text)


def read_narrative(lines: Sequence[NarrativeLine], year: int | None, stage: str = "预算") -> Narrative:
    """The narrative's claims. The last few narratives read are kept, each with its lines' texts and
    sources: the checks of one document ask again and again (placement makes a context per placement it
    tries), a cross-year run asks again for a document that pairs. Kept by the texts, looked up by their
    hash; the sources are compared, not hashed: the same objects compare at once (a Source hashes
    slowly)."""
    key, sources = (year, stage, tuple(map(_TEXT, lines))), tuple(map(_SOURCE, lines))
    with _KEPT_LOCK:
        kept_sources, narrative = _KEPT.pop(key, ((), None))
    if narrative is None or kept_sources != sources:
        narrative = _Reader(JoinedText.of(lines), year, stage).read()
    with _KEPT_LOCK:
        if len(_KEPT) >= KEPT:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = (sources, narrative)  # with this document's own lines: compared at once next time
    return narrative


KEPT = 16
"""Narratives kept, the most recently read last."""
_KEPT: dict[tuple, tuple[tuple, Narrative]] = {}
_KEPT_LOCK = threading.Lock()
_TEXT, _SOURCE = attrgetter("text"), attrgetter("source")


class _Reader:
    def __init__(self, text: JoinedText, year: int | None, stage: str):
        self.text = text
        self.year = year
        self.stage = stage
        self.claims: list[Claim] = []
        self.years: list[YearMention] = []
        self.current: list[Claim] = []
        self.vehicle_total: Claim | None = None
        self.item_context: dict[str, tuple[str, str]] = {}
        ends = [m.end() for m in re.finditer("。", text.text)]
        self.sentence_starts = [0, *sorted({*ends, *text.headings})] if text.headings else [0, *ends]
        # Where each delimiter ends, found once: a phrase starts after the last one before it ends. A
        # phrase ends at a figure, a 、 or a colon, never at a 、 before 支 (as in the phrase alone); a
        # heading ends where its line does.
        self.delimiter_ends = [m.end() for m in _DELIMITER.finditer(text.text)]
        if text.headings:
            self.delimiter_ends = sorted({*self.delimiter_ends, *text.headings})
        self.latest: dict[str, Claim] = {}
        """The latest claim of each kind."""

    def read(self) -> Narrative:
        text = self.text.text
        tokens = list(_TOKEN.finditer(text))
        self.money_precision = money_precision(tokens)
        previous_end = 0
        for match in tokens:
            start, end = match.span()
            lead_start = self._lead_start(previous_end, start)
            lead = text[lead_start:start]
            self._note_item_markers(text[previous_end:start])
            flat, reason, unit = match.group("flat", "reason", "unit")
            if flat:
                self._flat(match)
            elif reason:
                self._reason(match, lead)
            elif unit == "%":
                self._percent(match, lead)
            elif unit == "辆":
                self._vehicles(match, lead)
            else:
                self._amount(match, lead, lead_start)
            previous_end = end
        return Narrative(self.text, self.claims, self.years)

    # -- figures and phrases --------------------------------------------------------------------------

    def _lead_start(self, previous_end: int, start: int) -> int:
        """After the last delimiter within ``previous_end:start``, else ``previous_end``."""
        last = bisect_right(self.delimiter_ends, start) - 1
        return max(previous_end, self.delimiter_ends[last]) if last >= 0 else previous_end

    def _strong_lead_start(self, lead_start: int) -> int:
        """Where a phrase starts when 、 does not end it (公诉、审判、侦查…支出（项）)."""
        while lead_start > 0 and self.text.text[lead_start - 1] == "、":
            lead_start = self._lead_start(max(0, lead_start - 80), lead_start - 1)
        return lead_start

    def _figure(self, match: re.Match) -> Figure:
        text, number, unit = match.group(0, "num", "unit")
        start, end = match.span()
        decimals = len(number.partition(".")[2])
        precision = max(decimals, self.money_precision) if unit == "万元" else decimals
        return Figure(
            value=Decimal(number.replace(",", "")),
            decimals=decimals,
            precision=precision,
            unit=unit,
            text=text,
            start=start,
            source=self.text.source(start),
            lines=self.text.lines(start, end),
        )

    def _sentence(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def _claim(self, subject: Subject, label: str, start: int, scope: str | None = None) -> Claim:
        kind = subject.key.split(":")[0]
        claim = Claim(
            subject=subject.key,
            scope=scope or subject.scope or self._inherited_scope(kind, start),
            label=label,
            source=self.text.source(start),
            sentence=self._sentence(start),
            qualified=subject.qualified,
        )
        self.claims.append(claim)
        self.latest[claim.kind] = claim
        return claim

    def _inherited_scope(self, kind: str, start: int) -> str:
        """A part without its own scope (其中：基本支出…) takes the scope of its total stated in the same
        sentence, or in the sentence before when this one starts with 其中/包括."""
        if kind not in SCOPED_SUBJECTS or kind not in NATURAL_TOTAL:
            return "all"
        total = NATURAL_TOTAL[kind]
        sentence = self._sentence(start)
        sentence_text = self.text.text[self.sentence_starts[sentence] : start]
        allowed = {sentence, sentence - 1} if _LISTING_START.match(sentence_text) else {sentence}
        claim = self.latest.get(total)
        return claim.scope if claim is not None and claim.sentence in allowed else "all"

    # -- the kinds of tokens ----------------------------------------------------------------------------

    def _amount(self, match: re.Match, lead: str, lead_start: int) -> None:
        figure = self._figure(match)
        change = _change_lead(lead)
        if change:
            self._change(change, lead_start, figure=figure)
            return
        prior = _PRIOR_LEAD.match(lead)
        if prior:
            self._prior(prior, figure)
            return
        earlier = _EARLIER_LEAD.match(lead)
        if earlier and self.year is not None and int(earlier.group("year")) < self.year:
            self._earlier(earlier, figure)
            return
        phrase_end = match.start()
        if self.text.text[lead_start - 1 : lead_start] == ":" and _FILLER.match(lead):
            phrase_end = lead_start - 1
            lead_start = self._lead_start(max(0, phrase_end - 60), phrase_end)
            lead = self.text.text[lead_start:phrase_end]
        item = self._item(self.text.text[self._strong_lead_start(lead_start) : phrase_end])
        subjects = [item[0]] if item else recognise(lead, self.stage)
        performance = any(s.key == "performance" for s in subjects)
        if performance and not _PROJECT_TARGETS.search(self._sentence_text(match.start())):
            subjects = []  # targets for the department as a whole (整体支出绩效目标) cover more than projects
        if not subjects:
            self.current = []
            return
        self.current = [self._claim(subject, subject.printed, figure.start) for subject in subjects]
        counts = list(_PROJECT_COUNT.finditer(self._sentence_text(match.start()))) if performance else []
        for claim in self.current:
            claim.amount = figure
            if item:
                claim.item_code, claim.item_names = item[1], item[2]
            if claim.kind == "performance" and counts:
                claim.count = int(counts[-1]["a"] or counts[-1]["b"])

    def _change(self, lead: re.Match, lead_start: int, figure: Figure | None = None) -> None:
        claims = self._claims_named(lead.group("head"), lead_start)
        if claims is None:
            return
        year, kind = lead.group("year"), lead.group("kind") or ""
        verb_start = lead_start + lead.start("verb")
        if year:
            expected = "final" if "决算" in kind else "prior"
            self.years.append(
                YearMention(int(year), expected, lead.group("basis"), self.text.source(verb_start))
            )
            if expected == "final" and self.year is not None and int(year) < self.year - 1:
                return  # a change since an earlier year's final accounts: no figure here to check it by
        basis = "execution" if "执行" in kind or "决算" in kind else "budget"
        direction = _VERBS[lead.group("verb")]
        for claim in claims:
            if figure is not None and figure.unit == "%":
                last = claim.changes[-1] if claim.changes else None
                if (
                    last is not None
                    and last.percent is None
                    and (not lead.group("basis") or last.basis == basis)
                ):
                    last.percent, last.percent_direction = figure, direction
                    continue
                claim.changes.append(
                    Change(direction, basis, self.text.source(verb_start), None, figure, direction)
                )
            else:
                claim.changes.append(Change(direction, basis, self.text.source(verb_start), figure))

    def _claims_named(self, head: str, lead_start: int) -> list[Claim] | None:
        """The claims a change is about: those named in ``head``, else the current ones; None when
        ``head`` names something unrecognised."""
        head = _LEADING_BASIS.sub("", head)
        if not clean(head):
            return self.current or None
        subjects = recognise(head, self.stage)
        if not subjects:
            self.current = []  # what follows ("下降了4.39%") is about that unrecognised subject too
            return None
        if (
            self.current
            and all(s.scope is None for s in subjects)
            and [c.subject for c in self.current] == [s.key for s in subjects]
            and all(c.qualified or c.scope == "all" for c in self.current)
        ):
            return self.current  # "财政拨款收、支总预算A万元。与上年相比收、支预算总计各增加B万元"
        self.current = [self._claim(s, s.printed, lead_start) for s in subjects]
        return self.current

    def _prior(self, lead: re.Match, figure: Figure) -> None:
        if not self.current:
            return
        if lead.group("last_kind") is not None or lead.group("year") is None:
            kind = lead.group("last_kind") or ""
            for claim in self.current:
                claim.priors["execution" if "执行" in kind else "budget"] = figure
            return
        year, kind = int(lead.group("year")), lead.group("kind")
        if "执行" in kind or "决算" in kind:
            expected = "final" if "决算" in kind else "prior"
            self.years.append(YearMention(year, expected, lead.group(), figure.source))
            if expected == "prior" or self.year is None or year >= self.year - 1:
                for claim in self.current:
                    claim.priors["execution"] = figure
            return
        if kind == "预算安排" or (self.year is not None and year == self.year):
            self.years.append(YearMention(year, "current", lead.group(), figure.source))
            for claim in self.current:
                claim.restated.append(figure)
            return
        self.years.append(YearMention(year, "prior", lead.group(), figure.source))
        for claim in self.current:
            claim.priors["budget"] = figure

    def _earlier(self, lead: re.Match, figure: Figure) -> None:
        """An earlier year's figure of a subject it names ("2017年基本支出预算数为9964.07万元"): never this
        year's amount; the prior-year figure of the current claims when it names their subject."""
        year, kind = int(lead.group("year")), lead.group("kind")
        self.years.append(
            YearMention(year, "final" if "决算" in kind else "prior", f"{year}年{kind}", figure.source)
        )
        named = [s.key for s in recognise(lead.group("head"), self.stage)]
        if self.current and [c.subject for c in self.current] == named:
            basis = "execution" if "执行" in kind or "决算" in kind else "budget"
            for claim in self.current:
                claim.priors[basis] = figure

    def _percent(self, match: re.Match, lead: str) -> None:
        figure = self._figure(match)
        lead_start = match.start() - len(lead)
        change = _change_lead(lead)
        if change:
            self._change(change, lead_start, figure=figure)
            return
        share = _SHARE_LEAD.match(lead)
        if share and not clean(share.group("head")) and self.current:
            named = recognise(share.group("of"), self.stage) if share.group("of") else []
            for claim in self.current:
                claim.share = figure
                claim.share_of = named[0].key if named else None

    def _flat(self, match: re.Match) -> None:
        year = match.group("flat_year")
        source = self.text.source(match.start())
        if year:
            self.years.append(YearMention(int(year), "prior", match.group(), source))
        if "基本" in match.group("flat"):
            return  # 基本持平, roughly the same: no change to check
        basis = "execution" if "执行" in (match.group("flat_kind") or "") else "budget"
        for claim in self.current:
            claim.changes.append(Change(FLAT, basis, source))

    def _reason(self, match: re.Match, lead: str) -> None:
        """ "…支出增加的主要原因是": a direction stated without figures."""
        lead_start = match.start() - len(lead)
        subjects = recognise(lead, self.stage)
        direction = _VERBS[match.group("reason_verb")]
        source = self.text.source(match.start())
        for subject in subjects:
            claim = self._claim(subject, subject.printed, lead_start)
            claim.changes.append(Change(direction, "budget", source))

    def _vehicles(self, match: re.Match, lead: str) -> None:
        figure = self._figure(match)
        text = clean(lead)
        if _VEHICLE_PURCHASE.search(text):
            subject, label = "purchases", "购置车辆"
        elif (named := _VEHICLE_TYPE.search(text)) and self.vehicle_total is not None:
            vehicle_type = named.group("type").replace("执法执勤", "执勤执法")
            subject, label = f"{self.vehicle_total.subject}:{vehicle_type}", vehicle_type
        elif _VEHICLE_TOTAL.search(text):
            subject, label = "vehicles", "车辆"
        else:
            return
        paid_from_general_budget = "一般公共预算" in self._sentence_text(match.start())
        scope = "general_budget" if paid_from_general_budget else "all"
        claim = self._claim(Subject(subject, scope, label), label, figure.start)
        claim.amount = figure
        if ":" not in subject:
            self.vehicle_total = claim

    def _sentence_text(self, offset: int) -> str:
        start = self.sentence_starts[self._sentence(offset)]
        return self.text.text[start:offset]

    # -- item paragraphs: X（类）Y（款）Z（项） --------------------------------------------------------------

    def _note_item_markers(self, text: str) -> None:
        if not _has_item_marker(text):  # most text between figures: not searched
            return
        for marker in _ITEM_MARKER.finditer(text):
            self.item_context[marker.group("level")] = (marker.group("name"), marker.group("code"))
            if marker.group("level") == "类":
                self.item_context.pop("款", None)

    def _item(self, lead: str) -> tuple[Subject, str | None, tuple[str, ...]] | None:
        """The item a phrase ending in X（款）Y（项） names, with its code when printed and its names; the
        类 (and the 款 of a bare （项）) may come from an earlier heading."""
        markers = list(_ITEM_MARKER.finditer(lead)) if _has_item_marker(lead) else []
        if (
            not markers
            or markers[-1].group("level") == "类"
            or not _ITEM_TAIL.match(lead[markers[-1].end() :])
        ):
            return None
        found = {m.group("level"): (m.group("name"), m.group("code")) for m in markers}
        levels = [
            found.get("类") or self.item_context.get("类"),
            found.get("款") or (self.item_context.get("款") if "类" not in found else None),
            found.get("项"),
        ]
        names = tuple(_strip_item_name(level[0]) if level else "" for level in levels)
        codes = "".join(level[1] for level in levels if level)
        code = codes if len(codes) == 7 and all(level and level[1] for level in levels) else None
        if not code and not _function_class(names[0]):
            # Not a function-classification item (商品和服务支出（类）办公费（款）…): the same name under
            # another heading is another quantity, so it is never merged with an earlier one.
            names = (*names[:2], f"{names[2]}@{len(self.claims)}")
        printed = "".join(
            f"{_strip_item_name(m.group('name'))}（{m.group('code')}{m.group('level')}）" for m in markers
        )
        subject = Subject(f"item:{code or '/'.join(names)}", None, printed)
        return subject, code, names


def money_precision(tokens: list[re.Match]) -> int:
    """The decimals the narrative's 万元 amounts (its ``_TOKEN`` matches) are exact to. A narrative that
    prints some amounts with two decimals ("661.58万元") and some with one ("6.5万元") drops trailing zeros
    — nobody rounds some figures to one decimal and others to two — so its "70万元" is 70.00 and its
    "0万元" is 0.00: 2. Otherwise the printed decimals stand (0)."""
    printed = {len(m.group("num").partition(".")[2]) for m in tokens if m.group("unit") == "万元"}
    return 2 if {1, 2} <= printed else 0


def _change_lead(lead: str) -> re.Match | None:
    """``_CHANGE_LEAD``'s match, tried only on a lead that ends in a direction word (few do)."""
    return _CHANGE_LEAD.match(lead) if lead[-1:] in _CHANGE_LAST and lead.endswith(_CHANGE_ENDS) else None


def _has_item_marker(text: str) -> bool:
    """Whether ``_ITEM_MARKER`` can match: its level and bracket are in ``text``."""
    return ")" in text and ("类)" in text or "款)" in text or "项)" in text)


def _function_class(name: str) -> bool:
    return name in CLASS_NAMES or name + "支出" in CLASS_NAMES


def _strip_item_name(name: str) -> str:
    return _ITEM_NAME_ENDS.sub("", clean(name))

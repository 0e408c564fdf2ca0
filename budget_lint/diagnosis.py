"""A diagnosis (hint) for an arithmetic break: which slip would explain it, said only when the figures
show it. The culprit is the cell the engine blamed; its expected value is what would make the check
hold (the computed figure for a total, the part plus the difference for a part, the other figure for an
equality). A hint is given when exactly that value is reached by one of: a sign flipped, a 元/万元 slip
(×10,000), two adjacent digits transposed, a digit added or dropped, a figure copied from another cell
of the same check; or when the difference is exactly one part's amount (a row left out or counted twice).

A stated change whose direction or percentage does not fit its two years (BL413, BL417) is diagnosed from
its claim: when exactly one single slip — in this year's figure, last year's, or the percentage itself (a
digit dropped, two adjacent digits swapped, 元/万元, the decimal point moved) — makes the statement hold,
that slip is named (01: 上年 43269.3 with 3845.49 "增加17.62%" holds for 3269.3).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .findings import CellRef, Violation
from .model import Document
from .narrative.claims import DOWN, UP, Change, Claim, read_narrative

# Money checks: hierarchy, row identities, cross-table, and the narrative's money against the tables.
_FAMILIES = ("BL1", "BL2", "BL3")
_CHANGE_CODES = {"BL413", "BL417"}
# Sums whose difference is money in the cells' unit (``disagree``): an inequality or a rate is not one.
_MONEY_SUMS = {"BL414", "BL415", "BL416", "BL441", "BL461", "BL464", "BL465", "BL466"}
_NARRATIVE_MONEY = {"BL401", "BL402", "BL403", "BL404", "BL405", "BL406", "BL407", "BL408", "BL410", "BL411"}


def annotate(violations: list[Violation], lang: str, document: Document | None = None) -> None:
    changes = _ChangeIndex(document)
    for v in violations:
        found = diagnose(v) or (changes.hint(v) if v.code in _CHANGE_CODES else None)
        if found is None:
            continue
        zh, en = found
        v.hint = en if lang == "en" else zh
        v.message += hint_suffix(v.hint, lang)


def hint_suffix(hint: str, lang: str) -> str:
    """How a hint ends its finding's message."""
    return f"; hint: {hint}" if lang == "en" else f"；提示：{hint}"


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _decimals(text: str | None) -> int:
    return len(text.split(".")[1]) if text and "." in text else 0


def diagnose(v: Violation) -> tuple[str, str] | None:
    if v.severity != "error" or not (v.code.startswith(_FAMILIES) or v.code in _NARRATIVE_MONEY):
        return None
    difference = _amount(v.difference)
    if not difference or len(v.cells) < 2:
        return None
    at_source = [c for c in v.cells if c.source == v.source]
    if len(at_source) == 1:  # the culprit is known only when no other cell of the check shares its place
        found = _culprit_hint(v, at_source[0], difference)
        if found:
            return found
    places = max(_decimals(c.value) for c in v.cells)
    if len(v.cells) >= 3:
        parts = [
            c
            for c in v.cells[1:]
            if _amount(c.value) is not None and abs(_amount(c.value)) == abs(difference)
        ]
        if len(parts) == 1:
            part = parts[0]
            name = _name(part)
            return (
                f"差额 {_text(abs(difference), places)} 恰等于 {name} 的数额：可能漏计或重复计入了这一项",
                f"the difference is exactly {name}'s amount: that item left out or counted twice",
            )
    return None


def _name(cell: CellRef) -> str:
    """A cell as a hint names it: its row, and its column where it has one."""
    return f"{cell.row}「{cell.column}」" if cell.column else cell.row


def _culprit_hint(v: Violation, culprit: CellRef, difference: Decimal) -> tuple[str, str] | None:
    value = _amount(culprit.value) or Decimal(0)
    expected = _expected(v, culprit, value, difference)
    if expected is None:
        return None
    places = _decimals(culprit.value)
    shown, want = _text(value, places), _text(expected, places)
    where = _name(culprit)
    if value and value == -expected:
        return (
            f"{where} {shown} 若改为 {want} 则相符：可能正负号或增减方向写反",
            f"{where} {shown} holds as {want}: a sign or direction flipped",
        )
    if expected and (value == expected * 10000 or expected == value * 10000):
        return (
            f"{where} {shown} 与应有的 {want} 相差一万倍：可能元与万元混用",
            f"{where} {shown} is 10,000 times {want} or a 10,000th of it: 元 and 万元 mixed",
        )
    digits, wanted = _digits(value, places), _digits(expected, places)
    if _transposed(digits, wanted):
        return (
            f"{where} {shown} 与应有的 {want} 只差相邻两位数字互换（差额可被 9 整除）：可能数字颠倒",
            f"{where} {shown} is {want} with two adjacent digits swapped (the difference divides by 9)",
        )
    if _one_digit_apart(digits, wanted):
        more = len(digits) > len(wanted)
        slip = "多打" if more else "漏打"
        return (
            f"{where} {shown} 比应有的 {want} {'多' if more else '少'}一位数字：可能{slip}了一位",
            f"{where} {shown} is {want} with a digit {'added' if more else 'dropped'}",
        )
    # a part that repeats its total or a sibling (a total equal to its one non-zero part is normal)
    twins = [c for c in v.cells if c is not culprit and value and _amount(c.value) == value]
    if culprit is not v.cells[0] and value != expected and len(twins) == 1:
        twin = twins[0]
        name = _name(twin)
        return (
            f"{where} {shown} 与同一校验中的 {name} 相同，应为 {want}：可能抄自相邻的行或上级",
            f"{where} {shown} equals {name} of the same check, and should be {want}: copied from a neighbour",
        )
    return None


def _expected(v: Violation, culprit: CellRef, value: Decimal, difference: Decimal) -> Decimal | None:
    """What the culprit should read for the check to hold."""
    if len(v.cells) == 2:
        other = v.cells[1] if culprit is v.cells[0] else v.cells[0]
        return _amount(other.value) if other.value is not None else Decimal(0)
    computed = _amount(v.computed)
    if culprit is v.cells[0]:
        return computed
    return value + difference


def disagree(a: Violation, b: Violation, ref: CellRef) -> bool:
    """True when the one cell ``ref`` of two failed sums cannot be the single slip behind both: the value
    each needs it to have differs beyond their tolerances (04: a project's 年度资金申请总额 10,903,043
    should be 11,419,043 for its own sum and 10,671,000 for the narrative's total of the projects).
    Equalities (two cells, possibly in different units) are never told apart here."""
    expected = []
    for v in (a, b):
        mine = next((c for c in v.cells if _place(c) == _place(ref)), None)
        value, difference = (_amount(mine.value) if mine else None), _amount(v.difference)
        sums = v.code.startswith(_FAMILIES) or v.code in _MONEY_SUMS
        if not sums or mine is None or len(v.cells) < 3 or difference is None:
            return False
        if value is None and mine.value:
            return False
        tolerance = _amount(v.tolerance) or Decimal(0)
        expected.append((_expected(v, mine, value or Decimal(0), difference), tolerance))
    (x, tx), (y, ty) = expected
    return x is not None and y is not None and abs(x - y) > tx + ty


def _place(cell: CellRef) -> tuple:
    return cell.table, cell.row, cell.column, cell.source.line, cell.source.page


def _text(value: Decimal, places: int) -> str:
    return f"{value:,.{places}f}"


def _digits(value: Decimal, places: int) -> str:
    return f"{abs(value):.{places}f}".replace(".", "").lstrip("0") or "0"


def _transposed(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _one_digit_apart(a: str, b: str) -> bool:
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(long) != len(short) + 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _ChangeIndex:
    """The narrative's stated changes by where they are reported, read only when a hint needs them."""

    def __init__(self, document: Document | None):
        self.document = document
        self._found: dict[tuple, tuple[Claim, Change]] | None = None

    def hint(self, v: Violation) -> tuple[str, str] | None:
        if self.document is None or v.severity != "error":
            return None
        if self._found is None:
            self._found = {}
            for claim in read_narrative(self.document.narrative, self.document.year).claims:
                for change in claim.changes:
                    for source in (change.source, change.percent.source if change.percent else None):
                        if source is not None:
                            self._found.setdefault((source.line, source.page), (claim, change))
        found = self._found.get((v.source.line, v.source.page))
        return _change_hint(*found) if found else None


def _change_hint(claim: Claim, change: Change) -> tuple[str, str] | None:
    prior = claim.priors.get(change.basis)
    direction = change.percent_direction or change.direction
    if prior is None or not claim.this_year or change.percent is None or direction not in (UP, DOWN):
        return None
    this_year = claim.this_year[0]
    if this_year.unit != prior.unit or not prior.value:
        return None
    percent = change.percent
    now, then = this_year.value, prior.value

    def holds(now: Decimal, then: Decimal, stated: Decimal) -> bool:
        if not then:
            return False
        rate = (now - then) / then * 100
        if (rate > 0) != (direction == UP) or rate == 0:
            return False
        return _rounds_to(abs(rate), stated, percent.decimals)

    found = []
    for value, kind in _variants(then, prior.decimals):
        if holds(now, value, percent.value):
            found.append(("prior", prior.text, value, prior.decimals, kind))
    for value, kind in _variants(now, this_year.decimals):
        if holds(value, then, percent.value):
            found.append(("this", this_year.text, value, this_year.decimals, kind))
    for value, kind in _variants(percent.value, percent.decimals, shifts=True):
        if holds(now, then, value):
            found.append(("percent", percent.text, value, percent.decimals, kind))
    if len(found) != 1:
        return None
    which, text, value, places, kind = found[0]
    zh_which, en_which = {
        "prior": ("上年数", "last year's figure"),
        "this": ("本年数", "this year's figure"),
        "percent": ("增减率", "the percentage"),
    }[which]
    zh_kind, en_kind = _KINDS[kind]
    shown = f"{value:.{places}f}"
    if which == "percent":
        return (
            f"按本年、上年数计算增减率为 {shown}%，印为 {text}：可能{zh_kind}",
            f"the two years give {shown}%, printed {text}: {en_kind}",
        )
    return (
        f"{zh_which} {text} 若为 {shown}，所述增减率 {percent.text} 即成立：可能{zh_kind}",
        f"with {en_which} {text} read as {shown} the stated {percent.text} holds: {en_kind}",
    )  # fmt: skip


_KINDS = {
    "extra": ("多打了一位数字", "a stray digit"),
    "swapped": ("相邻两位数字颠倒", "two adjacent digits swapped"),
    "unit": ("元与万元混用", "元 and 万元 mixed"),
    "shift": ("小数点错位", "the decimal point moved"),
}


def _variants(value: Decimal, places: int, shifts: bool = False) -> list[tuple[Decimal, str]]:
    """The values one slip away from ``value`` as printed: one digit removed, two adjacent digits
    swapped, ×/÷ 10,000, and (for a percentage) the decimal point moved one place."""
    digits = f"{abs(value):.{places}f}".replace(".", "")
    sign = -1 if value < 0 else 1
    scale = Decimal(10) ** -places
    found: dict[Decimal, str] = {}
    for i in range(len(digits)):
        shorter = digits[:i] + digits[i + 1 :]
        if shorter and shorter.lstrip("0"):
            found.setdefault(sign * Decimal(int(shorter)) * scale, "extra")
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            found.setdefault(sign * Decimal(int(swapped)) * scale, "swapped")
    for factor in (Decimal(10000), Decimal("0.0001")):
        found.setdefault(value * factor, "unit")
    if shifts:
        for factor in (Decimal(10), Decimal("0.1")):
            found.setdefault(value * factor, "shift")
    found.pop(value, None)
    return [(v, kind) for v, kind in found.items() if v]


def _rounds_to(rate: Decimal, stated: Decimal, places: int) -> bool:
    """The rate printed with ``places`` decimals, rounded half-up or truncated, is ``stated``."""
    quantum = Decimal(10) ** -places
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        half_up = rate.quantize(quantum)
    return abs(stated) in (half_up, rate.quantize(quantum, rounding=ROUND_DOWN))

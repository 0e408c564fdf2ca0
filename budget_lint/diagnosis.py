"""A diagnosis (hint) for an arithmetic break: which slip would explain it, said only when the figures
show it. The culprit is the cell the engine blamed; its expected value is what would make the check
hold (the computed figure for a total, the part plus the difference for a part, the other figure for an
equality). A hint is given when exactly that value is reached by one of: a sign flipped, a 元/万元 slip
(×10,000), two adjacent digits transposed, a digit added or dropped, a figure copied from another cell
of the same check; or when the difference is exactly one part's amount (a row left out or counted twice).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .report.model import CellRef, Violation

# Money checks: hierarchy, row identities, cross-table, and the narrative's money against the tables.
_FAMILIES = ("BL1", "BL2", "BL3")
_NARRATIVE_MONEY = {"BL401", "BL402", "BL403", "BL404", "BL405", "BL406", "BL407", "BL408", "BL410", "BL411"}


def annotate(violations: list[Violation], lang: str) -> None:
    for v in violations:
        found = diagnose(v)
        if found is None:
            continue
        zh, en = found
        v.hint = en if lang == "en" else zh
        v.message += f"; hint: {en}" if lang == "en" else f"；提示：{zh}"


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
            name = f"{part.row}「{part.column}」" if part.column else part.row
            return (
                f"差额 {_text(abs(difference), places)} 恰等于 {name} 的数额：可能漏计或重复计入了这一项",
                f"the difference is exactly {name}'s amount: that item left out or counted twice",
            )
    return None


def _culprit_hint(v: Violation, culprit: CellRef, difference: Decimal) -> tuple[str, str] | None:
    value = _amount(culprit.value) or Decimal(0)
    expected = _expected(v, culprit, value, difference)
    if expected is None:
        return None
    places = _decimals(culprit.value)
    shown, want = _text(value, places), _text(expected, places)
    where = f"{culprit.row}「{culprit.column}」" if culprit.column else culprit.row
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
        name = f"{twin.row}「{twin.column}」" if twin.column else twin.row
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

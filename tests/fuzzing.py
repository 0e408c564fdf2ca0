"""Mutations for fuzzing the readers: text (deletions, duplications, digit and byte changes, truncation,
shuffled lines, inserted Unicode, huge and negative numbers, full-width digits), PDF bytes (flips,
truncation) and model files. Shared by the hypothesis test and ``benchmarks/fuzz.py``; each mutation is a
function of a ``random.Random``, so a case is reproduced from its seed."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_UNICODE = ["\u200b", "\ufeff", "\u3000", "表", "（", "）", "\U0001f600", "\x00", "\u202e", "–", "—", "％"]
_HUGE = ["88888888888888888888888888.75", "-1", "-4,683.96", "9e999999", "1E+30", "NaN", "inf", "0.000000001"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randint(1, 20)]
    return "\n".join(lines)


def duplicate_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    lines[start:start] = lines[start : start + rng.randint(1, 30)] * rng.randint(1, 3)
    return "\n".join(lines)


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randint(2, 40)]
    rng.shuffle(window)
    lines[start : start + len(window)] = window
    return "\n".join(lines)


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _at_number(text: str, rng: random.Random, replace: Callable[[str], str]) -> str:
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return text
    m = rng.choice(numbers)
    return text[: m.start()] + replace(m.group()) + text[m.end() :]


def change_digit(text: str, rng: random.Random) -> str:
    def replace(number: str) -> str:
        digits = [i for i, c in enumerate(number) if c.isdigit()]
        i = rng.choice(digits)
        return number[:i] + str(rng.randrange(10)) + number[i + 1 :]

    return _at_number(text, rng, replace)


def move_comma(text: str, rng: random.Random) -> str:
    def replace(number: str) -> str:
        bare = number.replace(",", "")
        i = rng.randrange(1, max(len(bare.split(".")[0]), 2))
        return bare[:i] + "," + bare[i:]

    return _at_number(text, rng, replace)


def huge_number(text: str, rng: random.Random) -> str:
    return _at_number(text, rng, lambda _: rng.choice(_HUGE))


def full_width(text: str, rng: random.Random) -> str:
    wide = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
    return _at_number(text, rng, lambda n: n.translate(wide))


def insert_unicode(text: str, rng: random.Random) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + "".join(rng.choice(_UNICODE) for _ in range(rng.randint(1, 5))) + text[i:]


def long_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines[i] = " ".join([lines[i]] * rng.randint(2, 200))
    return "\n".join(lines)


TEXT_MUTATIONS = [
    delete_lines,
    duplicate_lines,
    shuffle_lines,
    truncate,
    change_digit,
    move_comma,
    huge_number,
    full_width,
    insert_unicode,
    long_line,
]


def mutate_text(text: str, rng: random.Random, steps: int | None = None) -> str:
    for _ in range(steps or rng.randint(1, 4)):
        text = rng.choice(TEXT_MUTATIONS)(text, rng) or text
    return text


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte flips, a cut, or both (PDFs, and text encodings)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    if rng.random() < 0.4:
        out = out[: rng.randrange(len(out) + 1)]
    return bytes(out)


def mutate_model(document: dict, rng: random.Random) -> str:
    """A model file (JSON) with one field broken: candidates of the wrong length, odd values, nesting."""
    doc = json.loads(json.dumps(document))
    rows = [row for table in doc.get("tables", []) for row in table.get("rows", [])]
    cells = [cell for row in rows for cell in row.get("cells", [])]
    choice = rng.randrange(7)
    if choice == 0 and rows:
        row = rng.choice(rows)
        row["candidates"] = [list(range(rng.randint(0, 9))) for _ in range(rng.randint(1, 3))]
        row["printed"] = row.get("cells", [])[: rng.randint(0, 3)]
    elif choice == 1 and cells:
        rng.choice(cells)["value"] = rng.choice(["9e999999", "NaN", "-Infinity", "1" * 60, "1e-999999", "-0"])
    elif choice == 2 and cells:
        rng.choice(cells)["decimals"] = rng.choice([10**9, -5, 400])
    elif choice == 3 and cells:
        rng.choice(cells)["unit"] = rng.choice(["斤", "", "万元万元"])
    elif choice == 4 and doc.get("tables"):
        table = rng.choice(doc["tables"])
        table["columns"] = table.get("columns", [])[: rng.randint(0, 3)]
    elif choice == 5 and rows:
        rng.choice(rows)["code"] = rng.choice(["", "x", "2" * 40, "208 01"])
    else:
        depth = rng.choice([10, 1000, 100000])
        doc["narrative"] = "NESTED"
        return json.dumps(doc, ensure_ascii=False).replace('"NESTED"', "[" * depth + "1" + "]" * depth)
    return json.dumps(doc, ensure_ascii=False)

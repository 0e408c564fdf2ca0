"""Render the HTML report in headless Chromium and check the screenshot is not blank.

A script, not a test: CI has no Chromium. Debian's ``chromium`` package is enough, with a CJK font
(``apt-get install chromium fonts-wqy-microhei``). By default it checks the finance office's workbook
of realdocs 02 (tests/fixtures/workbooks) and writes docs/html_report.png, the picture the README shows:

    .venv/bin/python scripts/screenshot_html.py [INPUT ...] [--png docs/html_report.png]

Exit 1 when the screenshot is blank (one colour) or shows none of the report's colours.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [Path("tests/fixtures/workbooks/02_shpt_sfj_2026_unit_budget.xlsx")]
"""Relative to the repository root, so that the report names the file as a user would."""
ERROR_RED = (0xC6, 0x28, 0x28)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "html_report.png")
    parser.add_argument("--size", default="1280,1400", help="window width,height in pixels")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("screenshot_html: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from budget_lint.cli import main; main()",
                "check",
                *map(str, args.inputs),
                "--format",
                "html",
                "-o",
                str(report),
            ],
            check=False,
            cwd=ROOT,
        )
        if not report.exists():
            print("screenshot_html: no report written", file=sys.stderr)
            return 2
        args.png.parent.mkdir(parents=True, exist_ok=True)
        profile = Path(work) / "profile"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={args.png}",
                f"--window-size={args.size}",
                report.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return check_png(args.png)


def check_png(path: Path) -> int:
    """Not blank: more than one colour, and the red of an error badge somewhere."""
    width, height, pixels = read_png(path)
    colours = set(pixels)
    reds = sum(1 for rgb in pixels if all(abs(a - b) <= 12 for a, b in zip(rgb, ERROR_RED, strict=True)))
    print(f"{path}: {width}x{height}, {len(colours)} colours, {reds} pixels of the error red")
    if len(colours) < 2 or reds == 0:
        print("screenshot_html: the screenshot is blank or shows no finding", file=sys.stderr)
        return 1
    return 0


def read_png(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """The RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes), stdlib only."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    if depth != 8 or colour not in (2, 6) or header[12]:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up = previous[x]
            corner = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        pixels += [tuple(line[x : x + 3]) for x in range(0, stride, step)]
        previous = line
    return width, height, pixels


if __name__ == "__main__":
    sys.exit(main())

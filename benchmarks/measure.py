"""Shared by the benchmarks: the user CPU time and peak memory of one command, in a fresh process.

The machine is shared with other work, so wall time says little; user CPU time does. ``BASELINE=DIR``
in the environment runs budget-lint from another checkout (``PYTHONPATH=DIR``), to compare two versions
in one run. The measured package is byte-compiled first, as an installed one is (pip compiles what it
installs): where PYTHONDONTWRITEBYTECODE is set (this workplace sets it) an editable checkout would
otherwise compile its seventy modules from source in every process measured.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_LINT = str(Path(sys.executable).with_name("budget-lint"))
_PROBE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(r.ru_utime, r.ru_maxrss)\n"
)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if os.environ.get("BASELINE"):
        env["PYTHONPATH"] = os.environ["BASELINE"]
    return env


def _package() -> Path:
    return Path(os.environ.get("BASELINE") or ROOT) / "budget_lint"


def measure(command: list[str]) -> tuple[float, float]:
    """User CPU seconds and peak MB of ``command``."""
    compileall.compile_dir(_package(), quiet=1)  # a no-op once compiled, until a module changes
    probe = [sys.executable, "-c", _PROBE, *command]
    out = subprocess.run(probe, capture_output=True, text=True, env=environment(), check=True)
    user, rss = out.stdout.split()
    return float(user), int(rss) / 1024


def median(command: list[str], runs: int = 3) -> tuple[float, float]:
    """Median user CPU seconds of ``runs`` runs, and the largest peak MB."""
    results = [measure(command) for _ in range(runs)]
    return statistics.median(u for u, _ in results), max(m for _, m in results)


def label() -> str:
    return f"baseline {os.environ['BASELINE']}" if os.environ.get("BASELINE") else "this checkout"

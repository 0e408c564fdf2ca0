"""The JSON report: the public contract of DESIGN.md."""

from __future__ import annotations

import json

from ..findings import Report
from . import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

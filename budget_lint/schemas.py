"""JSON Schemas of the two public contracts: the JSON report (``--format json``) and the document model
(the YAML/JSON input form), generated from their pydantic models so that they cannot drift apart."""

from __future__ import annotations

from typing import Any

from . import __version__

_URL = "https://budget-lint.invalid/schema/{what}-{version}.json"


def schema(what: str) -> dict[str, Any]:
    if what == "report":
        from .findings import Report as model

        title = "budget-lint JSON report"
    else:
        from .model import Document as model

        title = "budget-lint document model"
    generated = model.model_json_schema(mode="serialization" if what == "report" else "validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _URL.format(what=what, version=__version__),
        **generated,
        "title": title,
    }

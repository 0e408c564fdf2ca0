"""Reader for a disclosure already in budget-lint's model, as YAML or JSON (``Document`` serialised:
what another tool, or a finance office's own export, hands over). Validated by the pydantic model;
a file that does not fit is an input error naming the first field that does not."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..model import Document
from .textio import ReadError, read_text


def read_model(path: Path) -> Document:
    text = read_text(path)
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ReadError(f"not valid {path.suffix.lstrip('.').upper()}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ReadError("not a budget-lint document model (expected a mapping with path and tables)")
    data.setdefault("path", str(path))
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ReadError(f"not a budget-lint document model: {where}: {error['msg']}") from None

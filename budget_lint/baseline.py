"""Accepted findings: a baseline file.

``--write-baseline FILE`` records every current finding by its stable fingerprint (rule, table, row,
column and the cells read; no line numbers, no message). A finance office may accept a finding, but only
with a written reason: an entry suppresses its finding only once its ``reason`` is filled in. An entry
whose finding is gone is stale and is reported, so that the file does not silently accept a future error.
Paths are stored relative to the baseline's folder, so the file works from any working folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .findings import DocumentReport

HEADER = """\
# budget-lint baseline: accepted findings.
# An entry suppresses its finding only once `reason` says why it is accepted (提示性问题须写明理由).
# Entries whose finding is gone are reported as stale; rewrite the file with --write-baseline.
"""


class BaselineError(Exception):
    """A baseline file that cannot be used; its message is one line."""


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    fingerprint: str
    code: str
    table: str = ""
    row: str | None = None
    column: str | None = None
    message: str = ""
    reason: str = ""

    def describe(self) -> str:
        where = "/".join(x for x in (self.table, self.row, self.column) if x)
        return f"{self.path} {self.code} {where}".rstrip()


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    entries: list[Entry] = Field(default_factory=list)


class Applied(BaseModel):
    documents: list[DocumentReport]
    stale: list[Entry]
    """Entries for a checked document whose finding is no longer there."""
    unreasoned: list[Entry]
    """Entries that match a finding but suppress nothing, for want of a reason."""


def load(file: Path) -> Baseline:
    import yaml  # here and in ``write``: a run without a baseline needs no YAML

    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        return Baseline.model_validate(data if data is not None else {})
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise BaselineError(f"{file}: invalid YAML ({' '.join(str(exc).split())})") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(x) for x in error["loc"])
        raise BaselineError(f"{file}: {where}: {error['msg']}") from None


def write(file: Path, documents: list[DocumentReport]) -> Baseline:
    """Record the findings of ``documents``, keeping the reasons already written and the entries of
    documents not checked in this run."""
    import yaml

    old = load(file) if file.exists() else Baseline()
    reasons = {(e.path, e.fingerprint): e.reason for e in old.entries}
    checked = {key(d.path, file) for d in documents if not d.error}
    entries = [e for e in old.entries if e.path not in checked]
    for document in documents:
        if document.error:
            continue
        path = key(document.path, file)
        for v, fingerprint in zip(document.violations, document.fingerprints(), strict=True):
            entries.append(
                Entry(
                    path=path,
                    fingerprint=fingerprint,
                    code=v.code,
                    table=v.table,
                    row=v.row,
                    column=v.column,
                    message=v.message,
                    reason=reasons.get((path, fingerprint), ""),
                )
            )
    baseline = Baseline(entries=sorted(entries, key=lambda e: e.path))
    text = yaml.safe_dump(baseline.model_dump(), allow_unicode=True, sort_keys=False, width=1000)
    file.write_text(HEADER + text, encoding="utf-8")
    return baseline


def apply(baseline: Baseline, file: Path, documents: list[DocumentReport]) -> Applied:
    accepted = {(e.path, e.fingerprint): e for e in baseline.entries}
    matched: set[tuple[str, str]] = set()
    kept_documents = []
    for document in documents:
        path = key(document.path, file)
        kept = []
        for v, fingerprint in zip(document.violations, document.fingerprints(), strict=True):
            entry = accepted.get((path, fingerprint))
            if entry is not None:
                matched.add((path, fingerprint))
            if entry is None or not entry.reason.strip():
                kept.append(v)
        kept_documents.append(document.model_copy(update={"violations": kept}))
    checked = {key(d.path, file) for d in documents if not d.error}
    entries = baseline.entries
    return Applied(
        documents=kept_documents,
        stale=[e for e in entries if e.path in checked and (e.path, e.fingerprint) not in matched],
        unreasoned=[e for e in entries if (e.path, e.fingerprint) in matched and not e.reason.strip()],
    )


def key(path: str, file: Path) -> str:
    """A document's path as the baseline stores it: relative to the baseline's folder, with ``/``."""
    relative = os.path.relpath(Path(path).resolve(), file.resolve().parent)
    return Path(relative).as_posix()

"""The fuzzer stays: mutated copies of the example and the real texts, damaged bytes, damaged PDFs and
broken model files never give an internal error (a traceback), never run out of their time budget, and
through the command line exit 0, 1 or 2 with valid JSON. A few hundred cases here, in bounded time;
``benchmarks/fuzz.py`` runs ten thousand."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, REALDOCS
from fuzzing import mutate_bytes, mutate_model, mutate_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget_lint.cli import main
from budget_lint.engine import Options, lint_path
from budget_lint.readers import read_document

TEXTS = [EXAMPLE, *sorted(REALDOCS.glob("*.txt"))] if REALDOCS.exists() else [EXAMPLE]
PDFS = sorted((REALDOCS / "pdf").glob("*.pdf")) if REALDOCS.exists() else []
READ_ONLY = Options(rules=[], time_budget=20)


def cases(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in TEXTS]


def _sound(report) -> None:
    assert report.error is None or not report.error.startswith(("internal error", "not finished")), (
        report.error
    )


@cases(200)
@given(rng=st.randoms(use_true_random=False), which=st.integers(min_value=0))
def test_mutated_texts_are_read(tmp_path, texts, rng, which):
    path = tmp_path / "case.txt"
    path.write_text(mutate_text(texts[which % len(texts)], rng), encoding="utf-8")
    _sound(lint_path(str(path), READ_ONLY))


@cases(60)
@given(rng=st.randoms(use_true_random=False), which=st.integers(min_value=0), gb=st.booleans())
def test_damaged_bytes_are_read_or_refused(tmp_path, texts, rng, which, gb):
    path = tmp_path / "case.txt"
    path.write_bytes(mutate_bytes(texts[which % len(texts)].encode("gb18030" if gb else "utf-8"), rng))
    _sound(lint_path(str(path), READ_ONLY))


@cases(60)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_broken_model_files_are_read_or_refused(tmp_path, seed):
    path = tmp_path / "case.json"
    path.write_text(mutate_model(_example_model(), random.Random(seed)), encoding="utf-8")
    _sound(lint_path(str(path)))


@pytest.mark.skipif(not PDFS, reason="../shared/realdocs is not there")
@cases(12)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_damaged_pdfs_are_read_or_refused(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "case.pdf"
    path.write_bytes(mutate_bytes(rng.choice(PDFS).read_bytes(), rng))
    _sound(lint_path(str(path), READ_ONLY))


@cases(15)
@given(rng=st.randoms(use_true_random=False), which=st.integers(min_value=0))
def test_mutated_texts_through_the_command_line(tmp_path, texts, rng, which):
    path = tmp_path / "case.txt"
    path.write_text(mutate_text(texts[which % len(texts)], rng), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert (result.exit_code in (0, 1, 2) and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    assert "Traceback" not in result.output
    document = json.loads(result.stdout)["documents"][0]
    assert not (document["error"] or "").startswith(("internal error", "not finished"))


_MODEL: list[dict] = []


def _example_model() -> dict:
    if not _MODEL:
        _MODEL.append(read_document(EXAMPLE).model_dump(mode="json"))
    return _MODEL[0]

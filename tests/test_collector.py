"""The cyclic garbage collector is paused while a document is read and checked, and left as it was."""

import gc
import threading

import pytest
from conftest import EXAMPLE

from budget_lint.collector import paused
from budget_lint.engine import lint_path


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_nested_pauses_resume_only_at_the_end(collector_on):
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_off_before_stays_off(collector_on):
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_resumed_after_a_failure(collector_on):
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError
    assert gc.isenabled()


def test_threads_resume_when_the_last_ends(collector_on):
    inside, release = threading.Barrier(2), threading.Event()

    def hold():
        with paused():
            inside.wait()
            release.wait()

    worker = threading.Thread(target=hold)
    worker.start()
    with paused():
        inside.wait()  # both inside: this one ends first
    assert not gc.isenabled()
    release.set()
    worker.join()
    assert gc.isenabled()


def test_lint_path_leaves_it_on(collector_on):
    report = lint_path(str(EXAMPLE))
    assert report.error is None and gc.isenabled()


def test_a_text_document_leaves_nothing_for_the_collector(tmp_path):
    """A text read and checked, then let go, is freed as it is let go: none of its objects (nor of its
    narrative, once another document's takes its place among those kept) is in a reference cycle that
    only the collector could free. A batch of thousands keeps no garbage between collections."""
    shifted = tmp_path / "shifted.txt"
    shifted.write_text("\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    lint_path(str(EXAMPLE))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        lint_path(str(shifted))  # the same narrative at other lines: the example's is let go
        gc.collect()
        left = [type(found).__name__ for found in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []

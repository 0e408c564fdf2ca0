"""The cluster recipe: ``lint_crawl`` on a local Dask cluster of two worker processes over the real text
documents writes one JSON report per document, the same as a serial run, and resumes."""

from __future__ import annotations

import pytest
from conftest import REALDOCS

from budget_lint import __version__
from budget_lint.crawl import lint_crawl, report_file
from budget_lint.engine import lint_path
from budget_lint.findings import Report
from budget_lint.report.json_report import render

distributed = pytest.importorskip("dask.distributed")  # the test extra installs it

pytestmark = pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is not there")


def test_crawl_on_two_workers_gives_the_serial_reports_and_resumes(tmp_path):
    paths = [str(p) for p in sorted(REALDOCS.glob("*.txt"))]
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        files = lint_crawl(paths, tmp_path, client)
        assert files == [str(report_file(tmp_path, p)) for p in paths]
        for path, file in zip(paths, files, strict=True):
            serial = render(Report.of(__version__, [lint_path(path)]))
            assert (tmp_path / file).read_text(encoding="utf-8") == serial, path

        # Resumable: reports already there are kept as they are, a missing one is written again.
        first, second = report_file(tmp_path, paths[0]), report_file(tmp_path, paths[1])
        first.write_text("kept", encoding="utf-8")
        written = second.read_text(encoding="utf-8")
        second.unlink()
        lint_crawl(paths, tmp_path, client)
        assert first.read_text(encoding="utf-8") == "kept"
        assert second.read_text(encoding="utf-8") == written
        assert not list(tmp_path.glob(".*.tmp"))

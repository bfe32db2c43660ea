"""A built and served site of the small test framework, shared by the site tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from charterwatch.pipeline import Pipeline
from charterwatch.publish.serve import serve_in_background
from charterwatch.publish.site.build import BuildReport
from charterwatch.publish.site.site import build_site
from tests.measures.fixtures import write_measured_framework

FEEDBACK_URL = "https://workspace.example.org/feedback/"
"""Where the shared site's "Was this page useful?" forms post: the accessibility and reflow
checks then see the form as people will."""


@dataclass
class BuiltSite:
    pipeline: Pipeline
    report: BuildReport
    url: str


@pytest.fixture(scope="package")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    root = write_measured_framework(tmp_path_factory.mktemp("framework"))
    pipeline = Pipeline.open(root)
    pipeline.compute()
    report = build_site(
        pipeline, tmp_path_factory.mktemp("site") / "site", feedback_url=FEEDBACK_URL
    )
    server, url = serve_in_background(report.out)
    try:
        yield BuiltSite(pipeline, report, url)
    finally:
        server.shutdown()

"""The organisations framework of :mod:`tests.organisations.fixtures`, computed once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.pipeline import ComputeReport, Pipeline
from charterwatch.publish.serve import serve_in_background
from charterwatch.publish.site.build import BuildReport
from charterwatch.publish.site.site import build_site
from tests.organisations.fixtures import write_framework


@dataclass
class Computed:
    root: Path
    pipeline: Pipeline
    report: ComputeReport


@dataclass
class Site:
    computed: Computed
    report: BuildReport
    url: str


@pytest.fixture(scope="package")
def site(computed: Computed, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    report = build_site(computed.pipeline, tmp_path_factory.mktemp("orgsite") / "site")
    server, url = serve_in_background(report.out)
    try:
        yield Site(computed, report, url)
    finally:
        server.shutdown()


@pytest.fixture(scope="package")
def computed(tmp_path_factory: pytest.TempPathFactory) -> Computed:
    root = write_framework(tmp_path_factory.mktemp("orgs") / "housing")
    pipeline = Pipeline.open(root)
    return Computed(root, pipeline, pipeline.compute())

"""The shipped Scottish example, generated, computed and built once for these tests.

A copy of ``examples/scotland`` (without generated data) goes to a temporary folder, gets its
synthetic records, is computed on DuckDB and built into a site: exactly what ``make example``
does, so these tests check what a new user sees.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.pipeline import ComputeReport, Pipeline
from charterwatch.publish.site.build import BuildReport
from charterwatch.publish.site.site import build_site
from charterwatch.synthetic import generate_example

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scotland"
RELEASE_DAY = dt.date(2025, 11, 25)


@dataclass
class Example:
    root: Path
    pipeline: Pipeline
    computed: ComputeReport
    site: BuildReport


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    root = tmp_path_factory.mktemp("example") / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    generate_example(root)
    pipeline = Pipeline.open(root)
    computed = pipeline.compute()
    site = build_site(pipeline, root.parent / "site", as_of=RELEASE_DAY)
    return Example(root, pipeline, computed, site)

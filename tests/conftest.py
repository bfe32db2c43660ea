"""Session fixtures: the shipped Scottish example, and a Spark session.

A copy of ``examples/scotland`` (without generated data) goes to a temporary folder, gets its
synthetic records (at :data:`EXAMPLE_SIZE`, a twentieth of the real scale ``make example``
makes), is computed on DuckDB and built into a site: what ``make example`` does, so these
tests check what a new user sees. Spark starts once (its JVM takes seconds)
for every test that computes on it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.engines import Engine
from charterwatch.pipeline import ComputeReport, Pipeline
from charterwatch.publish.site.build import BuildReport
from charterwatch.publish.site.site import build_site
from charterwatch.synthetic import generate_example

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "scotland"
RELEASE_DAY = dt.date(2025, 11, 25)
EXAMPLE_SIZE = 0.05
"""The size every test that generates the Scottish example uses (unless it needs a smaller
one): 5% of the real scale, about 330,000 rows, against 6.6 million at the default size 1,
which takes minutes to generate and compute. See docs/synthetic-data.md."""
TINY_SIZE = 0.003
"""For tests that generate the example several times: about 29,000 rows."""


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
    generate_example(root, size=EXAMPLE_SIZE)
    pipeline = Pipeline.open(root)
    computed = pipeline.compute()
    site = build_site(pipeline, root.parent / "site", as_of=RELEASE_DAY)
    return Example(root, pipeline, computed, site)


SPARK_URL = "spark://local[2]"
"""Spark in local mode with two cores, as CI runs it."""


def spark_available() -> None:
    """Fail loudly (not skip) when PySpark or a Java runtime, which the Spark tests need, is
    missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("PySpark is not installed; run scripts/setup.sh", pytrace=False)
    home = os.environ.get("JAVA_HOME")
    if not (home and (Path(home) / "bin" / "java").exists()) and shutil.which("java") is None:
        pytest.fail(
            "no Java runtime for Spark (no 'java' on the PATH, no JAVA_HOME); "
            "run scripts/system-packages.sh (Debian's default-jdk-headless)",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def spark() -> Iterator[str]:
    """The engine URL of a Spark session started once for the whole test run.

    Engines connected to the URL while it runs reuse the session (and leave it running), so
    the JVM starts once.
    """
    spark_available()
    engine = Engine.connect(SPARK_URL)
    try:
        yield SPARK_URL
    finally:
        engine.close()

"""A computed framework for the download tests: the measured fixture plus published figures.

It starts from :func:`tests.measures.fixtures.write_measured_framework` and adds one measure
of kind ``published_figure`` (``PUB``, with a cited value for 2022-23), a published figure
cited by the survey measure ``KIND``, and a ``synthetic`` column on the calls extract, so
the downloads carry a source column, a published-figures table and synthetic labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.view import Publication, build_publication
from tests.measures import fixtures as measured

PUBLISHED = """\
published_figures:
  - id: pub-2022
    measure: PUB
    title: Share of applications decided on time, as published
    year: 2022-23
    value: 71
    unit: percent
    base: 1200
    source_title: "Official statistics: decisions, 2023"
    source_url: https://example.org/stats/2023
  - id: kind-2021
    measure: KIND
    title: Clients who said staff were kind, as published
    year: 2021-22
    value: 61
    unit: percent
    source_title: Client Survey 2021-22
    source_url: https://example.org/survey
    note: "Published with a base of about 1,000 people; £ and é kept as UTF-8."
"""

PUBLISHED_SOURCE = """\
  - {id: published, name: Published statistics, owner: T, kind: published_figures}
"""


def write_download_framework(root: Path) -> Path:
    """Write the measured framework with a published-figure measure and synthetic calls."""
    measured.write_measured_framework(root)
    framework = measured.FRAMEWORK + measured.measure(
        "PUB", "published_figure", "percent", "{}", "published"
    )
    (root / "framework.yaml").write_text(framework, encoding="utf-8")
    (root / "sources.yaml").write_text(measured.SOURCES + PUBLISHED_SOURCE, encoding="utf-8")
    (root / "published.yaml").write_text(PUBLISHED, encoding="utf-8")
    header, *lines = measured.CALLS.splitlines()
    calls = [f"{header},synthetic", *(f"{line},true" for line in lines)]
    (root / "data" / "calls.csv").write_text("\n".join(calls) + "\n", encoding="utf-8")
    return root


@dataclass
class Computed:
    """A computed framework folder: its pipeline (with the filled store) and publication."""

    pipeline: Pipeline
    publication: Publication


def compute(root: Path) -> Computed:
    pipeline = Pipeline.open(root)
    pipeline.compute()
    return Computed(pipeline, build_publication(pipeline.framework, pipeline.store))

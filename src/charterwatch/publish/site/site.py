"""Building the whole release for a pipeline: publication, pages, charts, downloads, PDFs.

This is what ``charterwatch build`` calls. Optional pieces are separate modules (charts,
downloads, printed), each called here in one line, so a failure names the step.
"""

from __future__ import annotations

from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.site.build import BuildReport, SiteBuilder
from charterwatch.publish.view import build_publication


def build_site(
    pipeline: Pipeline, out: Path, year: str | None = None, language: str = "en"
) -> BuildReport:
    """Build the site for ``year`` (default: the latest stored) into ``out``."""
    from charterwatch.publish import charts

    pub = build_publication(pipeline.framework, pipeline.store, year)
    pub.extras["runs"] = pipeline.store.runs()
    builder = SiteBuilder(pub, out, Catalogue(language), charts=charts)
    return builder.build()

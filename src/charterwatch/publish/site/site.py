"""Building the whole release for a pipeline: publication, pages, charts, downloads, PDFs.

This is what ``charterwatch build`` calls. Optional pieces are separate modules (charts,
downloads, printed), each called here in one line, so a failure names the step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.downloads import write_downloads
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.printed import (
    full_report_pdf,
    leaflet_pdf,
    summary_pdf,
    summary_texts,
)
from charterwatch.publish.readability import (
    EASY_READ_MAX_GRADE,
    SUMMARY_MAX_GRADE,
    require_readable,
)
from charterwatch.publish.responses import build_responses
from charterwatch.publish.site.build import BuildReport, SiteBuilder
from charterwatch.publish.site.content import easy_read_blocks
from charterwatch.publish.view import Publication, build_publication
from charterwatch.stats.rounding import round_half_up


def build_site(
    pipeline: Pipeline,
    out: Path,
    year: str | None = None,
    language: str = "en",
    as_of: dt.date | None = None,
) -> BuildReport:
    """Build the site for ``year`` (default: the latest stored) into ``out``.

    ``as_of`` is the date actions are judged overdue on (default: the project's
    ``release_date``, else today).
    """
    from charterwatch.publish import charts

    pub = build_publication(pipeline.framework, pipeline.store, year)
    pub.extras["runs"] = pipeline.store.runs()
    catalogue = Catalogue(language, pipeline.root / "locales")
    when = as_of or pipeline.framework.project.release_date or dt.date.today()
    responses = build_responses(pub, pipeline.store, when)
    builder = SiteBuilder(pub, out, catalogue, responses=responses, charts=charts)

    def downloads(b: SiteBuilder) -> None:
        index = write_downloads(
            pub, pipeline.store, b.out / "downloads", catalogue=catalogue, as_of=when
        )
        b.downloads = index.page_rows(catalogue)

    def printed(b: SiteBuilder) -> None:
        check_texts(pub, catalogue)
        folder = b.out / "downloads"
        for name, write in (
            ("summary.pdf", summary_pdf),
            ("leaflet.pdf", leaflet_pdf),
            ("report.pdf", full_report_pdf),
        ):
            path = write(pub, folder / name, responses)
            b.downloads.append(pdf_row(name, path, catalogue))

    builder.steps.extend([downloads, printed])
    return builder.build()


HOME_TEXTS: dict[str, dict[str, object]] = {
    "leader": {"year": "2023-24", "measures": 77, "commitments": 51},
    "glance_note": {},
    "shortfalls_intro": {},
    "no_shortfalls": {},
}
"""The summary-layer sentences of the home page (with sample values), for the gate."""


def check_texts(pub: Publication, catalogue: Catalogue) -> None:
    """The readability gate: summary text at most grade 8, easy read at most grade 5."""
    easy = [
        (f"easy read: {block.heading}", line)
        for block in easy_read_blocks(pub, catalogue)
        for line in block.lines
    ]
    home = [
        (f"home page: {key}", catalogue(f"site.home.{key}", **values))
        for key, values in HOME_TEXTS.items()
    ]
    require_readable([*summary_texts(pub), *home], SUMMARY_MAX_GRADE)
    require_readable(easy, EASY_READ_MAX_GRADE)


def pdf_row(name: str, path: Path, catalogue: Catalogue) -> dict[str, str]:
    """A row of the downloads page for a PDF."""
    size = path.stat().st_size
    return {
        "href": name,
        "name": name,
        "format": "pdf",
        "description": catalogue(f"site.downloads.pdf.{name.removesuffix('.pdf')}"),
        "size": f"{max(1, round_half_up(size / 1024)):,} KB",
    }

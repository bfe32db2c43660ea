"""Building the whole release for a pipeline: publication, pages, charts, downloads, PDFs.

This is what ``charterwatch build`` calls. Optional pieces are separate modules (charts,
downloads, printed), each called here in one line, so a failure names the step. The site is
built in a temporary folder and swapped in only when complete (:mod:`.output`), so a build
that fails at any step leaves the previous site as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from charterwatch.dates.periods import FinancialYear
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
from charterwatch.publish.revisions import Revision
from charterwatch.publish.site.aside import Aside
from charterwatch.publish.site.build import BuildReport, SiteBuilder, SiteError
from charterwatch.publish.site.content import easy_read_blocks
from charterwatch.publish.site.incremental import Fingerprints, site_inputs
from charterwatch.publish.site.output import check_target, is_site, publish_into
from charterwatch.publish.view import Publication, build_publication
from charterwatch.results.store import ResultsStore
from charterwatch.stats.rounding import round_half_up
from charterwatch.stats.symbols import Symbol


def build_site(
    pipeline: Pipeline,
    out: Path,
    year: str | None = None,
    language: str = "en",
    as_of: dt.date | None = None,
    full: bool = False,
    feedback_url: str | None = None,
    revisions: Mapping[tuple[str, str, str, str, str], Revision] | None = None,
) -> BuildReport:
    """Build the site for ``year`` (default: the latest with figures) into ``out``.

    ``as_of`` is the date actions are judged overdue on (default: the project's
    ``release_date``, else today). The site is built beside ``out`` and replaces it only
    when complete; if any step fails, ``out`` is left byte-identical. Pages and files whose
    inputs are unchanged since the site in ``out`` was built are copied from it
    (:mod:`.incremental`); ``full`` renders everything. ``feedback_url`` is where each
    page's "Was this page useful?" form posts (default: the project's ``feedback_url``; the
    workspace passes its own address when it builds a release). ``revisions`` are the figures
    changed since first published (:mod:`charterwatch.publish.revisions`): marked on their
    measure pages and ``[r]`` in the downloads, with the value first published.

    Raises:
        OutputError: ``out`` is a file or a folder charterwatch did not build, or the disk is
            full or not writable.
        SiteError: ``year`` is not a financial year, has not started or has no figures.
        LookupError: ``language`` has no catalogue.
        ReadabilityError: summary or easy-read text fails the readability gate.
    """
    from charterwatch.publish import charts

    check_target(out)
    chosen = release_year(pipeline.store, year)
    pub = build_publication(pipeline.framework, pipeline.store, chosen)
    pub.extras["runs"] = pipeline.store.runs()
    pub.revisions = dict(revisions or {})
    catalogue = Catalogue(language, pipeline.root / "locales")
    when = as_of or pipeline.framework.project.release_date or dt.date.today()
    responses = build_responses(pub, pipeline.store, when)

    previous = out if not full and is_site(out) else None
    fingerprints = Fingerprints()
    feedback = feedback_url or pipeline.framework.project.feedback_url
    site_key = fingerprints.of(
        site_inputs(pipeline.framework, out),
        chosen,
        catalogue.language,
        when,
        feedback,
        sorted(pub.revisions.items()),
    )
    everything = fingerprints.of(
        pub.year,
        pub.years,
        pub.synthetic,
        pub.sections,
        pub.measures,
        pub.commitments,
        pub.extras,
        responses,
        pipeline.store.query(granularity=None),
        pipeline.store.suppressions(),
    )

    def downloads(b: SiteBuilder) -> None:
        if b.unchanged("downloads", everything):
            b.downloads = list(b.kept_data("downloads"))
            return
        index = write_downloads(
            pub,
            pipeline.store,
            b.out / "downloads",
            catalogue=catalogue,
            as_of=when,
            responses=responses,
        )
        b.downloads = index.page_rows(catalogue)
        written = sorted(
            p.relative_to(b.out).as_posix() for p in (b.out / "downloads").rglob("*") if p.is_file()
        )
        b.made("downloads", written, list(b.downloads))

    laying_out: list[Aside[Path]] = []  # the full report, laid out beside the other steps

    def start_report(b: SiteBuilder) -> None:
        if not b.unchanged("downloads/report.pdf", everything):
            out = b.out / "downloads" / "report.pdf"
            work = partial(full_report_pdf, pub, out, responses)
            laying_out.append(Aside(work, "the full report PDF"))

    def printed(b: SiteBuilder) -> None:
        check_texts(pub, catalogue)
        folder = b.out / "downloads"
        for name, write in (("summary.pdf", summary_pdf), ("leaflet.pdf", leaflet_pdf)):
            unit = f"downloads/{name}"
            if b.unchanged(unit, everything):
                path = folder / name
            else:
                path = write(pub, folder / name, responses)
                b.made(unit, [unit])
            b.downloads.append(pdf_row(name, path, catalogue))

    def finish_report(b: SiteBuilder) -> None:
        """Wait for the full report, laid out while the other files and the pages about
        parts of the publication were made (the longest step of a build)."""
        path = b.out / "downloads" / "report.pdf"
        if laying_out:
            path = laying_out.pop().result()
            b.made("downloads/report.pdf", ["downloads/report.pdf"])
        b.downloads.append(pdf_row("report.pdf", path, catalogue))

    def build(folder: Path) -> BuildReport:
        builder = SiteBuilder(
            pub,
            folder,
            catalogue,
            responses=responses,
            charts=charts,
            previous=previous,
            site_key=site_key,
            everything=everything,
            feedback_url=feedback,
        )
        builder.steps.extend([start_report, downloads, printed])
        builder.finishing.append(finish_report)
        try:
            return builder.build()
        finally:
            for unfinished in laying_out:  # the build failed before the report was waited for
                unfinished.stop()

    report = publish_into(out, build)
    report.out = out
    return report


def release_year(store: ResultsStore, year: str | None = None, today: dt.date | None = None) -> str:
    """The financial year to publish: ``year`` checked, or the latest year with figures.

    A year has figures when it has started (on ``today``, default the real today) and at
    least one headline figure is stored for it that is not "no data" (``[x]``).

    Raises:
        SiteError: ``year`` is not a financial year label, has not started yet, or has no
            figures; or no year has figures.
    """
    today = today or dt.date.today()
    headline = store.query(statistic="value", breakdown="all")
    stored = {f.label for f in headline}
    with_data = sorted({f.label for f in headline if f.symbol != Symbol.NOT_AVAILABLE.value})
    started = [y for y in with_data if _start(y) <= today]
    known = (
        f"choose one of the years with figures: {', '.join(started)}"
        if started
        else "no year that has started has figures yet"
    )
    if year is None:
        if not started:
            future = [y for y in with_data if y not in started]
            verb = "has" if len(future) == 1 else "have"
            why = f" (only {', '.join(future)}, which {verb} not started)" if future else ""
            raise SiteError(
                f"the results store holds no figures to publish{why}; check the framework's "
                "first_year and that the sources' files exist, then run 'charterwatch "
                "compute' again"
            )
        return started[-1]
    try:
        fy = FinancialYear.parse(year)
    except ValueError as exc:
        raise SiteError(f"--year {year}: {exc}") from None
    if fy.start > today:
        raise SiteError(
            f"--year {year} has not started yet (it begins on {fy.start.day} "
            f"{fy.start:%B %Y}), so it has no figures to publish; {known}"
        )
    if year not in started:
        found = "every figure stored for it is 'no data'" if year in stored else "none stored"
        raise SiteError(
            f"--year {year} has no figures to publish ({found}); run 'charterwatch compute "
            f"FOLDER --year {year}' if its records are in the sources, or {known}"
        )
    return year


def _start(label: str) -> dt.date:
    """The first day of the financial year ``label`` (a stored label, so well formed)."""
    return FinancialYear.parse(label).start


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
        (f"easy read: {block.heading}: {text_place(catalogue, place)}", line)
        for block in easy_read_blocks(pub, catalogue)
        for line, place in zip(block.lines, block.places, strict=True)
    ]
    home = [
        (
            f"home page: {text_place(catalogue, f'site.home.{key}')}",
            catalogue(f"site.home.{key}", **values),
        )
        for key, values in HOME_TEXTS.items()
    ]
    summary = [(text_place(catalogue, key), text) for key, text in summary_texts(pub)]
    require_readable([*summary, *home], SUMMARY_MAX_GRADE)
    require_readable(easy, EASY_READ_MAX_GRADE)


def text_place(catalogue: Catalogue, place: str) -> str:
    """Where gated text was written: a catalogue key becomes its file and key
    (``locales/en/site.yaml, key site.home.glance_note``); other places (a charter or
    framework file, line and field) are already located."""
    file = catalogue.file_of(place)
    return f"{file}, key {place}" if file else place


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

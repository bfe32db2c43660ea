"""What every download format reads: the publication, its stored rows and the run's options.

One :class:`DownloadContext` is made per run of the downloads, so the store is queried once
and every format sees the same rows in the same order. Dates written into files (the feed's
``updated``, the spreadsheets' creation date) come from the store's runs, never from the
clock, so the same store always gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.framework import PublishedFigure
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.responses import Responses, build_responses
from charterwatch.publish.supporting import Band, band_bounds, bands_of
from charterwatch.publish.view import Publication
from charterwatch.results.figure import Figure
from charterwatch.results.order import figure_order
from charterwatch.settings import disclosure_settings
from charterwatch.stats.settings import DisclosureSettings

if TYPE_CHECKING:
    from charterwatch.results.store import ResultsStore, Run

Row = Figure
"""The columns that identify a stored row; files list rows sorted by these."""


@dataclass(frozen=True)
class DownloadOptions:
    """Settings of one run of the downloads.

    ``base_url`` is the site's public address (``https://example.org/charter/``); when it is
    empty, links in the feed are relative. ``site_root`` is the way from the downloads folder
    to the site's root and ``downloads_path`` the way back. ``year_page`` is the page of one
    year relative to the site's root (``"{year}/index.html"``); by default the publication's
    own year links to the site's home page and earlier years to the table of every year.
    ``as_of`` is the day the accountability files judge actions on (an action past its due
    date and still open is overdue); ``None`` means the last day of the publication's
    financial year (31 March), so the same store always gives the same files. The site build
    passes its build date.
    """

    catalogue: Catalogue = field(default_factory=Catalogue)
    base_url: str = ""
    site_root: str = "../"
    downloads_path: str = "downloads/"
    year_page: str | None = None
    home_page: str = "index.html"
    years_page: str = "years/index.html"
    as_of: dt.date | None = None

    def page_link(self, year: str, current: str) -> str:
        """The link to ``year``'s page (``current`` is the publication's year)."""
        if self.year_page is not None:
            return self.site_link(self.year_page.format(year=year))
        return self.site_link(self.home_page if year == current else self.years_page)

    def site_link(self, path: str) -> str:
        """A page of the site (``path`` from the site's root) as seen from the downloads."""
        if self.base_url:
            return self.base_url.rstrip("/") + "/" + path
        return self.site_root + path

    def download_link(self, name: str) -> str:
        """A download (``name`` within the downloads folder), absolute with a base URL."""
        if self.base_url:
            return self.site_link(self.downloads_path + name)
        return name


@dataclass
class DownloadContext:
    """The shared inputs of one run; ``written`` grows as formats write their files."""

    publication: Publication
    store: ResultsStore
    out_dir: Path
    options: DownloadOptions = field(default_factory=DownloadOptions)
    written: list[Path] = field(default_factory=list)
    prepared: Responses | None = None
    """The responses, when the caller has them already (the site build): used if they were
    arranged as on :attr:`as_of`, so they are not read from the store a second time."""

    @property
    def catalogue(self) -> Catalogue:
        return self.options.catalogue

    @property
    def year(self) -> str:
        return self.publication.year

    @property
    def years(self) -> list[str]:
        """The financial years shown: those with data up to the publication's year."""
        return self.publication.years or [self.publication.year]

    @cached_property
    def rows(self) -> list[Row]:
        """Every stored row of the publication's measures up to its year, in the store's
        order (:func:`charterwatch.results.order.figure_order`: bands numerically)."""
        known = self.publication.measures
        rows = [r for r in self.store.query() if r.measure in known and r.label <= self.year]
        return sorted(rows, key=figure_order)

    @cached_property
    def bands(self) -> dict[tuple[str, str, str, str, str], Band]:
        """Each band row's shares (:func:`charterwatch.publish.supporting.bands_of`), by key."""
        tables: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
        headlines: dict[tuple[str, str, str, str], Row] = {}
        for r in self.rows:
            where = (r.measure, r.label, r.breakdown, r.group)
            if r.statistic == "value":
                headlines[where] = r
            elif band_bounds(r.statistic) is not None:
                tables[where].append(r)
        out = {}
        for where, rows in tables.items():
            for band in bands_of(rows, headlines.get(where), self.catalogue):
                out[band.figure.key] = band
        return out

    @property
    def as_of(self) -> dt.date:
        """The day actions are judged on: the option, else the end of the publication's year."""
        if self.options.as_of is not None:
            return self.options.as_of
        return FinancialYear.parse(self.year).end

    @cached_property
    def responses(self) -> Responses:
        """What is being done about the publication's measures, as on :attr:`as_of`."""
        if self.prepared is not None and self.prepared.as_of == self.as_of:
            return self.prepared
        return build_responses(self.publication, self.store, self.as_of)

    @cached_property
    def runs(self) -> list[Run]:
        return self.store.runs()

    @cached_property
    def settings(self) -> DisclosureSettings:
        return disclosure_settings(self.publication.framework.project.settings)

    @cached_property
    def citations(self) -> list[PublishedFigure]:
        """The published figures the publication's measures cite, each once."""
        found: dict[str, PublishedFigure] = {}
        for view in self.publication.measures.values():
            for figure in view.citations:
                found.setdefault(figure.id, figure)
        return list(found.values())

    def measure_title(self, measure_id: str) -> str:
        view = self.publication.measures.get(measure_id)
        return view.measure.title if view else ""

    def relative(self, path: Path) -> str:
        """A written file's name within the downloads folder, with forward slashes."""
        return path.relative_to(self.out_dir).as_posix()

    def updated(self, year: str) -> str:
        """When ``year``'s figures were last computed (RFC 3339), from the store's runs.

        Without a run that names the year, a stable date stands in: the day after the
        financial year ends (1 April), so the same store always gives the same date.
        """
        times = [r.started_at for r in self.runs if year in r.years.split(",")]
        if times:
            return _rfc3339(max(times))
        return f"{int(year[:4]) + 1}-04-01T00:00:00Z"

    @cached_property
    def computed_at(self) -> dt.datetime:
        """When the publication's year was last computed, as a UTC datetime."""
        text = self.updated(self.year).replace("Z", "+00:00")
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)

    def file_name(self, suffix: str) -> str:
        """A release file's name, e.g. ``charterwatch-2023-24.xlsx``."""
        return f"charterwatch-{self.year}{suffix}"


def _rfc3339(stamp: str) -> str:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

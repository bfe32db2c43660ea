"""Writing every download and describing what was written, for the site's downloads page.

:func:`write_downloads` runs each registered format in order (data files first, then the
data package, the feed and the zip that bundles them) and returns a :class:`DownloadsIndex`:
each file's name, format, media type, size in bytes and one-line description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charterwatch.publish.downloads.context import DownloadContext, DownloadOptions
from charterwatch.publish.downloads.registry import DownloadFormat, chosen_formats
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.view import Publication
from charterwatch.stats.rounding import round_half_up

if TYPE_CHECKING:
    from charterwatch.publish.responses import Responses
    from charterwatch.results.store import ResultsStore


@dataclass(frozen=True)
class DownloadFile:
    """One written file: ``name`` is its path within the downloads folder (``data/M1.csv``)."""

    name: str
    format: str
    media_type: str
    size: int
    description: str


@dataclass
class DownloadsIndex:
    """Every file written by one run, in the order the formats ran, then by name."""

    out_dir: Path
    year: str
    files: list[DownloadFile] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    """Each format that ran, with its one-line description."""

    def __iter__(self) -> Iterator[DownloadFile]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def by_format(self, name: str) -> list[DownloadFile]:
        return [f for f in self.files if f.format == name]

    def get(self, name: str) -> DownloadFile:
        """The file called ``name``; KeyError if none was written."""
        for f in self.files:
            if f.name == name:
                return f
        raise KeyError(f"no download called '{name}' was written")

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def page_rows(self, catalogue: Catalogue | None = None) -> list[dict[str, str]]:
        """One row per file for the site's downloads page (``downloads/index.html``).

        Each row has ``href`` (relative to that page), ``name``, ``format``, ``description``
        and ``size`` in words (``12 KB``).
        """
        t = catalogue or Catalogue()
        return [
            {
                "href": f.name,
                "name": f.name,
                "format": f.format,
                "description": f.description,
                "size": size_text(f.size, t),
            }
            for f in self.files
        ]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for templates or JSON."""
        return {
            "year": self.year,
            "formats": dict(self.formats),
            "files": [asdict(f) for f in self.files],
        }


LEAD_FORMATS = ("xlsx", "ods", "zip", "pdf")
"""The files most readers want, in the order the downloads page leads with them: the
workbook (Excel, then OpenDocument), everything in one zip, then the PDFs."""


def lead_first(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split download rows into the lead files (in :data:`LEAD_FORMATS` order) and the rest.

    A page that opens with 77 per-measure CSV files hides the workbook most people came for;
    the rest keep their written order (data files first, as each format ran).
    """
    lead = sorted(
        (r for r in rows if r["format"] in LEAD_FORMATS),
        key=lambda r: LEAD_FORMATS.index(r["format"]),
    )
    return lead, [r for r in rows if r["format"] not in LEAD_FORMATS]


def write_downloads(
    publication: Publication,
    store: ResultsStore,
    out_dir: Path | str,
    *,
    base_url: str = "",
    catalogue: Catalogue | None = None,
    formats: Iterable[str] | None = None,
    options: DownloadOptions | None = None,
    as_of: dt.date | None = None,
    responses: Responses | None = None,
) -> DownloadsIndex:
    """Write every download format (or those named) under ``out_dir``.

    ``base_url`` is the site's public address; empty gives relative links in the feed.
    ``as_of`` is the day actions are judged overdue on (default: the last day of the
    publication's financial year). ``options`` overrides ``base_url``, ``catalogue`` and
    ``as_of`` (see :class:`DownloadOptions`). ``responses``, when the caller has built them
    for the same ``as_of``, are used instead of being built again from the store.

    Raises:
        KeyError: if a named format is not registered.
    """
    if options is None:
        options = DownloadOptions(
            catalogue=catalogue or Catalogue(), base_url=base_url, as_of=as_of
        )
    ctx = DownloadContext(publication, store, Path(out_dir), options, prepared=responses)
    index = DownloadsIndex(ctx.out_dir, publication.year)
    for cls in chosen_formats(formats):
        fmt: DownloadFormat = cls(options)
        index.formats[fmt.name] = fmt.description()
        for path in fmt.run(ctx):
            ctx.written.append(path)
            index.files.append(
                DownloadFile(
                    name=ctx.relative(path),
                    format=fmt.name,
                    media_type=fmt.file_media_type(path),
                    size=path.stat().st_size,
                    description=fmt.describe(path, ctx),
                )
            )
    return index


def size_text(size: int, catalogue: Catalogue) -> str:
    """A file size in words: ``512 bytes``, ``12 KB`` (whole kilobytes), ``3.4 MB``."""
    if size < 1024:
        return catalogue("downloads.size.bytes", n=size)
    if size < 1024 * 1024:
        return catalogue("downloads.size.kb", n=max(1, round_half_up(size / 1024)))
    return catalogue("downloads.size.mb", n=f"{size / (1024 * 1024):.1f}")

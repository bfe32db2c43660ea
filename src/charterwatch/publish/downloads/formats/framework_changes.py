"""How the framework changed, as open data: ``data/framework-changes.csv``.

One row per change up to the year published, from the same function as the site's
"Previous years" page (:func:`charterwatch.charter_review.versions.framework_changes`): a
measure first reported, redefined (a break in its series) or retired, and each year first
reported against a new framework version (``change`` = ``version``; ``detail`` names the
charter it measures). Written even when nothing changed (a header only), so a script can
rely on the file. Runs before the data package, which describes it.
"""

from __future__ import annotations

from pathlib import Path

from charterwatch.charter_review.versions import framework_changes
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.csv_files import DATA_DIR, FRAMEWORK_CHANGES, write_csv
from charterwatch.publish.downloads.records import Column, Record
from charterwatch.publish.downloads.registry import DownloadFormat, register

CHANGE_COLUMNS = (
    Column("financial_year", "string", required=True),
    Column("change", "string", required=True),
    Column("measure", "string"),
    Column("measure_title", "string", required=True),
    Column("detail", "string"),
)
"""The columns of ``framework-changes.csv`` (titles and descriptions in the catalogue)."""


def change_records(ctx: DownloadContext) -> list[Record]:
    """Every change up to the year published, one record each, in the site's order."""
    return [
        {
            "financial_year": c.year,
            "change": c.kind,
            "measure": c.measure,
            "measure_title": c.title,
            "detail": c.detail,
        }
        for c in framework_changes(ctx.publication.framework, ctx.year)
    ]


@register
class FrameworkChangesFormat(DownloadFormat):
    """The framework's measures added, redefined and retired, and its new versions, by year."""

    name = "framework_changes"
    pattern = f"{DATA_DIR}/{FRAMEWORK_CHANGES}"
    media_type = "text/csv"
    description_key = "downloads.formats.framework_changes"
    order = 26

    def build(self, ctx: DownloadContext) -> list[Path]:
        path = ctx.out_dir / DATA_DIR / FRAMEWORK_CHANGES
        return [write_csv(path, CHANGE_COLUMNS, change_records(ctx))]

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        return self.catalogue("downloads.files.framework_changes_csv")

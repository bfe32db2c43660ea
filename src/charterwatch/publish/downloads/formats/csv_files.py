"""CSV downloads: one file per measure, one with every figure, and the published figures.

Every stored row of a measure, for every year up to the publication's and every breakdown,
one row each, sorted by measure, year, breakdown, group and statistic. UTF-8 without a byte
order mark, comma-separated, a header row of column names (see :mod:`..records`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from charterwatch.publish.downloads.accountability import TABLES as ACCOUNTABILITY_TABLES
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.escaping import inert
from charterwatch.publish.downloads.records import (
    CITATION_COLUMNS,
    FIGURE_COLUMNS,
    Column,
    Record,
    cell_text,
    citation_records,
    figure_records,
    file_stem,
)
from charterwatch.publish.downloads.registry import DownloadFormat, register

DATA_DIR = "data"
ALL_FIGURES = "all-figures.csv"
CITATIONS = "published-figures.csv"
FRAMEWORK_CHANGES = "framework-changes.csv"
"""How the framework changed year by year (:mod:`.framework_changes`)."""


def measure_file(measure_id: str, suffix: str) -> str:
    """The name of a measure's file within the downloads, e.g. ``data/M1.20.csv``."""
    return f"{DATA_DIR}/{file_stem(measure_id)}{suffix}"


def measure_files(ctx: DownloadContext, suffix: str) -> dict[str, str]:
    """Each measure's file name, in sorted order of measure id.

    Raises:
        ValueError: if two measure ids give the same file name.
    """
    names: dict[str, str] = {}
    reserved = {
        f"{DATA_DIR}/{ALL_FIGURES}": "every figure",
        f"{DATA_DIR}/{CITATIONS}": "citations",
        f"{DATA_DIR}/{FRAMEWORK_CHANGES}": "framework changes",
    }
    for table in ACCOUNTABILITY_TABLES:
        reserved[f"{DATA_DIR}/{table.stem}{suffix}"] = table.key
    for measure_id in sorted(ctx.publication.measures):
        name = measure_file(measure_id, suffix)
        taken = {**reserved, **{n: m for m, n in names.items()}}
        clash = [m for n, m in taken.items() if n.lower() == name.lower()]
        if clash:
            raise ValueError(
                f"measure '{measure_id}' would be written to {name}, the file of "
                f"'{clash[0]}'; rename the measure"
            )
        names[measure_id] = name
    return names


def write_csv(path: Path, columns: Sequence[Column], records: Sequence[Record]) -> Path:
    """Write ``records`` as CSV with a header of column names; return the path.

    Text that a spreadsheet would read as a formula is escaped (:mod:`..escaping`); numbers
    are written as numbers.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([inert(c.name) for c in columns])
    for record in records:
        writer.writerow([_cell(c, record) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def _cell(column: Column, record: Record) -> str:
    """A record's cell text, escaped when the value is text rather than a number."""
    text = cell_text(column, record)
    value = record.get(column.name)
    return text if isinstance(value, int | float) else inert(text)


@register
class CsvFormat(DownloadFormat):
    """Every figure as CSV: per measure, all together, and the published figures."""

    name = "csv"
    pattern = f"{DATA_DIR}/<measure-id>.csv, {DATA_DIR}/{ALL_FIGURES}, {DATA_DIR}/{CITATIONS}"
    media_type = "text/csv"
    description_key = "downloads.formats.csv"
    order = 10

    def build(self, ctx: DownloadContext) -> list[Path]:
        paths = []
        for measure_id, name in measure_files(ctx, ".csv").items():
            records = figure_records(ctx, measure_id)
            paths.append(write_csv(ctx.out_dir / name, FIGURE_COLUMNS, records))
        everything = figure_records(ctx)
        paths.append(write_csv(ctx.out_dir / DATA_DIR / ALL_FIGURES, FIGURE_COLUMNS, everything))
        cited = ctx.citations
        if cited:
            records = citation_records(cited)
            paths.append(write_csv(ctx.out_dir / DATA_DIR / CITATIONS, CITATION_COLUMNS, records))
        return paths

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        name = ctx.relative(path)
        if name == f"{DATA_DIR}/{ALL_FIGURES}":
            return self.catalogue("downloads.files.all_csv")
        if name == f"{DATA_DIR}/{CITATIONS}":
            return self.catalogue("downloads.files.citations_csv")
        for measure_id, file in measure_files(ctx, ".csv").items():
            if file == name:
                title = ctx.measure_title(measure_id)
                return self.catalogue("downloads.files.measure_csv", id=measure_id, title=title)
        return self.description()

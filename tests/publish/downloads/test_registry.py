"""The format registry, the downloads index, the catalogue entries and the documentation."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from charterwatch.model.files import Unit
from charterwatch.publish.downloads import (
    DownloadContext,
    DownloadFormat,
    DownloadsIndex,
    get_format,
    register,
    registered_formats,
)
from charterwatch.publish.downloads.records import CITATION_COLUMNS, FIGURE_COLUMNS
from charterwatch.publish.i18n import Catalogue
from charterwatch.stats.symbols import Symbol
from tests.publish.downloads.fixtures import Computed

BUILT_IN = [
    "csv",
    "organisations",
    "json",
    "accountability",
    "framework_changes",
    "xlsx",
    "ods",
    "datapackage",
    "atom",
    "zip",
]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "downloads.md"


def test_built_in_formats_register_themselves_in_run_order() -> None:
    assert list(registered_formats()) == BUILT_IN
    for name, cls in registered_formats().items():
        assert cls.name == name
        assert cls.pattern and "/" in cls.media_type
        assert cls().description().strip()
        assert (cls.__doc__ or "").strip()


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known formats: accountability, atom, csv"):
        get_format("pdf")


def test_a_second_format_with_a_taken_name_is_refused() -> None:
    class Clash(DownloadFormat):
        name = "csv"
        pattern = "x.csv"
        media_type = "text/csv"
        description_key = "downloads.formats.csv"

        def build(self, ctx: DownloadContext) -> list[Path]:
            return []

    with pytest.raises(ValueError, match="already registered"):
        register(Clash)


def test_a_new_format_is_one_registered_class(computed: Computed, tmp_path: Path) -> None:
    from charterwatch.publish.downloads import registry, write_downloads

    class Readme(DownloadFormat):
        """A plain-text list of the measures (a third party's format)."""

        name = "txt"
        pattern = "measures.txt"
        media_type = "text/plain"
        description_key = "downloads.formats.csv"
        order: ClassVar[int] = 40

        def build(self, ctx: DownloadContext) -> list[Path]:
            path = ctx.out_dir / "measures.txt"
            path.write_text("\n".join(ctx.publication.measures) + "\n", encoding="utf-8")
            return [path]

    register(Readme)
    try:
        index = write_downloads(
            computed.publication, computed.pipeline.store, tmp_path, formats=["txt", "zip"]
        )
        assert [f.name for f in index] == ["measures.txt", index.by_format("zip")[0].name]
    finally:
        registry._REGISTRY.pop("txt")


def test_index_lists_every_file_written(downloads: DownloadsIndex) -> None:
    on_disk = sorted(
        p.relative_to(downloads.out_dir).as_posix()
        for p in downloads.out_dir.rglob("*")
        if p.is_file()
    )
    assert sorted(f.name for f in downloads) == on_disk
    for f in downloads:
        assert f.size == (downloads.out_dir / f.name).stat().st_size > 0
        assert f.description.strip() and f.media_type
    assert set(downloads.formats) == set(BUILT_IN)
    assert downloads.get("data/all-figures.csv").format == "csv"
    assert downloads.get("data/KIND.csv").description.startswith("All figures for measure KIND")
    assert downloads.total_size == sum(f.size for f in downloads)
    rows = downloads.page_rows()
    assert [r["href"] for r in rows] == [f.name for f in downloads]
    assert all(r["size"].endswith(("bytes", "KB", "MB")) for r in rows)
    as_dict = downloads.as_dict()
    assert as_dict["year"] == downloads.year and len(as_dict["files"]) == len(downloads)


def test_every_symbol_unit_and_column_has_catalogue_text() -> None:
    t = Catalogue()
    for symbol in Symbol:
        assert t(f"downloads.symbols.{symbol.value.strip('[]')}")
    for unit in Unit:
        assert t(f"downloads.units.{unit.value}")
    for column in (*FIGURE_COLUMNS, *CITATION_COLUMNS):
        assert column.title(t) and column.description(t)


def test_docs_describe_every_format_column_and_symbol() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name, cls in registered_formats().items():
        assert f"`{name}`" in text, f"format {name} is not documented"
        for pattern in cls.pattern.split(", "):
            assert pattern in text, f"file {pattern} is not documented"
    for column in (*FIGURE_COLUMNS, *CITATION_COLUMNS):
        assert f"`{column.name}`" in text, f"column {column.name} is not documented"
    for symbol in Symbol:
        assert f"`{symbol.value}`" in text, f"symbol {symbol.value} is not documented"


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 bytes"), (1023, "1023 bytes"), (1536, "2 KB"), (3565158, "3.4 MB")]
)
def test_sizes_read_in_words(size: int, text: str) -> None:
    from charterwatch.publish.downloads.index import size_text

    assert size_text(size, Catalogue()) == text

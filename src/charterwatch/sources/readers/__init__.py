"""The table readers, one per input format, in a registry keyed by file extension.

Each built-in format is one module with one :class:`TableReader` subclass, registered here
exactly as a third-party format would be (:func:`register`). Choosing a reader is a lookup
of the file's extension, never a chain of tests on names.
"""

from __future__ import annotations

from pathlib import Path

from charterwatch.sources.readers.base import (
    Cell,
    Grid,
    RawRead,
    RawTable,
    ReadOptions,
    TableReader,
)
from charterwatch.sources.readers.csv_file import CsvReader
from charterwatch.sources.readers.ods_file import OdsReader
from charterwatch.sources.readers.parquet_file import ParquetReader
from charterwatch.sources.readers.xlsx_file import XlsxReader

READERS: dict[str, TableReader] = {}
"""Every registered reader by file extension (lower case, with the dot)."""


def register(reader: TableReader) -> TableReader:
    """Add ``reader`` for each of its extensions; raises ValueError if one is taken."""
    for extension in reader.extensions:
        if extension in READERS and READERS[extension] is not reader:
            raise ValueError(f"a reader for '{extension}' is already registered")
        READERS[extension] = reader
    return reader


def reader_for(path: Path) -> TableReader | None:
    """The reader for ``path``'s extension (case-insensitive), or None when there is none."""
    return READERS.get(path.suffix.lower())


def known_extensions() -> list[str]:
    return sorted(READERS)


for _reader in (CsvReader(), XlsxReader(), OdsReader(), ParquetReader()):
    register(_reader)

__all__ = [
    "READERS",
    "Cell",
    "Grid",
    "RawRead",
    "RawTable",
    "ReadOptions",
    "TableReader",
    "known_extensions",
    "reader_for",
    "register",
]

"""The table readers, one per input format, in a registry keyed by file extension.

Each built-in format is one module with one :class:`TableReader` subclass, named in the one
list of built-ins (:data:`charterwatch.builtins.BUILTIN_READERS`) and registered from it
exactly as a third-party format would be (:func:`register`). The registry loads that list
itself, so it is never seen without its built-ins. Choosing a reader is a lookup of the
file's extension, never a chain of tests on names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from charterwatch.builtins import BUILTIN_READERS, load_object
from charterwatch.sources.readers.base import (
    Cell,
    Grid,
    RawRead,
    RawTable,
    ReadOptions,
    TableReader,
)

READERS: dict[str, TableReader] = {}
"""Every registered reader by file extension (lower case, with the dot)."""


def register(reader: TableReader) -> TableReader:
    """Add ``reader`` for each of its extensions.

    Registering another instance of the class already registered for an extension keeps
    the first (so loading the built-ins twice changes nothing).

    Raises:
        ValueError: if a reader of another class has one of the extensions.
    """
    for extension in reader.extensions:
        known = READERS.get(extension)
        if known is not None and type(known) is not type(reader):
            raise ValueError(f"a reader for '{extension}' is already registered")
    for extension in reader.extensions:
        READERS.setdefault(extension, reader)
    return reader


def register_builtin_readers(paths: Iterable[str] = BUILTIN_READERS) -> None:
    """Register one instance of each reader class named ``"module:Class"`` in ``paths``.

    Raises:
        TypeError: if a named object is not a :class:`TableReader` class.
    """
    for path in paths:
        cls = load_object(path)
        if not (isinstance(cls, type) and issubclass(cls, TableReader)):
            raise TypeError(f"{path} is not a TableReader class")
        register(cls())


def reader_for(path: Path) -> TableReader | None:
    """The reader for ``path``'s extension (case-insensitive), or None when there is none."""
    return READERS.get(path.suffix.lower())


def known_extensions() -> list[str]:
    return sorted(READERS)


register_builtin_readers()

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
    "register_builtin_readers",
]

"""Open-data downloads: every figure as CSV, JSON, accessible spreadsheets, a data package.

Call :func:`write_downloads` with a publication and its results store; it runs every
registered format and returns a :class:`DownloadsIndex` describing each file written, for
the site's downloads page. Formats are registry entries keyed by file extension (see
:mod:`.registry`); each is one module under :mod:`.formats`. ``docs/downloads.md``
describes every file, its columns and the shorthand symbols.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charterwatch.publish.downloads.context import DownloadContext, DownloadOptions
    from charterwatch.publish.downloads.index import DownloadFile, DownloadsIndex, write_downloads
    from charterwatch.publish.downloads.registry import (
        DownloadFormat,
        get_format,
        register,
        registered_formats,
    )

_HOMES = {
    "DownloadContext": "context",
    "DownloadOptions": "context",
    "DownloadFile": "index",
    "DownloadsIndex": "index",
    "write_downloads": "index",
    "DownloadFormat": "registry",
    "get_format": "registry",
    "register": "registry",
    "registered_formats": "registry",
}
"""Where each name lives: imported on first use, so that a check or a format that needs one
constant does not load the whole of the downloads (and the results store's DuckDB)."""


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DownloadContext",
    "DownloadFile",
    "DownloadFormat",
    "DownloadOptions",
    "DownloadsIndex",
    "get_format",
    "register",
    "registered_formats",
    "write_downloads",
]

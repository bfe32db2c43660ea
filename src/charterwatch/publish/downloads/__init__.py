"""Open-data downloads: every figure as CSV, JSON, accessible spreadsheets, a data package.

Call :func:`write_downloads` with a publication and its results store; it runs every
registered format and returns a :class:`DownloadsIndex` describing each file written, for
the site's downloads page. Formats are registry entries keyed by file extension (see
:mod:`.registry`); each is one module under :mod:`.formats`. ``docs/downloads.md``
describes every file, its columns and the shorthand symbols.
"""

from __future__ import annotations

from charterwatch.publish.downloads.context import DownloadContext, DownloadOptions
from charterwatch.publish.downloads.index import DownloadFile, DownloadsIndex, write_downloads
from charterwatch.publish.downloads.registry import (
    DownloadFormat,
    get_format,
    register,
    registered_formats,
)

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

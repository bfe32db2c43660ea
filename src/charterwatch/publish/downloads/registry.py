"""The registry of download formats and the base class every format is written on.

Each format is one module under :mod:`charterwatch.publish.downloads.formats` that defines a
subclass of :class:`DownloadFormat` and registers it with :func:`register`, keyed by its file
extension (``csv``, ``json``, ``xlsx``, ``ods``, ``datapackage``, ``zip``, ``atom``) or, for a
format that writes several kinds of file, by what it holds (``accountability``). The
built-in formats register exactly as a third party's would; :func:`registered_formats`
imports them on first use.

The base class is a template method: :meth:`DownloadFormat.write` makes the folder and the
shared :class:`DownloadContext`, then calls the subclass's :meth:`DownloadFormat.build`.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from charterwatch.publish.i18n import Catalogue

if TYPE_CHECKING:
    from charterwatch.publish.downloads.context import DownloadContext, DownloadOptions
    from charterwatch.publish.view import Publication
    from charterwatch.results.store import ResultsStore

BUILTIN_FORMATS = (
    "charterwatch.publish.downloads.formats.csv_files",
    "charterwatch.publish.downloads.formats.organisation_files",
    "charterwatch.publish.downloads.formats.json_files",
    "charterwatch.publish.downloads.formats.accountability",
    "charterwatch.publish.downloads.formats.framework_changes",
    "charterwatch.publish.downloads.formats.xlsx_workbook",
    "charterwatch.publish.downloads.formats.ods_workbook",
    "charterwatch.publish.downloads.formats.datapackage",
    "charterwatch.publish.downloads.formats.feed",
    "charterwatch.publish.downloads.formats.bundle",
)
"""Modules of the formats that ship with charterwatch; each registers itself on import."""

_REGISTRY: dict[str, type[DownloadFormat]] = {}


class DownloadFormat(ABC):
    """One kind of download file: what it is called, its media type and how it is written.

    Subclasses set the class attributes and implement :meth:`build`. ``order`` decides when
    a format runs in :func:`~charterwatch.publish.downloads.index.write_downloads`: formats
    that describe or bundle other files (the data package, the zip) run after those files.
    """

    name: ClassVar[str]
    """The registry key: the file extension, e.g. ``"csv"``."""
    pattern: ClassVar[str]
    """The file names it writes, e.g. ``"data/<measure-id>.csv"``."""
    media_type: ClassVar[str]
    description_key: ClassVar[str]
    """The catalogue key of the one-line description for the downloads page."""
    order: ClassVar[int] = 50

    def __init__(self, options: DownloadOptions | None = None) -> None:
        from charterwatch.publish.downloads.context import DownloadOptions

        self.options = options or DownloadOptions()

    @property
    def catalogue(self) -> Catalogue:
        return self.options.catalogue

    def description(self) -> str:
        """The one-line description of the format, in the catalogue's language."""
        return self.catalogue(self.description_key)

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        """The description of one written file; by default the format's own line."""
        return self.description()

    def file_media_type(self, path: Path) -> str:
        """The media type of one written file; by default the format's own."""
        return self.media_type

    def write(self, publication: Publication, store: ResultsStore, out_dir: Path) -> list[Path]:
        """Write this format's files for ``publication`` under ``out_dir``; return their paths."""
        from charterwatch.publish.downloads.context import DownloadContext

        return self.run(DownloadContext(publication, store, Path(out_dir), self.options))

    def run(self, ctx: DownloadContext) -> list[Path]:
        """The shared steps around :meth:`build`: make the folder, build, check, sort."""
        ctx.out_dir.mkdir(parents=True, exist_ok=True)
        paths = sorted(self.build(ctx))
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise RuntimeError(f"download format '{self.name}' did not write {missing}")
        return paths

    @abstractmethod
    def build(self, ctx: DownloadContext) -> list[Path]:
        """Write the files and return their paths (under ``ctx.out_dir``)."""


def register(cls: type[DownloadFormat]) -> type[DownloadFormat]:
    """Class decorator: add a format to the registry under its ``name``.

    Raises:
        ValueError: if another class already uses the name.
    """
    known = _REGISTRY.get(cls.name)
    if known is not None and known is not cls:
        raise ValueError(
            f"download format '{cls.name}' is already registered by "
            f"{known.__module__}.{known.__qualname__}; give {cls.__qualname__} another name"
        )
    _REGISTRY[cls.name] = cls
    return cls


@cache
def _discover() -> None:
    """Import the built-in format modules once; importing registers them."""
    for module in BUILTIN_FORMATS:
        importlib.import_module(module)


def registered_formats() -> dict[str, type[DownloadFormat]]:
    """Every registered format by name, in the order they run (then by name)."""
    _discover()
    ordered = sorted(_REGISTRY.values(), key=lambda cls: (cls.order, cls.name))
    return {cls.name: cls for cls in ordered}


def get_format(name: str) -> type[DownloadFormat]:
    """The format registered as ``name``.

    Raises:
        KeyError: naming the known formats, if there is none by that name.
    """
    formats = registered_formats()
    if name not in formats:
        raise KeyError(f"no download format '{name}'; known formats: {', '.join(sorted(formats))}")
    return formats[name]


def chosen_formats(names: Iterable[str] | None) -> list[type[DownloadFormat]]:
    """The formats to run, in run order: all of them, or those named."""
    formats = registered_formats()
    if names is None:
        return list(formats.values())
    wanted = {get_format(n).name for n in names}
    return [cls for name, cls in formats.items() if name in wanted]

"""The one list of what ships with charterwatch: measure kinds, source readers, download
formats and framework checks, loaded explicitly by :func:`load_builtins`.

Like Datasette's ``DEFAULT_PLUGINS``, the built-ins are named here by dotted path and go
through the same public registration as a third party's would (the ``@register``
decorators of :mod:`charterwatch.measures.registry` and
:mod:`charterwatch.publish.downloads.registry`, :func:`charterwatch.sources.readers.register`
and :func:`charterwatch.model.checks.rule`). Every entry point (loading a framework, the
measure-kind registry, the ``charterwatch`` command) calls :func:`load_builtins` first, so
what is known never depends on which modules happened to be imported before.

Extension point: a third party registers its own kind, reader, format or check with the
same decorators or functions after (or before) :func:`load_builtins`; nothing here needs
to change. This module imports nothing of charterwatch until :func:`load_builtins` runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

BUILTIN_KINDS: tuple[str, ...] = (
    "charterwatch.measures.kinds.backlog",
    "charterwatch.measures.kinds.count",
    "charterwatch.measures.kinds.deadline_compliance",
    "charterwatch.measures.kinds.duration",
    "charterwatch.measures.kinds.mean",
    "charterwatch.measures.kinds.organisation_return",
    "charterwatch.measures.kinds.published_figure",
    "charterwatch.measures.kinds.qualitative_evidence",
    "charterwatch.measures.kinds.ratio",
    "charterwatch.measures.kinds.share_of_records",
    "charterwatch.measures.kinds.sum",
    "charterwatch.measures.kinds.survey_proportion",
)
"""Modules of the built-in measure kinds; each registers its kind with ``@register``."""

BUILTIN_READERS: tuple[str, ...] = (
    "charterwatch.sources.readers.csv_file:CsvReader",
    "charterwatch.sources.readers.xlsx_file:XlsxReader",
    "charterwatch.sources.readers.ods_file:OdsReader",
    "charterwatch.sources.readers.parquet_file:ParquetReader",
)
"""The built-in table readers as ``module:Class``; an instance of each is registered."""

BUILTIN_FORMATS: tuple[str, ...] = (
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
"""Modules of the built-in download formats, in the order they register."""

BUILTIN_CHECKS: tuple[str, ...] = (
    "charterwatch.model.checks",
    "charterwatch.measures.checks",
    "charterwatch.measures.columns",
    "charterwatch.measures.deadline_checks",
    "charterwatch.model.accountability_checks",
    "charterwatch.model.glossary_checks",
    "charterwatch.model.path_checks",
    "charterwatch.publish.site.names",
    "charterwatch.publish.locale_checks",
)
"""Modules of the framework checks, in the order their rules run under ``validate``."""


@dataclass(frozen=True)
class Builtins:
    """What :func:`load_builtins` registered, by name, for listings and tests."""

    kinds: tuple[str, ...]
    readers: tuple[str, ...]
    formats: tuple[str, ...]
    checks: tuple[str, ...]


@cache
def load_builtins() -> Builtins:
    """Import and register every built-in kind, reader, format and check, once.

    Safe to call any number of times; the first call does the work. Returns the names now
    registered (including any a third party registered before).

    Raises:
        ImportError: if a listed module or class does not exist (a packaging bug).
    """
    for path in BUILTIN_CHECKS + BUILTIN_KINDS:
        importlib.import_module(path)
    from charterwatch.sources.readers import register_builtin_readers

    register_builtin_readers(BUILTIN_READERS)
    for path in BUILTIN_FORMATS:
        importlib.import_module(path)

    from charterwatch.measures.registry import KINDS
    from charterwatch.model.checks import CHECKS
    from charterwatch.publish.downloads.registry import registered_formats
    from charterwatch.sources.readers import READERS

    return Builtins(
        kinds=tuple(sorted(KINDS)),
        readers=tuple(sorted(READERS)),
        formats=tuple(registered_formats()),
        checks=tuple(check.__name__ for check in CHECKS),
    )


def load_object(path: str) -> object:
    """The object named by ``"package.module:Name"`` (imported on demand).

    Raises:
        ImportError: if the module cannot be imported.
        AttributeError: if the module has no such name.
    """
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)

"""All-or-nothing loading of sources: a whole checked table with its provenance, or the issues.

A :class:`~charterwatch.sources.result.SourceLoad` holds either a typed Arrow table (and
perhaps warnings) or every problem found, never both and never a half-loaded table. Loading
writes nothing anywhere, so a caller that gets a failed load can keep whatever good state it
had before. A clean file is decided on whole Arrow columns (:mod:`.fast`); any other file is
checked cell by cell, which words every issue.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pyarrow as pa

from charterwatch.model.files import SourceFile, SourceKind, SourceSchemaFile
from charterwatch.model.issues import Issue, IssueList, relative_name
from charterwatch.sources import codes
from charterwatch.sources.codes import IssueCollector, issue
from charterwatch.sources.fast import check_fast, fast_path_enabled
from charterwatch.sources.narrative import load_narrative
from charterwatch.sources.readers import (
    RawRead,
    ReadOptions,
    TableReader,
    known_extensions,
    reader_for,
)
from charterwatch.sources.readers.base import is_blank, read_bytes, sha256
from charterwatch.sources.readers.columns import columns_from_raw
from charterwatch.sources.readers.sql_table import (
    is_database_url,
    read_database_table,
    redact,
)
from charterwatch.sources.result import Provenance, SourceLoad, utc_stamp
from charterwatch.sources.scan import ENGINE_READERS, EngineLoad, scan_file
from charterwatch.sources.scan.kept import KeptSources
from charterwatch.sources.shapes import SHAPES, resolve_schema
from charterwatch.sources.validate import check_schema, check_table
from charterwatch.sources.window import DateWindow

if TYPE_CHECKING:
    import duckdb
    from ibis.backends import BaseBackend


def _finish(
    raw: RawRead,
    schema: SourceSchemaFile,
    source_id: str | None,
    now: dt.datetime | None,
    *,
    fast: bool = True,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """Check a raw read: first whole columns at once (when ``fast``), and cell by cell for
    the issues when that finds anything."""
    if fast and raw.table is not None and not raw.issues and raw.sha256 is not None:
        checked = check_fast(columns_from_raw(raw.table), schema, dates)
        if checked is not None:
            return _loaded(raw.file, raw.reader, raw.sha256, schema, *checked, source_id, now)
    collector = IssueCollector(raw.file)
    collector.extend(raw.issues)
    table = check_table(raw.table, schema, collector, dates) if raw.table is not None else None
    issues = collector.finish()
    if table is None or not issues.ok or raw.sha256 is None:
        if issues.ok:  # defensive: a read with no table always carries an error
            issues.add(issue(codes.FILE_UNREADABLE, "nothing could be read", file=raw.file))
        return SourceLoad(source_id, raw.file, issues)
    return _loaded(raw.file, raw.reader, raw.sha256, schema, table, issues, source_id, now)


def _loaded(
    file: str,
    reader: str,
    sha256: str,
    schema: SourceSchemaFile,
    table: pa.Table,
    issues: IssueList,
    source_id: str | None,
    now: dt.datetime | None,
) -> SourceLoad:
    provenance = Provenance(
        source=source_id,
        file=file,
        sha256=sha256,
        rows=table.num_rows,
        loaded_at=utc_stamp(now),
        reader=reader,
        shape=schema.shape,
    )
    return SourceLoad(source_id, file, issues, table, provenance)


def _read_file(
    reader: TableReader,
    path: Path,
    shown_as: str,
    options: ReadOptions,
    schema: SourceSchemaFile,
    source_id: str | None,
    now: dt.datetime | None,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """Read and check one file: through the reader's columns when it has a fast path and the
    file is clean, else cell by cell (which words every issue)."""
    scanned = scan_alone(path, shown_as, reader.name, schema, source_id, now, dates)
    if scanned is not None:
        return scanned
    if not fast_path_enabled():
        raw = reader.read(path, shown_as, options)
        return _finish(raw, schema, source_id, now, fast=False, dates=dates)
    data, problems = read_bytes(path, shown_as)
    if data is None:
        raw = RawRead(reader.name, shown_as, None, problems)
        return _finish(raw, schema, source_id, now, dates=dates)
    columns = None if is_blank(data) else reader.read_columns(data, shown_as, options)
    if columns is None:
        raw = reader.read_data(data, shown_as, options)
        return _finish(raw, schema, source_id, now, dates=dates)
    checked = check_fast(columns, schema, dates)
    if checked is not None:
        return _loaded(shown_as, reader.name, sha256(data), schema, *checked, source_id, now)
    raw = reader.read_data(data, shown_as, options)
    return _finish(raw, schema, source_id, now, fast=False, dates=dates)  # not clean


def scan_alone(
    path: Path,
    shown_as: str,
    reader: str,
    schema: SourceSchemaFile,
    source_id: str | None,
    now: dt.datetime | None,
    dates: DateWindow | None,
) -> SourceLoad | None:
    """Check a CSV or Parquet file with the engine scan on a private DuckDB connection and
    hand the typed table back as Arrow (for callers that want a table, not an engine);
    None when the scan declines."""
    if reader not in ENGINE_READERS or not fast_path_enabled():
        return None
    import duckdb

    con = duckdb.connect()
    try:
        scanned = scan_file(
            con,
            path,
            shown_as,
            reader,
            schema,
            "cw_source",
            source_id=source_id,
            now=now,
            dates=dates,
        )
        if scanned is None:
            return None
        if scanned.table is None:
            return SourceLoad(source_id, shown_as, scanned.issues)
        table = con.sql(f'SELECT * FROM "{scanned.table}"').to_arrow_table()
        return SourceLoad(
            source_id, shown_as, scanned.issues, table.combine_chunks(), scanned.provenance
        )
    finally:
        con.close()


FOLDER_KINDS: dict[SourceKind, Callable[..., SourceLoad]] = {
    SourceKind.NARRATIVE_EVIDENCE: load_narrative,
}
"""Source kinds whose ``path`` is read by their own loader rather than as one table."""


def _failed(source_id: str | None, file: str, *problems: Issue) -> SourceLoad:
    return SourceLoad(source_id, file, IssueList(list(problems)))


def read_table(
    path: Path,
    schema: SourceSchemaFile | None = None,
    *,
    root: Path | None = None,
    sheet: str | None = None,
    source_id: str | None = None,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """Read and check the file ``path`` (format chosen by its extension) against ``schema``.

    ``schema`` is used as given (resolve a shape first with :func:`resolve_schema`); None
    means no fixed columns, every column kept as text. Messages name the file relative to
    ``root``. ``dates`` is the window every date must fall in (the years of the framework's
    working-day calendar; ``CW-S042`` outside it). Never raises for bad input.
    """
    shown_as = relative_name(path, root) if root is not None else path.name
    resolved = schema or SourceSchemaFile()
    reader = reader_for(path)
    if reader is None:
        return _failed(
            source_id,
            shown_as,
            issue(
                codes.UNKNOWN_FORMAT,
                f"charterwatch cannot read '{path.suffix or path.name}' files",
                file=shown_as,
                expected="a file ending in " + ", ".join(known_extensions()),
                found=path.suffix or "(no extension)",
                fix="save the extract as CSV UTF-8 or XLSX",
            ),
        )
    options = ReadOptions(sheet=sheet)
    return _read_file(reader, path, shown_as, options, resolved, source_id, now, dates)


def read_sql_table(
    connection: str | BaseBackend,
    table_name: str,
    schema: SourceSchemaFile | None = None,
    *,
    base: Path | None = None,
    source_id: str | None = None,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """Read and check a database table through Ibis; the same result as its CSV export.

    ``connection`` is an Ibis backend or a URL (``postgresql://user@host/db``,
    ``duckdb://data/cases.ddb``, relative to ``base``). Rows are ordered by the schema's
    primary key when it has one. Never raises for bad input or an unreachable database.
    """
    resolved = schema or SourceSchemaFile()
    raw = read_database_table(connection, table_name, order_by=resolved.primary_key, base=base)
    return _finish(raw, resolved, source_id, now, fast=fast_path_enabled(), dates=dates)


def source_schema(source: SourceFile) -> tuple[SourceSchemaFile | None, list[Issue]]:
    """The resolved schema of ``source``, or the issues that make it unusable."""
    file, line = declared_at(source)
    try:
        schema = resolve_schema(source.schema_)
    except KeyError:
        shape = source.schema_.shape if source.schema_ else ""
        guess = difflib.get_close_matches(shape or "", list(SHAPES), n=1)
        return None, [
            issue(
                codes.UNKNOWN_SHAPE,
                f"source '{source.id}' names the unknown shape '{shape}'",
                file=file,
                line=line,
                location="schema.shape",
                expected="one of: " + ", ".join(sorted(SHAPES)),
                found=f"'{shape}'",
                fix=f"did you mean '{guess[0]}'?"
                if guess
                else "use a standard shape, or 'records' with your own fields",
            )
        ]
    problems = check_schema(schema, file, line)
    return (None, problems) if problems else (schema, [])


def declared_at(source: SourceFile) -> tuple[str, int | None]:
    """Where messages about a source's declaration point: its YAML file and line, or (for a
    source not read from a framework folder) its path, url or id."""
    origin = getattr(source, "origin", None)
    if origin is not None:
        return origin.file, origin.line
    return source.path or (redact(source.url) if source.url else f"source {source.id}"), None


def source_folder(source: SourceFile, root: Path) -> Path:
    """The folder a source's relative ``path`` starts from: the folder of the YAML file
    that declares it (``root`` itself for a source not read from a framework folder)."""
    origin = getattr(source, "origin", None)
    return (root / origin.file).parent if origin is not None else root


def load_source(
    source: SourceFile,
    path: Path | str | None = None,
    root: Path | None = None,
    *,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """Load one source (a ``Source`` of a framework, or a bare ``SourceFile``) all or nothing.

    ``dates`` is the window every date of a table must fall in (see :func:`read_table`).

    ``path`` overrides the source's own ``path:`` (relative paths start from ``root``).
    A path may end in ``#Sheet`` to pick a workbook sheet. A source with no path but a
    database ``url`` ending in ``#table`` is read through Ibis. Narrative evidence is read
    with :func:`charterwatch.sources.narrative.load_narrative`. Never raises for bad input.
    """
    base = root or Path()
    schema, problems = source_schema(source)
    where = str(path or source.path or (redact(source.url) if source.url else source.id))
    if schema is None:
        return _failed(source.id, where, *problems)
    if path is None and source.path is None and is_database_url(source.url):
        assert source.url is not None
        url, _, table_name = source.url.partition("#")
        if not table_name:
            return _failed(source.id, where, _no_location(source, "the url names no table"))
        return read_sql_table(
            url,
            table_name,
            schema,
            base=source_folder(source, base),
            source_id=source.id,
            now=now,
            dates=dates,
        )
    folder = base if path is not None else source_folder(source, base)
    target = path if path is not None else source.path
    if target is None:
        return _failed(source.id, where, _no_location(source, "it has no path"))
    name, _, sheet = str(target).partition("#")
    full = folder / name
    folder_loader = FOLDER_KINDS.get(source.kind)
    if folder_loader is not None:
        return folder_loader(full, root=base, source_id=source.id, now=now)
    return read_table(
        full, schema, root=base, sheet=sheet or None, source_id=source.id, now=now, dates=dates
    )


def scan_source(
    source: SourceFile,
    con: duckdb.DuckDBPyConnection,
    target: str,
    root: Path,
    *,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
    kept: KeptSources | None = None,
) -> EngineLoad | None:
    """Load a source's CSV or Parquet file into the TEMP table ``target`` of ``con`` (see
    :mod:`.scan`), the rows never passing through Python; None when the source is not such
    a file or the scan declines, and then :func:`load_source` decides. With ``kept``, an
    unchanged file whose scan was kept is not checked again (:mod:`.scan.kept`)."""
    schema, problems = source_schema(source)
    if schema is None or problems or source.path is None:
        return None
    if source.kind in FOLDER_KINDS or "#" in source.path:
        return None
    full = source_folder(source, root) / source.path
    reader = reader_for(full)
    if reader is None or reader.name not in ENGINE_READERS:
        return None
    shown_as = relative_name(full, root)
    return scan_file(
        con,
        full,
        shown_as,
        reader.name,
        schema,
        target,
        source_id=source.id,
        now=now,
        dates=dates,
        kept=kept,
    )


def _no_location(source: SourceFile, why: str) -> Issue:
    file, line = declared_at(source)
    return issue(
        codes.NO_LOCATION,
        f"source '{source.id}' cannot be loaded: {why}",
        file=file,
        line=line,
        fix="give the source a 'path:' to its extract (data/cases.csv, data/book.xlsx#Sheet1) "
        "or a database 'url:' ending in '#table'",
    )


@dataclass(frozen=True)
class SourceLoads:
    """The results of loading several sources, by source id. Nothing was written anywhere."""

    results: Mapping[str, SourceLoad]
    skipped: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every loaded source loaded (warnings allowed)."""
        return all(r.ok for r in self.results.values())

    def issues(self) -> IssueList:
        """Every issue of every source, in source order."""
        out = IssueList()
        for result in self.results.values():
            out.extend(result.issues)
        return out

    def tables(self) -> dict[str, pa.Table] | None:
        """Every table by source id when all loaded, else None (keep the previous state)."""
        if not self.ok:
            return None
        return {k: r.table for k, r in self.results.items() if r.table is not None}


def has_location(source: SourceFile) -> bool:
    """True when a source names something to load: a path or a database url."""
    return source.path is not None or is_database_url(source.url)


def load_sources(
    framework_root: Path,
    sources: Mapping[str, SourceFile] | Iterable[SourceFile],
    *,
    now: dt.datetime | None = None,
    dates: DateWindow | None = None,
) -> SourceLoads:
    """Load every source that has a path or database url; the others are listed as skipped.

    Each source loads all or nothing and independently of the others; this function only
    reads and returns results, so when ``ok`` is False the caller keeps its previous state.
    """
    items = list(sources.values()) if isinstance(sources, Mapping) else list(sources)
    when = now or dt.datetime.now(dt.UTC)
    results: dict[str, SourceLoad] = {}
    skipped: list[str] = []
    for source in items:
        if not has_location(source):
            skipped.append(source.id)
            continue
        results[source.id] = load_source(source, root=framework_root, now=when, dates=dates)
    return SourceLoads(MappingProxyType(results), tuple(skipped))

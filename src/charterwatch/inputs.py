"""Loading a framework's sources for a compute run: tables, evidence and provenance.

Every source with a path is loaded all or nothing (:mod:`charterwatch.sources.load`). Given
the compute engine, CSV and Parquet files are scanned in place by DuckDB and checked by SQL
(:mod:`charterwatch.sources.scan`; a file unchanged since a clean scan is not checked again,
:mod:`charterwatch.sources.scan.kept`): on the DuckDB engine the checked TEMP table *is* the
compute table, with no copy in Python; on another engine it is streamed to it in record
batches. Spreadsheets, database tables and anything the scan declines take the Arrow path
and are put on the engine. Without an engine every table is handed back as Arrow.

A source whose file or folder does not exist yet is not an error here: its measures are
reported as "no data", and the run says which sources were missing. Any other problem in
any source stops the run before anything is written, so the results store keeps its
previous good state (the engine's scratch tables are dropped when it closes).

The years to compute end with the latest financial year any source has records for, read
from each source's declared date fields (:mod:`charterwatch.sources.years`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.model.files import SourceKind, SourceSchemaFile
from charterwatch.model.framework import Framework, Source
from charterwatch.model.issues import Issue, IssueList, Level
from charterwatch.sources import codes
from charterwatch.sources.load import load_source, scan_source, source_schema
from charterwatch.sources.result import SourceLoad
from charterwatch.sources.scan import EngineLoad, drop_scanned
from charterwatch.sources.scan.kept import KeptSources
from charterwatch.sources.window import window_for
from charterwatch.sources.years import last_year_in_engine, last_year_of_table

if TYPE_CHECKING:
    import duckdb
    import ibis.expr.types as ir

    from charterwatch.engines import Engine


@dataclass
class SourceData:
    """What the compute step reads: tables by source id (Arrow, or already on the engine),
    narrative evidence, provenance."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    synthetic: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)
    last_years: list[int] = field(default_factory=list)
    issues: IssueList = field(default_factory=IssueList)
    engine_tables: dict[str, ir.Table] = field(default_factory=dict)
    """Tables already on the compute engine (loaded with an engine)."""


def load_framework_sources(
    fw: Framework, engine: Engine | None = None, only: Collection[str] | None = None
) -> SourceData:
    """Load the framework's sources that have a path (those in ``only``, when given); see
    the module docstring.

    Every date must fall in the years of the framework's working-day calendar
    (``fw.calendar``): a date outside them would have no working-day count, so the source
    is refused with ``CW-S042`` and nothing is computed. It must also be plausible for its
    source (``CW-S043``; :func:`~charterwatch.sources.window.window_for` decides the window).
    """
    data = SourceData()
    loader = _EngineLoader(engine, KeptSources.of(fw.root)) if engine is not None else None
    try:
        for source in fw.sources.values():
            if source.path is None and source.url is None:
                continue
            if source.kind is SourceKind.PUBLISHED_FIGURES:
                continue  # their figures are framework files, read by the model
            if only is not None and source.id not in only:
                continue
            dates = window_for(fw, source)
            scanned = loader.scan(source, fw, dates) if loader is not None else None
            if isinstance(scanned, EngineLoad):
                _add_scanned(data, source, scanned, loader)
                continue
            result = load_source(source, root=fw.root, dates=dates)
            _add_loaded(data, source, result, engine)
    finally:
        if loader is not None:
            loader.close()
    return data


class _EngineLoader:
    """Scans files into the engine: into its own DuckDB connection when it is DuckDB, else
    into a private DuckDB connection from which each checked table is streamed."""

    def __init__(self, engine: Engine, kept: KeptSources | None) -> None:
        self.engine = engine
        self.kept = kept
        self.own = engine.name == "duckdb" and hasattr(engine.backend, "con")
        if self.own:
            self.con: duckdb.DuckDBPyConnection = engine.backend.con
        else:
            from charterwatch.engines.duckdb_engine import private_connection

            self.con = private_connection()

    def scan(self, source: Source, fw: Framework, dates: Any) -> EngineLoad | None:
        name = f"src_{source.id}"
        target = self.engine.table_name(name) if self.own else f"cw_scan_{source.id}".lower()
        return scan_source(source, self.con, target, fw.root, dates=dates, kept=self.kept)

    def adopt(self, source_id: str, table: str) -> ir.Table:
        """The scanned table as an Ibis table on the engine."""
        if self.own:
            self.engine.created.append(table)
            return self.engine.backend.table(table)
        batches = self.con.sql(f'SELECT * FROM "{table}"').to_arrow_reader()
        try:
            return self.engine.put(f"src_{source_id}", batches)
        finally:
            batches.close()  # the engine may stop reading early; the connection needs it done
            drop_scanned(self.con, table)

    def close(self) -> None:
        if not self.own:
            self.con.close()


def _add_scanned(
    data: SourceData, source: Source, scanned: EngineLoad, loader: _EngineLoader | None
) -> None:
    data.issues.extend(scanned.issues)
    if scanned.table is None or loader is None:
        return
    schema, _ = source_schema(source)
    con = loader.con
    columns = [str(r[0]) for r in con.execute(f'DESCRIBE "{scanned.table}"').fetchall()]
    if scanned.provenance is not None:
        data.provenance[source.id] = scanned.provenance.as_dict()
    if "synthetic" in columns and _any_synthetic_in(con, scanned.table):
        data.synthetic.add(source.id)
    last = last_year_in_engine(con, scanned.table, schema, columns) if schema else None
    if last is not None:
        data.last_years.append(last)
    data.engine_tables[source.id] = loader.adopt(source.id, scanned.table)


def _add_loaded(
    data: SourceData, source: Source, result: SourceLoad, engine: Engine | None
) -> None:
    if not result.ok:
        if all(i.code == codes.FILE_MISSING for i in result.issues.errors):
            data.missing.append(source.id)
            data.issues.add(
                Issue(
                    code="CW-P001",
                    level=Level.WARNING,
                    file=source.origin.file,
                    line=source.origin.line,
                    message=f"source '{source.id}' has no data yet ({source.path} not "
                    "found); its measures are reported as no data",
                    fix="add the extract, or run 'charterwatch example-data' for the example",
                )
            )
            return
        data.issues.extend(result.issues)
        return
    data.issues.extend(result.issues)
    table = result.table
    assert table is not None
    if result.provenance is not None:
        data.provenance[source.id] = result.provenance.as_dict()
    if _any_synthetic(table):
        data.synthetic.add(source.id)
    narrative = source.kind is SourceKind.NARRATIVE_EVIDENCE
    if narrative:
        data.evidence.extend(_evidence_records(table, source.id))
    elif engine is not None:
        data.engine_tables[source.id] = engine.put(f"src_{source.id}", table)
    else:
        data.tables[source.id] = table
    schema = _labels_only() if narrative else source_schema(source)[0]
    last = last_year_of_table(table, schema)
    if last is not None:
        data.last_years.append(last)


def _labels_only() -> SourceSchemaFile:
    """Narrative evidence is dated by its ``year`` labels."""
    from charterwatch.model.files import FieldFile

    year = FieldFile.model_construct(name="year", type="string", required=False)
    return SourceSchemaFile.model_construct(fields=[year])


def _any_synthetic_in(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether any record of an engine table is labelled synthetic."""
    row = con.execute(
        f"SELECT bool_or(lower(CAST(synthetic AS VARCHAR)) = 'true') FROM \"{table}\""
    ).fetchall()[0]
    return bool(row[0])


def _any_synthetic(table: pa.Table) -> bool:
    """Whether any record of the table is labelled synthetic."""
    if "synthetic" not in table.column_names or table.num_rows == 0:
        return False
    column = table["synthetic"]
    if not pa.types.is_boolean(column.type):  # a pattern, not a value: no Python scalar
        column = pc.match_substring_regex(column.cast(pa.string()), "^true$", ignore_case=True)
    return bool(pc.any(column).as_py())  # nulls skipped; None when all are null


def _evidence_records(table: pa.Table, source_id: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = table.to_pylist()
    for record in records:
        record.setdefault("source_id", source_id)
    return records

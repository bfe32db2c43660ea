"""Sources read by the engine in place: CSV and Parquet files scanned by DuckDB with the
declared schema and checked by SQL (:mod:`.scan`), with the per-cell path only wording the
rows found. See ``docs/sources.md`` ("How files are checked")."""

from charterwatch.sources.scan.scan import ENGINE_READERS, EngineLoad, drop_scanned, scan_file

__all__ = ["ENGINE_READERS", "EngineLoad", "drop_scanned", "scan_file"]

"""The results store: an embedded DuckDB file holding every figure and how it was made.

Publishing reads only from here. A write replaces the rows of the measures and years it
covers in one transaction, so a failed run leaves the previous good results intact. The
schema is versioned (``SCHEMA_VERSION``); see ``docs/results.md`` for the columns and the
rules for changing them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from charterwatch import __version__
from charterwatch.measures.rows import ResultRow

SCHEMA_VERSION = 1

COLUMNS: list[tuple[str, str]] = [
    ("measure", "VARCHAR NOT NULL"),
    ("period", "VARCHAR NOT NULL"),
    ("breakdown", "VARCHAR NOT NULL"),
    ("grp", "VARCHAR NOT NULL"),
    ("statistic", "VARCHAR NOT NULL"),
    ("value", "DOUBLE"),
    ("unit", "VARCHAR NOT NULL"),
    ("base", "BIGINT"),
    ("effective_base", "DOUBLE"),
    ("ci_low", "DOUBLE"),
    ("ci_high", "DOUBLE"),
    ("symbol", "VARCHAR NOT NULL"),
    ("note", "VARCHAR NOT NULL"),
    ("status_inputs", "VARCHAR NOT NULL"),
    ("evidence", "VARCHAR NOT NULL"),
    ("provenance", "VARCHAR NOT NULL"),
    ("synthetic", "BOOLEAN NOT NULL"),
    ("run_id", "VARCHAR NOT NULL"),
]
KEY = ("measure", "period", "breakdown", "grp", "statistic")
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DOUBLE": pa.float64(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
}
ARROW_SCHEMA = pa.schema([(name, _ARROW_TYPES[kind.split()[0]]) for name, kind in COLUMNS])


@dataclass(frozen=True)
class Run:
    """One compute run: when, on which engine, for which years, with which code version."""

    run_id: str
    started_at: str
    engine: str
    years: str
    code_version: str
    rows: int


class ResultsStore:
    """Reads and writes the results DuckDB file at ``path``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def _connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            raise FileNotFoundError(
                f"no results store at {self.path}; run 'charterwatch compute' first"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self._ensure_schema(con)
        return con

    @staticmethod
    def _ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
        cols = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
        con.execute(f"CREATE TABLE IF NOT EXISTS results ({cols}, PRIMARY KEY ({', '.join(KEY)}))")
        con.execute(
            "CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR PRIMARY KEY, started_at VARCHAR, "
            "engine VARCHAR, years VARCHAR, code_version VARCHAR, rows BIGINT)"
        )
        con.execute(
            "CREATE TABLE IF NOT EXISTS suppressions (measure VARCHAR, period VARCHAR, "
            "breakdown VARCHAR, grp VARCHAR, statistic VARCHAR, reason VARCHAR, run_id VARCHAR)"
        )
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    def write(
        self,
        rows: Sequence[ResultRow],
        *,
        engine: str,
        years: Sequence[str],
        suppressions: Iterable[tuple[ResultRow, str]] = (),
    ) -> Run:
        """Replace the stored rows of the (measure, year) pairs in ``rows``, atomically."""
        started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        run = Run(
            run_id=f"run-{started}-{len(rows)}",
            started_at=started,
            engine=engine,
            years=",".join(years),
            code_version=__version__,
            rows=len(rows),
        )
        covered = sorted({(r.measure, r.period) for r in rows})
        con = self._connect()
        try:
            con.execute("BEGIN TRANSACTION")
            keys = pa.table({"m": [c[0] for c in covered], "p": [c[1] for c in covered]})
            con.register("cw_keys", keys)
            for table in ("results", "suppressions"):
                con.execute(
                    f"DELETE FROM {table} WHERE (measure, period) IN (SELECT m, p FROM cw_keys)"
                )
            con.unregister("cw_keys")
            records = [_record(r, run.run_id) for r in rows]
            batch = pa.table(
                {name: [rec[i] for rec in records] for i, (name, _) in enumerate(COLUMNS)},
                schema=ARROW_SCHEMA,
            )
            con.register("cw_batch", batch)
            con.execute("INSERT INTO results SELECT * FROM cw_batch")
            con.unregister("cw_batch")
            audit = [(*_key(r), reason, run.run_id) for r, reason in suppressions]
            if audit:
                con.executemany("INSERT INTO suppressions VALUES (?, ?, ?, ?, ?, ?, ?)", audit)
            con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                [run.run_id, run.started_at, run.engine, run.years, run.code_version, run.rows],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.close()
        return run

    def query(
        self,
        *,
        measure: str | None = None,
        period: str | None = None,
        breakdown: str | None = None,
        statistic: str | None = None,
        granularity: str | None = "year",
    ) -> list[dict[str, Any]]:
        """Stored rows as dicts (JSON columns decoded), ordered by measure, period, group.

        ``granularity`` keeps financial years (the default), ``quarter`` or ``month`` rows
        only; None returns every row.
        """
        where, args = [], []
        for column, value in (
            ("measure", measure),
            ("period", period),
            ("breakdown", breakdown),
            ("statistic", statistic),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = "SELECT * FROM results"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY measure, period, breakdown, grp, statistic"
        con = self._connect(read_only=True)
        try:
            cursor = con.execute(sql, args)
            names = [d[0] for d in cursor.description]
            out = []
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
                if granularity is not None and period_granularity(row["period"]) != granularity:
                    continue
                for column in ("status_inputs", "evidence", "provenance"):
                    row[column] = json.loads(row[column])
                out.append(row)
            return out
        finally:
            con.close()

    def suppressions(self) -> list[dict[str, Any]]:
        """Every recorded suppression with its reason."""
        con = self._connect(read_only=True)
        try:
            cursor = con.execute("SELECT * FROM suppressions ORDER BY measure, period, grp")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, v, strict=True)) for v in cursor.fetchall()]
        finally:
            con.close()

    def runs(self) -> list[Run]:
        con = self._connect(read_only=True)
        try:
            return [
                Run(*r) for r in con.execute("SELECT * FROM runs ORDER BY started_at").fetchall()
            ]
        finally:
            con.close()


def period_granularity(label: str) -> str:
    """``2023-24`` -> year, ``2023-24 Q1`` -> quarter, ``2023-04`` -> month.

    A label such as ``2011-12`` could be either a year or a month; it is read as a year.
    """
    if " Q" in label:
        return "quarter"
    start, end = int(label[:4]), int(label[5:7])
    return "year" if end == (start + 1) % 100 else "month"


def _key(r: ResultRow) -> tuple[str, str, str, str, str]:
    return (r.measure, r.period, r.breakdown, r.group, r.statistic)


def _record(r: ResultRow, run_id: str) -> tuple[Any, ...]:
    return (
        *_key(r),
        r.value,
        r.unit,
        r.base,
        r.effective_base,
        r.ci_low,
        r.ci_high,
        r.symbol,
        r.note,
        json.dumps(r.status_inputs, sort_keys=True, default=str),
        json.dumps(r.evidence, sort_keys=True, default=str),
        json.dumps(r.provenance, sort_keys=True, default=str),
        r.synthetic,
        run_id,
    )

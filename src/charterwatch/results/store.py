"""The results store: an embedded DuckDB file holding every figure and how it was made.

Publishing reads only from here. A write replaces the rows of the measures and years it
covers on a copy of the file that then replaces the store in one rename (see
:mod:`charterwatch.results.storefile`), so a failed run leaves the previous good store
byte-identical. The schema is versioned (``SCHEMA_VERSION``); see ``docs/results.md`` for the
columns and the rules for changing them. A damaged, busy or unwritable store raises a
:class:`charterwatch.failures.OperationalError` (``docs/troubleshooting.md``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from charterwatch import __version__
from charterwatch.arrow_values import arrow_table
from charterwatch.failures import StoreVersionError
from charterwatch.measures.rows import ResultRow
from charterwatch.results.codec import (
    decode_assessment,
    decode_inputs,
    decode_shortfalls,
    decode_standard,
    dumps,
    encode_assessment,
    encode_inputs,
    encode_shortfalls,
    encode_standard,
)
from charterwatch.results.figure import ALL, Comparison, Figure, TestInputs, period_of
from charterwatch.results.order import figure_order
from charterwatch.results.storefile import check_path, damaged, reading, replacing

SCHEMA_VERSION = 2

COLUMNS: list[tuple[str, str]] = [
    ("measure", "VARCHAR NOT NULL"),
    ("period", "VARCHAR NOT NULL"),
    ("granularity", "VARCHAR NOT NULL"),
    ("breakdown", "VARCHAR NOT NULL"),
    ("grp", "VARCHAR NOT NULL"),
    ("statistic", "VARCHAR NOT NULL"),
    ("value", "DOUBLE"),
    ("unit", "VARCHAR NOT NULL"),
    ("base", "BIGINT"),
    ("ci_low", "DOUBLE"),
    ("ci_high", "DOUBLE"),
    ("symbol", "VARCHAR NOT NULL"),
    ("note", "VARCHAR NOT NULL"),
    ("comparison", "VARCHAR NOT NULL"),
    ("assessment", "VARCHAR NOT NULL"),
    ("standard", "VARCHAR NOT NULL"),
    ("shortfalls", "VARCHAR NOT NULL"),
    ("evidence", "VARCHAR NOT NULL"),
    ("provenance", "VARCHAR NOT NULL"),
    ("synthetic", "BOOLEAN NOT NULL"),
    ("test_inputs", "VARCHAR NOT NULL"),
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
KEYS = pa.schema([("m", pa.string()), ("p", pa.string())])
SERIES = pa.schema([("m", pa.string())])
AUDIT = pa.schema(
    [(n, pa.string()) for n in ("measure", "period", "breakdown", "grp", "statistic", "reason")]
    + [("run_id", pa.string())]
)
TABLES = ("results", "runs", "suppressions", "meta")

__all__ = ["ResultsStore", "Run", "StoreVersionError"]


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
    """Reads and writes the results DuckDB file at ``path`` (its name must end ``.duckdb``).

    Raises :class:`charterwatch.failures.StorePathError` for any other name.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        check_path(self.path)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to a checked store; raises FileNotFoundError if none."""
        if not self.path.exists():
            raise FileNotFoundError(
                f"no results store at {self.path}; run 'charterwatch compute' first"
            )
        with reading(self.path) as con:
            if not self._check_version(con):
                raise damaged(self.path, "it has no results table")
            yield con

    def check(self) -> None:
        """Fail now, before a long compute, if the existing store could not be written.

        Raises an operational error when the store is damaged, of another schema version,
        or open in another program; a missing store is fine (the write creates it).
        """
        if self.path.exists():
            with reading(self.path) as con:
                self._check_version(con)

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Whether the store has results; refuse another schema version or foreign tables."""
        found_tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        tables = {str(r[0]) for r in found_tables}
        if "results" not in tables:
            if tables - set(TABLES):
                raise damaged(
                    self.path,
                    f"it holds other tables ({', '.join(sorted(tables))}) and no results, "
                    "so it is not a charterwatch results store",
                )
            return False
        found = None
        if "meta" in tables:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = None if row is None else str(row[0])
        if found != str(SCHEMA_VERSION):
            raise StoreVersionError(
                f"the results store {self.path} has schema version {found or 'unknown'}, but "
                f"this charterwatch reads version {SCHEMA_VERSION}",
                f"results are derived data: delete {self.path} and run 'charterwatch compute' "
                "again to rebuild it",
            )
        return True

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
        figures: Sequence[Figure],
        *,
        engine: str,
        years: Sequence[str],
        inputs: Mapping[tuple[str, str, str, str, str], TestInputs] | None = None,
        suppressions: Iterable[tuple[ResultRow, str]] = (),
        whole_series: Sequence[str] = (),
    ) -> Run:
        """Replace the stored figures of the (measure, period) pairs in ``figures``, atomically.

        ``whole_series`` names measures computed for every year the data has: their stored
        financial years are replaced whole, so a year the data no longer reaches (records
        removed, or a ``last_year`` declared) does not linger beside the new ones.

        ``inputs`` are the unrounded test inputs, kept for the results layer only. Raises a
        :class:`charterwatch.failures.OperationalError` (store damaged, open elsewhere, disk
        full, folder not writable) with the previous store left byte-identical.
        """
        started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        run = Run(
            run_id=f"run-{started}-{uuid.uuid4().hex[:8]}",  # unique even within a second
            started_at=started,
            engine=engine,
            years=",".join(years),
            code_version=__version__,
            rows=len(figures),
        )
        covered = sorted({(f.measure, f.label) for f in figures})
        given = inputs or {}
        with replacing(self.path) as con:
            self._check_version(con)
            self._ensure_schema(con)
            keys = arrow_table({"m": [c[0] for c in covered], "p": [c[1] for c in covered]}, KEYS)
            con.register("cw_keys", keys)
            for table in ("results", "suppressions"):
                con.execute(
                    f"DELETE FROM {table} WHERE (measure, period) IN (SELECT m, p FROM cw_keys)"
                )
            con.unregister("cw_keys")
            if whole_series:
                series = arrow_table({"m": sorted(set(whole_series))}, SERIES)
                con.register("cw_series", series)
                con.execute(
                    "CREATE TEMP TABLE cw_stale AS SELECT DISTINCT measure, period FROM results "
                    "WHERE granularity = 'year' AND measure IN (SELECT m FROM cw_series)"
                )
                for table in ("results", "suppressions"):
                    con.execute(
                        f"DELETE FROM {table} WHERE (measure, period) IN "
                        "(SELECT measure, period FROM cw_stale)"
                    )
                con.execute("DROP TABLE cw_stale")
                con.unregister("cw_series")
            records = _records(figures, given, run.run_id)
            batch = arrow_table(
                {name: [rec[i] for rec in records] for i, (name, _) in enumerate(COLUMNS)},
                ARROW_SCHEMA,
            )
            con.register("cw_batch", batch)
            con.execute("INSERT INTO results SELECT * FROM cw_batch")
            con.unregister("cw_batch")
            audit = [(*r.key, reason, run.run_id) for r, reason in suppressions]
            if audit:  # one Arrow batch: executemany took 14 s for 10,000 suppressions
                names = ("measure", "period", "breakdown", "grp", "statistic", "reason", "run_id")
                columns = {n: [str(a[i]) for a in audit] for i, n in enumerate(names)}
                con.register("cw_audit", arrow_table(columns, AUDIT))
                con.execute("INSERT INTO suppressions SELECT * FROM cw_audit")
                con.unregister("cw_audit")
            con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)",
                [run.run_id, run.started_at, run.engine, run.years, run.code_version, run.rows],
            )
        return run

    def _select(
        self,
        columns: str,
        filters: Mapping[str, str | Sequence[str] | None],
        granularity: str | None,
    ) -> list[tuple[Any, ...]]:
        """Stored rows in figure order; a filter's value is one value or a list of them
        (``IN``), and None leaves the column unfiltered."""
        where: list[str] = []
        args: list[str] = []
        for column, value in filters.items():
            if isinstance(value, str):
                where.append(f"{column} = ?")
                args.append(value)
            elif value is not None:
                where.append(f"{column} IN ({', '.join('?' for _ in value)})")
                args.extend(value)
        if granularity is not None:
            where.append("granularity = ?")
            args.append(granularity)
        sql = f"SELECT {columns} FROM results"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY measure, period, breakdown, grp, statistic"
        with self._reading() as con:
            return con.execute(sql, args).fetchall()

    def query(
        self,
        *,
        measure: str | None = None,
        period: str | None = None,
        breakdown: str | None = None,
        statistic: str | None = None,
        granularity: str | None = "year",
    ) -> list[Figure]:
        """Stored figures, ordered by measure, period, breakdown, group and statistic (groups
        and statistics in natural order: :func:`charterwatch.results.order.figure_order`).

        ``granularity`` keeps financial years (the default), ``quarter`` or ``month``
        figures only; None returns every figure.
        """
        names = [name for name, _ in COLUMNS if name not in ("test_inputs", "run_id")]
        filters = {
            "measure": measure,
            "period": period,
            "breakdown": breakdown,
            "statistic": statistic,
        }
        rows = self._select(", ".join(names), filters, granularity)
        figures = [_figure(dict(zip(names, values, strict=True))) for values in rows]
        return sorted(figures, key=figure_order)

    def test_inputs(
        self, measure: str, breakdown: str = ALL, statistic: str = "value"
    ) -> dict[str, TestInputs]:
        """The unrounded test inputs of one measure's yearly figures, by period label.

        For the results layer only (tests of change); never published.
        """
        return self.test_inputs_of([measure], breakdown, statistic)[measure]

    def test_inputs_of(
        self, measures: Iterable[str], breakdown: str = ALL, statistic: str = "value"
    ) -> dict[str, dict[str, TestInputs]]:
        """:meth:`test_inputs` of several measures (each one present, if only with none),
        read in one connection: a build read them measure by measure, opening the store
        each time (18 times for the example's actions, 0.45 s before the report could start)."""
        wanted = sorted(set(measures))
        out: dict[str, dict[str, TestInputs]] = {m: {} for m in wanted}
        if not wanted:
            return out
        filters = {"measure": wanted, "breakdown": breakdown, "grp": ALL, "statistic": statistic}
        for measure, period, text in self._select("measure, period, test_inputs", filters, "year"):
            out[str(measure)][str(period)] = decode_inputs(text)
        return out

    def suppressions(self) -> list[dict[str, Any]]:
        """Every recorded suppression with its reason."""
        with self._reading() as con:
            cursor = con.execute("SELECT * FROM suppressions ORDER BY measure, period, grp")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, v, strict=True)) for v in cursor.fetchall()]

    def runs(self) -> list[Run]:
        with self._reading() as con:
            return [
                Run(*r) for r in con.execute("SELECT * FROM runs ORDER BY started_at").fetchall()
            ]


def _records(
    figures: Sequence[Figure], inputs: Mapping[Any, TestInputs], run_id: str
) -> list[tuple[Any, ...]]:
    """The stored rows of ``figures``. A measure's figures share one provenance (the same
    mapping: its sources' files and hashes), so each is written out as JSON once."""
    provenance: dict[int, str] = {}
    out = []
    for f in figures:
        written = provenance.get(id(f.provenance))
        if written is None:
            written = provenance[id(f.provenance)] = dumps(dict(f.provenance))
        out.append(_record(f, inputs.get(f.key), run_id, written))
    return out


def _record(f: Figure, inputs: TestInputs | None, run_id: str, provenance: str) -> tuple[Any, ...]:
    return (
        f.measure,
        f.label,
        f.granularity.value,
        f.breakdown,
        f.group,
        f.statistic,
        f.value,
        f.unit,
        f.base,
        f.ci_low,
        f.ci_high,
        f.symbol,
        f.note,
        f.comparison.value,
        encode_assessment(f.assessment),
        encode_standard(f.standard),
        encode_shortfalls(f.shortfalls),
        dumps(list(f.evidence)),
        provenance,
        f.synthetic,
        encode_inputs(inputs),
        run_id,
    )


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(
        measure=row["measure"],
        period=period_of(row["period"], row["granularity"]),
        statistic=row["statistic"],
        value=row["value"],
        unit=row["unit"],
        breakdown=row["breakdown"],
        group=row["grp"],
        base=row["base"],
        ci_low=row["ci_low"],
        ci_high=row["ci_high"],
        symbol=row["symbol"],
        note=row["note"],
        comparison=Comparison(row["comparison"]),
        assessment=decode_assessment(row["assessment"]),
        standard=decode_standard(row["standard"]),
        shortfalls=decode_shortfalls(row["shortfalls"]),
        evidence=tuple(json.loads(row["evidence"])),
        provenance=json.loads(row["provenance"]),
        synthetic=bool(row["synthetic"]),
    )

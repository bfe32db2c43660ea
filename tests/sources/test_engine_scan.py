"""The engine scan (DuckDB reads CSV and Parquet in place, SQL checks them) gives exactly what
the per-cell path gives, and does no per-row Python work on a clean file.

Every clean file of the fast-path corpus and every cell or row problem of the invalid corpus
must be decided by the scan itself (not declined to the per-cell path), with the same table,
warnings, issues and provenance as :func:`per_cell_only`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources import SourceLoad, read_table
from charterwatch.sources import load as load_module
from charterwatch.sources import validate as validate_module
from charterwatch.sources.cells import FieldCheck
from charterwatch.sources.fast import per_cell_only
from charterwatch.sources.scan import scan as scan_module
from charterwatch.sources.scan import scan_file
from charterwatch.sources.scan.facts import file_facts
from charterwatch.sources.shapes import resolve_schema
from charterwatch.sources.window import DateWindow
from tests.sources.fast_files import GOOD, records
from tests.sources.fixtures import typed_table, write_parquet
from tests.sources.invalid_cases import CASES, Case

NOW = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)
WINDOW = DateWindow(dt.date(2015, 1, 1), dt.date(2035, 12, 31))


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def scanned(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    schema: SourceSchemaFile,
    dates: DateWindow | None = None,
) -> SourceLoad:
    """The scan's result as a SourceLoad; fails the test when the scan declines."""
    reader = "parquet" if path.suffix == ".parquet" else "csv"
    result = scan_file(
        con, path, path.name, reader, schema, "t", source_id="s", now=NOW, dates=dates
    )
    assert result is not None, "the engine scan declined"
    if result.table is None:
        return SourceLoad("s", path.name, result.issues)
    table = con.sql(f'SELECT * FROM "{result.table}"').to_arrow_table().combine_chunks()
    return SourceLoad("s", path.name, result.issues, table, result.provenance)


def per_cell(path: Path, schema: SourceSchemaFile, dates: DateWindow | None = None) -> SourceLoad:
    with per_cell_only():
        return read_table(path, schema, root=path.parent, source_id="s", now=NOW, dates=dates)


def assert_same(engine: SourceLoad, cells: SourceLoad) -> None:
    assert engine.issues.items == cells.issues.items
    assert engine.provenance == cells.provenance
    if cells.table is None:
        assert engine.table is None
        return
    assert engine.table is not None
    assert engine.table.schema.equals(cells.table.schema, check_metadata=True)
    assert engine.table.equals(cells.table), (engine.table.to_pylist(), cells.table.to_pylist())


DECLINED = {
    "extra_columns_warned": "columns whose names differ only in case ('sex', 'Sex'): SQL "
    "names are case-insensitive, so the per-cell reader keeps both",
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_clean_file_is_scanned_and_equals_the_per_cell_path(
    name: str, tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    data, schema = GOOD[name]
    path = tmp_path / "good.csv"
    path.write_bytes(data)
    facts = file_facts(path, as_csv=True)
    if not facts.csv_safe or name in DECLINED:
        # a file DuckDB and Python may split differently, or one the scan cannot be sure
        # of: the scan must decline it (creating nothing), so the per-cell reader decides
        declined = scan_file(con, path, path.name, "csv", schema, "t", source_id="s", now=NOW)
        assert declined is None, "the scan took a file it must leave to the per-cell reader"
        assert not con.sql("SELECT * FROM duckdb_tables() WHERE table_name = 't'").fetchall()
        assert per_cell(path, schema, WINDOW).table is not None
        return
    assert_same(scanned(con, path, schema, WINDOW), per_cell(path, schema, WINDOW))


DECIDED: list[str] = []
"""The invalid cases the scan decided itself (filled as the cases run)."""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_invalid_case_gives_the_per_cell_issues(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes: list[object] = []
    original = scan_module.scan_file

    def spied(*args: object, **kwargs: object) -> object:
        result = original(*args, **kwargs)  # type: ignore[arg-type]
        outcomes.append(result)
        return result

    monkeypatch.setattr(load_module, "scan_file", spied)
    for folder in ("engine", "cells"):
        (tmp_path / folder).mkdir()
    engine = case.load(tmp_path / "engine")
    with per_cell_only():
        cells = case.load(tmp_path / "cells")
    shown = [repr(i).replace(str(tmp_path / "engine"), "FOLDER") for i in engine.issues]
    assert shown == [repr(i).replace(str(tmp_path / "cells"), "FOLDER") for i in cells.issues]
    assert engine.table is None and cells.table is None
    if any(o is not None for o in outcomes):
        DECIDED.append(case.name)


def test_the_scan_itself_decides_the_cell_and_row_problems() -> None:
    """Run after the cases above: most broken inputs are cell or row problems, and the scan
    words them through the per-cell path on the offending rows, not by declining."""
    if len(DECIDED) == 0:
        pytest.skip("run with the invalid cases")
    assert len(DECIDED) >= 30, DECIDED
    for name in ("invalid_duplicate_id", "invalid_open_ended_marker", "invalid_datetime"):
        assert name in DECIDED


def test_unusual_but_valid_forms_are_decided_once_per_distinct_text(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    schema = records(
        {"name": "id", "type": "integer", "unique": True},
        {"name": "day", "type": "date"},
        {"name": "at", "type": "datetime", "required": False},
        {"name": "ok", "type": "boolean"},
        {"name": "note", "type": "string", "required": False},
    )
    rows = [
        "007,03/04/2023,2023-04-03T10:00:00+01:00,Yes,#hashtag",
        "8,2023-4-5,3/4/2023 9:05,no,-5",
        "9.00,2023-04-06 00:00,,TRUE,- see notes",
        "+10,2023-04-07,2023-04-07 10:00:00.123,0,",
    ]
    path = tmp_path / "unusual.csv"
    path.write_text("id,day,at,ok,note\n" + "\n".join(rows) + "\n", "utf-8")
    engine = scanned(con, path, schema, WINDOW)
    assert engine.ok
    assert_same(engine, per_cell(path, schema, WINDOW))


def test_a_typed_parquet_file_is_checked_natively(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    path = write_parquet(tmp_path / "applications.parquet")
    schema = resolve_schema(SourceSchemaFile(shape="applications"))
    assert_same(scanned(con, path, schema, WINDOW), per_cell(path, schema, WINDOW))
    early = typed_table().set_column(2, "received_date", pa.array([dt.date(2010, 1, 1)] * 5))
    bad = write_parquet(tmp_path / "early.parquet", early)
    engine = scanned(con, bad, schema, WINDOW)
    assert not engine.ok and {i.code for i in engine.issues.errors} == {"CW-S042"}
    assert_same(engine, per_cell(bad, schema, WINDOW))


def test_a_clean_parquet_file_is_read_where_it_lies(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    """No copy: the typed table is a view over the file, with the per-cell path's values; a
    repeated key or dates out of order found through the view still refuse the file."""
    path = write_parquet(tmp_path / "applications.parquet")
    schema = resolve_schema(SourceSchemaFile(shape="applications"))
    result = scan_file(con, path, path.name, "parquet", schema, "t", source_id="s", dates=WINDOW)
    assert result is not None and result.ok
    kinds = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 't'")
    assert kinds.fetchall() == [("VIEW",)]
    assert result.provenance is not None and result.provenance.rows == typed_table().num_rows
    assert_same(scanned(con, path, schema, WINDOW), per_cell(path, schema, WINDOW))
    scan_module.drop_scanned(con, "t")
    assert (
        con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 't'").fetchall()[0][0]
        == 0
    )
    table = typed_table()
    repeated = table.set_column(0, "case_id", pa.array([table.column(0)[0].as_py()] * 5))
    twice = write_parquet(tmp_path / "twice.parquet", repeated)
    engine = scanned(con, twice, schema, WINDOW)
    assert not engine.ok and engine.table is None
    assert_same(engine, per_cell(twice, schema, WINDOW))
    backwards = table.set_column(2, "received_date", pa.array([dt.date(2035, 1, 1)] * 5))
    late = write_parquet(tmp_path / "late.parquet", backwards)
    assert not scanned(con, late, schema, WINDOW).ok


ROWS = 1_000_000


def _big_calls(path: Path, bad_rows: tuple[int, ...] = (), rows: int = ROWS) -> None:
    """A calls extract of ``ROWS`` clean rows written by DuckDB (rows in ``bad_rows``, counted
    from 0, get a negative wait)."""
    bad = ", ".join(str(r) for r in bad_rows) or "-1"
    duckdb.sql(
        f"""COPY (SELECT 'C' || range AS call_id,
                       DATE '2022-04-01' + CAST(range % 700 AS INTEGER) AS date,
                       CASE range % 3 WHEN 0 THEN 'general' ELSE 'adp' END AS queue,
                       CASE WHEN range IN ({bad}) THEN -5 ELSE range % 900 END AS wait_seconds,
                       range % 7 = 0 AS abandoned
                FROM range({rows}) ORDER BY range)
            TO '{path}' (HEADER, DELIMITER ',')"""
    )


def test_a_million_clean_rows_load_without_any_per_row_python_work(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calls.csv"
    _big_calls(path)
    cells: list[str] = []
    original = FieldCheck.check

    def counted(self: FieldCheck, text: str) -> object:
        cells.append(text)
        return original(self, text)

    monkeypatch.setattr(FieldCheck, "check", counted)
    monkeypatch.setattr(validate_module, "check_table", _forbidden)
    monkeypatch.setattr(scan_module, "check_table", _forbidden)
    schema = resolve_schema(SourceSchemaFile(shape="calls"))
    result = scan_file(con, path, "calls.csv", "csv", schema, "calls", dates=WINDOW)
    assert result is not None and result.ok, result
    assert cells == [], "the per-cell check ran on a clean file"
    assert result.provenance is not None and result.provenance.rows == ROWS
    assert con.execute("SELECT count(*), sum(wait_seconds) FROM calls").fetchall() == [
        (ROWS, sum(r % 900 for r in range(ROWS)))
    ]


def test_only_the_offending_rows_reach_the_per_cell_path(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calls.csv"
    _big_calls(path, bad_rows=(17, 150_000), rows=200_000)
    seen: list[list[int]] = []
    original = scan_module.check_table

    def spied(raw, schema, collector, dates=None):  # type: ignore[no-untyped-def]
        seen.append(list(raw.row_numbers))
        return original(raw, schema, collector, dates)

    monkeypatch.setattr(scan_module, "check_table", spied)
    schema = resolve_schema(SourceSchemaFile(shape="calls"))
    result = scan_file(con, path, "calls.csv", "csv", schema, "calls", dates=WINDOW)
    assert result is not None and not result.ok
    assert seen == [[19, 150_002]]
    assert [(i.code, i.row, i.column) for i in result.issues.errors] == [
        ("CW-S037", 19, "wait_seconds"),
        ("CW-S037", 150_002, "wait_seconds"),
    ]
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(0,)]


def _forbidden(*args: object, **kwargs: object) -> None:
    raise AssertionError("the per-cell path ran on a clean file")

"""Every reader yields the one canonical applications table from the same five records."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from charterwatch.sources import READERS, SourceLoad, read_sql_table, read_table
from tests.sources.fixtures import (
    APPLICATIONS,
    HEADER,
    POSTGRES_URL,
    ROWS,
    drop_postgres,
    expected_table,
    typed_table,
    write_csv,
    write_duckdb,
    write_ods,
    write_parquet,
    write_postgres,
    write_xlsx,
)


def _assert_canonical(result: SourceLoad) -> None:
    assert result.ok, "\n".join(i.render() for i in result.issues)
    assert result.table is not None
    assert result.table.schema == expected_table().schema
    assert result.table.equals(expected_table()), result.table.to_pylist()
    assert not result.issues.errors and not result.issues.warnings


FILE_WRITERS: dict[str, Callable[[Path], Path]] = {
    "csv": lambda d: write_csv(d / "applications.csv"),
    "csv_bom": lambda d: write_csv(d / "applications.csv", bom=True),
    "xlsx": lambda d: write_xlsx(d / "applications.xlsx"),
    "ods": lambda d: write_ods(d / "applications.ods"),
    "parquet": lambda d: write_parquet(d / "applications.parquet"),
    "parquet_text_dates": lambda d: write_parquet(
        d / "applications.parquet",
        pa.table(
            {
                n: [None if v is None else str(v) for v in col]
                for n, col in zip(HEADER, zip(*ROWS, strict=True), strict=True)
            }
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(FILE_WRITERS))
def test_every_file_format_gives_the_canonical_table(name: str, tmp_path: Path) -> None:
    path = FILE_WRITERS[name](tmp_path)
    _assert_canonical(read_table(path, APPLICATIONS))


def test_every_registered_reader_has_a_contract_case() -> None:
    covered = {n.split("_")[0] for n in FILE_WRITERS}
    assert {r.name for r in READERS.values()} <= covered


def test_duckdb_table_through_ibis_gives_the_canonical_table(tmp_path: Path) -> None:
    path = write_duckdb(tmp_path / "cases.ddb", table=typed_table(HEADER, list(reversed(ROWS))))
    _assert_canonical(read_sql_table(f"duckdb://{path}", "applications", APPLICATIONS))


def test_duckdb_relative_url_reads_from_base_and_opens_read_only(tmp_path: Path) -> None:
    path = write_duckdb(tmp_path / "cases.ddb")
    before = path.read_bytes()
    _assert_canonical(
        read_sql_table("duckdb://cases.ddb", "applications", APPLICATIONS, base=tmp_path)
    )
    assert path.read_bytes() == before


def test_an_ibis_backend_object_is_accepted(tmp_path: Path) -> None:
    import ibis

    path = write_duckdb(tmp_path / "cases.ddb")
    con = ibis.duckdb.connect(str(path), read_only=True)
    try:
        _assert_canonical(read_sql_table(con, "applications", APPLICATIONS))
        assert con.table("applications").count().execute() == 5  # still open: not ours
    finally:
        con.disconnect()


@pytest.fixture
def postgres_table() -> Iterator[str]:
    name = f"cw_applications_{uuid.uuid4().hex[:8]}"
    write_postgres(name)  # fails (not skips) when the server is unreachable
    yield name
    drop_postgres(name)


@pytest.mark.postgres
def test_postgres_table_through_ibis_gives_the_canonical_table(postgres_table: str) -> None:
    _assert_canonical(read_sql_table(POSTGRES_URL, postgres_table, APPLICATIONS))


@pytest.mark.postgres
def test_postgres_server_is_reachable_through_ibis() -> None:
    result = read_sql_table(POSTGRES_URL, "cw_no_such_table", APPLICATIONS)
    assert [i.code for i in result.issues] == ["CW-S012"], [i.render() for i in result.issues]

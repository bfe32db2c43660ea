"""Checked sources kept between runs (:mod:`charterwatch.sources.scan.kept`): an unchanged
file is not checked again and loads exactly as its scan did; any change to the file, its
schema or its window, or a damaged entry, means it is checked again; a failing file is
never kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources import SourceLoad
from charterwatch.sources.scan import drop_scanned, scan_file
from charterwatch.sources.scan import scan as scan_module
from charterwatch.sources.scan.facts import file_facts
from charterwatch.sources.scan.kept import KeptSources
from charterwatch.sources.window import DateWindow
from tests.sources.fast_files import GOOD, apps
from tests.sources.fixtures import APPLICATIONS, HEADER, ROWS, typed_table, write_parquet
from tests.sources.test_engine_scan import DECLINED

NOW = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)
WINDOW = DateWindow(dt.date(2015, 1, 1), dt.date(2035, 12, 31))


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture
def kept(tmp_path: Path) -> KeptSources:
    return KeptSources(tmp_path / "kept")


def load(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    schema: SourceSchemaFile,
    kept: KeptSources,
    dates: DateWindow | None = WINDOW,
) -> SourceLoad:
    reader = "parquet" if path.suffix == ".parquet" else "csv"
    result = scan_file(
        con, path, path.name, reader, schema, "t", source_id="s", now=NOW, dates=dates, kept=kept
    )
    assert result is not None, "the engine scan declined"
    if result.table is None:
        return SourceLoad("s", path.name, result.issues)
    table = con.sql(f'SELECT * FROM "{result.table}"').to_arrow_table().combine_chunks()
    drop_scanned(con, result.table)
    return SourceLoad("s", path.name, result.issues, table, result.provenance)


def _refuse(*_: object) -> None:
    raise AssertionError("the file was checked again")


def same(first: SourceLoad, second: SourceLoad) -> None:
    assert second.issues.items == first.issues.items
    assert second.provenance == first.provenance
    assert first.table is not None and second.table is not None
    assert second.table.schema.equals(first.table.schema)
    assert second.table.equals(first.table)


def scanned_by_the_engine(name: str) -> bool:
    """Whether the engine scan takes this good file (some it leaves to the per-cell path)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "good.csv"
        path.write_bytes(GOOD[name][0])
        return file_facts(path, as_csv=True).csv_safe and name not in DECLINED


@pytest.mark.parametrize("name", [n for n in sorted(GOOD) if scanned_by_the_engine(n)])
def test_an_unchanged_file_loads_as_its_scan_did_without_checking(
    name: str,
    con: duckdb.DuckDBPyConnection,
    kept: KeptSources,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, schema = GOOD[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(content)
    first = load(con, path, schema, kept)
    assert first.ok, first.issues.summary()
    monkeypatch.setattr(scan_module._Scan, "run", _refuse)
    same(first, load(con, path, schema, kept))


def test_a_parquet_source_keeps_no_copy_and_reads_its_file(
    con: duckdb.DuckDBPyConnection,
    kept: KeptSources,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_parquet(tmp_path / "apps.parquet")
    first = load(con, path, APPLICATIONS, kept)
    assert first.ok, first.issues.summary()
    monkeypatch.setattr(scan_module._Scan, "run", _refuse)
    same(first, load(con, path, APPLICATIONS, kept))
    assert not list(kept.folder.glob("*.parquet")) and len(list(kept.folder.glob("*.json"))) == 1


def test_warnings_come_back_from_what_was_kept(
    con: duckdb.DuckDBPyConnection,
    kept: KeptSources,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "extra.csv"
    path.write_bytes(apps([[*r, "x"] for r in ROWS], [*HEADER, "region"]))
    first = load(con, path, APPLICATIONS, kept)
    assert first.ok and first.issues.warnings, "an unknown column is a warning"
    monkeypatch.setattr(scan_module._Scan, "run", _refuse)
    same(first, load(con, path, APPLICATIONS, kept))


def test_a_changed_file_is_checked_again_and_replaces_the_entry(
    con: duckdb.DuckDBPyConnection, kept: KeptSources, tmp_path: Path
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(apps())
    assert load(con, path, APPLICATIONS, kept).ok
    before = sorted(p.name for p in kept.folder.iterdir())
    path.write_bytes(apps(ROWS[:-1]))
    again = load(con, path, APPLICATIONS, kept)
    assert again.ok and again.table is not None and again.table.num_rows == len(ROWS) - 1
    after = sorted(p.name for p in kept.folder.iterdir())
    assert len(after) == 2 and not set(after) & set(before)


def test_a_file_that_now_fails_gives_its_errors_and_is_not_kept(
    con: duckdb.DuckDBPyConnection, kept: KeptSources, tmp_path: Path
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(apps())
    assert load(con, path, APPLICATIONS, kept).ok
    entries = sorted(kept.folder.iterdir())
    path.write_bytes(apps().replace(b"2023-04-03", b"2023-04-31", 1))
    failed = load(con, path, APPLICATIONS, kept)
    assert not failed.ok and any(i.code == "CW-S034" for i in failed.issues.errors)
    assert sorted(kept.folder.iterdir()) == entries


def test_a_tighter_schema_or_window_checks_the_file_again(
    con: duckdb.DuckDBPyConnection, kept: KeptSources, tmp_path: Path
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(apps())
    assert load(con, path, APPLICATIONS, kept).ok
    narrow = DateWindow(dt.date(2015, 1, 1), dt.date(2035, 12, 31), dt.date(2030, 1, 1))
    failed = load(con, path, APPLICATIONS, kept, dates=narrow)
    assert any(i.code == "CW-S043" for i in failed.issues.errors)
    fields = [
        {**f.model_dump(), "enum": ["by post"]} if f.name == "channel" else f.model_dump()
        for f in APPLICATIONS.fields
    ]
    strict = APPLICATIONS.model_copy(
        update={
            "fields": SourceSchemaFile.model_validate({"shape": "records", "fields": fields}).fields
        }
    )
    refused = load(con, path, strict, kept)
    assert any(i.code == "CW-S036" for i in refused.issues.errors)


@pytest.mark.parametrize("damage", ["truncated", "deleted", "meta garbled"])
def test_a_damaged_entry_means_the_file_is_checked_again(
    damage: str, con: duckdb.DuckDBPyConnection, kept: KeptSources, tmp_path: Path
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(apps())
    first = load(con, path, APPLICATIONS, kept)
    (data,) = kept.folder.glob("*.parquet")
    (meta,) = kept.folder.glob("*.json")
    if damage == "truncated":
        data.write_bytes(data.read_bytes()[:100])
    elif damage == "deleted":
        data.unlink()
    else:
        meta.write_text("{not json")
    same(first, load(con, path, APPLICATIONS, kept))


def test_a_kept_copy_is_no_more_readable_than_its_extract_and_never_committed(
    con: duckdb.DuckDBPyConnection, kept: KeptSources, tmp_path: Path
) -> None:
    path = tmp_path / "apps.csv"
    path.write_bytes(apps())
    path.chmod(0o640)
    assert load(con, path, APPLICATIONS, kept).ok
    (data,) = kept.folder.glob("*.parquet")
    assert data.stat().st_mode & 0o777 == 0o640
    ignore = (kept.folder.parent / ".gitignore").read_text(encoding="utf-8")
    assert ignore.splitlines()[-1] == "*"


@pytest.mark.parametrize(("padded", "blank"), [(False, False), (True, False), (False, True)])
def test_a_parquet_view_leaves_out_only_what_its_file_does_not_need(
    padded: bool,
    blank: bool,
    con: duckdb.DuckDBPyConnection,
    kept: KeptSources,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The checking pass finds the text columns no cell of which trimming changes and whether
    the file has blank rows; the view then skips those trims and that filter (the costliest
    steps of reading it), and a kept scan remembers both. A padded id is still trimmed and
    a blank row still left out, first time and from the kept scan."""
    rows = [list(r) for r in ROWS]
    if padded:
        rows[1][0] = "  A-0002 "
    if blank:
        rows.append([None] * len(HEADER))
    path = write_parquet(tmp_path / "apps.parquet", typed_table(HEADER, rows))
    first = load(con, path, APPLICATIONS, kept)
    assert first.ok and first.table is not None, first.issues.summary()
    assert first.table.column("case_id").to_pylist() == [r[0] for r in ROWS]
    (meta,) = kept.folder.glob("*.json")
    blank_rows, untrimmed = json.loads(meta.read_text(encoding="utf-8"))["view"]
    assert blank_rows == int(blank)
    assert (HEADER.index("case_id") in untrimmed) is not padded
    monkeypatch.setattr(scan_module._Scan, "run", _refuse)
    same(first, load(con, path, APPLICATIONS, kept))

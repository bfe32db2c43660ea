"""Provenance of a good load: file, SHA-256 of the bytes, rows, UTC load time, reader, shape."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from charterwatch.sources import load_narrative, read_sql_table, read_table
from tests.sources.fixtures import APPLICATIONS, write_csv, write_duckdb, write_xlsx

NOW = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)


def test_provenance_of_a_csv(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    path = write_csv(tmp_path / "data" / "applications.csv")
    result = read_table(path, APPLICATIONS, root=tmp_path, source_id="apps", now=NOW)
    assert result.provenance is not None
    assert result.provenance.as_dict() == {
        "source": "apps",
        "file": "data/applications.csv",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "rows": 5,
        "loaded_at": "2024-06-01T09:30:00+00:00",
        "reader": "csv",
        "shape": "applications",
    }


def test_load_time_is_utc_iso_by_default(tmp_path: Path) -> None:
    result = read_table(write_csv(tmp_path / "a.csv"), APPLICATIONS)
    assert result.provenance is not None
    stamp = dt.datetime.fromisoformat(result.provenance.loaded_at)
    assert stamp.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.UTC) - stamp) < dt.timedelta(minutes=1)


def test_hash_is_stable_across_reads_and_changes_with_one_byte(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx")
    first = read_table(path, APPLICATIONS).provenance
    second = read_table(path, APPLICATIONS).provenance
    assert first is not None and second is not None
    assert first.sha256 == second.sha256
    csv_path = write_csv(tmp_path / "a.csv")
    before = read_table(csv_path, APPLICATIONS).provenance
    data = bytearray(csv_path.read_bytes())
    data[data.index(b"A-0005") + 5] = ord("6")  # A-0005 -> A-0006: still valid
    csv_path.write_bytes(bytes(data))
    after = read_table(csv_path, APPLICATIONS).provenance
    assert before is not None and after is not None
    assert before.sha256 != after.sha256
    assert after.rows == before.rows == 5


def test_database_hash_is_of_the_rows_and_stable(tmp_path: Path) -> None:
    path = write_duckdb(tmp_path / "cases.ddb")
    url = f"duckdb://{path}"
    first = read_sql_table(url, "applications", APPLICATIONS).provenance
    second = read_sql_table(url, "applications", APPLICATIONS).provenance
    assert first is not None and second is not None
    assert first.sha256 == second.sha256
    assert first.reader == "sql" and first.file == f"{url}#applications"


def test_narrative_folder_hash_changes_when_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    text = "---\nmeasure: m1\nyear: 2023-24\nkind: quote\nsource: Panel\n---\nKind staff.\n"
    (folder / "a.md").write_text(text)
    first = load_narrative(folder).provenance
    (folder / "a.md").write_text(text.replace("Kind", "Helpful"))
    second = load_narrative(folder).provenance
    assert first is not None and second is not None
    assert first.sha256 != second.sha256
    assert first.reader == "narrative" and first.rows == 1

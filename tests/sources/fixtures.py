"""The canonical applications table and writers that put it (or a broken copy) in every format.

Fixtures are built by code, never committed as binaries: CSV text, XLSX via openpyxl, ODS by
zipping a minimal ``content.xml`` (no LibreOffice needed), Parquet via pyarrow, and database
tables through DuckDB's and PostgreSQL's own clients.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
import openpyxl
import psycopg
import pyarrow as pa
import pyarrow.parquet as pq

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources.shapes import resolve_schema

CODES = ["ADP", "SCP", "CDP", "BSG", "FSP"]
"""The codes the test applications allow: the shape holds none, each charter declares its own
(as ``examples/scotland/sources.yaml`` does)."""

APPLICATIONS = resolve_schema(
    SourceSchemaFile.model_validate(
        {
            "shape": "applications",
            "fields": [{"name": "benefit", "type": "string", "required": False, "enum": CODES}],
        }
    )
)

HEADER = [
    "case_id",
    "benefit",
    "received_date",
    "decided_date",
    "outcome",
    "channel",
    "special_rules",
    "age_group",
]
D = dt.date
ROWS: list[list[object]] = [
    ["A-0001", "ADP", D(2023, 4, 3), D(2023, 4, 20), "approved", "online", False, "25-34"],
    ["A-0002", "SCP", D(2023, 4, 4), D(2023, 4, 5), "denied", "phone", True, "35-44"],
    ["A-0003", "CDP", D(2023, 4, 5), None, None, "paper", None, None],
    ["A-0004", "BSG", D(2023, 5, 1), D(2023, 5, 1), "withdrawn", None, False, "16-24"],
    ["A-0005", "FSP", D(2024, 3, 28), D(2024, 4, 2), "approved", "in_person", True, "65+"],
]
"""Five applications: decided, denied, undecided (empty cells), same-day, across years."""

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
POSTGRES_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def expected_table() -> pa.Table:
    """The one canonical table every reader must produce from :data:`ROWS`."""
    columns = dict(zip(HEADER, zip(*ROWS, strict=True), strict=True))
    types = {
        "string": pa.string(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "datetime": pa.timestamp("us"),
    }
    return pa.table(
        {
            f.name: pa.array(list(columns.get(f.name, [None] * len(ROWS))), types[f.type])
            for f in APPLICATIONS.fields
        }
    )


def text(value: object) -> str:
    """A value as a CSV cell: dates ISO, booleans true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[text(v) for v in row] for row in rows])
    return out.getvalue()


def write_csv(
    path: Path,
    header: Sequence[str] = HEADER,
    rows: Sequence[Sequence[object]] = ROWS,
    *,
    bom: bool = False,
) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + csv_text(header, rows).encode())
    return path


def write_xlsx(
    path: Path,
    header: Sequence[str] = HEADER,
    rows: Sequence[Sequence[object]] = ROWS,
    *,
    sheet: str = "Applications",
    literal_text: bool = True,
) -> Path:
    """An XLSX workbook; text starting with '=' is stored as text when ``literal_text``."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for r, row in enumerate([list(header), *[list(x) for x in rows]], start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if literal_text and isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        word = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{word}">'
            f"<text:p>{word.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="'
            f'{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>'
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
        "</text:p></table:table-cell>"
    )


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def write_ods(
    path: Path,
    header: Sequence[str] = HEADER,
    rows: Sequence[Sequence[object]] = ROWS,
    *,
    sheet: str = "Applications",
) -> Path:
    """A minimal valid ODS: mimetype (stored first), manifest and content.xml."""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in [list(header), *[list(x) for x in rows]]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} '
        f'office:version="1.2"><office:body><office:spreadsheet><table:table table:name='
        f'"{escape(sheet)}">{body}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("META-INF/manifest.xml", ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def typed_table(
    header: Sequence[str] = HEADER, rows: Sequence[Sequence[object]] = ROWS
) -> pa.Table:
    """The rows as a typed Arrow table, as an analyst's pandas or SQL export would hold them."""
    return pa.table(
        {name: list(col) for name, col in zip(header, zip(*rows, strict=True), strict=True)}
    )


def write_parquet(path: Path, table: pa.Table | None = None) -> Path:
    pq.write_table(table if table is not None else typed_table(), path)
    return path


def write_duckdb(path: Path, name: str = "applications", table: pa.Table | None = None) -> Path:
    """A DuckDB database file holding ``table`` (default: the canonical rows) as ``name``."""
    data = table if table is not None else typed_table()  # noqa: F841 (read by DuckDB by name)
    con = duckdb.connect(str(path))
    try:
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM data')
    finally:
        con.close()
    return path


def write_postgres(name: str) -> None:
    """Create the canonical table ``name`` in the test PostgreSQL database (replacing it)."""
    placeholders = ", ".join(["%s"] * len(HEADER))
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as con:
        con.execute(f'DROP TABLE IF EXISTS "{name}"')
        con.execute(
            f'CREATE TABLE "{name}" (case_id text, benefit text, received_date date, '
            "decided_date date, outcome text, channel text, special_rules boolean, "
            "age_group text)"
        )
        with con.cursor() as cur:
            cur.executemany(
                f'INSERT INTO "{name}" ({", ".join(HEADER)}) VALUES ({placeholders})',
                [tuple(r) for r in reversed(ROWS)],
            )


def drop_postgres(name: str) -> None:
    with psycopg.connect(POSTGRES_DSN, autocommit=True) as con:
        con.execute(f'DROP TABLE IF EXISTS "{name}"')

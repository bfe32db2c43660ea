"""The latest financial year a loaded source has records for, from its declared date fields.

Which columns date a record is a fact of the source's resolved schema, not of column names:
every field of type ``date`` or ``datetime`` (its latest value's financial year: 1 April to
31 March), and every financial-year label field (a ``year`` field, or one with the
financial-year pattern ``2023-24``). The latest of them all is the source's last year; a
source whose date columns are named ``closed_on`` counts as much as one with
``decided_date``. On the engine this is one aggregate query; for an Arrow table, Arrow's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources.cells import FINANCIAL_YEAR_PATTERN

if TYPE_CHECKING:
    import duckdb


def dating_fields(schema: SourceSchemaFile) -> tuple[list[str], list[str]]:
    """The schema's date and date-time fields, and its financial-year label fields."""
    dates = [f.name for f in schema.fields if f.type in ("date", "datetime")]
    labels = [
        f.name
        for f in schema.fields
        if f.type == "string" and (f.name == "year" or f.pattern == FINANCIAL_YEAR_PATTERN)
    ]
    return dates, labels


def financial_year_start(day: dt.date) -> int:
    """The first calendar year of the financial year holding ``day``."""
    return day.year - (1 if day.month < 4 else 0)


def _label_start(label: object) -> int | None:
    if isinstance(label, str) and len(label) >= 4 and label[:4].isdigit():
        return int(label[:4])
    return None


def _latest(values: list[object], kinds: list[str]) -> int | None:
    years = []
    for value, kind in zip(values, kinds, strict=True):
        if value is None:
            continue
        if kind == "label":
            start = _label_start(value)
            if start is not None:
                years.append(start)
        elif isinstance(value, dt.date):
            years.append(financial_year_start(value))
    return max(years) if years else None


def last_year_in_engine(
    con: duckdb.DuckDBPyConnection, table: str, schema: SourceSchemaFile, columns: list[str]
) -> int | None:
    """The last year of the typed table ``table`` on ``con`` (one query)."""
    dates, labels = dating_fields(schema)
    wanted = [(n, "date") for n in dates if n in columns]
    wanted += [(n, "label") for n in labels if n in columns]
    if not wanted:
        return None
    select = ", ".join(f'max("{n}")' for n, _ in wanted)
    row = con.execute(f'SELECT {select} FROM "{table}"').fetchall()[0]
    return _latest(list(row), [k for _, k in wanted])


def last_year_of_table(table: pa.Table, schema: SourceSchemaFile | None) -> int | None:
    """The last year of an Arrow table loaded with ``schema``."""
    if schema is None or table.num_rows == 0:
        return None
    dates, labels = dating_fields(schema)
    values: list[object] = []
    kinds: list[str] = []
    for name in dates:
        if name in table.column_names:
            column = table[name]
            if pa.types.is_timestamp(column.type):
                column = column.cast(pa.date32())
            values.append(pc.max(column).as_py())
            kinds.append("date")
    for name in labels:
        if name in table.column_names:
            values.append(pc.max(table[name]).as_py())
            kinds.append("label")
    return _latest(values, kinds)

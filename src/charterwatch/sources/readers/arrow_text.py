"""Turning a typed Arrow table (from Parquet or a database) into a grid of text cells.

Typed inputs go through the same text-first checks as CSV and spreadsheets, so one set of
rules and messages applies to every format. Casting to text is vectorised by Arrow; column
types that a source cannot hold (lists, structures, binary, times of day) are reported.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.base import Cell, Grid, cell_text
from charterwatch.sources.readers.columns import Columns, columns_of, row_range, text_cells


def _castable(kind: pa.DataType) -> bool:
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_integer(kind)
        or pa.types.is_floating(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_date(kind)
        or pa.types.is_timestamp(kind)
        or pa.types.is_decimal(kind)
        or pa.types.is_null(kind)
    )


def arrow_to_grid(table: pa.Table, shown_as: str) -> tuple[Grid | None, list[Issue]]:
    """The header (row 1) and the rows of ``table`` (rows 2, 3, ...) as text cells."""
    problems: list[Issue] = []
    columns: list[list[Cell]] = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if not _castable(column.type):
            problems.append(
                issue(
                    codes.UNSUPPORTED_COLUMN_TYPE,
                    f"the column '{name}' holds {column.type}, which a source cannot hold",
                    file=shown_as,
                    column=str(name),
                    expected="text, whole numbers, numbers, true/false, dates or timestamps",
                    found=str(column.type),
                    fix="convert the column to text or a number in the query that writes "
                    "the extract, or leave it out",
                )
            )
            continue
        as_text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
        columns.append([cell_text(v) for v in as_text.to_pylist()])
    if problems:
        return None, problems
    header: list[Cell] = [cell_text(n) for n in table.column_names]
    rows = [list(cells) for cells in zip(*columns, strict=True)] if columns else []
    return [(1, header), *[(n, cells) for n, cells in enumerate(rows, start=2)]], []


def arrow_to_columns(table: pa.Table, shown_as: str) -> Columns | None:
    """The fast path of :func:`arrow_to_grid`: the same text cells as Arrow columns, or None
    when a column cannot be held or the grid's rules would report something."""
    cells: list[pa.Array] = []
    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if not _castable(column.type):
            return None
        cells.append(text_cells(column))
    header = [cell_text(n) for n in table.column_names]
    return columns_of(shown_as, header, cells, row_range(2, table.num_rows))

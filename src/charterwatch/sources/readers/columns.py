"""A raw table as Arrow columns of text cells: the vectorised twin of :class:`RawTable`.

A reader with a fast path (CSV through ``pyarrow.csv``, Parquet) gives one Arrow string array
per column, normalised exactly as :func:`.base.cell_text` and :func:`.base.grid_to_table` do
cell by cell: cells trimmed of what ``str.strip`` removes, empty cells null, blank rows
dropped (the other rows keep their numbers). Whatever those functions would report (no
header, a column without a header or named twice, no rows) is not decided here: the result
is None and the reader's per-cell path reads the file and words the issue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.sources.readers.base import Cell, RawTable

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character ``str.strip()`` removes (``str.isspace``), so Arrow trims cells the same."""

_NULL_TEXT = pa.nulls(1, pa.string())[0]  # pa.scalar(None) would import pandas


@dataclass(frozen=True)
class Columns:
    """Unique header names and, for each, the column's cells (string, null when empty).

    ``row_numbers[i]`` is the spreadsheet row of cell ``i`` of every column (header = 1).
    """

    file: str
    header: list[str]
    cells: list[pa.Array]
    row_numbers: pa.Array

    @property
    def num_rows(self) -> int:
        return len(self.row_numbers)


def text_cells(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``cell_text`` for a whole column of text: trimmed, empty as null, in one chunk."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    trimmed = pc.utf8_trim(column, WHITESPACE)
    return pc.if_else(pc.equal(trimmed, ""), _NULL_TEXT, trimmed)


def row_range(first: int, count: int) -> pa.Array:
    """The row numbers ``first, first + 1, ...`` (``count`` of them) as int64."""
    if count == 0:
        return pa.array([], pa.int64())
    return pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), count), start=first - 1)


def columns_of(
    file: str, header: Sequence[Cell], cells: Sequence[pa.Array], row_numbers: pa.Array
) -> Columns | None:
    """The rules of ``grid_to_table`` for a header row and the rows below it, all ``len(header)``
    cells wide: None when they would report anything, else the named columns without blank
    rows. ``header`` must be the first row of the file that is not blank."""
    if not cells or all(name is None for name in header):
        return None
    filled = reduce(pc.or_, [pc.is_valid(c) for c in cells])
    if not pc.all(filled).as_py():
        cells = [c.filter(filled) for c in cells]
        row_numbers = row_numbers.filter(filled)
    if len(row_numbers) == 0:
        return None  # a header and no rows
    names: list[str] = []
    kept: list[pa.Array] = []
    for name, column in zip(header, cells, strict=True):
        if name is None:
            if column.null_count < len(column):
                return None  # values without a header
            continue
        if name in names:
            return None  # the same header twice
        names.append(name)
        kept.append(column)
    return Columns(file, names, kept, row_numbers)


def columns_from_raw(raw: RawTable) -> Columns:
    """The columns of a table read cell by cell (for formats without a columnar reader)."""
    cells = [pa.array(raw.column(i), pa.string()) for i in range(len(raw.header))]
    return Columns(raw.file, list(raw.header), cells, pa.array(raw.row_numbers, pa.int64()))

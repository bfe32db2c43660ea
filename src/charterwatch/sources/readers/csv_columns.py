"""The fast path of the CSV reader: ``pyarrow.csv`` splits the file, only where that is safe.

Python's ``csv`` module (strict, the Excel dialect) is the reference. Arrow splits a file the
same way when it is valid UTF-8 without NUL bytes, every quote belongs to a well-formed quoted
cell (a quote that opens a cell, doubled quotes inside, a closing quote followed by a comma, a
line end or the end of the file), every row has as many cells as the header (an empty line
becomes one empty row, keeping the numbering of the rows below), and no cell is longer than
``csv.field_size_limit()``. For anything else (a stray quote, a ragged row, a line of spaces,
a second byte-order mark, a one-column file that may be split by semicolons) the result is
None and the per-cell reader runs, which also words any problem.
"""

from __future__ import annotations

import codecs
import csv
import re

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from charterwatch.sources.readers.base import cell_text
from charterwatch.sources.readers.columns import Columns, columns_of, row_range, text_cells

MAX_COLUMNS = 4096
"""Wider files take the per-cell path (Arrow is told the type of this many columns)."""

_QUOTED_CELL = re.compile(rb'"[^"]*(?:""[^"]*)*"(?=[,\r\n]|\Z)')
_CELL_START = frozenset(b",\r\n")
_AS_TEXT = pcsv.ConvertOptions(
    column_types={f"f{i}": pa.string() for i in range(MAX_COLUMNS)},
    strings_can_be_null=False,
)


def quotes_well_formed(data: bytes) -> bool:
    """True when every ``"`` of ``data`` is part of a quoted cell that Python's strict CSV
    reader and Arrow both read the same way (see the module docstring)."""
    total = data.count(b'"')
    covered = 0
    for match in _QUOTED_CELL.finditer(data):
        start = match.start()
        if start and data[start - 1] not in _CELL_START:
            return False  # a quote inside an unquoted cell
        covered += match.group().count(b'"')
    return covered == total


def csv_columns(data: bytes, shown_as: str) -> Columns | None:
    """The cells of CSV ``data`` as columns, or None when only the per-cell reader may decide."""
    body = data.removeprefix(codecs.BOM_UTF8)
    if body.startswith(codecs.BOM_UTF8) or b"\x00" in body:
        return None
    if not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return None
    quoted = b'"' in body
    if quoted and not quotes_well_formed(body):
        return None
    try:
        table = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pcsv.ParseOptions(newlines_in_values=quoted, ignore_empty_lines=False),
            convert_options=_AS_TEXT,
        )
    except (pa.ArrowException, OSError):
        return None  # ragged rows, an unclosed quote, a block too small for a row...
    width = table.num_columns
    if not 0 < width < MAX_COLUMNS or table.num_rows < 2:
        return None
    limit = csv.field_size_limit()
    for column in table.columns:
        if not pa.types.is_string(column.type) or pc.max(pc.binary_length(column)).as_py() > limit:
            return None
    header = [cell_text(column[0].as_py()) for column in table.columns]
    if width == 1 and header[0] is not None and (";" in header[0] or "\t" in header[0]):
        return None  # the per-cell reader says the file is split by semicolons or tabs
    rows = table.slice(1)
    cells = [text_cells(column) for column in rows.columns]
    return columns_of(shown_as, header, cells, row_range(2, rows.num_rows))

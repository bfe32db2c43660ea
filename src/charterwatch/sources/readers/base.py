"""The shared base of every table reader: bytes in, a grid of text cells out, normalised once.

Each format (CSV, XLSX, ODS, Parquet, a database table) only turns its input into a *grid*:
rows of cells as text, each row with the number a spreadsheet would show (the header is
row 1). Everything else is done here once, so every format behaves the same: the header is
the first non-blank row, cells are trimmed and empty cells become ``None``, blank rows are
skipped, columns without a header but with values and duplicate headers are reported, and an
empty file or a header with no rows is rejected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from charterwatch.model.framework_paths import special_kind
from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue

if TYPE_CHECKING:
    from charterwatch.sources.readers.columns import Columns

Cell = str | None
"""One cell as text; ``None`` when empty."""

Grid = list[tuple[int, list[Cell]]]
"""Rows of cells, each with its spreadsheet row number (the first row of a file is 1)."""


@dataclass(frozen=True)
class ReadOptions:
    """Per-read choices: ``sheet`` names a workbook sheet (default: the first)."""

    sheet: str | None = None


@dataclass(frozen=True)
class RawTable:
    """A table as read, before any schema: unique header names and text cells.

    ``row_numbers[i]`` is the row of ``rows[i]`` as a spreadsheet shows it (header = 1).
    """

    file: str
    header: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]

    def column(self, index: int) -> list[Cell]:
        return [r[index] for r in self.rows]


@dataclass(frozen=True)
class RawRead:
    """The outcome of reading one input: a raw table (or None), the problems, and its hash."""

    reader: str
    file: str
    table: RawTable | None
    issues: list[Issue] = field(default_factory=list)
    sha256: str | None = None


class TableReader(ABC):
    """One input format. Subclasses set the class attributes and implement :meth:`parse`."""

    name: ClassVar[str]
    """Short name used in provenance and docs, e.g. ``csv``."""
    extensions: ClassVar[tuple[str, ...]]
    """File name endings (lower case, with the dot) this reader handles."""
    description: ClassVar[str]
    """One sentence for the formats table in ``docs/sources.md``."""

    def read(self, path: Path, shown_as: str, options: ReadOptions | None = None) -> RawRead:
        """Read ``path`` into a raw table, or return located issues; never raises for bad input.

        ``shown_as`` is the file name used in messages (relative to the framework folder).
        """
        data, problems = read_bytes(path, shown_as)
        if data is None:
            return RawRead(self.name, shown_as, None, problems)
        return self.read_data(data, shown_as, options)

    def read_data(self, data: bytes, shown_as: str, options: ReadOptions | None = None) -> RawRead:
        """Like :meth:`read`, from the file's bytes: cell by cell, with every issue."""
        digest = sha256(data)
        if is_blank(data):
            return RawRead(self.name, shown_as, None, [empty_file(shown_as)], digest)
        grid, problems = self.parse(data, shown_as, options or ReadOptions())
        if grid is None:
            return RawRead(self.name, shown_as, None, problems, digest)
        table, more = grid_to_table(grid, shown_as)
        return RawRead(self.name, shown_as, table, problems + more, digest)

    @abstractmethod
    def parse(
        self, data: bytes, shown_as: str, options: ReadOptions
    ) -> tuple[Grid | None, list[Issue]]:
        """The file's cells as a grid, or None with the issues that stopped reading."""

    def read_columns(self, data: bytes, shown_as: str, options: ReadOptions) -> Columns | None:
        """Optional fast path: the file's cells as Arrow columns, exactly as :meth:`read_data`
        would give them (see :mod:`.columns`), or None when the file may have an issue or this
        reader has no fast path. The default has none."""
        return None


def is_blank(data: bytes) -> bool:
    """True for a file of nothing but byte-order marks and white space: an empty file."""
    if data[:4096].lstrip(_BOM_BYTES).strip():
        return False  # decided by the first bytes, without copying a large file
    return not data.lstrip(_BOM_BYTES).strip()


_BOM_BYTES = b"\xef\xbb\xbf"


def sha256(data: bytes) -> str:
    """The hex SHA-256 of a file's bytes, as recorded in provenance."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, shown_as: str) -> tuple[bytes | None, list[Issue]]:
    """The bytes of ``path``, or an issue saying why there are none (missing, a folder...)."""
    if not path.exists():
        return None, [
            issue(
                codes.FILE_MISSING,
                "the file does not exist",
                file=shown_as,
                found=str(path),
                fix="check the 'path:' of the source and that the extract was saved there",
            )
        ]
    kind = special_kind(path)
    if kind is not None:
        return None, [
            issue(
                codes.FILE_UNREADABLE,
                f"the file cannot be read: it is {kind}, not an ordinary file",
                file=shown_as,
                fix="name an ordinary file saved on disk (CW-H003)",
            )
        ]
    try:
        return path.read_bytes(), []
    except OSError as exc:
        why = "it is a folder, not a file" if path.is_dir() else (exc.strerror or str(exc))
        return None, [
            issue(
                codes.FILE_UNREADABLE,
                f"the file cannot be read: {why}",
                file=shown_as,
                fix="name a file that charterwatch is allowed to read",
            )
        ]


def empty_file(shown_as: str) -> Issue:
    return issue(
        codes.EMPTY_FILE,
        "the file is empty: there is no header row",
        file=shown_as,
        row=1,
        expected="a header row naming the columns, then one row per record",
        fix="export the extract again; check the query or filter that produced it",
    )


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: object) -> Cell:
    """A cell value of any type as text; empty text and ``None`` become ``None``.

    Whole floats lose their ``.0`` (a spreadsheet stores 1001 as 1001.0), booleans become
    ``true``/``false`` and dates ISO 8601, so every format yields the same text.
    """
    if value is None:
        return None
    if type(value) is str:  # the common case first: most cells are text
        return value.strip() or None
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    return text or None


def grid_to_table(grid: Grid, shown_as: str) -> tuple[RawTable | None, list[Issue]]:
    """Find the header, drop blank rows and unnamed empty columns, report header problems."""
    rows = [(n, cells) for n, cells in grid if any(c is not None for c in cells)]
    if not rows:
        return None, [empty_file(shown_as)]
    header_row, raw_header = rows[0]
    body = rows[1:]
    if not body:
        return None, [
            issue(
                codes.NO_ROWS,
                "the file has a header row but no data rows",
                file=shown_as,
                row=header_row + 1,
                expected="at least one record under the header",
                fix="an empty extract is almost always a mistake: check the query or filter "
                "that produced it, and export again",
            )
        ]
    width = max(len(raw_header), *(len(c) for _, c in body))
    header = [*raw_header, *([None] * (width - len(raw_header)))]
    body = [(n, c if len(c) == width else [*c, *([None] * (width - len(c)))]) for n, c in body]
    problems: list[Issue] = []
    keep: list[int] = []
    names: list[str] = []
    first_at: dict[str, int] = {}
    for index, name in enumerate(header):
        if name is None:
            with_value = [n for n, cells in body if cells[index] is not None]
            if with_value:
                problems.append(
                    issue(
                        codes.UNNAMED_COLUMN,
                        f"column {column_letter(index)} has values but no header",
                        file=shown_as,
                        row=with_value[0],
                        column=column_letter(index),
                        found=f"{len(with_value)} value(s), the first in row {with_value[0]}",
                        fix="type the column's name in the header row, or delete the stray "
                        "values (in a CSV: remove the extra separators)",
                    )
                )
            continue
        if name in first_at:
            problems.append(
                issue(
                    codes.DUPLICATE_HEADER,
                    f"the column '{name}' appears twice: columns "
                    f"{column_letter(first_at[name])} and {column_letter(index)}",
                    file=shown_as,
                    row=header_row,
                    column=name,
                    fix="delete or rename one of the two columns",
                )
            )
            continue
        first_at[name] = index
        keep.append(index)
        names.append(name)
    table = RawTable(
        file=shown_as,
        header=names,
        rows=_select(body, keep, width),
        row_numbers=[n for n, _ in body],
    )
    return table, problems


def _select(
    body: Sequence[tuple[int, list[Cell]]], keep: list[int], width: int
) -> list[list[Cell]]:
    """The kept columns of every row (all rows are ``width`` long)."""
    if keep == list(range(width)):
        return [cells for _, cells in body]
    return [[cells[i] for i in keep] for _, cells in body]

"""Reading CSV extracts: UTF-8 text (with or without a byte-order mark), comma-separated.

Other encodings are not guessed: a file that is not UTF-8 is rejected with the place of the
first bad byte and how to save it correctly, because a wrong guess silently corrupts names.
"""

from __future__ import annotations

import codecs
import csv
import io
from typing import TYPE_CHECKING

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.base import Grid, ReadOptions, TableReader, cell_text

if TYPE_CHECKING:
    from charterwatch.sources.readers.columns import Columns

SAVE_AS_UTF8 = (
    "open it in Excel and use File > Save As > 'CSV UTF-8 (Comma delimited)', or in "
    "LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'"
)


class CsvReader(TableReader):
    """Comma-separated text in UTF-8, the header in the first non-blank row."""

    name = "csv"
    extensions = (".csv",)
    description = (
        "Comma-separated text in UTF-8, with or without a byte-order mark (Excel's "
        "'CSV UTF-8'). Quoted cells may hold commas and line breaks."
    )

    def parse(
        self, data: bytes, shown_as: str, options: ReadOptions
    ) -> tuple[Grid | None, list[Issue]]:
        text, problem = decode_utf8(data, shown_as)
        if text is None:
            return None, [problem] if problem else []
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        grid: Grid = []
        try:
            for number, cells in enumerate(reader, start=1):
                grid.append((number, [cell_text(c) for c in cells]))
        except csv.Error as exc:
            return None, [
                issue(
                    codes.BAD_CSV,
                    f"the CSV text cannot be split into cells: {exc}",
                    file=shown_as,
                    line=reader.line_num,
                    row=len(grid) + 1,
                    fix='a quote (") opens a cell that never closes, or a quote sits inside '
                    'an unquoted cell; double any quote inside a quoted cell ("")',
                )
            ]
        header = next((cells for _, cells in grid if any(c is not None for c in cells)), [])
        if len(header) == 1 and header[0] is not None:
            for separator, label in ((";", "semicolons"), ("\t", "tabs")):
                if separator in header[0]:
                    return None, [
                        issue(
                            codes.BAD_CSV,
                            f"the file separates values with {label}, not commas",
                            file=shown_as,
                            row=grid[0][0],
                            expected="values separated by commas (,)",
                            found=codes.shown(header[0]),
                            fix="save it again as 'CSV UTF-8 (Comma delimited)'",
                        )
                    ]
        return grid, []

    def read_columns(self, data: bytes, shown_as: str, options: ReadOptions) -> Columns | None:
        from charterwatch.sources.readers.csv_columns import csv_columns  # pyarrow: on use

        return csv_columns(data, shown_as)


def decode_utf8(data: bytes, shown_as: str) -> tuple[str | None, Issue | None]:
    """The text of ``data`` read as UTF-8 (a leading BOM dropped), or a not-UTF-8 issue."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        return None, _not_utf8(shown_as, "the file looks like UTF-16 ('Unicode Text')", None)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1]
        guess = bad.decode("cp1252", errors="replace")
        found = (
            f"byte 0x{bad.hex().upper()} on line {line}, which is '{guess}' in Windows-1252 "
            "(Excel's 'CSV (Comma delimited)')"
        )
        return None, _not_utf8(shown_as, found, line)


def _not_utf8(shown_as: str, found: str, line: int | None) -> Issue:
    return issue(
        codes.NOT_UTF8,
        "the file is not UTF-8 — save it as CSV UTF-8",
        file=shown_as,
        line=line,
        expected="text encoded as UTF-8",
        found=found,
        fix=SAVE_AS_UTF8,
    )

"""Reading workbooks (XLSX, ODS) through python-calamine: one sheet's cells as text.

The XLSX and ODS readers differ only in their names and the words of their messages; the work
is shared here. A workbook that cannot be opened (truncated, damaged, or another format under
the wrong name) becomes one clear issue, never a traceback.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

import python_calamine

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.codes import issue
from charterwatch.sources.readers.base import Grid, ReadOptions, TableReader, cell_text

ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetReader(TableReader):
    """A workbook sheet: the first sheet, or the one named by ``ReadOptions.sheet``."""

    format_label: ClassVar[str]
    """How the format is called in messages, e.g. 'an XLSX workbook'."""
    save_hint: ClassVar[str]

    def parse(
        self, data: bytes, shown_as: str, options: ReadOptions
    ) -> tuple[Grid | None, list[Issue]]:
        if not data.startswith(ZIP_MAGIC):
            return None, [self._damaged(shown_as, "the file is not a zip-based workbook at all")]
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            names: list[str] = list(book.sheet_names)
        except Exception as exc:  # calamine raises several unrelated types for bad files
            return None, [self._damaged(shown_as, f"it could not be opened ({exc})")]
        if options.sheet is not None and options.sheet not in names:
            return None, [
                issue(
                    codes.SHEET_MISSING,
                    f"the workbook has no sheet named '{options.sheet}'",
                    file=shown_as,
                    expected="one of: " + ", ".join(f"'{n}'" for n in names),
                    found=f"'{options.sheet}'",
                    fix="correct the sheet name after '#' in the source's path, or rename "
                    "the sheet",
                )
            ]
        if not names:
            return [], []
        try:
            sheet = (
                book.get_sheet_by_name(options.sheet)
                if options.sheet is not None
                else book.get_sheet_by_index(0)
            )
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            return None, [self._damaged(shown_as, f"a sheet could not be read ({exc})")]
        return [(n, [cell_text(v) for v in cells]) for n, cells in enumerate(rows, 1)], []

    def _damaged(self, shown_as: str, why: str) -> Issue:
        return issue(
            codes.CORRUPT_FILE,
            f"the file cannot be read as {self.format_label}: {why}",
            file=shown_as,
            expected=self.format_label,
            fix="the file may be truncated (an interrupted download or copy) or another "
            f"format renamed; open it and {self.save_hint}, or export it again",
        )

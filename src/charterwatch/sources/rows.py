"""Checks that compare rows: unique ids, duplicate primary keys, and dates in order.

These run on converted values (so ``007`` and ``7`` in an integer id are the same), skip
values that were empty or already wrong, and name every row involved, so a data owner can go
straight to them in the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence

from charterwatch.model.issues import Issue
from charterwatch.sources import codes
from charterwatch.sources.cells import Value, canonical_text
from charterwatch.sources.codes import issue


def _rows_words(rows: Sequence[int]) -> str:
    numbers = [str(r) for r in rows]
    if len(numbers) == 2:
        return f"rows {numbers[0]} and {numbers[1]}"
    return "rows " + ", ".join(numbers[:-1]) + f" and {numbers[-1]}"


def _groups(keys: Sequence[Hashable | None], row_numbers: Sequence[int]) -> list[list[int]]:
    """The row numbers of each key that occurs more than once, in order of first use."""
    seen: dict[Hashable, list[int]] = {}
    for key, row in zip(keys, row_numbers, strict=True):
        if key is not None:
            seen.setdefault(key, []).append(row)
    return [rows for rows in seen.values() if len(rows) > 1]


def duplicate_values(
    file: str, column: str, values: Sequence[Value | None], row_numbers: Sequence[int]
) -> list[Issue]:
    """One issue per value used more than once in a unique column, naming all its rows."""
    out: list[Issue] = []
    first_value = dict(zip(row_numbers, values, strict=True))
    for rows in _groups(values, row_numbers):
        value = first_value[rows[0]]
        assert value is not None
        out.append(
            issue(
                codes.DUPLICATE_VALUE,
                f"{column} {codes.shown(canonical_text(value))} appears more than once: "
                f"{_rows_words(rows)}",
                file=file,
                row=rows[1],
                column=column,
                expected=f"each {column} used once",
                found=_rows_words(rows),
                fix=f"each row needs its own {column}: remove the repeated row or correct the id",
            )
        )
    return out


def duplicate_keys(
    file: str,
    columns: Sequence[str],
    values: Sequence[Sequence[Value | None]],
    row_numbers: Sequence[int],
) -> list[Issue]:
    """One issue per primary key (several columns together) used by more than one row."""
    keys = [
        None if any(v is None for v in key) else tuple(key) for key in zip(*values, strict=True)
    ]
    out: list[Issue] = []
    by_row = dict(zip(row_numbers, keys, strict=True))
    names = ", ".join(columns)
    for rows in _groups(keys, row_numbers):
        key = by_row[rows[0]]
        assert key is not None
        shown = ", ".join(canonical_text(v) for v in key if v is not None)
        out.append(
            issue(
                codes.DUPLICATE_KEY,
                f"the record ({names}) = ({shown}) appears more than once: {_rows_words(rows)}",
                file=file,
                row=rows[1],
                column=names,
                expected=f"one row for each combination of {names}",
                found=_rows_words(rows),
                fix="remove the repeated row, or correct one of the values that identify it",
            )
        )
    return out


def dates_out_of_order(
    file: str,
    earlier: str,
    later: str,
    earlier_values: Sequence[Value | None],
    later_values: Sequence[Value | None],
    row_numbers: Sequence[int],
) -> list[Issue]:
    """One issue per row whose ``later`` date is before its ``earlier`` date."""
    out: list[Issue] = []
    for start, end, row in zip(earlier_values, later_values, row_numbers, strict=True):
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            continue
        if _as_datetime(end) < _as_datetime(start):
            out.append(
                issue(
                    codes.DATE_ORDER,
                    f"{later} {canonical_text(end)} is before {earlier} {canonical_text(start)}",
                    file=file,
                    row=row,
                    column=later,
                    expected=f"{later} on or after {earlier} ({canonical_text(start)})",
                    found=canonical_text(end),
                    fix=f"check both dates in row {row}; one of them is probably mistyped "
                    "(day and month swapped?)",
                )
            )
    return out


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)

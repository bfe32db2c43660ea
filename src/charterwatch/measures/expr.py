"""Engine-neutral Ibis expression pieces shared by measure kinds.

Financial years are computed in the database from a date column, so one query groups a whole
series; filters and breakdowns are applied the same way by every kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

from charterwatch.measures.rows import ALL

FY = "fy_start"
GROUP = "cw_group"


def financial_year_start(date: ir.DateValue) -> ir.IntegerValue:
    """The calendar year in which the financial year of ``date`` starts (April to March)."""
    return (date.year() - ibis.ifelse(date.month() < 4, 1, 0)).cast("int64")


def fy_label(start: int) -> str:
    """``2023`` -> ``2023-24``."""
    return f"{start}-{(start + 1) % 100:02d}"


def fy_start_of(label: str) -> int:
    """``2023-24`` -> ``2023``."""
    return int(label[:4])


def with_year_from_date(table: ir.Table, column: str) -> ir.Table:
    """Add the financial-year start of ``column`` as ``fy_start`` (rows without a date drop)."""
    return table.filter(table[column].notnull()).mutate(
        **{FY: financial_year_start(table[column].cast("date"))}
    )


def with_year_from_label(table: ir.Table, column: str = "year") -> ir.Table:
    """Add ``fy_start`` from a column holding labels such as ``2023-24``."""
    return table.mutate(**{FY: table[column].substr(0, 4).cast("int64")})


def only_years(table: ir.Table, years: Sequence[str]) -> ir.Table:
    """Keep rows of the given financial years (``fy_start`` must exist)."""
    return table.filter(table[FY].isin([fy_start_of(y) for y in years]))


def apply_filter(table: ir.Table, conditions: Mapping[str, Any]) -> ir.Table:
    """Keep rows whose columns hold one of the given values (a value or a list of values)."""
    for column, wanted in conditions.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        table = table.filter(table[column].isin(values))
    return table


def breakdown_groupings(
    table: ir.Table, breakdowns: Sequence[str]
) -> Iterator[tuple[str, ir.Table]]:
    """The table once per breakdown, with its group in ``cw_group``: first the headline."""
    yield ALL, table.mutate(**{GROUP: ibis.literal(ALL)})
    for column in breakdowns:
        if column in table.columns:
            yield column, table.mutate(**{GROUP: table[column].cast("string").fill_null("unknown")})


def rows_of(expr: ir.Table) -> list[dict[str, Any]]:
    """Execute and return plain dict rows, sorted for deterministic output."""
    frame = expr.to_pyarrow().to_pylist()
    return sorted(frame, key=lambda r: tuple(str(r.get(k)) for k in (FY, GROUP)))


def with_day_numbers(table: ir.Table, calendar: ir.Table, column: str, prefix: str) -> ir.Table:
    """Join the calendar on ``column`` to add ``<prefix>_wd`` (working-day number),
    ``<prefix>_dn`` (calendar-day number) and ``<prefix>_work`` (is a working day), so
    differences count days the same way on any engine."""
    cal = calendar.select(
        **{
            f"{prefix}_date": calendar.date,
            f"{prefix}_wd": calendar.working_day_number,
            f"{prefix}_dn": calendar.day_number,
            f"{prefix}_work": calendar.is_working_day,
        }
    )
    joined = table.left_join(cal, table[column].cast("date") == cal[f"{prefix}_date"])
    return joined.drop(f"{prefix}_date")


def record_base(
    table: ir.Table, date_column: str, years: Sequence[str], conditions: Mapping[str, Any]
) -> ir.Table:
    """Rows whose ``date_column`` falls in ``years``, filtered, with ``fy_start`` added."""
    return only_years(with_year_from_date(apply_filter(table, conditions), date_column), years)


def flag(condition: ir.BooleanValue) -> ir.IntegerValue:
    """1 where ``condition`` holds, else 0 (PostgreSQL cannot cast booleans to integers)."""
    return ibis.ifelse(condition.fill_null(False), 1, 0).cast("int64")

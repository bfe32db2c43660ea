"""Engine-neutral Ibis expression pieces shared by measure kinds.

Financial years are computed in the database from a date column, so one query groups a whole
series; filters and breakdowns are applied the same way by every kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from charterwatch.dates.periods import FinancialYear
from charterwatch.measures.rows import ALL

if TYPE_CHECKING:
    import ibis.expr.types as ir

PERIOD = "cw_period"
"""The period key a kind groups by: the financial year's start (2023), a quarter (20231 for
2023-24 Q1) or a month (202304), depending on the run's granularity."""
FY_START = "cw_fy"
"""The start year of the financial year a record falls in, for filtering to the years asked."""
GRANULARITIES = ("year", "quarter", "month")


class NotSupported(ValueError):
    """A kind cannot give figures at the asked granularity (e.g. a yearly survey by month)."""


GROUP = "cw_group"


def financial_year_start(date: ir.DateValue) -> ir.IntegerValue:
    """The calendar year in which the financial year of ``date`` starts (April to March)."""
    import ibis

    return (date.year() - ibis.ifelse(date.month() < 4, 1, 0)).cast("int64")


def fy_label(start: int) -> str:
    """``2023`` -> ``2023-24`` (the rule lives in :class:`FinancialYear`)."""
    return FinancialYear(start).label


def fy_start_of(label: str) -> int:
    """``2023-24`` -> ``2023``."""
    return int(label[:4])


def with_year_from_date(table: ir.Table, column: str, granularity: str = "year") -> ir.Table:
    """Add the financial year and the period key of ``column`` (rows without a date drop)."""
    kept = table.filter(table[column].notnull())
    day = kept[column].cast("date")
    start = financial_year_start(day)
    if granularity == "quarter":
        key = start * 10 + ((day.month() + 8) % 12) // 3 + 1
    elif granularity == "month":
        key = day.year() * 100 + day.month()
    else:
        key = start
    return kept.mutate(**{FY_START: start, PERIOD: key.cast("int64")})


def with_year_from_label(
    table: ir.Table, column: str = "year", granularity: str = "year"
) -> ir.Table:
    """Add the financial year from labels such as ``2023-24`` (years only: raises otherwise)."""
    if granularity != "year":
        raise NotSupported(f"figures labelled by financial year cannot be given by {granularity}")
    start = table[column].substr(0, 4).cast("int64")
    return table.mutate(**{FY_START: start, PERIOD: start})


def only_years(table: ir.Table, years: Sequence[str]) -> ir.Table:
    """Keep rows of the given financial years."""
    return table.filter(table[FY_START].isin([fy_start_of(y) for y in years]))


def year_of_period(label: str, granularity: str = "year") -> str:
    """The financial year a period label falls in: ``2023-04`` (a month) -> ``2023-24``."""
    if granularity == "month":
        year, month = int(label[:4]), int(label[5:7])
        return fy_label(year - 1 if month < 4 else year)
    return label[:7]


def period_label(key: int, granularity: str = "year") -> str:
    """The label of a period key: ``2023-24``, ``2023-24 Q1`` or ``2023-04``."""
    if granularity == "quarter":
        return f"{fy_label(key // 10)} Q{key % 10}"
    if granularity == "month":
        return f"{key // 100}-{key % 100:02d}"
    return fy_label(key)


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
    import ibis

    yield ALL, table.mutate(**{GROUP: ibis.literal(ALL)})
    for column in breakdowns:
        if column in table.columns:
            yield column, table.mutate(**{GROUP: table[column].cast("string").fill_null("unknown")})


def rows_of(expr: ir.Table) -> list[dict[str, Any]]:
    """Execute and return plain dict rows, sorted for deterministic output."""
    frame = expr.to_pyarrow().to_pylist()
    return sorted(frame, key=lambda r: tuple(str(r.get(k)) for k in (PERIOD, GROUP)))


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
    table: ir.Table,
    date_column: str,
    years: Sequence[str],
    conditions: Mapping[str, Any],
    granularity: str = "year",
) -> ir.Table:
    """Rows whose ``date_column`` falls in ``years``, filtered, with their period added."""
    dated = with_year_from_date(apply_filter(table, conditions), date_column, granularity)
    return only_years(dated, years)


def flag(condition: ir.BooleanValue) -> ir.IntegerValue:
    """1 where ``condition`` holds, else 0 (PostgreSQL cannot cast booleans to integers)."""
    import ibis

    return ibis.ifelse(condition.fill_null(False), 1, 0).cast("int64")

"""Engine-neutral Ibis expression pieces shared by measure kinds.

Financial years are computed in the database from a date column, so one query groups a whole
series; filters and breakdowns are applied the same way by every kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


BREAKDOWN = "cw_breakdown"
"""The breakdown a grouped row belongs to: ``all`` for the headline, else the column name."""
MEASURE = "cw_measure"
"""The index, in a batch of measures sharing one query, of the measure a row counts for."""
GROUP_KEYS = (PERIOD, BREAKDOWN, GROUP)
"""What a kind groups by: one GROUP BY gives the headline and every breakdown at once."""


def with_groupings(
    table: ir.Table,
    breakdowns: Sequence[str],
    per_row: tuple[str, Mapping[int, Sequence[str]]] | None = None,
) -> ir.Table:
    """Each row once for the headline and once per breakdown, keyed by ``cw_breakdown`` and
    ``cw_group``, so a single aggregate grouped by :data:`GROUP_KEYS` computes them all in one
    scan (instead of one query per breakdown). A breakdown column the table lacks is skipped
    here; ``validate`` (CW-K010) and compute (:mod:`charterwatch.measures.columns`) refuse
    such a measure before it gets here, so nothing is dropped silently.

    ``per_row`` (a column and, for each of its values, the breakdowns wanted) gives rows
    their own breakdowns: a batch of measures, each with its own list, in one query.

    The copies come from unnesting a short literal array of indices, which DuckDB,
    PostgreSQL and Spark (``explode``) all run as a plain per-row expansion.

    """
    import ibis

    present = groupings_present(table, breakdowns)
    if not present:
        return table.mutate(**{BREAKDOWN: ibis.literal(ALL), GROUP: ibis.literal(ALL)})
    position = {column: i for i, column in enumerate(present, 1)}
    indices: ir.ArrayValue = ibis.literal(list(range(len(present) + 1)))
    if per_row is not None:
        column, wanted = per_row
        lists = {
            value: [0, *(position[c] for c in dict.fromkeys(columns) if c in position)]
            for value, columns in wanted.items()
        }
        indices = ibis.cases(
            *(
                (table[column] == value, ibis.literal(keys, type="array<int64>"))
                for value, keys in lists.items()
            )
        )
    copies = table.mutate(cw_k=indices.unnest())
    names = [(copies.cw_k == i, column) for column, i in position.items()]
    groups = [
        (copies.cw_k == i, copies[column].cast("string").fill_null("unknown"))
        for column, i in position.items()
    ]
    return copies.select(
        *table.columns,
        **{
            BREAKDOWN: ibis.cases(*names, else_=ALL),
            GROUP: ibis.cases(*groups, else_=ALL),
        },
    )


def groupings_present(table: ir.Table, breakdowns: Sequence[str]) -> list[str]:
    """The breakdowns :func:`with_groupings` makes copies for: those the table has, once each,
    in order (the ``i``-th is copy ``i``; copy 0 is the headline)."""
    return list(dict.fromkeys(c for c in breakdowns if c in table.columns))


def rows_of(*exprs: ir.Table) -> list[dict[str, Any]]:
    """Execute and return plain dict rows, sorted for deterministic output (the rows of
    several queries, e.g. one per grouping, sorted together as one query's would be)."""
    from charterwatch.engines import arrow_of

    frame = [row for expr in exprs for row in arrow_of(expr).to_pylist()]
    return sorted(frame, key=lambda r: tuple(str(r.get(k)) for k in GROUP_KEYS))


DAY_NUMBERS = {"wd": "working_day_number", "dn": "day_number", "work": "is_working_day"}
"""What a calendar lookup can add: working-day number, calendar-day number, is a working day."""


def with_day_numbers(
    table: ir.Table, calendar: ir.Table, lookups: Sequence[tuple[str, str, Sequence[str]]]
) -> ir.Table:
    """Look dates up in the calendar: for each ``(prefix, date column, names)`` add
    ``<prefix>_<name>`` for each name of :data:`DAY_NUMBERS`, so differences count days the
    same way on any engine. All lookups are left joins of the one query (one SELECT with a
    join per date column), and only the wanted calendar columns are carried."""
    joined: Any = table
    added: list[str] = []
    for prefix, column, names in lookups:
        cal = calendar.select(
            **{f"{prefix}_date": calendar.date},
            **{f"{prefix}_{name}": calendar[DAY_NUMBERS[name]] for name in names},
        )
        joined = joined.left_join(cal, table[column].cast("date") == cal[f"{prefix}_date"])
        added += [f"{prefix}_{name}" for name in names]
    result: ir.Table = joined.select(*table.columns, *added)
    return result


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

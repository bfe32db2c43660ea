"""The rules of one field (:class:`~charterwatch.sources.cells.FieldCheck`) as DuckDB SQL.

For each column of a scanned file a :class:`ColumnPlan` gives three expressions over the
scan: the cell as text (trimmed exactly as :func:`~..readers.base.cell_text` trims, empty
as NULL), whether a cell is *surely clean*, and its typed value when it is. "Surely clean"
is deliberately narrower than "valid": it accepts only the common written forms whose value
SQL computes exactly as Python does (``2023-04-03``, ``03/04/2023``, ``42``, ``2.5``,
``yes``). Any other cell is not decided here: its distinct texts go to the per-cell check,
which either accepts them (their values are then looked up, see :attr:`ColumnPlan.fixups`)
or words their problems. So SQL never accepts a cell that the per-cell path would refuse,
and the per-cell path stays the one place that words a problem.

Typed Parquet columns whose type is the field's own (BIGINT for integer, DOUBLE for number,
DATE, TIMESTAMP, BOOLEAN) are checked natively; their rules (ranges, allowed values, the
date window) are exact, so a cell they refuse is an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from charterwatch.model.files import FieldFile
from charterwatch.sources.cells import FieldCheck, Value
from charterwatch.sources.readers.columns import WHITESPACE
from charterwatch.sources.window import OPEN_ENDED_MARKERS

SQL_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}
"""The DuckDB type of each field type (the Arrow types of :data:`FIELD_TYPES`)."""

NATIVE = {
    "integer": {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"},
    "number": {"DOUBLE"},
    "boolean": {"BOOLEAN"},
    "date": {"DATE"},
    "datetime": {"TIMESTAMP"},
}
"""Column types a Parquet file may hold for each field type and be checked natively."""

_RISKY = "('=', '+', '-', '@', '#', chr(9), chr(13))"
_INTEGER = r"[+-]?[0-9]{1,18}(\.0*)?"
_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_ISO_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([T ]00:00(:00(\.0+)?)?)?"
_UK_DATE = r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"
_ISO_DATETIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]{3}|\.[0-9]{6})?)?)?"
)
_UK_DATETIME = (
    r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})[ T]([01]?[0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9]))?"
)


def quote(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: Value | None, kind: str) -> str:
    """A Python value as an SQL literal of the field type ``kind``."""
    if value is None:
        return f"NULL::{SQL_TYPES[kind]}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return f"{value!r}::{SQL_TYPES[kind]}"
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP {quote(value.isoformat(sep=' '))}"
    if isinstance(value, dt.date):
        return f"DATE {quote(value.isoformat())}"
    return quote(str(value))


_WS = "".join(
    f"chr({ord(c)})" if i == 0 else f" || chr({ord(c)})" for i, c in enumerate(WHITESPACE)
)


def trimmed(raw: str) -> str:
    """The cell text of a VARCHAR column: trimmed like ``str.strip``, empty as NULL."""
    return f"NULLIF(trim({raw}, {_WS}), '')"


def _in(expr: str, values: list[str]) -> str:
    return f"({expr} IN ({', '.join(quote(v) for v in values)}))" if values else "FALSE"


def _number(value: float) -> str:
    return repr(float(value))


def _both(*parts: str) -> str:
    kept = [p for p in parts if p != "TRUE"]
    return "(" + " AND ".join(kept) + ")" if kept else "TRUE"


@dataclass
class ColumnPlan:
    """One column of the scan: its raw SQL reference, its field and how to check it.

    ``native`` is the DuckDB type of a typed Parquet column checked as such, None for text.
    ``fixups`` maps texts SQL could not decide but the per-cell check accepted to their
    values; ``bad`` holds the texts the per-cell check refused.
    """

    name: str
    raw: str
    ref: str
    spec: FieldFile
    check: FieldCheck
    native: str | None = None
    fixups: dict[str, Value | None] = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)

    @property
    def kind(self) -> str:
        return self.spec.type

    @property
    def text(self) -> str:
        """The cell as the inner projection names it (see :meth:`inner`)."""
        return self.ref

    def inner(self) -> str:
        """The cell computed once from the raw column: text trimmed and NULL when empty, or
        the native value."""
        return self.raw if self.native else trimmed(self.raw)

    def clean(self) -> str:
        """SQL true when a non-empty cell is surely clean (see the module docstring)."""
        return self._native_clean() if self.native else self._text_clean()

    def value(self) -> str:
        """The typed value of the cell: exact where :meth:`clean` holds, looked up among the
        fixups elsewhere, NULL for refused texts."""
        if self.native:
            return self.native_value()
        text = self.text
        sure = self._parsed(text)
        if self.kind == "string":
            if not self.bad:
                return text
            return f"CASE WHEN {_in(text, sorted(self.bad))} THEN NULL ELSE {text} END"
        empty_marker = self._marker_read_as_empty(sure)
        if empty_marker != "FALSE":
            sure = f"CASE WHEN {empty_marker} THEN NULL ELSE {sure} END"
        fix = self._fixup_lookup(text)
        return f"CASE WHEN {text} IS NULL THEN NULL WHEN {self.clean()} THEN {sure} ELSE {fix} END"

    # -- text cells ------------------------------------------------------------------------

    def _text_clean(self) -> str:
        text = self.text
        if self.kind == "string":
            return _both(
                f"(left({text}, 1) NOT IN {_RISKY})",
                _in(text, self.check.enum) if self.check.enum is not None else "TRUE",
                self._pattern(text),
                self._financial_year(text),
            )
        form = self._form(text)
        if form == "FALSE":
            return "FALSE"
        parsed = self._parsed(text)
        return _both(
            form,
            f"({parsed} IS NOT NULL)",
            self._enum_of(parsed),
            self._range(parsed),
            self._window(parsed),
            self._pattern(text),
        )

    def _form(self, text: str) -> str:
        kind = self.kind
        if kind == "integer":
            return f"regexp_full_match({text}, {quote(_INTEGER)})"
        if kind == "number":
            return f"regexp_full_match({text}, {quote(_NUMBER)})"
        if kind == "boolean":
            return _in(f"lower({text})", ["true", "yes", "1", "false", "no", "0"])
        if kind == "date":
            return (
                f"(regexp_full_match({text}, {quote(_ISO_DATE)}) OR "
                f"regexp_full_match({text}, {quote(_UK_DATE)}))"
            )
        if kind == "datetime":
            return (
                f"(regexp_full_match({text}, {quote(_ISO_DATETIME)}) OR "
                f"regexp_full_match({text}, {quote(_UK_DATETIME)}) OR "
                f"regexp_full_match({text}, {quote(_UK_DATE)}))"
            )
        return "FALSE"

    def _parsed(self, text: str) -> str:
        """The typed value of a text in one of the forms of :meth:`_form` (NULL if not real)."""
        kind = self.kind
        if kind == "string":
            return text
        if kind == "integer":
            return f"TRY_CAST(split_part({text}, '.', 1) AS BIGINT)"
        if kind == "number":
            number = f"TRY_CAST({text} AS DOUBLE)"
            return f"CASE WHEN isfinite({number}) THEN {number} END"
        if kind == "boolean":
            return f"(lower({text}) IN ('true', 'yes', '1'))"
        if kind == "date":
            return (
                f"CASE WHEN regexp_full_match({text}, {quote(_ISO_DATE)}) THEN "
                + _make_date(text, _ISO_DATE, 1, 2, 3)
                + f" WHEN regexp_full_match({text}, {quote(_UK_DATE)}) THEN "
                + _make_date(text, _UK_DATE, 3, 2, 1)
                + " END"
            )
        if kind == "datetime":
            uk_time = (
                _make_date(text, _UK_DATETIME, 3, 2, 1)
                + " + to_hours(CAST(regexp_extract("
                + f"{text}, {quote(_UK_DATETIME)}, 4) AS INTEGER))"
                + f" + to_minutes(CAST(regexp_extract({text}, "
                + f"{quote(_UK_DATETIME)}, 5) AS INTEGER))"
                + f" + to_seconds(COALESCE(TRY_CAST(regexp_extract({text}, "
                + f"{quote(_UK_DATETIME)}, 7) AS INTEGER), 0))"
            )
            return (
                f"CASE WHEN regexp_full_match({text}, {quote(_ISO_DATETIME)}) THEN "
                f"TRY_CAST(replace({text}, 'T', ' ') AS TIMESTAMP)"
                f" WHEN regexp_full_match({text}, {quote(_UK_DATETIME)}) THEN "
                f"CAST({uk_time} AS TIMESTAMP)"
                f" WHEN regexp_full_match({text}, {quote(_UK_DATE)}) THEN "
                f"CAST({_make_date(text, _UK_DATE, 3, 2, 1)} AS TIMESTAMP) END"
            )
        raise ValueError(kind)

    def _fixup_lookup(self, text: str) -> str:
        kind = SQL_TYPES[self.kind]
        accepted = self.fixups
        if not accepted:
            return f"NULL::{kind}"
        keys = ", ".join(quote(k) for k in accepted)
        values = ", ".join(literal(v, self.kind) for v in accepted.values())
        return f"CAST(map_extract_value(MAP([{keys}], [{values}]), {text}) AS {kind})"

    # -- rules shared by text and native cells --------------------------------------------

    def _enum_of(self, value: str) -> str:
        enum = self.check.enum
        if enum is None:
            return "TRUE"
        if self.kind in ("integer", "date"):
            return _in(f"CAST({value} AS VARCHAR)", enum) + (
                f" AND year({value}) >= 1000" if self.kind == "date" else ""
            )
        if self.kind == "boolean":
            return _in(f"CASE WHEN {value} THEN 'true' ELSE 'false' END", enum)
        return "FALSE"  # numbers and date-times are compared as Python words them

    def _range(self, value: str) -> str:
        if self.kind not in ("integer", "number"):
            return "TRUE"
        low, high = self.spec.minimum, self.spec.maximum
        parts = []
        if low is not None:
            parts.append(f"{value} >= {_number(low)}")
        if high is not None:
            parts.append(f"{value} <= {_number(high)}")
        return _both(*parts) if parts else "TRUE"

    def _window(self, value: str) -> str:
        """The date window: inside it, or an open-ended marker read as empty."""
        dates = self.check.dates
        if dates is None or self.kind not in ("date", "datetime"):
            return "TRUE"
        day = f"CAST({value} AS DATE)" if self.kind == "datetime" else value
        inside = (
            f"({day} BETWEEN {literal(dates.lowest, 'date')} AND {literal(dates.highest, 'date')})"
        )
        if not self.check.open_ended:
            return inside
        return f"({inside} OR {_markers(day)})"

    def _marker_read_as_empty(self, value: str) -> str:
        if self.check.dates is None or not self.check.open_ended:
            return "FALSE"
        if self.kind not in ("date", "datetime"):
            return "FALSE"
        day = f"CAST({value} AS DATE)" if self.kind == "datetime" else value
        return _markers(day)

    def _pattern(self, text: str) -> str:
        if self.check.pattern is None:
            return "TRUE"
        return f"regexp_full_match({text}, {quote(self.check.pattern.pattern)})"

    def _financial_year(self, text: str) -> str:
        dates = self.check.dates
        if not self.check.financial_year or dates is None:
            return "TRUE"
        start = f"TRY_CAST(left({text}, 4) AS INTEGER)"
        low, high = literal(dates.lowest, "date"), literal(dates.highest, "date")
        return (
            f"({start} < 1 OR {start} > 9998 OR "
            f"(make_date({start} + 1, 3, 31) >= {low} AND make_date({start}, 4, 1) <= {high}))"
        )

    # -- native (typed Parquet) cells --------------------------------------------------------

    def _native_clean(self) -> str:
        value = self.text
        if self.kind == "number":
            if self.check.enum is not None or self.check.pattern is not None:
                return "FALSE"
            return _both(f"isfinite({value})", self._range(value))
        if self.kind == "datetime" and (
            self.check.enum is not None or self.check.pattern is not None
        ):
            return "FALSE"
        sure = _both(
            self._enum_of(value),
            self._range(value),
            self._window(value),
            self._pattern(f"CAST({value} AS VARCHAR)")
            if self.kind != "boolean"
            else self._pattern(f"CASE WHEN {value} THEN 'true' ELSE 'false' END"),
        )
        marker = self._marker_read_as_empty(value)
        return sure if marker == "FALSE" else f"({marker} OR {sure})"

    def native_value(self) -> str:
        """The typed value of a native column (an open-ended marker read as empty)."""
        marker = self._marker_read_as_empty(self.text)
        cast = f"CAST({self.text} AS {SQL_TYPES[self.kind]})"
        return f"CASE WHEN {marker} THEN NULL WHEN {self.clean()} THEN {cast} END"


def _markers(day: str) -> str:
    dates = ", ".join(literal(d, "date") for d in sorted(OPEN_ENDED_MARKERS))
    return f"({day} IN ({dates}))"


def _make_date(text: str, pattern: str, year: int, month: int, day: int) -> str:
    """A DATE from three groups of ``pattern`` in ``text``; NULL when not a real date."""

    def group(n: int) -> str:
        return f"CAST(regexp_extract({text}, {quote(pattern)}, {n}) AS INTEGER)"

    y, m, d = group(year), group(month), group(day)
    return f"CASE WHEN {y} >= 1 THEN TRY_CAST(printf('%04d-%02d-%02d', {y}, {m}, {d}) AS DATE) END"

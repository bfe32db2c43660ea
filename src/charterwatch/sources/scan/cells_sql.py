"""The rules of one field (:class:`~charterwatch.sources.cells.FieldCheck`) as DuckDB SQL.

For each column of a scanned file a :class:`ColumnPlan` gives expressions over the scan: the
cell as text (trimmed exactly as :func:`~..readers.base.cell_text` trims, empty as NULL),
its value when written in a common form, whether the cell is *surely clean*, and its typed
value. "Surely clean" is deliberately narrower than "valid": it accepts only the common
written forms whose value SQL computes exactly as Python does (``2023-04-03``,
``03/04/2023``, ``42``, ``2.5``, ``yes``). Any other cell is not decided here: its distinct
texts go to the per-cell check, which either accepts them (their values are then looked up,
see :attr:`ColumnPlan.fixups`) or words their problems. So SQL never accepts a cell that the
per-cell path would refuse, and the per-cell path stays the one place that words a problem.

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
"""The DuckDB type of each field type (the Arrow types of ``cells.FIELD_TYPES``)."""

NATIVE = {
    "integer": {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"},
    "number": {"DOUBLE"},
    "boolean": {"BOOLEAN"},
    "date": {"DATE"},
    "datetime": {"TIMESTAMP"},
}
"""Column types a Parquet file may hold for each field type and be checked natively."""

_RISKY = ["=", "+", "-", "@", "#", "\t", "\r"]
_INTEGER = r"[+-]?[0-9]{1,18}(\.0*)?"
_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_PLAIN_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ISO_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([T ]00:00(:00(\.0+)?)?)?"
_UK_DATE = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
_ISO_DATETIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]{3}|\.[0-9]{6})?)?)?"
)
_UK_DATETIME = r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}[ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
_SPACE = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"


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


def trimmed(raw: str) -> str:
    """The cell text of a VARCHAR column: trimmed like ``str.strip``, empty as NULL (the
    trim only runs on cells that start or end with white space: it is slow)."""
    edges = quote(f"^{_SPACE}|{_SPACE}$")
    return (
        f"NULLIF(CASE WHEN regexp_matches({raw}, {edges}) "
        f"THEN trim({raw}, {quote(WHITESPACE)}) ELSE {raw} END, '')"
    )


def _in(expr: str, values: list[str]) -> str:
    """``expr`` is one of ``values``: a chain of equalities for short lists (DuckDB plans
    ``IN (...)`` as a join, several times slower per cell), ``list_contains`` for long ones."""
    if not values:
        return "FALSE"
    if len(values) <= 64:
        return "(" + " OR ".join(f"{expr} = {quote(v)}" for v in values) + ")"
    return f"list_contains([{', '.join(quote(v) for v in values)}], {expr})"


def _both(*parts: str) -> str:
    kept = [p for p in parts if p != "TRUE"]
    return "(" + " AND ".join(kept) + ")" if kept else "TRUE"


def _matches(text: str, pattern: str) -> str:
    return f"regexp_full_match({text}, {quote(pattern)})"


@dataclass
class ColumnPlan:
    """One column of the scan: its raw SQL reference, its field and how to check it.

    ``ref`` names the cell in the scan's inner projection and ``parsed_ref`` its value in a
    common written form (see :meth:`parsed`). ``native`` is the DuckDB type of a typed
    Parquet column checked as such, None for text. ``fixups`` maps texts SQL could not decide
    but the per-cell check accepted to their values; ``bad`` holds the texts it refused.
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
    def parsed_ref(self) -> str:
        return "p" + self.ref[1:]

    @property
    def clean_ref(self) -> str:
        return "k" + self.ref[1:]

    def sure_value(self) -> str:
        """The typed value of a cell that :meth:`clean` accepts (from the inner projection)."""
        value = self.ref if self.native or self.kind == "string" else self.parsed_ref
        marker = self._marker_read_as_empty(value)
        cast = f"CAST({value} AS {SQL_TYPES[self.kind]})"
        return cast if marker == "FALSE" else f"CASE WHEN {marker} THEN NULL ELSE {cast} END"

    @property
    def has_parsed(self) -> bool:
        """True when the inner projection computes :meth:`parsed` (typed text columns)."""
        return self.native is None and self.kind != "string"

    def inner(self, light: bool = False) -> str:
        """The cell computed once from the raw column: text trimmed and NULL when empty, or
        the native value. With ``light``, a column whose surely-clean forms hold no white
        space at either end is not trimmed (the trim is the costliest step per cell): a cell
        with such white space is then not surely clean, and the slow path trims it."""
        if self.native:
            return self.raw
        if light and self.edges_refused:
            return f"NULLIF({self.raw}, '')"
        return trimmed(self.raw)

    @property
    def edges_refused(self) -> bool:
        """True when :meth:`clean` refuses any text with white space at an end: typed values
        (their forms have none) and text with allowed values but no pattern."""
        if self.kind != "string":
            return True
        enum = self.check.enum
        return (
            enum is not None
            and self.check.pattern is None
            and all(v and v == v.strip() for v in enum)
        )

    def parsed(self) -> str:
        """The value of a cell (``ref``) written in a common form; NULL for any other text."""
        text, kind = self.ref, self.kind
        if kind == "integer":
            return (
                f"CASE WHEN {_matches(text, _INTEGER)} THEN "
                f"TRY_CAST(split_part({text}, '.', 1) AS BIGINT) END"
            )
        if kind == "number":
            number = f"TRY_CAST({text} AS DOUBLE)"
            return f"CASE WHEN {_matches(text, _NUMBER)} AND isfinite({number}) THEN {number} END"
        if kind == "boolean":
            words = _in(f"lower({text})", ["true", "yes", "1", "false", "no", "0"])
            return f"CASE WHEN {words} THEN {_in(f'lower({text})', ['true', 'yes', '1'])} END"
        if kind == "date":
            return f"CASE {_date_forms(text)} END"
        if kind == "datetime":
            return (
                f"CASE WHEN {_matches(text, _ISO_DATETIME)} AND left({text}, 4) <> '0000' "
                f"THEN TRY_CAST(replace({text}, 'T', ' ') AS TIMESTAMP) "
                f"WHEN {_matches(text, _UK_DATETIME)} AND NOT contains({text}, '/0000') THEN "
                f"COALESCE(TRY_STRPTIME(replace({text}, 'T', ' '), '%d/%m/%Y %H:%M:%S'), "
                f"TRY_STRPTIME(replace({text}, 'T', ' '), '%d/%m/%Y %H:%M')) "
                f"WHEN {_matches(text, _UK_DATE)} AND right({text}, 4) <> '0000' THEN "
                f"TRY_STRPTIME({text}, '%d/%m/%Y') END"
            )
        raise ValueError(kind)

    def clean(self) -> str:
        """SQL true when a non-empty cell is surely clean (see the module docstring)."""
        if self.native:
            return self._native_clean()
        text = self.ref
        if self.kind == "string":
            return _both(
                "(NOT (" + " OR ".join(f"prefix({text}, {quote(c)})" for c in _RISKY) + "))",
                _in(text, self.check.enum) if self.check.enum is not None else "TRUE",
                self._pattern(text),
                self._financial_year(text),
            )
        value = self.parsed_ref
        return _both(
            f"({value} IS NOT NULL)",
            self._enum_of(value),
            self._range(value),
            self._window(value),
            self._pattern(text),
        )

    def value(self) -> str:
        """The typed value of the cell: exact where :meth:`clean` holds, looked up among the
        fixups elsewhere, NULL for refused texts (and for open-ended markers read as empty)."""
        text = self.ref
        if self.native:
            marker = self._marker_read_as_empty(text)
            cast = f"CAST({text} AS {SQL_TYPES[self.kind]})"
            return f"CASE WHEN {marker} THEN NULL WHEN {self.clean()} THEN {cast} END"
        if self.kind == "string":
            if not self.bad:
                return text
            return f"CASE WHEN {_in(text, sorted(self.bad))} THEN NULL ELSE {text} END"
        sure = self.parsed_ref
        marker = self._marker_read_as_empty(sure)
        if marker != "FALSE":
            sure = f"CASE WHEN {marker} THEN NULL ELSE {sure} END"
        if not self.fixups:
            return f"CASE WHEN {self.clean()} THEN CAST({sure} AS {SQL_TYPES[self.kind]}) END"
        return (
            f"CASE WHEN {text} IS NULL THEN NULL WHEN {self.clean()} THEN "
            f"CAST({sure} AS {SQL_TYPES[self.kind]}) ELSE {self._fixup_lookup(text)} END"
        )

    def _fixup_lookup(self, text: str) -> str:
        kind = SQL_TYPES[self.kind]
        keys = ", ".join(quote(k) for k in self.fixups)
        values = ", ".join(literal(v, self.kind) for v in self.fixups.values())
        return f"CAST(map_extract_value(MAP([{keys}], [{values}]), {text}) AS {kind})"

    # -- rules shared by text and native cells --------------------------------------------

    def _enum_of(self, value: str) -> str:
        enum = self.check.enum
        if enum is None:
            return "TRUE"
        if self.kind == "integer":
            return _in(f"CAST({value} AS VARCHAR)", enum)
        if self.kind == "date":
            return f"({_in(f'CAST({value} AS VARCHAR)', enum)} AND year({value}) >= 1000)"
        if self.kind == "boolean":
            return _in(f"CASE WHEN {value} THEN 'true' ELSE 'false' END", enum)
        return "FALSE"  # numbers and date-times are compared as Python words them

    def _range(self, value: str) -> str:
        if self.kind not in ("integer", "number"):
            return "TRUE"
        low, high = self.spec.minimum, self.spec.maximum
        parts = []
        if low is not None:
            parts.append(f"{value} >= {float(low)!r}")
        if high is not None:
            parts.append(f"{value} <= {float(high)!r}")
        return _both(*parts)

    def _window(self, value: str) -> str:
        """The date window: inside it, or an open-ended marker read as empty."""
        dates = self.check.dates
        if dates is None or self.kind not in ("date", "datetime"):
            return "TRUE"
        day = f"CAST({value} AS DATE)" if self.kind == "datetime" else value
        low, high = literal(dates.lowest, "date"), literal(dates.highest, "date")
        inside = f"({day} BETWEEN {low} AND {high})"
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
        return _matches(text, self.check.pattern.pattern)

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
        value = self.ref
        if self.kind == "number":
            if self.check.enum is not None or self.check.pattern is not None:
                return "FALSE"
            return _both(f"isfinite({value})", self._range(value))
        if self.kind == "datetime" and (
            self.check.enum is not None or self.check.pattern is not None
        ):
            return "FALSE"
        if self.kind == "boolean":
            as_text = f"CASE WHEN {value} THEN 'true' ELSE 'false' END"
        else:
            as_text = f"CAST({value} AS VARCHAR)"
        sure = _both(
            self._enum_of(value), self._range(value), self._window(value), self._pattern(as_text)
        )
        marker = self._marker_read_as_empty(value)
        return sure if marker == "FALSE" else f"({marker} OR {sure})"


def _markers(day: str) -> str:
    return (
        "(" + " OR ".join(f"{day} = {literal(d, 'date')}" for d in sorted(OPEN_ENDED_MARKERS)) + ")"
    )


def _date_forms(text: str) -> str:
    """The WHEN branches turning the common written forms of a date into a DATE: the plain
    ISO form by a cast, other ISO forms by their parts, and DD/MM/YYYY (year 0 is no date)."""
    year, month, day = (
        f"CAST(regexp_extract({text}, {quote(_ISO_DATE)}, {n}) AS INTEGER)" for n in (1, 2, 3)
    )
    parts = f"TRY_CAST(printf('%04d-%02d-%02d', {year}, {month}, {day}) AS DATE)"
    return (
        f"WHEN {_matches(text, _PLAIN_DATE)} THEN "
        f"CASE WHEN left({text}, 4) <> '0000' THEN TRY_CAST({text} AS DATE) END "
        f"WHEN {_matches(text, _ISO_DATE)} THEN CASE WHEN {year} >= 1 THEN {parts} END "
        f"WHEN {_matches(text, _UK_DATE)} THEN "
        f"CASE WHEN right({text}, 4) <> '0000' THEN "
        f"CAST(TRY_STRPTIME({text}, '%d/%m/%Y') AS DATE) END"
    )

"""Checking one cell against its field: text in, a typed value or a located problem out.

Field types are a registry (:data:`FIELD_TYPES`): each has its Arrow type, the words for what
is expected, and a parser from text. :class:`FieldCheck` adds the field's own rules (allowed
values, minimum, maximum, pattern) and the guard against spreadsheet formulas in text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from charterwatch.model.files import FieldFile
from charterwatch.sources import codes
from charterwatch.sources.codes import Problem
from charterwatch.sources.formulas import FORMULA_STARTS
from charterwatch.sources.window import DateWindow

FINANCIAL_YEAR_PATTERN = r"^\d{4}-\d{2}$"
"""The pattern of a financial-year column (``2023-24``); its years are checked like dates."""

Value = str | int | float | bool | dt.date | dt.datetime


@dataclass(frozen=True)
class FieldType:
    """One field type: its Arrow type, what it expects in words, and its parser."""

    name: str
    arrow: pa.DataType
    expected: str
    parse: Callable[[str], Value | Problem]


MISSING_WORDS = frozenset({"na", "n/a", "null", "none", "nan", "-", "--", "?", "missing"})
SPREADSHEET_ERRORS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_INTEGER = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$")
_UK_DATETIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_CALL_ANYWHERE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(")
_NUMBER_LIKE = re.compile(r"[\d\s.,()/%]*\d[\d\s.,()/%]*")
_CELL_REFERENCE = re.compile(r"^\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?\b")
BOOLEAN_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _missing_hint(text: str, fix: str) -> str:
    if text.lower() in MISSING_WORDS:
        return f"leave the cell empty when there is no value (not '{text}')"
    return fix


def parse_integer(text: str) -> int | Problem:
    if _INTEGER.match(text):
        value = int(text.split(".")[0])
        if abs(value) < 2**63:
            return value
        return Problem(
            codes.NOT_INTEGER,
            f"{codes.shown(text)} is too large a whole number",
            FIELD_TYPES["integer"].expected,
            "check the value; it has too many digits",
        )
    fix = "write digits only, with no units, spaces, or thousands separators"
    if _NUMBER.match(text):
        fix = "round it to a whole number"
    return Problem(
        codes.NOT_INTEGER,
        f"{codes.shown(text)} is not a whole number",
        FIELD_TYPES["integer"].expected,
        _missing_hint(text, fix),
    )


def parse_number(text: str) -> float | Problem:
    if _NUMBER.match(text) and math.isfinite(float(text)):
        return float(text)
    fix = "write digits with a decimal point, no units or thousands separators"
    if re.match(r"^[+-]?\d+,\d+$", text):
        fix = "use a point for decimals (2.5, not 2,5)"
    elif text.endswith("%"):
        fix = "write the number without the % sign, as the schema describes"
    return Problem(
        codes.NOT_NUMBER,
        f"{codes.shown(text)} is not a number",
        FIELD_TYPES["number"].expected,
        _missing_hint(text, fix),
    )


def parse_boolean(text: str) -> bool | Problem:
    value = BOOLEAN_WORDS.get(text.lower())
    if value is not None:
        return value
    return Problem(
        codes.NOT_BOOLEAN,
        f"{codes.shown(text)} is not true or false",
        FIELD_TYPES["boolean"].expected,
        _missing_hint(text, "write true or false (yes/no and 1/0 also work)"),
    )


def parse_date(text: str) -> dt.date | Problem:
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            return dt.date.fromisoformat(text)  # the common case, fast
        except ValueError:
            pass  # fall through for the precise message
    expected = FIELD_TYPES["date"].expected
    iso, uk = _ISO_DATE.match(text), _UK_DATE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif uk:
        if len(uk.group(3)) != 4:
            return Problem(
                codes.NOT_DATE,
                f"{codes.shown(text)} has a two-digit year",
                expected,
                "write the year in full, e.g. 03/04/2023",
            )
        day, month, year = (int(g) for g in uk.groups())
    else:
        return Problem(
            codes.NOT_DATE,
            f"{codes.shown(text)} is not a date",
            expected,
            _missing_hint(text, "write the date as YYYY-MM-DD, e.g. 2023-04-03"),
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        hint = " (DD/MM/YYYY is read day first)" if uk else ""
        return Problem(
            codes.NOT_DATE,
            f"{codes.shown(text)} is not a real date{hint}",
            expected,
            "check the day and the month",
        )


def parse_datetime(text: str) -> dt.datetime | Problem:
    expected = FIELD_TYPES["datetime"].expected
    uk = _UK_DATETIME.match(text)
    try:
        if uk:
            day, month, year, hour, minute = (int(g) for g in uk.groups()[:5])
            return dt.datetime(year, month, day, hour, minute, int(uk.group(6) or 0))
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            return value
        if _UK_DATE.match(text):
            date = parse_date(text)
            if isinstance(date, dt.date):
                return dt.datetime(date.year, date.month, date.day)
    except ValueError:
        return Problem(
            codes.NOT_DATETIME,
            f"{codes.shown(text)} is not a real date and time",
            expected,
            "check the day, month, hours and minutes",
        )
    return Problem(
        codes.NOT_DATETIME,
        f"{codes.shown(text)} is not a date and time",
        expected,
        _missing_hint(text, "write it as YYYY-MM-DD HH:MM, e.g. 2023-04-03 14:05"),
    )


def parse_string(text: str) -> str:
    return text


FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType("string", pa.string(), "text", parse_string),
        FieldType("integer", pa.int64(), "a whole number such as 42", parse_integer),
        FieldType("number", pa.float64(), "a number such as 42 or 2.5", parse_number),
        FieldType("boolean", pa.bool_(), "true or false (yes/no, 1/0)", parse_boolean),
        FieldType("date", pa.date32(), "a date as YYYY-MM-DD or DD/MM/YYYY", parse_date),
        FieldType(
            "datetime",
            pa.timestamp("us"),
            "a date and time as YYYY-MM-DD HH:MM[:SS]",
            parse_datetime,
        ),
    )
}
"""Every field type by the name used in schemas (``type: integer``)."""


def looks_like_formula(text: str) -> bool:
    """True when text would run as a formula if opened in a spreadsheet.

    Anything starting with ``=``, ``@``, a tab or a carriage return does. After ``+`` or
    ``-``, a number is fine (``-5``, ``-2.5%``, ``+44 (0)131 244 0000``), and so is a dash,
    a space and words (``- see notes``) unless they hold a function call (``NAME(``), a cell
    reference or a DDE link (``|``); anything else counts, such as ``+1+1``, ``-A1`` and
    ``-1+HYPERLINK("...")``.
    """
    if not text.startswith(FORMULA_STARTS):
        return False
    if text[0] not in "+-":
        return True
    rest = text[1:]
    if not rest.strip() or _NUMBER_LIKE.fullmatch(rest):
        return False
    if rest[0].isspace():
        words = rest.lstrip("+- ")
        return bool(_CALL_ANYWHERE.search(words) or _CELL_REFERENCE.match(words) or "|" in words)
    return True


def canonical_text(value: Value) -> str:
    """A converted value as text, for comparing with ``enum`` lists (stage 1 -> '1')."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class FieldCheck:
    """All the rules of one field, applied to one cell's text at a time; ``dates`` (when
    given) is the window every date, date-time and financial year must fall in, and
    ``open_ended`` says the schema lets an open-ended marker (``9999-12-31``) mean empty."""

    def __init__(
        self, spec: FieldFile, dates: DateWindow | None = None, open_ended: bool = False
    ) -> None:
        self.spec = spec
        self.dates = dates
        self.open_ended = open_ended
        self.financial_year = spec.pattern == FINANCIAL_YEAR_PATTERN
        self.type = FIELD_TYPES[spec.type]
        self.pattern = re.compile(spec.pattern) if spec.pattern else None
        self.enum = list(spec.enum) if spec.enum is not None else None
        self.is_text = spec.type == "string"
        self.plain_text = self.is_text and self.enum is None and self.pattern is None

    def check(self, text: str) -> tuple[Value | None, list[Problem]]:
        """The typed value of ``text`` (None when it is wrong) and every problem with it."""
        if self.plain_text and text[0] not in "=+-@#\t\r":
            return text, []  # most cells: free text that cannot be a formula or an error
        if text[0] == "#" and text in SPREADSHEET_ERRORS:
            return None, [
                Problem(
                    codes.SPREADSHEET_ERROR,
                    f"the cell holds the spreadsheet error {text}",
                    self.type.expected,
                    "fix the formula that produced it, or type the value",
                )
            ]
        parsed = self.type.parse(text)
        if isinstance(parsed, Problem):
            return None, [parsed]
        problems: list[Problem] = []
        if self.is_text and looks_like_formula(text):
            problems.append(
                Problem(
                    codes.FORMULA,
                    f"{codes.shown(text)} looks like a spreadsheet formula",
                    "plain text that does not start with =, @, a tab or a line break, nor "
                    "with + or - followed by anything but a number or a space and words",
                    "remove the leading character, or put the text in words; spreadsheet "
                    "formulas in extracts can run when a published download is opened",
                )
            )
        if self.enum is not None:
            problems.extend(self._enum(text if self.is_text else canonical_text(parsed)))
        if isinstance(parsed, int | float) and not isinstance(parsed, bool):
            problems.extend(self._range(parsed))
        if self.dates is not None and isinstance(parsed, dt.date):
            if self.dates.means_not_yet(parsed, self.open_ended):
                return None, []  # "no end date yet": read as an empty cell
            outside = self.dates.problem(parsed, self.open_ended)
            if outside is not None:
                problems.append(outside)
        if self.pattern is not None and not self.pattern.fullmatch(text):
            problems.append(self._pattern(text))
        elif self.financial_year and self.dates is not None:
            outside = self.dates.year_problem(text)
            if outside is not None:
                problems.append(outside)
        return (parsed if not problems else None), problems

    def _enum(self, text: str) -> list[Problem]:
        assert self.enum is not None
        if text in self.enum:
            return []
        same_case = [e for e in self.enum if e.lower() == text.lower()]
        guess = same_case or difflib.get_close_matches(text, self.enum, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return [
            Problem(
                codes.NOT_IN_ENUM,
                f"{codes.shown(text)} is not an allowed value of {self.spec.name}",
                "one of: " + ", ".join(self.enum),
                f"{hint}use one of the allowed values exactly as written",
            )
        ]

    def _range(self, value: float) -> list[Problem]:
        low, high = self.spec.minimum, self.spec.maximum
        if low is not None and value < low:
            return [
                Problem(
                    codes.BELOW_MINIMUM,
                    f"{canonical_text(value)} is below the minimum of {self.spec.name}",
                    f"at least {canonical_text(low)}",
                    "check the value; a negative or tiny value is usually an "
                    "export or subtraction error",
                )
            ]
        if high is not None and value > high:
            return [
                Problem(
                    codes.ABOVE_MAXIMUM,
                    f"{canonical_text(value)} is above the maximum of {self.spec.name}",
                    f"at most {canonical_text(high)}",
                    "check the value and its unit",
                )
            ]
        return []

    def _pattern(self, text: str) -> Problem:
        assert self.pattern is not None
        expected = f"text matching {self.pattern.pattern}"
        if self.financial_year:
            expected = "a financial year such as 2023-24"
        return Problem(
            codes.PATTERN_MISMATCH,
            f"{codes.shown(text)} does not have the form {self.spec.name} needs",
            expected,
            "write the value in the expected form",
        )

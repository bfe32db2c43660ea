"""The catalogue of source problems: every ``CW-S`` code, its meaning, and a capped collector.

Codes are data: each has a title and a sentence of meaning, and ``docs/sources.md`` is checked
against this catalogue by a test. Ranges: ``S001-S019`` the file as a whole, ``S020-S029``
columns, ``S030-S049`` single values, ``S050-S059`` rows compared with each other,
``S060-S079`` narrative evidence (Markdown with front matter).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from charterwatch.model.issues import Issue, IssueList, Level


@dataclass(frozen=True)
class Code:
    """One kind of source problem: its stable id, a short title and what it means."""

    code: str
    title: str
    meaning: str
    level: Level = Level.ERROR


@dataclass(frozen=True)
class Problem:
    """What is wrong with one value, before it is given a place (file, row, column)."""

    code: str
    message: str
    expected: str
    fix: str


FILE_MISSING = "CW-S001"
FILE_UNREADABLE = "CW-S002"
UNKNOWN_FORMAT = "CW-S003"
NOT_UTF8 = "CW-S004"
EMPTY_FILE = "CW-S005"
NO_ROWS = "CW-S006"
CORRUPT_FILE = "CW-S007"
SHEET_MISSING = "CW-S008"
BAD_CSV = "CW-S009"
UNKNOWN_SHAPE = "CW-S010"
DATABASE_UNREACHABLE = "CW-S011"
TABLE_MISSING = "CW-S012"
NO_LOCATION = "CW-S013"
UNSUPPORTED_COLUMN_TYPE = "CW-S014"
BAD_SCHEMA = "CW-S015"

MISSING_COLUMN = "CW-S020"
UNKNOWN_COLUMN = "CW-S021"
DUPLICATE_HEADER = "CW-S022"
UNNAMED_COLUMN = "CW-S023"

REQUIRED_EMPTY = "CW-S030"
NOT_INTEGER = "CW-S031"
NOT_NUMBER = "CW-S032"
NOT_BOOLEAN = "CW-S033"
NOT_DATE = "CW-S034"
NOT_DATETIME = "CW-S035"
NOT_IN_ENUM = "CW-S036"
BELOW_MINIMUM = "CW-S037"
ABOVE_MAXIMUM = "CW-S038"
PATTERN_MISMATCH = "CW-S039"
FORMULA = "CW-S040"
SPREADSHEET_ERROR = "CW-S041"
OUTSIDE_CALENDAR = "CW-S042"
IMPLAUSIBLE_DATE = "CW-S043"
OPEN_ENDED_DATE = "CW-S044"

DUPLICATE_VALUE = "CW-S050"
DUPLICATE_KEY = "CW-S051"
DATE_ORDER = "CW-S052"

NO_FRONT_MATTER = "CW-S060"
FRONT_MATTER_UNCLOSED = "CW-S061"
FRONT_MATTER_NOT_YAML = "CW-S062"
FRONT_MATTER_NOT_MAPPING = "CW-S063"
MISSING_KEY = "CW-S064"
UNKNOWN_KEY = "CW-S065"
EMPTY_BODY = "CW-S066"
NO_EVIDENCE_FILES = "CW-S067"
WRONG_SHAPE_VALUE = "CW-S068"
DUPLICATE_KEY_FRONT_MATTER = "CW-S069"

_ALL = [
    Code(FILE_MISSING, "file not found", "The file or folder named for the source does not exist."),
    Code(
        FILE_UNREADABLE,
        "file cannot be read",
        "The path exists but cannot be read: it is "
        "a folder where a file was expected, or permission is denied.",
    ),
    Code(
        UNKNOWN_FORMAT,
        "unknown format",
        "The file's extension is not one charterwatch reads (.csv, .xlsx, .ods, .parquet).",
    ),
    Code(
        NOT_UTF8,
        "not UTF-8",
        "A text file (CSV or Markdown) is in another encoding, such "
        "as Windows-1252 from 'CSV (Comma delimited)' in Excel.",
    ),
    Code(EMPTY_FILE, "empty file", "The file has no header row: it is empty or blank."),
    Code(
        NO_ROWS,
        "no rows",
        "The file has a header but no data rows. An empty extract is "
        "almost always a mistake, so it is rejected rather than loaded as zero records.",
    ),
    Code(
        CORRUPT_FILE,
        "damaged file",
        "A spreadsheet or Parquet file cannot be opened: it "
        "is truncated, damaged, or not really of the format its name says.",
    ),
    Code(SHEET_MISSING, "sheet not found", "The named sheet is not in the workbook."),
    Code(
        BAD_CSV,
        "malformed CSV",
        "The CSV text cannot be split into cells, e.g. a "
        "quote is never closed or the file holds NUL bytes.",
    ),
    Code(
        UNKNOWN_SHAPE,
        "unknown shape",
        "The source's schema names a shape that is not one of the standard shapes.",
    ),
    Code(
        DATABASE_UNREACHABLE,
        "database unreachable",
        "The database could not be connected to, or its URL is not one Ibis understands.",
    ),
    Code(TABLE_MISSING, "table not found", "The database has no table of that name."),
    Code(
        NO_LOCATION,
        "source has no location",
        "The source has neither a 'path' nor a "
        "database 'url' naming a table, so there is nothing to load.",
    ),
    Code(
        UNSUPPORTED_COLUMN_TYPE,
        "unsupported column type",
        "A Parquet or database column "
        "holds lists, structures, binary data or times of day, which sources cannot hold.",
    ),
    Code(
        BAD_SCHEMA,
        "schema is inconsistent",
        "The source's schema refers to a column it "
        "does not define, orders columns that are not dates, or has an invalid pattern.",
    ),
    Code(
        MISSING_COLUMN,
        "missing column",
        "A required column of the schema is not in the header row.",
    ),
    Code(
        UNKNOWN_COLUMN,
        "unknown column",
        "A column in the file is not in the schema. It "
        "is kept (as text) and this is a warning, not an error.",
        Level.WARNING,
    ),
    Code(
        DUPLICATE_HEADER,
        "duplicate column",
        "Two columns have the same header, so it is unclear which one holds the values.",
    ),
    Code(
        UNNAMED_COLUMN,
        "column without a header",
        "A column has values but its header "
        "cell is empty (in a CSV: a row has more cells than the header).",
    ),
    Code(REQUIRED_EMPTY, "required value empty", "A cell of a required column is empty."),
    Code(
        NOT_INTEGER,
        "not a whole number",
        "An integer column holds something that is not a whole number.",
    ),
    Code(NOT_NUMBER, "not a number", "A number column holds something that is not a number."),
    Code(
        NOT_BOOLEAN,
        "not true or false",
        "A boolean column holds something other than true/false, yes/no or 1/0.",
    ),
    Code(
        NOT_DATE,
        "not a date",
        "A date column holds something that is not a real date written YYYY-MM-DD or DD/MM/YYYY.",
    ),
    Code(
        NOT_DATETIME,
        "not a date and time",
        "A date-time column holds something that is not a date and time such as 2023-04-03 14:05.",
    ),
    Code(
        NOT_IN_ENUM,
        "value not allowed",
        "The value is not one of the column's allowed "
        "values; the message suggests the closest one.",
    ),
    Code(BELOW_MINIMUM, "below the minimum", "A number is smaller than the column allows."),
    Code(ABOVE_MAXIMUM, "above the maximum", "A number is larger than the column allows."),
    Code(
        PATTERN_MISMATCH,
        "wrong form",
        "A text value does not have the required form, "
        "e.g. a financial year must look like 2023-24.",
    ),
    Code(
        FORMULA,
        "spreadsheet formula in text",
        "A text cell starts with =, @, a tab or a carriage return, "
        "or with + or - followed by anything but a number or a space and words "
        "(-1+HYPERLINK(...), +1+1, -A1). Published downloads must never carry a formula "
        "(formula injection), so it is rejected.",
    ),
    Code(
        SPREADSHEET_ERROR,
        "spreadsheet error value",
        "A cell holds a spreadsheet error "
        "such as #N/A or #DIV/0!: the formula that produced it failed.",
    ),
    Code(
        OUTSIDE_CALENDAR,
        "date outside the calendar",
        "A date is outside the years of the framework's working-day calendar, so its "
        "working days cannot be counted. Either the date is wrong, or the calendar's years "
        "(calendar.yaml) need extending.",
    ),
    Code(
        IMPLAUSIBLE_DATE,
        "date outside the plausible dates",
        "A date (or a financial year) is outside the dates the source may plausibly hold: by "
        "default from 1 January of the charter's first year to 31 December of the year after "
        "the release year. One mistyped year would otherwise add a year to the release. Either "
        "the date is wrong, or the source's 'dates:' (earliest, latest) or "
        "project.release_date need setting.",
    ),
    Code(
        OPEN_ENDED_DATE,
        "open-ended marker",
        "A date such as 9999-12-31, 2999-12-31 or 2099-12-31, which extracts write for 'no "
        "end date yet', is in a column that does not allow it. Leave the cell empty, or list "
        "the column under 'open_ended:' in the source's schema so the marker reads as empty.",
    ),
    Code(
        DUPLICATE_VALUE,
        "duplicate value",
        "A column that must be unique (an id) has "
        "the same value in two or more rows; the message names the rows.",
    ),
    Code(
        DUPLICATE_KEY,
        "duplicate record",
        "Two or more rows have the same primary key (the columns that together identify a record).",
    ),
    Code(
        DATE_ORDER,
        "dates out of order",
        "A later date is before the earlier one, e.g. "
        "a decision before its application was received.",
    ),
    Code(
        NO_FRONT_MATTER,
        "no front matter",
        "A narrative evidence file does not start with a front matter block between '---' lines.",
    ),
    Code(
        FRONT_MATTER_UNCLOSED,
        "front matter not closed",
        "The front matter starts with '---' but no closing '---' line follows.",
    ),
    Code(FRONT_MATTER_NOT_YAML, "front matter not YAML", "The front matter is not valid YAML."),
    Code(
        FRONT_MATTER_NOT_MAPPING,
        "front matter not key: value",
        "The front matter is YAML but not a list of 'key: value' lines.",
    ),
    Code(MISSING_KEY, "missing key", "A required front matter key is missing."),
    Code(
        UNKNOWN_KEY,
        "unknown key",
        "A front matter key is not one charterwatch knows; it is kept and this is a warning.",
        Level.WARNING,
    ),
    Code(
        EMPTY_BODY,
        "no evidence text",
        "A narrative evidence file has front matter but no text after it.",
    ),
    Code(
        NO_EVIDENCE_FILES,
        "no evidence files",
        "The narrative evidence folder holds no Markdown (.md) files.",
    ),
    Code(
        WRONG_SHAPE_VALUE,
        "list or single value",
        "A front matter key holds a list or "
        "mapping where a single value is expected, or a mapping inside a list.",
    ),
    Code(
        DUPLICATE_KEY_FRONT_MATTER,
        "key twice",
        "A front matter key appears twice; YAML would silently keep only the last.",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}
"""Every source problem by code, in code order."""

CAP_PER_CODE = 50
"""How many problems of one code are listed for one file before the rest are counted."""


def issue(
    code: str,
    message: str,
    *,
    file: str | None,
    row: int | None = None,
    column: str | None = None,
    line: int | None = None,
    location: str | None = None,
    expected: str | None = None,
    found: str | None = None,
    fix: str | None = None,
) -> Issue:
    """An :class:`Issue` with the level of its catalogued code. Raises KeyError for a typo."""
    return Issue(
        code=code,
        level=CODES[code].level,
        message=message,
        file=file,
        line=line,
        location=location,
        row=row,
        column=column,
        expected=expected,
        found=found,
        fix=fix,
    )


def shown(value: object) -> str:
    """A value as quoted in messages: text in quotes, cut to 80 characters."""
    text = f"'{value}'" if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass
class IssueCollector:
    """Collects the issues of one file, listing at most ``cap`` per code and counting the rest."""

    file: str | None
    cap: int = CAP_PER_CODE
    _items: list[Issue] = field(default_factory=list)
    _counts: Counter[str] = field(default_factory=Counter)

    def add(self, item: Issue) -> None:
        self._counts[item.code] += 1
        if self._counts[item.code] <= self.cap:
            self._items.append(item)

    def extend(self, items: list[Issue]) -> None:
        for item in items:
            self.add(item)

    @property
    def has_errors(self) -> bool:
        """True once any error was added, listed or only counted."""
        return any(CODES[code].level is Level.ERROR for code in self._counts)

    def finish(self) -> IssueList:
        """The listed issues in row order (file-wide ones first), then one "and N more"
        issue for each code that passed the cap."""
        out = IssueList(sorted(self._items, key=lambda i: i.row or 0))
        for code, count in self._counts.items():
            if count > self.cap:
                out.add(
                    issue(
                        code,
                        f"and {count - self.cap} more problems like this ({code}) in this file",
                        file=self.file,
                        fix=f"fix the {self.cap} listed above, then check the file again",
                    )
                )
        return out

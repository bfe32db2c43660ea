"""The corpus of broken inputs: each ``invalid_*`` case builds one small file and loads it.

Every case starts from the canonical applications (or a small table of another shape) and
breaks one thing, and names the code, the words of the message and, where it applies, the
row and column a spreadsheet would show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from charterwatch.model.files import SourceFile, SourceSchemaFile
from charterwatch.sources import SourceLoad, load_narrative, load_source, read_sql_table
from charterwatch.sources import read_table as _read_table
from charterwatch.sources.shapes import resolve_schema
from charterwatch.sources.window import DateWindow
from tests.sources.fixtures import (
    APPLICATIONS,
    HEADER,
    ROWS,
    csv_text,
    typed_table,
    write_csv,
    write_duckdb,
    write_ods,
    write_parquet,
    write_xlsx,
)


@dataclass(frozen=True)
class Case:
    """One broken input: how to build and load it, and the issue it must produce."""

    name: str
    load: Callable[[Path], SourceLoad]
    code: str
    message: str
    row: int | None = None
    column: str | None = None
    line: int | None = None
    fix: str | None = None


def read_table(
    path: Path, schema: SourceSchemaFile | None = None, sheet: str | None = None
) -> SourceLoad:
    return _read_table(path, schema, root=path.parent, sheet=sheet)


def shape(name: str) -> SourceSchemaFile:
    return resolve_schema(SourceSchemaFile(shape=name))


def changed(row: int, column: str, value: object) -> list[list[object]]:
    """The canonical rows with one cell changed (``row`` counts the header as 1)."""
    rows = [list(r) for r in ROWS]
    rows[row - 2][HEADER.index(column)] = value
    return rows


def apps_csv(
    rows: Sequence[Sequence[object]] = ROWS, header: Sequence[str] = HEADER
) -> Callable[[Path], SourceLoad]:
    return lambda d: read_table(write_csv(d / "applications.csv", header, rows), APPLICATIONS)


CALENDAR_YEARS = DateWindow(dt.date(2016, 1, 1), dt.date(2030, 12, 31))
"""The dates a framework's calendar covers, as :func:`load_framework_sources` passes them."""


def dated_csv(rows: Sequence[Sequence[object]]) -> Callable[[Path], SourceLoad]:
    """The applications with ``rows``, loaded with the calendar's years as the date window."""

    def load(d: Path) -> SourceLoad:
        path = write_csv(d / "applications.csv", HEADER, rows)
        return _read_table(path, APPLICATIONS, root=d, dates=CALENDAR_YEARS)

    return load


PLAUSIBLE = DateWindow(
    dt.date(2016, 1, 1),
    dt.date(2030, 12, 31),
    dt.date(2019, 1, 1),
    dt.date(2024, 12, 31),
    "from the charter's first year, 2019 to the year after the release year (2023, "
    "project.release_date)",
)
"""A framework's window: its calendar's years and, inside them, the plausible dates."""


def plausible_csv(rows: Sequence[Sequence[object]]) -> Callable[[Path], SourceLoad]:
    """The applications with ``rows``, loaded with :data:`PLAUSIBLE` as the date window."""

    def load(d: Path) -> SourceLoad:
        path = write_csv(d / "applications.csv", HEADER, rows)
        return _read_table(path, APPLICATIONS, root=d, dates=PLAUSIBLE)

    return load


def plausible_table(schema_name: str, header: str, *rows: str) -> Callable[[Path], SourceLoad]:
    """A small CSV of another shape, loaded with :data:`PLAUSIBLE` as the date window."""

    def load(d: Path) -> SourceLoad:
        path = d / f"{schema_name}.csv"
        path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
        return _read_table(path, shape(schema_name), root=d, dates=PLAUSIBLE)

    return load


def dated_duckdb(
    received: dt.date, window: DateWindow = CALENDAR_YEARS
) -> Callable[[Path], SourceLoad]:
    """A database table of the applications whose first case was received on ``received``."""

    def load(d: Path) -> SourceLoad:
        table = typed_table()
        column = table.column("received_date").to_pylist()
        column[0] = received
        index = table.column_names.index("received_date")
        table = table.set_column(index, "received_date", pa.array(column, pa.date32()))
        write_duckdb(d / "cases.ddb", table=table)
        url = f"duckdb://{d / 'cases.ddb'}"
        return read_sql_table(url, "applications", APPLICATIONS, dates=window)

    return load


def raw_file(
    name: str, data: bytes, schema: SourceSchemaFile | None = APPLICATIONS
) -> Callable[[Path], SourceLoad]:
    def load(d: Path) -> SourceLoad:
        (d / name).write_bytes(data)
        return read_table(d / name, schema)

    return load


def table_csv(schema_name: str, header: str, *rows: str) -> Callable[[Path], SourceLoad]:
    text = "\n".join([header, *rows]) + "\n"
    return raw_file(f"{schema_name}.csv", text.encode(), shape(schema_name))


CALLS = "call_id,date,queue,wait_seconds,abandoned"
STAFF = "year,characteristic,group,headcount"
SURVEY = "respondent_id,year,question,answer,weight"
COMPLAINTS = "complaint_id,stage,received_date,category"


def without(column: str) -> Callable[[Path], SourceLoad]:
    i = HEADER.index(column)
    header = HEADER[:i] + HEADER[i + 1 :]
    return apps_csv([r[:i] + r[i + 1 :] for r in ROWS], header)


def truncated(
    write: Callable[[Path], Path], name: str, keep: float = 0.6
) -> Callable[[Path], SourceLoad]:
    def load(d: Path) -> SourceLoad:
        path = write(d / name)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])
        return read_table(path, APPLICATIONS)

    return load


def source(
    schema: dict[str, object] | None, path: str | None = "a.csv", **kw: object
) -> SourceFile:
    return SourceFile.model_validate(
        {
            "id": "apps",
            "name": "Applications",
            "owner": "MI team",
            "kind": "case_records",
            "path": path,
            "schema": schema,
            **kw,
        }
    )


def load_with(src: SourceFile) -> Callable[[Path], SourceLoad]:
    def load(d: Path) -> SourceLoad:
        write_csv(d / "a.csv")
        return load_source(src, root=d)

    return load


def narrative(*files: tuple[str, str | bytes]) -> Callable[[Path], SourceLoad]:
    def load(d: Path) -> SourceLoad:
        folder = d / "evidence"
        folder.mkdir()
        for name, content in files:
            data = content.encode() if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return load_narrative(folder, root=d)

    return load


GOOD_FRONT = "measure: m1\nyear: 2023-24\nkind: quote\nsource: Client panel\n"


def md(front: str = GOOD_FRONT, body: str = "Staff were kind.\n") -> str:
    return f"---\n{front}---\n{body}"


def nested_parquet(d: Path) -> SourceLoad:
    table = pa.table(
        {
            "case_id": ["A"],
            "benefit": ["ADP"],
            "received_date": [dt.date(2023, 4, 3)],
            "tags": [["x", "y"]],
        }
    )
    return read_table(write_parquet(d / "a.parquet", table), APPLICATIONS)


def parquet_negative_wait(d: Path) -> SourceLoad:
    table = pa.table(
        {
            "call_id": ["C1"],
            "date": [dt.date(2023, 4, 3)],
            "queue": ["ADP"],
            "wait_seconds": [-1],
            "abandoned": [False],
        }
    )
    return read_table(write_parquet(d / "calls.parquet", table), shape("calls"))


def folder_named_csv(d: Path) -> SourceLoad:
    (d / "applications.csv").mkdir()
    return read_table(d / "applications.csv", APPLICATIONS)


def duckdb_missing_table(d: Path) -> SourceLoad:
    write_duckdb(d / "cases.ddb")
    return read_sql_table(f"duckdb://{d / 'cases.ddb'}", "applicatons", APPLICATIONS)


LATIN1 = csv_text(HEADER, changed(3, "case_id", "A-0002-Sí")).encode("latin-1")

CASES: list[Case] = [
    Case(
        "invalid_missing_column",
        without("received_date"),
        "CW-S020",
        "the required column 'received_date' is missing",
        row=1,
        column="received_date",
    ),
    Case(
        "invalid_column_misnamed",
        apps_csv(header=["Case ID", *HEADER[1:]]),
        "CW-S020",
        "the required column 'case_id' is missing",
        column="case_id",
        fix="rename the column 'Case ID' to 'case_id'",
    ),
    Case(
        "invalid_wrong_type",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,twelve,no"),
        "CW-S031",
        "'twelve' is not a whole number",
        row=2,
        column="wait_seconds",
    ),
    Case(
        "invalid_decimal_in_integer",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,12.5,no"),
        "CW-S031",
        "'12.5' is not a whole number",
        row=2,
        fix="round it to a whole number",
    ),
    Case(
        "invalid_bad_date",
        apps_csv(changed(4, "received_date", "2023-02-30")),
        "CW-S034",
        "'2023-02-30' is not a real date",
        row=4,
        column="received_date",
    ),
    Case(
        "invalid_date_words",
        apps_csv(changed(2, "decided_date", "last Tuesday")),
        "CW-S034",
        "'last Tuesday' is not a date",
        row=2,
        column="decided_date",
    ),
    Case(
        "invalid_us_date",
        apps_csv(changed(2, "received_date", "04/13/2023")),
        "CW-S034",
        "'04/13/2023' is not a real date (DD/MM/YYYY is read day first)",
        row=2,
    ),
    Case(
        "invalid_two_digit_year",
        apps_csv(changed(3, "received_date", "04/04/23")),
        "CW-S034",
        "'04/04/23' has a two-digit year",
        row=3,
    ),
    Case(
        "invalid_decision_before_application",
        apps_csv(changed(2, "decided_date", dt.date(2023, 3, 1))),
        "CW-S052",
        "decided_date 2023-03-01 is before received_date 2023-04-03",
        row=2,
        column="decided_date",
    ),
    Case(
        "invalid_duplicate_id",
        apps_csv(changed(5, "case_id", "A-0002")),
        "CW-S050",
        "case_id 'A-0002' appears more than once: rows 3 and 5",
        row=5,
        column="case_id",
    ),
    Case(
        "invalid_unknown_benefit",
        apps_csv(changed(3, "benefit", "SCPP")),
        "CW-S036",
        "'SCPP' is not an allowed value of benefit",
        row=3,
        column="benefit",
        fix="did you mean 'SCP'? use one of the allowed values exactly as written",
    ),
    Case(
        "invalid_benefit_lower_case",
        apps_csv(changed(2, "benefit", "adp")),
        "CW-S036",
        "'adp' is not an allowed value of benefit",
        fix="did you mean 'ADP'? use one of the allowed values exactly as written",
    ),
    Case(
        "invalid_formula_equals",
        apps_csv(changed(2, "age_group", "=1+2")),
        "CW-S040",
        "'=1+2' looks like a spreadsheet formula",
        row=2,
        column="age_group",
    ),
    Case(
        "invalid_formula_at",
        apps_csv(changed(3, "case_id", "@SUM(A1:A9)")),
        "CW-S040",
        "'@SUM(A1:A9)' looks like a spreadsheet formula",
        row=3,
        column="case_id",
    ),
    Case(
        "invalid_formula_dde",
        apps_csv(changed(4, "age_group", "-2+3+cmd|' /C calc'!A0")),
        "CW-S040",
        "looks like a spreadsheet formula",
        row=4,
    ),
    Case(
        "invalid_formula_in_extra_column",
        apps_csv([[*r, '=HYPERLINK("http://x")'] for r in ROWS], [*HEADER, "note"]),
        "CW-S040",
        "looks like a spreadsheet formula",
        row=2,
        column="note",
    ),
    Case(
        "invalid_formula_in_header",
        apps_csv([[*r, "x"] for r in ROWS], [*HEADER, "=cmd|' /C calc'!A0"]),
        "CW-S040",
        "the header '=cmd|' /C calc'!A0' looks like a spreadsheet formula",
        row=1,
    ),
    Case(
        "invalid_latin1_encoding",
        raw_file("applications.csv", LATIN1),
        "CW-S004",
        "the file is not UTF-8 — save it as CSV UTF-8",
        line=3,
    ),
    Case(
        "invalid_utf16_encoding",
        raw_file("applications.csv", csv_text(HEADER, ROWS).encode("utf-16")),
        "CW-S004",
        "the file is not UTF-8 — save it as CSV UTF-8",
    ),
    Case(
        "invalid_empty_file",
        raw_file("applications.csv", b""),
        "CW-S005",
        "the file is empty: there is no header row",
        row=1,
    ),
    Case(
        "invalid_blank_lines_only",
        raw_file("applications.csv", b"\r\n\r\n  \n"),
        "CW-S005",
        "the file is empty",
    ),
    Case(
        "invalid_commas_only",
        raw_file("applications.csv", b",,,\n,,,\n"),
        "CW-S005",
        "the file is empty",
    ),
    Case(
        "invalid_header_only",
        apps_csv([]),
        "CW-S006",
        "the file has a header row but no data rows",
        row=2,
    ),
    Case(
        "invalid_negative_wait_seconds",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,-5,no"),
        "CW-S037",
        "-5 is below the minimum of wait_seconds",
        row=2,
        column="wait_seconds",
    ),
    Case(
        "invalid_wait_above_maximum",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,30,no", "C2,2023-04-03,ADP,90000,no"),
        "CW-S038",
        "90000 is above the maximum of wait_seconds",
        row=3,
    ),
    Case(
        "invalid_bad_boolean",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,5,maybe"),
        "CW-S033",
        "'maybe' is not true or false",
        row=2,
        column="abandoned",
    ),
    Case(
        "invalid_na_for_missing_number",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,NA,no"),
        "CW-S031",
        "'NA' is not a whole number",
        fix="leave the cell empty when there is no value (not 'NA')",
    ),
    Case(
        "invalid_spreadsheet_error",
        table_csv("calls", CALLS, "C1,2023-04-03,ADP,#N/A,no"),
        "CW-S041",
        "the cell holds the spreadsheet error #N/A",
        row=2,
        column="wait_seconds",
    ),
    Case(
        "invalid_missing_file",
        lambda d: read_table(d / "nowhere.csv", APPLICATIONS),
        "CW-S001",
        "the file does not exist",
    ),
    Case(
        "invalid_folder_not_file",
        folder_named_csv,
        "CW-S002",
        "the file cannot be read: it is a folder, not a file",
    ),
    Case(
        "invalid_unknown_extension",
        raw_file("applications.txt", b"case_id\nA\n"),
        "CW-S003",
        "charterwatch cannot read '.txt' files",
    ),
    Case(
        "invalid_duplicate_header",
        apps_csv([[*r, "X"] for r in ROWS], [*HEADER, "benefit"]),
        "CW-S022",
        "the column 'benefit' appears twice: columns B and I",
        row=1,
    ),
    Case(
        "invalid_values_without_header",
        raw_file(
            "applications.csv",
            (csv_text(HEADER, ROWS) + "A-0006,ADP,2023-04-03,,,,,,stray\r\n").encode(),
        ),
        "CW-S023",
        "column I has values but no header",
        row=7,
    ),
    Case(
        "invalid_blank_required_cell",
        apps_csv(changed(3, "received_date", None)),
        "CW-S030",
        "received_date is required but the cell is empty",
        row=3,
        column="received_date",
    ),
    Case(
        "invalid_pattern_mismatch",
        table_csv("staff", STAFF, "2023/24,sex,female,120"),
        "CW-S039",
        "'2023/24' does not have the form year needs",
        row=2,
        column="year",
    ),
    Case(
        "invalid_bad_stage_enum",
        table_csv("complaints", COMPLAINTS, "K1,3,2023-04-03,staff_attitude"),
        "CW-S036",
        "'3' is not an allowed value of stage",
        row=2,
        column="stage",
    ),
    Case(
        "invalid_duplicate_primary_key",
        table_csv(
            "staff",
            STAFF,
            "2023-24,sex,female,120",
            "2023-24,sex,male,80",
            "2023-24,sex,female,121",
        ),
        "CW-S051",
        "the record (year, characteristic, group) = (2023-24, sex, female) appears more than "
        "once: rows 2 and 4",
        row=4,
    ),
    Case(
        "invalid_comma_decimal",
        table_csv("survey_responses", SURVEY, "R1,2023-24,q1,Yes,2,5"),
        "CW-S023",
        "column F has values but no header",
    ),
    Case(
        "invalid_quoted_comma_decimal",
        table_csv("survey_responses", SURVEY, 'R1,2023-24,q1,Yes,"2,5"'),
        "CW-S032",
        "'2,5' is not a number",
        fix="use a point for decimals (2.5, not 2,5)",
    ),
    Case(
        "invalid_zero_weight",
        table_csv("survey_responses", SURVEY, "R1,2023-24,q1,Yes,0"),
        "CW-S037",
        "0 is below the minimum of weight",
        row=2,
    ),
    Case(
        "invalid_unclosed_quote",
        raw_file("applications.csv", (csv_text(HEADER, ROWS) + '"A-0006,ADP\r\n').encode()),
        "CW-S009",
        "the CSV text cannot be split into cells",
    ),
    Case(
        "invalid_semicolon_separated",
        raw_file("applications.csv", b"case_id;benefit;received_date\nA;ADP;2023-04-03\n"),
        "CW-S009",
        "the file separates values with semicolons, not commas",
    ),
    Case(
        "invalid_truncated_xlsx",
        truncated(write_xlsx, "applications.xlsx"),
        "CW-S007",
        "the file cannot be read as an XLSX workbook",
    ),
    Case(
        "invalid_truncated_ods",
        truncated(write_ods, "applications.ods"),
        "CW-S007",
        "the file cannot be read as an ODS spreadsheet",
    ),
    Case(
        "invalid_csv_renamed_xlsx",
        raw_file("applications.xlsx", csv_text(HEADER, ROWS).encode()),
        "CW-S007",
        "the file is not a zip-based workbook at all",
    ),
    Case(
        "invalid_corrupt_parquet",
        truncated(write_parquet, "applications.parquet"),
        "CW-S007",
        "the file cannot be read as a Parquet file",
    ),
    Case(
        "invalid_missing_sheet",
        lambda d: read_table(
            write_xlsx(d / "a.xlsx", sheet="Cases"), APPLICATIONS, sheet="Applications"
        ),
        "CW-S008",
        "the workbook has no sheet named 'Applications'",
    ),
    Case(
        "invalid_xlsx_text_in_date",
        lambda d: read_table(
            write_xlsx(d / "a.xlsx", rows=changed(4, "received_date", "TBC")), APPLICATIONS
        ),
        "CW-S034",
        "'TBC' is not a date",
        row=4,
    ),
    Case(
        "invalid_xlsx_formula_text",
        lambda d: read_table(
            write_xlsx(d / "a.xlsx", rows=changed(5, "age_group", "=2+5")), APPLICATIONS
        ),
        "CW-S040",
        "'=2+5' looks like a spreadsheet formula",
        row=5,
        column="age_group",
    ),
    Case(
        "invalid_ods_unknown_outcome",
        lambda d: read_table(
            write_ods(d / "a.ods", rows=changed(2, "outcome", "aproved")), APPLICATIONS
        ),
        "CW-S036",
        "'aproved' is not an allowed value of outcome",
        row=2,
        fix="did you mean 'approved'? use one of the allowed values exactly as written",
    ),
    Case(
        "invalid_parquet_negative_wait",
        parquet_negative_wait,
        "CW-S037",
        "-1 is below the minimum of wait_seconds",
        row=2,
    ),
    Case(
        "invalid_parquet_nested_column",
        nested_parquet,
        "CW-S014",
        "the column 'tags' holds list<element: string>, which a source cannot hold",
    ),
    Case(
        "invalid_duckdb_missing_table",
        duckdb_missing_table,
        "CW-S012",
        "the database has no table named 'applicatons'",
        fix="did you mean 'applications'? correct the table name after '#' in the source's url, "
        "or create the table",
    ),
    Case(
        "invalid_duckdb_missing_file",
        lambda d: read_sql_table("duckdb://nope.ddb", "applications", APPLICATIONS, base=d),
        "CW-S011",
        "does not exist",
    ),
    Case(
        "invalid_postgres_wrong_port",
        lambda d: read_sql_table("postgresql://postgres@127.0.0.1:1/test", "applications"),
        "CW-S011",
        "the database cannot be read",
    ),
    Case(
        "invalid_datetime",
        raw_file(
            "log.csv",
            b"at\n2023-04-03 25:00\n",
            SourceSchemaFile.model_validate(
                {"shape": "records", "fields": [{"name": "at", "type": "datetime"}]}
            ),
        ),
        "CW-S035",
        "'2023-04-03 25:00' is not a real date and time",
        row=2,
    ),
    Case(
        "invalid_unknown_shape",
        load_with(source({"shape": "aplications"})),
        "CW-S010",
        "source 'apps' names the unknown shape 'aplications'",
        fix="did you mean 'applications'?",
    ),
    Case(
        "invalid_no_location",
        load_with(source({"shape": "applications"}, path=None)),
        "CW-S013",
        "source 'apps' cannot be loaded: it has no path",
    ),
    Case(
        "invalid_database_url_without_table",
        load_with(source({"shape": "applications"}, path=None, url="duckdb://x.ddb")),
        "CW-S013",
        "the url names no table",
    ),
    Case(
        "invalid_schema_date_order",
        load_with(
            source(
                {
                    "shape": "records",
                    "fields": [{"name": "case_id", "type": "string"}],
                    "date_order": [["received_date", "case_id"]],
                }
            )
        ),
        "CW-S015",
        "date_order names 'received_date', which is not a field",
    ),
    Case(
        "invalid_schema_pattern",
        load_with(source({"fields": [{"name": "case_id", "type": "string", "pattern": "[A-"}]})),
        "CW-S015",
        "the pattern of 'case_id' is not a valid regex",
    ),
    Case(
        "invalid_narrative_no_front_matter",
        narrative(("a.md", "Staff were kind.\n")),
        "CW-S060",
        "the file does not start with front matter",
        line=1,
    ),
    Case(
        "invalid_narrative_unclosed",
        narrative(("a.md", "---\n" + GOOD_FRONT + "Text\n")),
        "CW-S061",
        "the front matter starts with '---' on line 1 but is never closed",
    ),
    Case(
        "invalid_narrative_bad_yaml",
        narrative(("a.md", md(GOOD_FRONT + "title: [oops\n"))),
        "CW-S062",
        "the front matter is not valid YAML",
    ),
    Case(
        "invalid_narrative_not_mapping",
        narrative(("a.md", md("- just\n- a list\n"))),
        "CW-S063",
        "the front matter is not a set of 'key: value' lines",
        line=2,
    ),
    Case(
        "invalid_narrative_missing_key",
        narrative(("a.md", md(GOOD_FRONT.replace("measure: m1\n", "")))),
        "CW-S064",
        "the required key 'measure' is missing from the front matter",
    ),
    Case(
        "invalid_narrative_unknown_kind",
        narrative(("a.md", md(GOOD_FRONT.replace("kind: quote", "kind: quotes")))),
        "CW-S036",
        "'quotes' is not an allowed value of kind",
        line=4,
        fix="did you mean 'quote'? use one of the allowed values exactly as written",
    ),
    Case(
        "invalid_narrative_bad_year",
        narrative(("a.md", md(GOOD_FRONT.replace("2023-24", "2023")))),
        "CW-S039",
        "'2023' does not have the form year needs",
        line=3,
    ),
    Case(
        "invalid_narrative_empty_body",
        narrative(("a.md", md(body="\n  \n"))),
        "CW-S066",
        "the file has front matter but no evidence text after it",
    ),
    Case(
        "invalid_narrative_empty_folder",
        narrative(("notes.txt", "not evidence")),
        "CW-S067",
        "the folder holds no Markdown (.md) files",
    ),
    Case(
        "invalid_narrative_list_for_single_value",
        narrative(("a.md", md(GOOD_FRONT.replace("measure: m1", "measure: [m1, m2]")))),
        "CW-S068",
        "'measure' holds a list",
        line=2,
    ),
    Case(
        "invalid_narrative_duplicate_key",
        narrative(("a.md", md(GOOD_FRONT + "year: 2022-23\n"))),
        "CW-S069",
        "the key 'year' appears twice (lines 3 and 6)",
        line=6,
    ),
    Case(
        "invalid_narrative_bad_boolean",
        narrative(("a.md", md(GOOD_FRONT + "synthetic: perhaps\n"))),
        "CW-S033",
        "'perhaps' is not true or false",
        line=6,
    ),
    Case(
        "invalid_narrative_latin1",
        narrative(("a.md", md(body="Très bien\n").encode("latin-1"))),
        "CW-S004",
        "the file is not UTF-8",
        line=7,
    ),
    Case(
        "invalid_narrative_one_bad_file_of_two",
        narrative(("a.md", md()), ("b.md", md(GOOD_FRONT.replace("source: Client panel\n", "")))),
        "CW-S064",
        "the required key 'source' is missing",
    ),
    Case(
        "invalid_date_after_the_calendar",
        dated_csv(changed(3, "decided_date", dt.date(2031, 1, 6))),
        "CW-S042",
        "2031-01-06 is outside the working-day calendar's years",
        row=3,
        column="decided_date",
        fix="check the date; if it is right, extend the calendar's years (first_year, "
        "last_year in the framework's calendar.yaml)",
    ),
    Case(
        "invalid_date_before_the_calendar_in_a_database",
        dated_duckdb(received=dt.date(2015, 12, 31)),
        "CW-S042",
        "2015-12-31 is outside the working-day calendar's years",
        column="received_date",
    ),
    Case(
        "invalid_date_after_the_plausible_dates",
        plausible_csv(changed(3, "decided_date", dt.date(2025, 1, 6))),
        "CW-S043",
        "2025-01-06 is after the latest plausible date for this source, 2024-12-31",
        row=3,
        column="decided_date",
        fix="check the date (a mistyped year?); if it is right, set the source's "
        "'dates: {earliest: ..., latest: ...}' in the framework folder, or "
        "project.release_date",
    ),
    Case(
        "invalid_date_before_the_plausible_dates_in_a_database",
        dated_duckdb(dt.date(2018, 12, 31), PLAUSIBLE),
        "CW-S043",
        "2018-12-31 is before the earliest plausible date for this source, 2019-01-01",
        column="received_date",
    ),
    Case(
        "invalid_financial_year_after_the_release",
        plausible_table("staff", STAFF, "2023-24,total,all,120", "2031-32,total,all,130"),
        "CW-S043",
        "the financial year 2031-32 is outside the plausible dates of this source",
        row=3,
        column="year",
    ),
    Case(
        "invalid_open_ended_marker",
        plausible_csv(changed(4, "decided_date", dt.date(9999, 12, 31))),
        "CW-S044",
        "9999-12-31 looks like an 'open-ended' marker (a date meaning 'not yet')",
        row=4,
        column="decided_date",
    ),
    Case(
        "invalid_open_ended_marker_in_a_database",
        dated_duckdb(dt.date(2999, 12, 31), PLAUSIBLE),
        "CW-S044",
        "2999-12-31 looks like an 'open-ended' marker",
        column="received_date",
    ),
    Case(
        "invalid_open_ended_on_a_required_column",
        load_with(source({"shape": "applications", "open_ended": ["received_date"]})),
        "CW-S015",
        "open_ended names 'received_date', which is required",
    ),
    Case(
        "invalid_open_ended_on_a_text_column",
        load_with(source({"shape": "applications", "open_ended": ["outcome"]})),
        "CW-S015",
        "open_ended names 'outcome', which is not a date field",
    ),
]

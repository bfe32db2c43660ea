"""Good files for the fast-path tests: tricky but clean extracts, each with its schema.

Every file here must load (fast path or not) and must take the fast path, so that the test
comparing it with the per-cell path compares two real results.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources.shapes import resolve_schema
from tests.sources.fixtures import APPLICATIONS, HEADER, ROWS, csv_text, text


def shape(name: str) -> SourceSchemaFile:
    return resolve_schema(SourceSchemaFile(shape=name))


def records(*fields: dict[str, object], **more: object) -> SourceSchemaFile:
    return SourceSchemaFile.model_validate({"shape": "records", "fields": list(fields), **more})


def lines(*rows: str, end: str = "\n") -> bytes:
    return "".join(row + end for row in rows).encode()


def apps(rows: Sequence[Sequence[object]] = ROWS, header: Sequence[str] = HEADER) -> bytes:
    return csv_text(header, rows).encode()


def quoted_all(rows: Sequence[Sequence[object]] = ROWS) -> bytes:
    out = [",".join(f'"{name}"' for name in HEADER)]
    out += [",".join(f'"{text(v)}"' for v in row) for row in rows]
    return lines(*out, end="\r\n")


PLAIN = apps()
CALLS = "call_id,date,queue,wait_seconds,abandoned"
STAFF = "year,characteristic,group,headcount"
SURVEY = "respondent_id,year,question,answer,weight"
COMPLAINTS = "complaint_id,stage,received_date,category"
NOTE = {"name": "note", "type": "string", "required": False}

GOOD: dict[str, tuple[bytes, SourceSchemaFile]] = {
    "plain_crlf": (PLAIN, APPLICATIONS),
    "bom": (codecs.BOM_UTF8 + PLAIN, APPLICATIONS),
    "lf_only": (PLAIN.replace(b"\r\n", b"\n"), APPLICATIONS),
    "cr_only": (PLAIN.replace(b"\r\n", b"\r"), APPLICATIONS),
    "no_final_newline": (PLAIN.rstrip(b"\r\n"), APPLICATIONS),
    "every_cell_quoted": (quoted_all(), APPLICATIONS),
    "quoted_commas_and_quotes": (
        apps([[*r[:7], "65, and over"] for r in ROWS]).replace(b"65+", b'"6""5"'),
        APPLICATIONS,
    ),
    "blank_lines": (
        PLAIN.replace(b"\r\nA-0003", b"\r\n\r\n\n\rA-0003") + b"\r\n\r\n",
        APPLICATIONS,
    ),
    "rows_of_empty_cells": (
        PLAIN.replace(b"\r\nA-0002", b"\r\n,,,,,,,\r\n,,  ,,,,,\r\nA-0002"),
        APPLICATIONS,
    ),
    "padded_cells": (
        PLAIN.replace(b",", b" ,\t").replace(b"A-0004", b"\xc2\xa0A-0004\xe3\x80\x80"),
        APPLICATIONS,
    ),
    "uk_dates": (
        PLAIN.replace(b"2023-04-03", b"03/04/2023").replace(b"2023-05-01", b"1/5/2023"),
        APPLICATIONS,
    ),
    "iso_dates_with_midnight": (
        PLAIN.replace(b"2023-04-20", b"2023-04-20 00:00:00").replace(b"2023-04-04", b"2023-4-4"),
        APPLICATIONS,
    ),
    "yes_no_booleans": (
        PLAIN.replace(b"false", b"No").replace(b",true,", b",YES,", 1).replace(b"true", b"1"),
        APPLICATIONS,
    ),
    "optional_columns_missing": (
        apps([r[:3] for r in ROWS], HEADER[:3]),
        APPLICATIONS,
    ),
    "columns_reordered": (
        apps([list(reversed(r)) for r in ROWS], list(reversed(HEADER))),
        APPLICATIONS,
    ),
    "extra_columns_warned": (
        apps([[*r, "see notes", None, "x"] for r in ROWS], [*HEADER, "note", "Sex", "zz"]),
        APPLICATIONS,
    ),
    "unnamed_empty_column": (
        apps([[*r, None] for r in ROWS], [*HEADER, ""]),
        APPLICATIONS,
    ),
    "text_that_is_not_a_formula": (
        apps(
            [
                [*r[:7], v]
                for r, v in zip(
                    ROWS, ["- see notes", "+44 131 244 0000", "#1", "me@home", "-"], strict=True
                )
            ]
        ),
        APPLICATIONS,
    ),
    "newline_in_quoted_cell": (
        apps([[*r, "line one\r\nline two\nthree"] for r in ROWS], [*HEADER, "note"]),
        APPLICATIONS,
    ),
    "unicode_text": (
        apps([[*r[:7], "Gàidhlig 🏴 ü"] for r in ROWS]),
        APPLICATIONS,
    ),
    "calls_integers_and_booleans": (
        lines(
            CALLS,
            "C1,2023-04-03,ADP,007,no",
            "C2,2023-04-03,ADP,+5,1",
            "C3,3/4/2023,ADP,5.0,FALSE",
            "C4,2023-04-03,ADP,86400,Yes",
            "C5,2023-04-03,ADP,0,0",
        ),
        shape("calls"),
    ),
    "complaints_integer_enum": (
        lines(
            COMPLAINTS,
            "K1,1,2023-04-03,staff_attitude",
            "K2,02,2023-04-04,government_policy",
            "K3,2.0,2023-04-05,staff_attitude",
        ),
        shape("complaints"),
    ),
    "staff_pattern_and_composite_key": (
        lines(
            STAFF,
            "2023-24,sex,female,120",
            "2023-24,sex,male,80",
            "2022-23,sex,female,120",
            "2023-24,age,female,3",
        ),
        shape("staff"),
    ),
    "survey_numbers": (
        lines(
            SURVEY,
            "R1,2023-24,q1,Yes,1e-3",
            "R1,2023-24,q2,No,.5",
            "R2,2023-24,q1,Yes,2.",
            "R3,2023-24,q1,Yes,",
            "R4,2023-24,q1,Yes,1E+2",
        ),
        shape("survey_responses"),
    ),
    "datetimes_in_order": (
        lines(
            "id,start,end",
            "a,2023-04-03,2023-04-03 14:05",
            "b,03/04/2023,2023-04-04T00:00:00Z",
            "c,2023-04-03,03/04/2023 09:30:15",
            "d,2023-04-03,",
        ),
        records(
            {"name": "id", "type": "string", "unique": True},
            {"name": "start", "type": "date"},
            {"name": "end", "type": "datetime", "required": False},
            date_order=[["start", "end"]],
        ),
    ),
    "unique_numbers_and_booleans": (
        lines("n,b,note", "1.5,true,", "-2,false,x", "0,,y"),
        records(
            {"name": "n", "type": "number", "unique": True},
            {"name": "b", "type": "boolean", "unique": True, "required": False},
            NOTE,
        ),
    ),
    "no_schema": (PLAIN, SourceSchemaFile()),
    "one_column": (
        lines("case_id", "A", "", "B", "  "),
        records({"name": "case_id", "type": "string"}),
    ),
    "many_rows": (
        apps(
            [
                [
                    f"A-{i:06d}",
                    "ADP",
                    "2023-04-03",
                    None,
                    None,
                    "online" if i % 7 else None,
                    i % 2 == 0,
                    "quoted, ok" if i % 5 else "x",
                ]
                for i in range(30000)
            ]
        ),
        APPLICATIONS,
    ),
}
"""Clean files by name: the bytes of the file and the schema they are checked against."""

"""How values, columns and rows are checked when the input is acceptable or nearly so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.issues import IssueList
from charterwatch.sources import SourceLoad, read_table
from charterwatch.sources.cells import FIELD_TYPES, looks_like_formula
from charterwatch.sources.codes import CAP_PER_CODE
from charterwatch.sources.shapes import resolve_schema
from tests.sources.fixtures import APPLICATIONS, HEADER, ROWS, expected_table, write_csv, write_xlsx


def records(*fields: dict[str, object]) -> SourceSchemaFile:
    return SourceSchemaFile.model_validate({"shape": "records", "fields": list(fields)})


def load_text(tmp_path: Path, text: str, schema: SourceSchemaFile | None) -> SourceLoad:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path, schema)


def codes_of(issues: IssueList) -> list[str]:
    return [i.code for i in issues]


def test_every_problem_of_a_file_is_listed_not_just_the_first(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][1] = "XYZ"  # unknown benefit, row 2
    rows[1][2] = "soon"  # bad date, row 3
    rows[2][0] = "A-0001"  # duplicate id, row 4
    rows[3][6] = "sometimes"  # bad boolean, row 5
    rows[4][7] = "=cmd()"  # formula, row 6
    result = read_table(write_csv(tmp_path / "a.csv", HEADER, rows), APPLICATIONS)
    assert not result.ok
    assert codes_of(result.issues) == ["CW-S036", "CW-S034", "CW-S050", "CW-S033", "CW-S040"]
    assert [i.row for i in result.issues] == [2, 3, 4, 5, 6]


def test_listing_is_capped_per_code_with_an_and_n_more_issue(tmp_path: Path) -> None:
    lines = ["call_id,date,queue,wait_seconds,abandoned"]
    lines += [f"C{i},2023-04-03,ADP,-{i + 1},no" for i in range(CAP_PER_CODE + 12)]
    result = load_text(tmp_path, "\n".join(lines), resolve_schema(SourceSchemaFile(shape="calls")))
    below = [i for i in result.issues if i.code == "CW-S037"]
    assert len(below) == CAP_PER_CODE + 1
    assert below[-1].message == "and 12 more problems like this (CW-S037) in this file"
    assert below[-1].row is None


def test_unknown_columns_are_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    rows = [[*r, f"note {i}"] for i, r in enumerate(ROWS)]
    result = read_table(write_csv(tmp_path / "a.csv", [*HEADER, "Notes"], rows), APPLICATIONS)
    assert result.ok and result.table is not None
    assert codes_of(result.issues) == ["CW-S021"]
    assert result.issues.warnings[0].column == "Notes"
    assert result.table.column_names[-1] == "Notes"
    assert result.table.column("Notes").type == pa.string()
    assert result.table.drop_columns(["Notes"]).equals(expected_table())


def test_optional_columns_absent_from_the_file_are_null_columns(tmp_path: Path) -> None:
    result = load_text(tmp_path, "case_id,benefit,received_date\nA1,ADP,2023-04-03\n", APPLICATIONS)
    assert result.ok and result.table is not None
    assert result.table.column_names == [f.name for f in APPLICATIONS.fields]
    assert result.table.column("sex").to_pylist() == [None]
    assert result.table.column("special_rules").type == pa.bool_()


def test_a_schema_without_fields_keeps_every_column_as_text(tmp_path: Path) -> None:
    result = load_text(tmp_path, "a,b\n1,x\n", SourceSchemaFile(shape="records"))
    assert result.ok and result.table is not None
    assert result.table.to_pylist() == [{"a": "1", "b": "x"}]
    assert list(result.issues) == []


@pytest.mark.parametrize("text", ["true", "TRUE", "Yes", "YES", "1"])
def test_boolean_words_for_true(text: str, tmp_path: Path) -> None:
    schema = records({"name": "flag", "type": "boolean"})
    result = load_text(tmp_path, f"flag\n{text}\n", schema)
    assert result.table is not None and result.table.column("flag").to_pylist() == [True]


@pytest.mark.parametrize("text", ["false", "False", "NO", "0"])
def test_boolean_words_for_false(text: str, tmp_path: Path) -> None:
    schema = records({"name": "flag", "type": "boolean"})
    result = load_text(tmp_path, f"flag\n{text}\n", schema)
    assert result.table is not None and result.table.column("flag").to_pylist() == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-03", dt.date(2023, 4, 3)),
        ("03/04/2023", dt.date(2023, 4, 3)),
        ("3/4/2023", dt.date(2023, 4, 3)),
        ("2023-04-03 00:00:00", dt.date(2023, 4, 3)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_dates_are_iso_or_day_first(text: str, expected: dt.date, tmp_path: Path) -> None:
    result = load_text(tmp_path, f"d\n{text}\n", records({"name": "d", "type": "date"}))
    assert result.table is not None, [i.render() for i in result.issues]
    assert result.table.column("d").to_pylist() == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-03 14:05", dt.datetime(2023, 4, 3, 14, 5)),
        ("2023-04-03T14:05:09", dt.datetime(2023, 4, 3, 14, 5, 9)),
        ("03/04/2023 14:05", dt.datetime(2023, 4, 3, 14, 5)),
        ("2023-04-03", dt.datetime(2023, 4, 3)),
        ("2023-04-03T14:05:00+01:00", dt.datetime(2023, 4, 3, 13, 5)),
    ],
)
def test_datetimes(text: str, expected: dt.datetime, tmp_path: Path) -> None:
    result = load_text(tmp_path, f"t\n{text}\n", records({"name": "t", "type": "datetime"}))
    assert result.table is not None, [i.render() for i in result.issues]
    assert result.table.column("t").type == pa.timestamp("us")
    assert result.table.column("t").to_pylist() == [expected]


def test_a_negative_number_in_a_numeric_column_is_not_a_formula(tmp_path: Path) -> None:
    schema = records({"name": "change", "type": "number"}, {"name": "n", "type": "integer"})
    result = load_text(tmp_path, "change,n\n-2.5,-3\n+1e3,+4\n", schema)
    assert result.ok, [i.render() for i in result.issues]
    assert result.table is not None
    assert result.table.to_pylist() == [{"change": -2.5, "n": -3}, {"change": 1000.0, "n": 4}]


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=1+1", True),
        ("=", True),
        ("@SUM(A1:A2)", True),
        ("+SUM(1,2)", True),
        ("-A1", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("-5", False),
        ("+44 131 244 0000", False),
        ("- see the notes (attached)", False),
        ("@home", True),
        ('-1+HYPERLINK("x")', True),
        ("+1+1", True),
        ("\tx", True),
        ("\r=1", True),
        ("-2.5%", False),
        ("+44 (0)131 244 0000", False),
        ("-", False),
        ("- call (0131) 244 0000", False),
        ("- see NOTES(1)", True),
        ("plain text", False),
    ],
)
def test_formula_detection(text: str, formula: bool) -> None:
    assert looks_like_formula(text) is formula


def test_an_integer_enum_compares_as_text(tmp_path: Path) -> None:
    schema = resolve_schema(SourceSchemaFile(shape="complaints"))
    text = "complaint_id,stage,received_date,category\nK1,1,2023-04-03,staff_attitude\n"
    text += "K2,2.0,2023-04-04,government_policy\n"
    result = load_text(tmp_path, text, schema)
    assert result.table is not None, [i.render() for i in result.issues]
    assert result.table.column("stage").to_pylist() == [1, 2]


def test_row_numbers_match_the_spreadsheet_with_blank_rows(tmp_path: Path) -> None:
    text = "\n\ncase_id,benefit,received_date\nA1,ADP,2023-04-03\n\n,,\nA2,ADP,bad\n"
    result = load_text(tmp_path, text, APPLICATIONS)
    assert [(i.code, i.row) for i in result.issues] == [("CW-S034", 7)]


def test_cells_are_trimmed(tmp_path: Path) -> None:
    result = load_text(
        tmp_path, "case_id , benefit,received_date\n A1 ,ADP , 2023-04-03\n", APPLICATIONS
    )
    assert result.table is not None
    assert result.table.select(["case_id", "benefit"]).to_pylist() == [
        {"case_id": "A1", "benefit": "ADP"}
    ]


def test_xlsx_numbers_in_text_columns_lose_the_float_point(tmp_path: Path) -> None:
    rows = [[1001, "ADP", dt.date(2023, 4, 3)]]
    path = write_xlsx(tmp_path / "a.xlsx", ["case_id", "benefit", "received_date"], rows)
    result = read_table(path, APPLICATIONS)
    assert result.table is not None
    assert result.table.column("case_id").to_pylist() == ["1001"]


def test_xlsx_named_sheet_and_header_below_blank_rows(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first["A1"] = "Read me"
    data = book.create_sheet("Cases")
    data.append([])
    data.append([])
    data.append(["case_id", "benefit", "received_date"])
    data.append(["A1", "ADP", dt.date(2023, 4, 3)])
    data.append(["A2", "ADP", "not a date"])
    book.save(tmp_path / "b.xlsx")
    result = read_table(tmp_path / "b.xlsx", APPLICATIONS, sheet="Cases")
    assert [(i.code, i.row) for i in result.issues] == [("CW-S034", 5)]


def test_field_types_cover_every_schema_type() -> None:
    from typing import get_args

    from charterwatch.model.files import FieldFile

    declared = set(get_args(FieldFile.model_fields["type"].annotation))
    assert declared == set(FIELD_TYPES)


def test_a_source_load_cannot_hold_both_a_table_and_errors() -> None:
    from charterwatch.model.issues import Issue, Level

    error = Issue(code="CW-S001", level=Level.ERROR, message="x")
    with pytest.raises(ValueError):
        SourceLoad("s", "f", IssueList([error]), table=pa.table({"a": [1]}))
    with pytest.raises(ValueError):
        SourceLoad("s", "f", IssueList())

"""The fast path (whole columns through Arrow) gives exactly what the per-cell path gives.

For clean files it must be taken and give the same table (types, values, nulls, row order,
chunks), warnings and provenance; for every broken input of the corpus the result must equal
the per-cell path's, issue for issue. Random CSVs (hypothesis) check both the splitting of
the file into cells and the checks of the applications shape.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources import SourceLoad, read_sql_table, read_table, resolve_schema
from charterwatch.sources.fast import check_fast, fast_path_enabled, per_cell_only
from charterwatch.sources.readers import READERS, ReadOptions
from charterwatch.sources.readers.base import is_blank
from charterwatch.sources.readers.columns import WHITESPACE, Columns, columns_from_raw
from charterwatch.sources.readers.csv_columns import csv_columns, quotes_well_formed
from tests.sources.fast_files import GOOD, NOTE, records
from tests.sources.fixtures import (
    APPLICATIONS,
    HEADER,
    ROWS,
    typed_table,
    write_duckdb,
    write_ods,
    write_parquet,
    write_xlsx,
)
from tests.sources.invalid_cases import CASES, Case

NOW = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)


def assert_same(fast: SourceLoad, slow: SourceLoad) -> None:
    """Two loads are the same: issues (in order), table (schema, values, chunks), provenance."""
    assert fast.issues.items == slow.issues.items
    assert (fast.source, fast.file, fast.provenance) == (slow.source, slow.file, slow.provenance)
    if slow.table is None:
        assert fast.table is None
        return
    assert fast.table is not None
    assert fast.table.schema.equals(slow.table.schema, check_metadata=True)
    assert fast.table.equals(slow.table), (fast.table.to_pylist(), slow.table.to_pylist())
    assert [c.num_chunks for c in fast.table.columns] == [c.num_chunks for c in slow.table.columns]


def both(path: Path, schema: SourceSchemaFile) -> tuple[SourceLoad, SourceLoad]:
    fast = read_table(path, schema, root=path.parent, source_id="s", now=NOW)
    with per_cell_only():
        slow = read_table(path, schema, root=path.parent, source_id="s", now=NOW)
    return fast, slow


def fast_columns(path: Path) -> Columns | None:
    reader = READERS[path.suffix]
    return reader.read_columns(path.read_bytes(), path.name, ReadOptions())


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_clean_file_takes_the_fast_path_and_equals_the_per_cell_path(
    name: str, tmp_path: Path
) -> None:
    data, schema = GOOD[name]
    path = tmp_path / "good.csv"
    path.write_bytes(data)
    columns = fast_columns(path)
    assert columns is not None, "the CSV fast path declined a clean file"
    assert check_fast(columns, schema) is not None, "the fast checks declined a clean file"
    fast, slow = both(path, schema)
    assert slow.ok, [i.render() for i in slow.issues]
    assert_same(fast, slow)


def test_the_good_files_include_warnings_blank_rows_and_missing_columns() -> None:
    """The comparison above covers warnings, blank rows and absent optional columns."""
    assert {"extra_columns_warned", "blank_lines", "optional_columns_missing"} <= set(GOOD)


def parquet_with_dictionary(path: Path) -> Path:
    table = typed_table().append_column("note", pa.array(["  a ", "", None, " ", "b"]))
    table = table.set_column(1, "benefit", table["benefit"].dictionary_encode())
    return write_parquet(path, table)


def parquet_with_blank_row(path: Path) -> Path:
    rows = [*ROWS[:2], [None] * len(HEADER), *ROWS[2:]]
    table = pa.table(
        {
            name: pa.array(list(column), typed_table().schema.field(name).type)
            for name, column in zip(HEADER, zip(*rows, strict=True), strict=True)
        }
    )
    return write_parquet(path, table)


OTHER_FORMATS: dict[str, Callable[[Path], Path]] = {
    "parquet": lambda d: write_parquet(d / "a.parquet"),
    "parquet_dictionary": lambda d: parquet_with_dictionary(d / "a.parquet"),
    "parquet_blank_row": lambda d: parquet_with_blank_row(d / "a.parquet"),
    "xlsx": lambda d: write_xlsx(d / "a.xlsx"),
    "ods": lambda d: write_ods(d / "a.ods"),
}


@pytest.mark.parametrize("name", sorted(OTHER_FORMATS))
def test_other_formats_give_the_same_result_on_the_fast_path(name: str, tmp_path: Path) -> None:
    path = OTHER_FORMATS[name](tmp_path)
    if path.suffix == ".parquet":
        assert fast_columns(path) is not None, "the Parquet fast path declined a clean file"
    fast, slow = both(path, APPLICATIONS)
    assert slow.ok, [i.render() for i in slow.issues]
    assert_same(fast, slow)


def test_a_database_table_gives_the_same_result_on_the_fast_path(tmp_path: Path) -> None:
    url = f"duckdb://{write_duckdb(tmp_path / 'cases.ddb')}"
    fast = read_sql_table(url, "applications", APPLICATIONS, source_id="s", now=NOW)
    with per_cell_only():
        slow = read_sql_table(url, "applications", APPLICATIONS, source_id="s", now=NOW)
    assert slow.ok
    assert_same(fast, slow)


def run_case(case: Case, folder: Path) -> SourceLoad:
    """Run a corpus case in ``folder``, emptied first, so file names in messages match."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return case.load(folder)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_broken_input_gives_the_per_cell_issues(case: Case, tmp_path: Path) -> None:
    fast = run_case(case, tmp_path / "case")
    with per_cell_only():
        slow = run_case(case, tmp_path / "case")
    assert not slow.ok
    assert_same(fast, slow)


BAD_FOR_THE_FAST_PATH: dict[str, tuple[bytes, SourceSchemaFile]] = {
    "zero_and_negative_zero_are_one_value": (
        b"n\n0\n-0\n",
        records({"name": "n", "type": "number", "unique": True}),
    ),
    "same_integer_written_twice": (
        b"n\n7\n007\n",
        records({"name": "n", "type": "integer", "unique": True}),
    ),
    "line_of_spaces_then_bad_value": (
        b"call_id,date,queue,wait_seconds,abandoned\n   \nC1,2023-04-03,ADP,x,no\n",
        SourceSchemaFile(shape="calls"),
    ),
    "closing_quote_followed_by_text": (
        b'case_id\n"A"B\n',
        records({"name": "case_id", "type": "string"}),
    ),
    "quote_inside_unquoted_cell": (b'a,b\nx"y,2\n', SourceSchemaFile()),
    "ragged_row": (b"a,b\n1,2,3\n4,5\n", SourceSchemaFile()),
    "second_byte_order_mark": (codecs.BOM_UTF8 * 2 + b"a\nx\n", SourceSchemaFile()),
    "cell_over_the_csv_field_limit": (b"a\n" + b"x" * 131_073 + b"\n", SourceSchemaFile()),
    "nul_byte_late_in_file": (b"a,b\n" + b"1,2\n" * 2000 + b"3,\x00\n", SourceSchemaFile()),
    "duplicate_key_across_types": (
        b"year,characteristic,group,headcount\n2023-24,sex,f,1\n2023-24,sex,f,2\n",
        SourceSchemaFile(shape="staff"),
    ),
    "datetime_before_date": (
        b"start,end\n2023-04-03,2023-04-02 23:59\n",
        records(
            {"name": "start", "type": "date"},
            {"name": "end", "type": "datetime"},
            date_order=[["start", "end"]],
        ),
    ),
    "formula_after_blank_rows": (b"a,note\n1,x\n\n,,\n2,=1+1\n", records(NOTE)),
}


@pytest.fixture
def default_csv_field_limit() -> Iterator[None]:
    """Python's default CSV cell limit (other libraries raise it for the whole process)."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


@pytest.mark.parametrize("name", sorted(BAD_FOR_THE_FAST_PATH))
@pytest.mark.usefixtures("default_csv_field_limit")
def test_files_the_fast_path_must_decline(name: str, tmp_path: Path) -> None:
    data, schema = BAD_FOR_THE_FAST_PATH[name]
    schema = resolve_schema(schema)
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    columns = fast_columns(path)
    assert columns is None or check_fast(columns, schema) is None
    fast, slow = both(path, schema)
    assert_same(fast, slow)


def test_whitespace_is_exactly_what_str_strip_removes() -> None:
    everything = (chr(c) for c in range(sys.maxunicode + 1))
    assert "".join(c for c in everything if c.isspace()) == WHITESPACE


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        b" \r\n\t",
        b"\xef\xbb\xbf" * 2000 + b"\n",
        b"\xef\xbb\xbf" * 2000 + b"a",
        b" " * 5000 + b"a",
        b"a",
        b"\xef\xbb\xbf \xbb",
    ],
)
def test_is_blank_reads_only_the_start_of_a_file_but_means_the_same(data: bytes) -> None:
    assert is_blank(data) == (not data.lstrip(b"\xef\xbb\xbf").strip())


def test_per_cell_only_switches_the_fast_path_off_and_back() -> None:
    assert fast_path_enabled()
    with per_cell_only():
        assert not fast_path_enabled()
    assert fast_path_enabled()


def test_quotes_are_well_formed_only_around_whole_cells() -> None:
    assert quotes_well_formed(b'a,"b,c"\n"d""e",f\n')
    assert quotes_well_formed(b'"a"')
    assert not quotes_well_formed(b'"a"b,c\n')
    assert not quotes_well_formed(b'a"b,c\n')
    assert not quotes_well_formed(b'a,"b\n')


# Random CSV text: the fast split must equal Python's csv module wherever it is taken.

UNQUOTED = st.lists(st.sampled_from([*"ab é;=-#", "\t", "\xa0", "\x0b", "\x1c", "\u2028"])).map(
    "".join
)
QUOTED = st.lists(st.sampled_from([*'ab ,"', "\r", "\n", "\r\n", "\xa0"])).map(
    lambda parts: '"' + "".join(parts).replace('"', '""') + '"'
)
CELL = st.one_of(UNQUOTED, QUOTED, st.just(""))
LINE_END = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """Mostly a header and rows of its width; now and then blank, ragged or spaces-only."""
    width = draw(st.integers(1, 4))
    full = st.lists(CELL, min_size=width, max_size=width).map(",".join)
    odd = st.one_of(
        st.sampled_from(["", " ", ",,"]), st.lists(CELL, min_size=1, max_size=5).map(",".join)
    )
    count = draw(st.integers(1, 6))
    rows = [draw(odd if draw(st.integers(0, 9)) == 0 else full) for _ in range(count)]
    header = ",".join(f"h{i}" for i in range(width))
    lines = [header, *rows] if draw(st.integers(0, 9)) else rows
    text = "".join(line + draw(LINE_END) for line in lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=600, deadline=None)
@given(csv_texts())
def test_the_fast_csv_split_equals_the_python_csv_reader(text: str) -> None:
    data = text.encode()
    columns = csv_columns(data, "x.csv")
    event("declined" if columns is None else "split by Arrow")
    if columns is None:
        return  # the per-cell reader decides
    raw = READERS[".csv"].read_data(data, "x.csv")
    assert raw.table is not None and not raw.issues, raw.issues
    slow = columns_from_raw(raw.table)
    assert columns.header == slow.header
    assert [c.to_pylist() for c in columns.cells] == [c.to_pylist() for c in slow.cells]
    assert columns.row_numbers.to_pylist() == slow.row_numbers.to_pylist()


# Random applications: valid and invalid cells, every way of writing them.

VALUES: dict[str, tuple[list[str], list[str]]] = {
    "case_id": (["A-1", " A-5 "], ["A-1", "=A1", "@SUM(A1)", "", "#N/A"]),
    "benefit": (["ADP", "SCP", "CDP"], ["adp", "SCPP", "", "#N/A"]),
    "received_date": (["2023-04-03", "03/04/2023", "2023-4-3"], ["2023-02-30", "04/13/2023", ""]),
    "decided_date": (["2023-04-20", "20/04/2023", ""], ["2023-03-01", "soon", "03/04/23", "NA"]),
    "outcome": (["approved", "denied", "withdrawn", ""], ["Approved", "n/a"]),
    "channel": (["online", "phone", ""], ["web", "="]),
    "special_rules": (["true", "false", "yes", "NO", "1", "0", ""], ["maybe", "2"]),
    "age_group": (["25-34", "-5", "+44 1", "- see notes", ""], ["=1+2", "-2+3+cmd|' /C c'!A0"]),
    "note": (["x", "", "a, b", 'say "hi"', "line\nbreak", "#1"], ["#REF!", "@A1"]),
}
"""Per column of the applications shape (and one extra column): good and bad cells."""


def csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def application_files(draw: st.DrawFn) -> bytes:
    """Applications with some columns, in any order; clean, or with random broken cells."""
    broken = draw(st.booleans())
    names = draw(st.permutations(list(VALUES)))
    names = names[: draw(st.integers(3, len(names)))]
    if not (broken and draw(st.booleans())):  # mostly with the required columns
        names += [n for n in ("case_id", "benefit", "received_date") if n not in names]
        names = draw(st.permutations(names))
    pools = {n: VALUES[n][0] + (VALUES[n][1] if broken else []) for n in names}
    count = draw(st.integers(1, 8))
    rows = [[draw(st.sampled_from(pools[n])) for n in names] for _ in range(count)]
    if "case_id" in names and not (broken and draw(st.booleans())):
        at = names.index("case_id")
        for i, row in enumerate(rows):
            row[at] = row[at].replace("A-1", f"A-{i + 10}").replace("A-5", f"B-{i}")  # unique
    pad = draw(st.sampled_from(["", " ", "\t"]))
    end = draw(LINE_END)
    lines = [",".join(names)]
    for row in rows:
        cells = [csv_cell(v) for v in row]  # padding a quoted cell breaks it, now and then
        lines.append(",".join(c if c[:1] == '"' and not broken else pad + c + pad for c in cells))
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
    body = "".join(line + end for line in lines).encode()
    return (codecs.BOM_UTF8 if draw(st.booleans()) else b"") + body


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=application_files())
def test_random_applications_load_the_same_on_both_paths(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "applications.csv"
    path.write_bytes(data)
    fast, slow = both(path, APPLICATIONS)
    event("loaded" if slow.ok else "rejected")
    assert_same(fast, slow)

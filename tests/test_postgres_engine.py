"""PostgreSQL bulk loading: what goes in through ``COPY`` comes back unchanged, typed and analysed.

Every test needs the PostgreSQL server on 127.0.0.1:5432 and fails (never skips) without it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator

import psycopg
import pyarrow as pa
import pytest

from charterwatch.engines import Engine
from charterwatch.engines.postgres_engine import BATCH_ROWS, grouped
from tests.measures.conftest import POSTGRES_URL, postgres_available

pytestmark = pytest.mark.postgres

PG = "host=127.0.0.1 port=5432 user=postgres dbname=test"

HOSTILE = [
    "plain",
    "",
    None,
    "tab\there",
    "new\nline",
    "carriage\r\nreturn",
    "back\\slash \\N \\t",
    "\\.",
    "\\",
    '"quoted", with comma',
    '"',
    "NULL",
    "  spaces kept  ",
    "Gàidhlig · ✓ · 😀",
    "'single' ; DROP TABLE x; --",
]

SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("text", pa.string()),
        ("big", pa.large_string()),
        ("day", pa.date32()),
        ("count", pa.int64()),
        ("small", pa.int32()),
        ("ratio", pa.float64()),
        ("flag", pa.bool_()),
        ("at", pa.timestamp("us")),
    ]
)


def every_type() -> pa.Table:
    """One row per hostile text, with edge values of every other type (nulls included)."""
    n = len(HOSTILE)
    days = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29), None]
    counts = [2**63 - 1, -(2**63), 0, None, -1]
    ratios = [1 / 3, 1e300, -2.5e-300, 0.1 + 0.2, None, float("inf"), float("-inf")]
    flags = [True, False, None]
    ats = [dt.datetime(2024, 3, 31, 23, 59, 59, 999999), None, dt.datetime(1970, 1, 1)]
    return pa.table(
        {
            "id": list(range(n)),
            "text": HOSTILE,
            "big": list(reversed(HOSTILE)),
            "day": [days[i % len(days)] for i in range(n)],
            "count": [counts[i % len(counts)] for i in range(n)],
            "small": [None if i % 4 == 0 else i - 7 for i in range(n)],
            "ratio": [ratios[i % len(ratios)] for i in range(n)],
            "flag": [flags[i % len(flags)] for i in range(n)],
            "at": [ats[i % len(ats)] for i in range(n)],
        },
        schema=SCHEMA,
    )


@pytest.fixture
def engine() -> Iterator[Engine]:
    postgres_available()
    engine = Engine.connect(POSTGRES_URL)
    try:
        yield engine
    finally:
        engine.close()


def read_back(engine: Engine, name: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = (
        engine.backend.table(name).order_by("id").to_pyarrow().to_pylist()
    )
    return rows


def test_every_type_and_hostile_text_come_back_unchanged(engine: Engine) -> None:
    original = every_type()
    table = engine.put("every_type", original)
    back = table.order_by("id").to_pyarrow()
    assert back.num_rows == original.num_rows
    for name in ("id", "text", "day", "count", "small", "flag", "at"):
        assert back[name].to_pylist() == original[name].to_pylist(), name
    assert back["big"].to_pylist() == original["big"].to_pylist()
    assert back["ratio"].to_pylist() == original["ratio"].to_pylist()  # exact doubles
    # an empty text and a missing one stay different things
    assert back["text"][1].as_py() == "" and back["text"][2].as_py() is None


def test_types_on_the_engine_follow_the_arrow_schema(engine: Engine) -> None:
    table = engine.put("typed", every_type())
    schema = table.schema()
    assert {name: str(schema[name]) for name in schema.names} == {
        "id": "int64",
        "text": "string",
        "big": "string",
        "day": "date",
        "count": "int64",
        "small": "int32",
        "ratio": "float64",
        "flag": "boolean",
        "at": "timestamp(6)",
    }
    assert all(schema[name].nullable for name in schema.names)


def test_not_a_number_survives(engine: Engine) -> None:
    table = engine.put("nan", pa.table({"id": [1, 2], "x": [float("nan"), 1.5]}))
    values = table.order_by("id").x.to_pyarrow().to_pylist()
    assert math.isnan(values[0]) and values[1] == 1.5


def test_a_reader_of_many_batches_loads_fully(engine: Engine) -> None:
    batches = [
        pa.record_batch({"id": list(range(i * 1000, (i + 1) * 1000)), "text": ["a\tb"] * 1000})
        for i in range(40)
    ]
    # one batch larger than a COPY chunk, so it is sliced on the way
    big = BATCH_ROWS + 10
    batches.append(pa.record_batch({"id": list(range(40_000, 40_000 + big)), "text": [None] * big}))
    reader = pa.RecordBatchReader.from_batches(batches[0].schema, iter(batches))
    table = engine.put("many", reader)
    counts = table.aggregate(
        n=table.count(), ids=table.id.nunique(), top=table.id.max(), texts=table.text.count()
    ).to_pyarrow()
    assert counts.to_pylist() == [
        {"n": 40_000 + big, "ids": 40_000 + big, "top": 39_999 + big, "texts": 40_000}
    ]


def test_an_empty_source_is_a_typed_empty_table(engine: Engine) -> None:
    empty = every_type().slice(0, 0)
    table = engine.put("empty", empty)
    assert table.count().execute() == 0
    assert str(table.schema()["day"]) == "date"
    reader = pa.RecordBatchReader.from_batches(SCHEMA, iter([]))
    from_reader = engine.put("empty_reader", reader)
    assert from_reader.count().execute() == 0
    assert from_reader.schema().names == tuple(SCHEMA.names)


def test_put_again_replaces_the_table(engine: Engine) -> None:
    engine.put("again", pa.table({"id": [1, 2, 3]}))
    table = engine.put("again", pa.table({"id": [7]}))
    assert table.id.to_pyarrow().to_pylist() == [7]
    assert engine.created.count(engine.table_name("again")) == 1


def test_tables_are_temporary_analysed_and_unseen_by_other_sessions(engine: Engine) -> None:
    engine.put("people", every_type())
    full = engine.table_name("people")
    found = engine.backend.con.execute(
        "SELECT c.relpersistence, n.nspname, c.reltuples FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = %s",
        [full],
    ).fetchall()
    assert len(found) == 1
    persistence, schema, tuples = found[0]
    assert persistence == "t" and str(schema).startswith("pg_temp")
    assert tuples == len(HOSTILE)  # ANALYZE ran: the planner knows the row count
    with (
        psycopg.connect(PG, autocommit=True) as other,
        pytest.raises(psycopg.errors.UndefinedTable),
    ):
        other.execute(f'SELECT count(*) FROM "{full}"')
    engine.close()
    with psycopg.connect(PG, autocommit=True) as other:
        left = other.execute("SELECT count(*) FROM pg_class WHERE relname = %s", [full])
        assert left.fetchone() == (0,)


def test_the_session_is_tuned_for_many_short_queries(engine: Engine) -> None:
    con = engine.backend.con
    assert con.execute("SHOW jit").fetchone() == ("off",)
    assert con.execute("SHOW work_mem").fetchone() == ("64MB",)
    # session settings only: another session keeps the server's own
    with psycopg.connect(PG, autocommit=True) as other:
        assert other.execute("SHOW work_mem").fetchone() != ("64MB",)


def test_a_nul_character_is_refused_with_its_column_and_row(engine: Engine) -> None:
    rows = BATCH_ROWS + 5
    text = ["fine"] * rows
    text[BATCH_ROWS + 2] = "bad\x00value"
    with pytest.raises(ValueError, match=r"column 'note' of .*_nul, row 65539: .*NUL"):
        engine.put("nul", pa.table({"id": list(range(rows)), "note": text}))
    # the failed load left nothing half-made, and the session still works
    assert engine.backend.con.execute("SELECT 1").fetchone() == (1,)


def test_a_type_postgres_cannot_hold_is_named(engine: Engine) -> None:
    with pytest.raises(ValueError, match=r"column 'tags' has the type list<item: string>"):
        engine.put("listy", pa.table({"tags": [["a", "b"]]}))


def test_rows_grouped_by_question_keep_every_value(engine: Engine) -> None:
    original = every_type().append_column("question", pa.array(list(reversed(HOSTILE))))
    back = engine.put("grouped", original).order_by("id").to_pyarrow()
    assert back.to_pylist() == original.to_pylist()


def test_grouping_orders_a_batch_by_its_column_nulls_last() -> None:
    batch = pa.record_batch({"question": ["b", "a", None, "c", "a", "b"], "n": [1, 2, 3, 4, 5, 6]})
    assert grouped(batch, "question").to_pydict() == {
        "question": ["a", "a", "b", "b", "c", None],
        "n": [2, 5, 1, 6, 4, 3],
    }


def test_a_survey_query_reads_only_its_question_through_the_index(engine: Engine) -> None:
    rows = 3 * BATCH_ROWS
    questions = [f"q{i % 20:02d}" for i in range(rows)]  # every question on every page
    table = engine.put(
        "survey", pa.table({"respondent_id": [str(i) for i in range(rows)], "question": questions})
    )
    full = engine.table_name("survey")
    indexes = engine.backend.con.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [full]
    ).fetchall()
    assert len(indexes) == 1 and "USING brin (question)" in indexes[0][0]
    plan = "\n".join(
        str(row[0])
        for row in engine.backend.con.execute(
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM \"{full}\" WHERE question = 'q07'"
        ).fetchall()
    )
    assert "Bitmap Index Scan" in plan, plan
    assert table.filter(table.question == "q07").count().execute() == rows // 20 + (
        1 if rows % 20 > 7 else 0
    )
    total_pages = engine.backend.con.execute(
        "SELECT relpages FROM pg_class WHERE relname = %s", [full]
    ).fetchone()
    heap = re.search(r"Heap Blocks:(.*)", plan)
    read = sum(int(n) for n in re.findall(r"=(\d+)", heap.group(1))) if heap else 0
    assert total_pages is not None and 0 < read < total_pages[0] / 4, (read, total_pages, plan)

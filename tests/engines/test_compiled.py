"""Compiled SQL kept between runs (``engines/compiled.py``): the same figures as compiling
every run, and any change that could change the SQL compiles it again."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa
import pytest

from charterwatch.engines import Engine
from charterwatch.engines.compiled import RUN_PREFIX, SWITCH, CompiledQueries, fingerprint
from charterwatch.measures.expr import GROUP_KEYS, record_base, with_groupings
from charterwatch.pipeline import QUERY_CACHE, Pipeline
from tests.engines.stored import stored
from tests.measures.conftest import POSTGRES_URL, postgres_available
from tests.measures.fixtures import write_measured_framework

CASES = pa.table(
    {
        "benefit": ["ADP", "SCP", "ADP"],
        "received_date": pa.array(
            [pa.scalar(d, pa.date32()).as_py() for d in (19000, 19100, 19200)], pa.date32()
        ),
    }
)


def count_query(engine: Engine, table: pa.Table, years: list[str], benefit: str) -> ibis.Table:
    """A count by benefit, as the count kind builds it."""
    t = engine.put("src_cases", table)
    base = record_base(t, "received_date", years, {"benefit": [benefit]})
    g = with_groupings(base, ["benefit"])
    return g.group_by(list(GROUP_KEYS)).aggregate(n=g.count())


def test_the_same_query_on_another_run_has_the_same_key_and_sql(tmp_path: Path) -> None:
    first, second = Engine.connect(), Engine.connect()
    try:
        assert first.prefix != second.prefix
        one = count_query(first, CASES, ["2022-23"], "ADP")
        two = count_query(second, CASES, ["2022-23"], "ADP")
        kept_one = CompiledQueries(tmp_path, first.backend, first.prefix)
        kept_two = CompiledQueries(tmp_path, second.backend, second.prefix)
        key = kept_one.key(one)
        assert key is not None and key == kept_two.key(two)
        assert RUN_PREFIX in fingerprint(one.op(), first.prefix)
        assert first.prefix not in fingerprint(one.op(), first.prefix)
        kept_one.put(key, first.backend.compile(one))
        assert first.prefix not in (tmp_path / key).read_text(encoding="utf-8")
        # read back for the second run: exactly what Ibis compiles on that run
        assert kept_two.get(key) == second.backend.compile(two)
    finally:
        first.close()
        second.close()


def test_a_changed_value_year_or_column_type_changes_the_key(tmp_path: Path) -> None:
    engine = Engine.connect()
    try:
        kept = CompiledQueries(tmp_path, engine.backend, engine.prefix)
        base = kept.key(count_query(engine, CASES, ["2022-23"], "ADP"))
        assert base == kept.key(count_query(engine, CASES, ["2022-23"], "ADP"))
        assert base != kept.key(count_query(engine, CASES, ["2022-23"], "SCP"))
        assert base != kept.key(count_query(engine, CASES, ["2023-24"], "ADP"))
        as_text = CASES.set_column(1, "received_date", CASES["received_date"].cast(pa.string()))
        assert base != kept.key(count_query(engine, as_text, ["2022-23"], "ADP"))
        large = CASES.set_column(0, "benefit", CASES["benefit"].cast(pa.large_string()))
        assert base == kept.key(count_query(engine, large, ["2022-23"], "ADP"))  # same SQL type
    finally:
        engine.close()


def test_an_in_memory_table_is_compiled_every_time(tmp_path: Path) -> None:
    engine = Engine.connect()
    try:
        kept = CompiledQueries(tmp_path, engine.backend, engine.prefix)
        assert kept.key(ibis.memtable(CASES).count().as_table()) is None
    finally:
        engine.close()


def test_an_empty_or_unreadable_file_is_compiled_again(tmp_path: Path) -> None:
    engine = Engine.connect()
    try:
        engine.keep_compiled(tmp_path)
        query = count_query(engine, CASES, ["2022-23"], "ADP")
        key = CompiledQueries(tmp_path, engine.backend, engine.prefix).key(query)
        assert key is not None
        (tmp_path / key).write_text("", encoding="utf-8")
        assert query.to_pyarrow().num_rows == 2
        assert engine.compiled is not None and engine.compiled.misses == 1
        assert (tmp_path / key).read_text(encoding="utf-8").startswith("SELECT")
        assert query.to_pyarrow().num_rows == 2
        assert engine.compiled.hits == 1
    finally:
        engine.close()


def _compute(root: Path, store: str) -> tuple[Path, int, int]:
    report = Pipeline.open(root, root / store).compute()
    assert not report.issues
    return root / store, report.queries_kept, report.queries_compiled


def test_kept_sql_gives_the_same_store_as_compiling_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_measured_framework(tmp_path / "fw")
    monkeypatch.setenv(SWITCH, "0")
    every_run, kept, compiled = _compute(root, "every.duckdb")
    assert (kept, compiled) == (0, 0)
    assert not (root / QUERY_CACHE).exists()
    monkeypatch.delenv(SWITCH)
    first, kept, compiled = _compute(root, "first.duckdb")
    assert kept == 0 and compiled >= 5
    assert len(list((root / QUERY_CACHE).glob("*.sql"))) == compiled
    second, kept, compiled_again = _compute(root, "second.duckdb")
    assert (kept, compiled_again) == (compiled, 0)
    assert stored(every_run)["results"]
    assert stored(every_run) == stored(first) == stored(second)


def test_a_changed_param_or_source_schema_compiles_its_queries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_measured_framework(tmp_path / "fw")
    _, _, compiled = _compute(root, "first.duckdb")
    framework = root / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    changed = "{date: received_date, breakdowns: [channel]}"
    framework.write_text(text.replace("{date: received_date, breakdowns: [benefit]}", changed))
    after_param, kept, again = _compute(root, "param.duckdb")
    assert again == 1 and kept == compiled - 1  # only the count's query changed
    monkeypatch.setenv(SWITCH, "0")
    assert stored(after_param) == stored(_compute(root, "param-every.duckdb")[0])
    monkeypatch.delenv(SWITCH)
    # a new column in the applications extract changes that table's schema
    data = root / "data" / "applications.csv"
    lines = data.read_text(encoding="utf-8").splitlines()
    data.write_text(
        "\n".join([lines[0] + ",office", *(line + ",Dundee" for line in lines[1:])]) + "\n"
    )
    after_schema, kept, again = _compute(root, "schema.duckdb")
    applications = 4  # the duration, count, share and backlog queries read it
    assert again >= applications and kept >= 1
    monkeypatch.setenv(SWITCH, "0")
    assert stored(after_schema) == stored(_compute(root, "schema-every.duckdb")[0])


@pytest.mark.postgres
def test_kept_sql_on_postgresql_gives_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    postgres_available()
    root = write_measured_framework(tmp_path / "fw")
    first = Pipeline.open(root, root / "first.duckdb").compute(engine_url=POSTGRES_URL)
    again = Pipeline.open(root, root / "again.duckdb").compute(engine_url=POSTGRES_URL)
    assert first.queries_compiled >= 5 and first.queries_kept == 0
    assert (again.queries_kept, again.queries_compiled) == (first.queries_compiled, 0)
    monkeypatch.setenv(SWITCH, "0")
    Pipeline.open(root, root / "every.duckdb").compute(engine_url=POSTGRES_URL)
    assert stored(root / "first.duckdb")["results"]
    assert stored(root / "first.duckdb") == stored(root / "again.duckdb")
    assert stored(root / "again.duckdb") == stored(root / "every.duckdb")

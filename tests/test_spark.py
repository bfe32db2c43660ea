"""Spark computes the same figures as DuckDB, and says clearly when it cannot run.

Spark runs in local mode with two cores (the ``spark`` fixture starts it once). These tests
fail, never skip, when PySpark or Java is missing: CI installs both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from charterwatch.engines import Engine, scheme_of
from charterwatch.engines.spark_engine import SparkEngine, java_present, parse_url
from charterwatch.failures import EngineUnreachableError
from charterwatch.pipeline import Pipeline
from charterwatch.synthetic import generate_example
from tests.conftest import EXAMPLE, TINY_SIZE
from tests.measures.amounts import write_amounts_framework
from tests.measures.conftest import raw_rows
from tests.measures.fixtures import write_measured_framework
from tests.measures.test_engines import YEARS, comparable


def test_every_fixture_measure_gives_the_same_rows_on_spark(tmp_path: Path, spark: str) -> None:
    pipeline = Pipeline.open(write_measured_framework(tmp_path))
    on_duckdb = comparable(raw_rows(pipeline, None, YEARS))
    on_spark = comparable(raw_rows(pipeline, spark, YEARS))
    assert on_duckdb.keys() == on_spark.keys()
    differing = {k: (on_duckdb[k], on_spark[k]) for k in on_duckdb if on_duckdb[k] != on_spark[k]}
    assert not differing
    assert len(on_duckdb) > 40


def test_amounts_ratios_hours_and_percentiles_are_the_same_on_spark(
    tmp_path: Path, spark: str
) -> None:
    pipeline = Pipeline.open(write_amounts_framework(tmp_path))
    on_duckdb = comparable(raw_rows(pipeline, None, YEARS))
    on_spark = comparable(raw_rows(pipeline, spark, YEARS))
    assert on_duckdb.keys() == on_spark.keys()
    differing = {k: (on_duckdb[k], on_spark[k]) for k in on_duckdb if on_duckdb[k] != on_spark[k]}
    assert not differing


@pytest.mark.slow
def test_the_whole_example_stores_the_same_figures_on_spark(tmp_path: Path, spark: str) -> None:
    root = tmp_path / "scotland"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("data", ".charterwatch"))
    generate_example(root, size=TINY_SIZE)
    stored = {}
    for name, url in (("duckdb", None), ("spark", spark)):
        store = tmp_path / f"{name}.duckdb"
        report = Pipeline.open(root, store=store).compute(engine_url=url)
        assert not report.issues, [i.render() for i in report.issues]
        stored[name] = stored_figures(store)
    assert len(stored["duckdb"]) > 1000
    assert stored["spark"].keys() == stored["duckdb"].keys()
    differing = {
        key: {
            column: (value, stored["spark"][key][column])
            for column, value in row.items()
            if value != stored["spark"][key][column]
        }
        for key, row in stored["duckdb"].items()
        if row != stored["spark"][key]
    }
    assert not differing, (len(differing), list(differing.items())[:5])


def stored_figures(store: Path) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Every stored row by key, all columns but the run id and the sources' load times.

    The unrounded test inputs (never published) are compared to nine decimals, as the
    PostgreSQL comparison does: an interpolated percentile can differ in its last bits,
    because DuckDB computes ``lo + (hi - lo) * d`` and Spark ``(1 - d) * lo + d * hi``.
    """
    with duckdb.connect(str(store), read_only=True) as con:
        cursor = con.execute("SELECT * EXCLUDE (run_id) FROM results")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    for row in rows:
        provenance = json.loads(row["provenance"])
        for source in provenance.values():
            if isinstance(source, dict):
                source.pop("loaded_at", None)
        row["provenance"] = provenance
        inputs = json.loads(row["test_inputs"])
        row["test_inputs"] = {
            k: round(v, 9) if isinstance(v, float) else v for k, v in inputs.items()
        }
    key = ("measure", "period", "granularity", "breakdown", "grp", "statistic")
    return {tuple(row[k] for k in key): row for row in rows}


def test_streamed_tables_become_views_that_close_removes(spark: str) -> None:
    engine = Engine.connect(spark)
    assert isinstance(engine, SparkEngine)
    batches = [pa.record_batch({"n": list(range(i * 10, i * 10 + 10))}) for i in range(5)]
    reader = pa.RecordBatchReader.from_batches(batches[0].schema, batches)
    try:
        table = engine.put("numbers", reader)
        assert table.count().to_pyarrow().as_py() == 50
        assert table.n.sum().to_pyarrow().as_py() == sum(range(50))
        views = {t.name for t in engine.session.catalog.listTables()}
        assert engine.table_name("numbers") in views
        scratch = engine.scratch
        assert scratch is not None and scratch.is_dir()
    finally:
        engine.close()
    assert not scratch.exists()
    views = {t.name for t in engine.session.catalog.listTables()}
    assert engine.table_name("numbers") not in views
    assert not engine.session.sparkContext._jsc.sc().isStopped()  # the fixture's session runs on


@pytest.mark.parametrize(
    ("url", "master", "connect"),
    [
        ("spark://local[2]", "local[2]", False),
        ("spark://local", "local", False),
        ("spark://", "local[*]", False),
        ("spark://spark-master:7077", "spark://spark-master:7077", False),
        ("sc://spark-connect:15002", "sc://spark-connect:15002", True),
    ],
)
def test_the_url_names_the_master(url: str, master: str, connect: bool) -> None:
    target = parse_url(url)
    assert (target.master, target.connect) == (master, connect)
    assert scheme_of(url) in ("spark", "sc")


def test_the_url_query_sets_spark_and_the_scratch_folder() -> None:
    target = parse_url("spark://head:7077?scratch=/shared/tmp&spark.driver.memory=8g")
    assert target.master == "spark://head:7077" and not target.local
    assert target.scratch == "/shared/tmp"
    assert target.settings == {"spark.driver.memory": "8g"}


@pytest.mark.parametrize("url", ["spark://127.0.0.1:9", "sc://127.0.0.1:9"])
def test_an_unreachable_master_is_an_operational_error(url: str) -> None:
    with pytest.raises(EngineUnreachableError) as caught:
        Engine.connect(url)
    assert caught.value.code == "CW-O008"
    assert "nothing answers at 127.0.0.1:9" in caught.value.what
    assert "running" in caught.value.fix


def test_missing_java_names_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    with pytest.raises(EngineUnreachableError) as caught:
        java_present("spark://local[2]")
    assert "no Java runtime found" in caught.value.what
    assert "default-jdk-headless" in caught.value.fix

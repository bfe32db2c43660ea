"""The engine's copies of record-level data do not outlive the run, even a killed one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pyarrow as pa
import pytest

from charterwatch.engines import Engine
from tests.measures.conftest import POSTGRES_URL, postgres_available
from tests.measures.fixtures import write_measured_framework

ROOT = Path(__file__).resolve().parents[1]
PG = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def test_duckdb_scratch_tables_are_temporary() -> None:
    engine = Engine.connect()
    try:
        engine.put("src_people", pa.table({"name": ["Ann"], "benefit": ["ADP"]}))
        rows = engine.backend.raw_sql(
            "SELECT table_name, temporary FROM duckdb_tables() WHERE table_name LIKE 'cw_%'"
        ).fetchall()
    finally:
        engine.close()
    assert rows == [(f"{engine.prefix}src_people", True)]


@pytest.mark.postgres
def test_a_killed_postgres_compute_leaves_no_record_level_tables(tmp_path: Path) -> None:
    postgres_available()
    root = write_measured_framework(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_RUN, str(root), POSTGRES_URL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("tables "), child.stderr.read() if child.stderr else line
        names = json.loads(line.removeprefix("tables "))
        assert any("_src_" in name for name in names), names
        with psycopg.connect(PG, autocommit=True) as con:
            found = _wait_for(con, names, lambda rows: len(rows) == len(names))
            # on the engine, mid-run, and only in the run's own temporary schema
            assert {name for name, _, _ in found} == set(names)
            assert all(persistence == "t" for _, persistence, _ in found), found
            assert all(schema.startswith("pg_temp") for _, _, schema in found), found
            child.send_signal(signal.SIGKILL)
            child.wait()
            left = _wait_for(con, names, lambda rows: not rows)
            assert left == [], f"record-level tables left on the engine: {left}"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _wait_for(
    con: psycopg.Connection[tuple[str, str, str]],
    names: list[str],
    done: Callable[[list[tuple[str, str, str]]], bool],
    seconds: float = 20.0,
) -> list[tuple[str, str, str]]:
    """Poll pg_class for these relations (any schema) until ``done(rows)`` or time is up."""
    deadline = time.monotonic() + seconds
    while True:
        rows = con.execute(
            "SELECT c.relname, c.relpersistence, n.nspname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ANY(%s)",
            [names],
        ).fetchall()
        found = [(str(a), str(b), str(c)) for a, b, c in rows]
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


# A real PostgreSQL compute that stops after the source tables are on the engine, prints
# their names, and waits to be killed.
_KILLED_MID_RUN = textwrap.dedent(
    """
    import json, sys, time
    import charterwatch.pipeline as pipeline

    def wait_to_be_killed(measures, ctx, *args, **kwargs):
        names = [t.get_name() for t in ctx.tables.values()]
        names += [ctx.calendar.get_name(), ctx.deadline_rules.get_name()]
        print("tables " + json.dumps(names), flush=True)
        time.sleep(120)

    pipeline.compute_measures = wait_to_be_killed
    sys.argv = ["charterwatch", "compute", sys.argv[1], "--engine", sys.argv[2]]
    from charterwatch.cli import main
    main()
    """
)

"""Apache Spark through Ibis's PySpark backend, chosen with ``spark://MASTER`` or ``sc://HOST``.

``spark://local[2]`` starts Spark in this process's machine with two cores (the master is
``local[2]``); ``spark://host:7077`` joins a standalone cluster whose master is
``spark://host:7077``; ``sc://host:15002`` talks to a Spark Connect server. The PySpark wheel
carries every jar Spark needs: nothing is downloaded at run time (no ``spark.jars.packages``).

Source tables become temporary views of this run's Spark session. On a local master they are
streamed batch by batch into Parquet files in a run-private scratch folder (memory stays
bounded by one batch) and read back by Spark; the folder is deleted on close. On a cluster the
scratch folder must be one the executors can read: give it as ``?scratch=/shared/path``;
without it (and on Spark Connect) the table is sent through the driver as Arrow.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from charterwatch.engines import Engine, redact
from charterwatch.failures import EngineUnreachableError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

PYSPARK_PIN = "pyspark>=3.5,<4.1"
"""The PySpark versions Ibis 12's PySpark backend supports (its own ``pyspark`` extra)."""

LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.adaptive.enabled": "false",
    "spark.driver.memory": "2g",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}
"""A local run: no web UI or progress bars, UTC so dates never shift, Arrow for results, the
driver on the loopback address, and a driver heap that fits a laptop. Shuffle partitions are
set to the master's cores (Spark's default of 200 is for clusters). Adaptive query execution
is off: it re-plans after each shuffle, which pays on a cluster's skewed joins but made the
fixture's many small queries about a quarter slower in local mode."""

CLUSTER_SETTINGS = {
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
"""A cluster run: the cluster's own memory and partition settings stay in charge."""

LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
"""A local Spark lives for one compute of many small queries: the JVM's quick compiler alone
starts and warms up two to three times faster than with its optimising one (measured on the
test fixture), at some cost in long-running scans. Not used for the driver of a cluster run."""

LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n
"""
"""Spark's own logging, errors only, so a compute prints charterwatch's output and not
Spark's start-up chatter."""


@dataclass
class SparkTarget:
    """What an engine URL asks for: a master (or a Spark Connect address) and a scratch path."""

    master: str
    connect: bool
    scratch: str | None
    settings: dict[str, str] = field(default_factory=dict)
    """Spark settings from the URL's query (``?spark.driver.memory=8g``), applied last."""

    @property
    def local(self) -> bool:
        return self.master == "local" or self.master.startswith("local[")


def parse_url(url: str) -> SparkTarget:
    """``spark://local[2]`` -> master ``local[2]``; ``spark://h:7077`` -> ``spark://h:7077``;
    ``sc://h:15002`` -> Spark Connect at that address. In the query, ``scratch=PATH`` names
    the folder the executors read source tables from and ``spark.*=VALUE`` sets Spark."""
    head, _, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    pairs = parse_qsl(query)
    scratch = next((v for k, v in reversed(pairs) if k == "scratch"), None)
    settings = {k: v for k, v in pairs if k.startswith("spark.")}
    if scheme.lower() == "sc":
        return SparkTarget(f"sc://{rest}", connect=True, scratch=scratch, settings=settings)
    rest = rest.rstrip("/") or "local[*]"
    master = rest if rest == "local" or rest.startswith("local[") else f"spark://{rest}"
    return SparkTarget(master, connect=False, scratch=scratch, settings=settings)


class SparkEngine(Engine):
    """A Spark session through Ibis; source tables are temporary views of this session."""

    schemes = ("spark", "sc")
    target: SparkTarget
    scratch: Path | None
    owns_session: bool

    @classmethod
    def open(cls, url: str | None) -> Engine:
        assert url is not None
        target = parse_url(url)
        pyspark_installed(url)
        if target.connect:
            session, owned = connect_session(url, target)
        else:
            if not target.local:
                reachable(url, target.master)
            session, owned = local_or_cluster_session(url, target)
        import ibis

        backend = ibis.pyspark.connect(session)
        engine = cls(backend, "spark")
        engine.target = target
        engine.owns_session = owned
        engine.scratch = None
        return engine

    @property
    def session(self) -> Any:
        """The Spark session under the Ibis backend."""
        return self.backend._session

    def put(self, name: str, data: pa.Table | pa.RecordBatchReader) -> ir.Table:
        """Make ``data`` a temporary view of this session; return it as an Ibis table.

        Written to Parquet batch by batch when a scratch folder the executors can read is
        known (always on a local master), so memory holds one batch at a time; otherwise
        sent through the driver as Arrow.
        """
        import pyarrow as pa

        full = self.table_name(name)
        folder = self._scratch_folder()
        if folder is not None:
            path = write_parquet(folder / full, data)
            reader = self.session.read
            schema = spark_schema(data.schema)
            if schema is not None:  # given, so Spark starts no job to read it from the file
                reader = reader.schema(schema)
            frame = reader.parquet(path)
        else:
            table = data.read_all() if isinstance(data, pa.RecordBatchReader) else data
            frame = self.session.createDataFrame(table)
        frame.createOrReplaceTempView(full)
        if full not in self.created:
            self.created.append(full)
        return self.backend.table(full)

    def _scratch_folder(self) -> Path | None:
        """This run's own folder for source tables, made on first use; None to go by Arrow."""
        if self.scratch is None:
            if self.target.connect or not (self.target.local or self.target.scratch):
                return None
            parent = self.target.scratch or None
            self.scratch = Path(tempfile.mkdtemp(prefix=f"{self.prefix}spark_", dir=parent))
        return self.scratch

    def close(self) -> None:
        """Drop this run's views, delete its scratch folder, stop the session it started."""
        for name in self.created:
            with contextlib.suppress(Exception):
                self.session.catalog.dropTempView(name)
        self.created.clear()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
        if self.owns_session:
            with contextlib.suppress(Exception):
                self.backend.disconnect()


def spark_schema(schema: pa.Schema) -> Any:
    """Spark's schema for an Arrow one (naive timestamps stay naive), or None when a type
    has no Spark equivalent here and Spark should read it from the Parquet file."""
    from pyspark.sql.pandas.types import from_arrow_schema

    try:
        return from_arrow_schema(schema, prefer_timestamp_ntz=True)
    except Exception:  # PySpark raises its own errors for types it does not map
        return None


def write_parquet(folder: Path, data: pa.Table | pa.RecordBatchReader) -> str:
    """Stream ``data`` into ``folder/part-0.parquet``; the folder's path, for Spark to read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shutil.rmtree(folder, ignore_errors=True)  # a table put again replaces the old one
    folder.mkdir(parents=True)
    batches = data if isinstance(data, pa.RecordBatchReader) else data.to_reader()
    with pq.ParquetWriter(folder / "part-0.parquet", batches.schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return str(folder)


def pyspark_installed(url: str) -> None:
    """Raise a CW-O008 naming the package when PySpark is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise EngineUnreachableError(
            f"cannot compute on {redact(url)}: PySpark is not installed",
            f"install it in charterwatch's environment (pip install '{PYSPARK_PIN}'), "
            "or run scripts/setup.sh",
        ) from exc


def java_present(url: str) -> None:
    """Raise a CW-O008 naming what to install when no Java runtime can be found."""
    home = os.environ.get("JAVA_HOME")
    java = Path(home) / "bin" / "java" if home else shutil.which("java")
    if java is None or not Path(java).exists():
        raise EngineUnreachableError(
            f"cannot start Spark for {redact(url)}: no Java runtime found"
            + (f" (JAVA_HOME is {home})" if home else " (no 'java' on the PATH)"),
            "install Java 17 or 21 (on Debian: apt-get install default-jdk-headless, or run "
            "scripts/system-packages.sh), or set JAVA_HOME to an installed Java",
        )


def reachable(url: str, address: str, seconds: float = 5.0) -> None:
    """Raise a CW-O008 when nothing answers at the master's (or server's) host and port."""
    parts = urlsplit(address)
    host, port = parts.hostname or "", parts.port
    if port is None:
        port = 15002 if parts.scheme == "sc" else 7077
    try:
        socket.create_connection((host, port), timeout=seconds).close()
    except OSError as exc:
        raise EngineUnreachableError(
            f"cannot connect to the engine at {redact(url)}: nothing answers at {host}:{port} "
            f"({exc.strerror or exc})",
            "check that the Spark master (or Spark Connect server) is running and that the "
            "host and port in --engine are right",
        ) from exc


def local_or_cluster_session(url: str, target: SparkTarget) -> tuple[Any, bool]:
    """A classic Spark session on ``target.master``: the active one, or one started here.

    The JVM is started here with its output going to a log in a private folder, so a failed
    start can be reported with its reason and a good one prints nothing.
    """
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    java_present(url)
    from pyspark import SparkConf, SparkContext

    settings = dict(LOCAL_SETTINGS if target.local else CLUSTER_SETTINGS)
    logs = log_folder()
    java_options = f"-Dlog4j2.configurationFile=file:{logs / 'log4j2.properties'}"
    if target.local:
        cores = str(local_cores(target.master))
        settings |= {"spark.sql.shuffle.partitions": cores, "spark.default.parallelism": cores}
        java_options += f" {LOCAL_JAVA_OPTIONS}"
        # Spark would otherwise make ./spark-warehouse in whatever folder the command ran in
        settings["spark.sql.warehouse.dir"] = str(logs / "warehouse")
    settings["spark.driver.extraJavaOptions"] = java_options
    settings |= target.settings
    conf = (
        SparkConf()
        .setMaster(target.master)
        .setAppName("charterwatch")
        .setAll(list(settings.items()))
    )
    try:
        context = SparkContext(conf=conf, gateway=start_gateway(conf, logs / "spark.log"))
    except Exception as exc:
        raise EngineUnreachableError(
            f"cannot start Spark for {redact(url)}: {failure_reason(exc, logs / 'spark.log')}",
            "check that Java 17 or 21 is installed (java -version) and that the master in "
            "--engine is right and running",
        ) from exc
    return SparkSession(context), True


def local_cores(master: str) -> int:
    """The cores of a local master: ``local`` -> 1, ``local[2]`` -> 2, ``local[*]`` -> all."""
    inside = master.partition("[")[2].partition("]")[0].partition(",")[0]
    if inside.isdigit() and int(inside) > 0:
        return int(inside)
    return 1 if master == "local" else os.cpu_count() or 1


def log_folder() -> Path:
    """This process's folder for Spark's logging settings and log, removed when it exits.

    Spark's JVM lives as long as the Python process that started it (later sessions of the
    same process reuse it), so its log does too.
    """
    global LOGS
    if LOGS is None:
        LOGS = Path(tempfile.mkdtemp(prefix="charterwatch-spark-"))
        (LOGS / "log4j2.properties").write_text(LOG4J2, encoding="utf-8")
        atexit.register(shutil.rmtree, LOGS, ignore_errors=True)
    return LOGS


LOGS: Path | None = None


def start_gateway(conf: Any, log: Path) -> Any:
    """Spark's JVM, launched with its standard output and errors going to ``log``.

    Reuses the JVM already started by an earlier session in this process.
    """
    from pyspark import SparkContext
    from pyspark.java_gateway import launch_gateway

    if SparkContext._gateway is not None:
        return SparkContext._gateway
    with log.open("ab") as out:
        return launch_gateway(  # type: ignore[no-untyped-call]
            conf, popen_kwargs={"stdout": out, "stderr": subprocess.STDOUT}
        )


def failure_reason(exc: Exception, log: Path) -> str:
    """The last meaningful line of Spark's log, or the exception's first line."""
    with contextlib.suppress(OSError):
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
        for line in reversed(lines):
            if "Exception" in line or "Error" in line or "error" in line:
                return line
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def connect_session(url: str, target: SparkTarget) -> tuple[Any, bool]:
    """A Spark Connect session on the server at ``target.master`` (``sc://host:port``)."""
    reachable(url, target.master)
    try:
        from pyspark.sql.connect.session import SparkSession as ConnectSession
    except ImportError as exc:
        raise EngineUnreachableError(
            f"cannot use Spark Connect for {redact(url)}: its client libraries are missing ({exc})",
            f"install them (pip install '{PYSPARK_PIN.replace('pyspark', 'pyspark[connect]')}')",
        ) from exc
    session = ConnectSession.builder.remote(target.master).getOrCreate()
    for key, value in {"spark.sql.session.timeZone": "UTC", **target.settings}.items():
        session.conf.set(key, value)
    return session, True

"""Operational failures through the command line: exit 1, a message and a fix, never a bug.

Each case starts from a good results store and checks it is byte-identical afterwards. The
locked store and the two computes use real second processes; only the full disk is
simulated (an ``ENOSPC`` raised where the store is written), as no small disk can be mounted
in a test.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.failures import operational_errors
from charterwatch.pipeline import QUERY_CACHE
from charterwatch.results import storefile
from tests.measures.fixtures import write_measured_framework

ROOT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    "COLUMNS": "1000",
}
MAIN = "from charterwatch.cli import main; main()"


def cli(*args: str) -> tuple[int, str]:
    """Run the command in-process; the exit code and the output, whitespace collapsed."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "1000"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # CliRunner reports an escaped exception as exit code 1
    return result.exit_code, " ".join(result.output.split())


def handled(code: int, output: str, *words: str) -> None:
    """Exit 1 with every one of ``words`` in the message and no crash report."""
    assert code == 1, output
    assert "This is a bug" not in output and "Traceback" not in output, output
    for word in words:
        assert word in output, (word, output)


@pytest.fixture
def computed(tmp_path: Path) -> Path:
    """A framework folder with a good results store."""
    root = write_measured_framework(tmp_path)
    code, output = cli("compute", str(root))
    assert code == 0, output
    return root


def store_of(root: Path) -> Path:
    return root / ".charterwatch" / "results.duckdb"


@pytest.fixture
def unchanged(computed: Path) -> Iterator[Path]:
    """The good store, checked byte-identical (and alone in its folder, beside the kept
    compiled SQL) after the test."""
    store = store_of(computed)
    before = store.read_bytes()
    yield computed
    assert store.read_bytes() == before, "the previous good store changed"
    kept_sql = (computed / QUERY_CACHE).relative_to(store.parent).parts[0]  # not the store's
    assert sorted(p.name for p in store.parent.iterdir() if p.name != kept_sql) == [
        "results.duckdb"
    ]


def test_invalid_store_open_in_another_process(unchanged: Path) -> None:
    store = store_of(unchanged)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_OPEN, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = store.read_bytes()
        handled(
            *cli("compute", str(unchanged)),
            f"the results store {store} is open in another program",
            f"PID {holder.pid}",
            "close that program",
        )
        handled(*cli("results", str(unchanged)), "is open in another program")
        assert store.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


_HOLD_OPEN = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "it is empty (0 bytes)"),
        (bytes(range(256)) * 40, "not a valid DuckDB database file"),
    ],
    ids=["empty", "garbage"],
)
def test_invalid_damaged_store(computed: Path, content: bytes, why: str) -> None:
    store = store_of(computed)
    store.write_bytes(content)
    for command in ("compute", "results"):
        handled(
            *cli(command, str(computed)),
            "error CW-O003",
            f"the results store {store} is damaged",
            why,
            f"delete {store} and run 'charterwatch compute' again",
        )
    assert store.read_bytes() == content
    kept_sql = (computed / QUERY_CACHE).relative_to(store.parent).parts[0]  # not the store's
    assert sorted(p.name for p in store.parent.iterdir() if p.name != kept_sql) == [
        "results.duckdb"
    ]


def test_invalid_store_damaged_inside(computed: Path) -> None:
    """A valid header over broken blocks: DuckDB only notices when it reads them."""
    store = store_of(computed)
    good = store.read_bytes()
    broken = good[: len(good) // 2]
    store.write_bytes(broken)
    for command in ("compute", "results"):
        handled(*cli(command, str(computed)), "is damaged", "delete")
    assert store.read_bytes() == broken


def test_two_computes_at_once_the_second_is_refused(computed: Path, tmp_path: Path) -> None:
    store = store_of(computed)
    before = store.read_bytes()
    go = tmp_path / "go"
    first = _slow_compute(computed, go)
    try:
        second = subprocess.run(
            [sys.executable, "-c", MAIN, "compute", str(computed)],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=120,
        )
        output = " ".join((second.stdout + second.stderr).split())
        handled(
            second.returncode,
            output,
            "error CW-O001",
            f"another charterwatch is computing into {store}",
            f"pid {first.pid}",
            "started",
            "wait for it to finish, or if that process is gone remove",
            f"{store}.lock",
        )
        assert store.read_bytes() == before
    finally:
        go.touch()
        assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    assert not Path(f"{store}.lock").exists()  # the first finished, wrote and let go


def test_a_killed_compute_does_not_block_the_next(computed: Path, tmp_path: Path) -> None:
    store = store_of(computed)
    before = store.read_bytes()
    first = _slow_compute(computed, tmp_path / "never")
    first.send_signal(signal.SIGKILL)
    first.wait()
    lock = Path(f"{store}.lock")
    assert lock.exists() and f'"pid": {first.pid}' in lock.read_text("utf-8")
    assert store.read_bytes() == before
    code, output = cli("compute", str(computed))
    assert code == 0, output
    assert f"a compute that did not finish (pid {first.pid}" in output
    assert "the lock was taken over" in output
    assert not lock.exists()


def test_a_copy_left_by_a_killed_write_is_removed(computed: Path) -> None:
    store = store_of(computed)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_OUT)
    leftover = store.with_name(f"results.duckdb.writing-{int(gone.stdout)}")
    shutil.copyfile(store, leftover)
    code, output = cli("compute", str(computed))
    assert code == 0, output
    assert not leftover.exists()


_OUT: dict[str, Any] = {"capture_output": True, "text": True, "check": True}


def test_invalid_read_only_folder(unchanged: Path) -> None:
    folder = store_of(unchanged).parent
    how = _make_read_only(folder)
    try:
        handled(
            *cli("compute", str(unchanged)),
            "error CW-O006",
            f"cannot write {folder}",
            "make the folder writable, or choose another results store with --store",
        )
    finally:
        _make_writable(folder, how)


def test_invalid_full_disk_while_copying(unchanged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, copy: Path) -> None:
        copy.write_bytes(path.read_bytes()[:4096])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(copy))

    monkeypatch.setattr(storefile, "_copy", full)
    handled(
        *cli("compute", str(unchanged)),
        "error CW-O007",
        f"no space left on {store_of(unchanged).parent}",
        "free some space",
    )


def test_invalid_full_disk_while_checkpointing(
    unchanged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB's own 'No space left on device' is no longer hidden behind 'cannot rollback'."""
    real = storefile.connect

    class Full:
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def execute(self, sql: str, *args: Any) -> Any:
            if sql == "CHECKPOINT":
                raise duckdb.IOException(
                    'IO Error: Could not write file "x": No space left on device'
                )
            return self.con.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.con, name)

    monkeypatch.setattr(
        storefile, "connect", lambda path, read_only: Full(real(path, read_only=read_only))
    )
    code, output = cli("compute", str(unchanged))
    handled(code, output, "error CW-O007", "no space left on", "free some space")
    assert "rollback" not in output


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "postgresql://postgres@127.0.0.1:1/test",
            [
                "error CW-O008",
                "cannot connect to the engine at postgresql://postgres@127.0.0.1:1/test",
                "Connection refused",
                "check that the server is running",
            ],
        ),
        (
            "postgresql://postgres:secret@127.0.0.1:1/test",
            ["postgresql://postgres:***@127.0.0.1:1/test"],
        ),
        (
            "foo://x",
            [
                "error CW-O009",
                "charterwatch cannot compute on 'foo://x' (engine 'foo')",
                "postgresql://user@host:5432/database",
            ],
        ),
    ],
    ids=["unreachable", "password-hidden", "unknown-scheme"],
)
def test_invalid_engine(unchanged: Path, url: str, words: list[str]) -> None:
    code, output = cli("compute", str(unchanged), "--engine", url)
    handled(code, output, *words)
    assert "secret" not in output


def test_invalid_engine_through_the_entry_point(unchanged: Path) -> None:
    """main() itself turns an operational failure into exit 1, not the crash report."""
    done = subprocess.run(
        [sys.executable, "-c", MAIN, "compute", str(unchanged), "--engine", "foo://x"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    handled(done.returncode, " ".join(done.stderr.split()), "error CW-O009", "foo://x")


def test_invalid_store_path_not_duckdb(unchanged: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    for command in ("compute", "results"):
        handled(
            *cli(command, str(unchanged), "--store", str(target)),
            "error CW-O005",
            "must be a DuckDB file whose name ends in .duckdb",
            "--format csv",
        )
    assert not target.exists()


def test_every_operational_failure_is_documented() -> None:
    text = (ROOT / "docs" / "troubleshooting.md").read_text("utf-8")
    documented = set(re.findall(r"^\| (CW-O\d{3}) \|", text, re.MULTILINE))
    assert {kind.code for kind in operational_errors()} == documented


def _slow_compute(root: Path, go: Path) -> subprocess.Popen[str]:
    """A real compute in another process that holds the lock until ``go`` exists."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        import charterwatch.pipeline as pipeline
        real = pipeline.compute_measures
        def slow(*args, **kwargs):
            print("computing", flush=True)
            go = Path({str(go)!r})
            for _ in range(600):
                if go.exists():
                    break
                time.sleep(0.1)
            return real(*args, **kwargs)
        pipeline.compute_measures = slow
        sys.argv = ["charterwatch", "compute", {str(root)!r}]
        from charterwatch.cli import main
        main()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "computing" in line:
            return process
    process.wait()
    raise AssertionError(
        f"the compute ended early: {process.stderr.read() if process.stderr else ''}"
    )


def _make_read_only(folder: Path) -> str:
    """Make ``folder`` refuse new files: chmod, or as root (whom chmod does not stop) the
    immutable attribute. Fails loudly if neither works on this file system."""
    folder.chmod(0o555)
    if not _writable(folder):
        return "chmod"
    folder.chmod(0o755)  # root ignores permission bits; the immutable flag binds root too
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode == 0 and not _writable(folder):
        return "chattr"
    pytest.skip(
        "LOUD SKIP: cannot make a folder read-only here: running as root, so chmod does not "
        f"stop writes, and 'chattr +i' failed ({done.stderr.strip()}); the read-only folder "
        "case is NOT tested on this machine"
    )


def _make_writable(folder: Path, how: str) -> None:
    if how == "chattr":
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True

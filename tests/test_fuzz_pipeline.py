"""Fuzzing ``charterwatch compute`` and ``build`` with a mutated framework folder.

Each example copies the small computable framework of :mod:`tests.measures.fixtures`, with the
results store of a first good compute, and breaks one to three things: a framework YAML file
(the mutations of the validate fuzz, :mod:`tests.model.yaml_mutations`) or a raw extract
(far-off and impossible dates, empty cells, huge and negative numbers, formula-like text,
unicode, very long strings, duplicate ids, swapped columns, an empty file, a truncated line).
Then ``compute`` runs, and every few examples ``build`` too, through :func:`main` in-process,
as a user's shell would. Each must answer with exit code 0 or 1, never 2, and never print
"This is a bug" or a traceback; a compute that stores nothing leaves the previous store
byte-identical. Seeded (``derandomize=True``), so every run tries the same folders.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.cli import main
from charterwatch.pipeline import STORE_FILE
from tests.measures.fixtures import write_measured_framework
from tests.model.yaml_mutations import Mutation, mutation

EXAMPLES = int(os.environ.get("CW_FUZZ_EXAMPLES", "300"))
"""300 mutated folders through compute (and build one time in four): about 3 minutes on two
cores, so the whole suite stays inside the 30-minute CI budget. Seeded, so every run tries the
same folders; ``CW_FUZZ_EXAMPLES=1000`` (about 10 minutes) for a deeper run before a release,
``CW_FUZZ_EXAMPLES=50`` for a quick one."""

YAML_FILES = ["charterwatch.yaml", "charter.yaml", "framework.yaml", "sources.yaml"]
YAML_FILES += ["deadlines.yaml"]
CSV_FILES = [
    "data/applications.csv",
    "data/calls.csv",
    "data/redeterminations.csv",
    "data/survey.csv",
]
CELLS = [
    "9999-12-31",
    "2031-01-01",
    "2019-02-30",
    "0001-01-01",
    "2022-6-1",
    "2022/06/01",
    " 2022-06-01 ",
    "",
    "9" * 40,
    "1e309",
    "-1",
    "-99999999999",
    "0",
    "3.5",
    "NaN",
    "inf",
    "=1+1",
    '-1+HYPERLINK("x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "é✓\u202e",
    "\u00a0",
    "x" * 5000,
    '"',
    '"a,b"',
    "true",
    "null",
    "2022-23",
]

Edit = Callable[[list[str]], list[str]]


def _cells(line: str) -> list[str]:
    return line.split(",")


@st.composite
def csv_mutation(draw: st.DrawFn) -> tuple[str, Edit]:
    """A description and a function that breaks the lines of one raw extract."""
    choice = draw(st.integers(0, 9))
    row, col = draw(st.integers(0, 10_000)), draw(st.integers(0, 50))

    def pick(lines: list[str], header: bool = False) -> int:
        if header or len(lines) < 2:
            return 0
        return 1 + row % (len(lines) - 1)

    def set_cell(lines: list[str], i: int, value: str) -> list[str]:
        if not lines:
            return [value]
        cells = _cells(lines[i])
        cells[col % len(cells)] = value
        lines[i] = ",".join(cells)
        return lines

    if choice <= 2:
        value = draw(st.sampled_from(CELLS))
        return f"cell {value[:20]!r}", lambda ls: set_cell(ls, pick(ls), value)
    if choice == 3:
        text = draw(st.text(max_size=20))
        return f"cell text {text!r}", lambda ls: set_cell(ls, pick(ls), text)
    if choice == 4:
        y, m, d = draw(st.integers(0, 9999)), draw(st.integers(0, 99)), draw(st.integers(0, 99))
        date = f"{y:04d}-{m:02d}-{d:02d}"
        return f"date {date}", lambda ls: set_cell(ls, pick(ls), date)
    if choice == 5:

        def duplicate_id(ls: list[str]) -> list[str]:
            i = pick(ls)
            return set_cell(ls, pick(ls[:-1]) if len(ls) > 2 else i, _cells(ls[i])[0])

        return "duplicate id", lambda ls: [*ls, ls[pick(ls)]] if row % 2 else duplicate_id(ls)
    if choice == 6:
        other = draw(st.integers(0, 50))

        def swap(ls: list[str]) -> list[str]:
            rows = range(len(ls)) if row % 2 else range(1)  # the header alone, or every line
            for i in rows:
                cells = _cells(ls[i])
                a, b = col % len(cells), other % len(cells)
                cells[a], cells[b] = cells[b], cells[a]
                ls[i] = ",".join(cells)
            return ls

        return "swap columns", swap
    if choice == 7:
        keep = draw(st.sampled_from(["", "header", "no header"]))
        return (
            f"only {keep!r}",
            lambda ls: [] if not keep else ls[:1] if keep == "header" else ls[1:],
        )
    if choice == 8:

        def truncate(ls: list[str]) -> list[str]:
            i = pick(ls)
            ls[i] = ls[i][: col % (len(ls[i]) + 1)]
            return ls

        return "truncated line", truncate
    junk = draw(st.sampled_from(["\ufeff", "\x00", ",extra", "\r", '"unclosed', "\t"]))
    return f"junk {junk!r}", lambda ls: set_cell(ls, pick(ls), _cells(ls[pick(ls)])[0] + junk)


Change = tuple[str, str, Mutation | Edit]


@st.composite
def change(draw: st.DrawFn) -> Change:
    """One file of the folder and what to do to it."""
    if draw(st.booleans()):
        name = draw(st.sampled_from(CSV_FILES))
        what, edit = draw(csv_mutation())
        return name, what, edit
    name = draw(st.sampled_from(YAML_FILES))
    what, yaml_edit = draw(mutation())
    return name, what, yaml_edit


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small framework with its store from a first good compute."""
    root = write_measured_framework(tmp_path_factory.mktemp("fuzz") / "framework")
    code, said = run(["compute", str(root)])
    assert code == 0, said
    return root


def run(argv: list[str]) -> tuple[int, str]:
    """Run the command as the shell would (``main()``); its exit code and all it printed."""
    said = io.StringIO()
    argv_before = sys.argv
    sys.argv = ["charterwatch", *argv]
    try:
        with redirect_stdout(said), redirect_stderr(said):
            main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv_before
    return code, said.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def assert_handled(code: int, said: str, described: str) -> None:
    assert code in (0, 1), described + said
    assert "This is a bug" not in said, described + said
    assert "Traceback" not in said, described + said


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(changes=st.lists(change(), min_size=1, max_size=3), build=st.integers(0, 3))
def test_compute_and_build_never_crash_on_a_mutated_folder(
    computed: Path, changes: list[Change], build: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "framework"
        shutil.copytree(computed, root)
        for name, _, edit in changes:
            path = root / name
            lines = path.read_text("utf-8").splitlines()
            text = "\n".join(edit(list(lines)))
            path.write_bytes((text + "\n" if text else "").encode("utf-8", "surrogatepass"))
        described = f"{[(n, w) for n, w, _ in changes]}\n"
        store = root / STORE_FILE
        before = digest(store)
        code, said = run(["compute", str(root)])
        assert_handled(code, said, "compute " + described)
        if (
            "suppressed for disclosure control" not in said
        ):  # nothing was stored: the last good results stand
            assert digest(store) == before, "compute " + described + said
        if build == 0:
            code, said = run(["build", str(root), "--out", str(Path(tmp) / "site")])
            assert_handled(code, said, "build " + described)

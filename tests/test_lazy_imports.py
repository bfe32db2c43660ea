"""``charterwatch --help`` and ``charterwatch validate`` import none of the heavy libraries.

Each case runs the command in a fresh interpreter and then lists the modules it loaded:
ibis, pandas, scipy and WeasyPrint (and, for validate, DuckDB and the spreadsheet writers)
are only needed to compute, decide or publish, and importing them cost ``validate`` over a
second before they were moved into the functions that use them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scotland"

HEAVY = ("ibis", "pandas", "scipy", "weasyprint")
"""Never imported by ``--help`` or ``validate``."""

NOT_FOR_VALIDATE = (*HEAVY, "duckdb", "odf", "xlsxwriter", "pyarrow")
"""Not imported by ``validate`` either: it reads no store, no extract and writes no
spreadsheet (pyarrow came in with the source readers and the calendar's table, about 0.1 s)."""

RUN = """
import json, sys
sys.argv = ["charterwatch", *json.loads(sys.argv[1])]
from charterwatch.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
else:
    code = 0
print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
print("\\nEXIT " + str(code), file=sys.stderr)
"""


def loaded_by(*args: str) -> tuple[set[str], int, str]:
    """The modules a fresh interpreter has loaded after the command (with their top-level
    packages), its exit code and its output."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(list(args))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    lines = done.stderr.splitlines()
    modules = json.loads(next(x for x in lines if x.startswith("MODULES "))[8:])
    code = int(next(x for x in lines if x.startswith("EXIT "))[5:])
    return {*modules, *(m.split(".")[0] for m in modules)}, code, done.stdout


def test_help_imports_nothing_heavy() -> None:
    packages, code, out = loaded_by("--help")
    assert code == 0
    assert "validate" in out and "build" in out
    assert not packages & set(HEAVY), sorted(packages & set(HEAVY))
    assert "charterwatch.model" not in packages  # nor the framework model: help needs none
    assert "charterwatch.cli" in packages


def test_validate_imports_nothing_heavy() -> None:
    packages, code, out = loaded_by("validate", str(EXAMPLE))
    assert code == 0, out
    assert "0 errors" in out
    found = packages & set(NOT_FOR_VALIDATE)
    assert not found, f"validate imported {sorted(found)}"
    assert "charterwatch.model.loader" in packages  # it did load and check the framework


NOT_FOR_COMPUTE = ("pandas", "scipy", "weasyprint", "xlsxwriter", "odf")
"""Never imported by ``compute``: pandas only came in through pyarrow's and Ibis's
conversions (a tenth of a compute of the example), scipy through the exact test."""


def test_compute_imports_no_pandas(tmp_path: Path) -> None:
    """A compute of every built-in kind's fixture (narrative evidence, calendar, deadline
    rules, a stored batch of figures: each a conversion that imported pandas before)."""
    from tests.measures.fixtures import write_measured_framework

    root = write_measured_framework(tmp_path)
    packages, code, out = loaded_by("compute", str(root))
    assert code == 0, out
    assert "computed" in out
    found = packages & set(NOT_FOR_COMPUTE)
    assert not found, f"compute imported {sorted(found)}"
    assert "ibis" in packages and "duckdb" in packages  # it did compute


def test_every_name_of_the_sources_package_is_found() -> None:
    """The package imports its names when first used: each one listed must be there."""
    import charterwatch.sources as sources

    assert set(sources.__all__) == set(sources._HOMES)
    for name in sources.__all__:
        assert getattr(sources, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = sources.nothing  # type: ignore[attr-defined]

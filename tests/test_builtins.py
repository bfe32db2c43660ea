"""One explicit list of built-ins: what is known never depends on what was imported first."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

from charterwatch.builtins import (
    BUILTIN_FORMATS,
    BUILTIN_KINDS,
    BUILTIN_READERS,
    load_builtins,
)
from charterwatch.measures.registry import KINDS, MeasureKind, register
from charterwatch.sources.readers import READERS, TableReader, register_builtin_readers
from tests.measures.fixtures import write_measured_framework

ROOT = Path(__file__).resolve().parents[1]
KINDS_DIR = ROOT / "src" / "charterwatch" / "measures" / "kinds"
READERS_DIR = ROOT / "src" / "charterwatch" / "sources" / "readers"
FORMATS_DIR = ROOT / "src" / "charterwatch" / "publish" / "downloads" / "formats"

FRESH = """
import json, sys
from charterwatch.model.loader import load_framework
result = load_framework(sys.argv[1])
from charterwatch.measures.registry import KINDS
print(json.dumps({
    "kinds": sorted(KINDS),
    "issues": [[i.code, i.expected or ""] for i in result.issues],
}))
"""


def run_fresh(root: Path) -> dict[str, list[object]]:
    """Load a framework in a new interpreter that imports nothing else first."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH, str(root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    loaded: dict[str, list[object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def modules_in(folder: Path, package: str, skip: set[str]) -> set[str]:
    return {f"{package}.{p.stem}" for p in folder.glob("*.py") if p.stem not in skip}


def test_every_kind_module_is_listed() -> None:
    assert set(BUILTIN_KINDS) == modules_in(
        KINDS_DIR, "charterwatch.measures.kinds", {"__init__", "common"}
    )


def test_every_concrete_reader_class_is_listed() -> None:
    concrete: set[str] = set()  # reader classes with file extensions of their own
    for path in READERS_DIR.glob("*.py"):
        module = importlib.import_module(f"charterwatch.sources.readers.{path.stem}")
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, TableReader)
                and not inspect.isabstract(obj)
                and getattr(obj, "extensions", ())
                and obj.__module__ == module.__name__
            ):
                concrete.add(f"{module.__name__}:{name}")
    assert concrete == set(BUILTIN_READERS)


def test_every_format_module_is_listed_once_and_agrees_with_the_registry() -> None:
    from charterwatch.publish.downloads.registry import BUILTIN_FORMATS as REGISTRY_LIST

    assert set(BUILTIN_FORMATS) == modules_in(
        FORMATS_DIR, "charterwatch.publish.downloads.formats", {"__init__"}
    )
    assert tuple(REGISTRY_LIST) == BUILTIN_FORMATS


def test_validate_in_a_fresh_interpreter_knows_every_kind(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path / "fw")
    framework = root / "framework.yaml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("kind: backlog", "kind: backlogg", 1),
        encoding="utf-8",
    )
    loaded = run_fresh(root)
    assert loaded["kinds"] == list(load_builtins().kinds)
    assert len(loaded["kinds"]) >= len(BUILTIN_KINDS)
    unknown = [issue for issue in loaded["issues"] if issue[0] == "CW-K001"]  # type: ignore[index]
    assert len(unknown) == 1
    assert unknown[0][1] == "one of: " + ", ".join(load_builtins().kinds)  # type: ignore[index]


def test_a_valid_framework_is_valid_in_a_fresh_interpreter(tmp_path: Path) -> None:
    loaded = run_fresh(write_measured_framework(tmp_path / "fw"))
    assert not [i for i in loaded["issues"] if i[0] == "CW-K001"]  # type: ignore[index]


def test_loading_twice_changes_nothing() -> None:
    first = load_builtins()
    readers = dict(READERS)
    register_builtin_readers()
    load_builtins.cache_clear()
    assert load_builtins() == first
    assert readers == READERS


def test_a_third_party_kind_registers_beside_the_builtins() -> None:
    @register
    class Extra(MeasureKind):
        name = "test_extra_kind"
        Params = KINDS["count"].Params
        summary = "A kind registered by a test, as a third party would."

        def compute(self, measure, params, ctx, years):  # type: ignore[no-untyped-def]
            return []

    try:
        load_builtins.cache_clear()
        assert "test_extra_kind" in load_builtins().kinds
        assert set(load_builtins().kinds) >= {"count", "duration", "survey_proportion"}
    finally:
        del KINDS["test_extra_kind"]
        load_builtins.cache_clear()

"""One rounding module: no code in src/charterwatch calls Python's built-in ``round``.

``round`` sends halves to the even neighbour and rounds the binary value of a float
(``round(20.25, 1) == 20.2``); published figures round the decimal people see, halves away
from zero. Only :mod:`charterwatch.stats.rounding` may do rounding; everything else calls it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "charterwatch"
ALLOWED = {Path("stats/rounding.py")}
OTHER_WORK = ("publish/", "results/", "assess.py", "accountability.py", "pipeline.py")
"""Files rewritten in the results-contract work, where the last calls are being replaced."""


def builtin_round_calls(root: Path = SRC) -> list[str]:
    """Every call of the built-in ``round`` (a bare name, not a method) as ``path:line``."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        shadowed = any(
            isinstance(node, ast.FunctionDef | ast.ImportFrom) and _defines_round(node)
            for node in ast.walk(tree)
        )
        if shadowed:
            found.append(f"{relative.as_posix()}: defines or imports its own 'round'")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "round"
            ):
                found.append(f"{relative.as_posix()}:{node.lineno}")
    return found


def _defines_round(node: ast.FunctionDef | ast.ImportFrom) -> bool:
    if isinstance(node, ast.FunctionDef):
        return node.name == "round"
    return any((alias.asname or alias.name) == "round" for alias in node.names)


def test_the_finder_sees_calls_not_methods_or_text(tmp_path: Path) -> None:
    (tmp_path / "stats").mkdir()
    (tmp_path / "stats" / "rounding.py").write_text("x = round(2.5)\n", encoding="utf-8")
    (tmp_path / "a.py").write_text(
        '"""round(1) in a docstring"""\nx = round(2.5)\ny = value.round(2)\n', encoding="utf-8"
    )
    (tmp_path / "b.py").write_text("from numpy import round\n", encoding="utf-8")
    assert builtin_round_calls(tmp_path) == ["a.py:2", "b.py: defines or imports its own 'round'"]


def test_no_builtin_round_outside_the_rounding_module() -> None:
    calls = builtin_round_calls()
    mine = [c for c in calls if not c.startswith(OTHER_WORK)]
    assert not mine, "use charterwatch.stats.rounding instead of round(): " + ", ".join(mine)


def test_no_builtin_round_anywhere() -> None:
    calls = builtin_round_calls()
    assert not calls, "use charterwatch.stats.rounding instead of round(): " + ", ".join(calls)

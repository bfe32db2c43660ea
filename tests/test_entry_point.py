"""The ``charterwatch`` command is :func:`charterwatch.cli.run`: the app, then an exit that
skips the interpreter's last garbage search. Its exit codes and output are the app's."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scotland"


def command(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m charterwatch.cli ARGS`` (the module runs :func:`run`, as the script does)."""
    return subprocess.run(
        [sys.executable, "-m", "charterwatch.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_the_installed_command_is_run() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["charterwatch"] == "charterwatch.cli:run"


def test_a_good_folder_exits_0_with_all_its_output() -> None:
    done = command("validate", str(EXAMPLE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors" in done.stdout


def test_a_missing_folder_exits_with_its_error(tmp_path: Path) -> None:
    done = command("validate", str(tmp_path / "nowhere"))
    assert done.returncode not in (0, None)
    assert "nowhere" in done.stdout + done.stderr


def test_main_leaves_the_garbage_collector_on() -> None:
    """Tests call :func:`main` in their own process: only :func:`run` switches it off."""
    code = (
        "import gc, sys\n"
        "from charterwatch.cli import main\n"
        "sys.argv = ['charterwatch', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('GC', gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "GC True" in done.stdout

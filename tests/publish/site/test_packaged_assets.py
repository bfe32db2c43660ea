"""The design system a site needs ships inside the package, so an installed charterwatch
builds a site with no ``node_modules`` anywhere.

Before, a user who had run ``pip install`` got "the Scottish Government Design System is not
installed (node_modules not found); run 'make setup'": a Makefile target of a checkout they
do not have.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from charterwatch.publish.site.build import (
    DESIGN_SYSTEM_CSS,
    PACKAGED_DESIGN_SYSTEM,
    find_node_modules,
)

REPO = Path(__file__).resolve().parents[3]


def test_the_packaged_stylesheet_is_the_pinned_npm_version() -> None:
    npm = find_node_modules(REPO) / DESIGN_SYSTEM_CSS
    assert PACKAGED_DESIGN_SYSTEM.read_bytes() == npm.read_bytes(), (
        "the packaged design system differs from node_modules: copy "
        f"{npm} to {PACKAGED_DESIGN_SYSTEM} (see its README.md)"
    )
    assert (PACKAGED_DESIGN_SYSTEM.parent / "LICENSE.txt").is_file()


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_an_installed_wheel_builds_the_starter_site_without_node_modules(tmp_path: Path) -> None:
    """Build the wheel (as pip does, in an isolated build environment), install it (without
    dependencies: they come from this interpreter)
    into a folder far from the checkout, and run init, compute and build from there."""
    wheels = tmp_path / "wheels"
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        tmp_path,
        dict(os.environ),
    )
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("charterwatch-*.whl"))
    target = tmp_path / "installed"
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        tmp_path,
        dict(os.environ),
    )
    assert installed.returncode == 0, installed.stderr
    assert (
        target / "charterwatch/publish/site/vendor/design-system/design-system.min.css"
    ).is_file()
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    cli = [sys.executable, "-m", "charterwatch.cli"]
    for step in (
        ["init", "charter"],
        ["compute", "charter"],
        ["build", "charter", "--out", "site"],
    ):
        done = _run([*cli, *step], work, env)
        assert done.returncode == 0, f"{step}: {done.stdout}{done.stderr}"
        assert "node_modules" not in done.stdout + done.stderr
    where = _run(
        [sys.executable, "-c", "import charterwatch; print(charterwatch.__file__)"], work, env
    )
    assert where.stdout.startswith(str(target)), where.stdout
    css = work / "site" / "assets" / "design-system.min.css"
    assert css.read_bytes() == PACKAGED_DESIGN_SYSTEM.read_bytes()
    assert not any((p / "node_modules").exists() for p in [work, *work.parents])

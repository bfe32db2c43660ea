"""Reproducible installs: every dependency in pyproject.toml is pinned in requirements.lock.

The setup step installs ``requirements.lock`` (``pip install -r``) and then charterwatch
with ``--no-deps``, so a dependency missing from the lock would silently not be installed on
a fresh machine. ``make lock`` regenerates the lock from pyproject.toml.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

import holidays
import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def normal(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version, f"requirements.lock: '{line}' is not pinned with =="
        pins[normal(name)] = Version(version)
    return pins


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    texts = list(project["dependencies"])
    texts += project.get("optional-dependencies", {}).get("dev", [])  # what the lock installs
    return [Requirement(text) for text in texts]


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_dependency_is_pinned_in_the_lock(requirement: Requirement) -> None:
    pins = locked()
    name = normal(requirement.name)
    assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"requirements.lock pins {requirement.name}=={pins[name]}, outside pyproject.toml's "
        f"'{requirement.specifier}'; run 'make lock'"
    )


def test_charterwatch_itself_is_not_in_the_lock() -> None:
    assert "charterwatch" not in locked()


def test_the_setup_step_installs_from_the_lock() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "pip install -r requirements.lock" in setup
    assert "pip install --no-deps -e ." in setup
    assert "lock:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_holidays_lists_the_scottish_one_off_holiday_of_2026() -> None:
    floor = next(r for r in declared() if r.name == "holidays")
    assert floor.specifier.contains("0.91") and not floor.specifier.contains("0.90")
    scotland = holidays.country_holidays("GB", subdiv="SCT", years=2026)
    assert datetime.date(2026, 6, 15) in scotland

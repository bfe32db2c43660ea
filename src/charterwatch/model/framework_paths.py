"""Paths a framework names stay inside its folder and name ordinary files (CW-H002, CW-H003).

A framework folder is read as if someone careless or hostile wrote it: a source ``path``
of ``../../etc/passwd``, a link (symlink) from ``data/`` to a file elsewhere, or a named pipe
where an extract should be (reading it would wait for ever) must be refused, not read.
Every path is resolved, links included, before it is compared with the folder; then what it
names must be an ordinary file (or, for narrative evidence, a folder of them). The rule
applies to source paths and narrative evidence folders and the folder's own ``locales/``
catalogues (checked by ``validate``, :mod:`.path_checks`), the YAML files the loader
discovers, and every extract a reader opens. Messages name the path as written and never
quote a file's content.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

OUTSIDE = "CW-H002"
SPECIAL = "CW-H003"

LOCALES = "locales"
"""The framework folder's own interface text catalogues (see :mod:`charterwatch.publish.i18n`)."""

Expect = Literal["file", "folder"]

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class PathProblem:
    """Why a path may not be read: its code, a message naming the path, and the fix."""

    code: str
    message: str
    fix: str


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is neither an ordinary file nor a folder ("a named pipe
    (FIFO)", "a character device" ...), following links; None otherwise or if missing."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    for test, name in _SPECIAL_KINDS:
        if test(mode):
            return name
    return None


def resolved_inside(root: Path, path: Path) -> Path | None:
    """``path`` with every link resolved, or None when that lies outside ``root`` (or the
    links loop, so it cannot be resolved)."""
    try:
        real = Path(os.path.realpath(path, strict=False))
        base = Path(os.path.realpath(root, strict=False))
    except (OSError, ValueError, RuntimeError):
        return None
    return real if real == base or real.is_relative_to(base) else None


def path_problem(root: Path, path: Path, shown: str, expect: Expect = "file") -> PathProblem | None:
    """Why ``path`` (written as ``shown``) may not be read from the framework folder ``root``,
    or None when it may (a path that does not exist yet is not a problem here)."""
    real = resolved_inside(root, path)
    if real is None:
        return PathProblem(
            OUTSIDE,
            f"'{shown}' is outside the framework folder"
            + (" (through a link)" if _is_link_below(root, path) else ""),
            "keep every file the framework reads inside its folder: copy the file in, and "
            "write its path relative to the YAML file (e.g. data/cases.csv)",
        )
    kind = special_kind(real)
    if kind is not None:
        return PathProblem(
            SPECIAL,
            f"'{shown}' is {kind}, not an ordinary file",
            "name an ordinary file saved on disk; charterwatch does not read pipes, devices "
            "or sockets",
        )
    if expect == "file" and real.is_dir():
        return PathProblem(
            SPECIAL,
            f"'{shown}' is a folder where a file is expected",
            "name the file itself, e.g. data/cases.csv or data/book.xlsx#Sheet1",
        )
    if expect == "folder" and real.exists() and not real.is_dir():
        return PathProblem(
            SPECIAL,
            f"'{shown}' is a file where a folder is expected",
            "name the folder that holds the evidence files (e.g. evidence/)",
        )
    return None


def _is_link_below(root: Path, path: Path) -> bool:
    """True when a part of ``path`` below ``root`` is a link (so it looks inside, but is not)."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    current = Path(os.path.abspath(root))
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def entries(folder: Path) -> list[Path]:
    """Every file and folder under ``folder``, sorted, without following links into other
    folders (a linked folder is listed, so its target is checked, but not walked)."""
    found: list[Path] = []
    for here, folders, files in os.walk(folder, followlinks=False):
        found.extend(Path(here) / name for name in [*folders, *files])
    return sorted(found)

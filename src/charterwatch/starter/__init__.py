"""A starter framework folder for ``charterwatch init``: the smallest framework that validates.

The files are kept as package data (``files/``) so they read as real framework files, with
comments pointing to ``docs/framework-format.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"


def create_starter(target: Path, name: str) -> list[Path]:
    """Copy the starter files into ``target`` (new or empty); returns the files written.

    Raises FileExistsError when ``target`` exists and is not empty, so nothing is overwritten.
    """
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty; choose a new folder")
    written = []
    for source in sorted(FILES.rglob("*.yaml")):
        path = target / source.relative_to(FILES)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8").replace("{{ name }}", name)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (target / "data").mkdir(exist_ok=True)
    shutil.copyfile(FILES / "example-applications.csv", target / "data" / "applications.csv")
    written.append(target / "data" / "applications.csv")
    return written

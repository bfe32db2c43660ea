"""A copy of a framework folder with every measure repeated N times under new ids.

For benchmarks at a larger framework's scale: the example's 77 measures copied ten times
make 770 (``M2.02`` stays; its copies are ``M2.02x2`` ... ``M2.02x10``, titled "(copy 2)"
...), in the same outcomes, reading the same sources. Comments in the YAML files are not kept.
Run: ``.venv/bin/python bench/multiply.py SOURCE DEST [--copies 10]``.
"""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

SKIP = ("data", ".charterwatch", "site")


def copied(measure: dict[str, Any], number: int) -> dict[str, Any]:
    """Copy ``number`` of a measure: a new id and title, nothing else changed."""
    twin = copy.deepcopy(measure)
    twin["id"] = f"{measure['id']}x{number}"
    twin["title"] = f"{measure['title']} (copy {number})"
    return twin


def multiply_measures(node: Any, copies: int) -> int:
    """Repeat every measure found under ``node`` in place; returns how many there were."""
    found = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "measures" and isinstance(value, list):
                originals = [m for m in value if isinstance(m, dict) and "id" in m]
                found += len(originals)
                value.extend(copied(m, n) for n in range(2, copies + 1) for m in originals)
            else:
                found += multiply_measures(value, copies)
    elif isinstance(node, list):
        for item in node:
            found += multiply_measures(item, copies)
    return found


def make_multiplied(source: Path, dest: Path, copies: int = 10, data: bool = True) -> int:
    """Copy the framework folder ``source`` to ``dest`` (its ``data/`` too when ``data``)
    with every measure repeated ``copies`` times; returns the number of measures now."""
    skip = SKIP[1:] if data else SKIP
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*skip), symlinks=False)
    total = 0
    for path in sorted((dest / "framework").rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        found = multiply_measures(document, copies)
        if found and copies > 1:
            path.write_text(
                yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
                encoding="utf-8",
            )
        total += found * copies
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    total = make_multiplied(args.source, args.dest, args.copies)
    print(f"{args.dest}: {total} measures")


if __name__ == "__main__":
    main()

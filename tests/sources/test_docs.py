"""docs/sources.md agrees with the data: shapes, columns, formats, types and every code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charterwatch.sources import codes
from charterwatch.sources.codes import CODES
from charterwatch.sources.describe import BLOCKS, block, refresh
from charterwatch.sources.readers import READERS
from charterwatch.sources.shapes import NARRATIVE_FRONT_MATTER, SHAPES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "sources.md"
SOURCE = ROOT / "src" / "charterwatch" / "sources"


@pytest.fixture(scope="module")
def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_generated_blocks_are_up_to_date(name: str, docs: str) -> None:
    assert block(docs, name) == BLOCKS[name](), (
        f"run: python -m charterwatch.sources.describe docs/sources.md (block '{name}')"
    )
    assert refresh(docs) == docs


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_and_column_is_named(shape: str, docs: str) -> None:
    section = docs.split(f"### Shape `{shape}`", 1)
    assert len(section) == 2, f"no section for shape {shape}"
    body = section[1].split("### ", 1)[0]
    for spec in SHAPES[shape].fields:
        assert f"| `{spec.name}` | {spec.type} |" in body, f"{shape}.{spec.name}"


def test_narrative_front_matter_keys_are_named(docs: str) -> None:
    for spec in NARRATIVE_FRONT_MATTER.fields:
        assert f"| `{spec.name}` |" in docs


def test_every_code_has_a_heading(docs: str) -> None:
    for code in CODES:
        assert re.search(rf"^### {code} ", docs, flags=re.MULTILINE), code


def test_every_format_is_documented(docs: str) -> None:
    for reader in READERS.values():
        assert f"| {reader.name} |" in docs
        for extension in reader.extensions:
            assert f"`{extension}`" in docs


def test_the_catalogue_holds_every_code_used_in_the_code() -> None:
    constants = {
        v
        for k, v in vars(codes).items()
        if k.isupper() and isinstance(v, str) and v.startswith("CW-S")
    }
    assert constants == set(CODES)
    literals = set()
    for path in SOURCE.rglob("*.py"):
        literals |= set(re.findall(r"CW-S\d{3}", path.read_text(encoding="utf-8")))
    assert literals <= set(CODES)
    assert list(CODES) == sorted(CODES)

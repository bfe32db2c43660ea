"""Files written a slice at a time (and survey answers made a slice at a time) are byte for
byte what writing each whole table at once gives: the slices never show in the output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.sources.shapes import resolve_schema
from charterwatch.synthetic import generate_example, load_recipe_framework
from charterwatch.synthetic.generate import GenerationReport, _Context, output_path
from charterwatch.synthetic.targets import build_targets
from charterwatch.synthetic.writer import Pieces, write_csv, write_pieces
from tests.conftest import TINY_SIZE
from tests.synthetic.conftest import EXAMPLE
from tests.synthetic.reference_writer import csv_bytes

SIZE = TINY_SIZE
TINY = 997
"""Rows per slice: small enough that every sizeable file is written in several slices."""


def whole_tables(out: Path) -> dict[Path, tuple[pd.DataFrame, SourceSchemaFile]]:
    """Every source's records as one frame each, made as the generator makes them."""
    framework, recipe = load_recipe_framework(EXAMPLE)
    target_set = build_targets(framework, recipe)
    report = GenerationReport(EXAMPLE, out, recipe.seed, SIZE, target_set.years)
    context = _Context(framework, recipe, target_set.targets, target_set.years, SIZE, report, TINY)
    tables: dict[Path, tuple[pd.DataFrame, SourceSchemaFile]] = {}
    for source in sorted(framework.sources.values(), key=lambda s: s.id):
        made = context.make(source)
        if isinstance(made, Pieces):
            made = pd.concat(list(made.frames), ignore_index=True)
        if made is not None and not made.empty:
            tables[output_path(out, source)] = (made, resolve_schema(source.schema_))
    return tables


def test_sliced_files_match_the_whole_table_writer(tmp_path: Path) -> None:
    report = generate_example(EXAMPLE, out=tmp_path, size=SIZE, chunk_rows=TINY)
    tables = whole_tables(tmp_path)
    assert sorted(f.path for f in report.files) == sorted(tables)
    assert max(f.rows for f in report.files) > 5 * TINY
    for written in report.files:
        frame, schema = tables[written.path]
        assert written.path.read_bytes() == csv_bytes(frame, schema), written.path.name
    assert not list(tmp_path.rglob("*.partial"))


def test_slice_size_never_changes_the_bytes(tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []
    small = generate_example(
        EXAMPLE,
        out=tmp_path / "a",
        size=SIZE,
        chunk_rows=TINY,
        on_rows=lambda source, rows: seen.append((source, rows)),
    )
    large = generate_example(EXAMPLE, out=tmp_path / "b", size=SIZE, chunk_rows=10**9)
    assert [f.sha256 for f in small.files] == [f.sha256 for f in large.files]
    assert small.notes == large.notes
    for written in small.files:
        counts = [rows for source, rows in seen if source == written.source]
        assert counts == sorted(counts)
        assert counts[-1] == written.rows
        assert len(counts) >= written.rows // TINY


SCHEMA = SourceSchemaFile(
    fields=[
        FieldFile(name="when", type="date", required=False),
        FieldFile(name="label", type="string", required=False),
    ]
)


def awkward_frame() -> pd.DataFrame:
    """Cells that need quoting, missing values of every kind, numbers, flags and dates."""
    return pd.DataFrame(
        {
            "label": ["plain", 'say "hi"', "a,b", "two\nlines", None, "x\r"],
            "count": np.array([1, -2, 3, 0, 5, 6], dtype=np.int64),
            "ratio": [1.0, 2.5, np.nan, 3.333, -0.0, 10.0],
            "flag": [True, False, True, True, False, False],
            "when": np.array(
                ["2020-01-31", "NaT", "2021-02-28", "2019-04-01", "NaT", "2024-03-31"],
                dtype="datetime64[D]",
            ),
            "mixed": np.array([None, True, 2.0, "text", np.nan, 1], dtype=object),
            "flags_and_ones": np.array([True, 1, 1.0, False, 0, 0.5], dtype=object),
            "synthetic": [False] * 6,
        }
    )


@pytest.mark.parametrize("chunk_rows", [1, 4, 100])
def test_awkward_cells_match_the_whole_table_writer(tmp_path: Path, chunk_rows: int) -> None:
    frame = awkward_frame()
    written = write_csv("odd", frame, SCHEMA, tmp_path / "odd.csv", chunk_rows)
    data = written.path.read_bytes()
    assert data == csv_bytes(frame, SCHEMA)
    lines = data.decode().splitlines()
    assert lines[0] == "when,label,count,ratio,flag,mixed,flags_and_ones,synthetic"
    assert [line.split(",")[-2] for line in lines[1:]][:2] == ["true", "1"]
    assert written.rows == 6


def test_a_piece_with_an_undeclared_column_leaves_no_file(tmp_path: Path) -> None:
    frames = [pd.DataFrame({"label": ["a"]}), pd.DataFrame({"label": ["b"], "surprise": [1]})]
    path = tmp_path / "out.csv"
    with pytest.raises(ValueError, match="surprise"):
        write_pieces("odd", Pieces(["label"], frames), SCHEMA, path)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_pieces_missing_a_column_get_empty_cells(tmp_path: Path) -> None:
    frames = [pd.DataFrame({"label": ["a"]}), pd.DataFrame({"label": ["b"], "count": [3]})]
    whole = pd.concat(frames, ignore_index=True)
    written = write_pieces("odd", Pieces(["label", "count"], frames), SCHEMA, tmp_path / "o.csv")
    assert written.path.read_bytes() == csv_bytes(whole, SCHEMA)
    assert written.path.read_text().splitlines()[1:] == ["a,,true", "b,3,true"]

"""Narrative evidence: Markdown files with front matter become checked records and a table."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from charterwatch.sources import load_narrative, read_narrative

QUOTE = """\
---
measure: M1
year: 2023-24
kind: quote
source: Client panel, spring 2023
commitments: ["1.1", 1.10]
title: Treated with kindness
synthetic: yes
---
"The person on the phone took time to explain everything."
"""

REPORT = """\
---
measure: M7
year: "2023-24"
kind: you_said_we_did
source: Partner survey
commitments: 2.1
---
You said letters were hard to read. We rewrote them.

Second paragraph.
"""


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_records_hold_typed_front_matter_body_and_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "evidence", **{"a.md": QUOTE, "b.md": REPORT})
    read = read_narrative(folder, tmp_path)
    assert read.issues.ok and len(read.records) == 2
    first, second = read.records
    assert first.file == "evidence/a.md"
    assert first.front_matter["commitments"] == ["1.1", "1.10"]  # kept as written
    assert first.front_matter["synthetic"] is True
    assert first.body == '"The person on the phone took time to explain everything."'
    assert second.front_matter["commitments"] == ["2.1"]  # one value is a list of one
    assert second.front_matter.get("title") is None
    assert second.body.endswith("Second paragraph.")


def test_the_loaded_table_has_one_row_per_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "evidence", **{"a.md": QUOTE})
    write(folder / "sub", **{"b.md": REPORT})
    result = load_narrative(folder, root=tmp_path, source_id="quotes")
    assert result.ok and result.table is not None
    assert result.table.column_names == [
        "file",
        "measure",
        "year",
        "kind",
        "source",
        "commitments",
        "title",
        "synthetic",
        "body",
    ]
    assert result.table.column("commitments").type == pa.list_(pa.string())
    assert result.table.column("file").to_pylist() == ["evidence/a.md", "evidence/sub/b.md"]
    assert result.provenance is not None and result.provenance.shape == "narrative_evidence"


def test_an_unknown_key_is_a_warning_and_is_kept(tmp_path: Path) -> None:
    folder = write(tmp_path / "e", **{"a.md": QUOTE.replace("title:", "author: Ann\ntitle:")})
    read = read_narrative(folder)
    assert read.issues.ok
    assert [(i.code, i.line, i.location) for i in read.issues] == [("CW-S065", 7, "author")]
    assert read.records[0].front_matter["author"] == "Ann"


def test_a_single_file_can_be_named(tmp_path: Path) -> None:
    folder = write(tmp_path / "e", **{"a.md": QUOTE})
    read = read_narrative(folder / "a.md")
    assert len(read.records) == 1


def test_every_bad_file_of_a_folder_is_reported(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "e",
        **{"a.md": QUOTE.replace("quote", "quot"), "b.md": "no front matter", "c.md": REPORT},
    )
    result = load_narrative(folder, root=tmp_path)
    assert result.table is None
    assert [(i.code, i.file) for i in result.issues] == [
        ("CW-S036", "e/a.md"),
        ("CW-S060", "e/b.md"),
    ]

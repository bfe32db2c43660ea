"""The codes a column allows belong to the charter, not to charterwatch's standard shapes.

The shapes name a ``benefit`` column but allow any code in it; the Scottish example lists its
own codes once in ``examples/scotland/sources.yaml`` (an anchored ``enum`` reused by every
source with the column). An unknown code in that example is still refused with its file, row,
column and a did-you-mean, as when the list lived in code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.model.framework import Framework
from charterwatch.model.loader import load_framework
from charterwatch.sources.load import load_source
from charterwatch.sources.shapes import SHAPES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scotland"
CODED = ("client_survey", "applications", "redeterminations", "appeals", "complaints")
"""The example's sources with a ``benefit`` column."""


@pytest.fixture(scope="module")
def scotland() -> Framework:
    loaded = load_framework(EXAMPLE)
    assert loaded.framework is not None, [i.render() for i in loaded.issues]
    return loaded.framework


def declared_codes(fw: Framework, source_id: str) -> list[str] | None:
    schema = fw.sources[source_id].schema_
    fields = schema.fields if schema is not None else []
    return next((list(f.enum or []) for f in fields if f.name == "benefit"), None)


def test_no_standard_shape_holds_the_example_codes(scotland: Framework) -> None:
    codes = set(declared_codes(scotland, "applications") or [])
    assert {"ADP", "SCP", "BSG"} <= codes
    for name, shape in SHAPES.items():
        for field in shape.fields:
            assert not codes & set(field.enum or []), (name, field.name, field.enum)


def test_every_coded_source_of_the_example_declares_the_same_codes(scotland: Framework) -> None:
    lists = {s: declared_codes(scotland, s) for s in CODED}
    assert all(lists.values()), lists
    assert len({tuple(v or []) for v in lists.values()}) == 1, lists


def test_invalid_unknown_code_in_the_example_is_located(
    scotland: Framework, tmp_path: Path
) -> None:
    source = scotland.sources["applications"]
    assert source.path is not None
    data = tmp_path / source.path
    data.parent.mkdir(parents=True)
    data.write_text(
        "case_id,benefit,received_date\nA-1,ADP,2023-04-03\nA-2,SCPP,2023-04-04\n",
        encoding="utf-8",
    )
    result = load_source(source, root=tmp_path)
    assert not result.ok
    [issue] = [i for i in result.issues if i.code == "CW-S036"]
    assert issue.message == "'SCPP' is not an allowed value of benefit"
    assert (issue.file, issue.row, issue.column) == (source.path, 3, "benefit")
    assert issue.fix == "did you mean 'SCP'? use one of the allowed values exactly as written"

"""The extract guard: text that a spreadsheet would run as a formula is refused, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.model.files import SourceSchemaFile
from charterwatch.sources.load import read_table
from charterwatch.sources.shapes import resolve_schema

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "@SUM(A1)",
    '-1+HYPERLINK("x")',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_invalid_group_name_that_is_a_formula_is_refused_with_its_place(
    tmp_path: Path, text: str
) -> None:
    quoted = '"' + text.replace('"', '""') + '"'
    path = tmp_path / "applications.csv"
    path.write_text(
        "case_id,benefit,received_date,decided_date,outcome,channel\n"
        "A1,ADP,2022-09-16,2022-09-20,approved,online\n"
        f"A2,{quoted},2022-06-01,2022-06-06,approved,online\n",
        encoding="utf-8",
    )
    result = read_table(path, resolve_schema(SourceSchemaFile(shape="applications")))
    found = [i for i in result.issues if i.code == "CW-S040"]
    assert found, [i.render() for i in result.issues]
    issue = found[0]
    assert (issue.file, issue.row, issue.column) == ("applications.csv", 3, "benefit")
    assert "looks like a spreadsheet formula" in issue.message
    assert issue.fix and result.table is None


def test_numbers_and_phone_numbers_in_text_are_not_formulas(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("id,note\n1,-5\n2,+44 (0)131 244 0000\n3,- see notes\n", encoding="utf-8")
    schema = SourceSchemaFile.model_validate(
        {
            "shape": "records",
            "fields": [{"name": "id", "type": "integer"}, {"name": "note", "type": "string"}],
        }
    )
    result = read_table(path, schema)
    assert result.ok, [i.render() for i in result.issues]

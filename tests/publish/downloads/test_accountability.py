"""The accountability downloads: actions, recommendations and "You said, we did" as CSV, JSON,
data package resources and workbook sheets, with ``overdue`` judged on the as-of date."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from charterwatch.model.accountability import (
    ActionFile,
    RecommendationFile,
    YouSaidWeDidFile,
)
from charterwatch.publish.downloads import DownloadsIndex, write_downloads
from charterwatch.publish.i18n import Catalogue
from tests.measures.fixtures import write_measured_framework
from tests.publish.downloads.fixtures import Computed, compute
from tests.publish.downloads.test_spreadsheets import check_table_sheet

ACCOUNTABILITY = """\
actions:
  - id: A-1
    title: Kinder replies to letters
    change: Train staff to reply kindly; check a sample of replies.
    measures: [KIND, TIME]
    commitments: ["1.1", "1.2"]
    owner: Test team
    start: 2022-05-02
    due: 2023-06-30
    status: in_progress
    updates:
      - {date: 2023-01-31, text: "Training started, with a \\"kindness\\" guide."}
      - {date: 2022-09-30, text: Guide written.}
    illustrative: true
  - id: A-2
    title: Quicker decisions
    change: Add decision makers.
    measures: [TIME]
    owner: Operations
    start: 2022-04-01
    due: 2022-12-31
    status: done
    effect: Decisions were quicker.
  - id: A-3
    title: An automated queue
    change: Automate the queue.
    commitments: ["1.2"]
    owner: Digital
    start: 2022-04-01
    due: 2022-09-30
    status: dropped
    dropped_reason: It saved little time.
  - id: A-4
    title: Answer calls faster
    change: More staff at peak times.
    measures: [WAIT]
    owner: Contact centre
    start: 2023-01-09
    due: 2023-02-28
    status: planned
recommendations:
  - id: R-2
    body: Test Commission
    report: A report on kindness
    report_url: https://example.org/report
    text: Record needs once and train staff to ask about them.
    date: 2023-01-10
    response: partially_accepted
    response_reason: Records will be kept; a screening form was not accepted.
    response_date: 2023-02-20
    actions: [A-1, A-4]
    commitments: ["1.1"]
    follow_up: in_progress
    illustrative: true
  - id: R-1
    body: Test Commission
    text: Publish waiting times.
    date: 2022-11-01
    response: accepted
    commitments: ["1.2"]
you_said_we_did:
  - id: Y-1
    theme: Letters were hard to read.
    source: panel
    action_taken: We rewrote them, with clients.
    date: 2023-02-15
    commitments: ["1.1"]
    measures: [KIND]
    illustrative: true
"""

AS_OF = dt.date(2023, 7, 1)
t = Catalogue()


@pytest.fixture(scope="module")
def accountable(tmp_path_factory: pytest.TempPathFactory) -> Computed:
    root = write_measured_framework(tmp_path_factory.mktemp("accountable"))
    (root / "accountability.yaml").write_text(ACCOUNTABILITY, encoding="utf-8")
    return compute(root)


@pytest.fixture(scope="module")
def written(accountable: Computed, tmp_path_factory: pytest.TempPathFactory) -> DownloadsIndex:
    out = tmp_path_factory.mktemp("accountable-downloads")
    return write_downloads(accountable.publication, accountable.pipeline.store, out, as_of=AS_OF)


def read_csv(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = {r["id"]: r for r in reader}
        return list(reader.fieldnames or []), rows


def csv_cell(value: Any) -> str:
    """A record field as the CSV writes it: lists joined, updates as dated lines."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        if value and hasattr(value[0], "text"):  # progress updates
            lines = sorted(value, key=lambda u: u.date)
            return "\n".join(f"{u.date.isoformat()}: {u.text}" for u in lines)
        return "; ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


FILE_SHAPES = {
    "actions": ("actions", ActionFile),
    "recommendations": ("recommendations", RecommendationFile),
    "you-said-we-did": ("you_said_we_did", YouSaidWeDidFile),
}


@pytest.mark.parametrize("stem", sorted(FILE_SHAPES))
def test_csv_rows_equal_the_framework_records(
    accountable: Computed, written: DownloadsIndex, stem: str
) -> None:
    attribute, shape = FILE_SHAPES[stem]
    records = getattr(accountable.pipeline.framework, attribute)
    header, rows = read_csv(written.out_dir / f"data/{stem}.csv")
    assert set(shape.model_fields) <= set(header), "every field of the record is a column"
    assert "illustrative" in header
    assert sorted(rows) == sorted(records) and list(rows) == sorted(records)
    for record_id, record in records.items():
        for field in shape.model_fields:
            assert rows[record_id][field] == csv_cell(getattr(record, field)), (record_id, field)
    assert written.get(f"data/{stem}.csv").format == "accountability"
    assert written.get(f"data/{stem}.json").media_type == "application/json"


def test_json_files_hold_the_same_records_with_lists(
    accountable: Computed, written: DownloadsIndex
) -> None:
    fw = accountable.pipeline.framework
    doc = json.loads((written.out_dir / "data/actions.json").read_text(encoding="utf-8"))
    assert doc["as_of"] == AS_OF.isoformat() and doc["year"] == accountable.publication.year
    by_id = {a["id"]: a for a in doc["actions"]}
    for action_id, action in fw.actions.items():
        expected = action.model_dump(mode="json", exclude={"origin"})
        expected["updates"] = sorted(expected["updates"], key=lambda u: u["date"])
        got = {k: v for k, v in by_id[action_id].items() if k in expected}
        assert got == expected
    assert by_id["A-1"]["updates"][0] == {"date": "2022-09-30", "text": "Guide written."}
    recs = json.loads((written.out_dir / "data/recommendations.json").read_text("utf-8"))
    assert {r["id"]: r["actions"] for r in recs["recommendations"]}["R-2"] == ["A-1", "A-4"]


def test_partially_accepted_recommendation_lists_its_two_actions(written: DownloadsIndex) -> None:
    _, rows = read_csv(written.out_dir / "data/recommendations.csv")
    partial = rows["R-2"]
    assert partial["response"] == "partially_accepted"
    assert partial["actions"] == "A-1; A-4"
    assert partial["response_reason"].startswith("Records will be kept")
    assert rows["R-1"]["actions"] == "" and rows["R-1"]["response_reason"] == ""


def sheet_rows(rows: list[list[Any]]) -> dict[str, dict[str, Any]]:
    """A sheet's table (header on row 3) as rows by their first cell."""
    header = [str(h) for h in rows[2]]
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in rows[3:] if r and r[0]}


def test_workbooks_have_actions_and_recommendations_sheets(written: DownloadsIndex) -> None:
    h = "downloads.accountability.headers."
    xlsx = openpyxl.load_workbook(written.out_dir / f"charterwatch-{written.year}.xlsx")
    ods = CalamineWorkbook.from_path(str(written.out_dir / f"charterwatch-{written.year}.ods"))
    assert xlsx.sheetnames[-2:] == ["Actions", "Recommendations"]
    assert ods.sheet_names == xlsx.sheetnames
    listed = [r[0] for r in xlsx["Contents"].iter_rows(min_row=4, values_only=True)]
    assert listed[-2:] == ["Actions", "Recommendations"]
    for name in ("Actions", "Recommendations"):
        check_table_sheet(xlsx[name])
        assert len(xlsx[name].tables) == 1
    for rows in (
        [list(r) for r in xlsx["Recommendations"].iter_rows(values_only=True)],
        ods.get_sheet_by_name("Recommendations").to_python(),
    ):
        partial = sheet_rows(rows)["R-2"]
        assert partial[t(h + "response")] == "Partially accepted"
        linked = partial[t(h + "linked_actions")]
        assert "A-1 Kinder replies to letters (In progress, overdue)" in linked
        assert "A-4 Answer calls faster (Planned, overdue)" in linked
    actions = sheet_rows([list(r) for r in xlsx["Actions"].iter_rows(values_only=True)])
    assert actions["A-1"][t(h + "overdue")] == "Yes"
    assert actions["A-2"][t(h + "overdue")] == "No"
    assert actions["A-3"][t(h + "dropped_reason")] == "It saved little time."
    assert actions["A-2"][t(h + "dropped_reason")] == "[z]"
    assert AS_OF.isoformat() in str(xlsx["Actions"]["A1"].value)
    notes = " ".join(str(r[1]) for r in xlsx["Notes"].iter_rows(min_row=4, values_only=True))
    assert f"passed on {AS_OF.isoformat()}" in notes


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        (dt.date(2022, 12, 1), set()),
        (dt.date(2023, 2, 28), set()),  # due that day: not yet overdue
        (dt.date(2023, 3, 1), {"A-4"}),
        (dt.date(2024, 4, 1), {"A-1", "A-4"}),  # done and dropped actions are never overdue
    ],
)
def test_overdue_is_judged_on_the_as_of_date(
    accountable: Computed, tmp_path: Path, as_of: dt.date, overdue: set[str]
) -> None:
    index = write_downloads(
        accountable.publication,
        accountable.pipeline.store,
        tmp_path,
        formats=["accountability"],
        as_of=as_of,
    )
    _, rows = read_csv(index.out_dir / "data/actions.csv")
    assert {i for i, r in rows.items() if r["overdue"] == "true"} == overdue
    assert {r["overdue"] for r in rows.values()} <= {"true", "false"}


def test_without_a_date_actions_are_judged_at_the_end_of_the_year(
    accountable: Computed, tmp_path: Path
) -> None:
    pub = accountable.publication
    index = write_downloads(pub, accountable.pipeline.store, tmp_path, formats=["accountability"])
    doc = json.loads((index.out_dir / "data/actions.json").read_text(encoding="utf-8"))
    end = dt.date(int(pub.year[:4]) + 1, 3, 31)
    assert doc["as_of"] == end.isoformat()
    assert {a["id"] for a in doc["actions"] if a["overdue"]} == {"A-4"}


def test_data_package_validates_and_describes_the_three_files(written: DownloadsIndex) -> None:
    out = written.out_dir
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    for stem in FILE_SHAPES:
        resource = resources[f"data/{stem}.csv"]
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert resource["schema"]["primaryKey"] == ["id"]
        assert fields["illustrative"]["type"] == "boolean"
        assert all(f["title"] and f["description"] for f in fields.values())
    actions = {f["name"]: f for f in resources["data/actions.csv"]["schema"]["fields"]}
    assert actions["overdue"]["type"] == "boolean" and actions["due"]["type"] == "date"


def test_zip_holds_the_accountability_files(written: DownloadsIndex) -> None:
    (bundle,) = written.by_format("zip")
    with zipfile.ZipFile(written.out_dir / bundle.name) as archive:
        names = set(archive.namelist())
    for stem in FILE_SHAPES:
        assert {f"data/{stem}.csv", f"data/{stem}.json"} <= names


def test_same_store_same_bytes(accountable: Computed, tmp_path: Path) -> None:
    pub, store = accountable.publication, accountable.pipeline.store
    first = write_downloads(pub, store, tmp_path / "a", as_of=AS_OF)
    second = write_downloads(pub, store, tmp_path / "b", as_of=AS_OF)
    for f in first:
        assert (first.out_dir / f.name).read_bytes() == (second.out_dir / f.name).read_bytes()


def test_no_records_no_files(downloads: DownloadsIndex) -> None:
    assert downloads.by_format("accountability") == []
    assert not (downloads.out_dir / "data/actions.csv").exists()

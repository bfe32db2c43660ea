"""Narrative evidence written in the workspace: a data owner writes a note in a form; it is
checked as `charterwatch validate` checks the files and kept as a Markdown file in the
source's folder, where the pipeline reads it; a wrong note is refused with the reason and
writes nothing; another team cannot write to it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from charterwatch.model.loader import load_framework
from charterwatch.sources.narrative import read_narrative
from tests.workspace.conftest import OTHER_TEAM, ROOT

TEAM = "Charter Measurement and Client Panels team"
FOLDER = Path("evidence") / "client-panels"


@pytest.fixture
def framework_copy(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "scotland"
    shutil.copytree(ROOT / "examples" / "scotland", root, ignore=shutil.ignore_patterns("data"))
    settings.FRAMEWORK = root
    return root


def _url(year: Any) -> str:
    return reverse("workspace:return", kwargs={"year": year.label, "source": "client_panels"})


NOTE = {
    "measure": "M1.25",
    "kind": "quote",
    "source": "Client Panels interview",
    "title": "Told about another payment",
    "commitments": "1.5, 1.11",
    "text": "A client said the adviser told them about a payment they had not heard of.",
}


def test_a_note_is_checked_and_kept_as_a_file(
    framework_copy: Path, make_user: Any, year: Any
) -> None:
    owner = Client()
    owner.force_login(make_user("data_owner", TEAM))
    page = owner.get(_url(year)).content.decode()
    assert "Write a note" in page and 'value="M1.25"' in page
    before = sorted(p.name for p in (framework_copy / FOLDER).glob("*.md"))

    wrong = owner.post(_url(year), {**NOTE, "commitments": "1.5, 9.99"})
    assert wrong.status_code == 422
    assert "the commitment &#x27;9.99&#x27; is not in the charter" in wrong.content.decode()
    empty = owner.post(_url(year), {**NOTE, "text": "   "})
    assert empty.status_code == 422
    assert sorted(p.name for p in (framework_copy / FOLDER).glob("*.md")) == before

    saved = owner.post(_url(year), NOTE, follow=True).content.decode()
    (new,) = set(p.name for p in (framework_copy / FOLDER).glob("*.md")) - set(before)
    assert new.startswith(f"M1.25-{year.label}-") and f"Saved: {FOLDER}/{new}" in saved
    assert "Told about another payment" in saved  # listed among the year's notes
    read = read_narrative(framework_copy / FOLDER, framework_copy)
    assert read.issues.ok
    (mine,) = [r for r in read.records if r.file.endswith(new)]
    assert mine.front_matter["commitments"] == ["1.5", "1.11"] and mine.body == NOTE["text"]
    assert load_framework(framework_copy).issues.ok
    assert not list((framework_copy / FOLDER).glob(".cw-note-*"))  # no temporary file left


def test_another_team_cannot_write_the_note(
    framework_copy: Path, make_user: Any, year: Any
) -> None:
    other = Client()
    other.force_login(make_user("data_owner", OTHER_TEAM))
    assert other.post(_url(year), NOTE).status_code == 403
    approver = Client()
    approver.force_login(make_user("approver"))
    assert "Write a note" not in approver.get(_url(year)).content.decode()
    assert approver.post(_url(year), NOTE).status_code == 403

"""Accountability editing from the workspace: checked like the files, written into them with
comments kept, refused with located messages when the change is wrong, exportable as a zip."""

from __future__ import annotations

import difflib
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace.conftest import ROOT

ACTIONS = Path("accountability") / "actions.yaml"


@pytest.fixture
def framework_copy(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "scotland"
    shutil.copytree(ROOT / "examples" / "scotland", root, ignore=shutil.ignore_patterns("data"))
    settings.FRAMEWORK = root
    return root


@pytest.fixture
def analyst(client: Client, make_user: Any) -> Client:
    client.force_login(make_user("analyst"))
    return client


def _record_url(slug: str, record_id: str) -> str:
    return reverse("workspace:record", kwargs={"slug": slug, "record_id": record_id})


def test_an_edit_is_written_to_the_file_with_its_comments(
    framework_copy: Path, analyst: Client
) -> None:
    before = (framework_copy / ACTIONS).read_text(encoding="utf-8")
    page = analyst.get(_record_url("actions", "A-2024-05")).content.decode()
    assert "Listening well" in page and 'value="in_progress" selected' in page
    form = {
        "title": "Listening well, in every conversation",
        "change": "Coach client advisers to check back what the client said.",
        "measures": "M1.03",
        "commitments": "1.1",
        "owner": "Learning and development team",
        "start": "2024-01-15",
        "due": "2025-12-31",
        "status": "done",
        "effect": "",
        "dropped_reason": "",
        "illustrative": "on",
    }
    saved = analyst.post(_record_url("actions", "A-2024-05"), form, follow=True)
    assert "Saved A-2024-05 to accountability/actions.yaml" in saved.content.decode()
    after = (framework_copy / ACTIONS).read_text(encoding="utf-8")
    assert after.splitlines()[:4] == before.splitlines()[:4]  # the file's comments are kept
    assert "    status: done\n" in after
    assert 'commitments: ["1.1"]' in after  # "1.1" stays text, quoted as written
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert len(diff) <= 6, diff  # only the edited fields' lines (change, status)


def test_a_wrong_edit_is_refused_with_the_validate_message_and_nothing_written(
    framework_copy: Path, analyst: Client
) -> None:
    before = (framework_copy / ACTIONS).read_text(encoding="utf-8")
    response = analyst.post(
        _record_url("actions", "A-2024-05"),
        {
            "title": "Listening well, in every conversation",
            "change": "x",
            "measures": "M9.99",
            "commitments": "1.1",
            "owner": "Learning and development team",
            "start": "2024-01-15",
            "due": "2025-12-31",
            "status": "in_progress",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Not saved" in page and "M9.99" in page and "accountability/actions.yaml" in page
    assert (framework_copy / ACTIONS).read_text(encoding="utf-8") == before


def test_a_new_recommendation_and_progress_on_an_action(
    framework_copy: Path, analyst: Client
) -> None:
    added = analyst.post(
        reverse("workspace:record_new", kwargs={"slug": "recommendations"}),
        {
            "id": "REC-NEW-1",
            "body": "A scrutiny body",
            "text": "Publish a shorter summary.",
            "date": "2025-05-01",
            "response": "rejected",
            "response_reason": "",
            "follow_up": "not_started",
        },
    )
    assert added.status_code == 422  # a rejection needs its reason, as the files require
    assert "response_reason" in added.content.decode()
    added = analyst.post(
        reverse("workspace:record_new", kwargs={"slug": "recommendations"}),
        {
            "id": "REC-NEW-1",
            "body": "A scrutiny body",
            "text": "Publish a shorter summary.",
            "date": "2025-05-01",
            "response": "accepted",
            "follow_up": "in_progress",
        },
        follow=True,
    )
    assert "Added REC-NEW-1" in added.content.decode()
    assert "id: REC-NEW-1" in (framework_copy / "accountability/recommendations.yaml").read_text()

    progress = reverse("workspace:action_update", kwargs={"record_id": "A-2024-05"})
    analyst.post(progress, {"date": "2025-01-10", "text": "Second round of coaching done."})
    text = (framework_copy / ACTIONS).read_text(encoding="utf-8")
    assert "Second round of coaching done." in text

    from charterwatch.model.loader import load_framework

    loaded = load_framework(framework_copy)
    assert loaded.issues.ok, loaded.issues.render()
    assert "REC-NEW-1" in loaded.framework.recommendations  # type: ignore[union-attr]


def test_the_files_export_as_a_zip(framework_copy: Path, analyst: Client) -> None:
    data = analyst.get(reverse("workspace:accountability_zip")).content
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "accountability/actions.yaml" in names
    assert "accountability/recommendations.yaml" in names
    assert not any(n.startswith("framework/") for n in names)


def test_a_figure_is_entered_with_its_base_and_source(
    framework_copy: Path, analyst: Client
) -> None:
    """A figure a team sends (with its base and where it was published) is entered in a form,
    checked like the files (a bad address is refused with the located message) and then
    written into published/figures.yaml, where the pipeline reads it."""
    from charterwatch.model.loader import load_framework

    url = reverse("workspace:record_new", kwargs={"slug": "published-figures"})
    form = {
        "id": "staff-survey-2024-25-engagement",
        "measure": "",
        "title": "Staff who would recommend Social Security Scotland as a place to work",
        "year": "2024-25",
        "value": "71.5",
        "unit": "percent",
        "base": "2810",
        "period_note": "",
        "source_title": "People Survey 2024, Social Security Scotland",
        "source_url": "javascript:alert(1)",
        "note": "",
    }
    page = analyst.get(url).content.decode()
    assert 'name="value"' in page and 'name="base"' in page and 'name="breakdown"' not in page
    refused = analyst.post(url, form, follow=True).content.decode()
    assert "Not saved" in refused and "CW-H001" in refused
    before = (framework_copy / "published" / "figures.yaml").read_text(encoding="utf-8")
    assert "staff-survey-2024-25-engagement" not in before

    form["source_url"] = "https://www.socialsecurity.gov.scot/reporting/publications"
    saved = analyst.post(url, form, follow=True).content.decode()
    assert "Added staff-survey-2024-25-engagement to published/figures.yaml" in saved
    loaded = load_framework(framework_copy)
    assert loaded.issues.ok and loaded.framework is not None
    entered = loaded.framework.published_figures["staff-survey-2024-25-engagement"]
    assert (entered.value, entered.base, str(entered.unit)) == (71.5, 2810, "percent")

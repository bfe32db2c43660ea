"""From a return to the published site, on a starter framework (``charterwatch init``):
a data owner uploads, one analyst computes, a second signs off (the first may not), the
approver sets the release and the released site shows the new figure; a new return after
sign-off reopens the measure and blocks the release; before the release time only the
pre-release list sees the site, and each view is logged."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from charterwatch.starter import create_starter
from charterwatch.units import figure_text
from charterwatch.workspace import figures

ALL_FIGURES = Path("downloads") / "data" / "all-figures.csv"

TEAM = "Your statistics team"
YEAR = "2025-26"
HEADER = "case_id,received_date,decided_date,outcome,channel\n"


def _applications(days_later: int, rows: int = 40) -> bytes:
    """``rows`` applications received on Mondays from June 2025, each decided ``days_later``
    calendar days after (so every one takes the same number of working days)."""
    lines = [HEADER]
    start = dt.date(2025, 6, 2)
    for i in range(rows):
        received = start + dt.timedelta(weeks=i % 20)
        decided = received + dt.timedelta(days=days_later)
        lines.append(f"C{i + 1},{received},{decided},approved,online\n")
    return "".join(lines).encode()


@pytest.fixture
def starter(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "charter"
    create_starter(root, "A Test Charter")
    settings.FRAMEWORK = root
    settings.DATA = tmp_path / "workspace"
    return root


@pytest.fixture
def people(db: Any, make_user: Any) -> dict[str, Any]:
    return {
        "owner": make_user("data_owner", TEAM),
        "analyst": make_user("analyst"),
        "second": _second_analyst(),
        "approver": make_user("approver"),
    }


def _second_analyst() -> Any:
    from django.contrib.auth import get_user_model

    from charterwatch.workspace.models import Membership

    user = get_user_model().objects.create_user("second-analyst", password="x" * 20)
    Membership.objects.create(user=user, role="analyst")
    return user


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _headline() -> Any:
    from charterwatch.workspace import figures

    (found,) = [
        f
        for f in figures.measure_figures("M1", YEAR)
        if f.statistic == "value" and f.breakdown == "all"
    ]
    return found


def test_from_return_to_published_site(starter: Path, people: dict[str, Any]) -> None:
    from charterwatch.workspace.models import PreReleaseView, ReportingYear, SignOff

    ReportingYear.objects.create(label=YEAR, returns_due=dt.date(2026, 6, 30))
    return_url = reverse("workspace:return", kwargs={"year": YEAR, "source": "applications"})
    owner = _as(people["owner"])
    sent = owner.post(
        return_url, {"file": SimpleUploadedFile("applications.csv", _applications(14))}
    )
    assert sent.status_code == 302

    analyst, second, approver = (_as(people[k]) for k in ("analyst", "second", "approver"))
    computed = analyst.post(reverse("workspace:compute", kwargs={"year": YEAR}), follow=True)
    assert "Computed" in computed.content.decode()
    first = _headline()
    assert first.value is not None and first.base == 40

    qa = reverse("workspace:measure_quality", kwargs={"year": YEAR, "measure": "M1"})
    refused = analyst.post(qa, {"action": "sign_off"}, follow=True).content.decode()
    assert "another analyst must sign them off" in refused  # four eyes
    assert not SignOff.objects.exists()
    assert "Signed off M1" in second.post(qa, {"action": "sign_off"}, follow=True).content.decode()
    second.post(qa, {"action": "comment", "text": "Checked against last year's MI."})
    assert "Checked against last year" in approver.get(qa).content.decode()

    release_url = reverse("workspace:release", kwargs={"year": YEAR})
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    done = approver.post(
        release_url, {"release_date": yesterday, "release_time": "09:30"}, follow=True
    ).content.decode()
    assert "set for" in done and "built" in done
    page = Client().get(
        reverse("workspace:published_file", kwargs={"year": YEAR, "path": "measures/M1/index.html"})
    )
    assert page.status_code == 200
    assert figure_text(first) in b"".join(page.streaming_content).decode()  # type: ignore[attr-defined]

    # A new return after sign-off: computed again, the measure is reopened, release refused.
    owner.post(return_url, {"file": SimpleUploadedFile("applications-v2.csv", _applications(21))})
    analyst.post(reverse("workspace:compute", kwargs={"year": YEAR}))
    assert _headline().value != first.value
    board = approver.get(reverse("workspace:quality", kwargs={"year": YEAR})).content.decode()
    assert "Reopened" in board
    blocked = approver.post(
        release_url, {"release_date": yesterday, "release_time": "09:30"}, follow=True
    ).content.decode()
    assert "Not released: 1 measures are not signed off" in blocked

    # Signed off again: the figures went public yesterday, so this is a revision. Without a
    # note it is refused; with one it is released tomorrow with a pre-release list of one.
    second.post(qa, {"action": "sign_off"})
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    again = {
        "release_date": tomorrow,
        "release_time": "09:30",
        "pre_release": [people["second"].pk],
    }
    refused = approver.post(release_url, again, follow=True).content.decode()
    assert "figures differ from those published on" in refused
    note = "Decisions were re-dated after a data-entry error was found."
    revised = approver.post(release_url, {**again, "revision_note": note}, follow=True)
    assert "revised since first published, marked [r]" in revised.content.decode()
    figures_csv = figures.site_folder(ReportingYear.objects.get(label=YEAR)) / ALL_FIGURES
    rows = list(csv.DictReader(figures_csv.open(encoding="utf-8-sig")))
    (headline,) = [
        r
        for r in rows
        if (r["measure"], r["period"], r["breakdown"], r["statistic"])
        == ("M1", YEAR, "all", "value")
    ]
    assert headline["symbol"] == "[r]" and headline["revision_note"] == note
    assert float(headline["previous_value"]) == first.value
    site = reverse("workspace:published", kwargs={"year": YEAR})
    assert Client().get(site).status_code == 404  # the public waits for the release time
    assert _as(people["owner"]).get(site).status_code == 404  # not on the list
    early = second.get(site)
    assert early.status_code == 200
    (logged,) = PreReleaseView.objects.all()
    assert logged.user == people["second"] and logged.path == "index.html"
    assert "second-analyst" in approver.get(release_url).content.decode()


def test_a_path_outside_the_released_site_is_refused(starter: Path, people: dict[str, Any]) -> None:
    from charterwatch.workspace.models import Release, ReportingYear

    year = ReportingYear.objects.create(label=YEAR, returns_due=dt.date(2026, 6, 30))
    Release.objects.create(year=year, release_at=timezone.now(), built_at=timezone.now())
    url = reverse("workspace:published_file", kwargs={"year": YEAR, "path": "../../secret-key"})
    assert Client().get(url).status_code == 404

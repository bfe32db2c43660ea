"""Annual returns: a team sees what is due, an upload is checked by the pipeline's own
code, a bad one changes nothing and every accepted version is kept."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.workspace.conftest import BAD, GOOD, OTHER_TEAM, OWNER_TEAM, SOURCE


def _upload(client: Client, year: str, content: bytes, name: str = "campaigns.csv") -> Any:
    url = reverse("workspace:return", kwargs={"year": year, "source": SOURCE})
    return client.post(url, {"file": SimpleUploadedFile(name, content, "text/csv")})


def test_a_data_owner_sees_what_is_due_from_their_team(
    client: Client, year: Any, make_user: Any
) -> None:
    client.force_login(make_user("data_owner", OWNER_TEAM))
    page = client.get(reverse("workspace:home")).content.decode()
    assert "Returns due from " + OWNER_TEAM in page
    assert "Recruitment campaigns" in page  # its source, by the framework's name
    assert "Register of client documents" not in page  # another team's
    assert "0 of" in page and "30 June 2025" in page


def test_a_good_upload_is_accepted_and_a_bad_one_changes_nothing(
    client: Client, year: Any, make_user: Any
) -> None:
    from charterwatch.workspace.models import ReturnVersion

    client.force_login(make_user("data_owner", OWNER_TEAM))
    accepted = _upload(client, year.label, GOOD)
    assert accepted.status_code == 302
    (version,) = ReturnVersion.objects.all()
    assert version.rows == 2 and version.team.name == OWNER_TEAM
    assert version.file.read() == GOOD

    rejected = _upload(client, year.label, BAD, "campaigns-v2.csv")
    assert rejected.status_code == 422
    page = rejected.content.decode()
    # the same located messages as charterwatch validate: file, row, column, what and fix
    assert "campaigns-v2.csv, row 2, column values_based" in page
    assert "&#x27;maybe&#x27; is not an allowed value" in page
    assert "one of: yes, no" in page
    assert "row 3, column advert_date" in page and "not a real date" in page
    assert "appears more than once" in page
    assert "the version received on" in page and "is still the one in use" in page
    assert list(ReturnVersion.objects.all()) == [version]  # nothing half-loaded

    second = _upload(client, year.label, GOOD.replace(b"RC002", b"RC003"), "campaigns-v3.csv")
    assert second.status_code == 302
    kept = list(ReturnVersion.objects.values_list("original_name", flat=True))
    assert kept == [
        "campaigns-v3.csv",
        "campaigns.csv",
    ]  # every accepted version kept, newest first


def test_an_unreadable_file_type_is_refused_with_how_to_fix(
    client: Client, year: Any, make_user: Any
) -> None:
    client.force_login(make_user("data_owner", OWNER_TEAM))
    response = _upload(client, year.label, b"\x00\x01", "campaigns.exe")
    assert response.status_code == 422
    assert "Save the extract as CSV" in response.content.decode()


def test_the_board_counts_received_and_overdue(client: Client, year: Any, make_user: Any) -> None:
    owner = make_user("data_owner", OWNER_TEAM)
    client.force_login(owner)
    _upload(client, year.label, GOOD)
    client.force_login(make_user("analyst"))
    page = client.get(reverse("workspace:board")).content.decode()
    assert f"{OWNER_TEAM}: 1 of" in page
    assert OTHER_TEAM in page
    assert "Overdue" in page  # the due date (30 June 2025) has passed for the rest


def test_a_data_owner_cannot_upload_another_teams_return(
    client: Client, year: Any, make_user: Any
) -> None:
    from charterwatch.workspace.models import ReturnVersion

    client.force_login(make_user("data_owner", OTHER_TEAM))
    response = _upload(client, year.label, GOOD)
    assert response.status_code == 403
    assert not ReturnVersion.objects.exists()

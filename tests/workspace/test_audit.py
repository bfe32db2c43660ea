"""Every change is in the audit log with who, what, when, before and after; secrets are not;
the log filters and exports as CSV with formulas made inert."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.workspace.conftest import GOOD, OWNER_TEAM, SOURCE


def test_an_upload_and_an_edit_are_logged_with_who_and_before_and_after(
    client: Client, year: Any, make_user: Any
) -> None:
    from charterwatch.workspace.models import AuditEntry

    owner = make_user("data_owner", OWNER_TEAM)
    client.force_login(owner)
    url = reverse("workspace:return", kwargs={"year": year.label, "source": SOURCE})
    client.post(url, {"file": SimpleUploadedFile("c.csv", GOOD)})
    entry = AuditEntry.objects.get(model="workspace.ReturnVersion")
    assert (entry.action, entry.username, entry.user) == ("created", owner.username, owner)
    assert entry.before is None and entry.after["rows"] == 2

    analyst = make_user("analyst")
    client.force_login(analyst)
    year.returns_due = dt.date(2025, 7, 31)
    year.save()  # outside a request: no user
    changed = AuditEntry.objects.filter(model="workspace.ReportingYear", action="changed").get()
    assert changed.before["returns_due"] == "2025-06-30"
    assert changed.after["returns_due"] == "2025-07-31"
    assert changed.username == ""


def test_a_password_never_reaches_the_log(db: Any, make_user: Any) -> None:
    from charterwatch.workspace.models import AuditEntry

    user = make_user("analyst")
    old = AuditEntry.objects.filter(model="auth.User").first()
    assert old is not None
    user.set_password("another long pass phrase 99")
    user.save()
    changed = AuditEntry.objects.filter(model="auth.User", action="changed").first()
    assert changed is not None
    assert changed.before["password"] != changed.after["password"]  # the change is seen
    for entry in AuditEntry.objects.filter(model="auth.User"):
        for state in (entry.before, entry.after):
            if state:
                assert state["password"].startswith("(hidden")
                assert "argon2" not in str(state)


def test_the_log_filters_and_exports_inert_csv(client: Client, year: Any, make_user: Any) -> None:
    from charterwatch.workspace.models import Team

    Team.objects.create(name='=HYPERLINK("http://evil.example","x")')
    client.force_login(make_user("approver"))
    page = client.get(reverse("workspace:audit"), {"model": "workspace.Team"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "HYPERLINK" in text and "workspace.ReportingYear" not in text
    export = client.get(reverse("workspace:audit_csv"), {"model": "workspace.Team"})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:3] == ["at", "username", "action"]
    (summary,) = [r[5] for r in rows[1:]]
    assert summary.startswith("'=HYPERLINK")  # a spreadsheet shows it as text

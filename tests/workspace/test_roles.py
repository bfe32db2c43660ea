"""The role matrix: every view against every role and anonymous, denied where it should be."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace.conftest import OTHER_TEAM, OWNER_TEAM, SOURCE

ROLES: dict[str, tuple[str | None, str | None] | None] = {
    "anonymous": None,
    "no_role": (None, None),
    "data_owner": ("data_owner", OWNER_TEAM),
    "other_data_owner": ("data_owner", OTHER_TEAM),
    "analyst": ("analyst", None),
    "approver": ("approver", None),
    "admin": ("admin", None),
}

RETURN = ("workspace:return", {"year": "2024-25", "source": SOURCE})
VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "home": ("workspace:home", {}),
    "board": ("workspace:board", {}),
    "years": ("workspace:years", {}),
    "return": RETURN,
    "admin": ("admin:index", {}),
    "quality": ("workspace:quality", {"year": "2024-25"}),
    "measure_quality": ("workspace:measure_quality", {"year": "2024-25", "measure": "M1.01"}),
    "release": ("workspace:release", {"year": "2024-25"}),
    "audit": ("workspace:audit", {}),
    "feedback": ("workspace:feedback", {}),
    "notices": ("workspace:notices", {}),
    "accountability": ("workspace:accountability", {}),
    "accountability_zip": ("workspace:accountability_zip", {}),
    "audit_csv": ("workspace:audit_csv", {}),
}

# What each role gets for GET: 200 (or a redirect to its own start page), 302 to login, 403.
EXPECTED: dict[str, dict[str, int]] = {
    "anonymous": {"home": 302, "board": 302, "years": 302, "return": 302, "admin": 302},
    "no_role": {"home": 403, "board": 403, "years": 403, "return": 403, "admin": 302},
    "data_owner": {"home": 200, "board": 403, "years": 403, "return": 200, "admin": 302},
    "other_data_owner": {"home": 200, "board": 403, "years": 403, "return": 403, "admin": 302},
    "analyst": {"home": 302, "board": 200, "years": 200, "return": 200, "admin": 302},
    "approver": {"home": 302, "board": 200, "years": 403, "return": 200, "admin": 302},
    "admin": {"home": 302, "board": 200, "years": 200, "return": 200, "admin": 200},
}
# Quality assurance: analysts, the approver and admins see it; only the approver releases.
_QA = {"quality": 200, "measure_quality": 200}
_NO_QA = {"quality": 403, "measure_quality": 403, "release": 403}
EXPECTED["anonymous"].update({"quality": 302, "measure_quality": 302, "release": 302})
for _role in ("no_role", "data_owner", "other_data_owner"):
    EXPECTED[_role].update(_NO_QA)
EXPECTED["analyst"].update({**_QA, "release": 403})
EXPECTED["approver"].update({**_QA, "release": 200})
EXPECTED["admin"].update({**_QA, "release": 403})
# The audit log: the approver and admins.
for _role, _code in EXPECTED.items():
    _seen = 302 if _role == "anonymous" else 200 if _role in ("approver", "admin") else 403
    _code.update({"audit": _seen, "audit_csv": _seen})
    # Feedback triage: analysts, the approver and admins. Signing up for notices: anyone.
    _triage = (
        302 if _role == "anonymous" else 200 if _role in ("analyst", "approver", "admin") else 403
    )
    _code.update({"feedback": _triage, "notices": 200})
    # Accountability editing: analysts and admins.
    _edit = 302 if _role == "anonymous" else 200 if _role in ("analyst", "admin") else 403
    _code.update({"accountability": _edit, "accountability_zip": _edit})

# POSTs that change things: (view, form data) -> the roles allowed (others 403, or 302 to
# the login page when anonymous).
ACTIONS: dict[str, tuple[str, dict[str, str], dict[str, str], frozenset[str]]] = {
    "compute": ("workspace:compute", {"year": "2024-25"}, {}, frozenset({"analyst", "admin"})),
    "sign_off": (
        "workspace:measure_quality",
        {"year": "2024-25", "measure": "M1.01"},
        {"action": "sign_off"},
        frozenset({"analyst"}),
    ),
    "comment": (
        "workspace:measure_quality",
        {"year": "2024-25", "measure": "M1.01"},
        {"action": "comment", "text": "ok"},
        frozenset({"analyst", "approver"}),
    ),
    "send_notice": (
        "workspace:send_notice",
        {"year": "2024-25"},
        {},
        frozenset({"approver"}),
    ),
    "send_reminders": (
        "workspace:send_reminders",
        {"year": "2024-25"},
        {},
        frozenset({"analyst", "admin"}),
    ),
    "release": (
        "workspace:release",
        {"year": "2024-25"},
        {"release_date": "2030-01-01", "release_time": "09:30"},
        frozenset({"approver"}),
    ),
}

UPLOADS: dict[str, int] = {
    "anonymous": 302,
    "no_role": 403,
    "data_owner": 302,  # accepted, back to the return
    "other_data_owner": 403,
    "analyst": 302,
    "approver": 403,  # the approver checks and releases; returns come from their teams
    "admin": 302,
}


def _login(client: Client, role: str, make_user: Any) -> None:
    spec = ROLES[role]
    if spec is not None:
        client.force_login(make_user(*spec))


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_for_every_role(
    client: Client, year: Any, make_user: Any, role: str, view: str
) -> None:
    _login(client, role, make_user)
    name, kwargs = VIEWS[view]
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == EXPECTED[role][view], (role, view, response.status_code)
    if response.status_code == 302 and EXPECTED[role][view] == 302 and role == "anonymous":
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", list(ROLES))
def test_uploading_for_every_role(client: Client, year: Any, make_user: Any, role: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from charterwatch.workspace.models import ReturnVersion
    from tests.workspace.conftest import GOOD

    _login(client, role, make_user)
    name, kwargs = RETURN
    response = client.post(
        reverse(name, kwargs=kwargs), {"file": SimpleUploadedFile("c.csv", GOOD, "text/csv")}
    )
    assert response.status_code == UPLOADS[role], (role, response.status_code)
    assert ReturnVersion.objects.exists() == (UPLOADS[role] == 302 and ROLES[role] is not None)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_for_every_role(
    client: Client, year: Any, make_user: Any, role: str, action: str, monkeypatch: Any
) -> None:
    from charterwatch.workspace import figures

    # the role check comes before any work: computing is replaced by a note of the call
    calls: list[str] = []
    monkeypatch.setattr(figures, "stage_returns", lambda y: calls.append("stage") or [])
    monkeypatch.setattr(
        figures,
        "compute_all",
        lambda *_: calls.append("compute") or figures.ComputeOutcome(False, 0, "not run"),
    )
    _login(client, role, make_user)
    name, kwargs, data, roles = ACTIONS[action]
    response = client.post(reverse(name, kwargs=kwargs), data)
    if role == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
    elif role in roles:
        assert response.status_code == 302, (role, action, response.status_code)
    else:
        assert response.status_code == 403, (role, action, response.status_code)
        assert calls == []


def test_security_headers_and_cookies(client: Client) -> None:
    response = client.get(reverse("workspace:login"))
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    from django.conf import settings

    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logins_are_throttled(db: Any, make_user: Any) -> None:
    make_user("analyst")
    client = Client(enforce_csrf_checks=False)
    url = reverse("workspace:login")
    for _ in range(5):
        client.post(url, {"username": "analyst-x", "password": "wrong password"})
    locked = client.post(
        url, {"username": "analyst-x", "password": "correct horse battery staple 42"}
    )
    assert locked.status_code == 429 or b"locked" in locked.content.lower()

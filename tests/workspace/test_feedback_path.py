"""The short path for anonymous feedback posts answers exactly as the Django view does (status,
page, security headers), keeps the post by the same rules (audit entry, rate limit, trap),
and leaves everything unusual (cookies, multipart, an unknown host, too many fields) to
Django."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

from django.core import signals
from django.db import close_old_connections
from django.test import Client

PAGE = "measures/M1.01/index.html"


def _environ(body: bytes, **extra: str) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/feedback/",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "198.51.100.7",
        "wsgi.input": io.BytesIO(body),
    }
    environ.update(extra)
    setup_testing_defaults(environ)
    return environ


def _call(environ: dict[str, Any], django_too: bool = False) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body from the workspace's WSGI application; fails when the
    post reached Django and ``django_too`` is false (the short path must take it)."""
    from charterwatch.workspace import wsgi

    reached = []
    original = wsgi.django_application

    def django(environ: dict[str, Any], start_response: Any) -> Any:
        reached.append(True)
        return original(environ, start_response)

    from charterwatch.workspace.feedback_path import with_feedback_path

    app = with_feedback_path(django)
    got: list[Any] = []
    # As Django's test client does: a request must not close the test's database connection
    # (it holds the test's transaction; on PostgreSQL closing it ends the test).
    hooks = (signals.request_started, signals.request_finished)
    for hook in hooks:
        hook.disconnect(close_old_connections)
    try:
        body = b"".join(app(environ, lambda status, headers: got.extend([status, headers])))
    finally:
        for hook in hooks:
            hook.connect(close_old_connections)
    assert bool(reached) == django_too, "the post went the other way"
    return int(got[0].split()[0]), dict(got[1]), body


def _form(**fields: str) -> bytes:
    data = {"page": PAGE, "useful": "yes", "text": "", "website": ""}
    data.update(fields)
    return urlencode(data).encode()


def test_the_short_path_answers_as_the_view_and_keeps_the_post(db: Any) -> None:
    from charterwatch.workspace.models import AuditEntry, Feedback

    status, headers, body = _call(_environ(_form(text="Clear, thank you.")))
    view = Client().post("/feedback/", {"page": PAGE, "useful": "yes", "text": "Also clear."})
    assert status == view.status_code == 200
    assert body == view.content and b"Thank you" in body
    ignored = {"content-length", "vary"}
    same = {k.lower(): v for k, v in headers.items() if k.lower() not in ignored}
    django = {k.lower(): v for k, v in view.headers.items() if k.lower() not in ignored}
    assert same == django
    assert same["x-frame-options"] == "DENY" and "content-security-policy" in same
    kept = Feedback.objects.get(text="Clear, thank you.")
    assert (kept.page, kept.useful, kept.status) == (PAGE, True, "new")
    assert "198.51.100.7" not in kept.sender
    assert AuditEntry.objects.filter(model="workspace.Feedback", object_id=str(kept.pk)).exists()


def test_the_same_rules_refuse_and_limit(db: Any, settings: Any) -> None:
    from charterwatch.workspace.models import Feedback

    assert _call(_environ(_form(useful="maybe")))[0] == 400
    trapped = _call(_environ(_form(website="http://spam.example", text="robot")))
    assert trapped[0] == 200 and not Feedback.objects.filter(text="robot").exists()
    settings.FEEDBACK_PER_HOUR = 2
    codes = [_call(_environ(_form(text=f"n{i}")))[0] for i in range(3)]
    assert codes == [200, 200, 429]


def test_anything_unusual_goes_through_django(db: Any) -> None:
    body = _form(text="with a cookie")
    status, _, page = _call(_environ(body, HTTP_COOKIE="sessionid=x"), django_too=True)
    assert status == 200 and b"Thank you" in page
    assert _call(_environ(body, HTTP_HOST="evil.example"), django_too=True)[0] == 400
    multipart = _environ(b"x", CONTENT_TYPE="multipart/form-data; boundary=zz")
    _call(multipart, django_too=True)
    many = urlencode({f"f{i}": "1" for i in range(1100)}).encode()
    assert _call(_environ(many), django_too=True)[0] == 400  # Django's field limit

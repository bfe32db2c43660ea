"""The short path for "Was this page useful?" posts from published pages.

Every published page posts its feedback form here, and a release can bring many at once.
Through Django's whole stack a post spends most of its time in parts it does not need:
sessions, authentication, messages, the login throttle, static files and the template. So
the WSGI application takes a plain anonymous post (no cookies, form-encoded, a host Django
allows, within Django's size limit) itself: the form is read, the same function as the view
keeps it (:func:`charterwatch.workspace.public.receive_feedback`: trap, limits, rate limit,
spam, audit entry), and the answer is the same page with the same headers as the view's,
which Django's own security middleware set once per scheme. Anything else (a signed-in
poster, a multipart body, an unknown host, more fields than Django allows) goes through
Django as before; ``tests/workspace/test_feedback_path.py`` checks both answer alike.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import reverse

from charterwatch.publish.site import feedback as form
from charterwatch.workspace import public
from charterwatch.workspace.public_views import STATUS, thanks_page
from charterwatch.workspace.security import security_headers

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]

log = logging.getLogger(__name__)
_REASONS = {200: "OK", 400: "Bad Request", 429: "Too Many Requests", 500: "Internal Server Error"}
_headers: dict[str, list[tuple[str, str]]] = {}


def with_feedback_path(app: WSGIApp) -> WSGIApp:
    """``app`` (Django's WSGI application) with anonymous feedback posts taken first."""
    path: list[str] = []

    def application(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if not path:
            path.append(reverse("workspace:feedback_post"))
        if not _takes(environ, path[0]):
            return app(environ, start_response)
        body = _body(environ)
        fields = _fields(body)
        if fields is None:  # more fields than Django allows: Django words the refusal
            environ["wsgi.input"] = io.BytesIO(body)
            return app(environ, start_response)
        # As Django's handler does: old database connections are closed around a request
        # (the tests turn this off to keep their transaction, as for Django's own requests).
        signals.request_started.send(sender=with_feedback_path, environ=environ)
        try:
            got = public.receive_feedback(
                fields.get(form.PAGE, ""),
                fields.get(form.USEFUL, ""),
                fields.get(form.TEXT, ""),
                fields.get(form.TRAP, ""),
                environ.get("REMOTE_ADDR", ""),
            )
        except Exception:
            log.exception("feedback post not stored")
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"The feedback could not be stored; please try again later.\n"]
        finally:
            signals.request_finished.send(sender=with_feedback_path)
        status = STATUS[got.outcome]
        page = thanks_page(got)
        headers = [*_security_headers(environ), ("Content-Length", str(len(page)))]
        start_response(f"{status} {_REASONS[status]}", headers)
        return [page]

    return application


def _takes(environ: Environ, path: str) -> bool:
    """A post this path answers as Django would (anything unusual is left to Django)."""
    if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != path:
        return False
    if environ.get("HTTP_COOKIE"):
        return False
    kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return False
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if length <= 0 or (limit is not None and length > limit):
        return False
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    return not (settings.SECURE_SSL_REDIRECT and environ.get("wsgi.url_scheme") != "https")


def _body(environ: Environ) -> bytes:
    length = int(environ["CONTENT_LENGTH"])
    stream = environ["wsgi.input"]
    chunks, left = [], length
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _fields(body: bytes) -> dict[str, str] | None:
    """The form's fields (the last value of each, as Django's ``QueryDict.get`` gives);
    None when there are more than Django accepts."""
    most = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    try:
        parsed = parse_qs(
            body.decode("utf-8", errors="replace"),
            keep_blank_values=True,
            max_num_fields=most,
        )
    except ValueError:
        return None
    return {name: values[-1] for name, values in parsed.items()}


def _security_headers(environ: Environ) -> list[tuple[str, str]]:
    """The headers Django's middleware gives the view's answer, made once per scheme by
    that middleware itself."""
    scheme = environ.get("wsgi.url_scheme", "http")
    found = _headers.get(scheme)
    if found is None:
        request = WSGIRequest({**environ, "wsgi.input": io.BytesIO(b""), "CONTENT_LENGTH": "0"})

        def page(_: HttpRequest) -> HttpResponse:
            return HttpResponse(b"")

        response = page(request)
        for middleware in (SecurityMiddleware(page), XFrameOptionsMiddleware(page)):
            response = middleware.process_response(request, response)
        done = response
        response = security_headers(lambda _: done)(request)
        found = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
        _headers[scheme] = found
    return found


__all__ = ["with_feedback_path"]

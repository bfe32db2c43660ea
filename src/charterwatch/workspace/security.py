"""Security headers Django 5.2 does not set itself: a content security policy (no inline
script, no third-party origin: the workspace serves everything it uses) and a permissions
policy that turns off the browser features it never needs."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def policy_text(policy: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"]}`` -> ``default-src 'self'``."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware adding ``Content-Security-Policy`` and ``Permissions-Policy``."""
    csp = policy_text(settings.CONTENT_SECURITY_POLICY)

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware

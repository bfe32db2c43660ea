"""Who may do what: one place for the role checks every view makes.

:func:`allowed` answers for a user and a capability; :func:`requires` guards a view with
it (anonymous users go to the login page, users without the role get 403). The role matrix
test walks every view against every role through these rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from charterwatch.workspace.models import Membership, Role, Team

CAPABILITIES: dict[str, frozenset[Role]] = {
    "see_board": frozenset({Role.ANALYST, Role.APPROVER, Role.ADMIN}),
    "see_returns": frozenset({Role.DATA_OWNER, Role.ANALYST, Role.APPROVER, Role.ADMIN}),
    "upload_return": frozenset({Role.DATA_OWNER, Role.ANALYST, Role.ADMIN}),
    "manage_years": frozenset({Role.ANALYST, Role.ADMIN}),
    "compute": frozenset({Role.ANALYST, Role.ADMIN}),
    "see_quality": frozenset({Role.ANALYST, Role.APPROVER, Role.ADMIN}),
    "sign_off": frozenset({Role.ANALYST}),
    "comment": frozenset({Role.ANALYST, Role.APPROVER}),
    "release": frozenset({Role.APPROVER}),
    "see_audit": frozenset({Role.APPROVER, Role.ADMIN}),
    "see_feedback": frozenset({Role.ANALYST, Role.APPROVER, Role.ADMIN}),
    "edit_accountability": frozenset({Role.ANALYST, Role.ADMIN}),
}
"""Each capability and the roles that have it; a data owner's are limited to their team."""

View = TypeVar("View", bound=Callable[..., HttpResponse])


def membership(user: Any) -> Membership | None:
    """The user's membership, or None (anonymous, or a user given no role yet)."""
    if not getattr(user, "is_authenticated", False):
        return None
    found: Membership | None = Membership.objects.filter(user=user).select_related("team").first()
    return found


def allowed(user: Any, capability: str, team: Team | None = None) -> bool:
    """May ``user`` use ``capability`` (for ``team``'s returns, when given)?"""
    member = membership(user)
    if member is None or Role(member.role) not in CAPABILITIES[capability]:
        return False
    if member.role == Role.DATA_OWNER and team is not None:
        return member.team_id == team.pk
    return True


def requires(capability: str) -> Callable[[View], View]:
    """Guard a view: log in first, then have ``capability`` (else 403)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, capability):
                raise PermissionDenied(f"your role does not allow {capability.replace('_', ' ')}")
            return view(request, *args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a view guarded by :func:`requires` (never anonymous there)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def role_context(request: HttpRequest) -> dict[str, Any]:
    """Templates see the user's membership as ``member``, the newest reporting year as
    ``latest_year`` and what the user may do as ``may`` (capability -> bool)."""
    from charterwatch.workspace.models import ReportingYear

    member = membership(request.user)
    return {
        "member": member,
        "latest_year": ReportingYear.objects.first() if member else None,
        "may": {c: allowed(request.user, c) for c in CAPABILITIES} if member else {},
    }

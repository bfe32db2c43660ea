"""The audit log: every change to what the workspace stores, with who, when, before and after.

Django's save and delete signals see every change, through any page or the admin, so no
view has to remember to log. The user comes from the request being served
(:func:`current_user_middleware`), or is empty for the command line. Secrets are never
copied into the log: a password hash shows only that it changed.
"""

from __future__ import annotations

import contextvars
import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse

from charterwatch.publish.downloads.escaping import inert
from charterwatch.workspace.models import AuditEntry, PreReleaseView

SECRET_FIELDS = frozenset({"password"})
NOT_AUDITED = ("sessions", "axes", "contenttypes", "admin")
"""App labels whose rows are not audited: sessions, login attempts (django-axes keeps its
own record), content types and the admin's own log."""

_user: contextvars.ContextVar[Any] = contextvars.ContextVar("audit_user", default=None)
_before: contextvars.ContextVar[dict[tuple[str, Any], dict[str, Any]]] = contextvars.ContextVar(
    "audit_before"
)


def current_user_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Remember who is making the request, for the entries its changes write."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = _user.set(getattr(request, "user", None))
        try:
            return get_response(request)
        finally:
            _user.reset(token)

    return middleware


_log_table_ready = False


def _log_ready() -> bool:
    """True once the log's table exists: while the database is first being created,
    Django saves rows (permissions) before the workspace's tables are made."""
    global _log_table_ready
    if not _log_table_ready:
        _log_table_ready = AuditEntry._meta.db_table in connection.introspection.table_names()
    return _log_table_ready


def _audited(sender: type[models.Model]) -> bool:
    meta = sender._meta
    return (
        meta.app_label not in NOT_AUDITED
        and sender not in (AuditEntry, PreReleaseView)
        and _log_ready()
    )


def _state(instance: models.Model) -> dict[str, Any]:
    data = model_to_dict(instance)
    data = {k: (_hidden(v) if k in SECRET_FIELDS else v) for k, v in data.items()}
    # through JSON, so dates, decimals and files read the same in the log as in the export
    loaded: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))
    return loaded


def _hidden(value: Any) -> str:
    """A secret in the log: never the value, only a short digest that changes with it."""
    digest = hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:8]
    return f"(hidden, version {digest})"


def _key(instance: models.Model) -> tuple[str, Any]:
    return (instance._meta.label, instance.pk)


def _pending() -> dict[tuple[str, Any], dict[str, Any]]:
    try:
        return _before.get()
    except LookupError:
        found: dict[tuple[str, Any], dict[str, Any]] = {}
        _before.set(found)
        return found


@receiver(pre_save)
def _remember_before(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    if not _audited(sender) or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is not None:
        _pending()[_key(instance)] = _state(old)


def _entry(action: str, instance: models.Model, before: Any, after: Any) -> AuditEntry:
    user = _user.get()
    known = user if isinstance(user, User) else None
    return AuditEntry(
        user=known,
        username=known.get_username() if known is not None else "",
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        summary=str(instance)[:300],
        before=before,
        after=after,
    )


def _write(action: str, instance: models.Model, before: Any, after: Any) -> None:
    _entry(action, instance, before, after).save()


def created_entry(instance: models.Model) -> AuditEntry:
    """The (unsaved) entry the save signal writes for a new row, for a path that inserts
    without signals (:mod:`charterwatch.workspace.inserts`)."""
    return _entry("created", instance, None, _state(instance))


@receiver(post_save)
def _log_save(sender: type[models.Model], instance: models.Model, created: bool, **_: Any) -> None:
    if not _audited(sender):
        return
    before = None if created else _pending().pop(_key(instance), None)
    after = _state(instance)
    if before is not None and before == after:
        return  # saved without a change (a login's last_login is still a change)
    _write("created" if created else "changed", instance, before, after)


@receiver(post_delete)
def _log_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    if _audited(sender):
        _write("deleted", instance, _state(instance), None)


CSV_COLUMNS = ("at", "username", "action", "model", "object_id", "summary", "before", "after")


def as_csv(entries: Iterable[AuditEntry]) -> str:
    """The entries as CSV, every text cell made inert for spreadsheets (no formula runs)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            [
                inert(value)
                for value in (
                    e.at.isoformat(),
                    e.username,
                    e.action,
                    e.model,
                    e.object_id,
                    e.summary,
                    json.dumps(e.before, sort_keys=True) if e.before is not None else "",
                    json.dumps(e.after, sort_keys=True) if e.after is not None else "",
                )
            ]
        )
    return out.getvalue()

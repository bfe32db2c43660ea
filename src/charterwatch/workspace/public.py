"""The public side of the workspace: feedback from published pages, and release notices.

Feedback arrives from static pages on another address, so it cannot carry a CSRF token; it
is protected instead by a hidden field people never fill, a limit per sender per hour (the
sender kept only as a keyed hash) and a cap on web links (more are kept as spam).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from charterwatch.workspace import audit, inserts, write_queue
from charterwatch.workspace.models import Feedback, FeedbackStatus, Subscriber

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
MAX_TEXT = 2000
MAX_PAGE = 500


def recent_from(key: str, since: dt.datetime) -> int:
    """How many posts the sender ``key`` made since ``since`` (the rate limit's count).

    One plain indexed query instead of the ORM's: on a burst of posts, building the ORM
    query took longer than running it (``bench/feedback_load.py``). The table and columns
    come from the model, and the value is adapted by the database backend in use."""
    table = connection.ops.quote_name(Feedback._meta.db_table)
    sender, received = (connection.ops.quote_name(n) for n in ("sender", "received_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE {sender} = %s AND {received} >= %s",
            [key, connection.ops.adapt_datetimefield_value(since)],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def sender_key(address: str) -> str:
    """A keyed hash of the sender's network address (never stored as it is)."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, address.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Received:
    """What became of a feedback post: ``stored`` (kept), ``trapped`` (a robot: thanked,
    not kept), ``limited`` (too many from the sender), or ``invalid`` with the reason."""

    outcome: str
    reason: str = ""


def receive_feedback(
    page: str, useful: str, text: str, trap: str, address: str, now: dt.datetime | None = None
) -> Received:
    """Check and keep one "Was this page useful?" post."""
    if trap.strip():
        return Received("trapped")
    page = page.strip()
    if not page or len(page) > MAX_PAGE:
        return Received("invalid", "the form did not say which page it came from")
    if useful not in ("yes", "no", ""):
        return Received("invalid", "answer yes or no")
    text = text.strip()
    if len(text) > MAX_TEXT:
        return Received("invalid", f"write at most {MAX_TEXT} characters")
    if not useful and not text:
        return Received("invalid", "answer yes or no, or write what could be better")
    key = sender_key(address)
    since = (now or timezone.now()) - dt.timedelta(hours=1)
    spam = len(LINK.findall(text)) > settings.FEEDBACK_MAX_LINKS
    recent = recent_from(key, since)
    if recent >= settings.FEEDBACK_PER_HOUR:
        return Received("limited", "too many messages from you in the last hour; try later")
    post = Feedback(
        page=page,
        useful=None if not useful else useful == "yes",
        text=text,
        sender=key,
        status=FeedbackStatus.SPAM if spam else FeedbackStatus.NEW,
    )
    # The row and its audit entry in one commit, each through a statement prepared once: on
    # a burst of posts the write lock is held for two inserts, not for the ORM's work, and
    # the posts of every server process wait for it in turn (:mod:`write_queue`).
    with write_queue.one_writer(), transaction.atomic():
        inserts.insert(post)
        inserts.insert(audit.created_entry(post))
    return Received("stored")


def sign_up(email: str) -> tuple[Subscriber, bool]:
    """A pending sign-up for ``email`` (or the existing one); True when an email should be
    sent (new, not yet confirmed, or asked again after unsubscribing)."""
    email = email.strip().lower()
    found = Subscriber.objects.filter(email=email).first()
    if found is not None and found.active:
        return found, False
    if found is None:
        found = Subscriber.objects.create(email=email, token=secrets.token_urlsafe(32))
    else:
        found.token = secrets.token_urlsafe(32)
        found.confirmed_at = None
        found.unsubscribed_at = None
        found.save()
    return found, True


def confirm(token: str) -> Subscriber | None:
    found = Subscriber.objects.filter(token=token, unsubscribed_at__isnull=True).first()
    if found is not None and found.confirmed_at is None:
        found.confirmed_at = timezone.now()
        found.save()
    return found


def unsubscribe(token: str) -> bool:
    found = Subscriber.objects.filter(token=token).first()
    if found is None:
        return False
    if found.unsubscribed_at is None:
        found.unsubscribed_at = timezone.now()
        found.save()
    return True


def active_subscribers() -> list[Subscriber]:
    return list(Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True))

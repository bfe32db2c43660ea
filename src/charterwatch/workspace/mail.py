"""The emails the workspace sends, through the SMTP server in the settings.

Release notices carry ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058), so a
mail program can unsubscribe in one click; every notice also has the link in its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from charterwatch.workspace.models import Subscriber

Link = Callable[[str], str]
"""Makes an absolute address of a path of the workspace (from the request being served)."""


def confirmation(subscriber: Subscriber, link: Link, service: str) -> None:
    """The first email: the link that confirms the sign-up (nothing is sent until then)."""
    confirm = link(f"/notices/confirm/{subscriber.token}/")
    EmailMessage(
        subject=f"Confirm: release notices from {service}",
        body=(
            f"Someone (we hope you) asked to be told by email when {service} publishes new "
            f"figures.\n\nTo confirm, open this link:\n{confirm}\n\nIf it was not you, ignore "
            "this email: you will not get any more."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    ).send()


def release_notice(
    subscribers: Iterable[Subscriber], link: Link, service: str, year: str, site: str
) -> int:
    """One email per confirmed subscriber (none sees another's address); the number sent."""
    sent = 0
    with get_connection() as connection:
        for s in subscribers:
            leave = link(f"/notices/unsubscribe/{s.token}/")
            EmailMessage(
                subject=f"{service}: figures for {year} published",
                body=(
                    f"{service} has published its figures for {year}:\n{site}\n\n"
                    f"To stop these emails, open this link:\n{leave}\n"
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[s.email],
                headers={
                    "List-Unsubscribe": f"<{leave}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
                connection=connection,
            ).send()
            sent += 1
    return sent


def reminders(due_by_team: dict[str, tuple[list[str], list[str]]], link: Link, year: str) -> int:
    """A reminder to each team with returns overdue: ``{team: (emails, source names)}``."""
    sent = 0
    with get_connection() as connection:
        for team, (emails, sources) in due_by_team.items():
            if not emails:
                continue
            listed = "\n".join(f"- {name}" for name in sources)
            EmailMessage(
                subject=f"Overdue: {len(sources)} return(s) for {year}",
                body=(
                    f"These returns from {team} for {year} are overdue:\n{listed}\n\n"
                    f"Upload them at {link('/')}\n"
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=emails,
                connection=connection,
            ).send()
            sent += 1
    return sent

"""The public side: feedback from published pages (stored, rate-limited, spam-resistant,
triaged and counted) and release notices by email (double opt-in, one-click unsubscribe),
sent through a real SMTP server on loopback; reminders to teams with overdue returns."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workspace.conftest import OWNER_TEAM

FEEDBACK = "/feedback/"


def _post(client: Client, **fields: str) -> Any:
    data = {"page": "measures/M1.01/index.html", "useful": "no", "text": "", "website": ""}
    data.update(fields)
    return client.post(FEEDBACK, data, REMOTE_ADDR="203.0.113.9")


def test_feedback_is_taken_without_a_token_and_stored_without_the_address(db: Any) -> None:
    from charterwatch.workspace.models import Feedback

    client = Client(enforce_csrf_checks=True)  # a static page cannot send a CSRF token
    response = _post(client, text="The chart was hard to read on my phone.")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    (item,) = Feedback.objects.all()
    assert (item.page, item.useful, item.status) == ("measures/M1.01/index.html", False, "new")
    assert "203.0.113.9" not in item.sender and len(item.sender) == 64


def test_robots_empty_posts_floods_and_link_spam(db: Any, settings: Any) -> None:
    from charterwatch.workspace.models import Feedback

    client = Client()
    assert _post(client, website="http://spam.example").status_code == 200  # thanked...
    assert not Feedback.objects.exists()  # ...but not kept
    assert _post(client, useful="").status_code == 400  # nothing said
    assert _post(client, useful="maybe").status_code == 400
    assert _post(client, text="x" * 2001).status_code == 400
    spam = "buy http://a.example http://b.example http://c.example"
    assert _post(client, text=spam).status_code == 200
    assert Feedback.objects.get().status == "spam"
    settings.FEEDBACK_PER_HOUR = 3
    assert [_post(client).status_code for _ in range(3)] == [200, 200, 429]


def test_feedback_is_triaged_answered_and_counted(client: Client, make_user: Any, db: Any) -> None:
    from charterwatch.workspace.models import Feedback

    anonymous = Client()
    _post(anonymous, useful="yes")
    _post(anonymous, useful="no", text="Too long")
    _post(anonymous, page="index.html", useful="yes")
    client.force_login(make_user("analyst"))
    page = client.get(reverse("workspace:feedback")).content.decode()
    assert "New (3)" in page
    assert re.search(
        r"measures/M1.01/index.html</th><td>2</td><td>1</td><td>1</td><td>1</td>", page
    )
    item = Feedback.objects.get(text="Too long")
    url = reverse("workspace:feedback_detail", kwargs={"pk": item.pk})
    client.post(url, {"status": "answered", "response": "Summary added at the top."})
    item.refresh_from_db()
    assert item.status == "answered" and item.handled_by is not None


def test_release_notices_double_opt_in_and_one_click_unsubscribe(
    inbox: Any, make_user: Any, db: Any
) -> None:
    from charterwatch.workspace.models import Release, ReportingYear, Subscriber

    public = Client()
    signed = public.post(reverse("workspace:notices"), {"email": "Reader@Example.org"})
    assert "Check your email" in signed.content.decode()
    (confirm_mail,) = inbox.to("reader@example.org")
    link = re.search(r"http://testserver(/notices/confirm/\S+/)", confirm_mail.get_content())
    assert link is not None
    assert not Subscriber.objects.get().active  # nothing until the link is opened
    # A second sign-up for a pending address sends a new link, and says the same thing.
    again = public.post(reverse("workspace:notices"), {"email": "reader@example.org"})
    assert "Check your email" in again.content.decode()
    (_, confirm_mail) = inbox.to("reader@example.org")
    link = re.search(r"http://testserver(/notices/confirm/\S+/)", confirm_mail.get_content())
    assert link is not None
    assert "You are signed up" in public.get(link.group(1)).content.decode()
    assert Subscriber.objects.get().active

    year = ReportingYear.objects.create(label="2024-25", returns_due=dt.date(2025, 6, 30))
    approver = Client()
    approver.force_login(make_user("approver"))
    notice_url = reverse("workspace:send_notice", kwargs={"year": "2024-25"})
    Release.objects.create(
        year=year, release_at=timezone.now() + dt.timedelta(days=1), built_at=timezone.now()
    )
    early = approver.post(notice_url, follow=True).content.decode()
    assert "once the figures are public" in early and len(inbox.messages) == 2
    Release.objects.filter(year=year).update(release_at=timezone.now() - dt.timedelta(hours=1))
    done = approver.post(notice_url, follow=True).content.decode()
    assert "sent to 1 subscribers" in done
    notice = inbox.to("reader@example.org")[-1]
    assert "2024-25" in notice["Subject"]
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    leave = re.search(r"<http://testserver(/notices/unsubscribe/\S+/)>", notice["List-Unsubscribe"])
    assert leave is not None
    assert "already sent" in approver.post(notice_url, follow=True).content.decode()  # once only

    assert public.get(leave.group(1)).status_code == 200  # a link checker's GET changes nothing
    assert Subscriber.objects.get().active
    mail_client = Client(enforce_csrf_checks=True)  # RFC 8058 one-click POST, no token
    assert mail_client.post(leave.group(1), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.get().active


def test_reminders_go_to_teams_with_overdue_returns(inbox: Any, make_user: Any, year: Any) -> None:
    owner = make_user("data_owner", OWNER_TEAM)
    owner.email = "owner@example.org"
    owner.save()
    analyst = Client()
    analyst.force_login(make_user("analyst"))
    url = reverse("workspace:send_reminders", kwargs={"year": year.label})
    done = analyst.post(url, follow=True).content.decode()
    assert "Reminders sent to 1 teams" in done
    assert "no data owner with an email address in" in done  # the other teams are named
    (reminder,) = inbox.to("owner@example.org")
    assert "Overdue" in reminder["Subject"] and "Recruitment campaigns" in reminder.get_content()


def test_the_thanks_page_without_cookies_is_the_rendered_page(db: Any, make_user: Any) -> None:
    """Posts from published pages carry no cookies and get the page rendered once per
    outcome: it must be the same page, headers included, as rendering it each time."""
    anonymous = Client()
    first, second = _post(anonymous, text="one"), _post(anonymous, text="two")
    assert first.content == second.content and "Thank you" in first.content.decode()
    assert "Content-Security-Policy" in second.headers
    assert second.headers["X-Frame-Options"] == "DENY"
    bad = _post(anonymous, useful="maybe")
    assert bad.status_code == 400 and "answer yes or no" in bad.content.decode()
    signed_in = Client()
    signed_in.force_login(make_user("analyst"))
    page = _post(signed_in, text="three").content.decode()
    assert "Sign out (analyst-x)" in page  # a signed-in poster gets the full page
    assert "Sign out" not in first.content.decode()

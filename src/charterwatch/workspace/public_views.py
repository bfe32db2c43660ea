"""Pages of the public side (feedback, release notices) and their handling inside."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from charterwatch.publish.site import feedback as form
from charterwatch.workspace import mail, public, returns
from charterwatch.workspace.models import (
    Feedback,
    FeedbackStatus,
    Membership,
    NoticeSent,
    Release,
    ReportingYear,
    Role,
)
from charterwatch.workspace.returns import framework
from charterwatch.workspace.roles import requires, signed_in


def _link(request: HttpRequest) -> mail.Link:
    return request.build_absolute_uri


def _service() -> str:
    return framework().project.name


@csrf_exempt  # posted from the static published pages, which cannot carry a token
@require_http_methods(["POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """Take one "Was this page useful?" post from a published page."""
    got = public.receive_feedback(
        request.POST.get(form.PAGE, ""),
        request.POST.get(form.USEFUL, ""),
        request.POST.get(form.TEXT, ""),
        request.POST.get(form.TRAP, ""),
        request.META.get("REMOTE_ADDR", ""),
    )
    status = STATUS[got.outcome]
    if request.COOKIES:  # someone signed in (or with messages waiting): the full page
        return render(request, THANKS, {"received": got}, status=status)
    return HttpResponse(thanks_page(got), status=status)


STATUS = {"stored": 200, "trapped": 200, "limited": 429, "invalid": 400}
"""The answer's status for each outcome of a feedback post (the view and the short path)."""
THANKS = "workspace/feedback_thanks.html"
_thanks_pages: dict[public.Received, bytes] = {}


def thanks_page(got: public.Received) -> bytes:
    """The answer page for a post that carries no cookies, rendered once per outcome.

    Published pages post without the workspace's cookies, so every such answer is the same
    page for the same outcome (no one is signed in, no message waits); rendering it once
    keeps a burst of posts from spending most of its time in the template
    (``bench/feedback_load.py``)."""
    page = _thanks_pages.get(got)
    if page is None:
        page = render_to_string(THANKS, {"received": got}).encode("utf-8")
        _thanks_pages[got] = page
    return page


@requires("see_feedback")
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Feedback to triage, newest first, and the counts per page."""
    status = request.GET.get("status", FeedbackStatus.NEW)
    shown = Feedback.objects.all() if status == "all" else Feedback.objects.filter(status=status)
    per_page = (
        Feedback.objects.exclude(status=FeedbackStatus.SPAM)
        .values("page")
        .annotate(
            total=Count("id"),
            yes=Count("id", filter=Q(useful=True)),
            no=Count("id", filter=Q(useful=False)),
            written=Count("id", filter=~Q(text="")),
        )
        .order_by("-total", "page")[:50]
    )
    by_status = Counter(Feedback.objects.values_list("status", flat=True))
    return render(
        request,
        "workspace/feedback.html",
        {
            "page": Paginator(shown, 50).get_page(request.GET.get("p")),
            "status": status,
            "statuses": [(v, label, by_status.get(v, 0)) for v, label in FeedbackStatus.choices],
            "per_page": per_page,
        },
    )


class HandleForm(forms.ModelForm[Feedback]):
    class Meta:
        model = Feedback
        fields = ["status", "response"]
        labels = {"response": "Response or note (what was done)"}
        widgets = {"response": forms.Textarea(attrs={"rows": 4})}


@requires("see_feedback")
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Feedback, pk=pk)
    form = HandleForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        handled = form.save(commit=False)
        handled.handled_by = signed_in(request)
        handled.save()
        messages.success(request, "Saved.")
        return redirect("workspace:feedback")
    return render(request, "workspace/feedback_detail.html", {"item": item, "form": form})


class SignUpForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)


def notices(request: HttpRequest) -> HttpResponse:
    """Sign up for release notices; the same answer whether or not the address is known."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscriber, send = public.sign_up(form.cleaned_data["email"])
        if send:
            mail.confirmation(subscriber, _link(request), _service())
        return render(request, "workspace/notices_done.html", {"step": "check"})
    return render(
        request,
        "workspace/notices.html",
        {"form": form, "service": _service()},
        status=400 if request.method == "POST" else 200,
    )


def notices_confirm(request: HttpRequest, token: str) -> HttpResponse:
    if public.confirm(token) is None:
        raise Http404("this link has expired or was used to unsubscribe")
    return render(request, "workspace/notices_done.html", {"step": "confirmed"})


@csrf_exempt  # RFC 8058: a mail program posts List-Unsubscribe=One-Click without a token
def notices_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link checkers must not unsubscribe anyone); POST unsubscribes."""
    if request.method == "POST":
        if not public.unsubscribe(token):
            raise Http404("unknown link")
        return render(request, "workspace/notices_done.html", {"step": "left"})
    return render(request, "workspace/notices_leave.html", {"token": token})


@requires("release")
@require_http_methods(["POST"])
def send_notice(request: HttpRequest, year: str) -> HttpResponse:
    """Email every confirmed subscriber once the year's figures are public."""
    reporting = get_object_or_404(ReportingYear, label=year)
    chosen = Release.objects.filter(year=reporting, built_at__isnull=False).first()
    if chosen is None or timezone.now() < chosen.release_at:
        messages.error(request, "The release notice can be sent once the figures are public.")
    elif NoticeSent.objects.filter(year=reporting).exists():
        messages.error(request, f"The release notice for {year} was already sent.")
    else:
        site = request.build_absolute_uri(f"/published/{year}/")
        count = mail.release_notice(
            public.active_subscribers(), _link(request), _service(), year, site
        )
        NoticeSent.objects.create(year=reporting, recipients=count, sent_by=signed_in(request))
        messages.success(request, f"Release notice sent to {count} subscribers.")
    return redirect("workspace:release", year=year)


@requires("manage_years")
@require_http_methods(["POST"])
def send_reminders(request: HttpRequest, year: str) -> HttpResponse:
    """Remind each team with overdue returns (its data owners with an email address)."""
    reporting = get_object_or_404(ReportingYear, label=year)
    today = timezone.localdate()
    overdue: dict[str, tuple[list[str], list[str]]] = {}
    for team in returns.team_names():
        late = [d.source.name for d in returns.due(team, reporting, today) if d.overdue]
        if late:
            owners = Membership.objects.filter(role=Role.DATA_OWNER, team__name=team)
            emails = [m.user.email for m in owners.select_related("user") if m.user.email]
            overdue[team] = (emails, late)
    sent = mail.reminders(overdue, _link(request), year)
    without = sorted(t for t, (emails, _) in overdue.items() if not emails)
    note = f"; no data owner with an email address in: {', '.join(without)}" if without else ""
    messages.success(request, f"Reminders sent to {sent} teams{note}.")
    return redirect(f"{request.build_absolute_uri('/board/')}?year={year}")

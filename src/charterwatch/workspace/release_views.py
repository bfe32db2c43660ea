"""Pages for computing, quality assurance and release (analysts and the approver), and the
released site itself: public from its release time, and before it only to the pre-release
access list, every view logged."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils._os import safe_join

from charterwatch.publish.revisions import find_revisions, snapshot_of
from charterwatch.workspace import compute_job, figures, quality
from charterwatch.workspace.models import (
    Comment,
    ComputeRun,
    NoticeSent,
    PreReleaseView,
    Release,
    ReportingYear,
)
from charterwatch.workspace.returns import framework
from charterwatch.workspace.roles import allowed, requires, signed_in

RELEASE_TIME = dt.time(9, 30)
"""Official statistics are released at 09:30 unless the approver says otherwise."""


@requires("compute")
def compute(request: HttpRequest, year: str) -> HttpResponse:
    """Start computing every figure from the returns in use (POST only); the quality page
    shows how far it has got (:mod:`charterwatch.workspace.compute_job`)."""
    reporting = get_object_or_404(ReportingYear, label=year)
    if request.method != "POST":
        return redirect("workspace:quality", year=year)
    try:
        run = compute_job.start(reporting, signed_in(request))
    except compute_job.ComputeBusy as exc:
        messages.error(request, f"The figures were not computed: {exc}.")
        return redirect("workspace:quality", year=year)
    if run.running:
        messages.info(request, "Computing the figures. This page shows how far it has got.")
    elif run.succeeded:
        messages.success(
            request,
            f"Computed {run.figures} figures from {run.returns} returns in use. "
            "Each measure now needs another analyst's sign-off.",
        )
    else:
        messages.error(request, "The figures were not computed: " + run.message[:2000])
    return redirect("workspace:quality", year=year)


@requires("see_quality")
def quality_board(request: HttpRequest, year: str) -> HttpResponse:
    """Every measure's figures for the year and whether they are signed off."""
    reporting = get_object_or_404(ReportingYear, label=year)
    checks = quality.checks(reporting)
    run = ComputeRun.objects.filter(year=reporting).first()
    return render(
        request,
        "workspace/quality.html",
        {
            "year": reporting,
            "checks": checks,
            "signed": sum(1 for c in checks if c.signed_off),
            "run": run,
            "running": run is not None and compute_job.still_running(run),
            "may_compute": allowed(request.user, "compute"),
        },
    )


class SignOffForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))


@requires("see_quality")
def measure_quality(request: HttpRequest, year: str, measure: str) -> HttpResponse:
    """One measure's figures, statuses, withheld figures and change; sign off or comment."""
    reporting = get_object_or_404(ReportingYear, label=year)
    if measure not in framework().framework.measures:
        raise Http404("no such measure")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "sign_off":
            if not allowed(request.user, "sign_off"):
                raise PermissionDenied("your role does not allow signing off")
            form = SignOffForm(request.POST)
            if form.is_valid():
                try:
                    quality.sign_off(
                        reporting, measure, signed_in(request), form.cleaned_data["note"]
                    )
                    messages.success(request, f"Signed off {measure} for {year}.")
                except quality.FourEyesError as exc:
                    messages.error(request, str(exc))
        elif action == "comment":
            if not allowed(request.user, "comment"):
                raise PermissionDenied("your role does not allow comments")
            comment = CommentForm(request.POST)
            if comment.is_valid():
                Comment.objects.create(
                    year=reporting,
                    measure=measure,
                    author=signed_in(request),
                    text=comment.cleaned_data["text"],
                )
                messages.success(request, "Comment added.")
        return redirect("workspace:measure_quality", year=year, measure=measure)
    current = quality.check(reporting, measure)
    last_year = figures.measure_figures(measure, _previous(year))
    return render(
        request,
        "workspace/measure_quality.html",
        {
            "year": reporting,
            "check": current,
            "last_year": next(
                (f for f in last_year if f.statistic == "value" and f.breakdown == "all"), None
            ),
            "previous_label": _previous(year),
            "comments": Comment.objects.filter(year=reporting, measure=measure).select_related(
                "author"
            ),
            "may_sign": allowed(request.user, "sign_off"),
            "may_comment": allowed(request.user, "comment"),
            "sign_form": SignOffForm(),
            "comment_form": CommentForm(),
        },
    )


def _previous(year: str) -> str:
    """``2024-25`` -> ``2023-24``."""
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


class ReleaseForm(forms.Form):
    release_date = forms.DateField(
        label="Release date", widget=forms.DateInput(attrs={"type": "date"})
    )
    release_time = forms.TimeField(
        label="Release time", initial=RELEASE_TIME, widget=forms.TimeInput(attrs={"type": "time"})
    )
    pre_release = forms.ModelMultipleChoiceField(
        label="Pre-release access (may see the figures before the release time)",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    revision_note = forms.CharField(
        label="Revision note (only when figures already published have changed)",
        help_text="Why the figures changed: published beside each revised figure, marked [r].",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["pre_release"].queryset = users  # type: ignore[attr-defined]


@requires("release")
def release(request: HttpRequest, year: str) -> HttpResponse:
    """Set the release date and time and the pre-release list; build when all is signed off."""
    reporting = get_object_or_404(ReportingYear, label=year)
    existing = Release.objects.filter(year=reporting).first()
    ready, still_open = quality.ready_to_release(reporting)
    form = ReleaseForm(
        request.POST or None,
        initial={
            "release_date": existing.release_at.date() if existing else None,
            "release_time": timezone.localtime(existing.release_at).time()
            if existing
            else RELEASE_TIME,
            "pre_release": list(existing.pre_release.all()) if existing else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        if not ready:
            messages.error(
                request,
                f"Not released: {len(still_open)} measures are not signed off on their current "
                "figures.",
            )
            return redirect("workspace:release", year=year)
        when = timezone.make_aware(
            dt.datetime.combine(
                form.cleaned_data["release_date"], form.cleaned_data["release_time"]
            )
        )
        note = form.cleaned_data["revision_note"].strip()
        current = figures.stored_figures()
        first = existing.first_release_at if existing is not None else None
        public = first is not None and timezone.now() >= first
        revisions = find_revisions(current, existing.published, note) if existing and public else {}
        if revisions and not note and first is not None:
            messages.error(
                request,
                f"Not released: {len(revisions)} figures differ from those published on "
                f"{timezone.localtime(first):%d %B %Y}. Say why in the revision note; it is "
                "published beside each revised figure.",
            )
            return redirect("workspace:release", year=year)
        ok, message = figures.build_release(
            reporting, request.build_absolute_uri(reverse("workspace:feedback_post")), revisions
        )
        if not ok:
            messages.error(request, "The site was not built: " + message[:2000])
            return redirect("workspace:release", year=year)
        defaults: dict[str, object] = {
            "release_at": when,
            "built_at": timezone.now(),
            "built_by": signed_in(request),
            "revision_note": note if revisions else "",
        }
        if not public:  # nothing has gone out yet: this build is what will be first published
            defaults.update(published=snapshot_of(current), first_release_at=when)
        chosen, _ = Release.objects.update_or_create(year=reporting, defaults=defaults)
        if revisions:
            message += f"; {len(revisions)} figures revised since first published, marked [r]"
        chosen.pre_release.set(form.cleaned_data["pre_release"])
        messages.success(
            request,
            f"Release of {year} set for {timezone.localtime(when):%d %B %Y at %H:%M}: {message}.",
        )
        return redirect("workspace:release", year=year)
    return render(
        request,
        "workspace/release.html",
        {
            "year": reporting,
            "form": form,
            "release": existing,
            "ready": ready,
            "still_open": still_open,
            "views": existing.views.select_related("user")[:200] if existing else [],
            "released": existing is not None and timezone.now() >= existing.release_at,
            "notice": NoticeSent.objects.filter(year=reporting).first(),
        },
    )


def published(request: HttpRequest, year: str, path: str = "") -> HttpResponseBase:
    """A released site's files: public from the release time; before it, only for people on
    the pre-release list (each view logged)."""
    reporting = get_object_or_404(ReportingYear, label=year)
    chosen = Release.objects.filter(year=reporting).first()
    if chosen is None or chosen.built_at is None:
        raise Http404("not released")
    if timezone.now() < chosen.release_at:
        user = request.user
        if not user.is_authenticated or not chosen.pre_release.filter(pk=user.pk).exists():
            raise Http404("not released yet")
        PreReleaseView.objects.create(release=chosen, user=user, path=path or "index.html")
    folder = figures.site_folder(reporting)
    try:
        file = Path(safe_join(str(folder), path or "index.html"))
    except Exception as exc:  # SuspiciousFileOperation: a path outside the site
        raise Http404("no such page") from exc
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        raise Http404("no such page")
    kind, _ = mimetypes.guess_type(file.name)
    return FileResponse(file.open("rb"), content_type=kind or "application/octet-stream")

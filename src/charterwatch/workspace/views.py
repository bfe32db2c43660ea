"""The workspace's pages. Each view is guarded by :func:`charterwatch.workspace.roles.requires`
and, for a data owner, limited to their own team's returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from charterwatch.model.files import SourceFile, SourceKind
from charterwatch.model.issues import Issue
from charterwatch.workspace import evidence, returns
from charterwatch.workspace.forms import EvidenceNoteForm, ReportingYearForm, ReturnUploadForm
from charterwatch.workspace.models import ReportingYear, ReturnVersion, Role, Team
from charterwatch.workspace.roles import allowed, membership, requires, signed_in


def _year(request: HttpRequest) -> ReportingYear | None:
    """The year asked for (``?year=``), else the newest."""
    label = request.GET.get("year")
    if label:
        return get_object_or_404(ReportingYear, label=label)
    return ReportingYear.objects.first()


@dataclass(frozen=True)
class TeamProgress:
    team: str
    items: list[returns.Due]
    received: int
    overdue: int


def _progress(year: ReportingYear, teams: list[str], today: dt.date) -> list[TeamProgress]:
    out = []
    for team in teams:
        items = returns.due(team, year, today)
        out.append(
            TeamProgress(
                team,
                items,
                sum(1 for i in items if i.received),
                sum(1 for i in items if i.overdue),
            )
        )
    return out


@requires("see_returns")
def home(request: HttpRequest) -> HttpResponse:
    """A data owner's returns for the year; others go to the board."""
    member = membership(request.user)
    assert member is not None
    if member.role != Role.DATA_OWNER:
        return redirect("workspace:board")
    year = _year(request)
    today = timezone.localdate()
    team = member.team.name if member.team else ""
    progress = _progress(year, [team], today) if year else []
    written = evidence.narrative_sources(returns.framework(), team)
    return render(
        request,
        "workspace/home.html",
        {"year": year, "progress": progress, "today": today, "team": team, "written": written},
    )


@requires("see_board")
def board(request: HttpRequest) -> HttpResponse:
    """Completeness of every team's returns for a year, overdue ones flagged."""
    year = _year(request)
    today = timezone.localdate()
    returns.sync_teams()
    progress = _progress(year, returns.team_names(), today) if year else []
    return render(
        request,
        "workspace/board.html",
        {
            "year": year,
            "years": ReportingYear.objects.all(),
            "progress": progress,
            "today": today,
            "due_count": sum(len(p.items) for p in progress),
            "received_count": sum(p.received for p in progress),
            "overdue_count": sum(p.overdue for p in progress),
        },
    )


@requires("manage_years")
def years(request: HttpRequest) -> HttpResponse:
    """Reporting years and their due dates; add one."""
    form = ReportingYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Reporting year {form.instance.label} added.")
        return redirect("workspace:years")
    return render(
        request, "workspace/years.html", {"form": form, "years": ReportingYear.objects.all()}
    )


@requires("see_returns")
def return_detail(request: HttpRequest, year: str, source: str) -> HttpResponse:
    """One return: its accepted versions, and an upload that is checked before it is kept."""
    reporting = get_object_or_404(ReportingYear, label=year)
    found = returns.framework().sources.get(source)
    if found is None or found.kind not in (*returns.TABLE_KINDS, SourceKind.NARRATIVE_EVIDENCE):
        raise Http404("no such return")
    team, _ = Team.objects.get_or_create(name=found.owner.strip())
    if not allowed(request.user, "see_returns", team):
        raise PermissionDenied("this return is another team's")
    may_upload = allowed(request.user, "upload_return", team)
    if found.kind is SourceKind.NARRATIVE_EVIDENCE:
        return _evidence(request, reporting, found, team, may_upload)
    form = ReturnUploadForm()
    checked = None
    status = 200
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied("your role does not allow uploading returns")
        form = ReturnUploadForm(request.POST, request.FILES)
        if form.is_valid():
            checked = returns.check_and_accept(
                form.cleaned_data["file"], found, reporting, team, signed_in(request)
            )
            if checked.accepted:
                messages.success(
                    request,
                    f"Accepted: {checked.version.original_name if checked.version else ''} "
                    f"({checked.version.rows if checked.version else 0:,} rows). "
                    "It is now the version in use.",
                )
                return redirect("workspace:return", year=year, source=source)
            status = 422
        else:
            status = 422
    versions = ReturnVersion.objects.filter(year=reporting, source=source).select_related(
        "uploaded_by"
    )
    return render(
        request,
        "workspace/return.html",
        {
            "year": reporting,
            "source": found,
            "team": team,
            "versions": versions,
            "form": form,
            "checked": checked,
            "may_upload": may_upload,
        },
        status=status,
    )


def _evidence(
    request: HttpRequest, year: ReportingYear, source: SourceFile, team: Team, may_write: bool
) -> HttpResponse:
    """A narrative evidence source: the year's notes, and a form to write one."""
    fw = returns.framework()
    root = Path(settings.FRAMEWORK)
    form = EvidenceNoteForm(request.POST or None, measures=evidence.measures_of(fw, source))
    problems: list[Issue] = []
    status = 200
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("your role does not allow writing evidence")
        if form.is_valid():
            data = form.cleaned_data
            note = evidence.Note(
                measure=data["measure"],
                year=year.label,
                kind=data["kind"],
                source=data["source"].strip(),
                title=data["title"].strip(),
                commitments=[c.strip() for c in data["commitments"].split(",") if c.strip()],
                text=data["text"],
            )
            written, problems = evidence.write_note(root, fw, source, note)
            if written is not None:
                messages.success(request, f"Saved: {written.relative_to(root)}.")
                return redirect("workspace:return", year=year.label, source=source.id)
        status = 422
    return render(
        request,
        "workspace/evidence.html",
        {
            "year": year,
            "source": source,
            "team": team,
            "form": form,
            "problems": problems,
            "notes": evidence.notes_for(root, source, year.label),
            "may_write": may_write,
        },
        status=status,
    )

"""The audit log's pages: filter the entries, and export them as CSV."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charterwatch.workspace.audit import as_csv
from charterwatch.workspace.models import AuditEntry
from charterwatch.workspace.roles import requires

PAGE_SIZE = 100


class AuditFilter(forms.Form):
    username = forms.CharField(label="Who (username)", required=False)
    model = forms.CharField(label="What (for example workspace.ReturnVersion)", required=False)
    action = forms.ChoiceField(
        label="Change",
        required=False,
        choices=[
            ("", "Any"),
            ("created", "Created"),
            ("changed", "Changed"),
            ("deleted", "Deleted"),
        ],
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def filtered(form: AuditFilter) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if data["username"]:
        entries = entries.filter(username=data["username"])
    if data["model"]:
        entries = entries.filter(model__icontains=data["model"])
    if data["action"]:
        entries = entries.filter(action=data["action"])
    if data["since"]:
        entries = entries.filter(at__date__gte=data["since"])
    if data["until"]:
        entries = entries.filter(at__date__lte=data["until"])
    return entries


@requires("see_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    entries = filtered(form) if request.GET else AuditEntry.objects.all()
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/audit.html",
        {"form": form, "page": page, "query": query.urlencode(), "count": entries.count()},
    )


@requires("see_audit")
def audit_csv(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    entries = filtered(form) if request.GET else AuditEntry.objects.all()
    response = HttpResponse(as_csv(entries.iterator()), content_type="text/csv; charset=utf-8")
    stamp = dt.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response

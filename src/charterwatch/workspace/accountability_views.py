"""Pages for editing the accountability records, written back to the framework's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from charterwatch.workspace import yaml_edit
from charterwatch.workspace.accountability import (
    KINDS,
    RecordKind,
    file_values,
    initial,
    record_form,
)
from charterwatch.workspace.returns import framework
from charterwatch.workspace.roles import requires


def _root() -> Path:
    from django.conf import settings

    return Path(settings.FRAMEWORK)


def _kind(slug: str) -> RecordKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("no such kind of record")
    return kind


@requires("edit_accountability")
def overview(request: HttpRequest) -> HttpResponse:
    fw = framework()
    today = timezone.localdate()
    groups = [(kind, list(kind.records(fw).values())) for kind in KINDS.values()]
    return render(
        request,
        "workspace/accountability.html",
        {"groups": groups, "today": today},
    )


def _refused(request: HttpRequest, result: yaml_edit.EditResult) -> None:
    messages.error(
        request,
        "Not saved: the change would give the framework these errors. "
        + " | ".join(i.render().replace("\n", " ") for i in result.problems[:5]),
    )


@requires("edit_accountability")
def edit(request: HttpRequest, slug: str, record_id: str) -> HttpResponse:
    kind = _kind(slug)
    record = kind.records(framework()).get(record_id)
    if record is None:
        raise Http404("no such record")
    form_class = record_form(kind, creating=False)
    form = form_class(request.POST or None, initial=initial(kind, record))
    status = 200
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        if not changed:
            messages.success(request, "Nothing changed.")
            return redirect("workspace:accountability")
        result = yaml_edit.update_record(_root(), kind.key, record_id, file_values(kind, changed))
        if result.ok:
            messages.success(request, f"Saved {record_id} to {result.file}.")
            return redirect("workspace:accountability")
        _refused(request, result)
        status = 422
    return render(
        request,
        "workspace/record_form.html",
        {
            "kind": kind,
            "record": record,
            "form": form,
            "update_form": UpdateForm() if kind.slug == "actions" else None,
        },
        status=status,
    )


@requires("edit_accountability")
def create(request: HttpRequest, slug: str) -> HttpResponse:
    kind = _kind(slug)
    form = record_form(kind, creating=True)(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        values = file_values(kind, form.cleaned_data)
        result = yaml_edit.add_record(_root(), kind.key, values, kind.default_file)
        if result.ok:
            messages.success(request, f"Added {values.get('id')} to {result.file}.")
            return redirect("workspace:accountability")
        _refused(request, result)
        status = 422
    return render(
        request, "workspace/record_form.html", {"kind": kind, "form": form}, status=status
    )


class UpdateForm(forms.Form):
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 3}))


@requires("edit_accountability")
def add_update(request: HttpRequest, record_id: str) -> HttpResponse:
    """A dated progress note on an improvement action (POST)."""
    if request.method != "POST":
        return redirect("workspace:record", slug="actions", record_id=record_id)
    form = UpdateForm(request.POST)
    if form.is_valid():
        item: dict[str, Any] = dict(form.cleaned_data)
        result = yaml_edit.add_to_list(_root(), "actions", record_id, "updates", item)
        if result.ok:
            messages.success(request, f"Progress added to {record_id}.")
        else:
            _refused(request, result)
    else:
        messages.error(request, "Give the date and what progress was made.")
    return redirect("workspace:record", slug="actions", record_id=record_id)


@requires("edit_accountability")
def export(request: HttpRequest) -> HttpResponse:
    data = yaml_edit.export_zip(_root(), tuple(k.key for k in KINDS.values()))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="accountability-yaml.zip"'
    return response

"""The workspace's forms."""

from __future__ import annotations

from django import forms

from charterwatch.workspace.models import ReportingYear

ACCEPTED_EXTENSIONS = (".csv", ".xlsx", ".ods", ".parquet")
"""The extract formats a return may be sent in (the readers of ``charterwatch.sources``)."""


class ReturnUploadForm(forms.Form):
    """One extract for one source and year."""

    file = forms.FileField(
        label="Extract file",
        help_text="CSV (UTF-8), XLSX, ODS or Parquet, with the columns the source declares.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ACCEPTED_EXTENSIONS):
            raise forms.ValidationError(
                "This file type cannot be read. Save the extract as "
                + ", ".join(e.lstrip(".").upper() for e in ACCEPTED_EXTENSIONS)
                + " and upload it again."
            )
        return upload


class ReportingYearForm(forms.ModelForm[ReportingYear]):
    """A reporting year and when its returns are due."""

    class Meta:
        model = ReportingYear
        fields = ["label", "returns_due"]
        labels = {"label": "Reporting year (for example 2024-25)", "returns_due": "Returns due by"}
        widgets = {"returns_due": forms.DateInput(attrs={"type": "date"})}

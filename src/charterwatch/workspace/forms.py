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


class EvidenceNoteForm(forms.Form):
    """One piece of narrative evidence: the front matter a note file has, and its text."""

    measure = forms.ChoiceField(label="Measure it is evidence for")
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=[
            ("quote", "A quote"),
            ("example", "An example"),
            ("you_said_we_did", "You said, we did"),
            ("report", "A report"),
        ],
    )
    source = forms.CharField(
        label="Where it came from",
        help_text="For example: Client Panels interview, or the title of a report.",
        max_length=300,
    )
    title = forms.CharField(label="Short title (optional)", required=False, max_length=200)
    commitments = forms.CharField(
        label="Charter commitments it concerns (optional)",
        help_text="Their ids, separated by commas, for example 1.5, 1.11.",
        required=False,
        max_length=300,
    )
    text = forms.CharField(
        label="The evidence",
        help_text="Do not write names or anything else that could identify a person.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
    )

    def __init__(self, *args: object, measures: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["measure"].choices = measures  # type: ignore[attr-defined]

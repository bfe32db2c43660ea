"""Editing the framework's records in forms: improvement actions, "You said, we did",
recommendations, and figures entered with their base and source (``published_figures``).

The forms are made from the framework's own file shapes (:mod:`charterwatch.model.
accountability`), so a field added there appears here, and every save goes through
:mod:`charterwatch.workspace.yaml_edit`: the same checks as the files, then written to them.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from pydantic import BaseModel

from charterwatch.model.accountability import ActionFile, RecommendationFile, YouSaidWeDidFile
from charterwatch.model.files import PublishedFigureFile
from charterwatch.model.framework import Framework


@dataclass(frozen=True)
class RecordKind:
    """One kind of accountability record: its key in the files, shape and words."""

    slug: str
    key: str
    shape: type[BaseModel]
    title: str
    default_file: Path
    long_fields: tuple[str, ...]
    skipped: tuple[str, ...] = ()

    def records(self, fw: Framework) -> dict[str, Any]:
        found: dict[str, Any] = getattr(fw, self.key)
        return found


KINDS: dict[str, RecordKind] = {
    k.slug: k
    for k in (
        RecordKind(
            "actions",
            "actions",
            ActionFile,
            "Improvement actions",
            Path("accountability/actions.yaml"),
            ("change", "effect", "dropped_reason"),
            ("updates",),
        ),
        RecordKind(
            "you-said-we-did",
            "you_said_we_did",
            YouSaidWeDidFile,
            "You said, we did",
            Path("accountability/you-said-we-did.yaml"),
            ("theme", "action_taken"),
        ),
        RecordKind(
            "recommendations",
            "recommendations",
            RecommendationFile,
            "Recommendations and responses",
            Path("accountability/recommendations.yaml"),
            ("text", "response_reason", "report"),
        ),
        RecordKind(
            "published-figures",
            "published_figures",
            PublishedFigureFile,
            "Figures entered with their base and source",
            Path("published/figures.yaml"),
            ("period_note", "note"),
            ("breakdown",),
        ),
    )
}


def _choices(annotation: Any) -> list[tuple[str, str]] | None:
    """The allowed values of an enum or Literal field (None for other fields)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return [(str(a), str(a).replace("_", " ")) for a in args]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [(str(m.value), str(m.value).replace("_", " ")) for m in annotation]
    return None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (it, False)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _field(kind: RecordKind, name: str, info: Any) -> forms.Field:
    annotation, optional = _unwrap(info.annotation)
    required = info.is_required() and not optional
    label = name.replace("_", " ").capitalize()
    help_text = info.description or ""
    choices = _choices(annotation)
    if choices is not None:
        blank = [] if required else [("", "(none)")]
        return forms.ChoiceField(
            label=label, choices=blank + choices, required=required, help_text=help_text
        )
    if annotation is dt.date:
        return forms.DateField(
            label=label,
            required=required,
            help_text=help_text,
            widget=forms.DateInput(attrs={"type": "date"}),
        )
    if annotation is bool:
        return forms.BooleanField(label=label, required=False, help_text=help_text)
    if annotation is int:
        return forms.IntegerField(label=label, required=required, help_text=help_text)
    if annotation is float:
        return forms.FloatField(label=label, required=required, help_text=help_text)
    if typing.get_origin(annotation) is list:
        return forms.CharField(
            label=label,
            required=False,
            help_text=(help_text + " " if help_text else "") + "Separate with commas.",
        )
    widget = forms.Textarea(attrs={"rows": 3}) if name in kind.long_fields else None
    return forms.CharField(label=label, required=required, help_text=help_text, widget=widget)


def record_form(kind: RecordKind, creating: bool) -> type[forms.Form]:
    """A form with one field per field of the record's file shape."""
    fields: dict[str, forms.Field] = {}
    for name, info in kind.shape.model_fields.items():
        if name in kind.skipped or (name == "id" and not creating):
            continue
        fields[name] = _field(kind, name, info)
    return type(f"{kind.shape.__name__}Form", (forms.Form,), fields)


def initial(kind: RecordKind, record: BaseModel) -> dict[str, Any]:
    """A record's values as the form shows them."""
    values: dict[str, Any] = {}
    for name in kind.shape.model_fields:
        value = getattr(record, name, None)
        if isinstance(value, list):
            values[name] = ", ".join(str(v) for v in value)
        elif isinstance(value, enum.Enum):
            values[name] = value.value
        else:
            values[name] = value
    return values


def file_values(kind: RecordKind, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the YAML file writes them (None: leave the field out)."""
    out: dict[str, Any] = {}
    for name, value in cleaned.items():
        info = kind.shape.model_fields[name]
        annotation, _ = _unwrap(info.annotation)
        if typing.get_origin(annotation) is list:
            items = [v.strip() for v in str(value or "").split(",") if v.strip()]
            out[name] = items or None
        elif annotation is bool:
            out[name] = True if value else None
        elif value in ("", None):
            out[name] = None
        else:
            out[name] = value
    return out

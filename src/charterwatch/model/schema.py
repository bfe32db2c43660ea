"""The JSON Schema of framework files, generated from the strict file models.

Editors (VS Code with the YAML extension, JetBrains IDEs) use it to check framework files as
they are typed. It is generated, never hand-written, so it cannot drift from the model; a test
checks that the shipped copy in ``schema/`` is current.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from charterwatch.dates.calendar_config import CalendarConfig
from charterwatch.dates.deadlines import DeadlinesFile
from charterwatch.model.accountability import (
    ActionFile,
    ExplanationFile,
    FlagFile,
    RecommendationFile,
    YouSaidWeDidFile,
)
from charterwatch.model.contact import ContactFile
from charterwatch.model.files import (
    CharterFile,
    FrameworkFile,
    FrameworkSectionDocFile,
    GlossaryTermFile,
    OrganisationsFile,
    ProjectFile,
    PublishedFigureFile,
    SourceFile,
    Strict,
    SurveyQuestionFile,
)
from charterwatch.model.pages import PageFile


class FrameworkDocument(Strict):
    """Any one file of a framework folder: it holds one or more of these top-level keys."""

    project: ProjectFile | None = None
    charter: CharterFile | None = None
    framework: FrameworkFile | None = None
    framework_section: FrameworkSectionDocFile | None = None
    sources: list[SourceFile] | None = None
    survey_questions: list[SurveyQuestionFile] | None = None
    glossary: list[GlossaryTermFile] | None = None
    published_figures: list[PublishedFigureFile] | None = Field(None)
    actions: list[ActionFile] | None = None
    you_said_we_did: list[YouSaidWeDidFile] | None = None
    recommendations: list[RecommendationFile] | None = None
    explanations: list[ExplanationFile] | None = None
    flags: list[FlagFile] | None = None
    calendar: CalendarConfig | None = None
    deadlines: DeadlinesFile | None = None
    challenge: PageFile | None = None
    expect: PageFile | None = None
    contact: ContactFile | None = None
    organisations: OrganisationsFile | None = None


def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for a framework file."""
    schema = FrameworkDocument.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "charterwatch framework file"
    return schema


def framework_schema_text() -> str:
    """The schema as stable, pretty JSON text (the same model gives the same bytes)."""
    return json.dumps(framework_schema(), indent=2, sort_keys=True) + "\n"

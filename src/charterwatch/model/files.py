"""The strict shapes of framework files, exactly as authors write them in YAML.

These "unparsed" models mirror the files one to one and reject unknown keys, so a typo such
as ``polarty:`` is an error with a line number rather than a silently ignored field. The
loader turns them into the resolved objects of :mod:`charterwatch.model.framework`; no other
layer sees these classes. The JSON Schema that editors use is generated from them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.links import WebAddress

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", min_length=1, max_length=64),
]
"""An identifier: letters, digits, '.', '_' and '-', starting with a letter or digit."""


def _a_financial_year(label: str) -> str:
    """The label, when it names a financial year the pipeline can count (``1000-01`` to
    ``9998-99``, the two years consecutive); a ``9999-00`` passed the pattern and crashed
    ``compute``."""
    try:
        FinancialYear.parse(label)
    except ValueError as exc:
        raise ValueError(f"{exc}; write a financial year such as 2023-24") from None
    return label


FinancialYearLabel = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-\d{2}$"), AfterValidator(_a_financial_year)
]
"""A financial year such as ``2023-24`` (1 April 2023 to 31 March 2024)."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code in capitals: GBP, EUR, USD, NOK."""


class Strict(BaseModel):
    """Base for file shapes: unknown keys are errors; numbers written as ids become text."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


# --- charter ------------------------------------------------------------------------------


class CommitmentFile(Strict):
    """One numbered promise of the charter."""

    id: Id = Field(description="Unique within the charter version, e.g. '1.4'.")
    text: Text = Field(description="The commitment in plain words.")
    short: str | None = Field(None, description="A few words for tables and easy read.")


class ResponsibilityFile(Strict):
    """Something the charter asks of the client ("Please help us by ...")."""

    id: Id
    text: Text


class SubsectionFile(Strict):
    """A sub-heading within a charter section, such as "Our colleagues and culture"."""

    id: Id
    title: Text
    commitments: list[CommitmentFile] = Field(min_length=1)


class CharterSectionFile(Strict):
    """One of the charter's sections, with commitments directly or under sub-sections."""

    id: Id
    title: Text
    tagline: str | None = None
    delivered_by: str | None = Field(None, description="Who makes these commitments.")
    commitments: list[CommitmentFile] = Field(default_factory=list)
    subsections: list[SubsectionFile] = Field(default_factory=list)
    responsibilities: list[ResponsibilityFile] = Field(default_factory=list)


class CommitmentMappingFile(Strict):
    """How the commitments of the previous charter version carry into this one."""

    previous: Id = Field(description="The id of the previous charter version.")
    commitments: dict[str, list[str]] = Field(
        description="Each commitment id of the previous version -> the ids it became here "
        "(an empty list means it was dropped)."
    )


class CharterFile(Strict):
    """A version of the charter: ``charter:`` at the top of a file."""

    id: Id = Field(description="The version id, e.g. '2019'.")
    title: Text
    effective_from: dt.date
    source_url: WebAddress | None = None
    note: str | None = None
    completeness: str | None = Field(
        None, description="What is known of this version's text, when it is not complete."
    )
    sections: list[CharterSectionFile] = Field(min_length=1)
    mapping: CommitmentMappingFile | None = None


# --- framework -----------------------------------------------------------------------------


class DataType(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Perspective(StrEnum):
    OBJECTIVE = "objective"
    SUBJECTIVE = "subjective"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEITHER = "neither"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    RATE = "rate"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    SECONDS = "seconds"
    GBP = "gbp"
    PEOPLE = "people"
    EVIDENCE = "evidence"
    HOURS = "hours"
    MINUTES = "minutes"
    PER_1000 = "per_1000"
    MONEY = "money"
    """Money in the measure's ``currency`` (else the project's, else GBP)."""


class ServiceStandardFile(Strict):
    """A promised level of service the measure is judged against, e.g. 10 working days."""

    value: float
    unit: Unit
    direction: Literal["at_most", "at_least"] = "at_most"
    share: float | None = Field(
        None, ge=0, le=1, description="Share of cases that should meet it, if stated (0..1)."
    )
    applies_to: str | None = Field(None, description="e.g. the code of one service or scheme.")
    source: str | None = None


class BreakFile(Strict):
    """A break in series: figures before and after ``year`` are not comparable."""

    year: FinancialYearLabel
    reason: Text


class MeasureFile(Strict):
    """One measure of the framework."""

    id: Id
    title: Text = Field(description="What it measures, in plain English.")
    definition: Text
    data: DataType
    perspective: Perspective
    unit: Unit
    currency: CurrencyCode | None = Field(
        None, description="For unit 'money': its ISO 4217 code (default: the project's)."
    )
    polarity: Polarity
    kind: Id = Field(description="The measure kind that computes it, e.g. 'survey_proportion'.")
    params: dict[str, Any] = Field(default_factory=dict, description="Kind-specific settings.")
    sources: list[Id] = Field(min_length=1)
    owner: Text
    commitments: list[str] = Field(default_factory=list)
    survey_questions: list[Id] = Field(default_factory=list)
    service_standard: ServiceStandardFile | None = None
    status: Literal["active", "retired"] = "active"
    retired_from: FinancialYearLabel | None = None
    first_year: FinancialYearLabel | None = None
    breaks: list[BreakFile] = Field(default_factory=list)
    reconstructed: bool = Field(
        False, description="True when the published wording was not seen and was rebuilt."
    )
    by_organisation: bool = Field(
        False,
        description="Also compute it per organisation of organisations.yaml and per peer "
        "group (its source must name an organisation_column).",
    )
    why: str | None = Field(None, description="Why it matters, in plain English.")
    easy_read: str | None = Field(
        None,
        description="For survey measures: what people said, in easy-read words, to follow "
        "'9 in 10 people said' (e.g. 'staff were kind to them').",
    )
    notes: str | None = None


class OutcomeFile(Strict):
    """An ideal outcome (a "column" of the framework) with its measures."""

    id: Id
    title: Text
    measures: list[MeasureFile] = Field(default_factory=list)


class QuestionFile(Strict):
    """A headline question of a framework section."""

    id: Id
    text: Text
    outcomes: list[OutcomeFile] = Field(min_length=1)


class FrameworkSectionFile(Strict):
    """A framework section; it mirrors one charter section."""

    id: Id
    title: Text
    charter_section: Id
    questions: list[QuestionFile] = Field(min_length=1)


class FrameworkFile(Strict):
    """A version of the measurement framework: ``framework:`` at the top of a file."""

    id: Id
    title: Text
    charter: Id = Field(description="The charter version whose commitments it measures.")
    effective_from: dt.date
    first_year: FinancialYearLabel
    last_year: FinancialYearLabel | None = None
    source_url: WebAddress | None = None
    note: str | None = None
    measures_from: Id | None = Field(
        None,
        description="An earlier framework version whose measures this one keeps, each "
        "linked to this version's charter through the charter's mapping (docs/review.md).",
    )
    sections: list[FrameworkSectionFile] = Field(default_factory=list)


class FrameworkSectionDocFile(FrameworkSectionFile):
    """A framework section kept in its own file: ``framework_section:`` names its framework."""

    framework: Id


# --- sources, questions, glossary ------------------------------------------------------------


class SourceKind(StrEnum):
    SURVEY_RESPONSES = "survey_responses"
    CASE_RECORDS = "case_records"
    MANAGEMENT_INFORMATION = "management_information"
    PUBLISHED_FIGURES = "published_figures"
    NARRATIVE_EVIDENCE = "narrative_evidence"


class FieldFile(Strict):
    """A column of a source table and the rules its values must follow."""

    name: Id
    type: Literal["string", "integer", "number", "boolean", "date", "datetime"]
    required: bool = True
    description: str | None = None
    enum: list[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    pattern: str | None = None


class SourceSchemaFile(Strict):
    """The schema of a source table: a standard shape and/or explicit fields."""

    shape: Id | None = Field(None, description="A standard source shape, see docs/sources.md.")
    fields: list[FieldFile] = Field(default_factory=list)
    primary_key: list[str] = Field(default_factory=list)
    date_order: list[list[str]] = Field(
        default_factory=list,
        description="Pairs [earlier, later] of date columns whose order must hold.",
    )
    open_ended: list[str] = Field(
        default_factory=list,
        description="Date columns (not required) where an open-ended marker such as "
        "9999-12-31 means 'no date yet' and is read as empty.",
    )


class SourceDatesFile(Strict):
    """The plausible dates of a source's values, when the defaults do not fit."""

    earliest: dt.date | None = Field(
        None, description="The earliest date (default: 1 January of the charter's first year)."
    )
    latest: dt.date | None = Field(
        None,
        description="The latest date (default: 31 December of the year after the release "
        "year, from project.release_date or else today).",
    )

    @model_validator(mode="after")
    def _in_order(self) -> SourceDatesFile:
        if self.earliest is not None and self.latest is not None and self.latest < self.earliest:
            raise ValueError(f"latest ({self.latest}) is before earliest ({self.earliest})")
        return self


class SourceFile(Strict):
    """Where data for measures comes from."""

    id: Id
    name: Text
    owner: Text
    kind: SourceKind
    description: str | None = None
    schema_: SourceSchemaFile | None = Field(None, alias="schema")
    path: str | None = Field(None, description="File or folder of extracts, relative to here.")
    url: str | None = None
    dates: SourceDatesFile | None = Field(
        None, description="The plausible dates of its values (see docs/sources.md)."
    )
    organisation_column: Id | None = Field(
        None,
        description="The column holding the id of the organisation each row belongs to "
        "(an id of organisations.yaml); 'organisation' for the organisation_returns shape.",
    )


class OrganisationFile(Strict):
    """One organisation that reports to the framework (a landlord, a council, a board)."""

    id: Id = Field(description="Used in source columns, results, URLs and downloads.")
    name: Text
    type: str | None = Field(None, description="e.g. 'housing association'.")
    peer_group: str | None = Field(
        None, description="The group it is fairly compared with, e.g. 'large urban'."
    )
    area_code: str | None = Field(None, description="e.g. a statistical area code.")
    area: str | None = Field(None, description="The place it serves, in words.")


class OrganisationsFile(Strict):
    """The reporting organisations: ``organisations:`` in ``organisations.yaml``."""

    noun: Text = Field("organisation", description="The singular word used on pages.")
    noun_plural: str | None = Field(None, description="The plural (default: noun + 's').")
    members: list[OrganisationFile] = Field(
        min_length=1, alias="list", description="Every organisation, in the order pages list them."
    )


class SurveyQuestionFile(Strict):
    """A survey question whose answers one or more measures use."""

    id: Id
    source: Id
    text: Text
    answers: list[str] = Field(default_factory=list)
    base: str | None = Field(None, description="Who was asked, e.g. 'clients with staff contact'.")


def _an_abbreviation(text: str) -> str:
    """The abbreviation, when it is one word the pages can write it as: letters and digits
    only, with at least one letter (so no figure such as ``16`` is ever taken for one)."""
    if len(text) < 2 or not text.isalnum() or not any(ch.isalpha() for ch in text):
        raise ValueError(
            "an abbreviation: one word of two or more letters or digits, at least one of "
            "them a letter, with no spaces or punctuation (such as ABC)"
        )
    return text


Abbreviation = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_an_abbreviation)
]
"""An abbreviation as the pages write it (``ADP``), spelled out on its first use."""


def _a_search_word(text: str) -> str:
    """The synonym, when it holds a letter or a digit a reader could type."""
    if not any(ch.isalnum() for ch in text):
        raise ValueError(
            "a word or phrase people type, with at least one letter or digit (such as 'complain')"
        )
    return text


SearchWord = Annotated[Text, AfterValidator(_a_search_word)]
"""A word or phrase people type when they mean a glossary term."""


class GlossaryTermFile(Strict):
    """A term explained in plain words."""

    id: Id
    term: Text
    definition: Text
    easy_read: str | None = None
    see_also: list[Id] = Field(default_factory=list)
    abbreviation: Abbreviation | None = Field(
        None,
        description="The term's abbreviation as the pages write it (e.g. 'ABC'): spelled "
        "out on its first use on every page, listed in the glossary, found by the search.",
    )
    synonyms: list[SearchWord] = Field(
        default_factory=list,
        description="Other words or phrases people type for the term (e.g. 'complain' for "
        "'Complaint'): the site's search finds the term's pages for any of them.",
    )


class ProjectFile(Strict):
    """The framework folder's own settings: ``project:`` in ``charterwatch.yaml``."""

    name: Text
    organisation: Text
    short_name: str | None = None
    default_charter: Id
    default_framework: Id
    language: str = "en"
    currency: CurrencyCode = Field(
        "GBP", description="ISO 4217 code of measures in unit 'money' with no currency."
    )
    contact: str | None = None
    website: WebAddress | None = None
    feedback_url: WebAddress | None = Field(
        None,
        description="The workspace's feedback address (its '/feedback/' page, e.g. "
        "'https://workspace.example.org/feedback/'): every published page then ends with "
        "'Was this page useful?', a plain form that posts there and works without JavaScript.",
    )
    synthetic_data: bool = Field(
        False, description="True when the example's raw records are generated, not real."
    )
    release_date: dt.date | None = Field(
        None,
        description="The date of the release being prepared: actions due before it and not "
        "done are overdue on the site (default: the day the site is built).",
    )
    release_time: str = Field(
        "09:30", description="Release time (the Code of Practice for Statistics: 9.30am)."
    )
    release_month: int | None = Field(
        None,
        ge=1,
        le=12,
        description="The month (1 to 12) the figures are published each year, shown as the "
        "next release on measure pages (default: the month of release_date, else 'not "
        "announced yet').",
    )
    lead_statistician: str | None = Field(
        None, description="The role (not a person's name, unless you wish) responsible."
    )
    pre_release_access: str | None = Field(
        None, description="Who had pre-release access and for how long."
    )
    settings: dict[str, Any] = Field(default_factory=dict)

    @field_validator("release_date")
    @classmethod
    def _a_real_release(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not 1900 <= value.year <= 2200:
            raise ValueError(
                f"a release date between 1900 and 2200 (not {value}, which looks like an "
                "'open-ended' marker); write the date of the release being prepared"
            )
        return value


class PublishedFigureFile(Strict):
    """A figure taken from a publication, entered with its citation."""

    id: Id
    measure: Id | None = None
    title: Text
    year: Text = Field(description="A financial year (2021-22) or the period as published.")
    value: float
    unit: Unit
    base: int | None = None
    breakdown: dict[str, str] = Field(default_factory=dict)
    period_note: str | None = None
    source_title: Text
    source_url: WebAddress
    note: str | None = None

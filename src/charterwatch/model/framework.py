"""The resolved framework: every object keyed by id, placed in its hierarchy and located.

A resolved object is its strict file shape plus what the loader worked out: which charter
version, section, question and outcome it belongs to, and the file and line it came from
(so later checks can point at it). This is the single vocabulary every other layer speaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from charterwatch.dates.deadlines import DeadlineRulebook, load_default_rulebook
from charterwatch.dates.working_days import WorkingDayCalendar, default_calendar
from charterwatch.model.contact import ContactFile
from charterwatch.model.files import (
    CharterFile,
    CommitmentFile,
    FrameworkFile,
    GlossaryTermFile,
    MeasureFile,
    OrganisationFile,
    OutcomeFile,
    ProjectFile,
    PublishedFigureFile,
    QuestionFile,
    SourceFile,
    SurveyQuestionFile,
)
from charterwatch.model.pages import PageFile


class Origin(BaseModel):
    """Where an object was written: the file (relative to the framework folder) and line."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    field_lines: dict[str, int] = {}

    def at(self, field_name: str) -> Origin:
        """The origin of one field of the object, falling back to the object's own line."""
        return Origin(file=self.file, line=self.field_lines.get(field_name, self.line))

    def near(self, dotted_path: str) -> Origin:
        """The origin of a nested value (``params.where.outcome``): the line of the deepest
        part of the path that was written, else the object's own line."""
        parts = dotted_path.split(".")
        while parts:
            line = self.field_lines.get(".".join(parts))
            if line is not None:
                return Origin(file=self.file, line=line)
            parts.pop()
        return Origin(file=self.file, line=self.line)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


class Commitment(CommitmentFile):
    """A commitment of one charter version, with its section and its place in the charter."""

    charter: str
    section: str
    subsection: str | None = None
    position: int
    origin: Origin


class Measure(MeasureFile):
    """A measure of one framework version, placed under its section, question and outcome."""

    framework: str
    section: str
    question: str
    outcome: str
    position: int
    origin: Origin


class Source(SourceFile):
    origin: Origin


class Organisation(OrganisationFile):
    """An organisation of ``organisations.yaml`` with where it was written."""

    origin: Origin


@dataclass
class Organisations:
    """The organisations of a framework by id, in the order written, and the words for them.

    Empty (and false) when the folder has no ``organisations.yaml``.
    """

    members: dict[str, Organisation] = field(default_factory=dict)
    noun: str = "organisation"
    noun_plural: str = "organisations"
    origin: Origin | None = None

    def __bool__(self) -> bool:
        return bool(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self) -> Iterator[Organisation]:
        return iter(self.members.values())

    def __contains__(self, ident: object) -> bool:
        return ident in self.members

    def get(self, ident: str) -> Organisation | None:
        return self.members.get(ident)

    def peer_groups(self) -> dict[str, str]:
        """Each organisation id with a peer group -> its peer group."""
        return {o.id: o.peer_group for o in self if o.peer_group}

    def in_peer_group(self, group: str) -> list[Organisation]:
        return [o for o in self if o.peer_group == group]


class SurveyQuestion(SurveyQuestionFile):
    origin: Origin


class GlossaryTerm(GlossaryTermFile):
    origin: Origin


class PublishedFigure(PublishedFigureFile):
    origin: Origin


@dataclass(frozen=True)
class CharterVersion:
    """A charter version with its commitments in charter order."""

    spec: CharterFile
    commitments: dict[str, Commitment]
    origin: Origin

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def name(self) -> str:
        """How pages, downloads and messages name the version: ``Our Charter (2024)``."""
        return f"{self.spec.title} ({self.id})"

    def in_section(self, section_id: str) -> list[Commitment]:
        return [c for c in self.commitments.values() if c.section == section_id]


@dataclass(frozen=True)
class FrameworkVersion:
    """A framework version: sections, questions and outcomes, and its measures by id.

    ``section_origins`` says where each section was written (its first definition).
    """

    spec: FrameworkFile
    measures: dict[str, Measure]
    origin: Origin
    section_origins: dict[str, Origin] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    def outcomes(self) -> Iterator[tuple[str, QuestionFile, OutcomeFile]]:
        """Every outcome with its section id and question, in framework order."""
        for section in self.spec.sections:
            for question in section.questions:
                for outcome in question.outcomes:
                    yield section.id, question, outcome

    def in_section(self, section_id: str) -> list[Measure]:
        return [m for m in self.measures.values() if m.section == section_id]


@dataclass
class Framework:
    """Everything in one framework folder, resolved: the object the rest of charterwatch uses.

    ``actions``, ``you_said_we_did`` and ``recommendations`` hold the objects of
    :mod:`charterwatch.model.accountability` by id (typed ``Any`` here only to keep that
    module, which builds on this one, out of an import cycle).
    """

    root: Path
    project: ProjectFile
    charters: dict[str, CharterVersion] = field(default_factory=dict)
    frameworks: dict[str, FrameworkVersion] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    survey_questions: dict[str, SurveyQuestion] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    published_figures: dict[str, PublishedFigure] = field(default_factory=dict)
    actions: dict[str, Any] = field(default_factory=dict)
    you_said_we_did: dict[str, Any] = field(default_factory=dict)
    recommendations: dict[str, Any] = field(default_factory=dict)
    explanations: list[Any] = field(default_factory=list)
    flags: list[Any] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)
    calendar: WorkingDayCalendar = field(default_factory=default_calendar)
    """The working-day calendar of ``calendar.yaml`` (default: Monday to Friday, 2015 to
    2035, no public holidays)."""
    rulebook: DeadlineRulebook = field(default_factory=load_default_rulebook)
    """The deadline rules of ``deadlines.yaml`` (default: none)."""
    pages: dict[str, PageFile] = field(default_factory=dict)
    """The charter's own pages by key (``challenge``, ``expect``): ``pages/*.yaml``."""
    page_files: dict[str, str] = field(default_factory=dict)
    """The file each page was read from, for messages."""
    contact: ContactFile | None = None
    """The ways to reach the organisation and independent advice: ``contact.yaml``."""
    contact_file: str = ""
    """The file ``contact:`` was read from, for messages."""
    organisations: Organisations = field(default_factory=lambda: Organisations())
    """The reporting organisations of ``organisations.yaml`` (default: none)."""

    @property
    def charter(self) -> CharterVersion:
        """The charter version the project reports against by default."""
        return self.charters[self.project.default_charter]

    @property
    def framework(self) -> FrameworkVersion:
        """The framework version the project reports with by default."""
        return self.frameworks[self.project.default_framework]

    def own_versions(self) -> list[FrameworkVersion]:
        """The framework versions that write their measures out (a version with
        ``measures_from:`` shares an earlier one's), so checks of measures run once each."""
        return [v for v in self.frameworks.values() if v.spec.measures_from is None]

    def measures_for(self, commitment_id: str, framework_id: str | None = None) -> list[Measure]:
        """The measures that evidence a commitment, in framework order."""
        version = self.frameworks[framework_id or self.project.default_framework]
        return [m for m in version.measures.values() if commitment_id in m.commitments]


__all__ = [
    "CharterVersion",
    "Commitment",
    "Framework",
    "FrameworkVersion",
    "GlossaryTerm",
    "Measure",
    "Organisation",
    "Organisations",
    "Origin",
    "PublishedFigure",
    "Source",
    "SurveyQuestion",
]

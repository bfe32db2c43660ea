"""Loading a framework folder: find the files, read each top-level key, resolve, check.

The steps, in order (as in dbt's manifest build):

1. *discover* every ``*.yaml`` file under the folder (raw data folders are skipped);
2. *read*: each top-level key (``charter:``, ``framework:``, ``measures`` inside framework
   sections, ``sources:`` ...) has its own reader, registered in :data:`READERS`, which parses
   it into strict file shapes and records where each object was written;
3. *resolve*: objects are keyed by id into one :class:`~charterwatch.model.framework.Framework`,
   with duplicate ids reported with both places, and ``project.settings`` checked against
   the declared settings and typed (:mod:`charterwatch.model.project_settings`), and the
   working-day calendar and deadline rules built (:mod:`charterwatch.model.calendar_files`);
4. *check*: the registered rules of :mod:`charterwatch.model.checks` cross-check references.

Nothing raises for bad input: every problem becomes an :class:`Issue`, and the caller decides.
"""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from charterwatch.dates.calendar_config import CalendarConfig
from charterwatch.dates.deadlines import DeadlinesFile
from charterwatch.model.accountability import (
    Action,
    ActionFile,
    Explanation,
    ExplanationFile,
    Flag,
    FlagFile,
    Recommendation,
    RecommendationFile,
    YouSaidWeDid,
    YouSaidWeDidFile,
)
from charterwatch.model.calendar_files import (
    DeclaredCalendar,
    DeclaredDeadlines,
    build_calendar,
    build_rulebook,
)
from charterwatch.model.contact import CONTACT_KEY, ContactFile, check_contact
from charterwatch.model.derived_versions import derive_versions
from charterwatch.model.errors import issues_from_validation
from charterwatch.model.files import (
    CharterFile,
    CommitmentFile,
    FrameworkFile,
    FrameworkSectionDocFile,
    GlossaryTermFile,
    OrganisationsFile,
    ProjectFile,
    PublishedFigureFile,
    SourceFile,
    SurveyQuestionFile,
)
from charterwatch.model.framework import (
    CharterVersion,
    Commitment,
    Framework,
    FrameworkVersion,
    GlossaryTerm,
    Measure,
    Organisation,
    Organisations,
    Origin,
    PublishedFigure,
    Source,
    SurveyQuestion,
)
from charterwatch.model.framework_paths import path_problem
from charterwatch.model.issues import Issue, IssueList, Level, relative_name
from charterwatch.model.organisations import with_organisation_ids
from charterwatch.model.pages import PAGE_KEYS, PageFile, check_page
from charterwatch.model.project_settings import read_settings
from charterwatch.model.yamlfile import PathKey, YamlDocument, read_yaml

PROJECT_FILE = "charterwatch.yaml"
SKIPPED_FOLDERS = frozenset(
    {"data", "raw", "site", "node_modules", "evidence", "locales", "consultation", "__pycache__"}
)
"""Folders whose files are not framework YAML: extracts, built sites, narrative evidence,
interface text, and the charter review's consultation (``charterwatch consultation``)."""

M = TypeVar("M", bound=BaseModel)


@dataclass
class Collected:
    """What the readers found, before ids are resolved."""

    root: Path
    issues: IssueList = field(default_factory=IssueList)
    project: tuple[ProjectFile, Origin] | None = None
    project_doc: YamlDocument | None = None
    charters: list[tuple[CharterFile, Origin, YamlDocument]] = field(default_factory=list)
    frameworks: list[tuple[FrameworkFile, Origin, YamlDocument, PathKey]] = field(
        default_factory=list
    )
    framework_sections: list[tuple[FrameworkSectionDocFile, Origin, YamlDocument]] = field(
        default_factory=list
    )
    sources: list[Source] = field(default_factory=list)
    survey_questions: list[SurveyQuestion] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    published_figures: list[PublishedFigure] = field(default_factory=list)
    accountability: dict[str, list[Any]] = field(default_factory=dict)
    extras: dict[str, list[Any]] = field(default_factory=dict)
    calendars: list[DeclaredCalendar] = field(default_factory=list)
    deadlines: list[DeclaredDeadlines] = field(default_factory=list)
    pages: list[tuple[str, PageFile, YamlDocument]] = field(default_factory=list)
    contacts: list[tuple[ContactFile, YamlDocument]] = field(default_factory=list)
    organisations: list[tuple[OrganisationsFile, Origin, YamlDocument]] = field(
        default_factory=list
    )
    files: list[str] = field(default_factory=list)


Reader = Callable[[YamlDocument, Any, Collected], None]
READERS: dict[str, Reader] = {}


def reader(key: str) -> Callable[[Reader], Reader]:
    """Register the reader of a top-level key; later layers add keys the same way."""

    def register(func: Reader) -> Reader:
        READERS[key] = func
        return func

    return register


def parse(model: type[M], value: Any, doc: YamlDocument, path: PathKey, col: Collected) -> M | None:
    """Validate ``value`` as ``model``; on failure record located issues and return None."""
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        col.issues.extend(issues_from_validation(exc, model, doc, path, value))
        return None


def origin(doc: YamlDocument, path: PathKey) -> Origin:
    """Where the object at ``path`` was written, with the line of each of its fields."""
    return Origin(file=doc.file, line=doc.line_of(path), field_lines=doc.field_lines(path, depth=5))


def parse_list(
    model: type[M], value: Any, doc: YamlDocument, key: str, col: Collected
) -> list[tuple[M, Origin]]:
    """Parse a top-level list item by item, so one bad item does not hide the others."""
    if not isinstance(value, list):
        col.issues.add(
            Issue(
                code="CW-F005",
                level=Level.ERROR,
                file=doc.file,
                line=doc.line_of((key,)),
                location=key,
                message=f"'{key}' must be a list",
                expected="a list of entries, each starting with '- '",
                found=type(value).__name__,
                fix=f"write each entry of '{key}' on its own line starting with '- '",
            )
        )
        return []
    out = []
    for i, item in enumerate(value):
        parsed = parse(model, item, doc, (key, i), col)
        if parsed is not None:
            out.append((parsed, origin(doc, (key, i))))
    return out


@reader("project")
def _read_project(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(ProjectFile, value, doc, ("project",), col)
    if spec is not None:
        col.project = (spec, origin(doc, ("project",)))
        col.project_doc = doc


@reader("charter")
def _read_charter(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(CharterFile, value, doc, ("charter",), col)
    if spec is not None:
        col.charters.append((spec, origin(doc, ("charter",)), doc))


@reader("framework")
def _read_framework(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(FrameworkFile, value, doc, ("framework",), col)
    if spec is not None:
        col.frameworks.append((spec, origin(doc, ("framework",)), doc, ("framework",)))


@reader("framework_section")
def _read_framework_section(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(FrameworkSectionDocFile, value, doc, ("framework_section",), col)
    if spec is not None:
        col.framework_sections.append((spec, origin(doc, ("framework_section",)), doc))


@reader("sources")
def _read_sources(doc: YamlDocument, value: Any, col: Collected) -> None:
    for spec, where in parse_list(SourceFile, value, doc, "sources", col):
        col.sources.append(Source.model_construct(**_fields(spec), origin=where))


@reader("survey_questions")
def _read_questions(doc: YamlDocument, value: Any, col: Collected) -> None:
    for spec, where in parse_list(SurveyQuestionFile, value, doc, "survey_questions", col):
        col.survey_questions.append(SurveyQuestion.model_construct(**_fields(spec), origin=where))


@reader("glossary")
def _read_glossary(doc: YamlDocument, value: Any, col: Collected) -> None:
    for spec, where in parse_list(GlossaryTermFile, value, doc, "glossary", col):
        col.glossary.append(GlossaryTerm.model_construct(**_fields(spec), origin=where))


@reader("published_figures")
def _read_figures(doc: YamlDocument, value: Any, col: Collected) -> None:
    for spec, where in parse_list(PublishedFigureFile, value, doc, "published_figures", col):
        col.published_figures.append(PublishedFigure.model_construct(**_fields(spec), origin=where))


@reader("calendar")
def _read_calendar(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(CalendarConfig, value, doc, ("calendar",), col)
    if spec is not None:
        col.calendars.append(DeclaredCalendar(spec, doc))


@reader("deadlines")
def _read_deadlines(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(DeadlinesFile, value, doc, ("deadlines",), col)
    if spec is not None:
        col.deadlines.append(DeclaredDeadlines(spec, doc))


def _page_reader(key: str) -> Reader:
    def read(doc: YamlDocument, value: Any, col: Collected) -> None:
        spec = parse(PageFile, value, doc, (key,), col)
        if spec is not None:
            col.pages.append((key, spec, doc))

    return read


for _page in PAGE_KEYS:
    READERS[_page] = _page_reader(_page)


@reader(CONTACT_KEY)
def _read_contact(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(ContactFile, value, doc, (CONTACT_KEY,), col)
    if spec is not None:
        col.contacts.append((spec, doc))


@reader("organisations")
def _read_organisations(doc: YamlDocument, value: Any, col: Collected) -> None:
    spec = parse(OrganisationsFile, value, doc, ("organisations",), col)
    if spec is not None:
        col.organisations.append((spec, origin(doc, ("organisations",)), doc))


ACCOUNTABILITY: dict[str, tuple[type[BaseModel], type[BaseModel]]] = {
    "actions": (ActionFile, Action),
    "you_said_we_did": (YouSaidWeDidFile, YouSaidWeDid),
    "recommendations": (RecommendationFile, Recommendation),
    "explanations": (ExplanationFile, Explanation),
    "flags": (FlagFile, Flag),
}


def _accountability_reader(key: str) -> Reader:
    shape, resolved = ACCOUNTABILITY[key]

    def read(doc: YamlDocument, value: Any, col: Collected) -> None:
        for spec, where in parse_list(shape, value, doc, key, col):
            item = resolved.model_construct(**_fields(spec), origin=where)
            col.accountability.setdefault(key, []).append(item)

    return read


for _key in ACCOUNTABILITY:
    READERS[_key] = _accountability_reader(_key)


@reader("synthetic")
def _read_synthetic(doc: YamlDocument, value: Any, col: Collected) -> None:
    """Accept an example's synthetic-data recipe unchecked; importing
    :mod:`charterwatch.synthetic.recipe` replaces this with the validating reader (``validate``
    and ``example-data`` do), so the model layer need not depend on the generator."""
    col.extras.setdefault("synthetic", []).append((value, origin(doc, ("synthetic",))))


def _fields(spec: BaseModel) -> dict[str, Any]:
    """A parsed model's fields by name, to build its resolved subclass without re-validating."""
    return {name: getattr(spec, name) for name in type(spec).model_fields}


def discover(root: Path) -> tuple[list[Path], list[Issue]]:
    """Every YAML file of the framework folder, in a stable order, raw-data folders skipped,
    and the problems of those that may not be read: a link to a file outside the folder
    (``CW-H002``), or a named pipe or device (``CW-H003``). Linked folders are not walked."""
    found: list[Path] = []
    issues: list[Issue] = []
    for here, folders, files in os.walk(root, followlinks=False):
        folders[:] = [f for f in folders if not f.startswith(".") and f not in SKIPPED_FOLDERS]
        for name in files:
            path = Path(here) / name
            if path.suffix not in {".yaml", ".yml"}:
                continue
            shown = relative_name(path, root)
            problem = path_problem(root, path, shown)
            if problem is not None:
                issues.append(
                    Issue(
                        code=problem.code,
                        level=Level.ERROR,
                        file=shown,
                        message=problem.message,
                        fix=problem.fix,
                    )
                )
            elif path.is_file():
                found.append(path)
    return sorted(found), issues


def collect(root: Path, max_file_bytes: int | None = None) -> Collected:
    """Steps 1 and 2: discover the files and run the reader of each top-level key.

    ``max_file_bytes`` is the size limit of one file (default: ``CHARTERWATCH_MAX_YAML_MB``,
    else 20 MB; see :mod:`charterwatch.model.yaml_limits`)."""
    col = Collected(root=root)
    if not root.is_dir():
        col.issues.add(
            Issue(
                code="CW-F009",
                level=Level.ERROR,
                file=str(root),
                message="the framework folder does not exist",
                fix="give the path of a folder holding charterwatch.yaml, e.g. examples/scotland",
            )
        )
        return col
    if not (root / PROJECT_FILE).is_file():
        col.issues.add(
            Issue(
                code="CW-F009",
                level=Level.ERROR,
                file=PROJECT_FILE,
                message=f"the folder has no {PROJECT_FILE}, so it is not a framework folder",
                expected=f"{PROJECT_FILE} with a 'project:' section",
                fix="point at a folder holding charterwatch.yaml, or start one with "
                "'charterwatch init FOLDER'",
            )
        )
        return col
    paths, problems = discover(root)
    col.issues.extend(problems)
    for path in paths:
        shown = relative_name(path, root)
        col.files.append(shown)
        doc, issues = read_yaml(path, shown, max_file_bytes)
        col.issues.extend(issues)
        if doc is None:
            continue
        if doc.data is None:
            col.issues.add(
                Issue(
                    code="CW-F008",
                    level=Level.ERROR,
                    file=shown,
                    message="the file is empty",
                    fix="add content (see docs/framework-format.md) or delete the file",
                )
            )
            continue
        if not isinstance(doc.data, dict):
            col.issues.add(
                Issue(
                    code="CW-F004",
                    level=Level.ERROR,
                    file=shown,
                    line=1,
                    message="the file must be a mapping of top-level keys",
                    expected="keys such as " + ", ".join(sorted(READERS)),
                    found=type(doc.data).__name__,
                    fix="start the file with a key, e.g. 'charter:'",
                )
            )
            continue
        for key, value in doc.data.items():
            read = READERS.get(key)
            if read is None:
                guess = difflib.get_close_matches(str(key), list(READERS), n=1)
                col.issues.add(
                    Issue(
                        code="CW-F004",
                        level=Level.ERROR,
                        file=shown,
                        line=doc.line_of((key,)),
                        location=str(key),
                        message=f"unknown top-level key '{key}'",
                        expected="one of: " + ", ".join(sorted(READERS)),
                        fix=(f"did you mean '{guess[0]}'?" if guess else "remove or rename it"),
                    )
                )
                continue
            read(doc, value, col)
    return col


def _duplicate(kind: str, ident: str, first: Origin, second: Origin) -> Issue:
    return Issue(
        code="CW-M001",
        level=Level.ERROR,
        file=second.file,
        line=second.line,
        location="id",
        message=f"duplicate {kind} id '{ident}' (first defined at {first})",
        expected=f"each {kind} id used once",
        fix=f"rename one of the two {kind}s; ids are used in results, URLs and downloads",
    )


def _keyed(kind: str, items: list[Any], issues: IssueList) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        if item.id in out:
            issues.add(_duplicate(kind, item.id, out[item.id].origin, item.origin))
        else:
            out[item.id] = item
    return out


def resolve(col: Collected) -> Framework | None:
    """Step 3: key everything by id and place measures and commitments in their hierarchy."""
    if col.project is None:
        if not col.issues.errors:
            col.issues.add(
                Issue(
                    code="CW-F009",
                    level=Level.ERROR,
                    file=PROJECT_FILE,
                    message="no 'project:' section was found",
                    fix=f"add a 'project:' section to {PROJECT_FILE}",
                )
            )
        return None
    project = col.project[0]
    settings, problems = read_settings(project.settings, col.project_doc)
    col.issues.extend(problems)
    if not problems:
        project = project.model_copy(update={"settings": settings})
    fw = Framework(root=col.root, project=project, files=col.files)
    for spec, where, doc in col.charters:
        if spec.id in fw.charters:
            col.issues.add(
                _duplicate("charter version", spec.id, fw.charters[spec.id].origin, where)
            )
            continue
        fw.charters[spec.id] = CharterVersion(spec, _commitments(spec, doc, col.issues), where)
    extra_sections: dict[str, list[tuple[FrameworkSectionDocFile, Origin, YamlDocument]]] = {}
    for section, where, doc in col.framework_sections:
        extra_sections.setdefault(section.framework, []).append((section, where, doc))
    for fspec, where, doc, prefix in col.frameworks:
        if fspec.id in fw.frameworks:
            col.issues.add(
                _duplicate("framework version", fspec.id, fw.frameworks[fspec.id].origin, where)
            )
            continue
        fw.frameworks[fspec.id] = _framework(fspec, where, doc, prefix, extra_sections, col.issues)
    for name, sections in extra_sections.items():
        if name not in fw.frameworks:
            for _, where, _doc in sections:
                col.issues.add(
                    Issue(
                        code="CW-M012",
                        level=Level.ERROR,
                        file=where.file,
                        line=where.line,
                        location="framework_section.framework",
                        message=f"this section belongs to framework '{name}', which is not defined",
                        expected="one of: " + (", ".join(sorted(fw.frameworks)) or "(none)"),
                        fix="correct 'framework:' or add the framework file",
                    )
                )
    derive_versions(fw, col.issues)
    fw.organisations = _organisations(col)
    fw.sources = {
        ident: with_organisation_ids(source, fw.organisations)
        for ident, source in _keyed("source", col.sources, col.issues).items()
    }
    fw.survey_questions = _keyed("survey question", col.survey_questions, col.issues)
    fw.glossary = _keyed("glossary term", col.glossary, col.issues)
    fw.published_figures = _keyed("published figure", col.published_figures, col.issues)
    found = col.accountability
    fw.actions = _keyed("action", found.get("actions", []), col.issues)
    fw.you_said_we_did = _keyed(
        "you said, we did entry", found.get("you_said_we_did", []), col.issues
    )
    fw.recommendations = _keyed("recommendation", found.get("recommendations", []), col.issues)
    fw.explanations = list(found.get("explanations", []))
    fw.flags = list(found.get("flags", []))
    fw.extras = dict(col.extras)
    calendar, problems = build_calendar(col.calendars)
    col.issues.extend(problems)
    rulebook, problems = build_rulebook(col.deadlines)
    col.issues.extend(problems)
    if calendar is not None:
        fw.calendar = calendar
    if rulebook is not None:
        fw.rulebook = rulebook
    for key, page, doc in col.pages:
        if key in fw.pages:
            col.issues.add(
                Issue(
                    code="CW-T004",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of_key((key,)),
                    location=key,
                    message=f"a second '{key}:' page (the first is in {fw.page_files[key]})",
                    expected=f"one '{key}:' in the framework folder",
                    fix=f"merge the two into pages/{key}.yaml",
                )
            )
            continue
        fw.pages[key] = page
        fw.page_files[key] = doc.file
        col.issues.extend(check_page(key, page, doc, fw.rulebook))
    _contact(fw, col)
    return fw


def _contact(fw: Framework, col: Collected) -> None:
    """The folder's one ``contact:`` (a second is ``CW-T006``), its routes checked."""
    for spec, doc in col.contacts:
        if fw.contact is not None:
            col.issues.add(
                Issue(
                    code="CW-T006",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of_key((CONTACT_KEY,)),
                    location=CONTACT_KEY,
                    message=f"a second '{CONTACT_KEY}:' (the first is in {fw.contact_file})",
                    expected=f"one '{CONTACT_KEY}:' in the framework folder",
                    fix="merge the two into contact.yaml",
                )
            )
            continue
        fw.contact, fw.contact_file = spec, doc.file
        col.issues.extend(check_contact(spec, doc))


def _organisations(col: Collected) -> Organisations:
    """The organisations of the (single) ``organisations:`` key, ids unique."""
    if not col.organisations:
        return Organisations()
    spec, where, doc = col.organisations[0]
    for _, again, _doc in col.organisations[1:]:
        col.issues.add(
            Issue(
                code="CW-G001",
                level=Level.ERROR,
                file=again.file,
                line=again.line,
                location="organisations",
                message=f"the organisations are listed twice (first at {where})",
                expected="one 'organisations:' list in the framework folder",
                fix="merge the two lists into organisations.yaml",
            )
        )
    members = [
        Organisation.model_construct(**_fields(o), origin=origin(doc, ("organisations", "list", i)))
        for i, o in enumerate(spec.members)
    ]
    return Organisations(
        members=_keyed("organisation", members, col.issues),
        noun=spec.noun,
        noun_plural=spec.noun_plural or f"{spec.noun}s",
        origin=where,
    )


def _commitments(spec: CharterFile, doc: YamlDocument, issues: IssueList) -> dict[str, Commitment]:
    out: dict[str, Commitment] = {}
    position = 0
    for si, section in enumerate(spec.sections):
        groups: list[tuple[str | None, list[CommitmentFile], PathKey]] = [
            (None, section.commitments, ("sections", si, "commitments"))
        ]
        groups += [
            (sub.id, sub.commitments, ("sections", si, "subsections", ji, "commitments"))
            for ji, sub in enumerate(section.subsections)
        ]
        for sub_id, items, path in groups:
            for ci, c in enumerate(items):
                position += 1
                item = Commitment.model_construct(
                    **_fields(c),
                    charter=spec.id,
                    section=section.id,
                    subsection=sub_id,
                    position=position,
                    origin=origin(doc, ("charter", *path, ci)),
                )
                if c.id in out:
                    issues.add(_duplicate("commitment", c.id, out[c.id].origin, item.origin))
                else:
                    out[c.id] = item
    return out


def _framework(
    spec: FrameworkFile,
    where: Origin,
    doc: YamlDocument,
    prefix: PathKey,
    extra_sections: dict[str, list[tuple[FrameworkSectionDocFile, Origin, YamlDocument]]],
    issues: IssueList,
) -> FrameworkVersion:
    placed: list[tuple[Any, YamlDocument, PathKey]] = [
        (s, doc, (*prefix, "sections", i)) for i, s in enumerate(spec.sections)
    ]
    placed += [(s, d, ("framework_section",)) for s, _, d in extra_sections.get(spec.id, [])]
    sections = [s for s, _, _ in placed]
    merged = spec.model_copy(update={"sections": sections})
    measures: dict[str, Measure] = {}
    seen: dict[str, Origin] = {}
    position = 0
    for section, sdoc, spath in placed:
        for qi, question in enumerate(section.questions):
            qpath = (*spath, "questions", qi)
            for oi, outcome in enumerate(question.outcomes):
                opath = (*qpath, "outcomes", oi)
                for kind, ident, path in (
                    ("question", question.id, qpath),
                    ("outcome", outcome.id, opath),
                ):
                    here = origin(sdoc, path)
                    if kind == "outcome" or oi == 0:
                        key = f"{kind}:{ident}"
                        if key in seen:
                            issues.add(_duplicate(kind, ident, seen[key], here))
                        seen[key] = here
                for mi, m in enumerate(outcome.measures):
                    position += 1
                    item = Measure.model_construct(
                        **_fields(m),
                        framework=spec.id,
                        section=section.id,
                        question=question.id,
                        outcome=outcome.id,
                        position=position,
                        origin=origin(sdoc, (*opath, "measures", mi)),
                    )
                    if m.id in measures:
                        issues.add(_duplicate("measure", m.id, measures[m.id].origin, item.origin))
                    else:
                        measures[m.id] = item
        key = f"section:{section.id}"
        here = origin(sdoc, spath)
        if key in seen:
            issues.add(_duplicate("framework section", section.id, seen[key], here))
        seen[key] = here
    sections_at = {s.id: origin(d, path) for s, d, path in reversed(placed)}
    return FrameworkVersion(merged, measures, where, sections_at)


@dataclass
class LoadResult:
    """A loaded framework (None when it could not be built) and every issue found."""

    framework: Framework | None
    issues: IssueList


def load_framework(root: Path | str, max_file_bytes: int | None = None) -> LoadResult:
    """Load, resolve and check a framework folder; never raises for bad input.

    ``max_file_bytes`` is the size limit of one YAML file (see :func:`collect`)."""
    from charterwatch.builtins import load_builtins
    from charterwatch.model.checks import run_checks

    load_builtins()

    with _collection_paused():
        col = collect(Path(root), max_file_bytes)
        fw = resolve(col) if not col.issues.errors else None
        if fw is not None and not col.issues.errors:
            col.issues.extend(run_checks(fw))
    return LoadResult(fw, col.issues)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a framework loads.

    Loading makes hundreds of thousands of small objects that all stay alive; each full
    collection walks all of them again, which made reading a 5 MB framework four times
    slower. Nothing is freed by collecting here, and it is switched back on after.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()

"""Cross-checks of a resolved framework: each rule is a function that yields issues.

Rules are registered with :func:`rule` and run in registration order by :func:`run_checks`.
Other layers register their own rules the same way (the measure layer checks that each
measure's kind exists and its params are valid), so ``charterwatch validate`` runs them all.
Every code is documented in ``docs/error-codes.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from charterwatch.model.framework import Commitment, Framework, FrameworkVersion
from charterwatch.model.issues import Issue, Level
from charterwatch.model.organisations import organisation_column

Check = Callable[[Framework], Iterable[Issue]]
CHECKS: list[Check] = []


def rule(func: Check) -> Check:
    """Register a check; it receives the resolved framework and yields issues."""
    if func not in CHECKS:
        CHECKS.append(func)
    return func


def run_checks(fw: Framework) -> list[Issue]:
    """Run every registered rule and return all issues, errors and warnings alike."""
    out: list[Issue] = []
    for check in CHECKS:
        out.extend(check(fw))
    return out


def _one_of(ids: Iterable[str]) -> str:
    listed = sorted(ids)
    shown = ", ".join(listed[:12]) + (" ..." if len(listed) > 12 else "")
    return "one of: " + (shown or "(none defined)")


@rule
def project_defaults_exist(fw: Framework) -> Iterator[Issue]:
    """CW-M011: the project's default charter and framework versions must exist."""
    for field_name, value, known in (
        ("default_charter", fw.project.default_charter, fw.charters),
        ("default_framework", fw.project.default_framework, fw.frameworks),
    ):
        if value not in known:
            yield Issue(
                code="CW-M011",
                level=Level.ERROR,
                file="charterwatch.yaml",
                location=f"project.{field_name}",
                message=f"'{value}' is not a defined version",
                expected=_one_of(known),
                fix=f"set {field_name} to a version defined in the folder",
            )


@rule
def framework_charter_exists(fw: Framework) -> Iterator[Issue]:
    """CW-M006 and CW-M007: a framework names a real charter, sections real charter sections."""
    for version in fw.frameworks.values():
        charter = fw.charters.get(version.spec.charter)
        if charter is None:
            yield Issue(
                code="CW-M006",
                level=Level.ERROR,
                file=version.origin.file,
                line=version.origin.line,
                location="framework.charter",
                message=f"framework '{version.id}' measures charter '{version.spec.charter}', "
                "which is not defined",
                expected=_one_of(fw.charters),
                fix="correct 'charter:' or add that charter version",
            )
            continue
        section_ids = {s.id for s in charter.spec.sections}
        for section in version.spec.sections:
            if section.charter_section not in section_ids:
                yield Issue(
                    code="CW-M007",
                    level=Level.ERROR,
                    file=version.origin.file,
                    line=version.origin.at("charter_section").line,
                    location=f"sections.{section.id}.charter_section",
                    message=f"framework section '{section.id}' mirrors charter section "
                    f"'{section.charter_section}', which charter '{charter.id}' does not have",
                    expected=_one_of(section_ids),
                    fix="set charter_section to the id of a section of the charter",
                )


@rule
def measure_references(fw: Framework) -> Iterator[Issue]:
    """CW-M002..M005: commitments, sources and survey questions a measure names must exist."""
    for version in fw.own_versions():
        charter = fw.charters.get(version.spec.charter)
        for m in version.measures.values():
            if not m.commitments:
                yield Issue(
                    code="CW-M003",
                    level=Level.ERROR,
                    file=m.origin.file,
                    line=m.origin.at("commitments").line,
                    location=f"measure {m.id}.commitments",
                    message=f"measure '{m.id}' is linked to no commitment",
                    expected="at least one commitment id of charter " + version.spec.charter,
                    fix="add 'commitments: [...]' listing the promises this measure evidences",
                )
            for cid in m.commitments:
                if charter is not None and cid not in charter.commitments:
                    yield Issue(
                        code="CW-M002",
                        level=Level.ERROR,
                        file=m.origin.file,
                        line=m.origin.at("commitments").line,
                        location=f"measure {m.id}.commitments",
                        message=f"measure '{m.id}' names commitment '{cid}', which charter "
                        f"'{charter.id}' does not have",
                        expected=_one_of(charter.commitments),
                        fix="correct the commitment id (ids are written as in the charter file)",
                    )
            for sid in m.sources:
                if sid not in fw.sources:
                    yield Issue(
                        code="CW-M004",
                        level=Level.ERROR,
                        file=m.origin.file,
                        line=m.origin.at("sources").line,
                        location=f"measure {m.id}.sources",
                        message=f"measure '{m.id}' uses source '{sid}', which is not defined",
                        expected=_one_of(fw.sources),
                        fix="add the source under 'sources:' or correct the id",
                    )
            for qid in m.survey_questions:
                if qid not in fw.survey_questions:
                    yield Issue(
                        code="CW-M005",
                        level=Level.ERROR,
                        file=m.origin.file,
                        line=m.origin.at("survey_questions").line,
                        location=f"measure {m.id}.survey_questions",
                        message=f"measure '{m.id}' uses survey question '{qid}', "
                        "which is not defined",
                        expected=_one_of(fw.survey_questions),
                        fix="add it under 'survey_questions:' or correct the id",
                    )
            if m.status == "retired" and m.retired_from is None:
                yield Issue(
                    code="CW-M016",
                    level=Level.ERROR,
                    file=m.origin.file,
                    line=m.origin.at("status").line,
                    location=f"measure {m.id}.retired_from",
                    message=f"measure '{m.id}' is retired but does not say from which year",
                    expected="retired_from: a financial year such as 2024-25",
                    fix="add 'retired_from:' so earlier years still show the measure",
                )


@rule
def charter_mapping(fw: Framework) -> Iterator[Issue]:
    """CW-M008 (errors) and CW-W003 (warnings): a charter version's mapping from the last."""
    for charter in fw.charters.values():
        mapping = charter.spec.mapping
        if mapping is None:
            continue
        previous = fw.charters.get(mapping.previous)
        where = charter.origin
        if previous is None:
            yield Issue(
                code="CW-M008",
                level=Level.ERROR,
                file=where.file,
                line=where.line,
                location="charter.mapping",
                message=f"the mapping starts from charter '{mapping.previous}', "
                "which is not defined",
                expected=_one_of(k for k in fw.charters if k != charter.id),
                fix="correct 'previous:' to the id of the earlier charter version",
            )
            continue
        for old, new_ids in mapping.commitments.items():
            if old not in previous.commitments:
                yield Issue(
                    code="CW-M008",
                    level=Level.ERROR,
                    file=where.file,
                    line=where.line,
                    location="charter.mapping",
                    message=f"the mapping names commitment '{old}', which charter "
                    f"'{previous.id}' does not have",
                    expected=_one_of(previous.commitments),
                    fix="use the commitment ids of the previous charter on the left",
                )
            for new in new_ids:
                if new not in charter.commitments:
                    yield Issue(
                        code="CW-M008",
                        level=Level.ERROR,
                        file=where.file,
                        line=where.line,
                        location="charter.mapping",
                        message=f"'{old}' is mapped to '{new}', which charter "
                        f"'{charter.id}' does not have",
                        expected=_one_of(charter.commitments),
                        fix="use the commitment ids of this charter on the right",
                    )
        for old in previous.commitments:
            if old not in mapping.commitments:
                yield Issue(
                    code="CW-W003",
                    level=Level.WARNING,
                    file=where.file,
                    line=where.line,
                    location="charter.mapping",
                    message=f"commitment '{old}' of charter '{previous.id}' has no mapping "
                    f"into charter '{charter.id}'",
                    fix="map it to the commitment(s) it became, or to [] if it was dropped",
                )


@rule
def other_references(fw: Framework) -> Iterator[Issue]:
    """CW-M010, M013, M014: published figures, glossary links and survey question sources."""
    all_measures = {mid for v in fw.frameworks.values() for mid in v.measures}
    for fig in fw.published_figures.values():
        if fig.measure is not None and fig.measure not in all_measures:
            yield Issue(
                code="CW-M010",
                level=Level.ERROR,
                file=fig.origin.file,
                line=fig.origin.at("measure").line,
                location=f"published figure {fig.id}.measure",
                message=f"published figure '{fig.id}' is for measure '{fig.measure}', "
                "which is not defined",
                expected=_one_of(all_measures),
                fix="correct the measure id, or leave 'measure:' out for context figures",
            )
    for term in fw.glossary.values():
        for other in term.see_also:
            if other not in fw.glossary:
                yield Issue(
                    code="CW-M013",
                    level=Level.ERROR,
                    file=term.origin.file,
                    line=term.origin.at("see_also").line,
                    location=f"glossary {term.id}.see_also",
                    message=f"glossary term '{term.id}' points to '{other}', "
                    "which is not in the glossary",
                    expected=_one_of(fw.glossary),
                    fix="add the term or correct the id",
                )
    for question in fw.survey_questions.values():
        source = fw.sources.get(question.source)
        if source is None:
            yield Issue(
                code="CW-M014",
                level=Level.ERROR,
                file=question.origin.file,
                line=question.origin.at("source").line,
                location=f"survey question {question.id}.source",
                message=f"survey question '{question.id}' belongs to source "
                f"'{question.source}', which is not defined",
                expected=_one_of(fw.sources),
                fix="correct 'source:' to the survey it is asked in",
            )


@rule
def published_figures_told_apart(fw: Framework) -> Iterator[Issue]:
    """CW-M030: two published figures for the same measure, year, unit and breakdown."""
    first: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], str] = {}
    for fig in fw.published_figures.values():
        if fig.measure is None:
            continue
        key = (fig.measure, fig.year, fig.unit.value, tuple(sorted(fig.breakdown.items())))
        if key not in first:
            first[key] = fig.id
            continue
        group = "; ".join(f"{k} {v}" for k, v in key[3]) or "everyone (no breakdown)"
        yield Issue(
            code="CW-M030",
            level=Level.ERROR,
            file=fig.origin.file,
            line=fig.origin.line,
            location=f"published figure {fig.id}",
            message=f"published figures '{first[key]}' and '{fig.id}' are both for measure "
            f"'{fig.measure}', {fig.year}, {group}, so one would hide the other",
            expected="one figure per measure, year and group",
            fix="give each its own 'breakdown:' (for example {benefit: ADP}) saying which "
            "group it is for, or remove one",
        )


def unevidenced(fw: Framework, version: FrameworkVersion) -> list[Commitment]:
    """The commitments of ``version``'s charter that none of its measures evidences (the one
    rule, for ``validate``'s CW-W001 and the charter review's report)."""
    charter = fw.charters.get(version.spec.charter)
    if charter is None:
        return []
    used = {cid for m in version.measures.values() for cid in m.commitments}
    return [c for c in charter.commitments.values() if c.id not in used]


def question_users(version: FrameworkVersion) -> dict[str, list[str]]:
    """Each survey question and the measures of ``version`` that use it, in order."""
    users: dict[str, list[str]] = defaultdict(list)
    for m in version.measures.values():
        for qid in m.survey_questions:
            users[qid].append(m.id)
    return dict(users)


@rule
def unevidenced_commitments(fw: Framework) -> Iterator[Issue]:
    """CW-W001: commitments of a framework's charter that no measure evidences."""
    for version in fw.frameworks.values():
        charter = fw.charters.get(version.spec.charter)
        if charter is None:
            continue
        for c in unevidenced(fw, version):
            yield Issue(
                code="CW-W001",
                level=Level.WARNING,
                file=c.origin.file,
                line=c.origin.line,
                location=f"commitment {c.id}",
                message=f"commitment '{c.id}' of charter '{charter.id}' is evidenced by no "
                f"measure of framework '{version.id}'",
                fix="link a measure to it with 'commitments:', or accept the gap knowingly",
            )


@rule
def shared_survey_questions(fw: Framework) -> Iterator[Issue]:
    """CW-W002: a survey question used by several measures may mean duplicated measures."""
    for version in fw.own_versions():
        for qid, measure_ids in question_users(version).items():
            if len(measure_ids) > 1 and qid in fw.survey_questions:
                q = fw.survey_questions[qid]
                yield Issue(
                    code="CW-W002",
                    level=Level.WARNING,
                    file=q.origin.file,
                    line=q.origin.line,
                    location=f"survey question {qid}",
                    message=f"survey question '{qid}' is used by {len(measure_ids)} measures "
                    f"({', '.join(measure_ids)}) of framework '{version.id}'",
                    fix="check the measures do not duplicate each other; merge them if they do",
                )


@rule
def organisation_references(fw: Framework) -> Iterator[Issue]:
    """CW-G002 and CW-G003: organisation columns and per-organisation measures need
    ``organisations.yaml``, and a measure computed per organisation reads a source that
    names its organisation column."""
    for source in fw.sources.values():
        if organisation_column(source) and not fw.organisations:
            yield Issue(
                code="CW-G002",
                level=Level.ERROR,
                file=source.origin.file,
                line=source.origin.at("organisation_column").line,
                location=f"source {source.id}.organisation_column",
                message=f"source '{source.id}' names the organisation of each row, but the "
                "framework declares no organisations",
                expected="an organisations.yaml listing the organisations (id, name, ...)",
                fix="add organisations.yaml (see docs/framework-format.md), or remove "
                "organisation_column",
            )
    for version in fw.own_versions():
        for measure in version.measures.values():
            if not measure.by_organisation:
                continue
            named = measure.params.get("source")
            read = str(named) if named else measure.sources[0]
            reads = fw.sources.get(read)
            if reads is None or organisation_column(reads):
                continue  # an unknown source is reported by measure_references
            yield Issue(
                code="CW-G003",
                level=Level.ERROR,
                file=measure.origin.file,
                line=measure.origin.at("by_organisation").line,
                location=f"measure {measure.id}.by_organisation",
                message=f"measure '{measure.id}' is computed per organisation, but its source "
                f"'{read}' does not say which column holds the organisation",
                expected="organisation_column on the source, or the organisation_returns shape",
                fix=f"add 'organisation_column: <column>' to source '{read}', or remove "
                "by_organisation",
            )

"""What the printed outputs say: the publication arranged into blocks the templates show.

Nothing here computes a figure: every number and sentence comes from the publication
(:mod:`charterwatch.publish.view`) or the catalogue. Keeping the arrangement out of the
templates lets the tests and the readability gate read exactly the words that are printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from charterwatch.publish.charter_pages import LimitTable, charter_page
from charterwatch.publish.charts.breakdown import dimension_name
from charterwatch.publish.charts.trend import trend_chart
from charterwatch.publish.formatting import (
    base_text,
    cited_period,
    cited_value,
    figure_text,
    interval_text,
)
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.verdicts import VerdictView
from charterwatch.publish.view import (
    GROUP_ORDER,
    MeasureView,
    Publication,
    SectionView,
    status_group,
)
from charterwatch.results.figure import Figure
from charterwatch.results.verdict import VERDICT_ORDER
from charterwatch.sources.shapes import EQUALITY_FIELDS
from charterwatch.wording import catalogue_of

GROUPS = GROUP_ORDER


def catalogue_for(publication: Publication) -> Catalogue:
    """The catalogue of the publication's framework (see :func:`catalogue_of`)."""
    return catalogue_of(publication.framework)


def status_label(t: Catalogue, group: str) -> str:
    return t(f"common.status.{group}")


@dataclass
class YearRow:
    """One line of a measure's table of figures for every year."""

    period: str
    figure: str
    base: str
    interval: str
    status: str


@dataclass
class Citation:
    title: str
    year: str
    figure: str
    source: str
    url: str


@dataclass
class EqualityTable:
    """A measure's latest figures by one equality characteristic, as published (withheld
    groups keep their symbol)."""

    caption: str
    heading: str
    rows: list[tuple[str, str, str]]
    """(group, figure, base) per group."""


@dataclass
class EvidenceItem:
    kind: str
    title: str
    text: str
    source: str


@dataclass
class MeasureBlock:
    """One measure as the full report shows it."""

    id: str
    anchor: str
    title: str
    definition: str
    sentence: str
    status: str
    group: str
    figure: str
    period: str
    base: str
    interval: str
    reason: str
    standard: str
    standard_reason: str
    synthetic: bool
    commitments: list[str]
    years: list[YearRow]
    citations: list[Citation]
    evidence: list[EvidenceItem]
    has_base: bool = False
    has_interval: bool = False
    shortfall: str = ""
    """Why the latest figure needs a response (empty when it does not)."""
    chart: str = ""
    """The trend chart (inline SVG, named by its title and description), when there are
    figures for at least two years."""
    chart_summary: str = ""
    equality: list[EqualityTable] = field(default_factory=list)
    """The equality breakdowns the annual report needs (age, sex, disability ...)."""


@dataclass
class QuestionBlock:
    text: str
    measures: list[MeasureBlock]


@dataclass
class Headline:
    """A headline figure in words: ``90%``, what it measures, the year and the change."""

    figure: str
    title: str
    period: str
    status: str
    group: str
    base: str
    section: str


@dataclass
class Shortfall:
    title: str
    figure: str
    period: str
    why: str
    section: str


@dataclass
class SectionBlock:
    """One framework section with its counts, headline figures and (for the report) measures."""

    id: str
    anchor: str
    title: str
    tagline: str
    questions: list[str]
    counts: dict[str, int]
    total: int
    headlines: list[Headline] = field(default_factory=list)
    question_blocks: list[QuestionBlock] = field(default_factory=list)
    promises: list[str] = field(default_factory=list)
    verdicts: list[VerdictView] = field(default_factory=list)
    """The verdicts on the section's promises shown (all of them in the summary, the
    promises listed in the leaflet)."""
    verdict_groups: list[VerdictGroup] = field(default_factory=list)
    """The same promises grouped by verdict (the summary)."""


@dataclass
class Challenge:
    """How to challenge a decision: paragraphs, the tables of time limits, more paragraphs.
    All from the framework folder's ``pages/challenge.yaml``."""

    heading: str
    before: list[str]
    tables: list[LimitTable]
    after: list[str]

    def texts(self) -> list[tuple[str, str]]:
        return [("challenge", p) for p in [*self.before, *self.after]]


def challenge(t: Catalogue, publication: Publication) -> Challenge | None:
    """The printed section, or None when the framework says nothing about challenges."""
    page = charter_page(publication.framework, "challenge", publication.year, t)
    if not page.authored:
        return None
    return Challenge(
        heading=page.title,
        before=page.printed_before,
        tables=page.tables,
        after=page.printed_after,
    )


@dataclass
class Line:
    """A line of text; ``url``, when it appears in the text, is printed as a link."""

    text: str
    url: str = ""


def find_more(t: Catalogue, publication: Publication, contact: bool = True) -> list[Line]:
    """Where to find more: the website (or to ask), the contact (unless ``contact`` is false,
    where the document shows the contact routes instead), other formats."""
    project = publication.framework.project
    website = project.website or ""
    lines = [
        Line(t("print.more.website", website=website), website)
        if website
        else Line(t("print.more.no_website"))
    ]
    if project.contact and contact:
        lines.append(Line(t("print.more.contact", contact=project.contact)))
    lines.append(Line(t("print.more.formats")))
    return lines


def counts(section: SectionView) -> dict[str, int]:
    found = section.counts()
    return {g: int(found.get(g, 0)) for g in GROUPS}


def headline(t: Catalogue, m: MeasureView, section: str = "") -> Headline:
    return Headline(
        figure=m.headline_text,
        title=m.measure.title,
        period=str(m.latest.label) if m.latest else "",
        status=status_label(t, m.status_group),
        group=m.status_group,
        base=m.base_text,
        section=section,
    )


def headlines(t: Catalogue, publication: Publication, limit: int) -> list[Headline]:
    titles = {m.id: s.title for s in publication.sections for m in s.measures}
    return [headline(t, m, titles.get(m.id, "")) for m in publication.headline_measures(limit)]


def shortfalls(publication: Publication) -> list[Shortfall]:
    titles = {m.id: s.title for s in publication.sections for m in s.measures}
    out = []
    for m in publication.shortfalls():
        why = m.shortfall_reasons
        out.append(
            Shortfall(
                title=m.measure.title,
                figure=m.headline_text,
                period=str(m.latest.label) if m.latest else "",
                why=why,
                section=titles.get(m.id, ""),
            )
        )
    return out


def section_block(
    t: Catalogue, section: SectionView, *, promises: int = 0, measures: bool = False
) -> SectionBlock:
    found = counts(section)
    block = SectionBlock(
        id=section.id,
        anchor=f"section-{section.id}",
        title=section.title,
        tagline=section.charter_section.tagline or "",
        questions=[q.text for q in section.framework_section.questions],
        counts=found,
        total=sum(found.values()),
    )
    if promises:
        labels = [c.short or c.text for c in section.commitments]
        block.promises = labels[:promises]
    if measures:
        by_question: dict[str, list[MeasureBlock]] = {}
        for m in section.measures:
            by_question.setdefault(m.measure.question, []).append(measure_block(t, m))
        block.question_blocks = [
            QuestionBlock(q.text, by_question[q.id])
            for q in section.framework_section.questions
            if q.id in by_question
        ]
    return block


def _row_status(t: Catalogue, row: Figure) -> str:
    return status_label(t, status_group(row))


def _chart(t: Catalogue, m: MeasureView) -> dict[str, str]:
    """The measure's trend chart for print, as the site draws it (publish/charts)."""
    figures = [r for r in m.series if r.value is not None]
    if len(figures) < 2 or m.measure.kind == "qualitative_evidence":
        return {"chart": "", "chart_summary": ""}
    chart = trend_chart(m, t)
    return {"chart": chart.svg, "chart_summary": chart.summary}


def equality_tables(t: Catalogue, m: MeasureView) -> list[EqualityTable]:
    """One table per equality characteristic the measure is broken down by this year."""
    out = []
    for dimension, rows in m.breakdowns.items():
        if dimension not in EQUALITY_FIELDS:
            continue
        name = dimension_name(dimension, t)
        out.append(
            EqualityTable(
                caption=t("print.full.equality_caption", title=m.measure.title, by=name),
                heading=name,
                rows=[
                    (r.group.replace("_", " "), figure_text(r), base_text(r) or r.symbol)
                    for r in rows
                ],
            )
        )
    return out


def measure_block(t: Catalogue, m: MeasureView) -> MeasureBlock:
    standard = m.standard
    met = standard.met if standard else None
    standard_label = ""
    if standard is not None:
        key = "unknown" if met is None else ("met" if met else "missed")
        standard_label = t(f"print.standard.{key}")
    none = t("print.table.none")
    return MeasureBlock(
        has_base=any(row.base is not None for row in m.series),
        has_interval=any(row.ci_low is not None for row in m.series),
        id=m.id,
        anchor=f"measure-{m.id}",
        title=m.measure.title,
        definition=m.measure.definition,
        sentence=m.sentence(),
        status=status_label(t, m.status_group),
        group=m.status_group,
        figure=m.headline_text,
        period=str(m.latest.label) if m.latest else "",
        base=m.base_text,
        interval=m.interval_text,
        reason=m.reason,
        standard=standard_label,
        standard_reason=m.standard_reason,
        shortfall=m.shortfall_reasons,
        synthetic=m.synthetic,
        **_chart(t, m),
        equality=equality_tables(t, m),
        commitments=[f"{c.id} {c.short or c.text}" for c in m.commitments],
        years=[
            YearRow(
                period=str(row.label),
                figure=figure_text(row),
                base=base_text(row) or none,
                interval=interval_text(row) or none,
                status=_row_status(t, row),
            )
            for row in m.series
        ],
        citations=[
            Citation(
                title=f.title,
                year=cited_period(f),
                figure=cited_value(f),
                source=f.source_title,
                url=f.source_url,
            )
            for f in m.citations
        ],
        evidence=[
            EvidenceItem(
                kind=str(e.get("kind", "")),
                title=str(e.get("title", "")),
                text=str(e.get("text", "")),
                source=str(e.get("source", "")),
            )
            for e in m.evidence
        ],
    )


def glossary(publication: Publication) -> list[tuple[str, str]]:
    """(term, definition) in order; a term with an abbreviation reads "Term (ABBR)"."""
    terms = publication.framework.glossary.values()
    return sorted(
        (
            (f"{g.term} ({g.abbreviation})" if g.abbreviation else g.term, g.definition)
            for g in terms
        ),
        key=lambda p: p[0].lower(),
    )


def fixed_texts(t: Catalogue, keys: Iterable[str], **values: Any) -> list[tuple[str, str]]:
    """(key, text) pairs of catalogue text, for the readability gate."""
    return [(key, t(key, **values)) for key in keys]


@dataclass
class VerdictGroup:
    """The promises with one verdict: the verdict's code and words, and each promise as
    ``1.4 Support through applications``."""

    verdict: str
    label: str
    promises: list[str]


def verdict_groups(found: Iterable[VerdictView]) -> list[VerdictGroup]:
    """``found`` grouped by verdict, in the order every output counts verdicts; a verdict
    no promise has is left out."""
    groups: dict[str, VerdictGroup] = {}
    for v in found:
        group = groups.setdefault(v.verdict, VerdictGroup(v.verdict, v.label, []))
        group.promises.append(f"{v.commitment.id} {v.name}")
    return [groups[v.value] for v in VERDICT_ORDER if v.value in groups]

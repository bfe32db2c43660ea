"""The publication: stored rows arranged by section, commitment and measure, ready to show.

Pages, downloads and the PDF all read this one object, so a figure is found, worded and
labelled (synthetic or published, with its source) the same way everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from charterwatch.charter_review.versions import CharterChange, charter_change
from charterwatch.dates.periods import FinancialYear
from charterwatch.model.files import CharterSectionFile, FrameworkSectionFile
from charterwatch.model.framework import (
    CharterVersion,
    Commitment,
    Framework,
    Measure,
    PublishedFigure,
)
from charterwatch.model.in_force import in_force
from charterwatch.model.organisations import ORGANISATION, PEER_GROUP
from charterwatch.publish.formatting import base_text, figure_text, interval_text
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.revisions import Revision
from charterwatch.publish.supporting import (
    Band,
    band_bounds,
    bands_of,
    percentile_of,
    percentile_words,
)
from charterwatch.results.figure import ALL, Figure, ReasonCode, StandardCheck, Status
from charterwatch.units import value_text
from charterwatch.wording import catalogue_of, reason_text, shortfall_summary, standard_text

if TYPE_CHECKING:
    from charterwatch.results.store import ResultsStore

STATUS_GROUPS = {
    Status.BETTER: "better",
    Status.SAME: "same",
    Status.CHANGED: "changed",
    Status.WORSE: "worse",
    Status.NOT_COMPARABLE: "not_comparable",
    Status.FIRST_YEAR: "not_comparable",
    Status.NO_DATA: "no_data",
    Status.EVIDENCE: "evidence",
}
"""How each status counts on the summary: better, same, changed, worse, not comparable, ..."""

WITHHELD = "withheld"
"""The group of a figure withheld for disclosure control: told apart from "not comparable"
(a figure that is shown but cannot be compared with the year before)."""

GROUP_ORDER = (
    "better",
    "same",
    "changed",
    "worse",
    "not_comparable",
    WITHHELD,
    "no_data",
    "evidence",
)
"""The status groups in the order every output counts them."""


def status_group(row: Figure | None) -> str:
    """The group a headline figure counts in on every summary: its status's group, except
    that a figure withheld this year is "withheld", never "not comparable". The one place
    that decides it, for the site, the PDFs, the downloads and the feed."""
    if row is None:
        return STATUS_GROUPS[Status.NO_DATA]
    if row.assessment is not None and row.assessment.reason is ReasonCode.WITHHELD:
        return WITHHELD
    return STATUS_GROUPS[row.status]


@dataclass
class MeasureView:
    """One measure with every stored figure for it, worded for readers."""

    measure: Measure
    commitments: list[Commitment]
    series: list[Figure]
    latest: Figure | None
    breakdowns: dict[str, list[Figure]]
    supporting: list[Figure]
    citations: list[PublishedFigure]
    synthetic: bool
    t: Catalogue = field(default_factory=Catalogue)
    organisations: dict[str, list[Figure]] = field(
        default_factory=dict, metadata={"fingerprint": False}
    )
    """Each organisation's figures (breakdown ``organisation``), every year up to the
    publication's, oldest first; shown on the comparison page and report cards, not as a
    breakdown of the measure page. Left out of the page fingerprints of
    :mod:`charterwatch.publish.site.incremental` (the organisation pages are keyed on every
    stored figure, and hashing thousands of figures again for each measure page made the
    build of 200 organisations slow)."""
    peer_groups: dict[str, list[Figure]] = field(
        default_factory=dict, metadata={"fingerprint": False}
    )
    """Each peer group's figures (breakdown ``peer_group``), every year, oldest first."""

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def status(self) -> str:
        """The status word (``better``, ``about the same`` ...), as stored."""
        return self.latest.status.value if self.latest else Status.NO_DATA.value

    @property
    def status_group(self) -> str:
        return status_group(self.latest)

    @property
    def reason(self) -> str:
        if self.latest is None:
            return self.t("common.reason.no_data", period=self.measure.id)
        return reason_text(self.latest.assessment, self.latest.unit, self.t)

    @property
    def bands(self) -> list[Band]:
        """The latest year's bands in numeric order, with shares (:mod:`..supporting`)."""
        return bands_of(self.supporting, self.latest, self.t)

    @property
    def percentiles(self) -> list[tuple[str, Figure]]:
        """The latest year's percentiles, each with its words ("a quarter took ...")."""
        return [
            (words, f)
            for f in self.supporting
            if (words := percentile_words(f.statistic, self.t)) is not None
        ]

    @property
    def other_supporting(self) -> list[Figure]:
        """Supporting figures that are neither bands nor percentiles."""
        return [
            f
            for f in self.supporting
            if band_bounds(f.statistic) is None and percentile_of(f.statistic) is None
        ]

    @property
    def headline_text(self) -> str:
        row = self.latest
        if row is None:
            return "no data"
        return figure_text(row)

    @property
    def interval_text(self) -> str:
        return interval_text(self.latest) if self.latest else ""

    @property
    def base_text(self) -> str:
        return base_text(self.latest) if self.latest else ""

    @property
    def standard(self) -> StandardCheck | None:
        return self.latest.standard if self.latest else None

    @property
    def standard_reason(self) -> str:
        """Whether the latest figure meets its standard or legal limit, in one sentence."""
        if self.latest is None:
            return ""
        return standard_text(self.latest.standard, self.latest.value, self.t)

    @property
    def shortfall(self) -> bool:
        """In shortfall in the publication's year, as decided by the shortfall rule."""
        return bool(self.latest and self.latest.shortfalls)

    @property
    def shortfall_reasons(self) -> str:
        """Why the latest figure is a shortfall, in words (empty when it is not)."""
        if self.latest is None or not self.latest.shortfalls:
            return ""
        text = shortfall_summary(self.latest, self.t)
        return text[:1].upper() + text[1:] + "."

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return [dict(e) for e in self.latest.evidence] if self.latest else []

    def sentence(self) -> str:
        """The status sentence: the latest figure, its base and interval, and the change."""
        if self.latest is None or self.latest.value is None:
            return f"{self.measure.title}: no figure is available. {self.reason}".strip()
        parts = [f"{self.measure.title}: {self.headline_text} in {self.latest.label}"]
        extra = []
        if self.base_text:
            extra.append(f"base {self.base_text}")
        if self.interval_text:
            extra.append(f"95% interval {self.interval_text}")
        if extra:
            parts.append(f" ({'; '.join(extra)})")
        return "".join(parts) + ". " + self.reason


@dataclass
class SectionView:
    framework_section: FrameworkSectionFile
    charter_section: CharterSectionFile
    measures: list[MeasureView]
    commitments: list[Commitment]

    @property
    def id(self) -> str:
        return self.framework_section.id

    @property
    def title(self) -> str:
        return self.framework_section.title

    def counts(self) -> Counter[str]:
        """How many measures are better, the same, worse, not comparable ... this year."""
        return Counter(m.status_group for m in self.measures)


@dataclass
class Publication:
    """Everything a release shows, for the framework and charter version in force for its
    year (:mod:`charterwatch.model.in_force`)."""

    framework: Framework
    year: str
    years: list[str]
    sections: list[SectionView]
    measures: dict[str, MeasureView]
    commitments: dict[str, Commitment]
    synthetic: bool
    extras: dict[str, Any] = field(default_factory=dict)
    revisions: dict[tuple[str, str, str, str, str], Revision] = field(default_factory=dict)
    """Figures changed since first published (:mod:`charterwatch.publish.revisions`)."""
    charter_change: CharterChange | None = None
    """The change of charter this year's pages mark, if any
    (:func:`charterwatch.charter_review.versions.charter_change`)."""
    measured_charter: CharterVersion | None = None
    """The charter version in force for the year, whose commitments the figures evidence."""

    @property
    def previous_year(self) -> str:
        """The financial year before this one (named when the charter changed)."""
        return FinancialYear.parse(self.year).previous().label

    def revisions_of(self, measure_id: str) -> list[tuple[Figure, Revision]]:
        """A measure's revised figures with their revisions, in the store's order."""
        view = self.measures.get(measure_id)
        if view is None or not self.revisions:
            return []
        shown = [*view.series, *(f for fs in view.breakdowns.values() for f in fs)]
        shown.extend(view.supporting)
        return [(f, self.revisions[f.key]) for f in shown if f.key in self.revisions]

    def revised_lines(self, measure_id: str) -> list[str]:
        """Each revised figure of a measure in words: now, first published as, and why."""
        view = self.measures.get(measure_id)
        if view is None:
            return []
        lines = []
        for f, revision in self.revisions_of(measure_id):
            before = value_text(revision.previous_value, f.unit, revision.previous_symbol)
            lines.append(
                view.t(
                    "site.measure.revised_item",
                    period=f.label,
                    figure=f.statistic if f.group == ALL else f"{f.group}, {f.statistic}",
                    now=figure_text(f),
                    before=before,
                    note=revision.note,
                ).strip()
            )
        return lines

    def measures_for(self, commitment_id: str) -> list[MeasureView]:
        return [m for m in self.measures.values() if commitment_id in m.measure.commitments]

    def shortfalls(self) -> list[MeasureView]:
        """Measures in shortfall in the publication's year (the stored shortfall rule), in
        framework order."""
        return [m for m in self.measures.values() if m.shortfall]

    def headline_measures(self, limit: int = 6) -> list[MeasureView]:
        """A few headline figures for the summary: one or two per section, with data."""
        out: list[MeasureView] = []
        for section in self.sections:
            with_data = [
                m
                for m in section.measures
                if m.latest
                and m.latest.value is not None
                and m.measure.data.value == "quantitative"
            ]
            out.extend(with_data[:2])
        return out[:limit]


def build_publication(
    framework: Framework, store: ResultsStore, year: str | None = None
) -> Publication:
    """Arrange the stored rows for ``year`` (default: the latest), against the framework and
    charter version in force for it."""
    rows = store.query()
    by_measure: dict[str, list[Figure]] = defaultdict(list)
    for row in rows:
        by_measure[row.measure].append(row)
    years = sorted({r.label for r in rows})
    chosen = year or (years[-1] if years else framework.framework.spec.first_year)
    change = charter_change(framework, chosen)
    framework = in_force(framework, chosen)
    t = catalogue_of(framework)
    version = framework.framework
    charter = framework.charters[version.spec.charter]
    citations: dict[str, list[PublishedFigure]] = defaultdict(list)
    for fig in framework.published_figures.values():
        if fig.measure:
            citations[fig.measure].append(fig)
    measures: dict[str, MeasureView] = {}
    for m in version.measures.values():
        measures[m.id] = _measure_view(
            m, by_measure.get(m.id, []), chosen, charter.commitments, citations.get(m.id, []), t
        )
    sections = []
    for fs in version.spec.sections:
        cs = next(s for s in charter.spec.sections if s.id == fs.charter_section)
        sections.append(
            SectionView(
                fs,
                cs,
                [measures[m.id] for m in version.in_section(fs.id)],
                charter.in_section(cs.id),
            )
        )
    return Publication(
        framework=framework,
        year=chosen,
        years=[y for y in years if y <= chosen],
        sections=sections,
        measures=measures,
        commitments=charter.commitments,
        synthetic=any(m.synthetic for m in measures.values()),
        charter_change=change,
        measured_charter=charter,
    )


def _measure_view(
    m: Measure,
    rows: list[Figure],
    year: str,
    commitments: dict[str, Commitment],
    citations: list[PublishedFigure],
    t: Catalogue,
) -> MeasureView:
    rows = [r for r in rows if r.label <= year]
    series = sorted((r for r in rows if r.is_headline), key=lambda r: r.period)
    latest = next((r for r in reversed(series) if r.label == year), None)
    breakdowns: dict[str, list[Figure]] = defaultdict(list)
    by_organisation: dict[str, dict[str, list[Figure]]] = {
        ORGANISATION: defaultdict(list),
        PEER_GROUP: defaultdict(list),
    }
    supporting = []
    for r in rows:
        if r.breakdown in by_organisation:
            if r.statistic == "value":
                by_organisation[r.breakdown][r.group].append(r)
            continue
        if r.label != year:
            continue
        if r.breakdown != ALL and r.statistic == "value":
            breakdowns[r.breakdown].append(r)
        elif r.breakdown == ALL and r.statistic != "value":
            supporting.append(r)
    return MeasureView(
        measure=m,
        commitments=[commitments[c] for c in m.commitments if c in commitments],
        series=series,
        latest=latest,
        breakdowns=dict(sorted(breakdowns.items())),
        supporting=supporting,
        citations=sorted(citations, key=lambda f: f.year),
        synthetic=any(r.synthetic for r in rows),
        t=t,
        organisations={
            k: sorted(v, key=lambda r: r.period) for k, v in by_organisation[ORGANISATION].items()
        },
        peer_groups={
            k: sorted(v, key=lambda r: r.period) for k, v in by_organisation[PEER_GROUP].items()
        },
    )

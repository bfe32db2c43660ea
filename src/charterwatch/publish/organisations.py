"""Organisations compared fairly: the comparison of each measure and each report card.

Read from the publication (the stored, protected figures); nothing here computes a figure.
A measure's organisations are compared with the national figure without ranking by noise:

- a **funnel** for shares (unit ``percent``) and rates per 1,000 (``per_1000``): each
  organisation against control limits for its base around the national figure
  (:mod:`charterwatch.stats.funnel`);
- a **caterpillar** otherwise: each organisation's own interval against the national figure;
  an organisation without an interval is shown but not judged.

An organisation "outside" is one beyond the 95% limits (or whose interval excludes the
national figure); beyond the 99.8% limits it is "well" above or below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from charterwatch.model.framework import Organisation, Organisations
from charterwatch.publish.view import MeasureView, Publication
from charterwatch.results.figure import Figure
from charterwatch.stats.funnel import (
    LEVELS,
    Limits,
    Position,
    position,
    rate_limits,
    share_limits,
)

FUNNEL_SCALES = {"percent": 100.0, "per_1000": 1000.0}
"""Units drawn as a funnel, with the scale of their figures (100: a share)."""


class Method(StrEnum):
    FUNNEL = "funnel"
    CATERPILLAR = "caterpillar"


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation's figure for the publication's year and where it falls."""

    organisation: Organisation
    figure: Figure | None
    position: Position | None

    @property
    def outside(self) -> bool:
        return self.position not in (None, Position.WITHIN)


@dataclass
class MeasureComparison:
    """A measure's organisations in the publication's year, against the national figure."""

    view: MeasureView
    year: str
    national: Figure | None
    method: Method
    rows: list[OrganisationRow]
    peer_groups: dict[str, Figure] = field(default_factory=dict)
    noun: str = "organisation"
    nouns: str = "organisations"
    """The framework's words for its organisations (``organisations.yaml``)."""

    @property
    def judged(self) -> bool:
        """Whether any organisation could be compared (funnel limits or an interval)."""
        return any(r.position is not None for r in self.rows)

    def limits(self, base: float, level: float) -> Limits | None:
        """The funnel's limits at ``level`` for ``base`` (None: not a funnel, or no national
        figure to centre them on)."""
        national = self.national.value if self.national else None
        if self.method is not Method.FUNNEL or national is None or base <= 0:
            return None
        scale = FUNNEL_SCALES[self.view.measure.unit.value]
        if scale == 100.0:
            return share_limits(national, base, level)
        return rate_limits(national, base, level, scale)

    def outside(self, *positions: Position) -> list[OrganisationRow]:
        """The organisations at any of ``positions``, in the list's order."""
        return [r for r in self.rows if r.position in positions]

    @property
    def shown(self) -> list[OrganisationRow]:
        """Organisations with a published figure."""
        return [r for r in self.rows if r.figure is not None and r.figure.value is not None]


@dataclass(frozen=True)
class CardLine:
    """One measure on an organisation's report card."""

    view: MeasureView
    own: Figure | None
    peer: Figure | None
    national: Figure | None
    series: list[Figure]
    position: Position | None


@dataclass(frozen=True)
class ReportCard:
    organisation: Organisation
    lines: list[CardLine]


def compared_measures(pub: Publication) -> dict[str, MeasureComparison]:
    """The comparison of every measure with organisation figures, by measure id, in
    framework order."""
    organisations = pub.framework.organisations
    out: dict[str, MeasureComparison] = {}
    for view in pub.measures.values():
        if view.organisations:
            out[view.id] = compare(view, pub.year, organisations)
    return out


def compare(view: MeasureView, year: str, organisations: Organisations) -> MeasureComparison:
    """The comparison of one measure's organisations in ``year``."""
    national = view.latest if view.latest and view.latest.label == year else None
    method = Method.FUNNEL if view.measure.unit.value in FUNNEL_SCALES else Method.CATERPILLAR
    comparison = MeasureComparison(
        view, year, national, method, [], noun=organisations.noun, nouns=organisations.noun_plural
    )
    comparison.peer_groups = {
        group: latest
        for group, series in view.peer_groups.items()
        if (latest := _in_year(series, year)) is not None
    }
    for organisation in organisations:
        figure = _in_year(view.organisations.get(organisation.id, []), year)
        where = _where(comparison, figure)
        comparison.rows.append(OrganisationRow(organisation, figure, where))
    return comparison


def report_cards(pub: Publication, comparisons: dict[str, MeasureComparison]) -> list[ReportCard]:
    """A report card per organisation: every measure compared for it, in framework order."""
    cards = []
    for organisation in pub.framework.organisations:
        lines = []
        for comparison in comparisons.values():
            view = comparison.view
            row = next(r for r in comparison.rows if r.organisation.id == organisation.id)
            peer = (
                comparison.peer_groups.get(organisation.peer_group)
                if organisation.peer_group
                else None
            )
            lines.append(
                CardLine(
                    view=view,
                    own=row.figure,
                    peer=peer,
                    national=comparison.national,
                    series=view.organisations.get(organisation.id, []),
                    position=row.position,
                )
            )
        cards.append(ReportCard(organisation, lines))
    return cards


def _in_year(series: list[Figure], year: str) -> Figure | None:
    return next((f for f in series if f.label == year), None)


def _where(comparison: MeasureComparison, figure: Figure | None) -> Position | None:
    national = comparison.national.value if comparison.national else None
    if figure is None or figure.value is None or national is None:
        return None
    if comparison.method is Method.FUNNEL:
        if not figure.base:
            return None
        inner = comparison.limits(figure.base, LEVELS[0])
        outer = comparison.limits(figure.base, LEVELS[1])
        if inner is None or outer is None:
            return None
        return position(figure.value, inner, outer)
    if figure.ci_low is None or figure.ci_high is None:
        return None
    if figure.ci_low > national:
        return Position.ABOVE
    if figure.ci_high < national:
        return Position.BELOW
    return Position.WITHIN

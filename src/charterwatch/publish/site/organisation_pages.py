"""The organisation pages: find your organisation, a report card each, a comparison per measure.

Made only when the framework declares organisations (``organisations.yaml``), from the
comparisons of :mod:`charterwatch.publish.organisations`; the charts come from
:mod:`charterwatch.publish.charts.organisations`. Every page works without JavaScript: the
"find" page lists every organisation (a script only filters the list as you type) and the
comparison table is in the list's order (a script only adds sort buttons).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from charterwatch.publish.organisations import (
    MeasureComparison,
    ReportCard,
    compared_measures,
    report_cards,
)
from charterwatch.stats.funnel import Position

if TYPE_CHECKING:
    from charterwatch.publish.site.build import SiteBuilder

OUTSIDE_ORDER = (Position.WELL_ABOVE, Position.ABOVE, Position.BELOW, Position.WELL_BELOW)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(b: SiteBuilder) -> dict[str, str]:
    """The framework's own word for its organisations, as the templates use it."""
    organisations = b.pub.framework.organisations
    return {
        "noun": organisations.noun,
        "nouns": organisations.noun_plural,
        "Noun": capital(organisations.noun),
        "Nouns": capital(organisations.noun_plural),
    }


def organisation_pages(b: SiteBuilder) -> None:
    """Every organisation page (nothing without organisations)."""
    if not b.pub.framework.organisations:
        return
    comparisons = compared_measures(b.pub)
    names = words(b)
    find(b, names)
    for card in report_cards(b.pub, comparisons):
        report_card(b, card, names)
    for comparison in comparisons.values():
        comparison_page(b, comparison, names)


def _crumbs(b: SiteBuilder, depth: int, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(b.catalogue("site.nav.home"), f"{'../' * depth}index.html"), *extra]


def find(b: SiteBuilder, names: dict[str, str]) -> None:
    """``organisations/index.html``: every organisation, searchable by name or area."""
    path = "organisations/index.html"
    if b.unchanged(path, b.everything):
        return
    t = b.catalogue
    b.page(
        path,
        "organisations.html",
        t("site.orgs.find_title", **names),
        organisations=list(b.pub.framework.organisations),
        names=names,
        description=t("site.orgs.find_leader", **names),
        breadcrumbs=_crumbs(b, 1),
    )


def report_card(b: SiteBuilder, card: ReportCard, names: dict[str, str]) -> None:
    """``organisations/<id>/index.html``: every measure for one organisation."""
    organisation = card.organisation
    path = f"organisations/{organisation.id}/index.html"
    if b.unchanged(path, b.everything):
        return
    t = b.catalogue
    b.page(
        path,
        "organisation.html",
        organisation.name,
        card=card,
        organisation=organisation,
        names=names,
        label=t("site.orgs.card_label", **names),
        csv=f"../../downloads/organisations/{organisation.id}.csv",
        description=t("site.orgs.card_leader", name=organisation.name, year=b.pub.year),
        breadcrumbs=_crumbs(b, 2, (t("site.orgs.find_title", **names), "../index.html")),
    )


def comparison_page(b: SiteBuilder, comparison: MeasureComparison, names: dict[str, str]) -> None:
    """``measures/<id>/organisations/index.html``: the funnel or caterpillar and the table."""
    view = comparison.view
    path = f"measures/{view.id}/organisations/index.html"
    if b.unchanged(path, b.everything):
        return
    t = b.catalogue
    chart = b.charts.comparison_chart(comparison, t) if b.charts else None
    outside: list[tuple[str, list[Any]]] = [
        (t(f"site.orgs.named.{p.value}_{comparison.method.value}", **names), rows)
        for p in OUTSIDE_ORDER
        if (rows := comparison.outside(p))
    ]
    b.page(
        path,
        "comparison.html",
        t("site.orgs.compare_title", title=view.measure.title, **names),
        comparison=comparison,
        view=view,
        chart=chart,
        outside=outside,
        names=names,
        label=t("site.measure.label", id=view.id),
        breadcrumbs=_crumbs(b, 3, (view.measure.title, "../index.html")),
    )

"""Every page type of the site, each rendered by one small function from the publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from charterwatch.publish.charter_pages import charter_page
from charterwatch.publish.contact_routes import contact_routes
from charterwatch.publish.downloads.index import lead_first
from charterwatch.publish.formatting import count_in_words, date_in_words
from charterwatch.publish.site import content, search_index
from charterwatch.publish.site.glance import SectionGlance, section_glance
from charterwatch.publish.site.organisation_pages import organisation_pages
from charterwatch.publish.verdicts import verdict_counts, verdict_of, verdicts
from charterwatch.publish.view import GROUP_ORDER

if TYPE_CHECKING:
    from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.site.build import SiteBuilder


def render_pages(b: SiteBuilder) -> None:
    """Render every page whose inputs changed since the previous site; copy the others.

    Each page stands alone, except for the search page, made last from all the others
    (:func:`search`). The pages about the whole publication are made from all of it
    (:attr:`SiteBuilder.everything`) and the list of downloads; a section, commitment,
    measure or organisation page only from its own views, so one measure's new figures
    re-render its page, its section's and its commitments' pages, not the pages of the other
    measures. Those come first, while the full report is still being laid out in another
    process; the builder's finishing steps then wait for it, and the pages that list every
    download follow.
    """
    sections(b)
    commitments(b)
    measures(b)
    organisation_pages(b)
    for step in b.finishing:
        step(b)
    has_pdfs = (b.out / "downloads" / "summary.pdf").exists()
    for path, render in WHOLE_PUBLICATION.items():
        if not b.unchanged(path, b.everything, b.downloads, has_pdfs):
            render(b)
    search(b)


def _crumbs(b: SiteBuilder, depth: int, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    root = "../" * depth
    return [(b.catalogue("site.nav.home"), f"{root}index.html"), *extra]


def home(b: SiteBuilder) -> None:
    """The home page: the year at a glance."""
    has_pdfs = (b.out / "downloads" / "summary.pdf").exists()
    b.page(
        "index.html",
        "home.html",
        b.catalogue("site.home.title", year=b.pub.year),
        nav="home",
        has_pdfs=has_pdfs,
        verdict_rows=_verdict_rows(b),
        glances=_glances(b),
        sections_heading=b.catalogue(
            "site.home.sections_heading",
            count=len(b.pub.sections),
            count_words=count_in_words(len(b.pub.sections)),
        ),
    )


def _glances(b: SiteBuilder) -> list[SectionGlance]:
    """Each section's card on the home page: measures by status, promises by verdict."""
    t = b.catalogue
    return [
        section_glance(
            s.title,
            f"sections/{s.id}/index.html",
            s.counts(),
            GROUP_ORDER,
            verdict_counts(verdicts(b.pub, s.commitments, t)),
            t,
        )
        for s in b.pub.sections
    ]


def _verdict_rows(b: SiteBuilder) -> list[tuple[str, str, dict[str, int]]]:
    """The home page's verdict counts: (section title, link, counts) for each section, then
    the total over every commitment of the charter."""
    t = b.catalogue
    rows = [
        (s.title, f"sections/{s.id}/index.html", verdict_counts(verdicts(b.pub, s.commitments, t)))
        for s in b.pub.sections
    ]
    total = verdict_counts(verdicts(b.pub, t=t))
    return [*rows, (b.catalogue("site.home.verdicts_total"), "", total)]


def _shared(b: SiteBuilder) -> tuple[object, ...]:
    """What every page of one section, commitment or measure shows besides its own views."""
    return (b.pub.year, b.pub.synthetic, b.responses is None, b.charts is None)


def sections(b: SiteBuilder) -> None:
    t = b.catalogue
    for section in b.pub.sections:
        # a commitment's verdict also reads measures of other sections: it is an input too
        found = verdicts(b.pub, section.commitments, t)
        if b.unchanged(f"sections/{section.id}/index.html", *_shared(b), section, found):
            continue
        outcome_views: dict[str, list[Any]] = {}
        for question in section.framework_section.questions:
            for outcome in question.outcomes:
                outcome_views[outcome.id] = [
                    v for v in section.measures if v.measure.outcome == outcome.id
                ]
        b.page(
            f"sections/{section.id}/index.html",
            "section.html",
            section.title,
            section=section,
            outcome_views=outcome_views,
            verdicts=found,
            label=t("site.section.label"),
            breadcrumbs=_crumbs(b, 2),
        )


def commitments(b: SiteBuilder) -> None:
    t = b.catalogue
    by_section = {s.charter_section.id: s for s in b.pub.sections}
    for c in b.pub.commitments.values():
        section = by_section.get(c.section)
        responses = b.responses.by_commitment.get(c.id) if b.responses else None
        inputs = (c, b.pub.measures_for(c.id), responses, section and section.title)
        if b.unchanged(f"commitments/{c.id}/index.html", *_shared(b), *inputs):
            continue
        extra = [(section.title, f"../../sections/{section.id}/index.html")] if section else []
        b.page(
            f"commitments/{c.id}/index.html",
            "commitment.html",
            c.short or c.text,
            commitment=c,
            views=b.pub.measures_for(c.id),
            verdict=verdict_of(b.pub, c, t),
            label=t("site.commitment.label", id=c.id),
            breadcrumbs=_crumbs(b, 2, *extra),
        )


def measures(b: SiteBuilder) -> None:
    t = b.catalogue
    sections_by_id = {s.id: s for s in b.pub.sections}
    for view in b.pub.measures.values():
        section = sections_by_id[view.measure.section]
        responses = (
            (b.responses.for_measure(view.id), b.responses.explanations.get(view.id))
            if b.responses
            else None
        )
        inputs = (view, responses, section.id, section.title)
        if b.unchanged(f"measures/{view.id}/index.html", *_shared(b), *inputs):
            continue
        trend = b.charts.trend_chart(view, t) if b.charts and view.series else None
        breakdown_charts = (
            {dim: b.charts.breakdown_chart(view, dim, t) for dim in view.breakdowns}
            if b.charts
            else {}
        )
        b.page(
            f"measures/{view.id}/index.html",
            "measure.html",
            view.measure.title,
            view=view,
            m=view.measure,
            trend=trend,
            breakdown_charts=breakdown_charts,
            about=content.about_rows(view, b.pub, t),
            label=t("site.measure.label", id=view.id),
            description=view.measure.definition,
            breadcrumbs=_crumbs(b, 2, (section.title, f"../../sections/{section.id}/index.html")),
        )


def charter_changes(b: SiteBuilder) -> None:
    """What changed between the charter of the year before (or the one the figures are
    reported against) and a newer one, when the year marks a change (no page otherwise)."""
    from charterwatch.charter_review.versions import VersionError, diff_charters

    change = b.pub.charter_change
    if change is None:
        return
    new, old = change.new, change.old
    try:
        d = diff_charters(b.pub.framework, old.id, new.id)
    except VersionError:
        d = None
    before, after = old.commitments, new.commitments
    t = b.catalogue
    names = {
        "new": new.name,
        "old": old.name,
        "date": date_in_words(new.spec.effective_from, t),
        "year": b.pub.year,
    }
    leader = (
        "site.charter_change.leader_adopted" if change.adopted else "site.charter_change.leader"
    )
    b.page(
        "charter-changes/index.html",
        "charter_changes.html",
        t("site.charter_change.title"),
        leader=t(leader, **names),
        added=[after[c] for c in (d.added if d else after)],
        removed=[before[c] for c in (d.removed if d else [])],
        split=[(before[o], [after[n] for n in ns]) for o, ns in (d.split if d else [])],
        merged=[([before[o] for o in os], after[n]) for os, n in (d.merged if d else [])],
        reworded=[(before[o], after[n]) for o, n, _ in (d.reworded if d else [])],
        breadcrumbs=_crumbs(b, 1),
    )


def glossary(b: SiteBuilder) -> None:
    terms = sorted(b.pub.framework.glossary.values(), key=lambda g: g.term.lower())
    b.page(
        "glossary/index.html",
        "glossary.html",
        b.catalogue("site.glossary.title"),
        terms=terms,
        abbreviated=sorted(
            (g for g in terms if g.abbreviation), key=lambda g: (g.abbreviation or "").lower()
        ),
        glossary=b.pub.framework.glossary,
        breadcrumbs=_crumbs(b, 1),
    )


def challenge(b: SiteBuilder) -> None:
    page = charter_page(b.pub.framework, "challenge", b.pub.year, b.catalogue)
    b.page(
        "challenge/index.html",
        "challenge.html",
        page.title,
        page=page,
        steps=page.steps,
        routes=contact_routes(b.pub.framework, b.catalogue),
        contact_name=b.pub.framework.project.contact,
        nav="challenge",
        breadcrumbs=_crumbs(b, 1),
    )


def expect(b: SiteBuilder) -> None:
    page = charter_page(b.pub.framework, "expect", b.pub.year, b.catalogue)
    b.page(
        "what-to-expect/index.html",
        "expect.html",
        page.title,
        page=page,
        expectations=content.expectations(b.pub, b.catalogue),
        routes=contact_routes(b.pub.framework, b.catalogue),
        nav="expect",
        breadcrumbs=_crumbs(b, 1),
    )


def accessibility(b: SiteBuilder) -> None:
    """The accessibility statement; its "Contact us" is the framework's contact routes when
    it declares them, else the project's contact."""
    t = b.catalogue
    contact = b.pub.framework.project.contact or b.pub.framework.project.organisation
    routes = contact_routes(b.pub.framework, t)
    blocks = [
        (None, [t("site.accessibility.intro")]),
        (
            t("site.accessibility.standard_heading"),
            [t("site.accessibility.standard"), t("site.accessibility.charts")],
        ),
        (t("site.accessibility.limits_heading"), [t("site.accessibility.limits")]),
        (t("site.accessibility.formats_heading"), [t("site.accessibility.formats")]),
    ]
    enforcement = (
        t("site.accessibility.enforcement_heading"),
        [t("site.accessibility.enforcement")],
    )
    if routes is None:
        blocks += [(t("site.accessibility.contact_heading"), [contact]), enforcement]
    b.page(
        "accessibility/index.html",
        "simple.html",
        t("site.accessibility.title"),
        blocks=blocks,
        routes=routes,
        blocks_after=[enforcement] if routes is not None else [],
        extra_table=None,
        breadcrumbs=_crumbs(b, 1),
    )


def computed_words(t: Catalogue, started_at: str, released: dt.date | None) -> list[str]:
    """When the figures were computed, in words, and a warning when that is after release.

    Figures computed after the announced release date may differ from the ones first
    released; a reader (and the lead statistician checking the build) should be told so on
    the page, not left to compare timestamps.
    """
    moment = dt.datetime.fromisoformat(started_at).astimezone(dt.UTC)
    day = date_in_words(moment.date(), t)
    said = [t("site.release.computed", date=day, time=f"{moment:%H:%M}")]
    if released is not None and moment.date() > released:
        said.append(t("site.release.computed_late", release=date_in_words(released, t)))
    return said


def release(b: SiteBuilder) -> None:
    t = b.catalogue
    fw = b.pub.framework
    project = fw.project
    runs = b.pub.extras.get("runs", [])
    when = (
        t(
            "site.release.when_dated",
            date=project.release_date.isoformat(),
            time=project.release_time,
            year=b.pub.year,
        )
        if project.release_date
        else t("site.release.when", year=b.pub.year)
    )
    computed = computed_words(t, runs[-1].started_at, project.release_date) if runs else []
    lead = project.lead_statistician or project.contact or project.organisation
    blocks = [
        (t("site.release.heading_when"), [when, *computed]),
        (t("site.release.heading_who"), [t("site.release.who", lead=lead)]),
        (t("site.release.heading_revisions"), [t("site.release.revisions")]),
        (
            t("site.release.heading_prerelease"),
            [project.pre_release_access or t("site.release.prerelease")],
        ),
        (t("site.release.heading_methods"), [t("site.release.methods")]),
    ]
    if b.pub.synthetic:
        blocks.append((t("site.release.heading_data"), [t("common.synthetic_explainer")]))
    b.page(
        "release/index.html",
        "simple.html",
        t("site.release.title"),
        blocks=blocks,
        extra_table=None,
        breadcrumbs=_crumbs(b, 1),
    )


def years(b: SiteBuilder) -> None:
    t = b.catalogue
    from charterwatch.charter_review.versions import framework_changes

    table = content.years_table(b.pub)
    table["caption"] = t("site.years.caption")
    changes = [
        (
            c.year,
            f"{c.measure} {c.title}".strip(),
            t(f"site.years.change.{c.kind}"),
            t("site.years.version_detail", charter=c.detail) if c.kind == "version" else c.detail,
        )
        for c in framework_changes(b.pub.framework, b.pub.year)
    ]
    b.page(
        "years/index.html",
        "simple.html",
        t("site.years.title"),
        blocks=[(None, [t("site.years.leader")])],
        extra_table=table,
        changes=changes,
        breadcrumbs=_crumbs(b, 1),
    )


def downloads(b: SiteBuilder) -> None:
    lead, rest = lead_first(b.downloads)
    b.page(
        "downloads/index.html",
        "downloads.html",
        b.catalogue("site.downloads.title"),
        lead=lead,
        files=rest,
        nav="downloads",
        breadcrumbs=_crumbs(b, 1),
    )


def search(b: SiteBuilder) -> None:
    """The search page and its index, made last: the index reads every page written before
    it (rendered now or copied), so it changes exactly when one of them does."""
    t = b.catalogue
    written = b.pages_written()
    if b.unchanged(search_index.SEARCH_PAGE, sorted(written.items())):
        return
    entries = search_index.site_entries(
        b.out,
        written,
        b.pub.framework.glossary,
        page_kind=t("site.search.kinds.page"),
        term_kind=t("site.search.kinds.term"),
    )
    data = search_index.index_data(entries, search_index.synonym_groups(b.pub.framework.glossary))
    (b.out / search_index.INDEX).parent.mkdir(parents=True, exist_ok=True)
    (b.out / search_index.INDEX).write_text(search_index.index_script(data), encoding="utf-8")
    b.page(
        search_index.SEARCH_PAGE,
        "search.html",
        t("site.search.title"),
        also=(search_index.INDEX,),
        entries=sorted(entries, key=lambda e: (e.title.casefold(), e.url)),
        nav="search",
        breadcrumbs=_crumbs(b, 1),
    )


def easy_read(b: SiteBuilder) -> None:
    b.page(
        "easy-read/index.html",
        "easy.html",
        b.catalogue("site.easy.title"),
        blocks=content.easy_read_blocks(b.pub, b.catalogue),
        icons=content.easy_icons(),
        nav="easy",
        breadcrumbs=_crumbs(b, 1),
    )


def plan(b: SiteBuilder) -> None:
    """The improvement plan: every action, filterable, overdue ones marked."""
    if b.responses is None:
        return
    commitments_of = {
        item.id: sorted(cid for cid, items in b.responses.by_commitment.items() if item in items)
        for item in b.responses.actions
    }
    statuses = [
        ("overdue", b.catalogue("site.actions.overdue")),
        ("planned", b.catalogue("site.plan.statuses.planned")),
        ("in_progress", b.catalogue("site.plan.statuses.in_progress")),
        ("done", b.catalogue("site.plan.statuses.done")),
        ("dropped", b.catalogue("site.plan.statuses.dropped")),
    ]
    b.page(
        "improvement-plan/index.html",
        "plan.html",
        b.catalogue("site.plan.title"),
        commitments_of=commitments_of,
        statuses=statuses,
        nav="plan",
        breadcrumbs=_crumbs(b, 1),
    )


def recommendations(b: SiteBuilder) -> None:
    if b.responses is None:
        return
    b.page(
        "recommendations/index.html",
        "recommendations.html",
        b.catalogue("site.recs.title"),
        breadcrumbs=_crumbs(b, 1),
    )


def you_said_we_did(b: SiteBuilder) -> None:
    if b.responses is None:
        return
    b.page(
        "you-said-we-did/index.html",
        "ysd.html",
        b.catalogue("site.ysd.title"),
        breadcrumbs=_crumbs(b, 1),
    )


WHOLE_PUBLICATION: dict[str, Callable[[SiteBuilder], None]] = {
    "improvement-plan/index.html": plan,
    "recommendations/index.html": recommendations,
    "you-said-we-did/index.html": you_said_we_did,
    "index.html": home,
    "glossary/index.html": glossary,
    "charter-changes/index.html": charter_changes,
    "challenge/index.html": challenge,
    "what-to-expect/index.html": expect,
    "accessibility/index.html": accessibility,
    "release/index.html": release,
    "years/index.html": years,
    "downloads/index.html": downloads,
    "easy-read/index.html": easy_read,
}
"""The pages made from the whole publication, by path: any change re-renders them."""

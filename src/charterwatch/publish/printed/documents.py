"""The three printed outputs of a release: the full report, the summary and the leaflet.

Each function takes the :class:`~charterwatch.publish.view.Publication` and writes one tagged
PDF/UA-1 file. The summary must fit in :data:`SUMMARY_MAX_PAGES` A4 pages and the leaflet in
one: they are laid out fullest first and trimmed (fewer shortfalls, headline figures or
promises listed) until they fit; a document that cannot fit raises ValueError.

Given the publication's :class:`~charterwatch.publish.responses.Responses`, each document
also says what is being done about the shortfalls (see :mod:`.accountability`): the summary
lists each shortfall with its actions or explanation, the leaflet gives a count and a line or
two, and the full report shows each shortfall's actions under its measure and closes with
every action and recommendation. Without responses those parts are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from charterwatch.publish.contact_routes import contact_routes
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.printed import accountability, content
from charterwatch.publish.printed.charts import status_bar
from charterwatch.publish.printed.render import (
    generator,
    page_label,
    publication_date,
    render,
    render_to_fit,
)
from charterwatch.publish.responses import Responses
from charterwatch.publish.verdicts import verdict_counts, verdicts
from charterwatch.publish.view import GROUP_ORDER, Publication

SUMMARY_MAX_PAGES = 5
LEAFLET_MAX_PAGES = 1

SUMMARY_FITS = ((2, 12), (2, 8), (2, 5), (1, 5), (1, 3), (1, 0))
"""(headline figures per section, shortfalls listed), tried in order until the summary fits
(every promise's verdict always stays)."""

LEAFLET_FITS = (
    (4, 4, 2),
    (3, 4, 2),
    (3, 3, 2),
    (3, 3, 1),
    (2, 3, 1),
    (2, 2, 1),
    (2, 2, 0),
    (1, 2, 0),
    (1, 1, 0),
)
"""(promises per section, headline figures, shortfalls with an action), tried in order until
the leaflet fits (the count of shortfalls and actions always stays)."""

SUMMARY_ACTIONS = 3
"""Actions listed under each shortfall in the summary; the full report lists the rest."""


def _common(
    publication: Publication, t: Catalogue, kind: str, title: str, description: str
) -> dict[str, Any]:
    project = publication.framework.project
    return {
        "kind": kind,
        "lang": t.language,
        "t": t,
        "title": title,
        "description": description,
        "organisation": project.organisation,
        "year": publication.year,
        "synthetic": publication.synthetic,
        "generator": generator(),
        "date": publication_date(publication.year).isoformat(),
        "page_label": page_label(t("print.page")),
        "status_labels": {g: content.status_label(t, g) for g in content.GROUPS},
        "groups": content.GROUPS,
        "challenge": content.challenge(t, publication),
        "routes": contact_routes(publication.framework, t),
        "more": content.find_more(t, publication),
    }


def full_report_context(
    publication: Publication, responses: Responses | None = None
) -> dict[str, Any]:
    """Everything the full report template shows (with ``responses``, what is being done)."""
    t = content.catalogue_for(publication)
    name = publication.framework.project.name
    title = t("print.full.title", name=name, year=publication.year)
    ctx = _common(publication, t, "full", title, t("print.full.about"))
    sections = []
    for s in publication.sections:
        block = content.section_block(t, s, measures=True)
        block.verdicts = verdicts(publication, s.commitments)
        sections.append(block)
    ctx["sections"] = sections
    ctx["glossary"] = content.glossary(publication)
    ctx["doing_by_measure"] = {}
    ctx["chapter"] = None
    if responses is not None:
        found = accountability.doing(t, publication, responses, dropped=True)
        ctx["doing_by_measure"] = {d.measure: d for d in found}
        ctx["chapter"] = accountability.chapter(t, responses)
        ctx["as_of"] = accountability.date_text(t, responses.as_of)
    return ctx


def summary_context(
    publication: Publication,
    per_section: int = 2,
    shortfalls: int = 12,
    responses: Responses | None = None,
) -> dict[str, Any]:
    """The summary's content, with at most ``per_section`` headline figures per section and
    ``shortfalls`` shortfalls listed (the rest are counted); with ``responses``, the same
    shortfalls with what is being done about each. Every promise is listed under its
    verdict."""
    t = content.catalogue_for(publication)
    name = publication.framework.project.name
    title = t("print.summary.title", name=name, year=publication.year)
    ctx = _common(publication, t, "summary", title, t("print.summary.intro"))
    headline_ids = [m.id for m in publication.headline_measures()]
    sections = []
    for s in publication.sections:
        block = content.section_block(t, s)
        chosen = [m for m in s.measures if m.id in headline_ids][:per_section]
        block.headlines = [content.headline(t, m, s.title) for m in chosen]
        block.verdicts = verdicts(publication, s.commitments)
        block.verdict_groups = content.verdict_groups(block.verdicts)
        sections.append(block)
    ctx["sections"] = sections
    ctx["verdicts"] = t("print.verdicts", **_verdict_words(publication))
    ctx["bars"] = {s.id: status_bar(bar_title(t, s), bar_counts(s)) for s in sections}
    found = content.shortfalls(publication)
    ctx["shortfalls"] = found[:shortfalls]
    ctx["more_shortfalls"] = max(0, len(found) - shortfalls)
    ctx["doing"] = None
    if responses is not None:
        items = accountability.doing(t, publication, responses, per_shortfall=SUMMARY_ACTIONS)
        ctx["doing"] = items[:shortfalls]
        ctx["doing_illustrative"] = any(a.illustrative for d in ctx["doing"] for a in d.actions)
    return ctx


BAR_GROUPS = ("better", "same", "worse")
"""The groups the summary's bars colour; every other group shares one grey segment."""


def bar_counts(block: content.SectionBlock) -> dict[str, int]:
    c = block.counts
    other = sum(n for group, n in c.items() if group not in BAR_GROUPS)
    return {**{g: c.get(g, 0) for g in BAR_GROUPS}, "other": other}


def bar_title(t: Catalogue, block: content.SectionBlock) -> str:
    """The bar's text: every group with a count, in the order every output counts them,
    "withheld" and "not comparable" each under its own name."""
    parts = [
        t("print.summary.chart_part", count=block.counts[g], group=t(f"print.summary.groups.{g}"))
        for g in GROUP_ORDER
        if block.counts.get(g)
    ]
    return t("print.summary.chart_title", section=block.title, counts=", ".join(parts))


def leaflet_context(
    publication: Publication,
    promises: int = 4,
    figures: int = 4,
    doing: int = 2,
    responses: Responses | None = None,
) -> dict[str, Any]:
    """The leaflet's content: ``promises`` commitments per section, ``figures`` headlines and,
    with ``responses``, a count of shortfalls and actions and ``doing`` shortfalls with one
    action each."""
    t = content.catalogue_for(publication)
    project = publication.framework.project
    name = project.short_name or project.name
    title = t("print.leaflet.title", name=name, year=publication.year)
    ctx = _common(publication, t, "leaflet", title, t("print.leaflet.intro"))
    ctx["more"] = content.find_more(t, publication, contact=ctx["routes"] is None)
    sections = []
    for s in publication.sections:
        block = content.section_block(t, s, promises=promises)
        block.verdicts = verdicts(publication, s.commitments[:promises])
        sections.append(block)
    ctx["sections"] = sections
    ctx["verdicts"] = t("print.verdicts", **_verdict_words(publication))
    ctx["headlines"] = content.headlines(t, publication, figures)
    ctx["doing"] = None
    if responses is not None:
        ctx["doing"] = accountability.leaflet_doing(t, publication, responses, doing)
    return ctx


def _verdict_words(publication: Publication) -> dict[str, int]:
    counts = verdict_counts(verdicts(publication))
    return {"total": sum(counts.values()), **counts}


def full_report_pdf(
    publication: Publication, out: Path, responses: Responses | None = None
) -> Path:
    """Write the full report (every measure, every year, sources, glossary) to ``out``; with
    ``responses``, each shortfall's actions and a closing chapter of actions and
    recommendations."""
    context = full_report_context(publication, responses)
    return render("full_report.html.j2", context, "print.css.j2").write(Path(out))


def summary_pdf(publication: Publication, out: Path, responses: Responses | None = None) -> Path:
    """Write the summary (at most five A4 pages) to ``out``; with ``responses``, what is being
    done about each shortfall listed."""
    contexts: list[Callable[[], Mapping[str, Any]]] = [
        partial(summary_context, publication, n, k, responses) for n, k in SUMMARY_FITS
    ]
    rendered = render_to_fit("summary.html.j2", "print.css.j2", contexts, SUMMARY_MAX_PAGES)
    return rendered.write(Path(out))


def leaflet_pdf(publication: Publication, out: Path, responses: Responses | None = None) -> Path:
    """Write the one-page leaflet to send with decision letters to ``out``; with
    ``responses``, a few lines on what is being done about the shortfalls."""
    contexts: list[Callable[[], Mapping[str, Any]]] = [
        partial(leaflet_context, publication, p, f, d, responses) for p, f, d in LEAFLET_FITS
    ]
    rendered = render_to_fit("leaflet.html.j2", "print.css.j2", contexts, LEAFLET_MAX_PAGES)
    return rendered.write(Path(out))


SUMMARY_TEXT_KEYS = (
    "print.summary.intro",
    "print.summary.verdicts_intro",
    "print.summary.promises_caption",
    "print.summary.glance_caption",
    "print.summary.shortfalls_intro",
    "print.summary.no_shortfalls",
    "print.synthetic.text",
    "print.more.no_website",
    "print.more.formats",
)
LEAFLET_TEXT_KEYS = (
    "print.leaflet.intro",
    "print.leaflet.synthetic_short",
    "print.more.no_website",
    "print.more.formats",
)


def _website(t: Catalogue, publication: Publication) -> tuple[str, str]:
    website = publication.framework.project.website or "https://example.org"
    return ("print.more.website", t("print.more.website", website=website))


def summary_texts(publication: Publication) -> list[tuple[str, str]]:
    """The summary's own wording (catalogue text, filled in), for the readability gate.

    Text that comes from the framework or the results (titles, reasons, the contact's
    name) is not included: it is the framework authors' wording, not the summary's.
    """
    t = content.catalogue_for(publication)
    return [
        *content.fixed_texts(t, SUMMARY_TEXT_KEYS),
        ("print.summary.more_shortfalls", t("print.summary.more_shortfalls", count=3)),
        ("print.verdicts", t("print.verdicts", **_verdict_words(publication))),
        _website(t, publication),
        *_challenge_texts(t, publication),
        *accountability.summary_texts(t),
    ]


def _challenge_texts(t: Catalogue, publication: Publication) -> list[tuple[str, str]]:
    found = content.challenge(t, publication)
    return found.texts() if found is not None else []


def _contact_texts(t: Catalogue, publication: Publication) -> list[tuple[str, str]]:
    found = contact_routes(publication.framework, t)
    where = f"{publication.framework.contact_file}, contact"
    return [(where, text) for text in found.texts()] if found is not None else []


def leaflet_texts(publication: Publication) -> list[tuple[str, str]]:
    """The leaflet's own wording (catalogue text, filled in), for the readability gate."""
    t = content.catalogue_for(publication)
    return [
        *content.fixed_texts(t, LEAFLET_TEXT_KEYS),
        ("print.verdicts", t("print.verdicts", **_verdict_words(publication))),
        _website(t, publication),
        *_challenge_texts(t, publication),
        *_contact_texts(t, publication),
        *accountability.leaflet_texts(t),
    ]

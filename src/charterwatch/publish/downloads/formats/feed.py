"""The Atom feed of releases (``releases.atom``): one entry per year of figures.

Each entry names the year, says how many measures were better, about the same or worse than
the year before, links to the year's page and is dated by the store's latest run for that
year (or a stable stand-in date), so the feed only changes when the figures do. Without a
``base_url`` the links are relative to the feed and the ids are ``urn:`` names; with one,
links are absolute and ids are the feed's address with the year as fragment
(``.../releases.atom#2023-24``). When the figures come from synthetic records, the feed's
subtitle and every entry say so: a feed reader shows an entry on its own, away from the site's
banner.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.layout import OGL_URL
from charterwatch.publish.downloads.records import slug
from charterwatch.publish.downloads.registry import DownloadFormat, register
from charterwatch.publish.view import status_group

ATOM = "http://www.w3.org/2005/Atom"
FEED = "releases.atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def year_counts(ctx: DownloadContext, year: str) -> Counter[str]:
    """How many headline figures of ``year`` fall in each status group (better, same ...)."""
    return Counter(status_group(r) for r in ctx.rows if r.label == year and r.is_headline)


def feed_document(ctx: DownloadContext) -> ET.Element:
    """The Atom feed as an element tree, newest year first."""
    t = ctx.catalogue
    key = "downloads.feed."
    opts = ctx.options
    project = ctx.publication.framework.project
    name = slug(project.short_name or project.name)
    years = sorted(ctx.years, reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: project.language or t.language})
    feed_id = opts.download_link(FEED) if opts.base_url else f"urn:charterwatch:{name}"
    _sub(feed, "id", feed_id)
    _sub(feed, "title", t(key + "title", name=project.name))
    synthetic = ctx.publication.synthetic
    subtitle = t(key + "subtitle")
    if synthetic:
        subtitle += " " + t(key + "synthetic")
    _sub(feed, "subtitle", subtitle)
    _sub(feed, "updated", max(ctx.updated(y) for y in years))
    author = _sub(feed, "author")
    _sub(author, "name", project.organisation)
    if project.website:
        _sub(author, "uri", project.website)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=opts.download_link(FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=opts.site_link("index.html"))
    _sub(feed, "link", rel="license", href=OGL_URL)
    _sub(feed, "rights", t(key + "rights"))
    for year in years:
        counts = year_counts(ctx, year)
        page = opts.page_link(year, ctx.year)
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{feed_id}#{year}" if opts.base_url else f"{feed_id}:{year}")
        _sub(entry, "title", t(key + "entry_title", name=project.name, year=year))
        _sub(entry, "updated", ctx.updated(year))
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
        summary = t(
            key + "summary",
            measures=sum(counts.values()),
            year=year,
            better=counts["better"],
            same=counts["same"],
            worse=counts["worse"],
        )
        if synthetic:
            summary += " " + t(key + "synthetic")
        _sub(entry, "summary", summary, type="text")
    return feed


@register
class AtomFormat(DownloadFormat):
    """A feed of releases, one entry per year."""

    name = "atom"
    pattern = FEED
    media_type = "application/atom+xml"
    description_key = "downloads.formats.atom"
    order = 70

    def build(self, ctx: DownloadContext) -> list[Path]:
        ET.register_namespace("", ATOM)
        tree = feed_document(ctx)
        ET.indent(tree)
        text = ET.tostring(tree, encoding="unicode", xml_declaration=False)
        path = ctx.out_dir / FEED
        path.write_bytes(('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode())
        return [path]

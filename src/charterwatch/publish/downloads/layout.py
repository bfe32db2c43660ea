"""Assembles the accessible spreadsheet: cover, contents and notes sheets, then the tables.

The cover says what the spreadsheet holds, for which year, who publishes it and how to get
in touch, and warns when figures come from synthetic data. The contents sheet lists the notes
and every table with a link to its sheet. The Actions and Recommendations sheets (see
:mod:`.accountability_sheets`) follow the tables of figures.
"""

from __future__ import annotations

from charterwatch.publish.downloads.accountability_sheets import accountability_sheets
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.notes import notes_sheet
from charterwatch.publish.downloads.tables import table_sheets
from charterwatch.publish.downloads.workbook import (
    Cell,
    Line,
    Link,
    Sheet,
    Table,
    Workbook,
    table_name,
)


def build_workbook(ctx: DownloadContext) -> Workbook:
    """Cover, Contents and Notes sheets, then every table sheet of the publication, then the
    Actions and Recommendations sheets."""
    t = ctx.catalogue
    tables = table_sheets(ctx)
    taken = {s.name for s in tables} | {
        t(f"downloads.workbook.sheets.{k}") for k in ("cover", "contents", "notes")
    }
    tables += accountability_sheets(ctx, len(tables) + 1, taken)
    notes = notes_sheet(ctx, tables)
    contents = _contents(ctx, [notes, *tables])
    project = ctx.publication.framework.project
    years = ctx.years
    return Workbook(
        title=t("downloads.workbook.file_title", name=project.name, year=ctx.year),
        subject=t(
            "downloads.workbook.subject",
            framework=ctx.publication.framework.framework.spec.title,
            first=years[0],
            last=years[-1],
        ),
        author=project.organisation,
        language=project.language or t.language,
        created=ctx.computed_at.replace(tzinfo=None),
        sheets=[_cover(ctx), contents, notes, *tables],
    )


def charter_lines(ctx: DownloadContext) -> list[Cell]:
    """Which charter version the figures are reported against, and a newer one in force by
    the end of the year (the same facts as the site's notice)."""
    t = ctx.catalogue
    pub = ctx.publication
    measured = pub.measured_charter
    if measured is None:
        return []
    lines: list[Cell] = [
        t(
            "downloads.workbook.cover.charter",
            charter=measured.name,
            framework=pub.framework.framework.id,
        )
    ]
    change = pub.charter_change
    if change is not None and change.adopted:
        lines.append(
            t(
                "downloads.workbook.cover.adopted_charter",
                charter=change.new.name,
                date=change.new.spec.effective_from.isoformat(),
                before=pub.previous_year,
                old=change.old.name,
            )
        )
    elif change is not None:
        lines.append(
            t(
                "downloads.workbook.cover.newer_charter",
                charter=change.new.name,
                date=change.new.spec.effective_from.isoformat(),
            )
        )
    return lines


def _cover(ctx: DownloadContext) -> Sheet:
    t = ctx.catalogue
    key = "downloads.workbook.cover."
    project = ctx.publication.framework.project
    years = ctx.years
    start = int(ctx.year[:4])
    pairs: list[tuple[str, list[Cell]]] = [
        (
            "contains_heading",
            [
                t(
                    key + "contains",
                    framework=ctx.publication.framework.framework.spec.title,
                    first=years[0],
                    last=years[-1],
                )
            ],
        ),
        ("year_heading", [t(key + "year", year=ctx.year, start=start, end=start + 1)]),
    ]
    charter = charter_lines(ctx)
    if charter:
        pairs.append(("charter_heading", charter))
    if ctx.responses.actions or ctx.responses.recommendations:
        pairs[0][1].append(t(key + "contains_actions", date=ctx.as_of.isoformat()))
    if ctx.publication.synthetic:
        pairs.append(("synthetic_heading", [t(key + "synthetic")]))
    pairs += [
        ("notes_heading", [t(key + "notes")]),
        ("source_heading", [t(key + "source", organisation=project.organisation)]),
        ("computed_heading", [t(key + "computed", date=ctx.computed_at.date().isoformat())]),
        ("licence_heading", [Link(t(key + "licence"), url=OGL_URL)]),
    ]
    contact: list[Cell] = [project.contact or project.organisation]
    if project.website:
        contact.append(Link(t(key + "website", url=project.website), url=project.website))
    pairs.append(("contact_heading", contact))
    lines = []
    for heading, texts in pairs:
        lines.append(Line(t(key + heading), "heading"))
        lines.extend(Line(text) for text in texts)
    title = t(key + "title", name=project.name, year=ctx.year)
    return Sheet(t("downloads.workbook.sheets.cover"), title, lines)


OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
"""The Open Government Licence v3.0, under which the figures are published."""


def _contents(ctx: DownloadContext, listed: list[Sheet]) -> Sheet:
    t = ctx.catalogue
    key = "downloads.workbook.contents."
    rows: list[list[Cell]] = [[Link(s.name, sheet=s.name), s.title] for s in listed]
    name = t("downloads.workbook.sheets.contents")
    table = Table(table_name(name), [t(key + "sheet"), t(key + "table_title")], rows)
    return Sheet(name, t(key + "title"), [Line(t("downloads.workbook.one_table"))], table)

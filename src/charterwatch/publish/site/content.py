"""What goes on the pages that are not one-to-one with the model: what to expect, easy
read, the "about this measure" list and the years table.

Everything here is derived from the publication and worded through the catalogue, so the
same facts appear the same way in every layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.measures.registry import load_builtin_kinds
from charterwatch.model.framework import Measure
from charterwatch.publish.charter_pages import charter_page
from charterwatch.publish.contact_routes import ContactRoutes, contact_routes
from charterwatch.publish.formatting import figure_text, value_text
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.view import MeasureView, Publication
from charterwatch.stats.rounding import round_half_up


@dataclass(frozen=True)
class Expectation:
    view: MeasureView
    label: str
    figure: str
    words: str


def expectations(pub: Publication, t: Catalogue) -> list[Expectation]:
    """Typical processing times and waits from the latest figures, in plain words."""
    out = []
    for view in pub.measures.values():
        row = view.latest
        if row is None or row.value is None:
            continue
        if view.measure.kind != "duration":
            continue
        figure = value_text(row.value, row.unit)
        key = "site.expect.words_seconds" if row.unit == "seconds" else "site.expect.words"
        words = " ".join(w for w in (t(key, value=figure), most_took(view, t)) if w)
        out.append(Expectation(view, view.measure.title, figure, words))
    return out


DAYS_A_WEEK = {"working_days": 5, "calendar_days": 7}
"""How many of a unit make a week, for "about 18 weeks"."""


def most_took(view: MeasureView, t: Catalogue) -> str:
    """ "9 in 10 took 89 working days or less (about 18 weeks)." from the published 90th
    percentile; that it cannot be shown when withheld; nothing when there is none."""
    found = next((f for f in view.supporting if f.statistic == "p90"), None)
    if found is None:
        return ""
    if found.value is None or found.symbol:
        return t("site.expect.nine_in_ten_withheld")
    time = value_text(found.value, found.unit)
    per_week = DAYS_A_WEEK.get(found.unit)
    if per_week is not None and found.value >= 2 * per_week:
        weeks = round_half_up(found.value / per_week)
        return t("site.expect.nine_in_ten_weeks", time=time, weeks=weeks)
    return t("site.expect.nine_in_ten", time=time)


def in_tens(percent: float) -> str:
    """A percentage as "about 9 in 10", the way easy read gives proportions."""
    tens = round_half_up(percent / 10)
    return f"{tens} in 10"


ICONS = Path(__file__).resolve().parent / "static" / "icons"


def easy_icons() -> dict[str, str]:
    """The easy-read icons (decorative inline SVG, hidden from screen readers) by name."""
    return {p.stem: p.read_text(encoding="utf-8").strip() for p in sorted(ICONS.glob("*.svg"))}


@dataclass(frozen=True)
class EasyBlock:
    """A block of the easy-read page; ``places`` says where each line's words were written
    (a catalogue key, or a charter or framework file, line and field), for the
    readability gate."""

    heading: str
    icon: str
    lines: list[str]
    places: list[str] = field(default_factory=list)
    routes: ContactRoutes | None = None
    """When set, the block shows the contact routes (its ``lines`` are their words)."""


def easy_read_blocks(pub: Publication, t: Catalogue) -> list[EasyBlock]:
    """Short sentences, one idea a line: each section's promises, results and shortfalls."""
    blocks = [
        EasyBlock(
            t("easy.about_heading"),
            "question",
            [t("easy.about_1"), t("easy.about_2", year=pub.year), t("easy.about_3")],
            ["easy.about_1", "easy.about_2", "easy.about_3"],
        )
    ]
    for section in pub.sections:
        lines = [t("easy.we_promised")]
        places = ["easy.we_promised"]
        for c in section.commitments[:3]:
            lines.append((c.short or c.text).rstrip(".") + ".")
            said = "short" if c.short else "text"
            places.append(f"{c.origin.at(said)}, commitment {c.id} {said}")
        results = [
            v
            for v in section.measures
            if v.measure.easy_read
            and v.latest
            and v.latest.value is not None
            and v.latest.unit == "percent"
        ][:3]
        if results:
            lines.append(t("easy.what_we_found"))
            places.append("easy.what_we_found")
        for v in results:
            assert v.latest is not None
            tens = in_tens(float(v.latest.value or 0.0))
            lines.append(t("easy.result", tens=tens, said=v.measure.easy_read))
            places.append(f"{v.measure.origin.at('easy_read')}, measure {v.measure.id} easy_read")
        worse = sum(1 for v in section.measures if v.shortfall)
        lines.append(t("easy.shortfalls", count=worse) if worse else t("easy.no_shortfalls"))
        places.append("easy.shortfalls" if worse else "easy.no_shortfalls")
        blocks.append(EasyBlock(section.title, "people", lines, places))
    challenge = charter_page(pub.framework, "challenge", pub.year, t)
    if challenge.easy_read:
        where = "pages/challenge.yaml, field easy_read"
        blocks.append(
            EasyBlock(
                t("easy.challenge_heading"),
                "warning",
                challenge.easy_read,
                [f"{where}, line {i}" for i in range(1, len(challenge.easy_read) + 1)],
            )
        )
    routes = contact_routes(pub.framework, t)
    if routes is not None:
        words = routes.texts()
        where = f"{pub.framework.contact_file}, contact"
        blocks.append(
            EasyBlock(t("easy.help_heading"), "people", words, [where] * len(words), routes)
        )
    if pub.synthetic:
        blocks.append(
            EasyBlock(
                t("easy.synthetic_heading"), "check", [t("easy.synthetic_1")], ["easy.synthetic_1"]
            )
        )
    return blocks


def about_rows(view: MeasureView, pub: Publication, t: Catalogue) -> list[tuple[str, str]]:
    """The "about this measure" list: definition, method, source, owner, quality, contact."""
    m = view.measure
    fw = pub.framework
    kinds = load_builtin_kinds()
    kind = kinds.get(m.kind)
    sources = ", ".join(fw.sources[s].name for s in m.sources if s in fw.sources)
    rows = [
        (t("site.measure.about.definition"), m.definition),
        (t("site.measure.about.kind"), worked_out(m, kind.summary if kind else m.kind, sources, t)),
        (t("site.measure.about.source"), sources),
        (t("site.measure.about.owner"), m.owner),
        (t("site.measure.about.polarity"), t(f"site.measure.polarity.{m.polarity.value}")),
    ]
    if m.service_standard:
        s = m.service_standard
        rows.append(
            (
                t("site.measure.about.standard"),
                f"{s.direction.replace('_', ' ')} {s.value:g} {s.unit.value.replace('_', ' ')}",
            )
        )
    if m.breaks:
        rows.append(
            (t("site.measure.about.breaks"), " ".join(f"{b.year}: {b.reason}" for b in m.breaks))
        )
    quality = [
        q
        for q in (m.notes, t("site.measure.about.reconstructed") if m.reconstructed else None)
        if q
    ]
    if quality:
        rows.append((t("site.measure.about.quality"), " ".join(quality)))
    rows.append((t("site.measure.about.next_release"), next_release(pub, t)))
    if fw.project.contact:
        rows.append((t("site.measure.about.contact"), fw.project.contact))
    return rows


def worked_out(m: Measure, summary: str, sources: str, t: Catalogue) -> str:
    """ "How it is worked out", specific to the measure: for a time between two events, which
    statistic of the time from which event to which, in which unit, from which source; for
    any other kind, the kind's summary with the measure's source and unit."""
    unit = m.unit.value.replace("_", " ")
    start, end = m.params.get("start"), m.params.get("end")
    if isinstance(start, str) and isinstance(end, str):
        statistic = str(m.params.get("statistic", "median"))
        if statistic == "percentile":
            words = t("site.measure.about.percentile", n=m.params.get("percentile", 50))
        else:
            words = t(f"site.measure.about.{statistic}")
        return t(
            "site.measure.about.worked_out_events",
            statistic=words,
            unit=unit,
            start=start.replace("_", " "),
            end=end.replace("_", " "),
            source=sources or t("site.measure.about.no_source"),
        )
    if sources:
        return t("site.measure.about.worked_out_source", summary=summary, unit=unit, source=sources)
    return t("site.measure.about.worked_out", summary=summary, unit=unit)


def next_release(pub: Publication, t: Catalogue) -> str:
    """When the next year's figures come out: the framework's ``release_month`` (else the
    month of its ``release_date``) in the year after the next reporting year ends, e.g.
    "November 2026" for 2024-25; "not announced" when the framework gives no month."""
    project = pub.framework.project
    month = project.release_month or (project.release_date.month if project.release_date else None)
    if month is None:
        return t("site.next_release_unknown")
    start = int(pub.year[:4]) + 1
    return t("site.next_release", month=t(f"print.doing.months.m{month}"), year=start + 1)


def years_table(pub: Publication) -> dict[str, Any]:
    """Every measure's headline figure in every year, for the previous-years page."""
    years = pub.years
    rows = []
    for v in pub.measures.values():
        by_year = {r.label: r for r in v.series}
        cells: list[Any] = [(f"{v.id} {v.measure.title}", f"../measures/{v.id}/index.html")]
        for y in years:
            r = by_year.get(y)
            cells.append(figure_text(r) if r else "")
        rows.append(cells)
    return {"headings": ["Measure", *years], "rows": rows}

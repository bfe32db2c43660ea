"""The framework's contact routes and advice services worded for publishing, in one place.

The challenge page, what to expect, the easy-read page, the accessibility statement and the
leaflet all show how to reach the organisation and independent advice. This module turns the
folder's ``contact:`` (:mod:`charterwatch.model.contact`) into what they show: each way in
with its name for people, what to dial, write to or open, the link (``tel:`` for a number,
``mailto:`` for an email address, the page's own address), opening hours and notes. One
macro, ``contact_routes.html`` in :data:`TEMPLATES`, lays it out for the site and the PDFs.
Nothing here knows any charter: every name and number comes from the folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from charterwatch.model.contact import AdviceServiceFile, ContactRouteFile
from charterwatch.model.framework import Framework
from charterwatch.model.links import tel_href
from charterwatch.publish.i18n import Catalogue

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Templates shared by the site and the printed outputs (the contact routes macro)."""


@dataclass(frozen=True)
class Way:
    """One way to reach someone, worded: ``label`` ("Phone"), ``text`` (what to dial, write
    to or open), its ``href`` (None when it is not a link), the lines of a postal address,
    when it is open ("Open Monday to Friday, 9am to 5pm") and a note."""

    kind: str
    label: str
    text: str
    href: str | None
    address: list[str] = field(default_factory=list)
    hours: str = ""
    note: str = ""


@dataclass(frozen=True)
class AdviceService:
    """An independent advice service: its name, what it does and how to reach it."""

    name: str
    help: str
    ways: list[Way]


@dataclass(frozen=True)
class ContactRoutes:
    """Everything the contact macro shows, headings and introductions included."""

    heading: str
    intro: str
    ways: list[Way]
    advice_heading: str
    advice_intro: str
    advice: list[AdviceService]

    def texts(self) -> list[str]:
        """The sentences the readability gates score: the introductions, opening hours,
        notes and what each service does. Names, numbers and addresses are not prose, so
        they are left out (a postal address would read as one very hard sentence)."""
        ways = [*self.ways, *(w for s in self.advice for w in s.ways)]
        lines = [self.intro, *(p for w in ways for p in (w.hours, w.note) if p)]
        if self.advice:
            lines += [self.advice_intro, *(s.help for s in self.advice)]
        return lines


def shown_address(url: str) -> str:
    """A web address as people read it: without ``https://`` and a trailing ``/``."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
    return url.rstrip("/")


def _sentence(text: str) -> str:
    """``text`` ending in a full stop (unless it already ends a sentence), or empty."""
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def way(route: ContactRouteFile, t: Catalogue) -> Way:
    """One route worded: a number becomes a ``tel:`` link, an email address ``mailto:``, a
    page its own address; a postal address is its lines, not a link."""
    label = route.label or t(f"common.contact.kinds.{route.kind}")
    if route.number is not None:
        text, href = route.number, tel_href(route.number)
    elif route.email is not None:
        text, href = route.email, f"mailto:{route.email}"
    elif route.url is not None:
        text, href = shown_address(route.url), route.url
    else:
        text, href = "", None
    return Way(
        kind=route.kind,
        label=label,
        text=text,
        href=href,
        address=list(route.address or []),
        hours=_sentence(t("common.contact.hours", hours=route.hours.strip()))
        if route.hours
        else "",
        note=_sentence(route.note or ""),
    )


def _service(service: AdviceServiceFile, t: Catalogue) -> AdviceService:
    return AdviceService(service.name, _sentence(service.help), [way(r, t) for r in service.routes])


def contact_routes(fw: Framework, t: Catalogue) -> ContactRoutes | None:
    """The folder's contact routes worded, or None when it declares none (``contact:``)."""
    if fw.contact is None:
        return None
    return ContactRoutes(
        heading=t("common.contact.heading"),
        intro=t("common.contact.intro"),
        ways=[way(r, t) for r in fw.contact.routes],
        advice_heading=t("common.contact.advice_heading"),
        advice_intro=t("common.contact.advice_intro"),
        advice=[_service(s, t) for s in fw.contact.advice],
    )

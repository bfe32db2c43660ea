"""How people reach the organisation and independent advice: ``contact:`` in ``contact.yaml``.

Help must be in reach wherever a person reads about their rights (how to challenge a
decision, what to expect, the easy-read page, the leaflet, the accessibility statement), and
the ways in belong to one charter: its phone number and hours, a text relay or sign-language
service, an email address, a web form, a postal address, and the independent advice services
that help people free of charge. A framework folder declares them once; charterwatch lays
them out (:mod:`charterwatch.publish.contact_routes`).

Example::

    contact:
      routes:
        - {kind: phone, number: 0800 000 0000, hours: Monday to Friday, 9am to 5pm}
        - {kind: email, email: help@example.org}
        - {kind: post, address: [Customer Service, 1 High Street, Anytown, AB1 2CD]}
      advice:
        - name: Anytown Advice Centre
          help: Free, independent advice about your rights.
          routes:
            - {kind: website, url: "https://advice.example.org"}

Each route names its ``kind`` and the one field that kind is reached by (``number``,
``email``, ``url`` or ``address``); :func:`check_contact` reports a missing or a stray one as
``CW-T005`` with its line, since pydantic alone cannot say which field a kind needs.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from charterwatch.model.files import Strict, Text
from charterwatch.model.issues import Issue, Level
from charterwatch.model.links import PHONE_NUMBER, WebAddress, phone_problem
from charterwatch.model.yamlfile import PathKey, YamlDocument, dotted

CONTACT_KEY = "contact"
"""The top-level key, by convention in ``contact.yaml`` at the top of the folder."""

RouteKind = Literal["phone", "text_relay", "sign_language", "email", "web_form", "website", "post"]

REACHED_BY: dict[str, str] = {
    "phone": "number",
    "text_relay": "number",
    "sign_language": "url",
    "email": "email",
    "web_form": "url",
    "website": "url",
    "post": "address",
}
"""The one field each kind of route is reached by: the others are not used by that kind."""

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _phone(number: str) -> str:
    problem = phone_problem(number)
    if problem is not None:
        raise ValueError(f"{problem}, e.g. 0800 123 4567")
    return number


def _email(address: str) -> str:
    if re.match(EMAIL, address) is None:
        raise ValueError("an email address such as help@example.org (no 'mailto:', no spaces)")
    return address


PhoneNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_phone),
    Field(json_schema_extra={"pattern": PHONE_NUMBER}),
]
EmailAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_email),
    Field(json_schema_extra={"pattern": EMAIL}),
]


class ContactRouteFile(Strict):
    """One way to reach someone: its kind, the number, address or link it is reached by, and
    when it is open."""

    kind: RouteKind = Field(description="How people reach you this way.")
    label: str | None = Field(
        None, description="The route's name for people (default: the kind's, e.g. 'Phone')."
    )
    number: PhoneNumber | None = Field(
        None, description="phone, text_relay: the number to call, digits and spaces."
    )
    email: EmailAddress | None = Field(None, description="email: the address to write to.")
    url: WebAddress | None = Field(
        None, description="sign_language, web_form, website: the https:// address."
    )
    address: list[Text] | None = Field(
        None, min_length=2, description="post: the postal address, one line an entry."
    )
    hours: str | None = Field(None, description="When it is open, in words.")
    note: str | None = Field(None, description="Anything else people need: cost, how it works.")


class AdviceServiceFile(Strict):
    """An independent service that helps people free of charge, and how to reach it."""

    name: Text
    help: Text = Field(description="What the service does for people, in one sentence.")
    routes: list[ContactRouteFile] = Field(min_length=1)


class ContactFile(Strict):
    """The ways to reach the organisation (``routes``) and independent advice (``advice``)."""

    routes: list[ContactRouteFile] = Field(min_length=1)
    advice: list[AdviceServiceFile] = Field(default_factory=list)


def _route_issues(route: ContactRouteFile, path: PathKey, doc: YamlDocument) -> list[Issue]:
    needed = REACHED_BY[route.kind]
    issues = []
    if getattr(route, needed) is None:
        issues.append(
            Issue(
                code="CW-T005",
                level=Level.ERROR,
                file=doc.file,
                line=doc.line_of(path),
                location=dotted(path),
                message=f"a '{route.kind}' route has no '{needed}:', so nobody could use it",
                expected=f"'{needed}:' on every '{route.kind}' route",
                fix=f"add '{needed}:' (see docs/framework-format.md, 'contact:')",
            )
        )
    for stray in sorted(set(REACHED_BY.values()) - {needed}):
        if getattr(route, stray) is not None:
            issues.append(
                Issue(
                    code="CW-T005",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of_key((*path, stray)),
                    location=dotted((*path, stray)),
                    message=f"a '{route.kind}' route is reached by '{needed}:', not '{stray}:'",
                    expected=f"'{stray}:' only on a route of kind "
                    + " or ".join(sorted(k for k, f in REACHED_BY.items() if f == stray)),
                    fix=f"move it to a route of its own kind, or remove '{stray}:'",
                )
            )
    return issues


def check_contact(contact: ContactFile, doc: YamlDocument) -> list[Issue]:
    """Every route must carry the field its kind is reached by, and no other (``CW-T005``)."""
    issues = []
    for i, route in enumerate(contact.routes):
        issues += _route_issues(route, (CONTACT_KEY, "routes", i), doc)
    for i, service in enumerate(contact.advice):
        for j, route in enumerate(service.routes):
            issues += _route_issues(route, (CONTACT_KEY, "advice", i, "routes", j), doc)
    return issues

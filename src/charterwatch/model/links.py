"""The one rule for web addresses in a framework: which may become a link people can click.

A framework's ``source_url``, ``report_url`` and ``website`` end up as links on the site, in
the PDFs and in the spreadsheets, so an address such as ``javascript:alert(1)`` or
``data:text/html,...`` would run script when clicked. Only ``https:``, ``http:`` (with a
host) and ``mailto:`` addresses are allowed, written without spaces or control characters
(browsers drop tabs and line breaks inside an address, so ``java\\tscript:`` would otherwise
pass). The loader rejects any other address with ``CW-H001`` (:data:`WebAddress`), and the
site, the PDFs and the spreadsheets link only what :func:`is_web_link` accepts, so the rule
lives here once. Phone numbers (``contact.yaml``) become ``tel:`` links only through
:func:`tel_href`, from digits and spaces; a ``tel:`` address written in a file is refused.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

ALLOWED_SCHEMES = ("https", "http", "mailto")
"""The schemes a framework's web addresses may use."""

ERROR_TYPE = "web_address"
"""The pydantic error type of a refused address; :mod:`.errors` words it as ``CW-H001``."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def address_problem(url: str) -> str | None:
    """Why ``url`` may not be published as a link, or None when it may."""
    if not url:
        return "the address is empty"
    if any(_hidden(c) for c in url):
        return "the address holds a space, tab, line break or other invisible character"
    match = _SCHEME.match(url)
    if match is None:
        return "the address does not start with https://, http:// or mailto:"
    scheme = match.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"the '{scheme}:' scheme is not allowed"
    if scheme == "mailto":
        return None if len(url) > len("mailto:") else "the mailto: address names nobody"
    try:
        host = urlsplit(url).netloc
    except ValueError:
        host = ""
    return None if host else f"the {scheme}: address has no host (write {scheme}://host/...)"


def is_web_link(url: str | None) -> bool:
    """True when ``url`` is an allowed absolute address (see :func:`address_problem`)."""
    return url is not None and address_problem(url) is None


PHONE_NUMBER = r"^\+?[0-9](?:[0-9 ]*[0-9])?$"
"""A phone number as people write it: digits and single spaces, optionally starting with
``+`` (``0800 182 2222``, ``18001 0800 182 2222``, ``+44 131 555 0100``)."""

_PHONE = re.compile(PHONE_NUMBER)
_TEL = re.compile(r"^tel:\+?[0-9]{3,}$")


def phone_problem(number: str) -> str | None:
    """Why ``number`` is not a phone number that may become a ``tel:`` link, or None."""
    if _PHONE.match(number) is None or "  " in number:
        return "a phone number holds only digits and single spaces, optionally after a '+'"
    if sum(c.isdigit() for c in number) < 3:
        return "a phone number has at least 3 digits"
    return None


def tel_href(number: str) -> str | None:
    """The ``tel:`` link of a phone number (its digits, and a leading ``+``), or None when
    :func:`phone_problem` refuses it: the only way a ``tel:`` link is made."""
    if phone_problem(number) is not None:
        return None
    return "tel:" + number.replace(" ", "")


def is_safe_href(href: str | None) -> bool:
    """True when ``href`` may go in a page's link: an allowed web address, a ``tel:`` link of
    digits (:func:`tel_href`), or a link within the site (a relative path or ``#fragment``
    with no scheme and no hidden characters)."""
    if href is None or href == "":
        return False
    if _TEL.match(href):
        return True
    if _SCHEME.match(href) is None and not href.startswith("//"):
        return not any(_hidden(c) for c in href)
    return is_web_link(href)


def _hidden(char: str) -> bool:
    """Spaces, control and format characters, which browsers drop or misread in addresses."""
    return unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Cn"}


def _checked(url: str) -> str:
    problem = address_problem(url)
    if problem is not None:
        raise PydanticCustomError(ERROR_TYPE, "{problem}", {"problem": problem})
    return url


SCHEMA_PATTERN = r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s/]|[Mm][Aa][Ii][Ll][Tt][Oo]:)\S*$"
"""The rule as a JSON Schema pattern, so editors flag a wrong address as it is typed."""

WebAddress = Annotated[
    str,
    AfterValidator(_checked),
    Field(
        json_schema_extra={
            "pattern": SCHEMA_PATTERN,
            "description": "A web address: https://, http:// or mailto: only.",
        },
    ),
]
"""A field holding a web address: https://, http:// or mailto: only (``CW-H001``)."""

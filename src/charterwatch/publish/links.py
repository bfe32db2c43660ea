"""Links in rendered HTML (the site and the PDFs), made only from addresses the rule allows.

Templates never write a framework's address into ``href`` themselves: they pass the label
and the address to the ``safe_link`` filter, which links only what
:func:`charterwatch.model.links.is_safe_href` accepts (https, http, mailto, or a link within
the site) and otherwise shows the label as plain text. The loader already refuses other
addresses (``CW-H001``); this is the same rule applied again where the link is written.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from charterwatch.model.links import is_safe_href


def safe_link(cell: Any, href: str | None = None) -> Markup:
    """``label | safe_link(address)`` (or a ``(label, address)`` pair) as an escaped link,
    or the escaped label alone when the address is missing or not allowed."""
    if isinstance(cell, tuple):
        cell, href = cell
    if href is not None and is_safe_href(href):
        return Markup('<a href="{}">{}</a>').format(href, cell)
    return escape(cell)

"""Template filters that show a stored figure exactly as the published pages will word it,
so the analyst signing it off checks the words the public reads, not a raw number."""

from __future__ import annotations

from typing import Any

from django import template

from charterwatch.units import figure_text

register = template.Library()


@register.filter
def as_published(row: Any) -> str:
    """A figure in words with its unit ("10 working days", "85%"), or its symbol."""
    return figure_text(row)

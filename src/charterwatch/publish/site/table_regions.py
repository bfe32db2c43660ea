"""Every data table in a region that scrolls on its own (WCAG 2.2 1.4.10, Reflow).

A table with many columns cannot reflow into 320 CSS px; the Scottish Government Design
System's answer is a wrapper that scrolls sideways by itself, reachable with the keyboard
(``tabindex="0"``) and named after the table's caption (``role="region"``), so the page
itself never scrolls sideways. Doing it here, after rendering, is the one place that holds
for every table of every page, including tables a template adds later.
"""

from __future__ import annotations

import re

WRAP_CLASS = "cw-table-wrap"
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
CAPTION = re.compile(r"<caption\b([^>]*)>", re.IGNORECASE)
CAPTION_ID = re.compile(r'\bid="([^"]+)"')


def wrap_tables(html: str) -> str:
    """``html`` with each table not already wrapped put in a labelled scroll region."""
    out: list[str] = []
    done = 0
    count = 0
    for match in TABLE.finditer(html):
        before = html[done : match.start()]
        out.append(before)
        table = match.group(0)
        if re.search(rf'<div class="{WRAP_CLASS}"[^>]*>\s*$', before):
            out.append(table)
        else:
            count += 1
            table, label = _labelled(table, count)
            out.append(
                f'<div class="{WRAP_CLASS}" role="region" {label} tabindex="0">{table}</div>'
            )
        done = match.end()
    out.append(html[done:])
    return "".join(out)


def _labelled(table: str, count: int) -> tuple[str, str]:
    """The table (its caption given an id if it had none) and the region's label attribute."""
    caption = CAPTION.search(table)
    if caption is None:
        return table, 'aria-label="Table"'
    found = CAPTION_ID.search(caption.group(1))
    if found is not None:
        return table, f'aria-labelledby="{found.group(1)}"'
    ident = f"cw-table-{count}"
    tagged = f'<caption id="{ident}"{caption.group(1)}>'
    return table[: caption.start()] + tagged + table[caption.end() :], f'aria-labelledby="{ident}"'

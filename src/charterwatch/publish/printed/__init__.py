"""Printed outputs: the full report, the summary (at most 5 pages) and the one-page leaflet.

All three are tagged PDF/UA-1 files written by WeasyPrint from the
:class:`~charterwatch.publish.view.Publication`, with every interface word from the catalogue
(``locales/<language>/print.yaml``). See ``docs/printed.md``.
"""

from charterwatch.publish.printed.documents import (
    LEAFLET_MAX_PAGES,
    SUMMARY_MAX_PAGES,
    full_report_pdf,
    leaflet_pdf,
    leaflet_texts,
    summary_pdf,
    summary_texts,
)

__all__ = [
    "LEAFLET_MAX_PAGES",
    "SUMMARY_MAX_PAGES",
    "full_report_pdf",
    "leaflet_pdf",
    "leaflet_texts",
    "summary_pdf",
    "summary_texts",
]

"""Session fixtures: the printed fixture computed once and its three PDFs written once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.publish.printed import full_report_pdf, leaflet_pdf, summary_pdf
from charterwatch.publish.view import Publication
from tests.publish.printed.fixtures import (
    PdfFacts,
    computed_publication,
    read_pdf,
    write_printed_framework,
)


@dataclass
class Printed:
    """The three PDFs of one publication, and what WeasyPrint logged while writing them."""

    publication: Publication
    full: PdfFacts
    summary: PdfFacts
    leaflet: PdfFacts
    logged: list[str]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def print_all(publication: Publication, out: Path) -> Printed:
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        full = full_report_pdf(publication, out / "report.pdf")
        summary = summary_pdf(publication, out / "summary.pdf")
        leaflet = leaflet_pdf(publication, out / "leaflet.pdf")
    finally:
        logger.removeHandler(handler)
    return Printed(
        publication, read_pdf(full), read_pdf(summary), read_pdf(leaflet), handler.messages
    )


@pytest.fixture(scope="session")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    """The printed fixture, computed once (treat it as read-only)."""
    return computed_publication(write_printed_framework(tmp_path_factory.mktemp("printed")))


@pytest.fixture(scope="session")
def printed(publication: Publication, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_all(publication, tmp_path_factory.mktemp("pdfs"))

"""The text of every output of a built site, cut into records placed by measure and period.

Pages, workbooks and PDFs repeat the figures of the structured downloads in other forms.
This module reads them as a reader would (HTML text, XLSX and ODS cells through
``python_calamine``, PDF text through ``pypdf``) and cuts each into :class:`TextRecord`
pieces: one table row, one ``data-figure`` element, one line of a measure's section of a PDF,
each placed under its measure and, where the piece says, its financial year.
:func:`check_outputs` then asks of every number in them: is it a number the structured
downloads publish for that measure (and year)? Anything else is a :class:`Mismatch`.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from charterwatch.review.published import Mismatch, PublishedCell

_YEAR = re.compile(r"\b(\d{4}-\d{2})\b")
_TAG = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
_PIECE = re.compile(
    r"<(?P<tag>tr|caption|h[1-6])\b[^>]*>(?P<body>.*?)</(?P=tag)>"
    r"|<(?P<ftag>\w+)[^>]*\bdata-figure=\"(?P<figure>[^\"]*)\"[^>]*>(?P<fbody>.*?)</(?P=ftag)>",
    re.S | re.I,
)
_FIGURE_NUMBER = re.compile(
    r"(?<![\w./-])(\d[\d,]*(?:\.\d+)?)\s*(%|working days?|days?\b|min\b|s\b|h\b)?"
)
_PDF_NUMBER = re.compile(
    r"(?<![\w./-])(\d[\d,]*(?:\.\d+)?)(?=%(?!\s*(?:confidence|interval))|\s+working\s+days?)"
    r"|Base:\s*(\d[\d,]*)"
)
_DATA_CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S | re.I)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S | re.I)
_TOLERANCE = 0.051


@dataclass(frozen=True)
class TextRecord:
    """One piece of an output: ``text`` as printed, under ``measure`` and ``period``.

    ``period`` is empty when the piece names no year; ``label`` is the row's own words
    (a statistic, a group), used to place a withheld cell in its row.
    """

    source: str
    measure: str
    period: str
    label: str
    text: str


def output_records(site_dir: Path, measures: Sequence[str]) -> Iterator[TextRecord]:
    """Every piece of every page, workbook and PDF of ``site_dir`` that names a measure."""
    known = set(measures)
    for path in sorted(site_dir.rglob("*")):
        source = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            yield from _html_records(path, source, known)
        elif path.suffix in {".xlsx", ".ods"}:
            yield from _workbook_records(path, source, known)
        elif path.suffix == ".pdf":
            yield from _pdf_records(path, source, known)


def check_outputs(site_dir: Path, cells: Sequence[PublishedCell]) -> list[Mismatch]:
    """Numbers in the pages, workbooks and PDFs that the structured downloads do not have.

    A workbook row or ``data-figure`` element must match a number of its measure and year;
    a PDF percentage, number of working days or ``Base:`` must match a number of its
    measure in some year (PDF lines often name no year).
    """
    by_period: dict[tuple[str, str], set[float]] = defaultdict(set)
    by_measure: dict[str, set[float]] = defaultdict(set)
    for cell in cells:
        quoted = _quoted_numbers(f"{cell.note} {cell.reason}")
        by_period[(cell.measure, cell.period)].update(cell.numbers, quoted)
        by_measure[cell.measure].update(cell.numbers, quoted)
    problems: list[Mismatch] = []
    for record in output_records(site_dir, sorted(by_measure)):
        if record.source.endswith(".pdf"):
            numbers, known = _pdf_numbers(record.text), by_measure[record.measure]
        elif record.period:
            numbers, known = _figure_numbers(record), by_period[(record.measure, record.period)]
        else:
            continue
        for number in numbers:
            if not any(abs(number - k) <= _TOLERANCE for k in known):
                what = f"{number:g} in {record.text[:80]!r} is not a published figure"
                problems.append(Mismatch(record.source, record.measure, record.period, what))
    return problems


def page_text(markup: str) -> str:
    """The visible text of an HTML fragment, spaces collapsed."""
    text = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", markup)))
    return " ".join(text.split())


def _html_records(path: Path, source: str, known: set[str]) -> Iterator[TextRecord]:
    markup = _HIDDEN.sub(" ", path.read_text("utf-8"))
    page_measure = path.parent.name if path.parent.name in known else ""
    year = ""
    for match in _PIECE.finditer(markup):
        if match.group("figure") is not None:
            measure, _, period = match.group("figure").partition("|")
            if measure in known:
                text = page_text(match.group("fbody"))
                yield TextRecord(source, measure, period, "figure", text)
            continue
        text = page_text(match.group("body"))
        found = _YEAR.search(text)
        if match.group("tag").lower() != "tr":
            year = found.group(1) if found else year
            continue
        body = match.group("body")
        data = [page_text(cell) for cell in _DATA_CELL.findall(body)]
        if page_measure and data and "data-figure" not in body:
            period = found.group(1) if found else year
            label = " ".join(page_text(cell) for cell in _HEAD_CELL.findall(body))
            yield TextRecord(source, page_measure, period, label, " ".join(data))


def _workbook_records(path: Path, source: str, known: set[str]) -> Iterator[TextRecord]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python()
        header: list[str] = []
        for row in rows:
            cells = ["" if c is None else c for c in row]
            if not header:
                texts = [str(c) for c in cells]
                if "Measure ID" in texts and "Financial year" in texts:
                    header = texts
                continue
            record = dict(zip(header, cells, strict=False))
            measure = str(record.get("Measure ID", ""))
            if measure not in known:
                continue
            skip = {"Measure ID", "Measure", "Financial year"}
            words = [str(v) for k, v in record.items() if k not in skip and isinstance(v, str)]
            numbers = [
                _shown(v)
                for k, v in record.items()
                if k not in skip and isinstance(v, int | float) and not isinstance(v, bool)
            ]
            yield TextRecord(
                f"{source}#{name}",
                measure,
                str(record.get("Financial year", "")),
                " ".join(words),
                " ".join(numbers),
            )


def _pdf_records(path: Path, source: str, known: set[str]) -> Iterator[TextRecord]:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    measure = ""
    heading = re.compile(r"^(\S+): ")
    for line in text.splitlines():
        found = heading.match(line)
        if found and found.group(1) in known:
            measure = found.group(1)
        elif found is None and line.startswith("Page "):
            continue
        if measure:
            year = _YEAR.search(line)
            yield TextRecord(source, measure, year.group(1) if year else "", "", line)


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _figure_numbers(record: TextRecord) -> list[float]:
    """The numbers of a workbook row or figure element; a time is turned into seconds."""
    text = _YEAR.sub(" ", record.text)
    if record.label == "figure" and re.search(r"\d\s*(min|h)\b", text):
        seconds = 0.0
        for amount, unit in re.findall(r"(\d+)\s*(h|min|s)\b", text):
            seconds += float(amount) * {"h": 3600, "min": 60, "s": 1}[unit]
        return [seconds]
    return [float(m.group(1).replace(",", "")) for m in _FIGURE_NUMBER.finditer(text)]


def _quoted_numbers(text: str) -> list[float]:
    """The numbers quoted in a published note or reason (``"from 7 to 9 (29%)"``)."""
    found = re.findall(r"(?<![\w./-])(\d[\d,]*(?:\.\d+)?)", _YEAR.sub(" ", text))
    return [float(n.replace(",", "")) for n in found]


def _pdf_numbers(line: str) -> list[float]:
    text = _YEAR.sub(" ", " ".join(line.split()))
    return [float((a or b).replace(",", "")) for a, b in _PDF_NUMBER.findall(text)]

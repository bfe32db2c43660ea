"""Acceptance (issue 11): a charter from another field publishes no Scottish word.

A library service charter is started with ``charterwatch init``, reworded, validated,
computed and built; then every file of its site is read as a person or a program would read
it (HTML and text line by line, HTML also as its visible text, PDFs through pypdf, the
spreadsheets cell by cell, the zip bundle member by member) and searched for the words of
:mod:`tests.any_charter.scotland_words`. A hit fails with the file, the line (or page, sheet
and row) and the text, so the wording can be moved into ``examples/scotland``.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from tests.any_charter.library import make_library_charter
from tests.any_charter.scotland_words import words_in

TEXT_SUFFIXES = {".html", ".csv", ".json", ".txt", ".css", ".js", ".atom", ".xml", ".md", ".svg"}


def _visible(markup: str) -> str:
    """The text of a page with its tags removed, so words split over tags are found."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _records(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(where, text) for every readable piece of one file."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
            for line_no, line in enumerate((page.extract_text() or "").splitlines(), start=1):
                yield f"{name} page {number} line {line_no}", line
    elif suffix in {".xlsx", ".ods"}:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet in workbook.sheet_names:
            for row_no, row in enumerate(workbook.get_sheet_by_name(sheet).to_python(), 1):
                text = " | ".join("" if c is None else str(c) for c in row)
                yield f"{name} sheet {sheet!r} row {row_no}", text
    elif suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            for member in bundle.namelist():
                yield from _records(f"{name}!{member}", bundle.read(member))
    else:
        text = data.decode("utf-8", errors="replace")
        for line_no, line in enumerate(text.splitlines(), start=1):
            yield f"{name} line {line_no}", line
        if suffix in {".html", ".svg"}:
            yield f"{name} (visible text)", _visible(text)


def scotland_words_in_site(site: Path, data_words: frozenset[str] = frozenset()) -> list[str]:
    """Every hit in every file of ``site``, as 'where: word(s) in "text"'. ``data_words``
    are left out: words that the charter's own figures can make (a landlord's median re-let
    of "31 days" is a figure, not a legal time limit)."""
    hits = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        for where, text in _records(name, path.read_bytes()):
            found = [w for w in words_in(text) if w not in data_words]
            if found:
                hits.append(f"{where}: {', '.join(found)} in {text.strip()[:200]!r}")
    return hits


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("library")
    root = make_library_charter(base / "library")
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(root)])
    assert checked.exit_code == 0, checked.output
    assert "0 errors, 0 warnings" in " ".join(checked.output.split()), checked.output
    computed = runner.invoke(app, ["compute", str(root)])
    assert computed.exit_code == 0, computed.output
    built = runner.invoke(app, ["build", str(root), "--out", str(base / "site")])
    assert built.exit_code == 0, built.output
    return base / "site"


@pytest.mark.slow
def test_a_library_charter_publishes_no_scottish_word(library_site: Path) -> None:
    kinds = {p.suffix for p in library_site.rglob("*") if p.is_file()}
    assert {".html", ".pdf", ".csv", ".json", ".xlsx", ".ods", ".zip"} <= kinds, kinds
    hits = scotland_words_in_site(library_site)
    assert not hits, "Scotland-specific words in a library charter's site:\n" + "\n".join(hits)


@pytest.mark.slow
def test_the_library_pages_use_its_own_rules_and_count_its_sections(library_site: Path) -> None:
    challenge = _visible((library_site / "challenge" / "index.html").read_text("utf-8"))
    assert "We reply within 10 working days." in challenge
    assert "Our reply times" in challenge and "Council review" in challenge
    home = _visible((library_site / "index.html").read_text("utf-8"))
    assert "The sections of the charter" in home
    measure = _visible((library_site / "measures" / "M1" / "index.html").read_text("utf-8"))
    assert "Next release Not announced yet" in measure
    assert "time from the received date to the decided date" in measure
    assert "counted in working days" in measure


def test_the_search_finds_words_split_over_tags_and_in_pdfs() -> None:
    """The search itself can fail: a word inside markup, and one in a zipped CSV, are hits."""
    page = b"<p>Appeal to the First-tier <strong>Tribunal</strong></p>"
    assert any("tribunal" in h for h in _hits("a.html", page))
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("data/figures.csv", "measure,note\nM1,Next release: November 2026\n")
    assert any("Next release: November" in h for h in _hits("all.zip", bundle.getvalue()))
    assert not _hits("a.csv", b"measure,value\nM1,3 working days\n")


def _hits(name: str, data: bytes) -> list[str]:
    return [f"{w}: {', '.join(words_in(t))}" for w, t in _records(name, data) if words_in(t)]


def test_the_starter_files_are_neutral(tmp_path: Path) -> None:
    """What ``charterwatch init`` writes names no service: a new author starts neutral."""
    root = tmp_path / "new"
    assert CliRunner().invoke(app, ["init", str(root)]).exit_code == 0
    hits = [
        f"{path.relative_to(root)} {where}: {', '.join(words_in(text))}"
        for path in sorted(p for p in root.rglob("*") if p.is_file())
        for where, text in _records(path.name, path.read_bytes())
        if words_in(text)
    ]
    assert not hits, hits

"""A published figure is shown exactly as entered, and figures for the same measure and year
are told apart by their breakdown, in the site, the downloads and the PDF.

Before, 12.25 read "12.2%" everywhere a sentence or a page showed it (41.75 read "41.8%"),
and the list of a measure's published figures read "2022-23: 30.5%" and "2022-23: 41.8%"
with nothing to say which was which.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from charterwatch.model.loader import load_framework
from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.site import build_site
from tests.publish.published_fixture import PUBLISHED, write_published_framework


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_published_framework(tmp_path_factory.mktemp("framework"))
    pipeline = Pipeline.open(root)
    pipeline.compute()
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(pipeline, out)
    return out


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_the_site_shows_the_figures_as_entered(site: Path) -> None:
    page = words((site / "measures" / "PUB" / "index.html").read_text("utf-8"))
    assert "12.25%" in page and "41.75%" in page, page
    assert "12.2%" not in page and "12.3%" not in page and "41.8%" not in page
    home = words((site / "index.html").read_text("utf-8"))
    assert "12.25%" in home and "12.2%" not in home
    count = words((site / "measures" / "PUBN" / "index.html").read_text("utf-8"))
    assert "one figure so far: 7 in 2022-23" in count, count


def test_the_downloads_hold_the_figures_as_entered(site: Path) -> None:
    table = (site / "downloads" / "data" / "PUB.csv").read_text("utf-8")
    assert ",2022-23,all,all,value,12.25,percent," in table
    assert ",2022-23,benefit,SCP,value,41.75,percent," in table
    assert ",2022-23,all,all,value,7,count," in (site / "downloads/data/PUBN.csv").read_text()
    book = openpyxl.load_workbook(site / "downloads" / "charterwatch-2022-23.xlsx")
    values = {c.value for ws in book for row in ws.iter_rows() for c in row}
    assert {12.25, 41.75, 7} <= values


def test_the_pdf_shows_the_figures_as_entered(site: Path) -> None:
    text = pdf_text(site / "downloads" / "report.pdf")
    assert "Measure PUB: 12.25% in 2022-23" in text, text
    assert "12.2%" not in text and "41.8%" not in text
    assert "Offices open, 2022-23: 7." in text


def test_figures_of_one_year_are_told_apart_by_their_breakdown(site: Path) -> None:
    page = (site / "measures" / "PUB" / "index.html").read_text("utf-8")
    cited = [words(item) for item in re.findall(r"<li>2022-23.*?</li>", page, re.S)]
    assert len(cited) == 3 and len(set(cited)) == 3, cited
    assert any("ADP" in c and "30.5%" in c for c in cited), cited
    assert any("SCP" in c and "41.75%" in c for c in cited), cited
    text = pdf_text(site / "downloads" / "report.pdf")
    assert re.search(r"Share taking it up, 2022-23, benefit ADP: 30\.5%", text), text
    assert re.search(r"Share taking it up, 2022-23, benefit SCP: 41\.75%", text), text
    book = openpyxl.load_workbook(site / "downloads" / "charterwatch-2022-23.xlsx")
    sheet = book["Published_figures"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("ADP" in str(r) and 30.5 in r for r in rows), rows


def test_invalid_two_figures_for_the_same_measure_year_and_breakdown(tmp_path: Path) -> None:
    root = write_published_framework(tmp_path)
    doubled = PUBLISHED.replace("value: 41.75,", "value: 41.75,", 1).replace(
        "breakdown: {benefit: SCP}", "breakdown: {benefit: ADP}"
    )
    (root / "published.yaml").write_text(doubled, encoding="utf-8")
    issues = [i for i in load_framework(root).issues.errors if i.code == "CW-M030"]
    assert len(issues) == 1, [i.render() for i in load_framework(root).issues]
    issue = issues[0]
    assert issue.file == "published.yaml"
    assert issue.line == 7  # the second of the two
    assert "pf-adp" in issue.message and "pf-scp" in issue.message
    assert "benefit ADP" in issue.message
    assert issue.fix and "breakdown" in issue.fix

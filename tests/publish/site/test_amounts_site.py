"""A money ratio, money means and totals, hours, calendar days and a rate per 1,000 read
correctly in words on the built site, and keep their full published precision (to the
penny) with the right unit in the CSV, XLSX and ODS downloads."""

from __future__ import annotations

import csv
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from charterwatch.pipeline import Pipeline
from charterwatch.publish.site.site import build_site
from tests.measures.amounts import write_amounts_framework


class _Text(HTMLParser):
    """The words of a page as a reader meets them (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pipeline = Pipeline.open(write_amounts_framework(tmp_path_factory.mktemp("amounts")))
    pipeline.compute()
    return build_site(pipeline, tmp_path_factory.mktemp("site") / "site").out


@pytest.mark.parametrize(
    ("measure", "phrases"),
    [
        (
            "COST",
            [
                "Average cost of a repair: £81.47 in 2022-23 (base 3,000; "
                "95% interval £81.42 to £81.52)",
                "The change from £71.00 in 2021-22 to £81.47 is statistically significant "
                "(z-test on two means, p < 0.001)",
                "The highest was £82.94 for north. The lowest was £80.00 for south.",
            ],
        ),
        ("SPEND", ["Total spent on repairs: €244,410.00 in 2022-23 (base 3,000)"]),
        (
            "RENT",
            [
                "Rent collected as a share of rent due: 97.5% in 2022-23 "
                "(base 3,000; 95% interval 97.3% to 97.7%)",
                "Worse than last year",
            ],
        ),
        (
            "HOURS",
            [
                "Average time to fix a repair: 3.6 hours in 2022-23",
                "from 5 hours to 3.6 hours",
            ],
        ),
        (
            "DAYS",
            [
                "Time to close a repair: 12 days in 2022-23",
                "The figure of 12 days meets the standard of at most 14 days.",
            ],
        ),
        ("SLOWEST", ["Time within which nine in ten repairs close: 14 days in 2022-23"]),
        ("COMPLAINTS", ["Complaints per 1,000 repairs: 12.3 per 1,000 in 2022-23"]),
    ],
)
def test_each_measure_reads_in_its_own_unit(site: Path, measure: str, phrases: list[str]) -> None:
    text = page_text(site / "measures" / measure / "index.html")
    for phrase in phrases:
        assert phrase in text, f"{measure}: {phrase!r} not in {text[:1500]}"
    assert not re.search(r"\d+ min \d+ s", text), "hours and days are not read as seconds"
    assert "withheld" not in text, "nothing in this fixture is withheld"


def read_csv(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (r["measure"], r["period"]): r
        for r in rows
        if r["breakdown"] == "all" and r["statistic"] == "value"
    }


def test_the_csv_keeps_the_pennies_and_names_the_unit(site: Path) -> None:
    rows = read_csv(site / "downloads" / "data" / "all-figures.csv")
    expected = {
        "COST": ("81.47", "money:GBP", "81.42", "81.52"),
        "SPEND": ("244410", "money:EUR", "", ""),
        "RENT": ("97.5", "percent", "97.3", "97.7"),
        "HOURS": ("3.6", "hours", "", ""),
        "DAYS": ("12", "calendar_days", "", ""),
        "COMPLAINTS": ("12.3", "per_1000", "", ""),
    }
    for measure, (value, unit, low, high) in expected.items():
        row = rows[(measure, "2022-23")]
        assert (row["value"], row["unit"], row["ci_low"], row["ci_high"]) == (
            value,
            unit,
            low,
            high,
        ), measure
    assert rows[("COST", "2021-22")]["value"] == "71"
    assert rows[("SPEND", "2021-22")]["unit"] == "money:EUR"


def ods_rows(path: Path, sheet: str) -> list[list[object]]:
    """The cells of one ODS sheet: floats as their typed ``office:value``, else text."""
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    table = next(
        t for t in root.iter(f"{{{ns['table']}}}table") if t.get(f"{{{ns['table']}}}name") == sheet
    )
    out = []
    for row in table.iter(f"{{{ns['table']}}}table-row"):
        cells: list[object] = []
        for cell in row.iter(f"{{{ns['table']}}}table-cell"):
            if cell.get(f"{{{ns['office']}}}value-type") == "float":
                cells.append(float(cell.get(f"{{{ns['office']}}}value") or "nan"))
            else:
                cells.append("".join(cell.itertext()))
        out.append(cells)
    return out


def headline_sheet(names: list[str]) -> str:
    return next(n for n in names if n.startswith("FS1"))


def test_the_spreadsheets_keep_the_pennies_and_word_the_unit(site: Path) -> None:
    book = openpyxl.load_workbook(site / "downloads" / "charterwatch-2022-23.xlsx")
    sheet = headline_sheet(book.sheetnames)
    from_xlsx = [list(r) for r in book[sheet].iter_rows(values_only=True)]
    with zipfile.ZipFile(site / "downloads" / "charterwatch-2022-23.ods") as archive:
        assert "content.xml" in archive.namelist()
    from_ods = ods_rows(site / "downloads" / "charterwatch-2022-23.ods", sheet)
    for rows in (from_xlsx, from_ods):
        header = next(r for r in rows if "Unit" in r)
        at = {name: i for i, name in enumerate(header)}
        latest = {r[0]: r for r in rows[rows.index(header) + 1 :] if len(r) > 2 and "2022-23" in r}
        cost, spend = latest["COST"], latest["SPEND"]
        value = next(i for name, i in at.items() if str(name).startswith("Figure"))
        unit = at["Unit"]
        assert cost[value] == 81.47 and cost[unit] == "money (GBP)"
        assert spend[value] == 244410.0 and spend[unit] == "money (EUR)"
        assert latest["HOURS"][value] == 3.6 and latest["HOURS"][unit] == "hours"
        assert latest["DAYS"][unit] == "calendar days"
        assert latest["COMPLAINTS"][value] == 12.3 and latest["COMPLAINTS"][unit] == "per 1,000"
        assert latest["RENT"][value] == 97.5 and latest["RENT"][unit] == "per cent"

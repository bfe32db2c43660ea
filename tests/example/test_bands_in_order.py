"""Processing-time bands are in numeric order, with shares, on the site and in the CSV, XLSX
and ODS downloads of the example (issue 12); percentiles read in words, not "p25"."""

from __future__ import annotations

import csv
import re

import openpyxl
from python_calamine import CalamineWorkbook

from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.supporting import band_bounds
from tests.conftest import Example

MEASURE = "M2.02"


def _numeric(labels: list[str]) -> list[int]:
    return [int(re.match(r"\D*(\d+)", label).group(1)) for label in labels]  # type: ignore[union-attr]


def test_the_site_lists_bands_in_numeric_order_with_shares(example: Example) -> None:
    html = (example.site.out / "measures" / MEASURE / "index.html").read_text(encoding="utf-8")
    table = html[html.index("in 10-day bands") :]
    table = table[: table.index("</table>")]
    labels = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert len(labels) >= 5
    lows = _numeric(labels)
    assert lows == sorted(lows), labels
    assert labels[-1].endswith("or more")
    cumulative = [int(c) for c in re.findall(r"<td>(\d+)%</td></tr>", table)]
    assert cumulative == sorted(cumulative)
    assert "p25" not in html and "p75" not in html and "p90" not in html
    assert "A quarter took this long or less" in html


def test_the_csv_lists_bands_in_numeric_order_with_shares(example: Example) -> None:
    path = example.site.out / "downloads" / "data" / f"{MEASURE}.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    year = max(r["period"] for r in rows)
    bands = [r for r in rows if r["period"] == year and r["statistic"].startswith("band:")]
    lows = [band_bounds(r["statistic"])[0] for r in bands]  # type: ignore[index]
    assert lows == sorted(lows) and len(lows) >= 5
    shares = [
        float(r["cumulative_share"]) for r in bands if r["cumulative_share"] not in ("", "[c]")
    ]
    assert shares == sorted(shares) and shares
    others = [r for r in rows if not r["statistic"].startswith("band:")]
    assert all(r["share"] == "" for r in others)


def _sheet_bands(rows: list[list[object]]) -> list[str]:
    t = Catalogue()
    words = t("downloads.workbook.headers.statistic")
    header = next(i for i, r in enumerate(rows) if words in [str(c) for c in r])
    names = [str(c) for c in rows[header]]
    m = names.index(t("downloads.workbook.headers.measure"))
    s = names.index(words)
    prefix = t("downloads.statistics.band", range="|").split("|")[0]
    return [
        str(r[s])
        for r in rows[header + 1 :]
        if str(r[m]) == MEASURE and str(r[s]).startswith(prefix)
    ]


def _check_order(statistics: list[str]) -> None:
    assert statistics, "no band rows found"
    lows = _numeric(statistics)
    # within each year the bands rise; the sheet lists years one after another
    runs: list[list[int]] = [[]]
    for low in lows:
        if runs[-1] and low < runs[-1][-1]:
            runs.append([])
        runs[-1].append(low)
    assert all(len(run) >= 5 for run in runs), runs


def test_the_spreadsheets_list_bands_in_numeric_order(example: Example) -> None:
    year = example.site.out.name
    downloads = example.site.out / "downloads"
    xlsx = next(downloads.glob("charterwatch-*.xlsx"))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    sheet = next(ws for ws in book.worksheets if ws.title.lower().startswith("detail"))
    _check_order(_sheet_bands([list(r) for r in sheet.iter_rows(values_only=True)]))
    ods = CalamineWorkbook.from_path(str(next(downloads.glob("charterwatch-*.ods"))))
    name = next(n for n in ods.sheet_names if n.lower().startswith("detail"))
    _check_order(_sheet_bands(ods.get_sheet_by_name(name).to_python()))
    assert year

"""The downloads page leads with the workbook, the zip and the PDFs, then every other file."""

from __future__ import annotations

import re
from pathlib import Path

from charterwatch.publish.downloads.index import lead_first
from tests.publish.site.conftest import BuiltSite


def row(name: str, fmt: str) -> dict[str, str]:
    return {"href": name, "name": name, "format": fmt, "description": "", "size": "1 KB"}


def test_lead_files_come_in_the_lead_order_and_the_rest_keep_theirs() -> None:
    rows = [row("a.csv", "csv"), row("r.pdf", "pdf"), row("all.zip", "zip")]
    rows += [row("b.json", "json"), row("w.ods", "ods"), row("w.xlsx", "xlsx")]
    lead, rest = lead_first(rows)
    assert [r["name"] for r in lead] == ["w.xlsx", "w.ods", "all.zip", "r.pdf"]
    assert [r["name"] for r in rest] == ["a.csv", "b.json"]


def test_the_built_page_opens_with_the_workbook(built_site: BuiltSite) -> None:
    html = Path(built_site.report.out, "downloads", "index.html").read_text(encoding="utf-8")
    files = re.findall(r'<th scope="row"><a href="([^"]+)">', html)
    suffixes = [Path(f).suffix for f in files]
    assert suffixes[:2] == [".xlsx", ".ods"], files[:6]
    assert suffixes[2] == ".zip"
    pdfs = [i for i, s in enumerate(suffixes) if s == ".pdf"]
    assert pdfs == [3, 4, 5], files[:8]
    assert ".csv" in suffixes[6:] and len(files) == len(set(files))

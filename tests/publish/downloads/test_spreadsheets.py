"""The XLSX and ODS spreadsheets follow the Analysis Function spreadsheet guidance.

The XLSX file is read back with openpyxl. The ODS file is opened by LibreOffice (headless,
with its own profile folder so runs in parallel do not clash) and saved as XLSX, which
proves LibreOffice reads it, and the result is checked the same way.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from charterwatch.publish.downloads import DownloadsIndex
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.layout import build_workbook
from charterwatch.publish.i18n import Catalogue
from charterwatch.stats.symbols import Symbol, is_symbol
from tests.publish.downloads.fixtures import Computed

t = Catalogue()
FRONT = ["Cover", "Contents", "Notes"]


def table_sheets(book: openpyxl.Workbook) -> list[Worksheet]:
    return [ws for ws in book.worksheets if ws.title not in FRONT]


def check_workbook(book: openpyxl.Workbook, computed: Computed) -> None:
    """The checks both formats must pass, on the workbook as openpyxl reads it."""
    names = book.sheetnames
    assert names[:3] == FRONT
    sections = [s.id for s in computed.publication.sections]
    tables = names[3:]
    assert [n.split("_")[0] for n in tables[: len(sections)]] == sections
    assert {"Breakdowns", "Detailed_figures", "Published_figures"} <= set(tables)
    for ws in book.worksheets:
        assert not ws.merged_cells.ranges, f"{ws.title} has merged cells"
        assert " " not in ws.title and len(ws.title) <= 31
        assert isinstance(ws["A1"].value, str) and ws["A1"].value, f"{ws.title} has no title"
    cover = book["Cover"]
    cover_text = [c.value for c in cover["A"] if c.value]
    assert computed.publication.year in cover_text[0]
    assert t("downloads.workbook.cover.contact_heading") in cover_text
    assert t("downloads.workbook.cover.source_heading") in cover_text
    # the contents lists the notes and every table sheet, in order, with its title in A1
    contents = book["Contents"]
    listed = [row for row in contents.iter_rows(min_row=4, values_only=True) if row[0]]
    assert [row[0] for row in listed] == ["Notes", *tables]
    for name, title in listed:
        assert book[name]["A1"].value == title
    # the notes explain every symbol used in any table
    notes_text = " ".join(str(r[1]) for r in book["Notes"].iter_rows(min_row=4, values_only=True))
    used = {
        cell
        for ws in table_sheets(book)
        for row in ws.iter_rows(min_row=4, values_only=True)
        for cell in row
        if isinstance(cell, str) and is_symbol(cell)
    }
    assert used, "the fixture withholds figures, so symbols appear"
    for symbol in used:
        assert f"{symbol} means" in notes_text
    assert "working day" in notes_text.lower()
    for ws in [book["Contents"], book["Notes"], *table_sheets(book)]:
        check_table_sheet(ws)


def check_table_sheet(ws: Worksheet) -> None:
    """Title in A1, one line in A2, then one header row and a block with no blanks."""
    assert isinstance(ws["A2"].value, str) and "one table" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert all(isinstance(h, str) and h for h in header), f"{ws.title}: blank header"
    assert len(set(header)) == len(header)
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows, f"{ws.title}: empty table"
    for row in rows:
        assert all(cell not in (None, "") for cell in row), f"{ws.title}: blank cell in {row}"
    for i, name in enumerate(header):
        cells = [row[i] for row in rows]
        numbers = [c for c in cells if isinstance(c, int | float)]
        if numbers:
            text = [c for c in cells if isinstance(c, str)]
            assert all(is_symbol(c) for c in text), f"{ws.title} {name}: {text}"


def test_xlsx_layout(computed: Computed, out_dir: Path) -> None:
    book = openpyxl.load_workbook(out_dir / f"charterwatch-{computed.publication.year}.xlsx")
    check_workbook(book, computed)
    for ws in [book["Contents"], book["Notes"], *table_sheets(book)]:
        assert len(ws.tables) == 1, f"{ws.title} is not marked up as one table"
        (table,) = ws.tables.values()
        assert table.ref == f"A3:{ws.cell(3, ws.max_column).column_letter}{ws.max_row}"
        assert table.headerRowCount in (None, 1)
        for column in range(1, ws.max_column + 1):
            letter = ws.cell(3, column).column_letter
            assert ws.column_dimensions[letter].width, f"{ws.title} {letter} has no width"
        assert ws.cell(4, 1).alignment.wrap_text
    links = [c.hyperlink.location for c in book["Contents"]["A"][3:] if c.hyperlink]
    assert links == [f"'{n}'!A1" for n in book.sheetnames[2:]]
    assert book.properties.title and book.properties.creator


def test_xlsx_numbers_are_numbers(computed: Computed, out_dir: Path) -> None:
    book = openpyxl.load_workbook(out_dir / f"charterwatch-{computed.publication.year}.xlsx")
    section = book.worksheets[3]
    header = [c.value for c in section[3]]
    figure = header.index(t("downloads.workbook.headers.value"))
    kind = [row for row in section.iter_rows(min_row=4, values_only=True) if row[0] == "KIND"]
    assert [row[figure] for row in kind] == [60, 90]
    withheld = [row[figure] for row in section.iter_rows(min_row=4, values_only=True)]
    assert Symbol.CONFIDENTIAL.value in withheld


def test_cover_warns_of_synthetic_data_only_when_synthetic(computed: Computed) -> None:
    warning = t("downloads.workbook.cover.synthetic_heading")
    pipeline = computed.pipeline
    assert computed.publication.synthetic
    ctx = DownloadContext(computed.publication, pipeline.store, Path("."))
    cover = build_workbook(ctx).sheets[0]
    assert warning in [line.value for line in cover.lines]
    real = dataclasses.replace(computed.publication, synthetic=False)
    cover = build_workbook(DownloadContext(real, pipeline.store, Path("."))).sheets[0]
    assert warning not in [line.value for line in cover.lines]


def test_ods_is_native_opendocument(computed: Computed, out_dir: Path) -> None:
    import zipfile

    path = out_dir / f"charterwatch-{computed.publication.year}.ods"
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = archive.read("content.xml").decode()
    assert "table:database-range" in content, "tables are marked up as database ranges"
    assert "table:covered-table-cell" not in content and "number-columns-spanned" not in content


@pytest.mark.slow
def test_libreoffice_opens_the_ods(
    computed: Computed, downloads: DownloadsIndex, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    source = downloads.out_dir / f"charterwatch-{computed.publication.year}.ods"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / source.with_suffix(".xlsx").name
    assert converted.is_file(), "LibreOffice did not open and convert the ODS file"
    book = openpyxl.load_workbook(converted)
    check_workbook(book, computed)
    xlsx = openpyxl.load_workbook(downloads.out_dir / converted.name)
    assert book.sheetnames == xlsx.sheetnames
    for name in xlsx.sheetnames:
        ours = list(xlsx[name].iter_rows(values_only=True))
        theirs = list(book[name].iter_rows(values_only=True))
        # LibreOffice keeps 15 significant digits, so numbers are compared to that precision
        assert theirs == [
            tuple(pytest.approx(c, rel=1e-13) if isinstance(c, float) else c for c in row)
            for row in ours
        ], f"{name} differs between the ODS and the XLSX file"
    for ws in [book["Contents"], book["Notes"], *table_sheets(book)]:
        assert len(ws.tables) == 1, f"{ws.title}: the database range did not survive"

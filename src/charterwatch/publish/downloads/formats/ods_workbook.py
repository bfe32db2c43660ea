"""The accessible spreadsheet as ODS (OpenDocument), written natively with odfpy.

The same layout as the XLSX file: title in A1, lines in column A, one table per sheet with
one header row. Each table is marked up as a named database range with a header row (the
OpenDocument counterpart of an Excel table); numbers are typed ``float`` cells, symbols and
text are ``string`` cells; table cells wrap and every column has a width. Text a spreadsheet
would read as a formula is escaped (:mod:`..escaping`), and only web addresses the framework
allows (:mod:`charterwatch.model.links`) become links.

odfpy's output is not repeatable as it stands, so the file is rewritten (:func:`write_ods`):
it stamps the zip entries with the current time, and it declares on the root of every XML
part each namespace the *process* has met so far (``Element.namespaces`` is one class-level
dict, filled by every element ever made, including those odfpy makes itself while saving),
in the order they were met. Each part's root is given instead exactly the namespaces its
element and attribute names use, sorted by prefix (:func:`used_declarations`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

from charterwatch.model.links import is_web_link
from charterwatch.publish.downloads.archive import rewrite_fixed
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.escaping import inert
from charterwatch.publish.downloads.layout import build_workbook
from charterwatch.publish.downloads.records import number_text
from charterwatch.publish.downloads.registry import DownloadFormat, register
from charterwatch.publish.downloads.workbook import Cell, Link, Sheet, Workbook

if TYPE_CHECKING:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import DatabaseRanges, TableCell, TableRow
    from odf.table import Table as OdsTable

CM_PER_CHAR = 0.21
"""Approximate width of one character of the default 10-point font, in centimetres."""
COVER_WIDTH_CM = 20.0


class _Styles:
    """Automatic styles: cell styles by purpose and one column style per width."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self.doc = doc
        self.title = self._cell("ceTitle", bold=True, size="14pt")
        self.heading = self._cell("ceHeading", bold=True, size="12pt")
        self.line = self._cell("ceLine")
        self.cover = self._cell("ceCover", wrap=True)
        self.header = self._cell("ceHeader", bold=True, wrap=True)
        self.cell = self._cell("ceCell", wrap=True)
        self.header_number = self._cell("ceHeaderNumber", bold=True, wrap=True, align="end")
        self.number = self._cell("ceNumber", wrap=True, align="end")
        self._columns: dict[str, Style] = {}

    def _cell(
        self, name: str, bold: bool = False, size: str = "", wrap: bool = False, align: str = ""
    ) -> Style:
        from odf.style import ParagraphProperties, Style, TableCellProperties, TextProperties

        style = Style(name=name, family="table-cell")
        cell = {"verticalalign": "top"}
        if wrap:
            cell["wrapoption"] = "wrap"
        if align:
            cell["textalignsource"] = "fix"
        style.addElement(TableCellProperties(**cell))
        if align:
            style.addElement(ParagraphProperties(textalign=align))
        text: dict[str, str] = {}
        if bold:
            text.update(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold")
        if size:
            text.update(fontsize=size, fontsizeasian=size, fontsizecomplex=size)
        if text:
            style.addElement(TextProperties(**text))
        self.doc.automaticstyles.addElement(style)
        return style

    def column(self, width_cm: float) -> Style:
        """The column style of a width (rounded to a millimetre), made once."""
        from odf.style import Style, TableColumnProperties

        width = f"{width_cm:.1f}cm"
        if width not in self._columns:
            style = Style(name=f"co{len(self._columns) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=width, breakbefore="auto"))
            self.doc.automaticstyles.addElement(style)
            self._columns[width] = style
        return self._columns[width]


def column_letters(index: int) -> str:
    """0 -> ``A``, 25 -> ``Z``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_ods(workbook: Workbook, path: Path) -> Path:
    """Write the workbook model to ``path`` as ODS, with fixed zip entry times."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import DatabaseRanges

    doc = OpenDocumentSpreadsheet()
    created = workbook.created.strftime("%Y-%m-%dT%H:%M:%S")
    doc.meta.addElement(dc.Title(text=workbook.title))
    doc.meta.addElement(dc.Subject(text=workbook.subject))
    doc.meta.addElement(dc.Language(text=workbook.language))
    doc.meta.addElement(dc.Creator(text=workbook.author))
    doc.meta.addElement(dc.Date(text=created))
    doc.meta.addElement(meta.InitialCreator(text=workbook.author))
    doc.meta.addElement(meta.CreationDate(text=created))
    styles = _Styles(doc)
    ranges = DatabaseRanges()
    for sheet in workbook.sheets:
        doc.spreadsheet.addElement(_sheet(sheet, styles, ranges))
    doc.spreadsheet.addElement(ranges)
    buffer = io.BytesIO()
    doc.write(buffer)
    return rewrite_fixed(buffer.getvalue(), path, _fixed_part)


_ROOT_TAG = re.compile(rb"<(?![?!])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_DECLARATION = re.compile(rb"\s+xmlns:([\w.-]+)=(\"[^\"]*\"|'[^']*')")
_TAG_NAME = re.compile(rb"<[^\s/>]+")


def used_declarations(xml: bytes) -> bytes:
    """``xml`` with its root's ``xmlns:`` declarations cut to the prefixes used, sorted.

    A prefix is used when an element or attribute name carries it; prefixes inside attribute
    values (formulas such as ``of:=``) are not looked for, as the workbook writes none.
    Everything but the root's declarations is kept byte for byte. Raises ``ValueError`` when
    a used prefix is not declared on the root.
    """
    root = _ROOT_TAG.search(xml)
    if root is None:
        raise ValueError("no root element in the XML part")
    tag = root.group()
    declared = {m.group(1): m.group(2) for m in _DECLARATION.finditer(tag)}
    used = _used_prefixes(xml)
    missing = sorted(used - declared.keys())
    if missing:
        raise ValueError(f"namespace prefixes used but not declared on the root: {missing}")
    rest = _DECLARATION.sub(b"", tag)
    name = _TAG_NAME.match(rest)
    assert name is not None  # the root pattern starts with "<" and a name character
    declarations = b"".join(b" xmlns:" + p + b"=" + declared[p] for p in sorted(used))
    fixed = name.group() + declarations + rest[name.end() :]
    return xml[: root.start()] + fixed + xml[root.end() :]


def _used_prefixes(xml: bytes) -> set[bytes]:
    used: set[bytes] = set()

    def start(name: str, attributes: dict[str, str]) -> None:
        for qname in (name, *attributes):
            prefix, colon, _ = qname.partition(":")
            if colon and prefix not in ("xml", "xmlns"):
                used.add(prefix.encode("utf-8"))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(xml, True)
    return used


def _fixed_part(name: str, data: bytes) -> bytes:
    return used_declarations(data) if name.endswith(".xml") else data


def _sheet(sheet: Sheet, s: _Styles, ranges: DatabaseRanges) -> OdsTable:
    from odf.table import DatabaseRange, TableColumn, TableRow
    from odf.table import Table as OdsTable

    table = sheet.table
    out = OdsTable(name=sheet.name)
    if table is None:
        out.addElement(TableColumn(stylename=s.column(COVER_WIDTH_CM)))
    else:
        for width in table.widths():
            out.addElement(TableColumn(stylename=s.column(width * CM_PER_CHAR)))
    out.addElement(_row([sheet.title], s.title))
    for line in sheet.lines:
        style = s.heading if line.style == "heading" else (s.line if table else s.cover)
        out.addElement(_row([line.value], style))
    if table is None:
        return out
    numeric = table.numeric()
    header = TableRow()
    for text, is_number in zip(table.headers, numeric, strict=True):
        header.addElement(_cell(text, s.header_number if is_number else s.header))
    out.addElement(header)
    for cells in table.rows:
        row = TableRow()
        for value, is_number in zip(cells, numeric, strict=True):
            row.addElement(_cell(value, s.number if is_number else s.cell))
        out.addElement(row)
    first = sheet.header_row + 1
    last = first + len(table.rows)
    end = column_letters(len(table.headers) - 1)
    ranges.addElement(
        DatabaseRange(
            name=table.name,
            targetrangeaddress=f"{sheet.name}.A{first}:{sheet.name}.{end}{last}",
            containsheader="true",
            displayfilterbuttons="true",
        )
    )
    return out


def _row(cells: list[Cell], style: Style) -> TableRow:
    from odf.table import TableRow

    row = TableRow()
    for value in cells:
        row.addElement(_cell(value, style))
    return row


def _cell(value: Cell, style: Style) -> TableCell:
    from odf.table import TableCell
    from odf.text import A, P

    if isinstance(value, Link):
        cell = TableCell(valuetype="string", stylename=style)
        href = f"#{value.sheet}.A1" if value.sheet else (value.url or "")
        if not value.sheet and not is_web_link(href):
            cell.addElement(P(text=inert(value.text)))
            return cell
        paragraph = P()
        paragraph.addElement(A(href=href, type="simple", text=inert(value.text)))
        cell.addElement(paragraph)
        return cell
    if isinstance(value, bool | int | float):
        cell = TableCell(valuetype="float", value=number_text(float(value)), stylename=style)
        cell.addElement(P(text=number_text(float(value))))
        return cell
    if value is None or value == "":
        return TableCell(stylename=style)
    cell = TableCell(valuetype="string", stylename=style)
    cell.addElement(P(text=inert(value)))
    return cell


@register
class OdsFormat(DownloadFormat):
    """The accessible spreadsheet in OpenDocument format."""

    name = "ods"
    pattern = "charterwatch-<year>.ods"
    media_type = "application/vnd.oasis.opendocument.spreadsheet"
    description_key = "downloads.formats.ods"
    order = 31

    def build(self, ctx: DownloadContext) -> list[Path]:
        return [write_ods(build_workbook(ctx), ctx.out_dir / ctx.file_name(".ods"))]

"""The table sheets of the spreadsheet: headline figures by section, breakdowns, details.

One sheet per framework section holds the headline figure of each of its measures for every
year (a year with no stored figure shows ``[x]``), then one sheet of breakdowns, one of
supporting figures (percentiles, 10-day bands ...) and one of the published figures the
measures are compared with. A cell holds a number or, when there is none, a shorthand
symbol as text: the figure's own symbol, else ``[x]`` (not available) or ``[z]`` (not
applicable, e.g. no interval for a count, or no note). A text column that would be empty in
every row is left out, so no table has a blank column, and no cell is left blank.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.organisations import ORGANISATION
from charterwatch.publish.downloads.context import DownloadContext, Row
from charterwatch.publish.downloads.workbook import Cell, Line, Link, Sheet, Table, sheet_name
from charterwatch.publish.downloads.workbook import table_name as _table_name
from charterwatch.publish.formatting import breakdown_words
from charterwatch.publish.view import status_group
from charterwatch.results.figure import ALL, Figure
from charterwatch.stats.symbols import Symbol
from charterwatch.units import base_unit, currency_of
from charterwatch.wording import reason_text

H = "downloads.workbook.headers."


@dataclass(frozen=True)
class TableColumn:
    """A spreadsheet column: its header key, how a row fills it, and if it may be dropped."""

    header: str
    cell: Callable[[Row], Cell]
    optional: bool = False


def table_sheets(ctx: DownloadContext) -> list[Sheet]:
    """Every table sheet, numbered Table 1, Table 2 ... in order."""
    t = ctx.catalogue
    first, last = ctx.years[0], ctx.years[-1]
    taken = {t(f"downloads.workbook.sheets.{k}") for k in ("cover", "contents", "notes")}
    specs: list[tuple[str, str, dict[str, str], list[TableColumn], list[Row]]] = []
    order = {m: i for i, m in enumerate(ctx.publication.measures)}
    for section in ctx.publication.sections:
        rows = _headline_rows(ctx, [m.id for m in section.measures])
        name = f"{section.id} {section.title}"
        specs.append((name, "section", {"section": section.title}, _headline_columns(ctx), rows))
    by_measure = sorted(ctx.rows, key=lambda r: (order.get(r.measure, len(order)), r.label))
    breakdowns = [
        r for r in by_measure if r.breakdown not in (ALL, ORGANISATION) and r.statistic == "value"
    ]  # one row per organisation is in the per-organisation files, not a 40,000-row sheet
    detailed = [r for r in by_measure if r.statistic != "value"]
    for key, rows, columns in (
        ("breakdowns", breakdowns, _breakdown_columns(ctx)),
        ("detailed", detailed, _detailed_columns(ctx)),
    ):
        if rows:
            specs.append((t(f"downloads.workbook.sheets.{key}"), key, {}, columns, rows))
    sheets = []
    for n, (name, key, values, columns, rows) in enumerate(specs, start=1):
        title = t(f"downloads.workbook.{key}.title", n=n, first=first, last=last, **values)
        sheets.append(_sheet(ctx, sheet_name(name, taken), title, columns, rows))
        taken.add(sheets[-1].name)
    cited = _citation_sheet(ctx, len(sheets) + 1, taken)
    return [*sheets, cited] if cited else sheets


def _sheet(
    ctx: DownloadContext, name: str, title: str, columns: Sequence[TableColumn], rows: list[Row]
) -> Sheet:
    t = ctx.catalogue
    kept = [c for c in columns if not c.optional or any(c.cell(r) not in ("", None) for r in rows)]
    table = Table(
        _table_name(name),
        [t(H + c.header) for c in kept],
        [[_not_blank(c.cell(r)) for c in kept] for r in rows],
    )
    return Sheet(name, title, [Line(t("downloads.workbook.see_notes"))], table)


def _not_blank(cell: Cell) -> Cell:
    """An empty cell reads ``[z]`` (not applicable): the guidance asks for no blank cells."""
    return Symbol.NOT_APPLICABLE.value if cell in ("", None) else cell


def _headline_rows(ctx: DownloadContext, measure_ids: list[str]) -> list[Row]:
    """Each measure's headline row for every year; a missing year gets an ``[x]`` row."""
    found = {
        (r.measure, r.label): r for r in ctx.rows if r.breakdown == ALL and r.statistic == "value"
    }
    rows = []
    for measure_id in measure_ids:
        unit = ctx.publication.measures[measure_id].measure.unit.value
        for year in ctx.years:
            rows.append(found.get((measure_id, year)) or _missing(measure_id, year, unit))
    return rows


def _missing(measure: str, period: str, unit: str) -> Row:
    return Figure(
        measure=measure,
        period=FinancialYear.parse(period),
        statistic="value",
        value=None,
        unit=unit,
        symbol=Symbol.NOT_AVAILABLE.value,
    )


def _common(ctx: DownloadContext) -> dict[str, TableColumn]:
    t = ctx.catalogue

    def status(r: Row) -> Cell:
        if r.assessment is None:
            return ""
        return t(f"common.status.{status_group(r)}")

    return {
        "measure": TableColumn("measure", lambda r: r.measure),
        "measure_title": TableColumn("measure_title", lambda r: ctx.measure_title(r.measure)),
        "year": TableColumn("year", lambda r: r.label),
        "breakdown": TableColumn("breakdown", lambda r: r.breakdown),
        "group": TableColumn("group", lambda r: r.group),
        "statistic": TableColumn("statistic", lambda r: statistic_label(ctx, r.statistic)),
        "value": TableColumn("value", _value),
        "unit": TableColumn("unit", lambda r: unit_label(ctx, r.unit)),
        "base": TableColumn("base", lambda r: _filled(r, "base")),
        "ci_low": TableColumn("ci_low", lambda r: _filled(r, "ci_low")),
        "ci_high": TableColumn("ci_high", lambda r: _filled(r, "ci_high")),
        "share": TableColumn("share", lambda r: _band_share(ctx, r, "share")),
        "cumulative_share": TableColumn(
            "cumulative_share", lambda r: _band_share(ctx, r, "cumulative")
        ),
        "status": TableColumn("status", status, optional=True),
        "reason": TableColumn(
            "reason",
            lambda r: reason_text(r.assessment, r.unit, t) if r.assessment else "",
            True,
        ),
        "note": TableColumn("note", lambda r: r.note, optional=True),
        "previous_value": TableColumn(
            "previous_value", lambda r: _revision(ctx, r, "previous"), optional=True
        ),
        "revision_note": TableColumn(
            "revision_note", lambda r: _revision(ctx, r, "note"), optional=True
        ),
        "synthetic": TableColumn(
            "synthetic",
            lambda r: t("downloads.answer_yes" if r.synthetic else "downloads.answer_no"),
        ),
        "source": TableColumn(
            "source",
            lambda r: str(r.provenance.get("source_title", "")),
            optional=True,
        ),
    }


def _pick(ctx: DownloadContext, names: str) -> list[TableColumn]:
    common = _common(ctx)
    return [common[n] for n in names.split()]


def _headline_columns(ctx: DownloadContext) -> list[TableColumn]:
    return _pick(
        ctx,
        "measure measure_title year value unit base ci_low ci_high status reason note "
        "previous_value revision_note synthetic source",
    )


def _breakdown_columns(ctx: DownloadContext) -> list[TableColumn]:
    return _pick(
        ctx,
        "measure measure_title year breakdown group value unit base ci_low ci_high note "
        "previous_value revision_note synthetic source",
    )


def _detailed_columns(ctx: DownloadContext) -> list[TableColumn]:
    return _pick(
        ctx,
        "measure measure_title year breakdown group statistic value unit base share "
        "cumulative_share note previous_value revision_note synthetic",
    )


def _revision(ctx: DownloadContext, row: Row, which: str) -> Cell:
    """For a figure revised since first published: ``[r]`` and the value first published,
    or why it was revised; empty otherwise (the columns are left out of a sheet with none)."""
    revised = ctx.publication.revisions.get(row.key)
    if revised is None:
        return ""
    if which == "note":
        return revised.note
    if revised.previous_value is None:
        return revised.previous_symbol or Symbol.NOT_AVAILABLE.value
    return float(revised.previous_value)


def _band_share(ctx: DownloadContext, row: Row, which: str) -> Cell:
    """A band's share or cumulative share in percent; ``[c]`` where withheld (the band's own
    symbol), ``[z]`` for a row that is not a band."""
    band = ctx.bands.get(row.key)
    if band is None:
        return Symbol.NOT_APPLICABLE.value
    value = band.share if which == "share" else band.cumulative
    if value is None:
        return str(row.symbol or Symbol.CONFIDENTIAL.value)
    return float(value)


def _value(row: Row) -> Cell:
    """The figure, or what stands in for it: its symbol, its words, else ``[x]``."""
    if row.value is not None:
        return float(row.value)
    return str(row.symbol or row.note or Symbol.NOT_AVAILABLE.value)


def _filled(row: Row, column: str) -> Cell:
    """A number next to the figure, or a symbol: the figure's own, ``[x]`` or ``[z]``."""
    value = getattr(row, column)
    if value is not None:
        return int(value) if column == "base" else float(value)
    if row.symbol and row.value is None:
        return str(row.symbol)
    if row.value is None:
        return Symbol.NOT_AVAILABLE.value
    return Symbol.NOT_APPLICABLE.value


def unit_label(ctx: DownloadContext, unit: str) -> str:
    """A unit in words (``working days``, ``money (EUR)``); an unknown unit as it is stored."""
    currency = currency_of(unit)
    try:
        if currency is not None and base_unit(unit) == "money":
            return ctx.catalogue("downloads.units.money", currency=currency)
        return ctx.catalogue(f"downloads.units.{unit}")
    except KeyError:
        return unit


def statistic_label(ctx: DownloadContext, statistic: str) -> str:
    """A statistic in words: ``p90`` -> 90th percentile, ``band:1-10`` -> decided in ..."""
    prefix, _, rest = statistic.partition(":")
    try:
        if rest:
            return ctx.catalogue(f"downloads.statistics.{prefix}", range=rest)
        return ctx.catalogue(f"downloads.statistics.{statistic}")
    except KeyError:
        return statistic


def _citation_sheet(ctx: DownloadContext, n: int, taken: set[str]) -> Sheet | None:
    cited = list(ctx.citations)
    if not cited:
        return None
    t = ctx.catalogue
    order = {m: i for i, m in enumerate(ctx.publication.measures)}
    cited.sort(key=lambda f: (order.get(f.measure or "", len(order)), f.year, f.id))
    headers = (
        "measure figure_title published_year figure_breakdown value unit base source "
        "source_url note"
    )
    rows: list[list[Cell]] = [
        [
            f.measure or "",
            f.title,
            f.year,
            breakdown_words(f.breakdown),
            f.value,
            unit_label(ctx, f.unit.value),
            Symbol.NOT_AVAILABLE.value if f.base is None else f.base,
            f.source_title,
            Link(f.source_url, url=f.source_url),
            f.note or "",
        ]
        for f in cited
    ]
    optional = {"note", "figure_breakdown"}
    keep = [
        i for i, h in enumerate(headers.split()) if h not in optional or any(r[i] for r in rows)
    ]
    rows = [[_not_blank(cell) for cell in row] for row in rows]
    name = sheet_name(t("downloads.workbook.sheets.citations"), taken)
    table = Table(
        _table_name(name),
        [t(H + h) for i, h in enumerate(headers.split()) if i in keep],
        [[r[i] for i in keep] for r in rows],
    )
    title = t("downloads.workbook.citations.title", n=n)
    return Sheet(name, title, [Line(t("downloads.workbook.see_notes"))], table)

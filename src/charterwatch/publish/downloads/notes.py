"""The Notes sheet: one numbered note per symbol used, then rounding, disclosure and methods.

A note on a shorthand symbol is given for each symbol that appears in a table (in the
fixed order of :class:`~charterwatch.stats.symbols.Symbol`). Rounding and disclosure notes
quote the project's own disclosure settings, so they always say what was done.
"""

from __future__ import annotations

from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.workbook import Cell, Line, Sheet, Table, table_name
from charterwatch.stats.symbols import Symbol, is_symbol

N = "downloads.notes."


def symbol_meaning(ctx: DownloadContext, symbol: Symbol) -> str:
    """The meaning of a shorthand symbol, from the catalogue (``downloads.symbols.c``)."""
    return ctx.catalogue(f"downloads.symbols.{symbol.value.strip('[]')}")


def symbols_used(sheets: list[Sheet]) -> list[Symbol]:
    """The symbols that appear in any cell of the tables, in the fixed symbol order."""
    seen = {
        cell
        for sheet in sheets
        if sheet.table
        for row in sheet.table.rows
        for cell in row
        if isinstance(cell, str) and is_symbol(cell)
    }
    return [s for s in Symbol if s.value in seen]


def note_texts(ctx: DownloadContext, tables: list[Sheet]) -> list[str]:
    """Every note, in order: symbols used, rounding, disclosure, methods, then the notes on
    actions (overdue, illustrative) when the spreadsheet lists any."""
    t = ctx.catalogue
    s = ctx.settings
    texts = [
        t(N + "symbol", symbol=symbol.value, meaning=symbol_meaning(ctx, symbol))
        for symbol in symbols_used(tables)
    ]
    texts.append(
        t(
            N + "rounding",
            counts=s.round_counts_to,
            bases=s.round_bases_to,
            decimals=s.percent_decimals,
        )
    )
    texts.append(t(N + "disclosure", below=s.min_count - 1, min_base=s.min_base))
    if s.words_below > s.min_base:
        texts.append(t(N + "words"))
    texts += [t(N + "intervals"), t(N + "change"), t(N + "years")]
    units = {view.measure.unit.value for view in ctx.publication.measures.values()}
    if "working_days" in units:
        texts.append(t(N + "working_days"))
    texts.append(t(N + "synthetic"))
    responses = ctx.responses
    if responses.actions:
        texts.append(t(N + "overdue", date=ctx.as_of.isoformat()))
    if any(v.action.illustrative for v in responses.actions) or any(
        r.illustrative for r in responses.recommendations
    ):
        texts.append(t(N + "illustrative"))
    if ctx.citations or any(r.provenance.get("source_title") for r in ctx.rows):
        texts.append(t(N + "published"))
    return texts


def notes_sheet(ctx: DownloadContext, tables: list[Sheet]) -> Sheet:
    """The Notes sheet: a table of note numbers (``Note 1``) and note texts."""
    t = ctx.catalogue
    key = "downloads.workbook.notes."
    rows: list[list[Cell]] = [
        [t(key + "label", n=n), text] for n, text in enumerate(note_texts(ctx, tables), start=1)
    ]
    name = t("downloads.workbook.sheets.notes")
    table = Table(table_name(name), [t(key + "number"), t(key + "text")], rows)
    return Sheet(name, t(key + "title"), [Line(t("downloads.workbook.one_table"))], table)

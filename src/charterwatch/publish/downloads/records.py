"""The open-data shape of a figure: stored rows flattened into named, typed columns.

The CSV and JSON files and the data package all use these columns, so a figure reads the
same in each. Each column declares its Table Schema type; its title and description come
from the catalogue (``downloads.columns.<name>``). Of a row's assessment only the status
and its reason are published; of its provenance only the source of a published figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from charterwatch.model.framework import PublishedFigure
from charterwatch.publish.downloads.context import DownloadContext, Row
from charterwatch.publish.i18n import Catalogue
from charterwatch.stats.symbols import Symbol
from charterwatch.wording import reason_text, shortfall_summary

MISSING_VALUES: tuple[str, ...] = ("", *(s.value for s in Symbol))
"""What stands in a numeric cell instead of a number: empty, or one of the eight symbols."""


@dataclass(frozen=True)
class Column:
    """One column of the open data: its name, Table Schema type and whether symbols stand in."""

    name: str
    type: str
    symbols: bool = False
    """True when a shorthand symbol may stand in the cell instead of a number."""
    required: bool = False

    def title(self, catalogue: Catalogue) -> str:
        return catalogue(f"downloads.columns.{self.name}.title")

    def description(self, catalogue: Catalogue) -> str:
        return catalogue(f"downloads.columns.{self.name}.description")


FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("measure", "string", required=True),
    Column("measure_title", "string"),
    Column("period", "string", required=True),
    Column("breakdown", "string", required=True),
    Column("grp", "string", required=True),
    Column("statistic", "string", required=True),
    Column("value", "number", symbols=True),
    Column("unit", "string", required=True),
    Column("base", "integer", symbols=True),
    Column("ci_low", "number", symbols=True),
    Column("ci_high", "number", symbols=True),
    Column("share", "number", symbols=True),
    Column("cumulative_share", "number", symbols=True),
    Column("symbol", "string"),
    Column("note", "string"),
    Column("previous_value", "number"),
    Column("revision_note", "string"),
    Column("status", "string"),
    Column("reason", "string"),
    Column("shortfall", "string"),
    Column("synthetic", "boolean", required=True),
    Column("source", "string"),
    Column("source_url", "string"),
)
"""The columns of every figure file, in order (the JSON files add ``evidence``)."""

FIGURE_KEY = ("measure", "period", "breakdown", "grp", "statistic")

CITATION_COLUMNS: tuple[Column, ...] = (
    Column("figure_id", "string", required=True),
    Column("measure", "string", required=True),
    Column("figure_title", "string", required=True),
    Column("year", "string", required=True),
    Column("value", "number", required=True),
    Column("unit", "string", required=True),
    Column("base", "integer"),
    Column("figure_breakdown", "string"),
    Column("period_note", "string"),
    Column("source", "string", required=True),
    Column("source_url", "string", required=True),
    Column("note", "string"),
)
"""The columns of the published figures (citations) file."""

Record = dict[str, Any]


def figure_record(row: Row, ctx: DownloadContext) -> Record:
    """One stored row as an open-data record: typed values, ``None`` where there is none."""
    provenance = row.provenance
    t = ctx.catalogue
    return {
        "measure": row.measure,
        "measure_title": ctx.measure_title(row.measure),
        "period": row.label,
        "breakdown": row.breakdown,
        "grp": row.group,
        "statistic": row.statistic,
        "value": _number(row.value),
        "unit": row.unit,
        "base": None if row.base is None else int(row.base),
        "ci_low": _number(row.ci_low),
        "ci_high": _number(row.ci_high),
        **_shares(row, ctx),
        **_revision(row, ctx),
        "note": row.note,
        "status": row.assessment.status.value if row.assessment else "",
        "reason": reason_text(row.assessment, row.unit, t) if row.assessment else "",
        "shortfall": shortfall_summary(row, t),
        "synthetic": bool(row.synthetic),
        "source": str(provenance.get("source_title", "")),
        "source_url": str(provenance.get("source_url", "")),
    }


def _revision(row: Row, ctx: DownloadContext) -> Record:
    """``[r]`` (when the figure has no other symbol), its first published value and why it
    changed, for a figure revised since it was first published
    (:mod:`charterwatch.publish.revisions`); the symbol alone for any other."""
    revised = ctx.publication.revisions.get(row.key)
    if revised is None:
        return {"symbol": row.symbol, "previous_value": None, "revision_note": ""}
    return {
        "symbol": row.symbol or Symbol.REVISED.value,
        "previous_value": revised.previous_value,
        "revision_note": revised.note,
    }


def _shares(row: Row, ctx: DownloadContext) -> Record:
    """A band's share of all cases and cumulative share, in percent (empty for other rows,
    and withheld as a band's own shares are: :mod:`charterwatch.publish.supporting`)."""
    band = ctx.bands.get(row.key)
    if band is None:
        return {"share": None, "cumulative_share": None}
    return {"share": band.share, "cumulative_share": band.cumulative}


def figure_records(ctx: DownloadContext, measure: str | None = None) -> list[Record]:
    """The records of every stored row (or one measure's), sorted by measure, year and group."""
    return [figure_record(r, ctx) for r in ctx.rows if measure is None or r.measure == measure]


def citation_records(citations: Sequence[PublishedFigure]) -> list[Record]:
    """Published figures as records, sorted by measure, year and id."""
    out = [
        {
            "figure_id": f.id,
            "measure": f.measure or "",
            "figure_title": f.title,
            "year": f.year,
            "value": _number(f.value),
            "unit": f.unit.value,
            "base": f.base,
            "figure_breakdown": "; ".join(f"{k}={v}" for k, v in sorted(f.breakdown.items())),
            "period_note": f.period_note or "",
            "source": f.source_title,
            "source_url": f.source_url,
            "note": f.note or "",
        }
        for f in citations
    ]
    return sorted(out, key=lambda r: (r["measure"], r["year"], r["figure_id"]))


def cell_text(column: Column, record: Record) -> str:
    """A record's value as CSV cell text.

    Numbers are written in full (``90`` for a whole number, else the shortest text that
    reads back as the same number); booleans as ``true``/``false``; a missing figure as its
    symbol (``[c]``), other missing numbers as an empty cell.
    """
    value = record.get(column.name)
    if value is None:
        if column.name == "value":
            return str(record.get("symbol") or "")
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def number_text(value: float) -> str:
    """``90.0`` -> ``"90"``; ``93.25`` -> ``"93.25"`` (round-trips exactly)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _number(value: Any) -> float | None:
    """A stored number as a float, with NaN (never a published figure) as ``None``."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def file_stem(measure_id: str) -> str:
    """A measure id made safe as a file name: letters, digits, ``.``, ``-`` and ``_`` only."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in measure_id)


def slug(text: str) -> str:
    """A name for machines: lower case letters, digits, ``-``, ``.`` and ``_`` only.

    Used for Data Package and resource names and in the feed's ids.
    """
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9._-]", "-", text.lower())).strip("-") or "data"

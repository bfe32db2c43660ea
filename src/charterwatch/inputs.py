"""Loading a framework's sources for a compute run: tables, evidence and provenance.

Every source with a path is loaded all or nothing (:mod:`charterwatch.sources.load`). A source
whose file or folder does not exist yet is not an error here: its measures are reported as
"no data", and the run says which sources were missing. Any other problem in any source stops
the run before anything is written, so the results store keeps its previous good state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.model.files import SourceKind
from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, IssueList, Level
from charterwatch.sources import codes
from charterwatch.sources.load import load_source
from charterwatch.sources.window import window_for

YEAR_COLUMNS = ("year",)
DATE_COLUMNS = (
    "decided_date",
    "decision_date",
    "received_date",
    "request_date",
    "lodged_date",
    "response_date",
    "date",
)


@dataclass
class SourceData:
    """What the compute step reads: tables by source id, narrative evidence, provenance."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    synthetic: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)
    last_years: list[int] = field(default_factory=list)
    issues: IssueList = field(default_factory=IssueList)


def load_framework_sources(fw: Framework) -> SourceData:
    """Load every source of the framework that has a path; see the module docstring.

    Every date must fall in the years of the framework's working-day calendar
    (``fw.calendar``): a date outside them would have no working-day count, so the source
    is refused with ``CW-S042`` and nothing is computed. It must also be plausible for its
    source (``CW-S043``; :func:`~charterwatch.sources.window.window_for` decides the window).
    """
    data = SourceData()
    for source in fw.sources.values():
        if source.path is None and source.url is None:
            continue
        if source.kind is SourceKind.PUBLISHED_FIGURES:
            continue  # their figures are framework files, read by the model
        result = load_source(source, root=fw.root, dates=window_for(fw, source))
        if not result.ok:
            if all(i.code == codes.FILE_MISSING for i in result.issues.errors):
                data.missing.append(source.id)
                data.issues.add(
                    Issue(
                        code="CW-P001",
                        level=Level.WARNING,
                        file=source.origin.file,
                        line=source.origin.line,
                        message=f"source '{source.id}' has no data yet ({source.path} not "
                        "found); its measures are reported as no data",
                        fix="add the extract, or run 'charterwatch example-data' for the example",
                    )
                )
                continue
            data.issues.extend(result.issues)
            continue
        data.issues.extend(result.issues)
        table = result.table
        assert table is not None
        if result.provenance is not None:
            data.provenance[source.id] = result.provenance.as_dict()
        if _any_synthetic(table):
            data.synthetic.add(source.id)
        if source.kind is SourceKind.NARRATIVE_EVIDENCE:
            data.evidence.extend(_evidence_records(table, source.id))
        else:
            data.tables[source.id] = table
        last = _last_year(table)
        if last is not None:
            data.last_years.append(last)
    return data


def _any_synthetic(table: pa.Table) -> bool:
    """Whether any record of the table is labelled synthetic."""
    if "synthetic" not in table.column_names or table.num_rows == 0:
        return False
    column = table["synthetic"]
    if not pa.types.is_boolean(column.type):
        column = pc.equal(pc.utf8_lower(column.cast(pa.string())), "true")
    return bool(pc.any(pc.fill_null(column, False)).as_py())


def _evidence_records(table: pa.Table, source_id: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = table.to_pylist()
    for record in records:
        record.setdefault("source_id", source_id)
    return records


def _last_year(table: pa.Table) -> int | None:
    """The start year of the latest financial year a table has records for."""
    if table.num_rows == 0:
        return None
    for column in YEAR_COLUMNS:
        if column in table.column_names:
            top = pc.max(table[column]).as_py()
            if isinstance(top, str) and len(top) >= 4 and top[:4].isdigit():
                return int(top[:4])
    for column in DATE_COLUMNS:
        if column in table.column_names and pa.types.is_date(table[column].type):
            top = pc.max(table[column]).as_py()
            if top is not None:
                return int(top.year - (1 if top.month < 4 else 0))
    return None

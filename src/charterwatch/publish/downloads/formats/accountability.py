"""Accountability downloads: improvement actions, recommendations and "You said, we did".

Writes ``data/actions.csv``, ``data/recommendations.csv`` and ``data/you-said-we-did.csv``
and the same tables as JSON (``data/actions.json`` ...), one row per record with every field
(see :mod:`..accountability`). The actions carry ``overdue``, judged on the run's as-of date.
A table with no records is not written. Runs after the figure files and before the data
package, which describes the CSV files, and the zip, which holds all six.
"""

from __future__ import annotations

import json
from pathlib import Path

from charterwatch.publish.downloads.accountability import (
    TABLES,
    flat_record,
    json_document,
    written_tables,
)
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.csv_files import write_csv
from charterwatch.publish.downloads.registry import DownloadFormat, register


@register
class AccountabilityFormat(DownloadFormat):
    """What is being done about shortfalls, as CSV and JSON: actions, recommendations with
    their responses, and "You said, we did"."""

    name = "accountability"
    pattern = ", ".join([*(t.csv_name() for t in TABLES), *(t.json_name() for t in TABLES)])
    media_type = "text/csv"
    description_key = "downloads.formats.accountability"
    order = 25

    def build(self, ctx: DownloadContext) -> list[Path]:
        paths = []
        for table, records in written_tables(ctx):
            flat = [flat_record(table.columns, r) for r in records]
            paths.append(write_csv(ctx.out_dir / table.csv_name(), table.columns, flat))
            path = ctx.out_dir / table.json_name()
            text = json.dumps(json_document(ctx, table, records), ensure_ascii=False, indent=2)
            path.write_bytes((text + "\n").encode("utf-8"))
            paths.append(path)
        return paths

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        name = ctx.relative(path)
        for table in TABLES:
            for kind, file in (("csv", table.csv_name()), ("json", table.json_name())):
                if name == file:
                    return self.catalogue(f"downloads.files.{table.key}_{kind}")
        return self.description()

    def file_media_type(self, path: Path) -> str:
        return "application/json" if path.suffix == ".json" else "text/csv"

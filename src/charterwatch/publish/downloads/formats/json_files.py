"""JSON downloads: one file per measure with every stored figure and its evidence.

Each file holds the measure (id, title, definition, unit, section, commitments) and its
figures with the same fields as the CSV files, numbers as JSON numbers and ``null`` where
there is none, plus ``evidence``: the pieces of evidence in words that support a figure.
Keys keep a fixed order and the file is indented, so the same store gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.csv_files import measure_files
from charterwatch.publish.downloads.records import figure_record
from charterwatch.publish.downloads.registry import DownloadFormat, register


def measure_document(ctx: DownloadContext, measure_id: str) -> dict[str, Any]:
    """The JSON document of one measure: what it is, then every figure."""
    view = ctx.publication.measures[measure_id]
    m = view.measure
    figures = []
    for row in ctx.rows:
        if row.measure == measure_id:
            record = figure_record(row, ctx)
            record["evidence"] = [dict(e) for e in row.evidence]
            figures.append(record)
    return {
        "measure": {
            "id": m.id,
            "title": m.title,
            "definition": m.definition,
            "unit": m.unit.value,
            "section": m.section,
            "commitments": list(m.commitments),
            "synthetic": view.synthetic,
        },
        "year": ctx.year,
        "figures": figures,
    }


@register
class JsonFormat(DownloadFormat):
    """Every figure of each measure, with its evidence, as JSON."""

    name = "json"
    pattern = "data/<measure-id>.json"
    media_type = "application/json"
    description_key = "downloads.formats.json"
    order = 20

    def build(self, ctx: DownloadContext) -> list[Path]:
        paths = []
        for measure_id, name in measure_files(ctx, ".json").items():
            path = ctx.out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(measure_document(ctx, measure_id), ensure_ascii=False, indent=2)
            path.write_bytes((text + "\n").encode("utf-8"))
            paths.append(path)
        return paths

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        name = ctx.relative(path)
        for measure_id, file in measure_files(ctx, ".json").items():
            if file == name:
                title = ctx.measure_title(measure_id)
                return self.catalogue("downloads.files.measure_json", id=measure_id, title=title)
        return self.description()

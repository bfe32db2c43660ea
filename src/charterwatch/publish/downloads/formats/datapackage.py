"""The Frictionless Data Package: ``datapackage.json`` describing every CSV download.

Each CSV file is a tabular resource with its Table Schema: every column's name, title, type
and description, the primary key, and ``missingValues`` on the numeric columns listing the
empty cell and the eight shorthand symbols (``[c]`` ...), so a reader gets no number rather
than a wrong one. Each resource records its size and SHA-256 hash. The package carries a
title, a description, the Open Government Licence v3.0 and its sources. It runs after the
CSV format and describes the files it wrote (writing them first if they are missing). The
figure files share one schema, written beside them as ``data/figures.schema.json``; the
accountability files (actions, recommendations, "You said, we did") each carry their own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from charterwatch.publish.downloads.accountability import written_tables
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.accountability import AccountabilityFormat
from charterwatch.publish.downloads.formats.csv_files import (
    ALL_FIGURES,
    CITATIONS,
    DATA_DIR,
    FRAMEWORK_CHANGES,
    CsvFormat,
    measure_files,
)
from charterwatch.publish.downloads.formats.framework_changes import CHANGE_COLUMNS
from charterwatch.publish.downloads.layout import OGL_URL, charter_lines
from charterwatch.publish.downloads.records import (
    CITATION_COLUMNS,
    FIGURE_COLUMNS,
    FIGURE_KEY,
    MISSING_VALUES,
    Column,
    slug,
)
from charterwatch.publish.downloads.registry import DownloadFormat, register

DESCRIPTOR = "datapackage.json"
FIGURES_SCHEMA = f"{DATA_DIR}/figures.schema.json"
"""The Table Schema shared by every figure file, kept once rather than once per resource."""


def table_schema(ctx: DownloadContext, columns: Sequence[Column], key: list[str]) -> Any:
    """The Table Schema of a CSV file with these columns."""
    t = ctx.catalogue
    fields = []
    for column in columns:
        field: dict[str, Any] = {
            "name": column.name,
            "title": column.title(t),
            "type": column.type,
            "description": column.description(t),
        }
        if column.symbols:
            field["missingValues"] = list(MISSING_VALUES)
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if key:
        schema["primaryKey"] = key
    return schema


def _resource(
    ctx: DownloadContext, name: str, title: str, path: Path, schema: dict[str, Any] | str
) -> dict[str, Any]:
    data = path.read_bytes()
    return {
        "name": name,
        "profile": "tabular-data-resource",
        "path": ctx.relative(path),
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "schema": schema,
    }


def descriptor(ctx: DownloadContext) -> dict[str, Any]:
    """The whole ``datapackage.json`` as a dict (the CSV files must already exist).

    Every figure file points at the one shared schema file, :data:`FIGURES_SCHEMA`.
    """
    t = ctx.catalogue
    key = "downloads.datapackage."
    project = ctx.publication.framework.project
    framework = ctx.publication.framework.framework.spec.title
    figures = FIGURES_SCHEMA
    resources = [
        _resource(
            ctx,
            "all-figures",
            t(key + "all_title"),
            ctx.out_dir / DATA_DIR / ALL_FIGURES,
            figures,
        )
    ]
    for measure_id, file in measure_files(ctx, ".csv").items():
        title = t(key + "measure_title", id=measure_id, title=ctx.measure_title(measure_id))
        name = "measure-" + slug(measure_id)
        resources.append(_resource(ctx, name, title, ctx.out_dir / file, figures))
    cited = ctx.out_dir / DATA_DIR / CITATIONS
    if ctx.citations:
        schema = table_schema(ctx, CITATION_COLUMNS, ["figure_id"])
        resources.append(
            _resource(ctx, "published-figures", t(key + "citations_title"), cited, schema)
        )
    for table, _ in written_tables(ctx):
        schema = table_schema(ctx, table.columns, ["id"])
        title = t(f"downloads.accountability.{table.key}_title")
        path = ctx.out_dir / table.csv_name()
        resources.append(_resource(ctx, slug(table.stem), title, path, schema))
    changes = ctx.out_dir / DATA_DIR / FRAMEWORK_CHANGES
    if changes.is_file():
        schema = table_schema(ctx, CHANGE_COLUMNS, [])
        title = t(key + "framework_changes_title")
        resources.append(_resource(ctx, "framework-changes", title, changes, schema))
    sources = [
        {"title": project.organisation, **({"path": project.website} if project.website else {})}
    ]
    seen = set()
    for figure in sorted(ctx.citations, key=lambda f: (f.source_title, f.source_url)):
        if (figure.source_title, figure.source_url) not in seen:
            seen.add((figure.source_title, figure.source_url))
            sources.append({"title": figure.source_title, "path": figure.source_url})
    return {
        "profile": "tabular-data-package",
        "name": slug(f"{project.short_name or project.name}-{ctx.year}"),
        "title": t(key + "title", name=project.name, year=ctx.year),
        "description": " ".join(
            [
                t(
                    key + "description",
                    framework=framework,
                    first=ctx.years[0],
                    last=ctx.years[-1],
                    organisation=project.organisation,
                ),
                *(str(line) for line in charter_lines(ctx)),
            ]
        ),
        "created": ctx.updated(ctx.year),
        "licenses": [
            {"name": "OGL-UK-3.0", "path": OGL_URL, "title": t(key + "licence")},
        ],
        "contributors": [
            {"title": t(key + "publisher", organisation=project.organisation), "role": "publisher"}
        ],
        "sources": sources,
        "resources": resources,
    }


@register
class DataPackageFormat(DownloadFormat):
    """The CSV files described as a Frictionless Data Package."""

    name = "datapackage"
    pattern = f"{DESCRIPTOR}, {FIGURES_SCHEMA}"
    media_type = "application/json"
    description_key = "downloads.formats.datapackage"
    order = 60

    def build(self, ctx: DownloadContext) -> list[Path]:
        written = {ctx.relative(p) for p in ctx.written}
        if f"{DATA_DIR}/{ALL_FIGURES}" not in written:
            CsvFormat(self.options).run(ctx)
        if any(table.csv_name() not in written for table, _ in written_tables(ctx)):
            AccountabilityFormat(self.options).run(ctx)
        schema = _write_json(
            ctx.out_dir / FIGURES_SCHEMA, table_schema(ctx, FIGURE_COLUMNS, list(FIGURE_KEY))
        )
        return [_write_json(ctx.out_dir / DESCRIPTOR, descriptor(ctx)), schema]

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        if ctx.relative(path) == FIGURES_SCHEMA:
            return self.catalogue("downloads.files.schema")
        return self.description()


def _write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_bytes((text + "\n").encode("utf-8"))
    return path

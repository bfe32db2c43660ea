"""Per-organisation CSV downloads: one file per organisation of ``organisations.yaml``.

Each file holds, for every measure computed per organisation and every year up to the
publication's, the organisation's own figures, its peer group's and the national figure,
in the open-data columns of every figure file (:mod:`..records`), exactly as stored: the
figures were protected once, before they were stored, and are never re-rounded here.
"""

from __future__ import annotations

from pathlib import Path

from charterwatch.model.organisations import ORGANISATION, PEER_GROUP
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.csv_files import write_csv
from charterwatch.publish.downloads.records import FIGURE_COLUMNS, figure_record, file_stem
from charterwatch.publish.downloads.registry import DownloadFormat, register
from charterwatch.results.figure import ALL

FOLDER = "organisations"


def organisation_file(organisation_id: str) -> str:
    """The name of an organisation's file within the downloads, e.g. ``organisations/L1.csv``."""
    return f"{FOLDER}/{file_stem(organisation_id)}.csv"


@register
class OrganisationFiles(DownloadFormat):
    """One CSV per organisation: its figures beside its peer group's and the national ones."""

    name = "organisations"
    pattern = f"{FOLDER}/<organisation-id>.csv"
    media_type = "text/csv"
    description_key = "downloads.formats.organisations"
    order = 15

    def build(self, ctx: DownloadContext) -> list[Path]:
        organisations = ctx.publication.framework.organisations
        if not organisations:
            return []
        compared = {m for m, v in ctx.publication.measures.items() if v.organisations}
        rows = [r for r in ctx.rows if r.measure in compared and r.statistic == "value"]
        paths = []
        for organisation in organisations:
            mine = [
                figure_record(r, ctx)
                for r in rows
                if r.breakdown == ALL
                or (r.breakdown == ORGANISATION and r.group == organisation.id)
                or (r.breakdown == PEER_GROUP and r.group == organisation.peer_group)
            ]
            path = ctx.out_dir / organisation_file(organisation.id)
            paths.append(write_csv(path, FIGURE_COLUMNS, mine))
        return paths

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        name = ctx.relative(path)
        for organisation in ctx.publication.framework.organisations:
            if organisation_file(organisation.id) == name:
                return self.catalogue("downloads.files.organisation_csv", name=organisation.name)
        return self.description()

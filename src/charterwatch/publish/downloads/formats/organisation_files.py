"""Per-organisation CSV downloads: one file per organisation of ``organisations.yaml``.

Each file holds, for every measure computed per organisation and every year up to the
publication's, the organisation's own figures, its peer group's and the national figure,
in the open-data columns of every figure file (:mod:`..records`), exactly as stored: the
figures were protected once, before they were stored, and are never re-rounded here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from charterwatch.model.organisations import ORGANISATION, PEER_GROUP
from charterwatch.publish.downloads.context import DownloadContext
from charterwatch.publish.downloads.formats.csv_files import write_csv
from charterwatch.publish.downloads.records import (
    FIGURE_COLUMNS,
    Record,
    figure_record,
    file_stem,
)
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
        national: list[tuple[tuple[str, ...], Record]] = []
        peers: dict[str, list[tuple[tuple[str, ...], Record]]] = defaultdict(list)
        own: dict[str, list[tuple[tuple[str, ...], Record]]] = defaultdict(list)
        for r in ctx.rows:  # each row made a record once, then shared by the files
            if r.measure not in compared or r.statistic != "value":
                continue
            if r.breakdown == ALL:
                national.append((r.key, figure_record(r, ctx)))
            elif r.breakdown == PEER_GROUP:
                peers[r.group].append((r.key, figure_record(r, ctx)))
            elif r.breakdown == ORGANISATION:
                own[r.group].append((r.key, figure_record(r, ctx)))
        paths = []
        for organisation in organisations:
            mine = [*national, *peers.get(organisation.peer_group or "", []), *own[organisation.id]]
            records = [record for _, record in sorted(mine, key=lambda pair: pair[0])]
            path = ctx.out_dir / organisation_file(organisation.id)
            paths.append(write_csv(path, FIGURE_COLUMNS, records))
        return paths

    def describe(self, path: Path, ctx: DownloadContext) -> str:
        name = ctx.relative(path)
        for organisation in ctx.publication.framework.organisations:
            if organisation_file(organisation.id) == name:
                return self.catalogue("downloads.files.organisation_csv", name=organisation.name)
        return self.description()

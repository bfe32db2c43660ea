"""Annual returns: what is due from each team, and checking and accepting an upload.

An upload is checked by :func:`charterwatch.sources.load.load_source`, the same code
``charterwatch compute`` loads sources with, in a folder of its own
(:mod:`charterwatch.workspace.incoming`); only when it passes is it moved into the store with
one rename and recorded, in one transaction, so a rejected upload changes nothing, the
previous accepted version stays in use, and no partial file is ever at a stored name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from charterwatch.model.files import SourceFile, SourceKind
from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, Level
from charterwatch.model.loader import load_framework
from charterwatch.sources.load import load_source
from charterwatch.sources.window import window_for
from charterwatch.workspace.incoming import receiving
from charterwatch.workspace.models import ReportingYear, ReturnVersion, Team

TABLE_KINDS = frozenset(
    {
        SourceKind.SURVEY_RESPONSES,
        SourceKind.CASE_RECORDS,
        SourceKind.MANAGEMENT_INFORMATION,
    }
)
"""Source kinds a team returns as an uploaded extract (narrative evidence is written, and
published figures are entered, in later parts of the workspace)."""


class FrameworkUnavailable(RuntimeError):
    """The framework folder does not load: the workspace cannot say what is due."""


@lru_cache(maxsize=1)
def _loaded(root: str, stamp: float) -> Framework:
    result = load_framework(root)
    if result.framework is None or not result.issues.ok:
        raise FrameworkUnavailable(
            f"the framework folder {root} has errors; run 'charterwatch validate {root}'"
        )
    return result.framework


def framework() -> Framework:
    """The workspace's framework, loaded again when a file in the folder changes."""
    root = Path(settings.FRAMEWORK)
    stamp = max((p.stat().st_mtime for p in root.rglob("*.yaml")), default=0.0)
    return _loaded(str(root), stamp)


@dataclass(frozen=True)
class Due:
    """One return due from a team for a year, and the version received (if any)."""

    source: SourceFile
    team: str
    year: ReportingYear
    latest: ReturnVersion | None
    today: dt.date

    @property
    def received(self) -> bool:
        return self.latest is not None

    @property
    def overdue(self) -> bool:
        """Not received and the due date has passed."""
        return self.latest is None and self.today > self.year.returns_due


def sources_of(team: str) -> list[SourceFile]:
    """The sources whose ``owner:`` is ``team`` that are returned as an extract."""
    fw = framework()
    return [s for s in fw.sources.values() if s.owner.strip() == team and s.kind in TABLE_KINDS]


def team_names() -> list[str]:
    """Every team the framework names as the owner of a returned source."""
    fw = framework()
    return sorted({s.owner.strip() for s in fw.sources.values() if s.kind in TABLE_KINDS})


def sync_teams() -> list[Team]:
    """Make sure every owner the framework names is a team (the framework is the record)."""
    return [Team.objects.get_or_create(name=name)[0] for name in team_names()]


def due(team: str, year: ReportingYear, today: dt.date) -> list[Due]:
    """What is due from ``team`` for ``year``, with the latest accepted version of each."""
    out = []
    for source in sources_of(team):
        latest = ReturnVersion.objects.filter(year=year, source=source.id).first()
        out.append(Due(source, team, year, latest, today))
    return out


@dataclass(frozen=True)
class Checked:
    """The outcome of an upload: the version accepted, or the located problems."""

    version: ReturnVersion | None
    problems: list[Issue]
    warnings: list[Issue]

    @property
    def accepted(self) -> bool:
        return self.version is not None


def _too_big(upload: UploadedFile, source: SourceFile) -> Issue | None:
    limit: int = settings.UPLOAD_LIMIT_BYTES
    if upload.size is None or upload.size <= limit:
        return None
    return Issue(
        code="CW-X001",
        level=Level.ERROR,
        file=upload.name,
        message=f"the file is {upload.size:,} bytes, more than the workspace accepts",
        expected=f"at most {limit:,} bytes",
        fix="split the extract by year, or ask an admin to raise CHARTERWATCH_UPLOAD_LIMIT_MB",
    )


class _Checked(File):  # type: ignore[type-arg]
    """A checked upload on the store's filesystem: Django's storage moves a file that has a
    ``temporary_file_path`` into place with ``rename`` instead of copying it chunk by chunk."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.open("rb"), name=path.name)
        self.path = path

    def temporary_file_path(self) -> str:
        return str(self.path)


def check_and_accept(
    upload: UploadedFile, source: SourceFile, year: ReportingYear, team: Team, user: Any
) -> Checked:
    """Check ``upload`` as an extract of ``source``; keep it only if it passes."""
    big = _too_big(upload, source)
    if big is not None:
        return Checked(None, [big], [])
    name = Path(upload.name or "upload").name
    with receiving() as folder:
        path = folder / name
        digest = hashlib.sha256()
        with path.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        fw = framework()
        loaded = load_source(source, path=name, root=folder, dates=window_for(fw, source))
        errors = [i for i in loaded.issues if i.level == Level.ERROR]
        warnings = [i for i in loaded.issues if i.level != Level.ERROR]
        if errors or loaded.provenance is None:
            return Checked(None, errors, warnings)
        with transaction.atomic(), _Checked(path) as kept:
            version = ReturnVersion(
                year=year,
                source=source.id,
                team=team,
                original_name=name,
                sha256=digest.hexdigest(),
                rows=loaded.provenance.rows,
                warnings=[w.render() for w in warnings],
                uploaded_by=user,
            )
            version.file.save(f"{source.id}-{digest.hexdigest()[:12]}{path.suffix}", kept)
    return Checked(version, [], warnings)


def copy_out(version: ReturnVersion, target: Path) -> Path:
    """Copy an accepted version's file to ``target`` (for the pipeline to read)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with version.file.open("rb") as src, target.open("wb") as out:
        shutil.copyfileobj(src, out)
    return target

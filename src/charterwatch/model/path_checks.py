"""The framework check that every path it names stays inside its folder (CW-H002, CW-H003):
source paths, the files of narrative evidence folders, and the ``locales/`` catalogues. The
rule itself is :func:`charterwatch.model.framework_paths.path_problem`."""

from __future__ import annotations

from collections.abc import Iterator

from charterwatch.model.checks import rule
from charterwatch.model.files import SourceKind
from charterwatch.model.framework import Framework
from charterwatch.model.framework_paths import LOCALES, PathProblem, entries, path_problem
from charterwatch.model.issues import Issue, Level


@rule
def source_paths(fw: Framework) -> Iterator[Issue]:
    """CW-H002 and CW-H003: each source's ``path`` and each evidence file stay inside the
    folder and are ordinary files; the folder's ``locales/`` catalogues too."""
    for source in fw.sources.values():
        if source.path is None:
            continue
        written = source.path.partition("#")[0]
        base = (fw.root / source.origin.file).parent
        folder = source.kind is SourceKind.NARRATIVE_EVIDENCE
        found = path_problem(fw.root, base / written, written, "folder" if folder else "file")
        where = (source.origin.file, source.origin.at("path").line, "path")
        if found is not None:
            yield _issue(found, *where)
        elif folder and (base / written).is_dir():
            for entry in entries(base / written):
                shown = f"{written.rstrip('/')}/{entry.relative_to(base / written).as_posix()}"
                found = path_problem(fw.root, entry, shown, "folder" if entry.is_dir() else "file")
                if found is not None:
                    yield _issue(found, *where)
    locales = fw.root / LOCALES
    if locales.exists() or locales.is_symlink():
        for entry in [locales, *(entries(locales) if locales.is_dir() else [])]:
            shown = entry.relative_to(fw.root).as_posix()
            found = path_problem(fw.root, entry, shown, "folder" if entry.is_dir() else "file")
            if found is not None:
                yield _issue(found, shown, None, None)


def _issue(found: PathProblem, file: str, line: int | None, location: str | None) -> Issue:
    return Issue(
        code=found.code,
        level=Level.ERROR,
        file=file,
        line=line,
        location=location,
        message=found.message,
        fix=found.fix,
    )

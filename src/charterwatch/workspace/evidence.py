"""Narrative evidence written in the workspace: one Markdown note per piece of evidence.

A team whose source is ``narrative_evidence`` writes a note in a form instead of sending a
file. The note is made into the same Markdown file with front matter that a person would
write (``docs/sources.md``), checked by :func:`charterwatch.sources.narrative.
read_evidence_file` (the reader ``charterwatch validate`` and ``compute`` use) in a scratch
folder, and only then moved into the source's folder in one rename: a refused note writes
nothing, and the folder never holds half a file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from charterwatch.model.files import SourceFile, SourceKind
from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, Level
from charterwatch.sources.narrative import NarrativeRecord, read_evidence_file, read_narrative

KINDS = ("quote", "example", "you_said_we_did", "report")
"""The kinds of evidence (the ``kind`` of :data:`charterwatch.sources.shapes.
NARRATIVE_FRONT_MATTER`)."""


def narrative_sources(fw: Framework, team: str | None = None) -> list[SourceFile]:
    """The narrative evidence sources, of ``team`` when given."""
    return [
        s
        for s in fw.sources.values()
        if s.kind is SourceKind.NARRATIVE_EVIDENCE and (team is None or s.owner.strip() == team)
    ]


def measures_of(fw: Framework, source: SourceFile) -> list[tuple[str, str]]:
    """(id, "id title") of the measures that use ``source``, in framework order."""
    return [
        (m.id, f"{m.id} {m.title}")
        for m in fw.framework.measures.values()
        if source.id in m.sources
    ]


def folder_of(root: Path, source: SourceFile) -> Path:
    return root / (source.path or source.id)


def notes_for(root: Path, source: SourceFile, year: str) -> list[NarrativeRecord]:
    """The source's notes for ``year`` (none when the folder is empty or has an error)."""
    folder = folder_of(root, source)
    if not folder.is_dir() or not any(folder.glob("*.md")):
        return []
    read = read_narrative(folder, root)
    return [r for r in read.records if str(r.front_matter.get("year")) == year]


@dataclass(frozen=True)
class Note:
    """What the form gives: the front matter's values and the evidence text."""

    measure: str
    year: str
    kind: str
    source: str
    title: str
    commitments: list[str]
    text: str

    def markdown(self) -> str:
        front: dict[str, object] = {
            "measure": self.measure,
            "year": self.year,
            "kind": self.kind,
            "source": self.source,
        }
        if self.commitments:
            front["commitments"] = self.commitments
        if self.title:
            front["title"] = self.title
        head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{head}---\n{self.text.strip()}\n"


def _unknown(fw: Framework, note: Note, shown: str) -> list[Issue]:
    """References the note makes that the framework does not know."""
    out = []
    if note.measure not in fw.framework.measures:
        out.append(
            Issue(
                code="CW-X002",
                level=Level.ERROR,
                file=shown,
                message=f"the measure '{note.measure}' is not in the framework",
                fix="choose one of the measures this source gives evidence for",
            )
        )
    known = fw.charter.commitments
    for commitment in note.commitments:
        if commitment not in known:
            out.append(
                Issue(
                    code="CW-X002",
                    level=Level.ERROR,
                    file=shown,
                    message=f"the commitment '{commitment}' is not in the charter",
                    expected="commitment ids such as " + ", ".join(list(known)[:3]),
                    fix="write the ids of the charter's commitments, separated by commas",
                )
            )
    return out


def _free_name(folder: Path, note: Note) -> str:
    stem = f"{note.measure}-{note.year}"
    n = 1
    while (folder / f"{stem}-{n}.md").exists():
        n += 1
    return f"{stem}-{n}.md"


def write_note(
    root: Path, fw: Framework, source: SourceFile, note: Note
) -> tuple[Path | None, list[Issue]]:
    """Check ``note`` as ``charterwatch validate`` would and keep it only if it passes."""
    folder = folder_of(root, source)
    name = _free_name(folder, note)
    shown = f"{source.path or source.id}/{name}"
    problems = _unknown(fw, note, shown)
    with tempfile.TemporaryDirectory(prefix="cw-note-") as scratch:
        draft = Path(scratch) / name
        draft.write_text(note.markdown(), encoding="utf-8")
        record, issues, _ = read_evidence_file(draft, shown)
        problems += [i for i in issues if i.level == Level.ERROR]
        if record is None or problems:
            return None, problems
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".cw-note-", suffix=".tmp", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(note.markdown())
    target = folder / name
    os.replace(temporary, target)
    return target, []

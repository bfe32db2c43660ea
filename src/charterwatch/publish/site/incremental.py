"""Incremental builds: each page or file of the site is made again only when its inputs change.

Every build writes a manifest (:data:`MANIFEST`) into the site: for each *unit* (a page, the
downloads as a whole, each PDF) the content hash of everything the unit is made from and the
SHA-256 of each file it wrote. The next build works out the same hashes first; a unit whose
hash is unchanged is copied from the previous site (each file checked against its recorded
SHA-256, so a file edited or damaged since is made again), the others are rendered.

What a unit is made from:

- **whole-site inputs**, in every unit's hash: the charterwatch version and the bytes of its
  own package (code, templates, CSS, scripts, interface wording), the design system's CSS,
  every file of the framework folder except the sources' data files and hidden folders (so
  the framework, its wording in ``locales/``, its accountability records and settings), and
  the options of the build (year, language, the day actions are judged on). A change to any
  of these rebuilds everything.
- **the unit's own data**: for a measure page, the measure's view (its figures, definition,
  commitments, citations) and the actions and explanations shown on it; for a section or a
  commitment page, the views of its measures; for the pages about the whole publication (home,
  years, search, downloads ...), the downloads and the PDFs, everything that was read from the
  results store. The hash is taken of the objects the page is rendered from, so a change that
  reaches a page through an action linked to several measures reaches its hash too.

The build still writes a new folder and swaps it in (:mod:`.output`); copying instead of
rendering only saves time, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from charterwatch import __version__
from charterwatch.model.files import SourceKind
from charterwatch.publish.i18n import Catalogue

if TYPE_CHECKING:
    from charterwatch.model.framework import Framework

MANIFEST = ".charterwatch-manifest.json"
"""The file in a built site recording what each of its pages and files was made from."""

FORMAT = 1
"""The manifest's layout; a manifest of another layout is ignored (everything is rebuilt)."""

PACKAGE = Path(__file__).resolve().parents[2]
"""The charterwatch package folder: its bytes are part of every hash."""


@dataclasses.dataclass
class Unit:
    """A page or a group of files made in one step, with the hash of its inputs."""

    key: str
    files: dict[str, str] = dataclasses.field(default_factory=dict)
    data: Any = None


@dataclasses.dataclass
class Manifest:
    """The units of one build, by name (a page's path, ``downloads``, a PDF's path)."""

    units: dict[str, Unit] = dataclasses.field(default_factory=dict)

    @classmethod
    def read(cls, site: Path) -> Manifest:
        """The manifest of the site in ``site``; empty if it has none or an unreadable one."""
        try:
            raw = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT or raw.get("charterwatch") != __version__:
                return cls()
            return cls(
                {
                    name: Unit(str(u["key"]), dict(u["files"]), u.get("data"))
                    for name, u in raw["units"].items()
                }
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def write(self, site: Path) -> None:
        """Write the manifest into ``site`` (sorted, so equal builds write equal bytes)."""
        raw = {
            "format": FORMAT,
            "charterwatch": __version__,
            "units": {
                name: {"key": u.key, "files": dict(sorted(u.files.items())), "data": u.data}
                for name, u in sorted(self.units.items())
            },
        }
        text = json.dumps(raw, indent=1, ensure_ascii=False) + "\n"
        (site / MANIFEST).write_text(text, encoding="utf-8")


def file_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as recorded in the manifest."""
    return hashlib.sha256(data).hexdigest()


def copy_unit(unit: Unit, previous: Path, out: Path) -> bool:
    """Copy the files of ``unit`` from the previous site into ``out``, each checked first.

    Returns False, having copied nothing that stays, when a file is missing, unreadable or
    its bytes are not those recorded (edited or damaged since), or the manifest names a path
    outside the site: the unit is then rendered again.
    """
    copied: list[Path] = []
    for name, digest in unit.files.items():
        data = _recorded(previous, name, digest)
        if data is None:
            for path in copied:
                path.unlink(missing_ok=True)
            return False
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        copied.append(target)
    return True


def _recorded(previous: Path, name: str, digest: str) -> bytes | None:
    """The bytes of ``previous/name`` if they are those the manifest recorded, else None."""
    relative = PurePath(name)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    try:
        data = (previous / relative).read_bytes()
    except OSError:
        return None
    return data if file_hash(data) == digest else None


class Fingerprints:
    """Content hashes of the objects a page is rendered from, each object hashed once.

    Dataclasses and pydantic models are hashed field by field with their type's name; dicts
    keep their order (it is the order pages show them in); sets are sorted. A catalogue is
    left out: its wording is a whole-site input. An object of any other type gets a new
    random hash, so a page made from it is always rendered again rather than wrongly kept.
    """

    def __init__(self) -> None:
        self._done: dict[int, tuple[object, str]] = {}

    def of(self, *values: object) -> str:
        """One hash of ``values``."""
        digest = hashlib.sha256()
        for value in values:
            digest.update(self._token(value).encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def _token(self, value: object) -> str:
        if isinstance(value, enum.Enum):
            return f"{type(value).__name__}.{value.name}"
        if value is None or isinstance(value, bool | int | float | str):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, dt.date | dt.time):
            return f"{type(value).__name__}:{value.isoformat()}"
        if isinstance(value, PurePath):
            return f"path:{value.as_posix()}"
        if isinstance(value, Catalogue):
            return f"catalogue:{value.language}"
        if isinstance(value, list | tuple):
            return "[" + ",".join(self._token(v) for v in value) + "]"
        if isinstance(value, set | frozenset):
            return "{" + ",".join(sorted(self._token(v) for v in value)) + "}"
        if isinstance(value, Mapping):
            return (
                "{" + ",".join(f"{self._token(k)}:{self._token(v)}" for k, v in value.items()) + "}"
            )
        known = self._done.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        token = self._object(value)
        self._done[id(value)] = (value, token)
        return token

    def _object(self, value: object) -> str:
        name = type(value).__qualname__
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [
                (f.name, getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.metadata.get("fingerprint", True)
            ]  # a field marked fingerprint=False is hashed elsewhere (see its docstring)
        elif isinstance(value, BaseModel):
            fields = [(n, getattr(value, n)) for n in type(value).model_fields]
        else:
            return f"unknown:{uuid.uuid4().hex}"
        inner = ",".join(f"{n}={self._token(v)}" for n, v in fields)
        return f"{name}(" + hashlib.sha256(inner.encode("utf-8")).hexdigest() + ")"


@functools.cache
def package_hash() -> str:
    """The hash of charterwatch's own files: its code, templates, CSS and wording."""
    return tree_hash(PACKAGE, lambda p: "__pycache__" not in p.parts)


def tree_hash(
    root: Path, keep: Callable[[Path], bool] | None = None, skip: Iterable[Path] = ()
) -> str:
    """The hash of every file under ``root`` (names and bytes), hidden entries left out.

    ``keep`` is a test of a path relative to ``root``; ``skip`` are absolute paths (files or
    folders) left out with everything under them.
    """
    skipped = [s.resolve() for s in skip]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if keep is not None and not keep(relative):
            continue
        real = path.resolve()
        if any(real == s or s in real.parents for s in skipped):
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\x00")
        digest.update(file_hash(path.read_bytes()).encode("ascii"))
    return digest.hexdigest()


def site_inputs(framework: Framework, out: Path) -> str:
    """The hash of the whole-site inputs read from files: charterwatch's own files, the
    design system's CSS and the framework folder.

    The framework folder's hidden folders (the results store), the sources' data files and
    the site being built are left out: figures reach the pages through the store, and a
    page's figures are part of its own hash.
    """
    from charterwatch.publish.site.build import design_system_css

    design = file_hash(design_system_css().read_bytes())
    return hashlib.sha256(
        "\x00".join(
            [
                f"format:{FORMAT}",
                f"charterwatch:{__version__}",
                package_hash(),
                design,
                tree_hash(framework.root, skip=[*source_paths(framework), out]),
            ]
        ).encode("utf-8")
    ).hexdigest()


def source_paths(framework: Framework) -> list[Path]:
    """The data files and folders of the framework's sources (not published figures)."""
    paths = []
    for source in framework.sources.values():
        if source.path is None or source.kind is SourceKind.PUBLISHED_FIGURES:
            continue
        paths.append((framework.root / source.origin.file).parent / source.path)
    return paths

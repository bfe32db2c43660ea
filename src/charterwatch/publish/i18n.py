"""The translation catalogue: every piece of interface text, looked up by key.

Catalogues are YAML files under ``publish/locales/<language>/`` (one file per output:
``site.yaml``, ``downloads.yaml``, ``print.yaml`` ...), merged into one mapping of dotted keys
to text with ``{placeholders}``. English is complete. A framework folder may add its own
``locales/<language>/*.yaml``: its keys override the built-in ones (a charter's own wording of
how to challenge a decision, say) and a new language needs no code change (``locales/gd/``
gives a Gaelic site). A key missing in a language falls back to English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LOCALES = Path(__file__).resolve().parent / "locales"
FALLBACK = "en"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the catalogue loads several times
faster, which every build and every command that words a message pays."""


@cache
def _load_folder(folder: Path) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        merged.update(_flatten(yaml.load(text, Loader=SAFE_LOADER) or {}))
    return merged


def _load(language: str, extra: Path | None) -> dict[str, str]:
    folders = [LOCALES / language]
    if extra is not None:
        folders.append(extra / language)
    found = [f for f in folders if f.is_dir()]
    if not found:
        raise LookupError(
            f"no translation catalogue for language '{language}'; "
            f"available: {', '.join(available_languages(extra))}"
        )
    merged: dict[str, str] = {}
    for folder in found:
        merged.update(_load_folder(folder))
    return merged


@cache
def _keys_of_files(folder: Path) -> dict[str, Path]:
    """Which file of ``folder`` defines each key (a later file wins, as in the merge)."""
    out: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        out.update(dict.fromkeys(_flatten(yaml.load(text, Loader=SAFE_LOADER) or {}), path))
    return out


def available_languages(extra: Path | None = None) -> list[str]:
    roots = [LOCALES, *([extra] if extra is not None and extra.is_dir() else [])]
    return sorted({p.name for root in roots for p in root.iterdir() if p.is_dir()})


@dataclass(frozen=True)
class Catalogue:
    """Interface text in one language, with English as the fallback for missing keys.

    ``extra`` is a framework folder's own ``locales`` folder, whose keys win.
    """

    language: str = FALLBACK
    extra: Path | None = None

    def text(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``{placeholders}`` filled; KeyError if no language has it."""
        found = _load(self.language, self.extra).get(key)
        if found is None and self.language != FALLBACK:
            found = _load(FALLBACK, self.extra).get(key)
        if found is None:
            raise KeyError(f"no interface text for '{key}' in the catalogue")
        return found.format(**values) if values else found

    __call__ = text

    def keys(self) -> set[str]:
        return set(_load(self.language, self.extra))

    def file_of(self, key: str) -> str | None:
        """The file whose text is used for ``key``, as an author finds it: relative to the
        framework folder for its own ``locales/`` (``locales/en/site.yaml``), else the
        package's catalogue (``charterwatch/publish/locales/en/site.yaml``); None if no
        catalogue has the key."""
        tried = [self.language, *([FALLBACK] if self.language != FALLBACK else [])]
        for language in tried:
            places = [(LOCALES / language, LOCALES.parents[2])]
            if self.extra is not None:
                places.insert(0, (self.extra / language, self.extra.parent))
            for folder, shown_from in places:
                path = _keys_of_files(folder).get(key) if folder.is_dir() else None
                if path is not None:
                    return path.relative_to(shown_from).as_posix()
        return None

    def missing(self) -> set[str]:
        """English keys this language does not translate yet."""
        return set(_load(FALLBACK, self.extra)) - self.keys()

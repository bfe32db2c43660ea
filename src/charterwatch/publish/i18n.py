"""The translation catalogue: every piece of interface text, looked up by key.

Catalogues are YAML files under ``publish/locales/<language>/`` (one file per output:
``site.yaml``, ``downloads.yaml``, ``pdf.yaml`` ...), merged into one mapping of dotted keys
to text with ``{placeholders}``. English is complete; adding ``locales/gd/`` with the same keys
gives a Gaelic site with no code change. A missing key falls back to English, and a test
checks every language has every English key (or lists what is missing).
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


@cache
def _load(language: str) -> dict[str, str]:
    folder = LOCALES / language
    if not folder.is_dir():
        raise LookupError(
            f"no translation catalogue for language '{language}'; "
            f"available: {', '.join(available_languages())}"
        )
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        merged.update(_flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {}))
    return merged


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if p.is_dir())


@dataclass(frozen=True)
class Catalogue:
    """Interface text in one language, with English as the fallback for missing keys."""

    language: str = FALLBACK

    def text(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``{placeholders}`` filled; KeyError if no language has it."""
        found = _load(self.language).get(key)
        if found is None:
            found = _load(FALLBACK).get(key)
        if found is None:
            raise KeyError(f"no interface text for '{key}' in the catalogue")
        return found.format(**values) if values else found

    __call__ = text

    def keys(self) -> set[str]:
        return set(_load(self.language))

    def missing(self) -> set[str]:
        """English keys this language does not translate yet."""
        return set(_load(FALLBACK)) - self.keys()

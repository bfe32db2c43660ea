"""Checks of a framework folder's own wording: ``locales/<language>/*.yaml``.

A framework folder rewords the package's interface text by giving the same dotted keys
(``site.expect.words: "Half of decisions took {value} or less."``). A misspelt key would
otherwise be silently ignored and the default wording published, so every key must be one the
package's English catalogue has (``CW-T001``, with the nearest key suggested); a value must be
text, and may use only the ``{placeholders}`` the package fills in for that key (``CW-T002``),
so a site build never stops on a wording file.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterator
from typing import Any

from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework
from charterwatch.model.framework_paths import LOCALES
from charterwatch.model.issues import Issue, Level, relative_name
from charterwatch.model.yamlfile import PathKey, YamlDocument, read_yaml
from charterwatch.publish.i18n import FALLBACK, Catalogue

OPTIONAL_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "site.home.sections_heading": frozenset({"count", "count_words"}),
}
"""Values the code fills in for a key although its default wording does not use them (a
framework may: "The {count_words} parts of the Charter")."""


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a catalogue text asks to be filled in (``{value:.1f}`` gives
    ``value``); an unbalanced brace gives ValueError."""
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name
    }


def _leaves(value: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    else:
        yield path, value


def _check_file(doc: YamlDocument, package: Catalogue) -> Iterator[Issue]:
    known = package.keys()
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        yield Issue(
            code="CW-T002",
            level=Level.ERROR,
            file=doc.file,
            line=1,
            message="a wording file must be a mapping of catalogue keys to text",
            expected="keys such as 'site:' with text under them",
            found=type(doc.data).__name__,
            fix="see docs/framework-format.md, 'Wording of a charter'",
        )
        return
    for where, value in _leaves(doc.data, ()):
        key = ".".join(str(p) for p in where)
        line = doc.line_of(where)
        if key not in known:
            guess = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            yield Issue(
                code="CW-T001",
                level=Level.ERROR,
                file=doc.file,
                line=line,
                location=key,
                message=f"'{key}' is not a key of charterwatch's wording, so it would be ignored",
                expected="a key of the package catalogue (src/charterwatch/publish/locales/en)",
                found=key,
                fix=f"did you mean '{guess[0]}'?" if guess else "correct or remove the key",
            )
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            yield Issue(
                code="CW-T002",
                level=Level.ERROR,
                file=doc.file,
                line=line,
                location=key,
                message=f"the wording of '{key}' must be text",
                expected="text, quoted if it holds ':' or '#'",
                found=type(value).__name__,
                fix="write the text on one line, or as a folded block (>-)",
            )
            continue
        allowed = placeholders(package.text(key)) | OPTIONAL_PLACEHOLDERS.get(key, frozenset())
        try:
            used = placeholders(str(value))
        except ValueError as error:
            used, problem = set(), str(error)
        else:
            problem = ""
        unknown = sorted(used - allowed)
        if problem or unknown:
            yield Issue(
                code="CW-T002",
                level=Level.ERROR,
                file=doc.file,
                line=line,
                location=key,
                message=f"the wording of '{key}' "
                + (
                    f"is not valid text with placeholders: {problem}"
                    if problem
                    else "uses placeholders charterwatch does not fill in here: "
                    + ", ".join("{" + u + "}" for u in unknown)
                ),
                expected="placeholders from: "
                + (", ".join("{" + a + "}" for a in sorted(allowed)) or "(none)"),
                found=str(value),
                fix="use only the placeholders listed; write a literal brace as {{ or }}",
            )


@rule
def framework_wording(fw: Framework) -> Iterator[Issue]:
    """CW-T001, CW-T002: the folder's ``locales/<language>/*.yaml`` keys and values."""
    root = fw.root / LOCALES
    if not root.is_dir() or root.is_symlink():
        return
    package = Catalogue(FALLBACK)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
        for path in sorted(folder.glob("*.yaml")):
            if not path.is_file() or path.is_symlink():
                continue
            doc, problems = read_yaml(path, relative_name(path, fw.root))
            yield from problems
            if doc is not None:
                yield from _check_file(doc, package)

"""The generated parts of ``docs/sources.md``: shapes, formats and codes, rendered from the data.

The documentation's tables come from :data:`SHAPES`, the reader registry and :data:`CODES`,
so they cannot drift: a test compares each block of the docs with these functions. Run
``python -m charterwatch.sources.describe docs/sources.md`` to refresh the blocks in place.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.sources.cells import FIELD_TYPES
from charterwatch.sources.codes import CODES
from charterwatch.sources.readers import READERS, TableReader
from charterwatch.sources.shapes import NARRATIVE_FRONT_MATTER, SHAPES


def _rule(spec: FieldFile) -> str:
    rules: list[str] = []
    if spec.unique:
        rules.append("unique")
    if spec.enum is not None:
        rules.append("one of " + ", ".join(f"`{v}`" for v in spec.enum))
    if spec.minimum is not None:
        rules.append(f"at least {spec.minimum:g}")
    if spec.maximum is not None:
        rules.append(f"at most {spec.maximum:g}")
    if spec.pattern is not None:
        rules.append(f"form `{spec.pattern}`")
    if spec.description:
        rules.append(spec.description)
    return "; ".join(rules).replace("|", "\\|")


def schema_table(schema: SourceSchemaFile) -> str:
    """A Markdown table of a schema's columns: name, type, required, rules."""
    lines = ["| column | type | required | rules |", "|---|---|---|---|"]
    for spec in schema.fields:
        required = "yes" if spec.required else "no"
        lines.append(f"| `{spec.name}` | {spec.type} | {required} | {_rule(spec)} |")
    if schema.primary_key:
        lines.append("")
        lines.append("Primary key: " + ", ".join(f"`{k}`" for k in schema.primary_key) + ".")
    for earlier, later in schema.date_order:
        lines.append("")
        lines.append(f"Date order: `{later}` is on or after `{earlier}`.")
    return "\n".join(lines)


def shapes_markdown() -> str:
    """One section per standard shape, in the order of :data:`SHAPES`."""
    parts: list[str] = []
    for name, schema in SHAPES.items():
        parts.append(f"### Shape `{name}`")
        parts.append("")
        if schema.fields:
            parts.append(schema_table(schema))
        else:
            parts.append("No fixed columns: the source lists its own `fields`.")
        parts.append("")
    parts.append("### Narrative evidence front matter")
    parts.append("")
    parts.append(schema_table(NARRATIVE_FRONT_MATTER))
    return "\n".join(parts).rstrip() + "\n"


def formats_markdown() -> str:
    """The table of registered readers, plus the database reader."""
    lines = ["| format | extensions | how it is read |", "|---|---|---|"]
    seen: list[TableReader] = []
    for reader in READERS.values():
        if reader not in seen:
            seen.append(reader)
            extensions = ", ".join(f"`{e}`" for e in reader.extensions)
            lines.append(f"| {reader.name} | {extensions} | {reader.description} |")
    lines.append(
        "| sql | a database `url:` ending in `#table` | Any database Ibis connects to "
        "(DuckDB, PostgreSQL, SQLite, ...); DuckDB files are opened read-only. |"
    )
    return "\n".join(lines) + "\n"


def types_markdown() -> str:
    """The table of field types and their Arrow types."""
    lines = ["| type | Arrow type | accepted values |", "|---|---|---|"]
    for kind in FIELD_TYPES.values():
        lines.append(f"| {kind.name} | `{kind.arrow}` | {kind.expected} |")
    return "\n".join(lines) + "\n"


def codes_markdown() -> str:
    """One heading per code with its level and meaning."""
    parts: list[str] = []
    for code in CODES.values():
        parts.append(f"### {code.code} {code.title}")
        parts.append("")
        parts.append(f"*{code.level.value}.* {code.meaning}")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


BLOCKS: dict[str, Callable[[], str]] = {
    "formats": formats_markdown,
    "types": types_markdown,
    "shapes": shapes_markdown,
    "codes": codes_markdown,
}
"""Each generated block of ``docs/sources.md`` by its marker name."""


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- generated: {name} -->\n)(.*?)(<!-- end: {name} -->)", flags=re.DOTALL
    )


def block(text: str, name: str) -> str | None:
    """The content of the generated block ``name`` in ``text``, or None when absent."""
    found = _pattern(name).search(text)
    return found.group(2) if found else None


def refresh(text: str) -> str:
    """``text`` with every generated block replaced by freshly rendered content."""
    for name, render in BLOCKS.items():
        found = _pattern(name).search(text)
        if found is not None:
            text = text[: found.start(2)] + render() + text[found.end(2) :]
    return text


def main(argv: list[str]) -> int:
    """Rewrite the generated blocks of the Markdown file named in ``argv``."""
    if len(argv) != 1:
        print("usage: python -m charterwatch.sources.describe docs/sources.md")
        return 2
    path = Path(argv[0])
    path.write_text(refresh(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

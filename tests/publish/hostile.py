"""A framework whose every text field is hostile: formulas for spreadsheets, markup for pages.

It starts from the download fixture (:func:`tests.publish.downloads.fixtures.
write_download_framework`) and rewrites its YAML with :data:`HOSTILE` strings in turn in
every title, definition, note, glossary entry, action, "You said, we did" entry and
recommendation, and in the group names of the raw calls extract (there only the markup ones
and a dash that is not a formula: formulas in extracts are refused, see
``tests/sources/test_extract_guard.py``). Web addresses stay real: a ``javascript:``
address is refused when the framework loads (``tests/model/test_hostile_links.py``).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tests.publish.downloads.fixtures import write_download_framework

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "@SUM(A1)",
    '-1+HYPERLINK("x")',
    "\t=1+1",
    "\r=1+1",
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
]
HOSTILE = FORMULAS + MARKUP
"""Every hostile string; each text field gets the next one in turn."""

GROUPS = [*MARKUP, "- <b>dash</b> and words"]
"""Group names written into the raw calls extract: they pass the extract guard."""

TEXT_KEYS = {
    "title",
    "text",
    "definition",
    "short",
    "tagline",
    "delivered_by",
    "note",
    "why",
    "easy_read",
    "notes",
    "owner",
    "name",
    "organisation",
    "contact",
    "term",
    "change",
    "effect",
    "theme",
    "action_taken",
    "body",
    "report",
    "response_reason",
    "source_title",
    "period_note",
    "lead_statistician",
    "pre_release_access",
    "description",
}
"""Keys whose values are free text shown to readers (ids, dates and words from fixed lists
are left alone, or the framework would not load)."""

ACCOUNTABILITY = {
    "actions": [
        {
            "id": "A1",
            "title": "",
            "change": "",
            "measures": ["KIND"],
            "commitments": ["1.1"],
            "owner": "",
            "start": "2022-04-01",
            "due": "2022-06-30",
            "status": "in_progress",
            "updates": [{"date": "2022-05-01", "text": ""}],
            "effect": "",
        }
    ],
    "you_said_we_did": [
        {
            "id": "Y1",
            "theme": "",
            "source": "survey",
            "action_taken": "",
            "date": "2023-01-01",
            "commitments": ["1.1"],
            "measures": ["KIND"],
        }
    ],
    "recommendations": [
        {
            "id": "R1",
            "body": "",
            "report": "",
            "report_url": "https://example.org/report",
            "text": "",
            "date": "2023-01-01",
            "response": "partially_accepted",
            "response_reason": "",
            "actions": ["A1"],
            "commitments": ["1.1"],
        }
    ],
    "glossary": [
        {"id": "g1", "term": "", "definition": ""},
        {"id": "g2", "term": "", "definition": ""},
    ],
}


def write_hostile_framework(root: Path) -> Path:
    """Write the download fixture with hostile text everywhere; returns ``root``."""
    write_download_framework(root)
    framework = root / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    wait = "{value: wait_seconds, statistic: mean}"
    assert wait in text, "the WAIT measure's params changed"
    text = text.replace(wait, "{value: wait_seconds, statistic: mean, breakdowns: [queue]}")
    framework.write_text(text, encoding="utf-8")
    (root / "data" / "calls.csv").write_text(_calls(), encoding="utf-8")
    (root / "accountability.yaml").write_text(_dump(ACCOUNTABILITY), encoding="utf-8")
    strings = itertools.cycle(HOSTILE)
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(_dump(_poison(data, strings)), encoding="utf-8")
    return root


def _poison(value: Any, strings: Iterator[str], key: str | None = None) -> Any:
    if key == "fields":  # a source's declared columns: their names are ids, not text
        return value
    if isinstance(value, dict):
        return {k: _poison(v, strings, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, strings, key) for v in value]
    if key in TEXT_KEYS and isinstance(value, str):
        return next(strings)
    return value


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _calls() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["call_id", "date", "queue", "wait_seconds", "abandoned", "synthetic"])
    for i in range(40):
        writer.writerow([f"C{i}", "2022-05-01", GROUPS[i % len(GROUPS)], 10 + i, "false", "true"])
    return buffer.getvalue()

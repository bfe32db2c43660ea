"""The generated JSON Schema is current, accepts the example, and every code is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from charterwatch.model.loader import SKIPPED_FOLDERS
from charterwatch.model.schema import framework_schema, framework_schema_text
from charterwatch.model.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_schema_is_current() -> None:
    shipped = (ROOT / "schema" / "charterwatch-framework.schema.json").read_text("utf-8")
    assert shipped == framework_schema_text(), "run: make schema"


def test_schema_accepts_every_example_file_and_rejects_a_typo() -> None:
    validator = jsonschema.Draft202012Validator(framework_schema())
    example = ROOT / "examples" / "scotland"
    files = [
        p
        for p in example.rglob("*.yaml")
        if not SKIPPED_FOLDERS & set(p.relative_to(example).parts)
    ]
    assert files
    for path in files:
        if path.name == "synthetic.yaml":
            continue
        doc, issues = read_yaml(path, path.name)
        assert doc is not None and not issues
        data = yaml.safe_load(path.read_text("utf-8"))  # as an editor reads it
        errors = list(validator.iter_errors(json.loads(json.dumps(data, default=str))))
        assert not errors, (path, errors[0].message)
    bad = {"glossary": [{"id": "x", "term": "X", "definition": "d", "sea_also": []}]}
    assert list(validator.iter_errors(bad))


def test_every_issue_code_is_documented() -> None:
    used = set()
    for path in (ROOT / "src" / "charterwatch").rglob("*.py"):
        used |= set(re.findall(r'"(CW-[A-Z]\d{3})"', path.read_text("utf-8")))
    docs = "".join(p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md"))
    missing = sorted(code for code in used if code not in docs)
    assert not missing, f"undocumented codes: {missing}"

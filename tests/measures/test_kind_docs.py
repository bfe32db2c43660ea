"""Every registered measure kind is documented with a YAML example whose params validate,
and that example's column params are checked at ``validate`` like any measure's.

Generic over the registry: a kind added later (a new module registered with ``@register``)
is checked as soon as it is registered, so its section in docs/measure-kinds.md must show
a working example too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from charterwatch.measures.columns import column_uses
from charterwatch.measures.registry import load_builtin_kinds
from charterwatch.model.files import MeasureFile, Unit
from charterwatch.model.loader import load_framework
from tests.model.fixtures import FRAMEWORK, SOURCES, write_framework

DOCS = Path(__file__).resolve().parents[2] / "docs" / "measure-kinds.md"
KINDS = sorted(load_builtin_kinds())


def section(name: str) -> str:
    """The text of the kind's ``## name`` section (up to the next ``## `` heading)."""
    text = DOCS.read_text("utf-8")
    found = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert found, f"docs/measure-kinds.md has no '## {name}' section"
    return found.group(1)


def example(name: str) -> dict[str, Any]:
    """The measure fragment of the kind's first ```yaml block: ``kind:`` and ``params:``."""
    blocks = re.findall(r"```yaml\n(.*?)```", section(name), re.S)
    assert blocks, f"the '## {name}' section has no ```yaml example"
    data = yaml.safe_load(blocks[0])
    if isinstance(data, list):
        data = data[0]
    assert isinstance(data, dict), f"the example of '{name}' is not a measure mapping"
    assert data.get("kind") == name, f"the example of '{name}' says kind: {data.get('kind')}"
    params = data.get("params", {})
    assert isinstance(params, dict), f"the example of '{name}' has params that are not a mapping"
    return data


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_has_an_example_whose_params_validate(name: str) -> None:
    kind = load_builtin_kinds()[name]
    params = example(name).get("params", {})
    kind.Params.model_validate(params)  # raises, naming the param, when the docs are wrong
    fragment = example(name)
    assert set(fragment) <= set(MeasureFile.model_fields), fragment
    if "unit" in fragment:
        Unit(fragment["unit"])
    for param in kind.Params.model_fields:
        assert f"`{param}`" in section(name) or f"`{param}`" in section_common(), (
            f"param '{param}' of kind '{name}' is not described in its section"
        )


def section_common() -> str:
    text = DOCS.read_text("utf-8")
    common = text.split("Common params of the record-based kinds", 1)[1].split("\n## ", 1)[0]
    return text.split("\n## ", 2)[1] + common


def _framework_with(
    tmp_path: Path, name: str, params: dict[str, Any], declared: dict[str, Any]
) -> Path:
    """The model fixture with measure M2 of kind ``name`` and ``params``, reading a
    ``records`` source that declares exactly the columns the ``declared`` params name."""
    kind = load_builtin_kinds()[name]
    columns = {u.column for u in column_uses(kind.Params.model_validate(declared), "payments")}
    fields = "".join(f"\n        - {{name: {c}, type: string, required: false}}" for c in columns)
    sources = SOURCES.replace(
        "    kind: case_records\n",
        "    kind: case_records\n    schema:\n      shape: records\n      fields:"
        + (fields or "\n        - {name: anything, type: string}")
        + "\n",
        1,
    )
    body = yaml.safe_dump(params, default_flow_style=True, width=10_000).strip()
    text = FRAMEWORK.replace(
        "                  kind: share_of_records\n"
        "                  params: {where: {on_time: [true]}}\n",
        f"                  kind: {name}\n                  params: {body}\n",
    )
    return write_framework(tmp_path, {"framework/2019.yaml": text, "sources.yaml": sources})


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_rejects_a_breakdown_or_condition_on_a_missing_column(
    tmp_path: Path, name: str
) -> None:
    kind = load_builtin_kinds()[name]
    params = dict(example(name).get("params", {}))
    params.pop("source", None)  # read the fixture's source
    clean = load_framework(_framework_with(tmp_path / "clean", name, params, params))
    assert not [i for i in clean.issues.errors if i.code in ("CW-K010", "CW-K011")], [
        i.render() for i in clean.issues.errors
    ]
    broken = {**params, "breakdowns": ["no_such_column"]}
    for condition in ("filter", "where"):
        if condition in kind.Params.model_fields:
            broken[condition] = {**params.get(condition, {}), "no_such_column": ["x"]}
    result = load_framework(_framework_with(tmp_path / "broken", name, broken, params))
    found = [i for i in result.issues.errors if i.code == "CW-K010"]
    wanted = {"breakdowns"} | {c for c in ("filter", "where") if c in kind.Params.model_fields}
    located = {i.location.split(".params.")[1].split(".")[0] for i in found if i.location}
    assert located == wanted, [i.render() for i in result.issues]

"""Hostile and careless YAML: each case is refused with its own located message, never a crash.

Impossible dates, alias bombs and loops, merge keys, tags, complex keys, deep nesting and
huge files all used to raise (or exhaust memory) inside PyYAML; now each is an issue with the
file, line, field and fix, and ``charterwatch validate`` exits 1 without "This is a bug".
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.loader import load_framework
from charterwatch.model.yaml_limits import LIMIT_VARIABLE, max_file_bytes
from charterwatch.model.yamlfile import MAX_ALIAS_VALUES, read_yaml_text
from tests.model.fixtures import CHARTER, FRAMEWORK, PROJECT, SOURCES, write_framework
from tests.model.test_invalid_frameworks import CH, FW, PJ, SRC, Case, edit


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """The "billion laughs": ``width ** levels`` values from about a kilobyte of YAML."""
    lines = ["glossary:", "  - &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for n in range(1, levels + 1):
        lines.append(f"  - &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


CASES = [
    Case(
        "invalid_release_date_29_february",
        {PJ: PROJECT + "  release_date: 2025-02-29\n"},
        "CW-F014",
        "'2025-02-29' is not a real date",
        PJ,
        6,
    ),
    Case(
        "invalid_effective_from_30_february",
        {CH: edit(CHARTER, "effective_from: 2019-02-01", "effective_from: 2019-02-30")},
        "CW-F014",
        "'2019-02-30' is not a real date",
        CH,
        4,
    ),
    Case(
        "invalid_release_date_open_ended",
        {PJ: PROJECT + "  release_date: 9999-12-31\n"},
        "CW-F005",
        "'release_date' is not valid",
        PJ,
        6,
    ),
    Case(
        "invalid_number_too_long",
        {
            SRC: SOURCES.replace(
                "    answers: [agree, disagree]\n", "    answers: [" + "9" * 5000 + "]\n"
            )
        },
        "CW-F014",
        "cannot be read as int",
        SRC,
        14,
    ),
    Case(
        "invalid_alias_bomb",
        {"bomb.yaml": alias_bomb()},
        "CW-F011",
        f"stand for more than {MAX_ALIAS_VALUES:,} values",
        "bomb.yaml",
    ),
    Case(
        "invalid_alias_loop",
        {"loop.yaml": "glossary: &g\n  - id: a\n    see_also: *g\n"},
        "CW-F011",
        "refers to a value that contains the alias itself",
        "loop.yaml",
    ),
    Case(
        "invalid_merge_key",
        {
            FW: edit(
                FRAMEWORK,
                "                - id: M2\n",
                "                - <<: {owner: Finance}\n                  id: M2\n",
            )
        },
        "CW-F011",
        "merge keys ('<<') are not allowed",
        FW,
        31,
    ),
    Case(
        "invalid_include_tag",
        {"more.yaml": "glossary: !include glossary.yaml\n"},
        "CW-F012",
        "the tag '!include' is not allowed",
        "more.yaml",
        1,
    ),
    Case(
        "invalid_python_object_tag",
        {"more.yaml": 'glossary:\n  - !!python/object/apply:os.system ["echo owned"]\n'},
        "CW-F012",
        "the tag '!!python/object/apply:os.system' is not allowed",
        "more.yaml",
        2,
    ),
    Case(
        "invalid_set_tag_on_a_mapping",
        {"more.yaml": "glossary: !!set {a, b}\n"},
        "CW-F012",
        "the tag '!!set' is not allowed",
        "more.yaml",
        1,
    ),
    Case(
        "invalid_list_as_key",
        {SRC: SOURCES + "? [a, b]\n: both\n"},
        "CW-F013",
        "this key is a list",
        SRC,
        19,
    ),
    Case(
        "invalid_mapping_as_key",
        {SRC: SOURCES + "{id: a}: both\n"},
        "CW-F013",
        "this key is a mapping",
        SRC,
        19,
    ),
    Case(
        "invalid_nesting_too_deep",
        {"deep.yaml": "glossary: " + "[" * 150 + "]" * 150 + "\n"},
        "CW-F015",
        "nested more than 100 levels deep",
        "deep.yaml",
        1,
    ),
    Case(
        "invalid_control_character",
        {SRC: SOURCES.replace("Client survey", "Client\x07survey")},
        "CW-F001",
        "the character '\\x07' is not allowed in YAML",
        SRC,
        3,
    ),
    Case(
        "invalid_file_over_the_size_limit",
        {"big.yaml": "glossary:\n" + "  # padding\n" * 1_900_000},
        "CW-F010",
        "over the limit of 20 MB for one framework file",
        "big.yaml",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_yaml_gets_its_own_message(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = load_framework(root)
    matching = [i for i in result.issues.errors if i.code == case.code]
    assert matching, f"expected {case.code}; got {[i.render() for i in result.issues]}"
    issue = next((i for i in matching if case.message in i.message), None)
    assert issue is not None, [i.message for i in matching]
    assert issue.file == case.file
    if case.line is not None:
        assert issue.line == case.line, issue.render()
    assert issue.fix, "every error says how to fix it"


def test_cases_are_distinct() -> None:
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({(c.code, c.message) for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_refuses_without_crashing(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = CliRunner().invoke(app, ["validate", str(root)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert case.code in result.output
    assert "This is a bug" not in result.output and "Traceback" not in result.output


def test_the_located_field_is_named(tmp_path: Path) -> None:
    root = write_framework(tmp_path, {PJ: PROJECT + "  release_date: 2025-02-29\n"})
    [issue] = load_framework(root).issues.errors
    assert issue.location == "project.release_date"
    assert issue.render().startswith("error CW-F014 charterwatch.yaml:6, field project.")


def test_alias_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    """Ten levels of ten aliases stand for 10**10 values; refusing them stays under 100 MB."""
    root = write_framework(tmp_path, {"bomb.yaml": alias_bomb(levels=10)})
    tracemalloc.start()
    try:
        result = load_framework(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "CW-F011" in {i.code for i in result.issues.errors}
    assert peak < 100_000_000, f"peak {peak / 1e6:.1f} MB"


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A 50 MB file (sparse: nothing written) is refused by its size alone."""
    root = write_framework(tmp_path)
    with (root / "huge.yaml").open("wb") as handle:
        handle.truncate(50_000_000)
    tracemalloc.start()
    try:
        result = load_framework(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [issue] = result.issues.errors
    assert (issue.code, issue.file) == ("CW-F010", "huge.yaml")
    assert "the file is 50.0 MB" in issue.message
    assert peak < 20_000_000


def test_the_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_framework(tmp_path, {"big.yaml": "glossary: []\n" + "# padding\n" * 120_000})
    monkeypatch.setenv(LIMIT_VARIABLE, "1")
    assert max_file_bytes() == 1_000_000
    [issue] = load_framework(root).issues.errors
    assert "over the limit of 1 MB" in issue.message
    assert issue.fix is not None and LIMIT_VARIABLE in issue.fix
    assert load_framework(root, max_file_bytes=2_000_000).issues.ok
    monkeypatch.setenv(LIMIT_VARIABLE, "lots")
    assert max_file_bytes() == 20_000_000


def test_small_aliases_are_read_as_copies() -> None:
    """The example's recipe repeats small params mappings through aliases: still allowed."""
    text = "a: &p {source: x, date: d}\nb: *p\nc: [*p, *p]\n"
    doc, issues = read_yaml_text(text, "t.yaml")
    assert issues == [] and doc is not None
    assert doc.data["b"] == doc.data["a"] and doc.data["b"] is not doc.data["a"]
    assert doc.data["c"] == [doc.data["a"], doc.data["a"]]


def test_plain_values_keep_their_meaning() -> None:
    doc, issues = read_yaml_text(
        "id: 1.10\nok: yes\nflag: true\nn: 3\nwhen: 2024-02-29\neq: =\n2019: x\nnull_key: ~\n",
        "t.yaml",
    )
    assert issues == [] and doc is not None
    data = doc.data
    assert (data["id"], data["ok"], data["flag"], data["n"], data["eq"]) == (
        "1.10",
        "yes",
        True,
        3,
        "=",
    )
    assert str(data["when"]) == "2024-02-29"
    assert data["2019"] == "x" and data["null_key"] is None


def test_lines_of_values_keys_and_fields() -> None:
    doc, _ = read_yaml_text("top:\n  a: 1\n  b:\n    - x\n    - y\n", "t.yaml")
    assert doc is not None
    assert doc.line_of(("top", "b", 1)) == 5
    assert doc.line_of(("top", "b", 7)) == 4  # the deepest known place
    assert doc.line_of_key(("top", "b")) == 3
    assert doc.field_lines(("top",)) == {"a": 2, "b": 4}
    assert doc.line_of(("nowhere",)) == 1

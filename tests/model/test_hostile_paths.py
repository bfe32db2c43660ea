"""Files stay inside the framework folder: paths out, links out, pipes and folders refused.

Each ``invalid_*`` case asserts its code, file, line and message; the CLI reports each with
exit code 1, never "This is a bug", and never prints the content of the file it refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.issues import Issue, printable
from charterwatch.model.loader import load_framework
from tests.model.fixtures import SOURCES, write_framework

SECRET = "TOP-SECRET-CONTENT\x1b[2J"
"""What the file outside the folder holds; no message may show it."""

PAYMENTS = "    kind: case_records\n"


def with_path(path: str, kind: str = "case_records") -> str:
    """The fixture's sources with ``path:`` (and ``kind``) on the payments source."""
    text = SOURCES.replace(
        "    kind: case_records\n", f"    kind: {kind}\n    schema: {{shape: records}}\n"
    )
    return text.replace(f"    kind: {kind}\n", f"    kind: {kind}\n    path: {path}\n", 1)


def _outside(tmp: Path) -> Path:
    secret = tmp / "elsewhere" / "secret.csv"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def case_dotdot(root: Path) -> None:
    (root / "sources.yaml").write_text(with_path("../elsewhere/secret.csv"), encoding="utf-8")


def case_absolute(root: Path) -> None:
    target = _outside(root.parent)
    (root / "sources.yaml").write_text(with_path(str(target)), encoding="utf-8")


def case_link_out(root: Path) -> None:
    (root / "data").mkdir()
    (root / "data" / "payments.csv").symlink_to(_outside(root.parent))
    (root / "sources.yaml").write_text(with_path("data/payments.csv"), encoding="utf-8")


def case_fifo(root: Path) -> None:
    (root / "data").mkdir()
    os.mkfifo(root / "data" / "payments.csv")
    (root / "sources.yaml").write_text(with_path("data/payments.csv"), encoding="utf-8")


def case_folder_for_file(root: Path) -> None:
    (root / "data" / "payments.csv").mkdir(parents=True)
    (root / "sources.yaml").write_text(with_path("data/payments.csv"), encoding="utf-8")


def case_evidence_link_out(root: Path) -> None:
    (root / "evidence").mkdir()
    (root / "evidence" / "note.md").symlink_to(_outside(root.parent))
    text = with_path("evidence", kind="narrative_evidence").replace(
        "    schema: {shape: records}\n", ""
    )
    (root / "sources.yaml").write_text(text, encoding="utf-8")


def case_yaml_link_out(root: Path) -> None:
    (root / "glossary.yaml").symlink_to(_outside(root.parent))


def case_yaml_fifo(root: Path) -> None:
    os.mkfifo(root / "extra.yaml")


def case_locale_link_out(root: Path) -> None:
    (root / "locales" / "en").mkdir(parents=True)
    (root / "locales" / "en" / "site.yaml").symlink_to(_outside(root.parent))


def case_locales_folder_link_out(root: Path) -> None:
    _outside(root.parent)
    (root / "locales").symlink_to(root.parent / "elsewhere")


Case = tuple[str, Callable[[Path], None], str, str, str, int | None]
CASES: list[Case] = [
    (
        "invalid_dotdot",
        case_dotdot,
        "CW-H002",
        "is outside the framework folder",
        "sources.yaml",
        10,
    ),
    (
        "invalid_absolute",
        case_absolute,
        "CW-H002",
        "is outside the framework folder",
        "sources.yaml",
        10,
    ),
    (
        "invalid_link_out",
        case_link_out,
        "CW-H002",
        "outside the framework folder (through a link)",
        "sources.yaml",
        10,
    ),
    ("invalid_fifo", case_fifo, "CW-H003", "is a named pipe (FIFO)", "sources.yaml", 10),
    (
        "invalid_folder_for_file",
        case_folder_for_file,
        "CW-H003",
        "is a folder where a file is expected",
        "sources.yaml",
        10,
    ),
    (
        "invalid_evidence_link_out",
        case_evidence_link_out,
        "CW-H002",
        "'evidence/note.md' is outside",
        "sources.yaml",
        10,
    ),
    (
        "invalid_yaml_link_out",
        case_yaml_link_out,
        "CW-H002",
        "'glossary.yaml' is outside",
        "glossary.yaml",
        None,
    ),
    (
        "invalid_yaml_fifo",
        case_yaml_fifo,
        "CW-H003",
        "'extra.yaml' is a named pipe",
        "extra.yaml",
        None,
    ),
    (
        "invalid_locale_link_out",
        case_locale_link_out,
        "CW-H002",
        "'locales/en/site.yaml' is outside",
        "locales/en/site.yaml",
        None,
    ),
    (
        "invalid_locales_folder_link_out",
        case_locales_folder_link_out,
        "CW-H002",
        "'locales' is outside",
        "locales",
        None,
    ),
]


def _root(tmp_path: Path, make: Callable[[Path], None]) -> Path:
    root = write_framework(tmp_path / "framework")
    make(root)
    return root


@pytest.mark.parametrize(
    ("name", "make", "code", "message", "file", "line"), CASES, ids=[c[0] for c in CASES]
)
def test_invalid_path_is_refused_where_it_is_written(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    code: str,
    message: str,
    file: str,
    line: int | None,
) -> None:
    result = load_framework(_root(tmp_path, make))
    found = [i for i in result.issues.errors if i.code == code]
    assert found, [i.render() for i in result.issues]
    issue = next((i for i in found if message in i.message), None)
    assert issue is not None, [i.message for i in found]
    assert (issue.file, issue.line) == (file, line), issue.render()
    assert issue.fix
    assert "TOP-SECRET" not in "".join(i.render() for i in result.issues)


@pytest.mark.parametrize(("name", "make"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_cli_refuses_without_a_bug_report_or_the_content(
    tmp_path: Path, name: str, make: Callable[[Path], None]
) -> None:
    root = _root(tmp_path, make)
    for command in (["validate", str(root)], ["compute", str(root)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "CW-H00" in result.output, result.output
        assert "This is a bug" not in result.output and "Traceback" not in result.output
        assert "TOP-SECRET" not in result.output


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    root = write_framework(tmp_path / "framework")
    (root / "data").mkdir()
    (root / "data" / "real.csv").write_text("id\n1\n", encoding="utf-8")
    (root / "data" / "payments.csv").symlink_to(root / "data" / "real.csv")
    (root / "sources.yaml").write_text(with_path("data/payments.csv"), encoding="utf-8")
    result = load_framework(root)
    assert not [i for i in result.issues if i.code.startswith("CW-H")], result.issues.items


def test_a_pipe_given_to_a_reader_is_refused_not_waited_on(tmp_path: Path) -> None:
    from charterwatch.sources.load import read_table

    os.mkfifo(tmp_path / "cases.csv")
    result = read_table(tmp_path / "cases.csv", None)
    assert [i.code for i in result.issues] == ["CW-S002"]
    assert "named pipe" in result.issues.items[0].message


def test_messages_escape_control_characters_and_cut_long_values() -> None:
    issue = Issue("CW-S040", "error", "'\x1b[2Jx' looks odd", found="\x07" + "y" * 500)  # type: ignore[arg-type]
    assert "\x1b" not in issue.message and "\\x1b[2Jx" in issue.message
    assert issue.found is not None and len(issue.found) == 120 and issue.found.startswith("\\x07")
    assert printable("line one\nline two") == "line one\nline two"


def test_a_binary_extract_is_not_echoed(tmp_path: Path) -> None:
    root = write_framework(tmp_path / "framework")
    (root / "data").mkdir()
    (root / "data" / "payments.csv").write_bytes(b"id\n\x1b[31m\xff\xfe" + b"\x00" * 5000 + b"\n")
    (root / "sources.yaml").write_text(with_path("data/payments.csv"), encoding="utf-8")
    result = CliRunner().invoke(app, ["compute", str(root)])
    assert "\x1b[31m" not in result.output and "\x00" not in result.output
    assert "This is a bug" not in result.output

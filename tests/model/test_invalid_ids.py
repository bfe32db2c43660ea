"""Ids that would clash as folder, file or anchor names fail ``validate`` (CW-N001, CW-N002).

Each case changes one thing in the valid fixture and asserts its code, message, file and
line; each also fails ``charterwatch validate`` with exit code 1 and no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.loader import load_framework
from charterwatch.publish.site.names import plan_page_anchors
from tests.model.fixtures import CHARTER, FRAMEWORK, write_framework
from tests.model.test_invalid_frameworks import CH, FW, Case, edit

ACTIONS = "accountability/actions.yaml"


def action(ident: str) -> str:
    return f"""\
  - id: {ident}
    title: Kinder replies
    change: Train staff to reply kindly.
    measures: [M1]
    owner: Test team
    start: 2022-04-01
    due: 2023-03-31
    status: in_progress
"""


def commitments(*idents: str) -> str:
    """The fixture charter with commitments ``idents`` added to section S1 (from line 13)."""
    added = "".join(f"        - id: {i}\n          text: Another promise.\n" for i in idents)
    return edit(CHARTER, "          text: Pay on time.\n", f"          text: Pay on time.\n{added}")


SECOND_SECTION = """\
    - id: fs1
      title: Another section
      charter_section: S2
      questions:
        - id: Q2
          text: Is it simple?
          outcomes:
            - id: O2
              title: It is simple
"""

CASES = [
    Case(
        "invalid_measure_ids_differ_in_case",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: m1\n")},
        "CW-N001",
        "measure id 'm1' differs from measure id 'M1' (at framework/2019.yaml:18) only in "
        "upper and lower case, so both would be measures/m1/",
        FW,
        31,
    ),
    Case(
        "invalid_measure_ids_differ_by_a_final_dot",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: m1.\n")},
        "CW-N001",
        "only in case and a final '.', which Windows drops",
        FW,
        31,
    ),
    Case(
        "invalid_commitment_ids_differ_in_case",
        {CH: commitments("c1", "C1")},
        "CW-N001",
        "commitment id 'C1' differs from commitment id 'c1' (at charter/2019.yaml:13)",
        CH,
        15,
    ),
    Case(
        "invalid_section_ids_differ_in_case",
        {FW: FRAMEWORK + SECOND_SECTION},
        "CW-N001",
        "framework section id 'fs1' differs from framework section id 'FS1' "
        "(at framework/2019.yaml:8) only in upper and lower case, so both would be sections/fs1/",
        FW,
        43,
    ),
    Case(
        "invalid_action_ids_differ_in_case",
        {ACTIONS: "actions:\n" + action("A1") + action("a1")},
        "CW-N001",
        "action id 'a1' differs from action id 'A1'",
        ACTIONS,
        10,
    ),
    Case(
        "invalid_measure_named_actions",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: actions\n")},
        "CW-N002",
        "measure id 'actions' would give the download downloads/data/actions.csv, which is "
        "the actions table",
        FW,
        31,
    ),
    Case(
        "invalid_measure_named_all_figures_in_capitals",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: All-Figures\n")},
        "CW-N002",
        "downloads/data/All-Figures.csv, which is the file of every figure",
        FW,
        31,
    ),
    Case(
        "invalid_measure_named_like_the_figures_schema",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: figures.schema\n")},
        "CW-N002",
        "downloads/data/figures.schema.json, which is the schema of the figure files",
        FW,
        31,
    ),
    Case(
        "invalid_measure_named_like_a_windows_device",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: nul\n")},
        "CW-N002",
        "measure id 'nul' is a device name on Windows, where the folder measures/nul/",
        FW,
        31,
    ),
    Case(
        "invalid_commitment_named_like_a_windows_device",
        {CH: commitments("COM1.2")},
        "CW-N002",
        "commitment id 'COM1.2' is a device name on Windows",
        CH,
        13,
    ),
    Case(
        "invalid_action_named_like_the_plan_table",
        {ACTIONS: "actions:\n" + action("A1") + action("plan-table")},
        "CW-N002",
        "action id 'plan-table' is the id of a part of the improvement plan page",
        ACTIONS,
        10,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_id_gets_its_own_message(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = load_framework(root)
    matching = [i for i in result.issues.errors if i.code == case.code]
    assert matching, f"expected {case.code}; got {[i.render() for i in result.issues]}"
    issue = next((i for i in matching if case.message in i.message), None)
    assert issue is not None, [i.message for i in matching]
    assert issue.file == case.file
    assert issue.line == case.line, issue.render()
    assert issue.expected and issue.fix, "every error says what was expected and how to fix it"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_reports_without_traceback(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert case.code in result.output


def test_different_ids_and_one_id_in_two_versions_are_fine(
    tmp_path: Path,
) -> None:
    later = edit(
        edit(FRAMEWORK, 'id: "2019"', 'id: "2024"'), "first_year: 2019-20", "first_year: 2024-25"
    )
    root = write_framework(
        tmp_path,
        {"framework/2024.yaml": later, ACTIONS: "actions:\n" + action("A1") + action("A2")},
    )
    result = load_framework(root)
    assert not [i for i in result.issues if i.code.startswith("CW-N")], [
        i.render() for i in result.issues
    ]


def test_the_plan_page_anchors_are_read_from_its_templates() -> None:
    assert {"main-content", "plan-table", "plan-filter"} <= plan_page_anchors()

"""The corpus of broken frameworks: each case changes one thing and asserts its own message.

Every case must fail validation with exit code 1, name the right file and line, and never
end in a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.loader import load_framework
from tests.model.fixtures import CHARTER, FRAMEWORK, PROJECT, SOURCES, write_framework


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture no longer contains {old!r}"
    return text.replace(old, new, 1)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | None]
    code: str
    message: str
    file: str | None = None
    line: int | None = None


FW = "framework/2019.yaml"
CH = "charter/2019.yaml"
SRC = "sources.yaml"
PJ = "charterwatch.yaml"
CAL = "calendar.yaml"
DL = "deadlines.yaml"

CALENDAR = """\
calendar:
  first_year: 2020
  last_year: 2030
  extra:
    - date: 2024-12-24
      name: Office closure
"""

DEADLINES = """\
deadlines:
  description: Test rules
  rules:
    - process: redetermination
      group: ADP
      length: 56
      unit: calendar_days
      effective_from: 2022-03-21
      effective_to: 2024-03-31
      source: test
    - process: redetermination
      group: ADP
      length: 40
      unit: calendar_days
      effective_from: 2024-04-01
      source: test
"""


def settings(text: str) -> str:
    """The project file with ``text`` (indented by four spaces) under ``settings:``."""
    return PROJECT + "  settings:\n    " + text


CASES = [
    Case(
        "invalid_yaml_syntax",
        {SRC: "sources:\n  - id: a\n   name: b\n"},
        "CW-F001",
        "not valid YAML",
        SRC,
    ),
    Case(
        "invalid_encoding",
        {SRC: None, "latin1.yaml": "glossary: caf\xe9".encode("latin-1")},
        "CW-F002",
        "not valid UTF-8",
        "latin1.yaml",
    ),
    Case(
        "invalid_duplicate_key",
        {CH: edit(CHARTER, "  title: Test Charter\n", "  title: Test Charter\n  title: Again\n")},
        "CW-F003",
        "the key 'title' appears twice",
        CH,
        4,
    ),
    Case(
        "invalid_unknown_top_key",
        {"extra.yaml": "measurez: []\n"},
        "CW-F004",
        "unknown top-level key 'measurez'",
        "extra.yaml",
        1,
    ),
    Case(
        "invalid_not_a_mapping",
        {"extra.yaml": "- just\n- a list\n"},
        "CW-F004",
        "must be a mapping",
        "extra.yaml",
    ),
    Case(
        "invalid_empty_file",
        {"extra.yaml": "# nothing here\n"},
        "CW-F008",
        "the file is empty",
        "extra.yaml",
    ),
    Case(
        "invalid_no_project_file",
        {"charterwatch.yaml": None},
        "CW-F009",
        "has no charterwatch.yaml",
    ),
    Case(
        "invalid_unknown_measure_field",
        {FW: edit(FRAMEWORK, "polarity: higher_is_better\n", "polarty: higher_is_better\n")},
        "CW-F006",
        "unknown field 'polarty'",
        FW,
        24,
    ),
    Case(
        "invalid_missing_definition",
        {
            FW: edit(
                FRAMEWORK,
                "                  definition: Share of respondents who agreed staff were kind.\n",
                "",
            )
        },
        "CW-F007",
        "the required field 'definition' is missing",
        FW,
    ),
    Case(
        "invalid_polarity_value",
        {FW: edit(FRAMEWORK, "polarity: higher_is_better", "polarity: up")},
        "CW-F005",
        "'polarity' is not valid",
        FW,
        24,
    ),
    Case(
        "invalid_unit",
        {FW: edit(FRAMEWORK, "unit: percent", "unit: percentage")},
        "CW-F005",
        "'unit' is not valid",
        FW,
    ),
    Case(
        "invalid_data_type",
        {FW: edit(FRAMEWORK, "data: quantitative", "data: numbers")},
        "CW-F005",
        "'data' is not valid",
        FW,
    ),
    Case(
        "invalid_first_year",
        {FW: edit(FRAMEWORK, "first_year: 2019-20", "first_year: 2019/20")},
        "CW-F005",
        "'first_year' is not valid",
        FW,
        6,
    ),
    Case(
        "invalid_effective_date",
        {CH: edit(CHARTER, "effective_from: 2019-02-01", "effective_from: February 2019")},
        "CW-F005",
        "'effective_from' is not valid",
        CH,
        4,
    ),
    Case(
        "invalid_id_with_space",
        {FW: edit(FRAMEWORK, "- id: M1\n", "- id: M 1\n")},
        "CW-F005",
        "'id' is not valid",
        FW,
    ),
    Case(
        "invalid_sources_not_list",
        {SRC: edit(SOURCES, "sources:\n  - id: survey", "sources: survey\nx:\n  - id: survey")},
        "CW-F005",
        "'sources' must be a list",
        SRC,
    ),
    Case(
        "invalid_section_without_commitments_list",
        {
            CH: edit(
                CHARTER,
                '      commitments:\n        - id: "2.1"\n          text: Keep it simple.\n',
                "      commitments: Keep it simple.\n",
            )
        },
        "CW-F005",
        "'commitments' is not valid",
        CH,
    ),
    Case(
        "invalid_duplicate_measure_id",
        {FW: edit(FRAMEWORK, "- id: M2\n", "- id: M1\n")},
        "CW-M001",
        "duplicate measure id 'M1'",
        FW,
    ),
    Case(
        "invalid_duplicate_commitment_id",
        {CH: edit(CHARTER, 'id: "1.2"', 'id: "1.1"')},
        "CW-M001",
        "duplicate commitment id '1.1'",
        CH,
        11,
    ),
    Case(
        "invalid_duplicate_source_id",
        {SRC: edit(SOURCES, "id: payments", "id: survey")},
        "CW-M001",
        "duplicate source id 'survey'",
        SRC,
    ),
    Case(
        "invalid_duplicate_charter_version",
        {"charter/copy.yaml": CHARTER},
        "CW-M001",
        "duplicate charter version id '2019'",
    ),
    Case(
        "invalid_duplicate_outcome_id",
        {
            FW: FRAMEWORK
            + """\
            - id: O1
              title: Again
"""
        },
        "CW-M001",
        "duplicate outcome id 'O1'",
        FW,
    ),
    Case(
        "invalid_unknown_commitment",
        {FW: edit(FRAMEWORK, 'commitments: ["1.1"]', 'commitments: ["1.9"]')},
        "CW-M002",
        "names commitment '1.9'",
        FW,
    ),
    Case(
        "invalid_measure_without_commitment",
        {FW: edit(FRAMEWORK, 'commitments: ["1.1"]', "commitments: []")},
        "CW-M003",
        "'M1' is linked to no commitment",
        FW,
        29,
    ),
    Case(
        "invalid_undefined_source",
        {FW: edit(FRAMEWORK, "sources: [payments]", "sources: [paymentz]")},
        "CW-M004",
        "uses source 'paymentz', which is not defined",
        FW,
    ),
    Case(
        "invalid_undefined_survey_question",
        {FW: edit(FRAMEWORK, "survey_questions: [kind]", "survey_questions: [kindness]")},
        "CW-M005",
        "survey question 'kindness'",
        FW,
    ),
    Case(
        "invalid_unknown_charter_for_framework",
        {FW: edit(FRAMEWORK, 'charter: "2019"', 'charter: "2018"')},
        "CW-M006",
        "measures charter '2018'",
        FW,
    ),
    Case(
        "invalid_unknown_charter_section",
        {FW: edit(FRAMEWORK, "charter_section: S1", "charter_section: S9")},
        "CW-M007",
        "charter section 'S9'",
        FW,
    ),
    Case(
        "invalid_mapping_unknown_previous",
        {
            "charter/2024.yaml": edit(
                edit(CHARTER, 'id: "2019"', 'id: "2024"'),
                "  sections:",
                '  mapping:\n    previous: "2018"\n    commitments: {}\n  sections:',
            )
        },
        "CW-M008",
        "starts from charter '2018'",
    ),
    Case(
        "invalid_mapping_unknown_target",
        {
            "charter/2024.yaml": edit(
                edit(CHARTER, 'id: "2019"', 'id: "2024"'),
                "  sections:",
                '  mapping:\n    previous: "2019"\n'
                '    commitments: {"1.1": ["9.9"], "1.2": ["1.2"], "2.1": ["2.1"]}\n'
                "  sections:",
            )
        },
        "CW-M008",
        "mapped to '9.9'",
    ),
    Case(
        "invalid_figure_for_unknown_measure",
        {
            "figures.yaml": """\
published_figures:
  - id: f1
    measure: M9
    title: Kindness
    year: 2021-22
    value: 94
    unit: percent
    source_title: A release
    source_url: https://example.org
"""
        },
        "CW-M010",
        "for measure 'M9'",
        "figures.yaml",
        3,
    ),
    Case(
        "invalid_default_framework",
        {
            "charterwatch.yaml": edit(
                PROJECT, 'default_framework: "2019"', 'default_framework: "2020"'
            )
        },
        "CW-M011",
        "'2020' is not a defined version",
    ),
    Case(
        "invalid_section_for_unknown_framework",
        {
            "framework/s2.yaml": """\
framework_section:
  framework: "2020"
  id: FS2
  title: Processes
  charter_section: S2
  questions:
    - id: Q2
      text: Do processes work?
      outcomes:
        - id: O2
          title: They work
"""
        },
        "CW-M012",
        "belongs to framework '2020'",
        "framework/s2.yaml",
    ),
    Case(
        "invalid_glossary_see_also",
        {SRC: SOURCES + "    see_also: [tribunal]\n"},
        "CW-M013",
        "points to 'tribunal'",
        SRC,
    ),
    Case(
        "invalid_glossary_abbreviation_with_a_space",
        {SRC: SOURCES + "    abbreviation: A P\n"},
        "CW-F005",
        "the value of 'abbreviation' is not valid",
        SRC,
        19,
    ),
    Case(
        "invalid_glossary_synonym_without_a_letter",
        {SRC: SOURCES + "    synonyms: [challenge, '--']\n"},
        "CW-F005",
        "the value of '1' is not valid",
        SRC,
        19,
    ),
    Case(
        "invalid_glossary_abbreviation_twice",
        {
            SRC: SOURCES
            + "    abbreviation: AP\n"
            + "  - id: appeal-panel\n    term: Appeal panel\n    definition: Who hears it.\n"
            + "    abbreviation: ap\n"
        },
        "CW-M041",
        "both give the abbreviation 'ap'",
        SRC,
        23,
    ),
    Case(
        "invalid_question_source",
        {SRC: edit(SOURCES, "    source: survey\n", "    source: panel\n")},
        "CW-M014",
        "belongs to source 'panel'",
        SRC,
    ),
    Case(
        "invalid_retired_without_year",
        {
            FW: edit(
                FRAMEWORK,
                "                  owner: Survey team\n",
                "                  owner: Survey team\n                  status: retired\n",
            )
        },
        "CW-M016",
        "retired but does not say from which year",
        FW,
    ),
    Case(
        "invalid_unknown_kind",
        {FW: edit(FRAMEWORK, "kind: share_of_records\n", "kind: share_of_record\n")},
        "CW-K001",
        "unknown kind 'share_of_record'",
        FW,
    ),
    Case(
        "invalid_kind_param",
        {
            FW: edit(
                FRAMEWORK,
                "params: {question: kind, chosen: [agree]}",
                "params: {question: kind, chosen: [agree], colour: red}",
            )
        },
        "CW-K001",
        "do not fit kind 'survey_proportion'",
        FW,
        26,
    ),
    Case(
        "invalid_setting_wrong_type",
        {PJ: settings("disclosure:\n      min_count: ten\n")},
        "CW-M018",
        "'disclosure.min_count' must be a whole number, not 'ten'",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_text_for_a_number",
        {PJ: settings('shortfall:\n      below_percent: "high"\n')},
        "CW-M018",
        "'shortfall.below_percent' must be a number or null, not 'high'",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_switch_word",
        {PJ: settings("disclosure:\n      suppress_zeros: yes\n")},
        "CW-M018",
        "'disclosure.suppress_zeros' must be true or false",
        PJ,
        8,
    ),
    Case(
        "invalid_settings_group_not_a_mapping",
        {PJ: settings("change: 0.05\n")},
        "CW-M018",
        "the settings group 'change' must be a mapping",
        PJ,
        7,
    ),
    Case(
        "invalid_setting_alpha_out_of_range",
        {PJ: settings("change:\n      relative_threshold: 0.1\n      alpha: 5\n")},
        "CW-M019",
        "'change.alpha' must be more than 0 and less than 1, not 5",
        PJ,
        9,
    ),
    Case(
        "invalid_setting_rounding_base_below_one",
        {PJ: settings("disclosure:\n      round_bases_to: 0\n")},
        "CW-M019",
        "'disclosure.round_bases_to' must be 1 or more",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_negative_threshold",
        {PJ: settings("disclosure:\n      min_base: -5\n")},
        "CW-M019",
        "'disclosure.min_base' must be 0 or more",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_too_many_decimals",
        {PJ: settings("disclosure:\n      percent_decimals: 4\n")},
        "CW-M019",
        "'disclosure.percent_decimals' must be from 0 to 3",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_percent_above_100",
        {PJ: settings("shortfall:\n      below_percent: 120.5\n")},
        "CW-M019",
        "'shortfall.below_percent' must be from 0 to 100",
        PJ,
        8,
    ),
    Case(
        "invalid_setting_name_typo",
        {PJ: settings("disclosure:\n      min_count: 5\n      min_cont: 3\n")},
        "CW-M017",
        "unknown setting 'disclosure.min_cont'",
        PJ,
        9,
    ),
    Case(
        "invalid_settings_group_typo",
        {PJ: settings("chnage:\n      alpha: 0.01\n")},
        "CW-M017",
        "unknown settings group 'chnage'",
        PJ,
        7,
    ),
    Case(
        "invalid_calendar_unknown_key",
        {CAL: edit(CALENDAR, "  extra:", "  extras:")},
        "CW-F006",
        "unknown field 'extras'",
        CAL,
        4,
    ),
    Case(
        "invalid_calendar_bad_year",
        {CAL: edit(CALENDAR, "last_year: 2030", "last_year: soon")},
        "CW-F005",
        "'last_year' is not valid",
        CAL,
        3,
    ),
    Case(
        "invalid_calendar_extra_outside_years",
        {CAL: edit(CALENDAR, "date: 2024-12-24", "date: 2031-12-24")},
        "CW-D001",
        "extra holiday 2031-12-24 is outside the calendar's years",
        CAL,
        5,
    ),
    Case(
        "invalid_calendar_removes_a_working_day",
        {CAL: CALENDAR + "  remove:\n    - date: 2024-06-05\n      reason: open\n"},
        "CW-D001",
        "date to remove 2024-06-05 is not a holiday",
        CAL,
        8,
    ),
    Case(
        "invalid_calendar_unknown_region",
        {CAL: CALENDAR + "  subdivision: XYZ\n"},
        "CW-D001",
        "the working-day calendar cannot be built",
        CAL,
        7,
    ),
    Case(
        "invalid_calendar_twice",
        {CAL: CALENDAR, "more/calendar.yaml": CALENDAR},
        "CW-D003",
        "a second working-day calendar",
        "more/calendar.yaml",
        1,
    ),
    Case(
        "invalid_deadline_length_zero",
        {DL: edit(DEADLINES, "length: 56", "length: 0")},
        "CW-F005",
        "'length' is not valid",
        DL,
        6,
    ),
    Case(
        "invalid_deadline_unknown_field",
        {DL: edit(DEADLINES, "effective_to:", "effective_until:")},
        "CW-F006",
        "unknown field 'effective_until'",
        DL,
        9,
    ),
    Case(
        "invalid_deadline_missing_length",
        {DL: edit(DEADLINES, "      length: 56\n", "")},
        "CW-F007",
        "the required field 'length' is missing",
        DL,
    ),
    Case(
        "invalid_deadline_rules_overlap",
        {DL: edit(DEADLINES, "effective_to: 2024-03-31", "effective_to: 2024-04-30")},
        "CW-D002",
        "rules for process 'redetermination', group 'ADP' overlap",
        DL,
        11,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_framework_gets_its_own_message(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = load_framework(root)
    assert not result.issues.ok, "the broken framework was accepted"
    matching = [i for i in result.issues.errors if i.code == case.code]
    assert matching, f"expected {case.code}; got {[i.render() for i in result.issues]}"
    assert any(case.message in i.message for i in matching), [i.message for i in matching]
    issue = next(i for i in matching if case.message in i.message)
    if case.file is not None:
        assert issue.file == case.file
    if case.line is not None:
        assert issue.line == case.line, issue.render()
    assert issue.fix, "every error says how to fix it"


def test_corpus_is_large_and_cases_are_distinct() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({(c.code, c.message) for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_reports_without_traceback(tmp_path: Path, case: Case) -> None:
    root = write_framework(tmp_path, case.files)
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert case.code in result.output


def test_valid_fixture_is_clean(tmp_path: Path) -> None:
    result = load_framework(write_framework(tmp_path))
    assert result.issues.ok, [i.render() for i in result.issues]
    fw = result.framework
    assert fw is not None
    assert list(fw.charter.commitments) == ["1.1", "1.2", "2.1"]
    assert fw.framework.measures["M2"].commitments == ["1.2", "2.1"]
    assert fw.framework.measures["M1"].origin.line == 18


def test_missing_folder(tmp_path: Path) -> None:
    result = load_framework(tmp_path / "nope")
    assert [i.code for i in result.issues] == ["CW-F009"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("9999-00", "out of range (1000 to 9998)"),  # found by tests/test_fuzz_pipeline.py
        ("0000-01", "out of range (1000 to 9998)"),
        ("2023-25", "the two years must be consecutive"),
    ],
)
def test_invalid_first_year_outside_the_calendar_is_refused_where_it_is_written(
    tmp_path: Path, label: str, expected: str
) -> None:
    files: dict[str, str | bytes | None] = {
        FW: edit(FRAMEWORK, "first_year: 2019-20", f"first_year: {label}")
    }
    result = load_framework(write_framework(tmp_path, files))
    [issue] = [i for i in result.issues.errors if i.code == "CW-F005"]
    assert (issue.file, issue.line) == (FW, 6)
    assert expected in issue.render() and "such as 2023-24" in issue.render()
    assert issue.fix


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("    abbreviation: A P\n", "'A P'"),
        ("    abbreviation: 16\n", "16"),  # a figure is never taken for an abbreviation
        ("    abbreviation: A.P.\n", "'A.P.'"),
        ("    synonyms: [challenge, '--']\n", "'--'"),
    ],
)
def test_invalid_glossary_search_words_say_what_is_expected(
    tmp_path: Path, line: str, found: str
) -> None:
    result = load_framework(write_framework(tmp_path, {SRC: SOURCES + line}))
    [issue] = result.issues.errors
    assert (issue.code, issue.file, issue.line) == ("CW-F005", SRC, 19)
    assert issue.found == found and issue.expected
    assert "letter" in issue.expected and "such as" in issue.expected

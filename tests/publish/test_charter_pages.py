"""A charter's own wording and pages: locale overrides are checked (CW-T001, CW-T002), page
time limits come from the folder's deadline rules (CW-T003), one page of each kind (CW-T004)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from charterwatch.dates.deadlines import DeadlineRulebook
from charterwatch.model.issues import Issue
from charterwatch.model.loader import load_framework
from charterwatch.publish.charter_pages import (
    GroupLimit,
    charter_page,
    group_limits,
    limit_words,
)
from charterwatch.publish.i18n import Catalogue
from tests.model.fixtures import write_framework

RULES = """\
deadlines:
  rules:
    - {process: review, group: A, length: 56, unit: calendar_days,
       effective_from: 2020-04-01, source: test}
    - {process: review, group: B, length: 16, unit: working_days,
       effective_from: 2020-04-01, effective_to: 2024-03-31, source: test}
    - {process: review, group: B, length: 20, unit: working_days,
       effective_from: 2024-04-01, source: test}
    - {process: ask, group: A, length: 42, unit: calendar_days,
       effective_from: 2020-04-01, source: test}
    - {process: ask, group: B, length: 42, unit: calendar_days,
       effective_from: 2020-04-01, source: test}
"""

PAGE = """\
challenge:
  groups: {A: standard requests, B: urgent requests}
  steps:
    - title: Ask again
      text: Someone new looks at it.
      limit: {text: "Ask within {limit}.", process: ask}
    - title: New decision
      text: We decide again.
      limit: {text: "We have {limit}.", process: review}
  tables:
    - caption: Time limits
      row_heading: Request
      columns:
        - {heading: You ask within, process: ask}
        - {heading: We decide within, process: review}
"""


def _issues(tmp_path: Path, files: dict[str, str | bytes | None]) -> list[Issue]:
    result = load_framework(write_framework(tmp_path, files))
    return list(result.issues)


def _only(issues: list[Issue], code: str) -> Issue:
    found = [i for i in issues if i.code == code]
    assert len(found) == 1, [i.render() for i in issues]
    return found[0]


def test_a_page_quotes_the_rules_in_force(tmp_path: Path) -> None:
    root = write_framework(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": PAGE})
    loaded = load_framework(root)
    assert loaded.framework is not None and loaded.issues.ok, loaded.issues.render()
    page = charter_page(loaded.framework, "challenge", "2024-25", Catalogue())
    assert [s.limit for s in page.steps] == [
        "Ask within 42 days.",
        "We have 56 days for standard requests, or 20 working days for urgent requests.",
    ]
    (table,) = page.tables
    assert table.headings == ["You ask within", "We decide within"]
    assert table.rows == [
        ("standard requests", ["42 days", "56 days"]),
        ("urgent requests", ["42 days", "20 working days"]),
    ]
    # The year before the change, the rule then in force is quoted.
    earlier = charter_page(loaded.framework, "challenge", "2022-23", Catalogue())
    assert earlier.steps[1].limit.endswith("16 working days for urgent requests.")


def test_a_step_lists_each_group_limit_where_they_differ(tmp_path: Path) -> None:
    page = PAGE.replace(
        "  groups: {A: standard requests, B: urgent requests}\n",
        "  groups: {A: standard requests, B: urgent requests}\n"
        "  group_names: {B: Urgent repair requests}\n"
        "  easy_read:\n"
        '    - {text: "{group}: decided within {limit}.", process: review}\n',
    )
    root = write_framework(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": page})
    loaded = load_framework(root)
    assert loaded.framework is not None and loaded.issues.ok, loaded.issues.render()
    worded = charter_page(loaded.framework, "challenge", "2024-25", Catalogue())
    asking, deciding = worded.steps
    assert asking.limits == []  # 42 days for both: the sentence says it all
    assert deciding.limits == [  # in the order of 'groups:', by their own names
        GroupLimit("standard requests", "56 days"),
        GroupLimit("Urgent repair requests", "20 working days"),
    ]
    # each group's own line, with its own limit: never one group's limit for everyone
    assert worded.easy_read == [
        "standard requests: decided within 56 days.",
        "Urgent repair requests: decided within 20 working days.",
    ]


def test_a_group_without_its_own_rule_takes_the_star_rule() -> None:
    rules = [
        {"process": "ask", "group": g, "length": n, "unit": "calendar_days"}
        for g, n in (("*", 31), ("A", 42))
    ]
    book = DeadlineRulebook.from_config(
        {"rules": [{**r, "effective_from": "2020-01-01", "source": "t"} for r in rules]}
    )
    found = group_limits(Catalogue(), book, "ask", date(2024, 1, 1), {"A": "Alpha", "B": "Beta"})
    assert found == [GroupLimit("Alpha", "42 days"), GroupLimit("Beta", "31 days")]


def test_invalid_group_name_without_a_rule_is_located(tmp_path: Path) -> None:
    page = PAGE.replace(
        "  groups: {A: standard requests, B: urgent requests}\n",
        "  groups: {A: standard requests, B: urgent requests}\n  group_names: {Z: Zed}\n",
    )
    issue = _only(
        _issues(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": page}), "CW-T003"
    )
    assert (issue.found, issue.line, issue.location) == ("Z", 3, "challenge.group_names.Z")


def test_limit_words_for_one_group_and_one_day() -> None:
    book = DeadlineRulebook.from_config(
        {
            "rules": [
                {
                    "process": "reply",
                    "benefit": "*",
                    "length": 1,
                    "unit": "working_days",
                    "effective_from": "2020-01-01",
                    "source": "test",
                }
            ]
        }
    )
    assert limit_words(Catalogue(), book, "reply", date(2024, 1, 1), {}) == "1 working day"


def test_without_pages_the_site_is_neutral_and_print_leaves_it_out(tmp_path: Path) -> None:
    loaded = load_framework(write_framework(tmp_path))
    assert loaded.framework is not None
    page = charter_page(loaded.framework, "challenge", "2024-25", Catalogue())
    assert not page.authored and not page.steps and not page.easy_read


def test_invalid_page_process_is_located_with_a_suggestion(tmp_path: Path) -> None:
    page = PAGE.replace("process: review}", "process: reviw}")
    issues = [
        i
        for i in _issues(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": page})
        if i.code == "CW-T003"
    ]
    assert [(i.file, i.line) for i in issues] == [
        ("pages/challenge.yaml", 9),  # the step's limit
        ("pages/challenge.yaml", 15),  # the table's column
    ]
    assert all(i.found == "reviw" and "did you mean 'review'" in (i.fix or "") for i in issues)


def test_invalid_page_group_is_located(tmp_path: Path) -> None:
    page = PAGE.replace(
        '"Ask within {limit}.", process: ask}', '"{limit}", process: ask, groups: [C]}'
    )
    issue = _only(
        _issues(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": page}), "CW-T003"
    )
    assert issue.found == "C" and issue.line == 6


def test_invalid_second_challenge_page(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {
        "deadlines.yaml": RULES,
        "pages/challenge.yaml": PAGE,
        "more/challenge.yaml": PAGE,
    }
    issue = _only(_issues(tmp_path, files), "CW-T004")
    assert "a second 'challenge:'" in issue.message


def test_invalid_locale_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    wording = 'site:\n  expect:\n    word: "Half of cases took {value} or less."\n'
    issue = _only(_issues(tmp_path, {"locales/en/site.yaml": wording}), "CW-T001")
    assert issue.file == "locales/en/site.yaml" and issue.line == 3
    assert "did you mean 'site.expect.words'" in (issue.fix or "")


def test_invalid_locale_placeholder_and_value(tmp_path: Path) -> None:
    wording = 'site:\n  expect:\n    words: "Half took {days} or less."\n    none: [a, b]\n'
    issues = [
        i for i in _issues(tmp_path, {"locales/en/site.yaml": wording}) if i.code == "CW-T002"
    ]
    assert sorted(i.line or 0 for i in issues) == [3, 4], [i.render() for i in issues]
    assert any("{days}" in i.message and "{value}" in (i.expected or "") for i in issues)


def test_a_valid_override_is_used_and_counted_sections_may_be_worded(tmp_path: Path) -> None:
    wording = 'site:\n  home:\n    sections_heading: "The {count_words} parts"\n'
    root = write_framework(tmp_path, {"locales/en/site.yaml": wording})
    assert load_framework(root).issues.ok
    t = Catalogue(extra=root / "locales")
    assert t("site.home.sections_heading", count=4, count_words="four") == "The four parts"


def test_a_paragraph_may_quote_two_processes(tmp_path: Path) -> None:
    page = (
        PAGE
        + """\
  sections:
    - heading: If you are unhappy
      text:
        - {text: "We reply within {limit}.", process: ask}
        - {text: "If you are still unhappy, we look again within {limit}.", process: reviw}
"""
    )
    # a misspelt process in the second sentence is located at that sentence
    bad = _only(
        _issues(tmp_path, {"deadlines.yaml": RULES, "pages/challenge.yaml": page}), "CW-T003"
    )
    assert (bad.file, bad.line, bad.found) == ("pages/challenge.yaml", 20, "reviw")
    good = page.replace("process: reviw}", "process: review, groups: [A]}")
    root = write_framework(
        tmp_path / "good", {"deadlines.yaml": RULES, "pages/challenge.yaml": good}
    )
    loaded = load_framework(root)
    assert loaded.framework is not None and loaded.issues.ok, loaded.issues.render()
    (paragraph,) = charter_page(loaded.framework, "challenge", "2024-25", Catalogue()).sections
    assert paragraph.text == (
        "We reply within 42 days. If you are still unhappy, we look again within 56 days."
    )

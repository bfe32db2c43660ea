"""A framework's contact routes (``contact.yaml``): read, and every mistake located.

Each ``invalid_*`` case breaks one thing in a valid file and asserts the code, the file, the
line and the words of the message (CW-T005 a route without the field its kind is reached by,
or with another kind's; CW-T006 a second ``contact:``; CW-F005, CW-F006, CW-H001 the shapes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.model.issues import Issue
from charterwatch.model.links import is_safe_href, phone_problem, tel_href
from charterwatch.model.loader import load_framework
from tests.model.fixtures import write_framework

CONTACT = """\
contact:
  routes:
    - kind: phone
      number: 0800 000 0000
      hours: Monday to Friday, 9am to 5pm
    - kind: email
      email: help@example.org
    - kind: post
      address: [Customer Service, 1 Sample Street, Exampletown]
  advice:
    - name: Advice Centre
      help: Free advice.
      routes:
        - kind: website
          url: https://advice.example.org
"""


def test_the_routes_are_read_in_order(tmp_path: Path) -> None:
    loaded = load_framework(write_framework(tmp_path, {"contact.yaml": CONTACT}))
    assert loaded.framework is not None and loaded.issues.ok, loaded.issues.render()
    contact = loaded.framework.contact
    assert contact is not None and loaded.framework.contact_file == "contact.yaml"
    assert [r.kind for r in contact.routes] == ["phone", "email", "post"]
    assert contact.routes[0].number == "0800 000 0000"
    assert contact.advice[0].routes[0].url == "https://advice.example.org"


def test_without_the_file_there_are_no_routes(tmp_path: Path) -> None:
    loaded = load_framework(write_framework(tmp_path))
    assert loaded.framework is not None and loaded.framework.contact is None


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    code: str
    line: int
    message: str


CASES = [
    Case(
        "invalid_phone_without_number",
        "      number: 0800 000 0000\n",
        "",
        "CW-T005",
        3,
        "a 'phone' route has no 'number:', so nobody could use it",
    ),
    Case(
        "invalid_address_on_an_email_route",
        "      email: help@example.org\n",
        "      email: help@example.org\n      address: [a, b]\n",
        "CW-T005",
        8,
        "a 'email' route is reached by 'email:', not 'address:'",
    ),
    Case(
        "invalid_advice_route_without_url",
        "          url: https://advice.example.org\n",
        "",
        "CW-T005",
        14,
        "a 'website' route has no 'url:', so nobody could use it",
    ),
    Case(
        "invalid_phone_number",
        "number: 0800 000 0000",
        "number: 0800-000-0000",
        "CW-F005",
        4,
        "the value of 'number' is not valid",
    ),
    Case(
        "invalid_email_address",
        "email: help@example.org",
        "email: mailto:help",
        "CW-F005",
        7,
        "the value of 'email' is not valid",
    ),
    Case("invalid_kind", "kind: post", "kind: pigeon", "CW-F005", 8, "the value of 'kind'"),
    Case(
        "invalid_unknown_field",
        "      hours: Monday",
        "      opening: Monday",
        "CW-F006",
        5,
        "unknown field 'opening'",
    ),
    Case(
        "invalid_script_address",
        "url: https://advice.example.org",
        "url: javascript:alert(1)",
        "CW-H001",
        15,
        "'url' is not a web address that may be published",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_contact_is_located(tmp_path: Path, case: Case) -> None:
    assert case.old in CONTACT
    text = CONTACT.replace(case.old, case.new, 1)
    loaded = load_framework(write_framework(tmp_path, {"contact.yaml": text}))
    found = [i for i in loaded.issues if i.code == case.code]
    assert len(found) == 1, loaded.issues.render()
    issue: Issue = found[0]
    assert (issue.file, issue.line) == ("contact.yaml", case.line), issue.render()
    assert case.message in issue.message, issue.render()
    assert issue.fix


def test_invalid_phone_number_says_what_is_expected(tmp_path: Path) -> None:
    text = CONTACT.replace("0800 000 0000", "call us")
    loaded = load_framework(write_framework(tmp_path, {"contact.yaml": text}))
    (issue,) = [i for i in loaded.issues if i.code == "CW-F005"]
    assert issue.found == "'call us'"
    assert issue.expected is not None and "digits and single spaces" in issue.expected


def test_invalid_second_contact_names_the_first(tmp_path: Path) -> None:
    files = {"contact.yaml": CONTACT, "more/contact.yaml": CONTACT}
    loaded = load_framework(write_framework(tmp_path, files))
    (issue,) = [i for i in loaded.issues if i.code == "CW-T006"]
    assert issue.file == "more/contact.yaml" and issue.line == 1
    assert "the first is in contact.yaml" in issue.message


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("0800 182 2222", "tel:08001822222"),
        ("18001 0800 182 2222", "tel:1800108001822222"),
        ("+44 1382 931 000", "tel:+441382931000"),
        ("0800  182", None),  # two spaces
        ("0800-182", None),
        ("12", None),
        ("+", None),
    ],
)
def test_a_phone_number_becomes_a_tel_link_only_when_it_is_one(
    number: str, href: str | None
) -> None:
    assert tel_href(number) == href
    assert (phone_problem(number) is None) == (href is not None)


def test_tel_links_are_safe_only_as_digits() -> None:
    assert is_safe_href("tel:08001822222") and is_safe_href("tel:+441382931000")
    for bad in ("tel:0800 182", "tel:javascript:alert(1)", "tel:", "tel:12"):
        assert not is_safe_href(bad), bad

"""Every published page ends with "Was this page useful?" when the project names a feedback
address: a plain form (no script) posting to it, saying which page it came from, with the
fields the workspace reads; with no address there is no form at all."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from charterwatch.publish.site.feedback import FIELDS, PAGE
from charterwatch.publish.site.site import build_site
from tests.publish.site.conftest import FEEDBACK_URL, BuiltSite


class Forms(HTMLParser):
    """The feedback forms of a page and the names (and hidden values) of their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and "cw-feedback" in (found.get("class") or ""):
            self._inside = True
            self.forms.append(
                {"@action": found.get("action") or "", "@method": found.get("method") or ""}
            )
        elif self._inside and tag in ("input", "textarea") and found.get("name"):
            self.forms[-1][found["name"] or ""] = found.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False


def feedback_forms(page: Path) -> list[dict[str, str]]:
    parser = Forms()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.forms


def test_every_page_has_the_form_posting_its_own_path(built_site: BuiltSite) -> None:
    out = built_site.report.out
    assert len(built_site.report.pages) > 20
    for path in built_site.report.pages:
        (form,) = feedback_forms(out / path)
        assert form["@action"] == FEEDBACK_URL and form["@method"] == "post"
        assert form[PAGE] == path
        assert set(FIELDS) == {k for k in form if not k.startswith("@")}, path


def test_no_address_no_form(built_site: BuiltSite, tmp_path: Path) -> None:
    report = build_site(built_site.pipeline, tmp_path / "site")
    assert report.pages
    for path in report.pages:
        assert feedback_forms(report.out / path) == [], path
        assert "Was this page useful?" not in (report.out / path).read_text(encoding="utf-8")

"""The release page says in words when the figures were computed, and warns when late."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.site.pages import computed_words
from tests.publish.site.conftest import BuiltSite

t = Catalogue()


def test_computed_reads_as_a_date_in_words() -> None:
    said = computed_words(t, "2026-12-02T15:40:09+00:00", dt.date(2027, 1, 5))
    assert said == [
        "The figures were computed on 2 December 2026 at 15:40 (UTC) from the raw records "
        "listed in the downloads."
    ]


def test_computed_after_the_release_date_is_a_warning() -> None:
    said = computed_words(t, "2026-12-02T09:00:00+01:00", dt.date(2026, 11, 25))
    assert said[0].startswith("The figures were computed on 2 December 2026 at 08:00 (UTC)")
    assert len(said) == 2 and said[1].startswith("Warning:")
    assert "25 November 2026" in said[1]


def test_computed_on_the_release_day_is_not_late() -> None:
    assert len(computed_words(t, "2026-11-25T08:00:00+00:00", dt.date(2026, 11, 25))) == 1


def test_the_built_release_page_names_the_run_in_words(built_site: BuiltSite) -> None:
    html = Path(built_site.report.out, "release", "index.html").read_text(encoding="utf-8")
    started = dt.datetime.fromisoformat(built_site.pipeline.store.runs()[-1].started_at)
    assert re.search(rf"computed on {started.day} [A-Z][a-z]+ {started.year} at \d\d:\d\d", html)
    assert "T" + f"{started:%H:%M}" not in html, "no ISO timestamp in the sentence"

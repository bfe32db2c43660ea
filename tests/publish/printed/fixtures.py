"""A computed framework for the printed-output tests, and readers for the PDFs they write.

The framework is :func:`tests.measures.fixtures.write_measured_framework` plus what the
printed outputs show and the measured fixture lacks: a website, contact and short name, a
short label on each commitment, a glossary, a published figure cited by ``KIND`` and a
``synthetic`` column on the calls extract (so the publication is synthetic).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.loader import load_framework
from charterwatch.pipeline import Pipeline
from charterwatch.publish.view import Publication, build_publication
from charterwatch.results.figure import (
    Assessment,
    Comparison,
    Figure,
    ReasonCode,
    Shortfall,
    ShortfallReason,
    StandardCheck,
    StandardKind,
    Status,
)
from charterwatch.results.store import ResultsStore
from tests.measures import fixtures as measured

PROJECT = """\
project:
  name: Test Charter
  organisation: Test Service
  short_name: Our Test Charter
  default_charter: "2019"
  default_framework: "2019"
  contact: The test team
  website: https://example.org/charter
"""

CHARTER = measured.CHARTER.replace(
    '{id: "1.1", text: Be kind.}', '{id: "1.1", text: Be kind., short: Kind staff}'
).replace('{id: "1.2", text: Be quick.}', '{id: "1.2", text: Be quick., short: Quick service}')

EXTRA = """\
published_figures:
  - id: kind-2022
    measure: KIND
    title: Clients who said staff were kind, as published
    year: 2022-23
    value: 90
    unit: percent
    source_title: Client Survey 2022-23
    source_url: https://example.org/survey-2022
glossary:
  - id: re-determination
    term: Re-determination
    definition: Asking for a decision to be looked at again by someone new.
  - id: appeal
    term: Appeal
    definition: Asking a tribunal to look at a decision again.
"""

EVIDENCE = {
    "kind": "quote",
    "title": "A client's words",
    "text": "The adviser explained every step and called me back when promised.",
    "source": "Client Panels interview",
}


CHALLENGE_RULES = """\
deadlines:
  rules:
    - {process: ask_again, group: DIS, length: 42, unit: calendar_days,
       effective_from: 2018-04-01, source: test}
    - {process: ask_again, group: EY, length: 31, unit: calendar_days,
       effective_from: 2018-04-01, source: test}
    - {process: decide_again, group: DIS, length: 56, unit: calendar_days,
       effective_from: 2018-04-01, source: test}
    - {process: decide_again, group: EY, length: 16, unit: working_days,
       effective_from: 2018-04-01, source: test}
"""

CHALLENGE_PAGE = """\
challenge:
  groups: {DIS: disability help, EY: early years help}
  steps:
    - title: Ask us to look again
      text: Someone new looks at your case.
      limit: {text: "Ask within {limit}.", process: ask_again}
  tables:
    - caption: Time limits to look again
      row_heading: Help
      columns:
        - {heading: You ask within, process: ask_again}
        - {heading: We decide within, process: decide_again}
  printed:
    before:
      - If you think a decision is wrong, you can ask us to look at it again.
    after:
      - If you still disagree, you can appeal to the First-tier Tribunal. We will send you a form.
      - You can also complain about our service.
      - You can bring someone you trust.
"""
"""A charter's own challenge page and the rules it quotes (framework content, not code)."""


def write_printed_framework(root: Path) -> Path:
    measured.write_measured_framework(root)
    (root / "charterwatch.yaml").write_text(PROJECT, encoding="utf-8")
    (root / "charter.yaml").write_text(CHARTER, encoding="utf-8")
    (root / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    (root / "challenge-rules.yaml").write_text(CHALLENGE_RULES, encoding="utf-8")
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "challenge.yaml").write_text(CHALLENGE_PAGE, encoding="utf-8")
    header, *lines = measured.CALLS.splitlines()
    calls = [f"{header},synthetic", *(f"{line},true" for line in lines)]
    (root / "data" / "calls.csv").write_text("\n".join(calls) + "\n", encoding="utf-8")
    return root


def computed_publication(root: Path) -> Publication:
    """Compute the framework at ``root`` and arrange its publication."""
    pipeline = Pipeline.open(root)
    pipeline.compute()
    publication = build_publication(pipeline.framework, pipeline.store)
    kind = publication.measures["KIND"]
    assert kind.latest is not None
    # no evidence source in the fixture: shown as stored
    kind.latest = dataclasses.replace(kind.latest, evidence=(EVIDENCE,))
    return publication


@dataclass
class PdfFacts:
    """What the tests read from one PDF."""

    path: Path
    reader: PdfReader

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    @property
    def root(self) -> Any:
        return self.reader.trailer["/Root"]

    def text(self) -> str:
        """All text, with line-broken hyphenated words joined and whitespace collapsed."""
        raw = "\n".join(page.extract_text() or "" for page in self.reader.pages)
        return " ".join(re.sub(r"-\s*\n\s*", "-", raw).split())

    def xmp(self) -> str:
        return bytes(self.root["/Metadata"].get_object().get_data()).decode("utf-8")

    def structure(self) -> list[str]:
        """The structure element types (``H1``, ``P``, ``Table`` ...) in reading order."""
        out: list[str] = []

        def walk(node: Any) -> None:
            node = node.get_object() if hasattr(node, "get_object") else node
            if isinstance(node, list):
                for kid in node:
                    walk(kid)
                return
            if not hasattr(node, "get"):
                return
            tag = node.get("/S")
            if tag is not None:
                out.append(str(tag).lstrip("/"))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)

        walk(self.root["/StructTreeRoot"])
        return out

    def outline_titles(self) -> list[str]:
        titles: list[str] = []

        def walk(items: Any) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    titles.append(str(item.title))

        walk(self.reader.outline)
        return titles


def read_pdf(path: Path) -> PdfFacts:
    return PdfFacts(path, PdfReader(str(path)))


def worst_case(root: Path, folder: Path) -> Publication:
    """The framework at ``root`` with made-up figures: every one worse than the year before,
    missing its standard and so in shortfall, stored in ``folder / "worst.duckdb"``.

    Only the layout is under test: the most shortfalls and the longest words there can be.
    """
    loaded = load_framework(root)
    assert loaded.framework is not None, loaded.issues.summary()
    assessment = Assessment(
        Status.WORSE,
        ReasonCode.SIGNIFICANT,
        {
            "previous": "2022-23",
            "before": 84.0,
            "after": 80.0,
            "unit": "percent",
            "test": "two-proportion z-test",
            "p": "p < 0.001",
        },
    )
    standard = StandardCheck(StandardKind.SERVICE_STANDARD, False, 90.0, "at_least", "percent")
    shortfalls = (
        Shortfall(ShortfallReason.WORSE, {"previous": "2022-23"}),
        Shortfall(ShortfallReason.MISSES_STANDARD, {"value": 80.0, "target": 90.0}),
    )
    years = ("2021-22", "2022-23", "2023-24")
    figures = [
        Figure(
            measure=measure.id,
            period=FinancialYear.parse(year),
            statistic="value",
            value=80.0 - i,
            unit="percent",
            base=12340,
            ci_low=78.0 - i,
            ci_high=82.0 - i,
            comparison=Comparison.PROPORTION,
            assessment=assessment,
            standard=standard,
            shortfalls=shortfalls,
        )
        for measure in loaded.framework.framework.measures.values()
        for i, year in enumerate(years)
    ]
    store = ResultsStore(folder / "worst.duckdb")
    store.write(figures, engine="test", years=list(years))
    return build_publication(loaded.framework, store)

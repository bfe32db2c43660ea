"""A tiny valid framework folder as YAML strings, and a writer for throwaway copies.

Broken cases start from these strings and change one thing, so each case shows exactly the
mistake it is about.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = """\
project:
  name: Test Charter
  organisation: Test Service
  default_charter: "2019"
  default_framework: "2019"
"""

CHARTER = """\
charter:
  id: "2019"
  title: Test Charter
  effective_from: 2019-02-01
  sections:
    - id: S1
      title: A people's service
      commitments:
        - id: "1.1"
          text: Be kind.
        - id: "1.2"
          text: Pay on time.
    - id: S2
      title: Processes that work
      commitments:
        - id: "2.1"
          text: Keep it simple.
"""

FRAMEWORK = """\
framework:
  id: "2019"
  title: Test Framework
  charter: "2019"
  effective_from: 2019-12-01
  first_year: 2019-20
  sections:
    - id: FS1
      title: A people's service
      charter_section: S1
      questions:
        - id: Q1
          text: Are people treated well?
          outcomes:
            - id: O1
              title: Staff are kind
              measures:
                - id: M1
                  title: Clients treated with kindness
                  definition: Share of respondents who agreed staff were kind.
                  data: quantitative
                  perspective: subjective
                  unit: percent
                  polarity: higher_is_better
                  kind: survey_proportion
                  params: {question: kind, chosen: [agree]}
                  sources: [survey]
                  owner: Survey team
                  commitments: ["1.1"]
                  survey_questions: [kind]
                - id: M2
                  title: Paid on time
                  definition: Share of payments made on the date promised.
                  data: quantitative
                  perspective: objective
                  unit: percent
                  polarity: higher_is_better
                  kind: share_of_records
                  params: {where: {on_time: [true]}}
                  sources: [payments]
                  owner: Statistics team
                  commitments: ["1.2", "2.1"]
"""

SOURCES = """\
sources:
  - id: survey
    name: Client survey
    owner: Survey team
    kind: survey_responses
  - id: payments
    name: Payments
    owner: Finance
    kind: case_records
survey_questions:
  - id: kind
    source: survey
    text: Staff were kind to me.
    answers: [agree, disagree]
glossary:
  - id: appeal
    term: Appeal
    definition: Asking a tribunal to look at a decision again.
"""

FILES = {
    "charterwatch.yaml": PROJECT,
    "charter/2019.yaml": CHARTER,
    "framework/2019.yaml": FRAMEWORK,
    "sources.yaml": SOURCES,
}


def write_framework(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the valid framework to ``root``, with ``files`` overriding (None deletes).

    Bytes are written as they are, to test encodings.
    """
    merged: dict[str, str | bytes | None] = {**FILES, **(files or {})}
    for name, text in merged.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root

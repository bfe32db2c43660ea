"""A second charter from another field, made the way a new author would: ``charterwatch
init``, then the wording changed to a public library service's charter, with two sections,
its own deadline rule (replies to complaints) and its own page on how to challenge a decision.
Nothing here is Scottish or about social security."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from charterwatch.cli import app

CHARTER = """\
charter:
  id: "1"
  title: Library Service Charter
  effective_from: 2025-04-01
  sections:
    - id: S1
      title: Open to everyone
      commitments:
        - id: "1.1"
          text: We will register new members quickly.
          short: Quick registration
    - id: S2
      title: Listening to readers
      commitments:
        - id: "2.1"
          text: We will answer complaints on time.
          short: Complaints answered on time
"""

FRAMEWORK = """\
framework:
  id: "1"
  title: Library measurement framework
  charter: "1"
  effective_from: 2025-04-01
  first_year: 2025-26
  sections:
    - id: FS1
      title: Open to everyone
      charter_section: S1
      questions:
        - id: Q1
          text: Do people join the library quickly?
          outcomes:
            - id: O1
              title: People can borrow soon after they ask to join
              measures:
                - id: M1
                  title: Time taken to register new members
                  definition: >-
                    The median number of working days from a membership request to the
                    library card being issued.
                  data: quantitative
                  perspective: objective
                  unit: working_days
                  polarity: lower_is_better
                  kind: duration
                  params: {start: received_date, end: decided_date}
                  sources: [requests]
                  owner: Library performance team
                  commitments: ["1.1"]
    - id: FS2
      title: Listening to readers
      charter_section: S2
      questions:
        - id: Q2
          text: Are complaints answered on time?
          outcomes:
            - id: O2
              title: Readers hear back on time
              measures:
                - id: M2
                  title: Membership requests dealt with
                  definition: The number of membership requests dealt with in the year.
                  data: quantitative
                  perspective: objective
                  unit: count
                  polarity: neither
                  kind: count
                  params: {source: requests, date: decided_date}
                  sources: [requests]
                  owner: Library performance team
                  commitments: ["2.1"]
"""

SOURCES = """\
sources:
  - id: requests
    name: Membership requests
    owner: Library performance team
    kind: case_records
    schema: {shape: applications}
    path: data/applications.csv
"""

DEADLINES = """\
deadlines:
  description: The library's own promise on complaints.
  rules:
    - process: complaint_reply
      group: "*"
      length: 10
      unit: working_days
      effective_from: 2025-04-01
      source: Library Service Charter, commitment 2.1
"""

CHALLENGE = """\
challenge:
  leader: If we refuse you a library card, you can ask us to think again.
  steps:
    - title: Tell us why you disagree
      text: Write to the library manager or speak to staff at any branch.
      limit: {text: "We reply within {limit}.", process: complaint_reply}
    - title: Ask the council to review it
      short: Council review
      text: If you still disagree, the council's customer team looks at it afresh.
  tables:
    - caption: Our reply times
      row_heading: What you ask
      columns:
        - {heading: We reply within, process: complaint_reply}
  easy_read:
    - You can ask us to think again.
"""


def make_library_charter(root: Path) -> Path:
    """A library service charter in ``root`` made with ``charterwatch init``, its records
    longer than the starter's so that some figures survive disclosure control."""
    runner = CliRunner()
    started = runner.invoke(app, ["init", str(root), "--name", "Library Service Charter"])
    assert started.exit_code == 0, started.output
    project = (root / "charterwatch.yaml").read_text("utf-8")
    project = project.replace("Your organisation", "Northvale Libraries")
    (root / "charterwatch.yaml").write_text(project, "utf-8")
    (root / "charter" / "1.yaml").write_text(CHARTER, "utf-8")
    (root / "framework" / "1.yaml").write_text(FRAMEWORK, "utf-8")
    (root / "sources.yaml").write_text(SOURCES, "utf-8")
    (root / "deadlines.yaml").write_text(DEADLINES, "utf-8")
    (root / "pages").mkdir()
    (root / "pages" / "challenge.yaml").write_text(CHALLENGE, "utf-8")
    rows = ["case_id,received_date,decided_date,outcome,channel"]
    for i in range(60):
        month = 4 + i % 9
        rows.append(
            f"R{i},2025-{month:02d}-{1 + i % 20:02d},2025-{month:02d}-{8 + i % 20:02d},"
            f"approved,{'online' if i % 2 else 'in_person'}"
        )
    (root / "data" / "applications.csv").write_text("\n".join(rows) + "\n", "utf-8")
    return root

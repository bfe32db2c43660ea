"""A small framework with raw extracts whose figures are known by hand.

Applications: four decided in 2022-23 with working-day durations 1, 1, 3 and 20 (median 2),
one decided in 2021-22, one still open. Survey: 2021-22 and 2022-23 answers to one question.
Calls: waits 10, 20, 30 seconds (mean 20). Re-determinations: two ADP (56 calendar days) and
two BSG (16 working days), one of each late.
"""

from __future__ import annotations

from pathlib import Path

from tests.model.fixtures import PROJECT

CHARTER = """\
charter:
  id: "2019"
  title: Test Charter
  effective_from: 2019-02-01
  sections:
    - id: S1
      title: Service
      commitments:
        - {id: "1.1", text: Be kind.}
        - {id: "1.2", text: Be quick.}
"""

COMMON = """\
                  owner: Test team
                  commitments: ["1.1"]
"""


def measure(mid: str, kind: str, unit: str, params: str, sources: str, extra: str = "") -> str:
    return f"""\
                - id: {mid}
                  title: Measure {mid}
                  definition: Test measure {mid}.
                  data: quantitative
                  perspective: objective
                  unit: {unit}
                  polarity: higher_is_better
                  kind: {kind}
                  params: {params}
                  sources: [{sources}]
{COMMON}{extra}"""


FRAMEWORK = (
    """\
framework:
  id: "2019"
  title: Test Framework
  charter: "2019"
  effective_from: 2019-12-01
  first_year: 2021-22
  sections:
    - id: FS1
      title: Service
      charter_section: S1
      questions:
        - id: Q1
          text: Does it work?
          outcomes:
            - id: O1
              title: It works
              measures:
"""
    + measure(
        "KIND",
        "survey_proportion",
        "percent",
        "{question: kind, chosen: [agree], breakdowns: [benefit]}",
        "survey",
    )
    + measure(
        "TIME",
        "duration",
        "working_days",
        "{start: received_date, end: decided_date, breakdowns: [benefit]}",
        "applications",
        "                  service_standard: {value: 10, unit: working_days}\n",
    )
    + measure("WAIT", "duration", "seconds", "{value: wait_seconds, statistic: mean}", "calls")
    + measure(
        "COUNT", "count", "count", "{date: received_date, breakdowns: [benefit]}", "applications"
    )
    + measure(
        "SHARE",
        "share_of_records",
        "percent",
        "{date: decided_date, where: {outcome: [approved]}}",
        "applications",
    )
    + measure(
        "LATE",
        "deadline_compliance",
        "percent",
        "{process: redetermination, group: benefit, start: request_date, end: decision_date}",
        "redeterminations",
    )
    + measure("OPEN", "backlog", "count", "{}", "applications")
    + measure("NONE", "count", "count", "{date: received_date}", "complaints")
)

SOURCES = """\
sources:
  - {id: survey, name: Survey, owner: T, kind: survey_responses,
     schema: {shape: survey_responses, fields: [{name: benefit, type: string, required: false,
     enum: &codes [ADP, SCP, CDP, BSG]}]}, path: data/survey.csv}
  - {id: applications, name: Applications, owner: T, kind: case_records,
     schema: {shape: applications, fields: [{name: benefit, type: string, required: false,
     enum: *codes}]}, path: data/applications.csv}
  - {id: calls, name: Calls, owner: T, kind: management_information,
     schema: {shape: calls}, path: data/calls.csv}
  - {id: redeterminations, name: Re-determinations, owner: T, kind: case_records,
     schema: {shape: redeterminations, fields: [{name: benefit, type: string, enum: *codes}]},
     path: data/redeterminations.csv}
  - {id: complaints, name: Complaints, owner: T, kind: case_records,
     schema: {shape: complaints}, path: data/complaints.csv}
"""

# 16 Sep 2022 is a Friday; 19 Sep 2022 (Monday) was a bank holiday.
APPLICATIONS = """\
case_id,benefit,received_date,decided_date,outcome,channel
A1,ADP,2022-09-16,2022-09-20,approved,online
A2,ADP,2022-06-01,2022-06-06,approved,online
A3,SCP,2022-06-01,2022-06-08,denied,phone
A4,SCP,2023-01-02,2023-01-31,approved,online
A5,SCP,2021-05-04,2021-05-05,approved,online
A6,ADP,2023-03-01,,,online
"""

CALLS = """\
call_id,date,queue,wait_seconds,abandoned
C1,2022-05-01,general,10,false
C2,2022-05-02,general,20,false
C3,2022-05-03,general,30,true
"""

REDETERMINATIONS = """\
request_id,benefit,request_date,decision_date,outcome
R1,ADP,2022-05-01,2022-06-26,changed
R2,ADP,2022-05-01,2022-06-27,unchanged
R3,BSG,2022-09-01,2022-09-23,changed
R4,BSG,2022-09-01,2022-09-27,unchanged
R5,BSG,2022-08-31,2022-09-24,unchanged
"""

DEADLINES = """\
deadlines:
  description: The re-determination deadlines the LATE measure uses.
  rules:
    - {process: redetermination, group: ADP, length: 56, unit: calendar_days,
       effective_from: 2022-03-21, source: test}
    - {process: redetermination, group: BSG, length: 16, unit: working_days,
       effective_from: 2018-12-10, source: test}
"""

COMPLAINTS_EMPTY_PATH = "data/complaints.csv"


def survey_csv() -> str:
    lines = ["respondent_id,year,benefit,question,answer,synthetic"]
    for year, agree, total in (("2021-22", 60, 100), ("2022-23", 90, 100)):
        for i in range(total):
            answer = "agree" if i < agree else "disagree"
            benefit = "ADP" if i % 2 else "SCP"
            lines.append(f"R{i},{year},{benefit},kind,{answer},true")
        lines.append(f"R999,{year},ADP,kind,don't know,true")
    return "\n".join(lines) + "\n"


CALENDAR = """\
# The expected figures count Scottish bank holidays (19 September 2022, the 2022 jubilee).
calendar: {country: GB, subdivision: SCT}
"""


def write_measured_framework(root: Path) -> Path:
    files = {
        "charterwatch.yaml": PROJECT,
        "charter.yaml": CHARTER,
        "framework.yaml": FRAMEWORK,
        "sources.yaml": SOURCES,
        "deadlines.yaml": DEADLINES,
        "calendar.yaml": CALENDAR,
        "data/applications.csv": APPLICATIONS,
        "data/calls.csv": CALLS,
        "data/redeterminations.csv": REDETERMINATIONS,
        "data/survey.csv": survey_csv(),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

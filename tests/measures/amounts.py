"""A small framework of amounts, ratios, hours and calendar days whose figures are known by
hand: the fixture of the sum, ratio and mean kinds, duration in hours and calendar days and
rates per 1,000, on DuckDB and PostgreSQL and on the built site.

Each financial year has 3,000 repairs (record i, 0 to 2,999), opened on 1 May plus i % 200
days (within the year):

- 2022-23: repair cost £80.00 (i even) or £82.94 (odd): mean £81.47, total £244,410.00;
  rent due £100.00 and collected £90.00 (i % 4 == 0) or £100.00: 97.5% collected; time to
  fix 3.0 hours (even) or 4.2 hours (odd): mean 3.6 hours; closed 10, 12 or 14 calendar
  days after opening (i % 3): median 12 days, 90th percentile 14 days; 37 complaints
  (i < 37): 12.3 per 1,000 repairs.
- 2021-22: cost £70.00 or £72.00 (mean £71.00, total £213,000.00); every rent collected in
  full (100%); 5.0 hours each; 20 calendar days each; 30 complaints (10 per 1,000).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.measures.fixtures import CHARTER

PROJECT = """\
project:
  name: Repairs Charter
  organisation: Test Homes
  default_charter: "2019"
  default_framework: "2019"
  currency: GBP
"""

SOURCES = """\
sources:
  - id: repairs
    name: Repairs
    owner: T
    kind: case_records
    path: data/repairs.csv
    schema:
      shape: records
      fields:
        - {name: repair_id, type: string, unique: true}
        - {name: area, type: string, enum: [north, south]}
        - {name: opened_date, type: date}
        - {name: closed_date, type: date}
        - {name: opened_at, type: datetime}
        - {name: fixed_at, type: datetime}
        - {name: cost, type: number, minimum: 0}
        - {name: rent_due, type: number, minimum: 0}
        - {name: rent_collected, type: number, minimum: 0}
        - {name: complaint, type: string, enum: ["yes", "no"]}
      primary_key: [repair_id]
"""


def measure(
    mid: str,
    title: str,
    kind: str,
    unit: str,
    params: str,
    extra: str = "",
    polarity: str = "lower_is_better",
) -> str:
    return f"""\
                - id: {mid}
                  title: {title}
                  definition: {title}.
                  data: quantitative
                  perspective: objective
                  unit: {unit}
                  polarity: {polarity}
                  kind: {kind}
                  params: {params}
                  sources: [repairs]
                  owner: Test team
                  commitments: ["1.1"]
{extra}"""


MEASURES = {
    "COST": measure(
        "COST",
        "Average cost of a repair",
        "mean",
        "money",
        "{value: cost, date: opened_date, breakdowns: [area]}",
    ),
    "SPEND": measure(
        "SPEND",
        "Total spent on repairs",
        "sum",
        "money",
        "{value: cost, date: opened_date}",
        "                  currency: EUR\n",
    ),
    "RENT": measure(
        "RENT",
        "Rent collected as a share of rent due",
        "ratio",
        "percent",
        "{numerator: rent_collected, denominator: rent_due, date: opened_date}",
        polarity="higher_is_better",
    ),
    "HOURS": measure(
        "HOURS",
        "Average time to fix a repair",
        "duration",
        "hours",
        "{start: opened_at, end: fixed_at, count_in: hours, statistic: mean}",
    ),
    "DAYS": measure(
        "DAYS",
        "Time to close a repair",
        "duration",
        "calendar_days",
        "{start: opened_date, end: closed_date, count_in: calendar_days}",
        "                  service_standard: {value: 14, unit: calendar_days}\n",
    ),
    "SLOWEST": measure(
        "SLOWEST",
        "Time within which nine in ten repairs close",
        "duration",
        "calendar_days",
        "{start: opened_date, end: closed_date, calendar: calendar_days,"
        " statistic: percentile, percentile: 90}",
    ),
    "COMPLAINTS": measure(
        "COMPLAINTS",
        "Complaints per 1,000 repairs",
        "rate",
        "per_1000",
        "{per: 1000, numerator: {date: opened_date, filter: {complaint: 'yes'}},"
        " denominator: {date: opened_date}}",
    ),
}


def framework(measures: dict[str, str] = MEASURES) -> str:
    return """\
framework:
  id: "2019"
  title: Repairs Framework
  charter: "2019"
  effective_from: 2019-12-01
  first_year: 2021-22
  sections:
    - id: FS1
      title: Repairs
      charter_section: S1
      questions:
        - id: Q1
          text: Are repairs done well?
          outcomes:
            - id: O1
              title: Repairs are quick and good value
              measures:
""" + "".join(measures.values())


def repairs_csv() -> str:
    lines = [
        "repair_id,area,opened_date,closed_date,opened_at,fixed_at,cost,rent_due,"
        "rent_collected,complaint"
    ]
    for year in (2021, 2022):
        for i in range(3000):
            opened = dt.date(year, 5, 1) + dt.timedelta(days=i % 200)
            at = dt.datetime.combine(opened, dt.time(9, 0))
            if year == 2022:
                cost = "80.00" if i % 2 == 0 else "82.94"
                collected = "90.00" if i % 4 == 0 else "100.00"
                hours = 3.0 if i % 2 == 0 else 4.2
                days = (10, 12, 14)[i % 3]
                complaint = "yes" if i < 37 else "no"
            else:
                cost = "70.00" if i % 2 == 0 else "72.00"
                collected = "100.00"
                hours, days = 5.0, 20
                complaint = "yes" if i < 30 else "no"
            fixed = at + dt.timedelta(minutes=round(hours * 60))
            closed = opened + dt.timedelta(days=days)
            lines.append(
                f"P{year}-{i},{'north' if i % 2 else 'south'},{opened},{closed},"
                f"{at:%Y-%m-%d %H:%M},{fixed:%Y-%m-%d %H:%M},{cost},100.00,{collected},"
                f"{complaint}"
            )
    return "\n".join(lines) + "\n"


def write_amounts_framework(root: Path, measures: dict[str, str] = MEASURES) -> Path:
    files = {
        "charterwatch.yaml": PROJECT,
        "charter.yaml": CHARTER,
        "framework.yaml": framework(measures),
        "sources.yaml": SOURCES,
        "data/repairs.csv": repairs_csv(),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

"""A small framework with reporting organisations, written by code for the tests.

Twelve organisations in three peer groups (one organisation tiny, so its figures must be
withheld), a record-level source naming each case's organisation, and an organisation
returns source. Data are drawn from a seeded generator, so every run is the same.
"""

from __future__ import annotations

import random
from pathlib import Path

PROJECT = """\
project:
  name: Test Housing Charter
  organisation: Test Regulator
  default_charter: "1"
  default_framework: "1"
  synthetic_data: true
  release_date: 2025-11-25
"""

CHARTER = """\
charter:
  id: "1"
  title: Test Housing Charter
  effective_from: 2022-04-01
  sections:
    - id: S1
      title: Homes and services
      commitments:
        - id: "1.1"
          text: Repairs are done quickly.
        - id: "1.2"
          text: Tenants are satisfied.
"""

MEASURES = """\
                - id: M1
                  title: Repairs done right first time
                  definition: Share of repairs completed right first time.
                  data: quantitative
                  perspective: objective
                  unit: percent
                  polarity: higher_is_better
                  kind: share_of_records
                  params: {date: reported_date, where: {first_time: "true"}}
                  by_organisation: true
                  sources: [repairs]
                  owner: Regulation team
                  commitments: ["1.1"]
                - id: M2
                  title: Tenants satisfied with the service
                  definition: Tenants satisfied as a share of tenants asked.
                  data: quantitative
                  perspective: subjective
                  unit: percent
                  polarity: higher_is_better
                  kind: organisation_return
                  params: {indicator: satisfied, statistic: ratio}
                  sources: [returns]
                  owner: Regulation team
                  commitments: ["1.2"]
                - id: M3
                  title: Days to re-let a home
                  definition: Average calendar days to re-let an empty home.
                  data: quantitative
                  perspective: objective
                  unit: calendar_days
                  polarity: lower_is_better
                  kind: organisation_return
                  params: {indicator: relet_days, statistic: value}
                  sources: [returns]
                  owner: Regulation team
                  commitments: ["1.1"]
"""

FRAMEWORK = (
    """\
framework:
  id: "1"
  title: Test Housing Framework
  charter: "1"
  effective_from: 2022-04-01
  first_year: 2022-23
  sections:
    - id: FS1
      title: Homes and services
      charter_section: S1
      questions:
        - id: Q1
          text: Are homes looked after?
          outcomes:
            - id: O1
              title: Repairs are quick and right
              measures:
"""
    + MEASURES
)

SOURCES = """\
sources:
  - id: repairs
    name: Repairs
    owner: Regulation team
    kind: case_records
    path: data/repairs.csv
    organisation_column: landlord_id
    schema:
      shape: records
      fields:
        - {name: repair_id, type: string, unique: true}
        - {name: landlord_id, type: string}
        - {name: reported_date, type: date}
        - {name: first_time, type: boolean}
      primary_key: [repair_id]
  - id: returns
    name: Annual returns
    owner: Regulation team
    kind: management_information
    path: data/returns.csv
    schema: {shape: organisation_returns}
"""

PEERS = ["large urban", "small rural", "mid-sized"]


def organisation_rows(count: int = 12) -> list[tuple[str, str, str, str]]:
    """(id, name, peer group, area) of ``count`` organisations."""
    return [
        (f"L{i:03d}", f"Landlord {i} Homes", PEERS[i % len(PEERS)], f"Area {i % 5}")
        for i in range(1, count + 1)
    ]


def organisations_yaml(count: int = 12) -> str:
    lines = ["organisations:", "  noun: landlord", "  noun_plural: landlords", "  list:"]
    for ident, name, peer, area in organisation_rows(count):
        lines += [
            f"    - id: {ident}",
            f"      name: {name}",
            "      type: housing association",
            f"      peer_group: {peer}",
            f"      area: {area}",
            f"      area_code: A{ident[1:]}",
        ]
    return "\n".join(lines) + "\n"


YEARS = ("2022-23", "2023-24", "2024-25")
TINY = "L005"
"""An organisation with very few repairs and tenants: its figures must be withheld."""


def repairs_csv(seed: int = 11) -> str:
    draw = random.Random(seed)
    out = ["repair_id,landlord_id,reported_date,first_time"]
    n = 0
    for start in (2022, 2023, 2024):
        for ident, *_ in organisation_rows():
            size = 4 if ident == TINY else draw.randint(60, 200)
            share = draw.uniform(0.6, 0.95)
            for _ in range(size):
                n += 1
                day = draw.randint(0, 364)
                month = 4 + day // 31
                year = start + (1 if month > 12 else 0)
                month = (month - 1) % 12 + 1
                first = "true" if draw.random() < share else "false"
                out.append(f"R{n},{ident},{year}-{month:02d}-{day % 28 + 1:02d},{first}")
    return "\n".join(out) + "\n"


def returns_csv(seed: int = 12) -> str:
    draw = random.Random(seed)
    out = ["organisation,year,indicator,numerator,denominator,value,base"]
    for year in YEARS:
        for ident, *_ in organisation_rows():
            asked = 6 if ident == TINY else draw.randint(100, 900)
            happy = round(asked * draw.uniform(0.7, 0.92))
            out.append(f"{ident},{year},satisfied,{happy},{asked},,")
            homes = 3 if ident == TINY else draw.randint(20, 150)
            out.append(f"{ident},{year},relet_days,,,{draw.uniform(20, 60):.1f},{homes}")
    return "\n".join(out) + "\n"


FILES = {
    "charterwatch.yaml": PROJECT,
    "charter.yaml": CHARTER,
    "framework.yaml": FRAMEWORK,
    "sources.yaml": SOURCES,
    "organisations.yaml": organisations_yaml(),
}


def write_framework(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """Write the framework and its data to ``root``, ``files`` overriding (None deletes)."""
    merged: dict[str, str | None] = {
        **FILES,
        "data/repairs.csv": repairs_csv(),
        "data/returns.csv": returns_csv(),
        **(files or {}),
    }
    for name, text in merged.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

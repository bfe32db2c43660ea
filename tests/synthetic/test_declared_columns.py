"""The generator honours what a source declares: every extra column filled by its type, enum
and range, date order kept, and a column that follows from another through a mapping.

Before, a `records` source's number columns ignored their declared minimum and maximum, a
second date was always drawn after the first whatever `date_order` said, a standard shape's
extra columns (a region on the calls) were left empty, and categories were drawn
independently, so a landlord could be a council in one row and a housing association in the
next.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from charterwatch.synthetic import GenerationError, generate_example
from charterwatch.synthetic.columns import follow
from charterwatch.synthetic.draws import stream
from tests.model.fixtures import SOURCES, write_framework

TENANCIES = """\
  - id: tenancies
    name: Tenancies
    owner: Housing team
    kind: case_records
    path: data/tenancies.csv
    schema:
      shape: records
      primary_key: [tenancy_id]
      date_order: [[start_date, end_date], [end_date, review_date]]
      fields:
        - {name: tenancy_id, type: string}
        - {name: end_date, type: date}
        - {name: start_date, type: date}
        - {name: review_date, type: date, required: false}
        - {name: rooms, type: integer, minimum: 1, maximum: 6}
        - {name: rent, type: number, minimum: 50, maximum: 120}
        - {name: tenure, type: string, enum: [social, private]}
        - {name: area, type: string, enum: [A1, A2, A3]}
        - {name: region, type: string, enum: [north, south]}
        - {name: landlord, type: string, enum: [L1, L2, L3]}
        - {name: landlord_type, type: string, enum: [council, housing association]}
        - {name: adapted, type: boolean}
  - id: calls
    name: Calls
    owner: Contact centre
    kind: management_information
    path: data/calls.csv
    schema:
      shape: calls
      fields:
        - {name: region, type: string, enum: [north, south]}
        - {name: callback_date, type: date, required: false}
      date_order: [[date, callback_date]]
"""

RECIPE = """\
synthetic:
  seed: 7
  first_year: 2022-23
  last_year: 2023-24
  records:
    tenancies:
      volumes: {2022-23: 400, 2023-24: 400}
      values: {tenure: {social: 3, private: 1}}
      follows:
        landlord_type:
          from: landlord
          map: {L1: council, L2: housing association, L3: housing association}
        region:
          from: area
          map: {A1: north, A2: {north: 1, south: 1}}
          default: south
  calls:
    calls: {2022-23: 200, 2023-24: 200}
    queues: {2022-23: {general: 1}, 2023-24: {general: 1}}
  columns:
    calls:
      values: {region: {north: 1, south: 3}}
"""


def _framework(root: Path, recipe: str = RECIPE) -> Path:
    return write_framework(
        root,
        {
            "sources.yaml": SOURCES.replace("survey_questions:", TENANCIES + "survey_questions:"),
            "synthetic.yaml": recipe,
        },
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    root = _framework(tmp_path_factory.mktemp("framework"))
    out = root / "data"
    generate_example(root, out=out)
    return {
        name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("tenancies", "calls")
    }


def test_every_declared_column_is_filled_by_type_enum_and_range(
    generated: dict[str, pd.DataFrame],
) -> None:
    t = generated["tenancies"]
    assert len(t) == 800
    for column in ("rooms", "rent", "tenure", "area", "landlord", "adapted", "review_date"):
        assert (t[column] != "").all(), column
    rooms = t["rooms"].astype(int)
    assert rooms.between(1, 6).all() and rooms.nunique() == 6
    rent = t["rent"].astype(float)
    assert rent.between(50, 120).all() and rent.max() > 100
    assert set(t["adapted"]) == {"true", "false"}
    social = (t["tenure"] == "social").mean()
    assert 0.70 <= social <= 0.80, social  # the recipe's 3 to 1
    calls = generated["calls"]
    assert set(calls["region"]) == {"north", "south"}
    assert 0.68 <= (calls["region"] == "south").mean() <= 0.82


def test_declared_date_order_holds(generated: dict[str, pd.DataFrame]) -> None:
    t = generated["tenancies"]
    start, end, review = (pd.to_datetime(t[c]) for c in ("start_date", "end_date", "review_date"))
    assert (start <= end).all() and (end <= review).all()
    assert (start < end).mean() > 0.9, "start dates are spread before the end, not equal to it"
    calls = generated["calls"]
    filled = calls[calls["callback_date"] != ""]
    assert len(filled) == len(calls)
    assert (pd.to_datetime(filled["date"]) <= pd.to_datetime(filled["callback_date"])).all()


def test_a_category_follows_from_another_through_the_recipe_mapping(
    generated: dict[str, pd.DataFrame],
) -> None:
    t = generated["tenancies"]
    kinds = {"L1": "council", "L2": "housing association", "L3": "housing association"}
    assert (t["landlord_type"] == t["landlord"].map(kinds)).all()
    assert set(t.loc[t["area"] == "A1", "region"]) == {"north"}
    assert set(t.loc[t["area"] == "A3", "region"]) == {"south"}  # the default
    assert set(t.loc[t["area"] == "A2", "region"]) == {"north", "south"}  # weights


def test_follow_is_one_call_for_other_generators() -> None:
    """The mechanism is public and simple: a frame, the column to set, the column it follows
    and a mapping (a value, or weights of values, per value of the other column)."""
    frame = pd.DataFrame({"org": ["O1", "O2", "O1", "O3"]})
    follow(frame, "org_type", "org", {"O1": "council", "O2": "trust"}, stream(1, "x"), "other")
    assert list(frame["org_type"]) == ["council", "trust", "council", "other"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("from: landlord", "from: landlords", "'landlords', which source 'tenancies' does not"),
        (
            "L1: council,",
            "L1: councill,",
            "'councill' for landlord_type, which its enum does not allow",
        ),
    ],
)
def test_invalid_follows_is_refused_with_the_recipe_place(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = _framework(tmp_path, RECIPE.replace(old, new, 1))
    with pytest.raises(GenerationError, match=message) as caught:
        generate_example(root, out=tmp_path / "out")
    assert "synthetic.yaml" in str(caught.value) and "records.tenancies.follows" in str(
        caught.value
    )


def test_same_seed_same_files(tmp_path: Path) -> None:
    root = _framework(tmp_path / "a")
    generate_example(root, out=tmp_path / "one")
    generate_example(root, out=tmp_path / "two")
    for name in ("tenancies.csv", "calls.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert dt.date.today()  # the files carry no run date

"""A key written in the wrong place gets told where it belongs.

Before, a kind's param written at measure level was "unknown field 'breakdowns' ... did you
mean 'breaks'?", and a measure field written inside params was pydantic's "Extra inputs are
not permitted" with no hint at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from charterwatch.model.loader import load_framework
from tests.model.fixtures import FRAMEWORK, write_framework

M2_KIND = "                  kind: share_of_records\n"
M2_PARAMS = "                  params: {where: {on_time: [true]}}\n"


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    code: str
    advice: str
    location: str


CASES = [
    Case(
        "invalid_param_at_measure_level",
        M2_KIND,
        M2_KIND + "                  breakdowns: [channel]\n",
        "CW-F006",
        "'breakdowns' belongs under 'params:'",
        "breakdowns",
    ),
    Case(
        "invalid_measure_field_in_params",
        M2_PARAMS,
        "                  params: {where: {on_time: [true]}, unit: percent}\n",
        "CW-K001",
        "'unit' is a field of the measure, not a param: move it out of 'params:'",
        "measure M2.params.unit",
    ),
    Case(
        "invalid_params_key_of_the_nested_level",
        M2_KIND + M2_PARAMS,
        "                  kind: rate\n"
        "                  params: {numerator: {date: paid}, denominator: {date: due},"
        " filter: {on_time: [true]}}\n",
        "CW-K001",
        "'filter' belongs under 'numerator:' and 'denominator:'",
        "measure M2.params.filter",
    ),
    Case(
        "invalid_params_key_one_level_too_deep",
        M2_KIND + M2_PARAMS,
        "                  kind: rate\n"
        "                  params: {numerator: {date: paid, per: 1000},"
        " denominator: {date: due}}\n",
        "CW-K001",
        "'per' belongs one level up, beside 'numerator:'",
        "measure M2.params.numerator.per",
    ),
    Case(
        "invalid_service_standard_field_at_measure_level",
        M2_KIND,
        M2_KIND + "                  value: 10\n",
        "CW-F006",
        "'value' belongs under 'service_standard:'",
        "value",
    ),
    Case(
        "invalid_param_of_another_kind",
        M2_PARAMS,
        "                  params: {where: {on_time: [true]}, statistic: mean}\n",
        "CW-K001",
        "'statistic' is a param of kind duration, mean, organisation_return, not of kind",
        "measure M2.params.statistic",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_misplaced_key_is_told_where_it_belongs(tmp_path: Path, case: Case) -> None:
    assert case.old in FRAMEWORK
    text = FRAMEWORK.replace(case.old, case.new, 1)
    root = write_framework(tmp_path, {"framework/2019.yaml": text})
    issues = [i for i in load_framework(root).issues.errors if i.code == case.code]
    assert issues, "the misplaced key was accepted"
    issue = next((i for i in issues if i.location and i.location.endswith(case.location)), None)
    assert issue is not None, [i.render() for i in issues]
    assert case.advice in (issue.fix or ""), issue.render()
    assert issue.file == "framework/2019.yaml"
    wrong = case.location.split(".")[-1]
    lines = text.splitlines()
    assert wrong in lines[(issue.line or 0) - 1], issue.render()

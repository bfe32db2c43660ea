"""How the typed parts of a figure are written to and read from the store's JSON columns.

Reading checks every enum value, so a store edited by hand or written by other code fails
with a clear message instead of giving a figure a status the code does not know.
"""

from __future__ import annotations

import json
from typing import Any

from charterwatch.results.figure import (
    Assessment,
    ReasonCode,
    Shortfall,
    ShortfallReason,
    StandardCheck,
    StandardKind,
    Status,
    TestInputs,
)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def encode_assessment(assessment: Assessment | None) -> str:
    if assessment is None:
        return "null"
    return dumps(
        {
            "status": assessment.status.value,
            "reason": assessment.reason.value,
            "params": dict(assessment.params),
            "test": assessment.test,
            "p_value": assessment.p_value,
        }
    )


def decode_assessment(text: str) -> Assessment | None:
    data = json.loads(text)
    if data is None:
        return None
    return Assessment(
        status=Status(data["status"]),
        reason=ReasonCode(data["reason"]),
        params=dict(data.get("params") or {}),
        test=str(data.get("test") or ""),
        p_value=data.get("p_value"),
    )


def encode_standard(check: StandardCheck | None) -> str:
    if check is None:
        return "null"
    return dumps(
        {
            "kind": check.kind.value,
            "met": check.met,
            "target": check.target,
            "direction": check.direction,
            "unit": check.unit,
        }
    )


def decode_standard(text: str) -> StandardCheck | None:
    data = json.loads(text)
    if data is None:
        return None
    return StandardCheck(
        kind=StandardKind(data["kind"]),
        met=data["met"],
        target=float(data["target"]),
        direction=str(data["direction"]),
        unit=str(data["unit"]),
    )


def encode_shortfalls(shortfalls: tuple[Shortfall, ...]) -> str:
    return dumps([{"reason": s.reason.value, "params": dict(s.params)} for s in shortfalls])


def decode_shortfalls(text: str) -> tuple[Shortfall, ...]:
    return tuple(
        Shortfall(ShortfallReason(item["reason"]), dict(item.get("params") or {}))
        for item in json.loads(text)
    )


def encode_inputs(inputs: TestInputs | None) -> str:
    return dumps(inputs.as_dict() if inputs is not None else {})


def decode_inputs(text: str) -> TestInputs:
    data = json.loads(text) or {}
    return TestInputs(
        value=data.get("value"),
        estimate=data.get("estimate"),
        effective_base=data.get("effective_base"),
        count=data.get("count"),
        standard_error=data.get("standard_error"),
        base=data.get("base"),
    )

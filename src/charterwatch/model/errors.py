"""Turning pydantic validation errors into located, fixable issues.

Pydantic reports a location tuple and a machine type; authors need the file, the line, the
field, what was expected and a fix. This module does that translation once for every reader.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from charterwatch.model.issues import Issue, Level
from charterwatch.model.links import ALLOWED_SCHEMES
from charterwatch.model.links import ERROR_TYPE as WEB_ADDRESS
from charterwatch.model.yamlfile import PathKey, YamlDocument, dotted

PlacementHint = Callable[[type[BaseModel], str, Mapping[str, Any]], str | None]
"""Given the model a key was written in, the key and the mapping it was written in, advice
on where the key belongs ("'breakdowns' belongs under 'params:'"), or None."""
PLACEMENT_HINTS: list[PlacementHint] = []


def placement_hint(func: PlacementHint) -> PlacementHint:
    """Register advice for misplaced keys (the measure layer knows where kind params go)."""
    if func not in PLACEMENT_HINTS:
        PLACEMENT_HINTS.append(func)
    return func


def misplaced(model: type[BaseModel], loc: PathKey, name: str, value: Any = None) -> str | None:
    """Where an unknown key ``name`` at ``loc`` (its own name last) belongs, when it is a
    key of another place: a registered hint first, then a field of a model nested at the
    same level ("belongs under 'service_standard:'"), then a field of the level above
    ("belongs one level up, beside 'numerator:'")."""
    owner = model_at(model, loc[:-1])
    if owner is None:
        return None
    written_in = _value_at(value, loc[:-1])
    for hint in PLACEMENT_HINTS:
        found = hint(owner, name, written_in if isinstance(written_in, Mapping) else {})
        if found:
            return found
    return nested_place(owner, name) or upper_place(model, loc, name)


def nested_place(owner: type[BaseModel], name: str) -> str | None:
    """ "'x' belongs under 'a:'" when ``name`` is a field of models nested in ``owner``."""
    homes = [
        info.alias or field
        for field, info in owner.model_fields.items()
        if (inner := _inner_model(info.annotation)) is not None and name in _names(inner)
    ]
    if not homes:
        return None
    return f"'{name}' belongs under " + " and ".join(f"'{h}:'" for h in homes)


def upper_place(model: type[BaseModel], loc: PathKey, name: str) -> str | None:
    """ "'x' belongs one level up, beside 'a:'" when ``name`` is a field of the model
    holding the one the key was written in."""
    keys = [p for p in loc[:-1] if not isinstance(p, int)]
    if not keys:
        return None
    cut = max(i for i, p in enumerate(loc[:-1]) if not isinstance(p, int))
    parent = model_at(model, loc[:cut])
    if parent is None or name not in _names(parent):
        return None
    return f"'{name}' belongs one level up, beside '{keys[-1]}:'"


def _names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _value_at(value: Any, loc: PathKey) -> Any:
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def issues_from_validation(
    exc: ValidationError,
    model: type[BaseModel],
    doc: YamlDocument,
    prefix: PathKey,
    value: Any = None,
) -> list[Issue]:
    """One issue per pydantic error, located in ``doc`` under the key path ``prefix``;
    ``value`` (what was validated) lets a misplaced key be told where it belongs."""
    out: list[Issue] = []
    for err in exc.errors(include_url=False):
        loc: PathKey = tuple(err["loc"])
        path = (*prefix, *loc)
        kind = err["type"]
        found = _show(err.get("input"))
        field_name = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            placed = misplaced(model, loc, field_name, value)
            guess = difflib.get_close_matches(field_name, allowed, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            out.append(
                Issue(
                    code="CW-F006",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of_key(path),
                    location=dotted(path),
                    message=f"unknown field '{field_name}'",
                    expected="one of: " + ", ".join(sorted(allowed)) if allowed else None,
                    fix=f"{placed}: move it there"
                    if placed
                    else f"{hint}remove the field or correct its name",
                )
            )
        elif kind == WEB_ADDRESS:
            out.append(
                Issue(
                    code="CW-H001",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of(path),
                    location=dotted(path),
                    message=f"'{field_name}' is not a web address that may be published: "
                    f"{err['ctx']['problem']}",
                    expected="an address starting with "
                    + ", ".join(f"{s}:" for s in ALLOWED_SCHEMES)
                    + ", e.g. https://www.example.org/report",
                    found=found,
                    fix="write the full https:// address of the page (or mailto: for an "
                    "email address); other schemes such as javascript: or data: can run "
                    "script when the link is clicked",
                )
            )
        elif kind == "missing":
            out.append(
                Issue(
                    code="CW-F007",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of(path),
                    location=dotted(path),
                    message=f"the required field '{field_name}' is missing",
                    fix=f"add '{field_name}:' with a value (see docs/framework-format.md)",
                )
            )
        else:
            out.append(
                Issue(
                    code="CW-F005",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of(path),
                    location=dotted(path),
                    message=f"the value of '{field_name or dotted(prefix)}' is not valid",
                    expected=_expected(err),
                    found=found,
                    fix="correct the value to the expected form",
                )
            )
    return out


def _expected(err: Any) -> str:
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind == "enum" and "expected" in ctx:
        return f"one of {ctx['expected']}"
    if kind == "literal_error" and "expected" in ctx:
        return f"one of {ctx['expected']}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "\\d{4}-\\d{2}" in pattern:
            return "a financial year such as 2023-24"
        return (
            "an id of letters, digits, '.', '_' or '-' (no spaces), starting with a letter or digit"
        )
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return "a date written as YYYY-MM-DD, e.g. 2019-02-01"
    if kind in {"list_type"}:
        return "a list (lines starting with '- ')"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "a mapping of 'key: value' lines"
    if kind == "too_short":
        return "at least one entry"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return str(err["msg"])


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 80 else text[:77] + "..."


def _fields_at(model: type[BaseModel], loc: PathKey) -> list[str]:
    """The field names of the sub-model reached by following ``loc`` from ``model``."""
    current = model_at(model, loc)
    return [] if current is None else _names(current)


def model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The sub-model reached by following ``loc`` from ``model`` (None past a plain value)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            by_alias = {f.alias: f for f in (fields or {}).values() if f.alias}
            if part not in by_alias:
                return None
            info = by_alias[part]
        else:
            info = fields[part]
        current = _inner_model(info.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None

"""The columns a source declares beyond what its generator makes, filled as declared.

Any shape's generator calls :func:`complete` on its records: a declared column the records
lack is filled by its type (numbers in the recipe's range, else the field's ``minimum`` and
``maximum``; text from the recipe's weights, else the field's ``enum``; true/false; a date a
few days from the date it is ordered against), columns that follow from another are set
through the recipe's mapping (:func:`follow`), and the source's ``date_order`` is made to
hold (:func:`keep_date_order`) without moving the dates the generator calibrated.
:func:`settings_problems` checks the recipe's column settings against the source's declared
columns before anything is made.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from charterwatch.model.files import FieldFile, SourceSchemaFile
from charterwatch.synthetic.categories import deal
from charterwatch.synthetic.recipe import ColumnSettings

NO_SETTINGS = ColumnSettings()
DATE_TYPES = ("date", "datetime")
NUMBER_TYPES = ("number", "integer")
GAP_DAYS = (1, 30)
"""Days between a filled date and the date it is ordered against (low inclusive, high not)."""


def weights_of(field: FieldFile, settings: ColumnSettings) -> dict[str, float]:
    """The weights a text or true/false column is dealt from: the recipe's, else its enum."""
    if field.name in settings.values:
        return dict(settings.values[field.name])
    if field.enum:
        return {v: 1.0 for v in field.enum}
    if field.type == "boolean":
        return {"true": 1.0, "false": 1.0}
    return {}


def number_range(field: FieldFile, settings: ColumnSettings) -> tuple[float, float]:
    """The recipe's range of a number column, else the field's minimum and maximum (a
    missing bound is 0, or 100 above the minimum)."""
    if field.name in settings.numbers:
        return settings.numbers[field.name]
    low = field.minimum if field.minimum is not None else 0.0
    high = field.maximum if field.maximum is not None else max(low, 0.0) + 100.0
    return low, high


def column_values(
    field: FieldFile,
    settings: ColumnSettings,
    rng: np.random.Generator,
    n: int,
    notes: list[str],
    source: str,
    weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    """``n`` values of a column that is not a date, by its type, range or weights."""
    if field.type in NUMBER_TYPES:
        low, high = number_range(field, settings)
        if field.type == "integer":
            return rng.integers(int(np.ceil(low)), int(np.floor(high)) + 1, size=n)
        return np.round(rng.uniform(low, high, size=n), 2)
    chosen = dict(weights) if weights is not None else weights_of(field, settings)
    if not chosen:
        if field.required:
            notes.append(f"{source}: no values for required column '{field.name}'")
        return np.full(n, None, dtype=object)
    return deal(rng, n, chosen)


def follow(
    frame: pd.DataFrame,
    column: str,
    source_column: str,
    mapping: Mapping[str, str | Mapping[str, float]],
    rng: np.random.Generator,
    default: str | None = None,
) -> None:
    """Set ``column`` from ``source_column`` through ``mapping``: each value of the source
    column gives one value, or weights of values dealt exactly over its rows; values not
    mapped (and empty ones) take ``default``. The public way for any generator to make one
    category depend on another (an organisation's type from the organisation)."""
    keys = frame[source_column].map(_text)
    out = np.full(len(frame), default, dtype=object)
    for value, target in mapping.items():
        rows = np.flatnonzero((keys == value).to_numpy())
        if not len(rows):
            continue
        if isinstance(target, str):
            out[rows] = target
        else:
            out[rows] = deal(rng, len(rows), dict(target))
    frame[column] = out


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def follow_order(follows: Mapping[str, Any]) -> list[str]:
    """The following columns, each after the column it follows when that follows too."""
    done: list[str] = []

    def visit(column: str) -> None:
        if column in done or column not in follows:
            return
        visit(follows[column].from_)
        done.append(column)

    for column in follows:
        visit(column)
    return done


def keep_date_order(
    frame: pd.DataFrame,
    pairs: Sequence[Sequence[str]],
    fixed: Collection[str] = (),
    notes: list[str] | None = None,
    source: str = "",
) -> None:
    """Make every ``[earlier, later]`` pair of date columns hold, row by row: the date that
    may move (not in ``fixed``: the dates the generator calibrated) is mirrored to the
    other side of its partner, keeping the same gap. Chains (start, end, review) settle in a
    few passes."""
    present = [(a, b) for a, b in pairs if a in frame.columns and b in frame.columns]
    for _ in range(len(present) + 1):
        moved = False
        for earlier, later in present:
            first, second = _dates(frame[earlier]), _dates(frame[later])
            wrong = (first > second).to_numpy()
            if not wrong.any():
                continue
            gap = first - second
            if later not in fixed:
                frame[later] = second.where(~wrong, first + gap).to_numpy().astype("datetime64[D]")
            elif earlier not in fixed:
                frame[earlier] = (
                    first.where(~wrong, second - gap).to_numpy().astype("datetime64[D]")
                )
            else:
                if notes is not None:
                    notes.append(
                        f"{source}: {int(wrong.sum())} rows have {later} before {earlier}, "
                        "both set by the generator"
                    )
                continue
            moved = True
        if not moved:
            return


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce")


def _partner(column: str, pairs: Sequence[Sequence[str]], have: Collection[str]) -> tuple[str, int]:
    """A date column ``column`` is ordered against that the records already have, and the
    side it is on (+1 after it, -1 before it)."""
    for earlier, later in pairs:
        if earlier == column and later in have:
            return later, -1
        if later == column and earlier in have:
            return earlier, 1
    return "", 1


def complete(
    frame: pd.DataFrame,
    schema: SourceSchemaFile,
    settings: ColumnSettings | None,
    rng: np.random.Generator,
    notes: list[str],
    source: str,
    fixed: Collection[str] = (),
    own: Collection[str] | None = None,
) -> pd.DataFrame:
    """``frame`` with every declared column it lacks filled, following columns set and
    the declared date order kept (``fixed``: date columns that must not move; by default
    every date column the frame came with). ``own`` limits the filling to those columns
    (the source's own, beyond its shape's) and required ones: an optional column of a
    standard shape its generator leaves out (a survey's ``weight``) stays out."""
    chosen = settings or NO_SETTINGS
    n = len(frame)
    made = set(frame.columns)
    still_fixed = set(fixed) if fixed else {c for c in made if c in _date_names(schema)}
    for field in schema.fields:
        if field.name in frame.columns or field.name == "synthetic":
            continue
        if own is not None and field.name not in own and not field.required:
            continue
        if field.type in DATE_TYPES:
            partner, side = _partner(field.name, schema.date_order, frame.columns)
            partner = partner or next((c for c in frame.columns if c in _date_names(schema)), "")
            if not partner:
                notes.append(f"{source}: no date to place column '{field.name}' near")
                frame[field.name] = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
                continue
            gap = rng.integers(*GAP_DAYS, size=n).astype("timedelta64[D]")
            base = _dates(frame[partner]).to_numpy().astype("datetime64[D]")
            frame[field.name] = base + side * gap
        elif field.required or weights_of(field, chosen) or field.type in NUMBER_TYPES:
            frame[field.name] = column_values(field, chosen, rng, n, notes, source)
        # an optional text column with nothing to draw from is left out
    for column in follow_order(chosen.follows):
        rule = chosen.follows[column]
        follow(frame, column, rule.from_, rule.map, rng, rule.default)
    keep_date_order(frame, schema.date_order, still_fixed, notes, source)
    return frame


def _date_names(schema: SourceSchemaFile) -> set[str]:
    return {f.name for f in schema.fields if f.type in DATE_TYPES}


def settings_problems(
    source: str, schema: SourceSchemaFile, settings: ColumnSettings
) -> list[tuple[str, str]]:
    """``(place, problem)`` for every column the settings name that the source does not
    declare, and every mapped value its column's ``enum`` does not allow; ``place`` is the
    dotted path inside the settings (``follows.region.from``)."""
    fields = {f.name: f for f in schema.fields}
    out: list[tuple[str, str]] = []

    def declared(place: str, column: str) -> bool:
        if column in fields:
            return True
        out.append((place, f"'{column}', which source '{source}' does not declare"))
        return False

    for column in settings.values:
        declared(f"values.{column}", column)
    for column in settings.numbers:
        declared(f"numbers.{column}", column)
    for column, rule in settings.follows.items():
        here = f"follows.{column}"
        if not declared(here, column) or not declared(f"{here}.from", rule.from_):
            continue
        allowed = fields[column].enum
        targets: list[str] = [rule.default] if rule.default is not None else []
        for value in rule.map.values():
            targets += [value] if isinstance(value, str) else list(value)
        for value in targets:
            if allowed is not None and value not in allowed:
                out.append(
                    (f"{here}.map", f"'{value}' for {column}, which its enum does not allow")
                )
    return out

"""Categorical columns with exact shares: outcomes, channels, yes/no flags of records.

A column is first dealt from the recipe's weights (exact counts, random order). Then each
``share_of_records`` target on that column re-deals the values of the records it counts, so
exactly the right number of them meet its ``where`` condition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from charterwatch.synthetic.draws import count_for_percent, split_counts
from charterwatch.synthetic.targets import Target

Texts = npt.NDArray[np.object_]
Mask = npt.NDArray[np.bool_]


def deal(rng: np.random.Generator, n: int, weights: Mapping[str, float]) -> Texts:
    """``n`` values in exact proportion to ``weights`` (largest remainder), in random order."""
    names = list(weights)
    if n == 0 or not names:
        return np.full(n, None, dtype=object)
    counts = split_counts(n, [float(weights[k]) for k in names])
    values = np.repeat(np.array(names, dtype=object), counts)
    return values[rng.permutation(n)]


def in_period(frame: pd.DataFrame, column: str, target: Target) -> Mask:
    """Records whose ``column`` date falls in the target's period."""
    dates = frame[column].to_numpy(dtype="datetime64[D]")
    start = np.datetime64(target.period.start, "D")
    end = np.datetime64(target.period.end, "D")
    return np.asarray(~np.isnat(dates) & (dates >= start) & (dates <= end), dtype=np.bool_)


def matching(frame: pd.DataFrame, conditions: Mapping[str, Sequence[str]], skip: str = "") -> Mask:
    """Records whose columns hold one of the given values (text comparison), ``skip`` aside.

    A condition on a column the frame does not have matches nothing.
    """
    mask = np.ones(len(frame), dtype=bool)
    for column, values in conditions.items():
        if column == skip:
            continue
        if column not in frame.columns:
            return np.zeros(len(frame), dtype=bool)
        mask &= _one_of(frame[column], [str(v) for v in values])
    return mask


def _one_of(column: pd.Series, values: list[str]) -> Mask:
    """Whether each value's text (see :func:`as_text`) is one of ``values``; for text pandas
    keeps in Arrow, compared in Arrow (millions of rows at the example's real scale)."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        texts = pa.array(column.array)
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks()
        texts = pc.fill_null(texts, "")
        found = pc.is_in(texts, value_set=pa.array(values, type=texts.type))
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.bool_)
    return np.isin(as_text(column), values)


def as_text(column: pd.Series) -> Texts:
    """Values as the text a filter compares with: booleans ``true``/``false``, None empty."""
    values = column.to_numpy()
    if values.dtype == np.bool_:
        return np.where(values, "true", "false").astype(object)
    if pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        return np.asarray(np.where(pd.isna(column).to_numpy(), "", values), dtype=object)
    out = column.to_numpy(dtype=object, copy=True)
    for i, value in enumerate(out):
        if value is None or value is pd.NA:
            out[i] = ""
        elif isinstance(value, bool | np.bool_):
            out[i] = "true" if value else "false"
        else:
            out[i] = str(value)
    return np.asarray(out, dtype=object)


def meet_share(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    target: Target,
    date_column: str,
    weights: Mapping[str, float],
) -> str | None:
    """Re-deal one column so ``target`` (a share of records) is met; a note when it cannot be.

    The column is the single column of the target's ``where``. Records counted are those
    dated in the period that pass the filter; where the filter names the same column (e.g.
    only changed or unchanged outcomes), only values it allows are dealt. Values come from
    ``weights``, restricted to the values that meet, or do not meet, the condition.
    """
    where = target.params.get("where") or {}
    if len(where) != 1:
        return f"{target.describe()}: only a 'where' on one column can be calibrated"
    column, wanted = next(iter(where.items()))
    hits = [str(v) for v in (wanted if isinstance(wanted, list) else [wanted])]
    if column not in frame.columns:
        return f"{target.describe()}: the records have no column '{column}'"
    allowed = target.filters.get(column)
    rows = np.flatnonzero(
        in_period(frame, date_column, target) & matching(frame, target.filters, skip=column)
    )
    current = frame[column].to_numpy(dtype=object, copy=True)
    if allowed is not None:
        rows = rows[np.isin(as_text(frame[column])[rows], allowed)]
    pool = [v for v in (allowed or list(weights)) if v in weights or v in hits]
    yes = {v: float(weights.get(v, 1.0)) for v in pool if v in hits}
    no = {v: float(weights.get(v, 1.0)) for v in pool if v not in hits}
    k = count_for_percent(rows.size, target.value)
    if not yes or (not no and k < rows.size):
        return f"{target.describe()}: the column's values cannot give this share"
    values = np.concatenate([deal(rng, k, yes), deal(rng, rows.size - k, no)])
    current[rows] = values[rng.permutation(rows.size)]
    frame[column] = current
    return None

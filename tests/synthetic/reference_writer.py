"""The CSV writer as it was before files were written in slices: the whole frame as text at
once. Kept only as the reference the streaming writer must match byte for byte."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from charterwatch.model.files import SourceSchemaFile
from charterwatch.synthetic.writer import ordered_columns


def as_text(column: pd.Series) -> npt.NDArray[np.object_]:
    """A column as CSV cell text, not yet quoted."""
    values = column.to_numpy()
    if np.issubdtype(values.dtype, np.datetime64):
        days = values.astype("datetime64[D]")
        return np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D")).astype(object)
    if values.dtype == np.bool_:
        return np.where(values, "true", "false").astype(object)
    if np.issubdtype(values.dtype, np.integer):
        return np.asarray(values.astype(str), dtype=object)
    if np.issubdtype(values.dtype, np.floating):
        return np.array(["" if np.isnan(v) else _number(float(v)) for v in values], dtype=object)
    if pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        return np.asarray(np.where(pd.isna(column).to_numpy(), "", values), dtype=object)
    return np.array([_cell(v) for v in values], dtype=object)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, np.datetime64):
        return "" if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, float):
        return _number(value)
    return str(value)


def quoted(cells: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Cells quoted as CSV needs."""
    codes, uniques = pd.factorize(cells)
    needs = [any(ch in str(u) for ch in ',"\r\n') for u in uniques]
    if not any(needs):
        return cells
    fixed = np.array(
        [
            '"' + str(u).replace('"', '""') + '"' if n else u
            for u, n in zip(uniques, needs, strict=True)
        ],
        dtype=object,
    )
    return np.asarray(fixed[codes], dtype=object)


def csv_bytes(frame: pd.DataFrame, schema: SourceSchemaFile) -> bytes:
    """The whole file's bytes, built in memory at once."""
    frame = frame.copy()
    frame["synthetic"] = True
    columns = ordered_columns(frame, schema)
    cells = [quoted(as_text(frame[column])).tolist() for column in columns]
    header = ",".join(quoted(np.array(columns, dtype=object)))
    body = "".join(",".join(row) + "\n" for row in zip(*cells, strict=True))
    return (header + "\n" + body).encode("utf-8")

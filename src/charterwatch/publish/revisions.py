"""Revisions: figures that changed after they were first published.

The one rule, used by the workspace's release and by ``charterwatch build --revised-from``:
a figure is revised when its value or symbol differs from the value first published for it
(the *snapshot*: what the public saw). A figure published for the first time is not a
revision. The previous value shown is the first published one, with the note that explains
the revision; the downloads carry both, and the symbol ``[r]`` marks the figure.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from charterwatch.results.figure import Figure

Key = tuple[str, str, str, str, str]
Snapshot = dict[str, list[float | str | None]]
"""Published figures by ``measure|period|breakdown|group|statistic``: ``[value, symbol]``."""

SEPARATOR = "|"


@dataclass(frozen=True)
class Revision:
    """A revised figure's first published value and symbol, and why it changed."""

    previous_value: float | None
    previous_symbol: str
    note: str


def key_text(key: Key) -> str:
    return SEPARATOR.join(key)


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    number = float(str(value))
    return None if math.isnan(number) else number


def snapshot_of(figures: Iterable[Figure]) -> Snapshot:
    """What a release publishes of ``figures`` (yearly figures), ready to keep as JSON."""
    return {
        key_text(f.key): [_number(f.value), f.symbol] for f in figures if f.granularity == "year"
    }


def snapshot_from_csv(path: Path) -> Snapshot:
    """The snapshot in a published ``all-figures.csv`` (a previous release's download).

    Raises:
        ValueError: the file is not a charterwatch figures file (the message names it).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        needed = {"measure", "period", "breakdown", "grp", "statistic", "value", "symbol"}
        missing = needed - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{path} is not a charterwatch figures file: it has no column "
                f"{', '.join(sorted(missing))}; give the all-figures.csv of the earlier release"
            )
        out: Snapshot = {}
        for row in reader:
            key = (row["measure"], row["period"], row["breakdown"], row["grp"], row["statistic"])
            value = row["value"]
            symbol = row["symbol"] or ""
            number = None if value in ("", symbol) or value.startswith("[") else _number(value)
            # a revised figure was marked [r] when first revised; its first value is the
            # previous_value column, so a chain of revisions keeps the first published value
            previous = row.get("previous_value") or ""
            if previous != "":
                number, symbol = _number(previous), ""
            elif symbol == "[r]":
                symbol = ""
            out[key_text(key)] = [number, symbol]
        return out


def _differs(before: list[float | str | None], figure: Figure) -> bool:
    value, symbol = before[0], str(before[1] or "")
    now = _number(figure.value)
    if symbol != figure.symbol:
        return True
    if value is None or now is None:
        return value is not now
    return not math.isclose(float(value), now, rel_tol=1e-9, abs_tol=1e-12)


def find_revisions(
    current: Iterable[Figure], published: Mapping[str, list[float | str | None]], note: str
) -> dict[Key, Revision]:
    """The current figures that differ from their published values, with ``note``."""
    out: dict[Key, Revision] = {}
    for figure in current:
        before = published.get(key_text(figure.key))
        if figure.granularity != "year" or before is None or not _differs(before, figure):
            continue
        value = before[0]
        out[figure.key] = Revision(
            None if value is None else float(value), str(before[1] or ""), note
        )
    return out

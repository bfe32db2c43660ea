"""The published figures of a built site, as an intruder reads them from the downloads.

The figures CSV and JSON files under ``downloads/`` are the structured form of everything
the site publishes. An intruder needs no code of ours to read them, so this module reads
them as plain files: any CSV whose header has ``measure``, ``period``, ``statistic`` and
``value``, and any JSON file holding a ``figures`` list. Each figure becomes one
:class:`PublishedCell`; where two files publish the same figure differently, the
difference is recorded as a :class:`Mismatch` (a consistency problem in its own right).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charterwatch.publish.downloads.escaping import read_back
from charterwatch.stats.rounding import round_half_up

FIGURE_COLUMNS = frozenset({"measure", "period", "statistic", "value"})
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

CellKey = tuple[str, str, str, str, str]
"""measure, period, breakdown, group, statistic."""


@dataclass(frozen=True)
class PublishedCell:
    """One published figure as a reader sees it.

    ``text`` is the cell as printed (``"15"``, ``"[c]"``, ``"most"``); ``value`` is its
    number when it is one. ``base`` is the published (rounded) base, ``None`` when none is
    printed. ``survey`` says the figure is a survey estimate (it carries an interval or an
    effective base), whose base is rounded to the survey rounding; ``weighted`` that its
    effective base is not a whole number, so its percentage is not a ratio of counts (an
    unweighted survey's effective base is its exact number of respondents).
    ``note`` keeps the published note (it states a service standard: "within 10
    working_days") and ``reason`` the published reason for its status, which quotes
    figures. ``source`` names the file the figure was read from.
    """

    measure: str
    period: str
    breakdown: str
    group: str
    statistic: str
    unit: str
    text: str
    value: float | None = None
    base: int | None = None
    effective_base: float | None = None
    interval: tuple[float, float] | None = None
    survey: bool = False
    weighted: bool = False
    note: str = ""
    reason: str = ""
    source: str = ""

    @property
    def key(self) -> CellKey:
        return (self.measure, self.period, self.breakdown, self.group, self.statistic)

    @property
    def withheld(self) -> bool:
        """Whether the figure is published as the confidential symbol ``[c]``."""
        return self.text.strip().lower() == "[c]"

    @property
    def numbers(self) -> tuple[float, ...]:
        """Every number printed with the figure: value, base, effective base, interval."""
        found = [self.value, self.base, self.effective_base, *(self.interval or ())]
        return tuple(float(n) for n in found if n is not None)

    def describe(self) -> str:
        """The figure as evidence in a finding: ``M2.26 2021-22 within_standard = 93% (base
        15)``."""
        where = "" if self.breakdown == "all" else f" {self.breakdown}={self.group}"
        shown = f"{self.text}%" if self.unit == "percent" and self.value is not None else self.text
        base = "" if self.base is None else f" (base {self.base})"
        return f"{self.measure} {self.period}{where} {self.statistic} = {shown}{base}"


@dataclass(frozen=True)
class Mismatch:
    """The same figure published differently in two places, or a number found in one output
    (a workbook, a page, a PDF) that the structured downloads do not contain."""

    source: str
    measure: str
    period: str
    what: str


def cell_from_record(record: Mapping[str, Any], source: str) -> PublishedCell | None:
    """A published cell from one CSV row or JSON figure; ``None`` if it is not a figure."""
    if not set(record) >= FIGURE_COLUMNS:
        return None
    raw = record.get("value")
    symbol = str(record.get("symbol") or "").strip()
    value = _number(raw)
    text = _text(value if value is not None else raw) or symbol
    base = _number(record.get("base"))
    effective = _number(record.get("effective_base"))
    low, high = _number(record.get("ci_low")), _number(record.get("ci_high"))
    interval = None if low is None or high is None else (low, high)
    return PublishedCell(
        measure=str(record["measure"]),
        period=str(record["period"]),
        breakdown=str(record.get("breakdown") or "all"),
        group=str(record.get("grp", record.get("group")) or "all"),
        statistic=str(record["statistic"]),
        unit=str(record.get("unit") or ""),
        text=text,
        value=value,
        base=None if base is None else round_half_up(base),
        effective_base=effective,
        interval=interval,
        survey=effective is not None or interval is not None,
        weighted=effective is not None and not float(effective).is_integer(),
        note=str(record.get("note") or ""),
        reason=str(record.get("reason") or ""),
        source=source,
    )


def read_figure_files(site_dir: Path) -> tuple[list[PublishedCell], list[Mismatch]]:
    """Every figure of the structured downloads of ``site_dir``, once, and the mismatches.

    A figure published in several files (a measure's CSV, its JSON, the all-figures CSV)
    is kept once; a figure whose text or base differs between files gives a mismatch.
    """
    seen: dict[CellKey, PublishedCell] = {}
    mismatches: list[Mismatch] = []
    for path in sorted((site_dir / "downloads").rglob("*")):
        if path.suffix == ".csv":
            records: Iterable[Mapping[str, Any]] = _csv_records(path)
        elif path.suffix == ".json":
            records = _json_records(path)
        else:
            continue
        source = path.relative_to(site_dir).as_posix()
        for record in records:
            cell = cell_from_record(record, source)
            if cell is None:
                continue
            earlier = seen.setdefault(cell.key, cell)
            if earlier is not cell and _shown(earlier) != _shown(cell):
                mismatches.append(
                    Mismatch(
                        source,
                        cell.measure,
                        cell.period,
                        f"{cell.describe()} but {earlier.source} has {earlier.describe()}",
                    )
                )
    return list(seen.values()), mismatches


def _shown(cell: PublishedCell) -> tuple[float | None, int | None, str]:
    return (cell.value, cell.base, cell.text.lower() if cell.value is None else "")


def _csv_records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not set(reader.fieldnames or ()) >= FIGURE_COLUMNS:
            return []
        return [{k: read_back(v or "") for k, v in r.items()} for r in reader]


def _json_records(path: Path) -> list[Mapping[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    figures = data.get("figures") if isinstance(data, dict) else None
    if not isinstance(figures, list):
        return []
    return [f for f in figures if isinstance(f, dict)]


def _number(raw: object) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    text = str(raw).strip().replace(",", "")
    return float(text) if _NUMBER.match(text) else None


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()

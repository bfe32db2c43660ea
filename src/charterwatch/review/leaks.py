"""A check that no value withheld by disclosure control is printed anywhere in a built site.

The results store keeps the unrounded inputs of every figure (never published). For every
withheld cell (``[c]``) this check takes its true count, value or base from there and looks
for it in the forms it would be published in (``"3"``, ``"93%"``, ``"32 working days"``) in
every text output of the site, but only in the rows of that measure and year (and that band
or group), so that a common number elsewhere is not taken for a leak.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from charterwatch.results.codec import decode_inputs
from charterwatch.review.outputs import TextRecord, output_records
from charterwatch.review.published import PublishedCell, read_figure_files
from charterwatch.stats.rounding import round_decimals, round_half_up
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings

_KEY = "row:"


@dataclass(frozen=True)
class WithheldValue:
    """A cell the store withheld, and its true value where the store's audit trail knows it.

    ``kind`` is ``count`` (the cell's own count) or ``base`` (the number of cases behind
    a withheld percentage or median).
    """

    measure: str
    period: str
    breakdown: str
    group: str
    statistic: str
    unit: str
    value: float
    kind: str


@dataclass(frozen=True)
class Leak:
    """A withheld value found printed in an output, with where and in what form."""

    withheld: WithheldValue
    source: str
    form: str
    text: str

    def describe(self) -> str:
        w = self.withheld
        return (
            f"{w.measure} {w.period} {w.breakdown}={w.group} {w.statistic}: withheld {w.kind} "
            f"{w.value:g} printed as {self.form!r} in {self.source}: {self.text[:100]!r}"
        )


def read_withheld(store_path: Path) -> list[WithheldValue]:
    """The withheld cells of the results store at ``store_path`` with their true values.

    The only function that knows the store's tables: the withheld rows of ``results``
    with their private ``test_inputs`` (the true count or value, and the exact base).

    Raises:
        FileNotFoundError: if there is no store at ``store_path``.
    """
    if not store_path.is_file():
        raise FileNotFoundError(f"no results store at {store_path}; run 'charterwatch compute'")
    con = duckdb.connect(str(store_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT measure, period, breakdown, grp, statistic, unit, test_inputs "
            "FROM results WHERE symbol = '[c]' ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    out: list[WithheldValue] = []
    for measure, period, breakdown, group, statistic, unit, text in rows:
        inputs = decode_inputs(text)
        key = (measure, period, breakdown, group, statistic, unit)
        if inputs.count is not None:
            out.append(WithheldValue(*key, float(inputs.count), "count"))
        elif inputs.value is not None:
            out.append(WithheldValue(*key, float(inputs.value), "count"))
        if inputs.base is not None and inputs.count is None:
            out.append(WithheldValue(*key, float(inputs.base), "base"))
    return out


def published_forms(withheld: WithheldValue) -> tuple[str, ...]:
    """How the value would be printed: ``14``; ``93%`` for a percentage; ``32 working
    days`` for a duration."""
    value = withheld.value
    numbers = sorted({f"{round_half_up(value)}", f"{round_decimals(value, 1):g}"})
    if withheld.kind == "count" and withheld.unit == "percent":
        return tuple(f"{n}%" for n in numbers)
    if withheld.kind == "count" and withheld.unit not in {"count", "people", ""}:
        return tuple(f"{n} {withheld.unit.replace('_', ' ')}" for n in numbers)
    return tuple(numbers)


def withheld_values_leaked(
    site_dir: Path, store_path: Path, settings: DisclosureSettings = DEFAULT_SETTINGS
) -> list[Leak]:
    """Every withheld value of the store at ``store_path`` printed in the site ``site_dir``.

    Looks in the structured downloads (that cell's own row) and in every page, workbook
    and PDF (the rows of that measure and year that name the cell's band or group).

    Raises:
        FileNotFoundError: if there is no store at ``store_path``.
    """
    withheld = read_withheld(store_path)
    cells, _ = read_figure_files(site_dir)
    measures = sorted({c.measure for c in cells} | {w.measure for w in withheld})
    records: dict[tuple[str, str], list[TextRecord]] = defaultdict(list)
    for record in [*_cell_records(cells), *output_records(site_dir, measures)]:
        records[(record.measure, record.period)].append(record)
    leaks: list[Leak] = []
    steps = {settings.round_counts_to, settings.round_bases_to}
    for value in withheld:
        if value.kind == "base" and any(value.value % step == 0 for step in steps):
            continue  # a base equal to its own rounding is published by design
        label = _label(value)
        own = _KEY + "|".join((value.breakdown, value.group, value.statistic))
        for record in records.get((value.measure, value.period), []):
            if record.label.startswith(_KEY) and record.label != own:
                continue  # a structured row: only the cell's own row counts
            pattern = re.compile(rf"(?<![\w.-]){re.escape(label)}(?![\w.-])", re.I)
            if label and not pattern.search(f"{record.label} {record.text}"):
                continue
            text = pattern.sub(" ", record.text) if label else record.text
            for form in published_forms(value):
                if re.search(rf"(?<![\w.,/-]){re.escape(form)}(?![\w.,/-]|%)", text):
                    leaks.append(Leak(value, record.source, form, record.text))
    return leaks


def _label(value: WithheldValue) -> str:
    """The words that place a withheld cell in its row: its band, or its group."""
    if value.statistic.startswith(("band:", "age:")):
        return value.statistic.split(":", 1)[1]
    if value.breakdown != "all":
        return value.group
    return "" if value.statistic == "value" else value.statistic.replace("_", " ")


def _cell_records(cells: list[PublishedCell]) -> Iterator[TextRecord]:
    for cell in cells:
        label = _KEY + "|".join((cell.breakdown, cell.group, cell.statistic))
        shown = " ".join(f"{n:g}" for n in cell.numbers)
        text = f"{cell.text} {shown} {cell.note}"
        yield TextRecord(cell.source, cell.measure, cell.period, label, text)

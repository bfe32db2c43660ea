"""The equations an intruder can write down for one family of linked published figures.

A family is every figure of one measure and period: the headline, the groups of each
breakdown, the 10-day (or age) bands, the supporting statistics and the bases. They all come
from the same records, so they constrain the same unknown whole-number counts. The rules
known to the intruder are the published disclosure rules (:class:`DisclosureSettings`):

- a count published as ``v`` (rounded half up to ``round_counts_to``) is a whole number
  ``x`` with ``v - R/2 <= x < v + R/2``, and not 1 to ``min_count - 1`` (those are withheld);
- a base is the same with the base rounding: ``round_bases_to`` for survey figures (they
  carry an interval), ``round_counts_to`` for records; a survey's effective base is never
  above its base, and a whole-number effective base is taken as an unweighted survey's
  exact base;
- a whole percentage ``p`` of ``k`` out of ``n`` means ``(p - 0.5) n <= 100 k <= (p + 0.5)
  n``. Both ends are kept, because shares of records currently send halves to the even
  neighbour before rounding up; a weighted survey percentage gives no equation;
- a share in words ("most") gives its word band, see :data:`WORD_BANDS`;
- ``[c]`` is an unknown count from 0 to the total it belongs to;
- bands sum to the number of records; the groups of a breakdown sum to the headline (its
  count, its base and each share's numerator); the within-standard share's numerator lies
  between the bands wholly within the standard and the bands that start within it.

:func:`family_program` turns the cells into a :class:`Program`; the intruder solves it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from charterwatch.review.published import PublishedCell
from charterwatch.stats.percentages import WORD_BANDS
from charterwatch.stats.rounding import round_half_up
from charterwatch.stats.settings import DisclosureSettings

ALL = "all"
_BAND = re.compile(r"^(\d+)(?:-(\d+)|(\+))?")
_STANDARD = re.compile(r"within\s+(\d+(?:\.\d+)?)")
_COUNT_UNITS = {"count", "people"}
_SKIPPED_TEXT = {"[x]", "[z]", "", "none"}


@dataclass(frozen=True)
class Target:
    """A quantity to bound: a linear expression over the unknowns, named for the report.

    ``withheld`` says it is (part of) a figure published as ``[c]``; ``kind`` is ``count``,
    ``base``, ``numerator`` or ``complement``.
    """

    cell: str
    kind: str
    coeffs: tuple[tuple[int, int], ...]
    withheld: bool


@dataclass
class Program:
    """Unknown whole numbers ``x >= 0`` with bounds and linear constraints ``lo <= a.x <= hi``.

    ``evidence[i]`` names the published figures that gave constraint ``i``; ``relaxable``
    holds the constraints that assume a breakdown partitions the headline (dropped to
    ``<=`` if they make the program infeasible).
    """

    measure: str
    period: str
    names: list[str] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    evidence: list[tuple[str, ...]] = field(default_factory=list)
    relaxable: set[int] = field(default_factory=set)
    targets: list[Target] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def unknown(self, name: str) -> int:
        """The index of the unknown ``name``, created unbounded (from 0) on first use."""
        if name not in self._index:
            self._index[name] = len(self.names)
            self.names.append(name)
            self.lower.append(0.0)
            self.upper.append(math.inf)
        return self._index[name]

    def has(self, name: str) -> bool:
        return name in self._index

    def bound(self, var: int, low: float, high: float, why: str) -> None:
        """Narrow the bounds of one unknown; recorded as a one-term constraint for evidence."""
        self.lower[var] = max(self.lower[var], low)
        self.upper[var] = min(self.upper[var], high)
        self.constrain({var: 1.0}, low, high, (why,))

    def constrain(
        self, coeffs: dict[int, float], low: float, high: float, why: tuple[str, ...]
    ) -> int:
        self.rows.append((coeffs, low, high))
        self.evidence.append(why)
        return len(self.rows) - 1


def rounded_range(v: float, step: int) -> tuple[int, int]:
    """The whole numbers that round half up to ``v`` at multiples of ``step``."""
    low = math.ceil(Fraction(v) - Fraction(step, 2))
    high = math.ceil(Fraction(v) + Fraction(step, 2)) - 1
    return max(low, 0), high


def family_program(cells: Sequence[PublishedCell], settings: DisclosureSettings) -> Program:
    """The integer program of one family (all ``cells`` share measure and period)."""
    first = cells[0]
    program = Program(first.measure, first.period)
    groups: dict[tuple[str, str], list[PublishedCell]] = defaultdict(list)
    for cell in cells:
        if cell.text.strip().lower() in _SKIPPED_TEXT or cell.unit == "evidence":
            continue
        groups[(cell.breakdown, cell.group)].append(cell)
    for (breakdown, group), members in sorted(groups.items()):
        _group_equations(program, breakdown, group, members, settings)
    _partitions(program, groups)
    return program


def _name(breakdown: str, group: str, what: str) -> str:
    return what if breakdown == ALL else f"{breakdown}={group}:{what}"


def _group_equations(
    program: Program,
    breakdown: str,
    group: str,
    members: list[PublishedCell],
    settings: DisclosureSettings,
) -> None:
    records_name = _name(breakdown, group, "records")
    bands: list[tuple[PublishedCell, int]] = []
    for cell in members:
        why = cell.describe()
        if cell.statistic.startswith(("band:", "age:")):
            var = program.unknown(_name(breakdown, group, cell.statistic))
            _count(program, var, cell, settings, why)
            bands.append((cell, var))
        elif cell.unit in _COUNT_UNITS:
            var = program.unknown(_name(breakdown, group, "count"))
            _count(program, var, cell, settings, why)
            program.targets.append(Target(program.names[var], "count", ((var, 1),), cell.withheld))
            if cell.base is not None:
                _base(program, records_name, cell, settings, why)
        elif cell.unit == "percent":
            _share(program, breakdown, group, cell, settings, why)
        else:  # a median, mean or percentile resting on the group's records
            if cell.base is not None:
                _base(program, records_name, cell, settings, why)
            elif cell.withheld:
                # at least one record, no more is known: a figure is also withheld to protect
                # another group (a group of 17 was, beside a group of 1), so "fewer than
                # min_count" would be a false claim
                var = program.unknown(records_name)
                program.bound(var, 1, math.inf, f"{why}: withheld, so at least one record")
    if bands:
        total = program.unknown(records_name if program.has(records_name) else "count")
        coeffs = {var: 1.0 for _, var in bands}
        coeffs[total] = coeffs.get(total, 0.0) - 1.0
        shown = tuple(cell.describe() for cell, _ in bands)
        program.constrain(coeffs, 0, 0, (*shown, "bands sum to the records"))
        for cell, var in bands:
            program.targets.append(Target(program.names[var], "count", ((var, 1),), cell.withheld))
        _within_standard(program, breakdown, group, members, bands)
    if program.has(records_name):
        var = program.unknown(records_name)
        withheld = any(c.withheld and c.unit not in _COUNT_UNITS for c in members)
        program.targets.append(Target(records_name, "base", ((var, 1),), withheld))


def _count(
    program: Program, var: int, cell: PublishedCell, settings: DisclosureSettings, why: str
) -> None:
    text = cell.text.strip().lower()
    if cell.value is not None:
        low, high = rounded_range(cell.value, settings.round_counts_to)
        if cell.value > 0:
            low = max(low, settings.min_count)
        elif not settings.suppress_zeros:
            high = 0
        program.bound(var, low, high, why)
    elif text == "[k]":
        program.bound(var, 1, rounded_range(0, settings.round_counts_to)[1], why)


def _base(
    program: Program, name: str, cell: PublishedCell, settings: DisclosureSettings, why: str
) -> int:
    var = program.unknown(name)
    if cell.base is None:
        return var
    step = settings.round_bases_to if cell.survey else settings.round_counts_to
    low, high = rounded_range(cell.base, step)
    if not cell.withheld:
        low = max(low, settings.min_base if cell.survey else settings.min_count)
    elif cell.survey:
        high = min(high, settings.min_base - 1)
    program.bound(var, max(low, 0), high, f"{why}: base")
    effective = cell.effective_base
    if effective is not None and float(effective).is_integer():
        program.bound(var, effective, effective, f"{why}: effective base {effective:g}")
    elif effective is not None:  # Kish: the effective base is never above the base
        program.bound(var, math.ceil(effective - 0.05), math.inf, f"{why}: effective base")
    return var


def _share(
    program: Program,
    breakdown: str,
    group: str,
    cell: PublishedCell,
    settings: DisclosureSettings,
    why: str,
) -> None:
    records = _name(breakdown, group, "records" if not cell.survey else "respondents")
    n = _base(program, records, cell, settings, why)
    # A withheld share says only that its base, numerator or complement is small, or that
    # a linked figure is withheld: a disjunction, so it adds no bound here.
    if cell.weighted:
        return  # a weighted percentage is not a ratio of counts
    k = program.unknown(_name(breakdown, group, f"{cell.statistic}:numerator"))
    program.constrain({k: 1.0, n: -1.0}, -math.inf, 0, (why,))
    text = cell.text.strip().lower()
    scale = 10**settings.percent_decimals
    if cell.value is not None:
        p = Fraction(round_half_up(cell.value * scale), scale)
        half = Fraction(1, 2 * scale)
        program.constrain({k: 100.0, n: -float(p - half)}, 0, math.inf, (why,))
        program.constrain({k: 100.0, n: -float(p + half)}, -math.inf, 0, (why,))
    elif text in {"all", "[k]"} or any(text == words for _, words in WORD_BANDS):
        low, high = _word_range(text)
        program.constrain({k: 1.0, n: -low}, 0, math.inf, (why,))
        program.constrain({k: 1.0, n: -high}, -math.inf, 0, (why,))
    if text in {"[k]", "a few"}:
        program.constrain({k: 1.0}, 1, math.inf, (why,))
    withheld = cell.withheld
    program.targets.append(Target(program.names[k], "numerator", ((k, 1),), withheld))
    program.targets.append(
        Target(
            f"{_name(breakdown, group, cell.statistic)}:complement",
            "complement",
            ((n, 1), (k, -1)),
            withheld,
        )
    )


def _word_range(text: str) -> tuple[float, float]:
    """The proportion range of a share given in words (inclusive ends: a safe superset)."""
    if text == "all":
        return 1.0, 1.0
    if text == "[k]":
        return 0.0, 0.005
    edges = [lowest for lowest, _ in WORD_BANDS]
    for i, (lowest, words) in enumerate(WORD_BANDS):
        if words == text:
            return lowest, 1.0 if i == 0 else edges[i - 1]
    raise ValueError(f"not a share in words: {text!r}")


def _band_edges(statistic: str) -> tuple[float, float] | None:
    match = _BAND.match(statistic.split(":", 1)[1])
    if match is None:
        return None
    low = float(match.group(1))
    if match.group(3):
        return low, math.inf
    return low, float(match.group(2)) if match.group(2) else low


def _within_standard(
    program: Program,
    breakdown: str,
    group: str,
    members: list[PublishedCell],
    bands: list[tuple[PublishedCell, int]],
) -> None:
    for cell in members:
        found = _STANDARD.search(cell.note) if cell.statistic == "within_standard" else None
        name = _name(breakdown, group, "within_standard:numerator")
        if found is None or not program.has(name):
            continue
        standard = float(found.group(1))
        k = program.unknown(name)
        edges = [(_band_edges(c.statistic), var) for c, var in bands]
        if any(e is None for e, _ in edges) or not all(
            c.statistic.startswith("band:") for c, _ in bands
        ):
            continue
        inside = {var: 1.0 for e, var in edges if e is not None and e[1] <= standard}
        touching = {var: 1.0 for e, var in edges if e is not None and e[0] <= standard}
        why = (cell.describe(), f"standard {standard:g}", *(c.describe() for c, _ in bands))
        program.constrain({**{v: -1.0 for v in inside}, k: 1.0}, 0, math.inf, why)
        program.constrain({**{v: -1.0 for v in touching}, k: 1.0}, -math.inf, 0, why)


def _partitions(program: Program, groups: dict[tuple[str, str], list[PublishedCell]]) -> None:
    """The groups of each breakdown add up to the headline (count, records, numerators)."""
    breakdowns = sorted({b for b, _ in groups if b != ALL})
    for breakdown in breakdowns:
        members = sorted(g for b, g in groups if b == breakdown)
        suffixes = {
            name.split(":", 1)[1]
            for name in program.names
            if name.startswith(f"{breakdown}=") and ":" in name
        }
        for suffix in sorted(suffixes):
            if suffix == "respondents" or not program.has(suffix):
                continue
            parts = [f"{breakdown}={g}:{suffix}" for g in members]
            if not all(program.has(p) for p in parts):
                continue  # a group without this figure: the sum is not known
            coeffs = {program.unknown(p): 1.0 for p in parts}
            coeffs[program.unknown(suffix)] = -1.0
            why = f"the groups of {breakdown} add up to the {suffix}"
            program.relaxable.add(program.constrain(coeffs, 0, 0, (why,)))

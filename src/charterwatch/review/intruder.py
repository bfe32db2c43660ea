"""An intruder's check of one build: can a small count be worked out from what is published?

The intruder knows only the published disclosure rules (:class:`DisclosureSettings`) and the
published outputs of one build. For every family of linked figures (one measure and period)
it writes the equations of :mod:`charterwatch.review.equations` and, with an integer
program (``scipy.optimize.milp``), finds the smallest and largest value every unknown count
can take. A count pinned to one value from 1 to ``min_count - 1`` is **recoverable**; a
``[c]`` figure pinned to any value, or confined to fewer values than rounding leaves a
published count (``round_counts_to``), breaks the promise of suppression. A family whose
figures cannot all be true at once is **inconsistent**.

:func:`audit_cells` works on cells in memory (the tests feed it protected rows);
:func:`audit_site` reads a built site folder and also checks that every number in its
workbooks, pages and PDFs is one the structured downloads publish.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from charterwatch.review.equations import Program, Target, family_program
from charterwatch.review.published import Mismatch, PublishedCell, read_figure_files
from charterwatch.stats.rounding import round_half_up
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings

MAX_EVIDENCE = 12


class FindingKind(StrEnum):
    """What the intruder found about one cell."""

    RECOVERABLE = "recoverable"
    PINNED = "pinned"
    NARROWED = "narrowed"
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True)
class Finding:
    """One cell the published figures give away, with the figures that gave it away.

    ``low`` and ``high`` are the smallest and largest whole numbers the cell can take given
    everything published; ``value`` is the value when they are equal. ``cell`` names the
    unknown: ``band:101+``, ``within_standard:complement`` (the records outside the
    standard), ``channel=phone:records`` (the base of one group).
    """

    kind: FindingKind
    measure: str
    period: str
    cell: str
    value: int | None
    low: float
    high: float
    evidence: tuple[str, ...]

    def describe(self) -> str:
        if self.kind is FindingKind.INCONSISTENT:
            shown = "the published figures cannot all be true"
        elif self.value is not None:
            shown = f"= {self.value}"
        else:
            shown = f"in {self.low:g} to {self.high:g}"
        return (
            f"{self.kind.value}: {self.measure} {self.period} {self.cell} {shown}; from "
            + "; ".join(self.evidence)
        )


@dataclass(frozen=True)
class IntruderReport:
    """What the intruder found in one build.

    ``families`` counts the families of linked figures examined; ``relaxed`` names those
    whose breakdown groups did not add up to the headline, so only ``groups <= headline``
    was assumed; ``mismatches`` are numbers published in one output but not in the
    structured downloads (or published differently in two of them).
    """

    findings: tuple[Finding, ...]
    mismatches: tuple[Mismatch, ...] = ()
    families: int = 0
    relaxed: tuple[str, ...] = ()

    @property
    def recoverable(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.RECOVERABLE)

    def summary(self) -> str:
        counts = {kind: 0 for kind in FindingKind}
        for finding in self.findings:
            counts[finding.kind] += 1
        parts = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
        return (
            f"{self.families} families checked: {parts}; {len(self.mismatches)} output mismatches"
        )


def audit_cells(
    cells: Sequence[PublishedCell], settings: DisclosureSettings = DEFAULT_SETTINGS
) -> IntruderReport:
    """Attack the published ``cells`` family by family (one measure and period each)."""
    families: dict[tuple[str, str], list[PublishedCell]] = defaultdict(list)
    for cell in cells:
        families[(cell.measure, cell.period)].append(cell)
    findings: list[Finding] = []
    relaxed: list[str] = []
    for key in sorted(families):
        program = family_program(families[key], settings)
        found, was_relaxed = attack(program, settings)
        findings += found
        if was_relaxed:
            relaxed.append(" ".join(key))
    return IntruderReport(tuple(findings), families=len(families), relaxed=tuple(relaxed))


def audit_site(site_dir: Path, settings: DisclosureSettings = DEFAULT_SETTINGS) -> IntruderReport:
    """Attack every published output of the built site in ``site_dir``.

    The figures CSV and JSON downloads give the equations; the workbooks, pages and PDFs are
    checked against them (see :mod:`charterwatch.review.outputs`).

    Raises:
        FileNotFoundError: if ``site_dir`` has no ``downloads`` folder.
    """
    from charterwatch.review.outputs import check_outputs

    if not (site_dir / "downloads").is_dir():
        raise FileNotFoundError(f"{site_dir} is not a built site: it has no downloads folder")
    cells, mismatches = read_figure_files(site_dir)
    report = audit_cells(cells, settings)
    mismatches += check_outputs(site_dir, cells)
    return IntruderReport(report.findings, tuple(mismatches), report.families, report.relaxed)


def attack(program: Program, settings: DisclosureSettings) -> tuple[list[Finding], bool]:
    """Bound every target of ``program``; return the findings and whether it was relaxed."""
    if not program.targets:
        return [], False
    relaxed = False
    if _solve(program, None, +1) is None:
        if not program.relaxable:
            return [_inconsistent(program)], False
        for i in program.relaxable:
            coeffs, _, high = program.rows[i]
            program.rows[i] = (coeffs, -math.inf, high)
        relaxed = True
        if _solve(program, None, +1) is None:
            return [_inconsistent(program)], True
    findings: list[Finding] = []
    for target in program.targets:
        smallest = _solve(program, target, +1)
        largest = _solve(program, target, -1)
        if smallest is None or largest is None:
            continue
        finding = _judge(program, target, smallest, largest, settings)
        if finding is not None:
            findings.append(finding)
    return findings, relaxed


def _judge(
    program: Program, target: Target, low: float, high: float, settings: DisclosureSettings
) -> Finding | None:
    pinned = low == high
    if pinned and low == 0 and not settings.suppress_zeros:
        # a withheld zero pinned by the published figures reveals nobody unless zeros are
        # protected too (``suppress_zeros``): "all 10 met the standard" is public already
        return None
    if pinned and 1 <= low < settings.min_count:
        kind = FindingKind.RECOVERABLE
    elif target.withheld and pinned:
        kind = FindingKind.PINNED
    elif (
        target.withheld
        and high - low + 1 < settings.round_counts_to
        and low < settings.min_count  # narrowing a count of min_count or more reveals nobody
    ):
        kind = FindingKind.NARROWED
    else:
        return None
    return Finding(
        kind=kind,
        measure=program.measure,
        period=program.period,
        cell=target.cell,
        value=int(low) if pinned else None,
        low=low,
        high=high,
        evidence=_evidence(program, [v for v, _ in target.coeffs]),
    )


def _inconsistent(program: Program) -> Finding:
    return Finding(
        kind=FindingKind.INCONSISTENT,
        measure=program.measure,
        period=program.period,
        cell="family",
        value=None,
        low=math.nan,
        high=math.nan,
        evidence=_evidence(program, list(range(len(program.names)))),
    )


def _solve(program: Program, target: Target | None, sense: int) -> float | None:
    """The minimum (``sense=+1``) or maximum (``-1``) of ``target``; ``None`` if infeasible.

    With no target it only checks the program is feasible (and returns 0). An unbounded
    maximum is ``inf``.
    """
    size = len(program.names)
    objective = np.zeros(size)
    if target is not None:
        for var, coeff in target.coeffs:
            objective[var] += sense * coeff
    matrix = np.zeros((len(program.rows), size))
    lows = np.empty(len(program.rows))
    highs = np.empty(len(program.rows))
    for i, (coeffs, row_low, row_high) in enumerate(program.rows):
        for column, weight in coeffs.items():
            matrix[i, column] += weight
        lows[i], highs[i] = row_low, row_high
    constraints = [LinearConstraint(matrix, lows, highs)] if len(program.rows) else []
    result = milp(
        objective,
        integrality=np.ones(size),
        bounds=Bounds(np.array(program.lower), np.array(program.upper)),
        constraints=constraints,
    )
    if result.status == 3:
        return -sense * math.inf
    if result.status != 0 or result.fun is None:
        return None
    return float(round_half_up(sense * result.fun))


def _evidence(program: Program, variables: list[int]) -> tuple[str, ...]:
    """The published figures in the connected part of the program around ``variables``."""
    reached = set(variables)
    used: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i, (coeffs, _, _) in enumerate(program.rows):
            if i not in used and reached & set(coeffs):
                used.add(i)
                reached |= set(coeffs)
                changed = True
    seen: dict[str, None] = {}
    for i in sorted(used):
        for why in program.evidence[i]:
            seen.setdefault(why, None)
    texts = list(seen)
    if len(texts) > MAX_EVIDENCE:
        texts = [*texts[:MAX_EVIDENCE], f"and {len(texts) - MAX_EVIDENCE} more"]
    return tuple(texts)

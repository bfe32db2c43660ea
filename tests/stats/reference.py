"""Independent checkers for protected tables and tests of change, written without the code
they check.

``fisher_two_sided`` and ``trend_chi_square`` recompute Fisher's exact test and the
chi-square test for trend by other routes than :mod:`charterwatch.stats`.

``lone_suppressions`` is the simple rule: a row or column (its total counted as a cell)
with exactly one suppressed cell gives that cell away by subtraction. ``solvable_cells``
is the full test by linear algebra: a suppressed cell is given away when its unit vector
lies in the row space of the published equations restricted to the suppressed cells.
"""

from __future__ import annotations

import math

import numpy as np

from charterwatch.stats import ProtectedTable, Symbol

Grid = list[list[object]]


def augmented(table: ProtectedTable) -> Grid:
    """The published table with its totals as one grid: last row and column are totals."""
    grid: Grid = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    if not table.one_way:
        grid.append([*table.col_totals, table.grand_total])
    return grid


def raw_augmented(
    cells: list[list[int]], row_totals: list[int], col_totals: list[int], grand: int
) -> list[list[int]]:
    """The raw table with totals in the same layout as :func:`augmented`."""
    return [[*row, t] for row, t in zip(cells, row_totals, strict=True)] + [[*col_totals, grand]]


def suppressed_positions(grid: Grid) -> set[tuple[int, int]]:
    return {
        (i, j)
        for i, row in enumerate(grid)
        for j, cell in enumerate(row)
        if cell == Symbol.CONFIDENTIAL
    }


def lone_suppressions(grid: Grid) -> list[str]:
    """Every row or column of the augmented grid with exactly one suppressed cell."""
    failures: list[str] = []
    for i, row in enumerate(grid):
        if sum(cell == Symbol.CONFIDENTIAL for cell in row) == 1:
            failures.append(f"row {i}")
    if len(grid) > 1:
        for j in range(len(grid[0])):
            if sum(row[j] == Symbol.CONFIDENTIAL for row in grid) == 1:
                failures.append(f"column {j}")
    return failures


def solvable_cells(grid: Grid) -> list[tuple[int, int]]:
    """Suppressed cells pinned down exactly by the row and column equations (numpy rank)."""
    hidden = sorted(suppressed_positions(grid))
    if not hidden:
        return []
    height, width = len(grid), len(grid[0])
    equations: list[list[float]] = []
    # Each data row: cells minus total = 0; for a two-way table also each column.
    for i in range(height):
        equations.append(
            [
                (-1.0 if j == width - 1 else 1.0) if p[0] == i else 0.0
                for p in hidden
                for j in [p[1]]
            ]
        )
    if height > 1:
        for j in range(width):
            equations.append(
                [
                    (-1.0 if i == height - 1 else 1.0) if p[1] == j else 0.0
                    for p in hidden
                    for i in [p[0]]
                ]
            )
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    solvable: list[tuple[int, int]] = []
    for k, position in enumerate(hidden):
        unit = np.zeros((1, len(hidden)))
        unit[0, k] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            solvable.append(position)
    return solvable


def fisher_two_sided(table: list[list[int]]) -> float:
    """Fisher's exact two-sided p-value by summing hypergeometric probabilities by hand:
    every table with the same margins that is no more likely than the observed one."""
    (a, b), (c, d) = table
    row1, col1, total = a + b, a + c, a + b + c + d

    def chance(x: int) -> float:
        return math.comb(col1, x) * math.comb(total - col1, row1 - x) / math.comb(total, row1)

    observed = chance(a)
    low, high = max(0, row1 + col1 - total), min(row1, col1)
    return min(
        1.0, sum(chance(x) for x in range(low, high + 1) if chance(x) <= observed * (1 + 1e-7))
    )


def trend_chi_square(proportions: list[float], bases: list[float]) -> float:
    """Armitage's chi-square for linear trend, written as a weighted regression of the
    proportions on the scores 0..k: slope squared over its null variance."""
    scores = list(range(len(proportions)))
    total = sum(bases)
    mean_p = sum(p * n for p, n in zip(proportions, bases, strict=True)) / total
    mean_t = sum(t * n for t, n in zip(scores, bases, strict=True)) / total
    sxx = sum(n * (t - mean_t) ** 2 for t, n in zip(scores, bases, strict=True))
    sxy = sum(
        n * (t - mean_t) * (p - mean_p) for t, p, n in zip(scores, proportions, bases, strict=True)
    )
    slope = sxy / sxx
    return slope**2 / (mean_p * (1 - mean_p) / sxx)

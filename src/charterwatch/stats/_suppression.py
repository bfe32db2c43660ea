"""Choosing which cells of a table to suppress: primary, then secondary until nothing leaks.

This is the combinatorial core of :func:`charterwatch.stats.disclosure.protect_table`. It
works on cell positions of the table *with its totals* (the totals row and totals column
are ordinary rows and columns here, each tied to the others by one published equation).
It knows nothing about labels, rounding or symbols.

**One-way tables.** The cells and the total form one line; a suppressed cell can be worked
out exactly when it is the only one on the line, so a lone suppressed cell gets a partner:
the smallest non-zero published cell (a zero only if nothing else is left; ties go to the
earlier cell, the total last).

**Two-way tables.** Think of a graph whose vertices are the rows and columns and whose
edges are the suppressed cells (cell (i, j) joins row i to column j). From the row and
column equations a suppressed cell can be solved for exactly when its edge lies on no cycle
of that graph (it is a *bridge*). A cell alone in its row or column is one kind of bridge;
two separate blocks of suppressed cells joined by a single cell are another, which the
"two per row and column" rule alone misses. So, repeatedly, the first bridge (reading row
by row) is put on a cycle by suppressing the cheapest set of published cells that joins
its row to its column another way: cheapest means fewest zero cells, then the smallest
total count, then the fewest cells, ties going the same fixed way every time. For a lone small cell
this is the cheapest rectangle of four cells; when other suppressed cells already help,
it is fewer. Adding a path never leaves a row or column with a single suppressed cell.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Position = tuple[int, int]
# (zero cells used, total count, number of cells): compared in that order.
_Cost = tuple[int, int, int]


@dataclass(frozen=True)
class Step:
    """One suppression decision, in the order it was made.

    ``kind`` is ``"primary"`` or ``"secondary"``; a secondary step names the suppressed
    cell it ``protects``.
    """

    position: Position
    kind: str
    protects: Position | None = None


def choose_one_way(values: Sequence[int], is_small: Callable[[int], bool]) -> list[Step]:
    """Suppressions for one line of cells whose last entry is their total."""
    steps = [Step((0, j), "primary") for j, value in enumerate(values) if is_small(value)]
    if len(steps) == 1:
        taken = steps[0].position[1]
        others = [j for j in range(len(values)) if j != taken]
        non_zero = [j for j in others if values[j] != 0] or others
        pick = min(non_zero, key=lambda j: (values[j], j))
        steps.append(Step((0, pick), "secondary", protects=(0, taken)))
    return steps


def choose_two_way(
    values: Mapping[Position, int], height: int, width: int, is_small: Callable[[int], bool]
) -> list[Step]:
    """Suppressions for a grid of ``height`` rows and ``width`` columns, totals included.

    ``values[(i, j)]`` covers every ``0 <= i < height``, ``0 <= j < width``; the last row
    and column are the totals, but nothing here depends on that.
    """
    order = [(i, j) for i in range(height) for j in range(width)]
    steps = [Step(p, "primary") for p in order if is_small(values[p])]
    suppressed = {step.position for step in steps}
    while True:
        bridge = next((p for p in sorted(suppressed) if _is_bridge(suppressed, p)), None)
        if bridge is None:
            return steps
        for pick in _cheapest_path(values, height, width, suppressed, bridge):
            suppressed.add(pick)
            steps.append(Step(pick, "secondary", protects=bridge))


def solvable_cells(suppressed: set[Position]) -> list[Position]:
    """Suppressed cells of a two-way table that the row and column equations pin down.

    These are the bridges of the row/column graph (see the module docstring), row by row.
    """
    return [p for p in sorted(suppressed) if _is_bridge(suppressed, p)]


def _is_bridge(suppressed: set[Position], edge: Position) -> bool:
    """Whether removing ``edge`` disconnects its row from its column."""
    rows_of: dict[int, list[int]] = {}
    cols_of: dict[int, list[int]] = {}
    for row, col in suppressed:
        if (row, col) != edge:
            rows_of.setdefault(col, []).append(row)
            cols_of.setdefault(row, []).append(col)
    seen_rows = {edge[0]}
    seen_cols: set[int] = set()
    stack: list[tuple[str, int]] = [("r", edge[0])]
    while stack:
        kind, index = stack.pop()
        if kind == "r":
            for col in cols_of.get(index, ()):
                if col == edge[1]:
                    return False
                if col not in seen_cols:
                    seen_cols.add(col)
                    stack.append(("c", col))
        else:
            for row in rows_of.get(index, ()):
                if row not in seen_rows:
                    seen_rows.add(row)
                    stack.append(("r", row))
    return True


def _cheapest_path(
    values: Mapping[Position, int],
    height: int,
    width: int,
    suppressed: set[Position],
    bridge: Position,
) -> list[Position]:
    """The published cells to suppress so that ``bridge`` lies on a cycle (Dijkstra).

    Vertices ``0..height-1`` are rows and ``height..height+width-1`` columns. Suppressed
    cells other than the bridge cost nothing to walk along; a published cell costs its
    count (a zero costs one "zero used", which outweighs any count).
    """
    start, target = bridge[0], height + bridge[1]
    best: dict[int, _Cost] = {start: (0, 0, 0)}
    came_from: dict[int, tuple[int, Position]] = {}
    queue: list[tuple[_Cost, int]] = [((0, 0, 0), start)]
    done: set[int] = set()
    while queue:
        cost, vertex = heapq.heappop(queue)
        if vertex in done:
            continue
        done.add(vertex)
        if vertex == target:
            break
        if vertex < height:
            neighbours = [(height + j, (vertex, j)) for j in range(width)]
        else:
            neighbours = [(i, (i, vertex - height)) for i in range(height)]
        for neighbour, cell in neighbours:
            if cell == bridge or neighbour in done:
                continue
            if cell in suppressed:
                step: _Cost = (0, 0, 0)
            else:
                value = values[cell]
                step = (1, 0, 1) if value == 0 else (0, value, 1)
            total = (cost[0] + step[0], cost[1] + step[1], cost[2] + step[2])
            if neighbour not in best or total < best[neighbour]:
                best[neighbour] = total
                came_from[neighbour] = (vertex, cell)
                heapq.heappush(queue, (total, neighbour))
    if target not in came_from:  # pragma: no cover - the grid is complete, so never
        raise AssertionError(f"no way to protect the cell at {bridge}")
    path: list[Position] = []
    vertex = target
    while vertex != start:
        vertex, cell = came_from[vertex]
        if cell not in suppressed:
            path.append(cell)
    return sorted(path)

"""Statistical disclosure control for published tables: suppression, rounding and symbols.

This is the public home of disclosure control. Tables of counts go through
:func:`protect_table` (two-way, with row and column totals) or :func:`protect_row` (a
one-way list with one total); survey percentages go through :func:`protect_proportion`.
All thresholds come from :class:`DisclosureSettings`.

For a table the steps are:

1. primary suppression: every count from 1 to ``min_count - 1`` (and 0 if
   ``suppress_zeros``) becomes ``[c]``, totals included;
2. secondary suppression, so that no ``[c]`` can be worked out from the published figures
   (a row or column's total counts as one of its cells). In a one-way table a lone ``[c]``
   gets a partner: the smallest non-zero published cell (ties: the earlier cell, the total
   last). In a two-way table, repeatedly, the first ``[c]`` that the row and column sums
   could still pin down (one alone in its row or column, or joined to the rest by a single
   chain) is protected by the cheapest set of published cells that links its row to its
   column another way: no zeros if avoidable, then the smallest total count, then the
   fewest cells. For a single small cell that is the cheapest rectangle of four cells.
   Every row and column then has either no ``[c]`` or at least two (see
   :mod:`charterwatch.stats._suppression`);
3. rounding: every published count and total is rounded half up to the nearest
   ``round_counts_to``, independently, so figures may not sum; a positive count that
   rounds to 0 becomes ``[k]``.

Each suppression is recorded with its reason. Reasons for primary suppression quote the raw
count: they are an audit trail for the analysts and must not be published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from charterwatch.stats._checks import whole_number
from charterwatch.stats._suppression import (
    Position,
    Step,
    choose_one_way,
    choose_two_way,
    solvable_cells,
)
from charterwatch.stats.percentages import (
    WORD_BANDS,
    ProtectedProportion,
    proportion_in_words,
    protect_proportion,
    round_base,
)
from charterwatch.stats.rounding import round_half_up, round_percent
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings, describe_settings
from charterwatch.stats.symbols import Symbol, symbol_key

__all__ = [
    "DEFAULT_SETTINGS",
    "WORD_BANDS",
    "Cell",
    "DisclosureSettings",
    "ProtectedProportion",
    "ProtectedTable",
    "Suppression",
    "describe_settings",
    "exposed_cells",
    "proportion_in_words",
    "protect_proportion",
    "protect_row",
    "protect_table",
    "round_base",
    "round_half_up",
    "round_percent",
]

Cell = int | Symbol
"""A published cell: a rounded count, ``Symbol.CONFIDENTIAL`` or ``Symbol.ROUNDS_TO_ZERO``."""


@dataclass(frozen=True)
class Suppression:
    """One suppressed cell and why.

    ``row`` and ``col`` are 0-based indexes into the input; ``row=None`` is the row of column
    totals and ``col=None`` the column of row totals (so ``(None, None)`` is the grand
    total, and ``(2, None)`` the total of the third row). ``reason`` starts with
    ``"primary:"`` or ``"secondary:"``; in it rows and columns are named by their labels,
    which default to 1-based numbers ("row 3" is index 2). ``primary`` repeats the kind.
    """

    row: int | None
    col: int | None
    reason: str
    primary: bool


@dataclass(frozen=True)
class ProtectedTable:
    """A table ready to publish: rounded counts or symbols, with notes and an audit trail.

    ``cells`` is row by row; ``row_totals`` has one entry per row, ``col_totals`` one per
    column; for a one-way table (:func:`protect_row`) there is one row, ``col_totals`` is
    empty and ``grand_total`` repeats the row total. ``notes`` are the lines to print under
    the table (rounding, then the meaning of each symbol used). ``suppressions`` is the
    audit trail, in the order the decisions were made: do not publish it.
    """

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    col_totals: tuple[Cell, ...]
    grand_total: Cell
    suppressions: tuple[Suppression, ...]
    notes: tuple[str, ...]

    @property
    def one_way(self) -> bool:
        """Whether this came from :func:`protect_row` (a single list with one total)."""
        return not self.col_totals


def protect_table(
    cells: Sequence[Sequence[int]],
    row_totals: Sequence[int],
    col_totals: Sequence[int],
    grand_total: int,
    settings: DisclosureSettings = DEFAULT_SETTINGS,
    *,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
) -> ProtectedTable:
    """Protect a two-way table of counts (people or cases) with its marginal totals.

    ``cells[i][j]`` are non-negative whole numbers; ``row_totals[i]`` must equal the sum of
    row ``i``, ``col_totals[j]`` the sum of column ``j`` and ``grand_total`` the sum of all
    cells (put any "not known" group in its own row or column). Labels, if given, name rows
    and columns in the suppression reasons. See the module docstring for the steps.

    Raises:
        ValueError: if the table is empty or ragged, a count is not a whole number 0 or
            more, a total does not match its cells, or a label list has the wrong length;
            every problem is listed in one message.
    """
    problems: list[str] = []
    grid = _read_grid(cells, problems)
    height = len(cells)
    width = len(cells[0]) if cells else 0
    rows = _read_totals(row_totals, "row_totals", height, problems)
    cols = _read_totals(col_totals, "col_totals", width, problems)
    grand = _read_count(grand_total, "grand_total", problems)
    if not problems and grid:
        for i in range(height):
            if rows[i] != sum(grid[i]):
                problems.append(f"row_totals[{i}] is {rows[i]} but row {i} sums to {sum(grid[i])}")
        for j in range(width):
            column_sum = sum(grid[i][j] for i in range(height))
            if cols[j] != column_sum:
                problems.append(f"col_totals[{j}] is {cols[j]} but column {j} sums to {column_sum}")
        everything = sum(map(sum, grid))
        if grand != everything:
            problems.append(f"grand_total is {grand} but the cells sum to {everything}")
    row_names = _labels(row_labels, "row_labels", height, problems)
    col_names = _labels(col_labels, "col_labels", width, problems)
    if problems:
        raise ValueError("the table cannot be protected: " + "; ".join(problems))

    values: dict[Position, int] = {}
    for i in range(height + 1):
        for j in range(width + 1):
            if i < height:
                values[(i, j)] = grid[i][j] if j < width else rows[i]
            else:
                values[(i, j)] = cols[j] if j < width else grand

    def describe(position: Position) -> str:
        i, j = position
        if i < height and j < width:
            return f"cell in row {row_names[i]}, column {col_names[j]}"
        if i < height:
            return f"total of row {row_names[i]}"
        if j < width:
            return f"total of column {col_names[j]}"
        return "grand total"

    steps = choose_two_way(values, height + 1, width + 1, _is_small(settings))
    published = _publish(values, steps, settings)
    return ProtectedTable(
        cells=tuple(tuple(published[(i, j)] for j in range(width)) for i in range(height)),
        row_totals=tuple(published[(i, width)] for i in range(height)),
        col_totals=tuple(published[(height, j)] for j in range(width)),
        grand_total=published[(height, width)],
        suppressions=_record(steps, values, settings, describe, height, width),
        notes=_notes(published.values(), settings),
    )


def protect_row(
    cells: Sequence[int],
    total: int,
    settings: DisclosureSettings = DEFAULT_SETTINGS,
    *,
    labels: Sequence[str] | None = None,
) -> ProtectedTable:
    """Protect a one-way table: a list of counts (people or cases) and their total.

    It is treated as a one-row table: the same primary and secondary rules on the single
    line formed by the cells and the total, then rounding. The result has one row, its
    total in ``row_totals`` and ``grand_total``, and empty ``col_totals``.

    Raises:
        ValueError: if the list is empty, a count is not a whole number 0 or more, the
            total does not match the cells, or ``labels`` has the wrong length.
    """
    problems: list[str] = []
    counts = _read_totals(cells, "cells", len(cells), problems)
    whole = _read_count(total, "total", problems)
    if not cells:
        problems.append("a table needs at least one cell")
    elif not problems and whole != sum(counts):
        problems.append(f"total is {whole} but the cells sum to {sum(counts)}")
    names = _labels(labels, "labels", len(cells), problems)
    if problems:
        raise ValueError("the table cannot be protected: " + "; ".join(problems))
    width = len(counts)
    values: dict[Position, int] = {(0, j): counts[j] for j in range(width)}
    values[(0, width)] = whole

    def describe(position: Position) -> str:
        return f"cell {names[position[1]]}" if position[1] < width else "total"

    steps = choose_one_way([*counts, whole], _is_small(settings))
    published = _publish(values, steps, settings)
    return ProtectedTable(
        cells=(tuple(published[(0, j)] for j in range(width)),),
        row_totals=(published[(0, width)],),
        col_totals=(),
        grand_total=published[(0, width)],
        suppressions=_record(steps, values, settings, describe, 1, width),
        notes=_notes(published.values(), settings),
    )


def exposed_cells(table: ProtectedTable) -> tuple[tuple[int | None, int | None], ...]:
    """The ``[c]`` cells of a published table that its other figures would give away.

    A check for QA that reads only the published table: a ``[c]`` cell is exposed when it
    is the only ``[c]`` in its row or column (totals included) or, in a two-way table,
    when the row and column equations pin it down through a chain of other rows and
    columns. Rounding is ignored (as if figures were exact), so this is conservative.
    Positions use the convention of :class:`Suppression`. An empty result means safe.
    """
    height = len(table.cells)
    width = len(table.cells[0]) if table.cells else 0
    confidential: set[Position] = set()
    for i, row in enumerate((*table.cells, table.col_totals)):
        for j, cell in enumerate((*row, table.row_totals[i] if i < height else table.grand_total)):
            if cell == Symbol.CONFIDENTIAL and (i < height or not table.one_way):
                confidential.add((i, j))
    if table.one_way:
        exposed = sorted(confidential) if len(confidential) == 1 else []
    else:
        exposed = solvable_cells(confidential)
    return tuple((i if i < height else None, j if j < width else None) for i, j in exposed)


def _is_small(settings: DisclosureSettings) -> Callable[[int], bool]:
    def small(value: int) -> bool:
        return 1 <= value < settings.min_count or (value == 0 and settings.suppress_zeros)

    return small


def _publish(
    values: dict[Position, int], steps: list[Step], settings: DisclosureSettings
) -> dict[Position, Cell]:
    hidden = {step.position for step in steps}
    published: dict[Position, Cell] = {}
    for position, value in values.items():
        if position in hidden:
            published[position] = Symbol.CONFIDENTIAL
            continue
        rounded = round_half_up(value, settings.round_counts_to)
        published[position] = Symbol.ROUNDS_TO_ZERO if value > 0 and rounded == 0 else rounded
    return published


def _record(
    steps: list[Step],
    values: dict[Position, int],
    settings: DisclosureSettings,
    describe: Callable[[Position], str],
    height: int,
    width: int,
) -> tuple[Suppression, ...]:
    records: list[Suppression] = []
    for step in steps:
        value = values[step.position]
        if step.kind == "primary":
            if value == 0:
                reason = "primary: count 0 is suppressed because zeros are set to be suppressed"
            else:
                reason = f"primary: count {value} is below the threshold of {settings.min_count}"
        else:
            protected = step.protects
            assert protected is not None
            reason = f"secondary: protects the suppressed {describe(protected)}"
        i, j = step.position
        records.append(
            Suppression(
                row=i if i < height else None,
                col=j if j < width else None,
                reason=reason,
                primary=step.kind == "primary",
            )
        )
    return tuple(records)


def _notes(cells: Iterable[Cell], settings: DisclosureSettings) -> tuple[str, ...]:
    used = {cell for cell in cells if isinstance(cell, Symbol)}
    notes: list[str] = []
    if settings.round_counts_to > 1:
        base = settings.round_counts_to
        notes.append(f"Figures are rounded to the nearest {base} and may not sum.")
    notes.extend(symbol_key(used))
    return tuple(notes)


def _read_grid(cells: Sequence[Sequence[int]], problems: list[str]) -> list[list[int]]:
    if not cells or not cells[0]:
        problems.append("a table needs at least one row and one column")
        return []
    width = len(cells[0])
    grid: list[list[int]] = []
    for i, row in enumerate(cells):
        if len(row) != width:
            problems.append(f"row {i} has {len(row)} cells but row 0 has {width}")
        grid.append(
            [_read_count(value, f"cells[{i}][{j}]", problems) for j, value in enumerate(row)]
        )
    return grid if not problems else []


def _read_totals(totals: Sequence[int], name: str, expected: int, problems: list[str]) -> list[int]:
    if len(totals) != expected:
        problems.append(f"{name} has {len(totals)} entries but the table needs {expected}")
    return [_read_count(value, f"{name}[{k}]", problems) for k, value in enumerate(totals)]


def _read_count(value: object, name: str, problems: list[str]) -> int:
    try:
        return whole_number(value, name)
    except ValueError as error:
        problems.append(str(error))
        return 0


def _labels(
    labels: Sequence[str] | None, name: str, expected: int, problems: list[str]
) -> list[str]:
    if labels is None:
        return [str(k + 1) for k in range(expected)]
    if len(labels) != expected:
        problems.append(f"{name} has {len(labels)} labels but the table needs {expected}")
    return [str(label) for label in labels]

"""Disclosure control on tables: primary and secondary suppression, rounding, notes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterwatch.stats import (
    DisclosureSettings,
    ProtectedTable,
    Symbol,
    exposed_cells,
    protect_row,
    protect_table,
    round_half_up,
)
from tests.stats.reference import (
    augmented,
    lone_suppressions,
    raw_augmented,
    solvable_cells,
    suppressed_positions,
)

C = Symbol.CONFIDENTIAL
ROUNDED = "Figures are rounded to the nearest 5 and may not sum."
C_NOTE = f"[c] = {Symbol.CONFIDENTIAL.meaning}"


def table(cells: list[list[int]], settings: DisclosureSettings | None = None) -> ProtectedTable:
    """Protect ``cells`` with totals worked out here."""
    rows = [sum(row) for row in cells]
    cols = [sum(col) for col in zip(*cells, strict=True)]
    if settings is None:
        return protect_table(cells, rows, cols, sum(rows))
    return protect_table(cells, rows, cols, sum(rows), settings)


def positions(result: ProtectedTable) -> set[tuple[int | None, int | None]]:
    return {(s.row, s.col) for s in result.suppressions}


class TestNoSuppression:
    def test_a_table_with_no_small_cells_is_only_rounded(self) -> None:
        result = table([[12, 50], [40, 63]])
        assert result.cells == ((10, 50), (40, 65))
        assert result.row_totals == (60, 105)
        assert result.col_totals == (50, 115)
        assert result.grand_total == 165
        assert result.suppressions == ()
        assert result.notes == (ROUNDED,)

    def test_zeros_are_published_by_default(self) -> None:
        result = table([[0, 50], [40, 60]])
        assert result.cells[0][0] == 0
        assert result.suppressions == ()

    def test_rounding_to_one_gives_no_rounding_note(self) -> None:
        result = table([[12, 50], [40, 63]], DisclosureSettings(round_counts_to=1))
        assert result.cells == ((12, 50), (40, 63))
        assert result.notes == ()


class TestPrimaryAndSecondary:
    def test_one_small_cell_gets_the_cheapest_rectangle(self) -> None:
        result = table([[3, 50, 20], [40, 60, 12], [25, 30, 45]])
        assert [[str(c) for c in row] for row in result.cells] == [
            ["[c]", "50", "[c]"],
            ["[c]", "60", "[c]"],
            ["25", "30", "45"],
        ]
        assert result.row_totals == (75, 110, 100)
        assert result.col_totals == (70, 140, 75)
        assert result.grand_total == 285
        assert result.suppressions[0].reason == "primary: count 3 is below the threshold of 10"
        assert result.suppressions[0].primary
        assert [(s.row, s.col) for s in result.suppressions] == [(0, 0), (0, 2), (1, 0), (1, 2)]
        for secondary in result.suppressions[1:]:
            assert not secondary.primary
            assert secondary.reason == (
                "secondary: protects the suppressed cell in row 1, column 1"
            )
        assert result.notes == (ROUNDED, C_NOTE)

    def test_two_small_cells_in_a_row_need_two_more_in_another_row(self) -> None:
        result = table([[3, 4, 80], [40, 60, 90]])
        assert positions(result) == {(0, 0), (0, 1), (1, 0), (1, 1)}

    def test_small_cells_already_forming_a_rectangle_need_nothing_more(self) -> None:
        result = table([[3, 4, 80], [5, 6, 90], [50, 60, 70]])
        assert positions(result) == {(0, 0), (0, 1), (1, 0), (1, 1)}
        assert all(s.primary for s in result.suppressions)

    def test_a_small_total_is_suppressed_too(self) -> None:
        result = table([[3, 4], [50, 60]])
        # the first row's total is 7: small, so suppressed with its cells
        assert result.row_totals[0] == C
        by_position = {(s.row, s.col): s for s in result.suppressions}
        assert by_position[(0, None)].reason == "primary: count 7 is below the threshold of 10"
        assert lone_suppressions(augmented(result)) == []

    def test_secondary_avoids_zeros(self) -> None:
        result = table([[3, 0, 20], [0, 0, 30], [40, 0, 50]])
        raw = [[3, 0, 20], [0, 0, 30], [40, 0, 50]]
        for s in result.suppressions:
            if not s.primary and s.row is not None and s.col is not None:
                assert raw[s.row][s.col] != 0

    def test_zeros_can_be_suppressed(self) -> None:
        result = table([[0, 50], [40, 60]], DisclosureSettings(suppress_zeros=True))
        primary = [s for s in result.suppressions if s.primary]
        assert [(s.row, s.col) for s in primary] == [(0, 0)]
        assert primary[0].reason == (
            "primary: count 0 is suppressed because zeros are set to be suppressed"
        )
        assert result.cells[0][0] == C

    def test_labels_name_rows_and_columns_in_reasons(self) -> None:
        result = protect_table(
            [[3, 50], [40, 60]],
            [53, 100],
            [43, 110],
            153,
            row_labels=["Adult Disability Payment", "Child Disability Payment"],
            col_labels=["Upheld", "Not upheld"],
        )
        assert result.suppressions[1].reason == (
            "secondary: protects the suppressed cell in row Adult Disability Payment, column Upheld"
        )

    def test_min_count_is_configurable(self) -> None:
        cells = [[12, 50], [40, 60]]
        assert table(cells).suppressions == ()
        assert len(table(cells, DisclosureSettings(min_count=13)).suppressions) == 4

    def test_a_chain_of_blocks_joined_by_one_cell_is_protected(self) -> None:
        # Two 2x2 blocks of small cells joined by the small cell at row 1, column 2: every
        # row and column has two or more [c], yet that cell could be worked out.
        cells = [
            [3, 4, 60, 70, 80],
            [5, 6, 2, 90, 85],
            [50, 60, 7, 8, 95],
            [55, 65, 4, 9, 99],
            [70, 75, 80, 85, 90],
        ]
        primary_only = [[C if 1 <= v < 10 else v for v in row] for row in cells]
        grid: list[list[object]] = [list(row) for row in primary_only]
        assert lone_suppressions(grid) == []
        assert (1, 2) in solvable_cells(grid)
        result = table(cells)
        linked = [s for s in result.suppressions if not s.primary]
        assert len(linked) == 1
        assert linked[0].reason == "secondary: protects the suppressed cell in row 2, column 3"
        assert solvable_cells(augmented(result)) == []
        assert exposed_cells(result) == ()

    def test_one_row_table(self) -> None:
        result = table([[3, 50, 20]])
        assert lone_suppressions(augmented(result)) == []
        assert solvable_cells(augmented(result)) == []

    def test_one_column_table(self) -> None:
        result = table([[3], [50], [20]])
        assert lone_suppressions(augmented(result)) == []
        assert solvable_cells(augmented(result)) == []

    def test_one_cell_table(self) -> None:
        result = table([[3]])
        assert result.cells == ((C,),)
        assert result.grand_total == C

    def test_same_input_same_output(self) -> None:
        cells = [[3, 50, 20, 7], [40, 60, 12, 0], [25, 30, 45, 1]]
        assert table(cells) == table(cells)


class TestRounding:
    def test_totals_are_rounded_independently(self) -> None:
        result = table([[12, 12], [12, 12]])
        assert result.cells == ((10, 10), (10, 10))
        assert result.row_totals == (25, 25)
        assert result.grand_total == 50

    def test_positive_count_that_rounds_to_zero_is_k(self) -> None:
        result = protect_row([2, 100], 102, DisclosureSettings(min_count=0))
        assert result.cells == ((Symbol.ROUNDS_TO_ZERO, 100),)
        assert f"[k] = {Symbol.ROUNDS_TO_ZERO.meaning}" in result.notes

    def test_rounding_base_is_configurable(self) -> None:
        result = table([[12, 50], [40, 63]], DisclosureSettings(round_counts_to=10))
        assert result.cells == ((10, 50), (40, 60))
        assert result.notes == ("Figures are rounded to the nearest 10 and may not sum.",)


class TestOneWay:
    def test_lone_small_cell_gets_the_smallest_non_zero_partner(self) -> None:
        result = protect_row([3, 50, 20, 0], 73)
        assert result.cells == ((C, 50, C, 0),)
        assert result.row_totals == (75,)
        assert result.grand_total == 75
        assert result.col_totals == ()
        assert result.one_way
        assert result.suppressions[1].reason == "secondary: protects the suppressed cell 1"
        assert result.suppressions[1].col == 2

    def test_ties_go_to_the_earlier_cell(self) -> None:
        result = protect_row([20, 3, 20], 43)
        assert result.cells == ((C, C, 20),)

    def test_two_small_cells_protect_each_other(self) -> None:
        result = protect_row([3, 4, 50], 57)
        assert result.cells == ((C, C, 50),)
        assert all(s.primary for s in result.suppressions)

    def test_zero_partner_only_when_nothing_else(self) -> None:
        result = protect_row([12, 3, 0], 15)
        assert result.cells == ((C, C, 0),)
        assert result.row_totals == (15,)

    def test_small_total_with_its_only_cell(self) -> None:
        result = protect_row([3, 0, 0], 3)
        assert result.cells == ((C, 0, 0),)
        assert result.row_totals == (C,)

    def test_labels(self) -> None:
        result = protect_row([3, 50], 53, labels=["Scotland", "Elsewhere"])
        assert result.suppressions[1].reason == ("secondary: protects the suppressed cell Scotland")
        assert result.suppressions[1].col == 1

    def test_the_total_can_be_the_partner(self) -> None:
        result = protect_row([3], 3, DisclosureSettings(min_count=2, round_counts_to=1))
        assert result.cells == ((3,),)
        result = protect_row([1, 40], 41, DisclosureSettings(round_counts_to=1))
        assert result.cells == ((C, C),)


class TestInvalidTables:
    def test_every_problem_is_listed(self) -> None:
        with pytest.raises(ValueError) as raised:
            protect_table([[1, 2], [3]], [3, 3, 9], [4], -1)
        message = str(raised.value)
        assert message.startswith("the table cannot be protected: ")
        assert "row 1 has 1 cells but row 0 has 2" in message
        assert "row_totals has 3 entries but the table needs 2" in message
        assert "col_totals has 1 entries but the table needs 2" in message
        assert "grand_total must be 0 or more; got -1" in message

    def test_totals_must_match_the_cells(self) -> None:
        with pytest.raises(ValueError) as raised:
            protect_table([[10, 20], [30, 40]], [30, 71], [40, 60], 101)
        message = str(raised.value)
        assert "row_totals[1] is 71 but row 1 sums to 70" in message
        assert "grand_total is 101 but the cells sum to 100" in message
        assert "col_totals" not in message

    @pytest.mark.parametrize(
        ("cells", "message"),
        [
            ([], "at least one row and one column"),
            ([[]], "at least one row and one column"),
            ([[1.5, 2]], r"cells\[0\]\[0\] must be a whole number"),
            ([[-1, 2]], r"cells\[0\]\[0\] must be 0 or more"),
        ],
    )
    def test_invalid_cells(self, cells: list[list[int]], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            protect_table(cells, [1], [1, 1], 2)

    def test_label_lengths(self) -> None:
        with pytest.raises(ValueError, match="row_labels has 1 labels but the table needs 2"):
            protect_table([[10], [20]], [10, 20], [30], 30, row_labels=["a"])

    def test_invalid_one_way(self) -> None:
        with pytest.raises(ValueError, match="total is 9 but the cells sum to 8"):
            protect_row([3, 5], 9)
        with pytest.raises(ValueError, match="at least one cell"):
            protect_row([], 0)
        with pytest.raises(ValueError, match="labels has 1 labels"):
            protect_row([3, 5], 8, labels=["a"])


def test_exposed_cells_finds_a_lone_c() -> None:
    leaky = ProtectedTable(
        cells=((C, 50), (40, 60)),
        row_totals=(55, 100),
        col_totals=(45, 110),
        grand_total=155,
        suppressions=(),
        notes=(),
    )
    assert exposed_cells(leaky) == ((0, 0),)
    one_way = ProtectedTable(((C, 50),), (55,), (), 55, (), ())
    assert exposed_cells(one_way) == ((0, 0),)
    total_only = ProtectedTable(((3, 50),), (C,), (), C, (), ())
    assert exposed_cells(total_only) == ((0, None),)


# ---------------------------------------------------------------- property tests

counts = st.one_of(st.integers(0, 12), st.integers(0, 300))
disclosure_settings = st.builds(
    DisclosureSettings,
    min_count=st.integers(0, 15),
    suppress_zeros=st.booleans(),
    round_counts_to=st.integers(1, 10),
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[int]]:
    height = draw(st.integers(1, 6))
    width = draw(st.integers(1, 6))
    return [[draw(counts) for _ in range(width)] for _ in range(height)]


@settings(max_examples=300, deadline=None)
@given(cells=tables(), options=disclosure_settings)
def test_protected_tables_give_nothing_away(
    cells: list[list[int]], options: DisclosureSettings
) -> None:
    result = table(cells, options)
    rows = [sum(row) for row in cells]
    raw = raw_augmented(cells, rows, [sum(c) for c in zip(*cells, strict=True)], sum(rows))
    published = augmented(result)

    def small(value: int) -> bool:
        return 1 <= value < options.min_count or (value == 0 and options.suppress_zeros)

    for i, row in enumerate(published):
        for j, cell in enumerate(row):
            value = raw[i][j]
            # 1. nothing small is published, totals included
            if small(value):
                assert cell == C
            # 2. every published figure is its count rounded half up (or [k])
            if cell != C:
                rounded = round_half_up(value, options.round_counts_to)
                if value > 0 and rounded == 0:
                    assert cell == Symbol.ROUNDS_TO_ZERO
                else:
                    assert cell == rounded
    # 3. no row or column (totals counted) has exactly one [c]
    assert lone_suppressions(published) == []
    # 4. no [c] can be solved for from the row and column equations at all
    assert solvable_cells(published) == []
    assert exposed_cells(result) == ()
    # 5. one record per [c], primary exactly for the small cells
    hidden = suppressed_positions(published)
    height, width = len(cells), len(cells[0])
    recorded = {
        (height if s.row is None else s.row, width if s.col is None else s.col): s
        for s in result.suppressions
    }
    assert len(recorded) == len(result.suppressions) == len(hidden)
    assert set(recorded) == hidden
    for (i, j), record in recorded.items():
        assert record.primary == small(raw[i][j])
        assert record.reason.startswith("primary: " if record.primary else "secondary: ")
    # 6. nothing suppressed when nothing is small
    if not any(small(v) for row in raw for v in row):
        assert hidden == set()
    # 7. deterministic
    assert table(cells, options) == result


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(counts, min_size=1, max_size=10),
    options=disclosure_settings,
)
def test_protected_lists_give_nothing_away(cells: list[int], options: DisclosureSettings) -> None:
    result = protect_row(cells, sum(cells), options)
    published = augmented(result)
    raw = [*cells, sum(cells)]
    for j, cell in enumerate(published[0]):
        if 1 <= raw[j] < options.min_count or (raw[j] == 0 and options.suppress_zeros):
            assert cell == C
    assert lone_suppressions(published) == []
    assert solvable_cells(published) == []
    assert exposed_cells(result) == ()
    assert len(result.suppressions) == sum(cell == C for cell in published[0])
    secondary = [s for s in result.suppressions if not s.primary]
    assert len(secondary) <= 1

"""Statistics for charter measures: intervals, tests of change and disclosure control.

Small pure functions on plain Python numbers; results are frozen dataclasses. Proportions
are fractions in [0, 1]; bases and counts are whole numbers of people or cases.

- :mod:`.intervals`: Wilson intervals, weighted proportions (Kish effective sample size);
- :mod:`.means`: means, totals and ratios of sums with standard errors and intervals;
- :mod:`.change`: is a change between two years real? (z-test or Fisher's exact test,
  binomial test, z-test on two means, stock rule, 5% rule);
- :mod:`.trend`: is a run of years a sustained movement? (Cochran-Armitage, steady-run rule);
- :mod:`.disclosure`: suppression, secondary suppression, rounding, words;
- :mod:`.symbols`: the shorthand symbols ``[c] [x] [z] [u] [p] [r] [b] [k]``.
"""

from charterwatch.stats.change import (
    Change,
    Direction,
    compare_counts,
    compare_proportions,
    compare_stocks,
    compare_values,
)
from charterwatch.stats.disclosure import (
    DEFAULT_SETTINGS,
    Cell,
    DisclosureSettings,
    ProtectedProportion,
    ProtectedTable,
    Suppression,
    exposed_cells,
    proportion_in_words,
    protect_proportion,
    protect_row,
    protect_table,
    round_base,
    round_half_up,
    round_percent,
)
from charterwatch.stats.intervals import (
    Interval,
    ProportionEstimate,
    proportion_from_counts,
    weighted_proportion,
    wilson_interval,
)
from charterwatch.stats.symbols import Symbol
from charterwatch.stats.trend import sustained_decline, trend_in_proportions, trend_in_values

__all__ = [
    "DEFAULT_SETTINGS",
    "Cell",
    "Change",
    "Direction",
    "DisclosureSettings",
    "Interval",
    "ProportionEstimate",
    "ProtectedProportion",
    "ProtectedTable",
    "Suppression",
    "Symbol",
    "compare_counts",
    "compare_proportions",
    "compare_stocks",
    "compare_values",
    "exposed_cells",
    "proportion_from_counts",
    "proportion_in_words",
    "protect_proportion",
    "protect_row",
    "protect_table",
    "round_base",
    "round_half_up",
    "round_percent",
    "sustained_decline",
    "trend_in_proportions",
    "trend_in_values",
    "weighted_proportion",
    "wilson_interval",
]

"""The order figures are listed in: numbers inside names compare as numbers.

Stored as text, 10-day bands sort 1-10, 101+, 11-20 ... and groups 1, 10, 2. Every output
reads figures through :meth:`charterwatch.results.store.ResultsStore.query`, which sorts
with :func:`figure_order`, so the site, every download, the PDFs and the command line list
bands, percentiles and numbered groups in the same, numeric, order.
"""

from __future__ import annotations

import re

from charterwatch.results.figure import Figure

_NUMBER = re.compile(r"(\d+)")

NaturalKey = tuple[tuple[int, int, str], ...]


def natural_key(text: str) -> NaturalKey:
    """``band:101+`` -> parts where digits compare as numbers: ``band:1-10`` <
    ``band:11-20`` < ``band:101+``; ``p25`` < ``p75`` < ``p90``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _NUMBER.split(text)
        if part
    )


def figure_order(f: Figure) -> tuple[str, str, str, NaturalKey, NaturalKey]:
    """Measure, period, breakdown, then group and statistic in natural order."""
    return (f.measure, f.label, f.breakdown, natural_key(f.group), natural_key(f.statistic))

"""A duration's supporting figures as people read them: bands with their shares, and
percentiles in words.

The 10-day bands are shown in numeric order with their count, their share of all cases and
the cumulative share ("76% within 40 working days"); the percentiles read "a quarter took
10 working days or less", never "p25". The site, the spreadsheets and the CSV files all take
their band shares from :func:`bands_of`, so they cannot disagree.

Shares are worked out only from published figures (the published band counts over the
published base), so they reveal nothing the counts do not. A withheld band has no share, and
no cumulative share is given from it on: two cumulative shares either side of it would pin
it down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from charterwatch.publish.i18n import Catalogue
from charterwatch.results.figure import Figure
from charterwatch.stats.rounding import round_half_up
from charterwatch.units import UNIT_WORDS

BAND = "band:"
PERCENTILE = re.compile(r"^p(\d{1,2})$")
_RANGE = re.compile(r"^(\d+)(?:-(\d+)|(\+))?$")


def band_bounds(statistic: str) -> tuple[int, int | None] | None:
    """``band:11-20`` -> (11, 20); ``band:101+`` -> (101, None); ``band:0`` -> (0, 0)."""
    if not statistic.startswith(BAND):
        return None
    found = _RANGE.match(statistic[len(BAND) :])
    if found is None:
        return None
    low = int(found.group(1))
    if found.group(3):
        return low, None
    return low, int(found.group(2)) if found.group(2) else low


@dataclass(frozen=True)
class Band:
    """One band: its figure, bounds, words, count and shares (percent, whole numbers);
    ``None`` where withheld or not worked out."""

    figure: Figure
    low: int
    high: int | None
    label: str
    share: float | None
    cumulative: float | None

    @property
    def count(self) -> float | None:
        return self.figure.value


def band_label(low: int, high: int | None, unit: str, t: Catalogue) -> str:
    """ "11 to 20 working days", "101 working days or more", "0 working days"."""
    words = UNIT_WORDS.get(unit, unit.replace("_", " "))
    if high is None:
        return t("site.bands.open", low=low, unit=words)
    if high == low:
        return t("site.bands.one", low=low, unit=words)
    return t("site.bands.range", low=low, high=high, unit=words)


def bands_of(rows: Sequence[Figure], headline: Figure | None, t: Catalogue) -> list[Band]:
    """The band figures among ``rows``, in numeric order, with shares of the headline's
    published base and cumulative shares up to the first withheld band."""
    found = sorted(
        ((bounds, r) for r in rows if (bounds := band_bounds(r.statistic)) is not None),
        key=lambda pair: pair[0][0],
    )
    total = headline.base if headline is not None and not headline.symbol else None
    unit = headline.unit if headline is not None else "working_days"
    out = []
    running = 0.0
    unbroken = total is not None and total > 0
    for (low, high), r in found:
        withheld = r.value is None or bool(r.symbol)
        share = None
        if total and not withheld and r.value is not None:
            share = float(round_half_up(100 * r.value / total))
            running += r.value
        unbroken = unbroken and not withheld
        cumulative = float(round_half_up(100 * running / total)) if unbroken and total else None
        out.append(Band(r, low, high, band_label(low, high, unit, t), share, cumulative))
    return out


def percentile_of(statistic: str) -> int | None:
    """``p90`` -> 90; anything else -> None."""
    found = PERCENTILE.match(statistic)
    return int(found.group(1)) if found else None


def percentile_words(statistic: str, t: Catalogue) -> str | None:
    """``p25`` -> "A quarter took this long or less (25th percentile)"; None if not one."""
    share = percentile_of(statistic)
    if share is None:
        return None
    try:
        return t(f"site.percentiles.p{share}")
    except KeyError:
        return t("site.percentiles.other", n=share)

"""Bands and percentiles as people read them (publish/supporting.py), on constructed figures:
numeric order, shares of the published base, and no cumulative share that could reveal a
withheld band."""

from __future__ import annotations

from charterwatch.dates.periods import FinancialYear
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.supporting import band_bounds, bands_of, percentile_words
from charterwatch.results.figure import Figure
from charterwatch.results.order import natural_key

t = Catalogue()
YEAR = FinancialYear.parse("2024-25")


def _band(statistic: str, value: float | None, symbol: str = "") -> Figure:
    return Figure("M", YEAR, statistic, value, "count", symbol=symbol)


HEADLINE = Figure("M", YEAR, "value", 25.0, "working_days", base=200)


def test_bounds_and_natural_order() -> None:
    assert band_bounds("band:11-20") == (11, 20)
    assert band_bounds("band:101+") == (101, None)
    assert band_bounds("band:0") == (0, 0)
    assert band_bounds("p25") is None
    stats = ["band:101+", "band:11-20", "band:1-10", "p90", "p25", "band:0"]
    assert sorted(stats, key=natural_key) == [
        "band:0",
        "band:1-10",
        "band:11-20",
        "band:101+",
        "p25",
        "p90",
    ]


def test_shares_and_cumulative_shares_of_the_published_base() -> None:
    rows = [_band("band:11-20", 60.0), _band("band:101+", 20.0), _band("band:1-10", 120.0)]
    bands = bands_of(rows, HEADLINE, t)
    assert [b.label for b in bands] == [
        "1 to 10 working days",
        "11 to 20 working days",
        "101 working days or more",
    ]
    assert [b.share for b in bands] == [60.0, 30.0, 10.0]
    assert [b.cumulative for b in bands] == [60.0, 90.0, 100.0]


def test_no_cumulative_share_from_a_withheld_band_on() -> None:
    rows = [
        _band("band:1-10", 120.0),
        _band("band:11-20", None, "[c]"),
        _band("band:21-30", 50.0),
        _band("band:31-40", 25.0),
    ]
    bands = bands_of(rows, HEADLINE, t)
    assert [b.share for b in bands] == [60.0, None, 25.0, 13.0]  # 12.5 rounds half up
    assert [b.cumulative for b in bands] == [60.0, None, None, None]
    # An intruder with the published base and every published share and cumulative share
    # still cannot pin the withheld band beyond what the counts themselves leave open.
    shown = [b.cumulative for b in bands if b.cumulative is not None]
    assert len(shown) == 1


def test_no_shares_without_a_published_base() -> None:
    withheld = Figure("M", YEAR, "value", None, "working_days", base=None, symbol="[c]")
    bands = bands_of([_band("band:1-10", 5.0)], withheld, t)
    assert bands[0].share is None and bands[0].cumulative is None


def test_percentiles_in_words() -> None:
    assert percentile_words("p25", t) == "A quarter took this long or less (25th percentile)"
    assert percentile_words("p90", t) == "9 in 10 took this long or less (90th percentile)"
    assert percentile_words("p95", t) == "95 in 100 took this long or less (95th percentile)"
    assert percentile_words("value", t) is None

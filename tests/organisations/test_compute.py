"""Per-organisation figures: the by_organisation breakdowns and the organisation_return kind."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from charterwatch.pipeline import Pipeline
from tests.organisations.conftest import Computed
from tests.organisations.fixtures import TINY, organisation_rows, returns_csv, write_framework
from tests.organisations.test_intruder import raw_counts

PEER = {ident: peer for ident, _, peer, _ in organisation_rows()}


def whole(x: float) -> float:
    return float(Decimal(str(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def test_a_share_of_records_by_organisation_gives_each_organisation_and_peer_group(
    computed: Computed,
) -> None:
    figures = computed.pipeline.store.query(measure="M1", statistic="value")
    raw = raw_counts()[("M1", "2024-25")]
    mine = {(f.breakdown, f.group): f for f in figures if f.period.label == "2024-25"}
    assert {g for b, g in mine if b == "organisation"} == set(PEER)
    assert {g for b, g in mine if b == "peer_group"} == set(PEER.values())
    for org, (base, hits) in raw.items():
        figure = mine[("organisation", org)]
        if figure.value is not None:
            assert figure.value == whole(100 * int(hits or 0) / base), org
    peer = "large urban"
    members = [o for o, p in PEER.items() if p == peer]
    n = sum(raw[o][0] for o in members)
    hits = sum(int(raw[o][1] or 0) for o in members)
    assert mine[("peer_group", peer)].value == whole(100 * hits / n)


def test_an_organisation_ratio_is_summed_numerators_over_summed_denominators(
    computed: Computed,
) -> None:
    rows = [r for r in csv.DictReader(io.StringIO(returns_csv())) if r["indicator"] == "satisfied"]
    year = [r for r in rows if r["year"] == "2023-24"]
    num = sum(int(r["numerator"]) for r in year)
    den = sum(int(r["denominator"]) for r in year)
    figures = computed.pipeline.store.query(measure="M2", period="2023-24", statistic="value")
    head = next(f for f in figures if f.breakdown == "all")
    assert head.value == whole(100 * num / den)
    first = next(f for f in figures if f.group == "L001")
    own = next(r for r in year if r["organisation"] == "L001")
    assert first.value == whole(100 * int(own["numerator"]) / int(own["denominator"]))
    assert first.ci_low is not None and first.ci_high is not None
    assert first.ci_low <= first.value <= first.ci_high, "a share of counts has its interval"


def test_an_organisation_value_is_the_base_weighted_mean(computed: Computed) -> None:
    rows = [r for r in csv.DictReader(io.StringIO(returns_csv())) if r["indicator"] == "relet_days"]
    year = [r for r in rows if r["year"] == "2022-23"]
    mean = sum(float(r["value"]) * int(r["base"]) for r in year) / sum(int(r["base"]) for r in year)
    figures = computed.pipeline.store.query(measure="M3", period="2022-23", statistic="value")
    head = next(f for f in figures if f.breakdown == "all")
    assert head.value == round(mean, 1)
    tiny = next(f for f in figures if f.group == TINY)
    assert tiny.value is None and tiny.symbol == "[c]", "3 homes: withheld"


def test_a_national_row_is_the_national_figure(tmp_path: Path) -> None:
    data = returns_csv() + "ALL,2024-25,relet_days,,,33.3,5000\n"
    root = write_framework(tmp_path / "fw", {"data/returns.csv": data})
    pipeline = Pipeline.open(root)
    pipeline.compute(measure_ids=["M3"])
    head = pipeline.store.query(measure="M3", period="2024-25", breakdown="all")
    assert [f.value for f in head if f.statistic == "value"] == [33.3]

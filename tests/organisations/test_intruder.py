"""Be the intruder: no published organisation figure reveals a small count, directly or by
differencing with the national figure or the peer group.

The raw counts are worked out here from the fixture's own data, independently of the
pipeline; the published figures are read back from the results store and (once built)
the per-organisation downloads.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from charterwatch.results.figure import Figure
from charterwatch.stats.settings import DEFAULT_SETTINGS
from tests.organisations.conftest import Computed
from tests.organisations.fixtures import TINY, organisation_rows, repairs_csv, returns_csv

MIN = DEFAULT_SETTINGS.min_count
PEER = {ident: peer for ident, _, peer, _ in organisation_rows()}
Raw = dict[tuple[str, str], tuple[int, int | None]]
"""(measure, year) -> {organisation id: (base, numerator)}"""


def fy(date: str) -> str:
    year, month = int(date[:4]), int(date[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def raw_counts() -> dict[tuple[str, str], dict[str, tuple[int, int | None]]]:
    """Each measure's and year's raw (base, numerator) per organisation, from the data."""
    out: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for row in csv.DictReader(io.StringIO(repairs_csv())):
        cell = out[("M1", fy(row["reported_date"]))][row["landlord_id"]]
        cell[0] += 1
        cell[1] += row["first_time"] == "true"
    for row in csv.DictReader(io.StringIO(returns_csv())):
        if row["indicator"] == "satisfied":
            out[("M2", row["year"])][row["organisation"]] = [
                int(row["denominator"]),
                int(row["numerator"]),
            ]
        else:
            out[("M3", row["year"])][row["organisation"]] = [int(row["base"]), -1]
    return {
        key: {org: (b, None if n < 0 else n) for org, (b, n) in cells.items()}
        for key, cells in out.items()
    }


def small(count: int) -> bool:
    return 0 < count < MIN


def _groups(figures: list[Figure], measure: str, year: str) -> dict[tuple[str, str], Figure]:
    return {
        (f.breakdown, f.group): f
        for f in figures
        if f.measure == measure and f.period.label == year and f.statistic == "value"
    }


def test_no_published_organisation_figure_rests_on_a_small_count(computed: Computed) -> None:
    figures = computed.pipeline.store.query()
    checked = 0
    for (measure, year), cells in raw_counts().items():
        published = _groups(figures, measure, year)
        for org, (base, hits) in cells.items():
            figure = published[("organisation", org)]
            if figure.value is None:
                continue
            checked += 1
            assert not small(base), f"{measure} {year} {org}: base {base} published"
            if hits is not None:
                assert not small(hits) and not small(base - hits), (measure, year, org)
    assert checked > 50


def test_the_tiny_organisation_is_withheld_everywhere(computed: Computed) -> None:
    figures = computed.pipeline.store.query()
    mine = [f for f in figures if f.breakdown == "organisation" and f.group == TINY]
    assert mine and all(f.value is None and f.symbol == "[c]" for f in mine)


def test_no_small_count_can_be_worked_out_by_differencing(computed: Computed) -> None:
    """For each table (national and its organisations or peer groups; a peer group and its
    organisations) whose total is published, what the intruder learns by subtraction is the
    sum over the withheld cells: it must be 0 cells or not small (base, numerator and
    complement alike)."""
    figures = computed.pipeline.store.query()
    tables = 0
    for (measure, year), cells in raw_counts().items():
        published = _groups(figures, measure, year)
        peers: dict[str, list[str]] = defaultdict(list)
        for org in cells:
            peers[PEER[org]].append(org)
        groups = [(("all", "all"), list(cells))]
        groups += [(("peer_group", p), orgs) for p, orgs in peers.items()]
        for total_key, orgs in groups:
            if published[total_key].value is None:
                continue
            hidden = [o for o in orgs if published[("organisation", o)].value is None]
            tables += 1
            base = sum(cells[o][0] for o in hidden)
            assert not small(base), f"{measure} {year} {total_key}: {hidden} sum to {base}"
            if hidden and cells[hidden[0]][1] is not None:
                hits = sum(int(cells[o][1] or 0) for o in hidden)
                assert not small(hits) and not small(base - hits), (measure, year, hidden)
        head = published[("all", "all")]
        if head.value is not None:
            withheld = [p for p in peers if published[("peer_group", p)].value is None]
            base = sum(cells[o][0] for p in withheld for o in peers[p])
            assert not small(base), (measure, year, withheld)
    assert tables >= 3 * 3 * 4


def test_the_peer_group_of_the_tiny_organisation_withholds_a_partner(computed: Computed) -> None:
    """Without the nested tables, the peer group minus its published members gives the
    tiny organisation away."""
    figures = computed.pipeline.store.query()
    peer = PEER[TINY]
    members = [o for o, p in PEER.items() if p == peer and o != TINY]
    for f in figures:
        if f.measure == "M2" and f.breakdown == "peer_group" and f.group == peer:
            year = f.period.label
            hidden = [
                g.group
                for g in figures
                if g.measure == "M2"
                and g.period.label == year
                and g.breakdown == "organisation"
                and g.group in members
                and g.value is None
            ]
            assert f.value is None or hidden, f"{year}: only {TINY} withheld in {peer}"

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

import pytest

from charterwatch.stats.settings import DEFAULT_SETTINGS
from tests.organisations.conftest import Site
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


Published = dict[tuple[str, str], dict[tuple[str, str], float | None]]
"""(measure, year) -> {(breakdown, group): the published figure, None when withheld}"""


def from_store(site: Site) -> Published:
    out: Published = defaultdict(dict)
    for f in site.computed.pipeline.store.query(statistic="value"):
        out[(f.measure, f.period.label)][(f.breakdown, f.group)] = f.value
    return out


def from_downloads(site: Site) -> Published:
    """What anyone can read in the per-organisation CSV files of the built site."""
    out: Published = defaultdict(dict)
    folder = site.report.out / "downloads" / "organisations"
    for path in sorted(folder.glob("*.csv")):
        for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
            value = None if row["value"].startswith("[") else float(row["value"])
            out[(row["measure"], row["period"])][(row["breakdown"], row["grp"])] = value
    return out


SOURCES = {"results store": from_store, "per-organisation downloads": from_downloads}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_no_published_organisation_figure_rests_on_a_small_count(site: Site, source: str) -> None:
    figures = SOURCES[source](site)
    checked = 0
    for (measure, year), cells in raw_counts().items():
        published = figures[(measure, year)]
        for org, (base, hits) in cells.items():
            if published[("organisation", org)] is None:
                continue
            checked += 1
            assert not small(base), f"{measure} {year} {org}: base {base} published"
            if hits is not None:
                assert not small(hits) and not small(base - hits), (measure, year, org)
    assert checked > 50


def test_the_tiny_organisation_is_withheld_everywhere(site: Site) -> None:
    figures = site.computed.pipeline.store.query()
    mine = [f for f in figures if f.breakdown == "organisation" and f.group == TINY]
    assert mine and all(f.value is None and f.symbol == "[c]" for f in mine)
    text = (site.report.out / "downloads" / "organisations" / f"{TINY}.csv").read_text("utf-8")
    own = [r for r in csv.DictReader(io.StringIO(text)) if r["breakdown"] == "organisation"]
    assert own and all(r["value"] == "[c]" and r["base"] == "" for r in own)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_no_small_count_can_be_worked_out_by_differencing(site: Site, source: str) -> None:
    """For each table (national and its organisations or peer groups; a peer group and its
    organisations) whose total is published, what the intruder learns by subtraction is the
    sum over the withheld cells: it must be 0 cells or not small (base, numerator and
    complement alike)."""
    figures = SOURCES[source](site)
    tables = 0
    for (measure, year), cells in raw_counts().items():
        published = figures[(measure, year)]
        peers: dict[str, list[str]] = defaultdict(list)
        for org in cells:
            peers[PEER[org]].append(org)
        groups = [(("all", "all"), list(cells))]
        groups += [(("peer_group", p), orgs) for p, orgs in peers.items()]
        for total_key, orgs in groups:
            if published[total_key] is None:
                continue
            hidden = [o for o in orgs if published[("organisation", o)] is None]
            tables += 1
            base = sum(cells[o][0] for o in hidden)
            assert not small(base), f"{measure} {year} {total_key}: {hidden} sum to {base}"
            if hidden and cells[hidden[0]][1] is not None:
                hits = sum(int(cells[o][1] or 0) for o in hidden)
                assert not small(hits) and not small(base - hits), (measure, year, hidden)
        if published[("all", "all")] is not None:
            withheld = [p for p in peers if published[("peer_group", p)] is None]
            base = sum(cells[o][0] for p in withheld for o in peers[p])
            assert not small(base), (measure, year, withheld)
    assert tables >= 3 * 3 * 4


def test_the_peer_group_of_the_tiny_organisation_withholds_a_partner(site: Site) -> None:
    """Without the nested tables, the peer group minus its published members gives the
    tiny organisation away."""
    figures = from_store(site)
    members = [o for o, p in PEER.items() if p == PEER[TINY] and o != TINY]
    for year in ("2022-23", "2023-24", "2024-25"):
        published = figures[("M2", year)]
        if published[("peer_group", PEER[TINY])] is None:
            continue
        hidden = [o for o in members if published[("organisation", o)] is None]
        assert hidden, f"{year}: only {TINY} withheld in its peer group"

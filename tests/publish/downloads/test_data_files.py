"""The CSV and JSON files hold every stored row exactly, sorted, as UTF-8."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from charterwatch.console.results import figure_dict
from charterwatch.publish.downloads import DownloadsIndex, write_downloads
from charterwatch.publish.downloads.records import FIGURE_COLUMNS, MISSING_VALUES
from charterwatch.publish.i18n import Catalogue
from charterwatch.results.figure import Figure
from tests.publish.downloads.fixtures import Computed

KEY = ("measure", "period", "breakdown", "grp", "statistic")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(cell: str) -> float | None:
    return None if cell in MISSING_VALUES else float(cell)


def flat(figure: Figure) -> dict[str, Any]:
    """A stored figure as the flat record the command line prints (period label, grp ...)."""
    record = figure_dict(figure, Catalogue())
    record["evidence"] = [dict(e) for e in figure.evidence]
    record["provenance"] = dict(figure.provenance)
    record["figure"] = figure
    return record


def assert_matches(cells: dict[str, str], figure: Figure, title: str) -> None:
    """One CSV row against its stored figure, column by column."""
    row = flat(figure)
    for key in KEY:
        assert cells[key] == row[key]
    assert cells["measure_title"] == title
    assert "effective_base" not in cells, "exact bases are never published"
    for column in ("value", "ci_low", "ci_high"):
        assert number(cells[column]) == row[column], (column, cells, row)
    assert (int(cells["base"]) if cells["base"] else None) == row["base"]
    if row["value"] is None:
        assert cells["value"] == row["symbol"]
    for column in ("unit", "symbol", "note"):
        assert cells[column] == row[column]
    for column in ("status", "reason", "shortfall"):
        assert cells[column] == row[column], column
    assert cells["synthetic"] == ("true" if row["synthetic"] else "false")
    assert cells["source"] == row["provenance"].get("source_title", "")
    assert cells["source_url"] == row["provenance"].get("source_url", "")


def check_store(computed: Computed, out: Path) -> None:
    store_rows = [flat(f) for f in computed.pipeline.store.query()]
    titles = {m: v.measure.title for m, v in computed.publication.measures.items()}
    everything = read_csv(out / "data" / "all-figures.csv")
    assert len(everything) == len(store_rows)
    assert [tuple(c[k] for k in KEY) for c in everything] == sorted(
        tuple(r[k] for k in KEY) for r in store_rows
    )
    by_key = {tuple(r[k] for k in KEY): r for r in store_rows}
    for cells in everything:
        row = by_key[tuple(cells[k] for k in KEY)]
        assert_matches(cells, row["figure"], titles[row["measure"]])
    for measure in computed.publication.measures:
        per_measure = read_csv(out / "data" / f"{measure}.csv")
        assert per_measure == [c for c in everything if c["measure"] == measure]
        assert len(per_measure) == len(computed.pipeline.store.query(measure=measure))


def test_csv_rows_match_the_store_exactly(computed: Computed, out_dir: Path) -> None:
    check_store(computed, out_dir)


def test_csv_rows_match_the_plain_measured_fixture(plain: Computed, tmp_path: Path) -> None:
    write_downloads(plain.publication, plain.pipeline.store, tmp_path, formats=["csv"])
    check_store(plain, tmp_path)
    assert not (tmp_path / "data" / "published-figures.csv").exists()


def test_csv_header_is_the_documented_columns(out_dir: Path) -> None:
    first = (out_dir / "data" / "all-figures.csv").read_bytes().split(b"\r\n")[0]
    assert first.decode() == ",".join(c.name for c in FIGURE_COLUMNS)
    assert not first.startswith(b"\xef\xbb\xbf"), "no byte order mark"


def test_published_figures_carry_their_source(computed: Computed, out_dir: Path) -> None:
    rows = read_csv(out_dir / "data" / "PUB.csv")
    cited = [r for r in rows if r["source"]]
    assert [(r["period"], r["value"], r["source"], r["source_url"]) for r in cited] == [
        ("2022-23", "71", "Official statistics: decisions, 2023", "https://example.org/stats/2023")
    ]
    citations = read_csv(out_dir / "data" / "published-figures.csv")
    assert [(c["figure_id"], c["measure"], c["value"]) for c in citations] == [
        ("kind-2021", "KIND", "61"),
        ("pub-2022", "PUB", "71"),
    ]
    assert "£ and é" in citations[0]["note"], "UTF-8 text survives"


def test_synthetic_rows_are_labelled(computed: Computed, out_dir: Path) -> None:
    rows = read_csv(out_dir / "data" / "WAIT.csv")
    stored = [flat(f) for f in computed.pipeline.store.query(measure="WAIT")]
    assert [r["synthetic"] for r in rows] == ["true" if r["synthetic"] else "false" for r in stored]
    assert "true" in [r["synthetic"] for r in rows]


def test_json_holds_the_same_figures_with_evidence(computed: Computed, out_dir: Path) -> None:
    for measure, view in computed.publication.measures.items():
        document = json.loads((out_dir / "data" / f"{measure}.json").read_text(encoding="utf-8"))
        assert document["measure"]["id"] == measure
        assert document["measure"]["title"] == view.measure.title
        assert document["year"] == computed.publication.year
        stored = [flat(f) for f in computed.pipeline.store.query(measure=measure)]
        assert len(document["figures"]) == len(stored)
        for figure, row in zip(document["figures"], stored, strict=True):
            assert tuple(figure[k] for k in KEY) == tuple(row[k] for k in KEY)
            for column in ("value", "base", "ci_low", "ci_high", "symbol", "note", "synthetic"):
                assert figure[column] == row[column]
            assert figure["evidence"] == row["evidence"]
            assert figure["status"] == row["status"]
            assert "status_inputs" not in figure and "provenance" not in figure


def test_files_are_deterministic(computed: Computed, tmp_path: Path) -> None:
    a = write_downloads(computed.publication, computed.pipeline.store, tmp_path / "a")
    b = write_downloads(computed.publication, computed.pipeline.store, tmp_path / "b")
    assert [f.name for f in a] == [f.name for f in b]
    for f in a:
        assert (tmp_path / "a" / f.name).read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f


def test_an_earlier_year_leaves_out_later_rows(computed: Computed, tmp_path: Path) -> None:
    from charterwatch.publish.view import build_publication

    pipeline = computed.pipeline
    earlier = build_publication(pipeline.framework, pipeline.store, year="2021-22")
    index = write_downloads(earlier, pipeline.store, tmp_path, formats=["csv"])
    rows = read_csv(tmp_path / "data" / "all-figures.csv")
    assert {r["period"] for r in rows} == {"2021-22"}
    assert len(rows) == len(pipeline.store.query(period="2021-22"))
    assert isinstance(index, DownloadsIndex)


@pytest.mark.parametrize("measure_id", ["a/b", "x y"])
def test_unsafe_measure_ids_make_safe_file_names(measure_id: str) -> None:
    from charterwatch.publish.downloads.records import file_stem

    stem = file_stem(measure_id)
    assert "/" not in stem and " " not in stem

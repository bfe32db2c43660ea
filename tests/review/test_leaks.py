"""The leak check on a small hand-made site and store: it finds a printed withheld count."""

from __future__ import annotations

from pathlib import Path

from charterwatch.measures.rows import ResultRow
from charterwatch.results.assess import ChangeRules
from charterwatch.results.decide import decide
from charterwatch.results.store import ResultsStore
from charterwatch.review.leaks import published_forms, read_withheld, withheld_values_leaked
from charterwatch.stats.settings import DEFAULT_SETTINGS

HEADER = "measure,period,breakdown,grp,statistic,value,unit,base,symbol,note\n"
ROWS = (
    "M9.01,2024-25,all,all,band:1-10,40,count,,,\n"
    "M9.01,2024-25,all,all,band:51-60,[c],count,,[c],suppressed\n"
    "M9.01,2024-25,all,all,band:61-70,[c],count,,[c],suppressed\n"
)


def make_store(root: Path) -> Path:
    """Three bands of a duration: 40 published, 3 withheld (primary), 12 withheld (secondary),
    written through the real protection and store."""
    path = root / ".charterwatch" / "results.duckdb"
    rows = [
        ResultRow("M9.01", "2024-25", "band:1-10", 40.0, "count"),
        ResultRow("M9.01", "2024-25", "band:51-60", 3.0, "count"),
        ResultRow("M9.01", "2024-25", "band:61-70", 12.0, "count"),
    ]
    decided = decide([], rows, {}, DEFAULT_SETTINGS, ChangeRules(), keep_years=["2024-25"])
    ResultsStore(path).write(
        decided.figures,
        engine="duckdb",
        years=["2024-25"],
        inputs=decided.inputs,
        suppressions=decided.suppressed,
    )
    return path


def make_site(root: Path, page_row: str) -> Path:
    site = root / "site"
    (site / "downloads" / "data").mkdir(parents=True)
    (site / "downloads" / "data" / "M9.01.csv").write_text(HEADER + ROWS, "utf-8")
    (site / "measures" / "M9.01").mkdir(parents=True)
    page = (
        "<html><body><h2>Supporting figures, 2024-25</h2><table>"
        f"<tr><th>1-10</th><td>40</td></tr>{page_row}</table></body></html>"
    )
    (site / "measures" / "M9.01" / "index.html").write_text(page, "utf-8")
    return site


def test_the_store_tells_the_true_value_of_a_primary_suppression(tmp_path: Path) -> None:
    withheld = read_withheld(make_store(tmp_path))
    assert [(w.statistic, w.value, w.kind) for w in withheld] == [
        ("band:51-60", 3.0, "count"),
        ("band:61-70", 12.0, "count"),
    ]
    assert published_forms(withheld[0]) == ("3",)


def test_a_withheld_count_printed_on_its_page_is_a_leak(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    site = make_site(tmp_path, "<tr><th>51-60</th><td>3</td></tr>")
    leaks = withheld_values_leaked(site, store)
    assert [(leak.source, leak.form) for leak in leaks] == [("measures/M9.01/index.html", "3")]


def test_the_same_number_in_another_row_is_not_a_leak(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    site = make_site(tmp_path, "<tr><th>51-60</th><td>[c]</td></tr><tr><th>p25</th><td>3</td></tr>")
    assert withheld_values_leaked(site, store) == []

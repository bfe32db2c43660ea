"""The trend chart: accessible markup, honest axes, gaps, breaks and a complete summary."""

from __future__ import annotations

from itertools import pairwise

from charterwatch.publish.charts import Chart, trend_chart
from charterwatch.publish.formatting import value_text
from charterwatch.publish.i18n import Catalogue
from tests.publish.charts.fixtures import BREAK_REASON, row, survey_view, view
from tests.publish.charts.svgcheck import NS, layer, parse, path_points, texts


def _chart() -> Chart:
    return trend_chart(survey_view(), Catalogue())


def _x_of_labels(chart: Chart) -> dict[str, float]:
    """Where each year is on the x axis, from its axis label."""
    axes = layer(parse(chart.svg), "cw-axes")
    return {
        t.text or "": float(t.get("x", "0"))
        for t in axes.iter(f"{NS}text")
        if t.get("text-anchor") == "middle" and (t.text or "")[:2] == "20"
    }


def test_svg_is_accessible_markup() -> None:
    chart = _chart()
    root = parse(chart.svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == chart.title == "Clients treated with kindness, 2019-20 to 2023-24"
    assert desc.text == chart.summary


def test_no_script_no_external_references_no_web_fonts() -> None:
    markup = _chart().svg
    lowered = markup.lower()
    banned = ("<script", "href", "url(", "@import", "@font-face", "<image", "<style")
    for word in (*banned, " onload=", " onclick="):
        assert word not in lowered, word
    assert "http" not in markup.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_text_is_at_least_12px() -> None:
    root = parse(_chart().svg)
    assert float(root.get("font-size", "0")) >= 12
    for element in root.iter():
        if element.get("font-size"):
            assert float(element.get("font-size", "0")) >= 12


def test_summary_says_first_latest_highest_and_the_break() -> None:
    summary = _chart().summary
    assert "From 2019-20 to 2023-24 the figure went from 89% to 90%." in summary
    assert "The highest was 94% in 2021-22." in summary
    assert "The lowest was 89% in 2019-20." in summary
    assert "The series breaks in 2022-23" in summary
    assert BREAK_REASON in summary
    assert "2020-21" in summary and "[c]" in summary
    # no claim of direction across the break
    assert "higher than the first" not in summary and "lower than the first" not in summary
    assert "Since the break it went from 91% in 2022-23 to 90% in 2023-24." in summary


def test_no_line_crosses_the_break_or_a_gap() -> None:
    chart = _chart()
    xs = _x_of_labels(chart)
    root = parse(chart.svg)
    breaks = layer(root, "cw-breaks")
    dashed = [ln for ln in breaks.iter(f"{NS}line") if ln.get("stroke-dasharray")]
    assert len(dashed) == 1
    break_x = float(dashed[0].get("x1", "0"))
    assert xs["2021-22"] < break_x < xs["2022-23"]
    assert "Break in series" in texts(breaks)
    paths = [p.get("d", "") for p in layer(root, "cw-series").iter(f"{NS}path")]
    assert paths, "the two years after the break are joined by a line"
    for d in paths:
        points = path_points(d)
        for (x1, _), (x2, _) in pairwise(points):
            assert not (x1 < break_x < x2), f"a line crosses the break: {d}"
            assert not (x1 < xs["2020-21"] < x2), f"a line crosses the withheld year: {d}"


def test_withheld_year_is_a_labelled_gap() -> None:
    chart = _chart()
    xs = _x_of_labels(chart)
    root = parse(chart.svg)
    marker_xs = {float(c.get("cx", "0")) for c in layer(root, "cw-markers").iter(f"{NS}circle")}
    assert xs["2020-21"] not in marker_xs
    assert {xs[y] for y in ("2019-20", "2021-22", "2022-23", "2023-24")} <= marker_xs
    gaps = list(layer(root, "cw-gaps").iter(f"{NS}text"))
    assert [g.text for g in gaps] == ["[c]"]
    assert float(gaps[0].get("x", "0")) == xs["2020-21"]


def test_missing_year_between_rows_is_filled_as_not_available() -> None:
    chart = trend_chart(view([row("2019-20", 50), row("2021-22", 60)]))
    assert [r["label"] for r in chart.table] == ["2019-20", "2020-21", "2021-22"]
    assert chart.table[1]["value"] == "[x]" and chart.table[1]["symbol"] == "[x]"
    assert texts(layer(parse(chart.svg), "cw-gaps")) == ["[x]"]
    assert not list(layer(parse(chart.svg), "cw-series").iter(f"{NS}path"))


def test_value_labels_are_the_formatted_figures() -> None:
    v = survey_view()
    chart = trend_chart(v)
    expected = [
        value_text(r.value, r.unit, r.symbol, r.note) for r in v.series if r.value is not None
    ]
    assert texts(layer(parse(chart.svg), "cw-values")) == expected


def test_table_is_the_data_behind_the_chart() -> None:
    chart = _chart()
    assert chart.table[0] == {
        "label": "2019-20",
        "value": "89%",
        "base": "1,200",
        "interval": "87.2% to 90.8%",
        "symbol": "",
    }
    assert chart.table[1]["value"] == "[c]" and chart.table[1]["symbol"] == "[c]"
    assert chart.table[3]["symbol"] == "[b]"
    assert [c[0] for c in chart.columns] == ["label", "value", "base", "interval", "symbol"]
    assert chart.columns[0][1] == "Financial year"
    assert any(n.startswith("[c] means confidential") for n in chart.notes)
    assert any(n.startswith("[b] means") for n in chart.notes)


def test_percent_axis_runs_0_to_100() -> None:
    axes = texts(layer(parse(_chart().svg), "cw-axes"))
    assert "0%" in axes and "100%" in axes


def test_narrow_percent_axis_still_starts_at_zero() -> None:
    chart = trend_chart(view([row("2019-20", 4.2), row("2020-21", 6.8), row("2021-22", 3.1)]))
    axes = texts(layer(parse(chart.svg), "cw-axes"))
    assert "0%" in axes
    assert "100%" not in axes
    assert "The latest figure is lower than the first." in chart.summary


def test_counts_are_columns_from_zero() -> None:
    chart = trend_chart(
        view(
            [row("2021-22", 1200, "count"), row("2022-23", 1530, "count")],
            unit="count",
        )
    )
    root = parse(chart.svg)
    bars = list(layer(root, "cw-columns").iter(f"{NS}rect"))
    assert len(bars) == 2
    bottoms = {round(float(b.get("y", "0")) + float(b.get("height", "0")), 1) for b in bars}
    assert len(bottoms) == 1, "every column stands on the zero line"
    assert "0" in texts(layer(root, "cw-axes"))
    assert texts(layer(root, "cw-values")) == ["1,200", "1,530"]


def test_same_input_gives_byte_identical_svg() -> None:
    assert trend_chart(survey_view()) == trend_chart(survey_view())
    assert trend_chart(survey_view()).svg == _chart().svg


def test_text_is_escaped() -> None:
    v = view([row("2022-23", 10), row("2023-24", 12)], title='Fish & chips <"quick">')
    chart = trend_chart(v)
    root = parse(chart.svg)
    title = root.find(f"{NS}title")
    assert title is not None and title.text == 'Fish & chips <"quick">, 2022-23 to 2023-24'
    assert '<"quick">' not in chart.svg


def test_no_data_and_one_year() -> None:
    empty = trend_chart(view([]))
    parse(empty.svg)
    assert empty.summary == "There are no figures for this measure yet."
    assert empty.table == []
    one = trend_chart(view([row("2023-24", 91, synthetic=True)]))
    assert one.summary.startswith("There is one figure so far: 91% in 2023-24.")
    assert "synthetic" in one.summary
    assert len(list(layer(parse(one.svg), "cw-markers").iter(f"{NS}circle"))) == 1


def test_break_at_the_first_year_is_not_drawn() -> None:
    v = view(
        [row("2022-23", 10), row("2023-24", 12)],
        breaks=[{"year": "2022-23", "reason": "New survey."}],
    )
    chart = trend_chart(v)
    assert not texts(layer(parse(chart.svg), "cw-breaks"))
    assert "breaks" not in chart.summary


def test_ids_differ_per_measure() -> None:
    a = trend_chart(view([row("2023-24", 1)], id="M1"))
    b = trend_chart(view([row("2023-24", 1)], id="M2"))
    assert 'id="chart-M1-trend-title"' in a.svg
    assert 'id="chart-M2-trend-title"' in b.svg


def test_crowded_line_labels_only_the_latest_figure_at_its_end() -> None:
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(2019, 2025)]
    rows = [row(y, 7 + 5 * i, "working_days") for i, y in enumerate(years)]
    chart = trend_chart(view(rows, unit="working_days", polarity="lower_is_better"))
    root = parse(chart.svg)
    labels = list(layer(root, "cw-values").iter(f"{NS}text"))
    assert [t.text for t in labels] == [value_text(32, "working_days")] == ["32 working days"]
    last_marker = list(layer(root, "cw-markers").iter(f"{NS}circle"))[-1]
    assert float(labels[0].get("x", "0")) > float(last_marker.get("cx", "0"))
    width = float(root.get("viewBox", "").split()[2])
    assert float(labels[0].get("x", "0")) + 15 * 14 * 0.6 <= width
    # every figure is still in the table and the first and latest in the summary
    assert [r["value"] for r in chart.table] == [f"{7 + 5 * i} working days" for i in range(6)]
    assert "from 7 working days to 32 working days" in chart.summary
    assert "For this measure a lower figure is better." in chart.summary

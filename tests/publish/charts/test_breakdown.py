"""The breakdown chart: bars in the given order, value labels, withheld groups without bars."""

from __future__ import annotations

from typing import Any

from charterwatch.publish.charts import breakdown_chart
from charterwatch.publish.formatting import value_text
from tests.publish.charts.fixtures import row, view
from tests.publish.charts.svgcheck import NS, layer, parse, texts

GROUPS = ["16 to 24", "25 to 34", "35 to 64", "65 and over"]


def _rows() -> list[dict[str, Any]]:
    def r(grp: str, value: float | None, **kw: Any) -> dict[str, Any]:
        return row("2023-24", value, breakdown="age_band", grp=grp, **kw)

    return [
        r("16 to 24", 91, base=120, ci=(85.0, 95.0)),
        r("25 to 34", None, symbol="[c]"),
        r("35 to 64", 88.5, base=640, ci=(86.0, 91.0)),
        r("65 and over", 93, base=300, ci=(90.0, 96.0)),
    ]


def _view() -> Any:
    return view([row("2023-24", 90)], breakdowns={"age_band": _rows()})


def test_markup_and_title() -> None:
    chart = breakdown_chart(_view(), "age_band")
    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-M1-age_band-title chart-M1-age_band-desc"
    assert chart.title == "Clients treated with kindness by age band, 2023-24"
    desc = root.find(f"{NS}desc")
    assert desc is not None and desc.text == chart.summary


def test_bars_in_the_order_given_and_none_for_withheld() -> None:
    root = parse(breakdown_chart(_view(), "age_band").svg)
    labels = list(layer(root, "cw-labels").iter(f"{NS}text"))
    assert [t.text for t in labels] == GROUPS
    ys = [float(t.get("y", "0")) for t in labels]
    assert ys == sorted(ys)
    bars = list(layer(root, "cw-bars").iter(f"{NS}rect"))
    assert len(bars) == 3
    bar_middles = [float(b.get("y", "0")) + float(b.get("height", "0")) / 2 for b in bars]
    # no bar on the row of the withheld group
    assert all(abs(m - (ys[1] - 5)) > 5 for m in bar_middles)
    assert "[c]" in texts(layer(root, "cw-values"))


def test_value_labels_are_the_formatted_figures() -> None:
    chart = breakdown_chart(_view(), "age_band")
    expected = [value_text(r.value, r.unit, r.symbol, r.note) for r in _rows()]
    assert texts(layer(parse(chart.svg), "cw-values")) == expected == ["91%", "[c]", "88.5%", "93%"]


def test_value_labels_sit_at_the_bar_ends() -> None:
    root = parse(breakdown_chart(_view(), "age_band").svg)
    bars = list(layer(root, "cw-bars").iter(f"{NS}rect"))
    ends = [t for t in layer(root, "cw-values").iter(f"{NS}text") if t.text != "[c]"]
    whiskers = [
        ln for ln in layer(root, "cw-intervals").iter(f"{NS}line") if ln.get("y1") == ln.get("y2")
    ]
    assert len(bars) == len(ends) == len(whiskers) == 3
    for bar, label, whisker in zip(bars, ends, whiskers, strict=True):
        bar_end = float(bar.get("x", "0")) + float(bar.get("width", "0"))
        interval_end = float(whisker.get("x2", "0"))
        label_x = float(label.get("x", "0"))
        assert label_x > max(bar_end, interval_end)
        assert label_x - max(bar_end, interval_end) < 10
        bar_middle = float(bar.get("y", "0")) + float(bar.get("height", "0")) / 2
        assert abs(float(label.get("y", "0")) - 5 - bar_middle) < 1


def test_summary_and_table() -> None:
    chart = breakdown_chart(_view(), "age_band")
    assert "The highest was 93% for 65 and over." in chart.summary
    assert "The lowest was 88.5% for 35 to 64." in chart.summary
    assert "There is no figure for 25 to 34 ([c]:" in chart.summary
    assert [r["label"] for r in chart.table] == GROUPS
    assert chart.table[0]["base"] == "120"
    assert chart.table[0]["interval"] == "85% to 95%"
    assert chart.table[1]["symbol"] == "[c]"
    assert chart.columns[0] == ("label", "Age band")


def test_percent_bars_are_drawn_on_a_0_to_100_scale() -> None:
    root = parse(breakdown_chart(_view(), "age_band").svg)
    bars = list(layer(root, "cw-bars").iter(f"{NS}rect"))
    widths = [float(b.get("width", "0")) for b in bars]
    starts = {float(b.get("x", "0")) for b in bars}
    assert len(starts) == 1, "every bar starts at zero"
    assert abs(widths[0] / widths[2] - 91 / 93) < 0.01


def test_unknown_dimension_and_determinism() -> None:
    empty = breakdown_chart(_view(), "sex")
    parse(empty.svg)
    assert empty.table == []
    assert "no figures by sex" in empty.summary
    assert breakdown_chart(_view(), "age_band") == breakdown_chart(_view(), "age_band")

"""The improvement trend carries its own colours and fonts, so it looks the same with no
stylesheet (in the status report PDF) as on the page."""

import datetime as dt
from types import SimpleNamespace

from crisis import charts
from response.templatetags.response import checkpoint_trend_chart

from ..svg import drawn, style_problems


def _checkpoints(n: int, confidence=2.5) -> list[SimpleNamespace]:
    start = dt.date(2026, 9, 1)
    return [
        SimpleNamespace(pk=i + 1, recorded_on=start + dt.timedelta(days=7 * i), completion_percent=10 * i,
                        actions_complete=i, actions_total=10, actions_overdue=max(0, 3 - i),
                        average_confidence=confidence)
        for i in range(n)
    ]


def test_each_series_is_drawn_in_its_own_colour():
    svg = checkpoint_trend_chart(_checkpoints(5))
    assert style_problems(svg) == []
    lines = {p.get("class"): p for p in drawn(svg, "polyline")}
    assert lines["trend__line trend__done"].get("stroke") == charts.BRAND
    assert lines["trend__line trend__confidence"].get("stroke") == charts.PURPLE
    assert all(line.get("fill") == "none" for line in lines.values())
    bars = [r for r in drawn(svg, "rect") if r.get("class") == "trend__overdue"]
    assert len(bars) == 1 + 3  # the legend's and one for each checkpoint with overdue actions
    assert {r.get("fill") for r in bars} == {charts.RED}
    right_axis = [t for t in drawn(svg, "text") if "trend__axis-right" in t.get("class")]
    assert right_axis and {t.get("fill") for t in right_axis} == {charts.RED}


def test_the_legend_entries_stand_apart():
    legend = drawn(checkpoint_trend_chart(_checkpoints(2)), "text")[:2]  # in the order drawn
    first_ends = float(legend[0].get("x")) + charts.text_width(legend[0].text)
    assert first_ends + charts.LABEL_GAP <= float(legend[1].get("x")) - 16  # the second entry's swatch


def test_the_small_chart_and_the_empty_chart_are_self_contained_too():
    for svg in (checkpoint_trend_chart(_checkpoints(12, confidence=None), small=True), checkpoint_trend_chart([])):
        assert style_problems(svg) == []
    small = checkpoint_trend_chart(_checkpoints(12), small=True)
    dates = [t for t in drawn(small, "text") if t.get("y") == str(196 + 80 + 18)]
    assert 2 <= len(dates) <= 4

"""The risk charts carry their own colours and fonts, so they look the same with no stylesheet
(in the PDF reports) as on the page; the bands' colours are set in one place."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from assessment.risk_matrix import BAND_COLOURS, Band, band_for
from assessment.templatetags.assessment import risk_heat_map, score_history_chart
from crisis import charts

from ..svg import SVG, drawn, parse, style_problems


def _grid(counts: dict[tuple[int, int], int]) -> list[list[dict]]:
    return [
        [{"likelihood": likelihood, "impact": impact, "band": band_for(likelihood, impact).value,
          "count": counts.get((likelihood, impact), 0)} for impact in range(1, 6)]
        for likelihood in range(5, 0, -1)
    ]


def test_each_heat_map_cell_is_filled_with_its_bands_colour():
    svg = risk_heat_map(_grid({(5, 5): 3, (1, 1): 1}), links=False)
    assert style_problems(svg) == []
    root = parse(svg)
    for group in root.iter(SVG + "g"):
        band = band_for(int(group.get("data-likelihood")), int(group.get("data-impact")))
        cell = group.find(SVG + "rect")
        count, initial = group.findall(SVG + "text")
        assert cell.get("fill") == BAND_COLOURS[band].fill
        assert cell.get("stroke") == charts.WHITE
        assert int(count.get("font-size")) == 20 and count.get("text-anchor") == "middle"
        if int(group.get("data-count")):
            assert count.get("fill") == BAND_COLOURS[band].text and count.get("font-weight") == "700"
        else:  # a zero is faded into the cell
            assert count.get("fill") == charts.blend(BAND_COLOURS[band].text, BAND_COLOURS[band].fill, 0.55)
        assert initial.text == band.label[0]


def test_counts_are_white_on_critical_cells():
    svg = risk_heat_map(_grid({(5, 5): 2}), links=False)
    group = next(g for g in parse(svg).iter(SVG + "g") if g.get("data-count") == "2")
    assert group.findall(SVG + "text")[0].get("fill") == "#ffffff"


def test_the_linked_heat_map_marks_the_chosen_cell_without_a_stylesheet():
    svg = risk_heat_map(_grid({(4, 4): 1}), link_base="/cases/X/risks/", selected=(4, 4))
    assert style_problems(svg) == []
    chosen = [r for r in drawn(svg, "rect") if "heat__cell--selected" in r.get("class")]
    assert len(chosen) == 1
    assert chosen[0].get("stroke") == "#000000" and chosen[0].get("stroke-dasharray") == "6 3"
    assert all(t.get("fill") for t in drawn(svg, "text"))


def test_the_axes_name_every_level_in_readable_type():
    texts = {t.get("class"): t for t in drawn(risk_heat_map(_grid({}), links=False), "text")}
    assert texts["heat__axis"].get("font-size") == "11" and texts["heat__axis"].get("fill") == charts.INK_MUTED
    assert texts["heat__axis-title"].get("font-weight") == "600"


def test_the_score_chart_draws_stripes_points_and_line_in_the_bands_colours():
    start = timezone.now() - dt.timedelta(days=40)
    history = [
        SimpleNamespace(changed_at=start + dt.timedelta(days=days), current_score=score, band=band, reason="Re-scored")
        for days, score, band in ((0, 12, "high"), (14, 20, "critical"), (30, 8, "medium"), (40, 3, "low"))
    ]
    svg = score_history_chart(history)
    assert style_problems(svg) == []
    stripes = [r.get("fill") for r in drawn(svg, "rect")]
    assert stripes == [BAND_COLOURS[b].tint for b in (Band.CRITICAL, Band.HIGH, Band.MEDIUM, Band.LOW)]
    points = [c.get("fill") for c in drawn(svg, "circle")]
    assert points == [BAND_COLOURS[b].mark for b in (Band.HIGH, Band.CRITICAL, Band.MEDIUM, Band.LOW)]
    (line,) = drawn(svg, "polyline")
    assert line.get("stroke") == charts.BRAND and line.get("fill") == "none"


def test_an_empty_score_chart_is_still_self_contained():
    svg = score_history_chart([])
    assert style_problems(svg) == [] and 'data-points="0"' in svg

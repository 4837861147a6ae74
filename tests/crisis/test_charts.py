"""The pieces the chart tags share: the palette agrees with the web page's stylesheet, and the
date axis never writes one label over another."""

import re

from crisis import charts

from ..stylesheet import css_variables


def test_the_palette_is_the_stylesheets():
    variables = css_variables()
    for name, colour in charts.CSS_VARIABLES.items():
        assert variables[name] == colour, name


def test_a_faded_colour_is_mixed_with_its_background():
    assert charts.blend("#000000", "#ffffff", 0.5) == "#808080"
    assert charts.blend("#1b1400", "#f2c230", 1) == "#1b1400"
    assert charts.blend("#ffffff", "#8e1b16", 0) == "#8e1b16"


def test_text_carries_its_own_look_and_escapes_what_it_shows():
    svg = charts.text(10, 20, "<b>Ofsted & LADO</b>", anchor="middle", weight=600, aria_hidden="true")
    assert svg == ('<text x="10" y="20" class="chart__axis" font-size="11" font-weight="600" fill="#55606e"'
                   ' text-anchor="middle" aria-hidden="true">&lt;b&gt;Ofsted &amp; LADO&lt;/b&gt;</text>')


def test_points_spread_by_time_inside_the_padding():
    assert charts.spread_x([5.0], left=40, width=500, pad=20) == [290.0]
    assert charts.spread_x([0, 10, 40], left=40, width=500, pad=20) == [60.0, 175.0, 520.0]
    assert charts.spread_x([3, 3, 3], left=40, width=500, pad=20) == [60.0, 290.0, 520.0]


def _extent(label: str) -> tuple[float, float]:
    x = float(re.search(r' x="([\d.]+)"', label).group(1))
    anchor = re.search(r'text-anchor="(\w+)"', label).group(1)
    width = charts.text_width(re.search(r">([^<]+)</text>", label).group(1))
    return {"start": (x, x + width), "middle": (x - width / 2, x + width / 2), "end": (x - width, x)}[anchor]


def test_the_date_axis_keeps_the_ends_and_never_overlaps():
    marks = [(60 + i * 37.5, f"{i + 1} Nov 2026") for i in range(13)]
    labels = charts.date_axis(marks, y=200, most=6)
    assert ">1 Nov 2026<" in labels[0] and 'text-anchor="start"' in labels[0]
    assert ">13 Nov 2026<" in labels[-1] and 'text-anchor="end"' in labels[-1]
    assert 2 < len(labels) <= 6
    extents = [_extent(label) for label in labels]
    for (_, right), (left, _) in zip(extents, extents[1:], strict=False):
        assert right + charts.LABEL_GAP <= left


def test_one_point_is_labelled_in_the_middle_and_few_points_each():
    assert 'text-anchor="middle"' in charts.date_axis([(300, "1 Nov 2026")], y=200, most=6)[0]
    assert len(charts.date_axis([(60, "1 Nov 2026"), (300, "2 Nov 2026"), (540, "3 Nov 2026")], y=200, most=6)) == 3
    assert charts.date_axis([], y=200, most=6) == []

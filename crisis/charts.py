"""What the stages' chart template tags share: the palette and the pieces every chart is drawn with.

A chart is server-side SVG that must look right with no stylesheet at all: the PDF reports load
none of the web page's CSS. So every colour, stroke, font size, font weight and text anchor is a
presentation attribute on the element itself. Class names stay on the elements for the web page's
hover and focus rules, and its stylesheet sets the page's font; any CSS rule still wins over a
presentation attribute, so the page can restyle a chart without the chart depending on it.

Every piece of text goes through format_html; nothing a user typed is ever marked safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The palette. The web page's stylesheet (static/css/safehold.css) has CSS variables of the same
# names for the colours it uses elsewhere; tests/crisis/test_charts.py checks that they agree.
INK = "#1b2430"
INK_MUTED = "#55606e"
BRAND = "#1d4f7a"
RED = "#b3261e"
GREEN = "#1e6b3a"
WHITE = "#ffffff"
PURPLE = "#5b2a86"  # the second series of a chart, beside the brand's blue
GRID = "#c9d1db"

CSS_VARIABLES = {"ink": INK, "ink-muted": INK_MUTED, "brand": BRAND, "red": RED, "green": GREEN}

# Text. The root element names a generic family, so the PDF uses its body font (the page's
# stylesheet sets its own); sizes are in the chart's user units.
FONT_FAMILY = "sans-serif"
AXIS_SIZE = 11
TITLE_SIZE = 12
# Wide enough for any sans-serif the reports or the browsers draw with (DejaVu Sans's digits take
# 0.64 em, its letters a little less on average): used to keep labels from running into each other.
_EM_PER_CHARACTER = 0.64
LABEL_GAP = 8  # the least room between two labels on one line


def blend(colour: str, background: str, opacity: float) -> str:
    """`colour` at `opacity` over `background`, as one opaque colour.

    Text is never given an `opacity`: WeasyPrint clips such text to where it would stand without
    its anchor, so a centred "0" prints as ")". The same colour, mixed here, prints whole.
    """
    def channels(value: str) -> list[int]:
        value = value.lstrip("#")
        return [int(value[i:i + 2], 16) for i in (0, 2, 4)]

    pairs = zip(channels(colour), channels(background), strict=True)
    return "#" + "".join(f"{round(opacity * c + (1 - opacity) * b):02x}" for c, b in pairs)


def attributes(**values) -> SafeString:
    """` name="value"` pairs in the order given; `_` becomes `-` (a trailing one is dropped, for
    `class_`) and a None value leaves the attribute out."""
    return format_html_join("", ' {}="{}"', (
        (name.rstrip("_").replace("_", "-"), value) for name, value in values.items() if value is not None
    ))


def text(x: float, y: float, content, *, cls: str = "chart__axis", size: float = AXIS_SIZE,
         fill: str = INK_MUTED, anchor: str | None = None, weight: int | None = None, **extra) -> SafeString:
    """A `<text>` element that carries its own font size, weight, colour and anchor."""
    return format_html(
        "<text{}>{}</text>",
        attributes(x=x, y=y, class_=cls, font_size=size, font_weight=weight, fill=fill, text_anchor=anchor, **extra),
        content,
    )


def title_text(x: float, y: float, content, *, cls: str = "chart__axis-title", **extra) -> SafeString:
    """An axis or panel title: larger, bolder and darker than the tick labels."""
    return text(x, y, content, cls=cls, size=TITLE_SIZE, weight=600, fill=INK, **extra)


def text_width(label: str, size: float = AXIS_SIZE) -> float:
    """How wide a one-line label is at most, in user units (an estimate that errs on the wide side)."""
    return len(label) * size * _EM_PER_CHARACTER


def grid_line(x1: float, x2: float, y: float) -> SafeString:
    return format_html('<line{}/>', attributes(x1=x1, x2=x2, y1=y, y2=y, class_="chart__grid", stroke=GRID,
                                                stroke_width=1))


def y_axis(values: Iterable[float], *, y_for: Callable[[float], float], left: float, right: float,
           suffix: str = "") -> list[SafeString]:
    """A grid line across the plot at each value, and the value to the left of the plot."""
    return [
        format_html("{}{}", grid_line(left, right, y_for(value)),
                    text(left - 6, y_for(value) + 4, f"{value}{suffix}", anchor="end"))
        for value in values
    ]


def spread_x(values: Sequence[float], *, left: float, width: float, pad: float) -> list[float]:
    """Where points at `values` (times, days) stand across a plot from `left`, `width` wide: by time,
    `pad` in from either edge; evenly when they all share one time; one point in the middle."""
    if len(values) == 1:
        return [round(left + width / 2, 1)]
    start, span = values[0], values[-1] - values[0]
    inner = width - 2 * pad
    if span:
        return [round(left + pad + (value - start) / span * inner, 1) for value in values]
    return [round(left + pad + index / (len(values) - 1) * inner, 1) for index in range(len(values))]


def date_axis(marks: Sequence[tuple[float, str]], *, y: float, most: int) -> list[SafeString]:
    """Labels under a time axis for points at (x, label), left to right; never two that touch.

    The first label starts at its point and the last ends at its own, so neither runs off the plot;
    those between are centred. Every point is labelled when there are few; else about `most`,
    evenly spaced, always the first and the last. A label that would run into the one before it
    is left out, except the last: the labels before it make way.
    """
    count = len(marks)
    if not count:
        return []
    step = math.ceil(count / most)
    wanted = sorted(set(range(0, count, step)) | {count - 1})

    def anchor(index: int) -> str:
        if count == 1:
            return "middle"
        return "start" if index == 0 else "end" if index == count - 1 else "middle"

    def extent(index: int) -> tuple[float, float]:
        x, label = marks[index]
        width = text_width(label)
        return {"start": (x, x + width), "middle": (x - width / 2, x + width / 2), "end": (x - width, x)}[anchor(index)]

    kept: list[int] = []
    for index in wanted:
        if index == count - 1:
            while len(kept) > 1 and extent(kept[-1])[1] + LABEL_GAP > extent(index)[0]:
                kept.pop()
        if kept and extent(kept[-1])[1] + LABEL_GAP > extent(index)[0]:
            continue
        kept.append(index)
    return [text(marks[index][0], y, marks[index][1], anchor=anchor(index)) for index in kept]

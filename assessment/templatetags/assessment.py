"""Template tags of stage 1: the risk charts (server-side SVG, the same in the browser and in the
PDF reports), the band badge, and the panel the core's case page shows (`risk_register_panel`).

The charts carry their own colours, strokes and fonts as attributes (crisis/charts.py says why);
the bands' colours come from the matrix (`BAND_COLOURS`).
Every piece of text goes through format_html/escape; nothing a user typed is ever marked safe.
Colour is never the only cue: heat-map cells carry the band's initial, the count and a title.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from crisis import charts

from ..risk_matrix import BAND_COLOURS, IMPACT_LEVELS, LIKELIHOOD_LEVELS, Band, band_for

register = template.Library()

BASIS_LABELS = {"inherent": "Inherent", "current": "Current", "target": "Target"}

# Heat map geometry (SVG user units; the viewBox lets it scale).
_CELL = 56
_GAP = 3
_LEFT = 104  # room for the likelihood names
_TOP = 8
_BOTTOM = 58  # room for the impact names and the axis title


def _band_label(band: str) -> str:
    return Band(band).label if band in Band.values else band


def _wrap(label: str) -> list[str]:
    """Split a two-word level name ("Almost certain") over two lines."""
    return label.split(" ", 1) if " " in label else [label]


@register.simple_tag
def risk_heat_map(
    grid: Sequence[Sequence[dict]],
    basis: str = "current",
    link_base: str = "",
    selected: tuple[int, int] | None = None,
    links: bool = True,
    extra_query: dict | None = None,
) -> SafeString:
    """`{% risk_heat_map grid basis=basis link_base=request.path %}`: the 5×5 matrix as SVG.

    `grid` comes from selectors.risk_heat_map (rows likelihood 5…1, columns impact 1…5). Each cell
    links to `link_base?basis=…&likelihood=…&impact=…`, which filters the register to that cell.
    """
    basis_label = BASIS_LABELS.get(basis, basis)
    size = 5 * _CELL + 4 * _GAP
    width, height = _LEFT + size + 8, _TOP + size + _BOTTOM
    total = sum(cell["count"] for row in grid for cell in row)
    cells = []
    for row_index, row in enumerate(grid):
        for col_index, cell in enumerate(row):
            x = _LEFT + col_index * (_CELL + _GAP)
            y = _TOP + row_index * (_CELL + _GAP)
            likelihood, impact, count = cell["likelihood"], cell["impact"], cell["count"]
            band = cell["band"]
            label = (
                f"{LIKELIHOOD_LEVELS[likelihood]} likelihood × {IMPACT_LEVELS[impact]} impact "
                f"({_band_label(band)}): {count} risk{'' if count == 1 else 's'}"
            )
            is_selected = selected is not None and tuple(selected) == (likelihood, impact)
            colours = BAND_COLOURS[Band(band)]
            cell_attrs = charts.attributes(
                x=x, y=y, width=_CELL, height=_CELL, rx=3,
                class_=f"heat__cell heat__cell--{band}" + (" heat__cell--selected" if is_selected else ""),
                fill=colours.fill,
                # The chosen cell: a thick dashed black edge; any other: a hairline of white between cells.
                stroke="#000000" if is_selected else charts.WHITE, stroke_width=6 if is_selected else 1,
                stroke_dasharray="6 3" if is_selected else None,
            )
            shape = format_html(
                "<title>{}</title><rect{}/>{}{}",
                label, cell_attrs,
                # A zero and the band's initial are the text colour faded into the cell's.
                charts.text(x + _CELL / 2, y + _CELL / 2 + 7, count, size=20, weight=700 if count else 400,
                            fill=colours.text if count else charts.blend(colours.text, colours.fill, 0.55),
                            anchor="middle", cls="heat__count" if count else "heat__count heat__count--zero"),
                charts.text(x + _CELL - 4, y + 12, _band_label(band)[0], cls="heat__band", size=10, weight=600,
                            fill=charts.blend(colours.text, colours.fill, 0.8), anchor="end", aria_hidden="true"),
            )
            if links:
                query = {**(extra_query or {}), "basis": basis, "likelihood": likelihood, "impact": impact}
                cells.append(format_html(
                    '<a href="{}?{}" class="heat__link" data-likelihood="{}" data-impact="{}" data-count="{}"'
                    ' aria-label="{}"{}>{}</a>',
                    link_base, urlencode(query), likelihood, impact, count, label,
                    mark_safe(' aria-current="true"') if is_selected else "", shape,
                ))
            else:
                cells.append(format_html(
                    '<g class="heat__group" data-likelihood="{}" data-impact="{}" data-count="{}">{}</g>',
                    likelihood, impact, count, shape,
                ))
    # Axis labels: likelihood on the left (5 at the top), impact along the bottom.
    axis = []
    for row_index, likelihood in enumerate(range(5, 0, -1)):
        lines = _wrap(LIKELIHOOD_LEVELS[likelihood])
        y = _TOP + row_index * (_CELL + _GAP) + _CELL / 2 - (len(lines) - 1) * 6 + 4
        axis.append(charts.text(
            _LEFT - 8, y,
            format_html_join("", '<tspan x="{}" dy="{}">{}</tspan>',
                             ((_LEFT - 8, 0 if i == 0 else 12, line) for i, line in enumerate(lines))),
            cls="heat__axis", anchor="end",
        ))
    for col_index, impact in enumerate(range(1, 6)):
        x = _LEFT + col_index * (_CELL + _GAP) + _CELL / 2
        axis.append(charts.text(x, _TOP + size + 16, IMPACT_LEVELS[impact], cls="heat__axis", anchor="middle"))
    axis.append(charts.title_text(_LEFT + size / 2, _TOP + size + 40, "Impact →", cls="heat__axis-title",
                                  anchor="middle"))
    axis.append(charts.title_text(14, _TOP + size / 2, "Likelihood →", cls="heat__axis-title", anchor="middle",
                                  transform=f"rotate(-90 14 {_TOP + size / 2})"))
    title_id = f"heat-title-{basis}"
    return format_html(
        '<svg class="heat" viewBox="0 0 {} {}" width="{}" height="{}" role="group" aria-labelledby="{} {}-desc"'
        ' data-basis="{}" data-total="{}" font-family="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{} risk heat map</title>'
        '<desc id="{}-desc">{} risks by likelihood (rows, almost certain at the top) and impact (columns, severe '
        'on the right). Each cell shows its count and its priority band; choose a cell to list its risks.</desc>'
        '{}{}</svg>',
        width, height, width, height, title_id, title_id, basis, total, charts.FONT_FAMILY,
        title_id, basis_label, title_id, total,
        mark_safe("".join(cells)), mark_safe("".join(axis)),  # each piece built by format_html
    )


# Score over time --------------------------------------------------------------------------------

_CW, _CH = 600, 240
_CL, _CR, _CT, _CB = 40, 16, 12, 44
_PAD = 24
_BAND_STRIPES = ((20, 25, Band.CRITICAL), (12, 20, Band.HIGH), (5, 12, Band.MEDIUM), (0, 5, Band.LOW))


@register.simple_tag
def score_history_chart(history: Iterable) -> SafeString:
    """`{% score_history_chart history %}`: the current score (0–25) after each scoring, over time.

    `history` is the risk's RiskScoreChange rows, oldest first. One point when only identified.
    The stripes behind the line are a rough guide by score; the band itself comes from the matrix
    and is named in each point's title.
    """
    points = list(history)
    plot_w, plot_h = _CW - _CL - _CR, _CH - _CT - _CB

    def y_for(value: float) -> float:
        return round(_CT + plot_h - value / 25 * plot_h, 1)

    parts = [
        format_html('<rect{}/>', charts.attributes(
            x=_CL, y=y_for(high), width=plot_w, height=round(y_for(low) - y_for(high), 1),
            class_=f"chart__stripe chart__stripe--{band}", fill=BAND_COLOURS[band].tint,
        ))
        for low, high, band in _BAND_STRIPES
    ]
    parts += charts.y_axis(range(0, 26, 5), y_for=y_for, left=_CL, right=_CL + plot_w)
    if points:
        xs = charts.spread_x([p.changed_at.timestamp() for p in points], left=_CL, width=plot_w, pad=_PAD)
        coords = [(x, y_for(point.current_score)) for point, x in zip(points, xs, strict=True)]
        if len(coords) > 1:
            parts.append(format_html('<polyline{}/>', charts.attributes(
                points=" ".join(f"{x},{y}" for x, y in coords), class_="chart__line", fill="none",
                stroke=charts.BRAND, stroke_width=3,
            )))
        marks = []
        for point, (x, y) in zip(points, coords, strict=True):
            when = timezone.localtime(point.changed_at).strftime("%-d %b %Y")
            parts.append(format_html(
                '<circle{}><title>{}: score {} ({}) — {}</title></circle>',
                charts.attributes(cx=x, cy=y, r=5, class_=f"chart__point chart__point--{point.band}",
                                  fill=BAND_COLOURS[Band(point.band)].mark, stroke=charts.WHITE, stroke_width=2,
                                  data_score=point.current_score),
                when, point.current_score, _band_label(point.band), point.reason,
            ))
            marks.append((x, when))
        parts += charts.date_axis(marks, y=_CT + plot_h + 18, most=6)
    parts.append(charts.title_text(_CL + plot_w / 2, _CH - 6, "Date of scoring", anchor="middle"))
    first, last = (points[0], points[-1]) if points else (None, None)
    summary = (
        f"{len(points)} scoring{'s' if len(points) != 1 else ''}: from {first.current_score} to {last.current_score}."
        if points else "No scores yet."
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="score-chart-title '
        'score-chart-desc" data-points="{}" font-family="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="score-chart-title">Current score over time</title><desc id="score-chart-desc">{} The history '
        'table below lists every change.</desc>{}</svg>',
        _CW, _CH, _CW, _CH, len(points), charts.FONT_FAMILY, summary,
        mark_safe("".join(parts)),  # each piece built by format_html
    )


@register.simple_tag
def level_name(kind: str, value: int) -> str:
    """`{% level_name "likelihood" risk.current_likelihood %}` → "Likely"."""
    levels = LIKELIHOOD_LEVELS if kind == "likelihood" else IMPACT_LEVELS
    return levels.get(value, str(value))


@register.filter
def band_of(pair) -> str:
    """`[likelihood, impact]|band_of` → the band value from the matrix ("" for a bad pair)."""
    try:
        likelihood, impact = pair
        return band_for(int(likelihood), int(impact)).value
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("assessment/band_badge.html")
def band_badge(value: str) -> dict:
    """A priority band badge that says its band in words, not only in colour."""
    return {"value": value, "label": _band_label(value)}


# Improvement checkpoints over time ---------------------------------------------------------------


# The panel the core's case page shows ----------------------------------------------------------


@register.inclusion_tag("assessment/_risk_case_summary.html", takes_context=True)
def risk_register_panel(context, case) -> dict:
    """`{% risk_register_panel case %}`: the register's counts, a small heat map and the sign-off, as
    the signed-in user may see them (staff: the risks they own). A fixed number of aggregate queries."""
    from django.urls import reverse

    from .. import selectors

    user = context["request"].user
    visible = selectors.case_risks(user=user, case=case)
    panel = {
        "case": case,
        "risk_counts": selectors.risk_register_counts(visible),
        "risk_heat_map_grid": selectors.risk_heat_map(visible, basis="current"),
        "risk_register_url": reverse("assessment:risk_register", kwargs={"reference": case.reference}),
        "can_view_register": selectors.can_view_risk_register(user=user, case=case),
    }
    if panel["can_view_register"]:
        panel["risk_assessment"] = selectors.assessment_status(case=case)
        panel["risk_categories_missing"] = [
            c["label"] for c in panel["risk_assessment"]["categories"] if not c["considered"]
        ]
    return panel

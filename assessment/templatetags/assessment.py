"""Template tags of stage 1: the risk charts (server-side SVG, the same in the browser and in the
PDF reports), the band badge, and the panel the core's case page shows (`risk_register_panel`).

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

from ..risk_matrix import IMPACT_LEVELS, LIKELIHOOD_LEVELS, Band, band_for

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
            shape = format_html(
                '<title>{}</title>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" class="heat__cell heat__cell--{}{}"/>'
                '<text x="{}" y="{}" class="heat__count{}" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" class="heat__band" text-anchor="end" aria-hidden="true">{}</text>',
                label, x, y, _CELL, _CELL, band, " heat__cell--selected" if is_selected else "",
                x + _CELL / 2, y + _CELL / 2 + 7, " heat__count--zero" if not count else "", count,
                x + _CELL - 4, y + 12, _band_label(band)[0],
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
        axis.append(format_html(
            '<text x="{}" y="{}" class="heat__axis" text-anchor="end">{}</text>',
            _LEFT - 8, y,
            format_html_join("", '<tspan x="{}" dy="{}">{}</tspan>',
                             ((_LEFT - 8, 0 if i == 0 else 12, line) for i, line in enumerate(lines))),
        ))
    for col_index, impact in enumerate(range(1, 6)):
        x = _LEFT + col_index * (_CELL + _GAP) + _CELL / 2
        axis.append(format_html(
            '<text x="{}" y="{}" class="heat__axis" text-anchor="middle">{}</text>',
            x, _TOP + size + 16, IMPACT_LEVELS[impact],
        ))
    axis.append(format_html(
        '<text x="{}" y="{}" class="heat__axis-title" text-anchor="middle">Impact →</text>',
        _LEFT + size / 2, _TOP + size + 40,
    ))
    axis.append(format_html(
        '<text x="14" y="{}" class="heat__axis-title" text-anchor="middle" transform="rotate(-90 14 {})">'
        'Likelihood →</text>',
        _TOP + size / 2, _TOP + size / 2,
    ))
    title_id = f"heat-title-{basis}"
    return format_html(
        '<svg class="heat" viewBox="0 0 {} {}" width="{}" height="{}" role="group" aria-labelledby="{} {}-desc"'
        ' data-basis="{}" data-total="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{} risk heat map</title>'
        '<desc id="{}-desc">{} risks by likelihood (rows, almost certain at the top) and impact (columns, severe '
        'on the right). Each cell shows its count and its priority band; choose a cell to list its risks.</desc>'
        '{}{}</svg>',
        width, height, width, height, title_id, title_id, basis, total,
        title_id, basis_label, title_id, total,
        mark_safe("".join(cells)), mark_safe("".join(axis)),  # each piece built by format_html
    )


# Score over time --------------------------------------------------------------------------------

_CW, _CH = 600, 240
_CL, _CR, _CT, _CB = 40, 16, 12, 44
_PAD = 24
_BAND_STRIPES = ((20, 25, "critical"), (12, 20, "high"), (5, 12, "medium"), (0, 5, "low"))


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

    parts = []
    for low, high, band in _BAND_STRIPES:
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" class="chart__stripe chart__stripe--{}"/>',
            _CL, y_for(high), plot_w, round(y_for(low) - y_for(high), 1), band,
        ))
    for value in range(0, 26, 5):
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart__grid"/>'
            '<text x="{}" y="{}" class="chart__axis" text-anchor="end">{}</text>',
            _CL, _CL + plot_w, y_for(value), y_for(value), _CL - 6, y_for(value) + 4, value,
        ))
    if points:
        times = [p.changed_at.timestamp() for p in points]
        start, span = times[0], (times[-1] - times[0])
        coords = []
        for index, (point, moment) in enumerate(zip(points, times, strict=True)):
            inner = plot_w - 2 * _PAD  # keep the first and last points off the axes
            if len(points) == 1:
                x = _CL + plot_w / 2
            elif span:
                x = _CL + _PAD + (moment - start) / span * inner
            else:
                x = _CL + _PAD + index / (len(points) - 1) * inner
            coords.append((round(x, 1), y_for(point.current_score)))
        if len(coords) > 1:
            parts.append(format_html(
                '<polyline points="{}" class="chart__line"/>', " ".join(f"{x},{y}" for x, y in coords)
            ))
        # Date labels: every point when few, else first, last and a few between.
        step = max(1, (len(points) + 5) // 6)
        labelled = set(range(0, len(points), step)) | {len(points) - 1}
        last_label_x = None
        for index, (point, (x, y)) in enumerate(zip(points, coords, strict=True)):
            when = timezone.localtime(point.changed_at)
            parts.append(format_html(
                '<circle cx="{}" cy="{}" r="5" class="chart__point chart__point--{}" data-score="{}">'
                '<title>{}: score {} ({}) — {}</title></circle>',
                x, y, point.band, point.current_score, when.strftime("%-d %b %Y"), point.current_score,
                _band_label(point.band), point.reason,
            ))
            if index in labelled and (last_label_x is None or x - last_label_x >= 80):
                anchor = "middle"
                if len(points) > 1 and index == 0:
                    anchor = "start"
                elif len(points) > 1 and index == len(points) - 1:
                    anchor = "end"
                parts.append(format_html(
                    '<text x="{}" y="{}" class="chart__axis" text-anchor="{}">{}</text>',
                    x, _CT + plot_h + 18, anchor, when.strftime("%-d %b %Y"),
                ))
                last_label_x = x
    parts.append(format_html(
        '<text x="{}" y="{}" class="chart__axis-title" text-anchor="middle">Date of scoring</text>',
        _CL + plot_w / 2, _CH - 6,
    ))
    first, last = (points[0], points[-1]) if points else (None, None)
    summary = (
        f"{len(points)} scoring{'s' if len(points) != 1 else ''}: from {first.current_score} to {last.current_score}."
        if points else "No scores yet."
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="score-chart-title '
        'score-chart-desc" data-points="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="score-chart-title">Current score over time</title><desc id="score-chart-desc">{} The history '
        'table below lists every change.</desc>{}</svg>',
        _CW, _CH, _CW, _CH, len(points), summary, mark_safe("".join(parts)),  # each piece built by format_html
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

"""The coverage chart: one stacked bar per requirement, split into current, expiring, expired and
missing, with the share in date written beside it. Drawn server-side from crisis/charts.py's pieces,
so the page and the training record PDF show the same picture; every colour is a presentation
attribute, and the words (legend, counts, percentages) mean nobody depends on colour alone."""

from __future__ import annotations

from itertools import pairwise

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from crisis import charts

from .selectors.matrix import STATUS_LABELS, STATUSES, Coverage

AMBER = "#b26a00"
GREY = "#8a94a3"
STATUS_COLOURS = {"current": charts.GREEN, "expiring": AMBER, "expired": charts.RED, "missing": GREY}
STATUS_TEXT = {"current": charts.WHITE, "expiring": charts.WHITE, "expired": charts.WHITE, "missing": charts.INK}

_W = 760  # viewBox width
_LABEL_W = 300  # the requirement titles
_PERCENT_W = 64  # the share in date, right of the bar
_ROW_H = 26
_BAR_H = 18
_TOP = 34  # the legend above the bars


def _short(title: str, most: int = 44) -> str:
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def coverage_chart(coverage: list[tuple[object, Coverage]], overall: Coverage) -> SafeString:
    """`coverage` is [(requirement, Coverage)] in the matrix's order; `overall` the whole grid."""
    bar_left, bar_w = _LABEL_W, _W - _LABEL_W - _PERCENT_W
    height = _TOP + _ROW_H * max(len(coverage), 1) + 10
    parts: list[SafeString] = []
    x = 0.0
    for status in STATUSES:  # the legend: a swatch and the word for each status
        parts.append(format_html('<rect{}/>', charts.attributes(x=x, y=8, width=12, height=12,
                                                                 fill=STATUS_COLOURS[status])))
        parts.append(charts.text(x + 16, 18, STATUS_LABELS[status]))
        x += 16 + charts.text_width(STATUS_LABELS[status]) + 18
    for index, (requirement, cover) in enumerate(coverage):
        y = _TOP + index * _ROW_H
        row = [charts.text(bar_left - 8, y + _BAR_H - 5, _short(str(requirement)), anchor="end", fill=charts.INK)]
        if cover.applicable:
            left = float(bar_left)
            for status in STATUSES:
                count = cover.counts[status]
                if not count:
                    continue
                width = round(count / cover.applicable * bar_w, 1)
                row.append(format_html('<rect{}/>', charts.attributes(
                    x=round(left, 1), y=y, width=width, height=_BAR_H, fill=STATUS_COLOURS[status],
                    class_=f"coverage__bar coverage__bar--{status}", data_status=status, data_count=count)))
                if width >= charts.text_width(str(count)) + 6:
                    row.append(charts.text(round(left + width / 2, 1), y + _BAR_H - 5, count, anchor="middle",
                                           fill=STATUS_TEXT[status], weight=600))
                left += width
            row.append(charts.text(_W - _PERCENT_W + 8, y + _BAR_H - 5, f"{cover.percent}%", fill=charts.INK,
                                   weight=600))
        else:
            row.append(charts.text(bar_left, y + _BAR_H - 5, "Applies to nobody"))
        parts.append(format_html('<g{}>{}</g>', charts.attributes(class_="coverage__row",
                                                                  data_requirement=getattr(requirement, "pk", "")),
                                 mark_safe("".join(row))))  # each piece built by format_html
    summary = (f"{overall.percent}% of required training is in date: {overall.counts['current']} current, "
               f"{overall.counts['expiring']} expiring within 60 days, {overall.counts['expired']} expired, "
               f"{overall.counts['missing']} missing." if overall.applicable else "No training is required yet.")
    return format_html(
        '<svg class="chart coverage" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="coverage-title coverage-desc" font-family="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="coverage-title">Training coverage by requirement</title><desc id="coverage-desc">{} '
        'The table lists every figure.</desc>{}</svg>',
        _W, height, _W, height, charts.FONT_FAMILY, summary, mark_safe("".join(parts)),
    )


# Surveys: the key score of each group across the rounds of a series ---------------------------------

SURVEY_GROUP_COLOURS = {"staff": charts.BRAND, "leaders": charts.PURPLE, "parents": charts.GREEN, "pupils": AMBER}
_TREND_W, _TREND_H = 640, 240
_TREND_LEFT, _TREND_RIGHT, _TREND_TOP, _TREND_BOTTOM = 44, 16, 40, 40


def survey_trend_chart(trend: list[dict]) -> SafeString:
    """`trend` is what `case_survey_trend` gives: per group its points (only rounds at or above the
    threshold). One line per group on a 1–5 scale, the rounds along the bottom, each point labelled
    with its score; the legend names the groups, so colour only repeats the words."""
    seen: dict[int, tuple] = {}  # survey id -> (opens_on, id, label): the rounds in the order they ran
    for group in trend:
        for point in group["points"]:
            seen[point["survey_id"]] = (point["opens_on"], point["survey_id"],
                                        f"{point['round_label']} {point['opens_on']:%b %Y}")
    rounds = [(survey_id, label) for _, survey_id, label in sorted(seen.values())]
    order = {survey_id: index for index, (survey_id, _) in enumerate(rounds)}
    plot_w = _TREND_W - _TREND_LEFT - _TREND_RIGHT
    plot_h = _TREND_H - _TREND_TOP - _TREND_BOTTOM
    xs = charts.spread_x(list(range(len(rounds))) or [0], left=_TREND_LEFT, width=plot_w, pad=40)

    def y_for(value: float) -> float:
        return round(_TREND_TOP + (5 - value) / 4 * plot_h, 1)

    parts: list[SafeString] = list(charts.y_axis([1, 2, 3, 4, 5], y_for=y_for, left=_TREND_LEFT,
                                                 right=_TREND_W - _TREND_RIGHT))
    x = float(_TREND_LEFT)
    for group in [g for g in trend if g["points"]]:  # the legend: the groups drawn
        colour = SURVEY_GROUP_COLOURS.get(group["group"], charts.INK)
        parts.append(format_html('<rect{}/>', charts.attributes(x=x, y=10, width=12, height=12, fill=colour)))
        parts.append(charts.text(x + 16, 20, group["label"], fill=charts.INK))
        x += 16 + charts.text_width(group["label"]) + 18
    parts.extend(charts.date_axis([(xs[i], label) for i, (_, label) in enumerate(rounds)],
                                  y=_TREND_H - _TREND_BOTTOM + 18, most=6))
    summary = []
    labels: dict[float, list[list]] = {}  # x -> [[y, score]]: the scores written beside the points
    for group in trend:
        colour = SURVEY_GROUP_COLOURS.get(group["group"], charts.INK)
        points = [(xs[order[p["survey_id"]]], y_for(p["score"]), p) for p in group["points"] if p["score"] is not None]
        if len(points) > 1:
            parts.append(format_html('<polyline{}/>', charts.attributes(
                points=" ".join(f"{px},{py}" for px, py, _ in points), fill="none", stroke=colour, stroke_width=2.5,
                class_="survey-trend__line", data_group=group["group"])))
        for px, py, p in points:
            parts.append(format_html('<circle{}/>', charts.attributes(cx=px, cy=py, r=4, fill=colour,
                                                                       class_="survey-trend__point")))
            labels.setdefault(px, []).append([py - 6, p["score"]])
        if points:
            summary.append(f"{group['label']}: " + ", ".join(f"{p['round_label']} {p['score']}" for *_, p in points))
    for px, column in labels.items():  # close scores of one round are moved apart, never drawn over each other
        column.sort()
        for above, below in pairwise(column):
            below[0] = max(below[0], above[0] + charts.AXIS_SIZE + 2)
        for y, score in column:
            parts.append(charts.text(px + 7, round(y, 1), score, fill=charts.INK, weight=600))
    desc = ("Key score of each group out of 5 by round. " + "; ".join(summary) + "."
            if summary else "No round has enough responses to show yet.")
    return format_html(
        '<svg class="chart survey-trend" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="survey-trend-title survey-trend-desc" font-family="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="survey-trend-title">Survey key scores by round</title><desc id="survey-trend-desc">{}</desc>'
        '{}</svg>',
        _TREND_W, _TREND_H, _TREND_W, _TREND_H, charts.FONT_FAMILY, desc, mark_safe("".join(parts)),
    )

"""The coverage chart: one stacked bar per requirement, split into current, expiring, expired and
missing, with the share in date written beside it. Drawn server-side from crisis/charts.py's pieces,
so the page and the training record PDF show the same picture; every colour is a presentation
attribute, and the words (legend, counts, percentages) mean nobody depends on colour alone."""

from __future__ import annotations

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

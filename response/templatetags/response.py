"""Template tags of stage 3: the improvement trend chart (server-side SVG, the same in the browser
and in the PDF reports), and the panels the core's pages show (the action plan and checkpoints on
the case page, the policy register on the organisation page).

The chart carries its own colours, strokes and fonts as attributes (crisis/charts.py says why).
Every piece of text goes through format_html/escape; nothing a user typed is ever marked safe.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from crisis import charts

register = template.Library()

_TW = 640
_TL, _TR = 48, 52  # room for the left (%) and right (overdue count) axes
_TA_TOP, _TA_H = 30, 130  # panel A: % of actions done, overdue actions
_TB_TOP, _TB_H = 196, 80  # panel B: average confidence, 1 to 5
_TH = _TB_TOP + _TB_H + 46  # room for the date labels and the axis title

# How each series is drawn, legend and plot alike.
_DONE = {"class_": "trend__done", "fill": "none", "stroke": charts.BRAND, "stroke_width": 3}
_OVERDUE = {"class_": "trend__overdue", "fill": charts.RED, "opacity": "0.55"}
_CONFIDENCE = {"class_": "trend__line trend__confidence", "fill": "none", "stroke": charts.PURPLE,
               "stroke_width": 2.5, "stroke_dasharray": "6 3"}
_POINT = {"stroke": charts.WHITE, "stroke_width": 2}


def _nice_max(value: int) -> int:
    """The top of the overdue axis: at least 4, rounded up to an even number (ticks at 0, ½, 1)."""
    value = max(4, value)
    return value + (value % 2)


def _short_date(day) -> str:
    return day.strftime("%-d %b %Y")


@register.simple_tag
def checkpoint_trend_chart(checkpoints: Iterable, small: bool = False) -> SafeString:
    """`{% checkpoint_trend_chart checkpoints %}`: the improvement checkpoints over time, as SVG.

    `checkpoints` are ImprovementCheckpoint rows, oldest first (selectors.case_checkpoints). The top
    panel shows the share of actions done (line, left axis) and the overdue actions (bars, right
    axis); the bottom panel the average confidence of the stakeholder groups rated (1–5). Each
    checkpoint is one group carrying data-checkpoint and its figures; the page's table lists them.
    `small=True` draws the same chart for the case page, with fewer date labels.
    """
    points = list(checkpoints)
    plot_w = _TW - _TL - _TR
    top_overdue = _nice_max(max((p.actions_overdue for p in points), default=0))

    def y_percent(value: float) -> float:
        return round(_TA_TOP + _TA_H - value / 100 * _TA_H, 1)

    def y_overdue(value: float) -> float:
        return round(_TA_TOP + _TA_H - value / top_overdue * _TA_H, 1)

    def y_confidence(value: float) -> float:
        return round(_TB_TOP + _TB_H - (value - 1) / 4 * _TB_H, 1)

    done_label, overdue_label = "% of actions done (left axis)", "Overdue actions (right axis)"
    overdue_x = round(_TL + 24 + charts.text_width(done_label) + 16, 1)  # the second entry after the first
    parts = [
        # Legend and panel titles: words, not only colour and shape.
        format_html(
            '<g class="trend__legend" aria-hidden="true"><line{}/>{}<rect{}/>{}</g>',
            charts.attributes(x1=_TL, x2=_TL + 18, y1=12, y2=12, **_DONE),
            charts.text(_TL + 24, 16, done_label),
            charts.attributes(x=overdue_x, y=6, width=10, height=12, **_OVERDUE),
            charts.text(overdue_x + 16, 16, overdue_label),
        ),
        charts.title_text(_TL, _TB_TOP - 12, "Average confidence of stakeholders (1 = none, 5 = full)"),
    ]
    parts += charts.y_axis(range(0, 101, 25), y_for=y_percent, left=_TL, right=_TL + plot_w, suffix="%")
    parts += [
        charts.text(_TL + plot_w + 6, y_overdue(value) + 4, value, cls="chart__axis trend__axis-right",
                    fill=charts.RED, anchor="start")
        for value in (0, top_overdue // 2, top_overdue)
    ]
    parts += charts.y_axis(range(1, 6), y_for=y_confidence, left=_TL, right=_TL + plot_w)
    if points:
        xs = charts.spread_x([p.recorded_on.toordinal() for p in points], left=_TL, width=plot_w, pad=28)
        bar = max(4, min(18, (plot_w - 2 * 28) / len(points) / 2))
        for point, x in zip(points, xs, strict=True):
            if point.actions_overdue:
                parts.append(format_html('<rect{}/>', charts.attributes(
                    x=round(x - bar / 2, 1), y=y_overdue(point.actions_overdue), width=round(bar, 1),
                    height=round(y_overdue(0) - y_overdue(point.actions_overdue), 1), **_OVERDUE,
                )))
        if len(points) > 1:
            parts.append(format_html('<polyline{}/>', charts.attributes(
                points=" ".join(f"{x},{y_percent(p.completion_percent)}" for p, x in zip(points, xs, strict=True)),
                **{**_DONE, "class_": "trend__line trend__done"},
            )))
        # The confidence line breaks where a checkpoint rated no group.
        segment: list[str] = []
        segments = []
        for point, x in zip(points, xs, strict=True):
            if point.average_confidence is None:
                segments.append(segment)
                segment = []
            else:
                segment.append(f"{x},{y_confidence(point.average_confidence)}")
        segments.append(segment)
        for coords in segments:
            if len(coords) > 1:
                parts.append(format_html('<polyline{}/>', charts.attributes(points=" ".join(coords), **_CONFIDENCE)))
        marks = []
        for point, x in zip(points, xs, strict=True):
            when = _short_date(point.recorded_on)
            confidence = point.average_confidence
            summary = (
                f"{when}: {point.completion_percent}% of actions done ({point.actions_complete} of "
                f"{point.actions_total}), {point.actions_overdue} overdue, "
                + (f"average confidence {confidence}" if confidence is not None else "no confidence rated")
            )
            confidence_mark = format_html(
                '<circle{}><title>{}</title></circle>',
                charts.attributes(cx=x, cy=y_confidence(confidence), r=4, **_POINT,
                                  class_="trend__point trend__point--confidence", fill=charts.PURPLE),
                summary,
            ) if confidence is not None else ""
            parts.append(format_html(
                '<g class="trend__checkpoint" data-checkpoint="{}" data-date="{}" data-percent="{}" data-overdue="{}"'
                ' data-confidence="{}"><circle{}><title>{}</title></circle>{}</g>',
                point.pk, point.recorded_on.isoformat(), point.completion_percent, point.actions_overdue,
                "" if confidence is None else confidence,
                charts.attributes(cx=x, cy=y_percent(point.completion_percent), r=5, **_POINT,
                                  class_="trend__point trend__point--done", fill=charts.BRAND),
                summary, confidence_mark,
            ))
            marks.append((x, when))
        parts += charts.date_axis(marks, y=_TB_TOP + _TB_H + 18, most=4 if small else 6)
    else:
        parts.append(charts.text(_TL + plot_w / 2, _TA_TOP + _TA_H / 2, "No checkpoint recorded yet.",
                                 anchor="middle"))
    parts.append(charts.title_text(_TL + plot_w / 2, _TH - 8, "Date of checkpoint", anchor="middle"))
    if points:
        first, last = points[0], points[-1]
        summary = (
            f"{len(points)} checkpoint{'s' if len(points) != 1 else ''} from {_short_date(first.recorded_on)} to "
            f"{_short_date(last.recorded_on)}: actions done from {first.completion_percent}% to "
            f"{last.completion_percent}%, overdue actions from {first.actions_overdue} to {last.actions_overdue}"
        )
        if first.average_confidence is not None and last.average_confidence is not None:
            summary += f", average confidence from {first.average_confidence} to {last.average_confidence}"
        summary += "."
    else:
        summary = "No checkpoint recorded yet."
    chart_id = "trend-small" if small else "trend"
    return format_html(
        '<svg class="chart trend{}" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-labelledby="{}-title '
        '{}-desc" data-points="{}" font-family="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">Improvement checkpoints over time</title><desc id="{}-desc">{} {}</desc>{}</svg>',
        " trend--small" if small else "", _TW, _TH, _TW, _TH, chart_id, chart_id, len(points), charts.FONT_FAMILY,
        chart_id, chart_id, summary,
        "The table of checkpoints lists every figure." if not small else "The checkpoints page lists every figure.",
        mark_safe("".join(parts)),  # each piece built by format_html
    )


# Summaries on pages whose views belong to other parts of the app ---------------------------------


# The panels the core's pages show --------------------------------------------------------------


@register.inclusion_tag("response/_action_case_summary.html", takes_context=True)
def action_plan_panel(context, case) -> dict:
    """`{% action_plan_panel case %}`: the plan's figures (one aggregate), the gate to Recovery for the
    case's managers, and the latest action plan PDFs for those who may export them."""
    from crisis.access import can_manage_case

    from .. import selectors, services

    user = context["request"].user
    panel = {
        "case": case,
        "action_stats": selectors.case_action_stats(case=case),
        "gate_problems": services.response_gate_problems(case=case)
        if can_manage_case(user=user, case=case) else None,
        "can_export_action_plan": selectors.can_export_action_plan(user=user, case=case),
    }
    if panel["can_export_action_plan"]:
        panel["reports"] = list(selectors.case_reports(case=case)[:5])
    return panel


@register.inclusion_tag("response/_checkpoint_case_summary.html")
def checkpoint_panel(case) -> dict:
    """`{% checkpoint_panel case %}`: every improvement checkpoint of the case as a small trend chart,
    the latest figures and when the next is due."""
    from .. import selectors

    return selectors.checkpoint_summary(case=case)


@register.inclusion_tag("response/_policy_org_summary.html", takes_context=True)
def policy_register_panel(context, organisation) -> dict:
    """`{% policy_register_panel organisation %}`: the organisation page's policies panel (one query)."""
    from .. import selectors

    return selectors.policy_register_summary(user=context["request"].user, organisation=organisation)
